/* yb-bench-gen.c: the benchmark's data set, loaded through COPY into a migrated database
 * with the catalogue and holidays imported.
 *
 *   yb-bench-gen --db CONNINFO [--scale 1] [--seed 20261125] [--today YYYY-MM-DD]
 *
 * At scale 1: 1,000,000 persons with valid resident IDs (unique by construction: the
 * row number goes through a bijection onto birth date × sequence number), 200,000 units
 * with valid credit codes, 60 staff accounts that cannot log in, and 2,000,000 cases of
 * every item of both counties in every state the item's procedure can reach, each with
 * the history rows of the shortest path of actions to its state and, while a deadline
 * runs, its due date on the real holiday calendar. Claims with bill lines are not
 * generated: the schema has no claims yet.
 *
 * Every value is a pure function of (seed, table, row number), so a run is reproducible
 * for a seed and a "today" (open cases start in the 90 days before it). Secondary
 * indexes are dropped before the load and rebuilt from their own definitions after it,
 * two at a time; foreign keys are satisfied by construction and not re-checked row by
 * row (session_replication_role = replica, which needs the superuser that a private
 * benchmark cluster has). Progress goes to stderr.
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yb-calendar.h"
#include "yb-catalogue.h"
#include "yb-ids.h"
#include "yb-procedure.h"

#define N_PERSONS 1000000
#define N_UNITS    200000
#define N_CASES   2000000
#define STAFF_PER_COUNTY 30

/* ------------------------------------------------------------------------------------ */
/* deterministic randomness                                                             */

typedef struct { guint64 s; } Rng;

static inline guint64
mix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

static guint64 seed;

static inline Rng
rng_for (guint64 table, guint64 row)
{
  Rng r = { mix64 (seed ^ mix64 ((table << 40) ^ row)) };
  return r;
}

static inline guint32
rng_below (Rng    *r,
           guint32 n)
{
  r->s = mix64 (r->s);
  return (guint32) (((r->s >> 32) * (guint64) n) >> 32);
}

/* ------------------------------------------------------------------------------------ */
/* names                                                                                */

/* The commonest surnames with their rough share (per mille) of the population. */
static const struct { const char *s; guint w; } surnames[] = {
  { "王", 71 }, { "李", 70 }, { "张", 67 }, { "刘", 54 }, { "陈", 45 }, { "杨", 31 }, { "黄", 22 },
  { "赵", 20 }, { "吴", 18 }, { "周", 17 }, { "徐", 15 }, { "孙", 15 }, { "马", 14 }, { "朱", 13 },
  { "胡", 12 }, { "郭", 12 }, { "何", 11 }, { "高", 11 }, { "林", 10 }, { "罗", 10 }, { "郑", 9 },
  { "梁", 9 }, { "谢", 8 }, { "宋", 8 }, { "唐", 8 }, { "许", 7 }, { "韩", 7 }, { "冯", 7 },
  { "邓", 7 }, { "曹", 7 }, { "彭", 6 }, { "曾", 6 }, { "肖", 6 }, { "田", 6 }, { "董", 6 },
  { "袁", 5 }, { "潘", 5 }, { "于", 5 }, { "蒋", 5 }, { "蔡", 5 }, { "余", 5 }, { "杜", 5 },
  { "叶", 4 }, { "程", 4 }, { "苏", 4 }, { "魏", 4 }, { "吕", 4 }, { "丁", 4 }, { "任", 4 },
  { "沈", 4 }, { "姚", 4 }, { "卢", 4 }, { "姜", 4 }, { "崔", 4 }, { "钟", 3 }, { "谭", 3 },
  { "陆", 3 }, { "汪", 3 }, { "范", 3 }, { "金", 3 }, { "石", 3 }, { "廖", 3 }, { "贾", 3 },
  { "夏", 3 }, { "韦", 3 }, { "付", 3 }, { "方", 3 }, { "白", 3 }, { "邹", 3 }, { "孟", 3 },
  { "熊", 3 }, { "秦", 3 }, { "邱", 3 }, { "江", 3 }, { "尹", 3 }, { "薛", 2 }, { "闫", 2 },
  { "段", 2 }, { "雷", 2 }, { "侯", 2 }, { "龙", 2 }, { "史", 2 }, { "陶", 2 }, { "黎", 2 },
  { "贺", 2 }, { "顾", 2 }, { "毛", 2 }, { "郝", 2 }, { "龚", 2 }, { "邵", 2 }, { "万", 2 },
  { "钱", 2 }, { "严", 2 }, { "覃", 2 }, { "武", 2 }, { "戴", 2 }, { "莫", 2 }, { "孔", 2 },
  { "向", 2 }, { "常", 2 }, { "欧阳", 1 }, { "司马", 1 }, { "上官", 1 },
};
static const char *given_male[] = {
  "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞",
  "鑫", "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "欢", "阳",
  "建", "国", "志", "海", "峰", "亮", "成", "东", "文", "博", "晨", "子", "轩", "然", "睿", "泽",
  "振", "兴", "永", "德", "福", "生", "金", "宏", "庆", "春", "红", "卫", "民", "新", "利", "江",
};
static const char *given_female[] = {
  "芳", "娜", "秀", "敏", "静", "丽", "艳", "娟", "霞", "英", "玲", "桂", "兰", "梅", "燕", "婷",
  "雪", "琳", "丹", "莉", "慧", "萍", "红", "倩", "颖", "璐", "琪", "欣", "悦", "涵", "梓", "怡",
  "雨", "彤", "佳", "晶", "洁", "佩", "云", "凤", "玉", "珍", "秋", "春", "月", "蕾", "薇", "婉",
  "淑", "美", "巧", "素", "爱", "翠", "杏", "菊", "瑶", "萱", "诗", "思", "晓", "妍", "琴", "宁",
};
static const char *towns_zx[] = { "赵州镇", "范庄镇", "北王里镇", "新寨店镇", "韩村镇", "南柏舍镇", "沙河店镇", "前大章乡", "谢庄乡", "王西章乡", "各子乡" };
static const char *towns_wj[] = { "无极镇", "七汲镇", "张段固镇", "北苏镇", "郭庄镇", "大陈镇", "高头回族乡", "郝庄乡", "东侯坊乡", "里城道乡", "南流乡" };
static const char *unit_words[] = { "恒达", "华兴", "永盛", "金穗", "宏远", "鑫源", "冀中", "瑞丰", "新农", "康泰", "众诚", "德信", "天宇", "广安", "裕隆", "博远",
                                    "润泽", "嘉禾", "兴旺", "汇通", "万家", "昌盛", "丰收", "盛世", "利民", "安康", "福瑞", "宏达", "长城", "燕赵", "太行", "滹沱" };
