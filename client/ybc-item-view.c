/* ybc-item-view.c: shows one item of the county's catalogue: heading, handling unit and
 * phones, time limit, materials (original or copy, seal, copies, alternatives, the sets
 * that depend on the case), numbered procedure steps with who acts, and the legal basis,
 * responsibilities and accountability texts. Everything is selectable text so that staff
 * can copy a phone number or a paragraph of law. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-item-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _YbcItemView
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  GtkButton           *retry_button;
  GtkScrolledWindow   *scroller;
  GtkLabel            *code_label;
  GtkLabel            *category_label;
  GtkLabel            *name_label;
  GtkLabel            *full_name_label;
  GtkWidget           *info_group;
  GtkListBox          *info_list;
  GtkWidget           *materials_group;
  GtkListBox          *materials_list;
  GtkWidget           *sets_group;
  GtkListBox          *sets_list;
  GtkWidget           *steps_group;
  GtkListBox          *steps_list;
  GtkWidget           *basis_group;
  GtkLabel            *basis_label;
  GtkLabel            *basis_note_label;
  GtkLabel            *steps_note_label;
  GtkWidget           *responsibilities_group;
  GtkLabel            *responsibilities_label;
  GtkWidget           *accountability_group;
  GtkLabel            *accountability_label;

  /* owned */
  YbcApi              *api;
  GCancellable        *cancellable;
  char                *region_code;
  char                *code;
  char                *category_name;
  char                *error_message;
  YbItem              *item;
  JsonNode            *json;
  YbcItemViewState     state;
};

G_DEFINE_FINAL_TYPE (YbcItemView, ybc_item_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  ITEM_LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- widgets */

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Selectable for the mouse, but not a Tab stop each: the list would take forever to
   * tab through. */
  gtk_widget_set_focusable (label, FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A small rounded label. It sits in a box of its own: a padded label directly beside a
 * wrapping one makes GTK 4.8's height-for-width checks complain (minimum height for
 * width larger than the minimum height) and lay the row out a pixel short. */
static GtkWidget *
new_tag (const char *text,
         const char *extra_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "ybc-tag");
  if (extra_class != NULL)
    gtk_widget_add_css_class (label, extra_class);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
new_number (guint n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "ybc-number");
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  return label;
}

/* A non-interactive row holding @child with the usual padding. */
static GtkWidget *
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
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                    -1);
  gtk_list_box_append (list, row);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* "Key   value" with the value wrapping and selectable. */
static void
add_fact (GtkListBox *list,
          const char *key,
          const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *key_label = gtk_label_new (key);
  GtkWidget *value_label = new_label (value, NULL);

  gtk_label_set_xalign (GTK_LABEL (key_label), 0.0f);
  gtk_label_set_yalign (GTK_LABEL (key_label), 0.0f);
  gtk_widget_set_valign (key_label, GTK_ALIGN_START);
  gtk_widget_set_size_request (key_label, 104, -1);
  gtk_widget_add_css_class (key_label, "ybc-key");
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_box_append (GTK_BOX (box), key_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                  -1);
  append_row (list, box, key);
}

static void
set_text_section (GtkWidget  *group,
                  GtkLabel   *label,
                  const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  gboolean has_text = *trimmed != '\0';

  gtk_label_set_text (label, trimmed);
  gtk_widget_set_visible (group, has_text);
}

/* Where a section's text came from, when the catalogue says (e.g. steps taken from the
 * other county's flowchart): small print under the section. */
static void
set_note (GtkLabel   *label,
          const char *note)
{
  gboolean has_note = note != NULL && *note != '\0';

  gtk_label_set_text (label, has_note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (label), has_note);
}

/* ------------------------------------------------------------------------- content */

static const char *
not_published (void)
{
  return _("Not published");
}

static const char *
material_kind (const YbMaterial *material)
{
  if (material->original && material->copy)
    return _("Original and copy");
  if (material->original)
    return _("Original");
  if (material->copy)
    return _("Copy");
  return NULL;
}

/* The tags after a material's name: original/copy, seal, copies. One copy is worth
 * saying for a material of its own, but not for each alternative of an "any one of". */
