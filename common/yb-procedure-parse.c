/* yb-procedure-parse.c: a procedure (schema/catalogue/README.md, "Procedures") parsed
 * from its JSON and checked as a whole, every problem with its path, so that a catalogue
 * with a broken procedure is refused with the full list. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-procedure-private.h"

static const char * const procedure_members[] = {
  "initial", "states", "actions", "deadlines", NULL,
};
static const char * const state_members[] = { "id", "name", "kind", NULL };
static const char * const action_members[] = {
  "id", "name", "from", "to", "roles", "materials", "fields", "reason", "distinct_from",
  "officers", "documents", "starts_deadline", "stops_deadline", "extends_deadline",
  "extends_days_field", "material_sets", "not_by_fields", "guards", NULL,
};
static const char * const field_members[] = {
  "id", "name", "type", "required", "min", "max", "options", "not_before", "not_after",
  "equals", "required_when", "role", "not_actor", "not_from_actions", "distinct_from_fields",
  NULL,
};
static const char * const required_when_members[] = { "field", "in", NULL };
static const char * const deadline_members[] = { "id", "name", "limit", NULL };
static const char * const limit_members[] = { "kind", "days", "text", "days_field", NULL };
static const char * const guard_members[] = { "rule", "args", NULL };

/* ------------------------------------------------------------------------- helpers */

typedef struct {
  YbJsonCheck  jc;
  YbProcedure *self;
  JsonObject  *document_kinds;  /* borrowed; NULL: not checked */
  GHashTable  *state_ids;       /* id → YbState* (borrowed from self) */
  GHashTable  *action_ids;      /* set of every action id written (owned strings) */
  GHashTable  *deadline_ids;    /* set (owned strings) */
  GHashTable  *paths;           /* YbField* / YbAction* / YbDeadlineDef* → its path (owned):
                                 * references across steps are resolved once all is parsed */
  GPtrArray   *guards;          /* PendingGuard*: guard args, checked once all is parsed */
} Parser;

typedef struct {
  const YbAction   *action;
  YbGuardArgsCheck  check;
  JsonObject       *args;       /* owned */
  char             *path;
} PendingGuard;

static void
pending_guard_free (gpointer data)
{
  PendingGuard *pending = data;

  json_object_unref (pending->args);
  g_free (pending->path);
  g_free (pending);
}

static void
remember_path (Parser        *ps,
               gconstpointer  part,
               const char    *path)
{
  g_hash_table_insert (ps->paths, (gpointer) part, g_strdup (path != NULL ? path : ""));
}

static const char *
path_of (Parser        *ps,
         gconstpointer  part)
{
  return g_hash_table_lookup (ps->paths, part);
}

/* Ids end up in URLs (actions) and in database columns checked against this pattern. */
static gboolean
id_is_valid (const char *id)
{
  if (id == NULL || !g_ascii_islower (id[0]))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static const char *
check_id (Parser     *ps,
          JsonObject *object,
          const char *path,
          GHashTable *seen,
          const char *what)
{
  g_autofree char *id_path = yb_json_path_member (path, "id");
  const char *id = yb_json_check_string (&ps->jc, object, path, "id", TRUE);

  if (id == NULL)
    return NULL;
  if (!id_is_valid (id))
    yb_json_check_report (&ps->jc, "procedure.id", id_path,
                          "%s“%s”应由小写字母、数字和下划线组成，并以字母开头", what, id);
  if (seen != NULL)
    yb_json_check_unique (&ps->jc, seen, id, id_path, what);
  return id;
}

/* The strings of array member @name (never NULL); non-strings are reported. @paths gets
 * each element's path when not NULL. */
static GStrv
read_strings (Parser      *ps,
              JsonObject  *object,
              const char  *path,
              const char  *name,
              gboolean     required,
              GPtrArray   *paths)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = yb_json_check_array (&ps->jc, object, path, name, required, required);
  g_autofree char *array_path = yb_json_path_member (path, name);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      char *element_path = yb_json_path_index (array_path, i);

      if (!yb_json_node_is_kind (element, YB_JSON_KIND_STRING))
        {
          yb_json_check_report (&ps->jc, "procedure.type", element_path, "应为字符串");
          g_free (element_path);
          continue;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
      if (paths != NULL)
        g_ptr_array_add (paths, element_path);
      else
        g_free (element_path);
    }
  return g_strv_builder_end (builder);
}

static char *
dup_optional_string (Parser     *ps,
                     JsonObject *object,
                     const char *path,
                     const char *name)
{
  JsonNode *node = yb_json_check_member (&ps->jc, object, path, name, YB_JSON_KIND_STRING, FALSE);

  return node != NULL ? g_strdup (json_node_get_string (node)) : NULL;
}

/* ------------------------------------------------------------------------- states, deadlines */