static const char *unit_kinds[] = { "农业科技有限公司", "机械制造有限公司", "商贸有限公司", "建筑工程有限公司", "种植专业合作社", "食品有限公司", "物流有限公司",
                                    "纺织有限公司", "皮革制品有限公司", "医药连锁有限公司", "大药房", "诊所", "卫生院", "养殖专业合作社", "汽车维修有限公司", "超市" };
static const char credit_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static guint surname_total;

static const char *
pick_surname (Rng *r)
{
  guint x = rng_below (r, surname_total);

  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    {
      if (x < surnames[i].w)
        return surnames[i].s;
      x -= surnames[i].w;
    }
  return surnames[0].s;
}

static void
append_name (GString *out,
             Rng     *r,
             gboolean male)
{
  const char **given = male ? given_male : given_female;
  guint n = rng_below (r, 100) < 80 ? 2 : 1;

  g_string_append (out, pick_surname (r));
  for (guint i = 0; i < n; i++)
    g_string_append (out, given[rng_below (r, 64)]);
}

/* ------------------------------------------------------------------------------------ */
/* rows                                                                                 */

#define BIRTH_DAYS (365 * 84)                 /* born 1940 … 2023 */
#define PERSON_SPACE ((guint64) BIRTH_DAYS * 1000)
#define PERSON_MULT G_GUINT64_CONSTANT (1000003)    /* prime, coprime to PERSON_SPACE */
#define UNIT_SPACE G_GUINT64_CONSTANT (26439622160671)  /* 31^9 */
#define UNIT_MULT G_GUINT64_CONSTANT (1000000007)       /* not a multiple of 31 */

static guint n_persons, n_units, n_cases;

/* Person @i lives in 赵县 when i % 5 < 3 (60 %), else in 无极县. */
static inline const char *
person_region (guint i)
{
  return i % 5 < 3 ? "130133" : "130130";
}

typedef struct {
  char id[19];
  char birth[11];
  gboolean male;
  char phone[12];
} PersonIds;

static void
person_ids (guint      i,
            PersonIds *p)
{
  guint64 k = ((guint64) i * PERSON_MULT + 12345) % PERSON_SPACE;
  guint seq = (guint) (k % 1000);
  GDate birth;
  Rng r = rng_for (2, i);

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 1, G_DATE_JANUARY, 1940);
  g_date_add_days (&birth, (guint) (k / 1000));
  g_snprintf (p->id, sizeof p->id, "%s%04u%02u%02u%03u", person_region (i), g_date_get_year (&birth),
              g_date_get_month (&birth), g_date_get_day (&birth), seq);
  p->id[17] = yb_resident_id_check_char (p->id);
  p->id[18] = '\0';
  g_snprintf (p->birth, sizeof p->birth, "%04u-%02u-%02u", g_date_get_year (&birth),
              g_date_get_month (&birth), g_date_get_day (&birth));
  p->male = seq % 2 == 1;
  g_snprintf (p->phone, sizeof p->phone, "1%u%09u", 3 + rng_below (&r, 7), rng_below (&r, 1000000000));
}

static void
person_name (guint    i,
             gboolean male,
             GString *out)
{
  Rng r = rng_for (1, i);

  append_name (out, &r, male);
}

static void
append_person_row (GString *out,
                   guint    i)
{
  PersonIds p;
  Rng r = rng_for (3, i);
  gboolean zx = i % 5 < 3;

  person_ids (i, &p);
  g_string_append_printf (out, "%u\t%s\t%s\t", i + 1, person_region (i), p.id);
  person_name (i, p.male, out);
  g_string_append_printf (out, "\t%c\t%s\t%s\t河北省石家庄市%s%s%s村%u号\n", p.male ? 'M' : 'F', p.birth, p.phone,
                          zx ? "赵县" : "无极县", (zx ? towns_zx : towns_wj)[rng_below (&r, 11)],
                          given_male[rng_below (&r, 64)], 1 + rng_below (&r, 300));
}

static void
unit_code (guint j,
           char  code[19])
{
  guint64 k = ((guint64) j * UNIT_MULT + 977) % UNIT_SPACE;

  memcpy (code, "91", 2);
  memcpy (code + 2, person_region (j), 6);
  for (int d = 16; d >= 8; d--)
    {
      code[d] = credit_alphabet[k % 31];
      k /= 31;
    }
  code[17] = '\0';
  code[17] = yb_credit_code_check_char (code);
  code[18] = '\0';
}