static GtkWidget *
material_tags (const YbMaterial *material,
               gboolean          is_choice)
{
  GtkWidget *tags = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *kind = material_kind (material);
  gboolean any = FALSE;

  if (kind != NULL)
    {
      gtk_box_append (GTK_BOX (tags), new_tag (kind, NULL));
      any = TRUE;
    }
  if (material->seal)
    {
      gtk_box_append (GTK_BOX (tags), new_tag (_("Must bear the unit's official seal"), "seal"));
      any = TRUE;
    }
  if (material->copies > 1 || (material->copies == 1 && !is_choice))
    {
      g_autofree char *copies = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d copy", "%d copies",
                                                              (gulong) material->copies),
                                                 material->copies);
      gtk_box_append (GTK_BOX (tags), new_tag (copies, NULL));
      any = TRUE;
    }
  if (!any)
    {
      g_object_ref_sink (tags);
      g_object_unref (tags);
      return NULL;
    }
  return tags;
}

static void
add_material (YbcItemView      *self,
              guint             number,
              const YbMaterial *material)
{
  GtkWidget *row_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = new_label (material->name, "heading");
  gboolean has_alternatives = material->any_of != NULL && material->any_of->len > 0;
  GtkWidget *tags = material_tags (material, has_alternatives);

  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (row_box), new_number (number));
  gtk_box_append (GTK_BOX (row_box), box);

  gtk_box_append (GTK_BOX (title_box), name);
  /* Unless the name says so already, as in 身份凭证（任选其一）. */
  if (has_alternatives && strstr (material->name, _("Any one of")) == NULL)
    gtk_box_append (GTK_BOX (title_box), new_tag (_("Any one of"), "any-of"));
  gtk_box_append (GTK_BOX (box), title_box);

  if (tags != NULL)
    gtk_box_append (GTK_BOX (box), tags);

  if (has_alternatives)
    {
      GtkWidget *alternatives = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      gtk_widget_set_margin_start (alternatives, 4);
      for (guint i = 0; i < material->any_of->len; i++)
        {
          const YbMaterial *alternative = g_ptr_array_index (material->any_of, i);
          GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
          g_autofree char *text = g_strdup_printf ("• %s", alternative->name);
          GtkWidget *alt_name = new_label (text, NULL);
          GtkWidget *alt_tags = material_tags (alternative, TRUE);

          gtk_box_append (GTK_BOX (line), alt_name);
          if (alt_tags != NULL)
            gtk_box_append (GTK_BOX (line), alt_tags);
          gtk_box_append (GTK_BOX (alternatives), line);

          if (alternative->note != NULL && *alternative->note != '\0')
            {
              GtkWidget *note = new_label (alternative->note, "dim-label");

              gtk_widget_set_margin_start (note, 16);
              gtk_widget_add_css_class (note, "caption");
              gtk_box_append (GTK_BOX (alternatives), note);
            }
        }
      gtk_box_append (GTK_BOX (box), alternatives);
    }

  if (material->note != NULL && *material->note != '\0')
    gtk_box_append (GTK_BOX (box), new_label (material->note, "dim-label"));

  append_row (self->materials_list, row_box, material->name);
}

/* The name of material @id, also when it is one of another material's alternatives. */
static const char *
material_name (const YbItem *item,
               const char   *id)
{
  for (guint i = 0; i < item->materials->len; i++)
    {
      const YbMaterial *material = g_ptr_array_index (item->materials, i);

      if (g_strcmp0 (material->id, id) == 0)
        return material->name;
      for (guint j = 0; material->any_of != NULL && j < material->any_of->len; j++)
        {
          const YbMaterial *alternative = g_ptr_array_index (material->any_of, j);

          if (g_strcmp0 (alternative->id, id) == 0)
            return alternative->name;
        }
    }
  return id;
}

static const char *
material_set_name (const YbItem *item,
                   const char   *id)
{
  for (guint i = 0; item->material_sets != NULL && i < item->material_sets->len; i++)
    {
      const YbMaterialSet *set = g_ptr_array_index (item->material_sets, i);

      if (g_strcmp0 (set->id, id) == 0)
        return set->name;
    }
  return id;
}

static void
add_material_set (YbcItemView         *self,
                  const YbMaterialSet *set)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_box_append (GTK_BOX (box), new_label (set->name, "heading"));
  for (guint i = 0; set->materials != NULL && set->materials[i] != NULL; i++)
    {
      g_autofree char *text = g_strdup_printf ("• %s", material_name (self->item, set->materials[i]));
      gtk_box_append (GTK_BOX (box), new_label (text, NULL));
    }
  append_row (self->sets_list, box, set->name);
}

