/* ybs-migrate.h: the numbered migrations of schema/, compiled in, and the check that the
 * database and this program agree on the schema version. Blocking: used by yibao-admin
 * and by the server before it starts serving. */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* The newest migration this program carries. */
int      ybs_migrate_known_version   (void);
/* The database's version: 0 for an empty database, -1 with @error when unreadable. */
int      ybs_migrate_current_version (PGconn  *pg,
                                      GError **error);
/* Applies every missing migration, each in its own transaction, under an advisory lock
 * so two admins cannot race. Refuses a database newer than this program. */
gboolean ybs_migrate_apply           (PGconn  *pg,
                                      void   (*progress) (int version, const char *name, gpointer data),
                                      gpointer progress_data,
                                      GError **error);
/* FALSE with a clear message unless the database is exactly at the known version. */
gboolean ybs_migrate_check           (PGconn  *pg,
                                      GError **error);

G_END_DECLS
