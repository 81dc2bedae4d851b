/* ybs-route-cases.c: creating, listing and reading cases.
 *
 * Lists page by key (due date or creation time, then id), never by OFFSET, so the
 * hundredth page costs what the first does. A case of another county is not found.
 */
#define G_LOG_DOMAIN "yibao-server"

#include <stdlib.h>
#include <string.h>

#include "yb-party.h"
#include "ybs-audit.h"
#include "ybs-calendar.h"
#include "ybs-case-model.h"
#include "ybs-error.h"
#include "ybs-idempotency.h"
#include "ybs-routes.h"

#define PAGE_DEFAULT 50
#define PAGE_MAX     200

gboolean
ybs_route_cases_create (YbsCall   *call,
                        YbsDbConn *conn,
                        GError   **error)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbItem) item = NULL;
  g_autoptr(PGresult) created = NULL;
  g_autoptr(YbsCase) kase = NULL;
  JsonObject *body = call->body ? json_node_get_object (call->body) : NULL;
  JsonObject *party = NULL;
  const char *item_code, *material_set;
  gboolean replay;
  GDate today;

  if ((call->user->roles & (YBS_ROLE_CLERK | YBS_ROLE_CHIEF | YBS_ROLE_INSPECTOR)) == 0)
    {
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_FORBIDDEN, "只有窗口人员、科长或执法人员可以新建办件");
      return FALSE;
    }
  ybs_today (&today);
  item_code = ybs_body_string (call, "item", TRUE, 8, problems);
  material_set = ybs_body_string (call, "material_set", FALSE, 64, problems);
  if (body != NULL && json_object_has_member (body, "party") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "party")))
    party = json_object_get_object_member (body, "party");
  yb_party_check (party, &today, problems);
  if (!yb_problems_is_empty (problems))
    return ybs_call_fail_problems (call, problems, "办件信息有误", error);

  if (!ybs_db_begin (conn, error) || !ybs_idempotency_begin (conn, call, &replay, error))
    return FALSE;
  if (replay)
    return ybs_db_commit (conn, error);

  item = ybs_item_load (conn, call->user->region_code, item_code, error);
  if (item == NULL)
    return FALSE;
  if (material_set != NULL)
    {
      gboolean known = FALSE;
      for (guint i = 0; i < item->material_sets->len && !known; i++)
        known = g_str_equal (((YbMaterialSet *) g_ptr_array_index (item->material_sets, i))->id, material_set);
      if (!known)
        {
          yb_problems_add (problems, "material_set.unknown", "material_set", "事项 %s 没有“%s”这种情形", item_code, material_set);
          return ybs_call_fail_problems (call, problems, "办件信息有误", error);
        }
    }

  {
    g_autofree char *user = g_strdup_printf ("%" G_GINT64_FORMAT, call->user->id);
    g_autofree char *started = yb_date_to_iso (&today);
    const char *initial = yb_procedure_get_initial (item->procedure);
    const YbState *state = yb_procedure_get_state (item->procedure, initial);
    const char *kind = state->kind == YB_STATE_CLOSED ? "closed" : state->kind == YB_STATE_WAITING ? "waiting" : "open";
    const char *params[] = {
      call->user->region_code, item_code, initial, kind,
      json_object_get_string_member (party, "kind"), json_object_get_string_member (party, "name"),
      json_object_get_string_member_with_default (party, "id_number", NULL),
      json_object_get_string_member_with_default (party, "phone", NULL),
      user, started, material_set
    };

    /* The case number comes from a per-county, per-year counter row, locked until commit. */
    created = ybs_db_exec (conn, "case_create",
      "WITH n AS (INSERT INTO case_counters (region_code, year, last_no)"
      "           VALUES ($1, extract(year FROM $10::date)::int, 1)"
      "           ON CONFLICT (region_code, year) DO UPDATE SET last_no = case_counters.last_no + 1"
      "           RETURNING last_no, year)"
      " INSERT INTO cases (region_code, item_code, case_no, state, state_kind, party_kind, party_name,"
      "                    party_id_number, party_phone, department_id, assignee_id, created_by, started_on, material_set)"
      " SELECT $1, $2, (SELECT coalesce(abbrev, left(name, 1)) FROM regions WHERE code = $1) || n.year || '-' || lpad(n.last_no::text, 6, '0'),"
      "        $3, $4, $5, $6, $7, $8, i.department_id, $9::bigint, $9::bigint, $10::date, $11"
      "   FROM n, items i WHERE i.region_code = $1 AND i.code = $2"
      " RETURNING id, case_no",
      G_N_ELEMENTS (params), params, error);
    if (created == NULL)
      return FALSE;
  }
  {
    g_autofree char *detail = g_strdup_printf ("{\"case_no\":\"%s\",\"item\":\"%s\"}", PQgetvalue (created, 0, 1), item_code);
    const char *params[] = { PQgetvalue (created, 0, 0), yb_procedure_get_initial (item->procedure),
                             g_strdup_printf ("%" G_GINT64_FORMAT, call->user->id), call->user->display_name };
    g_autoptr(PGresult) hist = ybs_db_exec (conn, "case_history_create",
      "INSERT INTO case_history (case_id, seq, action, from_state, to_state, actor_id, actor_name)"
      " VALUES ($1::bigint, 1, 'create', NULL, $2, $3::bigint, $4)", 4, params, error);
    g_free ((char *) params[2]);
    if (hist == NULL ||
        !ybs_audit_append (conn, call->user->region_code, call->user->id, call->user->username, "case.create",
                           "case", PQgetvalue (created, 0, 0), detail, error))
      return FALSE;
  }

  kase = ybs_case_load (conn, call, g_ascii_strtoll (PQgetvalue (created, 0, 0), NULL, 10), FALSE, error);
  if (kase == NULL)
    return FALSE;
  call->reply_raw = ybs_case_json (conn, call, kase, error);
  if (call->reply_raw == NULL)
    return FALSE;
  call->status = 201;
  call->location = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT, kase->id);
  return ybs_idempotency_finish (conn, call, error) && ybs_db_commit (conn, error);
}

