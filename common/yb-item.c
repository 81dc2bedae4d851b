/* yb-item.c: YbItem, one county's item definition, mapped from the JSON the server
 * answers (a resolved catalogue item plus what the server adds). Unknown members are
 * ignored so that the server can grow the answer without breaking older clients. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-catalogue-private.h"
#include "yb-procedure.h"

static const struct {
  YbTimeLimitKind  kind;
  const char      *text;
} time_limit_kinds[] = {
  { YB_TIME_LIMIT_NONE, "none" },
  { YB_TIME_LIMIT_WORKING_DAYS, "working_days" },
  { YB_TIME_LIMIT_CALENDAR_DAYS, "calendar_days" },
  { YB_TIME_LIMIT_ON_THE_SPOT, "on_the_spot" },
};

/* Collects every required member that is missing and every member of the wrong type,
 * so that the error names them all. */
typedef struct {
  GPtrArray *missing; /* paths */
  GPtrArray *wrong;   /* paths */
} Reader;

/* ------------------------------------------------------------------------- destructors */

static void
material_free (gpointer data)
{
  YbMaterial *material = data;

  g_free (material->id);
  g_free (material->name);
  g_free (material->note);
  g_clear_pointer (&material->any_of, g_ptr_array_unref);
  g_free (material);
}

static void
material_set_free (gpointer data)
{
  YbMaterialSet *set = data;

  g_free (set->id);
  g_free (set->name);
  g_strfreev (set->materials);
  g_free (set);
}

static void
step_free (gpointer data)
{
  YbStep *step = data;

  g_free (step->id);
  g_free (step->name);
  g_free (step->role);
  g_free (step->text);
  g_free (step);
}

static void
phone_free (gpointer data)
{
  YbPhone *phone = data;

  g_free (phone->number);
  g_free (phone->label);
  g_free (phone);
}

void
yb_item_free (YbItem *item)
{
  if (item == NULL)
    return;

  g_free (item->region_code);
  g_free (item->code);
  g_free (item->category);
  g_free (item->category_name);
  g_free (item->name);
  g_free (item->full_name);
  g_free (item->parent);
  g_clear_pointer (&item->sub_items, g_ptr_array_unref);
  g_free (item->legal_basis);
  g_free (item->responsibilities);
  g_free (item->accountability);
  g_free (item->time_limit.text);
  g_clear_pointer (&item->materials, g_ptr_array_unref);
  g_clear_pointer (&item->material_sets, g_ptr_array_unref);
  g_clear_pointer (&item->steps, g_ptr_array_unref);
  g_clear_pointer (&item->phones, g_ptr_array_unref);
  g_free (item->supervision_phone);
  yb_department_clear (&item->department);
  g_free (item->basis_note);
  g_free (item->steps_note);
  g_clear_pointer (&item->procedure, yb_procedure_unref);
  g_clear_pointer (&item->documents, json_object_unref);
  g_clear_pointer (&item->time_limit_by_set, g_hash_table_unref);
  g_free (item);
}

/* ------------------------------------------------------------------------- readers */

static char *
join_path (const char *path,
           const char *name)
{
  return path[0] != '\0' ? g_strdup_printf ("%s.%s", path, name) : g_strdup (name);
}

/* The member when present (JSON null counts as absent) and of @type, else NULL after
 * noting it missing (when @required) or wrong. */
static JsonNode *
read_member (Reader     *r,
             JsonObject *object,
             const char *path,
             const char *name,
             GType       type,
             gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);
  gboolean ok;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_ptr_array_add (r->missing, join_path (path, name));
      return NULL;
    }

  if (type == JSON_TYPE_ARRAY)
    ok = JSON_NODE_HOLDS_ARRAY (node);
  else if (type == JSON_TYPE_OBJECT)
    ok = JSON_NODE_HOLDS_OBJECT (node);
  else
    ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
  if (!ok)
    {
      g_ptr_array_add (r->wrong, join_path (path, name));
      return NULL;
    }
  return node;
}

