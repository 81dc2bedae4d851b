/* test-api.c: the REST API against a real server and a real PostgreSQL: sessions,
 * lockout, every kind of bad request, the catalogue per county, the OpenAPI document
 * against the route table, metrics, and the audit chain. */
#include <string.h>

#include "ybs-routes.h"
#include "ybt-fixture.h"
#include "ybt-http.h"

static YbtFixture *fx;

#define sql(q) ybt_sql (fx, (q))
#define sql_int(q) ybt_sql_int (fx, (q))
#define URL (ybt_fixture_get_base_url (fx))

static char *
login_body (const char *username,
            const char *password)
{
  return g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username, password);
}

static JsonArray *
array_member (JsonNode   *node,
              const char *name)
{
  return json_object_get_array_member (json_node_get_object (node), name);
}

/* ------------------------------------------------------------------------------------ */

static void
test_health (void)
{
  g_autoptr(YbtResponse) live = ybt_request (URL, "GET", "/healthz", NULL, NULL, NULL);
  g_autoptr(YbtResponse) ready = ybt_request (URL, "GET", "/readyz", NULL, NULL, NULL);

  g_assert_cmpuint (live->status, ==, 200);
  g_assert_cmpstr (ybt_json_string (live, "status"), ==, "ok");
  g_assert_cmpuint (ready->status, ==, 200);
  g_assert_cmpstr (ybt_json_string (ready, "status"), ==, "ready");
  g_assert_cmpint (ybt_json_int (ready, "schema_version"), >=, 1);
}

static void
test_login_ok (void)
{
  g_autofree char *body = login_body ("clerk_zx", ybt_fixture_get_password (fx, "clerk_zx"));
  gint64 audits = sql_int ("SELECT count(*) FROM audit_log WHERE action = 'auth.login'");
  g_autoptr(YbtResponse) r = ybt_request (URL, "POST", "/api/v1/sessions", NULL, body, NULL);
  JsonObject *user;

  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpuint (strlen (ybt_json_string (r, "token")), ==, 43);
  g_assert_nonnull (ybt_json_string (r, "expires_at"));
  user = json_object_get_object_member (json_node_get_object (r->json), "user");
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "clerk_zx");
  g_assert_cmpstr (json_object_get_string_member (user, "region_code"), ==, "130133");
  g_assert_cmpstr (json_object_get_string_member (user, "region_name"), ==, "赵县");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (user, "roles"), 0), ==, "clerk");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (user, "department"), "name"), ==, "职工综合科");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log WHERE action = 'auth.login'"), ==, audits + 1);

  /* The token itself is never stored, only its hash. */
  {
    g_autofree char *q = g_strdup_printf ("SELECT count(*) FROM sessions WHERE token_hash::text LIKE '%%%s%%'",
                                          ybt_json_string (r, "token"));
    g_assert_cmpint (sql_int (q), ==, 0);
  }
}

static void
test_login_wrong_password (void)
{
  g_autofree char *body = login_body ("chief_zx", "definitely-wrong-1");
  gint64 sessions = sql_int ("SELECT count(*) FROM sessions");
  gint64 failures = sql_int ("SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed' AND region_code = '130133'");
  g_autoptr(YbtResponse) r = ybt_request (URL, "POST", "/api/v1/sessions", NULL, body, NULL);

  g_assert_cmpuint (r->status, ==, 401);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "application/problem+json");
  g_assert_cmpstr (ybt_json_string (r, "code"), ==, "auth.invalid");
  g_assert_cmpstr (ybt_json_string (r, "title"), ==, "用户名或密码错误");
  g_assert_nonnull (ybt_json_string (r, "request_id"));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM sessions"), ==, sessions);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed' AND region_code = '130133'"),
                   ==, failures + 1);
  /* one failure is counted, and a right password afterwards resets the count */
  g_assert_cmpint (sql_int ("SELECT failed_logins FROM users WHERE username = 'chief_zx'"), ==, 1);
  g_free (ybt_login (URL, "chief_zx", ybt_fixture_get_password (fx, "chief_zx")));
  g_assert_cmpint (sql_int ("SELECT failed_logins FROM users WHERE username = 'chief_zx'"), ==, 0);
}

