/* ybc-field-editor.c: a form row for one action field. Text-like types (text, resident
 * ID, credit code, mobile, region) are entries; a date is an entry with a calendar
 * popover; money is an entry in yuan, sent as integer fen (yb_fen_parse); integer an
 * entry; choice and user dropdowns; boolean a switch. The editor only converts: the
 * checks themselves are the engine's (yb_procedure_check_action), run by the dialog. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-field-editor.h"

#include <glib/gi18n.h>

#include "yb-calendar.h"
#include "yb-money.h"

struct _YbcFieldEditor
{
  GtkWidget        parent_instance;

  /* widgets */
  GtkWidget       *name_label;
  GtkWidget       *input;           /* GtkEntry, GtkDropDown or GtkSwitch */
  GtkWidget       *calendar_button; /* dates */
  GtkWidget       *calendar;
  GtkWidget       *message_label;

  /* borrowed: the item's procedure */
  const YbField   *field;
  const YbAction  *action;

  /* owned */
  YbcApi          *api;
  GCancellable    *cancellable;
  GPtrArray       *staff;           /* YbcStaff*, in the dropdown's order after "choose" */
  gint64           pending_user;    /* a value set before the staff list arrived */
  gint64           self_id;
  char            *parse_error;
  char            *message;
  gboolean         touched;
  gboolean         setting;
};

G_DEFINE_FINAL_TYPE (YbcFieldEditor, ybc_field_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- helpers */

static void
emit_changed (YbcFieldEditor *self)
{
  if (self->setting)
    return;
  self->touched = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_entry_changed (YbcFieldEditor *self)
{
  emit_changed (self);
}

static void
on_dropdown_selected (YbcFieldEditor *self)
{
  emit_changed (self);
}

static void
on_switch_active (YbcFieldEditor *self)
{
  emit_changed (self);
}

static void
on_day_selected (YbcFieldEditor *self,
                 GtkCalendar    *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->input), text);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
  gtk_widget_grab_focus (self->input);
}

/* Opening the calendar at the typed date, or today. */
static void
on_calendar_show (YbcFieldEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->input));
  GDate date;

  if (yb_date_parse_iso (text, &date))
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                                         g_date_get_day (&date), 0, 0, 0);
      gtk_calendar_select_day (GTK_CALENDAR (self->calendar), when);
    }
}

static GtkWidget *
new_date_input (YbcFieldEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *popover = gtk_popover_new ();

  self->input = gtk_entry_new ();
  /* Translators: how a date is typed; keep the digits' pattern */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->input), _("YYYY-MM-DD"));
  gtk_entry_set_max_length (GTK_ENTRY (self->input), 10);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->input), 12);
  gtk_widget_set_hexpand (self->input, TRUE);

  self->calendar = gtk_calendar_new ();
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (on_day_selected), self,
                           G_CONNECT_SWAPPED);
  gtk_popover_set_child (GTK_POPOVER (popover), self->calendar);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_calendar_show), self, G_CONNECT_SWAPPED);

  self->calendar_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->calendar_button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->calendar_button), popover);
  gtk_widget_set_tooltip_text (self->calendar_button, _("Pick a date"));

  gtk_widget_add_css_class (box, "linked");
  gtk_box_append (GTK_BOX (box), self->input);
  gtk_box_append (GTK_BOX (box), self->calendar_button);
  return box;
}

static GtkWidget *
new_money_input (YbcFieldEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *unit = gtk_label_new (_("yuan"));

  self->input = gtk_entry_new ();
  gtk_entry_set_input_purpose (GTK_ENTRY (self->input), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->input), "0.00");
  gtk_entry_set_alignment (GTK_ENTRY (self->input), 1.0f);
  gtk_widget_set_hexpand (self->input, TRUE);
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_box_append (GTK_BOX (box), self->input);
  gtk_box_append (GTK_BOX (box), unit);
  return box;
}

static GtkWidget *
new_dropdown (YbcFieldEditor *self,
              GtkStringList  *strings)
{
  /* gtk_drop_down_new takes the model's reference; the caller keeps its own. */
  self->input = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (strings)), NULL);
  gtk_widget_set_hexpand (self->input, TRUE);
  g_signal_connect_object (self->input, "notify::selected", G_CALLBACK (on_dropdown_selected), self,
                           G_CONNECT_SWAPPED);
  return self->input;
}

