/* test-ui-stub.c: the client's windows against the in-process stub server, for what a
 * real server rarely does on cue: field errors, 503, no server at all, a failing item
 * that a retry fixes, a session that ends underneath the user. Runs under Xvfb. */
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ybc-i18n.h"
#include "ybct-stub.h"
#include "ybct-ui.h"

#define LOGIN YBC_TYPE_LOGIN_WINDOW
#define MAIN YBC_TYPE_MAIN_WINDOW
#define VIEW YBC_TYPE_ITEM_VIEW

static guint
count_requests (YbctStub   *stub,
                const char *method,
                const char *path)
{
  GPtrArray *requests = ybct_stub_get_requests (stub);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      const YbctRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, method) && g_str_equal (request->path, path))
        n++;
    }
  return n;
}

/* Nothing keeps the application alive once its windows are gone. */
static void
test_lifecycle (YbcApplication *app,
               gconstpointer   data)
{
  /* ybct_add_app_test() checks that the application is freed once its windows close. */
}

static void
test_field_errors (YbcApplication *app,
                  gconstpointer   data)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  YbcLoginWindow *login = ybc_application_get_login_window (app);

  ybct_stub_set (stub, "POST", "/api/v1/sessions", 400, "application/problem+json",
                 "{\"title\":\"登录信息不完整\",\"status\":400,\"code\":\"request.invalid\","
                 "\"request_id\":\"r-1\",\"errors\":["
                 "{\"code\":\"field.too_long\",\"field\":\"username\",\"message\":\"用户名过长\"},"
                 "{\"code\":\"field.weak\",\"field\":\"password\",\"message\":\"密码格式不对\"},"
                 "{\"code\":\"request.other\",\"field\":null,\"message\":\"请求来源不明\"}]}",
                 NULL);

  ybct_login_submit (login, ybct_stub_get_url (stub), "clerk", "secret");
  YBCT_WAIT_FOR (ybc_login_window_get_message (login) != NULL, 20);

  /* In place: each field's message under the field, the rest in the banner. */
  g_assert_true (ybct_label_shows (ybct_child (login, LOGIN, "username_error"), "用户名过长"));
  g_assert_true (ybct_label_shows (ybct_child (login, LOGIN, "password_error"), "密码格式不对"));
  g_assert_false (gtk_widget_get_visible (ybct_child (login, LOGIN, "server_error")));
  g_assert_true (gtk_widget_has_css_class (ybct_child (login, LOGIN, "username_entry"), "error"));
  g_assert_cmpstr (ybc_login_window_get_message (login), ==, "登录信息不完整：请求来源不明");
  g_assert_true (ybct_label_shows (ybct_child (login, LOGIN, "request_id_label"), "请求编号：r-1"));
  g_assert_true (gtk_widget_get_sensitive (ybct_child (login, LOGIN, "login_button")));
  g_assert_false (ybc_login_window_get_busy (login));
  g_assert_null (ybc_application_get_main_window (app));

  /* Typing into a field clears its message. */
  gtk_editable_set_text (ybct_child (login, LOGIN, "username_entry"), "clerk2");
  g_assert_false (gtk_widget_get_visible (ybct_child (login, LOGIN, "username_error")));
  g_assert_true (gtk_widget_get_visible (ybct_child (login, LOGIN, "password_error")));
}

static void
test_local_checks (YbcApplication *app,
                  gconstpointer   data)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  YbcLoginWindow *login = ybc_application_get_login_window (app);

  ybct_stub_add_happy_routes (stub);
  ybct_login_submit (login, "ftp://nowhere", "", "");
  ybct_drain ();

  /* Every empty or malformed field at once, and nothing sent. */
  g_assert_true (gtk_widget_get_visible (ybct_child (login, LOGIN, "server_error")));
  g_assert_true (ybct_label_shows (ybct_child (login, LOGIN, "username_error"), "请输入用户名"));
  g_assert_true (ybct_label_shows (ybct_child (login, LOGIN, "password_error"), "请输入密码"));
  g_assert_false (ybc_login_window_get_busy (login));
  g_assert_cmpuint (ybct_stub_get_requests (stub)->len, ==, 0);
}

