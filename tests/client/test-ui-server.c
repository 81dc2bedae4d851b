/* test-ui-server.c: the client against a real yibao-server and PostgreSQL
 * (tests/server/ybt-fixture): a wrong password is refused in place, the right one opens
 * the county's catalogue, an item shows its materials and unit, logging out returns to
 * the login window; the other county's list and its unpublished phones; a session that
 * expires in the database sends the user back to log in. Runs under Xvfb. */
#include <glib/gi18n.h>

#include "ybc-i18n.h"
#include "ybct-ui.h"
#include "ybt-fixture.h"

#define LOGIN YBC_TYPE_LOGIN_WINDOW
#define MAIN YBC_TYPE_MAIN_WINDOW
#define VIEW YBC_TYPE_ITEM_VIEW

static YbtFixture *fixture;

static gboolean
has_non_ascii (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return TRUE;
  return FALSE;
}

static void
wait_item (YbcItemView *view,
           const char  *code)
{
  YBCT_WAIT_FOR (ybc_item_view_get_state (view) != YBC_ITEM_VIEW_LOADING
                 && g_strcmp0 (ybc_item_view_get_code (view), code) == 0, 30);
  if (ybc_item_view_get_state (view) != YBC_ITEM_VIEW_LOADED)
    g_error ("item %s did not load: %s", code, ybc_item_view_get_error_message (view));
}

static void
test_wrong_password (YbcApplication *app,
                    gconstpointer   data)
{
  YbcLoginWindow *login = ybc_application_get_login_window (app);
  const char *message;

  ybct_login_submit (login, ybt_fixture_get_base_url (fixture), "clerk_zx", "not-the-password");
  YBCT_WAIT_FOR (ybc_login_window_get_message (login) != NULL, 30);

  /* The server's Chinese message, in the window, which stays. */
  message = ybc_login_window_get_message (login);
  g_test_message ("wrong password: %s", message);
  g_assert_true (has_non_ascii (message));
  g_assert_nonnull (strstr (message, "密码"));
  g_assert_true (ybc_application_get_login_window (app) == login);
  g_assert_null (ybc_application_get_main_window (app));
  g_assert_false (ybc_login_window_get_busy (login));
  g_assert_true (gtk_widget_get_sensitive (ybct_child (login, LOGIN, "login_button")));
  g_assert_null (ybc_api_get_token (ybc_application_get_api (app)));
}

static void
test_clerk_zx (YbcApplication *app,
              gconstpointer   data)
{
  YbcMainWindow *window;
  const YbcCatalogue *catalogue;
  const YbItem *item;
  YbcItemView *view;
  GtkListBox *list;
  GtkWidget *search;
  YbcLoginWindow *login;
  g_autofree char *text = NULL;
  g_autofree char *user_text = NULL;

  window = ybct_login (app, ybt_fixture_get_base_url (fixture),
                       "clerk_zx", ybt_fixture_get_password (fixture, "clerk_zx"));

  /* Who is logged in: name, county, role. */
  user_text = ybct_visible_text (ybct_child (window, MAIN, "user_label"));
  g_test_message ("header: %s", user_text);
  g_assert_nonnull (strstr (user_text, "赵县"));
  g_assert_nonnull (strstr (user_text, "窗口人员"));

  /* Six categories with 27 items, in the sidebar. */
  catalogue = ybc_main_window_get_catalogue (window);
  g_assert_cmpstr (catalogue->region_code, ==, "130133");
  g_assert_cmpuint (catalogue->categories->len, ==, 6);
  g_assert_cmpuint (ybc_catalogue_get_n_items (catalogue), ==, 27);
  list = ybct_child (window, MAIN, "item_list");
  g_assert_cmpuint (ybct_count_rows (list, FALSE), ==, 27);
  g_assert_cmpuint (ybct_count_rows (list, TRUE), ==, 6);

  /* 5-2, found the way a clerk would: type the code, press Enter. */
  search = ybct_child (window, MAIN, "search_entry");
  view = ybct_child (window, MAIN, "item_view");
  gtk_editable_set_text (GTK_EDITABLE (search), "5-2");
  YBCT_WAIT_FOR (ybct_count_rows (list, FALSE) == 1, 10);
  g_signal_emit_by_name (search, "activate");
  wait_item (view, "5-2");

  item = ybc_item_view_get_item (view);
  g_assert_cmpstr (item->department.name, ==, "职工综合科");
  g_assert_cmpuint (item->materials->len, >, 0);
  text = ybct_visible_text (GTK_WIDGET (view));
  g_assert_nonnull (strstr (text, "职工综合科"));
  g_assert_nonnull (strstr (text, item->name));
  for (guint i = 0; i < item->materials->len; i++)
    {
      const YbMaterial *material = g_ptr_array_index (item->materials, i);

      if (strstr (text, material->name) == NULL)
        g_error ("material “%s” of 5-2 is not shown:\n%s", material->name, text);
    }
  g_assert_nonnull (strstr (text, "须加盖单位公章"));
  g_assert_cmpuint (ybct_count_rows (ybct_child (view, VIEW, "materials_list"), FALSE), ==,
                    item->materials->len);
  g_assert_cmpuint (ybct_count_rows (ybct_child (view, VIEW, "steps_list"), FALSE), ==,
                    item->steps->len);

  /* Escape gives the whole list back. */
  g_signal_emit_by_name (search, "stop-search");
  YBCT_WAIT_FOR (ybct_count_rows (list, FALSE) == 27, 10);

  /* Every item of the county opens. */
  for (guint i = 0; i < catalogue->categories->len; i++)
    {
      const YbcCategory *category = g_ptr_array_index (catalogue->categories, i);

      for (guint j = 0; j < category->items->len; j++)
        {
          const YbcItemSummary *summary = g_ptr_array_index (category->items, j);

          g_assert_true (ybc_main_window_select_item (window, summary->code));
          wait_item (view, summary->code);
        }
    }

  /* Log out: back to the login window, with the user name kept. */
  gtk_widget_activate (ybct_child (window, MAIN, "logout_button"));
  YBCT_WAIT_FOR (ybc_application_get_login_window (app) != NULL
                 && ybc_application_get_main_window (app) == NULL, 20);
  login = ybc_application_get_login_window (app);
  g_assert_cmpstr (ybc_login_window_get_username (login), ==, "clerk_zx");
  g_assert_cmpstr (ybc_login_window_get_message (login), ==, "您已退出登录。");
  g_assert_null (ybc_api_get_token (ybc_application_get_api (app)));
}

