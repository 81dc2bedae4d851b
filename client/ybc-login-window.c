/* ybc-login-window.c: the login form. Checks what it can before asking the server
 * (empty fields, a malformed address), keeps the window responsive while the request is
 * in flight, and shows the server's verdict in place: the problem's message in the
 * banner, and each message that names a field under that field. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-login-window.h"

#include <glib/gi18n.h>

struct _YbcLoginWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  GtkRevealer          *banner_revealer;
  GtkWidget            *banner;
  GtkImage             *banner_icon;
  GtkLabel             *banner_label;
  GtkLabel             *request_id_label;
  GtkEntry             *server_entry;
  GtkLabel             *server_error;
  GtkEntry             *username_entry;
  GtkLabel             *username_error;
  GtkPasswordEntry     *password_entry;
  GtkLabel             *password_error;
  GtkButton            *login_button;
  GtkSpinner           *spinner;
  GtkLabel             *login_label;

  /* owned */
  YbcApi               *api;
  GCancellable         *cancellable;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (YbcLoginWindow, ybc_login_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_API,
  PROP_BUSY,
  N_PROPS
};

enum {
  LOGGED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- helpers */

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

  gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               has_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
hide_banner (YbcLoginWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  gtk_label_set_text (self->banner_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->request_id_label), FALSE);
}

static void
clear_errors (YbcLoginWindow *self)
{
  hide_banner (self);
  set_field_error (GTK_WIDGET (self->server_entry), self->server_error, NULL);
  set_field_error (GTK_WIDGET (self->username_entry), self->username_error, NULL);
  set_field_error (GTK_WIDGET (self->password_entry), self->password_error, NULL);
}

static void
set_busy (YbcLoginWindow *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;

  gtk_widget_set_sensitive (GTK_WIDGET (self->login_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_label_set_text_with_mnemonic (self->login_label, busy ? _("Logging in…") : _("_Log In"));
  gtk_editable_set_editable (GTK_EDITABLE (self->server_entry), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->username_entry), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_entry), !busy);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->login_button),
                               GTK_ACCESSIBLE_STATE_BUSY, busy,
                               -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
focus_password (YbcLoginWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->password_entry), 0, -1);
}

/* Shows a failed login: field messages at their fields, the rest in the banner. */
static void
show_error (YbcLoginWindow *self,
            const GError   *error)
{
  static const char * const known_fields[] = { "username", "password", "server", NULL };
  const YbProblems *problems = ybc_api_error_get_problems (error);
  g_autofree char *username_message = ybc_api_error_dup_field_message (error, "username");
  g_autofree char *password_message = ybc_api_error_dup_field_message (error, "password");
  g_autoptr(GString) banner = g_string_new (NULL);
  const char *request_id = ybc_api_error_get_request_id (error);

  set_field_error (GTK_WIDGET (self->username_entry), self->username_error, username_message);
  set_field_error (GTK_WIDGET (self->password_entry), self->password_error, password_message);

  if (problems != NULL && !yb_problems_is_empty (problems))
    {
      const char *title = ybc_api_error_get_title (error);
      guint unplaced = 0;

      /* Everything the fields do not show goes into the banner, so nothing is lost. */
      g_string_append (banner, title != NULL && *title != '\0' ? title : _("The request was not valid"));
      for (guint i = 0; i < yb_problems_get_len (problems); i++)
        {
          const YbProblem *problem = yb_problems_get (problems, i);

          if (problem->field != NULL
              && g_strv_contains (known_fields, problem->field))
            continue;
          if (unplaced++ == 0)
            g_string_append_printf (banner, _(": %s"), problem->message);
          else
            g_string_append_printf (banner, _("; %s"), problem->message);
        }
    }
  else
    g_string_append (banner, error->message);

  ybc_login_window_show_message (self, banner->str, TRUE);

  if (request_id != NULL && *request_id != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Request ID: %s"), request_id);

      gtk_label_set_text (self->request_id_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->request_id_label), TRUE);
    }

  if (username_message != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->username_entry));
  else
    focus_password (self);
}

/* ------------------------------------------------------------------------- callbacks */

static void
on_login_finished (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(YbcLoginWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbcUser) user = NULL;

  user = ybc_api_login_finish (YBC_API (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  g_clear_object (&self->cancellable);

  if (user == NULL)
    {
      g_debug ("Login failed: %s", error->message);
      show_error (self, error);
      return;
    }

  /* The password has done its job; do not keep it in a widget. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  g_signal_emit (self, signals[LOGGED_IN], 0, user);
}

static void
on_login_clicked (YbcLoginWindow *self)
{
  ybc_login_window_submit (self);
}

static void
on_entry_activate (YbcLoginWindow *self)
{
  ybc_login_window_submit (self);
}

static void
on_server_changed (YbcLoginWindow *self)
{
  set_field_error (GTK_WIDGET (self->server_entry), self->server_error, NULL);
}

static void
on_username_changed (YbcLoginWindow *self)
{
  set_field_error (GTK_WIDGET (self->username_entry), self->username_error, NULL);
}

static void
on_password_changed (YbcLoginWindow *self)
{
  set_field_error (GTK_WIDGET (self->password_entry), self->password_error, NULL);
}

/* ------------------------------------------------------------------------- public API */

YbcLoginWindow *
ybc_login_window_new (GtkApplication *application,
                      YbcApi         *api)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (YBC_IS_API (api), NULL);

  return g_object_new (YBC_TYPE_LOGIN_WINDOW,
                       "application", application,
                       "api", api,
                       NULL);
}

void
ybc_login_window_set_server_url (YbcLoginWindow *self,
                                 const char     *url)
{
  g_return_if_fail (YBC_IS_LOGIN_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->server_entry), url ? url : "");
}

const char *
ybc_login_window_get_server_url (YbcLoginWindow *self)
{
  g_return_val_if_fail (YBC_IS_LOGIN_WINDOW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->server_entry));
}