static gboolean
staff_holds_action_role (const YbcStaff *staff,
                         const YbAction *action)
{
  for (guint i = 0; action->roles != NULL && action->roles[i] != NULL; i++)
    if (staff->roles != NULL && g_strv_contains ((const char * const *) staff->roles, action->roles[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_second_officer (YbcFieldEditor *self)
{
  return g_strcmp0 (self->field->id, "second_officer") == 0;
}

static void
select_user (YbcFieldEditor *self,
             gint64          id)
{
  guint position = 0;

  for (guint i = 0; self->staff != NULL && i < self->staff->len; i++)
    if (((YbcStaff *) g_ptr_array_index (self->staff, i))->id == id)
      position = i + 1;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input), position);
}

static void
on_staff_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(YbcFieldEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GtkStringList) strings = NULL;

  staff = ybc_api_list_users_finish (YBC_API (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (staff == NULL)
    {
      ybc_field_editor_set_message (self, error->message);
      return;
    }

  g_clear_pointer (&self->staff, g_ptr_array_unref);
  self->staff = g_ptr_array_new_with_free_func ((GDestroyNotify) ybc_staff_free);
  strings = gtk_string_list_new (NULL);
  gtk_string_list_append (strings, _("Choose…"));
  for (guint i = 0; i < staff->len; i++)
    {
      YbcStaff *person = g_ptr_array_index (staff, i);
      g_autofree char *text = NULL;

      /* A second officer holds the action's role and is not the user. */
      if (is_second_officer (self)
          && (person->id == self->self_id || !staff_holds_action_role (person, self->action)))
        continue;
      if (person->department != NULL && *person->department != '\0')
        /* Translators: a staff member in a picker: name (department) */
        text = g_strdup_printf (_("%s (%s)"), person->display_name, person->department);
      else
        text = g_strdup (person->display_name);
      gtk_string_list_append (strings, text);
      g_ptr_array_add (self->staff, g_ptr_array_steal_index (staff, i));
      i--;
    }

  self->setting = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->input), G_LIST_MODEL (strings));
  select_user (self, self->pending_user);
  self->setting = FALSE;
  gtk_widget_set_sensitive (self->input, TRUE);
}

static GtkWidget *
new_user_input (YbcFieldEditor *self)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  const char *role = NULL;

  gtk_string_list_append (strings, _("Loading…"));
  new_dropdown (self, strings);
  gtk_widget_set_sensitive (self->input, FALSE);

  /* One role asks the server for just those; otherwise everyone, filtered here. */
  if (is_second_officer (self) && self->action->roles != NULL && self->action->roles[0] != NULL
      && self->action->roles[1] == NULL)
    role = self->action->roles[0];
  self->cancellable = g_cancellable_new ();
  ybc_api_list_users_async (self->api, role, self->cancellable, on_staff_loaded, g_object_ref (self));
  return self->input;
}

