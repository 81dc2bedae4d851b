/* ybc-action-dialog.c: one action's form. The fields come from the action's definition
 * (one YbcFieldEditor each), the materials checklist and material set appear when the
 * action looks at materials, the reason when it takes one, and a chief's override when
 * the case has had a one-time notice. Every change runs the engine of common/
 * (yb_procedure_check_action, and yb_procedure_notice_problems or
 * yb_procedure_preview_notice for the preview), exactly what the server will run, so
 * the clerk sees each problem at its field and the notice's list before submitting.
 * The server stays the authority: Submit always sends, and whatever the server answers
 * is shown at the fields and in a list at the top, with the form left as it was. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-action-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "yb-calendar.h"
#include "yb-procedure.h"

struct _YbcActionDialog
{
  AdwWindow              parent_instance;

  /* template widgets */
  AdwWindowTitle        *window_title;
  GtkButton             *submit_button;
  GtkButton             *cancel_button;
  GtkSpinner            *spinner;
  GtkScrolledWindow     *scroller;
  GtkRevealer           *banner_revealer;
  GtkLabel              *banner_label;
  GtkLabel              *banner_list;
  GtkLabel              *case_label;
  GtkWidget             *fields_group;
  GtkFlowBox            *fields_list;
  GtkWidget             *materials_group;
  GtkWidget             *set_box;
  GtkDropDown           *set_dropdown;
  GtkLabel              *set_error;
  GtkBox                *checklist_box;
  GtkWidget             *notice_group;
  GtkLabel              *notice_summary;
  GtkBox                *notice_list;
  GtkWidget             *reason_group;
  GtkTextView           *reason_view;
  GtkLabel              *reason_error;
  GtkWidget             *override_group;
  GtkTextView           *override_view;

  /* borrowed: the procedure's, kept alive by self->item */
  const YbAction        *action;

  /* owned */
  YbcApi                *api;
  YbcUser               *user;
  YbcCase               *kase;
  YbItem                *item;
  GPtrArray             *editors;         /* YbcFieldEditor*, borrowed from the list */
  YbcMaterialsChecklist *checklist;       /* borrowed from checklist_box */
  GCancellable          *cancellable;
  YbProblems            *server_problems; /* the last answer's errors[] */
  GHashTable            *edited;          /* field ids changed since that answer */
  gboolean               materials_edited;
  char                  *idempotency_key;
  char                  *last_body;       /* what the key was made for */
  gboolean               attempted;       /* Submit was pressed: show every problem */
  gboolean               busy;
};

G_DEFINE_FINAL_TYPE (YbcActionDialog, ybc_action_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  STALE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_check (YbcActionDialog *self);

/* Fields a case's party fills in when the case has no value yet: the party is the
 * applicant, so the clerk does not type the name and number twice. */
static const struct {
  const char *kind;
  const char *field;
  const char *member;
} party_prefill[] = {
  { "person", "applicant_name", "name" },
  { "person", "applicant_id", "id_number" },
  { "person", "applicant_mobile", "phone" },
  { "person", "party_name", "name" },
  { "person", "party_id", "id_number" },
  { "person", "person_name", "name" },
  { "person", "person_id", "id_number" },
  { "unit", "unit_name", "name" },
  { "unit", "unit_credit_code", "id_number" },
  { "unit", "party_name", "name" },
  { "unit", "party_credit_code", "id_number" },
  { "institution", "institution_name", "name" },
  { "institution", "institution_credit_code", "id_number" },
  { "institution", "party_name", "name" },
  { "institution", "party_credit_code", "id_number" },
};

/* ------------------------------------------------------------------------- helpers */

static gboolean
checks_materials (YbcActionDialog *self)
{
  return self->action->materials != YB_MATERIALS_IGNORED;
}

static gboolean
item_has_sets (YbcActionDialog *self)
{
  return self->item->material_sets != NULL && self->item->material_sets->len > 0;
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static const char *
chosen_set (YbcActionDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->set_dropdown);

  if (!item_has_sets (self) || selected == 0 || selected == GTK_INVALID_LIST_POSITION
      || selected > self->item->material_sets->len)
    return NULL;
  return ((YbMaterialSet *) g_ptr_array_index (self->item->material_sets, selected - 1))->id;
}

/* The action body as the form stands. Field values that cannot be read (money or an
 * integer that does not parse) are left out and listed in @parse_errors. */
static JsonObject *
build_input (YbcActionDialog *self,
             GPtrArray       *parse_errors)
{
  JsonObject *input = json_object_new ();
  JsonObject *fields = json_object_new ();
  g_autofree char *reason = text_view_text (self->reason_view);
  g_autofree char *override = text_view_text (self->override_view);

  for (guint i = 0; i < self->editors->len; i++)
    {
      YbcFieldEditor *editor = g_ptr_array_index (self->editors, i);
      JsonNode *value = ybc_field_editor_dup_value (editor);

      if (value != NULL)
        json_object_set_member (fields, ybc_field_editor_get_id (editor), value);
      else if (ybc_field_editor_get_parse_error (editor) != NULL && parse_errors != NULL)
        g_ptr_array_add (parse_errors, editor);
    }
  json_object_set_object_member (input, "fields", fields);

  if (checks_materials (self))
    {
      if (chosen_set (self) != NULL)
        json_object_set_string_member (input, "material_set", chosen_set (self));
      json_object_set_array_member (input, "materials",
                                    ybc_materials_checklist_dup_submitted (self->checklist));
    }
  if (self->action->reason != YB_REASON_ABSENT && *reason != '\0')
    json_object_set_string_member (input, "reason", reason);
  if (gtk_widget_get_visible (self->override_group) && *override != '\0')
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "reason", override);
      json_object_set_object_member (input, "override", object);
    }
  return input;
}

