/* ybc-new-case-dialog.c: the party form. Every keystroke runs yb_party_check, and each
 * field shows its problems once the clerk has typed in it (or pressed Create); the
 * server's answer to Create is shown the same way, the form untouched. One
 * Idempotency-Key per submission: the same again after no answer, a new one once
 * anything changed. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-new-case-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "yb-party.h"

static const char * const kinds[] = { "person", "unit", "institution", "none" };

typedef struct {
  char *id;
  char *name;
  char *materials;  /* the set's materials, one line */
} SetInfo;

struct _YbcNewCaseDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *create_button;
  GtkSpinner     *spinner;
  GtkLabel       *item_label;
  GtkRevealer    *banner_revealer;
  GtkLabel       *banner_label;
  GtkDropDown    *kind_dropdown;
  GtkLabel       *name_label;
  GtkEntry       *name_entry;
  GtkLabel       *name_error;
  GtkLabel       *id_label;
  GtkEntry       *id_entry;
  GtkLabel       *id_error;
  GtkLabel       *phone_label;
  GtkEntry       *phone_entry;
  GtkLabel       *phone_error;
  GtkWidget      *set_box;
  GtkDropDown    *set_dropdown;
  GtkLabel       *set_description;
  GtkLabel       *set_error;

  /* owned */
  YbcApi         *api;
  char           *item_code;
  GPtrArray      *sets;            /* SetInfo* */
  GCancellable   *cancellable;
  YbProblems     *server_problems;
  GHashTable     *touched;         /* "party.name" … typed in since the last answer */
  char           *idempotency_key;
  char           *last_body;
  gboolean        attempted;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (YbcNewCaseDialog, ybc_new_case_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- helpers */

static void
set_info_free (gpointer data)
{
  SetInfo *info = data;

  g_free (info->id);
  g_free (info->name);
  g_free (info->materials);
  g_free (info);
}

static const char *
chosen_kind (YbcNewCaseDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  return selected < G_N_ELEMENTS (kinds) ? kinds[selected] : "person";
}

static const SetInfo *
chosen_set (YbcNewCaseDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->set_dropdown);

  if (self->sets->len == 0 || selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->sets->len)
    return NULL;
  return g_ptr_array_index (self->sets, selected - 1);
}

static char *
entry_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static JsonObject *
build_party (YbcNewCaseDialog *self)
{
  JsonObject *party = json_object_new ();
  g_autofree char *name = entry_text (self->name_entry);
  g_autofree char *id = entry_text (self->id_entry);
  g_autofree char *phone = entry_text (self->phone_entry);
  const char *kind = chosen_kind (self);

  json_object_set_string_member (party, "kind", kind);
  json_object_set_string_member (party, "name", name);
  if (!g_str_equal (kind, "none") && *id != '\0')
    json_object_set_string_member (party, "id_number", id);
  if (*phone != '\0')
    json_object_set_string_member (party, "phone", phone);
  return party;
}

static void
append_messages (GString          *text,
                 const YbProblems *problems,
                 const char       *field)
{
  for (guint i = 0; problems != NULL && i < yb_problems_get_len (problems); i++)
    {
      const YbProblem *problem = yb_problems_get (problems, i);

      if (g_strcmp0 (problem->field, field) != 0 || strstr (text->str, problem->message) != NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, problem->message);
    }
}

static void
set_field_error (GtkWidget  *entry,
                 GtkLabel   *label,
                 const char *message)
{
  gboolean has_error = message != NULL && *message != '\0';

  gtk_label_set_text (label, has_error ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), has_error);
  if (has_error)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               has_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

static void
show_field (YbcNewCaseDialog *self,
            const YbProblems *live,
            const char       *field,
            GtkWidget        *entry,
            GtkLabel         *label)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->attempted || g_hash_table_contains (self->touched, field))
    append_messages (text, live, field);
  if (!g_hash_table_contains (self->touched, field))
    append_messages (text, self->server_problems, field);
  set_field_error (entry, label, text->str);
}

static void
run_check (YbcNewCaseDialog *self)
{
  g_autoptr(JsonObject) party = build_party (self);
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(GString) set_text = g_string_new (NULL);

  yb_party_check (party, NULL, problems);
  show_field (self, problems, "party.name", GTK_WIDGET (self->name_entry), self->name_error);
  show_field (self, problems, "party.id_number", GTK_WIDGET (self->id_entry), self->id_error);
  show_field (self, problems, "party.phone", GTK_WIDGET (self->phone_entry), self->phone_error);
  append_messages (set_text, self->server_problems, "material_set");
  gtk_label_set_text (self->set_error, set_text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->set_error), set_text->len > 0);
}

