/* ybc-case-timeline.c: what an item's definition calls a case's steps, states,
 * materials and case types, and the timeline of a case's history in those words: each
 * step with who took it (and the second officer), when, the move between states, what it
 * recorded (fields in the form's order, money in yuan, the materials handed in), the
 * reason, a chief's override, and the list a one-time notice gave. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-case-timeline.h"

#include <glib/gi18n.h>

#include "yb-procedure.h"
#include "ybc-field-editor.h"

/* ------------------------------------------------------------------------- helpers */

static const char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
append_row (GtkListBox *list,
            GtkWidget  *child,
            const char *accessible_label)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_set_margin_top (child, 10);
  gtk_widget_set_margin_bottom (child, 10);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  if (accessible_label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_list_box_append (list, row);
}

/* ------------------------------------------------------------------------- names */

const char *
ybc_item_action_name (const YbItem *it,
                      const char   *id)
{
  const YbAction *action;

  if (g_strcmp0 (id, "create") == 0)
    return _("Case created");
  action = it && it->procedure ? yb_procedure_get_action (it->procedure, id) : NULL;
  return action ? action->name : id;
}

const char *
ybc_item_state_name (const YbItem *it,
                     const char   *id)
{
  const YbState *state;

  if (id == NULL)
    return NULL;
  state = it && it->procedure ? yb_procedure_get_state (it->procedure, id) : NULL;
  return state ? state->name : id;
}

static const YbField *
find_field (const YbItem *it,
            const char   *action_id,
            const char   *field_id)
{
  const YbAction *action = it && it->procedure ? yb_procedure_get_action (it->procedure, action_id) : NULL;

  for (guint i = 0; action != NULL && action->fields != NULL && i < action->fields->len; i++)
    {
      const YbField *field = g_ptr_array_index (action->fields, i);

      if (g_strcmp0 (field->id, field_id) == 0)
        return field;
    }
  return NULL;
}

const char *
ybc_item_material_name (const YbItem *it,
                        const char   *id)
{

  for (guint i = 0; it != NULL && it->materials != NULL && i < it->materials->len; i++)
    {
      const YbMaterial *material = g_ptr_array_index (it->materials, i);

      if (g_strcmp0 (material->id, id) == 0)
        return material->name;
      for (guint j = 0; material->any_of != NULL && j < material->any_of->len; j++)
        if (g_strcmp0 (((YbMaterial *) g_ptr_array_index (material->any_of, j))->id, id) == 0)
          return ((YbMaterial *) g_ptr_array_index (material->any_of, j))->name;
    }
  return id;
}

const char *
ybc_item_material_set_name (const YbItem *it,
                            const char   *id)
{

  for (guint i = 0; it != NULL && it->material_sets != NULL && i < it->material_sets->len; i++)
    {
      const YbMaterialSet *set = g_ptr_array_index (it->material_sets, i);

      if (g_strcmp0 (set->id, id) == 0)
        return set->name;
    }
  return id;
}


/* "姓名：张三；登记类型：增加" for what a step recorded. */
/* ------------------------------------------------------------------------- timeline */