static void
add_step (YbcItemView  *self,
          guint         number,
          const YbStep *step)
{
  GtkWidget *row_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = new_label (step->name, "heading");

  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (row_box), new_number (number));
  gtk_box_append (GTK_BOX (row_box), box);

  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_box_append (GTK_BOX (title_box), name);
  if (step->role != NULL && *step->role != '\0')
    {
      GtkWidget *role = new_tag (ybc_role_display_name (step->role), "role");
      gtk_widget_set_tooltip_text (role, _("Who acts"));
      gtk_box_append (GTK_BOX (title_box), role);
    }
  gtk_box_append (GTK_BOX (box), title_box);
  if (step->text != NULL && *step->text != '\0')
    gtk_box_append (GTK_BOX (box), new_label (step->text, NULL));

  append_row (self->steps_list, row_box, step->name);
}

static char *
time_limit_text (const YbTimeLimit *limit)
{
  if (limit->text != NULL && *limit->text != '\0')
    return g_strdup (limit->text);
  switch (limit->kind)
    {
    case YB_TIME_LIMIT_WORKING_DAYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d working day", "%d working days",
                                           (gulong) limit->days), limit->days);
    case YB_TIME_LIMIT_CALENDAR_DAYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days",
                                           (gulong) limit->days), limit->days);
    case YB_TIME_LIMIT_ON_THE_SPOT:
      return g_strdup (_("On the spot"));
    case YB_TIME_LIMIT_NONE:
    default:
      return g_strdup (_("No time limit"));
    }
}

/* The time limit row: the item's limit, the limits that differ per material set
 * (time_limit.by_set), and where the number comes from (time_limit.basis). YbItem has no
 * place for the last two, so they come from the JSON as sent. */
