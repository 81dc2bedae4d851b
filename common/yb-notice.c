/* yb-notice.c: 一次性告知. What a notice lists (every material and form problem of the
 * submission), its live preview for the client, and the one-time rule: a later
 * submission may not reveal a deficiency the notice failed to list unless the new
 * submission caused it. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-materials.h"
#include "yb-procedure-private.h"

#include <string.h>

/* ------------------------------------------------------------------------- helpers */

static gboolean
is_material_problem (const YbProblem *problem)
{
  return g_str_has_prefix (problem->code, "material.") ||
         g_str_has_prefix (problem->code, "material_set.");
}

static gboolean
listed (const YbProblems *notice,
        const YbProblem  *problem)
{
  for (guint i = 0; notice != NULL && i < yb_problems_get_len (notice); i++)
    {
      const YbProblem *earlier = yb_problems_get (notice, i);

      if (g_str_equal (earlier->code, problem->code) && g_strcmp0 (earlier->field, problem->field) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A member of @input's "fields" as compared between submissions: absent, JSON null and
 * blank text are all "not given". */
static JsonNode *
given_field (JsonObject *input,
             const char *id)
{
  JsonNode *fields = yb_input_member (input, "fields", YB_JSON_KIND_OBJECT);
  JsonNode *node;

  if (fields == NULL || id == NULL)
    return NULL;
  node = json_object_get_member (json_node_get_object (fields), id);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (yb_json_node_is_kind (node, YB_JSON_KIND_STRING))
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));

      if (text[0] == '\0')
        return NULL;
    }
  return node;
}

static const char *
given_set (JsonObject *input)
{
  JsonNode *node = yb_input_member (input, "material_set", YB_JSON_KIND_STRING);

  return node != NULL && json_node_get_string (node)[0] != '\0' ? json_node_get_string (node) : NULL;
}

static const char *
flag_text (JsonObject *entry,
           const char *name)
{
  JsonNode *node = json_object_get_member (entry, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "f";
  if (!yb_json_node_is_kind (node, YB_JSON_KIND_BOOL))
    return "?";
  return json_node_get_boolean (node) ? "t" : "f";
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* What @input handed in under any of @ids, in a form that compares equal exactly when
 * the entries are the same (order aside). */
static char *
handed_in (JsonObject         *input,
           const char * const *ids)
{
  JsonNode *materials = yb_input_member (input, "materials", YB_JSON_KIND_ARRAY);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (materials == NULL)
    return g_strdup ("");
  array = json_node_get_array (materials);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *entry;
      JsonNode *id;
      JsonNode *copies;
      g_autofree char *copies_text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      entry = json_node_get_object (element);
      id = json_object_get_member (entry, "id");
      if (id == NULL || !yb_json_node_is_kind (id, YB_JSON_KIND_STRING) ||
          !g_strv_contains (ids, json_node_get_string (id)))
        continue;
      copies = json_object_get_member (entry, "copies");
      if (copies == NULL || JSON_NODE_HOLDS_NULL (copies))
        copies_text = g_strdup ("1");
      else if (yb_json_node_is_kind (copies, YB_JSON_KIND_INT))
        copies_text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (copies));
      else
        copies_text = g_strdup ("?");
      g_ptr_array_add (entries, g_strdup_printf ("%s|%s|%s|%s|%s", json_node_get_string (id),
                                                 flag_text (entry, "original"),
                                                 flag_text (entry, "copy"),
                                                 flag_text (entry, "sealed"), copies_text));
    }
  g_ptr_array_sort (entries, compare_strings);
  g_ptr_array_add (entries, NULL);
  return g_strjoinv ("\n", (char **) entries->pdata);
}

/* The ids a material problem's field stands for: the material and its alternatives. */
static GStrv
material_ids (const YbItem *item,
              const char   *id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, id);
  for (guint i = 0; item != NULL && item->materials != NULL && i < item->materials->len; i++)
    {
      const YbMaterial *material = g_ptr_array_index (item->materials, i);

      if (g_strcmp0 (material->id, id) != 0)
        continue;
      for (guint j = 0; material->any_of != NULL && j < material->any_of->len; j++)
        g_strv_builder_add (builder, ((const YbMaterial *) g_ptr_array_index (material->any_of, j))->id);
    }
  return g_strv_builder_end (builder);
}