static char *
read_string (Reader     *r,
             JsonObject *object,
             const char *path,
             const char *name,
             gboolean    required)
{
  JsonNode *node = read_member (r, object, path, name, G_TYPE_STRING, required);

  return node != NULL ? g_strdup (json_node_get_string (node)) : NULL;
}

static gboolean
read_boolean (Reader     *r,
              JsonObject *object,
              const char *path,
              const char *name)
{
  JsonNode *node = read_member (r, object, path, name, G_TYPE_BOOLEAN, FALSE);

  return node != NULL && json_node_get_boolean (node);
}

static int
read_int (Reader     *r,
          JsonObject *object,
          const char *path,
          const char *name,
          int         fallback)
{
  JsonNode *node = read_member (r, object, path, name, G_TYPE_INT64, FALSE);
  gint64 value;

  if (node == NULL)
    return fallback;
  value = json_node_get_int (node);
  if (value < G_MININT || value > G_MAXINT)
    {
      g_ptr_array_add (r->wrong, join_path (path, name));
      return fallback;
    }
  return (int) value;
}

/* Calls @read_one for every object of the array member @name; notes non-objects. */
typedef gpointer (*ReadOneFunc) (Reader *r, JsonObject *object, const char *path);

static GPtrArray *
read_list (Reader         *r,
           JsonObject     *object,
           const char     *path,
           const char     *name,
           ReadOneFunc     read_one,
           GDestroyNotify  free_one)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (free_one);
  JsonNode *node = read_member (r, object, path, name, JSON_TYPE_ARRAY, FALSE);
  JsonArray *array;
  g_autofree char *list_path = join_path (path, name);

  if (node == NULL)
    return list;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", list_path, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_ptr_array_add (r->wrong, g_steal_pointer (&element_path));
          continue;
        }
      g_ptr_array_add (list, read_one (r, json_node_get_object (element), element_path));
    }
  return list;
}

static gpointer
read_code_name (Reader     *r,
                JsonObject *object,
                const char *path)
{
  YbCategory *category = g_new0 (YbCategory, 1);

  category->code = read_string (r, object, path, "code", TRUE);
  category->name = read_string (r, object, path, "name", FALSE);
  return category;
}

static gpointer
read_material (Reader     *r,
               JsonObject *object,
               const char *path)
{
  YbMaterial *material = g_new0 (YbMaterial, 1);

  material->id = read_string (r, object, path, "id", TRUE);
  material->name = read_string (r, object, path, "name", TRUE);
  material->original = read_boolean (r, object, path, "original");
  material->copy = read_boolean (r, object, path, "copy");
  material->seal = read_boolean (r, object, path, "seal");
  material->copies = read_int (r, object, path, "copies", 1);
  material->note = read_string (r, object, path, "note", FALSE);
  /* Alternatives are materials themselves; the catalogue check keeps them one level deep. */
  material->any_of = read_list (r, object, path, "any_of", read_material, material_free);
  return material;
}

static gpointer
read_material_set (Reader     *r,
                   JsonObject *object,
                   const char *path)
{
  YbMaterialSet *set = g_new0 (YbMaterialSet, 1);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  JsonNode *node;

  set->id = read_string (r, object, path, "id", TRUE);
  set->name = read_string (r, object, path, "name", FALSE);
  node = read_member (r, object, path, "materials", JSON_TYPE_ARRAY, FALSE);
  if (node != NULL)
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (ids, json_node_get_string (element));
          else
            g_ptr_array_add (r->wrong, g_strdup_printf ("%s.materials[%u]", path, i));
        }
    }
  set->materials = g_strv_builder_end (ids);
  return set;
}

static gpointer
read_step (Reader     *r,
           JsonObject *object,
           const char *path)
{
  YbStep *step = g_new0 (YbStep, 1);

  step->id = read_string (r, object, path, "id", TRUE);
  step->name = read_string (r, object, path, "name", FALSE);
  step->role = read_string (r, object, path, "role", FALSE);
  step->text = read_string (r, object, path, "text", FALSE);
  return step;
}

