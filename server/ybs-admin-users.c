/* ybs-admin-users.c: staff accounts from the command line: create, reset, list. */
#define G_LOG_DOMAIN "yibao-admin"

#include <string.h>

#include "ybs-admin.h"
#include "ybs-auth.h"
#include "ybs-call.h"

/* Checks a comma-separated role list; every unknown role is named. */
static gboolean
check_roles (const char *roles,
             YbProblems *problems)
{
  g_auto(GStrv) list = g_strsplit (roles ? roles : "", ",", -1);

  if (roles == NULL || *roles == '\0')
    yb_problems_add (problems, "field.required", "role", "--role is required (clerk, chief, inspector, settlement, leader, admin, city_viewer)");
  for (guint i = 0; list[i] != NULL && roles && *roles; i++)
    if (ybs_roles_from_string (g_strstrip (list[i])) == 0)
      yb_problems_add (problems, "role.unknown", "role", "unknown role \"%s\"", list[i]);
  return yb_problems_is_empty (problems);
}

static void
print_problems (const YbProblems *problems)
{
  for (guint i = 0; i < yb_problems_get_len (problems); i++)
    g_printerr ("yibao-admin: %s\n", yb_problems_get (problems, i)->message);
}

/* The new password (generated or read), checked for strength and hashed, and a
 * connection: what create-user and reset-password both need before they write.
 * Returns the exit status to stop with, or 0 to go on. */
static int
prepare_password (gboolean     generate,
                  const char  *password_file,
                  const char  *prompt,
                  char       **password,
                  char       **hash,
                  PGconn     **pg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YbProblems) problems = yb_problems_new ();

  if (generate)
    *password = ybs_auth_new_password ();
  else if ((*password = ybs_admin_read_password (password_file, prompt, &error)) == NULL)
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return 2;
    }
  ybs_auth_check_password_strength (*password, problems, "password");
  if (!yb_problems_is_empty (problems))
    {
      print_problems (problems);
      return 2;
    }
  if ((*hash = ybs_auth_hash_password (*password, &error)) == NULL || (*pg = ybs_admin_connect (&error)) == NULL)
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return 1;
    }
  return 0;
}

int
ybs_admin_create_user (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- create a staff account");
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autofree char *username = NULL, *display_name = NULL, *region = NULL, *department = NULL;
  g_autofree char *roles = NULL, *password_file = NULL, *password = NULL, *hash = NULL;
  gboolean generate = FALSE;
  GOptionEntry entries[] = {
    { "username", 'u', 0, G_OPTION_ARG_STRING, &username, "Login name (letters, digits, _ . -)", "NAME" },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &display_name, "Full name shown on screens and notices", "NAME" },
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region, "County code, e.g. 130133", "CODE" },
    { "department", 'd', 0, G_OPTION_ARG_STRING, &department, "Department code within the county (see the catalogue)", "CODE" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &roles, "Roles, comma-separated: clerk, chief, inspector, settlement, leader, admin, city_viewer", "ROLES" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "Read the password from FILE (- for standard input)", "FILE" },
    { "generate-password", 0, 0, G_OPTION_ARG_NONE, &generate, "Make a random password and print it", NULL },
    { NULL }
  };
  PGconn *pg = NULL;
  PGresult *res;
  int rc = 1;

  g_option_context_add_main_entries (context, entries, NULL);
  ybs_admin_add_common_options (context);
  if (!ybs_admin_parse (context, &argc, &argv))
    return 2;

  if (username == NULL)
    yb_problems_add (problems, "field.required", "username", "--username is required");
  if (display_name == NULL)
    yb_problems_add (problems, "field.required", "name", "--name is required");
  if (region == NULL)
    yb_problems_add (problems, "field.required", "region", "--region is required");
  check_roles (roles, problems);
  if (!yb_problems_is_empty (problems))
    {
      print_problems (problems);
      return 2;
    }

  if ((rc = prepare_password (generate, password_file, "Password: ", &password, &hash, &pg)) != 0)
    return rc;
  rc = 1;

  res = ybs_admin_exec (pg, "BEGIN", 0, NULL);
  PQclear (res);
  {
    const char *params[] = { username, display_name, region, department, hash };
    res = ybs_admin_exec (pg,
      "INSERT INTO users (username, display_name, region_code, department_id, password_hash)"
      " SELECT $1, $2, r.code,"
      "        (SELECT d.id FROM departments d WHERE d.region_code = r.code AND d.code = $4), $5"
      "   FROM regions r WHERE r.code = $3"
      "    AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM departments d WHERE d.region_code = r.code AND d.code = $4))"
      " RETURNING id",
      G_N_ELEMENTS (params), params);
  }
  if (res != NULL && PQntuples (res) == 0)
    g_printerr ("yibao-admin: no county %s%s%s in the catalogue (import the catalogue first: yibao-admin catalogue import FILE)\n",
                region, department ? " with department " : "", department ? department : "");
  else if (res != NULL)
    {
      g_autofree char *user_id = g_strdup (PQgetvalue (res, 0, 0));
      g_auto(GStrv) list = g_strsplit (roles, ",", -1);
      g_autofree char *detail = NULL;
      gboolean ok = TRUE;

      for (guint i = 0; ok && list[i] != NULL; i++)
        {
          const char *params[] = { user_id, g_strstrip (list[i]) };
          PGresult *r = ybs_admin_exec (pg, "INSERT INTO user_roles (user_id, role_code) VALUES ($1, $2) ON CONFLICT DO NOTHING", 2, params);
          ok = r != NULL;
          PQclear (r);
        }
      detail = g_strdup_printf ("{\"roles\":\"%s\"}", roles);
      if (ok && ybs_admin_audit (pg, region, "user.create", "user", username, detail))
        {
          PGresult *c = ybs_admin_exec (pg, "COMMIT", 0, NULL);
          if (c != NULL)
            {
              rc = 0;
              g_print ("created %s (%s) in %s with roles %s\n", username, display_name, region, roles);
              if (generate)
                g_print ("password: %s\n", password);
            }
          PQclear (c);
        }
    }
  PQclear (res);
  memset (password, 0, strlen (password));
  PQfinish (pg);
  return rc;
}