static void
unit_name (guint    j,
           GString *out)
{
  Rng r = rng_for (4, j);
  gboolean zx = j % 5 < 3;

  g_string_append (out, zx ? "赵县" : "无极县");
  if (rng_below (&r, 3) == 0)
    {
      const char *town = (zx ? towns_zx : towns_wj)[rng_below (&r, 11)];
      g_string_append_len (out, town, strlen (town) - 3);   /* "范庄镇" → "范庄" */
    }
  g_string_append (out, unit_words[rng_below (&r, G_N_ELEMENTS (unit_words))]);
  g_string_append (out, unit_words[rng_below (&r, G_N_ELEMENTS (unit_words))]);
  g_string_append (out, unit_kinds[rng_below (&r, G_N_ELEMENTS (unit_kinds))]);
}

static void
append_unit_row (GString *out,
                 guint    j)
{
  char code[19];
  Rng r = rng_for (5, j);
  gboolean zx = j % 5 < 3;

  unit_code (j, code);
  g_string_append_printf (out, "%u\t%s\t%s\t", j + 1, person_region (j), code);
  unit_name (j, out);
  g_string_append_printf (out, "\t河北省石家庄市%s%s\t", zx ? "赵县" : "无极县", (zx ? towns_zx : towns_wj)[rng_below (&r, 11)]);
  append_name (out, &r, rng_below (&r, 3) != 0);
  g_string_append_c (out, '\n');
}

/* ------------------------------------------------------------------------------------ */
/* the catalogue as the cases need it                                                   */

typedef struct {
  const YbState *state;
  GPtrArray     *path;     /* const YbAction*, from the initial state */
} Reachable;

typedef struct {
  char       region[7];
  char      *abbrev;
  char      *department_id;
  YbItem    *item;
  GArray    *closed;       /* Reachable */
  GArray    *open;         /* Reachable, the initial state first */
} BenchItem;

typedef struct {
  GPtrArray *items[2];     /* BenchItem*, [0] 130133, [1] 130130 */
  GArray    *staff[2];     /* gint64 user ids */
  GPtrArray *staff_names[2];
  YbCalendar *calendar;
} Catalogue;

static void
bench_item_free (gpointer p)
{
  BenchItem *b = p;

  for (guint i = 0; i < b->closed->len; i++)
    g_ptr_array_unref (g_array_index (b->closed, Reachable, i).path);
  for (guint i = 0; i < b->open->len; i++)
    g_ptr_array_unref (g_array_index (b->open, Reachable, i).path);
  g_array_unref (b->closed);
  g_array_unref (b->open);
  g_free (b->abbrev);
  g_free (b->department_id);
  yb_item_free (b->item);
  g_free (b);
}

/* Breadth first from the initial state: every reachable state with its shortest path. */
static void
find_reachable (BenchItem *b)
{
  YbProcedure *proc = b->item->procedure;
  GPtrArray *actions = yb_procedure_get_actions (proc);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GQueue) queue = g_queue_new ();
  Reachable start = { yb_procedure_get_state (proc, yb_procedure_get_initial (proc)), g_ptr_array_new () };

  b->closed = g_array_new (FALSE, FALSE, sizeof (Reachable));
  b->open = g_array_new (FALSE, FALSE, sizeof (Reachable));
  g_hash_table_add (seen, start.state->id);
  g_array_append_val (b->open, start);
  g_queue_push_tail (queue, GUINT_TO_POINTER (0));

  while (!g_queue_is_empty (queue))
    {
      guint at = GPOINTER_TO_UINT (g_queue_pop_head (queue));
      Reachable cur = g_array_index (b->open, Reachable, at);

      for (guint a = 0; a < actions->len; a++)
        {
          const YbAction *act = g_ptr_array_index (actions, a);
          const YbState *to = yb_procedure_get_state (proc, act->to);
          Reachable next;

          if (to == NULL || !g_strv_contains ((const char * const *) act->from, cur.state->id) ||
              g_hash_table_contains (seen, to->id))
            continue;
          g_hash_table_add (seen, to->id);
          next.state = to;
          next.path = g_ptr_array_copy (cur.path, NULL, NULL);
          g_ptr_array_add (next.path, (gpointer) act);
          if (to->kind == YB_STATE_CLOSED)
            g_array_append_val (b->closed, next);
          else
            {
              g_array_append_val (b->open, next);
              g_queue_push_tail (queue, GUINT_TO_POINTER (b->open->len - 1));
            }
        }
    }
}

static PGresult *
exec (PGconn     *pg,
      const char *sql)
{
  PGresult *res = PQexec (pg, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      g_printerr ("yb-bench-gen: %s\n  in: %.200s\n", PQresultErrorMessage (res), sql);
      exit (1);
    }
  return res;
}

static void
exec_clear (PGconn     *pg,
            const char *sql)
{
  PQclear (exec (pg, sql));
}

static int
region_index (const char *region)
{
  return g_str_equal (region, "130133") ? 0 : 1;
}

