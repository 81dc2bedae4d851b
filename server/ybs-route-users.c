/* ybs-route-users.c: GET /api/v1/users?role=inspector: the active staff of the caller's
 * county, for choosing a second officer or an assignee. Names and roles only. */
#define G_LOG_DOMAIN "yibao-server"

#include "ybs-routes.h"

gboolean
ybs_route_users_list (YbsCall   *call,
                      YbsDbConn *conn,
                      GError   **error)
{
  const char *role = ybs_call_query (call, "role");
  const char *params[] = { call->user->region_code, role };
  g_autoptr(PGresult) res = NULL;

  if (role != NULL && ybs_roles_from_string (role) == 0)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();
      yb_problems_add (problems, "query.role", "role", "没有“%s”这种角色", role);
      return ybs_call_fail_problems (call, problems, "查询条件有误", error);
    }
  res = ybs_db_exec (conn, "users_list",
    "SELECT json_build_object('items', coalesce(json_agg(json_build_object("
    "    'id', u.id, 'username', u.username, 'display_name', u.display_name,"
    "    'department', d.name,"
    "    'roles', (SELECT json_agg(role_code ORDER BY role_code) FROM user_roles r WHERE r.user_id = u.id))"
    "  ORDER BY u.display_name, u.id), '[]'))::text"
    "  FROM users u LEFT JOIN departments d ON d.id = u.department_id"
    " WHERE u.region_code = $1 AND NOT u.disabled"
    "   AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role_code = $2))",
    2, params, error);
  if (res == NULL)
    return FALSE;
  call->reply_raw = g_strdup (PQgetvalue (res, 0, 0));
  return TRUE;
}
