/* ybs-server.h: the HTTP side of yibao-server: listening, routing, answering, draining. */
#pragma once

#include "ybs-config.h"
#include "ybs-db.h"
#include "ybs-metrics.h"

G_BEGIN_DECLS

typedef struct _YbsServer YbsServer;

/* Takes @config. */
YbsServer  *ybs_server_new         (YbsConfig  *config);
void        ybs_server_free        (YbsServer  *self);
gboolean    ybs_server_listen      (YbsServer  *self,
                                    GError    **error);
/* The URL it listens on, e.g. "http://127.0.0.1:8080/". */
const char *ybs_server_get_url     (YbsServer  *self);
/* Runs until SIGTERM or SIGINT, then stops taking new work, lets running requests
 * finish (at most 10 s), closes the database pool and returns. */
void        ybs_server_run         (YbsServer  *self);

YbsDb      *ybs_server_get_db      (YbsServer  *self);
YbsMetrics *ybs_server_get_metrics (YbsServer  *self);
const YbsConfig *ybs_server_get_config (YbsServer *self);
guint       ybs_server_get_in_flight (YbsServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbsServer, ybs_server_free)

G_END_DECLS
