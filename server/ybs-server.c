/* ybs-server.c: the HTTP side of yibao-server.
 *
 * One dispatcher for every request: size and type checks, route matching, JSON parsing,
 * then either a local handler on the main context or a database handler in a worker
 * (ybs-db.c). Errors from anywhere become one application/problem+json answer. The
 * SoupServerMessage is only ever touched here, on the main context.
 *
 * Client connections (accepting them, the cap, idle ones, SoupServer 3.2's leaks) are
 * ybs-connections.c's business; SO_REUSEPORT workers are ybs-main.c's.
 */
#define G_LOG_DOMAIN "yibao-server"

#include <glib-unix.h>
#include <libsoup/soup.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "ybs-auth.h"
#include "ybs-connections.h"
#include "ybs-error.h"
#include "ybs-routes.h"
#include "ybs-server.h"

struct _YbsServer {
  YbsConfig  *config;
  YbsDb      *db;
  YbsMetrics *metrics;
  SoupServer *soup;
  GMainLoop  *loop;
  char       *url;
  guint       in_flight;
  gboolean    draining;
  gint64      drain_deadline;

  char      **route_labels;   /* "GET /api/v1/cases/{id}", by index in the route table */
  const YbsRoute *routes;
  guint       n_routes;

  GHashTable *sessions;       /* bearer token → CachedSession*, when session_cache_s > 0 */

  YbsConnections *conns;
  guint       housekeeping;
};

/* A session looked up less than [auth] session_cache_seconds ago. */
typedef struct {
  YbsUser *user;
  gint64   until;             /* monotonic µs */
} CachedSession;

typedef struct {
  YbsServer         *server;
  SoupServerMessage *msg;
  YbsCall           *call;
  const char        *route_label;   /* borrowed from the server */
  gint64             started_us;
  gboolean           finished;   /* the connection went away; don't answer */
  gboolean           paused;     /* waiting for a database worker */
  gboolean           cached_user; /* call->user came from the session cache */
  gulong             finished_id;
} Request;

/* ------------------------------------------------------------------------------------ */
/* answering                                                                            */

static void
request_free (Request *req)
{
  if (req->finished_id != 0)
    g_signal_handler_disconnect (req->msg, req->finished_id);
  g_clear_object (&req->msg);
  g_clear_pointer (&req->call, ybs_call_free);
  g_free (req);
}

static void
on_message_finished (SoupServerMessage *msg,
                     gpointer           user_data)
{
  Request *req = user_data;

  req->finished = TRUE;
}

static void
on_any_message_finished (SoupServerMessage *msg,
                         gpointer           user_data)
{
  YbsServer *self = user_data;

  g_assert (self->in_flight > 0);
  self->in_flight--;
  if (self->draining && self->in_flight == 0)
    g_main_loop_quit (self->loop);
}

static void
set_json_body (SoupServerMessage *msg,
               guint              status,
               const char        *content_type,
               char              *text)   /* takes */
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, text, strlen (text));
}