static gpointer
read_phone (Reader     *r,
            JsonObject *object,
            const char *path)
{
  YbPhone *phone = g_new0 (YbPhone, 1);

  phone->number = read_string (r, object, path, "number", TRUE);
  phone->label = read_string (r, object, path, "label", FALSE);
  return phone;
}

static void
time_limit_free (gpointer data)
{
  YbTimeLimit *limit = data;

  g_free (limit->text);
  g_free (limit);
}

static void
read_time_limit_at (Reader      *r,
                    JsonObject  *time_limit,
                    const char  *path,
                    YbTimeLimit *out)
{
  g_autofree char *kind = NULL;

  kind = read_string (r, time_limit, path, "kind", FALSE);
  if (kind != NULL && !yb_time_limit_kind_from_string (kind, &out->kind))
    g_ptr_array_add (r->wrong, join_path (path, "kind"));
  out->days = read_int (r, time_limit, path, "days", 0);
  out->text = read_string (r, time_limit, path, "text", FALSE);
}

static void
read_time_limit (Reader      *r,
                 JsonObject  *object,
                 YbItem      *item)
{
  JsonNode *node = read_member (r, object, "", "time_limit", JSON_TYPE_OBJECT, FALSE);
  JsonObject *time_limit;
  JsonNode *by_set;

  item->time_limit.kind = YB_TIME_LIMIT_NONE;
  item->time_limit.days = 0;
  item->time_limit.text = NULL;
  if (node == NULL)
    return;

  time_limit = json_node_get_object (node);
  read_time_limit_at (r, time_limit, "time_limit", &item->time_limit);

  by_set = read_member (r, time_limit, "time_limit", "by_set", JSON_TYPE_OBJECT, FALSE);
  if (by_set != NULL)
    {
      g_autoptr(GList) sets = json_object_get_members (json_node_get_object (by_set));

      item->time_limit_by_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       time_limit_free);
      for (GList *l = sets; l != NULL; l = l->next)
        {
          JsonNode *element = json_object_get_member (json_node_get_object (by_set), l->data);
          g_autofree char *path = g_strdup_printf ("time_limit.by_set.%s", (const char *) l->data);
          YbTimeLimit *limit;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_ptr_array_add (r->wrong, g_steal_pointer (&path));
              continue;
            }
          limit = g_new0 (YbTimeLimit, 1);
          read_time_limit_at (r, json_node_get_object (element), path, limit);
          g_hash_table_insert (item->time_limit_by_set, g_strdup (l->data), limit);
        }
    }
}

/* "department" is the bare code in a resolved catalogue item, and an object once the
 * server has joined in the department's name and phones. */
static void
read_department (Reader       *r,
                 JsonObject   *object,
                 YbDepartment *out)
{
  JsonNode *node = json_object_get_member (object, "department");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    out->code = g_strdup (json_node_get_string (node));
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *department = json_node_get_object (node);

      out->code = read_string (r, department, "department", "code", TRUE);
      out->name = read_string (r, department, "department", "name", FALSE);
      out->phone = read_string (r, department, "department", "phone", FALSE);
      out->supervision_phone = read_string (r, department, "department", "supervision_phone",
                                            FALSE);
    }
  else
    g_ptr_array_add (r->wrong, g_strdup ("department"));
}

/* The inlined procedure of a resolved item; a name here could not be resolved. */
static void
read_procedure (Reader     *r,
                JsonObject *object,
                YbItem     *item)
{
  JsonNode *documents = read_member (r, object, "", "documents", JSON_TYPE_OBJECT, FALSE);
  JsonNode *node = read_member (r, object, "", "procedure", JSON_TYPE_OBJECT, FALSE);
  g_autoptr(YbProblems) problems = NULL;

  if (documents != NULL)
    item->documents = json_object_ref (json_node_get_object (documents));
  if (node == NULL)
    return;
  problems = yb_problems_new ();
  item->procedure = yb_procedure_parse (node, "procedure", item->documents, problems);
  for (guint i = 0; i < yb_problems_get_len (problems); i++)
    {
      const YbProblem *problem = yb_problems_get (problems, i);

      g_ptr_array_add (r->wrong, g_strdup (problem->field != NULL ? problem->field : "procedure"));
    }
}