static void
parse_states (Parser     *ps,
              JsonObject *object,
              const char *path)
{
  g_autofree char *states_path = yb_json_path_member (path, "states");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *states = yb_json_check_array (&ps->jc, object, path, "states", TRUE, TRUE);

  for (guint i = 0; states != NULL && i < json_array_get_length (states); i++)
    {
      g_autofree char *state_path = yb_json_path_index (states_path, i);
      g_autofree char *kind_path = yb_json_path_member (state_path, "kind");
      JsonObject *element = yb_json_check_element_object (&ps->jc, states, i, state_path);
      YbState *state;
      const char *kind;
      gboolean kind_known = FALSE;

      if (element == NULL)
        continue;
      yb_json_check_known_members (&ps->jc, element, state_path, state_members);
      state = g_new0 (YbState, 1);
      state->id = g_strdup (check_id (ps, element, state_path, seen, "状态编号"));
      state->name = g_strdup (yb_json_check_string (&ps->jc, element, state_path, "name", TRUE));
      kind = yb_json_check_string (&ps->jc, element, state_path, "kind", TRUE);
      kind_known = yb_state_kind_from_string (kind, &state->kind);
      if (kind != NULL && !kind_known)
        yb_json_check_report (&ps->jc, "procedure.state_kind", kind_path,
                              "状态类型“%s”无效，应为 open、waiting 或 closed", kind);
      g_ptr_array_add (ps->self->states, state);
      if (state->id != NULL && !g_hash_table_contains (ps->state_ids, state->id))
        g_hash_table_insert (ps->state_ids, state->id, state);
    }
}

static void
parse_limit (Parser        *ps,
             JsonNode      *node,
             const char    *path,
             YbDeadlineDef *deadline)
{
  JsonObject *limit;
  JsonNode *days;
  const char *kind;
  gboolean kind_known = FALSE;
  g_autofree char *kind_path = yb_json_path_member (path, "kind");
  g_autofree char *days_path = yb_json_path_member (path, "days");

  if (yb_json_node_is_kind (node, YB_JSON_KIND_STRING))
    {
      if (g_str_equal (json_node_get_string (node), "item"))
        deadline->item_limit = TRUE;
      else
        yb_json_check_report (&ps->jc, "procedure.limit", path,
                              "时限“%s”无效，应为 \"item\"（事项的办理时限）或时限对象",
                              json_node_get_string (node));
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      yb_json_check_report (&ps->jc, "procedure.type", path,
                            "时限应为 \"item\" 或 {kind, days} 对象");
      return;
    }
  limit = json_node_get_object (node);
  yb_json_check_known_members (&ps->jc, limit, path, limit_members);
  kind = yb_json_check_string (&ps->jc, limit, path, "kind", TRUE);
  if (kind != NULL)
    {
      kind_known = yb_time_limit_kind_from_string (kind, &deadline->limit.kind);
      if (!kind_known)
        yb_json_check_report (&ps->jc, "procedure.limit", kind_path,
                              "时限类型“%s”无效，应为 working_days、calendar_days、on_the_spot 或 none",
                              kind);
    }
  deadline->limit.text = dup_optional_string (ps, limit, path, "text");
  days = yb_json_check_member (&ps->jc, limit, path, "days", YB_JSON_KIND_INT, FALSE);
  if (!kind_known)
    return;
  if (deadline->limit.kind == YB_TIME_LIMIT_WORKING_DAYS ||
      deadline->limit.kind == YB_TIME_LIMIT_CALENDAR_DAYS)
    {
      if (days == NULL && !yb_json_present (limit, "days"))
        yb_json_check_report (&ps->jc, "procedure.limit", days_path,
                              "时限类型为 %s 时必须填写天数“days”", kind);
      else if (days != NULL && (json_node_get_int (days) <= 0 || json_node_get_int (days) > 3660))
        yb_json_check_report (&ps->jc, "procedure.limit", days_path,
                              "天数应在 1 至 3660 之间，实际为 %" G_GINT64_FORMAT,
                              json_node_get_int (days));
      else if (days != NULL)
        deadline->limit.days = (int) json_node_get_int (days);
    }
  else if (days != NULL)
    yb_json_check_report (&ps->jc, "procedure.limit", days_path,
                          "时限类型为 %s 时不应填写天数“days”", kind);

  /* The days from the starting action's input; resolved once the actions are parsed. */
  deadline->days_field = dup_optional_string (ps, limit, path, "days_field");
  if (deadline->days_field != NULL && deadline->limit.kind != YB_TIME_LIMIT_WORKING_DAYS &&
      deadline->limit.kind != YB_TIME_LIMIT_CALENDAR_DAYS)
    {
      g_autofree char *field_path = yb_json_path_member (path, "days_field");

      yb_json_check_report (&ps->jc, "procedure.limit", field_path,
                            "只有按工作日或自然日计算的时限才能由字段“days_field”决定天数");
    }
}

static void
parse_deadlines (Parser     *ps,
                 JsonObject *object,
                 const char *path)
{
  g_autofree char *deadlines_path = yb_json_path_member (path, "deadlines");
  JsonArray *deadlines = yb_json_check_array (&ps->jc, object, path, "deadlines", FALSE, FALSE);

  for (guint i = 0; deadlines != NULL && i < json_array_get_length (deadlines); i++)
    {
      g_autofree char *deadline_path = yb_json_path_index (deadlines_path, i);
      g_autofree char *limit_path = yb_json_path_member (deadline_path, "limit");
      JsonObject *element = yb_json_check_element_object (&ps->jc, deadlines, i, deadline_path);
      YbDeadlineDef *deadline;

      if (element == NULL)
        continue;
      yb_json_check_known_members (&ps->jc, element, deadline_path, deadline_members);
      deadline = g_new0 (YbDeadlineDef, 1);
      deadline->id = g_strdup (check_id (ps, element, deadline_path, ps->deadline_ids, "时限编号"));
      deadline->name = g_strdup (yb_json_check_string (&ps->jc, element, deadline_path, "name", TRUE));
      remember_path (ps, deadline, limit_path);
      if (yb_json_present (element, "limit"))
        parse_limit (ps, json_object_get_member (element, "limit"), limit_path, deadline);
      else
        yb_json_check_report (&ps->jc, "procedure.missing", limit_path, "缺少必填项“limit”");
      g_ptr_array_add (ps->self->deadlines, deadline);
    }
}

