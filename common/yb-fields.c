/* yb-fields.c: the values an action records ("fields" of the action input), checked by
 * their declared type and rules (date bounds, equals, required_when, the user-field
 * rules, some of which look at what earlier steps recorded on the case): every problem
 * at once, field = the field id, Chinese messages naming the field as the form shows
 * it. Also the built-in guards amount_within, late_fine and case_field_is, which compare
 * field values. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-procedure-private.h"
#include "yb-calendar.h"
#include "yb-ids.h"
#include "yb-money.h"

#include <string.h>

static const struct {
  YbFieldType  type;
  const char  *text;
} field_types[] = {
  { YB_FIELD_TEXT, "text" },
  { YB_FIELD_RESIDENT_ID, "resident_id" },
  { YB_FIELD_CREDIT_CODE, "credit_code" },
  { YB_FIELD_MOBILE, "mobile" },
  { YB_FIELD_REGION, "region" },
  { YB_FIELD_DATE, "date" },
  { YB_FIELD_MONEY, "money" },
  { YB_FIELD_INTEGER, "integer" },
  { YB_FIELD_CHOICE, "choice" },
  { YB_FIELD_BOOLEAN, "boolean" },
  { YB_FIELD_USER, "user" },
};

static const struct {
  const char *code;
  const char *name;
} role_names[] = {
  { "clerk", "窗口人员" },
  { "chief", "科长" },
  { "inspector", "执法/检查人员" },
  { "settlement", "财务/结算人员" },
  { "leader", "局领导" },
  { "admin", "系统管理员" },
};

static const char * const amount_within_members[] = {
  "field", "basis", "min", "max", "min_times", "max_times", NULL,
};
static const char * const late_fine_members[] = {
  "fine_field", "days_field", "late_field", "permille_per_day", NULL,
};
static const char * const case_field_is_members[] = { "field", "equals", "in", "not_in", NULL };

/* "case:ID" in a guard's basis: the value recorded on the case only. */
#define CASE_PREFIX "case:"

/* ------------------------------------------------------------------------- helpers */

static const char *
role_name (const char *code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_str_equal (role_names[i].code, code))
      return role_names[i].name;
  return code;
}

char *
yb_role_names (GStrv roles)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "、" : "", role_name (roles[i]));
  return g_string_free (text, FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* The value of @field in @values: NULL when absent, JSON null, or an empty string. */
static JsonNode *
field_value (JsonObject    *values,
             const YbField *field)
{
  JsonNode *node;

  if (values == NULL || field->id == NULL)
    return NULL;
  node = json_object_get_member (values, field->id);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (yb_json_node_is_kind (node, YB_JSON_KIND_STRING) && is_blank (json_node_get_string (node)))
    return NULL;
  return node;
}

static const char *
string_value (JsonNode      *node,
              const YbField *field,
              YbProblems    *problems)
{
  if (!yb_json_node_is_kind (node, YB_JSON_KIND_STRING))
    {
      yb_problems_add (problems, "field.type", field->id, "%s应为文字", field->name);
      return NULL;
    }
  return json_node_get_string (node);
}

/* The date a bound stands for, or FALSE when it cannot be known (no case start, the
 * other field not given or not a date: its own check reports that). @what gets how
 * staff read the bound. */
static gboolean
resolve_bound (const char           *text,
               const YbFieldContext *context,
               GDate                *out,
               char                **what)
{
  YbDateBound bound;
  g_autofree char *iso = NULL;
  JsonNode *node;

  if (text == NULL || !yb_date_bound_parse (text, &bound))
    return FALSE;
  switch (bound.kind)
    {
    case YB_DATE_BOUND_CASE_START:
      if (context->case_start == NULL || !g_date_valid (context->case_start))
        return FALSE;
      *out = *context->case_start;
      iso = yb_date_to_iso (out);
      *what = g_strdup_printf ("本件开始办理的日期 %s", iso);
      return TRUE;
    case YB_DATE_BOUND_TODAY:
      *out = *context->today;
      if (bound.offset > 0)
        g_date_add_days (out, (guint) bound.offset);
      else if (bound.offset < 0)
        g_date_subtract_days (out, (guint) -bound.offset);
      iso = yb_date_to_iso (out);
      if (bound.offset == 0)
        *what = g_strdup_printf ("今天（%s）", iso);
      else
        *what = g_strdup_printf ("%s（今天%s %d 日）", iso, bound.offset > 0 ? "之后" : "之前",
                                 ABS (bound.offset));
      return TRUE;
    case YB_DATE_BOUND_FIELD:
    default:
      node = yb_field_lookup (context->values, context->recorded, bound.field);
      if (node == NULL || !yb_json_node_is_kind (node, YB_JSON_KIND_STRING) ||
          !yb_date_parse_iso (json_node_get_string (node), out))
        return FALSE;
      {
        const YbField *other = yb_procedure_find_field (context->procedure, context->action, bound.field,
                                                        YB_FIELD_DATE);

        *what = g_strdup_printf ("%s（%s）", other != NULL && other->name != NULL ? other->name : bound.field,
                                 json_node_get_string (node));
      }
      return TRUE;
    }
}

static void
check_date (const YbField        *field,
            const char           *text,
            const YbFieldContext *context,
            YbProblems           *problems)
{
  GDate date, bound;

  if (!yb_date_parse_iso (text, &date))
    {
      yb_problems_add (problems, "field.format", field->id,
                       "%s“%s”不是有效日期，应写作“年-月-日”，如 2026-03-01", field->name, text);
      return;
    }
  {
    g_autofree char *what = NULL;

    if (resolve_bound (field->not_before, context, &bound, &what) && g_date_compare (&date, &bound) < 0)
      yb_problems_add (problems, "field.date_range", field->id, "%s %s 早于%s", field->name, text, what);
  }
  {
    g_autofree char *what = NULL;

    if (resolve_bound (field->not_after, context, &bound, &what) && g_date_compare (&date, &bound) > 0)
      yb_problems_add (problems, "field.date_range", field->id, "%s %s 晚于%s", field->name, text, what);
  }
}

static void
check_money (const YbField *field,
             JsonNode      *node,
             YbProblems    *problems)
{
  /* Money is never negative here and never beyond what yb-money can represent. */
  gint64 min = field->has_min ? MAX (field->min, 0) : 0;
  gint64 max = field->has_max ? MIN (field->max, YB_FEN_MAX) : YB_FEN_MAX;
  gint64 value;

  if (!yb_json_node_is_kind (node, YB_JSON_KIND_INT))
    {
      yb_problems_add (problems, "field.type", field->id,
                       "%s应为以分为单位的整数金额（如 12.50 元写作 1250）", field->name);
      return;
    }
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      g_autofree char *min_text = yb_fen_format (min, TRUE);
      g_autofree char *max_text = yb_fen_format (max, TRUE);
      g_autofree char *value_text = NULL;

      if (value >= -YB_FEN_MAX && value <= YB_FEN_MAX)
        value_text = yb_fen_format (value, TRUE);
      else
        value_text = g_strdup ("超出范围");
      if (field->has_max)
        yb_problems_add (problems, "field.range", field->id,
                         "%s应在 %s 元至 %s 元之间，实际为 %s 元",
                         field->name, min_text, max_text, value_text);
      else
        yb_problems_add (problems, "field.range", field->id,
                         "%s不能少于 %s 元，实际为 %s 元", field->name, min_text, value_text);
    }
}