gboolean
ybs_route_cases_get (YbsCall   *call,
                     YbsDbConn *conn,
                     GError   **error)
{
  g_autoptr(YbsCase) kase = NULL;
  gint64 id;

  if (!ybs_parse_id (ybs_call_param (call, "id"), &id, error))
    return FALSE;
  kase = ybs_case_load (conn, call, id, FALSE, error);
  if (kase == NULL)
    return FALSE;
  call->reply_raw = ybs_case_json (conn, call, kase, error);
  return call->reply_raw != NULL;
}

/* ------------------------------------------------------------------------------------ */
/* listing                                                                              */

/* Appends " AND condition", binding every "?" in it to @value as one parameter (so
 * jsonb's ? operators must be written as jsonb_exists() in a condition). */
static void
add_condition (GString    *where,
               GPtrArray  *params,
               const char *condition,
               const char *value)
{
  g_string_append (where, " AND ");
  if (value != NULL)
    g_ptr_array_add (params, g_strdup (value));
  for (const char *p = condition; *p != '\0'; p++)
    {
      if (*p == '?' && value != NULL)
        g_string_append_printf (where, "$%u", params->len);
      else
        g_string_append_c (where, *p);
    }
}

/* Cursor: "<key>~<id>", where key is a date (due order) or a timestamp (creation order). */
static gboolean
parse_cursor (const char *cursor,
              char      **key,
              char      **id)
{
  const char *sep = cursor ? strrchr (cursor, '~') : NULL;
  guint64 n;

  if (sep == NULL || !g_ascii_string_to_unsigned (sep + 1, 10, 1, G_MAXINT64, &n, NULL) || sep == cursor ||
      sep - cursor > 40)
    return FALSE;
  *key = g_strndup (cursor, sep - cursor);
  *id = g_strdup (sep + 1);
  return TRUE;
}

/* The name of every state of every item, for the list: read from the catalogue at most
 * once a minute (as the calendar is), rather than sending each row's procedure along
 * with it and parsing that for every row of every page. */
