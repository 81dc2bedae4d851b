/* ybs-routes.h: the route table: every path the server answers, in one place, so the
 * dispatcher, the OpenAPI check and the authorisation tests all read the same list. */
#pragma once

#include "ybs-call.h"

G_BEGIN_DECLS

const YbsRoute *ybs_routes_get   (guint       *n_routes);
/* Matches @path against the table. Returns the route for @method, or NULL; sets
 * @path_matched when some route has the path with another method (→ 405), and fills
 * @params with the path's {names}. */
const YbsRoute *ybs_routes_match (const char  *method,
                                  const char  *path,
                                  GHashTable  *params,
                                  gboolean    *path_matched,
                                  GString     *allowed_methods);

/* Handlers, one file per resource. */
gboolean ybs_route_sessions_create (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_sessions_delete (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_me              (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_catalogue_list  (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_catalogue_item  (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_cases_create    (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_cases_list      (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_cases_get       (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_case_action     (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_document_get    (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_users_list      (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_holidays_list   (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_persons_search  (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_persons_get     (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_readyz          (YbsCall *call, YbsDbConn *conn, GError **error);
gboolean ybs_route_healthz         (YbsCall *call, gpointer server, GError **error);
gboolean ybs_route_metrics         (YbsCall *call, gpointer server, GError **error);
gboolean ybs_route_openapi         (YbsCall *call, gpointer server, GError **error);

G_END_DECLS