/* Whether the new submission changed what @problem is about. */
static gboolean
caused_by_submission (const YbItem    *item,
                      JsonObject      *last_input,
                      JsonObject      *new_input,
                      const YbProblem *problem)
{
  if (is_material_problem (problem))
    {
      g_auto(GStrv) ids = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      /* Another set requires other materials: everything about them is new. */
      if (g_strcmp0 (given_set (last_input), given_set (new_input)) != 0)
        return TRUE;
      if (problem->field == NULL || g_str_equal (problem->field, "material_set"))
        return FALSE;
      if (g_str_equal (problem->field, "materials"))
        {
          JsonNode *a = yb_input_member (last_input, "materials", YB_JSON_KIND_ARRAY);
          JsonNode *b = yb_input_member (new_input, "materials", YB_JSON_KIND_ARRAY);

          return (a == NULL) != (b == NULL) || (a != NULL && !json_node_equal (a, b));
        }
      ids = material_ids (item, problem->field);
      before = handed_in (last_input, (const char * const *) ids);
      after = handed_in (new_input, (const char * const *) ids);
      return !g_str_equal (before, after);
    }
  else
    {
      JsonNode *before = given_field (last_input, problem->field);
      JsonNode *after = given_field (new_input, problem->field);

      if (before == NULL || after == NULL)
        return before != after;
      return !json_node_equal (before, after);
    }
}

/* ------------------------------------------------------------------------- internal API */

void
yb_today_or (const GDate *today,
             GDate       *out)
{
  g_autoptr(GDateTime) now = NULL;

  if (today != NULL && g_date_valid (today))
    {
      *out = *today;
      return;
    }
  now = g_date_time_new_now_local ();
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

void
yb_procedure_collect_deficiencies (const YbAction   *action,
                                   const YbItem     *item,
                                   const YbCaseView *view,
                                   JsonObject       *input,
                                   const GDate      *today,
                                   YbProblems       *problems)
{
  JsonNode *fields = yb_input_member (input, "fields", YB_JSON_KIND_OBJECT);
  JsonNode *materials = yb_input_member (input, "materials", YB_JSON_KIND_ARRAY);
  YbFieldContext context = {
    .procedure = item != NULL ? item->procedure : NULL,
    .action = action,
    .values = fields != NULL ? json_node_get_object (fields) : NULL,
    .recorded = view != NULL ? view->fields : NULL,
    .case_start = view != NULL ? &view->started : NULL,
    .today = today,
  };

  yb_fields_check_application (action, &context, problems);
  if (action->materials != YB_MATERIALS_IGNORED)
    yb_materials_check (item, given_set (input),
                        materials != NULL ? json_node_get_array (materials) : NULL, problems);
}

/* ------------------------------------------------------------------------- public API */

gboolean
yb_procedure_notice_problems (YbProcedure      *self,
                              const YbItem     *item,
                              const YbCaseView *view,
                              const char       *action_id,
                              JsonObject       *input,
                              const GDate      *today,
                              YbProblems       *notice)
{
  const YbAction *action;
  GDate today_date;
  guint before;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (notice != NULL, FALSE);
  action = yb_procedure_get_action (self, action_id);
  g_return_val_if_fail (action != NULL, FALSE);

  before = yb_problems_get_len (notice);
  yb_today_or (today, &today_date);
  yb_procedure_collect_deficiencies (action, item, view, input, &today_date, notice);
  return yb_problems_get_len (notice) == before;
}

gboolean
yb_procedure_preview_notice (const YbItem *item,
                             JsonObject   *input,
                             YbProblems   *problems)
{
  GPtrArray *actions;
  JsonNode *materials;

  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  /* The notice action's own check, so that the preview is what would be printed. */
  actions = item->procedure != NULL ? yb_procedure_get_actions (item->procedure) : NULL;
  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      const YbAction *action = g_ptr_array_index (actions, i);

      if (action->materials == YB_MATERIALS_INCOMPLETE)
        return yb_procedure_notice_problems (item->procedure, item, NULL, action->id, input,
                                             NULL, problems);
    }

  materials = yb_input_member (input, "materials", YB_JSON_KIND_ARRAY);
  return yb_materials_check (item, given_set (input),
                             materials != NULL ? json_node_get_array (materials) : NULL, problems);
}

void
yb_notice_unlisted_item (const YbItem     *item,
                         const YbProblems *last_notice,
                         JsonObject       *last_input,
                         JsonObject       *new_input,
                         const YbProblems *current,
                         YbProblems       *unlisted)
{
  g_return_if_fail (current != NULL);
  g_return_if_fail (unlisted != NULL);

  for (guint i = 0; i < yb_problems_get_len (current); i++)
    {
      const YbProblem *problem = yb_problems_get (current, i);

      if (listed (last_notice, problem) ||
          caused_by_submission (item, last_input, new_input, problem))
        continue;
      yb_problems_add (unlisted, problem->code, problem->field, "%s", problem->message);
    }
}

void
yb_notice_unlisted (const YbProblems *last_notice,
                    JsonObject       *last_input,
                    JsonObject       *new_input,
                    const YbProblems *current,
                    YbProblems       *unlisted)
{
  yb_notice_unlisted_item (NULL, last_notice, last_input, new_input, current, unlisted);
}