static GMutex      state_names_lock;
static GHashTable *state_names;          /* "region/item/state" → name */
static gint64      state_names_loaded;

static GHashTable *
state_names_get (YbsDbConn *conn,
                 GError   **error)
{
  GHashTable *result = NULL;
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&state_names_lock);
  if (state_names == NULL || now - state_names_loaded > 60 * G_USEC_PER_SEC)
    {
      g_autoptr(PGresult) res = ybs_db_exec (conn, "state_names",
        "SELECT i.region_code || '/' || i.code || '/' || (s ->> 'id'), s ->> 'name'"
        "  FROM items i, jsonb_array_elements(i.definition -> 'procedure' -> 'states') s", 0, NULL, error);
      if (res != NULL)
        {
          g_clear_pointer (&state_names, g_hash_table_unref);
          state_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          for (int r = 0; r < PQntuples (res); r++)
            g_hash_table_insert (state_names, g_strdup (PQgetvalue (res, r, 0)), g_strdup (PQgetvalue (res, r, 1)));
          state_names_loaded = now;
        }
    }
  if (state_names != NULL)
    result = g_hash_table_ref (state_names);
  g_mutex_unlock (&state_names_lock);
  return result;
}

/* Text columns of the list query and the members they become. */
static const struct {
  const char *member;
  int         column;
} list_columns[] = {
  { "case_no", 1 }, { "item_code", 2 }, { "item_name", 3 }, { "state", 4 }, { "state_kind", 5 },
  { "party_name", 6 }, { "party_id_number", 7 }, { "assignee", 10 }, { "department", 11 },
  { "created_at", 12 },
};