/* ------------------------------------------------------------------------- fields */

static const char *
bound_name (YbFieldType type)
{
  return type == YB_FIELD_TEXT ? "长度" : "数值";
}

/* "equals", "required_when" and the user-field rules; references to other fields are
 * resolved later (resolve_field). */
static void
parse_field_rules (Parser     *ps,
                   JsonObject *object,
                   const char *path,
                   YbField    *field,
                   gboolean    type_known)
{
  g_autofree char *equals_path = yb_json_path_member (path, "equals");
  g_autofree char *when_path = yb_json_path_member (path, "required_when");
  g_autofree char *in_path = yb_json_path_member (when_path, "in");
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *user_rules[] = { "role", "not_actor", "not_from_actions", "distinct_from_fields" };
  gboolean is_user = type_known && field->type == YB_FIELD_USER;
  JsonNode *node;

  if (yb_json_present (object, "equals"))
    {
      g_autofree char *why = NULL;

      node = json_object_get_member (object, "equals");
      if (type_known && !yb_field_value_fits (field, node, &why))
        yb_json_check_report (&ps->jc, "procedure.equals", equals_path, "“equals”%s", why);
      else
        field->equals = json_node_copy (node);
    }

  if (yb_json_present (object, "required_when"))
    {
      node = yb_json_check_member (&ps->jc, object, path, "required_when", YB_JSON_KIND_OBJECT, FALSE);
      if (node != NULL)
        {
          JsonObject *when = json_node_get_object (node);
          JsonArray *in;

          yb_json_check_known_members (&ps->jc, when, when_path, required_when_members);
          field->required_when_field = g_strdup (yb_json_check_string (&ps->jc, when, when_path, "field", TRUE));
          in = yb_json_check_array (&ps->jc, when, when_path, "in", TRUE, TRUE);
          for (guint i = 0; in != NULL && i < json_array_get_length (in); i++)
            if (!JSON_NODE_HOLDS_VALUE (json_array_get_element (in, i)))
              {
                g_autofree char *value_path = yb_json_path_index (in_path, i);

                yb_json_check_report (&ps->jc, "procedure.required_when", value_path,
                                      "“in”中的值应为字符串、数字或 true/false");
              }
          if (in != NULL)
            field->required_when_in = json_array_ref (in);
          if (field->required)
            yb_json_check_report (&ps->jc, "procedure.required_when", when_path,
                                  "字段已是必填（required），不应再写“required_when”");
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (user_rules); i++)
    if (type_known && !is_user && yb_json_present (object, user_rules[i]))
      {
        g_autofree char *rule_path = yb_json_path_member (path, user_rules[i]);

        yb_json_check_report (&ps->jc, "procedure.user_rule", rule_path,
                              "“%s”只适用于 user（工作人员）字段", user_rules[i]);
      }
  if (type_known && !is_user)
    return;

  field->role = dup_optional_string (ps, object, path, "role");
  if (field->role != NULL && !yb_role_can_act (field->role))
    {
      g_autofree char *role_path = yb_json_path_member (path, "role");

      yb_json_check_report (&ps->jc, "procedure.role", role_path,
                            "角色“%s”不能办理操作，应为 clerk、chief、inspector、settlement、leader 或 admin",
                            field->role);
    }
  node = yb_json_check_member (&ps->jc, object, path, "not_actor", YB_JSON_KIND_BOOL, FALSE);
  field->not_actor = node != NULL && json_node_get_boolean (node);

  if (yb_json_present (object, "not_from_actions"))
    {
      field->not_from_actions = read_strings (ps, object, path, "not_from_actions", TRUE, paths);
      for (guint i = 0; field->not_from_actions[i] != NULL; i++)
        if (!g_hash_table_contains (ps->action_ids, field->not_from_actions[i]))
          yb_json_check_report (&ps->jc, "procedure.unknown_action", paths->pdata[i],
                                "“not_from_actions”中的操作“%s”不存在", field->not_from_actions[i]);
    }
  if (yb_json_present (object, "distinct_from_fields"))
    field->distinct_from_fields = read_strings (ps, object, path, "distinct_from_fields", TRUE, NULL);
}

static YbField *
parse_field (Parser     *ps,
             JsonObject *object,
             const char *path,
             GHashTable *seen)
{
  YbField *field = g_new0 (YbField, 1);
  g_autofree char *type_path = yb_json_path_member (path, "type");
  g_autofree char *min_path = yb_json_path_member (path, "min");
  g_autofree char *max_path = yb_json_path_member (path, "max");
  g_autofree char *options_path = yb_json_path_member (path, "options");
  g_autofree char *before_path = yb_json_path_member (path, "not_before");
  g_autofree char *after_path = yb_json_path_member (path, "not_after");
  const char *type;
  gboolean type_known = FALSE;
  gboolean bounded;
  JsonNode *node;

  yb_json_check_known_members (&ps->jc, object, path, field_members);
  field->id = g_strdup (check_id (ps, object, path, seen, "字段编号"));
  field->name = g_strdup (yb_json_check_string (&ps->jc, object, path, "name", TRUE));
  type = yb_json_check_string (&ps->jc, object, path, "type", TRUE);
  if (type != NULL)
    {
      type_known = yb_field_type_from_string (type, &field->type);
      if (!type_known)
        yb_json_check_report (&ps->jc, "procedure.field_type", type_path,
                              "字段类型“%s”无效，应为 text、resident_id、credit_code、mobile、region、"
                              "date、money、integer、choice、boolean 或 user", type);
    }
  node = yb_json_check_member (&ps->jc, object, path, "required", YB_JSON_KIND_BOOL, FALSE);
  field->required = node != NULL && json_node_get_boolean (node);

  bounded = type_known && (field->type == YB_FIELD_TEXT || field->type == YB_FIELD_MONEY ||
                           field->type == YB_FIELD_INTEGER);
  if ((node = yb_json_check_member (&ps->jc, object, path, "min", YB_JSON_KIND_INT, FALSE)) != NULL)
    {
      field->has_min = TRUE;
      field->min = json_node_get_int (node);
    }
  if ((node = yb_json_check_member (&ps->jc, object, path, "max", YB_JSON_KIND_INT, FALSE)) != NULL)
    {
      field->has_max = TRUE;
      field->max = json_node_get_int (node);
    }
  if (type_known && !bounded && (field->has_min || field->has_max))
    yb_json_check_report (&ps->jc, "procedure.field_bound", field->has_min ? min_path : max_path,
                          "“min”“max”只适用于 text、money 和 integer 字段");
  else if (bounded && field->type == YB_FIELD_TEXT && ((field->has_min && field->min < 0) ||
                                            (field->has_max && field->max < 1)))
    yb_json_check_report (&ps->jc, "procedure.field_bound", field->has_max ? max_path : min_path,
                          "文本长度限制应为正数");
  else if (field->has_min && field->has_max && field->min > field->max)
    yb_json_check_report (&ps->jc, "procedure.field_bound", min_path,
                          "%s下限 %" G_GINT64_FORMAT " 大于上限 %" G_GINT64_FORMAT,
                          bound_name (field->type), field->min, field->max);

  if (type_known && field->type == YB_FIELD_CHOICE)
    {
      g_autoptr(GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);

      field->options = read_strings (ps, object, path, "options", TRUE, NULL);
      for (guint i = 0; field->options[i] != NULL; i++)
        if (!g_hash_table_add (options, field->options[i]))
          {
            g_autofree char *option_path = yb_json_path_index (options_path, i);

            yb_json_check_report (&ps->jc, "procedure.duplicate", option_path,
                                  "选项“%s”重复", field->options[i]);
          }
    }
  else if (yb_json_present (object, "options") && type_known)
    yb_json_check_report (&ps->jc, "procedure.options", options_path,
                          "“options”只适用于 choice 字段");

  field->not_before = dup_optional_string (ps, object, path, "not_before");
  field->not_after = dup_optional_string (ps, object, path, "not_after");
  if (type_known && field->type != YB_FIELD_DATE && (field->not_before || field->not_after))
    yb_json_check_report (&ps->jc, "procedure.date_bound", field->not_before ? before_path : after_path,
                          "“not_before”“not_after”只适用于 date 字段");
  else
    {
      const char *names[] = { "not_before", "not_after" };
      const char *texts[] = { field->not_before, field->not_after };
      const char *paths[] = { before_path, after_path };

      for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
        {
          YbDateBound bound;

          if (texts[i] != NULL && !yb_date_bound_parse (texts[i], &bound))
            yb_json_check_report (&ps->jc, "procedure.date_bound", paths[i],
                                  "“%s”应为 case_start、today、today+N、today-N 或 field:字段编号，实际为“%s”",
                                  names[i], texts[i]);
        }
    }

  parse_field_rules (ps, object, path, field, type_known);
  remember_path (ps, field, path);
  return field;
}

/* ------------------------------------------------------------------------- actions */

static void
parse_action_refs (Parser     *ps,
                   JsonObject *object,
                   const char *path,
                   YbAction   *action)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *deadline_refs[] = { "starts_deadline", "stops_deadline" };

  action->distinct_from = read_strings (ps, object, path, "distinct_from", FALSE, paths);
  for (guint i = 0; action->distinct_from[i] != NULL; i++)
    if (!g_hash_table_contains (ps->action_ids, action->distinct_from[i]))
      yb_json_check_report (&ps->jc, "procedure.unknown_action", paths->pdata[i],
                            "“distinct_from”中的操作“%s”不存在", action->distinct_from[i]);

  g_ptr_array_set_size (paths, 0);
  action->documents = read_strings (ps, object, path, "documents", FALSE, paths);
  for (guint i = 0; action->documents[i] != NULL; i++)
    if (ps->document_kinds != NULL &&
        !json_object_has_member (ps->document_kinds, action->documents[i]))
      yb_json_check_report (&ps->jc, "procedure.unknown_document", paths->pdata[i],
                            "文书种类“%s”不在 documents 中", action->documents[i]);

  for (gsize k = 0; k < G_N_ELEMENTS (deadline_refs); k++)
    {
      char *id = dup_optional_string (ps, object, path, deadline_refs[k]);

      if (id != NULL && !g_hash_table_contains (ps->deadline_ids, id))
        {
          g_autofree char *member_path = yb_json_path_member (path, deadline_refs[k]);

          yb_json_check_report (&ps->jc, "procedure.unknown_deadline", member_path,
                                "时限“%s”不在 deadlines 中", id);
        }
      if (k == 0)
        action->starts_deadline = id;
      else
        action->stops_deadline = id;
    }

  /* An extension: the deadline and the integer field with its days, together. */
  action->extends_deadline = dup_optional_string (ps, object, path, "extends_deadline");
  action->extends_days_field = dup_optional_string (ps, object, path, "extends_days_field");
  if (action->extends_deadline != NULL && !g_hash_table_contains (ps->deadline_ids, action->extends_deadline))
    {
      g_autofree char *member_path = yb_json_path_member (path, "extends_deadline");

      yb_json_check_report (&ps->jc, "procedure.unknown_deadline", member_path,
                            "时限“%s”不在 deadlines 中", action->extends_deadline);
    }
  if ((action->extends_deadline != NULL) != (action->extends_days_field != NULL) &&
      !yb_json_present (object, action->extends_deadline != NULL ? "extends_days_field" : "extends_deadline"))
    {
      const char *missing = action->extends_deadline != NULL ? "extends_days_field" : "extends_deadline";
      g_autofree char *member_path = yb_json_path_member (path, missing);

      yb_json_check_report (&ps->jc, "procedure.missing", member_path,
                            "“extends_deadline”与“extends_days_field”须同时填写，缺少“%s”", missing);
    }

  if (yb_json_present (object, "material_sets"))
    {
      g_ptr_array_set_size (paths, 0);
      action->material_sets = read_strings (ps, object, path, "material_sets", TRUE, paths);
      for (guint i = 0; action->material_sets[i] != NULL; i++)
        if (!id_is_valid (action->material_sets[i]))
          yb_json_check_report (&ps->jc, "procedure.id", paths->pdata[i],
                                "情形编号“%s”应由小写字母、数字和下划线组成，并以字母开头",
                                action->material_sets[i]);
    }
  if (yb_json_present (object, "not_by_fields"))
    action->not_by_fields = read_strings (ps, object, path, "not_by_fields", TRUE, NULL);
}