static void
load_catalogue (PGconn    *pg,
                Catalogue *cat)
{
  PGresult *res = exec (pg, "SELECT i.region_code, coalesce(r.abbrev, left(r.name, 1)), i.department_id, i.definition::text"
                            "  FROM items i JOIN regions r ON r.code = i.region_code"
                            " WHERE i.region_code IN ('130133', '130130') ORDER BY i.region_code, i.sort_key");

  for (int r = 0; r < 2; r++)
    cat->items[r] = g_ptr_array_new_with_free_func (bench_item_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      YbItem *item;
      BenchItem *b;

      if (!json_parser_load_from_data (parser, PQgetvalue (res, i, 3), -1, NULL) ||
          (item = yb_item_from_json (json_parser_get_root (parser), NULL)) == NULL || item->procedure == NULL)
        continue;
      b = g_new0 (BenchItem, 1);
      g_strlcpy (b->region, PQgetvalue (res, i, 0), sizeof b->region);
      b->abbrev = g_strdup (PQgetvalue (res, i, 1));
      b->department_id = g_strdup (PQgetvalue (res, i, 2));
      b->item = item;
      find_reachable (b);
      g_ptr_array_add (cat->items[region_index (b->region)], b);
    }
  PQclear (res);
  if (cat->items[0]->len == 0 || cat->items[1]->len == 0)
    {
      g_printerr ("yb-bench-gen: no items for 130133 and 130130; run yibao-admin catalogue import first\n");
      exit (1);
    }

  cat->calendar = yb_calendar_new ();
  res = exec (pg, "SELECT to_char(day, 'YYYY-MM-DD'), off_day, name FROM holidays");
  for (int i = 0; i < PQntuples (res); i++)
    {
      GDate d;
      if (yb_date_parse_iso (PQgetvalue (res, i, 0), &d))
        yb_calendar_set_day (cat->calendar, &d, g_str_equal (PQgetvalue (res, i, 1), "t"), PQgetvalue (res, i, 2));
    }
  PQclear (res);
  res = exec (pg, "SELECT year FROM holiday_years");
  for (int i = 0; i < PQntuples (res); i++)
    yb_calendar_set_covered_year (cat->calendar, atoi (PQgetvalue (res, i, 0)));
  PQclear (res);
}

/* Staff who own the generated cases. Their password hash is not a hash, so nobody can
 * log in as them; the benchmark logs in with an account made by yibao-admin. */
static void
create_staff (PGconn    *pg,
              Catalogue *cat)
{
  static const char *roles[] = { "clerk", "clerk", "clerk", "chief", "inspector" };
  PGresult *res;

  for (int r = 0; r < 2; r++)
    {
      const char *region = r == 0 ? "130133" : "130130";

      cat->staff[r] = g_array_new (FALSE, FALSE, sizeof (gint64));
      cat->staff_names[r] = g_ptr_array_new_with_free_func (g_free);
      for (guint s = 0; s < STAFF_PER_COUNTY; s++)
        {
          Rng rng = rng_for (6, (guint64) r * 1000 + s);
          g_autoptr(GString) name = g_string_new (NULL);
          g_autofree char *username = g_strdup_printf ("bench_%s_%02u", region, s);
          const char *params[] = { username, NULL, region, roles[s % G_N_ELEMENTS (roles)] };
          gint64 id;

          append_name (name, &rng, rng_below (&rng, 2) == 0);
          params[1] = name->str;
          res = PQexecParams (pg,
            "WITH u AS (INSERT INTO users (username, display_name, region_code, department_id, password_hash)"
            "           SELECT $1, $2, $3, (SELECT (array_agg(id ORDER BY id))[1 + abs(hashtext($1)) % count(*)]"
            "                                 FROM departments WHERE region_code = $3),"
            "                  '!bench: no login'"
            "           RETURNING id),"
            "      r AS (INSERT INTO user_roles (user_id, role_code) SELECT id, $4 FROM u)"
            " SELECT id FROM u", 4, NULL, params, NULL, NULL, 0);
          if (PQresultStatus (res) != PGRES_TUPLES_OK)
            {
              g_printerr ("yb-bench-gen: creating staff: %s", PQresultErrorMessage (res));
              exit (1);
            }
          id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
          g_array_append_val (cat->staff[r], id);
          g_ptr_array_add (cat->staff_names[r], g_string_free (g_steal_pointer (&name), FALSE));
          PQclear (res);
        }
    }
}

/* ------------------------------------------------------------------------------------ */
/* COPY with progress                                                                   */

typedef struct {
  PGconn     *pg;
  const char *label;
  guint       total;
  guint       done;
  gint64      started;
  gint64      last_report;
  GString    *buf;
} Copy;

static void
copy_begin (Copy       *c,
            PGconn     *pg,
            const char *label,
            const char *sql,
            guint       total)
{
  {
    PGresult *res = PQexec (pg, sql);
    if (PQresultStatus (res) != PGRES_COPY_IN)
      {
        g_printerr ("yb-bench-gen: %s: %s", label, PQerrorMessage (pg));
        exit (1);
      }
    PQclear (res);
  }
  c->pg = pg;
  c->label = label;
  c->total = total;
  c->done = 0;
  c->started = c->last_report = g_get_monotonic_time ();
  c->buf = g_string_sized_new (1 << 20);
}

static void
copy_flush (Copy *c)
{
  if (c->buf->len > 0 && PQputCopyData (c->pg, c->buf->str, (int) c->buf->len) != 1)
    {
      g_printerr ("yb-bench-gen: %s: %s", c->label, PQerrorMessage (c->pg));
      exit (1);
    }
  g_string_truncate (c->buf, 0);
}

static void
report (const char *label,
        guint       done,
        guint       total,
        gint64      started,
        gboolean    last)
{
  double s = (g_get_monotonic_time () - started) / 1e6;

  g_printerr ("%s%-13s %9u / %-9u %5.1f s %8.0f rows/s%s", isatty (2) ? "\r" : "", label, done, total, s,
              s > 0 ? done / s : 0.0, last || !isatty (2) ? "\n" : "");
}

/* One row was appended. */
static void
copy_row (Copy *c)
{
  c->done++;
  if (c->buf->len >= (1 << 20))
    copy_flush (c);
  if ((c->done & 0x3fff) == 0)
    {
      gint64 now = g_get_monotonic_time ();
      if (now - c->last_report > (isatty (2) ? 250000 : 5000000))
        {
          report (c->label, c->done, c->total, c->started, FALSE);
          c->last_report = now;
        }
    }
}