static void
history_entry_free (gpointer data)
{
  YbHistoryEntry *entry = data;

  g_free (entry->action);
  g_free (entry);
}

/* What the engine needs to know about the case. The list answer names who acted but not
 * their ids, so the distinct-person rules are left to the server (and to the options it
 * sends, which disable the buttons). */
typedef struct {
  YbCaseView  view;
  GPtrArray  *history;
} CaseView;

static void
case_view_init (CaseView      *self,
                const YbcCase *kase)
{
  memset (self, 0, sizeof *self);
  self->history = g_ptr_array_new_with_free_func (history_entry_free);
  for (guint i = 0; i < json_array_get_length (kase->history); i++)
    {
      JsonNode *element = json_array_get_element (kase->history, i);
      YbHistoryEntry *entry;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      entry = g_new0 (YbHistoryEntry, 1);
      entry->action = g_strdup (json_object_get_string_member_with_default (json_node_get_object (element),
                                                                            "action", ""));
      entry->actor_id = -1;
      g_ptr_array_add (self->history, entry);
    }
  self->view.state = kase->state;
  self->view.history = self->history;
  g_date_clear (&self->view.started, 1);
  if (kase->started_on != NULL)
    yb_date_parse_iso (kase->started_on, &self->view.started);
  if (kase->last_notice != NULL)
    {
      JsonNode *problems = json_object_get_member (kase->last_notice, "problems");
      JsonNode *input = json_object_get_member (kase->last_notice, "input");

      if (problems != NULL && JSON_NODE_HOLDS_ARRAY (problems))
        self->view.last_notice_problems = yb_problems_from_json (problems, NULL);
      if (input != NULL && JSON_NODE_HOLDS_OBJECT (input))
        self->view.last_notice_input = json_node_get_object (input);
    }
}

static void
case_view_clear (CaseView *self)
{
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->view.last_notice_problems, yb_problems_unref);
}

/* "msg; msg" of every problem in @problems about @field. */
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
set_label_message (GtkLabel   *label,
                   const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && *message != '\0');
}

static void
show_banner (YbcActionDialog *self,
             const char      *title,
             const char      *list)
{
  gtk_label_set_text (self->banner_label, title ? title : "");
  gtk_label_set_text (self->banner_list, list ? list : "");
  gtk_widget_set_visible (GTK_WIDGET (self->banner_list), list != NULL && *list != '\0');
  gtk_revealer_set_reveal_child (self->banner_revealer, title != NULL);
  if (title != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
    }
}

static char *
numbered_list (const YbProblems *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; problems != NULL && i < yb_problems_get_len (problems); i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%u. %s", i + 1, yb_problems_get (problems, i)->message);
    }
  return g_string_free (text, FALSE);
}

