/* test-cases.c: cases through the API against a real server and PostgreSQL, with the 5-2
 * 职工参保登记 procedure from the catalogue: creating (idempotent), the one-time notice
 * listing every gap, the one-time rule and a chief's override, acceptance with its
 * deadline and notice, review by a second person, refusals, stale versions, other
 * counties, the printed PDFs and their gapless serials, and paging the work queue. */
#include <string.h>

#include "ybt-fixture.h"
#include "ybt-http.h"

static YbtFixture *fx;
static char *clerk, *chief, *clerk_wj;

#define sql(q) ybt_sql (fx, (q))
#define sql_int(q) ybt_sql_int (fx, (q))
#define URL (ybt_fixture_get_base_url (fx))

static char *
new_key (void)
{
  static guint n;
  return g_strdup_printf ("test-%u-%08x", ++n, g_random_int ());
}

static JsonObject *
obj (YbtResponse *r)
{
  g_assert_nonnull (r->json);
  return json_node_get_object (r->json);
}

static gboolean
has_problem (YbtResponse *r,
             const char  *code,
             const char  *field)
{
  JsonArray *errors = json_object_get_array_member (obj (r), "errors");

  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *e = json_array_get_object_element (errors, i);
      if (g_str_equal (json_object_get_string_member (e, "code"), code) &&
          (field == NULL || g_strcmp0 (json_object_get_string_member_with_default (e, "field", NULL), field) == 0))
        return TRUE;
    }
  return FALSE;
}

static const char *person_fields =
  "\"fields\": {\"applicant_name\": \"张三\", \"applicant_id\": \"11010519491231002X\","
  " \"applicant_mobile\": \"13800138000\", \"registration_type\": \"增加\"}";

static YbtResponse *
create_case (const char *token,
             const char *name)
{
  g_autofree char *body = g_strdup_printf ("{\"item\": \"5-2\", \"material_set\": \"in_service\","
                                           " \"party\": {\"kind\": \"person\", \"name\": \"%s\","
                                           " \"id_number\": \"11010519491231002X\", \"phone\": \"13800138000\"}}", name);
  g_autofree char *key = new_key ();
  return ybt_write (URL, "POST", "/api/v1/cases", token, body, key, NULL);
}

static YbtResponse *
act (const char *token,
     gint64      id,
     const char *action,
     const char *body,
     gint64      version)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/actions/%s", id, action);
  g_autofree char *key = new_key ();
  g_autofree char *v = version > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, version) : NULL;
  return ybt_write (URL, "POST", path, token, body, key, v);
}

static gint64
history_len (gint64 id)
{
  g_autofree char *q = g_strdup_printf ("SELECT count(*) FROM case_history WHERE case_id = %" G_GINT64_FORMAT, id);
  return sql_int (q);
}

/* ------------------------------------------------------------------------------------ */

static void
test_create_needs_key_and_valid_party (void)
{
  gint64 before = sql_int ("SELECT count(*) FROM cases");
  g_autoptr(YbtResponse) nokey = ybt_write (URL, "POST", "/api/v1/cases", clerk,
                                            "{\"item\": \"5-2\", \"party\": {\"kind\": \"person\", \"name\": \"张三\","
                                            " \"id_number\": \"11010519491231002X\"}}", NULL, NULL);
  g_autoptr(YbtResponse) bad = ybt_write (URL, "POST", "/api/v1/cases", clerk,
                                          "{\"party\": {\"kind\": \"person\", \"name\": \"\","
                                          " \"id_number\": \"110105194912310021\", \"phone\": \"12345\"}}",
                                          "bad-party-key-1", NULL);

  g_assert_cmpuint (nokey->status, ==, 400);
  g_assert_true (has_problem (nokey, "idempotency.required", NULL));
  /* every problem of the request in one answer */
  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_true (has_problem (bad, "field.required", "item"));
  g_assert_true (has_problem (bad, "field.required", "party.name"));
  g_assert_true (has_problem (bad, "id.checksum", "party.id_number"));
  g_assert_true (has_problem (bad, "mobile.invalid", "party.phone"));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM cases"), ==, before);
}

