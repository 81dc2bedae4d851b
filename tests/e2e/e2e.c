/* e2e.c: the end-to-end tests' set-up (fixture, accounts, tokens), dates by the bureau's
 * calendar, and body placeholders (see e2e.h). The steps themselves are in e2e-case.c. */
#include <string.h>

#include "e2e-private.h"

static YbtFixture *fx;
static GHashTable *tokens;      /* username -> bearer token */
static GHashTable *user_ids;    /* username -> id (GINT64 in a pointer-sized box) */
static GHashTable *user_names;  /* username -> display name */
static GHashTable *serials;     /* "region|kind" -> last serial number seen */
static GHashTable *holidays;    /* "YYYY-MM-DD" -> "off" | "work" */

static const char * const accounts[] = {
  "clerk_zx", "clerk2_zx", "chief_zx", "inspector_zx", "inspector2_zx", "settlement_zx",
  "leader_zx", "leader2_zx", "city_sjz", "admin", "clerk_wj", "chief_wj",
};

/* ------------------------------------------------------------------------- dates */

void
e2e_today_date (GDate *out)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) now = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_offset (8 * 3600);
  now = g_date_time_new_now (tz);
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

char *
e2e_iso (const GDate *d)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

char *
e2e_today (void)
{
  GDate d;

  e2e_today_date (&d);
  return e2e_iso (&d);
}

static void
load_holidays (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *days;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  days = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "days");
  for (guint i = 0; i < json_array_get_length (days); i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);
      g_hash_table_insert (holidays, g_strdup (json_object_get_string_member (day, "date")),
                           json_object_get_boolean_member (day, "isOffDay") ? "off" : "work");
    }
}

/* Weekends off unless a make-up day; statutory holidays off (the official lists). */
static gboolean
working_day (const GDate *d)
{
  g_autofree char *key = e2e_iso (d);
  const char *mark = g_hash_table_lookup (holidays, key);

  if (mark != NULL)
    return g_str_equal (mark, "work");
  return g_date_get_weekday (d) < G_DATE_SATURDAY;
}

char *
e2e_due (const char *spec)
{
  GDate d;
  guint n = 0;

  e2e_today_date (&d);
  if (g_str_equal (spec, "spot"))
    return e2e_iso (&d);
  g_assert_true (g_str_has_prefix (spec, "wd") || g_str_has_prefix (spec, "cd"));
  n = (guint) g_ascii_strtoull (spec + 2, NULL, 10);
  if (spec[0] == 'w')
    {
      for (guint counted = 0; counted < n;)
        {
          g_date_add_days (&d, 1);
          if (working_day (&d))
            counted++;
        }
    }
  else
    {
      g_date_add_days (&d, n);
      while (!working_day (&d))
        g_date_add_days (&d, 1);
    }
  return e2e_iso (&d);
}

/* ------------------------------------------------------------------------- set-up */

YbtFixture *
e2e_fixture (void)
{
  return fx;
}

const char *
e2e_url (void)
{
  return ybt_fixture_get_base_url (fx);
}

const char *
e2e_token (const char *username)
{
  const char *token = g_hash_table_lookup (tokens, username);

  if (token == NULL)
    g_error ("no account %s", username);
  return token;
}

gint64
e2e_uid (const char *username)
{
  gint64 *id = g_hash_table_lookup (user_ids, username);

  if (id == NULL)
    g_error ("no user id for %s", username);
  return *id;
}

static void
learn_users (const char *as)
{
  g_autoptr(YbtResponse) r = ybt_request (e2e_url (), "GET", "/api/v1/users", e2e_token (as), NULL, NULL);
  JsonArray *items;

  g_assert_cmpuint (r->status, ==, 200);
  items = json_object_get_array_member (json_node_get_object (r->json), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *u = json_array_get_object_element (items, i);
      gint64 *id = g_new (gint64, 1);

      *id = json_object_get_int_member (u, "id");
      g_hash_table_insert (user_ids, g_strdup (json_object_get_string_member (u, "username")), id);
      g_hash_table_insert (user_names, g_strdup (json_object_get_string_member (u, "username")),
                           g_strdup (json_object_get_string_member (u, "display_name")));
    }
}

void
e2e_init (int    *argc,
          char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *pwfile = NULL;
  int status;

  g_test_init (argc, argv, NULL);
  holidays = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  load_holidays (E2E_SOURCE_DIR "/schema/holidays/2025.json");
  load_holidays (E2E_SOURCE_DIR "/schema/holidays/2026.json");
  tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  user_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  user_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  serials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  fx = ybt_fixture_start (&error);
  g_assert_no_error (error);

  /* A second bureau leader: 6-9 needs the deputy's and the director's approvals from two
   * different leaders. */
  pwfile = g_build_filename (ybt_fixture_get_dir (fx), "pw-leader2", NULL);
  g_file_set_contents (pwfile, "E2eLeader2Pw-7731", -1, &error);
  g_assert_no_error (error);
  status = ybt_fixture_admin (fx, &out, "create-user", "--username", "leader2_zx", "--name", "郑副局长",
                              "--region", "130133", "--department=bureau", "--role", "leader",
                              "--password-file", pwfile, NULL);
  if (status != 0)
    g_error ("create-user leader2_zx: %s", out);

  for (gsize i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      const char *pw = g_str_equal (accounts[i], "leader2_zx") ? "E2eLeader2Pw-7731"
                                                               : ybt_fixture_get_password (fx, accounts[i]);
      g_hash_table_insert (tokens, (gpointer) accounts[i], ybt_login (e2e_url (), accounts[i], pw));
    }
  learn_users ("clerk_zx");
  learn_users ("clerk_wj");
}

int
e2e_run (void)
{
  int rc = g_test_run ();

  ybt_fixture_stop (fx);
  return rc;
}

/* ------------------------------------------------------------------------- helpers */

char *
e2e_expand (const char *body)
{
  GString *s = g_string_new (NULL);
  const char *p = body != NULL ? body : "{}";

  while (*p != '\0')
    {
      const char *start;
      g_autofree char *name = NULL;

      if (*p != '@')
        {
          g_string_append_c (s, *p++);
          continue;
        }
      start = ++p;
      while (g_ascii_isalnum (*p) || *p == '_')
        p++;
      name = g_strndup (start, p - start);
      if (g_str_equal (name, "today"))
        {
          GDate d;
          g_autofree char *text = NULL;

          e2e_today_date (&d);
          if (*p == '+' || *p == '-')
            {
              char *end;
              gint64 n = g_ascii_strtoll (p, &end, 10);
              p = end;
              if (n >= 0)
                g_date_add_days (&d, (guint) n);
              else
                g_date_subtract_days (&d, (guint) -n);
            }
          text = e2e_iso (&d);
          g_string_append (s, text);
        }
      else
        g_string_append_printf (s, "%" G_GINT64_FORMAT, e2e_uid (name));
    }
  return g_string_free (s, FALSE);
}

char *
e2e_new_key (void)
{
  static guint n;
  return g_strdup_printf ("e2e-%u-%08x", ++n, g_random_int ());
}

const char *
e2e_user_name (const char *username)
{
  return g_hash_table_lookup (user_names, username);
}

guint
e2e_next_serial (const char *region,
                 const char *kind)
{
  char *key = g_strconcat (region, "|", kind, NULL);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (serials, key)) + 1;

  g_hash_table_insert (serials, key, GUINT_TO_POINTER (n));
  return n;
}

