/* yb-materials.c: the material check behind 一次性告知. What was handed in is compared
 * with what the item (and the chosen material set) requires, and every problem is listed
 * at once, in the order the item lists its materials, so that the notice reads like the
 * checklist the applicant was given. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-materials.h"
#include "yb-procedure-private.h"

#include <string.h>

#define ANY_OF_SUFFIX "（任选其一）"

/* What was handed in for one required material. */
typedef struct {
  JsonObject       *entry;        /* the first entry naming it (borrowed) */
  const YbMaterial *alternative;  /* the alternative it was handed in as, or NULL */
  guint             count;        /* entries naming it or any of its alternatives */
  GPtrArray        *names;        /* distinct names handed in, for the duplicate message */
} Handed;

/* ------------------------------------------------------------------------- helpers */

static void
handed_free (gpointer data)
{
  Handed *handed = data;

  g_ptr_array_unref (handed->names);
  g_free (handed);
}

static const YbMaterialSet *
find_set (const YbItem *item,
          const char   *id)
{
  for (guint i = 0; id != NULL && item->material_sets != NULL && i < item->material_sets->len; i++)
    {
      const YbMaterialSet *set = g_ptr_array_index (item->material_sets, i);

      if (g_strcmp0 (set->id, id) == 0)
        return set;
    }
  return NULL;
}

static gboolean
has_alternatives (const YbMaterial *material)
{
  return material->any_of != NULL && material->any_of->len > 0;
}

/* "a、b或c" */
static void
append_alternatives (GString          *text,
                     const YbMaterial *material)
{
  for (guint i = 0; i < material->any_of->len; i++)
    {
      const YbMaterial *alternative = g_ptr_array_index (material->any_of, i);

      if (i > 0)
        g_string_append (text, i + 1 == material->any_of->len ? "或" : "、");
      g_string_append (text, alternative->name);
    }
}

/* The material as the applicant knows it. A material with alternatives names them all:
 * "身份凭证（医保电子凭证、有效身份证件或社保卡，任选其一）". */
static char *
display_name (const YbMaterial *material)
{
  GString *text;
  gsize length;

  if (!has_alternatives (material))
    return g_strdup (material->name);

  text = g_string_new (material->name);
  length = strlen (ANY_OF_SUFFIX);
  if (text->len > length && g_str_has_suffix (text->str, ANY_OF_SUFFIX))
    g_string_truncate (text, text->len - length);
  g_string_append (text, "（");
  append_alternatives (text, material);
  if (material->any_of->len > 1)
    g_string_append (text, "，任选其一");
  g_string_append (text, "）");
  return g_string_free (text, FALSE);
}

static char *
set_names (const YbItem *item)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < item->material_sets->len; i++)
    {
      const YbMaterialSet *set = g_ptr_array_index (item->material_sets, i);

      g_string_append_printf (text, "%s%s", i > 0 ? "、" : "", set->name != NULL ? set->name : set->id);
    }
  return g_string_free (text, FALSE);
}

