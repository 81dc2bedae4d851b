/* ybs-db.c: worker threads with one libpq connection each.
 *
 * Why threads and not non-blocking libpq: a job here is often a transaction of several
 * statements (the write, the history row, the audit row); written as plain sequential
 * code in a worker it stays readable, and GTask hands the result back to the main
 * context, which is the only place a SoupServerMessage is touched.
 */
#define G_LOG_DOMAIN "yibao-db"

#include "ybs-db.h"
#include "ybs-error.h"

struct _YbsDb {
  char        *conninfo;
  GThreadPool *pool;
  guint        pool_size;
  gint         busy;   /* atomic */
};

struct _YbsDbConn {
  YbsDb      *db;
  PGconn     *pg;
  GHashTable *prepared;    /* statement names prepared on this connection */
  guint       statements;  /* sent in the current job */
  gboolean    in_transaction;
};

typedef struct {
  YbsDbJob       job;
  gpointer       data;
  GDestroyNotify data_destroy;
} JobData;

static void
conn_free (gpointer p)
{
  YbsDbConn *conn = p;

  if (conn == NULL)
    return;
  g_clear_pointer (&conn->pg, PQfinish);
  g_clear_pointer (&conn->prepared, g_hash_table_unref);
  g_free (conn);
}

static GPrivate thread_conn = G_PRIVATE_INIT (conn_free);

static void
job_data_free (gpointer p)
{
  JobData *jd = p;

  if (jd->data_destroy != NULL)
    jd->data_destroy (jd->data);
  g_free (jd);
}

/* Server notices (e.g. "relation already exists, skipping") are not the client's business. */
static void
quiet_notice (void *arg, const char *message)
{
  g_debug ("%s", message);
}

static gboolean
conn_ensure (YbsDbConn *conn,
             GError   **error)
{
  if (conn->pg != NULL && PQstatus (conn->pg) == CONNECTION_OK)
    return TRUE;

  g_clear_pointer (&conn->pg, PQfinish);
  g_hash_table_remove_all (conn->prepared);
  conn->pg = PQconnectdb (conn->db->conninfo);
  if (PQstatus (conn->pg) != CONNECTION_OK)
    {
      g_autofree char *msg = g_strstrip (g_strdup (PQerrorMessage (conn->pg)));
      g_warning ("cannot connect to the database: %s", msg);
      g_clear_pointer (&conn->pg, PQfinish);
      g_set_error (error, YBS_ERROR, YBS_ERROR_UNAVAILABLE, "数据库暂时不可用，请稍后重试");
      return FALSE;
    }
  PQsetNoticeProcessor (conn->pg, quiet_notice, NULL);
  return TRUE;
}

static const char *
constraint_or (const PGresult *res,
               const char     *fallback)
{
  const char *name = PQresultErrorField (res, PG_DIAG_CONSTRAINT_NAME);

  return name != NULL ? name : fallback;
}

static void
set_error_from_result (YbsDbConn      *conn,
                       const PGresult *res,
                       GError        **error)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *msg = res ? PQresultErrorMessage (res) : PQerrorMessage (conn->pg);

  if (PQstatus (conn->pg) != CONNECTION_OK || state == NULL ||
      g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    {
      g_warning ("database connection lost: %s", msg);
      g_set_error (error, YBS_ERROR, YBS_ERROR_UNAVAILABLE, "数据库暂时不可用，请稍后重试");
    }
  else if (g_str_equal (state, "57014"))
    {
      g_warning ("statement timeout: %s", msg);
      g_set_error (error, YBS_ERROR, YBS_ERROR_UNAVAILABLE, "数据库繁忙，请稍后重试");
    }
  else if (g_str_equal (state, "23505"))
    g_set_error (error, YBS_ERROR, YBS_ERROR_CONFLICT, "数据已存在：%s",
                 constraint_or (res, ""));
  else if (g_str_has_prefix (state, "23") || g_str_has_prefix (state, "22"))
    {
      g_message ("refused by a database constraint: %s", msg);
      g_set_error (error, YBS_ERROR, YBS_ERROR_BAD_REQUEST, "数据不符合约束：%s",
                   constraint_or (res, state));
    }
  else if (g_str_equal (state, "40001") || g_str_equal (state, "40P01"))
    g_set_error (error, YBS_ERROR, YBS_ERROR_CONFLICT, "并发冲突，请重试");
  else
    {
      g_warning ("query failed (%s): %s", state, msg);
      g_set_error (error, YBS_ERROR, YBS_ERROR_INTERNAL, "服务器内部错误");
    }
}

