/* ybc-materials-checklist.c: one row per required material in a boxed list: number,
 * name, what is required (original or copy, seal, copies), a "handed in" check (or, for
 * "any one of", a choice among the alternatives), then original / copy / sealed /
 * copies controls for what was handed in, and the material's problems underneath. A
 * newly ticked material starts as what the item asks for, except the seal: the clerk
 * looks for it and ticks it. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-materials-checklist.h"

#include <glib/gi18n.h>

#include "yb-materials.h"

typedef struct {
  const YbMaterial *material;
  GtkWidget        *present;     /* plain: the check; any_of: the "not handed in" radio */
  GPtrArray        *choices;     /* any_of: one radio per alternative (borrowed widgets) */
  GtkWidget        *controls;
  GtkWidget        *original;
  GtkWidget        *copy;
  GtkWidget        *sealed;
  GtkWidget        *copies;
  GtkWidget        *message;
} MaterialRow;

struct _YbcMaterialsChecklist
{
  GtkWidget     parent_instance;

  /* widgets */
  GtkWidget    *list;

  /* borrowed */
  const YbItem *item;

  /* owned */
  GPtrArray    *rows;            /* MaterialRow* */
  char         *material_set;
  gboolean      setting;
};

G_DEFINE_FINAL_TYPE (YbcMaterialsChecklist, ybc_materials_checklist, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- helpers */

static void
material_row_free (gpointer data)
{
  MaterialRow *row = data;

  g_clear_pointer (&row->choices, g_ptr_array_unref);
  g_free (row);
}

/* The alternative chosen in @row (any_of), or NULL. */
static const YbMaterial *
chosen_alternative (MaterialRow *row)
{
  for (guint i = 0; row->choices != NULL && i < row->choices->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (row->choices, i)))
      return g_ptr_array_index (row->material->any_of, i);
  return NULL;
}

static gboolean
row_is_present (MaterialRow *row)
{
  if (row->choices != NULL)
    return chosen_alternative (row) != NULL;
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (row->present));
}

/* What the handed-in entry must be: the material's requirement and its chosen
 * alternative's, as yb_materials_check combines them. */
static void
requirement (MaterialRow *row,
             gboolean    *original,
             gboolean    *copy,
             gboolean    *seal,
             int         *copies)
{
  const YbMaterial *material = row->material;
  const YbMaterial *alternative = chosen_alternative (row);

  *original = material->original || (alternative != NULL && alternative->original);
  *copy = material->copy || (alternative != NULL && alternative->copy);
  *seal = material->seal || (alternative != NULL && alternative->seal);
  *copies = MAX (MAX (material->copies, 1), alternative != NULL ? alternative->copies : 1);
}

static void
update_controls (MaterialRow *row,
                 gboolean     set_defaults)
{
  gboolean present = row_is_present (row);
  gboolean original, copy, seal;
  int copies;

  requirement (row, &original, &copy, &seal, &copies);
  gtk_widget_set_sensitive (row->controls, present);
  gtk_widget_set_visible (row->sealed, seal);
  if (present && set_defaults)
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->original), original || !copy);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->copy), copy && !original);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->sealed), FALSE);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->copies), copies);
    }
}

static void
emit_changed (YbcMaterialsChecklist *self)
{
  if (!self->setting)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_present_toggled (GtkCheckButton *button,
                    gpointer        user_data)
{
  YbcMaterialsChecklist *self = g_object_get_data (G_OBJECT (button), "ybc-checklist");
  MaterialRow *row = user_data;

  /* Radios: the one switched off reports too; act once, on the one switched on. */
  if (row->choices != NULL && !gtk_check_button_get_active (button))
    return;
  if (!self->setting)
    {
      self->setting = TRUE;
      update_controls (row, TRUE);
      self->setting = FALSE;
    }
  else
    update_controls (row, FALSE);
  emit_changed (self);
}

static void
on_control_changed (GtkWidget *widget,
                    gpointer   user_data)
{
  emit_changed (YBC_MATERIALS_CHECKLIST (user_data));
}

/* "原件 · 须加盖单位公章 · 2 份" */
static char *
requirement_text (const YbMaterial *material,
                  gboolean          in_choice)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (material->original && material->copy)
    g_ptr_array_add (parts, g_strdup (_("Original and copy")));
  else if (material->original)
    g_ptr_array_add (parts, g_strdup (_("Original")));
  else if (material->copy)
    g_ptr_array_add (parts, g_strdup (_("Copy")));
  if (material->seal)
    g_ptr_array_add (parts, g_strdup (_("Must bear the unit's official seal")));
  if (material->copies > 1 || (material->copies == 1 && !in_choice))
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d copy", "%d copies",
                                                          (gulong) material->copies),
                                             material->copies));
  g_ptr_array_add (parts, NULL);
  /* Translators: separator between a material's requirements */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
