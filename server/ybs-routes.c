/* ybs-routes.c: the route table and path matching. */
#define G_LOG_DOMAIN "yibao-server"

#include <string.h>

#include "ybs-routes.h"

static const YbsRoute routes[] = {
  { "GET",    "/healthz",            YBS_AUTH_NONE, 0, NULL, ybs_route_healthz, "进程存活检查" },
  { "GET",    "/readyz",             YBS_AUTH_NONE, 0, ybs_route_readyz, NULL, "就绪检查：数据库可达且结构版本匹配" },
  { "GET",    "/metrics",            YBS_AUTH_NONE, 0, NULL, ybs_route_metrics, "Prometheus 指标" },
  { "GET",    "/api/v1/openapi.json", YBS_AUTH_NONE, 0, NULL, ybs_route_openapi, "OpenAPI 文档" },
  { "POST",   "/api/v1/sessions",    YBS_AUTH_NONE, 0, ybs_route_sessions_create, NULL, "登录，取得会话令牌" },
  { "DELETE", "/api/v1/sessions",    YBS_AUTH_USER, 0, ybs_route_sessions_delete, NULL, "退出登录" },
  { "GET",    "/api/v1/me",          YBS_AUTH_USER, 0, ybs_route_me, NULL, "当前用户" },
  { "GET",    "/api/v1/catalogue",   YBS_AUTH_USER, 0, ybs_route_catalogue_list, NULL, "本县权力事项目录" },
  { "GET",    "/api/v1/catalogue/{region}/{code}", YBS_AUTH_USER, 0, ybs_route_catalogue_item, NULL, "一个事项的完整定义" },
  { "GET",    "/api/v1/users",       YBS_AUTH_USER, 0, ybs_route_users_list, NULL, "本县在岗人员（选择第二执法人员等）" },
  { "GET",    "/api/v1/holidays",    YBS_AUTH_USER, 0, ybs_route_holidays_list, NULL, "节假日与调休日历" },
  { "POST",   "/api/v1/cases",       YBS_AUTH_USER, 0, ybs_route_cases_create, NULL, "新建办件" },
  { "GET",    "/api/v1/cases",       YBS_AUTH_USER, 0, ybs_route_cases_list, NULL, "办件列表（工作队列）" },
  { "GET",    "/api/v1/cases/{id}",  YBS_AUTH_USER, 0, ybs_route_cases_get, NULL, "一个办件：状态、时限、可办操作、文书、办理记录" },
  { "POST",   "/api/v1/cases/{id}/actions/{action}", YBS_AUTH_USER, 0, ybs_route_case_action, NULL, "对办件执行一个办理步骤" },
  { "GET",    "/api/v1/documents/{id}", YBS_AUTH_USER, 0, ybs_route_document_get, NULL, "已出具文书的 PDF" },
};

const YbsRoute *
ybs_routes_get (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

static gboolean
path_matches (const char *pattern,
              const char *path,
              GHashTable *params)
{
  g_auto(GStrv) pattern_parts = g_strsplit (pattern, "/", -1);
  g_auto(GStrv) path_parts = g_strsplit (path, "/", -1);

  if (g_strv_length (pattern_parts) != g_strv_length (path_parts))
    return FALSE;

  for (guint i = 0; pattern_parts[i] != NULL; i++)
    {
      const char *p = pattern_parts[i];
      gsize len = strlen (p);

      if (len > 2 && p[0] == '{' && p[len - 1] == '}')
        {
          g_autofree char *value = g_uri_unescape_string (path_parts[i], NULL);

          if (value == NULL || *value == '\0')
            return FALSE;
          if (params != NULL)
            g_hash_table_insert (params, g_strndup (p + 1, len - 2), g_steal_pointer (&value));
        }
      else if (!g_str_equal (p, path_parts[i]))
        return FALSE;
    }
  return TRUE;
}

const YbsRoute *
ybs_routes_match (const char *method,
                  const char *path,
                  GHashTable *params,
                  gboolean   *path_matched,
                  GString    *allowed_methods)
{
  const YbsRoute *found = NULL;

  *path_matched = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!path_matches (routes[i].pattern, path, NULL))
        continue;
      *path_matched = TRUE;
      if (allowed_methods != NULL)
        g_string_append_printf (allowed_methods, "%s%s", allowed_methods->len ? ", " : "", routes[i].method);
      if (found == NULL && g_str_equal (routes[i].method, method))
        {
          found = &routes[i];
          if (params != NULL)
            path_matches (routes[i].pattern, path, params);
        }
    }
  return found;
}
