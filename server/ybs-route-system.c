/* ybs-route-system.c: liveness, readiness, metrics and the OpenAPI document. */
#define G_LOG_DOMAIN "yibao-server"

#include <gio/gio.h>
#include <stdlib.h>

#include "ybs-error.h"
#include "ybs-migrate.h"
#include "ybs-routes.h"
#include "ybs-server.h"
#include "ybs-server-resources.h"

gboolean
ybs_route_healthz (YbsCall  *call,
                   gpointer  server,
                   GError  **error)
{
  call->reply_raw = g_strdup ("{\"status\":\"ok\"}");
  return TRUE;
}

gboolean
ybs_route_readyz (YbsCall   *call,
                  YbsDbConn *conn,
                  GError   **error)
{
  g_autoptr(PGresult) res = ybs_db_exec (conn, "readyz",
                                         "SELECT coalesce(max(version), 0) FROM schema_migrations", 0, NULL, error);
  int version;

  if (res == NULL)
    return FALSE;
  version = atoi (PQgetvalue (res, 0, 0));
  if (version != ybs_migrate_known_version ())
    {
      call->problem_code = g_strdup ("schema.mismatch");
      g_set_error (error, YBS_ERROR, YBS_ERROR_UNAVAILABLE,
                   "数据库结构版本 %d 与服务器所需版本 %d 不一致", version, ybs_migrate_known_version ());
      return FALSE;
    }
  call->reply_raw = g_strdup_printf ("{\"status\":\"ready\",\"schema_version\":%d}", version);
  return TRUE;
}

gboolean
ybs_route_metrics (YbsCall  *call,
                   gpointer  server,
                   GError  **error)
{
  YbsServer *self = server;
  YbsDb *db = ybs_server_get_db (self);
  g_autoptr(GString) out = g_string_new (NULL);

  ybs_metrics_render (ybs_server_get_metrics (self), out);
  g_string_append_printf (out,
    "# HELP yibao_db_pool_size Database connections the server may open.\n"
    "# TYPE yibao_db_pool_size gauge\nyibao_db_pool_size %u\n"
    "# HELP yibao_db_pool_busy Connections running a job now.\n"
    "# TYPE yibao_db_pool_busy gauge\nyibao_db_pool_busy %u\n"
    "# HELP yibao_db_jobs_queued Jobs waiting for a connection.\n"
    "# TYPE yibao_db_jobs_queued gauge\nyibao_db_jobs_queued %u\n"
    "# HELP yibao_http_in_flight Requests being answered now.\n"
    "# TYPE yibao_http_in_flight gauge\nyibao_http_in_flight %u\n",
    ybs_db_get_pool_size (db), ybs_db_get_busy (db), ybs_db_get_queued (db),
    ybs_server_get_in_flight (self));

  call->reply_bytes = g_string_free_to_bytes (g_steal_pointer (&out));
  call->reply_type = g_strdup ("text/plain; version=0.0.4; charset=utf-8");
  return TRUE;
}

gboolean
ybs_route_openapi (YbsCall  *call,
                   gpointer  server,
                   GError  **error)
{
  call->reply_bytes = g_resource_lookup_data (ybs_server_get_resource (), "/cn/yibao/server/openapi.json", 0, error);
  call->reply_type = g_strdup ("application/json");
  return call->reply_bytes != NULL;
}
