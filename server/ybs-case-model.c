/* ybs-case-model.c: loading cases and items, and writing a case as JSON. */
#define G_LOG_DOMAIN "yibao-server"

#include <stdlib.h>
#include <string.h>

#include "ybs-calendar.h"
#include "ybs-case-model.h"
#include "ybs-error.h"

static void
history_entry_free (gpointer p)
{
  YbHistoryEntry *e = p;

  g_free (e->action);
  g_free (e);
}

void
ybs_case_free (YbsCase *self)
{
  if (self == NULL)
    return;
  g_free (self->case_no);
  g_free (self->item_code);
  g_free (self->state);
  g_free (self->material_set);
  g_clear_pointer (&self->item, yb_item_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->view.last_notice_problems, yb_problems_unref);
  g_clear_pointer (&self->last_notice, json_node_unref);
  g_clear_pointer (&self->fields, json_node_unref);
  g_clear_pointer (&self->party, json_node_unref);
  g_free (self);
}

gboolean
ybs_parse_id (const char *text,
              gint64     *out,
              GError    **error)
{
  guint64 n = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &n, NULL))
    {
      g_set_error (error, YBS_ERROR, YBS_ERROR_NOT_FOUND, "没有编号为 %s 的记录", text ? text : "");
      return FALSE;
    }
  *out = (gint64) n;
  return TRUE;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (text == NULL || *text == '\0' || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

/* An item's definition changes only with `yibao-admin catalogue import`, so its parsed
 * JSON is kept for a minute (as the calendar is) rather than fetched and parsed again
 * for every case that is created or read: that was two fifths of the server's work in
 * creating a case. The nodes are immutable and shared read-only between threads. */
static GMutex      items_lock;
static GHashTable *items_parsed;   /* "region/code" → JsonNode*, loaded at items_loaded_at */
static gint64      items_loaded_at;

static JsonNode *
item_json_cached (const char *key)
{
  JsonNode *node = NULL;

  g_mutex_lock (&items_lock);
  if (items_parsed != NULL && g_get_monotonic_time () - items_loaded_at > 60 * G_USEC_PER_SEC)
    g_clear_pointer (&items_parsed, g_hash_table_unref);
  if (items_parsed != NULL && (node = g_hash_table_lookup (items_parsed, key)) != NULL)
    json_node_ref (node);
  g_mutex_unlock (&items_lock);
  return node;
}

static void
item_json_keep (const char *key,
                JsonNode   *node)
{
  g_mutex_lock (&items_lock);
  if (items_parsed == NULL)
    {
      items_parsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
      items_loaded_at = g_get_monotonic_time ();
    }
  g_hash_table_replace (items_parsed, g_strdup (key), json_node_ref (node));
  g_mutex_unlock (&items_lock);
}

YbItem *
ybs_item_load (YbsDbConn  *conn,
               const char *region,
               const char *code,
               GError    **error)
{
  g_autofree char *key = g_strconcat (region, "/", code, NULL);
  g_autoptr(JsonNode) node = item_json_cached (key);
  g_autoptr(GError) local = NULL;
  YbItem *item;

  if (node == NULL)
    {
      const char *params[] = { region, code };
      g_autoptr(PGresult) res = ybs_db_exec (conn, "item_load",
        "SELECT (i.definition || jsonb_build_object('region_code', i.region_code, 'category_name', c.name,"
        "        'department', jsonb_build_object('code', d.code, 'name', d.name, 'phone', d.phone,"
        "                                         'supervision_phone', d.supervision_phone)))::text"
        "  FROM items i JOIN categories c ON c.code = i.category_code JOIN departments d ON d.id = i.department_id"
        " WHERE i.region_code = $1 AND i.code = $2",
        2, params, error);

      if (res == NULL)
        return NULL;
      if (PQntuples (res) == 0)
        {
          g_set_error (error, YBS_ERROR, YBS_ERROR_NOT_FOUND, "本县没有事项 %s", code);
          return NULL;
        }
      node = parse_json (PQgetvalue (res, 0, 0));
      if (node != NULL)
        item_json_keep (key, node);
    }
  item = node ? yb_item_from_json (node, &local) : NULL;
  if (item == NULL)
    {
      g_warning ("item %s/%s in the database does not parse: %s", region, code, local ? local->message : "not JSON");
      g_set_error (error, YBS_ERROR, YBS_ERROR_INTERNAL, "事项定义有误，请联系管理员重新导入目录");
      return NULL;
    }
  if (item->procedure == NULL)
    {
      yb_item_free (item);
      g_set_error (error, YBS_ERROR, YBS_ERROR_CONFLICT, "事项 %s 尚未配置办理流程", code);
      return NULL;
    }
  return item;
}

YbsCase *
ybs_case_load (YbsDbConn  *conn,
               YbsCall    *call,
               gint64      id,
               gboolean    lock,
               GError    **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *params[] = { id_text, call->user->region_code };
  g_autoptr(PGresult) res = ybs_db_exec (conn, lock ? "case_load_lock" : "case_load",
    lock ? "SELECT id, case_no, region_code, item_code, state, version, material_set, department_id,"
           "       to_char(started_on, 'YYYY-MM-DD'), last_notice::text, fields::text,"
           "       json_build_object('kind', party_kind, 'name', party_name, 'id_number', party_id_number,"
           "                         'phone', party_phone)::text"
           "  FROM cases WHERE id = $1::bigint AND region_code = $2 FOR UPDATE"
         : "SELECT id, case_no, region_code, item_code, state, version, material_set, department_id,"
           "       to_char(started_on, 'YYYY-MM-DD'), last_notice::text, fields::text,"
           "       json_build_object('kind', party_kind, 'name', party_name, 'id_number', party_id_number,"
           "                         'phone', party_phone)::text"
           "  FROM cases WHERE id = $1::bigint AND region_code = $2",
    2, params, error);
  g_autoptr(PGresult) hist = NULL;
  g_autoptr(YbsCase) kase = NULL;

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      /* Another county's case is simply not there for this user. */
      g_set_error (error, YBS_ERROR, YBS_ERROR_NOT_FOUND, "没有编号为 %s 的办件", id_text);
      return NULL;
    }

  kase = g_new0 (YbsCase, 1);
  kase->id = id;
  kase->case_no = g_strdup (PQgetvalue (res, 0, 1));
  g_strlcpy (kase->region_code, PQgetvalue (res, 0, 2), sizeof kase->region_code);
  kase->item_code = g_strdup (PQgetvalue (res, 0, 3));
  kase->state = g_strdup (PQgetvalue (res, 0, 4));
  kase->version = atoi (PQgetvalue (res, 0, 5));
  kase->material_set = PQgetisnull (res, 0, 6) ? NULL : g_strdup (PQgetvalue (res, 0, 6));
  kase->department_id = g_ascii_strtoll (PQgetvalue (res, 0, 7), NULL, 10);
  yb_date_parse_iso (PQgetvalue (res, 0, 8), &kase->view.started);
  kase->last_notice = PQgetisnull (res, 0, 9) ? NULL : parse_json (PQgetvalue (res, 0, 9));
  kase->fields = parse_json (PQgetvalue (res, 0, 10));
  kase->party = parse_json (PQgetvalue (res, 0, 11));

  kase->item = ybs_item_load (conn, kase->region_code, kase->item_code, error);
  if (kase->item == NULL)
    return NULL;

  hist = ybs_db_exec (conn, "case_history_engine",
                      "SELECT action, actor_id, coalesce(second_officer_id, 0) FROM case_history"
                      " WHERE case_id = $1::bigint ORDER BY seq", 1, (const char *[]) { id_text }, error);
  if (hist == NULL)
    return NULL;
  kase->history = g_ptr_array_new_with_free_func (history_entry_free);
  for (int i = 0; i < PQntuples (hist); i++)
    {
      YbHistoryEntry *e = g_new0 (YbHistoryEntry, 1);
      e->action = g_strdup (PQgetvalue (hist, i, 0));
      e->actor_id = g_ascii_strtoll (PQgetvalue (hist, i, 1), NULL, 10);
      e->second_officer_id = g_ascii_strtoll (PQgetvalue (hist, i, 2), NULL, 10);
      g_ptr_array_add (kase->history, e);
    }

  kase->view.state = kase->state;
  kase->view.material_set = kase->material_set;
  kase->view.history = kase->history;
  if (kase->fields != NULL && JSON_NODE_HOLDS_OBJECT (kase->fields))
    kase->view.fields = json_node_get_object (kase->fields);
  if (kase->last_notice != NULL && JSON_NODE_HOLDS_OBJECT (kase->last_notice))
    {
      JsonObject *notice = json_node_get_object (kase->last_notice);
      JsonNode *problems = json_object_get_member (notice, "problems");
      kase->view.last_notice_problems = problems ? yb_problems_from_json (problems, NULL) : NULL;
      kase->view.last_notice_input = json_object_get_object_member (notice, "input");
    }
  return g_steal_pointer (&kase);
}

