/* ybs-admin-demo.c: `yibao-admin demo-load`: the demo counties' staff accounts (one per
 * role, random passwords written to a file for run-demo to print), and a register of
 * persons and units with valid identifiers, deterministic for a seed, loaded by COPY. */
#define G_LOG_DOMAIN "yibao-admin"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "yb-ids.h"
#include "ybs-admin.h"
#include "ybs-auth.h"

typedef struct {
  const char *username;
  const char *display_name;
  const char *region;
  const char *department;
  const char *roles;
} DemoAccount;

static const DemoAccount demo_accounts[] = {
  { "clerk_zx",      "王丽娜", "130133", "employee", "clerk" },
  { "clerk2_zx",     "赵雪",   "130133", "resident", "clerk" },
  { "chief_zx",      "刘建国", "130133", "employee", "chief" },
  { "inspector_zx",  "张志强", "130133", "fund",     "inspector" },
  { "inspector2_zx", "李文博", "130133", "fund",     "inspector" },
  { "settlement_zx", "陈静",   "130133", "centre",   "settlement" },
  { "leader_zx",     "孙海涛", "130133", "bureau",   "leader" },
  { "admin_zx",      "周敏",   "130133", NULL,       "admin" },
  { "city_sjz",      "吴卫东", "130133", NULL,       "city_viewer" },
  { "clerk_wj",      "郭晓梅", "130130", "centre",   "clerk" },
  { "chief_wj",      "马俊峰", "130130", "fund",     "chief" },
};

static const char *surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
  "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
  "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
};
static const char *given[] = {
  "伟", "芳", "娜", "秀", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
  "明", "超", "霞", "平", "刚", "桂", "英", "华", "建", "国", "志", "海", "玉", "兰", "红", "燕",
  "春", "秋", "云", "飞", "鹏", "辉", "宇", "浩", "博", "文", "欣", "悦", "晨", "子", "梓", "涵",
};
static const char *villages_zx[] = { "赵州镇", "范庄镇", "北王里镇", "新寨店镇", "韩村镇", "南柏舍镇", "沙河店镇", "前大章乡", "谢庄乡", "王西章乡", "各子乡" };
static const char *villages_wj[] = { "无极镇", "七汲镇", "张段固镇", "北苏镇", "郭庄镇", "大陈镇", "高头回族乡", "郝庄乡", "东侯坊乡", "里城道乡", "南流乡" };
static const char *unit_words[] = { "恒达", "华兴", "永盛", "金穗", "宏远", "鑫源", "冀中", "瑞丰", "新农", "康泰", "众诚", "德信", "天宇", "广安", "裕隆", "博远" };
static const char *unit_kinds[] = { "农业科技有限公司", "机械制造有限公司", "商贸有限公司", "建筑工程有限公司", "种植专业合作社", "食品有限公司", "物流有限公司", "纺织有限公司", "皮革制品有限公司", "医药连锁有限公司" };

static const char credit_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static char *
random_name (GRand *rand)
{
  GString *s = g_string_new (surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))]);
  int n = g_rand_int_range (rand, 0, 10) < 7 ? 2 : 1;

  for (int i = 0; i < n; i++)
    g_string_append (s, given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))]);
  return g_string_free (s, FALSE);
}

/* COPY text format: tabs, newlines and backslashes never occur in what we generate. */
static gboolean
copy_rows (PGconn     *pg,
           const char *copy_sql,
           GString    *rows)
{
  PGresult *res = PQexec (pg, copy_sql);
  gboolean ok = PQresultStatus (res) == PGRES_COPY_IN;

  PQclear (res);
  if (!ok)
    {
      g_printerr ("yibao-admin: %s", PQerrorMessage (pg));
      return FALSE;
    }
  ok = PQputCopyData (pg, rows->str, (int) rows->len) == 1 && PQputCopyEnd (pg, NULL) == 1;
  while ((res = PQgetResult (pg)) != NULL)
    {
      if (PQresultStatus (res) != PGRES_COMMAND_OK)
        {
          g_printerr ("yibao-admin: %s", PQresultErrorMessage (res));
          ok = FALSE;
        }
      PQclear (res);
    }
  return ok;
}

