/* ybs-migrate.c: applying and checking schema migrations. */
#define G_LOG_DOMAIN "yibao-migrate"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "ybs-error.h"
#include "ybs-migrate.h"
#include "ybs-schema-resources.h"

#define SCHEMA_PATH "/cn/yibao/schema"

typedef struct {
  int   version;
  char *name;
} Migration;

static void
migration_clear (gpointer p)
{
  g_free (((Migration *) p)->name);
}

static int
compare_migrations (gconstpointer a,
                    gconstpointer b)
{
  return ((const Migration *) a)->version - ((const Migration *) b)->version;
}

/* Referencing the resource keeps the linker from dropping it out of the static library
 * (its constructor alone is not a reference). */
static gpointer
register_schema (gpointer data)
{
  g_resources_register (ybs_schema_get_resource ());
  return NULL;
}

/* The compiled-in files named NNNN_*.sql, in order. */
static GArray *
list_migrations (void)
{
  static GOnce once = G_ONCE_INIT;
  g_auto(GStrv) names = NULL;

  g_once (&once, register_schema, NULL);
  names = g_resources_enumerate_children (SCHEMA_PATH, 0, NULL);
  GArray *list = g_array_new (FALSE, TRUE, sizeof (Migration));

  g_array_set_clear_func (list, migration_clear);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      Migration m = { 0 };
      char *end = NULL;

      if (!g_str_has_suffix (names[i], ".sql"))
        continue;
      m.version = (int) strtol (names[i], &end, 10);
      if (m.version <= 0 || end == NULL || *end != '_')
        continue;
      m.name = g_strdup (names[i]);
      g_array_append_val (list, m);
    }
  g_array_sort (list, compare_migrations);
  return list;
}

int
ybs_migrate_known_version (void)
{
  g_autoptr(GArray) list = list_migrations ();

  return list->len ? g_array_index (list, Migration, list->len - 1).version : 0;
}

static gboolean
exec_ok (PGconn     *pg,
         const char *sql,
         const char *what,
         GError    **error)
{
  PGresult *res = PQexec (pg, sql);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK || PQresultStatus (res) == PGRES_TUPLES_OK;

  if (!ok)
    g_set_error (error, YBS_ERROR, YBS_ERROR_INTERNAL, "%s: %s", what, PQerrorMessage (pg));
  PQclear (res);
  return ok;
}

int
ybs_migrate_current_version (PGconn  *pg,
                             GError **error)
{
  PGresult *res = PQexec (pg, "SELECT coalesce(max(version), 0) FROM schema_migrations");
  int version;

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      const char *state = PQresultErrorField (res, PG_DIAG_SQLSTATE);
      gboolean missing = g_strcmp0 (state, "42P01") == 0;   /* undefined_table */

      if (!missing)
        g_set_error (error, YBS_ERROR, YBS_ERROR_UNAVAILABLE, "cannot read the schema version: %s",
                     PQerrorMessage (pg));
      PQclear (res);
      return missing ? 0 : -1;
    }
  version = atoi (PQgetvalue (res, 0, 0));
  PQclear (res);
  return version;
}

gboolean
ybs_migrate_apply (PGconn  *pg,
                   void   (*progress) (int version, const char *name, gpointer data),
                   gpointer progress_data,
                   GError **error)
{
  g_autoptr(GArray) list = list_migrations ();
  int current;
  gboolean ok = TRUE;

  /* 0x796962616f = "yibao": one migrator at a time, across processes. */
  if (!exec_ok (pg, "SET client_min_messages = warning", "settings", error) ||
      !exec_ok (pg, "SELECT pg_advisory_lock(521112519023)", "taking the migration lock", error) ||
      !exec_ok (pg, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version integer PRIMARY KEY, name text NOT NULL,"
                    " applied_at timestamptz NOT NULL DEFAULT now())", "creating schema_migrations", error))
    return FALSE;

  current = ybs_migrate_current_version (pg, error);
  if (current < 0)
    ok = FALSE;
  else if (current > ybs_migrate_known_version ())
    {
      g_set_error (error, YBS_ERROR, YBS_ERROR_CONFLICT,
                   "the database schema is at version %d, newer than this program knows (%d); "
                   "upgrade yibao before using this database", current, ybs_migrate_known_version ());
      ok = FALSE;
    }

  for (guint i = 0; ok && i < list->len; i++)
    {
      Migration *m = &g_array_index (list, Migration, i);
      g_autofree char *path = NULL;
      g_autoptr(GBytes) sql = NULL;
      g_autofree char *text = NULL;
      g_autofree char *record = NULL;
      g_autofree char *escaped = NULL;

      if (m->version <= current)
        continue;
      path = g_strconcat (SCHEMA_PATH "/", m->name, NULL);
      sql = g_resources_lookup_data (path, 0, error);
      if (sql == NULL)
        {
          ok = FALSE;
          break;
        }
      text = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
      escaped = PQescapeLiteral (pg, m->name, strlen (m->name));
      record = g_strdup_printf ("INSERT INTO schema_migrations (version, name) VALUES (%d, %s)", m->version, escaped);
      if (progress != NULL)
        progress (m->version, m->name, progress_data);
      ok = exec_ok (pg, "BEGIN", m->name, error) &&
           exec_ok (pg, text, m->name, error) &&
           exec_ok (pg, record, m->name, error) &&
           exec_ok (pg, "COMMIT", m->name, error);
      if (!ok)
        exec_ok (pg, "ROLLBACK", "rollback", NULL);
    }

  exec_ok (pg, "SELECT pg_advisory_unlock(521112519023)", "releasing the migration lock", NULL);
  return ok;
}

gboolean
ybs_migrate_check (PGconn  *pg,
                   GError **error)
{
  int known = ybs_migrate_known_version ();
  int current = ybs_migrate_current_version (pg, error);

  if (current < 0)
    return FALSE;
  if (current > known)
    {
      g_set_error (error, YBS_ERROR, YBS_ERROR_CONFLICT,
                   "the database schema is at version %d, newer than this program knows (%d)", current, known);
      return FALSE;
    }
  if (current < known)
    {
      g_set_error (error, YBS_ERROR, YBS_ERROR_CONFLICT,
                   "the database schema is at version %d but this program needs %d: run `yibao-admin migrate`",
                   current, known);
      return FALSE;
    }
  return TRUE;
}
