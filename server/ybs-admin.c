/* ybs-admin.c: yibao-admin, the administrators' command line: the subcommand table and
 * the commands that act on the database as a whole (migrate, verify-audit, backup,
 * restore). Blocking libpq is right here: it is a one-shot tool, not a server. */
#define G_LOG_DOMAIN "yibao-admin"

#include <gio/gio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ybs-admin.h"
#include "ybs-auth.h"
#include "ybs-config.h"
#include "ybs-migrate.h"

static char *opt_db;
static char *opt_config;

static GOptionEntry common_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_STRING, &opt_db, "libpq connection string (default: the config file's)", "CONNINFO" },
  { "config", 'c', 0, G_OPTION_ARG_FILENAME, &opt_config, "Server settings file (default /etc/yibao/server.conf)", "FILE" },
  { NULL }
};

void
ybs_admin_add_common_options (GOptionContext *context)
{
  GOptionGroup *group = g_option_group_new ("database", "Database options:", "Show the database options", NULL, NULL);

  g_option_group_add_entries (group, common_entries);
  g_option_context_add_group (context, group);
}

gboolean
ybs_admin_parse (GOptionContext *context,
                 int            *argc,
                 char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

char *
ybs_admin_conninfo (GError **error)
{
  g_autoptr(YbsConfig) config = ybs_config_new_defaults ();

  if (opt_db != NULL)
    return g_strdup (opt_db);
  if (!ybs_config_load (config, opt_config, error))
    return NULL;
  return g_strdup (config->conninfo);
}

PGconn *
ybs_admin_connect (GError **error)
{
  g_autofree char *conninfo = ybs_admin_conninfo (error);
  PGconn *pg;

  if (conninfo == NULL)
    return NULL;
  pg = PQconnectdb (conninfo);
  if (PQstatus (pg) != CONNECTION_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "cannot connect to the database (%s): %s",
                   conninfo, g_strstrip (PQerrorMessage (pg)));
      PQfinish (pg);
      return NULL;
    }
  PQexec (pg, "SET client_min_messages = warning");
  return pg;
}

PGresult *
ybs_admin_exec (PGconn      *pg,
                const char  *sql,
                int          n_params,
                const char **params)
{
  PGresult *res = PQexecParams (pg, sql, n_params, NULL, params, NULL, NULL, 0);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      g_printerr ("yibao-admin: %s", PQresultErrorMessage (res));
      PQclear (res);
      return NULL;
    }
  return res;
}

char *
ybs_admin_actor (void)
{
  return g_strdup_printf ("yibao-admin (%s)", g_get_user_name ());
}

gboolean
ybs_admin_audit (PGconn     *pg,
                 const char *region,
                 const char *action,
                 const char *object_type,
                 const char *object_id,
                 const char *detail_json)
{
  g_autofree char *actor = ybs_admin_actor ();
  const char *params[] = { region ? region : "000000", actor, action, object_type, object_id,
                           detail_json ? detail_json : "{}" };
  PGresult *res = ybs_admin_exec (pg, "SELECT yb_audit_append($1, NULL, $2, $3, $4, $5, $6::jsonb)",
                                  G_N_ELEMENTS (params), params);

  PQclear (res);
  return res != NULL;
}

char *
ybs_admin_read_password (const char  *file,
                         const char  *prompt,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  char *newline;

  if (file == NULL && isatty (STDIN_FILENO))
    {
      struct termios old, quiet;
      char line[512];
      gboolean got;

      g_printerr ("%s", prompt);
      tcgetattr (STDIN_FILENO, &old);
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
      got = fgets (line, sizeof line, stdin) != NULL;
      tcsetattr (STDIN_FILENO, TCSANOW, &old);
      g_printerr ("\n");
      if (!got)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no password given");
          return NULL;
        }
      contents = g_strdup (line);
    }
  else if (file == NULL || g_str_equal (file, "-"))
    {
      char line[512];
      if (fgets (line, sizeof line, stdin) == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no password on standard input");
          return NULL;
        }
      contents = g_strdup (line);
    }
  else if (!g_file_get_contents (file, &contents, NULL, error))
    return NULL;

  newline = strpbrk (contents, "\r\n");
  if (newline != NULL)
    *newline = '\0';
  return g_steal_pointer (&contents);
}