static void
check_integer (const YbField *field,
               JsonNode      *node,
               YbProblems    *problems)
{
  gint64 value;

  if (!yb_json_node_is_kind (node, YB_JSON_KIND_INT))
    {
      yb_problems_add (problems, "field.type", field->id, "%s应为整数", field->name);
      return;
    }
  value = json_node_get_int (node);
  if (field->has_min && field->has_max && (value < field->min || value > field->max))
    yb_problems_add (problems, "field.range", field->id,
                     "%s应在 %" G_GINT64_FORMAT " 至 %" G_GINT64_FORMAT " 之间，实际为 %" G_GINT64_FORMAT,
                     field->name, field->min, field->max, value);
  else if (field->has_min && value < field->min)
    yb_problems_add (problems, "field.range", field->id,
                     "%s不能小于 %" G_GINT64_FORMAT "，实际为 %" G_GINT64_FORMAT,
                     field->name, field->min, value);
  else if (field->has_max && value > field->max)
    yb_problems_add (problems, "field.range", field->id,
                     "%s不能大于 %" G_GINT64_FORMAT "，实际为 %" G_GINT64_FORMAT,
                     field->name, field->max, value);
}

static void
check_text (const YbField *field,
            const char    *text,
            YbProblems    *problems)
{
  glong length;

  if (!g_utf8_validate (text, -1, NULL))
    {
      yb_problems_add (problems, "field.format", field->id, "%s含有无效的字符编码", field->name);
      return;
    }
  length = g_utf8_strlen (text, -1);
  if (field->has_max && length > field->max)
    yb_problems_add (problems, "field.length", field->id,
                     "%s不能超过 %" G_GINT64_FORMAT " 个字，实际 %ld 个字",
                     field->name, field->max, length);
  else if (field->has_min && length < field->min)
    yb_problems_add (problems, "field.length", field->id,
                     "%s至少 %" G_GINT64_FORMAT " 个字，实际 %ld 个字",
                     field->name, field->min, length);
}

static void
check_choice (const YbField *field,
              const char    *text,
              YbProblems    *problems)
{
  g_autofree char *options = NULL;

  if (field->options != NULL && g_strv_contains ((const char * const *) field->options, text))
    return;
  options = field->options != NULL ? g_strjoinv ("、", field->options) : g_strdup ("");
  yb_problems_add (problems, "field.choice", field->id,
                   "%s“%s”不是可选项，应为：%s", field->name, text, options);
}

