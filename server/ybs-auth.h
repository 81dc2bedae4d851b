/* ybs-auth.h: passwords (argon2id through libsodium), session tokens, and finding the
 * user behind a bearer token. */
#pragma once

#include "ybs-call.h"

G_BEGIN_DECLS

/* Call once before any other function here (sodium_init). */
gboolean  ybs_auth_init             (GError    **error);
/* Limits how many argon2id computations run at once (each takes tens of MiB). */
void      ybs_auth_set_max_hashing  (guint       max);
char     *ybs_auth_hash_password    (const char *password,
                                     GError    **error);
gboolean  ybs_auth_verify_password  (const char *hash,
                                     const char *password);
/* A fresh random token (base64url, 43 characters). */
char     *ybs_auth_new_token        (void);
/* A random password people can type: 14 characters, letters and digits, nothing
 * ambiguous (no 0/O, 1/l/I). */
char     *ybs_auth_new_password     (void);
/* The token's SHA-256 as PostgreSQL bytea text ("\x…"), which is all the database keeps. */
char     *ybs_auth_token_key        (const char *token);
/* The user of a live session, or YBS_ERROR_UNAUTHORIZED. */
YbsUser  *ybs_auth_lookup_session   (YbsDbConn  *conn,
                                     const char *token,
                                     GError    **error);
/* The problems of a new password (length, variety); empty when acceptable. */
void      ybs_auth_check_password_strength (const char *password,
                                            YbProblems *problems,
                                            const char *field);

G_END_DECLS