/* ------------------------------------------------------------------------------------ */

static void
print_migration (int         version,
                 const char *name,
                 gpointer    data)
{
  g_print ("applying %s\n", name);
}

static int
cmd_migrate (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- apply the schema migrations this program carries");
  g_autoptr(GError) error = NULL;
  gboolean check = FALSE;
  GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "Only check that the database is at this program's version", NULL },
    { NULL }
  };
  PGconn *pg;
  int before;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, NULL);
  ybs_admin_add_common_options (context);
  if (!ybs_admin_parse (context, &argc, &argv))
    return 2;
  if ((pg = ybs_admin_connect (&error)) == NULL)
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return 1;
    }
  if (check)
    {
      ok = ybs_migrate_check (pg, &error);
      if (ok)
        g_print ("schema is at version %d\n", ybs_migrate_known_version ());
    }
  else
    {
      before = ybs_migrate_current_version (pg, NULL);
      ok = ybs_migrate_apply (pg, print_migration, NULL, &error);
      if (ok)
        {
          g_print ("schema is at version %d (was %d)\n", ybs_migrate_known_version (), MAX (before, 0));
          if (before != ybs_migrate_known_version ())
            {
              g_autofree char *detail = g_strdup_printf ("{\"from\":%d,\"to\":%d}", MAX (before, 0),
                                                         ybs_migrate_known_version ());
              ybs_admin_audit (pg, NULL, "schema.migrate", "schema", NULL, detail);
            }
        }
    }
  if (!ok)
    g_printerr ("yibao-admin: %s\n", error->message);
  PQfinish (pg);
  return ok ? 0 : 1;
}

static int
cmd_verify_audit (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- check every county's audit chain for changed, missing or reordered entries");
  g_autoptr(GError) error = NULL;
  PGresult *counts, *problems;
  PGconn *pg;
  int n;

  ybs_admin_add_common_options (context);
  if (!ybs_admin_parse (context, &argc, &argv))
    return 2;
  if ((pg = ybs_admin_connect (&error)) == NULL)
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return 1;
    }
  counts = ybs_admin_exec (pg, "SELECT region_code, count(*), max(seq) FROM audit_log GROUP BY 1 ORDER BY 1", 0, NULL);
  problems = ybs_admin_exec (pg, "SELECT region_code, seq, problem FROM yb_audit_verify()", 0, NULL);
  if (counts == NULL || problems == NULL)
    {
      PQclear (counts);
      PQclear (problems);
      PQfinish (pg);
      return 1;
    }
  for (int i = 0; i < PQntuples (counts); i++)
    g_print ("%s: %s entries\n", PQgetvalue (counts, i, 0), PQgetvalue (counts, i, 1));
  n = PQntuples (problems);
  for (int i = 0; i < n; i++)
    {
      const char *what = PQgetvalue (problems, i, 2);
      g_print ("BROKEN %s #%s: %s\n", PQgetvalue (problems, i, 0), PQgetvalue (problems, i, 1),
               g_str_equal (what, "hash") ? "the entry was changed after it was written" :
               g_str_equal (what, "link") ? "the entry does not follow the one before it" :
               g_str_equal (what, "gap") ? "entries are missing before this one" :
               "the chain head does not match the last entry (entries removed at the end)");
    }
  g_print (n == 0 ? "audit chain verifies\n" : "audit chain BROKEN: %d problem(s)\n", n);
  PQclear (counts);
  PQclear (problems);
  PQfinish (pg);
  return n == 0 ? 0 : 1;
}

