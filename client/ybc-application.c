/* ybc-application.c: the application. Owns the one YbcApi (server URL and session
 * token), handles the command line (--server, --user, --password-file, and what to show:
 * --item, --view, --case with --action or --document; given to a running client these
 * are forwarded to it, as a launcher or a link would), sets the accelerators, and
 * switches between the login window and the main window: after a login, on logout, and
 * when the server says the session is over. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-application.h"

#include <glib/gi18n.h>

#define LOGOUT_GRACE_SECONDS 3

struct _YbcApplication
{
  AdwApplication  parent_instance;

  /* owned */
  GSettings      *settings;
  YbcApi         *api;
  char           *cli_server;
  char           *cli_user;
  char           *cli_password;
  char           *cli_item;
  char           *cli_view;
  gint64          cli_case;
  char           *cli_action;
  gint64          cli_document;

  /* borrowed: the application holds its windows */
  YbcLoginWindow *login_window;
  YbcMainWindow  *main_window;
};

G_DEFINE_FINAL_TYPE (YbcApplication, ybc_application, ADW_TYPE_APPLICATION)

static void show_login (YbcApplication *self, const char *message, gboolean is_error);

/* ------------------------------------------------------------------------- helpers */

static void
forget_password (YbcApplication *self)
{
  if (self->cli_password != NULL)
    {
      memset (self->cli_password, 0, strlen (self->cli_password));
      g_clear_pointer (&self->cli_password, g_free);
    }
}

static void
update_actions (YbcApplication *self)
{
  GAction *logout = g_action_map_lookup_action (G_ACTION_MAP (self), "logout");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (logout), self->main_window != NULL);
}

