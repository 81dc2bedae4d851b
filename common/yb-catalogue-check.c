/* yb-catalogue-check.c: the checker behind yb_catalogue_parse. It walks the whole
 * catalogue document and reports every problem with the JSON path of the member at
 * fault (items[3].materials[1].id), because an administrator fixing the file by hand
 * wants the full list in one run, not one error per attempt. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-catalogue-private.h"
#include "yb-ids.h"
#include "yb-json-check-private.h"
#include "yb-procedure.h"

#include <string.h>

typedef struct {
  YbJsonCheck jc;
  GHashTable *categories;   /* category code set */
  GHashTable *regions;      /* region code → GHashTable set of department codes */
  GHashTable *region_names; /* region code → name, for messages */
  JsonObject *documents;    /* the document kinds procedures may issue; NULL: unchecked */
  GHashTable *procedures;   /* names of the shared procedures */
} Checker;

static const char * const root_members[] = {
  "format", "categories", "regions", "items", "documents", "procedures", NULL,
};
static const char * const category_members[] = { "code", "name", NULL };
static const char * const region_members[] = {
  "code", "name", "parent_code", "parent_name", "bureau", "departments", "abbrev", NULL,
};
static const char * const department_members[] = {
  "code", "name", "phone", "supervision_phone", NULL,
};
static const char * const item_members[] = {
  "code", "category", "name", "full_name", "parent", "sub_items", "legal_basis",
  "responsibilities", "accountability", "basis_note", "steps_note", "time_limit",
  "materials", "material_sets", "steps", "procedure", "regions", NULL,
};
/* What a county may set for itself: everything but the item's identity and county list. */
static const char * const region_entry_members[] = {
  "department", "phones", "supervision_phone", "name", "full_name", "parent",
  "sub_items", "legal_basis", "responsibilities", "accountability", "basis_note",
  "steps_note", "time_limit", "materials", "material_sets", "steps", "procedure", NULL,
};
/* Every county's view of an item needs these, from the item or from the county. */
static const char * const required_overridable[] = {
  "name", "full_name", "legal_basis", "responsibilities", "accountability",
  "time_limit", "materials", "steps", NULL,
};
static const char * const overridable_texts[] = {
  "name", "full_name", "legal_basis", "responsibilities", "accountability", NULL,
};
static const char * const time_limit_members[] = {
  "kind", "days", "text", "basis", "by_set", NULL,
};
static const char * const time_limit_members_no_set[] = {
  "kind", "days", "text", "basis", NULL,
};
static const char * const material_members[] = {
  "id", "name", "original", "copy", "seal", "copies", "note", "any_of", NULL,
};
static const char * const alternative_members[] = {
  "id", "name", "original", "copy", "seal", "copies", "note", NULL,
};
static const char * const material_set_members[] = { "id", "name", "materials", NULL };
static const char * const step_members[] = { "id", "name", "role", "text", NULL };
static const char * const phone_members[] = { "number", "label", NULL };
static const char * const sub_item_members[] = { "code", "name", NULL };
/* intro, closing: paragraphs with {placeholders}; basis: small print; list_title: the
 * heading of a notice's list; copies: one label per printed copy (e.g. 封存清单 in two). */
static const char * const document_members[] = { "title", "serial_code", "intro", "list_title", "closing",
                                                 "basis", "copies", NULL };

/* ------------------------------------------------------------------------- helpers */

/* The string member @name, or NULL when it is absent or not a string (already reported). */
static const char *
string_or_null (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !yb_json_node_is_kind (node, YB_JSON_KIND_STRING))
    return NULL;
  return json_node_get_string (node);
}

static char *
county_label (Checker    *ck,
              const char *code)
{
  const char *name = g_hash_table_lookup (ck->region_names, code);

  return name != NULL ? g_strdup_printf ("%s（%s）", name, code) : g_strdup (code);
}

/* ------------------------------------------------------------------------- categories, regions */

static void
check_categories (Checker    *ck,
                  JsonObject *root)
{
  YbJsonCheck *jc = &ck->jc;
  JsonArray *categories = yb_json_check_array (jc, root, "", "categories", TRUE, TRUE);

  if (categories == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      g_autofree char *path = yb_json_path_index ("categories", i);
      g_autofree char *code_path = yb_json_path_member (path, "code");
      JsonObject *category = yb_json_check_element_object (jc, categories, i, path);
      const char *code;

      if (category == NULL)
        continue;
      yb_json_check_known_members (jc, category, path, category_members);
      code = yb_json_check_string (jc, category, path, "code", TRUE);
      yb_json_check_string (jc, category, path, "name", TRUE);
      yb_json_check_unique (jc, ck->categories, code, code_path, "类别编码");
    }
}