static void
fill_notice (YbcActionDialog  *self,
             const YbProblems *notice)
{
  guint n = yb_problems_get_len (notice);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->notice_list))) != NULL)
    gtk_box_remove (self->notice_list, child);

  if (self->action->materials == YB_MATERIALS_INCOMPLETE)
    {
      if (n == 0)
        gtk_label_set_text (self->notice_summary,
                            _("Nothing to correct: the materials are complete, so the case should be accepted instead."));
      else
        {
          g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "The one-time notice will list this %u item:",
                                                                   "The one-time notice will list these %u items:",
                                                                   n), n);
          gtk_label_set_text (self->notice_summary, summary);
        }
    }
  else if (n == 0)
    gtk_label_set_text (self->notice_summary, _("Materials complete: nothing would go on a one-time notice."));
  else
    {
      g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Not complete yet. A one-time notice would list this %u item:",
                                                               "Not complete yet. A one-time notice would list these %u items:",
                                                               n), n);
      gtk_label_set_text (self->notice_summary, summary);
    }
  if (n == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->notice_summary), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->notice_summary), "success");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, yb_problems_get (notice, i)->message);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_focusable (label, FALSE);
      gtk_box_append (self->notice_list, label);
    }
}

/* Runs the engine on the form as it stands and puts each problem where it belongs. */
static void
run_check (YbcActionDialog *self)
{
  g_autoptr(GPtrArray) parse_errors = g_ptr_array_new ();
  g_autoptr(JsonObject) input = NULL;
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbProblems) shown = yb_problems_new ();
  g_autoptr(YbProblems) notice = yb_problems_new ();
  g_autoptr(YbProblems) materials = yb_problems_new ();
  CaseView view;
  YbActor actor = { 0 };

  if (self->action == NULL || (self->checklist == NULL && checks_materials (self)))
    return;

  input = build_input (self, parse_errors);
  case_view_init (&view, self->kase);
  actor.id = self->user->id;
  actor.roles = (const char * const *) self->user->roles;
  yb_procedure_check_action (self->item->procedure, self->item, &view.view, &actor,
                             self->action->id, input, NULL, problems);
  if (self->action->materials == YB_MATERIALS_INCOMPLETE)
    yb_procedure_notice_problems (self->item->procedure, self->item, &view.view,
                                  self->action->id, input, NULL, notice);
  else if (self->action->materials == YB_MATERIALS_COMPLETE)
    yb_procedure_preview_notice (self->item, input, notice);
  case_view_clear (&view);

  /* Who may act is the buttons' business; the form shows what to fill in. */
  for (guint i = 0; i < yb_problems_get_len (problems); i++)
    {
      const YbProblem *problem = yb_problems_get (problems, i);

      if (!g_str_has_prefix (problem->code, "action."))
        yb_problems_add (shown, problem->code, problem->field, "%s", problem->message);
    }
  /* A notice's deficiencies are not errors of the notice action, but the clerk should
   * still see each at its field and material. */
  if (self->action->materials == YB_MATERIALS_INCOMPLETE)
    yb_problems_extend (shown, notice);

  for (guint i = 0; i < self->editors->len; i++)
    {
      YbcFieldEditor *editor = g_ptr_array_index (self->editors, i);
      const char *id = ybc_field_editor_get_id (editor);
      g_autoptr(GString) text = g_string_new (NULL);

      if (ybc_field_editor_get_parse_error (editor) != NULL)
        g_string_append (text, ybc_field_editor_get_parse_error (editor));
      else if (self->attempted || ybc_field_editor_get_touched (editor))
        append_messages (text, shown, id);
      if (!g_hash_table_contains (self->edited, id))
        append_messages (text, self->server_problems, id);
      ybc_field_editor_set_message (editor, text->str);
    }

  if (checks_materials (self))
    {
      g_autoptr(GString) set_text = g_string_new (NULL);

      /* Material rows always show what is missing: that is the checklist's to-do. */
      yb_problems_extend (materials, shown);
      if (!self->materials_edited && self->server_problems != NULL)
        yb_problems_extend (materials, self->server_problems);
      ybc_materials_checklist_set_problems (self->checklist, materials);
      append_messages (set_text, materials, "material_set");
      set_label_message (self->set_error, set_text->str);
      fill_notice (self, notice);
    }

  {
    g_autoptr(GString) reason = g_string_new (NULL);

    if (self->attempted)
      append_messages (reason, shown, "reason");
    if (!g_hash_table_contains (self->edited, "reason"))
      append_messages (reason, self->server_problems, "reason");
    set_label_message (self->reason_error, reason->str);
  }
}

static void
set_busy (YbcActionDialog *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button), !busy);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, busy, -1);
}