static void
test_create_is_idempotent (void)
{
  const char *body = "{\"item\": \"5-2\", \"material_set\": \"in_service\", \"party\": {\"kind\": \"person\","
                     " \"name\": \"李四\", \"id_number\": \"11010519491231002X\"}}";
  g_autoptr(YbtResponse) first = ybt_write (URL, "POST", "/api/v1/cases", clerk, body, "create-once-0001", NULL);
  gint64 count = sql_int ("SELECT count(*) FROM cases");
  g_autoptr(YbtResponse) again = ybt_write (URL, "POST", "/api/v1/cases", clerk, body, "create-once-0001", NULL);
  g_autoptr(YbtResponse) other = ybt_write (URL, "POST", "/api/v1/cases", clerk,
                                            "{\"item\": \"5-3\", \"party\": {\"kind\": \"person\", \"name\": \"王五\","
                                            " \"id_number\": \"11010519491231002X\"}}", "create-once-0001", NULL);

  g_assert_cmpuint (first->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (obj (first), "state"), ==, "submitted");
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "ETag"), ==, "\"1\"");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (obj (first), "case_no"), "赵"));
  g_assert_cmpuint (again->status, ==, 201);
  g_assert_cmpint (json_object_get_int_member (obj (again), "id"), ==, json_object_get_int_member (obj (first), "id"));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM cases"), ==, count);
  /* the same key for a different request is refused, and creates nothing */
  g_assert_cmpuint (other->status, ==, 422);
  g_assert_cmpstr (json_object_get_string_member (obj (other), "code"), ==, "idempotency.mismatch");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM cases"), ==, count);
}

