/* ybc-api.h: the client's side of the REST API (/api/v1): one SoupSession, the server's
 * base URL, the bearer token, and an _async/_finish pair per call. Every failure that
 * can reach a user comes back as a GError in YBC_API_ERROR whose message is Chinese and
 * complete (the problem's title and every field message); the parts of the
 * application/problem+json body stay reachable through ybc_api_error_get_*(). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "yb-catalogue.h"
#include "ybc-case.h"
#include "ybc-types.h"

G_BEGIN_DECLS

#define YBC_API_ERROR (ybc_api_error_quark ())

typedef enum {
  YBC_API_ERROR_NETWORK,      /* no answer: refused, unreachable, timed out, TLS */
  YBC_API_ERROR_PROTOCOL,     /* an answer we cannot read */
  YBC_API_ERROR_INVALID,      /* 400, 422: errors[] lists every field problem */
  YBC_API_ERROR_UNAUTHORIZED, /* 401: bad credentials, or the token expired */
  YBC_API_ERROR_FORBIDDEN,    /* 403 */
  YBC_API_ERROR_NOT_FOUND,    /* 404 */
  YBC_API_ERROR_CONFLICT,     /* 409, 412 */
  YBC_API_ERROR_TOO_LARGE,    /* 413 */
  YBC_API_ERROR_LOCKED,       /* 423: the account is locked; detail says until when */
  YBC_API_ERROR_RATE_LIMITED, /* 429 */
  YBC_API_ERROR_UNAVAILABLE,  /* 503: server up, database down */
  YBC_API_ERROR_SERVER,       /* any other 5xx */
  YBC_API_ERROR_FAILED,       /* any other status */
} YbcApiError;

GQuark      ybc_api_error_quark            (void);
/* The parts of a problem answer; 0 / NULL when @error is not a YBC_API_ERROR or the
 * answer had no such member. */
guint       ybc_api_error_get_status       (const GError *error);
const char *ybc_api_error_get_code         (const GError *error); /* "auth.invalid" */
const char *ybc_api_error_get_title        (const GError *error);
const char *ybc_api_error_get_detail       (const GError *error);
const char *ybc_api_error_get_request_id   (const GError *error);
guint       ybc_api_error_get_retry_after  (const GError *error); /* seconds */
/* errors[]: every field problem (code, field, message). Never NULL for a YBC_API_ERROR. */
const YbProblems *ybc_api_error_get_problems (const GError *error);
/* The messages of errors[] that name @field, joined; NULL when none does. */
char       *ybc_api_error_dup_field_message (const GError *error,
                                             const char   *field);

#define YBC_TYPE_API (ybc_api_get_type ())
G_DECLARE_FINAL_TYPE (YbcApi, ybc_api, YBC, API, GObject)

YbcApi     *ybc_api_new                (const char  *base_url);
const char *ybc_api_get_base_url       (YbcApi      *self);
/* Returns FALSE (with a Chinese message) unless @base_url is an http(s) URL. */
gboolean    ybc_api_set_base_url       (YbcApi      *self,
                                        const char  *base_url,
                                        GError     **error);
const char *ybc_api_get_token          (YbcApi      *self);
void        ybc_api_set_token          (YbcApi      *self,
                                        const char  *token);
/* Checks and normalises a server address the way set_base_url does; NULL + error when
 * it is not one. */
char       *ybc_api_normalize_base_url (const char  *base_url,
                                        GError     **error);

/* POST /api/v1/sessions. On success the token is kept and used by the other calls. */
void        ybc_api_login_async        (YbcApi              *self,
                                        const char          *username,
                                        const char          *password,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
YbcUser    *ybc_api_login_finish       (YbcApi              *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* DELETE /api/v1/sessions. The token is forgotten at once, whatever the answer. */
void        ybc_api_logout_async       (YbcApi              *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    ybc_api_logout_finish      (YbcApi              *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* GET /api/v1/me */
void        ybc_api_get_me_async       (YbcApi              *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
YbcUser    *ybc_api_get_me_finish      (YbcApi              *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* GET /api/v1/catalogue[?region=R]; @region NULL means the user's own county. */
void        ybc_api_get_catalogue_async  (YbcApi              *self,
                                          const char          *region,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
YbcCatalogue *ybc_api_get_catalogue_finish (YbcApi            *self,
                                            GAsyncResult      *result,
                                            GError           **error);

/* GET /api/v1/catalogue/{region}/{code}. @out_json, when given, receives the item's JSON
 * object as the server sent it (members YbItem has no place for, e.g. time_limit.by_set). */
void        ybc_api_get_item_async     (YbcApi              *self,
                                        const char          *region,
                                        const char          *code,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
YbItem     *ybc_api_get_item_finish    (YbcApi              *self,
                                        GAsyncResult        *result,
                                        JsonNode           **out_json,
                                        GError             **error);

/* ------------------------------------------------------------------ cases (ybc-api-cases.c)
 * Writes carry an Idempotency-Key: make one per user intention with
 * ybc_api_new_idempotency_key() and send the same one again when retrying the same
 * submission, so that a retry after a lost answer does not act twice. */

char       *ybc_api_new_idempotency_key (void);

/* POST /api/v1/cases. @material_set may be NULL; @party is {kind, name, id_number, phone}. */
void        ybc_api_create_case_async  (YbcApi              *self,
                                        const char          *item_code,
                                        const char          *material_set,
                                        JsonObject          *party,
                                        const char          *idempotency_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
YbcCase    *ybc_api_create_case_finish (YbcApi              *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* GET /api/v1/cases/{id} */
void        ybc_api_get_case_async     (YbcApi              *self,
                                        gint64               id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
YbcCase    *ybc_api_get_case_finish    (YbcApi              *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* GET /api/v1/cases?…: one page; @after is the previous page's next (NULL: first page);
 * @limit 0 means the server's default. */
void        ybc_api_list_cases_async   (YbcApi              *self,
                                        const YbcCaseQuery  *query,
                                        const char          *after,
                                        guint                limit,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
YbcCasePage *ybc_api_list_cases_finish (YbcApi              *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* POST /api/v1/cases/{id}/actions/{action} with If-Match: "@version". A 412 (someone
 * else changed the case) comes back as YBC_API_ERROR_CONFLICT with status 412. */
void        ybc_api_case_action_async  (YbcApi              *self,
                                        gint64               id,
                                        const char          *action,
                                        int                  version,
                                        JsonObject          *input,
                                        const char          *idempotency_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
YbcCase    *ybc_api_case_action_finish (YbcApi              *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* GET /api/v1/documents/{id}: the PDF. */
void        ybc_api_get_document_async (YbcApi              *self,
                                        gint64               id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GBytes     *ybc_api_get_document_finish (YbcApi             *self,
                                         GAsyncResult       *result,
                                         GError            **error);

/* GET /api/v1/users[?role=R]: YbcStaff*, owned. */
void        ybc_api_list_users_async   (YbcApi              *self,
                                        const char          *role,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray  *ybc_api_list_users_finish  (YbcApi              *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