int
ybs_admin_reset_password (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("USERNAME - set a new password, clear a lockout, end all sessions");
  g_autofree char *password_file = NULL, *password = NULL, *hash = NULL;
  gboolean generate = FALSE;
  GOptionEntry entries[] = {
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "Read the password from FILE (- for standard input)", "FILE" },
    { "generate-password", 0, 0, G_OPTION_ARG_NONE, &generate, "Make a random password and print it", NULL },
    { NULL }
  };
  PGconn *pg = NULL;
  PGresult *res;
  int rc = 1;

  g_option_context_add_main_entries (context, entries, NULL);
  ybs_admin_add_common_options (context);
  if (!ybs_admin_parse (context, &argc, &argv))
    return 2;
  if (argc != 2)
    {
      g_printerr ("yibao-admin reset-password: name the user, e.g. yibao-admin reset-password clerk_zx\n");
      return 2;
    }
  if ((rc = prepare_password (generate, password_file, "New password: ", &password, &hash, &pg)) != 0)
    return rc;
  rc = 1;
  PQclear (ybs_admin_exec (pg, "BEGIN", 0, NULL));
  {
    const char *params[] = { argv[1], hash };
    res = ybs_admin_exec (pg,
      "WITH u AS (UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL,"
      "                            password_set_at = now() WHERE username = $1 RETURNING id, region_code),"
      "     s AS (DELETE FROM sessions WHERE user_id IN (SELECT id FROM u))"
      " SELECT region_code FROM u", 2, params);
  }
  if (res != NULL && PQntuples (res) == 0)
    g_printerr ("yibao-admin: no user named %s (see yibao-admin list-users)\n", argv[1]);
  else if (res != NULL && ybs_admin_audit (pg, PQgetvalue (res, 0, 0), "user.reset_password", "user", argv[1], NULL))
    {
      PGresult *c = ybs_admin_exec (pg, "COMMIT", 0, NULL);
      if (c != NULL)
        {
          rc = 0;
          g_print ("password of %s reset; its sessions are ended\n", argv[1]);
          if (generate)
            g_print ("password: %s\n", password);
        }
      PQclear (c);
    }
  PQclear (res);
  PQfinish (pg);
  return rc;
}

int
ybs_admin_list_users (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- list staff accounts");
  g_autoptr(GError) error = NULL;
  g_autofree char *region = NULL;
  GOptionEntry entries[] = {
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region, "Only this county", "CODE" },
    { NULL }
  };
  PGconn *pg;
  PGresult *res;

  g_option_context_add_main_entries (context, entries, NULL);
  ybs_admin_add_common_options (context);
  if (!ybs_admin_parse (context, &argc, &argv))
    return 2;
  if ((pg = ybs_admin_connect (&error)) == NULL)
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return 1;
    }
  {
    const char *params[] = { region };
    res = ybs_admin_exec (pg,
      "SELECT u.username, u.display_name, u.region_code, coalesce(d.name, '-'),"
      "       coalesce((SELECT string_agg(role_code, ',' ORDER BY role_code) FROM user_roles WHERE user_id = u.id), '-'),"
      "       CASE WHEN u.disabled THEN 'disabled' WHEN u.locked_until > now() THEN 'locked' ELSE 'active' END"
      "  FROM users u LEFT JOIN departments d ON d.id = u.department_id"
      " WHERE $1::text IS NULL OR u.region_code = $1 ORDER BY u.region_code, u.username", 1, params);
  }
  if (res == NULL)
    {
      PQfinish (pg);
      return 1;
    }
  g_print ("%-16s %-10s %-7s %-9s %-24s %s\n", "USERNAME", "NAME", "REGION", "STATE", "ROLES", "DEPARTMENT");
  for (int i = 0; i < PQntuples (res); i++)
    g_print ("%-16s %-10s %-7s %-9s %-24s %s\n", PQgetvalue (res, i, 0), PQgetvalue (res, i, 1),
             PQgetvalue (res, i, 2), PQgetvalue (res, i, 5), PQgetvalue (res, i, 4), PQgetvalue (res, i, 3));
  PQclear (res);
  PQfinish (pg);
  return 0;
}