static GtkWidget *
build_input (YbcFieldEditor *self)
{
  switch (self->field->type)
    {
    case YB_FIELD_DATE:
      return new_date_input (self);
    case YB_FIELD_MONEY:
      return new_money_input (self);
    case YB_FIELD_CHOICE:
      {
        g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

        gtk_string_list_append (strings, _("Choose…"));
        for (guint i = 0; self->field->options != NULL && self->field->options[i] != NULL; i++)
          gtk_string_list_append (strings, self->field->options[i]);
        return new_dropdown (self, strings);
      }
    case YB_FIELD_USER:
      return new_user_input (self);
    case YB_FIELD_BOOLEAN:
      self->input = gtk_switch_new ();
      gtk_widget_set_valign (self->input, GTK_ALIGN_CENTER);
      gtk_widget_set_halign (self->input, GTK_ALIGN_END);
      g_signal_connect_object (self->input, "notify::active", G_CALLBACK (on_switch_active), self,
                               G_CONNECT_SWAPPED);
      return self->input;
    case YB_FIELD_MOBILE:
      self->input = gtk_entry_new ();
      gtk_entry_set_input_purpose (GTK_ENTRY (self->input), GTK_INPUT_PURPOSE_PHONE);
      gtk_entry_set_max_length (GTK_ENTRY (self->input), 20);
      return self->input;
    case YB_FIELD_INTEGER:
    case YB_FIELD_REGION:
      self->input = gtk_entry_new ();
      gtk_entry_set_input_purpose (GTK_ENTRY (self->input), GTK_INPUT_PURPOSE_DIGITS);
      return self->input;
    case YB_FIELD_RESIDENT_ID:
    case YB_FIELD_CREDIT_CODE:
      self->input = gtk_entry_new ();
      gtk_entry_set_max_length (GTK_ENTRY (self->input), 24);
      gtk_widget_add_css_class (self->input, "ybc-code-entry");
      return self->input;
    case YB_FIELD_TEXT:
    default:
      self->input = gtk_entry_new ();
      return self->input;
    }
}

static char *
entry_text (YbcFieldEditor *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->input))));
}

/* ------------------------------------------------------------------------- public API */

YbcFieldEditor *
ybc_field_editor_new (const YbField  *field,
                      const YbAction *action,
                      YbcApi         *api,
                      gint64          self_id)
{
  YbcFieldEditor *self;
  GtkWidget *header;
  GtkWidget *input_row;
  GtkWidget *required;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (action != NULL, NULL);
  g_return_val_if_fail (YBC_IS_API (api), NULL);

  self = g_object_new (YBC_TYPE_FIELD_EDITOR, NULL);
  self->field = field;
  self->action = action;
  self->api = g_object_ref (api);
  self->self_id = self_id;

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  self->name_label = gtk_label_new (field->name);
  gtk_label_set_xalign (GTK_LABEL (self->name_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (self->name_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->name_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (self->name_label, TRUE);
  gtk_widget_add_css_class (self->name_label, "ybc-field-name");
  if (field->required)
    {
      required = gtk_label_new ("*");
      gtk_widget_add_css_class (required, "ybc-required");
      gtk_widget_set_tooltip_text (required, _("Required"));
      gtk_widget_set_valign (required, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (header), required);
    }
  gtk_box_append (GTK_BOX (header), self->name_label);

  input_row = build_input (self);
  gtk_label_set_mnemonic_widget (GTK_LABEL (self->name_label), self->input);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->input),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->name_label, NULL,
                                  -1);
  if (GTK_IS_ENTRY (self->input))
    {
      g_signal_connect_object (self->input, "changed", G_CALLBACK (on_entry_changed), self,
                               G_CONNECT_SWAPPED);
      /* Enter submits the form (the dialog's default button). */
      gtk_entry_set_activates_default (GTK_ENTRY (self->input), TRUE);
    }

  self->message_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->message_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->message_label, "ybc-field-error");
  gtk_widget_set_visible (self->message_label, FALSE);

  if (field->type == YB_FIELD_BOOLEAN)
    {
      /* Name and switch on one line. */
      gtk_box_append (GTK_BOX (header), input_row);
      gtk_widget_set_parent (header, GTK_WIDGET (self));
    }
  else
    {
      gtk_widget_set_parent (header, GTK_WIDGET (self));
      gtk_widget_set_parent (input_row, GTK_WIDGET (self));
    }
  gtk_widget_set_parent (self->message_label, GTK_WIDGET (self));
  return self;
}

const YbField *
ybc_field_editor_get_field (YbcFieldEditor *self)
{
  g_return_val_if_fail (YBC_IS_FIELD_EDITOR (self), NULL);
  return self->field;
}

const char *
ybc_field_editor_get_id (YbcFieldEditor *self)
{
  g_return_val_if_fail (YBC_IS_FIELD_EDITOR (self), NULL);
  return self->field->id;
}