static char *
node_to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static void
answer_problem (SoupServerMessage *msg,
                YbsCall           *call,
                const GError      *error)
{
  YbsErrorCode code = error->domain == YBS_ERROR ? (YbsErrorCode) error->code : YBS_ERROR_INTERNAL;
  guint status = ybs_error_http_status (code);
  const char *problem_code = call && call->problem_code ? call->problem_code : ybs_error_problem_code (code);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "about:blank");
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, error->domain == YBS_ERROR ? error->message : ybs_error_title (YBS_ERROR_INTERNAL));
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, status);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, problem_code);
  if (call != NULL && call->problem_detail != NULL)
    {
      json_builder_set_member_name (b, "detail");
      json_builder_add_string_value (b, call->problem_detail);
    }
  if (call != NULL)
    {
      json_builder_set_member_name (b, "request_id");
      json_builder_add_string_value (b, call->request_id);
    }
  json_builder_set_member_name (b, "errors");
  if (call != NULL && call->problems != NULL)
    json_builder_add_value (b, yb_problems_to_json (call->problems));
  else
    {
      json_builder_begin_array (b);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  if (code == YBS_ERROR_UNAVAILABLE || code == YBS_ERROR_TOO_MANY)
    {
      char seconds[16];
      g_snprintf (seconds, sizeof seconds, "%u", call && call->retry_after_s ? call->retry_after_s : 2);
      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  if (status >= 500 && error->domain != YBS_ERROR)
    g_warning ("request %s failed: %s", call ? call->request_id : "-", error->message);
  set_json_body (msg, status, "application/problem+json", node_to_text (root));
}

static void
answer_call (SoupServerMessage *msg,
             YbsCall           *call)
{
  guint status = call->status ? call->status : SOUP_STATUS_OK;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (call->location != NULL)
    soup_message_headers_replace (headers, "Location", call->location);
  if (call->etag != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", call->etag);
      soup_message_headers_replace (headers, "ETag", quoted);
    }
  if (call->reply_bytes != NULL)
    {
      gsize len = 0;
      gconstpointer data = g_bytes_get_data (call->reply_bytes, &len);
      soup_server_message_set_status (msg, status, NULL);
      soup_server_message_set_response (msg, call->reply_type, SOUP_MEMORY_COPY, data, len);
    }
  else if (call->reply_raw != NULL)
    set_json_body (msg, status, "application/json", g_steal_pointer (&call->reply_raw));
  else if (call->reply_json != NULL)
    set_json_body (msg, status, "application/json", node_to_text (call->reply_json));
  else
    soup_server_message_set_status (msg, status == SOUP_STATUS_OK ? SOUP_STATUS_NO_CONTENT : status, NULL);
}

static void
finish_request (Request      *req,
                const GError *error)
{
  if (!req->finished)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

      soup_message_headers_replace (headers, "X-Request-Id", req->call->request_id);
      soup_message_headers_replace (headers, "Cache-Control", "no-store");
      if (req->server->draining)
        soup_message_headers_replace (headers, "Connection", "close");
      if (error != NULL)
        answer_problem (req->msg, req->call, error);
      else
        answer_call (req->msg, req->call);
      ybs_metrics_observe (req->server->metrics, req->route_label,
                           soup_server_message_get_status (req->msg),
                           g_get_monotonic_time () - req->started_us);
      if (req->paused)
        soup_server_message_unpause (req->msg);
    }
  request_free (req);
}

/* ------------------------------------------------------------------------------------ */
/* the session cache                                                                    */

/* Off by default. When on, a token looked up in the database is trusted for that many
 * seconds by this process without asking again, which takes the second query off every
 * request. The price: a logout, an expiry or a disabled account reaches the other worker
 * processes only when their entry runs out. A logout through this process, and any
 * "not logged in" answer, drop the entry at once. The cache lives on the main context
 * only: the worker threads never see it. */

static YbsUser *
user_copy (const YbsUser *user)
{
  YbsUser *copy = g_new0 (YbsUser, 1);

  copy->id = user->id;
  copy->username = g_strdup (user->username);
  copy->display_name = g_strdup (user->display_name);
  memcpy (copy->region_code, user->region_code, sizeof copy->region_code);
  copy->department_id = user->department_id;
  copy->roles = user->roles;
  return copy;
}

static void
cached_session_free (gpointer p)
{
  CachedSession *cs = p;

  ybs_user_free (cs->user);
  g_free (cs);
}

static void
token_free (gpointer p)
{
  char *token = p;

  memset (token, 0, strlen (token));
  g_free (token);
}

static void
session_cache_lookup (YbsServer *self,
                      Request   *req)
{
  CachedSession *cs;

  if (self->sessions == NULL || req->call->token == NULL || req->call->route->auth != YBS_AUTH_USER)
    return;
  cs = g_hash_table_lookup (self->sessions, req->call->token);
  if (cs == NULL)
    return;
  if (cs->until < g_get_monotonic_time ())
    {
      g_hash_table_remove (self->sessions, req->call->token);
      return;
    }
  req->call->user = user_copy (cs->user);
  req->cached_user = TRUE;
}

