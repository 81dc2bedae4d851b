/* ybs-route-holidays.c: GET /api/v1/holidays?year=2026: the calendar deadlines are
 * counted on, so the client can show why a due date falls where it does. */
#define G_LOG_DOMAIN "yibao-server"

#include "ybs-error.h"
#include "ybs-routes.h"

gboolean
ybs_route_holidays_list (YbsCall   *call,
                         YbsDbConn *conn,
                         GError   **error)
{
  const char *year = ybs_call_query (call, "year");
  guint64 y = 0;
  g_autoptr(PGresult) res = NULL;

  if (year != NULL && !g_ascii_string_to_unsigned (year, 10, 2000, 2100, &y, NULL))
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();
      yb_problems_add (problems, "query.year", "year", "年份应为 2000–2100 之间的整数");
      return ybs_call_fail_problems (call, problems, "查询条件有误", error);
    }
  res = ybs_db_exec (conn, "holidays_list",
    "SELECT json_build_object('years', (SELECT coalesce(json_agg(year ORDER BY year), '[]') FROM holiday_years),"
    "  'days', coalesce(json_agg(json_build_object('date', to_char(day, 'YYYY-MM-DD'), 'off_day', off_day,"
    "                                              'name', name) ORDER BY day), '[]'))::text"
    "  FROM holidays WHERE $1::int IS NULL OR extract(year FROM day) = $1::int",
    1, (const char *[]) { year }, error);
  if (res == NULL)
    return FALSE;
  call->reply_raw = g_strdup (PQgetvalue (res, 0, 0));
  return TRUE;
}
