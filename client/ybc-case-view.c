/* ybc-case-view.c: shows one case. The case comes from GET /api/v1/cases/{id}; the
 * item's definition (its procedure: step, state and field names, materials, sets) from
 * the catalogue, fetched once per item and kept. The step buttons are the case's
 * "options" as the server computed them for this user: a step that cannot be taken is
 * shown disabled with the server's reasons as its tooltip. A step's form is a
 * YbcActionDialog; when it reports the case changed under it (412), the case is loaded
 * again and handed to the form. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-case-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "yb-procedure.h"
#include "ybc-case-timeline.h"

#define ACTION_KEY "ybc-action"

typedef struct {
  JsonNode *json;
  YbItem   *item;
} ItemEntry;

struct _YbcCaseView
{
  GtkWidget         parent_instance;

  /* template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  GtkSpinner       *spinner;
  AdwStatusPage    *error_page;
  GtkScrolledWindow *scroller;
  GtkLabel         *case_no_label;
  GtkLabel         *state_label;
  GtkLabel         *due_badge;
  GtkWidget        *provisional_label;
  GtkLabel         *item_label;
  GtkLabel         *due_label;
  GtkRevealer      *banner_revealer;
  GtkLabel         *banner_label;
  GtkWidget        *actions_group;
  GtkFlowBox       *actions_box;
  GtkLabel         *actions_note;
  GtkListBox       *info_list;
  GtkWidget        *deadlines_group;
  GtkListBox       *deadlines_list;
  GtkWidget        *documents_group;
  GtkListBox       *documents_list;
  GtkListBox       *timeline_list;

  /* borrowed: a dialog is owned by GTK; the pointer is cleared when it goes */
  YbcActionDialog  *dialog;

  /* owned */
  YbcApi           *api;
  YbcUser          *user;
  YbcCase          *kase;
  gint64            case_id;
  GCancellable     *cancellable;
  GCancellable     *item_cancellable;
  GHashTable       *items;          /* "region/code" → ItemEntry* */
  GHashTable       *pdfs;           /* document id (gint64*) → GBytes* */
  char             *error_message;
  char             *pending_action;  /* to open once the case and item are in */
  gint64            pending_document;
  YbcCaseViewState  state;
};

G_DEFINE_FINAL_TYPE (YbcCaseView, ybc_case_view, GTK_TYPE_WIDGET)

enum {
  CASE_LOADED,
  CASE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fill (YbcCaseView *self);
static void start_fetch (YbcCaseView *self, gboolean keep_shown);

/* ------------------------------------------------------------------------- helpers */

static void
item_entry_free (gpointer data)
{
  ItemEntry *entry = data;

  g_clear_pointer (&entry->json, json_node_unref);
  g_clear_pointer (&entry->item, yb_item_free);
  g_free (entry);
}

static char *
item_key (const YbcCase *kase)
{
  return g_strdup_printf ("%s/%s", kase->region_code ? kase->region_code : "", kase->item_code);
}

static ItemEntry *
current_item (YbcCaseView *self)
{
  g_autofree char *key = NULL;

  if (self->kase == NULL)
    return NULL;
  key = item_key (self->kase);
  return g_hash_table_lookup (self->items, key);
}

static const YbItem *
item (YbcCaseView *self)
{
  ItemEntry *entry = current_item (self);

  return entry ? entry->item : NULL;
}

static const char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static const char *
action_name (YbcCaseView *self,
             const char  *id)
{
  return ybc_item_action_name (item (self), id);
}

static const char *
material_set_name (YbcCaseView *self,
                   const char  *id)
{
  return ybc_item_material_set_name (item (self), id);
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
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_list_box_append (list, row);
  return row;
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    {
      if (GTK_IS_LIST_BOX (list))
        gtk_list_box_remove (GTK_LIST_BOX (list), child);
      else
        gtk_flow_box_remove (GTK_FLOW_BOX (list), child);
    }
}

static void
add_fact (GtkListBox *list,
          const char *key,
          const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *key_label = gtk_label_new (key);
  GtkWidget *value_label = new_label (value, NULL);

  gtk_label_set_xalign (GTK_LABEL (key_label), 0.0f);
  gtk_widget_set_valign (key_label, GTK_ALIGN_START);
  gtk_widget_set_size_request (key_label, 104, -1);
  gtk_widget_add_css_class (key_label, "ybc-key");
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_box_append (GTK_BOX (box), key_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL, -1);
  append_row (list, box, key);
}

static void
toast (YbcCaseView *self,
       const char  *message)
{
  AdwToast *item_toast = adw_toast_new (message);

  adw_toast_set_timeout (item_toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, item_toast);
}

static void
show_banner (YbcCaseView *self,
             const char  *message)
{
  gtk_label_set_text (self->banner_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL && *message != '\0');
}

static void
set_state (YbcCaseView      *self,
           YbcCaseViewState  state)
{
  static const char *pages[] = { "empty", "loading", "error", "case" };

  gtk_stack_set_visible_child_name (self->stack, pages[state]);
  gtk_spinner_set_spinning (self->spinner, state == YBC_CASE_VIEW_LOADING);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY,
                               state == YBC_CASE_VIEW_LOADING, -1);
  self->state = state;
}