static void
check_department (Checker    *ck,
                  JsonObject *department,
                  const char *path,
                  GHashTable *codes)
{
  YbJsonCheck *jc = &ck->jc;
  g_autofree char *code_path = yb_json_path_member (path, "code");
  const char *code;

  yb_json_check_known_members (jc, department, path, department_members);
  code = yb_json_check_string (jc, department, path, "code", TRUE);
  yb_json_check_string (jc, department, path, "name", TRUE);
  yb_json_check_optional_string (jc, department, path, "phone");
  yb_json_check_optional_string (jc, department, path, "supervision_phone");
  yb_json_check_unique (jc, codes, code, code_path, "科室编号");
}

static void
check_regions (Checker    *ck,
               JsonObject *root)
{
  YbJsonCheck *jc = &ck->jc;
  JsonArray *regions = yb_json_check_array (jc, root, "", "regions", TRUE, TRUE);

  if (regions == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      g_autofree char *path = yb_json_path_index ("regions", i);
      g_autofree char *code_path = yb_json_path_member (path, "code");
      g_autofree char *parent_path = yb_json_path_member (path, "parent_code");
      g_autoptr(GHashTable) departments = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                 g_free, NULL);
      JsonObject *region = yb_json_check_element_object (jc, regions, i, path);
      JsonArray *list;
      const char *code;
      const char *parent_code;
      const char *name;

      if (region == NULL)
        continue;
      yb_json_check_known_members (jc, region, path, region_members);
      code = yb_json_check_string (jc, region, path, "code", TRUE);
      name = yb_json_check_string (jc, region, path, "name", TRUE);
      parent_code = yb_json_check_string (jc, region, path, "parent_code", TRUE);
      yb_json_check_string (jc, region, path, "parent_name", TRUE);
      yb_json_check_string (jc, region, path, "bureau", TRUE);
      if (yb_json_present (region, "abbrev"))
        yb_json_check_string (jc, region, path, "abbrev", TRUE);
      if (code != NULL)
        yb_region_code_validate (code, ck->jc.problems, code_path);
      if (parent_code != NULL)
        yb_region_code_validate (parent_code, ck->jc.problems, parent_path);

      list = yb_json_check_array (jc, region, path, "departments", TRUE, TRUE);
      for (guint j = 0; list != NULL && j < json_array_get_length (list); j++)
        {
          g_autofree char *department_path = g_strdup_printf ("%s.departments[%u]", path, j);
          JsonObject *department = yb_json_check_element_object (jc, list, j, department_path);

          if (department != NULL)
            check_department (ck, department, department_path, departments);
        }

      if (code == NULL)
        continue;
      if (g_hash_table_contains (ck->regions, code))
        {
          yb_json_check_report (jc, "catalogue.duplicate", code_path, "地区编码“%s”重复", code);
          continue;
        }
      g_hash_table_insert (ck->regions, g_strdup (code), g_steal_pointer (&departments));
      if (name != NULL)
        g_hash_table_insert (ck->region_names, g_strdup (code), g_strdup (name));
    }
}

/* ------------------------------------------------------------------------- documents, procedures */