static void
test_busy_and_unavailable (YbcApplication *app,
                          gconstpointer   data)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  YbcLoginWindow *login = ybc_application_get_login_window (app);
  GtkWidget *button = ybct_child (login, LOGIN, "login_button");

  ybct_stub_set (stub, "POST", "/api/v1/sessions", 503, "application/problem+json",
                 "{\"title\":\"Service Unavailable\",\"status\":503}", "Retry-After: 5");

  ybct_login_submit (login, ybct_stub_get_url (stub), "clerk", "secret");
  /* In flight: the button is off, the spinner on, and Enter does not send twice. */
  g_assert_true (ybc_login_window_get_busy (login));
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_widget_get_visible (ybct_child (login, LOGIN, "spinner")));
  g_signal_emit_by_name (ybct_child (login, LOGIN, "password_entry"), "activate");
  ybc_login_window_submit (login);

  YBCT_WAIT_FOR (!ybc_login_window_get_busy (login), 20);
  g_assert_cmpstr (ybc_login_window_get_message (login), ==, "数据库暂时不可用，请稍后重试");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_false (gtk_widget_get_visible (ybct_child (login, LOGIN, "spinner")));
  g_assert_cmpuint (count_requests (stub, "POST", "/api/v1/sessions"), ==, 1);
}

static void
test_no_server (YbcApplication *app,
               gconstpointer   data)
{
  YbcLoginWindow *login = ybc_application_get_login_window (app);
  const char *message;

  ybct_login_submit (login, "http://127.0.0.1:1", "clerk", "secret");
  YBCT_WAIT_FOR (ybc_login_window_get_message (login) != NULL, 40);
  message = ybc_login_window_get_message (login);
  g_assert_true (g_str_has_prefix (message, "无法连接服务器（"));
  g_assert_null (ybc_application_get_main_window (app));
}

static void
test_item_retry (YbcApplication *app,
                gconstpointer   data)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  YbcMainWindow *window;
  YbcItemView *view;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  ybct_stub_add_happy_routes (stub);
  ybct_stub_set_once (stub, "GET", "/api/v1/catalogue/130133/5-2", 500, "application/problem+json",
                      "{\"title\":\"内部错误\",\"status\":500,\"request_id\":\"q\"}");

  window = ybct_login (app, ybct_stub_get_url (stub), "clerk", "secret");
  g_assert_cmpuint (ybct_count_rows (ybct_child (window, MAIN, "item_list"), FALSE), ==, 3);
  g_assert_cmpuint (ybct_count_rows (ybct_child (window, MAIN, "item_list"), TRUE), ==, 2);
  summary = ybct_visible_text (ybct_child (window, MAIN, "user_label"));
  g_assert_cmpstr (summary, ==, "王丽娜 · 赵县 · 窗口人员、科长\n");

  view = ybct_child (window, MAIN, "item_view");
  g_assert_true (ybc_main_window_select_item (window, "5-2"));
  g_assert_cmpint (ybc_item_view_get_state (view), ==, YBC_ITEM_VIEW_LOADING);
  YBCT_WAIT_FOR (ybc_item_view_get_state (view) == YBC_ITEM_VIEW_ERROR, 20);
  g_assert_cmpstr (ybc_item_view_get_error_message (view), ==, "内部错误");

  gtk_widget_activate (ybct_child (view, VIEW, "retry_button"));
  YBCT_WAIT_FOR (ybc_item_view_get_state (view) == YBC_ITEM_VIEW_LOADED, 20);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "5-2 职工参保登记 — 医保业务系统");

  text = ybct_visible_text (GTK_WIDGET (view));
  /* Unit, phones (labelled), the supervision phone the department gives, time limit per
   * set, materials with their marks, alternatives, sets, steps with who acts, basis. */
  for (const char * const *expected = (const char * const []) {
         "职工综合科", "职工：87291551", "87291560", "5个工作日", "灵活就业人员：即时办结",
         "《职工基本医疗保险参保登记表》", "原件", "须加盖单位公章", "2份", "含增加、中断",
         "身份凭证", "任选其一", "• 医保电子凭证", "• 社保卡",
         "在职职工", "资料受理", "窗口人员", "科长", "《社会保险法》第五十八条\n第二段",
         "受理责任", "追责情形", NULL };
       *expected != NULL; expected++)
    if (strstr (text, *expected) == NULL)
      g_error ("the item view does not show “%s”:\n%s", *expected, text);
  g_assert_cmpuint (ybct_count_rows (ybct_child (view, VIEW, "materials_list"), FALSE), ==, 2);
  g_assert_cmpuint (ybct_count_rows (ybct_child (view, VIEW, "steps_list"), FALSE), ==, 2);
  g_assert_cmpuint (ybct_count_rows (ybct_child (view, VIEW, "sets_list"), FALSE), ==, 2);
}