/* Swaps a CSS class of @widget from a set of classes. */
static void
set_class (GtkWidget         *widget,
           const char * const *classes,
           const char         *wanted)
{
  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  if (wanted != NULL)
    gtk_widget_add_css_class (widget, wanted);
}

/* ------------------------------------------------------------------------- content */

static void
fill_header (YbcCaseView *self)
{
  static const char * const state_classes[] = { "open", "waiting", "closed", NULL };
  static const char * const due_classes[] = { "none", "on_time", "due_soon", "due_today", "overdue", NULL };
  YbcCase *kase = self->kase;
  g_autofree char *item_text = NULL;
  g_autofree char *days = ybc_format_days_left (kase->due_status, kase->working_days_left);
  g_autoptr(GString) due = g_string_new (NULL);

  gtk_label_set_text (self->case_no_label, kase->case_no);
  gtk_label_set_text (self->state_label, kase->state_name);
  set_class (GTK_WIDGET (self->state_label), state_classes, kase->state_kind);

  gtk_label_set_text (self->due_badge, kase->due_label ? kase->due_label : "");
  set_class (GTK_WIDGET (self->due_badge), due_classes, kase->due_status);
  gtk_widget_set_visible (GTK_WIDGET (self->due_badge),
                          kase->due_label != NULL && g_strcmp0 (kase->due_status, "none") != 0);
  gtk_widget_set_visible (self->provisional_label, kase->due_on != NULL && kase->due_provisional);

  item_text = g_strdup_printf ("%s %s", kase->item_code, kase->item_name ? kase->item_name : "");
  gtk_label_set_text (self->item_label, item_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->item_label), kase->item_full_name);

  if (kase->due_on != NULL)
    {
      /* Translators: the due date of a case, then the days left */
      g_string_append_printf (due, _("Due on %s"), kase->due_on);
      if (*days != '\0' && g_strcmp0 (kase->state_kind, "closed") != 0)
        g_string_append_printf (due, _(" · %s"), days);
    }
  else if (g_strcmp0 (kase->state_kind, "closed") == 0)
    g_string_append (due, _("Closed"));
  else if (g_strcmp0 (kase->state_kind, "waiting") == 0)
    g_string_append (due, _("Waiting for the applicant or a third party: no handling time runs meanwhile."));
  else
    g_string_append (due, _("No deadline running yet: the clock starts when the case is accepted."));
  if (kase->due_on != NULL && g_strcmp0 (kase->state_kind, "waiting") == 0)
    g_string_append_printf (due, _(" · %s"), _("waiting for the applicant: the handling clock does not run"));
  gtk_label_set_text (self->due_label, due->str);
}

static void
on_action_clicked (GtkButton   *button,
                   YbcCaseView *self)
{
  ybc_case_view_open_action (self, g_object_get_data (G_OBJECT (button), ACTION_KEY));
}