static char *
describe_time_limit (YbcItemView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *main_text = time_limit_text (&self->item->time_limit);
  JsonObject *limit = NULL;

  g_string_append (text, main_text);

  if (self->json != NULL && JSON_NODE_HOLDS_OBJECT (self->json))
    {
      JsonObject *object = json_node_get_object (self->json);
      JsonNode *node = json_object_get_member (object, "time_limit");

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        limit = json_node_get_object (node);
    }

  if (limit != NULL && json_object_has_member (limit, "by_set")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (limit, "by_set")))
    {
      JsonObject *by_set = json_object_get_object_member (limit, "by_set");
      g_autoptr(GList) members = json_object_get_members (by_set);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (by_set, l->data);
          YbTimeLimit set_limit = { 0 };
          g_autofree char *set_text = NULL;
          JsonObject *set_object;
          const char *kind;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          set_object = json_node_get_object (node);
          kind = json_object_get_string_member_with_default (set_object, "kind", "none");
          if (!yb_time_limit_kind_from_string (kind, &set_limit.kind))
            set_limit.kind = YB_TIME_LIMIT_NONE;
          set_limit.days = (int) json_object_get_int_member_with_default (set_object, "days", 0);
          set_limit.text = (char *) json_object_get_string_member_with_default (set_object, "text", NULL);
          set_text = time_limit_text (&set_limit);
          /* Translators: a material set's own time limit, e.g. 灵活就业人员：即时办结 */
          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("%s: %s"), material_set_name (self->item, l->data), set_text);
        }
    }

  if (limit != NULL)
    {
      const char *basis = json_object_get_string_member_with_default (limit, "basis", NULL);

      if (basis != NULL && *basis != '\0')
        {
          g_string_append_c (text, '\n');
          /* Translators: where a time limit comes from, after the limit itself */
          g_string_append_printf (text, _("Basis: %s"), basis);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_info (YbcItemView *self)
{
  const YbItem *item = self->item;
  const YbDepartment *department = &item->department;
  g_autofree char *limit = describe_time_limit (self);
  g_autoptr(GString) phones = g_string_new (NULL);
  const char *supervision;

  add_fact (self->info_list, _("Handling unit"),
            department->name != NULL && *department->name != '\0' ? department->name
            : department->code != NULL ? department->code : not_published ());

  for (guint i = 0; item->phones != NULL && i < item->phones->len; i++)
    {
      const YbPhone *phone = g_ptr_array_index (item->phones, i);

      if (phone->number == NULL || *phone->number == '\0')
        continue;
      if (phones->len > 0)
        g_string_append_c (phones, '\n');
      if (phone->label != NULL && *phone->label != '\0')
        /* Translators: a phone's label and number, e.g. 职工：87291551 */
        g_string_append_printf (phones, _("%s: %s"), phone->label, phone->number);
      else
        g_string_append (phones, phone->number);
    }
  if (phones->len == 0 && department->phone != NULL && *department->phone != '\0')
    g_string_append (phones, department->phone);
  add_fact (self->info_list, _("Phone"), phones->len > 0 ? phones->str : not_published ());

  supervision = item->supervision_phone;
  if (supervision == NULL || *supervision == '\0')
    supervision = department->supervision_phone;
  add_fact (self->info_list, _("Supervision phone"),
            supervision != NULL && *supervision != '\0' ? supervision : not_published ());

  add_fact (self->info_list, _("Time limit"), limit);

  if (item->parent != NULL && *item->parent != '\0')
    add_fact (self->info_list, _("Main item"), item->parent);

  if (item->sub_items != NULL && item->sub_items->len > 0)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      for (guint i = 0; i < item->sub_items->len; i++)
        {
          const YbCategory *sub = g_ptr_array_index (item->sub_items, i);
          g_ptr_array_add (names, sub->name);
        }
      g_ptr_array_add (names, NULL);
      joined = g_strjoinv (_(", "), (char **) names->pdata);
      add_fact (self->info_list, _("Sub-items"), joined);
    }
}

static void
show_item (YbcItemView *self)
{
  const YbItem *item = self->item;
  const char *category = item->category_name ? item->category_name : self->category_name;
  GtkAdjustment *adjustment;

  gtk_label_set_text (self->code_label, item->code);
  gtk_label_set_text (self->category_label, category ? category : "");
  gtk_label_set_text (self->name_label, item->name);
  gtk_label_set_text (self->full_name_label, item->full_name ? item->full_name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->full_name_label),
                          item->full_name != NULL && g_strcmp0 (item->full_name, item->name) != 0);

  clear_list (self->info_list);
  clear_list (self->materials_list);
  clear_list (self->sets_list);
  clear_list (self->steps_list);

  fill_info (self);

  for (guint i = 0; item->materials != NULL && i < item->materials->len; i++)
    add_material (self, i + 1, g_ptr_array_index (item->materials, i));
  if (item->materials == NULL || item->materials->len == 0)
    append_row (self->materials_list, new_label (_("None required"), "dim-label"), NULL);

  for (guint i = 0; item->material_sets != NULL && i < item->material_sets->len; i++)
    add_material_set (self, g_ptr_array_index (item->material_sets, i));
  gtk_widget_set_visible (self->sets_group, item->material_sets != NULL && item->material_sets->len > 0);

  for (guint i = 0; item->steps != NULL && i < item->steps->len; i++)
    add_step (self, i + 1, g_ptr_array_index (item->steps, i));
  gtk_widget_set_visible (self->steps_group, item->steps != NULL && item->steps->len > 0);

  set_note (self->steps_note_label, item->steps_note);

  set_text_section (self->basis_group, self->basis_label, item->legal_basis);
  set_note (self->basis_note_label, item->basis_note);
  set_text_section (self->responsibilities_group, self->responsibilities_label, item->responsibilities);
  set_text_section (self->accountability_group, self->accountability_label, item->accountability);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/* ------------------------------------------------------------------------- state */

static void
set_state (YbcItemView      *self,
           YbcItemViewState  state)
{
  static const char *pages[] = { "empty", "loading", "error", "item" };

  gtk_stack_set_visible_child_name (self->stack, pages[state]);
  gtk_spinner_set_spinning (self->spinner, state == YBC_ITEM_VIEW_LOADING);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_BUSY, state == YBC_ITEM_VIEW_LOADING,
                               -1);
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
on_item_fetched (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(YbcItemView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  YbItem *item;

  item = ybc_api_get_item_finish (YBC_API (source), result, &json, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (item == NULL)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error->message);
      adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), error->message);
      set_state (self, YBC_ITEM_VIEW_ERROR);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (self->retry_button));
      return;
    }

  g_clear_pointer (&self->item, yb_item_free);
  g_clear_pointer (&self->json, json_node_unref);
  self->item = item;
  self->json = g_steal_pointer (&json);
  show_item (self);
  set_state (self, YBC_ITEM_VIEW_LOADED);
  g_signal_emit (self, signals[ITEM_LOADED], 0, self->item->code, self->item->name);
}