/* Kinds are stored in checked database columns and name the serial counters. */
static gboolean
document_kind_is_valid (const char *kind)
{
  if (!g_ascii_islower (kind[0]))
    return FALSE;
  for (const char *p = kind; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static void
check_documents (Checker    *ck,
                 JsonObject *root)
{
  YbJsonCheck *jc = &ck->jc;
  JsonNode *node = yb_json_check_member (jc, root, "", "documents", YB_JSON_KIND_OBJECT, FALSE);
  g_autoptr(GList) kinds = NULL;

  /* Without "documents" every document a procedure names is unknown; with a mistyped
   * one (already reported) they are not checked, to avoid a flood. */
  if (node == NULL)
    {
      if (!yb_json_present (root, "documents"))
        ck->documents = json_object_new ();
      return;
    }
  ck->documents = json_object_ref (json_node_get_object (node));
  kinds = json_object_get_members (ck->documents);
  for (GList *l = kinds; l != NULL; l = l->next)
    {
      g_autofree char *path = yb_json_path_member ("documents", l->data);
      JsonNode *entry = json_object_get_member (ck->documents, l->data);

      if (!document_kind_is_valid (l->data))
        yb_json_check_report (jc, "catalogue.document_kind", path,
                              "文书种类“%s”应由小写字母、数字和下划线组成，并以字母开头",
                              (const char *) l->data);
      if (!JSON_NODE_HOLDS_OBJECT (entry))
        {
          yb_json_check_report (jc, "catalogue.type", path, "应为 {title, serial_code} 对象");
          continue;
        }
      yb_json_check_known_members (jc, json_node_get_object (entry), path, document_members);
      yb_json_check_string (jc, json_node_get_object (entry), path, "title", TRUE);
      yb_json_check_string (jc, json_node_get_object (entry), path, "serial_code", TRUE);
      yb_json_check_optional_string (jc, json_node_get_object (entry), path, "list_title");
      yb_json_check_optional_string (jc, json_node_get_object (entry), path, "basis");
      for (guint m = 0; m < 3; m++)
        {
          const char *name = (const char *[]) { "intro", "closing", "copies" }[m];
          JsonArray *lines = yb_json_check_array (jc, json_node_get_object (entry), path, name, FALSE, FALSE);
          for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
            if (!yb_json_node_is_kind (json_array_get_element (lines, i), YB_JSON_KIND_STRING))
              {
                g_autofree char *member = yb_json_path_member (path, name);
                g_autofree char *at = yb_json_path_index (member, i);
                yb_json_check_report (jc, "catalogue.type", at, "应为文字");
              }
        }
    }
}

static void
check_procedures (Checker    *ck,
                  JsonObject *root)
{
  JsonNode *node = yb_json_check_member (&ck->jc, root, "", "procedures", YB_JSON_KIND_OBJECT, FALSE);
  JsonObject *procedures;
  g_autoptr(GList) names = NULL;

  if (node == NULL)
    return;
  procedures = json_node_get_object (node);
  names = json_object_get_members (procedures);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *path = yb_json_path_member ("procedures", l->data);
      g_autoptr(YbProcedure) procedure = NULL;

      /* Known even when broken: items naming it are not also told it does not exist. */
      g_hash_table_add (ck->procedures, g_strdup (l->data));
      procedure = yb_procedure_parse (json_object_get_member (procedures, l->data), path,
                                      ck->documents, ck->jc.problems);
    }
}

/* An item's (or a county's) "procedure": a name from "procedures" or one inline. */
static void
check_procedure_ref (Checker    *ck,
                     JsonNode   *node,
                     const char *path)
{
  g_autofree char *procedure_path = yb_json_path_member (path, "procedure");

  if (yb_json_node_is_kind (node, YB_JSON_KIND_STRING))
    {
      if (!g_hash_table_contains (ck->procedures, json_node_get_string (node)))
        yb_json_check_report (&ck->jc, "catalogue.unknown_procedure", procedure_path,
                              "办理流程“%s”不在 procedures 中", json_node_get_string (node));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(YbProcedure) procedure = yb_procedure_parse (node, procedure_path, ck->documents,
                                                             ck->jc.problems);
    }
  else
    yb_json_check_report (&ck->jc, "catalogue.type", procedure_path,
                          "“procedure”应为 procedures 中的名称或办理流程对象");
}

/* ------------------------------------------------------------------------- item parts */

static void
check_time_limit (Checker    *ck,
                  JsonNode   *node,
                  const char *path,
                  gboolean    allow_by_set)
{
  YbJsonCheck *jc = &ck->jc;
  JsonObject *time_limit;
  JsonNode *days;
  JsonNode *by_set;
  const char *kind_text;
  YbTimeLimitKind kind = YB_TIME_LIMIT_NONE;
  gboolean kind_known = FALSE;
  g_autofree char *kind_path = yb_json_path_member (path, "kind");
  g_autofree char *days_path = yb_json_path_member (path, "days");

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      yb_json_check_report (jc, "catalogue.type", path, "时限应为对象");
      return;
    }
  time_limit = json_node_get_object (node);
  yb_json_check_known_members (jc, time_limit, path,
                               allow_by_set ? time_limit_members : time_limit_members_no_set);

  kind_text = yb_json_check_string (jc, time_limit, path, "kind", TRUE);
  if (kind_text != NULL)
    {
      kind_known = yb_time_limit_kind_from_string (kind_text, &kind);
      if (!kind_known)
        yb_json_check_report (jc, "catalogue.time_limit_kind", kind_path,
                              "时限类型“%s”无效，应为 working_days、calendar_days、on_the_spot 或 none",
                              kind_text);
    }
  yb_json_check_string (jc, time_limit, path, "text", TRUE);
  yb_json_check_optional_string (jc, time_limit, path, "basis");

  days = json_object_get_member (time_limit, "days");
  if (days != NULL && JSON_NODE_HOLDS_NULL (days))
    days = NULL;
  if (days != NULL && !yb_json_node_is_kind (days, YB_JSON_KIND_INT))
    yb_json_check_report (jc, "catalogue.type", days_path, "“days”应为整数");
  else if (kind_known &&
           (kind == YB_TIME_LIMIT_WORKING_DAYS || kind == YB_TIME_LIMIT_CALENDAR_DAYS))
    {
      if (days == NULL)
        yb_json_check_report (jc, "catalogue.time_limit_days", days_path,
                              "时限类型为 %s 时必须填写天数“days”", kind_text);
      else if (json_node_get_int (days) <= 0)
        yb_json_check_report (jc, "catalogue.time_limit_days", days_path,
                              "天数应大于 0，实际为 %" G_GINT64_FORMAT, json_node_get_int (days));
    }
  else if (kind_known && days != NULL)
    yb_json_check_report (jc, "catalogue.time_limit_days", days_path,
                          "时限类型为 %s 时不应填写天数“days”", kind_text);

  by_set = NULL;
  if (allow_by_set)
    by_set = yb_json_check_member (jc, time_limit, path, "by_set", YB_JSON_KIND_OBJECT, FALSE);
  if (by_set != NULL)
    {
      JsonObject *sets = json_node_get_object (by_set);
      g_autoptr(GList) names = json_object_get_members (sets);
      g_autofree char *by_set_path = yb_json_path_member (path, "by_set");

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *set_path = yb_json_path_member (by_set_path, l->data);

          check_time_limit (ck, json_object_get_member (sets, l->data), set_path, FALSE);
        }
    }
}