static char *
pg_tool (const char *name)
{
  g_autofree char *versioned = g_build_filename ("/usr/lib/postgresql/15/bin", name, NULL);

  if (g_file_test (versioned, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&versioned);
  return g_find_program_in_path (name);
}

static int
run_tool (const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_newv (args, G_SUBPROCESS_FLAGS_NONE, &error);

  if (proc == NULL || !g_subprocess_wait_check (proc, NULL, &error))
    {
      g_printerr ("yibao-admin: %s failed: %s\n", args[0], error->message);
      return 1;
    }
  return 0;
}

static int
cmd_backup (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE - write a consistent backup of the whole database (pg_dump custom format)");
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *tool = pg_tool ("pg_dump");
  g_autofree char *dbarg = NULL;
  int rc;

  ybs_admin_add_common_options (context);
  if (!ybs_admin_parse (context, &argc, &argv))
    return 2;
  if (argc != 2)
    {
      g_printerr ("yibao-admin backup: name the file to write, e.g. yibao-admin backup yibao-%s.dump\n", "20261125");
      return 2;
    }
  if ((conninfo = ybs_admin_conninfo (&error)) == NULL || tool == NULL)
    {
      g_printerr ("yibao-admin: %s\n", error ? error->message : "pg_dump not found (install postgresql-client-15)");
      return 1;
    }
  dbarg = g_strconcat ("--dbname=", conninfo, NULL);
  {
    const char *args[] = { tool, "--format=custom", "--no-owner", "--file", argv[1], dbarg, NULL };
    rc = run_tool (args);
  }
  if (rc == 0)
    g_print ("backup written to %s\n", argv[1]);
  return rc;
}

static int
cmd_restore (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE - replace the database's contents with a backup (in one transaction)");
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *tool = pg_tool ("pg_restore");
  g_autofree char *dbarg = NULL;
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, "Do not ask; the current contents are replaced", NULL },
    { NULL }
  };
  int rc;

  g_option_context_add_main_entries (context, entries, NULL);
  ybs_admin_add_common_options (context);
  if (!ybs_admin_parse (context, &argc, &argv))
    return 2;
  if (argc != 2 || !g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("yibao-admin restore: name an existing backup file\n");
      return 2;
    }
  if (!yes)
    {
      g_printerr ("yibao-admin restore replaces everything in the database; add --yes to go ahead\n");
      return 2;
    }
  if ((conninfo = ybs_admin_conninfo (&error)) == NULL || tool == NULL)
    {
      g_printerr ("yibao-admin: %s\n", error ? error->message : "pg_restore not found (install postgresql-client-15)");
      return 1;
    }
  dbarg = g_strconcat ("--dbname=", conninfo, NULL);
  {
    const char *args[] = { tool, "--clean", "--if-exists", "--no-owner", "--single-transaction",
                           "--exit-on-error", dbarg, argv[1], NULL };
    rc = run_tool (args);
  }
  if (rc == 0)
    g_print ("restored from %s; run `yibao-admin verify-audit` to check the audit chain\n", argv[1]);
  return rc;
}

static int cmd_help (int argc, char **argv);

static const YbsAdminCommand commands[] = {
  { "migrate",        "Apply the schema migrations (or --check the version)", cmd_migrate },
  { "create-user",    "Create a staff account with its county, department and roles", ybs_admin_create_user },
  { "reset-password", "Set a new password, clear a lockout and end the user's sessions", ybs_admin_reset_password },
  { "list-users",     "List staff accounts", ybs_admin_list_users },
  { "verify-audit",   "Check the hash chain of the audit log", cmd_verify_audit },
  { "backup",         "Write a backup of the database to a file", cmd_backup },
  { "restore",        "Replace the database with a backup", cmd_restore },
  { "catalogue",      "Import or check the catalogue of power items (catalogue import FILE)", ybs_admin_catalogue },
  { "holidays",       "Import statutory holidays and make-up days (holidays import FILE…)", ybs_admin_holidays },
  { "demo-load",      "Load the demo counties' accounts, persons and units", ybs_admin_demo_load },
  { "help",           "Show this list", cmd_help },
};

static int
cmd_help (int    argc,
          char **argv)
{
  g_print ("Usage: yibao-admin COMMAND [OPTIONS]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-15s %s\n", commands[i].name, commands[i].summary);
  g_print ("\nEach command takes --help. The database is --db CONNINFO, or [database] conninfo\n"
           "in /etc/yibao/server.conf (--config FILE), or YIBAO_DATABASE_CONNINFO.\n");
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  if (!ybs_auth_init (&error))
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return 1;
    }
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    return cmd_help (argc, argv) == 0 && argc >= 2 ? 0 : 2;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("yibao-admin %s", argv[1]);
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr ("yibao-admin: unknown command \"%s\"; see yibao-admin help\n", argv[1]);
  return 2;
}