static void
parse_guards (Parser     *ps,
              JsonObject *object,
              const char *path,
              YbAction   *action)
{
  g_autofree char *guards_path = yb_json_path_member (path, "guards");
  JsonArray *guards_array = yb_json_check_array (&ps->jc, object, path, "guards", FALSE, FALSE);

  action->guards = json_array_new ();
  for (guint i = 0; guards_array != NULL && i < json_array_get_length (guards_array); i++)
    {
      g_autofree char *guard_path = yb_json_path_index (guards_path, i);
      g_autofree char *rule_path = yb_json_path_member (guard_path, "rule");
      g_autofree char *args_path = yb_json_path_member (guard_path, "args");
      JsonObject *guard = yb_json_check_element_object (&ps->jc, guards_array, i, guard_path);
      JsonNode *args;
      YbGuardArgsCheck args_check = NULL;
      const char *rule;

      if (guard == NULL)
        continue;
      yb_json_check_known_members (&ps->jc, guard, guard_path, guard_members);
      rule = yb_json_check_string (&ps->jc, guard, guard_path, "rule", TRUE);
      args = yb_json_check_member (&ps->jc, guard, guard_path, "args", YB_JSON_KIND_OBJECT, FALSE);
      if (rule != NULL && yb_procedure_lookup_guard (rule, &args_check) == NULL)
        yb_json_check_report (&ps->jc, "procedure.unknown_guard", rule_path,
                              "规则“%s”没有注册（程序不认识这条规则）", rule);
      else if (rule != NULL && args_check != NULL)
        {
          PendingGuard *pending = g_new0 (PendingGuard, 1);

          /* Arguments may name fields other actions record: checked once all are parsed. */
          pending->action = action;
          pending->check = args_check;
          pending->args = args != NULL ? json_object_ref (json_node_get_object (args)) : json_object_new ();
          pending->path = g_strdup (args_path);
          g_ptr_array_add (ps->guards, pending);
        }
      json_array_add_element (action->guards, json_node_copy (json_array_get_element (guards_array, i)));
    }
}