new_check (const char *label)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  return check;
}

/* A spin button in a scrolled form changes its value under a mouse wheel that only meant
 * to scroll the form (and a copy count of 0 is a material missing): without its scroll
 * controller the wheel scrolls the form; the buttons and the keyboard still count. */
static void
drop_scroll_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = g_list_model_get_n_items (controllers); i > 0; i--)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i - 1);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        gtk_widget_remove_controller (widget, controller);
    }
}

static void
add_row (YbcMaterialsChecklist *self,
         guint                  number,
         const YbMaterial      *material)
{
  MaterialRow *row = g_new0 (MaterialRow, 1);
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *number_text = g_strdup_printf ("%u", number);
  GtkWidget *number_label = gtk_label_new (number_text);
  gboolean any_of = material->any_of != NULL && material->any_of->len > 0;
  g_autofree char *needs = requirement_text (material, any_of);
  GtkWidget *copies_label;

  row->material = material;
  gtk_widget_add_css_class (number_label, "ybc-number");
  gtk_widget_set_valign (number_label, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (outer), number_label);
  gtk_widget_set_hexpand (box, TRUE);

  if (any_of)
    {
      GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *choices = gtk_flow_box_new ();

      gtk_box_append (GTK_BOX (title), new_label (material->name, "heading"));
      if (strstr (material->name, _("Any one of")) == NULL)
        {
          GtkWidget *tag = gtk_label_new (_("Any one of"));

          gtk_widget_add_css_class (tag, "ybc-tag");
          gtk_widget_add_css_class (tag, "any-of");
          gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
          gtk_box_append (GTK_BOX (title), tag);
        }
      gtk_box_append (GTK_BOX (box), title);
      if (*needs != '\0')
        gtk_box_append (GTK_BOX (box), new_label (needs, "dim-label"));

      /* One choice: not handed in, or exactly one of the alternatives. */
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (choices), GTK_SELECTION_NONE);
      gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (choices), 2);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (choices), 4);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (choices), 12);
      row->present = new_check (_("Not handed in"));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->present), TRUE);
      gtk_flow_box_append (GTK_FLOW_BOX (choices), row->present);
      row->choices = g_ptr_array_new ();
      for (guint i = 0; i < material->any_of->len; i++)
        {
          const YbMaterial *alternative = g_ptr_array_index (material->any_of, i);
          GtkWidget *radio = new_check (alternative->name);
          g_autofree char *alt_needs = requirement_text (alternative, TRUE);

          gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), GTK_CHECK_BUTTON (row->present));
          if (*alt_needs != '\0')
            gtk_widget_set_tooltip_text (radio, alt_needs);
          g_object_set_data (G_OBJECT (radio), "ybc-checklist", self);
          g_signal_connect (radio, "toggled", G_CALLBACK (on_present_toggled), row);
          g_ptr_array_add (row->choices, radio);
          gtk_flow_box_append (GTK_FLOW_BOX (choices), radio);
        }
      /* The flow box's children are containers only. */
      for (GtkWidget *child = gtk_widget_get_first_child (choices); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        gtk_widget_set_focusable (child, FALSE);
      gtk_box_append (GTK_BOX (box), choices);
      gtk_box_append (GTK_BOX (outer), box);
    }
  else
    {
      /* The check's label is the material: a click on the name ticks it. */
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_box_append (GTK_BOX (text), new_label (material->name, "heading"));
      if (*needs != '\0')
        gtk_box_append (GTK_BOX (text), new_label (needs, "dim-label"));
      row->present = gtk_check_button_new ();
      gtk_check_button_set_child (GTK_CHECK_BUTTON (row->present), text);
      gtk_widget_set_tooltip_text (row->present, _("Handed in"));
      gtk_widget_add_css_class (row->present, "ybc-present");
      gtk_box_append (GTK_BOX (box), row->present);
      gtk_box_append (GTK_BOX (outer), box);
    }
  g_object_set_data (G_OBJECT (row->present), "ybc-checklist", self);
  g_signal_connect (row->present, "toggled", G_CALLBACK (on_present_toggled), row);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->present),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, material->name, -1);

  /* What was handed in: beside the name, where the eye goes next. */
  row->controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_widget_set_valign (row->controls, GTK_ALIGN_START);
  row->original = new_check (_("Original"));
  row->copy = new_check (_("Copy"));
  row->sealed = new_check (_("Sealed"));
  copies_label = gtk_label_new (_("Copies"));
  row->copies = gtk_spin_button_new_with_range (0, 99, 1);
  drop_scroll_controller (row->copies);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->copies), MAX (material->copies, 1));
  gtk_label_set_mnemonic_widget (GTK_LABEL (copies_label), row->copies);
  /* Same width in every row, the seal last (only where one is required), so the
   * controls line up down the list. */
  gtk_widget_set_size_request (row->controls, 340, -1);
  gtk_box_append (GTK_BOX (row->controls), row->original);
  gtk_box_append (GTK_BOX (row->controls), row->copy);
  gtk_box_append (GTK_BOX (row->controls), copies_label);
  gtk_box_append (GTK_BOX (row->controls), row->copies);
  gtk_box_append (GTK_BOX (row->controls), row->sealed);
  g_signal_connect_object (row->original, "toggled", G_CALLBACK (on_control_changed), self, 0);
  g_signal_connect_object (row->copy, "toggled", G_CALLBACK (on_control_changed), self, 0);
  g_signal_connect_object (row->sealed, "toggled", G_CALLBACK (on_control_changed), self, 0);
  g_signal_connect_object (row->copies, "value-changed", G_CALLBACK (on_control_changed), self, 0);
  gtk_box_append (GTK_BOX (outer), row->controls);

  row->message = new_label ("", "ybc-field-error");
  gtk_widget_set_visible (row->message, FALSE);
  gtk_box_append (GTK_BOX (box), row->message);

  gtk_widget_set_margin_top (outer, 10);
  gtk_widget_set_margin_bottom (outer, 10);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), outer);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (list_row), FALSE);
  gtk_widget_set_focusable (list_row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, material->name, -1);
  gtk_list_box_append (GTK_LIST_BOX (self->list), list_row);

  update_controls (row, FALSE);
  g_ptr_array_add (self->rows, row);
}