JsonNode *
ybc_field_editor_dup_value (YbcFieldEditor *self)
{
  g_autofree char *text = NULL;
  guint selected;

  g_return_val_if_fail (YBC_IS_FIELD_EDITOR (self), NULL);

  g_clear_pointer (&self->parse_error, g_free);
  switch (self->field->type)
    {
    case YB_FIELD_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (GTK_SWITCH (self->input)));

    case YB_FIELD_CHOICE:
      selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->input));
      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        return NULL;
      return json_node_init_string (json_node_alloc (), self->field->options[selected - 1]);

    case YB_FIELD_USER:
      selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->input));
      if (self->staff == NULL)
        return self->pending_user > 0 ? json_node_init_int (json_node_alloc (), self->pending_user) : NULL;
      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->staff->len)
        return NULL;
      return json_node_init_int (json_node_alloc (),
                                 ((YbcStaff *) g_ptr_array_index (self->staff, selected - 1))->id);

    case YB_FIELD_MONEY:
      {
        g_autoptr(GError) error = NULL;
        YbFen fen = 0;

        text = entry_text (self);
        if (*text == '\0')
          return NULL;
        if (!yb_fen_parse (text, &fen, &error))
          {
            self->parse_error = g_strdup_printf (_("%s: %s"), self->field->name, error->message);
            return NULL;
          }
        return json_node_init_int (json_node_alloc (), fen);
      }

    case YB_FIELD_INTEGER:
      {
        gint64 number;

        text = entry_text (self);
        if (*text == '\0')
          return NULL;
        if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
          {
            self->parse_error = g_strdup_printf (_("%s should be a whole number"), self->field->name);
            return NULL;
          }
        return json_node_init_int (json_node_alloc (), number);
      }

    case YB_FIELD_TEXT:
    case YB_FIELD_RESIDENT_ID:
    case YB_FIELD_CREDIT_CODE:
    case YB_FIELD_MOBILE:
    case YB_FIELD_REGION:
    case YB_FIELD_DATE:
    default:
      text = entry_text (self);
      if (*text == '\0')
        return NULL;
      return json_node_init_string (json_node_alloc (), text);
    }
}

const char *
ybc_field_editor_get_parse_error (YbcFieldEditor *self)
{
  g_return_val_if_fail (YBC_IS_FIELD_EDITOR (self), NULL);
  return self->parse_error;
}

void
ybc_field_editor_set_value (YbcFieldEditor *self,
                            JsonNode       *value)
{
  gboolean has_value;

  g_return_if_fail (YBC_IS_FIELD_EDITOR (self));

  has_value = value != NULL && JSON_NODE_HOLDS_VALUE (value);
  self->setting = TRUE;
  switch (self->field->type)
    {
    case YB_FIELD_BOOLEAN:
      gtk_switch_set_active (GTK_SWITCH (self->input),
                             has_value && json_node_get_value_type (value) == G_TYPE_BOOLEAN
                             && json_node_get_boolean (value));
      break;

    case YB_FIELD_CHOICE:
      {
        guint position = 0;

        for (guint i = 0; has_value && self->field->options != NULL && self->field->options[i] != NULL; i++)
          if (json_node_get_value_type (value) == G_TYPE_STRING
              && g_strcmp0 (json_node_get_string (value), self->field->options[i]) == 0)
            position = i + 1;
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input), position);
      }
      break;

    case YB_FIELD_USER:
      self->pending_user = has_value && json_node_get_value_type (value) == G_TYPE_INT64
                           ? json_node_get_int (value) : 0;
      if (self->staff != NULL)
        select_user (self, self->pending_user);
      break;

    case YB_FIELD_MONEY:
      if (has_value && json_node_get_value_type (value) == G_TYPE_INT64)
        {
          g_autofree char *yuan = yb_fen_format (json_node_get_int (value), FALSE);
          gtk_editable_set_text (GTK_EDITABLE (self->input), yuan);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (self->input), "");
      break;

    case YB_FIELD_INTEGER:
      if (has_value && json_node_get_value_type (value) == G_TYPE_INT64)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
          gtk_editable_set_text (GTK_EDITABLE (self->input), number);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (self->input), "");
      break;

    case YB_FIELD_TEXT:
    case YB_FIELD_RESIDENT_ID:
    case YB_FIELD_CREDIT_CODE:
    case YB_FIELD_MOBILE:
    case YB_FIELD_REGION:
    case YB_FIELD_DATE:
    default:
      gtk_editable_set_text (GTK_EDITABLE (self->input),
                             has_value && json_node_get_value_type (value) == G_TYPE_STRING
                             ? json_node_get_string (value) : "");
      break;
    }
  self->setting = FALSE;
}