static void
test_search (YbcApplication *app,
            gconstpointer   data)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  YbcMainWindow *window;
  GtkListBox *list;
  GtkWidget *search;
  YbcItemView *view;

  ybct_stub_add_happy_routes (stub);
  window = ybct_login (app, ybct_stub_get_url (stub), "clerk", "secret");
  list = ybct_child (window, MAIN, "item_list");
  search = ybct_child (window, MAIN, "search_entry");
  view = ybct_child (window, MAIN, "item_view");

  /* Ctrl+F's action puts the keyboard in the search entry. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
  ybct_drain ();
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_true (focus == search || (focus != NULL && gtk_widget_is_ancestor (focus, search)));
  }

  gtk_editable_set_text (GTK_EDITABLE (search), "参保登记");
  YBCT_WAIT_FOR (ybct_count_rows (list, FALSE) == 2, 10);
  g_assert_cmpuint (ybc_main_window_get_n_visible_items (window), ==, 2);
  /* One heading: both matches are in 行政确认. */
  g_assert_cmpuint (ybct_count_rows (list, TRUE), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (search), "6-1");
  YBCT_WAIT_FOR (ybct_count_rows (list, FALSE) == 1, 10);
  gtk_editable_set_text (GTK_EDITABLE (search), "没有这种事项");
  YBCT_WAIT_FOR (ybct_count_rows (list, FALSE) == 0, 10);

  /* Escape clears the search. */
  g_signal_emit_by_name (search, "stop-search");
  YBCT_WAIT_FOR (ybct_count_rows (list, FALSE) == 3, 10);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");

  /* Enter opens the first match. */
  gtk_editable_set_text (GTK_EDITABLE (search), "5-2");
  YBCT_WAIT_FOR (ybct_count_rows (list, FALSE) == 1, 10);
  g_signal_emit_by_name (search, "activate");
  YBCT_WAIT_FOR (ybc_item_view_get_state (view) == YBC_ITEM_VIEW_LOADED, 20);
  g_assert_cmpstr (ybc_item_view_get_code (view), ==, "5-2");

  /* An item the county does not have is refused, not selected. */
  g_assert_false (ybc_main_window_select_item (window, "9-9"));
  g_assert_cmpstr (ybc_item_view_get_code (view), ==, "5-2");
}

static void
test_session_expired (YbcApplication *app,
                     gconstpointer   data)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  YbcMainWindow *window;
  YbcLoginWindow *login;

  ybct_stub_add_happy_routes (stub);
  window = ybct_login (app, ybct_stub_get_url (stub), "clerk", "secret");

  ybct_stub_set_once (stub, "GET", "/api/v1/catalogue", 401, "application/problem+json",
                      "{\"title\":\"登录已过期\",\"status\":401,\"code\":\"auth.expired\"}");
  /* F5 */
  g_action_group_activate_action (G_ACTION_GROUP (window), "reload", NULL);
  YBCT_WAIT_FOR (ybc_application_get_login_window (app) != NULL, 20);
  YBCT_WAIT_FOR (ybc_application_get_main_window (app) == NULL, 5);
  login = ybc_application_get_login_window (app);
  g_assert_cmpstr (ybc_login_window_get_message (login), ==, "登录已失效，请重新登录。");
  g_assert_cmpstr (ybc_login_window_get_username (login), ==, "clerk");
  g_assert_null (ybc_api_get_token (ybc_application_get_api (app)));
}

static void
test_window_state (YbcApplication *app,
                  gconstpointer   data)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  g_autoptr(GSettings) settings = g_settings_new ("cn.yibao.Client");
  YbcMainWindow *window;
  int width = 0;
  int height = 0;

  ybct_stub_add_happy_routes (stub);
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);

  window = ybct_login (app, ybct_stub_get_url (stub), "clerk", "secret");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  /* Remembered: the server that worked and who logged in. */
  {
    g_autofree char *url = g_settings_get_string (settings, "server-url");
    g_autofree char *user = g_settings_get_string (settings, "last-username");

    g_assert_cmpstr (url, ==, ybct_stub_get_url (stub));
    g_assert_cmpstr (user, ==, "clerk");
  }

  /* Whatever the settings say meanwhile, logging out stores the window's own size. */
  g_settings_set_int (settings, "window-width", 400);
  g_settings_set_int (settings, "window-height", 400);
  /* Logging out saves the window and ends the session on the server. */
  gtk_widget_activate (ybct_child (window, MAIN, "logout_button"));
  YBCT_WAIT_FOR (ybc_application_get_login_window (app) != NULL, 10);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  YBCT_WAIT_FOR (count_requests (stub, "DELETE", "/api/v1/sessions") == 1, 10);
  g_assert_cmpstr (ybct_stub_find_last (stub, "DELETE", "/api/v1/sessions")->authorization, ==,
                   "Bearer stub-token");
  g_assert_cmpstr (ybc_login_window_get_message (ybc_application_get_login_window (app)), ==,
                   "您已退出登录。");
}

