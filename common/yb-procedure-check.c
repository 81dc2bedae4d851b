/* yb-procedure-check.c: may this actor take this action on this case now, with this
 * input (the server's question, asked inside the transaction that applies it), and
 * which actions could this actor take (the client's buttons). Every problem at once. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-procedure-private.h"

static const struct {
  const char *name;
  YbJsonKind  kind;
  const char *what;
} input_members[] = {
  { "fields", YB_JSON_KIND_OBJECT, "对象" },
  { "materials", YB_JSON_KIND_ARRAY, "数组" },
  { "material_set", YB_JSON_KIND_STRING, "字符串" },
  { "reason", YB_JSON_KIND_STRING, "字符串" },
  { "override", YB_JSON_KIND_OBJECT, "对象" },
};

/* ------------------------------------------------------------------------- helpers */

static gboolean
actor_has_role (const YbActor *actor,
                const char    *role)
{
  for (guint i = 0; actor->roles != NULL && actor->roles[i] != NULL; i++)
    if (g_str_equal (actor->roles[i], role))
      return TRUE;
  return FALSE;
}

static gboolean
actor_may_act (const YbActor  *actor,
               const YbAction *action)
{
  for (guint i = 0; action->roles[i] != NULL; i++)
    if (actor_has_role (actor, action->roles[i]))
      return TRUE;
  return FALSE;
}

static const char *
action_name (YbProcedure *self,
             const char  *id)
{
  const YbAction *action = yb_procedure_get_action (self, id);

  return action != NULL && action->name != NULL ? action->name : id;
}

/* The earlier step in @action's distinct_from that @user took (alone or as the second
 * officer), or NULL. */
static const char *
earlier_step_by (const YbAction   *action,
                 const YbCaseView *view,
                 gint64            user)
{
  for (guint i = 0; view->history != NULL && i < view->history->len; i++)
    {
      const YbHistoryEntry *entry = g_ptr_array_index (view->history, i);

      if (entry->action == NULL ||
          !g_strv_contains ((const char * const *) action->distinct_from, entry->action))
        continue;
      if (entry->actor_id == user || (entry->second_officer_id != 0 && entry->second_officer_id == user))
        return entry->action;
    }
  return NULL;
}

/* "“转移（转出）”或“接续（转入）”" for set ids, by the item's names. */
static char *
material_set_names (const YbItem *item,
                    GStrv         ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const char *name = ids[i];

      for (guint k = 0; item != NULL && item->material_sets != NULL && k < item->material_sets->len; k++)
        {
          const YbMaterialSet *set = g_ptr_array_index (item->material_sets, k);

          if (g_strcmp0 (set->id, ids[i]) == 0 && set->name != NULL)
            name = set->name;
        }
      g_string_append_printf (text, "%s“%s”", i == 0 ? "" : ids[i + 1] == NULL ? "或" : "、", name);
    }
  return g_string_free (text, FALSE);
}

/* State, role, distinct-person, excluded-user and material-set rules: what options and
 * check_action share. @item and @input may be NULL (options: the case's set only). */
static void
check_access (YbProcedure      *self,
              const YbItem     *item,
              const YbAction   *action,
              const YbCaseView *view,
              const YbActor    *actor,
              JsonObject       *input,
              YbProblems       *problems)
{
  const char *earlier;

  if (view->state == NULL || !g_strv_contains ((const char * const *) action->from, view->state))
    {
      const YbState *state = yb_procedure_get_state (self, view->state);

      yb_problems_add (problems, "action.not_from_state", NULL, "本件当前状态为“%s”，不能%s",
                       state != NULL && state->name != NULL ? state->name
                                                            : (view->state != NULL ? view->state : "未知"),
                       action->name);
    }
  if (!actor_may_act (actor, action))
    {
      g_autofree char *roles = yb_role_names (action->roles);

      yb_problems_add (problems, "action.role", NULL, "%s须由具有以下角色的人员办理：%s",
                       action->name, roles);
    }
  earlier = earlier_step_by (action, view, actor->id);
  if (earlier != NULL)
    yb_problems_add (problems, "action.distinct", NULL,
                     "您已办理本件的“%s”，%s须由另一人办理", action_name (self, earlier), action->name);

  /* A user the case recorded in a not_by_fields field (a recused officer) takes no part. */
  for (guint i = 0; action->not_by_fields != NULL && action->not_by_fields[i] != NULL; i++)
    {
      JsonNode *node = yb_field_lookup (NULL, view->fields, action->not_by_fields[i]);

      if (node != NULL && yb_json_node_is_kind (node, YB_JSON_KIND_INT) && json_node_get_int (node) == actor->id)
        {
          const YbField *field = yb_procedure_find_field (self, NULL, action->not_by_fields[i], YB_FIELD_USER);

          yb_problems_add (problems, "action.excluded", NULL, "本件已记录您为“%s”，不能办理%s",
                           field != NULL && field->name != NULL ? field->name : action->not_by_fields[i],
                           action->name);
          break;
        }
    }

  /* An action for some material sets only (情形): the input's set, else the case's. */
  if (action->material_sets != NULL)
    {
      JsonNode *given = yb_input_member (input, "material_set", YB_JSON_KIND_STRING);
      const char *set = given != NULL && json_node_get_string (given)[0] != '\0' ? json_node_get_string (given)
                                                                                 : view->material_set;

      if (set != NULL && !g_strv_contains ((const char * const *) action->material_sets, set))
        {
          g_autofree char *sets = material_set_names (item, action->material_sets);
          g_autofree char *name = material_set_names (item, (GStrv) (const char *[]) { set, NULL });

          yb_problems_add (problems, "action.material_set", "material_set", "本件的情形为%s，%s只适用于%s",
                           name, action->name, sets);
        }
    }
}