static void
fill_actions (YbcCaseView *self)
{
  guint allowed = 0, blocked = 0;
  gboolean ready = current_item (self) != NULL;

  clear_list (GTK_WIDGET (self->actions_box));
  for (guint i = 0; i < json_array_get_length (self->kase->options); i++)
    {
      JsonNode *element = json_array_get_element (self->kase->options, i);
      JsonObject *option;
      JsonNode *blocked_by;
      const char *id, *name;
      gboolean is_allowed;
      GtkWidget *button;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      option = json_node_get_object (element);
      id = json_string (option, "action");
      name = json_string (option, "name");
      if (id == NULL)
        continue;
      is_allowed = json_object_get_boolean_member_with_default (option, "allowed", FALSE);
      button = gtk_button_new_with_label (name ? name : id);
      g_object_set_data_full (G_OBJECT (button), ACTION_KEY, g_strdup (id), g_free);
      gtk_widget_add_css_class (button, "pill");
      g_signal_connect (button, "clicked", G_CALLBACK (on_action_clicked), self);

      blocked_by = json_object_get_member (option, "blocked_by");
      if (!is_allowed)
        {
          g_autoptr(GString) why = g_string_new (NULL);

          for (guint j = 0; blocked_by != NULL && JSON_NODE_HOLDS_ARRAY (blocked_by)
                            && j < json_array_get_length (json_node_get_array (blocked_by)); j++)
            {
              JsonNode *problem = json_array_get_element (json_node_get_array (blocked_by), j);
              const char *message = JSON_NODE_HOLDS_OBJECT (problem)
                                    ? json_string (json_node_get_object (problem), "message") : NULL;

              if (message != NULL)
                g_string_append_printf (why, "%s%s", why->len ? "\n" : "", message);
            }
          gtk_widget_set_sensitive (button, FALSE);
          gtk_widget_set_tooltip_text (button, why->str);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why->str, -1);
          blocked++;
        }
      else
        {
          gtk_widget_set_sensitive (button, ready);
          if (allowed == 0)
            gtk_widget_add_css_class (button, "suggested-action");
          allowed++;
        }
      gtk_flow_box_append (self->actions_box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      /* The tooltip also on the flow box child: an insensitive button may not get the
       * pointer's attention, the child holding it does. */
      if (!is_allowed)
        gtk_widget_set_tooltip_text (gtk_widget_get_parent (button), gtk_widget_get_tooltip_text (button));
    }

  gtk_widget_set_visible (self->actions_group, json_array_get_length (self->kase->options) > 0);
  if (blocked > 0 && allowed == 0)
    gtk_label_set_text (self->actions_note, _("You cannot take any of these steps now; point at a step to see why."));
  else if (blocked > 0)
    gtk_label_set_text (self->actions_note, _("Greyed-out steps are not yours to take now; point at one to see why."));
  else
    gtk_label_set_text (self->actions_note, "");
  gtk_widget_set_visible (GTK_WIDGET (self->actions_note), blocked > 0);
}

