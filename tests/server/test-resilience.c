/* test-resilience.c: the database going away under a running server (503 with
 * Retry-After, then recovery by itself), and a clean stop on SIGTERM. */
#include <string.h>

#include "ybt-fixture.h"
#include "ybt-http.h"

static YbtFixture *fx;

#define URL (ybt_fixture_get_base_url (fx))

static void
test_database_restart (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = ybt_login (URL, "clerk_zx", ybt_fixture_get_password (fx, "clerk_zx"));
  gint64 back_at, served_at = 0;

  /* a crash, not a polite shutdown */
  g_assert_true (ybt_fixture_db_stop (fx, TRUE, &error));
  g_assert_no_error (error);

  {
    g_autoptr(YbtResponse) me = ybt_request (URL, "GET", "/api/v1/me", token, NULL, NULL);
    g_autoptr(YbtResponse) ready = ybt_request (URL, "GET", "/readyz", NULL, NULL, NULL);
    g_autoptr(YbtResponse) live = ybt_request (URL, "GET", "/healthz", NULL, NULL, NULL);

    g_assert_cmpuint (me->status, ==, 503);
    g_assert_cmpstr (ybt_json_string (me, "code"), ==, "db.unavailable");
    g_assert_nonnull (soup_message_headers_get_one (me->headers, "Retry-After"));
    g_assert_cmpuint (ready->status, ==, 503);
    /* the process itself is alive and says so */
    g_assert_cmpuint (live->status, ==, 200);
  }

  g_assert_true (ybt_fixture_db_start (fx, &error));
  g_assert_no_error (error);
  back_at = g_get_monotonic_time ();

  /* no restart of the server: it must reconnect by itself, within 5 s */
  while (g_get_monotonic_time () - back_at < 5 * G_USEC_PER_SEC)
    {
      g_autoptr(YbtResponse) me = ybt_request (URL, "GET", "/api/v1/me", token, NULL, NULL);
      if (me->status == 200)
        {
          served_at = g_get_monotonic_time ();
          break;
        }
      g_assert_cmpuint (me->status, ==, 503);
      g_usleep (100 * 1000);
    }
  g_assert_cmpint (served_at, >, 0);
  if (g_test_verbose ())
    g_test_message ("served again %.2f s after the database was back", (served_at - back_at) / 1e6);
}

static void
test_sigterm (void)
{
  g_assert_cmpint (ybt_fixture_server_terminate (fx), ==, 0);
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

  g_test_add_func ("/resilience/database-restart", test_database_restart);
  g_test_add_func ("/resilience/sigterm", test_sigterm);

  rc = g_test_run ();
  ybt_fixture_stop (fx);
  return rc;
}