static void
check_material (Checker    *ck,
                JsonObject *material,
                const char *path,
                GHashTable *ids,
                gboolean    allow_any_of)
{
  YbJsonCheck *jc = &ck->jc;
  g_autofree char *id_path = yb_json_path_member (path, "id");
  g_autofree char *copies_path = yb_json_path_member (path, "copies");
  JsonNode *copies;
  JsonArray *any_of;

  yb_json_check_known_members (jc, material, path,
                               allow_any_of ? material_members : alternative_members);
  yb_json_check_unique (jc, ids, yb_json_check_string (jc, material, path, "id", TRUE),
                        id_path, "材料编号");
  yb_json_check_string (jc, material, path, "name", TRUE);
  yb_json_check_member (jc, material, path, "original", YB_JSON_KIND_BOOL, FALSE);
  yb_json_check_member (jc, material, path, "copy", YB_JSON_KIND_BOOL, FALSE);
  yb_json_check_member (jc, material, path, "seal", YB_JSON_KIND_BOOL, FALSE);
  yb_json_check_optional_string (jc, material, path, "note");
  copies = yb_json_check_member (jc, material, path, "copies", YB_JSON_KIND_INT, FALSE);
  if (copies != NULL && json_node_get_int (copies) < 1)
    yb_json_check_report (jc, "catalogue.copies", copies_path,
                          "份数应至少为 1，实际为 %" G_GINT64_FORMAT, json_node_get_int (copies));

  if (!allow_any_of)
    return;
  any_of = yb_json_check_array (jc, material, path, "any_of", FALSE, TRUE);
  for (guint i = 0; any_of != NULL && i < json_array_get_length (any_of); i++)
    {
      g_autofree char *alternative_path = g_strdup_printf ("%s.any_of[%u]", path, i);
      JsonObject *alternative = yb_json_check_element_object (jc, any_of, i, alternative_path);

      if (alternative != NULL)
        check_material (ck, alternative, alternative_path, ids, FALSE);
    }
}

static void
check_materials (Checker    *ck,
                 JsonArray  *materials,
                 const char *path)
{
  YbJsonCheck *jc = &ck->jc;
  /* Ids are unique across alternatives too: a checklist ticks them one by one. */
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (materials); i++)
    {
      g_autofree char *material_path = yb_json_path_index (path, i);
      JsonObject *material = yb_json_check_element_object (jc, materials, i, material_path);

      if (material != NULL)
        check_material (ck, material, material_path, ids, TRUE);
    }
}

static void
check_material_sets (Checker    *ck,
                     JsonArray  *sets,
                     const char *path)
{
  YbJsonCheck *jc = &ck->jc;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (sets); i++)
    {
      g_autofree char *set_path = yb_json_path_index (path, i);
      g_autofree char *id_path = yb_json_path_member (set_path, "id");
      JsonObject *set = yb_json_check_element_object (jc, sets, i, set_path);
      JsonArray *members;

      if (set == NULL)
        continue;
      yb_json_check_known_members (jc, set, set_path, material_set_members);
      yb_json_check_unique (jc, ids, yb_json_check_string (jc, set, set_path, "id", TRUE),
                            id_path, "材料组编号");
      yb_json_check_string (jc, set, set_path, "name", TRUE);
      members = yb_json_check_array (jc, set, set_path, "materials", TRUE, TRUE);
      for (guint j = 0; members != NULL && j < json_array_get_length (members); j++)
        {
          JsonNode *element = json_array_get_element (members, j);

          if (!yb_json_node_is_kind (element, YB_JSON_KIND_STRING))
            {
              g_autofree char *element_path = g_strdup_printf ("%s.materials[%u]", set_path, j);

              yb_json_check_report (jc, "catalogue.type", element_path, "应为材料编号（字符串）");
            }
        }
    }
}

