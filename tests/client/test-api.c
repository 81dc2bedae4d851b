/* test-api.c: the client's REST layer (YbcApi), its errors and its JSON mapping, against
 * an in-process stub server; and the UI language chosen by ybc_i18n_init(). No display. */
#include <glib/gi18n.h>
#include <locale.h>

#include "ybc-api.h"
#include "ybc-i18n.h"
#include "ybc-types.h"
#include "ybct-stub.h"

/* ------------------------------------------------------------------------- helpers */

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until the call has answered; fails after 20 s. */
static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, on_timeout, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("no answer within 20 seconds");
  g_source_remove (id);
  return *slot;
}

static YbcUser *
login (YbcApi      *api,
       const char  *username,
       const char  *password,
       GError     **error)
{
  GAsyncResult *result = NULL;
  YbcUser *user;

  ybc_api_login_async (api, username, password, NULL, on_result, &result);
  user = ybc_api_login_finish (api, wait_result (&result), error);
  g_object_unref (result);
  return user;
}

static YbcApi *
api_for (YbctStub *stub)
{
  g_autoptr(GError) error = NULL;
  YbcApi *api = ybc_api_new (NULL);

  g_assert_true (ybc_api_set_base_url (api, ybct_stub_get_url (stub), &error));
  g_assert_no_error (error);
  return api;
}

/* ------------------------------------------------------------------------- tests */

static void
test_base_url (void)
{
  static const struct {
    const char *input;
    const char *expected;  /* NULL: refused */
  } cases[] = {
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
    { "  http://127.0.0.1:8080/  ", "http://127.0.0.1:8080" },
    { "127.0.0.1:18480", "http://127.0.0.1:18480" },
    { "https://yibao.example.cn/base/", "https://yibao.example.cn/base" },
    { "localhost:8080", "http://localhost:8080" },
    { "", NULL },
    { "ftp://example.cn", NULL },
    { "http://", NULL },
    { "http://host/?q=1", NULL },
    { "http://user:pw@host", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *result = ybc_api_normalize_base_url (cases[i].input, &error);

      g_assert_cmpstr (result, ==, cases[i].expected);
      if (cases[i].expected == NULL)
        {
          g_assert_error (error, YBC_API_ERROR, YBC_API_ERROR_NETWORK);
          g_assert_nonnull (error->message);
        }
    }
}

static void
test_login_and_token (void)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  g_autoptr(YbcApi) api = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbcUser) user = NULL;
  g_autoptr(YbcUser) me = NULL;
  g_autofree char *summary = NULL;
  GAsyncResult *result = NULL;
  const YbctRequest *request;

  ybct_stub_add_happy_routes (stub);
  api = api_for (stub);

  user = login (api, "clerk", "secret \"quoted\"", &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpstr (user->username, ==, "clerk");
  g_assert_cmpstr (user->display_name, ==, "王丽娜");
  g_assert_cmpstr (user->region_code, ==, "130133");
  g_assert_cmpstr (user->department_name, ==, "职工综合科");
  g_assert_true (ybc_user_has_role (user, "chief"));
  g_assert_cmpstr (ybc_api_get_token (api), ==, "stub-token");

  /* The body is JSON, escaped properly; no Authorization on the login itself. */
  request = ybct_stub_find_last (stub, "POST", "/api/v1/sessions");
  g_assert_nonnull (request);
  g_assert_null (request->authorization);
  g_assert_nonnull (strstr (request->body, "\"username\":\"clerk\""));
  g_assert_nonnull (strstr (request->body, "secret \\\"quoted\\\""));

  summary = ybc_user_dup_summary (user);
  g_assert_cmpstr (summary, ==, "王丽娜 · 赵县 · 窗口人员、科长");

  ybc_api_get_me_async (api, NULL, on_result, &result);
  me = ybc_api_get_me_finish (api, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpint (me->id, ==, 7);
  request = ybct_stub_find_last (stub, "GET", "/api/v1/me");
  g_assert_cmpstr (request->authorization, ==, "Bearer stub-token");

  /* Logout forgets the token at once and still tells the server. */
  ybc_api_logout_async (api, NULL, on_result, &result);
  g_assert_null (ybc_api_get_token (api));
  g_assert_true (ybc_api_logout_finish (api, wait_result (&result), &error));
  g_clear_object (&result);
  g_assert_no_error (error);
  request = ybct_stub_find_last (stub, "DELETE", "/api/v1/sessions");
  g_assert_cmpstr (request->authorization, ==, "Bearer stub-token");
}

static void
test_catalogue_and_item (void)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  g_autoptr(YbcApi) api = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbcUser) user = NULL;
  g_autoptr(YbcCatalogue) catalogue = NULL;
  g_autoptr(YbItem) item = NULL;
  g_autoptr(JsonNode) json = NULL;
  GAsyncResult *result = NULL;
  const YbcItemSummary *summary;
  const YbMaterial *identity;

  ybct_stub_add_happy_routes (stub);
  ybct_stub_set (stub, "GET", "/api/v1/catalogue?region=130130", 200, "application/json",
                 "{\"region_code\":\"130130\",\"categories\":[]}", NULL);
  api = api_for (stub);
  user = login (api, "clerk", "secret", &error);
  g_assert_no_error (error);

  ybc_api_get_catalogue_async (api, NULL, NULL, on_result, &result);
  catalogue = ybc_api_get_catalogue_finish (api, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpstr (catalogue->bureau, ==, "赵县医疗保障局");
  g_assert_cmpuint (catalogue->categories->len, ==, 2);
  g_assert_cmpuint (ybc_catalogue_get_n_items (catalogue), ==, 3);
  summary = ybc_catalogue_find_item (catalogue, "5-2");
  g_assert_nonnull (summary);
  g_assert_cmpstr (summary->category_name, ==, "行政确认");
  g_assert_cmpstr (summary->department_name, ==, "职工综合科");
  g_assert_null (ybc_catalogue_find_item (catalogue, "9-9"));
  g_clear_pointer (&catalogue, ybc_catalogue_free);

  /* A city-level user asks for a county. */
  ybc_api_get_catalogue_async (api, "130130", NULL, on_result, &result);
  catalogue = ybc_api_get_catalogue_finish (api, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpstr (catalogue->region_code, ==, "130130");

  ybc_api_get_item_async (api, "130133", "5-2", NULL, on_result, &result);
  item = ybc_api_get_item_finish (api, wait_result (&result), &json, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpstr (item->code, ==, "5-2");
  g_assert_cmpstr (item->department.name, ==, "职工综合科");
  g_assert_cmpstr (item->department.supervision_phone, ==, "87291560");
  g_assert_cmpuint (item->materials->len, ==, 2);
  identity = g_ptr_array_index (item->materials, 1);
  g_assert_cmpuint (identity->any_of->len, ==, 3);
  g_assert_cmpuint (item->material_sets->len, ==, 2);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json));
  g_assert_true (json_object_has_member (json_node_get_object (json), "time_limit"));
}

