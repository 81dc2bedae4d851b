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
  { "GET",    "/api/v1/persons",     YBS_AUTH_USER, 0, ybs_route_persons_search, NULL, "按姓名查找本县参保人员（相似度排序）" },
  { "GET",    "/api/v1/persons/{id}", YBS_AUTH_USER, 0, ybs_route_persons_get, NULL, "一个参保人员" },
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

/* Walks both strings segment by segment: this runs for every route on every request, so
 * it allocates only for the {names} it fills in. */
static gboolean
path_matches (const char *pattern,
              const char *path,
              GHashTable *params)
{
  const char *p = pattern, *q = path;

  for (;;)
    {
      const char *pe = strchr (p, '/');
      const char *qe = strchr (q, '/');
      gsize plen, qlen;

      if (pe == NULL)
        pe = p + strlen (p);
      if (qe == NULL)
        qe = q + strlen (q);
      plen = (gsize) (pe - p);
      qlen = (gsize) (qe - q);

      if (plen > 2 && p[0] == '{' && p[plen - 1] == '}')
        {
          g_autofree char *value = qlen > 0 ? g_uri_unescape_segment (q, qe, NULL) : NULL;

          if (value == NULL || *value == '\0')
            return FALSE;
          if (params != NULL)
            g_hash_table_insert (params, g_strndup (p + 1, plen - 2), g_steal_pointer (&value));
        }
      else if (plen != qlen || memcmp (p, q, plen) != 0)
        return FALSE;

      if (*pe == '\0' || *qe == '\0')
        return *pe == '\0' && *qe == '\0';
      p = pe + 1;
      q = qe + 1;
    }
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
