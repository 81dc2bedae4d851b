/* ybs-main.c: yibao-server's entry point: settings, the schema check, listening. */
#define G_LOG_DOMAIN "yibao-server"

#include <locale.h>
#include <stdio.h>

#include "ybs-auth.h"
#include "ybs-migrate.h"
#include "ybs-server.h"

/* A database that is out of reach at start is not fatal (it may come up later and the
 * server reconnects by itself); one whose schema does not match is, because every
 * answer would be wrong. */
static gboolean
check_schema (const YbsConfig *config,
              GError         **error)
{
  g_autofree char *conninfo = g_strdup_printf ("%s connect_timeout=3", config->conninfo);
  PGconn *pg = PQconnectdb (conninfo);
  gboolean ok = TRUE;

  if (PQstatus (pg) != CONNECTION_OK)
    g_warning ("the database is not reachable yet (%s); serving 503 until it is",
               g_strstrip (PQerrorMessage (pg)));
  else
    ok = ybs_migrate_check (pg, error);
  PQfinish (pg);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbsConfig) config = ybs_config_new_defaults ();
  g_autoptr(YbsServer) server = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *conninfo = NULL;
  int port = -1;
  gboolean version = FALSE;
  gboolean check_config = FALSE;
  GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path, "Settings file (default " YBS_CONFIG_DEFAULT_PATH ")", "FILE" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Address to listen on", "ADDRESS" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port (0 picks a free one)", "PORT" },
    { "db", 0, 0, G_OPTION_ARG_STRING, &conninfo, "libpq connection string", "CONNINFO" },
    { "check-config", 0, 0, G_OPTION_ARG_NONE, &check_config, "Read the settings, print them and exit", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- the yibao REST server");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Settings come from the file, then YIBAO_<GROUP>_<KEY> environment variables\n"
    "(e.g. YIBAO_DATABASE_CONNINFO, YIBAO_SERVER_PORT), then these options.\n");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("yibao-server: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print ("yibao-server %s (schema %d)\n", YB_VERSION, ybs_migrate_known_version ());
      return 0;
    }
  if (!ybs_config_load (config, config_path, &error))
    {
      g_printerr ("yibao-server: %s\n", error->message);
      return 2;
    }
  if (listen != NULL)
    g_free (config->listen_address), config->listen_address = g_steal_pointer (&listen);
  if (conninfo != NULL)
    g_free (config->conninfo), config->conninfo = g_steal_pointer (&conninfo);
  if (port >= 0)
    config->port = (guint) port;

  if (check_config)
    {
      g_print ("listen %s:%u\nmax body %" G_GSIZE_FORMAT " bytes\ndatabase %s (pool %u, statement timeout %u ms)\n"
               "sessions %u s, lockout after %u failures for %u s\n",
               config->listen_address, config->port, config->max_body_bytes, config->conninfo,
               config->pool_size, config->statement_timeout_ms, config->session_ttl_s,
               config->lockout_threshold, config->lockout_s);
      return 0;
    }

  if (!ybs_auth_init (&error) || !check_schema (config, &error))
    {
      g_printerr ("yibao-server: %s\n", error->message);
      return 1;
    }

  server = ybs_server_new (g_steal_pointer (&config));
  if (!ybs_server_listen (server, &error))
    {
      g_printerr ("yibao-server: cannot listen: %s\n", error->message);
      return 1;
    }
  /* The first line on stdout is the address; scripts and tests read it. */
  printf ("listening on %s\n", ybs_server_get_url (server));
  fflush (stdout);
  g_message ("listening on %s", ybs_server_get_url (server));

  ybs_server_run (server);
  return 0;
}