static gboolean
load_persons (PGconn *pg,
              GRand  *rand,
              guint   count)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint made = 0;

  while (made < count)
    {
      gboolean zx = g_rand_int_range (rand, 0, 10) < 6;
      const char *region = zx ? "130133" : "130130";
      const char **villages = zx ? villages_zx : villages_wj;
      GDate birth;
      char id[19];
      g_autofree char *name = NULL;
      guint seq;
      gboolean male;

      g_date_clear (&birth, 1);
      g_date_set_dmy (&birth, 1, G_DATE_JANUARY, 1940);
      g_date_add_days (&birth, (guint) g_rand_int_range (rand, 0, 365 * 84));
      seq = (guint) g_rand_int_range (rand, 0, 1000);
      male = seq % 2 == 1;
      g_snprintf (id, sizeof id, "%s%04u%02u%02u%03u", region, g_date_get_year (&birth),
                  g_date_get_month (&birth), g_date_get_day (&birth), seq);
      id[17] = yb_resident_id_check_char (id);
      id[18] = '\0';
      if (!g_hash_table_add (seen, g_strdup (id)))
        continue;

      name = random_name (rand);
      g_string_append_printf (rows, "%s\t%s\t%s\t%c\t%04u-%02u-%02u\t1%d%09d\t河北省石家庄市%s%s%s村%d号\n",
                              region, id, name, male ? 'M' : 'F',
                              g_date_get_year (&birth), g_date_get_month (&birth), g_date_get_day (&birth),
                              g_rand_int_range (rand, 3, 10), g_rand_int_range (rand, 0, 1000000000),
                              zx ? "赵县" : "无极县", villages[g_rand_int_range (rand, 0, 11)],
                              given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))],
                              g_rand_int_range (rand, 1, 300));
      made++;
    }
  return copy_rows (pg, "COPY persons (region_code, id_number, name, sex, birth_date, phone, address) FROM STDIN", rows);
}

static gboolean
load_units (PGconn *pg,
            GRand  *rand,
            guint   count)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint made = 0;

  while (made < count)
    {
      gboolean zx = g_rand_int_range (rand, 0, 10) < 6;
      const char *county = zx ? "赵县" : "无极县";
      char code[19];
      g_autofree char *rep = random_name (rand);

      memcpy (code, "91", 2);
      memcpy (code + 2, zx ? "130133" : "130130", 6);
      for (int i = 8; i < 17; i++)
        code[i] = credit_alphabet[g_rand_int_range (rand, 0, 31)];
      code[17] = '\0';
      code[17] = yb_credit_code_check_char (code);
      code[18] = '\0';
      if (!g_hash_table_add (seen, g_strdup (code)))
        continue;
      g_string_append_printf (rows, "%s\t%s\t%s%s%s%s\t河北省石家庄市%s%s\t%s\n",
                              zx ? "130133" : "130130", code,
                              county, unit_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (unit_words))],
                              unit_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (unit_words))],
                              unit_kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (unit_kinds))],
                              county, (zx ? villages_zx : villages_wj)[g_rand_int_range (rand, 0, 11)], rep);
      made++;
    }
  return copy_rows (pg, "COPY units (region_code, credit_code, name, address, legal_rep) FROM STDIN", rows);
}