/* Puts the first field with a message in view and gives it the keyboard. */
static void
focus_first_problem (YbcActionDialog *self)
{
  for (guint i = 0; i < self->editors->len; i++)
    {
      YbcFieldEditor *editor = g_ptr_array_index (self->editors, i);
      const char *message = ybc_field_editor_get_message (editor);

      if (message != NULL && *message != '\0')
        {
          ybc_field_editor_focus (editor);
          return;
        }
    }
}

static void
update_case_label (YbcActionDialog *self)
{
  g_autofree char *text = NULL;

  /* Translators: case number · item · party · state, above an action's form */
  text = g_strdup_printf (_("%s · %s · %s · now %s"), self->kase->case_no,
                          self->kase->item_name ? self->kase->item_name : self->kase->item_code,
                          self->kase->party_name ? self->kase->party_name : "",
                          self->kase->state_name);
  gtk_label_set_text (self->case_label, text);
  adw_window_title_set_subtitle (self->window_title, self->kase->case_no);
}

/* ------------------------------------------------------------------------- callbacks */

static void
on_editor_changed (YbcActionDialog *self,
                   YbcFieldEditor  *editor)
{
  g_hash_table_add (self->edited, g_strdup (ybc_field_editor_get_id (editor)));
  run_check (self);
}

static void
on_checklist_changed (YbcActionDialog *self)
{
  self->materials_edited = TRUE;
  run_check (self);
}

static void
on_set_selected (YbcActionDialog *self)
{
  if (self->checklist == NULL)
    return;
  self->materials_edited = TRUE;
  ybc_materials_checklist_set_material_set (self->checklist, chosen_set (self));
  run_check (self);
}

static void
on_reason_changed (YbcActionDialog *self)
{
  g_hash_table_add (self->edited, g_strdup ("reason"));
  run_check (self);
}

static void
on_action_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(YbcActionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbcCase) updated = NULL;
  const YbProblems *problems;
  guint status;

  updated = ybc_api_case_action_finish (YBC_API (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (updated != NULL)
    {
      g_signal_emit (self, signals[DONE], 0, updated);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* A 401 ends the session; the application takes over. */
  if (g_error_matches (error, YBC_API_ERROR, YBC_API_ERROR_UNAUTHORIZED))
    return;

  status = ybc_api_error_get_status (error);
  problems = ybc_api_error_get_problems (error);
  g_clear_pointer (&self->server_problems, yb_problems_unref);
  g_hash_table_remove_all (self->edited);
  self->materials_edited = FALSE;

  if (status == 412 || status == 409)
    {
      const char *title = ybc_api_error_get_title (error);
      const char *detail = ybc_api_error_get_detail (error);
      g_autofree char *list = NULL;

      /* Translators: after the server's "someone else changed the case" and its detail */
      list = g_strdup_printf (_("%s\nThe case has been loaded again. Check it, then submit once more: what you entered is kept."),
                              detail != NULL && *detail != '\0' ? detail : "");
      show_banner (self, title != NULL && *title != '\0' ? title : error->message, g_strstrip (list));
      g_signal_emit (self, signals[STALE], 0);
    }
  else if (problems != NULL && !yb_problems_is_empty (problems))
    {
      g_autofree char *list = numbered_list (problems);
      g_autofree char *title = NULL;
      guint n = yb_problems_get_len (problems);

      /* Our own heading: the server's names the step by its id. */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "“%s” was not done. Correct this %u item and submit again:",
                                            "“%s” was not done. Correct these %u items and submit again:", n),
                               self->action->name, n);
      self->server_problems = yb_problems_ref ((YbProblems *) problems);
      show_banner (self, title, list);
    }
  else
    show_banner (self, error->message, NULL);

  self->attempted = TRUE;
  run_check (self);
  focus_first_problem (self);
}

static void
on_submit_clicked (YbcActionDialog *self)
{
  ybc_action_dialog_submit (self);
}

static gboolean
on_submit_shortcut (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  ybc_action_dialog_submit (YBC_ACTION_DIALOG (widget));
  return TRUE;
}

/* ------------------------------------------------------------------------- building */

static const YbAction *
find_action (YbProcedure *procedure,
             const char  *id)
{
  return procedure != NULL ? yb_procedure_get_action (procedure, id) : NULL;
}

