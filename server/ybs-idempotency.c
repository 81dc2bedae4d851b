/* ybs-idempotency.c: remembering the answer to each keyed write. */
#define G_LOG_DOMAIN "yibao-server"

#include <stdlib.h>
#include <string.h>

#include "ybs-error.h"
#include "ybs-idempotency.h"

static char *
request_hash (YbsCall *call)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *body = call->body ? json_to_string (call->body, FALSE) : g_strdup ("");
  g_autofree char *hex = NULL;

  g_checksum_update (sum, (const guchar *) call->method, -1);
  g_checksum_update (sum, (const guchar *) " ", 1);
  g_checksum_update (sum, (const guchar *) call->path, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) body, -1);
  hex = g_strdup (g_checksum_get_string (sum));
  return g_strconcat ("\\x", hex, NULL);
}

static gboolean
key_is_sane (const char *key)
{
  gsize len = key ? strlen (key) : 0;

  if (len < 8 || len > 128)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == ':'))
      return FALSE;
  return TRUE;
}

gboolean
ybs_idempotency_begin (YbsDbConn *conn,
                       YbsCall   *call,
                       gboolean  *replay,
                       GError   **error)
{
  g_autofree char *user = g_strdup_printf ("%" G_GINT64_FORMAT, call->user->id);
  g_autofree char *hash = NULL;
  g_autoptr(PGresult) claimed = NULL;
  g_autoptr(PGresult) stored = NULL;

  *replay = FALSE;
  if (!key_is_sane (call->idempotency_key))
    {
      call->problems = yb_problems_new ();
      yb_problems_add (call->problems, "idempotency.required", "Idempotency-Key",
                       "写操作须带 Idempotency-Key 请求头（8–128 个字母、数字或 -_.:），用于防止重复提交");
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_BAD_REQUEST, "缺少防重复提交标识");
      return FALSE;
    }
  hash = request_hash (call);
  {
    const char *params[] = { user, call->idempotency_key, hash };
    claimed = ybs_db_exec (conn, "idem_claim",
                           "INSERT INTO idempotency_keys (user_id, key, request_hash, status, response)"
                           " VALUES ($1::bigint, $2, $3::bytea, 0, '') ON CONFLICT DO NOTHING RETURNING 1",
                           3, params, error);
  }
  if (claimed == NULL)
    return FALSE;
  if (PQntuples (claimed) == 1)
    return TRUE;

  {
    const char *params[] = { user, call->idempotency_key, hash };
    stored = ybs_db_exec (conn, "idem_stored",
                          "SELECT request_hash = $3::bytea, status, response FROM idempotency_keys"
                          " WHERE user_id = $1::bigint AND key = $2",
                          3, params, error);
  }
  if (stored == NULL)
    return FALSE;
  if (!g_str_equal (PQgetvalue (stored, 0, 0), "t"))
    {
      call->problem_code = g_strdup ("idempotency.mismatch");
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_UNPROCESSABLE,
                           "该 Idempotency-Key 已用于另一项不同的请求，未予处理");
      return FALSE;
    }
  *replay = TRUE;
  call->status = (guint) atoi (PQgetvalue (stored, 0, 1));
  call->reply_raw = g_strdup (PQgetvalue (stored, 0, 2));
  return TRUE;
}

gboolean
ybs_idempotency_finish (YbsDbConn *conn,
                        YbsCall   *call,
                        GError   **error)
{
  g_autofree char *user = g_strdup_printf ("%" G_GINT64_FORMAT, call->user->id);
  g_autofree char *status = g_strdup_printf ("%u", call->status ? call->status : 200);
  g_autofree char *text = call->reply_raw ? g_strdup (call->reply_raw)
                        : call->reply_json ? json_to_string (call->reply_json, FALSE) : g_strdup ("");
  const char *params[] = { user, call->idempotency_key, status, text };
  g_autoptr(PGresult) res = ybs_db_exec (conn, "idem_finish",
                                         "UPDATE idempotency_keys SET status = $3::int, response = $4"
                                         " WHERE user_id = $1::bigint AND key = $2",
                                         4, params, error);
  return res != NULL;
}
