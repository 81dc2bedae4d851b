/* ybs-call.h: one API request as a handler sees it, and the answer it builds.
 *
 * The dispatcher fills the request half on the main context; a database handler then
 * runs in a worker thread with only this struct and a connection, never the
 * SoupServerMessage, and the dispatcher writes the answer back on the main context. */
#pragma once

#include <json-glib/json-glib.h>

#include "yb-problems.h"
#include "ybs-config.h"
#include "ybs-db.h"

G_BEGIN_DECLS

typedef enum {
  YBS_ROLE_CLERK       = 1 << 0,
  YBS_ROLE_CHIEF       = 1 << 1,
  YBS_ROLE_INSPECTOR   = 1 << 2,
  YBS_ROLE_SETTLEMENT  = 1 << 3,
  YBS_ROLE_LEADER      = 1 << 4,
  YBS_ROLE_ADMIN       = 1 << 5,
  YBS_ROLE_CITY_VIEWER = 1 << 6,
} YbsRoles;

typedef struct {
  gint64    id;
  char     *username;
  char     *display_name;
  char      region_code[7];
  gint64    department_id;   /* 0 when none */
  YbsRoles  roles;
} YbsUser;

typedef struct _YbsRoute YbsRoute;

typedef struct {
  /* the request; read-only for handlers */
  const YbsRoute  *route;
  const YbsConfig *config;
  char            *method;
  char            *path;
  GHashTable      *path_params;   /* name → value */
  GHashTable      *query;         /* name → value; never NULL */
  JsonNode        *body;          /* parsed JSON object, or NULL */
  char            *token;         /* the bearer token, or NULL */
  char            *idempotency_key; /* Idempotency-Key header, or NULL */
  char            *if_match;      /* If-Match header without quotes, or NULL */
  char            *request_id;
  char            *peer;          /* client address */
  YbsUser         *user;          /* set before the handler runs on authenticated routes */

  /* the answer */
  guint            status;        /* 0 means 200 */
  JsonNode        *reply_json;
  char            *reply_raw;     /* JSON text already built (by PostgreSQL) */
  GBytes          *reply_bytes;   /* anything else, with reply_type */
  char            *reply_type;
  char            *location;
  char            *etag;          /* the answer's ETag (a version number), without quotes */
  char            *problem_code;  /* overrides the error's default code */
  char            *problem_detail;
  YbProblems      *problems;      /* every field problem of a 4xx answer */
  guint            retry_after_s;
} YbsCall;

typedef gboolean (*YbsDbHandler)    (YbsCall   *call,
                                     YbsDbConn *conn,
                                     GError   **error);
typedef gboolean (*YbsLocalHandler) (YbsCall   *call,
                                     gpointer   server,
                                     GError   **error);

typedef enum {
  YBS_AUTH_NONE = 0,   /* anyone */
  YBS_AUTH_USER,       /* a valid session */
} YbsAuth;

struct _YbsRoute {
  const char      *method;
  const char      *pattern;    /* "/api/v1/catalogue/{region}/{code}" */
  YbsAuth          auth;
  YbsRoles         roles;      /* 0: any authenticated user */
  YbsDbHandler     db_handler; /* runs in a worker with a connection ... */
  YbsLocalHandler  local_handler; /* ... or on the main context without one */
  const char      *summary;
};

void        ybs_call_free         (YbsCall    *call);
const char *ybs_call_param        (YbsCall    *call,
                                   const char *name);
const char *ybs_call_query        (YbsCall    *call,
                                   const char *name);
void        ybs_user_free         (YbsUser    *user);
YbsRoles    ybs_roles_from_string (const char *code);
/* JSON array of role codes */
JsonNode   *ybs_roles_to_json     (YbsRoles    roles);

/* Sets a JSON answer. Takes @node. */
void        ybs_call_reply_json   (YbsCall    *call,
                                   guint       status,
                                   JsonNode   *node);
/* Fails the call with @problems (each field problem) as a 400 problem answer. */
gboolean    ybs_call_fail_problems (YbsCall    *call,
                                    YbProblems *problems,
                                    const char *title,
                                    GError    **error);

/* Reading a JSON body: each helper adds a problem instead of failing, so a handler can
 * collect every problem of a request and answer them together. */
const char *ybs_body_string       (YbsCall    *call,
                                   const char *member,
                                   gboolean    required,
                                   gsize       max_chars,
                                   YbProblems *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbsCall, ybs_call_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbsUser, ybs_user_free)

G_END_DECLS