static void
add_placeholder (YbcMaterialsChecklist *self,
                 const char            *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = new_label (text, "dim-label");

  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_append (GTK_LIST_BOX (self->list), row);
}

static void
rebuild (YbcMaterialsChecklist *self)
{
  g_autoptr(GPtrArray) required = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  g_ptr_array_set_size (self->rows, 0);

  required = yb_materials_required (self->item, self->material_set, NULL);
  if (required == NULL)
    {
      add_placeholder (self, _("Choose the case type first: the materials depend on it."));
      return;
    }
  if (required->len == 0)
    {
      add_placeholder (self, _("This item requires no materials."));
      return;
    }
  for (guint i = 0; i < required->len; i++)
    add_row (self, i + 1, g_ptr_array_index (required, i));
}

static MaterialRow *
find_row (YbcMaterialsChecklist *self,
          const char            *id,
          int                   *alternative)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      MaterialRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->material->id, id) == 0)
        {
          *alternative = -1;
          return row;
        }
      for (guint j = 0; row->choices != NULL && j < row->material->any_of->len; j++)
        if (g_strcmp0 (((YbMaterial *) g_ptr_array_index (row->material->any_of, j))->id, id) == 0)
          {
            *alternative = (int) j;
            return row;
          }
    }
  return NULL;
}