static void
parse_officers (Parser     *ps,
                JsonObject *object,
                const char *path,
                YbAction   *action)
{
  g_autofree char *officers_path = yb_json_path_member (path, "officers");
  JsonNode *node = yb_json_check_member (&ps->jc, object, path, "officers", YB_JSON_KIND_INT, FALSE);
  const YbField *declared;

  action->officers = 1;
  if (node == NULL)
    return;
  if (json_node_get_int (node) != 1 && json_node_get_int (node) != 2)
    {
      yb_json_check_report (&ps->jc, "procedure.officers", officers_path,
                            "“officers”应为 1 或 2，实际为 %" G_GINT64_FORMAT, json_node_get_int (node));
      return;
    }
  action->officers = (int) json_node_get_int (node);
  if (action->officers != 2)
    return;

  /* The second officer is recorded in a user field; the action may declare it (to name
   * it for the form) or leave it to the engine. */
  declared = yb_action_get_field (action, YB_SECOND_OFFICER_FIELD);
  if (declared == NULL)
    {
      YbField *field = g_new0 (YbField, 1);

      field->id = g_strdup (YB_SECOND_OFFICER_FIELD);
      field->name = g_strdup ("第二名办理人员");
      field->type = YB_FIELD_USER;
      field->required = TRUE;
      g_ptr_array_add (action->fields, field);
    }
  else if (declared->type != YB_FIELD_USER)
    {
      g_autofree char *field_path = NULL;

      for (guint i = 0; i < action->fields->len; i++)
        if (g_ptr_array_index (action->fields, i) == declared)
          field_path = g_strdup_printf ("%s.fields[%u].type", path, i);
      yb_json_check_report (&ps->jc, "procedure.officers", field_path,
                            "两人办理的操作中“%s”字段应为 user 类型", YB_SECOND_OFFICER_FIELD);
    }
}

