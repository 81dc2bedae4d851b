/* ybs-route-sessions.c: logging in and out, and who the caller is.
 *
 * A failed login still writes: the failure counter, the lockout, and the audit entry
 * are the record of an attack, so they are committed even though the answer is an
 * error. Nothing else a failed request does is kept.
 */
#define G_LOG_DOMAIN "yibao-auth"

#include "ybs-audit.h"
#include "ybs-auth.h"
#include "ybs-error.h"
#include "ybs-routes.h"

/* Verifying against this keeps an unknown user's answer as slow as a known one's. */
static char *dummy_hash;
static GOnce dummy_once = G_ONCE_INIT;

static gpointer
make_dummy_hash (gpointer data)
{
  dummy_hash = ybs_auth_hash_password ("not a password of anyone", NULL);
  return NULL;
}

static char *
user_json (YbsDbConn *conn,
           gint64     user_id,
           GError   **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, user_id);
  const char *params[] = { id };
  g_autoptr(PGresult) res = ybs_db_exec (conn, "user_json",
    "SELECT json_build_object("
    "  'id', u.id, 'username', u.username, 'display_name', u.display_name,"
    "  'region_code', u.region_code, 'region_name', r.name, 'bureau', r.bureau,"
    "  'department', CASE WHEN d.id IS NULL THEN NULL"
    "                     ELSE json_build_object('code', d.code, 'name', d.name) END,"
    "  'roles', coalesce((SELECT json_agg(role_code ORDER BY role_code) FROM user_roles WHERE user_id = u.id), '[]'))"
    "  FROM users u JOIN regions r ON r.code = u.region_code"
    "  LEFT JOIN departments d ON d.id = u.department_id WHERE u.id = $1::bigint",
    1, params, error);

  if (res == NULL)
    return NULL;
  if (PQntuples (res) != 1)
    {
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_UNAUTHORIZED, "登录已过期或无效，请重新登录");
      return NULL;
    }
  return g_strdup (PQgetvalue (res, 0, 0));
}

static gboolean
record_failure (YbsDbConn  *conn,
                YbsCall    *call,
                const char *region,
                gint64      user_id,
                const char *username,
                const char *reason,
                GError    **error)
{
  g_autofree char *detail = ybs_audit_detail ("username", username, "reason", reason, "peer", call->peer,
                                              "request_id", call->request_id, NULL);

  return ybs_db_begin (conn, error) &&
         ybs_audit_append (conn, region, user_id, username, "auth.login_failed", "user",
                           user_id ? username : NULL, detail, error) &&
         ybs_db_commit (conn, error);
}