static void
add_editor (YbcActionDialog *self,
            const YbField   *field)
{
  YbcFieldEditor *editor = ybc_field_editor_new (field, self->action, self->api, self->user->id);

  gtk_widget_set_margin_top (GTK_WIDGET (editor), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (editor), 6);
  gtk_widget_set_valign (GTK_WIDGET (editor), GTK_ALIGN_START);
  gtk_flow_box_append (self->fields_list, GTK_WIDGET (editor));
  /* The flow box's child is a container only: the editor takes the keyboard. */
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (editor)), FALSE);
  g_ptr_array_add (self->editors, editor);
  g_signal_connect_object (editor, "changed", G_CALLBACK (on_editor_changed), self, G_CONNECT_SWAPPED);
}

static void
prefill (YbcActionDialog *self)
{
  for (guint i = 0; i < self->editors->len; i++)
    {
      YbcFieldEditor *editor = g_ptr_array_index (self->editors, i);
      const char *id = ybc_field_editor_get_id (editor);
      JsonNode *value = json_object_get_member (self->kase->fields, id);

      if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
        {
          ybc_field_editor_set_value (editor, value);
          continue;
        }
      for (gsize p = 0; p < G_N_ELEMENTS (party_prefill); p++)
        {
          const char *text = NULL;

          if (g_strcmp0 (party_prefill[p].kind, self->kase->party_kind) != 0
              || !g_str_equal (party_prefill[p].field, id))
            continue;
          if (g_str_equal (party_prefill[p].member, "name"))
            text = self->kase->party_name;
          else if (g_str_equal (party_prefill[p].member, "id_number"))
            text = self->kase->party_id_number;
          else
            text = self->kase->party_phone;
          if (text != NULL && *text != '\0')
            {
              g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
              ybc_field_editor_set_value (editor, node);
            }
        }
    }

  if (checks_materials (self))
    {
      if (item_has_sets (self))
        for (guint i = 0; i < self->item->material_sets->len; i++)
          if (g_strcmp0 (((YbMaterialSet *) g_ptr_array_index (self->item->material_sets, i))->id,
                         self->kase->material_set) == 0)
            gtk_drop_down_set_selected (self->set_dropdown, i + 1);
      ybc_materials_checklist_set_material_set (self->checklist, chosen_set (self));
      ybc_materials_checklist_set_submitted (self->checklist, self->kase->materials);
      self->materials_edited = FALSE;
    }
}

static void
build_form (YbcActionDialog *self)
{
  gboolean is_chief = ybc_user_has_role (self->user, "chief");

  gtk_window_set_title (GTK_WINDOW (self), self->action->name);
  adw_window_title_set_title (self->window_title, self->action->name);
  gtk_button_set_label (self->submit_button, self->action->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->submit_button), _("Submit (Ctrl+Enter)"));
  update_case_label (self);

  for (guint i = 0; self->action->fields != NULL && i < self->action->fields->len; i++)
    add_editor (self, g_ptr_array_index (self->action->fields, i));
  gtk_widget_set_visible (self->fields_group, self->editors->len > 0);

  gtk_widget_set_visible (self->materials_group, checks_materials (self));
  gtk_widget_set_visible (self->notice_group, checks_materials (self));
  if (checks_materials (self))
    {
      g_autoptr(GtkStringList) sets = gtk_string_list_new (NULL);

      gtk_widget_set_visible (self->set_box, item_has_sets (self));
      gtk_string_list_append (sets, _("Choose…"));
      for (guint i = 0; item_has_sets (self) && i < self->item->material_sets->len; i++)
        gtk_string_list_append (sets, ((YbMaterialSet *) g_ptr_array_index (self->item->material_sets, i))->name);
      gtk_drop_down_set_model (self->set_dropdown, G_LIST_MODEL (sets));
      self->checklist = YBC_MATERIALS_CHECKLIST (ybc_materials_checklist_new (self->item));
      gtk_box_append (self->checklist_box, GTK_WIDGET (self->checklist));
      g_signal_connect_object (self->checklist, "changed", G_CALLBACK (on_checklist_changed), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_widget_set_visible (self->reason_group, self->action->reason != YB_REASON_ABSENT);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->reason_group),
                                   self->action->reason == YB_REASON_REQUIRED ? _("Reason (required)")
                                                                              : _("Reason (optional)"));
  g_signal_connect_object (gtk_text_view_get_buffer (self->reason_view), "changed",
                           G_CALLBACK (on_reason_changed), self, G_CONNECT_SWAPPED);

  gtk_widget_set_visible (self->override_group,
                          is_chief && checks_materials (self) && self->kase->last_notice != NULL);
  g_signal_connect_object (gtk_text_view_get_buffer (self->override_view), "changed",
                           G_CALLBACK (run_check), self, G_CONNECT_SWAPPED);

  prefill (self);
  run_check (self);
}

