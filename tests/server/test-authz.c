/* test-authz.c: the authorisation matrix. Every route of the server's route table ×
 * every role × own county / other county (and no token at all), each with the status it
 * must answer. The routes come from ybs_routes_get(), so a route added without a line
 * here fails this test instead of going unchecked. */
#include <string.h>

#include "ybs-routes.h"
#include "ybt-fixture.h"
#include "ybt-http.h"

static YbtFixture *fx;

#define URL (ybt_fixture_get_base_url (fx))
#define sql(q) ybt_sql (fx, (q))

typedef enum { OWN, OTHER } County;

typedef struct {
  const char *username;
  const char *role;
  char       *token;
} Account;

/* 130133 accounts, one per role; "other county" means 130130's objects. */
static Account accounts[] = {
  { "clerk_zx", "clerk", NULL }, { "chief_zx", "chief", NULL }, { "inspector_zx", "inspector", NULL },
  { "settlement_zx", "settlement", NULL }, { "leader_zx", "leader", NULL }, { "admin", "admin", NULL },
  { "city_sjz", "city_viewer", NULL },
};

static gint64 case_own, case_other, doc_own, doc_other;

typedef struct {
  char       *path;
  char       *body;
  guint       status;
} Call;

/* What one role may do to one route, for a county's objects. Returns FALSE for a
 * combination that does not exist (e.g. a login has no county). */
typedef gboolean (*Expect) (const Account *a, County county, Call *call);

static gboolean
e_public (const Account *a, County c, Call *call)
{
  return FALSE;   /* covered by the anonymous pass */
}

static gboolean
e_login (const Account *a, County c, Call *call)
{
  if (c == OTHER)
    return FALSE;
  call->body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", a->username,
                                ybt_fixture_get_password (fx, a->username));
  call->status = 201;
  return TRUE;
}

static gboolean
e_logout (const Account *a, County c, Call *call)
{
  return FALSE;   /* ends the session: checked on its own below */
}

static gboolean
e_own_only (const Account *a, County c, Call *call)
{
  if (c == OTHER)
    return FALSE;
  call->status = 200;
  return TRUE;
}

static gboolean
e_catalogue (const Account *a, County c, Call *call)
{
  call->path = g_strdup (c == OWN ? "/api/v1/catalogue" : "/api/v1/catalogue?region=130130");
  call->status = c == OWN || g_str_equal (a->role, "city_viewer") ? 200 : 404;
  return TRUE;
}

static gboolean
e_catalogue_item (const Account *a, County c, Call *call)
{
  call->path = g_strdup_printf ("/api/v1/catalogue/%s/5-2", c == OWN ? "130133" : "130130");
  call->status = c == OWN || g_str_equal (a->role, "city_viewer") ? 200 : 404;
  return TRUE;
}

static gboolean
e_case_create (const Account *a, County c, Call *call)
{
  gboolean may = g_str_equal (a->role, "clerk") || g_str_equal (a->role, "chief") || g_str_equal (a->role, "inspector");

  if (c == OTHER)
    return FALSE;   /* a case is always created in the creator's county */
  call->body = g_strdup ("{\"item\":\"5-2\",\"material_set\":\"in_service\",\"party\":{\"kind\":\"person\","
                         "\"name\":\"矩阵\",\"id_number\":\"11010519491231002X\"}}");
  call->status = may ? 201 : 403;
  return TRUE;
}

static gboolean
e_case_get (const Account *a, County c, Call *call)
{
  call->path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT, c == OWN ? case_own : case_other);
  call->status = c == OWN ? 200 : 404;
  return TRUE;
}

/* Refusing a submitted 5-2 case: clerks and chiefs may; another county's case is not
 * there. Each call gets a fresh case, since a refusal closes it. */
static gboolean
e_case_action (const Account *a, County c, Call *call)
{
  gint64 id = case_other;

  if (c == OWN)
    {
      g_autofree char *clerk_token = ybt_login (URL, "clerk_zx", ybt_fixture_get_password (fx, "clerk_zx"));
      g_autofree char *key = g_strdup_printf ("authz-case-%08x", g_random_int ());
      g_autoptr(YbtResponse) r = ybt_write (URL, "POST", "/api/v1/cases", clerk_token,
                                            "{\"item\":\"5-2\",\"material_set\":\"in_service\",\"party\":{\"kind\":\"person\","
                                            "\"name\":\"矩阵\",\"id_number\":\"11010519491231002X\"}}", key, NULL);
      g_assert_cmpuint (r->status, ==, 201);
      id = json_object_get_int_member (json_node_get_object (r->json), "id");
    }
  call->path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/actions/refuse", id);
  call->body = g_strdup ("{\"reason\":\"权限矩阵测试\"}");
  call->status = c == OTHER ? 404 : g_str_equal (a->role, "clerk") || g_str_equal (a->role, "chief") ? 200 : 403;
  return TRUE;
}

