/* ybt-fixture.c: starting and stopping the real back end for tests. Paths of the
 * scripts and binaries come from meson (YBT_* defines). */
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>

#include "ybt-fixture.h"

struct _YbtFixture {
  char        *dir;
  char        *conninfo;
  char        *base_url;
  GHashTable  *passwords;
  GSubprocess *server;
};

static const struct {
  const char *username;
  const char *name;
  const char *region;
  const char *department;
  const char *roles;
} test_accounts[] = {
  { "clerk_zx", "王丽娜", "130133", "employee", "clerk" },
  { "chief_zx", "刘建国", "130133", "employee", "chief" },
  { "clerk2_zx", "赵雪",   "130133", "resident", "clerk" },
  { "inspector_zx", "张志强", "130133", "fund", "inspector" },
  { "inspector2_zx", "李文博", "130133", "fund", "inspector" },
  { "settlement_zx", "陈静", "130133", "centre", "settlement" },
  { "leader_zx", "孙海涛", "130133", "bureau", "leader" },
  { "clerk_wj", "郭晓梅", "130130", "centre",   "clerk" },
  { "chief_wj", "马俊峰", "130130", "fund",     "chief" },
  { "city_sjz", "吴卫东", "130133", NULL,       "city_viewer" },
  { "admin",    "周敏",   "130133", NULL,       "admin" },
};

static gboolean
run (const char * const *argv,
     char              **output,
     int                *status,
     GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL;

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, error))
    return FALSE;
  if (status != NULL)
    *status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
  else if (!g_subprocess_get_successful (proc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed:\n%s", argv[0], out ? out : "");
      return FALSE;
    }
  if (output != NULL)
    *output = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
yb_pg (YbtFixture *self,
       const char *command,
       const char *arg,
       GError    **error)
{
  const char *argv[] = { YBT_SOURCE_DIR "/scripts/yb-pg", command, self->dir, arg, NULL };

  return run (argv, NULL, NULL, error);
}

int
ybt_fixture_admin (YbtFixture  *self,
                   char       **output,
                   const char  *first_arg,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_strconcat ("--db=", self->conninfo, NULL);
  va_list args;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) YBT_ADMIN);
  g_ptr_array_add (argv, (gpointer) first_arg);
  va_start (args, first_arg);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, db);
  g_ptr_array_add (argv, NULL);
  if (!run ((const char * const *) argv->pdata, output, &status, &error))
    g_warning ("yibao-admin: %s", error->message);
  return status;
}

static gboolean
start_server (YbtFixture *self,
              GError    **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  g_autofree char *log = g_build_filename (self->dir, "server.log", NULL);
  const char *argv[] = { YBT_SERVER, "--port=0", "--listen=127.0.0.1", NULL };

  g_autofree char *conf = g_build_filename (self->dir, "server.conf", NULL);

  /* An empty settings file of our own, so a machine's /etc/yibao never leaks in. */
  g_file_set_contents (conf, "[server]\n", -1, NULL);
  g_subprocess_launcher_setenv (launcher, "YIBAO_CONFIG", conf, TRUE);
  g_subprocess_launcher_setenv (launcher, "YIBAO_DATABASE_CONNINFO", self->conninfo, TRUE);
  g_subprocess_launcher_setenv (launcher, "YIBAO_DATABASE_POOL_SIZE", "4", TRUE);
  g_subprocess_launcher_setenv (launcher, "YIBAO_AUTH_LOCKOUT_THRESHOLD", "5", TRUE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  self->server = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (self->server == NULL)
    return FALSE;

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->server));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, error);
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    {
      g_autofree char *contents = NULL;
      g_file_get_contents (log, &contents, NULL, NULL);
      if (error && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "yibao-server did not start:\n%s", contents ? contents : "");
      return FALSE;
    }
  g_free (self->base_url);
  self->base_url = g_strdup (line + strlen ("listening on "));
  if (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  return TRUE;
}