static void
test_clerk_wj (YbcApplication *app,
              gconstpointer   data)
{
  YbcMainWindow *window;
  const YbcCatalogue *catalogue;
  YbcItemView *view;
  g_autofree char *text = NULL;

  window = ybct_login (app, ybt_fixture_get_base_url (fixture),
                       "clerk_wj", ybt_fixture_get_password (fixture, "clerk_wj"));
  catalogue = ybc_main_window_get_catalogue (window);
  g_assert_cmpstr (catalogue->region_code, ==, "130130");
  g_assert_cmpuint (catalogue->categories->len, ==, 6);
  g_assert_cmpuint (ybc_catalogue_get_n_items (catalogue), ==, 25);
  g_assert_cmpuint (ybct_count_rows (ybct_child (window, MAIN, "item_list"), FALSE), ==, 25);
  /* Zhao's resident items are not Wuji's. */
  g_assert_null (ybc_catalogue_find_item (catalogue, "5-3"));

  /* Wuji's phones are not published: the view says so instead of leaving a blank. */
  view = ybct_child (window, MAIN, "item_view");
  g_assert_true (ybc_main_window_select_item (window, "5-2"));
  wait_item (view, "5-2");
  text = ybct_visible_text (GTK_WIDGET (view));
  g_assert_nonnull (strstr (text, "未公布"));
}

static void
test_session_expires (YbcApplication *app,
                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *updated = NULL;
  YbcMainWindow *window;
  YbcLoginWindow *login;

  window = ybct_login (app, ybt_fixture_get_base_url (fixture),
                       "chief_zx", ybt_fixture_get_password (fixture, "chief_zx"));

  updated = ybt_fixture_sql (fixture,
                             "UPDATE sessions SET expires_at = now() - interval '1 minute'",
                             &error);
  g_assert_no_error (error);

  /* F5: the server no longer knows the session. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "reload", NULL);
  YBCT_WAIT_FOR (ybc_application_get_login_window (app) != NULL
                 && ybc_application_get_main_window (app) == NULL, 30);
  login = ybc_application_get_login_window (app);
  g_assert_cmpstr (ybc_login_window_get_message (login), ==, "登录已失效，请重新登录。");
  g_assert_cmpstr (ybc_login_window_get_username (login), ==, "chief_zx");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  ybc_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);

  fixture = ybt_fixture_start (&error);
  if (fixture == NULL)
    g_error ("cannot start the server fixture: %s", error->message);

  ybct_add_app_test ("/client/server/wrong-password", test_wrong_password, NULL);
  ybct_add_app_test ("/client/server/clerk-zx", test_clerk_zx, NULL);
  ybct_add_app_test ("/client/server/clerk-wj", test_clerk_wj, NULL);
  ybct_add_app_test ("/client/server/session-expires", test_session_expires, NULL);

  status = g_test_run ();
  ybt_fixture_stop (fixture);
  return status;
}
