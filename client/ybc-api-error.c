/* ybc-api-error.c: the client's API errors. A YBC_API_ERROR carries, besides its
 * Chinese message, the members of the application/problem+json answer (status, code,
 * title, detail, request id, Retry-After and errors[]) as the GError's private data, so
 * that a screen can put each field's message at its field. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-api.h"
#include "ybc-api-private.h"

#include <glib/gi18n.h>

typedef struct {
  guint       status;
  char       *code;
  char       *title;
  char       *detail;
  char       *request_id;
  guint       retry_after;
  YbProblems *problems;
} YbcApiErrorPrivate;

static void
ybc_api_error_private_init (YbcApiErrorPrivate *priv)
{
  /* Never NULL for our own domain; the check keeps -Wnull-dereference quiet about the
   * G_DEFINE_EXTENDED_ERROR glue that calls these. */
  if (priv == NULL)
    return;
  priv->problems = yb_problems_new ();
}

static void
ybc_api_error_private_copy (const YbcApiErrorPrivate *src,
                            YbcApiErrorPrivate       *dest)
{
  if (src == NULL || dest == NULL)
    return;
  dest->status = src->status;
  dest->code = g_strdup (src->code);
  dest->title = g_strdup (src->title);
  dest->detail = g_strdup (src->detail);
  dest->request_id = g_strdup (src->request_id);
  dest->retry_after = src->retry_after;
  yb_problems_extend (dest->problems, src->problems);
}

static void
ybc_api_error_private_clear (YbcApiErrorPrivate *priv)
{
  if (priv == NULL)
    return;
  g_clear_pointer (&priv->code, g_free);
  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->detail, g_free);
  g_clear_pointer (&priv->request_id, g_free);
  g_clear_pointer (&priv->problems, yb_problems_unref);
}

G_DEFINE_EXTENDED_ERROR (YbcApiError, ybc_api_error)

static const YbcApiErrorPrivate *
get_error_private (const GError *error)
{
  if (error == NULL || error->domain != YBC_API_ERROR)
    return NULL;
  return ybc_api_error_get_private (error);
}

guint
ybc_api_error_get_status (const GError *error)
{
  const YbcApiErrorPrivate *priv = get_error_private (error);
  return priv ? priv->status : 0;
}

const char *
ybc_api_error_get_code (const GError *error)
{
  const YbcApiErrorPrivate *priv = get_error_private (error);
  return priv ? priv->code : NULL;
}

const char *
ybc_api_error_get_title (const GError *error)
{
  const YbcApiErrorPrivate *priv = get_error_private (error);
  return priv ? priv->title : NULL;
}

const char *
ybc_api_error_get_detail (const GError *error)
{
  const YbcApiErrorPrivate *priv = get_error_private (error);
  return priv ? priv->detail : NULL;
}

const char *
ybc_api_error_get_request_id (const GError *error)
{
  const YbcApiErrorPrivate *priv = get_error_private (error);
  return priv ? priv->request_id : NULL;
}

guint
ybc_api_error_get_retry_after (const GError *error)
{
  const YbcApiErrorPrivate *priv = get_error_private (error);
  return priv ? priv->retry_after : 0;
}

const YbProblems *
ybc_api_error_get_problems (const GError *error)
{
  const YbcApiErrorPrivate *priv = get_error_private (error);
  return priv ? priv->problems : NULL;
}

char *
ybc_api_error_dup_field_message (const GError *error,
                                 const char   *field)
{
  const YbcApiErrorPrivate *priv = get_error_private (error);
  g_autoptr(GString) message = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  if (priv == NULL)
    return NULL;
  for (guint i = 0; i < yb_problems_get_len (priv->problems); i++)
    {
      const YbProblem *problem = yb_problems_get (priv->problems, i);

      if (g_strcmp0 (problem->field, field) != 0 || problem->message == NULL)
        continue;
      if (message == NULL)
        message = g_string_new (problem->message);
      else
        g_string_append_printf (message, _("; %s"), problem->message);
    }
  return message ? g_string_free (g_steal_pointer (&message), FALSE) : NULL;
}

static YbcApiError
error_code_for_status (guint status)
{
  switch (status)
    {
    case 400:
    case 422:
      return YBC_API_ERROR_INVALID;
    case 401:
      return YBC_API_ERROR_UNAUTHORIZED;
    case 403:
      return YBC_API_ERROR_FORBIDDEN;
    case 404:
      return YBC_API_ERROR_NOT_FOUND;
    case 409:
    case 412:
      return YBC_API_ERROR_CONFLICT;
    case 413:
      return YBC_API_ERROR_TOO_LARGE;
    case 423:
      return YBC_API_ERROR_LOCKED;
    case 429:
      return YBC_API_ERROR_RATE_LIMITED;
    case 503:
      return YBC_API_ERROR_UNAVAILABLE;
    default:
      return status >= 500 ? YBC_API_ERROR_SERVER : YBC_API_ERROR_FAILED;
    }
}