static gboolean
user_has_role (gint64      user_id,
               const char *role,
               gpointer    data)
{
  YbsActor *self = data;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, user_id);
  const char *params[] = { id, role, self->region };
  g_autoptr(PGresult) res = ybs_db_exec (self->conn, "user_has_role",
                                         "SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id"
                                         " WHERE u.id = $1::bigint AND r.role_code = $2 AND u.region_code = $3"
                                         "   AND NOT u.disabled", 3, params, NULL);
  return res != NULL && PQntuples (res) == 1;
}

void
ybs_actor_init (YbsActor  *self,
                YbsCall   *call,
                YbsDbConn *conn)
{
  g_autoptr(JsonNode) roles = ybs_roles_to_json (call->user->roles);
  JsonArray *array = json_node_get_array (roles);
  guint n = json_array_get_length (array);

  self->roles = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    self->roles[i] = g_strdup (json_array_get_string_element (array, i));
  self->conn = conn;
  g_strlcpy (self->region, call->user->region_code, sizeof self->region);
  self->actor.id = call->user->id;
  self->actor.roles = (const char * const *) self->roles;
  self->actor.user_has_role = user_has_role;
  self->actor.user_data = self;
}

void
ybs_actor_clear (YbsActor *self)
{
  g_clear_pointer (&self->roles, g_strfreev);
}