static char *
describe_fields (const YbItem *it,
                 const char   *action_id,
                 JsonObject   *fields)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) members = fields ? json_object_get_members (fields) : NULL;
  const YbAction *definition = it && it->procedure ? yb_procedure_get_action (it->procedure, action_id) : NULL;

  /* In the form's order when the step is known, the rest after. */
  if (definition != NULL && definition->fields != NULL)
    {
      GList *ordered = NULL;

      for (guint i = 0; i < definition->fields->len; i++)
        {
          const char *id = ((YbField *) g_ptr_array_index (definition->fields, i))->id;
          GList *found = g_list_find_custom (members, id, (GCompareFunc) g_strcmp0);

          if (found != NULL)
            {
              ordered = g_list_append (ordered, found->data);
              members = g_list_delete_link (members, found);
            }
        }
      members = g_list_concat (ordered, members);
    }

  for (GList *l = members; l != NULL; l = l->next)
    {
      const YbField *field = find_field (it, action_id, l->data);
      g_autofree char *value = NULL;

      /* The second officer is named by the history itself. */
      if (g_strcmp0 (l->data, "second_officer") == 0)
        continue;
      value = ybc_field_format_value (field, json_object_get_member (fields, l->data));
      if (text->len > 0)
        g_string_append (text, _("; "));
      /* Translators: a recorded field and its value, e.g. 姓名：张三 */
      g_string_append_printf (text, _("%s: %s"), field ? field->name : (const char *) l->data, value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_materials (const YbItem *it,
                    JsonArray    *materials)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (materials); i++)
    {
      JsonNode *element = json_array_get_element (materials, i);
      JsonObject *entry;
      g_autoptr(GPtrArray) how = g_ptr_array_new ();
      g_autofree char *joined = NULL;
      gint64 copies;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      entry = json_node_get_object (element);
      if (json_object_get_boolean_member_with_default (entry, "original", FALSE))
        g_ptr_array_add (how, (gpointer) _("original"));
      if (json_object_get_boolean_member_with_default (entry, "copy", FALSE))
        g_ptr_array_add (how, (gpointer) _("copy"));
      if (json_object_get_boolean_member_with_default (entry, "sealed", FALSE))
        g_ptr_array_add (how, (gpointer) _("sealed"));
      copies = json_object_get_int_member_with_default (entry, "copies", 1);
      g_ptr_array_add (how, NULL);
      joined = g_strjoinv (_(", "), (char **) how->pdata);
      if (text->len > 0)
        g_string_append (text, _("; "));
      /* Translators: a material handed in: name (how, copies) */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s (%s, %d copy)", "%s (%s, %d copies)",
                                                 (gulong) copies),
                              ybc_item_material_name (it, json_string (entry, "id")), joined, (int) copies);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_history_row (GtkListBox   *timeline,
                 const YbItem *it,
                 JsonObject   *entry)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  const char *action = json_string (entry, "action");
  const char *from = ybc_item_state_name (it, json_string (entry, "from_state"));
  const char *to = ybc_item_state_name (it, json_string (entry, "to_state"));
  const char *second = json_string (entry, "second_officer");
  const char *override = json_string (entry, "override_reason");
  g_autofree char *at = ybc_format_timestamp (json_string (entry, "at"));
  g_autoptr(GString) who = g_string_new (NULL);
  JsonNode *input_node = json_object_get_member (entry, "input");
  JsonObject *input = input_node && JSON_NODE_HOLDS_OBJECT (input_node) ? json_node_get_object (input_node) : NULL;
  JsonNode *problems_node = json_object_get_member (entry, "problems");
  GtkWidget *state;

  gtk_box_append (GTK_BOX (title_box), new_label (ybc_item_action_name (it, action), "heading"));
  if (to != NULL)
    {
      g_autofree char *move = from ? g_strdup_printf (_("%s → %s"), from, to) : g_strdup (to);

      state = gtk_label_new (move);
      gtk_widget_add_css_class (state, "ybc-tag");
      gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (title_box), state);
    }
  gtk_box_append (GTK_BOX (box), title_box);

  g_string_append (who, json_string (entry, "actor") ? json_string (entry, "actor") : "");
  if (second != NULL)
    /* Translators: the second officer of a step taken by two */
    g_string_append_printf (who, _(", with %s"), second);
  g_string_append_printf (who, _(" · %s"), at);
  gtk_box_append (GTK_BOX (box), new_label (who->str, "dim-label"));

  if (input != NULL)
    {
      JsonNode *fields = json_object_get_member (input, "fields");
      JsonNode *materials = json_object_get_member (input, "materials");
      const char *set = json_string (input, "material_set");
      const char *reason = json_string (input, "reason");

      if (fields != NULL && JSON_NODE_HOLDS_OBJECT (fields) && json_object_get_size (json_node_get_object (fields)) > 0)
        {
          g_autofree char *text = describe_fields (it, action, json_node_get_object (fields));
          if (*text != '\0')
            gtk_box_append (GTK_BOX (box), new_label (text, "ybc-recorded"));
        }
      if (set != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Case type: %s"), ybc_item_material_set_name (it, set));
          gtk_box_append (GTK_BOX (box), new_label (text, "ybc-recorded"));
        }
      if (materials != NULL && JSON_NODE_HOLDS_ARRAY (materials))
        {
          g_autofree char *list = describe_materials (it, json_node_get_array (materials));
          g_autofree char *text = *list ? g_strdup_printf (_("Materials handed in: %s"), list)
                                        : g_strdup (_("Materials handed in: none"));
          gtk_box_append (GTK_BOX (box), new_label (text, "ybc-recorded"));
        }
      if (reason != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Reason: %s"), reason);
          gtk_box_append (GTK_BOX (box), new_label (text, NULL));
        }
    }
  if (override != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Section chief's override of the one-time rule: %s"), override);
      gtk_box_append (GTK_BOX (box), new_label (text, "ybc-override"));
    }
  if (problems_node != NULL && JSON_NODE_HOLDS_ARRAY (problems_node)
      && json_array_get_length (json_node_get_array (problems_node)) > 0)
    {
      g_autoptr(YbProblems) problems = yb_problems_from_json (problems_node, NULL);
      GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_widget_add_css_class (list, "ybc-notice-list");
      gtk_box_append (GTK_BOX (list), new_label (_("The one-time notice listed:"), NULL));
      for (guint i = 0; problems != NULL && i < yb_problems_get_len (problems); i++)
        {
          g_autofree char *line = g_strdup_printf ("%u. %s", i + 1, yb_problems_get (problems, i)->message);
          gtk_box_append (GTK_BOX (list), new_label (line, NULL));
        }
      gtk_box_append (GTK_BOX (box), list);
    }

  append_row (timeline, box, ybc_item_action_name (it, action));
}

void
ybc_case_timeline_fill (GtkListBox   *list,
                        JsonArray    *history,
                        const YbItem *it)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  /* Newest first: the latest step is what the clerk asks about. */
  for (guint i = history ? json_array_get_length (history) : 0; i > 0; i--)
    {
      JsonNode *element = json_array_get_element (history, i - 1);

      if (JSON_NODE_HOLDS_OBJECT (element))
        add_history_row (list, it, json_node_get_object (element));
    }
}