static void
check_steps (Checker    *ck,
             JsonArray  *steps,
             const char *path)
{
  YbJsonCheck *jc = &ck->jc;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      g_autofree char *step_path = yb_json_path_index (path, i);
      g_autofree char *id_path = yb_json_path_member (step_path, "id");
      g_autofree char *role_path = yb_json_path_member (step_path, "role");
      JsonObject *step = yb_json_check_element_object (jc, steps, i, step_path);
      const char *role;

      if (step == NULL)
        continue;
      yb_json_check_known_members (jc, step, step_path, step_members);
      yb_json_check_unique (jc, ids, yb_json_check_string (jc, step, step_path, "id", TRUE),
                            id_path, "步骤编号");
      yb_json_check_string (jc, step, step_path, "name", TRUE);
      yb_json_check_string (jc, step, step_path, "text", TRUE);
      role = yb_json_check_string (jc, step, step_path, "role", TRUE);
      if (role != NULL && !yb_role_is_known (role))
        yb_json_check_report (jc, "catalogue.role", role_path,
                              "角色“%s”不存在，应为 clerk、chief、inspector、settlement、leader、admin、"
                              "city_viewer、applicant、institution 或 party_group", role);
    }
}

static void
check_code_name_list (Checker    *ck,
                      JsonArray  *list,
                      const char *path)
{
  YbJsonCheck *jc = &ck->jc;
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      g_autofree char *element_path = yb_json_path_index (path, i);
      g_autofree char *code_path = yb_json_path_member (element_path, "code");
      JsonObject *element = yb_json_check_element_object (jc, list, i, element_path);

      if (element == NULL)
        continue;
      yb_json_check_known_members (jc, element, element_path, sub_item_members);
      yb_json_check_unique (jc, codes,
                            yb_json_check_string (jc, element, element_path, "code", TRUE),
                            code_path, "子项编码");
      yb_json_check_string (jc, element, element_path, "name", TRUE);
    }
}

static void
check_phones (Checker    *ck,
              JsonArray  *phones,
              const char *path)
{
  YbJsonCheck *jc = &ck->jc;
  for (guint i = 0; i < json_array_get_length (phones); i++)
    {
      g_autofree char *phone_path = yb_json_path_index (path, i);
      JsonObject *phone = yb_json_check_element_object (jc, phones, i, phone_path);

      if (phone == NULL)
        continue;
      yb_json_check_known_members (jc, phone, phone_path, phone_members);
      yb_json_check_string (jc, phone, phone_path, "number", TRUE);
      yb_json_check_optional_string (jc, phone, phone_path, "label");
    }
}

/* The members an item and a county entry share; each is checked where it is written. */
static void
check_overridable_members (Checker    *ck,
                           JsonObject *object,
                           const char *path)
{
  YbJsonCheck *jc = &ck->jc;
  g_autofree char *materials_path = yb_json_path_member (path, "materials");
  g_autofree char *sets_path = yb_json_path_member (path, "material_sets");
  g_autofree char *steps_path = yb_json_path_member (path, "steps");
  g_autofree char *sub_items_path = yb_json_path_member (path, "sub_items");
  JsonArray *array;

  for (guint i = 0; overridable_texts[i] != NULL; i++)
    if (yb_json_present (object, overridable_texts[i]))
      yb_json_check_string (jc, object, path, overridable_texts[i], TRUE);
  yb_json_check_optional_string (jc, object, path, "parent");
  yb_json_check_optional_string (jc, object, path, "basis_note");
  yb_json_check_optional_string (jc, object, path, "steps_note");

  if ((array = yb_json_check_array (jc, object, path, "sub_items", FALSE, FALSE)) != NULL)
    check_code_name_list (ck, array, sub_items_path);
  if (yb_json_present (object, "time_limit"))
    {
      g_autofree char *time_limit_path = yb_json_path_member (path, "time_limit");

      check_time_limit (ck, json_object_get_member (object, "time_limit"), time_limit_path, TRUE);
    }
  if ((array = yb_json_check_array (jc, object, path, "materials", FALSE, FALSE)) != NULL)
    check_materials (ck, array, materials_path);
  if ((array = yb_json_check_array (jc, object, path, "material_sets", FALSE, TRUE)) != NULL)
    check_material_sets (ck, array, sets_path);
  if ((array = yb_json_check_array (jc, object, path, "steps", FALSE, TRUE)) != NULL)
    check_steps (ck, array, steps_path);
  if (yb_json_present (object, "procedure"))
    check_procedure_ref (ck, json_object_get_member (object, "procedure"), path);
}