/* ------------------------------------------------------------------------- public API */

YbcActionDialog *
ybc_action_dialog_new (GtkWindow     *parent,
                       YbcApi        *api,
                       const YbcUser *user,
                       YbcCase       *kase,
                       JsonNode      *item_json,
                       const char    *action_id,
                       GError       **error)
{
  YbcActionDialog *self;

  g_return_val_if_fail (YBC_IS_API (api), NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (kase != NULL, NULL);
  g_return_val_if_fail (item_json != NULL, NULL);
  g_return_val_if_fail (action_id != NULL, NULL);

  /* Like any window, owned by GTK until destroyed. */
  self = g_object_new (YBC_TYPE_ACTION_DIALOG, "transient-for", parent, NULL);
  self->api = g_object_ref (api);
  self->user = ybc_user_copy (user);
  self->kase = ybc_case_ref (kase);
  /* A copy of our own: the case view may load the item again while the form is open. */
  self->item = yb_item_from_json (item_json, error);
  if (self->item != NULL)
    self->action = find_action (self->item->procedure, action_id);
  if (self->item != NULL && self->action == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("Item %s has no step “%s”"), kase->item_code, action_id);
  if (self->action == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  build_form (self);
  return self;
}

const char *
ybc_action_dialog_get_action_id (YbcActionDialog *self)
{
  g_return_val_if_fail (YBC_IS_ACTION_DIALOG (self), NULL);
  return self->action->id;
}

void
ybc_action_dialog_set_case (YbcActionDialog *self,
                            YbcCase         *kase)
{
  JsonObject *option;

  g_return_if_fail (YBC_IS_ACTION_DIALOG (self));
  g_return_if_fail (kase != NULL);

  ybc_case_unref (self->kase);
  self->kase = ybc_case_ref (kase);
  update_case_label (self);
  option = ybc_case_find_option (kase, self->action->id);
  if (option == NULL || !json_object_get_boolean_member_with_default (option, "allowed", FALSE))
    {
      g_autofree char *title = g_strdup_printf (_("“%s” cannot be done on this case any more: it is now %s."),
                                                self->action->name, kase->state_name);
      show_banner (self, title, NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button), FALSE);
    }
  run_check (self);
}

void
ybc_action_dialog_submit (YbcActionDialog *self)
{
  g_autoptr(GPtrArray) parse_errors = g_ptr_array_new ();
  g_autoptr(JsonObject) input = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (YBC_IS_ACTION_DIALOG (self));

  if (self->busy || !gtk_widget_get_sensitive (GTK_WIDGET (self->submit_button)))
    return;
  self->attempted = TRUE;
  input = build_input (self, parse_errors);
  if (parse_errors->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < parse_errors->len; i++)
        g_string_append_printf (list, "%s%u. %s", i > 0 ? "\n" : "", i + 1,
                                ybc_field_editor_get_parse_error (g_ptr_array_index (parse_errors, i)));
      show_banner (self, _("These values cannot be read; correct them first:"), list->str);
      run_check (self);
      ybc_field_editor_focus (g_ptr_array_index (parse_errors, 0));
      return;
    }

  /* The same submission again (a retry after no answer) keeps its key, so the server
   * does it once; anything changed is a new intention with a new key. */
  node = json_node_init_object (json_node_alloc (), input);
  body = json_to_string (node, FALSE);
  if (self->idempotency_key == NULL || g_strcmp0 (body, self->last_body) != 0)
    {
      g_free (self->idempotency_key);
      self->idempotency_key = ybc_api_new_idempotency_key ();
      g_free (self->last_body);
      self->last_body = g_steal_pointer (&body);
    }

  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  ybc_api_case_action_async (self->api, self->kase->id, self->action->id, self->kase->version,
                             input, self->idempotency_key, self->cancellable,
                             on_action_done, g_object_ref (self));
}

gboolean
ybc_action_dialog_get_busy (YbcActionDialog *self)
{
  g_return_val_if_fail (YBC_IS_ACTION_DIALOG (self), FALSE);
  return self->busy;
}

