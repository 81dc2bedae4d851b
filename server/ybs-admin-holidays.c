/* ybs-admin-holidays.c: `yibao-admin holidays import FILE…`: the State Council's yearly
 * holiday notice as published data (one JSON file a year). Each file is checked whole by
 * common/ first; a year is replaced in one transaction, so deadlines never see half a
 * year. Servers pick the new calendar up within a minute. */
#define G_LOG_DOMAIN "yibao-admin"

#include <json-glib/json-glib.h>

#include "yb-calendar.h"
#include "ybs-admin.h"

static gboolean
import_file (PGconn     *pg,
             const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbCalendar) check = yb_calendar_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *year = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  JsonObject *root;
  JsonArray *days;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return FALSE;
    }
  if (!yb_calendar_load_json (check, contents, (gssize) length, problems, &error) || !yb_problems_is_empty (problems))
    {
      if (error != NULL)
        g_printerr ("%s: %s\n", path, error->message);
      for (guint i = 0; i < yb_problems_get_len (problems); i++)
        g_printerr ("%s: %s: %s\n", path, yb_problems_get (problems, i)->field ? yb_problems_get (problems, i)->field : "-",
                    yb_problems_get (problems, i)->message);
      return FALSE;
    }
  /* the file is valid: read it again for the rows to store */
  json_parser_load_from_data (parser, contents, (gssize) length, NULL);
  root = json_node_get_object (json_parser_get_root (parser));
  year = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (root, "year"));
  days = json_object_get_array_member (root, "days");

  {
    const char *params[] = { year, basename };
    PGresult *res = ybs_admin_exec (pg, "INSERT INTO holiday_years (year, source) VALUES ($1::int, $2)"
                                        " ON CONFLICT (year) DO UPDATE SET source = $2, imported_at = now()", 2, params);
    if (res == NULL)
      return FALSE;
    PQclear (res);
  }
  for (guint i = 0; i < json_array_get_length (days); i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);
      const char *params[] = { json_object_get_string_member (day, "date"),
                               json_object_get_boolean_member (day, "isOffDay") ? "t" : "f",
                               json_object_get_string_member_with_default (day, "name", ""), year };
      /* A December day in next year's file belongs to that file's notice. */
      PGresult *res = ybs_admin_exec (pg, "INSERT INTO holidays (day, off_day, name, year) VALUES ($1::date, $2::bool, $3, $4::int)"
                                          " ON CONFLICT (day) DO UPDATE SET off_day = $2::bool, name = $3, year = $4::int",
                                      4, params);
      if (res == NULL)
        return FALSE;
      PQclear (res);
    }
  {
    g_autofree char *detail = g_strdup_printf ("{\"year\":%s,\"days\":%u,\"file\":\"%s\"}", year,
                                               json_array_get_length (days), basename);
    if (!ybs_admin_audit (pg, NULL, "holidays.import", "holidays", year, detail))
      return FALSE;
  }
  g_print ("%s: %s, %u days\n", year, basename, json_array_get_length (days));
  return TRUE;
}

int
ybs_admin_holidays (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("import FILE… - load the statutory holidays and make-up working days of whole years");
  g_autoptr(GError) error = NULL;
  PGconn *pg;
  gboolean ok = TRUE;
  PGresult *res;

  ybs_admin_add_common_options (context);
  if (!ybs_admin_parse (context, &argc, &argv))
    return 2;
  if (argc < 3 || !g_str_equal (argv[1], "import"))
    {
      g_printerr ("usage: yibao-admin holidays import FILE… (e.g. shared/data/holidays/2026.json)\n");
      return 2;
    }
  if ((pg = ybs_admin_connect (&error)) == NULL)
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return 1;
    }
  res = ybs_admin_exec (pg, "BEGIN", 0, NULL);
  PQclear (res);
  for (int i = 2; ok && i < argc; i++)
    ok = import_file (pg, argv[i]);
  if (ok)
    {
      res = ybs_admin_exec (pg, "COMMIT", 0, NULL);
      ok = res != NULL;
      PQclear (res);
    }
  if (!ok)
    g_printerr ("yibao-admin: nothing was imported\n");
  PQfinish (pg);
  return ok ? 0 : 1;
}