static void
start_fetch (YbcItemView *self)
{
  g_assert (self->api != NULL);
  g_assert (self->code != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_pointer (&self->error_message, g_free);
  set_state (self, YBC_ITEM_VIEW_LOADING);
  ybc_api_get_item_async (self->api, self->region_code, self->code, self->cancellable,
                          on_item_fetched, g_object_ref (self));
}

static void
on_retry_clicked (YbcItemView *self)
{
  ybc_item_view_reload (self);
}

/* ------------------------------------------------------------------------- public API */

GtkWidget *
ybc_item_view_new (void)
{
  return g_object_new (YBC_TYPE_ITEM_VIEW, NULL);
}

void
ybc_item_view_set_api (YbcItemView *self,
                       YbcApi      *api)
{
  g_return_if_fail (YBC_IS_ITEM_VIEW (self));
  g_return_if_fail (api == NULL || YBC_IS_API (api));

  g_set_object (&self->api, api);
}

void
ybc_item_view_load (YbcItemView *self,
                    const char  *region_code,
                    const char  *code,
                    const char  *category_name)
{
  g_return_if_fail (YBC_IS_ITEM_VIEW (self));
  g_return_if_fail (region_code != NULL);
  g_return_if_fail (code != NULL);
  g_return_if_fail (self->api != NULL);

  g_free (self->region_code);
  self->region_code = g_strdup (region_code);
  g_free (self->code);
  self->code = g_strdup (code);
  g_free (self->category_name);
  self->category_name = g_strdup (category_name);
  start_fetch (self);
}

void
ybc_item_view_reload (YbcItemView *self)
{
  g_return_if_fail (YBC_IS_ITEM_VIEW (self));

  if (self->code == NULL || self->region_code == NULL || self->api == NULL)
    return;
  start_fetch (self);
}

void
ybc_item_view_clear (YbcItemView *self)
{
  g_return_if_fail (YBC_IS_ITEM_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->region_code, g_free);
  g_clear_pointer (&self->item, yb_item_free);
  g_clear_pointer (&self->json, json_node_unref);
  set_state (self, YBC_ITEM_VIEW_EMPTY);
}

YbcItemViewState
ybc_item_view_get_state (YbcItemView *self)
{
  g_return_val_if_fail (YBC_IS_ITEM_VIEW (self), YBC_ITEM_VIEW_EMPTY);
  return self->state;
}

const char *
ybc_item_view_get_code (YbcItemView *self)
{
  g_return_val_if_fail (YBC_IS_ITEM_VIEW (self), NULL);
  return self->code;
}

const YbItem *
ybc_item_view_get_item (YbcItemView *self)
{
  g_return_val_if_fail (YBC_IS_ITEM_VIEW (self), NULL);
  return self->state == YBC_ITEM_VIEW_LOADED ? self->item : NULL;
}

const char *
ybc_item_view_get_error_message (YbcItemView *self)
{
  g_return_val_if_fail (YBC_IS_ITEM_VIEW (self), NULL);
  return self->state == YBC_ITEM_VIEW_ERROR ? self->error_message : NULL;
}

/* ------------------------------------------------------------------------- GObject */

static void
ybc_item_view_dispose (GObject *object)
{
  YbcItemView *self = YBC_ITEM_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->api);

  gtk_widget_dispose_template (GTK_WIDGET (self), YBC_TYPE_ITEM_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ybc_item_view_parent_class)->dispose (object);
}

static void
ybc_item_view_finalize (GObject *object)
{
  YbcItemView *self = YBC_ITEM_VIEW (object);

  g_free (self->region_code);
  g_free (self->code);
  g_free (self->category_name);
  g_free (self->error_message);
  g_clear_pointer (&self->item, yb_item_free);
  g_clear_pointer (&self->json, json_node_unref);

  G_OBJECT_CLASS (ybc_item_view_parent_class)->finalize (object);
}

static void
ybc_item_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YbcItemView *self = YBC_ITEM_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, (int) self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ybc_item_view_class_init (YbcItemViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ybc_item_view_dispose;
  object_class->finalize = ybc_item_view_finalize;
  object_class->get_property = ybc_item_view_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      YBC_ITEM_VIEW_EMPTY, YBC_ITEM_VIEW_LOADED, YBC_ITEM_VIEW_EMPTY,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * YbcItemView::item-loaded:
   * @code: the item's code
   * @name: the item's short name
   */
  signals[ITEM_LOADED] =
    g_signal_new ("item-loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ybc-item-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/yibao/Client/ybc-item-view.ui");
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, stack);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, spinner);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, error_page);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, retry_button);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, scroller);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, code_label);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, category_label);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, name_label);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, full_name_label);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, info_group);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, info_list);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, materials_group);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, materials_list);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, sets_group);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, sets_list);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, steps_group);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, steps_list);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, basis_group);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, basis_label);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, basis_note_label);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, steps_note_label);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, responsibilities_group);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, responsibilities_label);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, accountability_group);
  gtk_widget_class_bind_template_child (widget_class, YbcItemView, accountability_label);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
}

static void
ybc_item_view_init (YbcItemView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->state = YBC_ITEM_VIEW_EMPTY;
}