static void
test_problem_errors (void)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  g_autoptr(YbcApi) api = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbcUser) user = NULL;
  g_autofree char *username_message = NULL;
  const YbProblems *problems;

  ybct_stub_set (stub, "POST", "/api/v1/sessions", 400, "application/problem+json",
                 "{\"type\":\"about:blank\",\"title\":\"登录信息不完整\",\"status\":400,"
                 "\"code\":\"request.invalid\",\"request_id\":\"abc123\",\"errors\":["
                 "{\"code\":\"field.required\",\"field\":\"username\",\"message\":\"用户名不能为空\"},"
                 "{\"code\":\"field.too_long\",\"field\":\"username\",\"message\":\"用户名过长\"},"
                 "{\"code\":\"field.required\",\"field\":\"password\",\"message\":\"密码不能为空\"}]}",
                 NULL);
  api = api_for (stub);

  user = login (api, "", "", &error);
  g_assert_null (user);
  g_assert_error (error, YBC_API_ERROR, YBC_API_ERROR_INVALID);
  /* Everything at once: the title and every field message. */
  g_assert_cmpstr (error->message, ==, "登录信息不完整：用户名不能为空；用户名过长；密码不能为空");
  g_assert_cmpuint (ybc_api_error_get_status (error), ==, 400);
  g_assert_cmpstr (ybc_api_error_get_code (error), ==, "request.invalid");
  g_assert_cmpstr (ybc_api_error_get_title (error), ==, "登录信息不完整");
  g_assert_cmpstr (ybc_api_error_get_request_id (error), ==, "abc123");
  problems = ybc_api_error_get_problems (error);
  g_assert_cmpuint (yb_problems_get_len (problems), ==, 3);
  username_message = ybc_api_error_dup_field_message (error, "username");
  g_assert_cmpstr (username_message, ==, "用户名不能为空；用户名过长");
  g_assert_null (ybc_api_error_dup_field_message (error, "server"));
  g_assert_null (ybc_api_get_token (api));

  /* The private part survives a copy. */
  {
    g_autoptr(GError) copy = g_error_copy (error);

    g_assert_cmpuint (ybc_api_error_get_status (copy), ==, 400);
    g_assert_cmpstr (ybc_api_error_get_request_id (copy), ==, "abc123");
    g_assert_cmpuint (yb_problems_get_len (ybc_api_error_get_problems (copy)), ==, 3);
  }

  /* Not ours: the accessors say nothing rather than crash. */
  {
    g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

    g_assert_cmpuint (ybc_api_error_get_status (other), ==, 0);
    g_assert_null (ybc_api_error_get_problems (other));
    g_assert_null (ybc_api_error_dup_field_message (other, "username"));
  }
}

