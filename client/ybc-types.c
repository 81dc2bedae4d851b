/* ybc-types.c: the logged-in user and the catalogue listing, read from the server's JSON.
 * Reading is strict about what the screens cannot do without (codes, names) and lenient
 * about the rest, so a newer server adding members does not break an older client. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-types.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

/* ------------------------------------------------------------------------- helpers */

static const char *
member_string (JsonObject *object,
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

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Adds @member to @missing unless @value is a non-empty string. */
static void
require (const char *value,
         const char *member,
         GPtrArray  *missing)
{
  if (value == NULL || *value == '\0')
    g_ptr_array_add (missing, (gpointer) member);
}

static gboolean
report_missing (GPtrArray   *missing,
                const char  *what,
                GError     **error)
{
  g_autofree char *list = NULL;

  if (missing->len == 0)
    return TRUE;
  g_ptr_array_add (missing, NULL);
  list = g_strjoinv ("、", (char **) missing->pdata);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: %s is the kind of answer, %s the missing JSON members */
               _("The server's %s is missing %s"), what, list);
  return FALSE;
}

/* ------------------------------------------------------------------------- user */

/* By hand: G_DEFINE_BOXED_TYPE's type-checking union trips -Wpedantic. */
GType
ybc_user_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_boxed_type_register_static (g_intern_static_string ("YbcUser"),
                                                 (GBoxedCopyFunc) ybc_user_copy,
                                                 (GBoxedFreeFunc) ybc_user_free);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

YbcUser *
ybc_user_from_json (JsonNode  *node,
                    GError   **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(YbcUser) user = NULL;
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  JsonObject *object;
  JsonObject *department;
  JsonArray *array;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The server's user information is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);

  user = g_new0 (YbcUser, 1);
  if (json_object_has_member (object, "id")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "id")))
    user->id = json_object_get_int_member (object, "id");
  user->username = g_strdup (member_string (object, "username"));
  user->display_name = g_strdup (member_string (object, "display_name"));
  user->region_code = g_strdup (member_string (object, "region_code"));
  user->region_name = g_strdup (member_string (object, "region_name"));
  user->bureau = g_strdup (member_string (object, "bureau"));
  department = member_object (object, "department");
  user->department_code = g_strdup (member_string (department, "code"));
  user->department_name = g_strdup (member_string (department, "name"));

  array = member_array (object, "roles");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *role = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (role) && json_node_get_value_type (role) == G_TYPE_STRING)
        g_strv_builder_add (roles, json_node_get_string (role));
    }
  user->roles = g_strv_builder_end (roles);

  require (user->username, "username", missing);
  require (user->region_code, "region_code", missing);
  if (!report_missing (missing, _("user information"), error))
    return NULL;

  if (user->display_name == NULL || *user->display_name == '\0')
    {
      g_free (user->display_name);
      user->display_name = g_strdup (user->username);
    }

  return g_steal_pointer (&user);
}

YbcUser *
ybc_user_copy (const YbcUser *user)
{
  YbcUser *copy;

  g_return_val_if_fail (user != NULL, NULL);

  copy = g_new0 (YbcUser, 1);
  copy->id = user->id;
  copy->username = g_strdup (user->username);
  copy->display_name = g_strdup (user->display_name);
  copy->region_code = g_strdup (user->region_code);
  copy->region_name = g_strdup (user->region_name);
  copy->bureau = g_strdup (user->bureau);
  copy->department_code = g_strdup (user->department_code);
  copy->department_name = g_strdup (user->department_name);
  copy->roles = g_strdupv (user->roles);
  return copy;
}

void
ybc_user_free (YbcUser *user)
{
  if (user == NULL)
    return;
  g_free (user->username);
  g_free (user->display_name);
  g_free (user->region_code);
  g_free (user->region_name);
  g_free (user->bureau);
  g_free (user->department_code);
  g_free (user->department_name);
  g_strfreev (user->roles);
  g_free (user);
}

gboolean
ybc_user_has_role (const YbcUser *user,
                   const char    *role)
{
  g_return_val_if_fail (user != NULL, FALSE);
  return user->roles != NULL && g_strv_contains ((const char * const *) user->roles, role);
}

char *
ybc_user_dup_summary (const YbcUser *user)
{
  g_autoptr(GPtrArray) role_names = g_ptr_array_new ();
  g_autoptr(GString) summary = g_string_new (NULL);

  g_return_val_if_fail (user != NULL, NULL);

  g_string_append (summary, user->display_name);
  if (user->region_name != NULL && *user->region_name != '\0')
    g_string_append_printf (summary, " · %s", user->region_name);
  for (guint i = 0; user->roles != NULL && user->roles[i] != NULL; i++)
    g_ptr_array_add (role_names, (gpointer) ybc_role_display_name (user->roles[i]));
  if (role_names->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (role_names, NULL);
      /* Translators: separator between role names, e.g. 窗口人员、科长 */
      joined = g_strjoinv (_(", "), (char **) role_names->pdata);
      g_string_append_printf (summary, " · %s", joined);
    }
  return g_string_free (g_steal_pointer (&summary), FALSE);
}

/* ------------------------------------------------------------------------- catalogue */

