/* ybc-api.c: the REST client. One SoupSession does all the I/O asynchronously on the
 * main context; answers are turned into typed results or into one GError whose message
 * is what the user should read (in Chinese) and whose private part keeps the problem's
 * members (status, code, request id, errors[]) for screens that show them per field. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-api.h"
#include "ybc-api-private.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#define YBC_API_TIMEOUT_SECONDS 30

struct _YbcApi
{
  GObject      parent_instance;

  /* owned */
  SoupSession *session;
  char        *base_url;
  char        *token;
};

G_DEFINE_FINAL_TYPE (YbcApi, ybc_api, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  N_PROPS
};

enum {
  SESSION_EXPIRED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* GTask source tags (ISO C has no conversion between function and object pointers). */
static const char source_tag_login, source_tag_logout, source_tag_get_me,
                  source_tag_get_catalogue, source_tag_get_item;

/* ------------------------------------------------------------------------- requests */

typedef YbcApiParseFunc ParseFunc;

typedef struct {
  SoupMessage    *msg;
  ParseFunc       parse;
  GDestroyNotify  free_result;
  gboolean        authenticated;
  gboolean        raw;
} RequestData;

static void
request_data_free (gpointer data)
{
  RequestData *request = data;

  g_clear_object (&request->msg);
  g_free (request);
}

static void
on_send_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  YbcApi *self = g_task_get_source_object (task);
  RequestData *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  gpointer value;
  guint status;
  gsize size = 0;
  const char *data;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_task_return_error (task,
                           g_error_new (YBC_API_ERROR, YBC_API_ERROR_NETWORK,
                                        _("Cannot connect to the server (%s)"), error->message));
      return;
    }

  status = soup_message_get_status (request->msg);
  g_debug ("%s %s → %u",
           soup_message_get_method (request->msg),
           g_uri_get_path (soup_message_get_uri (request->msg)),
           status);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      gboolean expired = request->authenticated
                         && status == SOUP_STATUS_UNAUTHORIZED
                         && g_task_get_source_tag (task) != &source_tag_logout;

      g_task_return_error (task, ybc_api_error_new_from_response (request->msg, body));
      /* After the caller has seen its own error, so that screens can tell "this request
       * failed" from "the whole session is gone". */
      if (expired)
        {
          g_clear_pointer (&self->token, g_free);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
          g_signal_emit (self, signals[SESSION_EXPIRED], 0);
        }
      return;
    }

  if (request->raw)
    {
      g_task_return_pointer (task, g_bytes_ref (body), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (request->parse == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_bytes_get_data (body, &size);
  parser = json_parser_new ();
  if (data == NULL || size == 0)
    g_set_error_literal (&parse_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("empty answer"));
  else
    json_parser_load_from_data (parser, data, (gssize) size, &parse_error);

  value = parse_error ? NULL : request->parse (self, json_parser_get_root (parser), &parse_error);
  if (value == NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The server sent an answer the client cannot read (%s)"),
                                 parse_error ? parse_error->message : _("unknown error"));
      g_task_return_error (task, ybc_api_error_new_literal (YBC_API_ERROR_PROTOCOL, status, message));
      return;
    }
  g_task_return_pointer (task, value, request->free_result);
}

static char *
make_url (YbcApi     *self,
          const char *path)
{
  return g_strconcat (self->base_url, path, NULL);
}

void
ybc_api_send (YbcApi                   *self,
              const YbcApiRequestSpec  *spec,
              GCancellable             *cancellable,
              GAsyncReadyCallback       callback,
              gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = make_url (self, spec->path);
  SoupMessageHeaders *headers;
  RequestData *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) spec->source_tag);
  g_task_set_name (task, spec->name);

  request = g_new0 (RequestData, 1);
  request->parse = spec->parse;
  request->free_result = spec->free_result;
  request->authenticated = spec->authenticated;
  request->raw = spec->raw;
  g_task_set_task_data (task, request, request_data_free);

  request->msg = soup_message_new (spec->method, url);
  if (request->msg == NULL)
    {
      g_task_return_error (task, ybc_api_error_new_literal (YBC_API_ERROR_NETWORK, 0,
                                                            _("The server address is not valid")));
      return;
    }

  headers = soup_message_get_request_headers (request->msg);
  soup_message_headers_append (headers, "Accept",
                               spec->raw ? "application/pdf, application/problem+json"
                                         : "application/json, application/problem+json");
  soup_message_headers_append (headers, "Accept-Language", "zh-CN");
  if (spec->authenticated && self->token != NULL)
    {
      g_autofree char *bearer = g_strdup_printf ("Bearer %s", self->token);
      soup_message_headers_append (headers, "Authorization", bearer);
    }
  if (spec->idempotency_key != NULL)
    soup_message_headers_append (headers, "Idempotency-Key", spec->idempotency_key);
  if (spec->if_match_version > 0)
    {
      /* The ETag is the case's version number, quoted. */
      g_autofree char *etag = g_strdup_printf ("\"%d\"", spec->if_match_version);
      soup_message_headers_append (headers, "If-Match", etag);
    }
  if (spec->body != NULL)
    {
      char *text = json_to_string (spec->body, FALSE);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      soup_message_set_request_body_from_bytes (request->msg, "application/json", bytes);
    }

  soup_session_send_and_read_async (self->session,
                                    request->msg,
                                    G_PRIORITY_DEFAULT,
                                    cancellable,
                                    on_send_finished,
                                    g_steal_pointer (&task));
}