YbcFieldEditor *
ybc_action_dialog_get_editor (YbcActionDialog *self,
                              const char      *field_id)
{
  g_return_val_if_fail (YBC_IS_ACTION_DIALOG (self), NULL);

  for (guint i = 0; i < self->editors->len; i++)
    if (g_strcmp0 (ybc_field_editor_get_id (g_ptr_array_index (self->editors, i)), field_id) == 0)
      return g_ptr_array_index (self->editors, i);
  return NULL;
}

YbcMaterialsChecklist *
ybc_action_dialog_get_checklist (YbcActionDialog *self)
{
  g_return_val_if_fail (YBC_IS_ACTION_DIALOG (self), NULL);
  return self->checklist;
}

gboolean
ybc_action_dialog_choose_material_set (YbcActionDialog *self,
                                       const char      *id)
{
  g_return_val_if_fail (YBC_IS_ACTION_DIALOG (self), FALSE);

  for (guint i = 0; item_has_sets (self) && i < self->item->material_sets->len; i++)
    if (g_strcmp0 (((YbMaterialSet *) g_ptr_array_index (self->item->material_sets, i))->id, id) == 0)
      {
        gtk_drop_down_set_selected (self->set_dropdown, i + 1);
        return TRUE;
      }
  return FALSE;
}

void
ybc_action_dialog_set_reason (YbcActionDialog *self,
                              const char      *reason)
{
  g_return_if_fail (YBC_IS_ACTION_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reason_view), reason ? reason : "", -1);
}

GStrv
ybc_action_dialog_dup_notice_lines (YbcActionDialog *self)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();

  g_return_val_if_fail (YBC_IS_ACTION_DIALOG (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->notice_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_strv_builder_add (lines, gtk_label_get_text (GTK_LABEL (child)));
  return g_strv_builder_end (lines);
}

char *
ybc_action_dialog_dup_banner_text (YbcActionDialog *self)
{
  g_return_val_if_fail (YBC_IS_ACTION_DIALOG (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return g_strdup ("");
  return g_strdup_printf ("%s\n%s", gtk_label_get_text (self->banner_label),
                          gtk_label_get_text (self->banner_list));
}

/* ------------------------------------------------------------------------- GObject */

static void
ybc_action_dialog_dispose (GObject *object)
{
  YbcActionDialog *self = YBC_ACTION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), YBC_TYPE_ACTION_DIALOG);

  G_OBJECT_CLASS (ybc_action_dialog_parent_class)->dispose (object);
}

static void
ybc_action_dialog_finalize (GObject *object)
{
  YbcActionDialog *self = YBC_ACTION_DIALOG (object);

  g_clear_object (&self->api);
  g_clear_pointer (&self->user, ybc_user_free);
  g_clear_pointer (&self->kase, ybc_case_unref);
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_pointer (&self->server_problems, yb_problems_unref);
  g_clear_pointer (&self->edited, g_hash_table_unref);
  g_free (self->idempotency_key);
  g_free (self->last_body);
  /* Last: the editors' fields and the action point into it. */
  g_clear_pointer (&self->item, yb_item_free);

  G_OBJECT_CLASS (ybc_action_dialog_parent_class)->finalize (object);
}

static void
ybc_action_dialog_class_init (YbcActionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ybc_action_dialog_dispose;
  object_class->finalize = ybc_action_dialog_finalize;

  /**
   * YbcActionDialog::done:
   * @kase: the case as the server answered, after the action
   *
   * The action was taken; the dialog closes itself next.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, YBC_TYPE_CASE);

  /**
   * YbcActionDialog::stale:
   *
   * The server refused the version the form was opened on (412) or the state (409): the
   * owner should load the case again and hand it over with ybc_action_dialog_set_case.
   */
  signals[STALE] =
    g_signal_new ("stale",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_set_template_from_resource (widget_class, "/cn/yibao/Client/ybc-action-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, submit_button);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, banner_list);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, case_label);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, fields_list);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, materials_group);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, set_box);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, set_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, set_error);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, checklist_box);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, notice_group);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, notice_summary);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, notice_list);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, reason_group);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, reason_view);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, reason_error);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, override_group);
  gtk_widget_class_bind_template_child (widget_class, YbcActionDialog, override_view);
  gtk_widget_class_bind_template_callback (widget_class, on_submit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_set_selected);
}

static void
ybc_action_dialog_init (YbcActionDialog *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->editors = g_ptr_array_new ();
  self->edited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Ctrl+Enter submits from anywhere, the reason's text view included. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (on_submit_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