static void
fill_info (YbcCaseView *self)
{
  YbcCase *kase = self->kase;
  g_autoptr(GString) party = g_string_new (NULL);
  g_autoptr(GString) department = g_string_new (NULL);
  g_autofree char *created_at = ybc_format_timestamp (kase->created_at);
  g_autofree char *created = NULL;

  clear_list (GTK_WIDGET (self->info_list));

  /* Translators: a party's name and kind, e.g. 张三（个人） */
  g_string_append_printf (party, _("%s (%s)"), kase->party_name ? kase->party_name : "",
                          ybc_party_kind_name (kase->party_kind));
  if (kase->party_id_number != NULL && *kase->party_id_number != '\0')
    g_string_append_printf (party, "\n%s %s",
                            g_strcmp0 (kase->party_kind, "person") == 0 ? _("Resident ID") : _("Credit code"),
                            kase->party_id_number);
  if (kase->party_phone != NULL && *kase->party_phone != '\0')
    g_string_append_printf (party, "\n%s %s", _("Mobile phone"), kase->party_phone);
  add_fact (self->info_list, _("Party"), party->str);

  if (kase->material_set != NULL)
    add_fact (self->info_list, _("Case type"), material_set_name (self, kase->material_set));

  g_string_append (department, kase->department_name ? kase->department_name : "");
  if (kase->department_phone != NULL)
    g_string_append_printf (department, "\n%s %s", _("Phone"), kase->department_phone);
  if (kase->supervision_phone != NULL)
    g_string_append_printf (department, "\n%s %s", _("Supervision phone"), kase->supervision_phone);
  add_fact (self->info_list, _("Handling unit"), department->str);

  if (kase->assignee_name != NULL)
    add_fact (self->info_list, _("Assigned to"), kase->assignee_name);
  /* Translators: who created a case, and when */
  created = g_strdup_printf (_("%s · %s"), kase->created_by_name ? kase->created_by_name : "", created_at);
  add_fact (self->info_list, _("Created"), created);
  if (kase->closed_at != NULL)
    {
      g_autofree char *closed = ybc_format_timestamp (kase->closed_at);
      add_fact (self->info_list, _("Closed"), closed);
    }
}

static void
fill_deadlines (YbcCaseView *self)
{
  guint n = json_array_get_length (self->kase->deadlines);

  clear_list (GTK_WIDGET (self->deadlines_list));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (self->kase->deadlines, i);
      JsonObject *deadline;
      g_autoptr(GString) text = g_string_new (NULL);
      const char *stopped;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      deadline = json_node_get_object (element);
      /* Translators: a deadline's start and due dates */
      g_string_append_printf (text, _("From %s, due %s"),
                              json_string (deadline, "started_on") ? json_string (deadline, "started_on") : "",
                              json_string (deadline, "due_on") ? json_string (deadline, "due_on") : "");
      if (json_object_get_boolean_member_with_default (deadline, "provisional", FALSE))
        g_string_append_printf (text, _(" · %s"), _("provisional"));
      stopped = json_string (deadline, "stopped_on");
      if (stopped != NULL)
        {
          g_string_append (text, _(" · "));
          g_string_append_printf (text, _("stopped on %s"), stopped);
        }
      add_fact (self->deadlines_list, json_string (deadline, "name") ? json_string (deadline, "name") : "",
                text->str);
    }
  gtk_widget_set_visible (self->deadlines_group, n > 0);
}

/* ------------------------------------------------------------------------- documents */

typedef enum {
  DOC_PRINT,
  DOC_SAVE,
} DocumentAction;

typedef struct {
  YbcCaseView    *self;
  gint64          id;
  DocumentAction  what;
  char           *title;
  char           *serial;
} DocumentRequest;

static void
document_request_free (DocumentRequest *request)
{
  g_object_unref (request->self);
  g_free (request->title);
  g_free (request->serial);
  g_free (request);
}

static void
on_document_saved (const char   *path,
                   const GError *error,
                   gpointer      user_data)
{
  g_autoptr(YbcCaseView) self = user_data;
  g_autofree char *message = NULL;

  message = error ? g_strdup (error->message) : g_strdup_printf (_("Saved as %s"), path);
  toast (self, message);
}

static void
do_document_action (DocumentRequest *request,
                    GBytes          *pdf)
{
  YbcCaseView *self = request->self;
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autofree char *name = ybc_document_file_name (request->serial, request->title);
  g_autoptr(GError) error = NULL;

  if (request->what == DOC_PRINT)
    {
      g_autofree char *job = g_strdup_printf ("%s %s", request->serial ? request->serial : "",
                                              request->title ? request->title : "");
      if (!ybc_document_print (window, pdf, g_strstrip (job), &error))
        toast (self, error->message);
    }
  else
    ybc_document_save_as (window, pdf, name, on_document_saved, g_object_ref (self));
}

