/* ybc-api-private.h: shared between ybc-api.c and ybc-api-error.c. */
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

G_END_DECLS