static void
copy_end (Copy *c)
{
  PGresult *res;

  copy_flush (c);
  if (PQputCopyEnd (c->pg, NULL) != 1)
    {
      g_printerr ("yb-bench-gen: %s: %s", c->label, PQerrorMessage (c->pg));
      exit (1);
    }
  while ((res = PQgetResult (c->pg)) != NULL)
    {
      if (PQresultStatus (res) != PGRES_COMMAND_OK)
        {
          g_printerr ("yb-bench-gen: %s: %s", c->label, PQresultErrorMessage (res));
          exit (1);
        }
      PQclear (res);
    }
  report (c->label, c->done, c->total, c->started, TRUE);
  g_string_free (c->buf, TRUE);
}

/* ------------------------------------------------------------------------------------ */
/* cases                                                                                */

typedef struct {
  guint32 day;        /* days before today */
  guint32 row;        /* generator row (its randomness) */
  guint16 item;       /* index into the region's items */
  guint16 reach;      /* index into closed (high bit set) or open */
  guint8  region;
} CasePlan;

#define REACH_CLOSED 0x8000

static int
compare_plans (gconstpointer a,
               gconstpointer b)
{
  const CasePlan *x = a, *y = b;

  /* oldest first, so case numbers and ids grow with time */
  if (x->day != y->day)
    return x->day > y->day ? -1 : 1;
  return x->row < y->row ? -1 : x->row > y->row;
}

static CasePlan *
plan_cases (Catalogue *cat)
{
  CasePlan *plans = g_new0 (CasePlan, n_cases);

  for (guint i = 0; i < n_cases; i++)
    {
      Rng r = rng_for (7, i);
      CasePlan *p = &plans[i];
      BenchItem *b;

      p->row = i;
      p->region = rng_below (&r, 10) < 6 ? 0 : 1;
      p->item = (guint16) rng_below (&r, cat->items[p->region]->len);
      b = g_ptr_array_index (cat->items[p->region], p->item);
      /* about two thirds closed over three years; the rest open, started recently */
      if (b->closed->len > 0 && rng_below (&r, 100) < 67)
        {
          p->reach = REACH_CLOSED | (guint16) rng_below (&r, b->closed->len);
          p->day = rng_below (&r, 3 * 365);
        }
      else
        {
          p->reach = (guint16) rng_below (&r, b->open->len);
          p->day = rng_below (&r, 90);
        }
    }
  qsort (plans, n_cases, sizeof *plans, compare_plans);
  return plans;
}

typedef struct {
  gint64     id;
  GDate      started;
  char       started_iso[11];
  char      *due_iso;
  gboolean   provisional;
  const char *deadline_id;
  gboolean   deadline_stopped;
} CaseFacts;

static void
case_facts (Catalogue      *cat,
            const CasePlan *p,
            const GDate    *today,
            const char     *set,
            CaseFacts      *f)
{
  BenchItem *b = g_ptr_array_index (cat->items[p->region], p->item);
  const Reachable *reach = (p->reach & REACH_CLOSED)
    ? &g_array_index (b->closed, Reachable, p->reach & ~REACH_CLOSED)
    : &g_array_index (b->open, Reachable, p->reach);
  gboolean running = FALSE;

  g_date_clear (&f->started, 1);
  g_date_set_julian (&f->started, g_date_get_julian (today) - p->day);
  g_snprintf (f->started_iso, sizeof f->started_iso, "%04u-%02u-%02u", g_date_get_year (&f->started),
              g_date_get_month (&f->started), g_date_get_day (&f->started));
  f->due_iso = NULL;
  f->provisional = FALSE;
  f->deadline_id = NULL;
  f->deadline_stopped = FALSE;
  for (guint s = 0; s < reach->path->len; s++)
    {
      const YbAction *a = g_ptr_array_index (reach->path, s);
      if (a->starts_deadline != NULL && f->deadline_id == NULL)
        {
          f->deadline_id = a->starts_deadline;
          running = TRUE;
        }
      if (a->stops_deadline != NULL && running)
        {
          running = FALSE;
          f->deadline_stopped = TRUE;
        }
    }
  if (f->deadline_id != NULL)
    {
      const YbTimeLimit *limit = yb_item_time_limit_for_set (b->item, set);
      GDate due;
      if (limit != NULL && yb_calendar_due_date (cat->calendar, limit, &f->started, &due, &f->provisional))
        f->due_iso = yb_date_to_iso (&due);
      else
        f->deadline_id = NULL;
    }
  if (reach->state->kind == YB_STATE_CLOSED || !running)
    {
      /* the due date is kept in case_deadlines, but the queue only sorts running ones */
    }
}

static const char *
case_material_set (BenchItem *b,
                   Rng       *r)
{
  if (b->item->material_sets->len == 0)
    return NULL;
  return ((YbMaterialSet *) g_ptr_array_index (b->item->material_sets, rng_below (r, b->item->material_sets->len)))->id;
}

static gboolean
is_unit_item (const YbItem *item)
{
  static const char * const unit_items[] = { "5-1", "5-4", "6-2", "6-7", "6-9", "6-10", NULL };

  return item->category[0] == '1' || item->category[0] == '2' || item->category[0] == '4' ||
         g_strv_contains (unit_items, item->code);
}

/* A person (or unit) of @region: rows i with i % 5 < 3 are in 130133. */
static guint
party_row (Rng  *r,
           int   region,
           guint n)
{
  guint blocks = MAX (n / 5, 1);
  guint base = rng_below (r, blocks) * 5;

  return MIN (base + (region == 0 ? rng_below (r, 3) : 3 + rng_below (r, 2)), n - 1);
}

