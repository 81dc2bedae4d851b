/* ybt-http.h: a small synchronous HTTP client for the server tests (the server runs in
 * another process, so blocking here is fine). */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct {
  guint               status;
  SoupMessageHeaders *headers;   /* response headers */
  JsonNode           *json;      /* parsed body, or NULL */
  char               *body;      /* raw body text */
} YbtResponse;

void         ybt_response_free (YbtResponse *r);
/* @body: JSON text or NULL; @token: bearer token or NULL; @content_type NULL means JSON. */
YbtResponse *ybt_request       (const char *base_url,
                                const char *method,
                                const char *path,
                                const char *token,
                                const char *body,
                                const char *content_type);
/* A write with Idempotency-Key and If-Match (either may be NULL). */
YbtResponse *ybt_write         (const char *base_url,
                                const char *method,
                                const char *path,
                                const char *token,
                                const char *body,
                                const char *idempotency_key,
                                const char *if_match);
/* Logs in and returns the token (asserts success). */
char        *ybt_login         (const char *base_url,
                                const char *username,
                                const char *password);
/* Member lookups on the response's JSON object ("a.b" paths not supported). */
const char  *ybt_json_string   (YbtResponse *r, const char *member);
gint64       ybt_json_int      (YbtResponse *r, const char *member);
/* The codes of errors[] joined by ",", in order. */
char        *ybt_problem_codes (YbtResponse *r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbtResponse, ybt_response_free)

G_END_DECLS
