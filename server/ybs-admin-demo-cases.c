/* ybs-admin-demo-cases.c: demo cases for `yibao-admin demo-load`, so the demo opens
 * with a work queue: cases of every item of both counties, some just submitted, some
 * accepted with their deadline counted on the real holiday calendar (started over the
 * last three weeks, so some are due soon and some overdue), some closed. Each has the
 * history rows that lead to its state. No documents are printed for them: they are demo
 * rows, not acts of the bureau. */
#define G_LOG_DOMAIN "yibao-admin"

#include <stdlib.h>
#include <string.h>

#include "yb-calendar.h"
#include "yb-procedure.h"
#include "ybs-admin.h"

typedef struct {
  char    region[7];
  char   *abbrev;
  YbItem *item;
  char   *department_id;
} DemoItem;

static void
demo_item_free (gpointer p)
{
  DemoItem *d = p;

  g_free (d->abbrev);
  g_clear_pointer (&d->item, yb_item_free);
  g_free (d->department_id);
  g_free (d);
}

static YbCalendar *
load_calendar (PGconn *pg)
{
  PGresult *days = ybs_admin_exec (pg, "SELECT to_char(day, 'YYYY-MM-DD'), off_day, name FROM holidays", 0, NULL);
  PGresult *years = ybs_admin_exec (pg, "SELECT year FROM holiday_years", 0, NULL);
  YbCalendar *calendar = yb_calendar_new ();

  for (int i = 0; days && i < PQntuples (days); i++)
    {
      GDate d;
      if (yb_date_parse_iso (PQgetvalue (days, i, 0), &d))
        yb_calendar_set_day (calendar, &d, g_str_equal (PQgetvalue (days, i, 1), "t"), PQgetvalue (days, i, 2));
    }
  for (int i = 0; years && i < PQntuples (years); i++)
    yb_calendar_set_covered_year (calendar, atoi (PQgetvalue (years, i, 0)));
  PQclear (days);
  PQclear (years);
  return calendar;
}

static GPtrArray *
load_items (PGconn *pg)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (demo_item_free);
  PGresult *res = ybs_admin_exec (pg, "SELECT i.region_code, coalesce(r.abbrev, left(r.name, 1)), i.definition::text,"
                                      "       i.department_id FROM items i JOIN regions r ON r.code = i.region_code"
                                      " ORDER BY i.region_code, i.sort_key", 0, NULL);

  for (int i = 0; res && i < PQntuples (res); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      DemoItem *d;
      YbItem *item;

      if (!json_parser_load_from_data (parser, PQgetvalue (res, i, 2), -1, NULL) ||
          (item = yb_item_from_json (json_parser_get_root (parser), NULL)) == NULL)
        continue;
      if (item->procedure == NULL)
        {
          yb_item_free (item);
          continue;
        }
      d = g_new0 (DemoItem, 1);
      g_strlcpy (d->region, PQgetvalue (res, i, 0), sizeof d->region);
      d->abbrev = g_strdup (PQgetvalue (res, i, 1));
      d->item = item;
      d->department_id = g_strdup (PQgetvalue (res, i, 3));
      g_ptr_array_add (items, d);
    }
  PQclear (res);
  return items;
}

/* The first action out of @from whose target satisfies @want_closed, preferring @id. */
static const YbAction *
find_action (YbProcedure *procedure,
             const char  *from,
             const char  *preferred,
             gboolean     want_closed)
{
  GPtrArray *actions = yb_procedure_get_actions (procedure);
  const YbAction *found = NULL;

  for (guint i = 0; i < actions->len; i++)
    {
      const YbAction *a = g_ptr_array_index (actions, i);
      const YbState *to = yb_procedure_get_state (procedure, a->to);

      if (!g_strv_contains ((const char * const *) a->from, from) || to == NULL ||
          (to->kind == YB_STATE_CLOSED) != want_closed)
        continue;
      if (preferred != NULL && g_str_equal (a->id, preferred))
        return a;
      if (found == NULL && (want_closed || a->materials == YB_MATERIALS_COMPLETE))
        found = a;
    }
  return found;
}

static gboolean
is_unit_item (const YbItem *item)
{
  /* penalties, compulsion, inspections and the unit/institution services */
  static const char * const unit_items[] = { "5-1", "5-4", "6-2", "6-7", "6-9", "6-10", NULL };

  return item->category[0] == '1' || item->category[0] == '2' || item->category[0] == '4' ||
         g_strv_contains (unit_items, item->code);
}

