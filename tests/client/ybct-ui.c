/* ybct-ui.c: see ybct-ui.h. */
#include "ybct-ui.h"

struct _YbctDeadline {
  guint    source_id;
  gboolean passed;
};

static gboolean
on_deadline (gpointer user_data)
{
  YbctDeadline *self = user_data;

  self->passed = TRUE;
  self->source_id = 0;
  return G_SOURCE_REMOVE;
}

YbctDeadline *
ybct_deadline_new (guint seconds)
{
  YbctDeadline *self = g_new0 (YbctDeadline, 1);

  self->source_id = g_timeout_add_seconds (seconds, on_deadline, self);
  return self;
}

gboolean
ybct_deadline_passed (YbctDeadline *self)
{
  return self->passed;
}

void
ybct_deadline_free (YbctDeadline *self)
{
  g_clear_handle_id (&self->source_id, g_source_remove);
  g_free (self);
}

void
ybct_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
ybct_app_unregistered (YbcApplication *app)
{
  g_application_set_application_id (G_APPLICATION (app), NULL);
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
}

typedef struct {
  YbctAppTestFunc func;
  gconstpointer   data;
  YbcApplication *app;
  gboolean        ran;
} AppTest;

static gboolean
run_body (gpointer user_data)
{
  AppTest *test = user_data;
  GList *windows;

  g_assert_nonnull (ybc_application_get_login_window (test->app));
  g_assert_null (ybc_application_get_main_window (test->app));
  test->func (test->app, test->data);
  test->ran = TRUE;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (test->app))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  return G_SOURCE_REMOVE;
}

static void
run_app_test (gconstpointer user_data)
{
  AppTest *test = (AppTest *) user_data;
  char *argv[] = { (char *) "yibao", NULL };
  gpointer weak;
  int status;

  test->ran = FALSE;
  test->app = ybc_application_new ();
  ybct_app_unregistered (test->app);
  g_idle_add (run_body, test);
  /* Returns once the windows are gone and nothing holds the application (a logout
   * still being told to the server does, briefly). */
  status = g_application_run (G_APPLICATION (test->app), 1, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (test->ran);

  weak = test->app;
  g_object_add_weak_pointer (G_OBJECT (test->app), &weak);
  g_object_unref (test->app);
  test->app = NULL;
  ybct_drain ();
  g_assert_null (weak);
}

void
ybct_add_app_test (const char      *path,
                   YbctAppTestFunc  func,
                   gconstpointer    data)
{
  AppTest *test = g_new0 (AppTest, 1);

  test->func = func;
  test->data = data;
  g_test_add_data_func_full (path, test, run_app_test, g_free);
}

gpointer
ybct_child (gpointer    widget,
            GType       type,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (child == NULL)
    g_error ("%s has no template child %s", g_type_name (type), name);
  return child;
}

void
ybct_login_submit (YbcLoginWindow *login,
                   const char     *server_url,
                   const char     *username,
                   const char     *password)
{
  GType type = YBC_TYPE_LOGIN_WINDOW;

  gtk_editable_set_text (ybct_child (login, type, "server_entry"), server_url);
  gtk_editable_set_text (ybct_child (login, type, "username_entry"), username);
  gtk_editable_set_text (ybct_child (login, type, "password_entry"), password);
  /* Enter in the password field: the keyboard path, and synchronous (a button's
   * activation clicks it from a timeout). */
  g_signal_emit_by_name (ybct_child (login, type, "password_entry"), "activate");
}

YbcMainWindow *
ybct_login (YbcApplication *app,
            const char     *server_url,
            const char     *username,
            const char     *password)
{
  YbcMainWindow *window;

  ybct_login_submit (ybc_application_get_login_window (app), server_url, username, password);
  YBCT_WAIT_FOR (ybc_application_get_main_window (app) != NULL, 30);
  window = ybc_application_get_main_window (app);
  YBCT_WAIT_FOR (ybc_main_window_get_catalogue (window) != NULL, 30);
  g_assert_null (ybc_application_get_login_window (app));
  return window;
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  /* A GtkStack's hidden pages are not child-visible, so only the shown page counts. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

char *
ybct_visible_text (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  collect_text (widget, text);
  return g_string_free (text, FALSE);
}

guint
ybct_count_rows (GtkListBox *list,
                 gboolean    with_header)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LIST_BOX_ROW (child) || !gtk_widget_get_child_visible (child))
        continue;
      if (with_header && gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (child)) == NULL)
        continue;
      n++;
    }
  return n;
}

gboolean
ybct_label_shows (GtkLabel   *label,
                  const char *text)
{
  return gtk_widget_get_visible (GTK_WIDGET (label))
         && g_strcmp0 (gtk_label_get_text (label), text) == 0;
}