static void
check_one (const YbField        *field,
           JsonNode             *node,
           const YbFieldContext *context,
           YbProblems           *problems)
{
  const GDate *today = context->today;
  const char *text = NULL;
  guint before = yb_problems_get_len (problems);

  switch (field->type)
    {
    case YB_FIELD_TEXT:
      if ((text = string_value (node, field, problems)) != NULL)
        check_text (field, text, problems);
      break;
    case YB_FIELD_RESIDENT_ID:
      if ((text = string_value (node, field, problems)) != NULL)
        yb_resident_id_validate (text, today, NULL, problems, field->id);
      break;
    case YB_FIELD_CREDIT_CODE:
      if ((text = string_value (node, field, problems)) != NULL)
        yb_credit_code_validate (text, problems, field->id);
      break;
    case YB_FIELD_MOBILE:
      if ((text = string_value (node, field, problems)) != NULL)
        yb_mobile_validate (text, problems, field->id);
      break;
    case YB_FIELD_REGION:
      if ((text = string_value (node, field, problems)) != NULL)
        yb_region_code_validate (text, problems, field->id);
      break;
    case YB_FIELD_DATE:
      if ((text = string_value (node, field, problems)) != NULL)
        check_date (field, text, context, problems);
      break;
    case YB_FIELD_MONEY:
      check_money (field, node, problems);
      break;
    case YB_FIELD_INTEGER:
      check_integer (field, node, problems);
      break;
    case YB_FIELD_CHOICE:
      if ((text = string_value (node, field, problems)) != NULL)
        check_choice (field, text, problems);
      break;
    case YB_FIELD_BOOLEAN:
      if (!yb_json_node_is_kind (node, YB_JSON_KIND_BOOL))
        yb_problems_add (problems, "field.type", field->id, "%s应为“是”或“否”（true 或 false）",
                         field->name);
      break;
    case YB_FIELD_USER:
    default:
      g_assert_not_reached ();
    }

  /* "equals": a value of the right kind that is not the one the law requires. */
  if (field->equals != NULL && yb_problems_get_len (problems) == before && !json_node_equal (node, field->equals))
    {
      g_autofree char *want = yb_field_value_text (field->equals);

      yb_problems_add (problems, "field.must_equal", field->id, "%s应为“%s”", field->name, want);
    }
}

/* ------------------------------------------------------------------------- internal API */

gboolean
yb_field_type_from_string (const char  *text,
                           YbFieldType *out)
{
  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (field_types); i++)
    if (g_str_equal (field_types[i].text, text))
      {
        *out = field_types[i].type;
        return TRUE;
      }
  return FALSE;
}

const YbField *
yb_action_get_field (const YbAction *action,
                     const char     *id)
{
  for (guint i = 0; action->fields != NULL && i < action->fields->len; i++)
    {
      const YbField *field = g_ptr_array_index (action->fields, i);

      if (g_strcmp0 (field->id, id) == 0)
        return field;
    }
  return NULL;
}

JsonNode *
yb_input_member (JsonObject *input,
                 const char *name,
                 YbJsonKind  kind)
{
  JsonNode *node;

  if (input == NULL)
    return NULL;
  node = json_object_get_member (input, name);
  if (node == NULL || !yb_json_node_is_kind (node, kind))
    return NULL;
  return node;
}

gboolean
yb_date_bound_parse (const char  *text,
                     YbDateBound *out)
{
  memset (out, 0, sizeof *out);
  if (text == NULL)
    return FALSE;
  if (g_str_equal (text, "case_start"))
    {
      out->kind = YB_DATE_BOUND_CASE_START;
      return TRUE;
    }
  if (g_str_has_prefix (text, "field:"))
    {
      const char *id = text + strlen ("field:");

      if (!g_ascii_islower (id[0]))
        return FALSE;
      for (const char *p = id; *p != '\0'; p++)
        if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
          return FALSE;
      out->kind = YB_DATE_BOUND_FIELD;
      out->field = id;
      return TRUE;
    }
  if (g_str_has_prefix (text, "today"))
    {
      const char *rest = text + strlen ("today");
      guint64 days = 0;

      out->kind = YB_DATE_BOUND_TODAY;
      if (rest[0] == '\0')
        return TRUE;
      if ((rest[0] != '+' && rest[0] != '-') || !g_ascii_isdigit (rest[1]) || strlen (rest + 1) > 4 ||
          !g_ascii_string_to_unsigned (rest + 1, 10, 0, 3660, &days, NULL))
        return FALSE;
      out->offset = rest[0] == '+' ? (int) days : -(int) days;
      return TRUE;
    }
  return FALSE;
}

gboolean
yb_field_value_fits (const YbField  *field,
                     JsonNode       *value,
                     char          **why)
{
  const char *problem = NULL;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    problem = "应为字符串、数字或 true/false";
  else
    switch (field->type)
      {
      case YB_FIELD_BOOLEAN:
        if (!yb_json_node_is_kind (value, YB_JSON_KIND_BOOL))
          problem = "应为 true 或 false（布尔字段）";
        break;
      case YB_FIELD_MONEY:
      case YB_FIELD_INTEGER:
        if (!yb_json_node_is_kind (value, YB_JSON_KIND_INT))
          problem = "应为整数";
        break;
      case YB_FIELD_CHOICE:
        if (!yb_json_node_is_kind (value, YB_JSON_KIND_STRING))
          problem = "应为字符串（选项之一）";
        else if (field->options == NULL ||
                 !g_strv_contains ((const char * const *) field->options, json_node_get_string (value)))
          problem = "不是该字段的选项之一";
        break;
      case YB_FIELD_USER:
        problem = "不适用于 user（工作人员）字段";
        break;
      case YB_FIELD_TEXT:
      case YB_FIELD_RESIDENT_ID:
      case YB_FIELD_CREDIT_CODE:
      case YB_FIELD_MOBILE:
      case YB_FIELD_REGION:
      case YB_FIELD_DATE:
      default:
        if (!yb_json_node_is_kind (value, YB_JSON_KIND_STRING))
          problem = "应为字符串";
        break;
      }
  if (problem != NULL && why != NULL)
    *why = g_strdup (problem);
  return problem == NULL;
}