static void
item_summary_free (gpointer data)
{
  YbcItemSummary *item = data;

  g_free (item->code);
  g_free (item->name);
  g_free (item->full_name);
  g_free (item->category_code);
  g_free (item->category_name);
  g_free (item->department_code);
  g_free (item->department_name);
  g_free (item);
}

static void
category_free (gpointer data)
{
  YbcCategory *category = data;

  g_free (category->code);
  g_free (category->name);
  g_clear_pointer (&category->items, g_ptr_array_unref);
  g_free (category);
}

void
ybc_catalogue_free (YbcCatalogue *catalogue)
{
  if (catalogue == NULL)
    return;
  g_free (catalogue->region_code);
  g_free (catalogue->region_name);
  g_free (catalogue->bureau);
  g_clear_pointer (&catalogue->categories, g_ptr_array_unref);
  g_free (catalogue);
}

YbcCatalogue *
ybc_catalogue_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(YbcCatalogue) catalogue = NULL;
  JsonObject *object;
  JsonArray *categories;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The server's catalogue is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);

  catalogue = g_new0 (YbcCatalogue, 1);
  catalogue->region_code = g_strdup (member_string (object, "region_code"));
  catalogue->region_name = g_strdup (member_string (object, "region_name"));
  catalogue->bureau = g_strdup (member_string (object, "bureau"));
  catalogue->categories = g_ptr_array_new_with_free_func (category_free);
  require (catalogue->region_code, "region_code", missing);

  categories = member_array (object, "categories");
  if (categories == NULL)
    g_ptr_array_add (missing, (gpointer) "categories");

  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      JsonObject *category_object = NULL;
      JsonArray *items;
      YbcCategory *category;

      if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (categories, i)))
        category_object = json_array_get_object_element (categories, i);

      category = g_new0 (YbcCategory, 1);
      category->code = g_strdup (member_string (category_object, "code"));
      category->name = g_strdup (member_string (category_object, "name"));
      category->items = g_ptr_array_new_with_free_func (item_summary_free);
      g_ptr_array_add (catalogue->categories, category);
      require (category->code, "categories[].code", missing);
      require (category->name, "categories[].name", missing);

      items = member_array (category_object, "items");
      for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
        {
          JsonObject *item_object = NULL;
          JsonObject *department;
          YbcItemSummary *item;

          if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, j)))
            item_object = json_array_get_object_element (items, j);

          item = g_new0 (YbcItemSummary, 1);
          item->code = g_strdup (member_string (item_object, "code"));
          item->name = g_strdup (member_string (item_object, "name"));
          item->full_name = g_strdup (member_string (item_object, "full_name"));
          item->category_code = g_strdup (category->code);
          item->category_name = g_strdup (category->name);
          department = member_object (item_object, "department");
          if (department != NULL)
            {
              item->department_code = g_strdup (member_string (department, "code"));
              item->department_name = g_strdup (member_string (department, "name"));
            }
          else
            {
              /* The department may also be given as its bare code. */
              item->department_code = g_strdup (member_string (item_object, "department"));
            }
          g_ptr_array_add (category->items, item);
          require (item->code, "items[].code", missing);
          require (item->name, "items[].name", missing);
        }
    }

  /* One message per missing member, not one per item. */
  for (guint i = 0; i < missing->len; i++)
    for (guint j = missing->len - 1; j > i; j--)
      if (g_str_equal (missing->pdata[i], missing->pdata[j]))
        g_ptr_array_remove_index (missing, j);

  if (!report_missing (missing, _("catalogue"), error))
    return NULL;

  return g_steal_pointer (&catalogue);
}

guint
ybc_catalogue_get_n_items (const YbcCatalogue *catalogue)
{
  guint n = 0;

  g_return_val_if_fail (catalogue != NULL, 0);

  for (guint i = 0; i < catalogue->categories->len; i++)
    {
      const YbcCategory *category = g_ptr_array_index (catalogue->categories, i);
      n += category->items->len;
    }
  return n;
}

const YbcItemSummary *
ybc_catalogue_find_item (const YbcCatalogue *catalogue,
                         const char         *code)
{
  g_return_val_if_fail (catalogue != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < catalogue->categories->len; i++)
    {
      const YbcCategory *category = g_ptr_array_index (catalogue->categories, i);

      for (guint j = 0; j < category->items->len; j++)
        {
          const YbcItemSummary *item = g_ptr_array_index (category->items, j);

          if (g_strcmp0 (item->code, code) == 0)
            return item;
        }
    }
  return NULL;
}

/* ------------------------------------------------------------------------- roles */

const char *
ybc_role_display_name (const char *role)
{
  static const struct {
    const char *code;
    const char *name;
  } roles[] = {
    { "clerk", N_("Window clerk") },
    { "chief", N_("Section chief") },
    { "inspector", N_("Inspector") },
    { "settlement", N_("Settlement officer") },
    { "leader", N_("Bureau leader") },
    { "admin", N_("Administrator") },
    { "city_viewer", N_("City-level viewer") },
    { "institution", N_("Designated institution") },
    { "applicant", N_("Applicant") },
    { "party_group", N_("Party group meeting") },
  };

  if (role == NULL)
    return "";
  for (gsize i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (role, roles[i].code))
      return _(roles[i].name);
  return role;
}
