/* yb-problems.c: the list of everything wrong with one submission, and its JSON form
 * (the `errors` member of a problem+json response). */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-problems.h"

#include <gio/gio.h>

struct _YbProblems {
  gatomicrefcount  ref_count;
  GPtrArray       *items; /* YbProblem*, owned */
};

/* ------------------------------------------------------------------------- helpers */

static void
yb_problem_free (gpointer data)
{
  YbProblem *problem = data;

  g_free (problem->code);
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static YbProblem *
yb_problem_new_take (char *code,
                     char *field,
                     char *message)
{
  YbProblem *problem = g_new0 (YbProblem, 1);

  problem->code = code;
  problem->field = field;
  problem->message = message;
  return problem;
}

/* Reads a string member for from_json; @nullable lets JSON null and absence mean NULL. */
static gboolean
read_string_member (JsonObject  *object,
                    const char  *member,
                    gboolean     nullable,
                    guint        index,
                    char       **out,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        return TRUE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "问题列表第 %u 项缺少 “%s”", index + 1, member);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "问题列表第 %u 项的 “%s” 不是字符串", index + 1, member);
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* ------------------------------------------------------------------------- public API */

YbProblems *
yb_problems_new (void)
{
  YbProblems *self = g_new0 (YbProblems, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->items = g_ptr_array_new_with_free_func (yb_problem_free);
  return self;
}

YbProblems *
yb_problems_ref (YbProblems *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
yb_problems_unref (YbProblems *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->items);
      g_free (self);
    }
}

void
yb_problems_add (YbProblems *self,
                 const char *code,
                 const char *field,
                 const char *message_format,
                 ...)
{
  va_list args;
  char *message;

  g_return_if_fail (self != NULL);
  g_return_if_fail (code != NULL);
  g_return_if_fail (message_format != NULL);

  va_start (args, message_format);
  message = g_strdup_vprintf (message_format, args);
  va_end (args);

  g_ptr_array_add (self->items,
                   yb_problem_new_take (g_strdup (code), g_strdup (field), message));
}

guint
yb_problems_get_len (const YbProblems *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

gboolean
yb_problems_is_empty (const YbProblems *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->items->len == 0;
}

const YbProblem *
yb_problems_get (const YbProblems *self,
                 guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return g_ptr_array_index (self->items, index);
}

gboolean
yb_problems_has_code (const YbProblems *self,
                      const char       *code)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      const YbProblem *problem = g_ptr_array_index (self->items, i);

      if (g_str_equal (problem->code, code))
        return TRUE;
    }
  return FALSE;
}

void
yb_problems_extend (YbProblems       *self,
                    const YbProblems *other)
{
  guint n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  /* Read the length first: extending a list with itself must not run forever. */
  n = other->items->len;
  for (guint i = 0; i < n; i++)
    {
      const YbProblem *problem = g_ptr_array_index (other->items, i);

      g_ptr_array_add (self->items,
                       yb_problem_new_take (g_strdup (problem->code),
                                            g_strdup (problem->field),
                                            g_strdup (problem->message)));
    }
}

JsonNode *
yb_problems_to_json (const YbProblems *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      const YbProblem *problem = g_ptr_array_index (self->items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, problem->code);
      /* A problem about the whole request has no field: leave the member out rather
       * than send null, so clients can test for presence. */
      if (problem->field != NULL)
        {
          json_builder_set_member_name (builder, "field");
          json_builder_add_string_value (builder, problem->field);
        }
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

YbProblems *
yb_problems_from_json (JsonNode  *array,
                       GError   **error)
{
  g_autoptr(YbProblems) problems = NULL;
  JsonArray *elements;

  g_return_val_if_fail (array != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_ARRAY (array))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "问题列表不是 JSON 数组");
      return NULL;
    }

  problems = yb_problems_new ();
  elements = json_node_get_array (array);
  for (guint i = 0; i < json_array_get_length (elements); i++)
    {
      JsonNode *element = json_array_get_element (elements, i);
      JsonObject *object;
      g_autofree char *code = NULL;
      g_autofree char *field = NULL;
      g_autofree char *message = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "问题列表第 %u 项不是 JSON 对象", i + 1);
          return NULL;
        }
      object = json_node_get_object (element);
      if (!read_string_member (object, "code", FALSE, i, &code, error) ||
          !read_string_member (object, "field", TRUE, i, &field, error) ||
          !read_string_member (object, "message", FALSE, i, &message, error))
        return NULL;

      g_ptr_array_add (problems->items,
                       yb_problem_new_take (g_steal_pointer (&code),
                                            g_steal_pointer (&field),
                                            g_steal_pointer (&message)));
    }

  return g_steal_pointer (&problems);
}
