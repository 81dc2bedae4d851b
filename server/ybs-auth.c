/* ybs-auth.c: password hashing, tokens and session look-up. */
#define G_LOG_DOMAIN "yibao-auth"

#include <sodium.h>
#include <string.h>

#include "ybs-auth.h"
#include "ybs-error.h"

static GMutex hashing_lock;
static GCond  hashing_cond;
static guint  hashing_now;
static guint  hashing_max = 2;

gboolean
ybs_auth_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_INTERNAL, "libsodium could not initialise");
      return FALSE;
    }
  return TRUE;
}

void
ybs_auth_set_max_hashing (guint max)
{
  g_mutex_lock (&hashing_lock);
  hashing_max = MAX (max, 1);
  g_mutex_unlock (&hashing_lock);
}

static gboolean
hashing_enter (void)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean ok = TRUE;

  g_mutex_lock (&hashing_lock);
  while (ok && hashing_now >= hashing_max)
    ok = g_cond_wait_until (&hashing_cond, &hashing_lock, deadline);
  if (ok)
    hashing_now++;
  g_mutex_unlock (&hashing_lock);
  return ok;
}

static void
hashing_leave (void)
{
  g_mutex_lock (&hashing_lock);
  hashing_now--;
  g_cond_signal (&hashing_cond);
  g_mutex_unlock (&hashing_lock);
}

char *
ybs_auth_hash_password (const char *password,
                        GError    **error)
{
  char out[crypto_pwhash_STRBYTES];
  int rc;

  if (!hashing_enter ())
    {
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_TOO_MANY, "登录请求过多，请稍后再试");
      return NULL;
    }
  rc = crypto_pwhash_str (out, password, strlen (password),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
  hashing_leave ();
  if (rc != 0)
    {
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_INTERNAL, "out of memory while hashing a password");
      return NULL;
    }
  return g_strdup (out);
}

gboolean
ybs_auth_verify_password (const char *hash,
                          const char *password)
{
  gboolean ok;

  if (!hashing_enter ())
    return FALSE;
  ok = crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
  hashing_leave ();
  return ok;
}

char *
ybs_auth_new_token (void)
{
  guchar raw[32];
  char out[sodium_base64_ENCODED_LEN (sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (raw, sizeof raw);
  sodium_bin2base64 (out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (raw, sizeof raw);
  return g_strdup (out);
}

char *
ybs_auth_new_password (void)
{
  static const char letters[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  static const char digits[] = "23456789";
  char out[15];

  for (guint i = 0; i < 14; i++)
    {
      /* positions 4 and 9 are digits, so every password has both kinds */
      const char *set = (i == 4 || i == 9) ? digits : letters;
      gsize n = (i == 4 || i == 9) ? sizeof digits - 1 : sizeof letters - 1;
      out[i] = set[randombytes_uniform ((uint32_t) n)];
    }
  out[14] = '\0';
  return g_strdup (out);
}

char *
ybs_auth_token_key (const char *token)
{
  guchar digest[crypto_hash_sha256_BYTES];
  char hex[crypto_hash_sha256_BYTES * 2 + 1];

  crypto_hash_sha256 (digest, (const guchar *) token, strlen (token));
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strconcat ("\\x", hex, NULL);
}

YbsUser *
ybs_auth_lookup_session (YbsDbConn  *conn,
                         const char *token,
                         GError    **error)
{
  g_autofree char *key = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autoptr(YbsUser) user = NULL;
  g_auto(GStrv) roles = NULL;

  if (token == NULL || strlen (token) > 128)
    {
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_UNAUTHORIZED, "需要登录");
      return NULL;
    }

  key = ybs_auth_token_key (token);
  {
    const char *params[] = { key };
    res = ybs_db_exec (conn, "auth_session",
                       "SELECT u.id, u.username, u.display_name, u.region_code, "
                       "       coalesce(u.department_id, 0), "
                       "       coalesce((SELECT string_agg(role_code, ',') FROM user_roles r WHERE r.user_id = u.id), '') "
                       "  FROM sessions s JOIN users u ON u.id = s.user_id "
                       " WHERE s.token_hash = $1::bytea AND s.expires_at > now() AND NOT u.disabled",
                       1, params, error);
  }
  if (res == NULL)
    return NULL;
  if (PQntuples (res) != 1)
    {
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_UNAUTHORIZED, "登录已过期或无效，请重新登录");
      return NULL;
    }

  user = g_new0 (YbsUser, 1);
  user->id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  user->username = g_strdup (PQgetvalue (res, 0, 1));
  user->display_name = g_strdup (PQgetvalue (res, 0, 2));
  g_strlcpy (user->region_code, PQgetvalue (res, 0, 3), sizeof user->region_code);
  user->department_id = g_ascii_strtoll (PQgetvalue (res, 0, 4), NULL, 10);
  roles = g_strsplit (PQgetvalue (res, 0, 5), ",", -1);
  for (guint i = 0; roles[i] != NULL; i++)
    user->roles |= ybs_roles_from_string (roles[i]);
  return g_steal_pointer (&user);
}

void
ybs_auth_check_password_strength (const char *password,
                                  YbProblems *problems,
                                  const char *field)
{
  gboolean digit = FALSE, letter = FALSE;

  if (password == NULL || g_utf8_strlen (password, -1) < 10)
    yb_problems_add (problems, "password.too_short", field, "密码至少需要 10 个字符");
  for (const char *p = password; p != NULL && *p != '\0'; p++)
    {
      digit |= g_ascii_isdigit (*p);
      letter |= g_ascii_isalpha (*p);
    }
  if (password != NULL && !(digit && letter))
    yb_problems_add (problems, "password.too_simple", field, "密码须同时包含字母和数字");
  if (password != NULL && strlen (password) > 256)
    yb_problems_add (problems, "password.too_long", field, "密码不能超过 256 个字符");
}
