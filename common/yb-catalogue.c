/* yb-catalogue.c: a checked catalogue file in memory: its counties and categories as
 * structs, and each county's resolved item definitions as JSON for the server to store. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-catalogue-private.h"
#include "yb-procedure.h"

struct _YbCatalogue {
  JsonNode  *root;        /* the checked document, kept for resolving items */
  GPtrArray *regions;     /* YbRegion* */
  GPtrArray *categories;  /* YbCategory* */
};

G_DEFINE_QUARK (yb-catalogue-error-quark, yb_catalogue_error)

/* The roles table: who a procedure step may name as acting. */
static const char * const known_roles[] = {
  "clerk", "chief", "inspector", "settlement", "leader", "admin", "city_viewer",
  "applicant", "institution", "party_group", NULL,
};

/* ------------------------------------------------------------------------- plain structs */

void
yb_category_free (gpointer data)
{
  YbCategory *category = data;

  if (category == NULL)
    return;
  g_free (category->code);
  g_free (category->name);
  g_free (category);
}

void
yb_department_clear (YbDepartment *department)
{
  g_clear_pointer (&department->code, g_free);
  g_clear_pointer (&department->name, g_free);
  g_clear_pointer (&department->phone, g_free);
  g_clear_pointer (&department->supervision_phone, g_free);
}

void
yb_department_free (gpointer data)
{
  if (data == NULL)
    return;
  yb_department_clear (data);
  g_free (data);
}

void
yb_region_free (gpointer data)
{
  YbRegion *region = data;

  if (region == NULL)
    return;
  g_free (region->code);
  g_free (region->name);
  g_free (region->parent_code);
  g_free (region->parent_name);
  g_free (region->bureau);
  g_clear_pointer (&region->departments, g_ptr_array_unref);
  g_free (region->abbrev);
  g_free (region);
}

/* ------------------------------------------------------------------------- building */

/* json_node_copy only refs objects and arrays; resolved items are handed to callers who
 * may change them, so they must not share anything with the catalogue. */
static JsonNode *
deep_copy (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *source = json_node_get_object (node);
        g_autoptr(JsonObject) copy = json_object_new ();
        g_autoptr(GList) names = json_object_get_members (source);

        for (GList *l = names; l != NULL; l = l->next)
          json_object_set_member (copy, l->data,
                                  deep_copy (json_object_get_member (source, l->data)));
        return json_node_init_object (json_node_alloc (), copy);
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        g_autoptr(JsonArray) copy = json_array_sized_new (json_array_get_length (source));

        for (guint i = 0; i < json_array_get_length (source); i++)
          json_array_add_element (copy, deep_copy (json_array_get_element (source, i)));
        return json_node_init_array (json_node_alloc (), copy);
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/* Only called on a checked document: members are there and of the right kind. */
static char *
dup_string_or_null (JsonObject *object,
                    const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static YbRegion *
region_from_json (JsonObject *object)
{
  YbRegion *region = g_new0 (YbRegion, 1);
  JsonArray *departments = json_object_get_array_member (object, "departments");

  region->code = dup_string_or_null (object, "code");
  region->name = dup_string_or_null (object, "name");
  region->parent_code = dup_string_or_null (object, "parent_code");
  region->parent_name = dup_string_or_null (object, "parent_name");
  region->bureau = dup_string_or_null (object, "bureau");
  region->abbrev = dup_string_or_null (object, "abbrev");
  region->departments = g_ptr_array_new_with_free_func (yb_department_free);
  for (guint i = 0; i < json_array_get_length (departments); i++)
    {
      JsonObject *element = json_array_get_object_element (departments, i);
      YbDepartment *department = g_new0 (YbDepartment, 1);

      department->code = dup_string_or_null (element, "code");
      department->name = dup_string_or_null (element, "name");
      department->phone = dup_string_or_null (element, "phone");
      department->supervision_phone = dup_string_or_null (element, "supervision_phone");
      g_ptr_array_add (region->departments, department);
    }
  return region;
}

/* The procedure @merged names (or carries), inlined, and the documents its actions issue:
 * a stored definition must not depend on the rest of the file. */
static void
inline_procedure (YbCatalogue *self,
                  JsonObject  *merged)
{
  JsonObject *root = json_node_get_object (self->root);
  JsonNode *procedure = json_object_get_member (merged, "procedure");
  JsonNode *documents_node = json_object_get_member (root, "documents");
  JsonObject *all_documents = documents_node != NULL && JSON_NODE_HOLDS_OBJECT (documents_node)
                              ? json_node_get_object (documents_node) : NULL;
  g_autoptr(JsonObject) documents = json_object_new ();
  JsonArray *actions;

  if (procedure == NULL || JSON_NODE_HOLDS_NULL (procedure))
    return;
  if (JSON_NODE_HOLDS_VALUE (procedure))
    {
      JsonObject *procedures = json_object_get_object_member (root, "procedures");

      json_object_set_member (merged, "procedure",
                              deep_copy (json_object_get_member (procedures,
                                                                 json_node_get_string (procedure))));
      procedure = json_object_get_member (merged, "procedure");
    }

  actions = json_object_get_array_member (json_node_get_object (procedure), "actions");
  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      JsonObject *action = json_array_get_object_element (actions, i);
      JsonArray *kinds = json_object_has_member (action, "documents")
                         ? json_object_get_array_member (action, "documents") : NULL;

      for (guint j = 0; kinds != NULL && j < json_array_get_length (kinds); j++)
        {
          const char *kind = json_array_get_string_element (kinds, j);

          /* The check made sure every kind named is in "documents". */
          if (all_documents != NULL && !json_object_has_member (documents, kind))
            json_object_set_member (documents, kind,
                                    deep_copy (json_object_get_member (all_documents, kind)));
        }
    }
  json_object_set_object_member (merged, "documents", g_steal_pointer (&documents));
}

static char *
problems_to_text (const YbProblems *problems)
{
  GString *text = g_string_new (NULL);
  guint n = yb_problems_get_len (problems);

  g_string_append_printf (text, "目录文件有 %u 处问题：", n);
  for (guint i = 0; i < n; i++)
    {
      const YbProblem *problem = yb_problems_get (problems, i);

      g_string_append_printf (text, "\n%s: %s [%s]",
                              problem->field != NULL ? problem->field : "（整个文件）",
                              problem->message, problem->code);
    }
  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------------------- public API */

gboolean
yb_role_is_known (const char *role)
{
  return role != NULL && g_strv_contains (known_roles, role);
}

YbCatalogue *
yb_catalogue_parse (const char  *data,
                    gssize       length,
                    YbProblems  *problems,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(YbProblems) found = yb_problems_new ();
  g_autoptr(GError) local_error = NULL;
  YbCatalogue *self;
  JsonObject *root;
  JsonArray *array;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, YB_CATALOGUE_ERROR, YB_CATALOGUE_ERROR_NOT_JSON,
                   "目录文件不是有效的 JSON：%s", local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, YB_CATALOGUE_ERROR, YB_CATALOGUE_ERROR_NOT_JSON,
                           "目录文件是空的");
      return NULL;
    }

  yb_catalogue_check (json_parser_get_root (parser), found);
  if (!yb_problems_is_empty (found))
    {
      if (problems != NULL)
        yb_problems_extend (problems, found);
      else
        {
          g_autofree char *text = problems_to_text (found);

          g_set_error_literal (error, YB_CATALOGUE_ERROR, YB_CATALOGUE_ERROR_INVALID, text);
        }
      return NULL;
    }

  self = g_new0 (YbCatalogue, 1);
  self->root = json_node_ref (json_parser_get_root (parser));
  root = json_node_get_object (self->root);

  self->categories = g_ptr_array_new_with_free_func (yb_category_free);
  array = json_object_get_array_member (root, "categories");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *element = json_array_get_object_element (array, i);
      YbCategory *category = g_new0 (YbCategory, 1);

      category->code = dup_string_or_null (element, "code");
      category->name = dup_string_or_null (element, "name");
      g_ptr_array_add (self->categories, category);
    }

  self->regions = g_ptr_array_new_with_free_func (yb_region_free);
  array = json_object_get_array_member (root, "regions");
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (self->regions, region_from_json (json_array_get_object_element (array, i)));

  /* What only the resolved items can tell: an action limited to material sets that the
   * item using its procedure does not have. */
  for (guint r = 0; r < self->regions->len; r++)
    {
      YbRegion *region = g_ptr_array_index (self->regions, r);
      g_autoptr(GPtrArray) items = yb_catalogue_resolve_items (self, region->code);

      for (guint i = 0; i < items->len; i++)
        {
          g_autoptr(YbItem) item = yb_item_from_json (g_ptr_array_index (items, i), NULL);
          g_autofree char *path = NULL;

          if (item == NULL || item->procedure == NULL)
            continue;
          path = g_strdup_printf ("regions[%s].items[%s].procedure", region->code, item->code);
          yb_procedure_check_material_sets (item->procedure, item, path, found);
        }
    }
  if (!yb_problems_is_empty (found))
    {
      if (problems != NULL)
        yb_problems_extend (problems, found);
      else
        {
          g_autofree char *text = problems_to_text (found);
          g_set_error_literal (error, YB_CATALOGUE_ERROR, YB_CATALOGUE_ERROR_INVALID, text);
        }
      yb_catalogue_free (self);
      return NULL;
    }
  return self;
}