static char *
join_paths (GPtrArray *paths)
{
  g_ptr_array_add (paths, NULL);
  return g_strjoinv ("、", (char **) paths->pdata);
}

/* ------------------------------------------------------------------------- public API */

const char *
yb_time_limit_kind_to_string (YbTimeLimitKind kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (time_limit_kinds); i++)
    if (time_limit_kinds[i].kind == kind)
      return time_limit_kinds[i].text;
  g_return_val_if_reached (NULL);
}

const YbTimeLimit *
yb_item_time_limit_for_set (const YbItem *item,
                            const char   *material_set)
{
  const YbTimeLimit *limit = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  if (material_set != NULL && item->time_limit_by_set != NULL)
    limit = g_hash_table_lookup (item->time_limit_by_set, material_set);
  return limit != NULL ? limit : &item->time_limit;
}

gboolean
yb_time_limit_kind_from_string (const char      *text,
                                YbTimeLimitKind *out)
{
  if (text == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (time_limit_kinds); i++)
    if (g_str_equal (time_limit_kinds[i].text, text))
      {
        if (out != NULL)
          *out = time_limit_kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}

YbItem *
yb_item_from_json (JsonNode  *node,
                   GError   **error)
{
  g_autoptr(YbItem) item = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) wrong = g_ptr_array_new_with_free_func (g_free);
  Reader r = { missing, wrong };
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, YB_CATALOGUE_ERROR, YB_CATALOGUE_ERROR_ITEM,
                           "事项数据不是 JSON 对象");
      return NULL;
    }
  object = json_node_get_object (node);

  item = g_new0 (YbItem, 1);
  item->region_code = read_string (&r, object, "", "region_code", FALSE);
  item->code = read_string (&r, object, "", "code", TRUE);
  item->category = read_string (&r, object, "", "category", TRUE);
  item->category_name = read_string (&r, object, "", "category_name", FALSE);
  item->name = read_string (&r, object, "", "name", TRUE);
  item->full_name = read_string (&r, object, "", "full_name", FALSE);
  item->parent = read_string (&r, object, "", "parent", FALSE);
  item->sub_items = read_list (&r, object, "", "sub_items", read_code_name, yb_category_free);
  item->legal_basis = read_string (&r, object, "", "legal_basis", FALSE);
  item->responsibilities = read_string (&r, object, "", "responsibilities", FALSE);
  item->accountability = read_string (&r, object, "", "accountability", FALSE);
  read_time_limit (&r, object, item);
  item->materials = read_list (&r, object, "", "materials", read_material, material_free);
  item->material_sets = read_list (&r, object, "", "material_sets", read_material_set,
                                   material_set_free);
  item->steps = read_list (&r, object, "", "steps", read_step, step_free);
  item->phones = read_list (&r, object, "", "phones", read_phone, phone_free);
  item->supervision_phone = read_string (&r, object, "", "supervision_phone", FALSE);
  read_department (&r, object, &item->department);
  item->basis_note = read_string (&r, object, "", "basis_note", FALSE);
  item->steps_note = read_string (&r, object, "", "steps_note", FALSE);
  read_procedure (&r, object, item);

  if (missing->len > 0 || wrong->len > 0)
    {
      g_autofree char *missing_text = missing->len > 0 ? join_paths (missing) : NULL;
      g_autofree char *wrong_text = wrong->len > 0 ? join_paths (wrong) : NULL;

      g_set_error (error, YB_CATALOGUE_ERROR, YB_CATALOGUE_ERROR_ITEM,
                   "事项数据不完整：%s%s%s%s%s",
                   missing_text != NULL ? "缺少 " : "",
                   missing_text != NULL ? missing_text : "",
                   missing_text != NULL && wrong_text != NULL ? "；" : "",
                   wrong_text != NULL ? "类型或取值不对：" : "",
                   wrong_text != NULL ? wrong_text : "");
      return NULL;
    }

  return g_steal_pointer (&item);
}