/* The whole 5-2 walk, with its bad paths on the way. */
static void
test_walk_5_2 (void)
{
  g_autoptr(YbtResponse) created = create_case (clerk, "张三");
  gint64 id = json_object_get_int_member (obj (created), "id");
  gint64 version = json_object_get_int_member (obj (created), "version");
  g_autofree char *incomplete = g_strdup_printf ("{\"material_set\": \"in_service\", %s, \"materials\":"
                                                 " [{\"id\": \"reg_form\", \"original\": true, \"copies\": 1}]}", person_fields);
  g_autofree char *complete = g_strdup_printf ("{\"material_set\": \"in_service\", %s, \"materials\":"
                                               " [{\"id\": \"reg_form\", \"original\": true, \"sealed\": true, \"copies\": 1},"
                                               "  {\"id\": \"id_copy\", \"copy\": true, \"copies\": 1}]}", person_fields);
  JsonArray *problems, *docs;

  g_assert_cmpuint (created->status, ==, 201);

  /* accepting incomplete materials is refused with every gap, and changes nothing */
  {
    g_autoptr(YbtResponse) r = act (clerk, id, "accept", incomplete, version);
    g_assert_cmpuint (r->status, ==, 400);
    g_assert_true (has_problem (r, "material.seal_required", "reg_form"));
    g_assert_true (has_problem (r, "material.missing", "id_copy"));
    g_assert_cmpint (history_len (id), ==, 1);
  }

  /* the one-time notice: one document listing both gaps */
  {
    g_autoptr(YbtResponse) r = act (clerk, id, "notify_incomplete", incomplete, version);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (obj (r), "state"), ==, "awaiting_correction");
    problems = json_object_get_array_member (json_object_get_object_member (obj (r), "last_notice"), "problems");
    g_assert_cmpuint (json_array_get_length (problems), ==, 2);
    docs = json_object_get_array_member (obj (r), "documents");
    g_assert_cmpuint (json_array_get_length (docs), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (docs, 0), "kind"), ==, "one_time_notice");
    g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (docs, 0), "serial"), "赵医保告〔"));
    version = json_object_get_int_member (obj (r), "version");
    {
      /* the printed notice is a real PDF that names both gaps */
      g_autofree char *path = g_strdup_printf ("/api/v1/documents/%" G_GINT64_FORMAT,
                                               json_object_get_int_member (json_array_get_object_element (docs, 0), "id"));
      g_autoptr(YbtResponse) pdf = ybt_request (URL, "GET", path, clerk, NULL, NULL);
      g_autoptr(YbtResponse) other = ybt_request (URL, "GET", path, clerk_wj, NULL, NULL);
      g_assert_cmpuint (pdf->status, ==, 200);
      g_assert_cmpstr (soup_message_headers_get_content_type (pdf->headers, NULL), ==, "application/pdf");
      g_assert_true (g_str_has_prefix (pdf->body, "%PDF-"));
      g_assert_cmpuint (other->status, ==, 404);
    }
  }

  /* two clerks on one case: the second, still holding the old version, gets 412 */
  {
    g_autoptr(YbtResponse) stale = act (chief, id, "accept", complete, version - 1);
    g_autoptr(YbtResponse) none = act (chief, id, "accept", complete, 0);
    g_assert_cmpuint (stale->status, ==, 412);
    g_assert_cmpuint (none->status, ==, 428);
    g_assert_cmpint (history_len (id), ==, 2);
  }

  /* complete now: accepted, the deadline runs, the acceptance notice is issued */
  {
    g_autoptr(YbtResponse) r = act (clerk, id, "accept", complete, version);
    JsonArray *deadlines;
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (obj (r), "state"), ==, "accepted");
    g_assert_nonnull (json_object_get_string_member (obj (r), "due_on"));
    g_assert_cmpint (json_object_get_int_member (obj (r), "working_days_left"), ==, 5);
    g_assert_cmpstr (json_object_get_string_member (obj (r), "due_status"), ==, "on_time");
    deadlines = json_object_get_array_member (obj (r), "deadlines");
    g_assert_cmpuint (json_array_get_length (deadlines), ==, 1);
    docs = json_object_get_array_member (obj (r), "documents");
    g_assert_cmpuint (json_array_get_length (docs), ==, 2);
    version = json_object_get_int_member (obj (r), "version");
  }

  /* review needs a second person */
  {
    g_autoptr(YbtResponse) same = act (clerk, id, "review", "{}", version);
    g_assert_cmpuint (same->status, ==, 400);
    g_assert_true (has_problem (same, "action.distinct", NULL));
  }
  {
    g_autoptr(YbtResponse) r = act (chief, id, "review", "{}", version);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (obj (r), "state"), ==, "done");
    g_assert_cmpstr (json_object_get_string_member (obj (r), "state_kind"), ==, "closed");
    g_assert_nonnull (json_object_get_string_member (obj (r), "closed_at"));
    version = json_object_get_int_member (obj (r), "version");
  }

  /* nothing more can happen to a closed case */
  {
    g_autoptr(YbtResponse) r = act (chief, id, "accept", complete, version);
    g_assert_cmpuint (r->status, ==, 409);
    g_assert_true (has_problem (r, "action.not_from_state", NULL));
  }
  g_assert_cmpint (history_len (id), ==, 4);

  /* another county does not see it at all */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT, id);
    g_autoptr(YbtResponse) r = ybt_request (URL, "GET", path, clerk_wj, NULL, NULL);
    g_assert_cmpuint (r->status, ==, 404);
  }

  /* the history and the documents cannot be changed afterwards */
  {
    g_autoptr(GError) error = NULL;
    char *v = ybt_fixture_sql (fx, "UPDATE case_history SET actor_name = 'x'", &error);
    g_assert_null (v);
    g_clear_error (&error);
    v = ybt_fixture_sql (fx, "DELETE FROM documents", &error);
    g_assert_null (v);
  }
}

/* A notice that missed a gap (here: a notice issued before a rule was added, simulated
 * by shortening the stored list): the resubmission that reveals the gap without having
 * caused it is blocked, until a chief records an override. */
