/* yb-fields.c: the values an action records ("fields" of the action input), checked by
 * their declared type: every problem at once, field = the field id, Chinese messages
 * naming the field as the form shows it. Also the built-in guard amount_within, which
 * compares money fields. */
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

static void
check_date (const YbField *field,
            const char    *text,
            const GDate   *case_start,
            const GDate   *today,
            YbProblems    *problems)
{
  GDate date;

  if (!yb_date_parse_iso (text, &date))
    {
      yb_problems_add (problems, "field.format", field->id,
                       "%s“%s”不是有效日期，应写作“年-月-日”，如 2026-03-01", field->name, text);
      return;
    }
  if (g_strcmp0 (field->not_before, "case_start") == 0 && case_start != NULL &&
      g_date_valid (case_start) && g_date_compare (&date, case_start) < 0)
    {
      g_autofree char *bound = yb_date_to_iso (case_start);

      yb_problems_add (problems, "field.date_range", field->id,
                       "%s %s 早于本件开始办理的日期 %s", field->name, text, bound);
    }
  else if (g_strcmp0 (field->not_before, "today") == 0 && g_date_compare (&date, today) < 0)
    {
      g_autofree char *bound = yb_date_to_iso (today);

      yb_problems_add (problems, "field.date_range", field->id,
                       "%s %s 早于今天（%s）", field->name, text, bound);
    }
  if (g_strcmp0 (field->not_after, "today") == 0 && g_date_compare (&date, today) > 0)
    {
      g_autofree char *bound = yb_date_to_iso (today);

      yb_problems_add (problems, "field.date_range", field->id,
                       "%s %s 晚于今天（%s）", field->name, text, bound);
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
check_one (const YbField *field,
           JsonNode      *node,
           const GDate   *case_start,
           const GDate   *today,
           YbProblems    *problems)
{
  const char *text = NULL;

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
        check_date (field, text, case_start, today, problems);
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

void
yb_fields_check_application (const YbAction *action,
                             JsonObject     *values,
                             const GDate    *case_start,
                             const GDate    *today,
                             YbProblems     *problems)
{
  for (guint i = 0; i < action->fields->len; i++)
    {
      const YbField *field = g_ptr_array_index (action->fields, i);
      JsonNode *node;

      if (field->type == YB_FIELD_USER)
        continue;
      node = field_value (values, field);
      if (node == NULL)
        {
          if (field->required)
            yb_problems_add (problems, "field.required", field->id, "未填写%s", field->name);
          continue;
        }
      check_one (field, node, case_start, today, problems);
    }
}

void
yb_fields_check_staff (const YbAction *action,
                       JsonObject     *values,
                       const YbActor  *actor,
                       YbProblems     *problems)
{
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
          else if (field->required)
            yb_problems_add (problems, "field.required", field->id, "未填写%s", field->name);
          continue;
        }
      if (!yb_json_node_is_kind (node, YB_JSON_KIND_INT) || json_node_get_int (node) <= 0)
        {
          yb_problems_add (problems, "field.type", field->id, "%s应为工作人员编号（正整数）",
                           field->name);
          continue;
        }
      if (!second || actor == NULL)
        continue;
      user_id = json_node_get_int (node);
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

/* ------------------------------------------------------------------------- amount_within */

static gboolean
money_field_of (const YbAction *action,
                const char     *id)
{
  const YbField *field = yb_action_get_field (action, id);

  return field != NULL && field->type == YB_FIELD_MONEY;
}

void
yb_guard_amount_within_check (const YbAction *action,
                              JsonObject     *args,
                              const char     *path,
                              YbJsonCheck    *jc)
{
  static const char * const bounds[] = { "min", "max", "min_times", "max_times" };
  const char *names[] = { "field", "basis" };
  gboolean any_bound = FALSE;

  yb_json_check_known_members (jc, args, path, amount_within_members);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *id = yb_json_check_string (jc, args, path, names[i], i == 0);

      if (id != NULL && !money_field_of (action, id))
        {
          g_autofree char *member_path = yb_json_path_member (path, names[i]);

          yb_json_check_report (jc, "procedure.guard_args", member_path,
                                "“%s”应为本操作的 money 字段", id);
        }
    }
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

static gint64
int_arg (JsonObject *args,
         const char *name,
         gint64      fallback)
{
  JsonNode *node = json_object_get_member (args, name);

  return node != NULL && yb_json_node_is_kind (node, YB_JSON_KIND_INT) ? json_node_get_int (node)
                                                                       : fallback;
}

static const char *
field_name_in (const YbItem *item,
               const char   *id)
{
  GPtrArray *actions = item != NULL && item->procedure != NULL
                       ? yb_procedure_get_actions (item->procedure) : NULL;

  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      const YbField *field = yb_action_get_field (g_ptr_array_index (actions, i), id);

      if (field != NULL)
        return field->name;
    }
  return id;
}

gboolean
yb_guard_amount_within (const YbItem *item,
                        JsonObject   *args,
                        JsonObject   *input,
                        YbProblems   *problems)
{
  JsonNode *fields_node = yb_input_member (input, "fields", YB_JSON_KIND_OBJECT);
  JsonObject *fields = fields_node != NULL ? json_node_get_object (fields_node) : NULL;
  const char *id = args != NULL ? json_object_get_string_member_with_default (args, "field", NULL) : NULL;
  const char *basis_id = args != NULL ? json_object_get_string_member_with_default (args, "basis", NULL) : NULL;
  JsonNode *value_node = fields != NULL && id != NULL ? json_object_get_member (fields, id) : NULL;
  JsonNode *basis_node = fields != NULL && basis_id != NULL ? json_object_get_member (fields, basis_id) : NULL;
  gint64 low = 0, high = YB_FEN_MAX, value;
  g_autofree char *low_text = NULL;
  g_autofree char *high_text = NULL;
  g_autofree char *times = NULL;

  /* A missing or mistyped amount is the field check's to report. */
  if (value_node == NULL || !yb_json_node_is_kind (value_node, YB_JSON_KIND_INT))
    return TRUE;
  value = json_node_get_int (value_node);
  low = MAX (low, int_arg (args, "min", 0));
  high = MIN (high, int_arg (args, "max", YB_FEN_MAX));
  if (basis_node != NULL && yb_json_node_is_kind (basis_node, YB_JSON_KIND_INT) &&
      json_node_get_int (basis_node) >= 0 &&
      (json_object_has_member (args, "min_times") || json_object_has_member (args, "max_times")))
    {
      gint64 basis = json_node_get_int (basis_node);
      gint64 min_times = int_arg (args, "min_times", 0);
      gint64 max_times = int_arg (args, "max_times", 0);
      YbFen product;

      if (min_times > 0)
        low = MAX (low, yb_fen_mul (basis, min_times, &product) ? product : YB_FEN_MAX);
      if (max_times > 0 && yb_fen_mul (basis, max_times, &product))
        high = MIN (high, product);
      if (min_times > 0 && max_times > 0)
        times = g_strdup_printf ("（%s的 %" G_GINT64_FORMAT " 至 %" G_GINT64_FORMAT " 倍）",
                                 field_name_in (item, basis_id), min_times, max_times);
      else
        times = g_strdup_printf ("（%s的%s %" G_GINT64_FORMAT " 倍）", field_name_in (item, basis_id),
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