static void
update_kind (YbcNewCaseDialog *self)
{
  const char *kind = chosen_kind (self);
  gboolean has_id = !g_str_equal (kind, "none");

  if (g_str_equal (kind, "person"))
    {
      gtk_label_set_text_with_mnemonic (self->name_label, _("_Name"));
      gtk_label_set_text_with_mnemonic (self->id_label, _("_Resident ID number"));
      gtk_entry_set_placeholder_text (self->id_entry, _("18 characters; the last may be X"));
    }
  else if (g_str_equal (kind, "none"))
    gtk_label_set_text_with_mnemonic (self->name_label, _("_Title"));
  else
    {
      gtk_label_set_text_with_mnemonic (self->name_label,
                                        g_str_equal (kind, "unit") ? _("_Name of the unit") : _("_Name of the institution"));
      gtk_label_set_text_with_mnemonic (self->id_label, _("Unified social _credit code"));
      gtk_entry_set_placeholder_text (self->id_entry, _("18 digits and capital letters"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->id_label), has_id);
  gtk_widget_set_visible (GTK_WIDGET (self->id_entry), has_id);
  gtk_widget_set_visible (GTK_WIDGET (self->phone_label), has_id);
  gtk_widget_set_visible (GTK_WIDGET (self->phone_entry), has_id);
  if (!has_id)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->id_error), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->phone_error), FALSE);
    }
}

static void
set_busy (YbcNewCaseDialog *self,
          gboolean          busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), !busy);
}

