/* test-durability.c: nothing acknowledged is lost. A writer creates cases as fast as it
 * can, recording each Idempotency-Key and the answer; meanwhile the server is killed
 * with SIGKILL, or PostgreSQL crashes and comes back. Afterwards every acknowledged case
 * is in the database with its history and audit entry, replaying any key gives the
 * first answer, no case is half written, and the audit chain verifies. */
#include <signal.h>
#include <string.h>

#include "ybt-fixture.h"
#include "ybt-http.h"

static YbtFixture *fx;

#define sql(q) ybt_sql (fx, (q))
#define sql_int(q) ybt_sql_int (fx, (q))

typedef struct {
  char       *base_url;
  char       *token;
  GMutex      lock;
  gboolean    stop;
  GHashTable *acked;      /* key → case id (acknowledged with 201) */
  GPtrArray  *unanswered; /* keys whose answer never came or was not 201 */
  guint       sent;
} Writer;

static const char *create_body =
  "{\"item\":\"5-2\",\"material_set\":\"in_service\",\"party\":{\"kind\":\"person\","
  "\"name\":\"耐久\",\"id_number\":\"11010519491231002X\"}}";

/* Its own session: SoupSession is not for sharing between threads. */
static gpointer
writer_main (gpointer data)
{
  Writer *w = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 5, NULL);

  for (guint n = 0; ; n++)
    {
      g_autofree char *key = NULL;
      g_autofree char *url = NULL;
      g_autofree char *auth = NULL;
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) body = g_bytes_new_static (create_body, strlen (create_body));
      g_autoptr(GBytes) reply = NULL;
      gboolean stop;

      g_mutex_lock (&w->lock);
      stop = w->stop;
      url = g_strconcat (w->base_url, "/api/v1/cases", NULL);
      g_mutex_unlock (&w->lock);
      if (stop)
        break;

      key = g_strdup_printf ("durable-%p-%06u", (void *) w, n);
      msg = soup_message_new ("POST", url);
      auth = g_strconcat ("Bearer ", w->token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      reply = soup_session_send_and_read (session, msg, NULL, NULL);

      g_mutex_lock (&w->lock);
      w->sent++;
      if (reply != NULL && soup_message_get_status (msg) == 201)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply), NULL));
          g_hash_table_insert (w->acked, g_strdup (key),
                               GSIZE_TO_POINTER ((gsize) json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "id")));
        }
      else
        g_ptr_array_add (w->unanswered, g_strdup (key));
      g_mutex_unlock (&w->lock);
      if (reply == NULL || soup_message_get_status (msg) != 201)
        g_usleep (20 * 1000);
    }
  return NULL;
}

static Writer *
writer_new (void)
{
  Writer *w = g_new0 (Writer, 1);

  w->base_url = g_strdup (ybt_fixture_get_base_url (fx));
  w->token = ybt_login (w->base_url, "clerk_zx", ybt_fixture_get_password (fx, "clerk_zx"));
  g_mutex_init (&w->lock);
  w->acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->unanswered = g_ptr_array_new_with_free_func (g_free);
  return w;
}

static void
writer_free (Writer *w)
{
  g_free (w->base_url);
  g_free (w->token);
  g_hash_table_unref (w->acked);
  g_ptr_array_unref (w->unanswered);
  g_mutex_clear (&w->lock);
  g_free (w);
}

static void
writer_set_url (Writer     *w,
                const char *url)
{
  g_mutex_lock (&w->lock);
  g_free (w->base_url);
  w->base_url = g_strdup (url);
  g_mutex_unlock (&w->lock);
}