YbtFixture *
ybt_fixture_start (GError **error)
{
  YbtFixture *self = g_new0 (YbtFixture, 1);
  g_autofree char *out = NULL;

  self->passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->dir = g_dir_make_tmp ("yibao-test-XXXXXX", error);
  if (self->dir == NULL)
    goto fail;
  /* The PostgreSQL user (when we are root) must be able to reach the directory. */
  g_chmod (self->dir, 0755);
  if (!yb_pg (self, "init", NULL, error) || !yb_pg (self, "start", NULL, error))
    goto fail;
  {
    const char *argv[] = { YBT_SOURCE_DIR "/scripts/yb-pg", "conninfo", self->dir, NULL };
    if (!run (argv, &out, NULL, error))
      goto fail;
    self->conninfo = g_strstrip (g_steal_pointer (&out));
  }

  if (ybt_fixture_admin (self, &out, "migrate", NULL) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "migrate failed:\n%s", out);
      goto fail;
    }
  g_clear_pointer (&out, g_free);
  if (ybt_fixture_admin (self, &out, "catalogue", "import", YBT_CATALOGUE, NULL) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "catalogue import failed:\n%s", out);
      goto fail;
    }

  g_clear_pointer (&out, g_free);
  if (ybt_fixture_admin (self, &out, "holidays", "import", YBT_SOURCE_DIR "/schema/holidays/2025.json",
                         YBT_SOURCE_DIR "/schema/holidays/2026.json", NULL) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "holidays import failed:\n%s", out);
      goto fail;
    }

  for (guint i = 0; i < G_N_ELEMENTS (test_accounts); i++)
    {
      g_autofree char *password = g_strdup_printf ("Test%sPw%u", test_accounts[i].username, g_random_int () % 100000);
      g_autofree char *file = g_build_filename (self->dir, "pw", NULL);
      int status;

      g_file_set_contents (file, password, -1, NULL);
      g_clear_pointer (&out, g_free);
      if (test_accounts[i].department)
        {
          g_autofree char *dept = g_strconcat ("--department=", test_accounts[i].department, NULL);
          status = ybt_fixture_admin (self, &out, "create-user", "--username", test_accounts[i].username,
                                      "--name", test_accounts[i].name, "--region", test_accounts[i].region,
                                      dept, "--role", test_accounts[i].roles, "--password-file", file, NULL);
        }
      else
        status = ybt_fixture_admin (self, &out, "create-user", "--username", test_accounts[i].username,
                                    "--name", test_accounts[i].name, "--region", test_accounts[i].region,
                                    "--role", test_accounts[i].roles, "--password-file", file, NULL);
      g_unlink (file);
      if (status != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "create-user %s failed:\n%s", test_accounts[i].username, out);
          goto fail;
        }
      g_hash_table_insert (self->passwords, g_strdup (test_accounts[i].username), g_steal_pointer (&password));
    }

  if (!start_server (self, error))
    goto fail;
  return self;

fail:
  ybt_fixture_stop (self);
  return NULL;
}

int
ybt_fixture_server_terminate (YbtFixture *self)
{
  int status;

  if (self->server == NULL)
    return -1;
  g_subprocess_send_signal (self->server, SIGTERM);
  g_subprocess_wait (self->server, NULL, NULL);
  status = g_subprocess_get_if_exited (self->server) ? g_subprocess_get_exit_status (self->server) : -1;
  g_clear_object (&self->server);
  return status;
}

void
ybt_fixture_stop (YbtFixture *self)
{
  if (self == NULL)
    return;
  if (self->server != NULL)
    {
      g_subprocess_force_exit (self->server);
      g_subprocess_wait (self->server, NULL, NULL);
      g_clear_object (&self->server);
    }
  if (self->dir != NULL)
    {
      const char *argv[] = { "rm", "-rf", self->dir, NULL };
      yb_pg (self, "stop", "immediate", NULL);
      if (g_getenv ("YBT_KEEP") == NULL)
        run (argv, NULL, NULL, NULL);
      else
        g_printerr ("# kept %s\n", self->dir);
    }
  g_free (self->dir);
  g_free (self->conninfo);
  g_free (self->base_url);
  g_hash_table_unref (self->passwords);
  g_free (self);
}

const char *
ybt_fixture_get_base_url (YbtFixture *self)
{
  return self->base_url;
}

const char *
ybt_fixture_get_password (YbtFixture *self,
                          const char *username)
{
  return g_hash_table_lookup (self->passwords, username);
}

const char *
ybt_fixture_get_conninfo (YbtFixture *self)
{
  return self->conninfo;
}

const char *
ybt_fixture_get_dir (YbtFixture *self)
{
  return self->dir;
}

char *
ybt_fixture_sql (YbtFixture *self,
                 const char *sql,
                 GError    **error)
{
  PGconn *pg = PQconnectdb (self->conninfo);
  PGresult *res;
  char *value = NULL;

  if (PQstatus (pg) != CONNECTION_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", PQerrorMessage (pg));
      PQfinish (pg);
      return NULL;
    }
  res = PQexec (pg, sql);
  if (PQresultStatus (res) == PGRES_TUPLES_OK)
    value = g_strdup (PQntuples (res) > 0 && PQnfields (res) > 0 ? PQgetvalue (res, 0, 0) : "");
  else if (PQresultStatus (res) == PGRES_COMMAND_OK)
    value = g_strdup ("");
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (pg);
  return value;
}

gboolean
ybt_fixture_db_stop (YbtFixture *self,
                     gboolean    immediate,
                     GError    **error)
{
  return yb_pg (self, "stop", immediate ? "immediate" : "fast", error);
}

gboolean
ybt_fixture_db_start (YbtFixture *self,
                      GError    **error)
{
  return yb_pg (self, "start", NULL, error);
}

char *
ybt_sql (YbtFixture *self,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *value = ybt_fixture_sql (self, sql, &error);

  g_assert_no_error (error);
  return value;
}

gint64
ybt_sql_int (YbtFixture *self,
             const char *sql)
{
  g_autofree char *value = ybt_sql (self, sql);

  return g_ascii_strtoll (value, NULL, 10);
}

void
ybt_fixture_server_kill (YbtFixture *self)
{
  if (self->server == NULL)
    return;
  g_subprocess_force_exit (self->server);
  g_subprocess_wait (self->server, NULL, NULL);
  g_clear_object (&self->server);
}

gboolean
ybt_fixture_server_start (YbtFixture *self,
                          GError    **error)
{
  g_return_val_if_fail (self->server == NULL, FALSE);
  return start_server (self, error);
}