/* What to say when the answer has no usable title (a proxy's HTML page, an empty body). */
static char *
fallback_title (guint status)
{
  switch (status)
    {
    case 400:
    case 422:
      return g_strdup (_("The request was not valid"));
    case 401:
      return g_strdup (_("Please log in again"));
    case 403:
      return g_strdup (_("You are not allowed to do this"));
    case 404:
      return g_strdup (_("Not found on the server"));
    case 409:
    case 412:
      return g_strdup (_("Someone else changed this in the meantime"));
    case 413:
      return g_strdup (_("The request is too large"));
    case 423:
      return g_strdup (_("The account is locked"));
    case 429:
      return g_strdup (_("Too many requests, please try again later"));
    default:
      if (status >= 500)
        return g_strdup_printf (_("The server ran into an error (HTTP %u)"), status);
      return g_strdup_printf (_("The server gave an unexpected answer (HTTP %u)"), status);
    }
}

const char *
ybc_json_string_member (JsonObject *object,
                    const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Reads errors[] leniently: a member we cannot read is skipped, not fatal, because the
 * user still deserves the title. */
static void
read_problem_list (JsonObject *object,
                   YbProblems *problems)
{
  JsonNode *node;
  JsonArray *array;

  if (object == NULL || !json_object_has_member (object, "errors"))
    return;
  node = json_object_get_member (object, "errors");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *entry;
      const char *message;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      entry = json_node_get_object (element);
      message = ybc_json_string_member (entry, "message");
      if (message == NULL || *message == '\0')
        continue;
      yb_problems_add (problems,
                       ybc_json_string_member (entry, "code"),
                       ybc_json_string_member (entry, "field"),
                       "%s", message);
    }
}

/* Builds the error for a non-2xx answer from its application/problem+json body. */
GError *
ybc_api_error_new_from_response (SoupMessage *msg,
                    GBytes      *body)
{
  guint status = soup_message_get_status (msg);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) message = g_string_new (NULL);
  JsonObject *object = NULL;
  YbcApiErrorPrivate *priv;
  const char *retry_after;
  const char *header_request_id;
  GError *error;
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;

  if (data != NULL && size > 0
      && json_parser_load_from_data (parser, data, (gssize) size, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    object = json_node_get_object (json_parser_get_root (parser));

  error = g_error_new_literal (YBC_API_ERROR, error_code_for_status (status), "");
  priv = ybc_api_error_get_private (error);
  g_assert (priv != NULL);
  priv->status = status;
  priv->code = g_strdup (ybc_json_string_member (object, "code"));
  priv->title = g_strdup (ybc_json_string_member (object, "title"));
  priv->detail = g_strdup (ybc_json_string_member (object, "detail"));
  priv->request_id = g_strdup (ybc_json_string_member (object, "request_id"));
  header_request_id = soup_message_headers_get_one (headers, "X-Request-Id");
  if (priv->request_id == NULL && header_request_id != NULL)
    priv->request_id = g_strdup (header_request_id);
  retry_after = soup_message_headers_get_one (headers, "Retry-After");
  if (retry_after != NULL)
    {
      guint64 seconds;

      if (g_ascii_string_to_unsigned (retry_after, 10, 0, 86400, &seconds, NULL))
        priv->retry_after = (guint) seconds;
    }
  read_problem_list (object, priv->problems);

  /* The message: what went wrong, then every field problem, so that a screen showing
   * only the message still tells everything at once. */
  if (status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    g_string_append (message, _("The database is temporarily unavailable, please try again later"));
  else if (priv->title != NULL && *priv->title != '\0')
    g_string_append (message, priv->title);
  else
    {
      g_autofree char *title = fallback_title (status);
      g_string_append (message, title);
    }

  if (!yb_problems_is_empty (priv->problems))
    {
      for (guint i = 0; i < yb_problems_get_len (priv->problems); i++)
        {
          const YbProblem *problem = yb_problems_get (priv->problems, i);

          if (i == 0)
            /* Translators: between a problem's title and its first field message */
            g_string_append_printf (message, _(": %s"), problem->message);
          else
            /* Translators: between two field messages */
            g_string_append_printf (message, _("; %s"), problem->message);
        }
    }
  else if (status != SOUP_STATUS_SERVICE_UNAVAILABLE
           && priv->detail != NULL && *priv->detail != '\0'
           && g_strcmp0 (priv->detail, priv->title) != 0)
    {
      g_string_append_printf (message, _(": %s"), priv->detail);
    }

  g_free (error->message);
  error->message = g_string_free (g_steal_pointer (&message), FALSE);
  return error;
}

GError *
ybc_api_error_new_literal (YbcApiError  code,
                           guint        status,
                           const char  *message)
{
  GError *error = g_error_new_literal (YBC_API_ERROR, code, message);
  YbcApiErrorPrivate *priv = ybc_api_error_get_private (error);

  g_assert (priv != NULL);
  priv->status = status;
  return error;
}