static void
session_cache_update (YbsServer    *self,
                      Request      *req,
                      const GError *error)
{
  YbsCall *call = req->call;
  CachedSession *cs;

  if (self->sessions == NULL || call->token == NULL || call->route->auth != YBS_AUTH_USER)
    return;
  if (g_error_matches (error, YBS_ERROR, YBS_ERROR_UNAUTHORIZED) ||
      call->route->db_handler == ybs_route_sessions_delete)
    {
      g_hash_table_remove (self->sessions, call->token);
      return;
    }
  if (req->cached_user || call->user == NULL)
    return;
  if (g_hash_table_size (self->sessions) >= 10000)
    g_hash_table_remove_all (self->sessions);
  cs = g_new0 (CachedSession, 1);
  cs->user = user_copy (call->user);
  cs->until = g_get_monotonic_time () + (gint64) self->config->session_cache_s * G_USEC_PER_SEC;
  g_hash_table_replace (self->sessions, g_strdup (call->token), cs);
}

static void
session_cache_expire (YbsServer *self)
{
  GHashTableIter iter;
  gpointer value;
  gint64 now = g_get_monotonic_time ();

  if (self->sessions == NULL)
    return;
  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((CachedSession *) value)->until < now)
      g_hash_table_iter_remove (&iter);
}

/* ------------------------------------------------------------------------------------ */
/* database handlers                                                                    */

static gboolean
run_db_route (YbsDbConn *conn,
              gpointer   data,
              GError   **error)
{
  YbsCall *call = data;

  if (call->route->auth == YBS_AUTH_USER)
    {
      /* already there when the session cache had it */
      if (call->user == NULL)
        call->user = ybs_auth_lookup_session (conn, call->token, error);
      if (call->user == NULL)
        return FALSE;
      if (call->route->roles != 0 && (call->user->roles & call->route->roles) == 0)
        {
          g_set_error_literal (error, YBS_ERROR, YBS_ERROR_FORBIDDEN, "您的角色无权执行此操作");
          return FALSE;
        }
    }
  return call->route->db_handler (call, conn, error);
}

static void
on_db_route_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(GError) error = NULL;

  ybs_db_run_finish (req->server->db, result, &error);
  session_cache_update (req->server, req, error);
  finish_request (req, error);
}

/* ------------------------------------------------------------------------------------ */
/* the dispatcher                                                                       */

static char *
new_request_id (SoupServerMessage *msg)
{
  const char *given = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-Request-Id");

  if (given != NULL && strlen (given) <= 64 && *given != '\0')
    {
      gboolean clean = TRUE;
      for (const char *p = given; *p && clean; p++)
        clean = g_ascii_isalnum (*p) || *p == '-' || *p == '_';
      if (clean)
        return g_strdup (given);
    }
  return g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
}

static char *
bearer_token (SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  if (auth == NULL || g_ascii_strncasecmp (auth, "Bearer ", 7) != 0)
    return NULL;
  return g_strstrip (g_strdup (auth + 7));
}

/* A header's value, trimmed, with the quotes of an entity tag removed. */
static char *
header_value (SoupServerMessage *msg,
              const char        *name)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), name);
  g_autofree char *copy = NULL;
  gsize len;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (value));
  if (g_str_has_prefix (copy, "W/"))
    memmove (copy, copy + 2, strlen (copy + 2) + 1);
  len = strlen (copy);
  if (len >= 2 && copy[0] == '"' && copy[len - 1] == '"')
    return g_strndup (copy + 1, len - 2);
  return g_steal_pointer (&copy);
}