static void
test_status_errors (void)
{
  static const struct {
    guint        status;
    const char  *body;
    const char  *headers;
    YbcApiError  code;
    const char  *message;
  } cases[] = {
    { 401, "{\"title\":\"用户名或密码错误\",\"status\":401,\"code\":\"auth.invalid\",\"errors\":[]}", NULL,
      YBC_API_ERROR_UNAUTHORIZED, "用户名或密码错误" },
    { 423, "{\"title\":\"账户已锁定\",\"status\":423,\"detail\":\"请于 21:30 后再试\"}", NULL,
      YBC_API_ERROR_LOCKED, "账户已锁定：请于 21:30 后再试" },
    { 429, "{\"title\":\"请求过多\",\"status\":429}", "Retry-After: 30",
      YBC_API_ERROR_RATE_LIMITED, "请求过多" },
    { 413, "", NULL, YBC_API_ERROR_TOO_LARGE, "请求内容过大" },
    { 503, "{\"title\":\"Service Unavailable\",\"status\":503}", "Retry-After: 5",
      YBC_API_ERROR_UNAVAILABLE, "数据库暂时不可用，请稍后重试" },
    { 502, "<html>Bad Gateway</html>", NULL, YBC_API_ERROR_SERVER, "服务器内部错误（HTTP 502）" },
    { 404, "{\"title\":\"未找到\",\"status\":404}", "X-Request-Id: hdr-1",
      YBC_API_ERROR_NOT_FOUND, "未找到" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(YbctStub) stub = ybct_stub_new ();
      g_autoptr(YbcApi) api = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(YbcUser) user = NULL;

      ybct_stub_set (stub, "POST", "/api/v1/sessions", cases[i].status, "application/problem+json",
                     cases[i].body, cases[i].headers);
      api = api_for (stub);
      user = login (api, "clerk", "secret", &error);
      g_assert_null (user);
      g_assert_error (error, YBC_API_ERROR, (gint) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpuint (ybc_api_error_get_status (error), ==, cases[i].status);
      if (cases[i].status == 503)
        g_assert_cmpuint (ybc_api_error_get_retry_after (error), ==, 5);
      if (cases[i].status == 404)
        g_assert_cmpstr (ybc_api_error_get_request_id (error), ==, "hdr-1");
    }
}

static void
test_network_and_protocol_errors (void)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  g_autoptr(YbcApi) api = ybc_api_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YbcUser) user = NULL;
  g_autofree char *closed = NULL;

  /* Nobody listens on port 1. */
  g_assert_true (ybc_api_set_base_url (api, "http://127.0.0.1:1", NULL));
  user = login (api, "clerk", "secret", &error);
  g_assert_null (user);
  g_assert_error (error, YBC_API_ERROR, YBC_API_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (error->message, "无法连接服务器（"));
  g_assert_true (g_str_has_suffix (error->message, "）"));
  g_clear_error (&error);

  /* 201 whose body is not what a login answers. */
  ybct_stub_set (stub, "POST", "/api/v1/sessions", 201, "application/json", "{\"token\":", NULL);
  g_assert_true (ybc_api_set_base_url (api, ybct_stub_get_url (stub), NULL));
  user = login (api, "clerk", "secret", &error);
  g_assert_null (user);
  g_assert_error (error, YBC_API_ERROR, YBC_API_ERROR_PROTOCOL);
  g_clear_error (&error);

  ybct_stub_set (stub, "POST", "/api/v1/sessions", 201, "application/json",
                 "{\"token\":\"t\",\"user\":{\"display_name\":\"无名\"}}", NULL);
  user = login (api, "clerk", "secret", &error);
  g_assert_null (user);
  g_assert_error (error, YBC_API_ERROR, YBC_API_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "username"));
  g_assert_null (ybc_api_get_token (api));
}