/* ------------------------------------------------------------------------- one county's view */

/* The materials, material sets and time limit one county sees, each from the county's
 * entry when it has its own, else from the item; with the paths they were written at. */
typedef struct {
  JsonNode *materials;
  JsonNode *sets;
  JsonNode *time_limit;
  char     *sets_path;
  char     *time_limit_path;
  gboolean  own_lists;    /* materials or sets come from the county */
  char     *county;       /* label for messages when own_lists */
} View;

static JsonNode *
view_member (JsonObject  *item,
             const char  *item_path,
             JsonObject  *entry,
             const char  *entry_path,
             const char  *name,
             char       **path_out,
             gboolean    *from_entry)
{
  if (entry != NULL && yb_json_present (entry, name))
    {
      if (path_out != NULL)
        *path_out = yb_json_path_member (entry_path, name);
      *from_entry = TRUE;
      return json_object_get_member (entry, name);
    }
  if (path_out != NULL)
    *path_out = yb_json_path_member (item_path, name);
  *from_entry = FALSE;
  return yb_json_present (item, name) ? json_object_get_member (item, name) : NULL;
}

static void
check_view (Checker    *ck,
            const View *view)
{
  YbJsonCheck *jc = &ck->jc;
  g_autoptr(GHashTable) material_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) set_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *where = view->own_lists ? g_strdup_printf ("（%s）", view->county) : g_strdup ("");

  /* Sets name top-level materials: a set needs "the identity document", whichever of
   * its alternatives is brought. */
  if (view->materials != NULL && JSON_NODE_HOLDS_ARRAY (view->materials))
    {
      JsonArray *materials = json_node_get_array (view->materials);

      for (guint i = 0; i < json_array_get_length (materials); i++)
        {
          JsonNode *element = json_array_get_element (materials, i);
          JsonObject *material;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          material = json_node_get_object (element);
          if (string_or_null (material, "id") != NULL)
            g_hash_table_add (material_ids, (gpointer) string_or_null (material, "id"));
        }
    }

  if (view->sets != NULL && JSON_NODE_HOLDS_ARRAY (view->sets))
    {
      JsonArray *sets = json_node_get_array (view->sets);

      for (guint i = 0; i < json_array_get_length (sets); i++)
        {
          JsonNode *element = json_array_get_element (sets, i);
          JsonObject *set;
          JsonNode *members;
          const char *set_id = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          set = json_node_get_object (element);
          set_id = string_or_null (set, "id");
          if (set_id != NULL)
            g_hash_table_add (set_ids, (gpointer) set_id);
          members = json_object_get_member (set, "materials");
          if (members == NULL || !JSON_NODE_HOLDS_ARRAY (members))
            continue;
          for (guint j = 0; j < json_array_get_length (json_node_get_array (members)); j++)
            {
              JsonNode *ref = json_array_get_element (json_node_get_array (members), j);
              const char *id;

              if (!yb_json_node_is_kind (ref, YB_JSON_KIND_STRING))
                continue;
              id = json_node_get_string (ref);
              if (!g_hash_table_contains (material_ids, id))
                {
                  g_autofree char *ref_path = g_strdup_printf ("%s[%u].materials[%u]",
                                                               view->sets_path, i, j);

                  yb_json_check_report (jc, "catalogue.unknown_material", ref_path,
                                        "材料组“%s”引用的材料“%s”不在材料清单中%s",
                                        set_id != NULL ? set_id : "", id, where);
                }
            }
        }
    }

  if (view->time_limit != NULL && JSON_NODE_HOLDS_OBJECT (view->time_limit))
    {
      JsonObject *time_limit = json_node_get_object (view->time_limit);
      JsonNode *by_set = json_object_get_member (time_limit, "by_set");

      if (by_set != NULL && JSON_NODE_HOLDS_OBJECT (by_set))
        {
          g_autoptr(GList) names = json_object_get_members (json_node_get_object (by_set));

          for (GList *l = names; l != NULL; l = l->next)
            if (!g_hash_table_contains (set_ids, l->data))
              {
                g_autofree char *key_path = g_strdup_printf ("%s.by_set.%s",
                                                             view->time_limit_path,
                                                             (const char *) l->data);

                yb_json_check_report (jc, "catalogue.unknown_material_set", key_path,
                                      "时限按材料组“%s”设置，但没有这个材料组%s",
                                      (const char *) l->data, where);
              }
        }
    }
}