char *
yb_field_value_text (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("未填写");
  if (yb_json_node_is_kind (value, YB_JSON_KIND_BOOL))
    return g_strdup (json_node_get_boolean (value) ? "是" : "否");
  if (yb_json_node_is_kind (value, YB_JSON_KIND_STRING))
    return g_strdup (json_node_get_string (value));
  if (yb_json_node_is_kind (value, YB_JSON_KIND_INT))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
  return g_strdup ("（无法显示的值）");
}

/* A member of @object as a rule reads it: NULL when absent, JSON null or blank text. */
static JsonNode *
given_member (JsonObject *object,
              const char *id)
{
  JsonNode *node;

  if (object == NULL || id == NULL)
    return NULL;
  node = json_object_get_member (object, id);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (yb_json_node_is_kind (node, YB_JSON_KIND_STRING) && is_blank (json_node_get_string (node)))
    return NULL;
  return node;
}

JsonNode *
yb_field_lookup (JsonObject *values,
                 JsonObject *recorded,
                 const char *id)
{
  JsonNode *node = given_member (values, id);

  return node != NULL ? node : given_member (recorded, id);
}

static gboolean
value_in (JsonNode  *value,
          JsonArray *values)
{
  for (guint i = 0; value != NULL && values != NULL && i < json_array_get_length (values); i++)
    {
      JsonNode *candidate = json_array_get_element (values, i);

      if (JSON_NODE_HOLDS_VALUE (candidate) && JSON_NODE_HOLDS_VALUE (value) && json_node_equal (candidate, value))
        return TRUE;
    }
  return FALSE;
}

/* Whether @field must be given: "required", or its required_when condition holds. */
static gboolean
is_required (const YbField *field,
             JsonObject    *values,
             JsonObject    *recorded)
{
  if (field->required)
    return TRUE;
  if (field->required_when_field == NULL)
    return FALSE;
  return value_in (yb_field_lookup (values, recorded, field->required_when_field), field->required_when_in);
}

static const char *field_name_of (YbProcedure    *procedure,
                                  const YbAction *action,
                                  const char     *id);

static void
add_required (YbProcedure    *procedure,
              const YbAction *action,
              const YbField  *field,
              JsonObject     *values,
              JsonObject     *recorded,
              YbProblems     *problems)
{
  JsonNode *condition = NULL;
  g_autofree char *because = NULL;

  if (!field->required && field->required_when_field != NULL)
    condition = yb_field_lookup (values, recorded, field->required_when_field);
  if (condition != NULL)
    {
      g_autofree char *text = yb_field_value_text (condition);

      because = g_strdup_printf ("（%s为“%s”时必填）",
                                 field_name_of (procedure, action, field->required_when_field), text);
    }
  yb_problems_add (problems, "field.required", field->id, "未填写%s%s", field->name,
                   because != NULL ? because : "");
}

void
yb_fields_check_application (const YbAction       *action,
                             const YbFieldContext *context,
                             YbProblems           *problems)
{
  for (guint i = 0; i < action->fields->len; i++)
    {
      const YbField *field = g_ptr_array_index (action->fields, i);
      JsonNode *node;

      if (field->type == YB_FIELD_USER)
        continue;
      node = field_value (context->values, field);
      if (node == NULL)
        {
          if (is_required (field, context->values, context->recorded))
            add_required (context->procedure, action, field, context->values, context->recorded, problems);
          continue;
        }
      check_one (field, node, context, problems);
    }
}

static const char *
action_name_of (YbProcedure *procedure,
                const char  *id)
{
  const YbAction *action = procedure != NULL ? yb_procedure_get_action (procedure, id) : NULL;

  return action != NULL && action->name != NULL ? action->name : id;
}

static const char *
field_name_of (YbProcedure    *procedure,
               const YbAction *action,
               const char     *id)
{
  const YbField *field = yb_procedure_find_field (procedure, action, id, -1);

  return field != NULL && field->name != NULL ? field->name : id;
}

/* The user rules of a user field given as @user_id (role, not_actor, not_from_actions,
 * distinct_from_fields); the second officer's role is officers.second_role's. */