static void
test_login_unknown_user (void)
{
  g_autofree char *body = login_body ("nobody_here", "whatever-123");
  gint64 failures = sql_int ("SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed' AND region_code = '000000'");
  g_autoptr(YbtResponse) r = ybt_request (URL, "POST", "/api/v1/sessions", NULL, body, NULL);

  g_assert_cmpuint (r->status, ==, 401);
  g_assert_cmpstr (ybt_json_string (r, "title"), ==, "用户名或密码错误");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed' AND region_code = '000000'"),
                   ==, failures + 1);
}

static void
test_login_missing_fields (void)
{
  g_autoptr(YbtResponse) r = ybt_request (URL, "POST", "/api/v1/sessions", NULL, "{\"username\": 5}", NULL);
  g_autofree char *codes = ybt_problem_codes (r);
  JsonArray *errors = array_member (r->json, "errors");

  g_assert_cmpuint (r->status, ==, 400);
  /* both problems in one answer, each naming its field */
  g_assert_cmpstr (codes, ==, "field.type,field.required");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "field"), ==, "username");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 1), "field"), ==, "password");
}

static void
test_malformed_json (void)
{
  g_autoptr(YbtResponse) r = ybt_request (URL, "POST", "/api/v1/sessions", NULL, "{\"username\": \"a\",", NULL);
  g_autoptr(YbtResponse) arr = ybt_request (URL, "POST", "/api/v1/sessions", NULL, "[1,2]", NULL);
  g_autoptr(YbtResponse) type = ybt_request (URL, "POST", "/api/v1/sessions", NULL, "username=a", "application/x-www-form-urlencoded");
  g_autofree char *codes = ybt_problem_codes (r);
  g_autofree char *arr_codes = ybt_problem_codes (arr);

  g_assert_cmpuint (r->status, ==, 400);
  g_assert_cmpstr (codes, ==, "json.syntax");
  g_assert_cmpuint (arr->status, ==, 400);
  g_assert_cmpstr (arr_codes, ==, "json.not_object");
  g_assert_cmpuint (type->status, ==, 415);
}

static void
test_body_too_large (void)
{
  g_autofree char *big = g_strnfill (2 * 1024 * 1024, 'x');
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\"}", big);
  g_autoptr(YbtResponse) r = ybt_request (URL, "POST", "/api/v1/sessions", NULL, body, NULL);
  g_autoptr(YbtResponse) after = ybt_request (URL, "GET", "/healthz", NULL, NULL, NULL);

  g_assert_cmpuint (r->status, ==, 413);
  g_assert_cmpstr (ybt_json_string (r, "code"), ==, "request.too_large");
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_unknown_route_and_method (void)
{
  g_autoptr(YbtResponse) r = ybt_request (URL, "GET", "/api/v1/nothing", NULL, NULL, NULL);
  g_autoptr(YbtResponse) m = ybt_request (URL, "PUT", "/api/v1/me", NULL, "{}", NULL);

  g_assert_cmpuint (r->status, ==, 404);
  g_assert_cmpstr (ybt_json_string (r, "code"), ==, "not_found");
  g_assert_cmpuint (m->status, ==, 405);
  g_assert_cmpstr (soup_message_headers_get_one (m->headers, "Allow"), ==, "GET");
}