/* The password file holds the password on its first line. */
static char *
read_password_file (GFile   *file,
                    GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  char *newline;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  newline = strpbrk (contents, "\r\n");
  if (newline != NULL)
    *newline = '\0';
  if (*contents == '\0' || !g_utf8_validate (contents, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("the first line is empty or not UTF-8 text"));
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/* Telling the server the session is over, without keeping the user waiting: the windows
 * go at once, the application stays alive (held) until the answer or the grace period. */
typedef struct {
  GApplication *application;
  GCancellable *cancellable;
  guint         timeout_id;
} EndSession;

static gboolean
on_end_session_timeout (gpointer user_data)
{
  EndSession *end = user_data;

  end->timeout_id = 0;
  g_cancellable_cancel (end->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_end_session_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  EndSession *end = user_data;
  g_autoptr(GError) error = NULL;

  if (!ybc_api_logout_finish (YBC_API (source), result, &error))
    g_debug ("Logout not confirmed by the server: %s", error->message);
  g_clear_handle_id (&end->timeout_id, g_source_remove);
  g_application_release (end->application);
  g_object_unref (end->application);
  g_object_unref (end->cancellable);
  g_free (end);
}

static void
end_session (YbcApplication *self)
{
  EndSession *end;

  if (ybc_api_get_token (self->api) == NULL)
    return;
  end = g_new0 (EndSession, 1);
  end->application = g_object_ref (G_APPLICATION (self));
  end->cancellable = g_cancellable_new ();
  end->timeout_id = g_timeout_add_seconds (LOGOUT_GRACE_SECONDS, on_end_session_timeout, end);
  g_application_hold (end->application);
  ybc_api_logout_async (self->api, end->cancellable, on_end_session_done, end);
}

static void
close_main_window (YbcApplication *self)
{
  YbcMainWindow *window = self->main_window;

  if (window == NULL)
    return;
  self->main_window = NULL;
  ybc_main_window_save_state (window);
  gtk_window_destroy (GTK_WINDOW (window));
  update_actions (self);
}

/* What the command line asked to show, once the main window is there: an item, a view,
 * a case (and on it a step's form or a document). */
static void
apply_cli_requests (YbcApplication *self)
{
  YbcMainWindow *window = self->main_window;

  if (window == NULL)
    return;
  if (self->cli_item != NULL)
    {
      ybc_main_window_select_item (window, self->cli_item);
      g_clear_pointer (&self->cli_item, g_free);
    }
  if (self->cli_case > 0)
    {
      ybc_main_window_open_case_with (window, self->cli_case, self->cli_action, self->cli_document);
      self->cli_case = 0;
      self->cli_document = 0;
      g_clear_pointer (&self->cli_action, g_free);
    }
  if (self->cli_view != NULL)
    {
      ybc_main_window_show_view (window, self->cli_view);
      g_clear_pointer (&self->cli_view, g_free);
    }
}

/* ------------------------------------------------------------------------- callbacks */

static gboolean
on_main_window_close_request (YbcApplication *self,
                              GtkWindow      *window)
{
  /* Closing the window ends the work: end the session too. */
  if (GTK_WINDOW (self->main_window) == window)
    {
      self->main_window = NULL;
      end_session (self);
      update_actions (self);
    }
  return FALSE;
}

static void
on_window_destroyed (YbcApplication *self,
                     GtkWidget      *window)
{
  if (GTK_WIDGET (self->login_window) == window)
    self->login_window = NULL;
  if (GTK_WIDGET (self->main_window) == window)
    self->main_window = NULL;
  update_actions (self);
}

static void
on_logged_in (YbcApplication *self,
              const YbcUser  *user,
              YbcLoginWindow *login_window)
{
  YbcMainWindow *window;

  g_settings_set_string (self->settings, "server-url", ybc_api_get_base_url (self->api));
  g_settings_set_string (self->settings, "last-username", user->username);

  window = ybc_main_window_new (GTK_APPLICATION (self), self->api, user);
  self->main_window = window;
  g_signal_connect_object (window, "close-request",
                           G_CALLBACK (on_main_window_close_request), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "destroy",
                           G_CALLBACK (on_window_destroyed), self, G_CONNECT_SWAPPED);
  apply_cli_requests (self);
  /* The main window first: with no window left the application would quit. */
  gtk_window_present (GTK_WINDOW (window));
  update_actions (self);

  if (self->login_window == login_window)
    self->login_window = NULL;
  gtk_window_destroy (GTK_WINDOW (login_window));
}

static void
on_session_expired (YbcApplication *self)
{
  if (self->main_window == NULL)
    return;
  show_login (self, _("Your session has ended. Please log in again."), TRUE);
  close_main_window (self);
}

static void
show_login (YbcApplication *self,
            const char     *message,
            gboolean        is_error)
{
  YbcLoginWindow *window = self->login_window;
  g_autofree char *server = NULL;
  g_autofree char *username = NULL;

  if (window == NULL)
    {
      window = ybc_login_window_new (GTK_APPLICATION (self), self->api);
      self->login_window = window;
      g_signal_connect_object (window, "logged-in",
                               G_CALLBACK (on_logged_in), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (window, "destroy",
                               G_CALLBACK (on_window_destroyed), self, G_CONNECT_SWAPPED);
    }

  server = self->cli_server ? g_strdup (self->cli_server)
                            : g_settings_get_string (self->settings, "server-url");
  username = self->cli_user ? g_strdup (self->cli_user)
                            : g_settings_get_string (self->settings, "last-username");
  ybc_login_window_set_server_url (window, server);
  ybc_login_window_set_username (window, username);
  ybc_login_window_show_message (window, message, is_error);
  gtk_window_present (GTK_WINDOW (window));

  if (self->cli_user != NULL && self->cli_password != NULL)
    {
      ybc_login_window_set_password (window, self->cli_password);
      forget_password (self);
      ybc_login_window_submit (window);
    }
  else
    ybc_login_window_focus_first_empty (window);
}

/* ------------------------------------------------------------------------- actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  YbcApplication *self = user_data;
  GList *windows;

  if (self->main_window != NULL)
    ybc_main_window_save_state (self->main_window);
  end_session (self);
  /* Held by end_session() while the server is told; quits when that is done. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
}

static void
logout_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  ybc_application_logout (YBC_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  YbcApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Medical Insurance Services"),
                        "application-icon", YBC_APPLICATION_ID,
                        "version", YB_VERSION,
                        "developer-name", _("The yibao developers"),
                        "comments", _("Desktop client for the service hall of a county medical insurance bureau: the catalogue of powers and services, their materials, time limits and procedures."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "logout", .activate = logout_action },
  { .name = "about", .activate = about_action },
};

/* ------------------------------------------------------------------------- GApplication */

static void
ybc_application_startup (GApplication *application)
{
  YbcApplication *self = YBC_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "app.logout", { "<Primary><Shift>l", NULL } },
    { "win.reload", { "F5", "<Primary>r", NULL } },
    { "win.search", { "<Primary>f", NULL } },
    { "win.new-case", { "<Primary>n", NULL } },
    { "win.view::catalogue", { "<Primary>1", NULL } },
    { "win.view::queue", { "<Primary>2", NULL } },
    { "win.view::approvals", { "<Primary>3", NULL } },
    { "win.view::case", { "<Primary>4", NULL } },
    { "win.show-help-overlay", { "<Primary>question", NULL } },
  };

  G_APPLICATION_CLASS (ybc_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (YBC_APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (gsize i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
  update_actions (self);

  self->settings = g_settings_new (YBC_APPLICATION_ID);
  self->api = ybc_api_new (NULL);
  g_signal_connect_object (self->api, "session-expired",
                           G_CALLBACK (on_session_expired), self, G_CONNECT_SWAPPED);
}

static void
ybc_application_activate (GApplication *application)
{
  YbcApplication *self = YBC_APPLICATION (application);

  if (self->main_window != NULL)
    {
      apply_cli_requests (self);
      gtk_window_present (GTK_WINDOW (self->main_window));
      return;
    }
  show_login (self, NULL, FALSE);
}

static int
ybc_application_command_line (GApplication            *application,
                              GApplicationCommandLine *command_line)
{
  YbcApplication *self = YBC_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *server = NULL;
  const char *user = NULL;
  const char *password_file = NULL;
  const char *item = NULL;
  const char *view = NULL;
  const char *action = NULL;
  gint64 case_id = 0;
  gint64 document_id = 0;

  g_variant_dict_lookup (options, "server", "&s", &server);
  g_variant_dict_lookup (options, "view", "&s", &view);
  g_variant_dict_lookup (options, "case", "x", &case_id);
  g_variant_dict_lookup (options, "action", "&s", &action);
  g_variant_dict_lookup (options, "document", "x", &document_id);
  g_variant_dict_lookup (options, "user", "&s", &user);
  g_variant_dict_lookup (options, "password-file", "^&ay", &password_file);
  g_variant_dict_lookup (options, "item", "&s", &item);

  if (server != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = ybc_api_normalize_base_url (server, &error);

      if (normalized == NULL)
        {
          g_application_command_line_printerr (command_line, "yibao: %s\n", error->message);
          return EXIT_FAILURE;
        }
      g_free (self->cli_server);
      self->cli_server = g_steal_pointer (&normalized);
    }

  if (password_file != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, password_file);
      g_autoptr(GError) error = NULL;
      char *password = read_password_file (file, &error);

      if (password == NULL)
        {
          g_autofree char *path = g_file_get_parse_name (file);

          g_application_command_line_printerr (command_line,
                                               _("yibao: cannot read the password file %s: %s\n"),
                                               path, error->message);
          return EXIT_FAILURE;
        }
      forget_password (self);
      self->cli_password = password;
    }

  if (user != NULL)
    {
      g_free (self->cli_user);
      self->cli_user = g_strdup (user);
    }
  if (item != NULL)
    {
      g_free (self->cli_item);
      self->cli_item = g_strdup (item);
    }
  if (view != NULL)
    {
      g_free (self->cli_view);
      self->cli_view = g_strdup (view);
    }
  if (case_id > 0)
    {
      self->cli_case = case_id;
      self->cli_document = document_id;
      g_free (self->cli_action);
      self->cli_action = g_strdup (action);
    }

  g_application_activate (application);
  return EXIT_SUCCESS;
}

static int
ybc_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("yibao %s\n", YB_VERSION);
      return EXIT_SUCCESS;
    }
  return -1;
}

/* ------------------------------------------------------------------------- public API */

YbcApplication *
ybc_application_new (void)
{
  return g_object_new (YBC_TYPE_APPLICATION,
                       "application-id", YBC_APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/cn/yibao/Client",
                       NULL);
}

YbcApi *
ybc_application_get_api (YbcApplication *self)
{
  g_return_val_if_fail (YBC_IS_APPLICATION (self), NULL);
  return self->api;
}

YbcLoginWindow *
ybc_application_get_login_window (YbcApplication *self)
{
  g_return_val_if_fail (YBC_IS_APPLICATION (self), NULL);
  return self->login_window;
}

YbcMainWindow *
ybc_application_get_main_window (YbcApplication *self)
{
  g_return_val_if_fail (YBC_IS_APPLICATION (self), NULL);
  return self->main_window;
}

void
ybc_application_logout (YbcApplication *self)
{
  g_return_if_fail (YBC_IS_APPLICATION (self));

  if (self->main_window == NULL)
    return;
  end_session (self);
  /* The login window first: with no window left the application would quit. */
  show_login (self, _("You have logged out."), FALSE);
  close_main_window (self);
}

gboolean
ybc_application_check_settings_schema (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, YBC_APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The settings schema %s is not installed. When running from a build "
                     "directory, set GSETTINGS_SCHEMA_DIR to its ui/ folder."),
                   YBC_APPLICATION_ID);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- GObject */

static void
ybc_application_finalize (GObject *object)
{
  YbcApplication *self = YBC_APPLICATION (object);

  forget_password (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->api);
  g_free (self->cli_server);
  g_free (self->cli_user);
  g_free (self->cli_item);
  g_free (self->cli_view);
  g_free (self->cli_action);

  G_OBJECT_CLASS (ybc_application_parent_class)->finalize (object);
}

static void
ybc_application_class_init (YbcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ybc_application_finalize;
  application_class->startup = ybc_application_startup;
  application_class->activate = ybc_application_activate;
  application_class->command_line = ybc_application_command_line;
  application_class->handle_local_options = ybc_application_handle_local_options;
}

static void
ybc_application_init (YbcApplication *self)
{
  static const GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, NULL,
      N_("Address of the yibao server, e.g. http://127.0.0.1:8080"), N_("URL") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, NULL,
      N_("User name to log in as"), N_("NAME") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Read the password from the first line of FILE; with --user, log in at once"), N_("FILE") },
    { "item", 'i', 0, G_OPTION_ARG_STRING, NULL,
      N_("Show this item after logging in, e.g. 5-2"), N_("CODE") },
    { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Show this view: catalogue, queue, approvals or case"), N_("VIEW") },
    { "case", 'c', 0, G_OPTION_ARG_INT64, NULL,
      N_("Open the case with this id"), N_("ID") },
    { "action", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --case: open the form of this step, e.g. accept"), N_("STEP") },
    { "document", 0, 0, G_OPTION_ARG_INT64, NULL,
      N_("With --case: open this document of the case"), N_("ID") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Desktop client of the yibao medical insurance system."));
}
