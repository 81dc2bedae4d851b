/* ybs-call.c: the request/answer record shared by the dispatcher and the handlers. */
#define G_LOG_DOMAIN "yibao-server"

#include <string.h>

#include "ybs-call.h"
#include "ybs-error.h"

static const struct {
  const char *code;
  YbsRoles    role;
} role_names[] = {
  { "clerk", YBS_ROLE_CLERK },
  { "chief", YBS_ROLE_CHIEF },
  { "inspector", YBS_ROLE_INSPECTOR },
  { "settlement", YBS_ROLE_SETTLEMENT },
  { "leader", YBS_ROLE_LEADER },
  { "admin", YBS_ROLE_ADMIN },
  { "city_viewer", YBS_ROLE_CITY_VIEWER },
};

YbsRoles
ybs_roles_from_string (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (code, role_names[i].code) == 0)
      return role_names[i].role;
  return 0;
}

JsonNode *
ybs_roles_to_json (YbsRoles roles)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (roles & role_names[i].role)
      json_array_add_string_element (array, role_names[i].code);
  json_node_take_array (node, array);
  return node;
}

void
ybs_user_free (YbsUser *user)
{
  if (user == NULL)
    return;
  g_free (user->username);
  g_free (user->display_name);
  g_free (user);
}

void
ybs_call_free (YbsCall *call)
{
  if (call == NULL)
    return;
  g_free (call->method);
  g_free (call->path);
  g_clear_pointer (&call->path_params, g_hash_table_unref);
  g_clear_pointer (&call->query, g_hash_table_unref);
  g_clear_pointer (&call->body, json_node_unref);
  if (call->token != NULL)
    memset (call->token, 0, strlen (call->token));
  g_free (call->token);
  g_free (call->idempotency_key);
  g_free (call->if_match);
  g_free (call->request_id);
  g_free (call->peer);
  g_clear_pointer (&call->user, ybs_user_free);
  g_clear_pointer (&call->reply_json, json_node_unref);
  g_free (call->reply_raw);
  g_clear_pointer (&call->reply_bytes, g_bytes_unref);
  g_free (call->reply_type);
  g_free (call->location);
  g_free (call->etag);
  g_free (call->problem_code);
  g_free (call->problem_detail);
  g_clear_pointer (&call->problems, yb_problems_unref);
  g_free (call);
}

const char *
ybs_call_param (YbsCall    *call,
                const char *name)
{
  return call->path_params ? g_hash_table_lookup (call->path_params, name) : NULL;
}

const char *
ybs_call_query (YbsCall    *call,
                const char *name)
{
  return g_hash_table_lookup (call->query, name);
}

void
ybs_call_reply_json (YbsCall  *call,
                     guint     status,
                     JsonNode *node)
{
  g_clear_pointer (&call->reply_json, json_node_unref);
  call->status = status;
  call->reply_json = node;
}

gboolean
ybs_call_fail_problems (YbsCall    *call,
                        YbProblems *problems,
                        const char *title,
                        GError    **error)
{
  g_clear_pointer (&call->problems, yb_problems_unref);
  call->problems = yb_problems_ref (problems);
  g_set_error_literal (error, YBS_ERROR, YBS_ERROR_BAD_REQUEST, title);
  return FALSE;
}

const char *
ybs_body_string (YbsCall    *call,
                 const char *member,
                 gboolean    required,
                 gsize       max_chars,
                 YbProblems *problems)
{
  JsonObject *obj = call->body ? json_node_get_object (call->body) : NULL;
  JsonNode *node = obj ? json_object_get_member (obj, member) : NULL;
  const char *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        yb_problems_add (problems, "field.required", member, "缺少必填项“%s”", member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      yb_problems_add (problems, "field.type", member, "“%s”应为文本", member);
      return NULL;
    }
  value = json_node_get_string (node);
  if (required && *value == '\0')
    {
      yb_problems_add (problems, "field.required", member, "“%s”不能为空", member);
      return NULL;
    }
  if (g_utf8_strlen (value, -1) > (glong) max_chars)
    {
      yb_problems_add (problems, "field.too_long", member, "“%s”超过 %" G_GSIZE_FORMAT " 个字符",
                       member, max_chars);
      return NULL;
    }
  return value;
}
