/* ybc-api-private.h: shared between the files of the REST client (ybc-api.c, the error
 * domain in ybc-api-error.c, the case calls in ybc-api-cases.c). */
#pragma once

#include <libsoup/soup.h>

#include "ybc-api.h"

G_BEGIN_DECLS

GError     *ybc_api_error_new_literal       (YbcApiError  code,
                                             guint        status,
                                             const char  *message);
/* The error for a non-2xx answer, from its application/problem+json body (or from the
 * status alone when the body is not one). */
GError     *ybc_api_error_new_from_response (SoupMessage *msg,
                                             GBytes      *body);
/* @member of @object when it is a string; NULL otherwise (absent, null, not a string). */
const char *ybc_json_string_member          (JsonObject  *object,
                                             const char  *member);

/* Turns a 2xx answer's JSON into the call's result (NULL + @error when it cannot). */
typedef gpointer (*YbcApiParseFunc) (YbcApi    *self,
                                     JsonNode  *node,
                                     GError   **error);

/* One request. With @raw, the task's result is the answer's body as GBytes (a PDF);
 * otherwise @parse's result, or TRUE when @parse is NULL. */
typedef struct {
  const char      *method;
  const char      *path;              /* under the base URL, with its query */
  JsonNode        *body;              /* may be NULL */
  gboolean         authenticated;
  gboolean         raw;
  const char      *idempotency_key;   /* sent as Idempotency-Key when not NULL */
  int              if_match_version;  /* sent as If-Match: "N" when > 0 */
  YbcApiParseFunc  parse;
  GDestroyNotify   free_result;
  gconstpointer    source_tag;
  const char      *name;
} YbcApiRequestSpec;

void        ybc_api_send                    (YbcApi                  *self,
                                             const YbcApiRequestSpec *spec,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);

G_END_DECLS