static void
copy_cases (PGconn     *pg,
            Catalogue  *cat,
            CasePlan   *plans,
            const GDate *today,
            gint64      first_id)
{
  Copy cases, history, deadlines;
  g_autoptr(GHashTable) counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  guint history_rows = 0;

  copy_begin (&cases, pg, "cases",
              "COPY cases (id, region_code, item_code, case_no, state, state_kind, version, party_kind, party_name,"
              " party_id_number, party_phone, department_id, assignee_id, created_by, created_at, started_on,"
              " material_set, due_on, due_provisional, closed_at, updated_at) FROM STDIN", n_cases);
  for (guint i = 0; i < n_cases; i++)
    {
      const CasePlan *p = &plans[i];
      BenchItem *b = g_ptr_array_index (cat->items[p->region], p->item);
      const Reachable *reach = (p->reach & REACH_CLOSED)
        ? &g_array_index (b->closed, Reachable, p->reach & ~REACH_CLOSED)
        : &g_array_index (b->open, Reachable, p->reach);
      Rng r = rng_for (8, p->row);
      const char *set = case_material_set (b, &r);
      guint staff = rng_below (&r, STAFF_PER_COUNTY);
      guint minute = 8 * 60 + rng_below (&r, 9 * 60);
      g_autofree char *key = NULL;
      CaseFacts f;
      guint n;

      case_facts (cat, p, today, set, &f);
      key = g_strdup_printf ("%s/%u", b->region, g_date_get_year (&f.started));
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counters, key)) + 1;
      g_hash_table_insert (counters, g_steal_pointer (&key), GUINT_TO_POINTER (n));

      g_string_append_printf (cases.buf, "%" G_GINT64_FORMAT "\t%s\t%s\t%s%u-%06u\t%s\t%s\t%u\t",
                              first_id + i, b->region, b->item->code, b->abbrev, g_date_get_year (&f.started), n,
                              reach->state->id, yb_state_kind_to_string (reach->state->kind), reach->path->len + 1);
      if (is_unit_item (b->item))
        {
          guint u = party_row (&r, p->region, n_units);
          char code[19];
          unit_code (u, code);
          g_string_truncate (name, 0);
          unit_name (u, name);
          g_string_append_printf (cases.buf, "unit\t%s\t%s\t\\N\t", name->str, code);
        }
      else
        {
          guint pr = party_row (&r, p->region, n_persons);
          PersonIds pid;
          person_ids (pr, &pid);
          g_string_truncate (name, 0);
          person_name (pr, pid.male, name);
          g_string_append_printf (cases.buf, "person\t%s\t%s\t%s\t", name->str, pid.id, pid.phone);
        }
      {
        gint64 staff_id = g_array_index (cat->staff[p->region], gint64, staff);
        gboolean closed = reach->state->kind == YB_STATE_CLOSED;
        gboolean show_due = f.due_iso != NULL && !closed && !f.deadline_stopped;
        g_string_append_printf (cases.buf,
                                "%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s %02u:%02u:00+08\t%s\t%s\t%s\t%s\t",
                                b->department_id, staff_id, staff_id, f.started_iso, minute / 60, minute % 60,
                                f.started_iso, set ? set : "\\N", show_due ? f.due_iso : "\\N",
                                show_due && f.provisional ? "t" : "f");
        if (closed)
          g_string_append_printf (cases.buf, "%s 17:30:00+08\t%s 17:30:00+08\n", f.started_iso, f.started_iso);
        else
          g_string_append_printf (cases.buf, "\\N\t%s %02u:%02u:00+08\n", f.started_iso, minute / 60, minute % 60);
      }
      history_rows += reach->path->len + 1;
      g_free (f.due_iso);
      copy_row (&cases);
    }
  copy_end (&cases);

  copy_begin (&history, pg, "case_history",
              "COPY case_history (case_id, seq, action, from_state, to_state, actor_id, actor_name, at, input) FROM STDIN",
              history_rows);
  for (guint i = 0; i < n_cases; i++)
    {
      const CasePlan *p = &plans[i];
      BenchItem *b = g_ptr_array_index (cat->items[p->region], p->item);
      const Reachable *reach = (p->reach & REACH_CLOSED)
        ? &g_array_index (b->closed, Reachable, p->reach & ~REACH_CLOSED)
        : &g_array_index (b->open, Reachable, p->reach);
      Rng r = rng_for (8, p->row);
      guint staff;
      guint minute;
      gint64 staff_id;
      const char *staff_name;
      GDate started;
      char day[11];
      const char *from = yb_procedure_get_initial (b->item->procedure);

      (void) case_material_set (b, &r);
      staff = rng_below (&r, STAFF_PER_COUNTY);
      minute = 8 * 60 + rng_below (&r, 9 * 60);
      staff_id = g_array_index (cat->staff[p->region], gint64, staff);
      staff_name = g_ptr_array_index (cat->staff_names[p->region], staff);
      g_date_clear (&started, 1);
      g_date_set_julian (&started, g_date_get_julian (today) - p->day);
      g_snprintf (day, sizeof day, "%04u-%02u-%02u", g_date_get_year (&started), g_date_get_month (&started),
                  g_date_get_day (&started));

      g_string_append_printf (history.buf, "%" G_GINT64_FORMAT "\t1\tcreate\t\\N\t%s\t%" G_GINT64_FORMAT "\t%s\t%s %02u:%02u:00+08\t{}\n",
                              first_id + i, from, staff_id, staff_name, day, minute / 60, minute % 60);
      copy_row (&history);
      for (guint s = 0; s < reach->path->len; s++)
        {
          const YbAction *a = g_ptr_array_index (reach->path, s);
          guint m = MIN (minute + 10 * (s + 1), 23 * 60);
          g_string_append_printf (history.buf, "%" G_GINT64_FORMAT "\t%u\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\t%s %02u:%02u:00+08\t{\"bench\": true}\n",
                                  first_id + i, s + 2, a->id, from, a->to, staff_id, staff_name, day, m / 60, m % 60);
          from = a->to;
          copy_row (&history);
        }
    }
  copy_end (&history);

  copy_begin (&deadlines, pg, "case_deadlines",
              "COPY case_deadlines (case_id, deadline_id, name, started_on, due_on, provisional, stopped_on) FROM STDIN", n_cases);
  for (guint i = 0; i < n_cases; i++)
    {
      const CasePlan *p = &plans[i];
      BenchItem *b = g_ptr_array_index (cat->items[p->region], p->item);
      Rng r = rng_for (8, p->row);
      const char *set = case_material_set (b, &r);
      CaseFacts f;

      case_facts (cat, p, today, set, &f);
      if (f.deadline_id != NULL && f.due_iso != NULL)
        {
          g_string_append_printf (deadlines.buf, "%" G_GINT64_FORMAT "\t%s\t办理时限\t%s\t%s\t%s\t%s\n",
                                  first_id + i, f.deadline_id, f.started_iso, f.due_iso, f.provisional ? "t" : "f",
                                  f.deadline_stopped ? f.started_iso : "\\N");
        }
      g_free (f.due_iso);
      copy_row (&deadlines);
    }
  copy_end (&deadlines);

  /* new cases continue the numbering where the generated ones stop */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, counters);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_auto(GStrv) parts = g_strsplit (key, "/", 2);
        g_autofree char *sql = g_strdup_printf (
          "INSERT INTO case_counters (region_code, year, last_no) VALUES ('%s', %s, %u)"
          " ON CONFLICT (region_code, year) DO UPDATE SET last_no = greatest(case_counters.last_no, EXCLUDED.last_no)",
          parts[0], parts[1], GPOINTER_TO_UINT (value));
        exec_clear (pg, sql);
      }
  }
}