static void
on_pdf_fetched (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DocumentRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = ybc_api_get_document_finish (YBC_API (source), result, &error);

  if (pdf == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (request->self, error->message);
    }
  else
    {
      /* An issued document never changes: keep it for the next print. */
      g_hash_table_insert (request->self->pdfs, g_memdup2 (&request->id, sizeof request->id),
                           g_bytes_ref (pdf));
      do_document_action (request, pdf);
    }
  document_request_free (request);
}

static void
on_document_button (GtkButton   *button,
                    YbcCaseView *self)
{
  JsonObject *document = g_object_get_data (G_OBJECT (button), "ybc-document");
  const char *what = g_object_get_data (G_OBJECT (button), "ybc-what");
  gint64 id = json_object_get_int_member_with_default (document, "id", 0);
  DocumentRequest *request;
  GBytes *cached;

  if (g_str_equal (what, "open"))
    {
      ybc_case_view_open_document (self, id);
      return;
    }
  request = g_new0 (DocumentRequest, 1);
  request->self = g_object_ref (self);
  request->id = id;
  request->what = g_str_equal (what, "print") ? DOC_PRINT : DOC_SAVE;
  request->title = g_strdup (json_string (document, "title"));
  request->serial = g_strdup (json_string (document, "serial"));
  cached = g_hash_table_lookup (self->pdfs, &id);
  if (cached != NULL)
    {
      do_document_action (request, cached);
      document_request_free (request);
      return;
    }
  ybc_api_get_document_async (self->api, id, NULL, on_pdf_fetched, request);
}

static GtkWidget *
document_button (YbcCaseView *self,
                 JsonObject  *document,
                 const char  *what,
                 const char  *icon,
                 const char  *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "ybc-document", json_object_ref (document),
                          (GDestroyNotify) json_object_unref);
  g_object_set_data (G_OBJECT (button), "ybc-what", (gpointer) what);
  g_signal_connect (button, "clicked", G_CALLBACK (on_document_button), self);
  return button;
}

static void
fill_documents (YbcCaseView *self)
{
  guint n = json_array_get_length (self->kase->documents);

  clear_list (GTK_WIDGET (self->documents_list));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (self->kase->documents, i);
      JsonObject *document;
      GtkWidget *box, *text, *buttons;
      g_autofree char *issued = NULL;
      g_autofree char *detail = NULL;
      const char *title, *serial;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      document = json_node_get_object (element);
      title = json_string (document, "title");
      serial = json_string (document, "serial");
      issued = ybc_format_timestamp (json_string (document, "issued_at"));
      /* Translators: a document's serial number and when it was issued */
      detail = g_strdup_printf (_("%s · issued %s"), serial ? serial : "", issued);

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (text), new_label (title ? title : "", "heading"));
      gtk_box_append (GTK_BOX (text), new_label (detail, "dim-label"));
      gtk_box_append (GTK_BOX (box), text);

      buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (buttons), document_button (self, document, "open", "document-open-symbolic", _("_Open")));
      gtk_box_append (GTK_BOX (buttons), document_button (self, document, "print", "printer-symbolic", _("_Print")));
      gtk_box_append (GTK_BOX (buttons), document_button (self, document, "save", "document-save-as-symbolic",
                                                          _("Save as PD_F…")));
      gtk_box_append (GTK_BOX (box), buttons);
      append_row (self->documents_list, box, title);
    }
  gtk_widget_set_visible (self->documents_group, n > 0);
}

static void
fill_timeline (YbcCaseView *self)
{
  ybc_case_timeline_fill (self->timeline_list, self->kase->history, item (self));
}

static void
fill (YbcCaseView *self)
{
  fill_header (self);
  fill_actions (self);
  fill_info (self);
  fill_deadlines (self);
  fill_documents (self);
  fill_timeline (self);
}

/* ------------------------------------------------------------------------- loading */

static void
open_pending (YbcCaseView *self)
{
  g_autofree char *action = NULL;
  gint64 document;

  if (self->kase == NULL || current_item (self) == NULL || self->kase->id != self->case_id)
    return;
  action = g_steal_pointer (&self->pending_action);
  document = self->pending_document;
  self->pending_document = 0;
  if (action != NULL)
    ybc_case_view_open_action (self, action);
  if (document > 0)
    ybc_case_view_open_document (self, document);
}