static void
parse_action (Parser     *ps,
              JsonObject *object,
              const char *path,
              GHashTable *seen)
{
  YbAction *action = g_new0 (YbAction, 1);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) field_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *to_path = yb_json_path_member (path, "to");
  g_autofree char *materials_path = yb_json_path_member (path, "materials");
  g_autofree char *reason_path = yb_json_path_member (path, "reason");
  g_autofree char *fields_path = yb_json_path_member (path, "fields");
  const char *text;
  JsonArray *fields;

  g_ptr_array_add (ps->self->actions, action);
  remember_path (ps, action, path);
  yb_json_check_known_members (&ps->jc, object, path, action_members);
  action->id = g_strdup (check_id (ps, object, path, seen, "操作编号"));
  action->name = g_strdup (yb_json_check_string (&ps->jc, object, path, "name", TRUE));

  action->from = read_strings (ps, object, path, "from", TRUE, paths);
  for (guint i = 0; action->from[i] != NULL; i++)
    {
      const YbState *state = g_hash_table_lookup (ps->state_ids, action->from[i]);

      if (state == NULL)
        yb_json_check_report (&ps->jc, "procedure.unknown_state", paths->pdata[i],
                              "状态“%s”不在 states 中", action->from[i]);
      else if (state->kind == YB_STATE_CLOSED)
        yb_json_check_report (&ps->jc, "procedure.closed_state", paths->pdata[i],
                              "状态“%s”（%s）已办结，不能再有操作", state->id, state->name);
    }
  action->to = g_strdup (yb_json_check_string (&ps->jc, object, path, "to", TRUE));
  if (action->to != NULL && !g_hash_table_contains (ps->state_ids, action->to))
    yb_json_check_report (&ps->jc, "procedure.unknown_state", to_path,
                          "状态“%s”不在 states 中", action->to);

  g_ptr_array_set_size (paths, 0);
  action->roles = read_strings (ps, object, path, "roles", TRUE, paths);
  for (guint i = 0; action->roles[i] != NULL; i++)
    if (!yb_role_can_act (action->roles[i]))
      yb_json_check_report (&ps->jc, "procedure.role", paths->pdata[i],
                            "角色“%s”不能办理操作，应为 clerk、chief、inspector、settlement、leader 或 admin",
                            action->roles[i]);

  text = yb_json_check_string (&ps->jc, object, path, "materials", FALSE);
  if (text != NULL && g_str_equal (text, "complete"))
    action->materials = YB_MATERIALS_COMPLETE;
  else if (text != NULL && g_str_equal (text, "incomplete"))
    action->materials = YB_MATERIALS_INCOMPLETE;
  else if (text != NULL)
    yb_json_check_report (&ps->jc, "procedure.materials", materials_path,
                          "“materials”应为 complete 或 incomplete，实际为“%s”", text);

  text = yb_json_check_string (&ps->jc, object, path, "reason", FALSE);
  if (text != NULL && g_str_equal (text, "required"))
    action->reason = YB_REASON_REQUIRED;
  else if (text != NULL && g_str_equal (text, "optional"))
    action->reason = YB_REASON_OPTIONAL;
  else if (text != NULL && !g_str_equal (text, "absent"))
    yb_json_check_report (&ps->jc, "procedure.reason", reason_path,
                          "“reason”应为 required、optional 或 absent，实际为“%s”", text);

  action->fields = g_ptr_array_new_with_free_func (yb_field_free);
  fields = yb_json_check_array (&ps->jc, object, path, "fields", FALSE, FALSE);
  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      g_autofree char *field_path = yb_json_path_index (fields_path, i);
      JsonObject *element = yb_json_check_element_object (&ps->jc, fields, i, field_path);

      if (element != NULL)
        g_ptr_array_add (action->fields, parse_field (ps, element, field_path, field_ids));
    }

  parse_officers (ps, object, path, action);
  parse_action_refs (ps, object, path, action);
  parse_guards (ps, object, path, action);
}