static void
check_user_rules (YbProcedure      *procedure,
                  const YbAction   *action,
                  const YbField    *field,
                  gint64            user_id,
                  gboolean          second,
                  JsonObject       *values,
                  const YbCaseView *view,
                  const YbActor    *actor,
                  YbProblems       *problems)
{
  JsonObject *recorded = view != NULL ? view->fields : NULL;

  if (actor != NULL && actor->user_has_role != NULL && field->role != NULL)
    {
      if (!actor->user_has_role (user_id, field->role, actor->user_data))
        {
          g_autofree char *role = yb_role_names ((GStrv) (const char *[]) { field->role, NULL });

          yb_problems_add (problems, "field.user_role", field->id,
                           "%s（编号 %" G_GINT64_FORMAT "）不是本县在岗的%s", field->name, user_id, role);
        }
    }
  else if (actor != NULL && actor->user_has_role != NULL && !second)
    {
      /* No role asked for: still a member of staff of the county. */
      gboolean staff = FALSE;

      for (const char * const *r = yb_acting_roles (); !staff && *r != NULL; r++)
        staff = actor->user_has_role (user_id, *r, actor->user_data);
      if (!staff)
        yb_problems_add (problems, "field.user_role", field->id,
                         "%s（编号 %" G_GINT64_FORMAT "）不是本县在岗的工作人员", field->name, user_id);
    }

  if (field->not_actor && actor != NULL && user_id == actor->id)
    yb_problems_add (problems, "field.user_is_actor", field->id, "%s不能是办理%s的本人",
                     field->name, action->name);

  if (field->not_from_actions != NULL && view != NULL)
    for (guint i = 0; view->history != NULL && i < view->history->len; i++)
      {
        const YbHistoryEntry *entry = g_ptr_array_index (view->history, i);

        if (entry->action == NULL ||
            !g_strv_contains ((const char * const *) field->not_from_actions, entry->action) ||
            (entry->actor_id != user_id && (entry->second_officer_id == 0 || entry->second_officer_id != user_id)))
          continue;
        yb_problems_add (problems, "field.user_took_step", field->id, "%s办理过本件的“%s”，不能担任%s",
                         field->name, action_name_of (procedure, entry->action), field->name);
        break;
      }

  for (guint i = 0; field->distinct_from_fields != NULL && field->distinct_from_fields[i] != NULL; i++)
    {
      const char *other = field->distinct_from_fields[i];
      JsonNode *node = yb_field_lookup (values, recorded, other);

      if (node != NULL && yb_json_node_is_kind (node, YB_JSON_KIND_INT) && json_node_get_int (node) == user_id)
        {
          gboolean here = given_member (values, other) != NULL;

          yb_problems_add (problems, "field.user_same", field->id, "%s与%s%s是同一人，应为另一人",
                           field->name, here ? "" : "本件已记录的", field_name_of (procedure, action, other));
        }
    }
}

void
yb_fields_check_staff (YbProcedure      *procedure,
                       const YbAction   *action,
                       JsonObject       *values,
                       const YbCaseView *view,
                       const YbActor    *actor,
                       YbProblems       *problems)
{
  JsonObject *recorded = view != NULL ? view->fields : NULL;

  for (guint i = 0; i < action->fields->len; i++)
    {
      const YbField *field = g_ptr_array_index (action->fields, i);
      gboolean second = action->officers == 2 && g_str_equal (field->id, YB_SECOND_OFFICER_FIELD);
      JsonNode *node;
      gint64 user_id;

      if (field->type != YB_FIELD_USER)
        continue;
      node = field_value (values, field);
      if (node == NULL)
        {
          if (second)
            yb_problems_add (problems, "officers.second_missing", field->id,
                             "%s须由两名人员共同办理，请填写%s", action->name, field->name);
          else if (is_required (field, values, recorded))
            add_required (procedure, action, field, values, recorded, problems);
          continue;
        }
      if (!yb_json_node_is_kind (node, YB_JSON_KIND_INT) || json_node_get_int (node) <= 0)
        {
          yb_problems_add (problems, "field.type", field->id, "%s应为工作人员编号（正整数）",
                           field->name);
          continue;
        }
      user_id = json_node_get_int (node);
      if (second && actor != NULL)
        {
          if (user_id == actor->id)
            yb_problems_add (problems, "officers.same_person", field->id,
                             "%s须由两名不同人员办理，%s不能是本人", action->name, field->name);
          else if (actor->user_has_role != NULL)
            {
              gboolean holds = FALSE;

              for (guint r = 0; !holds && action->roles[r] != NULL; r++)
                holds = actor->user_has_role (user_id, action->roles[r], actor->user_data);
              if (!holds)
                {
                  g_autofree char *roles = yb_role_names (action->roles);

                  yb_problems_add (problems, "officers.second_role", field->id,
                                   "%s（编号 %" G_GINT64_FORMAT "）不是本县的%s，不能共同办理%s",
                                   field->name, user_id, roles, action->name);
                }
            }
        }
      check_user_rules (procedure, action, field, user_id, second, values, view, actor, problems);
    }
}

void
yb_fields_check_unknown (const YbAction *action,
                         JsonObject     *values,
                         YbProblems     *problems)
{
  g_autoptr(GList) names = NULL;

  if (values == NULL)
    return;
  names = json_object_get_members (values);
  for (GList *l = names; l != NULL; l = l->next)
    if (yb_action_get_field (action, l->data) == NULL)
      yb_problems_add (problems, "field.unknown", l->data, "“%s”不是“%s”要填写的项目",
                       (const char *) l->data, action->name);
}

/* ------------------------------------------------------------------------- guards: helpers */

static JsonObject *
input_fields (JsonObject *input)
{
  JsonNode *node = yb_input_member (input, "fields", YB_JSON_KIND_OBJECT);

  return node != NULL ? json_node_get_object (node) : NULL;
}

static gint64
int_arg (JsonObject *args,
         const char *name,
         gint64      fallback)
{
  JsonNode *node = args != NULL ? json_object_get_member (args, name) : NULL;

  return node != NULL && yb_json_node_is_kind (node, YB_JSON_KIND_INT) ? json_node_get_int (node)
                                                                       : fallback;
}

static const char *
string_arg (JsonObject *args,
            const char *name)
{
  JsonNode *node = args != NULL ? json_object_get_member (args, name) : NULL;

  return node != NULL && yb_json_node_is_kind (node, YB_JSON_KIND_STRING) ? json_node_get_string (node) : NULL;
}