static void
check_input_shape (JsonObject *input,
                   YbProblems *problems)
{
  for (gsize i = 0; input != NULL && i < G_N_ELEMENTS (input_members); i++)
    {
      JsonNode *node = json_object_get_member (input, input_members[i].name);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !yb_json_node_is_kind (node, input_members[i].kind))
        yb_problems_add (problems, "input.type", input_members[i].name, "“%s”应为%s",
                         input_members[i].name, input_members[i].what);
    }
}

static gboolean
has_text (JsonObject *object,
          const char *name)
{
  JsonNode *node = yb_input_member (object, name, YB_JSON_KIND_STRING);
  g_autofree char *text = node != NULL ? g_strstrip (g_strdup (json_node_get_string (node))) : NULL;

  return text != NULL && text[0] != '\0';
}

static void
check_second_officer_distinct (YbProcedure      *self,
                               const YbAction   *action,
                               const YbCaseView *view,
                               JsonObject       *values,
                               YbProblems       *problems)
{
  JsonNode *node = values != NULL ? json_object_get_member (values, YB_SECOND_OFFICER_FIELD) : NULL;
  const char *earlier;

  if (action->officers != 2 || node == NULL || !yb_json_node_is_kind (node, YB_JSON_KIND_INT) ||
      json_node_get_int (node) <= 0)
    return;
  earlier = earlier_step_by (action, view, json_node_get_int (node));
  if (earlier != NULL)
    yb_problems_add (problems, "action.distinct", YB_SECOND_OFFICER_FIELD,
                     "第二名办理人员办理过本件的“%s”，%s须由另外的人员办理",
                     action_name (self, earlier), action->name);
}

static void
check_guards (const YbAction   *action,
              const YbItem     *item,
              const YbCaseView *view,
              JsonObject       *input,
              YbProblems       *problems)
{
  g_autoptr(JsonObject) empty = json_object_new ();

  for (guint i = 0; action->guards != NULL && i < json_array_get_length (action->guards); i++)
    {
      JsonObject *guard = json_array_get_object_element (action->guards, i);
      const char *rule = json_object_get_string_member_with_default (guard, "rule", NULL);
      JsonNode *args = json_object_get_member (guard, "args");
      YbGuardFunc func = yb_procedure_lookup_guard (rule, NULL);

      /* Parsing refuses unknown rules; one missing now means this program registers
       * fewer than the one that imported the catalogue. Fail closed. */
      if (func == NULL)
        {
          yb_problems_add (problems, "guard.unknown", NULL,
                           "规则“%s”在本程序中没有注册，无法检查，不能办理%s", rule, action->name);
          continue;
        }
      func (item, view, args != NULL && JSON_NODE_HOLDS_OBJECT (args) ? json_node_get_object (args) : empty,
            input, problems);
    }
}

/* Whether a one-time notice could have listed @problem: any material problem, and a
 * field problem only when a notice action records that field. A value only a later
 * step records (a transfer's destination, "printed") was never the applicant's to
 * correct, so the notice did not fail by leaving it out. */