static void
test_one_time_rule (void)
{
  g_autoptr(YbtResponse) created = create_case (clerk, "赵六");
  gint64 id = json_object_get_int_member (obj (created), "id");
  g_autofree char *incomplete = g_strdup_printf ("{\"material_set\": \"in_service\", %s, \"materials\":"
                                                 " [{\"id\": \"reg_form\", \"original\": true, \"copies\": 1}]}", person_fields);
  g_autofree char *override = g_strdup_printf ("{\"material_set\": \"in_service\", %s, \"materials\":"
                                               " [{\"id\": \"reg_form\", \"original\": true, \"copies\": 1}],"
                                               " \"override\": {\"reason\": \"首次告知遗漏复印件，已向申请人致歉\"}}", person_fields);
  g_autoptr(YbtResponse) first = act (clerk, id, "notify_incomplete", incomplete,
                                      json_object_get_int_member (obj (created), "version"));
  gint64 version = json_object_get_int_member (obj (first), "version");
  g_autofree char *shorten = g_strdup_printf (
    "UPDATE cases SET last_notice = jsonb_set(last_notice, '{problems}',"
    "  (SELECT jsonb_agg(p) FROM jsonb_array_elements(last_notice -> 'problems') p WHERE p ->> 'field' <> 'id_copy'))"
    " WHERE id = %" G_GINT64_FORMAT, id);

  g_assert_cmpuint (first->status, ==, 200);
  g_free (sql (shorten));

  {
    g_autoptr(YbtResponse) r = act (clerk, id, "notify_incomplete", incomplete, version);
    g_assert_cmpuint (r->status, ==, 400);
    g_assert_true (has_problem (r, "notice.unlisted_deficiency", "id_copy"));
    g_assert_cmpint (history_len (id), ==, 2);
  }
  {
    /* a clerk's "override" counts for nothing */
    g_autoptr(YbtResponse) r = act (clerk, id, "notify_incomplete", override, version);
    g_assert_cmpuint (r->status, ==, 400);
  }
  {
    g_autoptr(YbtResponse) r = act (chief, id, "notify_incomplete", override, version);
    JsonArray *history;
    g_assert_cmpuint (r->status, ==, 200);
    history = json_object_get_array_member (obj (r), "history");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 2), "override_reason"),
                     ==, "首次告知遗漏复印件，已向申请人致歉");
  }
}

static void
test_refusal_needs_reason (void)
{
  g_autoptr(YbtResponse) created = create_case (clerk, "钱七");
  gint64 id = json_object_get_int_member (obj (created), "id");
  gint64 version = json_object_get_int_member (obj (created), "version");
  g_autoptr(YbtResponse) bare = act (clerk, id, "refuse", "{}", version);
  g_autoptr(YbtResponse) r = act (clerk, id, "refuse", "{\"reason\": \"该人员已在其他单位参保，不得重复登记\"}", version);
  JsonArray *docs;

  g_assert_cmpuint (bare->status, ==, 400);
  g_assert_true (has_problem (bare, "reason.required", NULL));
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "state"), ==, "refused");
  docs = json_object_get_array_member (obj (r), "documents");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (docs, 0), "kind"), ==, "refusal_notice");
}

/* Serials run per county, kind and year with no gaps, even after refused attempts. */
static void
test_serials_gapless (void)
{
  g_autofree char *gaps = sql ("SELECT count(*) FROM (SELECT kind, year, count(*) AS n, max(serial_no) AS m"
                               "  FROM documents WHERE region_code = '130133' GROUP BY 1, 2) s WHERE n <> m");
  g_assert_cmpstr (gaps, ==, "0");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM documents WHERE kind = 'one_time_notice'"), >=, 3);
}

