/* test-admin.c: yibao-admin against a real database: help for every command, bad input
 * reported in full, idempotent migrations, refusing a newer schema, and a backup that
 * restores every row with the audit chain intact. */
#include <string.h>

#include "yb-ids.h"
#include "ybt-fixture.h"

static YbtFixture *fx;

#define sql(q) ybt_sql (fx, (q))

static int
admin_plain (char      **output,
             const char *const *argv)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, output, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

static void
test_help (void)
{
  const char *commands[] = { "migrate", "create-user", "reset-password", "list-users", "verify-audit",
                             "backup", "restore", "catalogue", "demo-load" };
  g_autofree char *list = NULL;
  const char *argv[] = { YBT_ADMIN, "help", NULL };

  g_assert_cmpint (admin_plain (&list, argv), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;
      const char *help[] = { YBT_ADMIN, commands[i], "--help", NULL };

      g_assert_true (strstr (list, commands[i]) != NULL);
      g_assert_cmpint (admin_plain (&out, help), ==, 0);
      g_assert_true (strstr (out, "Usage:") != NULL);
      g_assert_true (strstr (out, commands[i]) != NULL);
    }
  {
    g_autofree char *out = NULL;
    const char *bad[] = { YBT_ADMIN, "frobnicate", NULL };
    g_assert_cmpint (admin_plain (&out, bad), ==, 2);
    g_assert_true (strstr (out, "unknown command") != NULL);
  }
}

static void
test_create_user_lists_every_problem (void)
{
  g_autofree char *out = NULL;
  g_autofree char *before = sql ("SELECT count(*) FROM users");
  g_autofree char *after = NULL;
  int status = ybt_fixture_admin (fx, &out, "create-user", "--role", "clerk,janitor,boss", NULL);

  g_assert_cmpint (status, ==, 2);
  g_assert_true (strstr (out, "--username is required") != NULL);
  g_assert_true (strstr (out, "--name is required") != NULL);
  g_assert_true (strstr (out, "--region is required") != NULL);
  g_assert_true (strstr (out, "unknown role \"janitor\"") != NULL);
  g_assert_true (strstr (out, "unknown role \"boss\"") != NULL);
  after = sql ("SELECT count(*) FROM users");
  g_assert_cmpstr (before, ==, after);
}