void
ybc_login_window_set_username (YbcLoginWindow *self,
                               const char     *username)
{
  g_return_if_fail (YBC_IS_LOGIN_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->username_entry), username ? username : "");
}

const char *
ybc_login_window_get_username (YbcLoginWindow *self)
{
  g_return_val_if_fail (YBC_IS_LOGIN_WINDOW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->username_entry));
}

void
ybc_login_window_set_password (YbcLoginWindow *self,
                               const char     *password)
{
  g_return_if_fail (YBC_IS_LOGIN_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), password ? password : "");
}

gboolean
ybc_login_window_get_busy (YbcLoginWindow *self)
{
  g_return_val_if_fail (YBC_IS_LOGIN_WINDOW (self), FALSE);
  return self->busy;
}

void
ybc_login_window_focus_first_empty (YbcLoginWindow *self)
{
  g_return_if_fail (YBC_IS_LOGIN_WINDOW (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->server_entry)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->server_entry));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->username_entry)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->username_entry));
  else
    focus_password (self);
}

void
ybc_login_window_show_message (YbcLoginWindow *self,
                               const char     *message,
                               gboolean        is_error)
{
  g_return_if_fail (YBC_IS_LOGIN_WINDOW (self));

  if (message == NULL || *message == '\0')
    {
      hide_banner (self);
      return;
    }

  gtk_label_set_text (self->banner_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->request_id_label), FALSE);
  gtk_image_set_from_icon_name (self->banner_icon,
                                is_error ? "dialog-error-symbolic" : "dialog-information-symbolic");
  if (is_error)
    gtk_widget_remove_css_class (self->banner, "info");
  else
    gtk_widget_add_css_class (self->banner, "info");
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);

  /* Screen readers announce the banner as an alert. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->banner_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

const char *
ybc_login_window_get_message (YbcLoginWindow *self)
{
  g_return_val_if_fail (YBC_IS_LOGIN_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;
  return gtk_label_get_text (self->banner_label);
}

void
ybc_login_window_submit (YbcLoginWindow *self)
{
  g_autofree char *username = NULL;
  g_autofree char *server_url = NULL;
  g_autoptr(GError) error = NULL;
  const char *password;
  GtkWidget *first_bad = NULL;

  g_return_if_fail (YBC_IS_LOGIN_WINDOW (self));

  if (self->busy)
    return;

  clear_errors (self);

  server_url = ybc_api_normalize_base_url (gtk_editable_get_text (GTK_EDITABLE (self->server_entry)),
                                           &error);
  if (server_url == NULL)
    {
      set_field_error (GTK_WIDGET (self->server_entry), self->server_error, error->message);
      first_bad = GTK_WIDGET (self->server_entry);
    }

  username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_entry))));
  if (*username == '\0')
    {
      set_field_error (GTK_WIDGET (self->username_entry), self->username_error,
                       _("Enter your user name"));
      if (first_bad == NULL)
        first_bad = GTK_WIDGET (self->username_entry);
    }

  password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
  if (*password == '\0')
    {
      set_field_error (GTK_WIDGET (self->password_entry), self->password_error,
                       _("Enter your password"));
      if (first_bad == NULL)
        first_bad = GTK_WIDGET (self->password_entry);
    }

  if (first_bad != NULL)
    {
      gtk_widget_grab_focus (first_bad);
      return;
    }

  /* Normalised, so that what is remembered is what worked. */
  gtk_editable_set_text (GTK_EDITABLE (self->server_entry), server_url);
  if (!ybc_api_set_base_url (self->api, server_url, &error))
    {
      set_field_error (GTK_WIDGET (self->server_entry), self->server_error, error->message);
      return;
    }

  set_busy (self, TRUE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  ybc_api_login_async (self->api, username, password, self->cancellable,
                       on_login_finished, g_object_ref (self));
}

/* ------------------------------------------------------------------------- GObject */

static void
ybc_login_window_dispose (GObject *object)
{
  YbcLoginWindow *self = YBC_LOGIN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->api);

  gtk_widget_dispose_template (GTK_WIDGET (self), YBC_TYPE_LOGIN_WINDOW);

  G_OBJECT_CLASS (ybc_login_window_parent_class)->dispose (object);
}

static void
ybc_login_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YbcLoginWindow *self = YBC_LOGIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_API:
      g_value_set_object (value, self->api);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ybc_login_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  YbcLoginWindow *self = YBC_LOGIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_API:
      g_set_object (&self->api, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ybc_login_window_class_init (YbcLoginWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ybc_login_window_dispose;
  object_class->get_property = ybc_login_window_get_property;
  object_class->set_property = ybc_login_window_set_property;

  properties[PROP_API] =
    g_param_spec_object ("api", NULL, NULL,
                         YBC_TYPE_API,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * YbcLoginWindow::logged-in:
   * @user: the user the server answered with
   *
   * The server accepted the credentials; the API now holds the session's token.
   */
  signals[LOGGED_IN] =
    g_signal_new ("logged-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, YBC_TYPE_USER | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/yibao/Client/ybc-login-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, request_id_label);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, server_entry);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, server_error);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, username_entry);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, username_error);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, password_entry);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, password_error);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, login_button);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, YbcLoginWindow, login_label);
  gtk_widget_class_bind_template_callback (widget_class, on_login_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_username_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
}

static void
ybc_login_window_init (YbcLoginWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
