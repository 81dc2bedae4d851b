/* ybs-admin-catalogue.c: `yibao-admin catalogue import|check FILE`.
 *
 * The file is checked whole by common/ before anything is written, and every problem is
 * listed; then counties, departments, categories and each county's resolved items are
 * upserted in one transaction with one audit entry per county.
 */
#define G_LOG_DOMAIN "yibao-admin"

#include <json-glib/json-glib.h>

#include "yb-catalogue.h"
#include "ybs-admin.h"

static gboolean
exec_ok (PGconn      *pg,
         const char  *sql,
         int          n,
         const char **params)
{
  PGresult *res = ybs_admin_exec (pg, sql, n, params);

  PQclear (res);
  return res != NULL;
}

static const char *
member_string (JsonObject *obj,
               const char *member,
               const char *fallback)
{
  JsonNode *node = json_object_get_member (obj, member);

  return node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : fallback;
}

static gboolean
import_region (PGconn      *pg,
               YbCatalogue *catalogue,
               YbRegion    *region,
               guint       *n_items)
{
  g_autoptr(GPtrArray) items = yb_catalogue_resolve_items (catalogue, region->code);
  g_autoptr(GString) codes = g_string_new (NULL);
  const char *rparams[] = { region->code, region->name, region->parent_code, region->parent_name, region->bureau,
                            region->abbrev };

  if (!exec_ok (pg, "INSERT INTO regions (code, name, parent_code, parent_name, bureau, abbrev) VALUES ($1, $2, $3, $4, $5, $6)"
                    " ON CONFLICT (code) DO UPDATE SET name = $2, parent_code = $3, parent_name = $4, bureau = $5, abbrev = $6",
                G_N_ELEMENTS (rparams), rparams))
    return FALSE;

  for (guint i = 0; i < region->departments->len; i++)
    {
      YbDepartment *d = g_ptr_array_index (region->departments, i);
      const char *params[] = { region->code, d->code, d->name, d->phone, d->supervision_phone };

      if (!exec_ok (pg, "INSERT INTO departments (region_code, code, name, phone, supervision_phone)"
                        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (region_code, code)"
                        " DO UPDATE SET name = $3, phone = $4, supervision_phone = $5",
                    G_N_ELEMENTS (params), params))
        return FALSE;
    }

  for (guint i = 0; i < items->len; i++)
    {
      JsonNode *node = g_ptr_array_index (items, i);
      JsonObject *obj = json_node_get_object (node);
      g_autofree char *definition = json_to_string (node, FALSE);
      g_autofree char *sort_key = g_strdup_printf ("%u", i);
      const char *name = member_string (obj, "name", "");
      const char *params[] = { region->code, member_string (obj, "code", ""), member_string (obj, "category", ""),
                               name, member_string (obj, "full_name", name),
                               member_string (obj, "department", ""), sort_key, definition };

      if (!exec_ok (pg, "INSERT INTO items (region_code, code, category_code, name, full_name, department_id, sort_key, definition)"
                        " SELECT $1, $2, $3, $4, $5, d.id, $7::int, $8::jsonb FROM departments d"
                        "  WHERE d.region_code = $1 AND d.code = $6"
                        " ON CONFLICT (region_code, code) DO UPDATE SET category_code = $3, name = $4, full_name = $5,"
                        "   department_id = EXCLUDED.department_id, sort_key = $7::int, definition = $8::jsonb, imported_at = now()",
                    G_N_ELEMENTS (params), params))
        return FALSE;
      g_string_append_printf (codes, "%s%s", codes->len ? "," : "", params[1]);
    }

  {
    g_autofree char *detail = g_strdup_printf ("{\"items\":%u,\"codes\":\"%s\"}", items->len, codes->str);
    if (!ybs_admin_audit (pg, region->code, "catalogue.import", "catalogue", region->code, detail))
      return FALSE;
  }
  *n_items = items->len;
  return TRUE;
}

int
ybs_admin_catalogue (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("import|check FILE - load the catalogue of power items, or only check it");
  g_autoptr(GError) error = NULL;
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(YbCatalogue) catalogue = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean import;
  GPtrArray *regions, *categories;
  PGconn *pg;
  gboolean ok;

  ybs_admin_add_common_options (context);
  if (!ybs_admin_parse (context, &argc, &argv))
    return 2;
  if (argc != 3 || !(g_str_equal (argv[1], "import") || g_str_equal (argv[1], "check")))
    {
      g_printerr ("usage: yibao-admin catalogue import|check FILE\n");
      return 2;
    }
  import = g_str_equal (argv[1], "import");

  if (!g_file_get_contents (argv[2], &contents, &length, &error))
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return 1;
    }
  catalogue = yb_catalogue_parse (contents, (gssize) length, problems, &error);
  if (catalogue == NULL)
    {
      if (error != NULL)
        g_printerr ("yibao-admin: %s: %s\n", argv[2], error->message);
      for (guint i = 0; i < yb_problems_get_len (problems); i++)
        {
          const YbProblem *p = yb_problems_get (problems, i);
          g_printerr ("%s: %s: %s [%s]\n", argv[2], p->field ? p->field : "-", p->message, p->code);
        }
      g_printerr ("yibao-admin: the catalogue has %u problem(s); nothing was imported\n", yb_problems_get_len (problems));
      return 1;
    }

  regions = yb_catalogue_get_regions (catalogue);
  categories = yb_catalogue_get_categories (catalogue);
  if (!import)
    {
      for (guint r = 0; r < regions->len; r++)
        {
          YbRegion *region = g_ptr_array_index (regions, r);
          g_autoptr(GPtrArray) items = yb_catalogue_resolve_items (catalogue, region->code);
          g_print ("%s %s: %u items\n", region->code, region->name, items->len);
        }
      g_print ("%s is a valid catalogue\n", argv[2]);
      return 0;
    }

  if ((pg = ybs_admin_connect (&error)) == NULL)
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return 1;
    }
  ok = exec_ok (pg, "BEGIN", 0, NULL);
  for (guint i = 0; ok && i < categories->len; i++)
    {
      YbCategory *c = g_ptr_array_index (categories, i);
      const char *params[] = { c->code, c->name };
      ok = exec_ok (pg, "INSERT INTO categories (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = $2",
                    2, params);
    }
  for (guint r = 0; ok && r < regions->len; r++)
    {
      YbRegion *region = g_ptr_array_index (regions, r);
      guint n = 0;

      ok = import_region (pg, catalogue, region, &n);
      if (ok)
        g_print ("%s %s: %u items\n", region->code, region->name, n);
    }
  ok = ok && exec_ok (pg, "COMMIT", 0, NULL);
  if (!ok)
    g_printerr ("yibao-admin: the import was rolled back; the catalogue in the database is unchanged\n");
  PQfinish (pg);
  return ok ? 0 : 1;
}