gboolean
ybs_route_cases_list (YbsCall   *call,
                      YbsDbConn *conn,
                      GError   **error)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) where = g_string_new ("c.region_code = $1");
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(PGresult) res = NULL;
  g_autoptr(YbCalendar) calendar = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *statement = NULL;
  g_autoptr(GString) name_key = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *sort = ybs_call_query (call, "sort") ? ybs_call_query (call, "sort") : "due";
  const char *scope = ybs_call_query (call, "scope") ? ybs_call_query (call, "scope") : "county";
  const char *limit_text = ybs_call_query (call, "limit");
  const char *due = ybs_call_query (call, "due");
  const char *after = ybs_call_query (call, "after");
  gboolean by_due = g_str_equal (sort, "due");
  guint64 limit = PAGE_DEFAULT;
  GDate today;
  int n;

  g_ptr_array_add (params, g_strdup (call->user->region_code));
  ybs_today (&today);

  if (!g_str_equal (sort, "due") && !g_str_equal (sort, "created"))
    yb_problems_add (problems, "query.sort", "sort", "排序方式应为 due（按到期日）或 created（按创建时间）");
  if (limit_text && !g_ascii_string_to_unsigned (limit_text, 10, 1, PAGE_MAX, &limit, NULL))
    yb_problems_add (problems, "query.limit", "limit", "每页条数应为 1–%d", PAGE_MAX);

  if (g_str_equal (scope, "mine"))
    {
      g_autofree char *me = g_strdup_printf ("%" G_GINT64_FORMAT, call->user->id);
      add_condition (where, params, "c.assignee_id = ?::bigint", me);
    }
  else if (g_str_equal (scope, "department"))
    {
      g_autofree char *dept = g_strdup_printf ("%" G_GINT64_FORMAT, call->user->department_id);
      if (call->user->department_id == 0)
        yb_problems_add (problems, "query.scope", "scope", "您未归属任何科室，无法查看本科室办件");
      add_condition (where, params, "c.department_id = ?::bigint", dept);
    }
  else if (!g_str_equal (scope, "county"))
    yb_problems_add (problems, "query.scope", "scope", "范围应为 mine、department 或 county");

  /* inbox=approvals: cases waiting for a step that the caller's roles may take and a
   * window clerk may not, i.e. reviews, approvals and rechecks */
  if (ybs_call_query (call, "inbox"))
    {
      g_autoptr(JsonNode) roles = ybs_roles_to_json (call->user->roles);
      g_autofree char *roles_text = json_to_string (roles, FALSE);
      if (!g_str_equal (ybs_call_query (call, "inbox"), "approvals"))
        yb_problems_add (problems, "query.inbox", "inbox", "收件箱应为 approvals");
      add_condition (where, params,
                     "EXISTS (SELECT 1 FROM jsonb_array_elements(i.definition -> 'procedure' -> 'actions') a"
                     " WHERE jsonb_exists (a -> 'from', c.state)"
                     "   AND jsonb_exists_any (a -> 'roles', ARRAY(SELECT jsonb_array_elements_text(?::jsonb)))"
                     "   AND NOT jsonb_exists (a -> 'roles', 'clerk'))", roles_text);
    }
  if (ybs_call_query (call, "assignee"))
    {
      if (!g_ascii_string_to_unsigned (ybs_call_query (call, "assignee"), 10, 1, G_MAXINT64, NULL, NULL))
        yb_problems_add (problems, "query.assignee", "assignee", "经办人应为人员编号");
      add_condition (where, params, "c.assignee_id = ?::bigint", ybs_call_query (call, "assignee"));
    }
  if (ybs_call_query (call, "department"))
    add_condition (where, params, "c.department_id = (SELECT id FROM departments WHERE region_code = c.region_code AND code = ?)",
                   ybs_call_query (call, "department"));
  if (ybs_call_query (call, "item"))
    add_condition (where, params, "c.item_code = ?", ybs_call_query (call, "item"));
  if (ybs_call_query (call, "state"))
    add_condition (where, params, "c.state = ?", ybs_call_query (call, "state"));
  if (ybs_call_query (call, "party"))
    add_condition (where, params, "(c.party_id_number = ? OR c.party_name = ?)", ybs_call_query (call, "party"));
  {
    const char *kind = ybs_call_query (call, "state_kind");
    if (kind == NULL && due != NULL)
      kind = "open";
    if (kind != NULL)
      {
        if (g_str_equal (kind, "open") || g_str_equal (kind, "waiting") || g_str_equal (kind, "closed"))
          add_condition (where, params, "c.state_kind = ?", kind);
        else if (g_str_equal (kind, "active"))
          add_condition (where, params, "c.state_kind <> 'closed'", NULL);
        else
          yb_problems_add (problems, "query.state_kind", "state_kind", "状态类别应为 open、waiting、closed 或 active");
      }
  }
  if (due != NULL)
    {
      g_autofree char *today_iso = yb_date_to_iso (&today);
      if (g_str_equal (due, "overdue"))
        add_condition (where, params, "c.due_on < ?::date", today_iso);
      else if (g_str_equal (due, "today"))
        add_condition (where, params, "c.due_on = ?::date", today_iso);
      else if (g_str_equal (due, "soon"))
        {
          GDate soon;
          g_autofree char *soon_iso = NULL;
          calendar = ybs_calendar_get (conn, error);
          if (calendar == NULL)
            return FALSE;
          yb_calendar_add_working_days (calendar, &today, 3, &soon, NULL);
          soon_iso = yb_date_to_iso (&soon);
          add_condition (where, params, "c.due_on >= ?::date", today_iso);
          add_condition (where, params, "c.due_on <= ?::date", soon_iso);
        }
      else
        yb_problems_add (problems, "query.due", "due", "到期筛选应为 overdue、today 或 soon");
    }
  if (after != NULL)
    {
      g_autofree char *key = NULL, *id = NULL;
      if (!parse_cursor (after, &key, &id))
        yb_problems_add (problems, "query.after", "after", "翻页标记无效，请从第一页重新查询");
      else if (by_due)
        {
          add_condition (where, params, "(coalesce(c.due_on, 'infinity'::date), c.id) > (?::date", key);
          g_ptr_array_add (params, g_strdup (id));
          g_string_append_printf (where, ", $%u::bigint)", params->len);
        }
      else
        {
          add_condition (where, params, "(c.created_at, c.id) < (?::timestamptz", key);
          g_ptr_array_add (params, g_strdup (id));
          g_string_append_printf (where, ", $%u::bigint)", params->len);
        }
    }
  if (!yb_problems_is_empty (problems))
    return ybs_call_fail_problems (call, problems, "查询条件有误", error);

  g_string_printf (sql,
    "SELECT c.id, c.case_no, c.item_code, i.name, c.state, c.state_kind, c.party_name, c.party_id_number,"
    "       to_char(c.due_on, 'YYYY-MM-DD'), c.due_provisional, u.display_name, d.name,"
    "       to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
    "       coalesce(to_char(c.due_on, 'YYYY-MM-DD'), 'infinity'), c.version, c.region_code"
    "  FROM cases c JOIN items i ON i.region_code = c.region_code AND i.code = c.item_code"
    "  JOIN departments d ON d.id = c.department_id LEFT JOIN users u ON u.id = c.assignee_id"
    " WHERE %s ORDER BY %s LIMIT %u",
    where->str,
    by_due ? "coalesce(c.due_on, 'infinity'::date), c.id" : "c.created_at DESC, c.id DESC",
    (guint) limit + 1);
  /* The text depends on which filters are given, not on their values: each variant is
   * prepared once per connection, under a name derived from the text itself. */
  {
    g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA1, sql->str, -1);
    statement = g_strconcat ("cases_list_", hex, NULL);
  }
  res = ybs_db_exec (conn, statement, sql->str, (int) params->len, (const char * const *) params->pdata, error);
  if (res == NULL)
    return FALSE;
  if (calendar == NULL && (calendar = ybs_calendar_get (conn, error)) == NULL)
    return FALSE;
  if ((names = state_names_get (conn, error)) == NULL)
    return FALSE;
  name_key = g_string_new (NULL);

  n = MIN (PQntuples (res), (int) limit);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (int i = 0; i < n; i++)
    {
      const char *state_name;

      g_string_printf (name_key, "%s/%s/%s", PQgetvalue (res, i, 15), PQgetvalue (res, i, 2), PQgetvalue (res, i, 4));
      state_name = g_hash_table_lookup (names, name_key->str);
      if (state_name == NULL)
        state_name = PQgetvalue (res, i, 4);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10));
      json_builder_set_member_name (b, "version");
      json_builder_add_int_value (b, atoi (PQgetvalue (res, i, 14)));
      json_builder_set_member_name (b, "state_name");
      json_builder_add_string_value (b, state_name);
      for (guint k = 0; k < G_N_ELEMENTS (list_columns); k++)
        {
          json_builder_set_member_name (b, list_columns[k].member);
          json_builder_add_string_value (b, PQgetvalue (res, i, list_columns[k].column));
        }
      json_builder_set_member_name (b, "due_on");
      if (PQgetisnull (res, i, 8))
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, PQgetvalue (res, i, 8));
      {
        YbDueStatus status = YB_DUE_NONE;
        int left = 0;
        if (!PQgetisnull (res, i, 8) && !g_str_equal (PQgetvalue (res, i, 5), "closed"))
          {
            GDate due_date;
            yb_date_parse_iso (PQgetvalue (res, i, 8), &due_date);
            status = yb_calendar_due_status (calendar, &today, &due_date, 3, &left);
          }
        json_builder_set_member_name (b, "due_provisional");
        json_builder_add_boolean_value (b, g_str_equal (PQgetvalue (res, i, 9), "t"));
        json_builder_set_member_name (b, "due_status");
        json_builder_add_string_value (b, yb_due_status_to_string (status));
        json_builder_set_member_name (b, "due_label");
        json_builder_add_string_value (b, yb_due_status_label (status));
        json_builder_set_member_name (b, "working_days_left");
        json_builder_add_int_value (b, left);
      }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "next");
  if (PQntuples (res) > (int) limit && n > 0)
    {
      g_autofree char *cursor = g_strdup_printf ("%s~%s", PQgetvalue (res, n - 1, by_due ? 13 : 12), PQgetvalue (res, n - 1, 0));
      json_builder_add_string_value (b, cursor);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  ybs_call_reply_json (call, 200, g_steal_pointer (&root));
  return TRUE;
}