static gboolean
parse_body (SoupServerMessage *msg,
            YbsCall           *call,
            GError           **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *type;
  gsize len = 0;
  const char *data;

  if (body == NULL || body->length == 0)
    return TRUE;

  type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);
  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    {
      g_set_error (error, YBS_ERROR, YBS_ERROR_UNSUPPORTED_TYPE, "请求内容须为 JSON（Content-Type: application/json）");
      return FALSE;
    }

  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &len);
  if (!g_utf8_validate (data, (gssize) len, NULL))
    {
      call->problems = yb_problems_new ();
      yb_problems_add (call->problems, "json.encoding", NULL, "请求内容不是有效的 UTF-8 文本");
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_BAD_REQUEST, "请求内容格式错误");
      return FALSE;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &parse_error))
    {
      call->problems = yb_problems_new ();
      yb_problems_add (call->problems, "json.syntax", NULL, "JSON 格式错误：%s", parse_error->message);
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_BAD_REQUEST, "请求内容格式错误");
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      call->problems = yb_problems_new ();
      yb_problems_add (call->problems, "json.not_object", NULL, "请求内容须为 JSON 对象");
      g_set_error_literal (error, YBS_ERROR, YBS_ERROR_BAD_REQUEST, "请求内容格式错误");
      return FALSE;
    }
  call->body = json_parser_steal_root (parser);
  return TRUE;
}

static void
handle_request (SoupServer        *soup,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  YbsServer *self = user_data;
  Request *req = g_new0 (Request, 1);
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GString) allowed = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GSocketAddress *remote;
  gboolean path_matched = FALSE;

  req->server = self;
  req->msg = g_object_ref (msg);
  req->started_us = g_get_monotonic_time ();
  req->call = g_new0 (YbsCall, 1);
  req->call->config = self->config;
  req->call->method = g_strdup (method);
  req->call->path = g_strdup (path);
  req->call->request_id = new_request_id (msg);
  req->call->path_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  req->call->query = query ? g_hash_table_ref (query) : g_hash_table_new (g_str_hash, g_str_equal);
  req->call->token = bearer_token (msg);
  req->call->idempotency_key = header_value (msg, "Idempotency-Key");
  req->call->if_match = header_value (msg, "If-Match");
  remote = soup_server_message_get_remote_address (msg);
  if (G_IS_INET_SOCKET_ADDRESS (remote))
    req->call->peer = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));

  req->call->route = ybs_routes_match (method, path, req->call->path_params, &path_matched, allowed);
  req->route_label = req->call->route ? self->route_labels[req->call->route - self->routes] : "unmatched";

  if (self->draining)
    {
      req->call->retry_after_s = 1;
      g_set_error_literal (&error, YBS_ERROR, YBS_ERROR_UNAVAILABLE, "服务正在停止，请稍后重试");
    }
  else if (req->call->route == NULL && path_matched)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allowed->str);
      g_set_error (&error, YBS_ERROR, YBS_ERROR_METHOD_NOT_ALLOWED, "此地址不支持 %s 方法", method);
    }
  else if (req->call->route == NULL)
    g_set_error (&error, YBS_ERROR, YBS_ERROR_NOT_FOUND, "没有这个接口：%s", path);
  else if (parse_body (msg, req->call, &error))
    {
      if (req->call->route->local_handler != NULL)
        req->call->route->local_handler (req->call, self, &error);
      else
        {
          /* answered later, from on_db_route_done; local handlers answer right away */
          session_cache_lookup (self, req);
          req->paused = TRUE;
          req->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (on_message_finished), req);
          soup_server_message_pause (msg);
          ybs_db_run_async (self->db, run_db_route, req->call, NULL, NULL, on_db_route_done, req);
          return;
        }
    }
  finish_request (req, error);
}

