/* ybt-http.c: the tests' HTTP client. */
#include <string.h>

#include "ybt-http.h"

static SoupSession *
session (void)
{
  static SoupSession *s;

  if (s == NULL)
    s = soup_session_new_with_options ("timeout", 30, NULL);
  return s;
}

void
ybt_response_free (YbtResponse *r)
{
  if (r == NULL)
    return;
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_free (r->body);
  g_free (r);
}

static YbtResponse *request_full (const char *base_url, const char *method, const char *path, const char *token,
                                  const char *body, const char *content_type, const char *idempotency_key,
                                  const char *if_match);

YbtResponse *
ybt_request (const char *base_url,
             const char *method,
             const char *path,
             const char *token,
             const char *body,
             const char *content_type)
{
  return request_full (base_url, method, path, token, body, content_type, NULL, NULL);
}

YbtResponse *
ybt_write (const char *base_url,
           const char *method,
           const char *path,
           const char *token,
           const char *body,
           const char *idempotency_key,
           const char *if_match)
{
  return request_full (base_url, method, path, token, body, NULL, idempotency_key, if_match);
}

static YbtResponse *
request_full (const char *base_url,
              const char *method,
              const char *path,
              const char *token,
              const char *body,
              const char *content_type,
              const char *idempotency_key,
              const char *if_match)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  YbtResponse *r = g_new0 (YbtResponse, 1);

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (idempotency_key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", idempotency_key);
  if (if_match != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", if_match);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", quoted);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, content_type ? content_type : "application/json", b);
    }
  bytes = soup_session_send_and_read (session (), msg, NULL, &error);
  if (bytes == NULL)
    {
      /* A refused or reset connection is a status 0 answer for the tests to judge. */
      r->status = 0;
      r->body = g_strdup (error->message);
      return r;
    }
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  r->body = g_bytes_get_size (bytes) > 0 ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) : g_strdup ("");
  if (r->body[0] == '{' || r->body[0] == '[')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      if (json_parser_load_from_data (parser, r->body, -1, NULL))
        r->json = json_parser_steal_root (parser);
    }
  return r;
}

char *
ybt_login (const char *base_url,
           const char *username,
           const char *password)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autoptr(YbtResponse) r = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "username");
  json_builder_add_string_value (b, username);
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, password);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  body = json_to_string (root, FALSE);
  r = ybt_request (base_url, "POST", "/api/v1/sessions", NULL, body, NULL);
  if (r->status != 201)
    g_error ("login of %s failed: %u %s", username, r->status, r->body);
  return g_strdup (ybt_json_string (r, "token"));
}

static JsonNode *
member (YbtResponse *r,
        const char  *name)
{
  if (r->json == NULL || !JSON_NODE_HOLDS_OBJECT (r->json))
    return NULL;
  return json_object_get_member (json_node_get_object (r->json), name);
}

const char *
ybt_json_string (YbtResponse *r,
                 const char  *name)
{
  JsonNode *node = member (r, name);

  return node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

gint64
ybt_json_int (YbtResponse *r,
              const char  *name)
{
  JsonNode *node = member (r, name);

  return node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : -1;
}

char *
ybt_problem_codes (YbtResponse *r)
{
  JsonNode *errors = member (r, "errors");
  g_autoptr(GString) out = g_string_new (NULL);

  if (errors == NULL || !JSON_NODE_HOLDS_ARRAY (errors))
    return g_strdup ("<no errors member>");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (errors)); i++)
    {
      JsonObject *e = json_array_get_object_element (json_node_get_array (errors), i);
      g_string_append_printf (out, "%s%s", i ? "," : "", json_object_get_string_member (e, "code"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