GtkWidget *
ybc_field_editor_get_input (YbcFieldEditor *self)
{
  g_return_val_if_fail (YBC_IS_FIELD_EDITOR (self), NULL);
  return self->input;
}

void
ybc_field_editor_set_message (YbcFieldEditor *self,
                              const char     *message)
{
  gboolean has_message;

  g_return_if_fail (YBC_IS_FIELD_EDITOR (self));

  has_message = message != NULL && *message != '\0';
  if (g_strcmp0 (self->message, has_message ? message : NULL) == 0)
    return;
  g_free (self->message);
  self->message = has_message ? g_strdup (message) : NULL;
  gtk_label_set_text (GTK_LABEL (self->message_label), has_message ? message : "");
  gtk_widget_set_visible (self->message_label, has_message);
  if (has_message)
    gtk_widget_add_css_class (self->input, "error");
  else
    gtk_widget_remove_css_class (self->input, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->input),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               has_message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

const char *
ybc_field_editor_get_message (YbcFieldEditor *self)
{
  g_return_val_if_fail (YBC_IS_FIELD_EDITOR (self), NULL);
  return self->message;
}

gboolean
ybc_field_editor_get_touched (YbcFieldEditor *self)
{
  g_return_val_if_fail (YBC_IS_FIELD_EDITOR (self), FALSE);
  return self->touched;
}

void
ybc_field_editor_focus (YbcFieldEditor *self)
{
  g_return_if_fail (YBC_IS_FIELD_EDITOR (self));
  gtk_widget_grab_focus (self->input);
}

char *
ybc_field_format_value (const YbField *field,
                        JsonNode      *value)
{
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return g_strdup ("");
  switch (field != NULL ? field->type : YB_FIELD_TEXT)
    {
    case YB_FIELD_MONEY:
      if (json_node_get_value_type (value) == G_TYPE_INT64)
        {
          g_autofree char *yuan = yb_fen_format (json_node_get_int (value), TRUE);
          /* Translators: an amount of money in yuan */
          return g_strdup_printf (_("%s yuan"), yuan);
        }
      break;
    case YB_FIELD_BOOLEAN:
    default:
      break;
    }
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%g", json_node_get_double (value));
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (value));
    default:
      return g_strdup ("");
    }
}

/* ------------------------------------------------------------------------- GObject */

static void
ybc_field_editor_dispose (GObject *object)
{
  YbcFieldEditor *self = YBC_FIELD_EDITOR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ybc_field_editor_parent_class)->dispose (object);
}

static void
ybc_field_editor_finalize (GObject *object)
{
  YbcFieldEditor *self = YBC_FIELD_EDITOR (object);

  g_clear_object (&self->api);
  g_clear_pointer (&self->staff, g_ptr_array_unref);
  g_free (self->parse_error);
  g_free (self->message);

  G_OBJECT_CLASS (ybc_field_editor_parent_class)->finalize (object);
}

static gboolean
ybc_field_editor_grab_focus (GtkWidget *widget)
{
  YbcFieldEditor *self = YBC_FIELD_EDITOR (widget);

  return self->input != NULL && gtk_widget_grab_focus (self->input);
}

static void
ybc_field_editor_class_init (YbcFieldEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ybc_field_editor_dispose;
  object_class->finalize = ybc_field_editor_finalize;
  widget_class->grab_focus = ybc_field_editor_grab_focus;

  /**
   * YbcFieldEditor::changed:
   *
   * The user changed the value (not emitted for ybc_field_editor_set_value).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "ybc-field-editor");
}

static void
ybc_field_editor_init (YbcFieldEditor *self)
{
  GtkLayoutManager *layout = gtk_box_layout_new (GTK_ORIENTATION_VERTICAL);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_set_layout_manager (GTK_WIDGET (self), layout);
}