static gboolean
create_accounts (PGconn     *pg,
                 const char *accounts_file)
{
  g_autoptr(GString) listing = g_string_new ("# yibao demo accounts: username, password, county, roles\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (demo_accounts); i++)
    {
      const DemoAccount *a = &demo_accounts[i];
      g_autofree char *password = ybs_auth_new_password ();
      g_autofree char *hash = ybs_auth_hash_password (password, &error);
      const char *params[] = { a->username, a->display_name, a->region, a->department, hash };
      PGresult *res;

      if (hash == NULL)
        {
          g_printerr ("yibao-admin: %s\n", error->message);
          return FALSE;
        }
      res = ybs_admin_exec (pg,
        "WITH u AS (INSERT INTO users (username, display_name, region_code, department_id, password_hash)"
        "           SELECT $1, $2, $3, (SELECT id FROM departments WHERE region_code = $3 AND code = $4), $5"
        "           RETURNING id)"
        " SELECT id FROM u", G_N_ELEMENTS (params), params);
      if (res == NULL)
        return FALSE;
      {
        const char *rparams[] = { PQgetvalue (res, 0, 0), a->roles };
        PGresult *r = ybs_admin_exec (pg, "INSERT INTO user_roles (user_id, role_code) VALUES ($1, $2)", 2, rparams);
        PQclear (res);
        if (r == NULL)
          return FALSE;
        PQclear (r);
      }
      g_string_append_printf (listing, "%-14s %s  %s %s (%s)\n", a->username, password, a->region,
                              a->display_name, a->roles);
    }
  if (!g_file_set_contents_full (accounts_file, listing->str, (gssize) listing->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

int
ybs_admin_demo_load (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- load demo accounts, persons and units (needs the catalogue imported)");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *accounts_file = NULL;
  int persons = 3000, units = 600, cases = 2000, seed = 20261125;
  GOptionEntry entries[] = {
    { "accounts-file", 0, 0, G_OPTION_ARG_FILENAME, &accounts_file, "Where to write the demo accounts and their passwords (mode 0600)", "FILE" },
    { "persons", 0, 0, G_OPTION_ARG_INT, &persons, "How many persons (default 3000)", "N" },
    { "units", 0, 0, G_OPTION_ARG_INT, &units, "How many units (default 600)", "N" },
    { "cases", 0, 0, G_OPTION_ARG_INT, &cases, "How many cases (default 2000; needs the holidays imported for their deadlines)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed for the generator (default 20261125)", "N" },
    { NULL }
  };
  PGconn *pg;
  PGresult *res;
  gboolean have_accounts, have_register, have_cases, ok = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  ybs_admin_add_common_options (context);
  if (!ybs_admin_parse (context, &argc, &argv))
    return 2;
  if (accounts_file == NULL || persons < 0 || units < 0 || cases < 0)
    {
      g_printerr ("yibao-admin demo-load: --accounts-file FILE is required; counts must not be negative\n");
      return 2;
    }
  if ((pg = ybs_admin_connect (&error)) == NULL)
    {
      g_printerr ("yibao-admin: %s\n", error->message);
      return 1;
    }
  res = ybs_admin_exec (pg, "SELECT (SELECT count(*) FROM regions WHERE code IN ('130133', '130130')),"
                            "       EXISTS (SELECT 1 FROM users WHERE username = 'clerk_zx'),"
                            "       EXISTS (SELECT 1 FROM persons), EXISTS (SELECT 1 FROM cases)", 0, NULL);
  if (res == NULL)
    {
      PQfinish (pg);
      return 1;
    }
  if (!g_str_equal (PQgetvalue (res, 0, 0), "2"))
    {
      g_printerr ("yibao-admin: the demo counties 130133 and 130130 are not in the database; "
                  "run yibao-admin catalogue import first\n");
      PQclear (res);
      PQfinish (pg);
      return 1;
    }
  have_accounts = g_str_equal (PQgetvalue (res, 0, 1), "t");
  have_register = g_str_equal (PQgetvalue (res, 0, 2), "t");
  have_cases = g_str_equal (PQgetvalue (res, 0, 3), "t");
  PQclear (res);

  rand = g_rand_new_with_seed ((guint32) seed);
  PQclear (ybs_admin_exec (pg, "BEGIN", 0, NULL));
  if (!have_accounts)
    ok = create_accounts (pg, accounts_file);
  if (ok && !have_register)
    ok = load_persons (pg, rand, (guint) persons) && load_units (pg, rand, (guint) units);
  if (ok && !have_cases && cases > 0)
    ok = ybs_admin_demo_cases (pg, rand, (guint) cases);
  if (ok && !(have_accounts && have_register && have_cases))
    {
      g_autofree char *detail = g_strdup_printf ("{\"persons\":%d,\"units\":%d,\"seed\":%d}", have_register ? 0 : persons,
                                                 have_register ? 0 : units, seed);
      ok = ybs_admin_audit (pg, "130133", "demo.load", "demo", NULL, detail);
    }
  if (ok)
    {
      res = ybs_admin_exec (pg, "COMMIT", 0, NULL);
      ok = res != NULL;
      PQclear (res);
    }
  PQfinish (pg);
  if (!ok)
    {
      g_printerr ("yibao-admin: demo data not loaded (rolled back)\n");
      if (!have_accounts)
        g_unlink (accounts_file);
      return 1;
    }
  g_print ("demo accounts: %s\n", have_accounts ? "already there (passwords unchanged)" : accounts_file);
  g_print ("demo register: %s\n", have_register ? "already there" : "loaded");
  g_print ("demo cases: %s\n", have_cases ? "already there" : cases > 0 ? "loaded" : "none asked for");
  return 0;
}