static void
show_banner (YbcNewCaseDialog *self,
             const char       *message)
{
  gtk_label_set_text (self->banner_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

/* ------------------------------------------------------------------------- callbacks */

static void
on_entry_changed (YbcNewCaseDialog *self,
                  GtkEntry         *entry)
{
  const char *field = entry == self->name_entry ? "party.name"
                    : entry == self->id_entry ? "party.id_number" : "party.phone";

  g_hash_table_add (self->touched, (gpointer) field);
  run_check (self);
}

static void
on_kind_selected (YbcNewCaseDialog *self)
{
  update_kind (self);
  /* Another kind checks the number another way. */
  g_hash_table_add (self->touched, (gpointer) "party.id_number");
  run_check (self);
}

static void
on_set_selected (YbcNewCaseDialog *self)
{
  const SetInfo *set = chosen_set (self);

  gtk_label_set_text (self->set_description,
                      set != NULL ? set->materials
                                  : _("Not chosen yet: it can also be chosen when the materials are checked."));
  g_clear_pointer (&self->server_problems, yb_problems_unref);
  run_check (self);
}

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(YbcNewCaseDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbcCase) kase = NULL;
  const YbProblems *problems;

  kase = ybc_api_create_case_finish (YBC_API (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (kase != NULL)
    {
      g_signal_emit (self, signals[CREATED], 0, kase);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, YBC_API_ERROR, YBC_API_ERROR_UNAUTHORIZED))
    return;

  problems = ybc_api_error_get_problems (error);
  g_clear_pointer (&self->server_problems, yb_problems_unref);
  if (problems != NULL && !yb_problems_is_empty (problems))
    self->server_problems = yb_problems_ref ((YbProblems *) problems);
  g_hash_table_remove_all (self->touched);
  /* The whole message (title and every problem) on top; each at its field too. */
  show_banner (self, error->message);
  run_check (self);
}

static void
on_create_clicked (YbcNewCaseDialog *self)
{
  ybc_new_case_dialog_submit (self);
}

/* ------------------------------------------------------------------------- public API */

YbcNewCaseDialog *
ybc_new_case_dialog_new (GtkWindow    *parent,
                         YbcApi       *api,
                         const YbItem *item)
{
  YbcNewCaseDialog *self;
  g_autoptr(GtkStringList) sets = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;

  g_return_val_if_fail (YBC_IS_API (api), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (YBC_TYPE_NEW_CASE_DIALOG, "transient-for", parent, NULL);
  self->api = g_object_ref (api);
  self->item_code = g_strdup (item->code);
  heading = g_strdup_printf ("%s %s", item->code, item->name);
  gtk_label_set_text (self->item_label, heading);
  adw_window_title_set_subtitle (self->window_title, heading);

  gtk_string_list_append (sets, _("Not chosen yet"));
  for (guint i = 0; item->material_sets != NULL && i < item->material_sets->len; i++)
    {
      const YbMaterialSet *set = g_ptr_array_index (item->material_sets, i);
      SetInfo *info = g_new0 (SetInfo, 1);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      info->id = g_strdup (set->id);
      info->name = g_strdup (set->name);
      for (guint j = 0; set->materials != NULL && set->materials[j] != NULL; j++)
        for (guint k = 0; item->materials != NULL && k < item->materials->len; k++)
          if (g_strcmp0 (((YbMaterial *) g_ptr_array_index (item->materials, k))->id, set->materials[j]) == 0)
            g_ptr_array_add (names, ((YbMaterial *) g_ptr_array_index (item->materials, k))->name);
      g_ptr_array_add (names, NULL);
      {
        g_autofree char *joined = g_strjoinv (_(", "), (char **) names->pdata);
        /* Translators: the materials a case type needs */
        info->materials = g_strdup_printf (_("Materials: %s"), joined);
      }
      g_ptr_array_add (self->sets, info);
      gtk_string_list_append (sets, set->name);
    }
  gtk_drop_down_set_model (self->set_dropdown, G_LIST_MODEL (sets));
  gtk_widget_set_visible (self->set_box, self->sets->len > 0);
  on_set_selected (self);
  update_kind (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  return self;
}

void
ybc_new_case_dialog_set_kind (YbcNewCaseDialog *self,
                              const char       *kind)
{
  g_return_if_fail (YBC_IS_NEW_CASE_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      gtk_drop_down_set_selected (self->kind_dropdown, i);
}

gboolean
ybc_new_case_dialog_choose_material_set (YbcNewCaseDialog *self,
                                         const char       *id)
{
  g_return_val_if_fail (YBC_IS_NEW_CASE_DIALOG (self), FALSE);

  for (guint i = 0; i < self->sets->len; i++)
    if (g_strcmp0 (((SetInfo *) g_ptr_array_index (self->sets, i))->id, id) == 0)
      {
        gtk_drop_down_set_selected (self->set_dropdown, i + 1);
        return TRUE;
      }
  return FALSE;
}

void
ybc_new_case_dialog_submit (YbcNewCaseDialog *self)
{
  g_autoptr(JsonObject) party = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *body = NULL;
  g_autofree char *party_text = NULL;
  const SetInfo *set;

  g_return_if_fail (YBC_IS_NEW_CASE_DIALOG (self));

  if (self->busy)
    return;
  self->attempted = TRUE;
  run_check (self);
  party = build_party (self);
  set = chosen_set (self);

  node = json_node_init_object (json_node_alloc (), party);
  party_text = json_to_string (node, FALSE);
  body = g_strdup_printf ("%s|%s", set ? set->id : "", party_text);
  if (self->idempotency_key == NULL || g_strcmp0 (body, self->last_body) != 0)
    {
      g_free (self->idempotency_key);
      self->idempotency_key = ybc_api_new_idempotency_key ();
      g_free (self->last_body);
      self->last_body = g_steal_pointer (&body);
    }
  show_banner (self, NULL);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  ybc_api_create_case_async (self->api, self->item_code, set ? set->id : NULL, party, self->idempotency_key,
                             self->cancellable, on_created, g_object_ref (self));
}

gboolean
ybc_new_case_dialog_get_busy (YbcNewCaseDialog *self)
{
  g_return_val_if_fail (YBC_IS_NEW_CASE_DIALOG (self), FALSE);
  return self->busy;
}

/* ------------------------------------------------------------------------- GObject */

static void
ybc_new_case_dialog_dispose (GObject *object)
{
  YbcNewCaseDialog *self = YBC_NEW_CASE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), YBC_TYPE_NEW_CASE_DIALOG);

  G_OBJECT_CLASS (ybc_new_case_dialog_parent_class)->dispose (object);
}

static void
ybc_new_case_dialog_finalize (GObject *object)
{
  YbcNewCaseDialog *self = YBC_NEW_CASE_DIALOG (object);

  g_clear_object (&self->api);
  g_free (self->item_code);
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  g_clear_pointer (&self->server_problems, yb_problems_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_free (self->idempotency_key);
  g_free (self->last_body);

  G_OBJECT_CLASS (ybc_new_case_dialog_parent_class)->finalize (object);
}

static void
ybc_new_case_dialog_class_init (YbcNewCaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ybc_new_case_dialog_dispose;
  object_class->finalize = ybc_new_case_dialog_finalize;

  /**
   * YbcNewCaseDialog::created:
   * @kase: the new case as the server answered
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, YBC_TYPE_CASE);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_set_template_from_resource (widget_class, "/cn/yibao/Client/ybc-new-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, item_label);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, name_label);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, id_label);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, id_entry);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, id_error);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, phone_label);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, phone_error);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, set_box);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, set_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, set_description);
  gtk_widget_class_bind_template_child (widget_class, YbcNewCaseDialog, set_error);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_set_selected);
}

static void
ybc_new_case_dialog_init (YbcNewCaseDialog *self)
{
  self->sets = g_ptr_array_new_with_free_func (set_info_free);
  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
}