static void
test_queue_pages (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autofree char *after = NULL;
  gint64 total = sql_int ("SELECT count(*) FROM cases WHERE region_code = '130133'");
  int pages = 0;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(YbtResponse) r = create_case (clerk, "排队");
      g_assert_cmpuint (r->status, ==, 201);
    }
  total += 3;

  do
    {
      g_autofree char *path = after ? g_strdup_printf ("/api/v1/cases?limit=2&after=%s", after)
                                    : g_strdup ("/api/v1/cases?limit=2");
      g_autofree char *escaped = NULL;
      g_autoptr(YbtResponse) r = NULL;
      JsonArray *items;

      if (after != NULL)
        {
          g_autofree char *e = g_uri_escape_string (after, NULL, FALSE);
          g_free (path);
          path = g_strdup_printf ("/api/v1/cases?limit=2&after=%s", e);
        }
      r = ybt_request (URL, "GET", path, clerk, NULL, NULL);
      g_assert_cmpuint (r->status, ==, 200);
      items = json_object_get_array_member (obj (r), "items");
      g_assert_cmpuint (json_array_get_length (items), <=, 2);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          gint64 id = json_object_get_int_member (json_array_get_object_element (items, i), "id");
          g_assert_false (g_hash_table_contains (seen, GSIZE_TO_POINTER (id)));
          g_hash_table_add (seen, GSIZE_TO_POINTER (id));
        }
      g_free (after);
      after = json_object_get_null_member (obj (r), "next") ? NULL : g_strdup (json_object_get_string_member (obj (r), "next"));
      pages++;
    }
  while (after != NULL && pages < 100);

  g_assert_cmpint (g_hash_table_size (seen), ==, total);
  {
    g_autoptr(YbtResponse) bad = ybt_request (URL, "GET", "/api/v1/cases?sort=size&limit=999&due=later", clerk, NULL, NULL);
    g_assert_cmpuint (bad->status, ==, 400);
    g_assert_true (has_problem (bad, "query.sort", "sort"));
    g_assert_true (has_problem (bad, "query.limit", "limit"));
    g_assert_true (has_problem (bad, "query.due", "due"));
  }
  {
    g_autoptr(YbtResponse) employee = ybt_request (URL, "GET", "/api/v1/cases?department=employee&limit=200", clerk, NULL, NULL);
    g_autoptr(YbtResponse) nobody = ybt_request (URL, "GET", "/api/v1/cases?department=nosuch", clerk, NULL, NULL);
    g_autoptr(YbtResponse) bad = ybt_request (URL, "GET", "/api/v1/cases?assignee=abc", clerk, NULL, NULL);
    /* every 5-2 case so far belongs to 职工综合科 */
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (obj (employee), "items")), ==, total);
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (obj (nobody), "items")), ==, 0);
    g_assert_cmpuint (bad->status, ==, 400);
  }
  {
    g_autoptr(YbtResponse) wj = ybt_request (URL, "GET", "/api/v1/cases", clerk_wj, NULL, NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (wj), "items")), ==, 0);
  }
}

static void
test_users_and_inbox (void)
{
  g_autoptr(YbtResponse) inspectors = ybt_request (URL, "GET", "/api/v1/users?role=inspector", clerk, NULL, NULL);
  g_autoptr(YbtResponse) bad_role = ybt_request (URL, "GET", "/api/v1/users?role=janitor", clerk, NULL, NULL);
  g_autoptr(YbtResponse) wj = ybt_request (URL, "GET", "/api/v1/users", clerk_wj, NULL, NULL);
  g_autoptr(YbtResponse) inbox = ybt_request (URL, "GET", "/api/v1/cases?inbox=approvals", chief, NULL, NULL);
  g_autoptr(YbtResponse) bad_inbox = ybt_request (URL, "GET", "/api/v1/cases?inbox=everything", chief, NULL, NULL);
  JsonArray *items;

  g_assert_cmpuint (inspectors->status, ==, 200);
  items = json_object_get_array_member (obj (inspectors), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpuint (bad_role->status, ==, 400);
  /* only the caller's county */
  items = json_object_get_array_member (obj (wj), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpuint (inbox->status, ==, 200);
  g_assert_cmpuint (bad_inbox->status, ==, 400);
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
  clerk = ybt_login (URL, "clerk_zx", ybt_fixture_get_password (fx, "clerk_zx"));
  chief = ybt_login (URL, "chief_zx", ybt_fixture_get_password (fx, "chief_zx"));
  clerk_wj = ybt_login (URL, "clerk_wj", ybt_fixture_get_password (fx, "clerk_wj"));

  g_test_add_func ("/cases/create-key-and-party", test_create_needs_key_and_valid_party);
  g_test_add_func ("/cases/create-idempotent", test_create_is_idempotent);
  g_test_add_func ("/cases/walk-5-2", test_walk_5_2);
  g_test_add_func ("/cases/one-time-rule", test_one_time_rule);
  g_test_add_func ("/cases/refusal", test_refusal_needs_reason);
  g_test_add_func ("/cases/serials", test_serials_gapless);
  g_test_add_func ("/cases/queue", test_queue_pages);
  g_test_add_func ("/cases/users-and-inbox", test_users_and_inbox);

  rc = g_test_run ();
  ybt_fixture_stop (fx);
  return rc;
}