static const char *
field_name_in (const YbItem *item,
               const char   *id)
{
  const YbField *field = item != NULL && item->procedure != NULL
                         ? yb_procedure_find_field (item->procedure, NULL, id, -1) : NULL;

  return field != NULL && field->name != NULL ? field->name : id;
}

/* Reports unless @id names a field of @type that @action records (@here_only) or that
 * any action of the procedure records. */
static void
check_field_arg (YbProcedure    *procedure,
                 const YbAction *action,
                 const char     *id,
                 YbFieldType     type,
                 gboolean        here_only,
                 const char     *path,
                 const char     *member,
                 YbJsonCheck    *jc)
{
  const YbField *field = here_only ? yb_action_get_field (action, id)
                                   : yb_procedure_find_field (procedure, action, id, (int) type);
  const char *kind = type == YB_FIELD_MONEY ? "money" : type == YB_FIELD_INTEGER ? "integer" : "";

  if (field == NULL || field->type != type)
    {
      g_autofree char *member_path = yb_json_path_member (path, member);

      yb_json_check_report (jc, "procedure.guard_args", member_path,
                            here_only ? "“%s”应为本操作的 %s 字段" : "“%s”应为本流程某项操作记录的 %s 字段",
                            id, kind);
    }
}

/* A money or integer value for a guard: the input's field, else the case's recorded one
 * (or only the recorded one for "case:ID"). FALSE when there is none of the right kind;
 * *@recorded_only tells whether it was a "case:" reference. */