static gboolean
entry_flag (JsonObject *entry,
            const char *name,
            gboolean    fallback)
{
  JsonNode *node = json_object_get_member (entry, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

/* Sets @row's widgets; the caller holds self->setting. */
static void
apply_entry (MaterialRow *row,
             int          alternative,
             gboolean     present,
             gboolean     original,
             gboolean     copy,
             gboolean     sealed,
             int          copies)
{
  if (row->choices != NULL)
    {
      if (present && alternative < 0)
        alternative = 0;
      gtk_check_button_set_active (present ? g_ptr_array_index (row->choices, alternative)
                                           : GTK_CHECK_BUTTON (row->present), TRUE);
    }
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (row->present), present);
  if (present)
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->original), original);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->copy), copy);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->sealed), sealed);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->copies), copies);
    }
  update_controls (row, FALSE);
}

/* ------------------------------------------------------------------------- public API */

GtkWidget *
ybc_materials_checklist_new (const YbItem *item)
{
  YbcMaterialsChecklist *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (YBC_TYPE_MATERIALS_CHECKLIST, NULL);
  self->item = item;
  rebuild (self);
  return GTK_WIDGET (self);
}

void
ybc_materials_checklist_set_material_set (YbcMaterialsChecklist *self,
                                          const char            *material_set)
{
  g_autoptr(JsonArray) kept = NULL;

  g_return_if_fail (YBC_IS_MATERIALS_CHECKLIST (self));

  if (g_strcmp0 (self->material_set, material_set) == 0 && self->rows->len > 0)
    return;
  kept = ybc_materials_checklist_dup_submitted (self);
  g_free (self->material_set);
  self->material_set = g_strdup (material_set);
  rebuild (self);
  ybc_materials_checklist_set_submitted (self, kept);
}

void
ybc_materials_checklist_set_submitted (YbcMaterialsChecklist *self,
                                       JsonArray             *submitted)
{
  g_return_if_fail (YBC_IS_MATERIALS_CHECKLIST (self));

  self->setting = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    apply_entry (g_ptr_array_index (self->rows, i), -1, FALSE, FALSE, FALSE, FALSE, 1);
  for (guint i = 0; submitted != NULL && i < json_array_get_length (submitted); i++)
    {
      JsonNode *element = json_array_get_element (submitted, i);
      JsonObject *entry;
      MaterialRow *row;
      JsonNode *copies;
      int alternative = -1;
      gboolean original, copy, seal;
      int required_copies;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      entry = json_node_get_object (element);
      row = find_row (self, json_object_get_string_member_with_default (entry, "id", ""), &alternative);
      if (row == NULL)
        continue;
      /* What the entry leaves out is taken as what the material asks for. */
      apply_entry (row, alternative, TRUE, FALSE, FALSE, FALSE, 1);
      requirement (row, &original, &copy, &seal, &required_copies);
      copies = json_object_get_member (entry, "copies");
      apply_entry (row, alternative, TRUE,
                   entry_flag (entry, "original", original || !copy),
                   entry_flag (entry, "copy", copy && !original),
                   entry_flag (entry, "sealed", FALSE),
                   copies != NULL && JSON_NODE_HOLDS_VALUE (copies)
                   && json_node_get_value_type (copies) == G_TYPE_INT64
                   ? (int) json_node_get_int (copies) : required_copies);
    }
  self->setting = FALSE;
  emit_changed (self);
}

JsonArray *
ybc_materials_checklist_dup_submitted (YbcMaterialsChecklist *self)
{
  JsonArray *array;

  g_return_val_if_fail (YBC_IS_MATERIALS_CHECKLIST (self), NULL);

  array = json_array_new ();
  for (guint i = 0; i < self->rows->len; i++)
    {
      MaterialRow *row = g_ptr_array_index (self->rows, i);
      const YbMaterial *alternative = chosen_alternative (row);
      JsonObject *entry;
      gboolean needs_original, needs_copy, seal;
      int copies;

      if (!row_is_present (row))
        continue;
      requirement (row, &needs_original, &needs_copy, &seal, &copies);
      entry = json_object_new ();
      json_object_set_string_member (entry, "id", alternative ? alternative->id : row->material->id);
      json_object_set_boolean_member (entry, "original",
                                      gtk_check_button_get_active (GTK_CHECK_BUTTON (row->original)));
      json_object_set_boolean_member (entry, "copy",
                                      gtk_check_button_get_active (GTK_CHECK_BUTTON (row->copy)));
      json_object_set_boolean_member (entry, "sealed",
                                      seal && gtk_check_button_get_active (GTK_CHECK_BUTTON (row->sealed)));
      json_object_set_int_member (entry, "copies",
                                  gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (row->copies)));
      json_array_add_object_element (array, entry);
    }
  return array;
}

