/* ybc-api-cases.c: the case calls of the REST client: create, list (keyset pages), read,
 * act (If-Match with the version the clerk saw, Idempotency-Key per intention), the
 * documents' PDFs and the staff list for officer pickers. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-api.h"
#include "ybc-api-private.h"

#include <glib/gi18n.h>

static const char source_tag_create_case, source_tag_get_case, source_tag_list_cases,
                  source_tag_case_action, source_tag_get_document, source_tag_list_users;

/* ------------------------------------------------------------------------- parsers */

static gpointer
parse_case (YbcApi    *self,
            JsonNode  *node,
            GError   **error)
{
  return ybc_case_from_json (node, error);
}

static gpointer
parse_page (YbcApi    *self,
            JsonNode  *node,
            GError   **error)
{
  return ybc_case_page_from_json (node, error);
}

static gpointer
parse_staff (YbcApi    *self,
             JsonNode  *node,
             GError   **error)
{
  return ybc_staff_list_from_json (node, error);
}

static gpointer
propagate (YbcApi        *self,
           GAsyncResult  *result,
           gconstpointer  source_tag,
           GError       **error)
{
  g_return_val_if_fail (YBC_IS_API (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------- public API */

char *
ybc_api_new_idempotency_key (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("ybc-", uuid, NULL);
}

void
ybc_api_create_case_async (YbcApi              *self,
                           const char          *item_code,
                           const char          *material_set,
                           JsonObject          *party,
                           const char          *idempotency_key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  YbcApiRequestSpec spec = {
    .method = SOUP_METHOD_POST,
    .path = "/api/v1/cases",
    .authenticated = TRUE,
    .idempotency_key = idempotency_key,
    .parse = parse_case,
    .free_result = (GDestroyNotify) ybc_case_unref,
    .source_tag = &source_tag_create_case,
    .name = "ybc_api_create_case_async",
  };

  g_return_if_fail (YBC_IS_API (self));
  g_return_if_fail (item_code != NULL);
  g_return_if_fail (party != NULL);
  g_return_if_fail (idempotency_key != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "item");
  json_builder_add_string_value (builder, item_code);
  if (material_set != NULL)
    {
      json_builder_set_member_name (builder, "material_set");
      json_builder_add_string_value (builder, material_set);
    }
  json_builder_set_member_name (builder, "party");
  json_builder_add_value (builder, json_node_init_object (json_node_alloc (), party));
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  spec.body = body;

  ybc_api_send (self, &spec, cancellable, callback, user_data);
}

YbcCase *
ybc_api_create_case_finish (YbcApi        *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return propagate (self, result, &source_tag_create_case, error);
}

void
ybc_api_get_case_async (YbcApi              *self,
                        gint64               id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT, id);
  YbcApiRequestSpec spec = {
    .method = SOUP_METHOD_GET,
    .path = path,
    .authenticated = TRUE,
    .parse = parse_case,
    .free_result = (GDestroyNotify) ybc_case_unref,
    .source_tag = &source_tag_get_case,
    .name = "ybc_api_get_case_async",
  };

  g_return_if_fail (YBC_IS_API (self));

  ybc_api_send (self, &spec, cancellable, callback, user_data);
}

YbcCase *
ybc_api_get_case_finish (YbcApi        *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return propagate (self, result, &source_tag_get_case, error);
}

void
ybc_api_list_cases_async (YbcApi              *self,
                          const YbcCaseQuery  *query,
                          const char          *after,
                          guint                limit,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *path = ybc_case_query_to_path (query, after, limit);
  YbcApiRequestSpec spec = {
    .method = SOUP_METHOD_GET,
    .path = path,
    .authenticated = TRUE,
    .parse = parse_page,
    .free_result = (GDestroyNotify) ybc_case_page_free,
    .source_tag = &source_tag_list_cases,
    .name = "ybc_api_list_cases_async",
  };

  g_return_if_fail (YBC_IS_API (self));

  ybc_api_send (self, &spec, cancellable, callback, user_data);
}

YbcCasePage *
ybc_api_list_cases_finish (YbcApi        *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return propagate (self, result, &source_tag_list_cases, error);
}

void
ybc_api_case_action_async (YbcApi              *self,
                           gint64               id,
                           const char          *action,
                           int                  version,
                           JsonObject          *input,
                           const char          *idempotency_key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;
  YbcApiRequestSpec spec = {
    .method = SOUP_METHOD_POST,
    .authenticated = TRUE,
    .idempotency_key = idempotency_key,
    .if_match_version = version,
    .parse = parse_case,
    .free_result = (GDestroyNotify) ybc_case_unref,
    .source_tag = &source_tag_case_action,
    .name = "ybc_api_case_action_async",
  };

  g_return_if_fail (YBC_IS_API (self));
  g_return_if_fail (action != NULL);
  g_return_if_fail (version > 0);
  g_return_if_fail (idempotency_key != NULL);

  escaped = g_uri_escape_string (action, NULL, FALSE);
  path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/actions/%s", id, escaped);
  body = json_node_init_object (json_node_alloc (), input ? input : json_object_new ());
  if (input == NULL)
    json_object_unref (json_node_get_object (body));
  spec.path = path;
  spec.body = body;

  ybc_api_send (self, &spec, cancellable, callback, user_data);
}

YbcCase *
ybc_api_case_action_finish (YbcApi        *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return propagate (self, result, &source_tag_case_action, error);
}

void
ybc_api_get_document_async (YbcApi              *self,
                            gint64               id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/documents/%" G_GINT64_FORMAT, id);
  YbcApiRequestSpec spec = {
    .method = SOUP_METHOD_GET,
    .path = path,
    .authenticated = TRUE,
    .raw = TRUE,
    .source_tag = &source_tag_get_document,
    .name = "ybc_api_get_document_async",
  };

  g_return_if_fail (YBC_IS_API (self));

  ybc_api_send (self, &spec, cancellable, callback, user_data);
}

GBytes *
ybc_api_get_document_finish (YbcApi        *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return propagate (self, result, &source_tag_get_document, error);
}

void
ybc_api_list_users_async (YbcApi              *self,
                          const char          *role,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *path = NULL;
  YbcApiRequestSpec spec = {
    .method = SOUP_METHOD_GET,
    .authenticated = TRUE,
    .parse = parse_staff,
    .free_result = (GDestroyNotify) g_ptr_array_unref,
    .source_tag = &source_tag_list_users,
    .name = "ybc_api_list_users_async",
  };

  g_return_if_fail (YBC_IS_API (self));

  if (role != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (role, NULL, FALSE);
      path = g_strconcat ("/api/v1/users?role=", escaped, NULL);
    }
  else
    path = g_strdup ("/api/v1/users");
  spec.path = path;

  ybc_api_send (self, &spec, cancellable, callback, user_data);
}

GPtrArray *
ybc_api_list_users_finish (YbcApi        *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return propagate (self, result, &source_tag_list_users, error);
}