static void
test_create_user_unknown_region (void)
{
  g_autofree char *out = NULL;
  g_autofree char *pw = g_build_filename (ybt_fixture_get_dir (fx), "pw-region", NULL);
  int status;

  g_file_set_contents (pw, "Good-password-123\n", -1, NULL);
  status = ybt_fixture_admin (fx, &out, "create-user", "--username", "ghost", "--name", "某人",
                              "--region", "110101", "--role", "clerk", "--password-file", pw, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (strstr (out, "no county 110101") != NULL);
  g_clear_pointer (&out, g_free);

  g_file_set_contents (pw, "short\n", -1, NULL);
  status = ybt_fixture_admin (fx, &out, "create-user", "--username", "ghost", "--name", "某人",
                              "--region", "130133", "--role", "clerk", "--password-file", pw, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_true (strstr (out, "至少需要 10 个字符") != NULL);
  g_assert_true (strstr (out, "字母和数字") != NULL);
}

static void
test_list_users (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (ybt_fixture_admin (fx, &out, "list-users", "--region", "130130", NULL), ==, 0);
  g_assert_true (strstr (out, "clerk_wj") != NULL);
  g_assert_true (strstr (out, "clerk_zx") == NULL);
}

static void
test_migrate_idempotent_and_newer_schema (void)
{
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;

  g_assert_cmpint (ybt_fixture_admin (fx, &out, "migrate", NULL), ==, 0);
  g_assert_true (strstr (out, "applying") == NULL);
  g_assert_cmpint (ybt_fixture_admin (fx, &out2, "migrate", "--check", NULL), ==, 0);

  /* a database from a newer release: both the admin tool and the server refuse it */
  g_free (sql ("INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future.sql')"));
  g_assert_cmpint (ybt_fixture_admin (fx, &out3, "migrate", NULL), ==, 1);
  g_assert_true (strstr (out3, "newer than this program") != NULL);
  {
    g_autofree char *srv = NULL;
    g_autofree char *db = g_strconcat ("--db=", ybt_fixture_get_conninfo (fx), NULL);
    const char *argv[] = { YBT_SERVER, "--port=0", db, NULL };
    g_assert_cmpint (admin_plain (&srv, argv), ==, 1);
    g_assert_true (strstr (srv, "newer than this program") != NULL);
  }
  g_free (sql ("DELETE FROM schema_migrations WHERE version = 9999"));
}

static void
test_backup_restore (void)
{
  g_autofree char *file = g_build_filename (ybt_fixture_get_dir (fx), "backup.dump", NULL);
  g_autofree char *out = NULL;
  g_autofree char *counts_before = NULL;
  g_autofree char *counts_after = NULL;
  g_autofree char *refuse = NULL;
  const char *counts = "SELECT (SELECT count(*) FROM users) || '/' || (SELECT count(*) FROM items) || '/' ||"
                       "       (SELECT count(*) FROM audit_log) || '/' || (SELECT string_agg(encode(hash, 'hex'), ',' ORDER BY region_code) FROM audit_heads)";

  counts_before = sql (counts);
  g_assert_cmpint (ybt_fixture_admin (fx, &out, "backup", file, NULL), ==, 0);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));

  /* something happens after the backup, and is gone after the restore */
  g_free (sql ("DELETE FROM user_roles WHERE user_id = (SELECT id FROM users WHERE username = 'clerk_wj')"));
  g_free (sql ("DELETE FROM users WHERE username = 'clerk_wj'"));

  g_assert_cmpint (ybt_fixture_admin (fx, &refuse, "restore", file, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ybt_fixture_admin (fx, &out, "restore", "--yes", file, NULL), ==, 0);
  counts_after = sql (counts);
  g_assert_cmpstr (counts_before, ==, counts_after);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (ybt_fixture_admin (fx, &out, "verify-audit", NULL), ==, 0);
}

static void
test_demo_load (void)
{
  g_autofree char *accounts = g_build_filename (ybt_fixture_get_dir (fx), "demo-accounts.txt", NULL);
  g_autofree char *out = NULL, *again = NULL, *bad_ids = NULL, *bad_codes = NULL, *bad_states = NULL;
  g_autofree char *no_history = NULL, *wrong_county = NULL, *counts = NULL, *counts_after = NULL;
  g_autoptr(YbProblems) problems = yb_problems_new ();
  const char *count_sql = "SELECT (SELECT count(*) FROM persons) || '/' || (SELECT count(*) FROM units) || '/' ||"
                          "       (SELECT count(*) FROM cases)";

  g_assert_cmpint (ybt_fixture_admin (fx, &out, "demo-load", "--accounts-file", accounts, "--persons", "300",
                                      "--units", "60", "--cases", "400", NULL), ==, 0);
  counts = sql (count_sql);
  g_assert_cmpstr (counts, ==, "300/60/400");

  /* every generated identifier passes the same validators staff input does */
  bad_ids = sql ("SELECT string_agg(id_number, ',') FROM persons");
  {
    g_auto(GStrv) ids = g_strsplit (bad_ids, ",", -1);
    for (guint i = 0; ids[i] != NULL; i++)
      g_assert_true (yb_resident_id_validate (ids[i], NULL, NULL, problems, "id"));
  }
  bad_codes = sql ("SELECT string_agg(credit_code, ',') FROM units");
  {
    g_auto(GStrv) codes = g_strsplit (bad_codes, ",", -1);
    for (guint i = 0; codes[i] != NULL; i++)
      g_assert_true (yb_credit_code_validate (codes[i], problems, "code"));
  }
  g_assert_true (yb_problems_is_empty (problems));

  /* every case is in a state of its own procedure, has its history, and its party is
   * from its county */
  bad_states = sql ("SELECT count(*) FROM cases c JOIN items i ON i.region_code = c.region_code AND i.code = c.item_code"
                    " WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(i.definition -> 'procedure' -> 'states') s"
                    "                   WHERE s ->> 'id' = c.state AND s ->> 'kind' = c.state_kind)");
  g_assert_cmpstr (bad_states, ==, "0");
  no_history = sql ("SELECT count(*) FROM cases c WHERE (SELECT max(seq) FROM case_history h WHERE h.case_id = c.id) IS NULL"
                    "   OR (SELECT to_state FROM case_history h WHERE h.case_id = c.id ORDER BY seq DESC LIMIT 1) <> c.state");
  g_assert_cmpstr (no_history, ==, "0");
  wrong_county = sql ("SELECT count(*) FROM cases WHERE party_kind = 'person' AND left(party_id_number, 6) <> region_code");
  g_assert_cmpint (g_ascii_strtoll (wrong_county, NULL, 10), <, 20);

  /* running it again changes nothing */
  g_assert_cmpint (ybt_fixture_admin (fx, &again, "demo-load", "--accounts-file", accounts, NULL), ==, 0);
  counts_after = sql (count_sql);
  g_assert_cmpstr (counts, ==, counts_after);
  g_assert_true (strstr (again, "already there") != NULL);
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

  g_test_add_func ("/admin/help", test_help);
  g_test_add_func ("/admin/create-user/every-problem", test_create_user_lists_every_problem);
  g_test_add_func ("/admin/create-user/unknown-region-weak-password", test_create_user_unknown_region);
  g_test_add_func ("/admin/list-users", test_list_users);
  g_test_add_func ("/admin/migrate", test_migrate_idempotent_and_newer_schema);
  g_test_add_func ("/admin/backup-restore", test_backup_restore);
  g_test_add_func ("/admin/demo-load", test_demo_load);

  rc = g_test_run ();
  ybt_fixture_stop (fx);
  return rc;
}