gboolean
ybs_route_sessions_create (YbsCall   *call,
                           YbsDbConn *conn,
                           GError   **error)
{
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(PGresult) user = NULL;
  const char *username, *password;
  g_autofree char *id_text = NULL;
  gint64 user_id;
  const char *region;

  if (call->body == NULL)
    {
      yb_problems_add (problems, "field.required", "username", "请输入用户名");
      yb_problems_add (problems, "field.required", "password", "请输入密码");
      return ybs_call_fail_problems (call, problems, "登录信息不完整", error);
    }
  username = ybs_body_string (call, "username", TRUE, 64, problems);
  password = ybs_body_string (call, "password", TRUE, 256, problems);
  if (!yb_problems_is_empty (problems))
    return ybs_call_fail_problems (call, problems, "登录信息不完整", error);

  {
    const char *params[] = { username };
    user = ybs_db_exec (conn, "login_user",
                        "SELECT id, password_hash, disabled, coalesce(locked_until > now(), false),"
                        "       to_char(locked_until AT TIME ZONE 'Asia/Shanghai', 'HH24:MI'), region_code"
                        "  FROM users WHERE username = $1",
                        1, params, error);
  }
  if (user == NULL)
    return FALSE;

  if (PQntuples (user) == 0)
    {
      g_once (&dummy_once, make_dummy_hash, NULL);
      if (dummy_hash != NULL)
        ybs_auth_verify_password (dummy_hash, password);
      if (!record_failure (conn, call, NULL, 0, username, "unknown_user", error))
        return FALSE;
      call->problem_code = g_strdup ("auth.invalid");
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_UNAUTHORIZED, "用户名或密码错误");
      return FALSE;
    }

  id_text = g_strdup (PQgetvalue (user, 0, 0));
  user_id = g_ascii_strtoll (id_text, NULL, 10);
  region = PQgetvalue (user, 0, 5);

  if (g_str_equal (PQgetvalue (user, 0, 3), "t"))
    {
      if (!record_failure (conn, call, region, user_id, username, "locked", error))
        return FALSE;
      call->problem_detail = g_strdup_printf ("连续多次密码错误，账户锁定至 %s，请稍后再试或联系管理员",
                                              PQgetvalue (user, 0, 4));
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_LOCKED, "账户已被临时锁定");
      return FALSE;
    }

  if (g_str_equal (PQgetvalue (user, 0, 2), "t") ||
      !ybs_auth_verify_password (PQgetvalue (user, 0, 1), password))
    {
      g_autofree char *threshold = g_strdup_printf ("%u", call->config->lockout_threshold);
      g_autofree char *lock_s = g_strdup_printf ("%u", call->config->lockout_s);
      const char *params[] = { id_text, threshold, lock_s };
      g_autoptr(PGresult) upd = NULL;
      gboolean disabled = g_str_equal (PQgetvalue (user, 0, 2), "t");

      if (!ybs_db_begin (conn, error))
        return FALSE;
      upd = ybs_db_exec (conn, "login_failed",
                         "UPDATE users SET"
                         "  failed_logins = CASE WHEN failed_logins + 1 >= $2::int THEN 0 ELSE failed_logins + 1 END,"
                         "  locked_until = CASE WHEN failed_logins + 1 >= $2::int"
                         "                      THEN now() + make_interval(secs => $3::int) ELSE locked_until END"
                         " WHERE id = $1::bigint"
                         " RETURNING coalesce(locked_until > now(), false),"
                         "           to_char(locked_until AT TIME ZONE 'Asia/Shanghai', 'HH24:MI')",
                         3, params, error);
      if (upd == NULL)
        return FALSE;
      {
        gboolean now_locked = g_str_equal (PQgetvalue (upd, 0, 0), "t");
        g_autofree char *detail = ybs_audit_detail ("username", username,
                                                    "reason", disabled ? "disabled" : now_locked ? "wrong_password_locked" : "wrong_password",
                                                    "peer", call->peer, "request_id", call->request_id, NULL);
        if (!ybs_audit_append (conn, region, user_id, username, "auth.login_failed", "user", username, detail, error) ||
            !ybs_db_commit (conn, error))
          return FALSE;
        if (now_locked)
          {
            call->problem_detail = g_strdup_printf ("连续多次密码错误，账户锁定至 %s", PQgetvalue (upd, 0, 1));
            g_set_error_literal (error, YBS_ERROR, YBS_ERROR_LOCKED, "账户已被临时锁定");
            return FALSE;
          }
      }
      call->problem_code = g_strdup ("auth.invalid");
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_UNAUTHORIZED, "用户名或密码错误");
      return FALSE;
    }

  {
    g_autofree char *token = ybs_auth_new_token ();
    g_autofree char *key = ybs_auth_token_key (token);
    g_autofree char *ttl = g_strdup_printf ("%u", call->config->session_ttl_s);
    const char *params[] = { key, id_text, ttl };
    g_autoptr(PGresult) ins = NULL;
    g_autoptr(PGresult) reset = NULL;
    g_autofree char *me = NULL;
    g_autofree char *detail = ybs_audit_detail ("peer", call->peer, "request_id", call->request_id, NULL);

    if (!ybs_db_begin (conn, error))
      return FALSE;
    ins = ybs_db_exec (conn, "session_insert",
                       "INSERT INTO sessions (token_hash, user_id, expires_at)"
                       " VALUES ($1::bytea, $2::bigint, now() + make_interval(secs => $3::int))"
                       " RETURNING to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
                       3, params, error);
    if (ins == NULL)
      return FALSE;
    reset = ybs_db_exec (conn, "login_ok",
                         "WITH gone AS (DELETE FROM sessions WHERE user_id = $1::bigint AND expires_at < now())"
                         " UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1::bigint",
                         1, (const char *[]) { id_text }, error);
    if (reset == NULL ||
        !ybs_audit_append (conn, region, user_id, username, "auth.login", "user", username, detail, error))
      return FALSE;
    me = user_json (conn, user_id, error);
    if (me == NULL || !ybs_db_commit (conn, error))
      return FALSE;

    call->status = 201;
    call->reply_raw = g_strdup_printf ("{\"token\":\"%s\",\"expires_at\":\"%s\",\"user\":%s}",
                                       token, PQgetvalue (ins, 0, 0), me);
  }
  return TRUE;
}

gboolean
ybs_route_sessions_delete (YbsCall   *call,
                           YbsDbConn *conn,
                           GError   **error)
{
  g_autofree char *key = ybs_auth_token_key (call->token);
  g_autoptr(PGresult) res = NULL;
  g_autofree char *detail = ybs_audit_detail ("request_id", call->request_id, NULL);

  if (!ybs_db_begin (conn, error))
    return FALSE;
  res = ybs_db_exec (conn, "session_delete", "DELETE FROM sessions WHERE token_hash = $1::bytea",
                     1, (const char *[]) { key }, error);
  if (res == NULL ||
      !ybs_audit_append (conn, call->user->region_code, call->user->id, call->user->username,
                         "auth.logout", "user", call->user->username, detail, error) ||
      !ybs_db_commit (conn, error))
    return FALSE;
  call->status = 204;
  return TRUE;
}

gboolean
ybs_route_me (YbsCall   *call,
              YbsDbConn *conn,
              GError   **error)
{
  call->reply_raw = user_json (conn, call->user->id, error);
  return call->reply_raw != NULL;
}