static void
parse_actions (Parser     *ps,
               JsonObject *object,
               const char *path)
{
  g_autofree char *actions_path = yb_json_path_member (path, "actions");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *actions = yb_json_check_array (&ps->jc, object, path, "actions", TRUE, TRUE);

  /* distinct_from may name an action defined further down. */
  for (guint i = 0; actions != NULL && i < json_array_get_length (actions); i++)
    {
      JsonNode *element = json_array_get_element (actions, i);
      JsonNode *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      id = json_object_get_member (json_node_get_object (element), "id");
      if (id != NULL && yb_json_node_is_kind (id, YB_JSON_KIND_STRING))
        g_hash_table_add (ps->action_ids, g_strdup (json_node_get_string (id)));
    }

  for (guint i = 0; actions != NULL && i < json_array_get_length (actions); i++)
    {
      g_autofree char *action_path = yb_json_path_index (actions_path, i);
      JsonObject *element = yb_json_check_element_object (&ps->jc, actions, i, action_path);

      if (element != NULL)
        parse_action (ps, element, action_path, seen);
    }
}

/* ------------------------------------------------------------------------- references across steps */

static void
report_unknown_field (Parser     *ps,
                      const char *path,
                      const char *member,
                      const char *id,
                      const char *what)
{
  g_autofree char *member_path = member != NULL ? yb_json_path_member (path, member) : g_strdup (path);

  yb_json_check_report (&ps->jc, "procedure.unknown_field", member_path,
                        "“%s”不是本流程任何一项操作记录的%s（也不能是字段自身）", id, what);
}

static void
resolve_field (Parser         *ps,
               const YbAction *action,
               const YbField  *field,
               const char     *path)
{
  const char *names[] = { "not_before", "not_after" };
  const char *texts[] = { field->not_before, field->not_after };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      YbDateBound bound;

      if (texts[i] == NULL || !yb_date_bound_parse (texts[i], &bound) || bound.kind != YB_DATE_BOUND_FIELD)
        continue;
      if (g_strcmp0 (bound.field, field->id) == 0 ||
          yb_procedure_find_field (ps->self, action, bound.field, YB_FIELD_DATE) == NULL)
        report_unknown_field (ps, path, names[i], bound.field, "日期（date）字段");
    }

  if (field->required_when_field != NULL)
    {
      g_autofree char *when_path = yb_json_path_member (path, "required_when");
      g_autofree char *in_path = yb_json_path_member (when_path, "in");
      const YbField *other = yb_procedure_find_field (ps->self, action, field->required_when_field, -1);

      if (other == NULL || g_strcmp0 (field->required_when_field, field->id) == 0)
        report_unknown_field (ps, when_path, "field", field->required_when_field, "字段");
      for (guint i = 0; other != NULL && field->required_when_in != NULL &&
                        i < json_array_get_length (field->required_when_in); i++)
        {
          JsonNode *value = json_array_get_element (field->required_when_in, i);
          g_autofree char *why = NULL;

          if (JSON_NODE_HOLDS_VALUE (value) && !yb_field_value_fits (other, value, &why))
            {
              g_autofree char *value_path = yb_json_path_index (in_path, i);

              yb_json_check_report (&ps->jc, "procedure.required_when", value_path,
                                    "“in”的值不适用于字段“%s”：%s", other->id, why);
            }
        }
    }

  for (guint i = 0; field->distinct_from_fields != NULL && field->distinct_from_fields[i] != NULL; i++)
    {
      g_autofree char *list_path = yb_json_path_member (path, "distinct_from_fields");
      g_autofree char *element_path = yb_json_path_index (list_path, i);
      const char *id = field->distinct_from_fields[i];

      if (g_strcmp0 (id, field->id) == 0)
        yb_json_check_report (&ps->jc, "procedure.user_rule", element_path,
                              "“distinct_from_fields”不能包含字段自身“%s”", id);
      else if (yb_procedure_find_field (ps->self, action, id, YB_FIELD_USER) == NULL)
        report_unknown_field (ps, element_path, NULL, id, "工作人员（user）字段");
    }
}

static void
resolve_action (Parser         *ps,
                const YbAction *action,
                const char     *path)
{
  for (guint i = 0; action->fields != NULL && i < action->fields->len; i++)
    {
      const YbField *field = g_ptr_array_index (action->fields, i);
      const char *field_path = path_of (ps, field);

      /* the engine's own second_officer has no rules and no path */
      if (field_path != NULL)
        resolve_field (ps, action, field, field_path);
    }

  for (guint i = 0; action->not_by_fields != NULL && action->not_by_fields[i] != NULL; i++)
    {
      g_autofree char *list_path = yb_json_path_member (path, "not_by_fields");
      g_autofree char *element_path = yb_json_path_index (list_path, i);

      if (yb_procedure_find_field (ps->self, NULL, action->not_by_fields[i], YB_FIELD_USER) == NULL)
        report_unknown_field (ps, element_path, NULL, action->not_by_fields[i], "工作人员（user）字段");
    }

  if (action->extends_deadline != NULL && action->extends_days_field != NULL)
    {
      const YbField *days = yb_action_get_field (action, action->extends_days_field);

      for (guint i = 0; i < ps->self->deadlines->len; i++)
        {
          const YbDeadlineDef *deadline = g_ptr_array_index (ps->self->deadlines, i);

          if (g_strcmp0 (deadline->id, action->extends_deadline) == 0 && !deadline->item_limit &&
              deadline->limit.kind != YB_TIME_LIMIT_WORKING_DAYS &&
              deadline->limit.kind != YB_TIME_LIMIT_CALENDAR_DAYS)
            {
              g_autofree char *member_path = yb_json_path_member (path, "extends_deadline");

              yb_json_check_report (&ps->jc, "procedure.limit", member_path,
                                    "时限“%s”不按日计算，不能延长", deadline->id);
            }
        }
      if (days == NULL || days->type != YB_FIELD_INTEGER || !days->has_min || days->min < 1 || !days->has_max)
        {
          g_autofree char *member_path = yb_json_path_member (path, "extends_days_field");

          yb_json_check_report (&ps->jc, "procedure.days_field", member_path,
                                "“%s”应为本操作的整数（integer）字段，并写明下限（不小于 1）和上限",
                                action->extends_days_field);
        }
    }
}