static void
on_session_expired (YbcApi   *api,
                    gpointer  user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_session_expired (void)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  g_autoptr(YbcApi) api = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbcUser) user = NULL;
  g_autoptr(YbcCatalogue) catalogue = NULL;
  GAsyncResult *result = NULL;
  guint expired = 0;

  ybct_stub_add_happy_routes (stub);
  api = api_for (stub);
  g_signal_connect (api, "session-expired", G_CALLBACK (on_session_expired), &expired);

  /* A wrong password is not an expired session. */
  ybct_stub_set_once (stub, "POST", "/api/v1/sessions", 401, "application/problem+json",
                      "{\"title\":\"用户名或密码错误\",\"status\":401}");
  user = login (api, "clerk", "wrong", &error);
  g_assert_error (error, YBC_API_ERROR, YBC_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_cmpuint (expired, ==, 0);

  user = login (api, "clerk", "secret", &error);
  g_assert_no_error (error);

  ybct_stub_set_once (stub, "GET", "/api/v1/catalogue", 401, "application/problem+json",
                      "{\"title\":\"登录已过期\",\"status\":401,\"code\":\"auth.expired\"}");
  ybc_api_get_catalogue_async (api, NULL, NULL, on_result, &result);
  catalogue = ybc_api_get_catalogue_finish (api, wait_result (&result), &error);
  g_clear_object (&result);
  g_assert_null (catalogue);
  g_assert_error (error, YBC_API_ERROR, YBC_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (expired, ==, 1);
  g_assert_null (ybc_api_get_token (api));
}

static void
test_cancel (void)
{
  g_autoptr(YbctStub) stub = ybct_stub_new ();
  g_autoptr(YbcApi) api = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YbItem) item = NULL;
  GAsyncResult *result = NULL;

  ybct_stub_add_happy_routes (stub);
  api = api_for (stub);
  ybc_api_set_token (api, "stub-token");
  ybc_api_get_item_async (api, "130133", "5-2", cancellable, on_result, &result);
  g_cancellable_cancel (cancellable);
  item = ybc_api_get_item_finish (api, wait_result (&result), NULL, &error);
  g_clear_object (&result);
  g_assert_null (item);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(YbcUser) user = NULL;
  g_autoptr(YbcUser) copy = NULL;
  g_autoptr(YbcCatalogue) catalogue = NULL;

  node = json_from_string ("{\"username\":\"admin\",\"region_code\":\"130133\",\"department\":null,"
                           "\"roles\":[\"admin\",\"someday_role\"]}", &error);
  g_assert_no_error (error);
  user = ybc_user_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->display_name, ==, "admin");
  g_assert_null (user->department_code);
  copy = ybc_user_copy (user);
  g_assert_cmpstrv (copy->roles, ((const char * const []) { "admin", "someday_role", NULL }));
  g_assert_cmpstr (ybc_role_display_name ("clerk"), ==, "窗口人员");
  g_assert_cmpstr (ybc_role_display_name ("someday_role"), ==, "someday_role");
  g_clear_pointer (&node, json_node_unref);

  /* Every missing member named once, not once per item. */
  node = json_from_string ("{\"categories\":[{\"code\":\"1\",\"items\":[{\"code\":\"1-1\"},{\"code\":\"1-2\"}]}]}", &error);
  catalogue = ybc_catalogue_from_json (node, &error);
  g_assert_null (catalogue);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "region_code"));
  g_assert_nonnull (strstr (error->message, "categories[].name"));
  g_assert_nonnull (strstr (error->message, "items[].name"));
  g_assert_null (strstr (strstr (error->message, "items[].name") + 1, "items[].name"));
}

/* With no locale chosen (the test runs under LC_ALL=C.UTF-8, LANGUAGE empty), the UI
 * is Chinese; the catalogue comes from YIBAO_LOCALEDIR (the build tree). */
static void
test_default_language (void)
{
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "zh_CN");
  g_assert_cmpstr (_("Log In"), ==, "登录");
  g_assert_cmpstr (_("Materials"), ==, "申请材料");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%d copy", "%d copies", 3), ==, "%d份");
  g_assert_cmpstr (ybc_i18n_get_localedir (), ==, g_getenv ("YIBAO_LOCALEDIR"));
}

int
main (int   argc,
      char *argv[])
{
  ybc_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/api/base-url", test_base_url);
  g_test_add_func ("/client/api/login", test_login_and_token);
  g_test_add_func ("/client/api/catalogue-and-item", test_catalogue_and_item);
  g_test_add_func ("/client/api/problem-errors", test_problem_errors);
  g_test_add_func ("/client/api/status-errors", test_status_errors);
  g_test_add_func ("/client/api/network-and-protocol-errors", test_network_and_protocol_errors);
  g_test_add_func ("/client/api/session-expired", test_session_expired);
  g_test_add_func ("/client/api/cancel", test_cancel);
  g_test_add_func ("/client/types", test_types);
  g_test_add_func ("/client/i18n/default-language", test_default_language);

  return g_test_run ();
}