/* ------------------------------------------------------------------------------------ */
/* indexes                                                                              */

/* The secondary indexes of @tables (not those behind constraints), to rebuild later. */
static GPtrArray *
drop_indexes (PGconn *pg)
{
  GPtrArray *defs = g_ptr_array_new_with_free_func (g_free);
  PGresult *res = exec (pg,
    "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
    "  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
    " WHERE t.relname IN ('persons', 'units', 'cases', 'case_history', 'case_deadlines')"
    "   AND t.relnamespace = 'public'::regnamespace"
    "   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
    " ORDER BY pg_get_indexdef(i.indexrelid) LIKE '%gin%' DESC, t.relname = 'cases' DESC, 1");

  for (int i = 0; i < PQntuples (res); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX %s", PQgetvalue (res, i, 0));
      g_ptr_array_add (defs, g_strdup (PQgetvalue (res, i, 1)));
      exec_clear (pg, sql);
    }
  PQclear (res);
  return defs;
}

/* Runs @statements on two connections at once (index builds are mostly one core each). */
static void
run_two_at_a_time (PGconn     *pgs[2],
                   GPtrArray  *statements,
                   const char *label)
{
  guint next = 0, done = 0;
  const char *running[2] = { NULL, NULL };
  gint64 started[2] = { 0, 0 };

  while (done < statements->len)
    {
      for (int c = 0; c < 2; c++)
        if (running[c] == NULL && next < statements->len)
          {
            running[c] = g_ptr_array_index (statements, next++);
            started[c] = g_get_monotonic_time ();
            if (!PQsendQuery (pgs[c], running[c]))
              {
                g_printerr ("yb-bench-gen: %s", PQerrorMessage (pgs[c]));
                exit (1);
              }
          }
      for (int c = 0; c < 2; c++)
        {
          PGresult *res;

          if (running[c] == NULL)
            continue;
          if (!PQconsumeInput (pgs[c]))
            {
              g_printerr ("yb-bench-gen: %s", PQerrorMessage (pgs[c]));
              exit (1);
            }
          if (PQisBusy (pgs[c]))
            continue;
          while ((res = PQgetResult (pgs[c])) != NULL)
            {
              if (PQresultStatus (res) != PGRES_COMMAND_OK)
                {
                  g_printerr ("yb-bench-gen: %s\n  in: %s\n", PQresultErrorMessage (res), running[c]);
                  exit (1);
                }
              PQclear (res);
            }
          g_printerr ("%-13s %5.1f s  %.90s\n", label, (g_get_monotonic_time () - started[c]) / 1e6, running[c]);
          running[c] = NULL;
          done++;
        }
      g_usleep (20000);
    }
}

/* ------------------------------------------------------------------------------------ */

