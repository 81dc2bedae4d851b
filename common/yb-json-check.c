/* yb-json-check.c: member-by-member checks of a JSON document that report every problem
 * with the path of the member at fault, for checkers that must list everything at once. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-json-check-private.h"

/* ------------------------------------------------------------------------- helpers */

static const char *
kind_name (YbJsonKind kind)
{
  switch (kind)
    {
    case YB_JSON_KIND_STRING: return "字符串";
    case YB_JSON_KIND_INT: return "整数";
    case YB_JSON_KIND_BOOL: return "true 或 false";
    case YB_JSON_KIND_ARRAY: return "数组";
    case YB_JSON_KIND_OBJECT: return "对象";
    default: g_assert_not_reached ();
    }
}

static char *
code_for (YbJsonCheck *jc,
          const char  *suffix)
{
  return g_strconcat (jc->prefix, ".", suffix, NULL);
}

/* ------------------------------------------------------------------------- internal API */

void
yb_json_check_init (YbJsonCheck *jc,
                    YbProblems  *problems,
                    const char  *code_prefix)
{
  jc->problems = problems;
  jc->prefix = g_strdup (code_prefix);
  jc->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
yb_json_check_clear (YbJsonCheck *jc)
{
  g_clear_pointer (&jc->prefix, g_free);
  g_clear_pointer (&jc->reported, g_hash_table_unref);
  jc->problems = NULL;
}

void
yb_json_check_report (YbJsonCheck *jc,
                      const char  *code,
                      const char  *field,
                      const char  *format,
                      ...)
{
  va_list args;
  g_autofree char *message = NULL;
  char *key;

  /* One problem per member and code: checkers that look at a member from several sides
   * (each county's view of an item) would otherwise repeat it. */
  key = g_strdup_printf ("%s\n%s", code, field != NULL ? field : "");
  if (!g_hash_table_add (jc->reported, key))
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  yb_problems_add (jc->problems, code, field, "%s", message);
}

char *
yb_json_path_member (const char *parent,
                     const char *member)
{
  if (parent == NULL || parent[0] == '\0')
    return g_strdup (member);
  return g_strdup_printf ("%s.%s", parent, member);
}

char *
yb_json_path_index (const char *parent,
                    guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

gboolean
yb_json_node_is_kind (JsonNode   *node,
                      YbJsonKind  kind)
{
  switch (kind)
    {
    case YB_JSON_KIND_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    case YB_JSON_KIND_INT:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    case YB_JSON_KIND_BOOL:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    case YB_JSON_KIND_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case YB_JSON_KIND_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    default:
      g_assert_not_reached ();
    }
}

gboolean
yb_json_present (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

JsonNode *
yb_json_check_member (YbJsonCheck *jc,
                      JsonObject  *object,
                      const char  *path,
                      const char  *name,
                      YbJsonKind   kind,
                      gboolean     required)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *member_path = yb_json_path_member (path, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *code = code_for (jc, "missing");

          yb_json_check_report (jc, code, member_path, "缺少必填项“%s”", name);
        }
      return NULL;
    }
  if (!yb_json_node_is_kind (node, kind))
    {
      g_autofree char *code = code_for (jc, "type");

      yb_json_check_report (jc, code, member_path, "“%s”应为%s", name, kind_name (kind));
      return NULL;
    }
  if (required && kind == YB_JSON_KIND_STRING && json_node_get_string (node)[0] == '\0')
    {
      g_autofree char *code = code_for (jc, "empty");

      yb_json_check_report (jc, code, member_path, "“%s”不能为空", name);
      return NULL;
    }
  return node;
}

const char *
yb_json_check_string (YbJsonCheck *jc,
                      JsonObject  *object,
                      const char  *path,
                      const char  *name,
                      gboolean     required)
{
  JsonNode *node = yb_json_check_member (jc, object, path, name, YB_JSON_KIND_STRING, required);

  return node != NULL ? json_node_get_string (node) : NULL;
}

void
yb_json_check_optional_string (YbJsonCheck *jc,
                               JsonObject  *object,
                               const char  *path,
                               const char  *name)
{
  yb_json_check_member (jc, object, path, name, YB_JSON_KIND_STRING, FALSE);
}

JsonArray *
yb_json_check_array (YbJsonCheck *jc,
                     JsonObject  *object,
                     const char  *path,
                     const char  *name,
                     gboolean     required,
                     gboolean     non_empty)
{
  JsonNode *node = yb_json_check_member (jc, object, path, name, YB_JSON_KIND_ARRAY, required);
  JsonArray *array;

  if (node == NULL)
    return NULL;
  array = json_node_get_array (node);
  if (non_empty && json_array_get_length (array) == 0)
    {
      g_autofree char *member_path = yb_json_path_member (path, name);
      g_autofree char *code = code_for (jc, "empty");

      yb_json_check_report (jc, code, member_path, "“%s”不能是空数组", name);
    }
  return array;
}

void
yb_json_check_known_members (YbJsonCheck        *jc,
                             JsonObject         *object,
                             const char         *path,
                             const char * const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);

  /* Typos in optional members would otherwise vanish without a trace. */
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!g_strv_contains (known, name))
        {
          g_autofree char *member_path = yb_json_path_member (path, name);
          g_autofree char *code = code_for (jc, "unknown_member");

          yb_json_check_report (jc, code, member_path, "未知的成员“%s”（拼写错误？）", name);
        }
    }
}

JsonObject *
yb_json_check_element_object (YbJsonCheck *jc,
                              JsonArray   *array,
                              guint        index,
                              const char  *path)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *code = code_for (jc, "type");

      yb_json_check_report (jc, code, path, "应为对象");
      return NULL;
    }
  return json_node_get_object (node);
}

void
yb_json_check_unique (YbJsonCheck *jc,
                      GHashTable  *seen,
                      const char  *code,
                      const char  *path,
                      const char  *what)
{
  if (code == NULL)
    return;
  if (!g_hash_table_add (seen, g_strdup (code)))
    {
      g_autofree char *problem_code = code_for (jc, "duplicate");

      yb_json_check_report (jc, problem_code, path, "%s“%s”重复", what, code);
    }
}