static void
on_item_fetched (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(YbcCaseView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  YbItem *fetched;
  ItemEntry *entry;

  fetched = ybc_api_get_item_finish (YBC_API (source), result, &json, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->item_cancellable);
  if (fetched == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The item's procedure could not be loaded, so its steps cannot be opened: %s"),
                                                  error->message);
      show_banner (self, message);
      return;
    }
  entry = g_new0 (ItemEntry, 1);
  entry->item = fetched;
  entry->json = g_steal_pointer (&json);
  g_hash_table_insert (self->items, g_strdup_printf ("%s/%s", fetched->region_code ? fetched->region_code : "",
                                                     fetched->code), entry);
  if (self->kase != NULL)
    {
      fill (self);
      open_pending (self);
    }
}

static void
ensure_item (YbcCaseView *self)
{
  const char *region;

  if (current_item (self) != NULL || self->item_cancellable != NULL)
    return;
  region = self->kase->region_code ? self->kase->region_code : self->user->region_code;
  self->item_cancellable = g_cancellable_new ();
  ybc_api_get_item_async (self->api, region, self->kase->item_code, self->item_cancellable,
                          on_item_fetched, g_object_ref (self));
}

static void
take_case (YbcCaseView *self,
           YbcCase     *kase)
{
  gboolean same = self->kase != NULL && self->kase->id == kase->id;

  g_clear_pointer (&self->kase, ybc_case_unref);
  self->kase = ybc_case_ref (kase);
  self->case_id = kase->id;
  fill (self);
  set_state (self, YBC_CASE_VIEW_LOADED);
  ensure_item (self);
  if (!same)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
    }
  if (self->dialog != NULL)
    ybc_action_dialog_set_case (self->dialog, kase);
  g_signal_emit (self, signals[CASE_LOADED], 0, kase);
  open_pending (self);
}

static void
on_case_fetched (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(YbcCaseView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbcCase) kase = NULL;

  kase = ybc_api_get_case_finish (YBC_API (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (kase == NULL)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error->message);
      /* Reloading a case on screen: keep it, say why it is not fresh. */
      if (self->state == YBC_CASE_VIEW_LOADED && self->kase != NULL && self->kase->id == self->case_id)
        show_banner (self, error->message);
      else
        {
          adw_status_page_set_description (self->error_page, error->message);
          set_state (self, YBC_CASE_VIEW_ERROR);
        }
      return;
    }
  g_clear_pointer (&self->error_message, g_free);
  show_banner (self, NULL);
  take_case (self, kase);
}

static void
start_fetch (YbcCaseView *self,
             gboolean     keep_shown)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (!keep_shown)
    set_state (self, YBC_CASE_VIEW_LOADING);
  ybc_api_get_case_async (self->api, self->case_id, self->cancellable, on_case_fetched, g_object_ref (self));
}

static void
on_retry_clicked (YbcCaseView *self)
{
  ybc_case_view_reload (self);
}

static void
on_dialog_done (YbcCaseView *self,
                YbcCase     *kase)
{
  g_autofree char *message = NULL;
  const char *action = self->dialog ? ybc_action_dialog_get_action_id (self->dialog) : NULL;

  message = g_strdup_printf (_("Done: %s. The case is now %s."), action_name (self, action), kase->state_name);
  /* The form closes itself next: it is not to be handed the new case. */
  self->dialog = NULL;
  show_banner (self, NULL);
  take_case (self, kase);
  toast (self, message);
  g_signal_emit (self, signals[CASE_CHANGED], 0, kase);
}

static void
on_dialog_stale (YbcCaseView *self)
{
  start_fetch (self, TRUE);
  g_signal_emit (self, signals[CASE_CHANGED], 0, self->kase);
}

