/* ybs-route-catalogue.c: the catalogue of power items as a county offers them.
 *
 * Staff read their own county; a city-level viewer reads every county of the city.
 * Another county is "not found", never "forbidden": its existence is not the caller's
 * business. The JSON is assembled by PostgreSQL, which has it all in one place.
 */
#define G_LOG_DOMAIN "yibao-server"

#include "ybs-error.h"
#include "ybs-routes.h"

/* The WHERE clause every catalogue query shares: $1 region asked, $2 the user's region,
 * $3 whether the user sees the whole city. */
#define REGION_VISIBLE \
  " r.code = $1 AND (r.code = $2 OR ($3::bool AND r.parent_code = (SELECT parent_code FROM regions WHERE code = $2)))"

gboolean
ybs_route_catalogue_list (YbsCall   *call,
                          YbsDbConn *conn,
                          GError   **error)
{
  const char *region = ybs_call_query (call, "region") ? ybs_call_query (call, "region") : call->user->region_code;
  const char *params[] = { region, call->user->region_code,
                           (call->user->roles & YBS_ROLE_CITY_VIEWER) ? "t" : "f" };
  g_autoptr(PGresult) res = ybs_db_exec (conn, "catalogue_list",
    "SELECT json_build_object('region_code', r.code, 'region_name', r.name, 'bureau', r.bureau,"
    "  'categories', (SELECT coalesce(json_agg(json_build_object('code', c.code, 'name', c.name,"
    "     'items', (SELECT coalesce(json_agg(json_build_object("
    "                 'code', i.code, 'name', i.name, 'full_name', i.full_name,"
    "                 'department', json_build_object('code', d.code, 'name', d.name))"
    "               ORDER BY i.sort_key), '[]'::json)"
    "               FROM items i JOIN departments d ON d.id = i.department_id"
    "              WHERE i.region_code = r.code AND i.category_code = c.code))"
    "     ORDER BY c.code), '[]'::json) FROM categories c))"
    "  FROM regions r WHERE" REGION_VISIBLE,
    G_N_ELEMENTS (params), params, error);

  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, YBS_ERROR, YBS_ERROR_NOT_FOUND, "没有县区代码为 %s 的目录", region);
      return FALSE;
    }
  call->reply_raw = g_strdup (PQgetvalue (res, 0, 0));
  return TRUE;
}

gboolean
ybs_route_catalogue_item (YbsCall   *call,
                          YbsDbConn *conn,
                          GError   **error)
{
  const char *params[] = { ybs_call_param (call, "region"), call->user->region_code,
                           (call->user->roles & YBS_ROLE_CITY_VIEWER) ? "t" : "f",
                           ybs_call_param (call, "code") };
  g_autoptr(PGresult) res = ybs_db_exec (conn, "catalogue_item",
    "SELECT (i.definition || jsonb_build_object("
    "          'region_code', r.code, 'region_name', r.name, 'bureau', r.bureau,"
    "          'category_name', c.name,"
    "          'department', jsonb_build_object('code', d.code, 'name', d.name,"
    "                                           'phone', d.phone, 'supervision_phone', d.supervision_phone)))::text"
    "  FROM regions r JOIN items i ON i.region_code = r.code"
    "  JOIN categories c ON c.code = i.category_code JOIN departments d ON d.id = i.department_id"
    " WHERE" REGION_VISIBLE " AND i.code = $4",
    G_N_ELEMENTS (params), params, error);

  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, YBS_ERROR, YBS_ERROR_NOT_FOUND, "没有事项 %s", ybs_call_param (call, "code"));
      return FALSE;
    }
  call->reply_raw = g_strdup (PQgetvalue (res, 0, 0));
  return TRUE;
}