static void
view_clear (View *view)
{
  g_free (view->sets_path);
  g_free (view->time_limit_path);
  g_free (view->county);
}

static void
check_item_view (Checker    *ck,
                 GHashTable *seen,
                 JsonObject *item,
                 const char *item_path,
                 JsonObject *entry,
                 const char *entry_path,
                 const char *region_code)
{
  View view = { 0 };
  gboolean from_entry;
  char *key;

  view.materials = view_member (item, item_path, entry, entry_path, "materials", NULL, &from_entry);
  view.own_lists = from_entry;
  view.sets = view_member (item, item_path, entry, entry_path, "material_sets",
                           &view.sets_path, &from_entry);
  view.own_lists |= from_entry;
  view.time_limit = view_member (item, item_path, entry, entry_path, "time_limit",
                                 &view.time_limit_path, &from_entry);
  view.county = region_code != NULL ? county_label (ck, region_code) : NULL;

  /* Counties that take everything from the item share one view: check it once. */
  key = g_strdup_printf ("%p|%p|%p", (void *) view.materials, (void *) view.sets,
                         (void *) view.time_limit);
  if (g_hash_table_add (seen, key))
    check_view (ck, &view);
  view_clear (&view);
}

/* ------------------------------------------------------------------------- items */

static void
check_region_entry (Checker    *ck,
                    JsonObject *entry,
                    const char *path,
                    const char *region_code)
{
  YbJsonCheck *jc = &ck->jc;
  GHashTable *departments = g_hash_table_lookup (ck->regions, region_code);
  g_autofree char *department_path = yb_json_path_member (path, "department");
  g_autofree char *phones_path = yb_json_path_member (path, "phones");
  const char *department;
  JsonArray *phones;

  yb_json_check_known_members (jc, entry, path, region_entry_members);
  department = yb_json_check_string (jc, entry, path, "department", TRUE);
  if (department != NULL && departments != NULL &&
      !g_hash_table_contains (departments, department))
    {
      g_autofree char *county = county_label (ck, region_code);

      yb_json_check_report (jc, "catalogue.unknown_department", department_path,
                            "%s没有编号为“%s”的科室", county, department);
    }
  if ((phones = yb_json_check_array (jc, entry, path, "phones", FALSE, FALSE)) != NULL)
    check_phones (ck, phones, phones_path);
  yb_json_check_optional_string (jc, entry, path, "supervision_phone");
  check_overridable_members (ck, entry, path);
}