/* A boolean or integer attribute of an entry; a mistyped one is reported once. */
static gboolean
entry_flag (JsonObject *entry,
            const char *name,
            const char *material_id,
            const char *material_name,
            YbProblems *problems)
{
  JsonNode *node = json_object_get_member (entry, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (!yb_json_node_is_kind (node, YB_JSON_KIND_BOOL))
    {
      yb_problems_add (problems, "material.invalid", material_id,
                       "%s的登记有误：“%s”应为 true 或 false", material_name, name);
      return FALSE;
    }
  return json_node_get_boolean (node);
}

static gint64
entry_copies (JsonObject *entry,
              const char *material_id,
              const char *material_name,
              YbProblems *problems)
{
  JsonNode *node = json_object_get_member (entry, "copies");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return 1;
  if (!yb_json_node_is_kind (node, YB_JSON_KIND_INT) || json_node_get_int (node) < 0)
    {
      yb_problems_add (problems, "material.invalid", material_id,
                       "%s的登记有误：“copies”应为份数（非负整数）", material_name);
      return 1;
    }
  return json_node_get_int (node);
}

/* Compares one handed-in entry with what @material (as @handed->alternative, when one)
 * requires. An alternative must meet its own requirements and its material's. */
static void
check_handed (const YbMaterial *material,
              const Handed     *handed,
              YbProblems       *problems)
{
  const YbMaterial *alternative = handed->alternative;
  const char *name = alternative != NULL ? alternative->name : material->name;
  gboolean seal = material->seal || (alternative != NULL && alternative->seal);
  gboolean original = material->original || (alternative != NULL && alternative->original);
  gint64 copies = MAX (material->copies, alternative != NULL ? alternative->copies : 1);
  gboolean sealed = entry_flag (handed->entry, "sealed", material->id, name, problems);
  gboolean has_original = entry_flag (handed->entry, "original", material->id, name, problems);
  gboolean has_copy = entry_flag (handed->entry, "copy", material->id, name, problems);
  gint64 handed_copies = entry_copies (handed->entry, material->id, name, problems);

  if (seal && !sealed)
    yb_problems_add (problems, "material.seal_required", material->id,
                     "%s须加盖单位公章", name);
  if (original && has_copy && !has_original)
    yb_problems_add (problems, "material.original_required", material->id,
                     "%s须提交原件，仅提交了复印件", name);
  if (handed_copies < copies)
    yb_problems_add (problems, "material.copies", material->id,
                     "%s须 %" G_GINT64_FORMAT " 份，仅 %" G_GINT64_FORMAT " 份",
                     name, copies, handed_copies);
}

static void
add_duplicate (const YbMaterial *material,
               const Handed     *handed,
               YbProblems       *problems)
{
  g_autofree char *name = display_name (material);

  if (handed->names->len > 1)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (handed->names, NULL);
      names = g_strjoinv ("、", (char **) handed->names->pdata);
      g_ptr_array_remove_index (handed->names, handed->names->len - 1);
      yb_problems_add (problems, "material.duplicate", material->id,
                       "%s只需提交其中一种，却登记了%s", name, names);
    }
  else
    yb_problems_add (problems, "material.duplicate", material->id,
                     "%s登记了 %u 次，同一材料只应登记一次", name, handed->count);
}

/* ------------------------------------------------------------------------- public API */

GPtrArray *
yb_materials_required (const YbItem *item,
                       const char   *material_set,
                       YbProblems   *problems)
{
  const YbMaterialSet *set;
  GPtrArray *required;

  g_return_val_if_fail (item != NULL, NULL);

  required = g_ptr_array_new ();
  if (item->material_sets == NULL || item->material_sets->len == 0)
    {
      /* Without sets every material is required. */
      for (guint i = 0; item->materials != NULL && i < item->materials->len; i++)
        g_ptr_array_add (required, g_ptr_array_index (item->materials, i));
      return required;
    }

  if (material_set == NULL || material_set[0] == '\0')
    {
      g_autofree char *names = set_names (item);

      if (problems != NULL)
        yb_problems_add (problems, "material_set.required", "material_set",
                         "未选择办理情形（%s），无法确定所需材料", names);
      g_ptr_array_unref (required);
      return NULL;
    }
  set = find_set (item, material_set);
  if (set == NULL)
    {
      g_autofree char *names = set_names (item);

      if (problems != NULL)
        yb_problems_add (problems, "material_set.unknown", "material_set",
                         "办理情形“%s”不存在，应为：%s", material_set, names);
      g_ptr_array_unref (required);
      return NULL;
    }

  /* In the item's order, which is the order of the printed checklist. */
  for (guint i = 0; i < item->materials->len; i++)
    {
      YbMaterial *material = g_ptr_array_index (item->materials, i);

      if (set->materials != NULL &&
          g_strv_contains ((const char * const *) set->materials, material->id))
        g_ptr_array_add (required, material);
    }
  return required;
}