static void
on_dialog_destroyed (YbcCaseView *self,
                     GtkWidget   *dialog)
{
  if (GTK_WIDGET (self->dialog) == dialog)
    self->dialog = NULL;
}

/* ------------------------------------------------------------------------- public API */

GtkWidget *
ybc_case_view_new (void)
{
  return g_object_new (YBC_TYPE_CASE_VIEW, NULL);
}

void
ybc_case_view_setup (YbcCaseView   *self,
                     YbcApi        *api,
                     const YbcUser *user)
{
  g_return_if_fail (YBC_IS_CASE_VIEW (self));
  g_return_if_fail (YBC_IS_API (api));
  g_return_if_fail (user != NULL);

  g_set_object (&self->api, api);
  g_clear_pointer (&self->user, ybc_user_free);
  self->user = ybc_user_copy (user);
}

void
ybc_case_view_load (YbcCaseView *self,
                    gint64       id)
{
  g_return_if_fail (YBC_IS_CASE_VIEW (self));
  g_return_if_fail (self->api != NULL);

  self->case_id = id;
  show_banner (self, NULL);
  start_fetch (self, self->kase != NULL && self->kase->id == id && self->state == YBC_CASE_VIEW_LOADED);
}

void
ybc_case_view_load_and_open (YbcCaseView *self,
                             gint64       id,
                             const char  *action_id,
                             gint64       document_id)
{
  g_return_if_fail (YBC_IS_CASE_VIEW (self));

  g_free (self->pending_action);
  self->pending_action = g_strdup (action_id);
  self->pending_document = document_id;
  ybc_case_view_load (self, id);
}

void
ybc_case_view_show_case (YbcCaseView *self,
                         YbcCase     *kase)
{
  g_return_if_fail (YBC_IS_CASE_VIEW (self));
  g_return_if_fail (kase != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_banner (self, NULL);
  take_case (self, kase);
}

void
ybc_case_view_reload (YbcCaseView *self)
{
  g_return_if_fail (YBC_IS_CASE_VIEW (self));

  if (self->case_id == 0 || self->api == NULL)
    return;
  start_fetch (self, self->state == YBC_CASE_VIEW_LOADED);
}

YbcCaseViewState
ybc_case_view_get_state (YbcCaseView *self)
{
  g_return_val_if_fail (YBC_IS_CASE_VIEW (self), YBC_CASE_VIEW_EMPTY);
  return self->state;
}

YbcCase *
ybc_case_view_get_case (YbcCaseView *self)
{
  g_return_val_if_fail (YBC_IS_CASE_VIEW (self), NULL);
  return self->kase;
}

gboolean
ybc_case_view_get_item_ready (YbcCaseView *self)
{
  g_return_val_if_fail (YBC_IS_CASE_VIEW (self), FALSE);
  return current_item (self) != NULL;
}

const char *
ybc_case_view_get_error_message (YbcCaseView *self)
{
  g_return_val_if_fail (YBC_IS_CASE_VIEW (self), NULL);
  return self->error_message;
}

GtkWidget *
ybc_case_view_get_action_button (YbcCaseView *self,
                                 const char  *action_id)
{
  g_return_val_if_fail (YBC_IS_CASE_VIEW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), ACTION_KEY), action_id) == 0)
        return button;
    }
  return NULL;
}

YbcActionDialog *
ybc_case_view_open_action (YbcCaseView *self,
                           const char  *action_id)
{
  g_autoptr(GError) error = NULL;
  ItemEntry *entry;
  GtkRoot *root;

  g_return_val_if_fail (YBC_IS_CASE_VIEW (self), NULL);
  g_return_val_if_fail (action_id != NULL, NULL);

  entry = current_item (self);
  g_debug ("Form of step %s on case %" G_GINT64_FORMAT "%s", action_id, self->case_id,
           entry == NULL ? ": the item is not loaded yet" : "");
  if (self->kase == NULL || entry == NULL)
    return NULL;
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->dialog = ybc_action_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->api, self->user,
                                        self->kase, entry->json, action_id, &error);
  if (self->dialog == NULL)
    {
      show_banner (self, error->message);
      return NULL;
    }
  g_signal_connect_object (self->dialog, "done", G_CALLBACK (on_dialog_done), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dialog, "stale", G_CALLBACK (on_dialog_stale), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dialog, "destroy", G_CALLBACK (on_dialog_destroyed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->dialog));
  return self->dialog;
}