void
yb_catalogue_free (YbCatalogue *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_free (self);
}

GPtrArray *
yb_catalogue_get_regions (YbCatalogue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->regions;
}

GPtrArray *
yb_catalogue_get_categories (YbCatalogue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->categories;
}

JsonObject *
yb_catalogue_get_documents (YbCatalogue *self)
{
  JsonObject *root;
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  root = json_node_get_object (self->root);
  node = json_object_get_member (root, "documents");
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

GPtrArray *
yb_catalogue_resolve_items (YbCatalogue *self,
                            const char  *region_code)
{
  GPtrArray *resolved;
  JsonArray *items;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (region_code != NULL, NULL);

  resolved = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  items = json_object_get_array_member (json_node_get_object (self->root), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *regions = json_object_get_object_member (item, "regions");
      JsonObject *entry;
      JsonObject *merged;
      JsonNode *node;
      g_autoptr(GList) names = NULL;

      if (!json_object_has_member (regions, region_code))
        continue;
      entry = json_object_get_object_member (regions, region_code);

      merged = json_object_new ();
      names = json_object_get_members (item);
      for (GList *l = names; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "regions"))
          json_object_set_member (merged, l->data,
                                  deep_copy (json_object_get_member (item, l->data)));
      g_clear_pointer (&names, g_list_free);

      /* The county's own values win, whole members at a time: a county that lists its
       * own steps replaces the item's steps rather than adding to them. */
      names = json_object_get_members (entry);
      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (merged, l->data,
                                deep_copy (json_object_get_member (entry, l->data)));

      inline_procedure (self, merged);

      /* Readers can count on these being there. */
      if (!json_object_has_member (merged, "phones"))
        json_object_set_array_member (merged, "phones", json_array_new ());
      if (!json_object_has_member (merged, "supervision_phone"))
        json_object_set_null_member (merged, "supervision_phone");

      node = json_node_init_object (json_node_alloc (), merged);
      json_object_unref (merged);
      g_ptr_array_add (resolved, node);
    }

  return resolved;
}