static void
test_tokens (void)
{
  g_autofree char *token = ybt_login (URL, "clerk_zx", ybt_fixture_get_password (fx, "clerk_zx"));
  g_autoptr(YbtResponse) none = ybt_request (URL, "GET", "/api/v1/me", NULL, NULL, NULL);
  g_autoptr(YbtResponse) bad = ybt_request (URL, "GET", "/api/v1/me", "not-a-token", NULL, NULL);
  g_autoptr(YbtResponse) good = ybt_request (URL, "GET", "/api/v1/me", token, NULL, NULL);
  g_autoptr(YbtResponse) expired = NULL;
  g_autofree char *expire = NULL;

  g_assert_cmpuint (none->status, ==, 401);
  g_assert_cmpuint (bad->status, ==, 401);
  g_assert_cmpuint (good->status, ==, 200);
  g_assert_cmpstr (ybt_json_string (good, "display_name"), ==, "王丽娜");

  /* expire every session of clerk_zx by hand: the token stops working */
  g_free (sql ("UPDATE sessions SET expires_at = now() - interval '1 minute'"
               " WHERE user_id = (SELECT id FROM users WHERE username = 'clerk_zx')"));
  expired = ybt_request (URL, "GET", "/api/v1/me", token, NULL, NULL);
  g_assert_cmpuint (expired->status, ==, 401);
  g_assert_cmpstr (ybt_json_string (expired, "title"), ==, "登录已过期或无效，请重新登录");
}

static void
test_logout (void)
{
  g_autofree char *token = ybt_login (URL, "clerk_wj", ybt_fixture_get_password (fx, "clerk_wj"));
  g_autoptr(YbtResponse) out = ybt_request (URL, "DELETE", "/api/v1/sessions", token, NULL, NULL);
  g_autoptr(YbtResponse) after = ybt_request (URL, "GET", "/api/v1/me", token, NULL, NULL);

  g_assert_cmpuint (out->status, ==, 204);
  g_assert_cmpuint (after->status, ==, 401);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM audit_log WHERE action = 'auth.logout' AND region_code = '130130'"), ==, 1);
}

static void
test_lockout (void)
{
  g_autofree char *out = NULL;
  g_autofree char *pwfile = g_build_filename (ybt_fixture_get_dir (fx), "lock-pw", NULL);
  g_autofree char *wrong = login_body ("locktest", "Wrong-password-9");
  g_autofree char *right = login_body ("locktest", "Right-password-7");
  int status;

  g_file_set_contents (pwfile, "Right-password-7\n", -1, NULL);
  status = ybt_fixture_admin (fx, &out, "create-user", "--username", "locktest", "--name", "锁定测试",
                              "--region", "130133", "--role", "clerk", "--password-file", pwfile, NULL);
  g_assert_cmpint (status, ==, 0);

  for (int i = 1; i <= 5; i++)
    {
      g_autoptr(YbtResponse) r = ybt_request (URL, "POST", "/api/v1/sessions", NULL, wrong, NULL);
      g_assert_cmpuint (r->status, ==, i < 5 ? 401 : 423);
    }
  {
    /* locked: even the right password is refused, with the time it ends */
    g_autoptr(YbtResponse) r = ybt_request (URL, "POST", "/api/v1/sessions", NULL, right, NULL);
    g_assert_cmpuint (r->status, ==, 423);
    g_assert_cmpstr (ybt_json_string (r, "code"), ==, "auth.locked");
    g_assert_true (strstr (ybt_json_string (r, "detail"), "锁定至") != NULL);
  }
  g_clear_pointer (&out, g_free);
  status = ybt_fixture_admin (fx, &out, "reset-password", "locktest", "--password-file", pwfile, NULL);
  g_assert_cmpint (status, ==, 0);
  {
    g_autoptr(YbtResponse) r = ybt_request (URL, "POST", "/api/v1/sessions", NULL, right, NULL);
    g_assert_cmpuint (r->status, ==, 201);
  }
}

static guint
count_items (JsonNode *catalogue)
{
  JsonArray *categories = array_member (catalogue, "categories");
  guint n = 0;

  g_assert_cmpuint (json_array_get_length (categories), ==, 6);
  for (guint i = 0; i < json_array_get_length (categories); i++)
    n += json_array_get_length (json_object_get_array_member (json_array_get_object_element (categories, i), "items"));
  return n;
}