static gboolean
notice_could_list (YbProcedure     *self,
                   const YbProblem *problem)
{
  if (g_str_has_prefix (problem->code, "material.") || g_str_has_prefix (problem->code, "material_set."))
    return TRUE;
  for (guint i = 0; i < self->actions->len; i++)
    {
      const YbAction *action = g_ptr_array_index (self->actions, i);

      if (action->materials == YB_MATERIALS_INCOMPLETE && yb_action_get_field (action, problem->field) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The one-time rule: deficiencies the last notice did not list and the new submission
 * did not cause, unless a chief overrides with a reason. */
static void
check_one_time_rule (YbProcedure      *self,
                     const YbItem     *item,
                     const YbCaseView *view,
                     const YbActor    *actor,
                     JsonObject       *input,
                     const YbProblems *deficiencies,
                     YbProblems       *problems)
{
  g_autoptr(YbProblems) unlisted = yb_problems_new ();
  g_autoptr(YbProblems) listable = yb_problems_new ();
  JsonNode *override = yb_input_member (input, "override", YB_JSON_KIND_OBJECT);

  for (guint i = 0; i < yb_problems_get_len (deficiencies); i++)
    {
      const YbProblem *problem = yb_problems_get (deficiencies, i);

      if (notice_could_list (self, problem))
        yb_problems_add (listable, problem->code, problem->field, "%s", problem->message);
    }
  yb_notice_unlisted_item (item, view->last_notice_problems, view->last_notice_input, input,
                           listable, unlisted);
  if (yb_problems_is_empty (unlisted))
    return;
  if (actor_has_role (actor, "chief") && override != NULL &&
      has_text (json_node_get_object (override), "reason"))
    return;

  for (guint i = 0; i < yb_problems_get_len (unlisted); i++)
    {
      const YbProblem *problem = yb_problems_get (unlisted, i);

      yb_problems_add (problems, "notice.unlisted_deficiency", problem->field,
                       "上次一次性告知书未列出此项，且本次提交并未改动：%s。"
                       "再次告知须由科长填写理由后进行",
                       problem->message);
    }
}

static void
option_free (gpointer data)
{
  YbActionOption *option = data;

  yb_problems_unref (option->blocked_by);
  g_free (option);
}

/* ------------------------------------------------------------------------- public API */

gboolean
yb_procedure_check_action (YbProcedure      *self,
                           const YbItem     *item,
                           const YbCaseView *view,
                           const YbActor    *actor,
                           const char       *action_id,
                           JsonObject       *input,
                           const GDate      *today,
                           YbProblems       *problems)
{
  g_autoptr(YbProblems) deficiencies = yb_problems_new ();
  const YbAction *action;
  JsonNode *fields_node;
  JsonObject *values;
  GDate today_date;
  guint before;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  before = yb_problems_get_len (problems);
  action = yb_procedure_get_action (self, action_id);
  if (action == NULL)
    {
      yb_problems_add (problems, "action.unknown", NULL, "本事项没有“%s”这项操作",
                       action_id != NULL ? action_id : "");
      return FALSE;
    }
  yb_today_or (today, &today_date);
  fields_node = yb_input_member (input, "fields", YB_JSON_KIND_OBJECT);
  values = fields_node != NULL ? json_node_get_object (fields_node) : NULL;

  check_access (self, item, action, view, actor, input, problems);
  check_input_shape (input, problems);

  /* What the applicant must correct: errors of an acceptance, the content of a notice. */
  yb_procedure_collect_deficiencies (action, item, view, input, &today_date, deficiencies);
  if (action->materials != YB_MATERIALS_INCOMPLETE)
    yb_problems_extend (problems, deficiencies);

  yb_fields_check_staff (self, action, values, view, actor, problems);
  check_second_officer_distinct (self, action, view, values, problems);
  yb_fields_check_unknown (action, values, problems);
  if (action->reason == YB_REASON_REQUIRED && !has_text (input, "reason"))
    yb_problems_add (problems, "reason.required", "reason", "%s须写明理由", action->name);
  check_guards (action, item, view, input, problems);

  if (action->materials == YB_MATERIALS_INCOMPLETE && yb_problems_is_empty (deficiencies))
    yb_problems_add (problems, "materials.complete", NULL,
                     "材料已齐全，应予受理，不能出具一次性告知书");
  if (action->materials != YB_MATERIALS_IGNORED && view->last_notice_problems != NULL)
    check_one_time_rule (self, item, view, actor, input, deficiencies, problems);

  return yb_problems_get_len (problems) == before;
}

GPtrArray *
yb_procedure_options (YbProcedure      *self,
                      const YbCaseView *view,
                      const YbActor    *actor)
{
  GPtrArray *options;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (view != NULL, NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  options = g_ptr_array_new_with_free_func (option_free);
  for (guint i = 0; i < self->actions->len; i++)
    {
      const YbAction *action = g_ptr_array_index (self->actions, i);
      YbActionOption *option;

      if (view->state == NULL || !g_strv_contains ((const char * const *) action->from, view->state))
        continue;
      option = g_new0 (YbActionOption, 1);
      option->action = action;
      option->blocked_by = yb_problems_new ();
      check_access (self, NULL, action, view, actor, NULL, option->blocked_by);
      g_ptr_array_add (options, option);
    }
  return options;
}