/* Before the body is read: refuse what is too large, so it is never buffered. */
static void
handle_early (SoupServer        *soup,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  YbsServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);
  g_autoptr(GError) error = NULL;
  g_autoptr(YbsCall) call = NULL;

  if (ybs_connections_is_farewell (self->conns, msg))
    {
      /* the client is gone; this only lets SoupServer finish with the connection */
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      return;
    }
  call = g_new0 (YbsCall, 1);
  self->in_flight++;
  g_signal_connect (msg, "finished", G_CALLBACK (on_any_message_finished), self);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED)
    g_set_error_literal (&error, YBS_ERROR, YBS_ERROR_LENGTH_REQUIRED, "请求须带 Content-Length，不接受分块传输");
  else if (length > 0 && (gsize) length > self->config->max_body_bytes)
    g_set_error (&error, YBS_ERROR, YBS_ERROR_TOO_LARGE, "请求内容过大（上限 %" G_GSIZE_FORMAT " KiB）",
                 self->config->max_body_bytes / 1024);
  if (error == NULL)
    return;

  call->request_id = new_request_id (msg);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-Request-Id", call->request_id);
  answer_problem (msg, call, error);
  ybs_metrics_observe (self->metrics, "rejected before body", soup_server_message_get_status (msg), 0);
}

static gboolean
on_housekeeping (gpointer user_data)
{
  session_cache_expire (user_data);
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------------------------ */
/* life cycle                                                                           */

static gboolean
on_drain_timeout (gpointer user_data)
{
  YbsServer *self = user_data;

  if (self->in_flight > 0)
    g_warning ("stopping with %u request(s) still running", self->in_flight);
  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_stop_signal (gpointer user_data)
{
  YbsServer *self = user_data;

  if (self->draining)
    return G_SOURCE_CONTINUE;
  g_message ("stopping: finishing %u running request(s)", self->in_flight);
  self->draining = TRUE;
  ybs_connections_refuse_new (self->conns);
  if (self->in_flight == 0)
    g_main_loop_quit (self->loop);
  else
    g_timeout_add_seconds (10, on_drain_timeout, self);
  return G_SOURCE_CONTINUE;
}

YbsServer *
ybs_server_new (YbsConfig *config)
{
  YbsServer *self = g_new0 (YbsServer, 1);

  self->config = config;
  self->db = ybs_db_new (config->conninfo, config->pool_size, config->statement_timeout_ms);
  self->metrics = ybs_metrics_new ();
  self->loop = g_main_loop_new (NULL, FALSE);
  self->soup = soup_server_new ("server-header", "yibao/" YB_VERSION " ", NULL);
  soup_server_add_early_handler (self->soup, NULL, handle_early, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_request, self, NULL);
  ybs_auth_set_max_hashing (config->max_hashing);

  /* the metrics label of each route, made once rather than per request */
  self->routes = ybs_routes_get (&self->n_routes);
  self->route_labels = g_new0 (char *, self->n_routes + 1);
  for (guint i = 0; i < self->n_routes; i++)
    self->route_labels[i] = g_strdup_printf ("%s %s", self->routes[i].method, self->routes[i].pattern);

  if (config->session_cache_s > 0)
    self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, token_free, cached_session_free);

  self->conns = ybs_connections_new (self->soup, config);
  self->housekeeping = g_timeout_add_seconds (10, on_housekeeping, self);
  return self;
}

void
ybs_server_free (YbsServer *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->housekeeping, g_source_remove);
  if (self->conns != NULL)
    ybs_connections_stop (self->conns);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_pointer (&self->conns, ybs_connections_free);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->db, ybs_db_free);
  g_clear_pointer (&self->metrics, ybs_metrics_free);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->config, ybs_config_free);
  g_strfreev (self->route_labels);
  g_free (self->url);
  g_free (self);
}

static GSocketAddress *
listen_address (const YbsConfig *config,
                guint            port,
                GError         **error)
{
  GSocketAddress *address = g_inet_socket_address_new_from_string (config->listen_address, port);

  if (address == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "[server] listen = \"%s\" is not an IP address", config->listen_address);
  return address;
}

gboolean
ybs_server_check_port_free (const YbsConfig *config,
                            GError         **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) probe = NULL;

  if (config->port == 0)
    return TRUE;
  if ((address = listen_address (config, config->port, error)) == NULL)
    return FALSE;
  probe = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  /* With SO_REUSEADDR but without SO_REUSEPORT this fails when anything listens on the
   * port, including another yibao-server, whose workers would otherwise silently share
   * it with ours; connections of an earlier run in TIME_WAIT do not count. */
  return probe != NULL && g_socket_bind (probe, address, TRUE, error);
}