static gboolean
lookup_amount (JsonObject       *input,
               const YbCaseView *view,
               const char       *reference,
               gint64           *out,
               gboolean         *recorded_only)
{
  JsonObject *recorded = view != NULL ? view->fields : NULL;
  gboolean case_only = reference != NULL && g_str_has_prefix (reference, CASE_PREFIX);
  const char *id = case_only ? reference + strlen (CASE_PREFIX) : reference;
  JsonNode *node = case_only ? yb_field_lookup (NULL, recorded, id) : yb_field_lookup (input_fields (input), recorded, id);

  if (recorded_only != NULL)
    *recorded_only = case_only;
  if (node == NULL || !yb_json_node_is_kind (node, YB_JSON_KIND_INT))
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static const char *
reference_id (const char *reference)
{
  return reference != NULL && g_str_has_prefix (reference, CASE_PREFIX) ? reference + strlen (CASE_PREFIX)
                                                                        : reference;
}

/* ------------------------------------------------------------------------- amount_within */

void
yb_guard_amount_within_check (YbProcedure    *procedure,
                              const YbAction *action,
                              JsonObject     *args,
                              const char     *path,
                              YbJsonCheck    *jc)
{
  static const char * const bounds[] = { "min", "max", "min_times", "max_times" };
  const char *field = yb_json_check_string (jc, args, path, "field", TRUE);
  const char *basis = yb_json_check_string (jc, args, path, "basis", FALSE);
  gboolean any_bound = FALSE;

  yb_json_check_known_members (jc, args, path, amount_within_members);
  if (field != NULL)
    check_field_arg (procedure, action, field, YB_FIELD_MONEY, TRUE, path, "field", jc);
  if (basis != NULL)
    check_field_arg (procedure, action, reference_id (basis), YB_FIELD_MONEY, FALSE, path, "basis", jc);
  for (gsize i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      JsonNode *node = yb_json_check_member (jc, args, path, bounds[i], YB_JSON_KIND_INT, FALSE);
      gint64 least = i < 2 ? 0 : 1;

      if (node == NULL)
        continue;
      any_bound = TRUE;
      if (json_node_get_int (node) < least || json_node_get_int (node) > YB_FEN_MAX)
        {
          g_autofree char *member_path = yb_json_path_member (path, bounds[i]);

          yb_json_check_report (jc, "procedure.guard_args", member_path,
                                "“%s”应为不小于 %" G_GINT64_FORMAT " 的整数", bounds[i], least);
        }
      if (i >= 2 && !yb_json_present (args, "basis"))
        {
          g_autofree char *member_path = yb_json_path_member (path, bounds[i]);

          yb_json_check_report (jc, "procedure.guard_args", member_path,
                                "按倍数限定金额时须用“basis”指明基数字段");
        }
    }
  if (!any_bound)
    yb_json_check_report (jc, "procedure.guard_args", path,
                          "amount_within 至少要有 min、max、min_times、max_times 之一");
}

gboolean
yb_guard_amount_within (const YbItem     *item,
                        const YbCaseView *view,
                        JsonObject       *args,
                        JsonObject       *input,
                        YbProblems       *problems)
{
  JsonObject *fields = input_fields (input);
  const char *id = string_arg (args, "field");
  const char *basis_ref = string_arg (args, "basis");
  JsonNode *value_node = fields != NULL && id != NULL ? json_object_get_member (fields, id) : NULL;
  gint64 low = 0, high = YB_FEN_MAX, value, basis = 0;
  gboolean recorded_only = FALSE, has_basis;
  g_autofree char *low_text = NULL;
  g_autofree char *high_text = NULL;
  g_autofree char *times = NULL;

  /* A missing or mistyped amount is the field check's to report. */
  if (value_node == NULL || !yb_json_node_is_kind (value_node, YB_JSON_KIND_INT))
    return TRUE;
  value = json_node_get_int (value_node);
  low = MAX (low, int_arg (args, "min", 0));
  high = MIN (high, int_arg (args, "max", YB_FEN_MAX));
  has_basis = basis_ref != NULL && lookup_amount (input, view, basis_ref, &basis, &recorded_only);
  /* "case:B" never recorded: nothing was recorded, so the bound is 0 times 0. */
  if (basis_ref != NULL && !has_basis && recorded_only)
    {
      basis = 0;
      has_basis = TRUE;
    }
  if (has_basis && basis >= 0 &&
      (json_object_has_member (args, "min_times") || json_object_has_member (args, "max_times")))
    {
      const char *basis_name = field_name_in (item, reference_id (basis_ref));
      const char *whose = recorded_only ? "本件已记录的" : "";
      gint64 min_times = int_arg (args, "min_times", 0);
      gint64 max_times = int_arg (args, "max_times", 0);
      YbFen product;

      if (min_times > 0)
        low = MAX (low, yb_fen_mul (basis, min_times, &product) ? product : YB_FEN_MAX);
      if (max_times > 0 && yb_fen_mul (basis, max_times, &product))
        high = MIN (high, product);
      if (min_times > 0 && max_times > 0)
        times = g_strdup_printf ("（%s%s的 %" G_GINT64_FORMAT " 至 %" G_GINT64_FORMAT " 倍）",
                                 whose, basis_name, min_times, max_times);
      else if (min_times == 0 && max_times == 1)
        times = g_strdup_printf ("（不超过%s%s）", whose, basis_name);
      else
        times = g_strdup_printf ("（%s%s的%s %" G_GINT64_FORMAT " 倍）", whose, basis_name,
                                 min_times > 0 ? "至少" : "至多", min_times > 0 ? min_times : max_times);
    }
  if (value >= low && value <= high)
    return TRUE;

  low_text = yb_fen_format (low, TRUE);
  high_text = yb_fen_format (MAX (high, low), TRUE);
  yb_problems_add (problems, "guard.amount_within", id, "%s应在 %s 元至 %s 元之间%s",
                   field_name_in (item, id), low_text, high_text, times != NULL ? times : "");
  return FALSE;
}

/* ------------------------------------------------------------------------- late_fine */

void
yb_guard_late_fine_check (YbProcedure    *procedure,
                          const YbAction *action,
                          JsonObject     *args,
                          const char     *path,
                          YbJsonCheck    *jc)
{
  const char *fine = yb_json_check_string (jc, args, path, "fine_field", TRUE);
  const char *days = yb_json_check_string (jc, args, path, "days_field", TRUE);
  const char *late = yb_json_check_string (jc, args, path, "late_field", TRUE);
  JsonNode *permille = yb_json_check_member (jc, args, path, "permille_per_day", YB_JSON_KIND_INT, TRUE);

  yb_json_check_known_members (jc, args, path, late_fine_members);
  if (fine != NULL)
    check_field_arg (procedure, action, fine, YB_FIELD_MONEY, FALSE, path, "fine_field", jc);
  if (days != NULL)
    check_field_arg (procedure, action, days, YB_FIELD_INTEGER, FALSE, path, "days_field", jc);
  if (late != NULL)
    check_field_arg (procedure, action, late, YB_FIELD_MONEY, TRUE, path, "late_field", jc);
  if (permille != NULL && (json_node_get_int (permille) < 1 || json_node_get_int (permille) > 1000))
    {
      g_autofree char *member_path = yb_json_path_member (path, "permille_per_day");

      yb_json_check_report (jc, "procedure.guard_args", member_path,
                            "“permille_per_day”应为 1 至 1000 之间的整数（千分之几每日）");
    }
}

/* min(fine, fine × permille‰ × days), rounded down, without overflow. */
static gint64
late_fine_due (gint64 fine,
               gint64 permille,
               gint64 days)
{
  gint64 rate;

  if (fine <= 0 || permille <= 0 || days <= 0)
    return 0;
  /* permille × days ≥ 1000: at least the whole fine, which is the cap */
  if (days >= (1000 + permille - 1) / permille)
    return fine;
  rate = permille * days;   /* < 1000 */
  return (fine / 1000) * rate + (fine % 1000) * rate / 1000;
}

gboolean
yb_guard_late_fine (const YbItem     *item,
                    const YbCaseView *view,
                    JsonObject       *args,
                    JsonObject       *input,
                    YbProblems       *problems)
{
  const char *late_id = string_arg (args, "late_field");
  const char *fine_id = string_arg (args, "fine_field");
  const char *days_id = string_arg (args, "days_field");
  gint64 permille = int_arg (args, "permille_per_day", 0);
  JsonNode *late_node = late_id != NULL ? yb_field_lookup (input_fields (input), NULL, late_id) : NULL;
  gint64 late, fine, days = 0, due;
  g_autofree char *due_text = NULL;
  g_autofree char *fine_text = NULL;
  g_autofree char *late_text = NULL;

  /* Not imposed (行政处罚法 art. 72: 可以), or mistyped (the field check's to report). */
  if (late_node == NULL || !yb_json_node_is_kind (late_node, YB_JSON_KIND_INT) ||
      (late = json_node_get_int (late_node)) == 0)
    return TRUE;
  /* Without the fine there is nothing to compare with: its own check reports it. */
  if (fine_id == NULL || !lookup_amount (input, view, fine_id, &fine, NULL) || fine < 0)
    return TRUE;
  if (days_id != NULL)
    lookup_amount (input, view, days_id, &days, NULL);
  due = late_fine_due (fine, permille, days);
  if (late == due)
    return TRUE;

  due_text = yb_fen_format (due, TRUE);
  fine_text = yb_fen_format (fine, TRUE);
  late_text = late >= -YB_FEN_MAX && late <= YB_FEN_MAX ? yb_fen_format (late, TRUE) : g_strdup ("超出范围");
  yb_problems_add (problems, "guard.late_fine", late_id,
                   "%s应为 %s 元（%s %s 元每日按千分之 %" G_GINT64_FORMAT "、共 %" G_GINT64_FORMAT
                   " 日计算，不超过%s本身，不足一分的舍去），实际为 %s 元",
                   field_name_in (item, late_id), due_text, field_name_in (item, fine_id), fine_text,
                   permille, MAX (days, 0), field_name_in (item, fine_id), late_text);
  return FALSE;
}

/* ------------------------------------------------------------------------- case_field_is */

void
yb_guard_case_field_is_check (YbProcedure    *procedure,
                              const YbAction *action,
                              JsonObject     *args,
                              const char     *path,
                              YbJsonCheck    *jc)
{
  static const char * const tests[] = { "equals", "in", "not_in" };
  const char *id = yb_json_check_string (jc, args, path, "field", TRUE);
  const YbField *field = id != NULL ? yb_procedure_find_field (procedure, NULL, id, -1) : NULL;
  guint given = 0;

  yb_json_check_known_members (jc, args, path, case_field_is_members);
  if (id != NULL && (field == NULL || field->type == YB_FIELD_USER))
    {
      g_autofree char *member_path = yb_json_path_member (path, "field");

      yb_json_check_report (jc, "procedure.guard_args", member_path,
                            "“%s”应为本流程某项操作记录的字段（不能是 user 字段）", id);
      field = NULL;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *member_path = yb_json_path_member (path, tests[i]);
      JsonNode *node = json_object_get_member (args, tests[i]);
      JsonArray *values;

      if (node == NULL)
        continue;
      given++;
      if (i == 0)
        {
          g_autofree char *why = NULL;

          if (field != NULL && !yb_field_value_fits (field, node, &why))
            yb_json_check_report (jc, "procedure.guard_args", member_path, "“equals”%s", why);
          continue;
        }
      values = yb_json_check_array (jc, args, path, tests[i], FALSE, TRUE);
      for (guint j = 0; values != NULL && j < json_array_get_length (values); j++)
        {
          g_autofree char *why = NULL;

          if (field != NULL && !yb_field_value_fits (field, json_array_get_element (values, j), &why))
            {
              g_autofree char *value_path = yb_json_path_index (member_path, j);

              yb_json_check_report (jc, "procedure.guard_args", value_path, "%s", why);
            }
        }
    }
  if (given != 1)
    yb_json_check_report (jc, "procedure.guard_args", path,
                          "case_field_is 须有且只有 equals、in、not_in 之一");
}

gboolean
yb_guard_case_field_is (const YbItem     *item,
                        const YbCaseView *view,
                        JsonObject       *args,
                        JsonObject       *input,
                        YbProblems       *problems)
{
  const char *id = string_arg (args, "field");
  JsonNode *value = id != NULL ? yb_field_lookup (NULL, view != NULL ? view->fields : NULL, id) : NULL;
  JsonNode *equals = args != NULL ? json_object_get_member (args, "equals") : NULL;
  JsonNode *in = args != NULL ? json_object_get_member (args, "in") : NULL;
  JsonNode *not_in = args != NULL ? json_object_get_member (args, "not_in") : NULL;
  g_autofree char *value_text = NULL;
  g_autofree char *want = NULL;
  gboolean ok;

  if (equals != NULL)
    ok = value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_equal (value, equals);
  else if (in != NULL && JSON_NODE_HOLDS_ARRAY (in))
    ok = value_in (value, json_node_get_array (in));
  else if (not_in != NULL && JSON_NODE_HOLDS_ARRAY (not_in))
    ok = !value_in (value, json_node_get_array (not_in));
  else
    ok = TRUE;   /* the parser refuses such args */
  if (ok)
    return TRUE;

  value_text = value != NULL ? yb_field_value_text (value) : g_strdup ("（尚未记录）");
  if (equals != NULL)
    {
      g_autofree char *text = yb_field_value_text (equals);

      want = g_strdup_printf ("应为“%s”", text);
    }
  else
    {
      JsonArray *values = json_node_get_array (in != NULL ? in : not_in);
      GString *list = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (values); i++)
        {
          g_autofree char *text = yb_field_value_text (json_array_get_element (values, i));

          g_string_append_printf (list, "%s“%s”", i > 0 ? "、" : "", text);
        }
      want = g_strdup_printf ("%s%s", in != NULL ? "应为以下之一：" : "不能是", list->str);
      g_string_free (list, TRUE);
    }
  yb_problems_add (problems, "guard.case_field", id, "本件已记录的%s为“%s”，办理此项时%s",
                   field_name_in (item, id), value_text, want);
  return FALSE;
}
