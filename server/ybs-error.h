/* ybs-error.h: the server's error domain. Each code is one HTTP status, so a handler
 * only says what went wrong and the dispatcher knows how to answer. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define YBS_ERROR (ybs_error_quark ())
GQuark ybs_error_quark (void);

typedef enum {
  YBS_ERROR_BAD_REQUEST,        /* 400 */
  YBS_ERROR_UNAUTHORIZED,       /* 401 */
  YBS_ERROR_FORBIDDEN,          /* 403 */
  YBS_ERROR_NOT_FOUND,          /* 404 */
  YBS_ERROR_METHOD_NOT_ALLOWED, /* 405 */
  YBS_ERROR_CONFLICT,           /* 409 */
  YBS_ERROR_LENGTH_REQUIRED,    /* 411 */
  YBS_ERROR_PRECONDITION,       /* 412 */
  YBS_ERROR_TOO_LARGE,          /* 413 */
  YBS_ERROR_UNSUPPORTED_TYPE,   /* 415 */
  YBS_ERROR_UNPROCESSABLE,      /* 422 */
  YBS_ERROR_LOCKED,             /* 423 */
  YBS_ERROR_PRECONDITION_REQUIRED, /* 428 */
  YBS_ERROR_TOO_MANY,           /* 429 */
  YBS_ERROR_INTERNAL,           /* 500 */
  YBS_ERROR_UNAVAILABLE,        /* 503: the database is out of reach */
} YbsErrorCode;

guint       ybs_error_http_status (YbsErrorCode code);
/* The stable problem code and Chinese title used when a handler gives no better one. */
const char *ybs_error_problem_code (YbsErrorCode code);
const char *ybs_error_title        (YbsErrorCode code);

G_END_DECLS