static gboolean
e_document (const Account *a, County c, Call *call)
{
  call->path = g_strdup_printf ("/api/v1/documents/%" G_GINT64_FORMAT, c == OWN ? doc_own : doc_other);
  call->status = c == OWN ? 200 : 404;
  return TRUE;
}

/* Persons: a search finds only the caller's county; one of another county is not found. */
static gboolean
e_person_search (const Account *a, County c, Call *call)
{
  if (c == OTHER)
    return FALSE;
  call->path = g_strdup ("/api/v1/persons?name=%E7%9F%A9%E9%98%B5");   /* 矩阵 */
  call->status = 200;
  return TRUE;
}

static gboolean
e_person_get (const Account *a, County c, Call *call)
{
  static char *ids[2];

  if (ids[c] == NULL)
    ids[c] = sql (c == OWN
                  ? "INSERT INTO persons (region_code, id_number, name, sex, birth_date) VALUES"
                    " ('130133', '130133199001010011', '矩阵', 'M', '1990-01-01') RETURNING id"
                  : "INSERT INTO persons (region_code, id_number, name, sex, birth_date) VALUES"
                    " ('130130', '130130199001010011', '矩阵', 'M', '1990-01-01') RETURNING id");
  call->path = g_strdup_printf ("/api/v1/persons/%s", ids[c]);
  call->status = c == OWN ? 200 : 404;
  return TRUE;
}

static const struct {
  const char *route;   /* "METHOD pattern" */
  Expect      expect;
  gboolean    needs_token;
} matrix[] = {
  { "GET /healthz", e_public, FALSE },
  { "GET /readyz", e_public, FALSE },
  { "GET /metrics", e_public, FALSE },
  { "GET /api/v1/openapi.json", e_public, FALSE },
  { "POST /api/v1/sessions", e_login, FALSE },
  { "DELETE /api/v1/sessions", e_logout, TRUE },
  { "GET /api/v1/me", e_own_only, TRUE },
  { "GET /api/v1/catalogue", e_catalogue, TRUE },
  { "GET /api/v1/catalogue/{region}/{code}", e_catalogue_item, TRUE },
  { "GET /api/v1/users", e_own_only, TRUE },
  { "GET /api/v1/holidays", e_own_only, TRUE },
  { "GET /api/v1/persons", e_person_search, TRUE },
  { "GET /api/v1/persons/{id}", e_person_get, TRUE },
  { "POST /api/v1/cases", e_case_create, TRUE },
  { "GET /api/v1/cases", e_own_only, TRUE },
  { "GET /api/v1/cases/{id}", e_case_get, TRUE },
  { "POST /api/v1/cases/{id}/actions/{action}", e_case_action, TRUE },
  { "GET /api/v1/documents/{id}", e_document, TRUE },
};

/* A concrete path for a pattern, for the anonymous pass. */
static char *
sample_path (const char *pattern)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, case_own);

  {
    g_auto(GStrv) parts = g_strsplit (pattern, "{region}", -1);
    a = g_strjoinv ("130133", parts);
  }
  {
    g_auto(GStrv) parts = g_strsplit (a, "{code}", -1);
    b = g_strjoinv ("5-2", parts);
  }
  {
    g_auto(GStrv) parts = g_strsplit (b, "{id}", -1);
    c = g_strjoinv (id, parts);
  }
  {
    g_auto(GStrv) parts = g_strsplit (c, "{action}", -1);
    return g_strjoinv ("refuse", parts);
  }
}

static void
test_every_route_has_expectations (void)
{
  guint n = 0;
  const YbsRoute *routes = ybs_routes_get (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", routes[i].method, routes[i].pattern);
      gboolean found = FALSE;

      for (guint m = 0; m < G_N_ELEMENTS (matrix) && !found; m++)
        found = g_str_equal (matrix[m].route, name) &&
                matrix[m].needs_token == (routes[i].auth == YBS_AUTH_USER);
      if (!found)
        g_error ("route %s has no (or a wrong) line in the authorisation matrix", name);
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (matrix));
}