/* A deadline whose days come from a field: every action that starts it records that
 * field as an integer between 1 and the deadline's days. */
static void
resolve_deadline (Parser              *ps,
                  const YbDeadlineDef *deadline)
{
  const char *limit_path = path_of (ps, deadline);
  g_autofree char *field_path = NULL;

  if (deadline->days_field == NULL || limit_path == NULL)
    return;
  field_path = yb_json_path_member (limit_path, "days_field");
  for (guint i = 0; i < ps->self->actions->len; i++)
    {
      const YbAction *action = g_ptr_array_index (ps->self->actions, i);
      const YbField *days;

      if (g_strcmp0 (action->starts_deadline, deadline->id) != 0)
        continue;
      days = yb_action_get_field (action, deadline->days_field);
      if (days == NULL || days->type != YB_FIELD_INTEGER || !days->has_min || days->min < 1 ||
          !days->has_max || days->max > deadline->limit.days)
        yb_json_check_report (&ps->jc, "procedure.days_field", field_path,
                              "“%s”应为启动此时限的操作“%s”的整数（integer）字段，下限不小于 1，"
                              "上限不超过时限的 %d 天", deadline->days_field,
                              action->id != NULL ? action->id : "", deadline->limit.days);
    }
}

static void
resolve_references (Parser *ps)
{
  for (guint i = 0; i < ps->self->actions->len; i++)
    {
      const YbAction *action = g_ptr_array_index (ps->self->actions, i);

      resolve_action (ps, action, path_of (ps, action));
    }
  for (guint i = 0; i < ps->self->deadlines->len; i++)
    resolve_deadline (ps, g_ptr_array_index (ps->self->deadlines, i));
  for (guint i = 0; i < ps->guards->len; i++)
    {
      PendingGuard *pending = g_ptr_array_index (ps->guards, i);

      pending->check (ps->self, pending->action, pending->args, pending->path, &ps->jc);
    }
}

/* ------------------------------------------------------------------------- public API */

YbProcedure *
yb_procedure_parse (JsonNode    *node,
                    const char  *path,
                    JsonObject  *document_kinds,
                    YbProblems  *problems)
{
  g_autoptr(YbProblems) local = NULL;
  g_autoptr(YbProcedure) self = NULL;
  g_autofree char *initial_path = NULL;
  Parser ps = { 0 };
  JsonObject *object;
  guint before;

  g_return_val_if_fail (node != NULL, NULL);

  if (path == NULL)
    path = "";
  if (problems == NULL)
    problems = local = yb_problems_new ();
  before = yb_problems_get_len (problems);

  self = g_new0 (YbProcedure, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->states = g_ptr_array_new_with_free_func (yb_state_free);
  self->actions = g_ptr_array_new_with_free_func (yb_action_free);
  self->deadlines = g_ptr_array_new_with_free_func (yb_deadline_def_free);

  yb_json_check_init (&ps.jc, problems, "procedure");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      yb_json_check_report (&ps.jc, "procedure.type", path[0] != '\0' ? path : NULL,
                            "办理流程应为对象");
      yb_json_check_clear (&ps.jc);
      return NULL;
    }
  object = json_node_get_object (node);
  ps.self = self;
  ps.document_kinds = document_kinds;
  ps.state_ids = g_hash_table_new (g_str_hash, g_str_equal);
  ps.action_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ps.deadline_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ps.paths = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ps.guards = g_ptr_array_new_with_free_func (pending_guard_free);

  yb_json_check_known_members (&ps.jc, object, path, procedure_members);
  parse_states (&ps, object, path);
  self->initial = g_strdup (yb_json_check_string (&ps.jc, object, path, "initial", TRUE));
  initial_path = yb_json_path_member (path, "initial");
  if (self->initial != NULL && !g_hash_table_contains (ps.state_ids, self->initial))
    yb_json_check_report (&ps.jc, "procedure.unknown_state", initial_path,
                          "初始状态“%s”不在 states 中", self->initial);
  /* Deadlines before actions: actions start and stop them. */
  parse_deadlines (&ps, object, path);
  parse_actions (&ps, object, path);
  resolve_references (&ps);

  yb_json_check_clear (&ps.jc);
  g_hash_table_unref (ps.state_ids);
  g_hash_table_unref (ps.action_ids);
  g_hash_table_unref (ps.deadline_ids);
  g_hash_table_unref (ps.paths);
  g_ptr_array_unref (ps.guards);

  if (yb_problems_get_len (problems) > before)
    return NULL;
  return g_steal_pointer (&self);
}