gboolean
yb_materials_check (const YbItem *item,
                    const char   *material_set,
                    JsonArray    *submitted,
                    YbProblems   *problems)
{
  g_autoptr(GPtrArray) required = NULL;
  g_autoptr(GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);       /* id → YbMaterial* */
  g_autoptr(GHashTable) alternatives = g_hash_table_new (g_str_hash, g_str_equal); /* id → alternative */
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);                    /* YbMaterial* set */
  g_autoptr(GHashTable) handed = g_hash_table_new_full (NULL, NULL, NULL, handed_free);
  g_autoptr(GHashTable) reported = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(YbProblems) later = yb_problems_new ();
  const YbMaterialSet *set;
  guint before;

  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  before = yb_problems_get_len (problems);
  /* Without a set the required list is unknown: anything more would be guesswork. */
  required = yb_materials_required (item, material_set, problems);
  if (required == NULL)
    return FALSE;
  set = find_set (item, material_set);

  for (guint i = 0; item->materials != NULL && i < item->materials->len; i++)
    {
      YbMaterial *material = g_ptr_array_index (item->materials, i);

      g_hash_table_insert (owners, material->id, material);
      for (guint j = 0; material->any_of != NULL && j < material->any_of->len; j++)
        {
          YbMaterial *alternative = g_ptr_array_index (material->any_of, j);

          g_hash_table_insert (owners, alternative->id, material);
          g_hash_table_insert (alternatives, alternative->id, alternative);
        }
    }
  for (guint i = 0; i < required->len; i++)
    g_hash_table_add (wanted, g_ptr_array_index (required, i));

  for (guint i = 0; submitted != NULL && i < json_array_get_length (submitted); i++)
    {
      JsonNode *element = json_array_get_element (submitted, i);
      JsonNode *id_node = JSON_NODE_HOLDS_OBJECT (element)
                          ? json_object_get_member (json_node_get_object (element), "id") : NULL;
      const YbMaterial *alternative;
      YbMaterial *owner;
      Handed *entry;
      const char *id;

      if (id_node == NULL || !yb_json_node_is_kind (id_node, YB_JSON_KIND_STRING) ||
          json_node_get_string (id_node)[0] == '\0')
        {
          yb_problems_add (later, "material.invalid", "materials",
                           "第 %u 项材料登记有误：应为带材料编号“id”的对象", i + 1);
          continue;
        }
      id = json_node_get_string (id_node);
      owner = g_hash_table_lookup (owners, id);
      alternative = g_hash_table_lookup (alternatives, id);
      if (owner == NULL)
        {
          if (g_hash_table_add (reported, (gpointer) id))
            yb_problems_add (later, "material.unknown", id, "“%s”不是本事项的材料", id);
          continue;
        }
      if (!g_hash_table_contains (wanted, owner))
        {
          if (g_hash_table_add (reported, owner->id))
            yb_problems_add (later, "material.not_in_set", owner->id,
                             "%s不是“%s”所需的材料（办理情形是否选错？）",
                             alternative != NULL ? alternative->name : owner->name,
                             set != NULL && set->name != NULL ? set->name : material_set);
          continue;
        }

      entry = g_hash_table_lookup (handed, owner);
      if (entry == NULL)
        {
          entry = g_new0 (Handed, 1);
          entry->entry = json_node_get_object (element);
          entry->alternative = alternative;
          entry->names = g_ptr_array_new ();
          g_hash_table_insert (handed, owner, entry);
        }
      entry->count++;
      {
        const char *name = alternative != NULL ? alternative->name : owner->name;

        if (!g_ptr_array_find_with_equal_func (entry->names, name, g_str_equal, NULL))
          g_ptr_array_add (entry->names, (gpointer) name);
      }
    }

  for (guint i = 0; i < required->len; i++)
    {
      const YbMaterial *material = g_ptr_array_index (required, i);
      const Handed *entry = g_hash_table_lookup (handed, material);

      if (entry == NULL)
        {
          g_autofree char *name = display_name (material);

          if (has_alternatives (material))
            yb_problems_add (problems, "material.missing", material->id, "%s未提交", name);
          else
            yb_problems_add (problems, "material.missing", material->id, "缺少%s", name);
          continue;
        }
      if (entry->count > 1)
        add_duplicate (material, entry, problems);
      check_handed (material, entry, problems);
    }
  yb_problems_extend (problems, later);

  return yb_problems_get_len (problems) == before;
}