static void
send_request (YbcApi              *self,
              const char          *method,
              const char          *path,
              JsonNode            *body,
              gboolean             authenticated,
              ParseFunc            parse,
              GDestroyNotify       free_result,
              gconstpointer        source_tag,
              const char          *name,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  YbcApiRequestSpec spec = {
    .method = method,
    .path = path,
    .body = body,
    .authenticated = authenticated,
    .parse = parse,
    .free_result = free_result,
    .source_tag = source_tag,
    .name = name,
  };

  ybc_api_send (self, &spec, cancellable, callback, user_data);
}

/* ------------------------------------------------------------------------- parsers */

static gpointer
parse_user (YbcApi    *self,
            JsonNode  *node,
            GError   **error)
{
  return ybc_user_from_json (node, error);
}

static gpointer
parse_login (YbcApi    *self,
             JsonNode  *node,
             GError   **error)
{
  JsonObject *object;
  const char *token;
  YbcUser *user;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  token = ybc_json_string_member (object, "token");
  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("no token in the answer"));
      return NULL;
    }
  if (!json_object_has_member (object, "user"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("no user in the answer"));
      return NULL;
    }
  user = ybc_user_from_json (json_object_get_member (object, "user"), error);
  if (user == NULL)
    return NULL;

  ybc_api_set_token (self, token);
  return user;
}

static gpointer
parse_catalogue (YbcApi    *self,
                 JsonNode  *node,
                 GError   **error)
{
  return ybc_catalogue_from_json (node, error);
}

typedef struct {
  YbItem   *item;
  JsonNode *json;
} ItemResult;

static void
item_result_free (gpointer data)
{
  ItemResult *result = data;

  g_clear_pointer (&result->item, yb_item_free);
  g_clear_pointer (&result->json, json_node_unref);
  g_free (result);
}

static gpointer
parse_item (YbcApi    *self,
            JsonNode  *node,
            GError   **error)
{
  YbItem *item = yb_item_from_json (node, error);
  ItemResult *result;

  if (item == NULL)
    return NULL;
  result = g_new0 (ItemResult, 1);
  result->item = item;
  result->json = json_node_copy (node);
  return result;
}

/* ------------------------------------------------------------------------- public API */

YbcApi *
ybc_api_new (const char *base_url)
{
  return g_object_new (YBC_TYPE_API, "base-url", base_url, NULL);
}

const char *
ybc_api_get_base_url (YbcApi *self)
{
  g_return_val_if_fail (YBC_IS_API (self), NULL);
  return self->base_url;
}

char *
ybc_api_normalize_base_url (const char  *base_url,
                            GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *result = NULL;
  const char *scheme;
  gsize len;

  text = g_strstrip (g_strdup (base_url ? base_url : ""));
  if (*text == '\0')
    {
      g_set_error_literal (error, YBC_API_ERROR, YBC_API_ERROR_NETWORK,
                           _("Enter the server address"));
      return NULL;
    }
  if (strstr (text, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("http://", text, NULL);
      g_free (text);
      text = with_scheme;
    }

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL
      || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL
      || g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, YBC_API_ERROR, YBC_API_ERROR_NETWORK,
                   _("“%s” is not a server address; use one like http://127.0.0.1:8080"),
                   base_url);
      return NULL;
    }

  result = g_uri_to_string (uri);
  len = strlen (result);
  while (len > 0 && result[len - 1] == '/')
    result[--len] = '\0';
  return g_steal_pointer (&result);
}