GSocket *
ybs_server_bind (const YbsConfig *config,
                 guint            port,
                 gboolean         listen,
                 GError         **error)
{
  g_autoptr(GSocketAddress) address = listen_address (config, port, error);
  g_autoptr(GSocket) socket = NULL;
  struct sockaddr_storage native;
  gssize native_len;

  if (address == NULL)
    return NULL;
  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;
  if (g_socket_address_get_family (address) == G_SOCKET_FAMILY_IPV6 &&
      !g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, error))
    return NULL;
  /* bind(2) itself: g_socket_bind() turns SO_REUSEPORT off again for TCP sockets */
  native_len = g_socket_address_get_native_size (address);
  if (!g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, TRUE, error) ||
      !g_socket_set_option (socket, SOL_SOCKET, SO_REUSEPORT, TRUE, error) ||
      native_len < 0 || (gsize) native_len > sizeof native ||
      !g_socket_address_to_native (address, &native, sizeof native, error))
    return NULL;
  if (bind (g_socket_get_fd (socket), (struct sockaddr *) &native, (socklen_t) native_len) != 0)
    {
      int saved = errno;
      g_autofree char *where = g_strdup_printf ("%s:%u", config->listen_address, port);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Error binding to address %s: %s",
                   where, g_strerror (saved));
      return NULL;
    }
  /* GLib's default backlog is 10: a burst of new connections would wait for SYN
   * retransmits (a second or more) instead of the next accept. */
  g_socket_set_listen_backlog (socket, 1024);
  if (listen && !g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

char *
ybs_server_socket_url (GSocket *socket)
{
  g_autoptr(GSocketAddress) address = g_socket_get_local_address (socket, NULL);
  g_autofree char *host = NULL;
  GInetAddress *inet;

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return NULL;
  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
  host = g_inet_address_to_string (inet);
  return g_strdup_printf (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? "http://[%s]:%u/" : "http://%s:%u/",
                          host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
}

gboolean
ybs_server_listen_socket (YbsServer *self,
                          GSocket   *socket,
                          GError   **error)
{
  if (!ybs_connections_listen (self->conns, socket, error))
    return FALSE;
  g_free (self->url);
  self->url = ybs_server_socket_url (socket);
  return TRUE;
}

gboolean
ybs_server_listen (YbsServer *self,
                   GError   **error)
{
  g_autoptr(GSocket) socket = NULL;

  if (!ybs_server_check_port_free (self->config, error))
    return FALSE;
  socket = ybs_server_bind (self->config, self->config->port, TRUE, error);
  return socket != NULL && ybs_server_listen_socket (self, socket, error);
}

const char *
ybs_server_get_url (YbsServer *self)
{
  return self->url;
}

void
ybs_server_run (YbsServer *self)
{
  guint term = g_unix_signal_add (SIGTERM, on_stop_signal, self);
  guint intr = g_unix_signal_add (SIGINT, on_stop_signal, self);

  g_main_loop_run (self->loop);
  g_source_remove (term);
  g_source_remove (intr);
  ybs_connections_stop (self->conns);
  soup_server_disconnect (self->soup);
  g_clear_pointer (&self->db, ybs_db_free);
  g_message ("stopped");
}

YbsDb *
ybs_server_get_db (YbsServer *self)
{
  return self->db;
}

YbsMetrics *
ybs_server_get_metrics (YbsServer *self)
{
  return self->metrics;
}

const YbsConfig *
ybs_server_get_config (YbsServer *self)
{
  return self->config;
}

guint
ybs_server_get_in_flight (YbsServer *self)
{
  return self->in_flight;
}

guint
ybs_server_get_connections (YbsServer *self)
{
  return ybs_connections_get_open (self->conns);
}