static void
test_catalogue_per_county (void)
{
  g_autofree char *zx = ybt_login (URL, "clerk_zx", ybt_fixture_get_password (fx, "clerk_zx"));
  g_autofree char *wj = ybt_login (URL, "clerk_wj", ybt_fixture_get_password (fx, "clerk_wj"));
  g_autofree char *city = ybt_login (URL, "city_sjz", ybt_fixture_get_password (fx, "city_sjz"));
  g_autoptr(YbtResponse) a = ybt_request (URL, "GET", "/api/v1/catalogue", zx, NULL, NULL);
  g_autoptr(YbtResponse) b = ybt_request (URL, "GET", "/api/v1/catalogue", wj, NULL, NULL);
  g_autoptr(YbtResponse) other = ybt_request (URL, "GET", "/api/v1/catalogue?region=130130", zx, NULL, NULL);
  g_autoptr(YbtResponse) city_wj = ybt_request (URL, "GET", "/api/v1/catalogue?region=130130", city, NULL, NULL);

  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpstr (ybt_json_string (a, "region_name"), ==, "赵县");
  g_assert_cmpuint (count_items (a->json), ==, 27);
  g_assert_cmpuint (b->status, ==, 200);
  g_assert_cmpstr (ybt_json_string (b, "region_name"), ==, "无极县");
  g_assert_cmpuint (count_items (b->json), ==, 25);
  /* another county is not found, not forbidden */
  g_assert_cmpuint (other->status, ==, 404);
  g_assert_cmpuint (city_wj->status, ==, 200);
  g_assert_cmpuint (count_items (city_wj->json), ==, 25);
}

static void
test_catalogue_item (void)
{
  g_autofree char *zx = ybt_login (URL, "clerk_zx", ybt_fixture_get_password (fx, "clerk_zx"));
  g_autoptr(YbtResponse) r = ybt_request (URL, "GET", "/api/v1/catalogue/130133/5-2", zx, NULL, NULL);
  g_autoptr(YbtResponse) other = ybt_request (URL, "GET", "/api/v1/catalogue/130130/5-2", zx, NULL, NULL);
  g_autoptr(YbtResponse) missing = ybt_request (URL, "GET", "/api/v1/catalogue/130133/9-9", zx, NULL, NULL);
  g_autoptr(YbtResponse) encoded = ybt_request (URL, "GET", "/api/v1/catalogue/130133/%35-2", zx, NULL, NULL);
  JsonObject *item, *dept;

  g_assert_cmpuint (r->status, ==, 200);
  item = json_node_get_object (r->json);
  g_assert_cmpstr (json_object_get_string_member (item, "code"), ==, "5-2");
  g_assert_cmpstr (json_object_get_string_member (item, "category_name"), ==, "行政确认");
  dept = json_object_get_object_member (item, "department");
  g_assert_cmpstr (json_object_get_string_member (dept, "name"), ==, "职工综合科");
  g_assert_cmpstr (json_object_get_string_member (dept, "phone"), ==, "87291551");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "materials")), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "material_sets")), ==, 2);
  g_assert_true (strstr (json_object_get_string_member (item, "legal_basis"), "社会保险法") != NULL);
  g_assert_false (json_object_has_member (item, "regions"));
  g_assert_cmpuint (other->status, ==, 404);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpuint (encoded->status, ==, 200);
}

/* Every route the server registers is documented, and the document names no route the
 * server lacks. */