gboolean
ybc_api_set_base_url (YbcApi      *self,
                      const char  *base_url,
                      GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (YBC_IS_API (self), FALSE);

  normalized = ybc_api_normalize_base_url (base_url, error);
  if (normalized == NULL)
    return FALSE;
  if (g_strcmp0 (normalized, self->base_url) != 0)
    {
      g_free (self->base_url);
      self->base_url = g_steal_pointer (&normalized);
      /* A token belongs to the server that issued it. */
      ybc_api_set_token (self, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
    }
  return TRUE;
}

const char *
ybc_api_get_token (YbcApi *self)
{
  g_return_val_if_fail (YBC_IS_API (self), NULL);
  return self->token;
}

void
ybc_api_set_token (YbcApi     *self,
                   const char *token)
{
  g_return_if_fail (YBC_IS_API (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;
  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

void
ybc_api_login_async (YbcApi              *self,
                     const char          *username,
                     const char          *password,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (YBC_IS_API (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  send_request (self, SOUP_METHOD_POST, "/api/v1/sessions", body, FALSE,
                parse_login, (GDestroyNotify) ybc_user_free,
                &source_tag_login, "ybc_api_login_async",
                cancellable, callback, user_data);
}

YbcUser *
ybc_api_login_finish (YbcApi        *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (YBC_IS_API (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &source_tag_login, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ybc_api_logout_async (YbcApi              *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (YBC_IS_API (self));

  if (self->token == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, (gpointer) &source_tag_logout);
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* The request carries the token; the client forgets it right away so that nothing
   * else goes out with a token the user asked to end. */
  send_request (self, SOUP_METHOD_DELETE, "/api/v1/sessions", NULL, TRUE,
                NULL, NULL,
                &source_tag_logout, "ybc_api_logout_async",
                cancellable, callback, user_data);
  ybc_api_set_token (self, NULL);
}

gboolean
ybc_api_logout_finish (YbcApi        *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (YBC_IS_API (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ybc_api_get_me_async (YbcApi              *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (YBC_IS_API (self));

  send_request (self, SOUP_METHOD_GET, "/api/v1/me", NULL, TRUE,
                parse_user, (GDestroyNotify) ybc_user_free,
                &source_tag_get_me, "ybc_api_get_me_async",
                cancellable, callback, user_data);
}

YbcUser *
ybc_api_get_me_finish (YbcApi        *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (YBC_IS_API (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ybc_api_get_catalogue_async (YbcApi              *self,
                             const char          *region,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (YBC_IS_API (self));

  if (region != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (region, NULL, FALSE);
      path = g_strconcat ("/api/v1/catalogue?region=", escaped, NULL);
    }
  else
    path = g_strdup ("/api/v1/catalogue");

  send_request (self, SOUP_METHOD_GET, path, NULL, TRUE,
                parse_catalogue, (GDestroyNotify) ybc_catalogue_free,
                &source_tag_get_catalogue, "ybc_api_get_catalogue_async",
                cancellable, callback, user_data);
}

YbcCatalogue *
ybc_api_get_catalogue_finish (YbcApi        *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (YBC_IS_API (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ybc_api_get_item_async (YbcApi              *self,
                        const char          *region,
                        const char          *code,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autofree char *escaped_region = NULL;
  g_autofree char *escaped_code = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (YBC_IS_API (self));
  g_return_if_fail (region != NULL);
  g_return_if_fail (code != NULL);

  escaped_region = g_uri_escape_string (region, NULL, FALSE);
  escaped_code = g_uri_escape_string (code, NULL, FALSE);
  path = g_strdup_printf ("/api/v1/catalogue/%s/%s", escaped_region, escaped_code);

  send_request (self, SOUP_METHOD_GET, path, NULL, TRUE,
                parse_item, item_result_free,
                &source_tag_get_item, "ybc_api_get_item_async",
                cancellable, callback, user_data);
}

YbItem *
ybc_api_get_item_finish (YbcApi        *self,
                         GAsyncResult  *result,
                         JsonNode     **out_json,
                         GError       **error)
{
  ItemResult *item_result;
  YbItem *item;

  g_return_val_if_fail (YBC_IS_API (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (out_json != NULL)
    *out_json = NULL;
  item_result = g_task_propagate_pointer (G_TASK (result), error);
  if (item_result == NULL)
    return NULL;
  item = g_steal_pointer (&item_result->item);
  if (out_json != NULL)
    *out_json = g_steal_pointer (&item_result->json);
  item_result_free (item_result);
  return item;
}

/* ------------------------------------------------------------------------- GObject */

static void
ybc_api_finalize (GObject *object)
{
  YbcApi *self = YBC_API (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->token, g_free);

  G_OBJECT_CLASS (ybc_api_parent_class)->finalize (object);
}

static void
ybc_api_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  YbcApi *self = YBC_API (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ybc_api_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  YbcApi *self = YBC_API (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        g_autoptr(GError) error = NULL;

        if (url != NULL && !ybc_api_set_base_url (self, url, &error))
          g_warning ("%s", error->message);
      }
      break;
    case PROP_TOKEN:
      ybc_api_set_token (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ybc_api_class_init (YbcApiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ybc_api_finalize;
  object_class->get_property = ybc_api_get_property;
  object_class->set_property = ybc_api_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         "http://127.0.0.1:8080",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * YbcApi::session-expired:
   *
   * An authenticated request was answered 401: the token is gone (expired, revoked, or
   * the server restarted with a new database) and the user has to log in again. Emitted
   * after the request's own callback has run.
   */
  signals[SESSION_EXPIRED] =
    g_signal_new ("session-expired",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ybc_api_init (YbcApi *self)
{
  self->base_url = g_strdup ("http://127.0.0.1:8080");
  self->session = soup_session_new_with_options ("timeout", YBC_API_TIMEOUT_SECONDS,
                                                 "idle-timeout", 60,
                                                 "user-agent", "yibao/" YB_VERSION " ",
                                                 NULL);
}
