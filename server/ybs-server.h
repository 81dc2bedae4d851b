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
/* Binds and listens on [server] listen and port (ybs_server_bind), after checking that
 * nothing holds the port already. */
gboolean    ybs_server_listen      (YbsServer  *self,
                                    GError    **error);
/* Serves on @socket, bound and listening. */
gboolean    ybs_server_listen_socket (YbsServer *self,
                                      GSocket   *socket,
                                      GError   **error);

/* Fails when something already holds [server] port (nothing to check for port 0). */
gboolean    ybs_server_check_port_free (const YbsConfig *config,
                                        GError         **error);
/* A TCP socket on [server] listen and @port with SO_REUSEPORT, so that the processes of
 * one server each listen on the same port and the kernel spreads connections between
 * them; listening (backlog 1024) when @listen. */
GSocket    *ybs_server_bind        (const YbsConfig *config,
                                    guint            port,
                                    gboolean         listen,
                                    GError         **error);
/* "http://127.0.0.1:8080/" for a bound socket. */
char       *ybs_server_socket_url  (GSocket         *socket);
/* The URL it listens on, e.g. "http://127.0.0.1:8080/". */
const char *ybs_server_get_url     (YbsServer  *self);
/* Runs until SIGTERM or SIGINT, then stops taking new work, lets running requests
 * finish (at most 10 s), closes the database pool and returns. */
void        ybs_server_run         (YbsServer  *self);

YbsDb      *ybs_server_get_db      (YbsServer  *self);
YbsMetrics *ybs_server_get_metrics (YbsServer  *self);
const YbsConfig *ybs_server_get_config (YbsServer *self);
guint       ybs_server_get_in_flight (YbsServer *self);
/* Client connections open now. */
guint       ybs_server_get_connections (YbsServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbsServer, ybs_server_free)

G_END_DECLS
