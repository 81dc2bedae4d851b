/* ybs-connections.h: accepting client connections for SoupServer, with a cap on how many
 * a process keeps open and a timeout for idle ones (ybs-connections.c says why this is
 * not left to SoupServer 3.2). */
#pragma once

#include <libsoup/soup.h>

#include "ybs-config.h"

G_BEGIN_DECLS

typedef struct _YbsConnections YbsConnections;

/* Borrows @soup and @config, which must outlive it. */
YbsConnections *ybs_connections_new          (SoupServer        *soup,
                                              const YbsConfig   *config);
void            ybs_connections_free         (YbsConnections    *self);
/* Accepts the connections of @listener (bound and listening) from now on. */
gboolean        ybs_connections_listen       (YbsConnections    *self,
                                              GSocket           *listener,
                                              GError           **error);
/* New connections are closed at once from now on (the server is stopping). */
void            ybs_connections_refuse_new   (YbsConnections    *self);
void            ybs_connections_stop         (YbsConnections    *self);
guint           ybs_connections_get_open     (YbsConnections    *self);
/* Whether @msg is the stand-in request for a client that went away (see the .c file);
 * the dispatcher answers it with nothing and counts it nowhere. */
gboolean        ybs_connections_is_farewell  (YbsConnections    *self,
                                              SoupServerMessage *msg);

G_END_DECLS