/* The caller's options on this case, as the client draws its buttons. */
static JsonNode *
options_json (YbsCase       *kase,
              const YbActor *actor)
{
  g_autoptr(GPtrArray) options = yb_procedure_options (kase->item->procedure, &kase->view, actor);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < options->len; i++)
    {
      YbActionOption *o = g_ptr_array_index (options, i);
      const YbAction *a = o->action;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "action");
      json_builder_add_string_value (b, a->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, a->name);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, a->to);
      json_builder_set_member_name (b, "allowed");
      json_builder_add_boolean_value (b, yb_problems_is_empty (o->blocked_by));
      json_builder_set_member_name (b, "blocked_by");
      json_builder_add_value (b, yb_problems_to_json (o->blocked_by));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

char *
ybs_case_json (YbsDbConn *conn,
               YbsCall   *call,
               YbsCase   *kase,
               GError   **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, kase->id);
  g_autoptr(PGresult) res = ybs_db_exec (conn, "case_json",
    "SELECT json_build_object("
    "  'id', c.id, 'case_no', c.case_no, 'region_code', c.region_code, 'version', c.version,"
    "  'item', json_build_object('code', i.code, 'name', i.name, 'full_name', i.full_name),"
    "  'state', c.state, 'state_kind', c.state_kind,"
    "  'party', json_build_object('kind', c.party_kind, 'name', c.party_name, 'id_number', c.party_id_number,"
    "                             'phone', c.party_phone),"
    "  'department', json_build_object('code', d.code, 'name', d.name, 'phone', d.phone,"
    "                                  'supervision_phone', d.supervision_phone),"
    "  'assignee', (SELECT json_build_object('id', u.id, 'name', u.display_name) FROM users u WHERE u.id = c.assignee_id),"
    "  'created_by', (SELECT json_build_object('id', u.id, 'name', u.display_name) FROM users u WHERE u.id = c.created_by),"
    "  'created_at', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  'started_on', to_char(c.started_on, 'YYYY-MM-DD'),"
    "  'closed_at', to_char(c.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  'material_set', c.material_set, 'fields', c.fields, 'materials', c.materials,"
    "  'last_notice', c.last_notice,"
    "  'due_on', to_char(c.due_on, 'YYYY-MM-DD'), 'due_provisional', c.due_provisional,"
    "  'deadlines', coalesce((SELECT json_agg(json_build_object('id', k.deadline_id, 'name', k.name,"
    "        'started_on', to_char(k.started_on, 'YYYY-MM-DD'), 'due_on', to_char(k.due_on, 'YYYY-MM-DD'),"
    "        'provisional', k.provisional, 'stopped_on', to_char(k.stopped_on, 'YYYY-MM-DD'))"
    "        ORDER BY k.id) FROM case_deadlines k WHERE k.case_id = c.id), '[]'),"
    "  'documents', coalesce((SELECT json_agg(json_build_object('id', o.id, 'kind', o.kind, 'title', o.title,"
    "        'serial', o.serial, 'issued_at', to_char(o.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "        'url', '/api/v1/documents/' || o.id) ORDER BY o.id) FROM documents o WHERE o.case_id = c.id), '[]'),"
    "  'history', coalesce((SELECT json_agg(json_build_object('seq', h.seq, 'action', h.action,"
    "        'from_state', h.from_state, 'to_state', h.to_state, 'actor', h.actor_name,"
    "        'second_officer', (SELECT display_name FROM users WHERE id = h.second_officer_id),"
    "        'at', to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "        'input', h.input, 'problems', h.problems, 'override_reason', h.override_reason) ORDER BY h.seq)"
    "        FROM case_history h WHERE h.case_id = c.id), '[]'))::text"
    "  FROM cases c JOIN items i ON i.region_code = c.region_code AND i.code = c.item_code"
    "  JOIN departments d ON d.id = c.department_id WHERE c.id = $1::bigint",
    1, (const char *[]) { id_text }, error);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(YbCalendar) calendar = NULL;
  g_auto(YbsActor) actor = { 0 };
  JsonObject *obj;
  const YbState *state;

  if (res == NULL)
    return NULL;
  root = parse_json (PQgetvalue (res, 0, 0));
  obj = json_node_get_object (root);

  state = yb_procedure_get_state (kase->item->procedure, kase->state);
  json_object_set_string_member (obj, "state_name", state ? state->name : kase->state);

  calendar = ybs_calendar_get (conn, error);
  if (calendar == NULL)
    return NULL;
  if (json_object_get_string_member_with_default (obj, "due_on", NULL) != NULL &&
      g_strcmp0 (json_object_get_string_member (obj, "state_kind"), "closed") != 0)
    {
      GDate today, due;
      int left = 0;
      YbDueStatus status;

      ybs_today (&today);
      yb_date_parse_iso (json_object_get_string_member (obj, "due_on"), &due);
      status = yb_calendar_due_status (calendar, &today, &due, 3, &left);
      json_object_set_string_member (obj, "due_status", yb_due_status_to_string (status));
      json_object_set_string_member (obj, "due_label", yb_due_status_label (status));
      json_object_set_int_member (obj, "working_days_left", left);
    }
  else
    {
      json_object_set_string_member (obj, "due_status", yb_due_status_to_string (YB_DUE_NONE));
      json_object_set_string_member (obj, "due_label", yb_due_status_label (YB_DUE_NONE));
    }

  ybs_actor_init (&actor, call, conn);
  json_object_set_member (obj, "options", options_json (kase, &actor.actor));
  call->etag = g_strdup_printf ("%d", kase->version);
  return json_to_string (root, FALSE);
}