PGresult *
ybs_db_exec (YbsDbConn          *conn,
             const char         *name,
             const char         *sql,
             int                 n_params,
             const char * const *params,
             GError            **error)
{
  PGresult *res;

  g_return_val_if_fail (conn != NULL && conn->pg != NULL, NULL);

  conn->statements++;
  if (name != NULL && !g_hash_table_contains (conn->prepared, name))
    {
      g_autoptr(PGresult) prep = PQprepare (conn->pg, name, sql, n_params, NULL);
      if (PQresultStatus (prep) != PGRES_COMMAND_OK)
        {
          set_error_from_result (conn, prep, error);
          return NULL;
        }
      g_hash_table_add (conn->prepared, g_strdup (name));
    }

  if (name != NULL)
    res = PQexecPrepared (conn->pg, name, n_params, params, NULL, NULL, 0);
  else
    res = PQexecParams (conn->pg, sql, n_params, NULL, params, NULL, NULL, 0);

  switch (PQresultStatus (res))
    {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
      return res;
    default:
      set_error_from_result (conn, res, error);
      PQclear (res);
      return NULL;
    }
}

gboolean
ybs_db_begin (YbsDbConn *conn,
              GError   **error)
{
  g_autoptr(PGresult) res = ybs_db_exec (conn, NULL, "BEGIN", 0, NULL, error);

  conn->in_transaction = res != NULL;
  return res != NULL;
}

gboolean
ybs_db_commit (YbsDbConn *conn,
               GError   **error)
{
  g_autoptr(PGresult) res = ybs_db_exec (conn, NULL, "COMMIT", 0, NULL, error);

  conn->in_transaction = FALSE;
  return res != NULL;
}

PGconn *
ybs_db_conn_get_pg (YbsDbConn *conn)
{
  return conn->pg;
}

static gboolean
run_job_once (YbsDbConn *conn,
              JobData   *jd,
              GError   **error)
{
  gboolean ok;

  if (!conn_ensure (conn, error))
    return FALSE;

  conn->statements = 0;
  conn->in_transaction = FALSE;
  ok = jd->job (conn, jd->data, error);
  if (conn->in_transaction || PQtransactionStatus (conn->pg) == PQTRANS_INERROR ||
      PQtransactionStatus (conn->pg) == PQTRANS_INTRANS)
    {
      PGresult *res = PQexec (conn->pg, "ROLLBACK");
      PQclear (res);
      conn->in_transaction = FALSE;
    }
  return ok;
}

static void
worker (gpointer task_ptr,
        gpointer user_data)
{
  GTask *task = task_ptr;
  YbsDb *self = user_data;
  JobData *jd = g_task_get_task_data (task);
  YbsDbConn *conn = g_private_get (&thread_conn);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (conn == NULL)
    {
      conn = g_new0 (YbsDbConn, 1);
      conn->db = self;
      conn->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_private_set (&thread_conn, conn);
    }

  g_atomic_int_inc (&self->busy);
  if (g_task_return_error_if_cancelled (task))
    ok = TRUE;
  else
    {
      ok = run_job_once (conn, jd, &error);
      /* A connection that died while idle (the database restarted) fails the job's first
       * statement, before anything could have been committed: one retry on a fresh
       * connection is safe and spares the user a 503 after the database is back. */
      if (!ok && g_error_matches (error, YBS_ERROR, YBS_ERROR_UNAVAILABLE) &&
          conn->statements <= 1 && conn->pg != NULL && PQstatus (conn->pg) != CONNECTION_OK)
        {
          g_clear_error (&error);
          g_clear_pointer (&conn->pg, PQfinish);
          ok = run_job_once (conn, jd, &error);
        }
      if (ok)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
    }
  g_atomic_int_dec_and_test (&self->busy);
  g_object_unref (task);
}

YbsDb *
ybs_db_new (const char *conninfo,
            guint       pool_size,
            guint       statement_timeout_ms)
{
  YbsDb *self = g_new0 (YbsDb, 1);

  /* The timeouts are part of the connection so every statement of every job has them. */
  self->conninfo = g_strdup_printf ("%s connect_timeout=3 application_name=yibao-server "
                                    "options='-c statement_timeout=%u -c idle_in_transaction_session_timeout=60000'",
                                    conninfo, statement_timeout_ms);
  self->pool_size = pool_size;
  self->pool = g_thread_pool_new (worker, self, (int) pool_size, TRUE, NULL);
  return self;
}

void
ybs_db_free (YbsDb *self)
{
  if (self == NULL)
    return;
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_free (self->conninfo);
  g_free (self);
}

void
ybs_db_run_async (YbsDb               *self,
                  YbsDbJob             job,
                  gpointer             data,
                  GDestroyNotify       data_destroy,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  JobData *jd = g_new0 (JobData, 1);

  jd->job = job;
  jd->data = data;
  jd->data_destroy = data_destroy;
  g_task_set_task_data (task, jd, job_data_free);
  g_thread_pool_push (self->pool, task, NULL);
}

gboolean
ybs_db_run_finish (YbsDb        *self,
                   GAsyncResult *result,
                   GError      **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
ybs_db_get_pool_size (YbsDb *self)
{
  return self->pool_size;
}

guint
ybs_db_get_busy (YbsDb *self)
{
  return (guint) g_atomic_int_get (&self->busy);
}

guint
ybs_db_get_queued (YbsDb *self)
{
  return g_thread_pool_unprocessed (self->pool);
}