/* Every acknowledged case is whole and findable by its key; replays answer the same. */
static void
check_everything_kept (Writer *w)
{
  GHashTableIter iter;
  gpointer key, id;
  g_autofree char *out = NULL;
  guint replayed = 0;
  const char *url = ybt_fixture_get_base_url (fx);

  g_assert_cmpuint (g_hash_table_size (w->acked), >, 0);
  g_hash_table_iter_init (&iter, w->acked);
  while (g_hash_table_iter_next (&iter, &key, &id))
    {
      g_autofree char *q = g_strdup_printf (
        "SELECT (SELECT count(*) FROM cases WHERE id = %" G_GSIZE_FORMAT ") || '/' ||"
        "       (SELECT count(*) FROM case_history WHERE case_id = %" G_GSIZE_FORMAT ") || '/' ||"
        "       (SELECT count(*) FROM audit_log WHERE action = 'case.create' AND object_id = '%" G_GSIZE_FORMAT "')",
        GPOINTER_TO_SIZE (id), GPOINTER_TO_SIZE (id), GPOINTER_TO_SIZE (id));
      g_autofree char *found = sql (q);
      if (!g_str_equal (found, "1/1/1"))
        g_error ("acknowledged case %" G_GSIZE_FORMAT " (key %s) is not whole: %s", GPOINTER_TO_SIZE (id),
                 (char *) key, found);
      if (replayed++ < 20)
        {
          g_autoptr(YbtResponse) r = ybt_write (url, "POST", "/api/v1/cases", w->token, create_body, key, NULL);
          g_assert_cmpuint (r->status, ==, 201);
          g_assert_cmpint (json_object_get_int_member (json_node_get_object (r->json), "id"), ==, GPOINTER_TO_SIZE (id));
        }
    }
  /* A write whose answer was lost either happened entirely or not at all: its replay
   * now answers, and never makes a second case. */
  for (guint i = 0; i < w->unanswered->len && i < 50; i++)
    {
      gint64 before = sql_int ("SELECT count(*) FROM cases");
      g_autoptr(YbtResponse) first = ybt_write (url, "POST", "/api/v1/cases", w->token, create_body,
                                                g_ptr_array_index (w->unanswered, i), NULL);
      g_autoptr(YbtResponse) second = ybt_write (url, "POST", "/api/v1/cases", w->token, create_body,
                                                 g_ptr_array_index (w->unanswered, i), NULL);
      g_assert_cmpuint (first->status, ==, 201);
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (first->json), "id"), ==,
                       json_object_get_int_member (json_node_get_object (second->json), "id"));
      g_assert_cmpint (sql_int ("SELECT count(*) FROM cases"), <=, before + 1);
    }
  g_assert_cmpint (sql_int ("SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id)"), ==, 0);
  g_assert_cmpint (ybt_fixture_admin (fx, &out, "verify-audit", NULL), ==, 0);
}

static void
test_server_killed_mid_write (void)
{
  g_autoptr(GError) error = NULL;
  Writer *w = writer_new ();
  GThread *thread = g_thread_new ("writer", writer_main, w);

  g_usleep (800 * 1000);
  ybt_fixture_server_kill (fx);
  g_usleep (200 * 1000);
  g_assert_true (ybt_fixture_server_start (fx, &error));
  g_assert_no_error (error);
  writer_set_url (w, ybt_fixture_get_base_url (fx));
  g_usleep (500 * 1000);
  g_mutex_lock (&w->lock);
  w->stop = TRUE;
  g_mutex_unlock (&w->lock);
  g_thread_join (thread);
  g_test_message ("sent %u, acknowledged %u, unanswered %u", w->sent, g_hash_table_size (w->acked), w->unanswered->len);
  check_everything_kept (w);
  writer_free (w);
}

static void
test_database_crash_under_writes (void)
{
  g_autoptr(GError) error = NULL;
  Writer *w = writer_new ();
  GThread *thread = g_thread_new ("writer", writer_main, w);
  guint acked_before;

  g_usleep (500 * 1000);
  g_assert_true (ybt_fixture_db_stop (fx, TRUE, &error));
  g_usleep (300 * 1000);
  g_assert_true (ybt_fixture_db_start (fx, &error));
  g_assert_no_error (error);
  g_mutex_lock (&w->lock);
  acked_before = g_hash_table_size (w->acked);
  g_mutex_unlock (&w->lock);
  /* writes are served again without restarting the server */
  for (int i = 0; i < 50; i++)
    {
      guint now;
      g_usleep (100 * 1000);
      g_mutex_lock (&w->lock);
      now = g_hash_table_size (w->acked);
      g_mutex_unlock (&w->lock);
      if (now > acked_before + 5)
        break;
    }
  g_mutex_lock (&w->lock);
  w->stop = TRUE;
  g_assert_cmpuint (g_hash_table_size (w->acked), >, acked_before);
  g_mutex_unlock (&w->lock);
  g_thread_join (thread);
  g_test_message ("sent %u, acknowledged %u, unanswered %u", w->sent, g_hash_table_size (w->acked), w->unanswered->len);
  check_everything_kept (w);
  writer_free (w);
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

  g_test_add_func ("/durability/server-killed", test_server_killed_mid_write);
  g_test_add_func ("/durability/database-crash", test_database_crash_under_writes);

  rc = g_test_run ();
  ybt_fixture_stop (fx);
  return rc;
}