static PGconn *
connect_db (const char *conninfo)
{
  PGconn *pg = PQconnectdb (conninfo);

  if (PQstatus (pg) != CONNECTION_OK)
    {
      g_printerr ("yb-bench-gen: %s", PQerrorMessage (pg));
      exit (1);
    }
  /* a bulk load: its own durability does not matter, the final checkpoint does */
  exec_clear (pg, "SET synchronous_commit = off");
  exec_clear (pg, "SET maintenance_work_mem = '512MB'");
  exec_clear (pg, "SET client_min_messages = warning");
  return pg;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- load the benchmark data set");
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *today_text = NULL;
  double scale = 1.0;
  gint64 seed_opt = 20261125;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_STRING, &conninfo, "libpq connection string", "CONNINFO" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "Fraction of 1M persons, 200k units, 2M cases (default 1)", "S" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed_opt, "Seed (default 20261125)", "N" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, "The day open cases count back from (default: today in China)", "YYYY-MM-DD" },
    { NULL }
  };
  PGconn *pgs[2];
  GDate today;
  Catalogue cat = { { NULL } };
  g_autofree CasePlan *plans = NULL;
  g_autoptr(GPtrArray) indexes = NULL;
  gint64 t0 = g_get_monotonic_time ();
  gint64 first_id;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || conninfo == NULL || scale <= 0 || scale > 10)
    {
      g_printerr ("yb-bench-gen: %s\n", error ? error->message : "--db is required; --scale must be in (0, 10]");
      return 2;
    }
  seed = (guint64) seed_opt;
  n_persons = MAX (50, (guint) (N_PERSONS * scale + 0.5));
  n_units = MAX (50, (guint) (N_UNITS * scale + 0.5));
  n_cases = MAX (50, (guint) (N_CASES * scale + 0.5));
  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    surname_total += surnames[i].w;

  if (today_text != NULL)
    {
      if (!yb_date_parse_iso (today_text, &today))
        {
          g_printerr ("yb-bench-gen: --today must be YYYY-MM-DD\n");
          return 2;
        }
    }
  else
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
      g_autoptr(GDateTime) now = g_date_time_new_now (tz);
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }

  pgs[0] = connect_db (conninfo);
  pgs[1] = connect_db (conninfo);
  {
    PGresult *res = exec (pgs[0], "SELECT EXISTS (SELECT 1 FROM persons), EXISTS (SELECT 1 FROM cases),"
                                  " EXISTS (SELECT 1 FROM units), EXISTS (SELECT 1 FROM holidays)");
    if (!g_str_equal (PQgetvalue (res, 0, 0), "f") || !g_str_equal (PQgetvalue (res, 0, 1), "f") ||
        !g_str_equal (PQgetvalue (res, 0, 2), "f"))
      {
        g_printerr ("yb-bench-gen: the database already has persons, units or cases; use a fresh one\n");
        return 1;
      }
    if (!g_str_equal (PQgetvalue (res, 0, 3), "t"))
      g_printerr ("yb-bench-gen: warning: no holidays imported; due dates will be provisional\n");
    PQclear (res);
  }

  g_printerr ("yb-bench-gen: seed %" G_GUINT64_FORMAT ", scale %g: %u persons, %u units, %u cases (claims: not in the schema yet)\n",
              seed, scale, n_persons, n_units, n_cases);
  load_catalogue (pgs[0], &cat);

  exec_clear (pgs[0], "BEGIN");
  exec_clear (pgs[0], "SET LOCAL session_replication_role = replica");
  create_staff (pgs[0], &cat);
  indexes = drop_indexes (pgs[0]);

  {
    Copy c;
    copy_begin (&c, pgs[0], "persons", "COPY persons (id, region_code, id_number, name, sex, birth_date, phone, address) FROM STDIN", n_persons);
    for (guint i = 0; i < n_persons; i++)
      {
        append_person_row (c.buf, i);
        copy_row (&c);
      }
    copy_end (&c);
    copy_begin (&c, pgs[0], "units", "COPY units (id, region_code, credit_code, name, address, legal_rep) FROM STDIN", n_units);
    for (guint j = 0; j < n_units; j++)
      {
        append_unit_row (c.buf, j);
        copy_row (&c);
      }
    copy_end (&c);
  }

  {
    PGresult *res = exec (pgs[0], "SELECT coalesce(max(id), 0) + 1 FROM cases");
    first_id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
    PQclear (res);
  }
  plans = plan_cases (&cat);
  copy_cases (pgs[0], &cat, plans, &today, first_id);
  exec_clear (pgs[0], "SELECT setval('persons_id_seq', (SELECT max(id) FROM persons)),"
                      "       setval('units_id_seq', (SELECT max(id) FROM units)),"
                      "       setval('cases_id_seq', (SELECT max(id) FROM cases))");
  exec_clear (pgs[0], "COMMIT");

  run_two_at_a_time (pgs, indexes, "index");
  {
    g_autoptr(GPtrArray) vacuums = g_ptr_array_new ();
    g_ptr_array_add (vacuums, (gpointer) "VACUUM (ANALYZE) cases");
    g_ptr_array_add (vacuums, (gpointer) "VACUUM (ANALYZE) persons");
    g_ptr_array_add (vacuums, (gpointer) "VACUUM (ANALYZE) case_history");
    g_ptr_array_add (vacuums, (gpointer) "VACUUM (ANALYZE) units");
    g_ptr_array_add (vacuums, (gpointer) "VACUUM (ANALYZE) case_deadlines");
    g_ptr_array_add (vacuums, (gpointer) "VACUUM (ANALYZE) users");
    g_ptr_array_add (vacuums, (gpointer) "VACUUM (ANALYZE) user_roles");
    run_two_at_a_time (pgs, vacuums, "vacuum");
  }
  exec_clear (pgs[0], "CHECKPOINT");
  g_printerr ("yb-bench-gen: loaded in %.0f s\n", (g_get_monotonic_time () - t0) / 1e6);

  for (int r = 0; r < 2; r++)
    {
      g_ptr_array_unref (cat.items[r]);
      g_array_unref (cat.staff[r]);
      g_ptr_array_unref (cat.staff_names[r]);
    }
  yb_calendar_unref (cat.calendar);
  PQfinish (pgs[0]);
  PQfinish (pgs[1]);
  return 0;
}