static void
test_openapi_matches_routes (void)
{
  g_autoptr(YbtResponse) r = ybt_request (URL, "GET", "/api/v1/openapi.json", NULL, NULL, NULL);
  JsonObject *paths;
  guint n_routes = 0, n_documented = 0;
  const YbsRoute *routes = ybs_routes_get (&n_routes);
  g_autoptr(GList) names = NULL;

  g_assert_cmpuint (r->status, ==, 200);
  paths = json_object_get_object_member (json_node_get_object (r->json), "paths");
  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *method = g_ascii_strdown (routes[i].method, -1);
      JsonObject *ops = json_object_has_member (paths, routes[i].pattern)
                        ? json_object_get_object_member (paths, routes[i].pattern) : NULL;

      if (ops == NULL || !json_object_has_member (ops, method))
        g_error ("route %s %s is not in openapi.json", routes[i].method, routes[i].pattern);
    }
  names = json_object_get_members (paths);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autoptr(GList) methods = json_object_get_members (json_object_get_object_member (paths, l->data));
      for (GList *m = methods; m != NULL; m = m->next)
        {
          gboolean found = FALSE;
          for (guint i = 0; i < n_routes && !found; i++)
            found = g_str_equal (routes[i].pattern, l->data) && g_ascii_strcasecmp (routes[i].method, m->data) == 0;
          if (!found)
            g_error ("openapi.json documents %s %s, which the server does not have", (char *) m->data, (char *) l->data);
          n_documented++;
        }
    }
  g_assert_cmpuint (n_documented, ==, n_routes);
}

static void
test_metrics (void)
{
  g_autoptr(YbtResponse) r = ybt_request (URL, "GET", "/metrics", NULL, NULL, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (strstr (r->body, "yibao_http_requests_total{route=\"GET /healthz\",status=\"200\"}") != NULL);
  g_assert_true (strstr (r->body, "yibao_db_pool_size 4") != NULL);
  g_assert_true (strstr (r->body, "yibao_http_request_duration_seconds_bucket") != NULL);
}

/* Last: it breaks the chain on purpose. */
static void
test_audit_chain (void)
{
  g_autofree char *ok_out = NULL;
  g_autofree char *bad_out = NULL;
  g_autoptr(GError) error = NULL;
  char *refused;

  g_assert_cmpint (ybt_fixture_admin (fx, &ok_out, "verify-audit", NULL), ==, 0);
  g_assert_true (strstr (ok_out, "audit chain verifies") != NULL);

  /* the table refuses changes outright ... */
  refused = ybt_fixture_sql (fx, "UPDATE audit_log SET actor_name = 'x' WHERE seq = 1", &error);
  g_assert_null (refused);
  g_assert_true (strstr (error->message, "append-only") != NULL);

  /* ... and a change made behind the trigger's back is found */
  g_free (sql ("SET session_replication_role = replica;"
               "UPDATE audit_log SET detail = '{\"forged\":true}' WHERE region_code = '130133' AND seq = 2"));
  g_assert_cmpint (ybt_fixture_admin (fx, &bad_out, "verify-audit", NULL), ==, 1);
  g_assert_true (strstr (bad_out, "BROKEN 130133 #2") != NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  fx = ybt_fixture_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/api/health", test_health);
  g_test_add_func ("/api/login/ok", test_login_ok);
  g_test_add_func ("/api/login/wrong-password", test_login_wrong_password);
  g_test_add_func ("/api/login/unknown-user", test_login_unknown_user);
  g_test_add_func ("/api/login/missing-fields", test_login_missing_fields);
  g_test_add_func ("/api/login/lockout", test_lockout);
  g_test_add_func ("/api/request/malformed-json", test_malformed_json);
  g_test_add_func ("/api/request/too-large", test_body_too_large);
  g_test_add_func ("/api/request/unknown-route-and-method", test_unknown_route_and_method);
  g_test_add_func ("/api/sessions/tokens", test_tokens);
  g_test_add_func ("/api/sessions/logout", test_logout);
  g_test_add_func ("/api/catalogue/per-county", test_catalogue_per_county);
  g_test_add_func ("/api/catalogue/item", test_catalogue_item);
  g_test_add_func ("/api/openapi/matches-routes", test_openapi_matches_routes);
  g_test_add_func ("/api/metrics", test_metrics);
  g_test_add_func ("/api/audit/chain", test_audit_chain);

  rc = g_test_run ();
  ybt_fixture_stop (fx);
  return rc;
}