static void
check_item (Checker    *ck,
            JsonObject *item,
            const char *path,
            GHashTable *item_codes)
{
  YbJsonCheck *jc = &ck->jc;
  g_autofree char *code_path = yb_json_path_member (path, "code");
  g_autofree char *category_path = yb_json_path_member (path, "category");
  g_autofree char *regions_path = yb_json_path_member (path, "regions");
  g_autoptr(GHashTable) views = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) region_codes = NULL;
  JsonObject *regions = NULL;
  JsonNode *regions_node;
  const char *code;
  const char *category;

  yb_json_check_known_members (jc, item, path, item_members);
  code = yb_json_check_string (jc, item, path, "code", TRUE);
  category = yb_json_check_string (jc, item, path, "category", TRUE);
  yb_json_check_unique (jc, item_codes, code, code_path, "事项编码");

  if (category != NULL && !g_hash_table_contains (ck->categories, category))
    yb_json_check_report (jc, "catalogue.unknown_category", category_path,
                          "类别“%s”不在 categories 中", category);
  if (code != NULL && category != NULL)
    {
      gsize prefix = strlen (category);
      const char *number = code + prefix + 1;
      gboolean ok = g_str_has_prefix (code, category) && code[prefix] == '-' && number[0] != '\0';

      for (const char *p = number; ok && *p != '\0'; p++)
        ok = g_ascii_isdigit (*p);
      if (!ok)
        yb_json_check_report (jc, "catalogue.item_code", code_path,
                              "事项编码“%s”应为“类别-序号”的形式，如 %s-1", code, category);
    }

  check_overridable_members (ck, item, path);

  regions_node = yb_json_check_member (jc, item, path, "regions", YB_JSON_KIND_OBJECT, TRUE);
  if (regions_node != NULL)
    {
      regions = json_node_get_object (regions_node);
      region_codes = json_object_get_members (regions);
      if (region_codes == NULL)
        yb_json_check_report (jc, "catalogue.empty", regions_path, "“regions”不能为空：事项至少要有一个县提供");
    }

  for (GList *l = region_codes; l != NULL; l = l->next)
    {
      const char *region_code = l->data;
      g_autofree char *entry_path = yb_json_path_member (regions_path, region_code);
      JsonNode *entry = json_object_get_member (regions, region_code);

      if (!g_hash_table_contains (ck->regions, region_code))
        yb_json_check_report (jc, "catalogue.unknown_region", entry_path,
                              "地区“%s”不在 regions 中", region_code);
      if (!JSON_NODE_HOLDS_OBJECT (entry))
        {
          yb_json_check_report (jc, "catalogue.type", entry_path, "应为对象");
          continue;
        }
      check_region_entry (ck, json_node_get_object (entry), entry_path, region_code);
    }

  /* A member every county needs may be left out of the item when each county has its own. */
  for (guint i = 0; required_overridable[i] != NULL; i++)
    {
      const char *name = required_overridable[i];
      g_autoptr(GString) lacking = g_string_new (NULL);
      guint supplied = 0;

      if (yb_json_present (item, name))
        continue;
      for (GList *l = region_codes; l != NULL; l = l->next)
        {
          JsonNode *entry = json_object_get_member (regions, l->data);

          if (JSON_NODE_HOLDS_OBJECT (entry) &&
              yb_json_present (json_node_get_object (entry), name))
            supplied++;
          else
            {
              g_autofree char *county = county_label (ck, l->data);

              g_string_append_printf (lacking, "%s%s", lacking->len > 0 ? "、" : "", county);
            }
        }
      if (region_codes == NULL || lacking->len > 0)
        {
          g_autofree char *member_path = yb_json_path_member (path, name);

          if (supplied == 0)
            yb_json_check_report (jc, "catalogue.missing", member_path, "缺少必填项“%s”", name);
          else
            yb_json_check_report (jc, "catalogue.missing", member_path,
                                  "缺少必填项“%s”：%s 没有自己的“%s”", name, lacking->str, name);
        }
    }

  /* Cross-references are checked in what each county sees; the item alone only when no
   * county does, since a county may bring the materials the item's sets name. */
  for (GList *l = region_codes; l != NULL; l = l->next)
    {
      g_autofree char *entry_path = yb_json_path_member (regions_path, l->data);
      JsonNode *entry = json_object_get_member (regions, l->data);

      if (JSON_NODE_HOLDS_OBJECT (entry))
        check_item_view (ck, views, item, path, json_node_get_object (entry), entry_path, l->data);
    }
  if (g_hash_table_size (views) == 0)
    check_item_view (ck, views, item, path, NULL, NULL, NULL);
}

static void
check_items (Checker    *ck,
             JsonObject *root)
{
  YbJsonCheck *jc = &ck->jc;
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *items = yb_json_check_array (jc, root, "", "items", TRUE, TRUE);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      g_autofree char *path = yb_json_path_index ("items", i);
      JsonObject *item = yb_json_check_element_object (jc, items, i, path);

      if (item != NULL)
        check_item (ck, item, path, codes);
    }
}

/* ------------------------------------------------------------------------- entry point */

void
yb_catalogue_check (JsonNode   *root,
                    YbProblems *problems)
{
  Checker ck = { 0 };
  JsonObject *object;
  JsonNode *format;

  g_return_if_fail (root != NULL);
  g_return_if_fail (problems != NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      yb_problems_add (problems, "catalogue.type", NULL, "目录文件的顶层应为 JSON 对象");
      return;
    }
  object = json_node_get_object (root);

  yb_json_check_init (&ck.jc, problems, "catalogue");
  ck.categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ck.regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_hash_table_unref);
  ck.region_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ck.procedures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  yb_json_check_known_members (&ck.jc, object, "", root_members);
  format = yb_json_check_member (&ck.jc, object, "", "format", YB_JSON_KIND_INT, TRUE);
  if (format != NULL && json_node_get_int (format) != 1)
    yb_json_check_report (&ck.jc, "catalogue.format", "format",
                          "不支持的目录格式 %" G_GINT64_FORMAT "，本程序只认格式 1",
                          json_node_get_int (format));

  /* Everything items refer to first. */
  check_categories (&ck, object);
  check_regions (&ck, object);
  check_documents (&ck, object);
  check_procedures (&ck, object);
  check_items (&ck, object);

  yb_json_check_clear (&ck.jc);
  g_hash_table_unref (ck.categories);
  g_hash_table_unref (ck.regions);
  g_hash_table_unref (ck.region_names);
  g_hash_table_unref (ck.procedures);
  g_clear_pointer (&ck.documents, json_object_unref);
}