/* The command line as a kiosk launcher uses it: server, user, password file, item. */
typedef struct {
  YbcApplication *app;
  gboolean        shown;
  gboolean        timed_out;
} CommandLine;

static gboolean
check_command_line (gpointer user_data)
{
  CommandLine *run = user_data;
  YbcMainWindow *window = ybc_application_get_main_window (run->app);

  if (window != NULL)
    {
      YbcItemView *view = ybct_child (window, MAIN, "item_view");

      if (ybc_item_view_get_state (view) == YBC_ITEM_VIEW_LOADED
          && g_strcmp0 (ybc_item_view_get_code (view), "5-2") == 0)
        {
          run->shown = TRUE;
          /* Closing the windows ends g_application_run(). */
          {
            GList *windows;

            while ((windows = gtk_application_get_windows (GTK_APPLICATION (run->app))) != NULL)
              gtk_window_destroy (GTK_WINDOW (windows->data));
          }
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
command_line_timeout (gpointer user_data)
{
  CommandLine *run = user_data;

  run->timed_out = TRUE;
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

static void
test_command_line (void)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  g_autofree char *dir = g_dir_make_tmp ("ybct-XXXXXX", NULL);
  g_autofree char *password_file = g_build_filename (dir, "password", NULL);
  CommandLine run = { 0 };
  guint check_id;
  guint timeout_id;
  int status;
  const char *argv[] = { "yibao", "--server", NULL, "--user", "clerk",
                         "--password-file", NULL, "--item", "5-2", NULL };

  ybct_stub_add_happy_routes (stub);
  g_assert_true (g_file_set_contents (password_file, "secret\nignored second line\n", -1, NULL));
  argv[2] = ybct_stub_get_url (stub);
  argv[6] = password_file;

  run.app = ybc_application_new ();
  ybct_app_unregistered (run.app);
  check_id = g_timeout_add (50, check_command_line, &run);
  timeout_id = g_timeout_add_seconds (30, command_line_timeout, &run);
  status = g_application_run (G_APPLICATION (run.app), G_N_ELEMENTS (argv) - 1, (char **) argv);
  if (!run.shown)
    g_source_remove (check_id);
  if (!run.timed_out)
    g_source_remove (timeout_id);

  g_assert_false (run.timed_out);
  g_assert_true (run.shown);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (ybct_stub_find_last (stub, "POST", "/api/v1/sessions")->body,
                            "\"password\":\"secret\""));
  g_object_unref (run.app);

  /* An unreadable password file is an error on the command line, not a window. */
  {
    const char *bad_argv[] = { "yibao", "--user", "clerk", "--password-file", "/nonexistent/pw", NULL };
    YbcApplication *app = ybc_application_new ();

    ybct_app_unregistered (app);
    status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (bad_argv) - 1, (char **) bad_argv);
    g_assert_cmpint (status, ==, 1);
    g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
    g_object_unref (app);
  }

  g_unlink (password_file);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ybc_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);

  ybct_add_app_test ("/client/ui/lifecycle", test_lifecycle, NULL);
  ybct_add_app_test ("/client/ui/login/field-errors", test_field_errors, NULL);
  ybct_add_app_test ("/client/ui/login/local-checks", test_local_checks, NULL);
  ybct_add_app_test ("/client/ui/login/busy-and-unavailable", test_busy_and_unavailable, NULL);
  ybct_add_app_test ("/client/ui/login/no-server", test_no_server, NULL);
  ybct_add_app_test ("/client/ui/item/retry", test_item_retry, NULL);
  ybct_add_app_test ("/client/ui/search", test_search, NULL);
  ybct_add_app_test ("/client/ui/session-expired", test_session_expired, NULL);
  ybct_add_app_test ("/client/ui/window-state", test_window_state, NULL);
  g_test_add_func ("/client/ui/command-line", test_command_line);

  return g_test_run ();
}