guint
ybc_materials_checklist_set_problems (YbcMaterialsChecklist *self,
                                      const YbProblems      *problems)
{
  guint matched = 0;

  g_return_val_if_fail (YBC_IS_MATERIALS_CHECKLIST (self), 0);

  for (guint i = 0; i < self->rows->len; i++)
    {
      MaterialRow *row = g_ptr_array_index (self->rows, i);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint j = 0; problems != NULL && j < yb_problems_get_len (problems); j++)
        {
          const YbProblem *problem = yb_problems_get (problems, j);

          if (g_strcmp0 (problem->field, row->material->id) != 0)
            continue;
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, problem->message);
          matched++;
        }
      gtk_label_set_text (GTK_LABEL (row->message), text->str);
      gtk_widget_set_visible (row->message, text->len > 0);
    }
  return matched;
}

const char *
ybc_materials_checklist_get_message (YbcMaterialsChecklist *self,
                                     const char            *id)
{
  int alternative;
  MaterialRow *row;

  g_return_val_if_fail (YBC_IS_MATERIALS_CHECKLIST (self), NULL);

  row = find_row (self, id, &alternative);
  return row ? gtk_label_get_text (GTK_LABEL (row->message)) : NULL;
}

guint
ybc_materials_checklist_get_n_materials (YbcMaterialsChecklist *self)
{
  g_return_val_if_fail (YBC_IS_MATERIALS_CHECKLIST (self), 0);
  return self->rows->len;
}

gboolean
ybc_materials_checklist_set_entry (YbcMaterialsChecklist *self,
                                   const char            *id,
                                   gboolean               present,
                                   gboolean               original,
                                   gboolean               copy,
                                   gboolean               sealed,
                                   int                    copies)
{
  int alternative = -1;
  MaterialRow *row;

  g_return_val_if_fail (YBC_IS_MATERIALS_CHECKLIST (self), FALSE);

  row = find_row (self, id, &alternative);
  if (row == NULL)
    return FALSE;
  /* Through the widgets, one signal at a time, as clicks would go. */
  if (row->choices != NULL)
    gtk_check_button_set_active (present ? g_ptr_array_index (row->choices, MAX (alternative, 0))
                                         : GTK_CHECK_BUTTON (row->present), TRUE);
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (row->present), present);
  if (present)
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->original), original);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->copy), copy);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->sealed), sealed);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->copies), copies);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- GObject */

static void
ybc_materials_checklist_dispose (GObject *object)
{
  YbcMaterialsChecklist *self = YBC_MATERIALS_CHECKLIST (object);

  g_clear_pointer (&self->list, gtk_widget_unparent);

  G_OBJECT_CLASS (ybc_materials_checklist_parent_class)->dispose (object);
}

static void
ybc_materials_checklist_finalize (GObject *object)
{
  YbcMaterialsChecklist *self = YBC_MATERIALS_CHECKLIST (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->material_set);

  G_OBJECT_CLASS (ybc_materials_checklist_parent_class)->finalize (object);
}

static void
ybc_materials_checklist_class_init (YbcMaterialsChecklistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ybc_materials_checklist_dispose;
  object_class->finalize = ybc_materials_checklist_finalize;

  /**
   * YbcMaterialsChecklist::changed:
   *
   * What is ticked changed (by the user or by set_submitted / set_material_set).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ybc-materials-checklist");
}

static void
ybc_materials_checklist_init (YbcMaterialsChecklist *self)
{
  self->rows = g_ptr_array_new_with_free_func (material_row_free);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Materials handed in"), -1);
  gtk_widget_set_parent (self->list, GTK_WIDGET (self));
}