/* A random row of @rows (region in column 0) of @region, if there is one soon. */
static int
pick_in_region (GRand      *rand,
                PGresult   *rows,
                const char *region)
{
  int row = g_rand_int_range (rand, 0, PQntuples (rows));

  for (int tries = 0; tries < 100 && !g_str_equal (PQgetvalue (rows, row, 0), region); tries++)
    row = g_rand_int_range (rand, 0, PQntuples (rows));
  return row;
}

static PGresult *
exec_params (PGconn      *pg,
             const char  *sql,
             int          n,
             const char **params)
{
  return ybs_admin_exec (pg, sql, n, params);
}

gboolean
ybs_admin_demo_cases (PGconn *pg,
                      GRand  *rand,
                      guint   count)
{
  g_autoptr(GPtrArray) items = load_items (pg);
  g_autoptr(YbCalendar) calendar = load_calendar (pg);
  g_autoptr(GHashTable) counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PGresult *persons = ybs_admin_exec (pg, "SELECT region_code, name, id_number, phone FROM persons ORDER BY id", 0, NULL);
  PGresult *units = ybs_admin_exec (pg, "SELECT region_code, name, credit_code FROM units ORDER BY id", 0, NULL);
  PGresult *clerks = ybs_admin_exec (pg, "SELECT u.id, u.region_code, u.display_name FROM users u"
                                         " JOIN user_roles r ON r.user_id = u.id AND r.role_code = 'clerk' ORDER BY u.id", 0, NULL);
  gboolean ok = persons && units && clerks && items->len > 0 && PQntuples (clerks) > 0 && PQntuples (persons) > 0;
  GDate today;
  guint made = 0;

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_date_clear (&today, 1);
    g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                    (GDateYear) g_date_time_get_year (now));
  }

  for (guint i = 0; ok && i < count; i++)
    {
      DemoItem *d = g_ptr_array_index (items, (guint) g_rand_int_range (rand, 0, (gint32) items->len));
      YbItem *item = d->item;
      YbProcedure *procedure = item->procedure;
      const char *initial = yb_procedure_get_initial (procedure);
      const YbAction *accept = find_action (procedure, initial, "accept", FALSE);
      const YbAction *close = NULL;
      const char *state = initial, *set = NULL;
      int stage = g_rand_int_range (rand, 0, 100);
      int clerk_row, party_row, n;
      GDate started;
      g_autofree char *started_iso = NULL, *case_no = NULL, *due_iso = NULL, *seq_key = NULL;
      const char *kind, *party_kind, *party_name, *party_id, *party_phone = NULL;
      PGresult *res;
      char case_id[32];

      /* the clerk and the party come from the case's own county */
      do
        clerk_row = g_rand_int_range (rand, 0, PQntuples (clerks));
      while (!g_str_equal (PQgetvalue (clerks, clerk_row, 1), d->region) && PQntuples (clerks) > 1 &&
             g_rand_int_range (rand, 0, 50) != 0);
      if (is_unit_item (item) && PQntuples (units) > 0)
        {
          party_row = pick_in_region (rand, units, d->region);
          party_kind = "unit";
          party_name = PQgetvalue (units, party_row, 1);
          party_id = PQgetvalue (units, party_row, 2);
        }
      else
        {
          party_row = pick_in_region (rand, persons, d->region);
          party_kind = "person";
          party_name = PQgetvalue (persons, party_row, 1);
          party_id = PQgetvalue (persons, party_row, 2);
          party_phone = PQgetvalue (persons, party_row, 3);
        }
      if (item->material_sets->len > 0)
        set = ((YbMaterialSet *) g_ptr_array_index (item->material_sets, (guint) g_rand_int_range (rand, 0, (gint32) item->material_sets->len)))->id;

      g_date_clear (&started, 1);
      g_date_set_julian (&started, g_date_get_julian (&today));
      g_date_subtract_days (&started, (guint) g_rand_int_range (rand, 0, 21));
      started_iso = yb_date_to_iso (&started);

      if (accept != NULL && stage >= 35)
        {
          state = accept->to;
          if (stage >= 80)
            {
              close = find_action (procedure, accept->to, NULL, TRUE);
              if (close != NULL)
                state = close->to;
            }
        }
      kind = yb_state_kind_to_string (yb_procedure_get_state (procedure, state)->kind);

      seq_key = g_strdup_printf ("%s/%u", d->region, g_date_get_year (&started));
      n = GPOINTER_TO_INT (g_hash_table_lookup (counters, seq_key)) + 1;
      g_hash_table_insert (counters, g_strdup (seq_key), GINT_TO_POINTER (n));
      case_no = g_strdup_printf ("%s%u-%06d", d->abbrev, g_date_get_year (&started), n);

      if (accept != NULL && close == NULL && state != initial && accept->starts_deadline != NULL)
        {
          const YbTimeLimit *limit = yb_item_time_limit_for_set (item, set);
          GDate due;
          if (yb_calendar_due_date (calendar, limit, &started, &due, NULL))
            due_iso = yb_date_to_iso (&due);
        }

      {
        const char *params[] = { d->region, item->code, case_no, state, kind, party_kind, party_name, party_id,
                                 party_phone, d->department_id, PQgetvalue (clerks, clerk_row, 0), started_iso, set, due_iso };
        res = exec_params (pg,
          "INSERT INTO cases (region_code, item_code, case_no, state, state_kind, party_kind, party_name,"
          "                   party_id_number, party_phone, department_id, assignee_id, created_by, started_on,"
          "                   material_set, due_on, created_at, closed_at, version)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::bigint, $11::bigint, $11::bigint, $12::date, $13, $14::date,"
          "         $12::date + time '09:00' + make_interval(mins => (random() * 420)::int),"
          "         CASE WHEN $5 = 'closed' THEN now() END, 1)"
          " RETURNING id", G_N_ELEMENTS (params), params);
      }
      if (res == NULL)
        {
          ok = FALSE;
          break;
        }
      g_strlcpy (case_id, PQgetvalue (res, 0, 0), sizeof case_id);
      PQclear (res);

      {
        const char *steps[3][3] = { { "create", NULL, initial },
                                    { accept ? accept->id : NULL, initial, accept ? accept->to : NULL },
                                    { close ? close->id : NULL, accept ? accept->to : NULL, close ? close->to : NULL } };
        int n_steps = state == initial ? 1 : close ? 3 : 2;

        for (int s = 0; ok && s < n_steps; s++)
          {
            g_autofree char *seq = g_strdup_printf ("%d", s + 1);
            const char *params[] = { case_id, seq, steps[s][0], steps[s][1], steps[s][2],
                                     PQgetvalue (clerks, clerk_row, 0), PQgetvalue (clerks, clerk_row, 2), started_iso };
            res = exec_params (pg,
              "INSERT INTO case_history (case_id, seq, action, from_state, to_state, actor_id, actor_name, at, input)"
              " VALUES ($1::bigint, $2::int, $3, $4, $5, $6::bigint, $7, $8::date + time '10:00' + make_interval(hours => $2::int),"
              "         '{\"demo\": true}')", G_N_ELEMENTS (params), params);
            ok = res != NULL;
            PQclear (res);
          }
      }
      if (ok && due_iso != NULL)
        {
          const char *params[] = { case_id, accept->starts_deadline, started_iso, due_iso };
          res = exec_params (pg, "INSERT INTO case_deadlines (case_id, deadline_id, name, started_on, due_on)"
                                 " VALUES ($1::bigint, $2, '办理时限', $3::date, $4::date)", 4, params);
          ok = res != NULL;
          PQclear (res);
        }
      made += ok;
    }

  /* the case number counters continue where the demo left off */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, counters);
    while (ok && g_hash_table_iter_next (&iter, &key, &value))
      {
        g_auto(GStrv) parts = g_strsplit (key, "/", 2);
        g_autofree char *last = g_strdup_printf ("%d", GPOINTER_TO_INT (value));
        const char *params[] = { parts[0], parts[1], last };
        PGresult *res = exec_params (pg, "INSERT INTO case_counters (region_code, year, last_no) VALUES ($1, $2::int, $3::int)"
                                         " ON CONFLICT (region_code, year) DO UPDATE SET last_no = greatest(case_counters.last_no, $3::int)",
                                     3, params);
        ok = res != NULL;
        PQclear (res);
      }
  }
  PQclear (persons);
  PQclear (units);
  PQclear (clerks);
  if (ok)
    g_print ("demo cases: %u\n", made);
  return ok;
}