YbcDocumentWindow *
ybc_case_view_open_document (YbcCaseView *self,
                             gint64       id)
{
  GtkRoot *root;

  g_return_val_if_fail (YBC_IS_CASE_VIEW (self), NULL);

  for (guint i = 0; self->kase != NULL && i < json_array_get_length (self->kase->documents); i++)
    {
      JsonNode *element = json_array_get_element (self->kase->documents, i);
      JsonObject *document;
      YbcDocumentWindow *window;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      document = json_node_get_object (element);
      if (json_object_get_int_member_with_default (document, "id", 0) != id)
        continue;
      root = gtk_widget_get_root (GTK_WIDGET (self));
      window = ybc_document_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->api, id,
                                        json_string (document, "title"), json_string (document, "serial"));
      gtk_window_present (GTK_WINDOW (window));
      return window;
    }
  return NULL;
}

const char *
ybc_case_view_get_banner (YbcCaseView *self)
{
  g_return_val_if_fail (YBC_IS_CASE_VIEW (self), NULL);
  return gtk_revealer_get_reveal_child (self->banner_revealer) ? gtk_label_get_text (self->banner_label) : "";
}

/* ------------------------------------------------------------------------- GObject */

static void
ybc_case_view_dispose (GObject *object)
{
  YbcCaseView *self = YBC_CASE_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->item_cancellable);
  g_clear_object (&self->item_cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), YBC_TYPE_CASE_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ybc_case_view_parent_class)->dispose (object);
}

static void
ybc_case_view_finalize (GObject *object)
{
  YbcCaseView *self = YBC_CASE_VIEW (object);

  g_clear_object (&self->api);
  g_clear_pointer (&self->user, ybc_user_free);
  g_clear_pointer (&self->kase, ybc_case_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->pdfs, g_hash_table_unref);
  g_free (self->error_message);
  g_free (self->pending_action);

  G_OBJECT_CLASS (ybc_case_view_parent_class)->finalize (object);
}

/* The keyboard goes to the first step that can be taken (Enter opens its form). */
static gboolean
ybc_case_view_grab_focus (GtkWidget *widget)
{
  YbcCaseView *self = YBC_CASE_VIEW (widget);

  if (self->actions_box == NULL)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (gtk_widget_get_sensitive (button) && gtk_widget_grab_focus (button))
        return TRUE;
    }
  return gtk_widget_grab_focus (GTK_WIDGET (self->stack));
}

static void
ybc_case_view_class_init (YbcCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ybc_case_view_dispose;
  object_class->finalize = ybc_case_view_finalize;
  widget_class->grab_focus = ybc_case_view_grab_focus;

  /**
   * YbcCaseView::case-loaded:
   * @kase: the case now on display
   */
  signals[CASE_LOADED] =
    g_signal_new ("case-loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, YBC_TYPE_CASE);
  /**
   * YbcCaseView::case-changed:
   * @kase: the case
   *
   * A step was taken on the case here (lists showing it are out of date).
   */
  signals[CASE_CHANGED] =
    g_signal_new ("case-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, YBC_TYPE_CASE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ybc-case-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/yibao/Client/ybc-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, stack);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, spinner);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, error_page);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, scroller);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, case_no_label);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, state_label);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, due_badge);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, provisional_label);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, item_label);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, due_label);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, banner_label);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, actions_group);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, actions_box);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, actions_note);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, info_list);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, deadlines_list);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, documents_group);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, documents_list);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseView, timeline_list);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
}

static void
ybc_case_view_init (YbcCaseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, item_entry_free);
  self->pdfs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_bytes_unref);
  self->state = YBC_CASE_VIEW_EMPTY;
}
