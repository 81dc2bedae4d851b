/* ybs-route-persons.c: the register of persons: one by id, and a name search.
 *
 * Both are scoped to the caller's county; a person of another county is not found. The
 * answers are written here as JSON text from the row, without a JSON tree in between:
 * these are the look-ups a window clerk does all day.
 *
 * The search is pg_trgm word similarity ("query <% name"), which the trigram index on
 * persons.name serves. Plain similarity (%) at its default threshold of 0.3 would not
 * do for Chinese names of two or three characters: the surname alone is one trigram in
 * three, which scores 0.2–0.33, so a search for 王伟 would recheck every 王 in the
 * register (84,000 rows of a million). Word similarity at its default 0.6 needs two of
 * the query's trigrams in order (the surname and the first given character), and the
 * index then hands over a few hundred rows. Results are ordered by similarity, then id;
 * pages continue from a cursor of both, never by OFFSET.
 */
#define G_LOG_DOMAIN "yibao-server"

#include <string.h>

#include "ybs-case-model.h"
#include "ybs-error.h"
#include "ybs-routes.h"

#define SEARCH_DEFAULT 20
#define SEARCH_MAX     100

/* @text is valid UTF-8 (the database's encoding). */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
append_member (GString        *out,
               const char     *name,
               const PGresult *res,
               int             row,
               int             column)
{
  g_string_append_printf (out, ",\"%s\":", name);
  if (PQgetisnull (res, row, column))
    g_string_append (out, "null");
  else
    append_json_string (out, PQgetvalue (res, row, column));
}

gboolean
ybs_route_persons_get (YbsCall   *call,
                       YbsDbConn *conn,
                       GError   **error)
{
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GString) out = NULL;
  gint64 id;

  if (!ybs_parse_id (ybs_call_param (call, "id"), &id, error))
    return FALSE;
  {
    const char *params[] = { ybs_call_param (call, "id"), call->user->region_code };
    res = ybs_db_exec (conn, "person_get",
                       "SELECT id, id_number, name, sex, to_char(birth_date, 'YYYY-MM-DD'), phone, address"
                       "  FROM persons WHERE id = $1::bigint AND region_code = $2",
                       2, params, error);
  }
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) != 1)
    {
      g_set_error (error, YBS_ERROR, YBS_ERROR_NOT_FOUND, "没有编号为 %" G_GINT64_FORMAT " 的人员", id);
      return FALSE;
    }
  out = g_string_sized_new (256);
  g_string_append_printf (out, "{\"id\":%s", PQgetvalue (res, 0, 0));
  append_member (out, "id_number", res, 0, 1);
  append_member (out, "name", res, 0, 2);
  append_member (out, "sex", res, 0, 3);
  append_member (out, "birth_date", res, 0, 4);
  append_member (out, "phone", res, 0, 5);
  append_member (out, "address", res, 0, 6);
  g_string_append_c (out, '}');
  call->reply_raw = g_string_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}

/* Cursor: "<similarity>~<id>". */
static gboolean
parse_cursor (const char *cursor,
              char      **similarity,
              char      **id)
{
  const char *sep = cursor ? strchr (cursor, '~') : NULL;
  guint64 n;
  char *end = NULL;
  double s;

  if (sep == NULL || sep == cursor || sep - cursor > 16 ||
      !g_ascii_string_to_unsigned (sep + 1, 10, 1, G_MAXINT64, &n, NULL))
    return FALSE;
  *similarity = g_strndup (cursor, sep - cursor);
  s = g_ascii_strtod (*similarity, &end);
  if (end == NULL || *end != '\0' || !(s >= 0 && s <= 1))
    {
      g_clear_pointer (similarity, g_free);
      return FALSE;
    }
  *id = g_strdup (sep + 1);
  return TRUE;
}

gboolean
ybs_route_persons_search (YbsCall   *call,
                          YbsDbConn *conn,
                          GError   **error)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *name = g_strstrip (g_strdup (ybs_call_query (call, "name") ? ybs_call_query (call, "name") : ""));
  g_autofree char *after_sim = NULL, *after_id = NULL;
  g_autofree char *limit_rows = NULL;
  const char *limit_text = ybs_call_query (call, "limit");
  const char *after = ybs_call_query (call, "after");
  guint64 limit = SEARCH_DEFAULT;
  glong chars = g_utf8_strlen (name, -1);
  int n;

  if (chars == 0)
    yb_problems_add (problems, "query.name", "name", "请输入要查找的姓名");
  else if (chars < 2)
    yb_problems_add (problems, "query.name", "name", "姓名至少输入两个字");
  else if (chars > 20)
    yb_problems_add (problems, "query.name", "name", "姓名不能超过 20 个字");
  if (limit_text && !g_ascii_string_to_unsigned (limit_text, 10, 1, SEARCH_MAX, &limit, NULL))
    yb_problems_add (problems, "query.limit", "limit", "每页条数应为 1–%d", SEARCH_MAX);
  if (after != NULL && !parse_cursor (after, &after_sim, &after_id))
    yb_problems_add (problems, "query.after", "after", "翻页标记无效，请从第一页重新查询");
  if (!yb_problems_is_empty (problems))
    return ybs_call_fail_problems (call, problems, "查询条件有误", error);

  limit_rows = g_strdup_printf ("%u", (guint) limit + 1);
  if (after == NULL)
    {
      const char *params[] = { call->user->region_code, name, limit_rows };
      res = ybs_db_exec (conn, "persons_search",
                         "SELECT id, id_number, name, sex, to_char(birth_date, 'YYYY-MM-DD'), similarity(name, $2) AS s"
                         "  FROM persons WHERE region_code = $1 AND $2 <% name"
                         " ORDER BY s DESC, id LIMIT $3::int",
                         3, params, error);
    }
  else
    {
      const char *params[] = { call->user->region_code, name, limit_rows, after_sim, after_id };
      res = ybs_db_exec (conn, "persons_search_after",
                         "SELECT id, id_number, name, sex, to_char(birth_date, 'YYYY-MM-DD'), similarity(name, $2) AS s"
                         "  FROM persons WHERE region_code = $1 AND $2 <% name"
                         "   AND (similarity(name, $2) < $4::real OR (similarity(name, $2) = $4::real AND id > $5::bigint))"
                         " ORDER BY s DESC, id LIMIT $3::int",
                         5, params, error);
    }
  if (res == NULL)
    return FALSE;

  n = MIN (PQntuples (res), (int) limit);
  out = g_string_sized_new (64 + 160 * (gsize) n);
  g_string_append (out, "{\"items\":[");
  for (int i = 0; i < n; i++)
    {
      g_string_append_printf (out, "%s{\"id\":%s", i ? "," : "", PQgetvalue (res, i, 0));
      append_member (out, "id_number", res, i, 1);
      append_member (out, "name", res, i, 2);
      append_member (out, "sex", res, i, 3);
      append_member (out, "birth_date", res, i, 4);
      g_string_append_printf (out, ",\"similarity\":%s}", PQgetvalue (res, i, 5));
    }
  g_string_append (out, "],\"next\":");
  if (PQntuples (res) > (int) limit && n > 0)
    {
      g_autofree char *cursor = g_strdup_printf ("%s~%s", PQgetvalue (res, n - 1, 5), PQgetvalue (res, n - 1, 0));
      append_json_string (out, cursor);
    }
  else
    g_string_append (out, "null");
  g_string_append_c (out, '}');
  call->reply_raw = g_string_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}