/* No token: every authenticated route is 401 and writes nothing; public ones answer. */
static void
test_anonymous (void)
{
  guint n = 0;
  const YbsRoute *routes = ybs_routes_get (&n);
  g_autofree char *before = sql ("SELECT (SELECT count(*) FROM cases) || '/' || (SELECT count(*) FROM case_history)");
  g_autofree char *after = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = sample_path (routes[i].pattern);
      g_autoptr(YbtResponse) r = ybt_write (URL, routes[i].method, path, NULL,
                                            g_str_equal (routes[i].method, "POST") ? "{}" : NULL,
                                            "anonymous-key-1", "1");
      if (routes[i].auth == YBS_AUTH_USER)
        {
          if (r->status != 401)
            g_error ("%s %s without a token answered %u, not 401", routes[i].method, path, r->status);
        }
      else if (g_str_equal (routes[i].method, "GET") && r->status != 200)
        g_error ("public %s %s answered %u", routes[i].method, path, r->status);
    }
  after = sql ("SELECT (SELECT count(*) FROM cases) || '/' || (SELECT count(*) FROM case_history)");
  g_assert_cmpstr (before, ==, after);
}

static void
test_matrix (void)
{
  guint checked = 0;
  guint n = 0;
  const YbsRoute *routes = ybs_routes_get (&n);

  for (guint i = 0; i < n; i++)
    for (guint m = 0; m < G_N_ELEMENTS (matrix); m++)
      {
        g_autofree char *name = g_strdup_printf ("%s %s", routes[i].method, routes[i].pattern);
        if (!g_str_equal (matrix[m].route, name))
          continue;
        for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
          for (County c = OWN; c <= OTHER; c++)
            {
              Call call = { 0 };
              g_autofree char *key = g_strdup_printf ("authz-%u-%u-%u-%08x", i, a, c, g_random_int ());
              g_autoptr(YbtResponse) r = NULL;

              if (!matrix[m].expect (&accounts[a], c, &call))
                continue;
              if (call.path == NULL)
                call.path = g_strdup (routes[i].pattern);
              r = ybt_write (URL, routes[i].method, call.path, matrix[m].needs_token ? accounts[a].token : NULL,
                             call.body, key, g_str_has_suffix (name, "{action}") ? "1" : NULL);
              if (r->status != call.status)
                g_error ("%s as %s (%s county): %u, expected %u: %s", name, accounts[a].role,
                         c == OWN ? "own" : "other", r->status, call.status, r->body);
              checked++;
              g_free (call.path);
              g_free (call.body);
            }
      }
  g_test_message ("%u combinations checked", checked);
  g_assert_cmpuint (checked, >, 50);
}

static void
test_logout_each_role (void)
{
  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    {
      g_autoptr(YbtResponse) out = ybt_request (URL, "DELETE", "/api/v1/sessions", accounts[a].token, NULL, NULL);
      g_autoptr(YbtResponse) after = ybt_request (URL, "GET", "/api/v1/me", accounts[a].token, NULL, NULL);
      g_assert_cmpuint (out->status, ==, 204);
      g_assert_cmpuint (after->status, ==, 401);
    }
}

/* Objects to point at: a case with a document in each county. */
static void
make_objects (void)
{
  const char *users[] = { "clerk_zx", "clerk_wj" };
  gint64 *cases[] = { &case_own, &case_other };
  gint64 *docs[] = { &doc_own, &doc_other };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *token = ybt_login (URL, users[i], ybt_fixture_get_password (fx, users[i]));
      g_autofree char *k1 = g_strdup_printf ("authz-setup-a-%u", i);
      g_autofree char *k2 = g_strdup_printf ("authz-setup-b-%u", i);
      g_autofree char *path = NULL;
      g_autoptr(YbtResponse) made = ybt_write (URL, "POST", "/api/v1/cases", token,
                                               "{\"item\":\"5-2\",\"material_set\":\"in_service\",\"party\":{\"kind\":\"person\","
                                               "\"name\":\"对象\",\"id_number\":\"11010519491231002X\"}}", k1, NULL);
      g_autoptr(YbtResponse) refused = NULL;

      g_assert_cmpuint (made->status, ==, 201);
      *cases[i] = json_object_get_int_member (json_node_get_object (made->json), "id");
      path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/actions/refuse", *cases[i]);
      refused = ybt_write (URL, "POST", path, token, "{\"reason\":\"建立测试对象\"}", k2, "1");
      g_assert_cmpuint (refused->status, ==, 200);
      *docs[i] = json_object_get_int_member (json_array_get_object_element (
                   json_object_get_array_member (json_node_get_object (refused->json), "documents"), 0), "id");
    }
  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    accounts[a].token = ybt_login (URL, accounts[a].username, ybt_fixture_get_password (fx, accounts[a].username));
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
  make_objects ();

  g_test_add_func ("/authz/every-route-listed", test_every_route_has_expectations);
  g_test_add_func ("/authz/anonymous", test_anonymous);
  g_test_add_func ("/authz/matrix", test_matrix);
  g_test_add_func ("/authz/logout", test_logout_each_role);

  rc = g_test_run ();
  ybt_fixture_stop (fx);
  return rc;
}
