/* ybs-db.h: the database pool. Each of N worker threads owns one libpq connection and
 * runs jobs on it with plain blocking calls; the result travels back to the caller's
 * main context through GTask. So the server's main loop never waits on PostgreSQL, and
 * a job is free to run a whole transaction. */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct _YbsDb YbsDb;
typedef struct _YbsDbConn YbsDbConn;

/* Runs in a worker thread. Return FALSE with @error set on failure; a job that began a
 * transaction and fails is rolled back for it. */
typedef gboolean (*YbsDbJob) (YbsDbConn *conn,
                              gpointer   data,
                              GError   **error);

YbsDb    *ybs_db_new          (const char          *conninfo,
                               guint                pool_size,
                               guint                statement_timeout_ms);
/* Waits for the jobs already queued, then closes every connection. */
void      ybs_db_free         (YbsDb               *self);
void      ybs_db_run_async    (YbsDb               *self,
                               YbsDbJob             job,
                               gpointer             data,
                               GDestroyNotify       data_destroy,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
gboolean  ybs_db_run_finish   (YbsDb               *self,
                               GAsyncResult        *result,
                               GError             **error);
guint     ybs_db_get_pool_size (YbsDb *self);
guint     ybs_db_get_busy      (YbsDb *self);
guint     ybs_db_get_queued    (YbsDb *self);

/* Inside a job. @name, when given, prepares @sql once per connection and reuses it.
 * Errors: lost connection → YBS_ERROR_UNAVAILABLE; unique violation → YBS_ERROR_CONFLICT;
 * check/foreign-key violation → YBS_ERROR_BAD_REQUEST; anything else → YBS_ERROR_INTERNAL
 * (the SQL message goes to the log, never to the client). */
PGresult *ybs_db_exec         (YbsDbConn           *conn,
                               const char          *name,
                               const char          *sql,
                               int                  n_params,
                               const char * const  *params,
                               GError             **error);
gboolean  ybs_db_begin        (YbsDbConn *conn, GError **error);
gboolean  ybs_db_commit       (YbsDbConn *conn, GError **error);
PGconn   *ybs_db_conn_get_pg  (YbsDbConn *conn);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
