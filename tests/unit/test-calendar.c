/* test-calendar.c: the working-day calendar against the official 2024–2026 notices
 * (schema/holidays/, the copy the project ships of the shared data/holidays/). Every expected date below
 * was counted by hand on a wall calendar, day by day; the comments show the count. */
#define G_LOG_DOMAIN "yibao-test"

#include "yb-calendar.h"

#include <locale.h>
#include <string.h>

/* ------------------------------------------------------------------------- helpers */

/* Fixtures are written with ' for " so that they read as JSON inside C strings. */
static char *
fixture (const char *text)
{
  char *json = g_strdup (text);

  for (char *p = json; *p != '\0'; p++)
    if (*p == '\'')
      *p = '"';
  return json;
}

static GDate
date (const char *iso)
{
  GDate d;

  g_date_clear (&d, 1);
  if (!yb_date_parse_iso (iso, &d))
    g_error ("bad date in the test itself: %s", iso);
  return d;
}

static void
assert_date (const GDate *got,
             const char  *expected)
{
  g_autofree char *text = NULL;

  g_assert_true (g_date_valid (got));
  text = yb_date_to_iso (got);
  g_assert_cmpstr (text, ==, expected);
}

static char *
holidays_path (const char *name)
{
  const char *dir = g_getenv ("YB_HOLIDAYS_DIR");

  if (dir == NULL)
    return g_test_build_filename (G_TEST_DIST, "..", "data", "holidays", name, NULL);
  return g_build_filename (dir, name, NULL);
}

static void
load_year (YbCalendar *calendar,
           int         year)
{
  g_autofree char *name = g_strdup_printf ("%d.json", year);
  g_autofree char *path = holidays_path (name);
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbProblems) problems = yb_problems_new ();

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_true (yb_calendar_load_json (calendar, data, (gssize) length, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (yb_problems_get_len (problems), ==, 0);
  g_assert_true (yb_calendar_covers (calendar, year));
}

/* The calendar with the official 2024, 2025 and 2026 notices, as the server has it. */
static YbCalendar *
official_calendar (void)
{
  YbCalendar *calendar = yb_calendar_new ();

  load_year (calendar, 2024);
  load_year (calendar, 2025);
  load_year (calendar, 2026);
  return calendar;
}

static gboolean
load_fixture (YbCalendar  *calendar,
              const char  *json_fixture,
              YbProblems  *problems,
              GError     **error)
{
  g_autofree char *json = fixture (json_fixture);

  return yb_calendar_load_json (calendar, json, -1, problems, error);
}

/* Everything a calendar holds, as text, to show that a refused file changed nothing. */
static char *
calendar_state (const YbCalendar *calendar)
{
  g_autoptr(GArray) days = yb_calendar_list_days (calendar);
  g_autoptr(GArray) years = yb_calendar_list_covered_years (calendar);
  GString *text = g_string_new ("years");

  for (guint i = 0; i < years->len; i++)
    g_string_append_printf (text, " %d", g_array_index (years, int, i));
  for (guint i = 0; i < days->len; i++)
    {
      const YbCalendarDay *day = &g_array_index (days, YbCalendarDay, i);
      g_autofree char *iso = yb_date_to_iso (&day->date);

      g_string_append_printf (text, "\n%s %s %s", iso, day->off_day ? "off" : "work",
                              day->name != NULL ? day->name : "-");
    }
  return g_string_free (text, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "code@field" for every problem, sorted, one a line. */
static char *
problems_summary (const YbProblems *problems)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < yb_problems_get_len (problems); i++)
    {
      const YbProblem *problem = yb_problems_get (problems, i);

      g_test_message ("%s [%s] %s", problem->field != NULL ? problem->field : "-",
                      problem->code, problem->message);
      g_assert_nonnull (problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      g_ptr_array_add (lines, g_strdup_printf ("%s@%s", problem->code,
                                               problem->field != NULL ? problem->field : "-"));
    }
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* ------------------------------------------------------------------------- ISO dates */

static void
test_date_iso (void)
{
  static const char * const valid[] = {
    "2026-02-28", "2024-02-29", "2000-02-29", "2026-12-31", "0001-01-01", "9999-12-31",
  };
  static const char * const invalid[] = {
    "2026-2-3", "2026-02-3", "2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01",
    "2026-00-10", "2026-01-00", "2026-04-31", "0000-01-01", " 2026-02-28", "2026-02-28 ",
    "2026/02/28", "20260228", "2026-02-28T00:00", "+026-02-28", "2026-0a-28", "",
    "２０２６-02-28", "26-02-28", "12026-02-28",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      GDate d;
      g_autofree char *back = NULL;

      g_test_message ("valid “%s”", valid[i]);
      g_date_clear (&d, 1);
      g_assert_true (yb_date_parse_iso (valid[i], &d));
      back = yb_date_to_iso (&d);
      g_assert_cmpstr (back, ==, valid[i]);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      GDate d = date ("2020-05-05");

      g_test_message ("invalid “%s”", invalid[i]);
      g_assert_false (yb_date_parse_iso (invalid[i], &d));
      assert_date (&d, "2020-05-05"); /* untouched */
    }
  g_assert_false (yb_date_parse_iso (NULL, NULL));
  g_assert_true (yb_date_parse_iso ("2026-10-01", NULL));

  {
    GDate d = date ("2026-10-01");

    g_assert_cmpint (g_date_get_weekday (&d), ==, G_DATE_THURSDAY);
  }
}

/* ------------------------------------------------------------------------- the data */

static void
test_official_files (void)
{
  g_autoptr(YbCalendar) calendar = official_calendar ();
  g_autoptr(GArray) days = yb_calendar_list_days (calendar);
  g_autoptr(GArray) years = yb_calendar_list_covered_years (calendar);

  /* 36 + 33 + 39 entries, no date in two files. */
  g_assert_cmpuint (days->len, ==, 108);
  for (guint i = 1; i < days->len; i++)
    g_assert_cmpint (g_date_compare (&g_array_index (days, YbCalendarDay, i - 1).date,
                                     &g_array_index (days, YbCalendarDay, i).date), <, 0);

  g_assert_cmpuint (years->len, ==, 3);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2024);
  g_assert_cmpint (g_array_index (years, int, 1), ==, 2025);
  g_assert_cmpint (g_array_index (years, int, 2), ==, 2026);
  g_assert_false (yb_calendar_covers (calendar, 2023));
  g_assert_false (yb_calendar_covers (calendar, 2027));

  /* Loading a year again changes nothing: same days, same meaning. */
  {
    g_autofree char *before = calendar_state (calendar);
    g_autofree char *after = NULL;

    load_year (calendar, 2026);
    after = calendar_state (calendar);
    g_assert_cmpstr (after, ==, before);
  }
}

/* The repository's copy is what the tests read; it must be the shared data, byte for
 * byte, wherever that is checked out next to the repository. */
static void
test_copy_matches_shared (void)
{
  const char *shared = g_getenv ("YB_SHARED_HOLIDAYS_DIR");

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the shared data/holidays folder is not next to the repository");
      return;
    }
  for (int year = 2024; year <= 2026; year++)
    {
      g_autofree char *name = g_strdup_printf ("%d.json", year);
      g_autofree char *ours_path = holidays_path (name);
      g_autofree char *shared_path = g_build_filename (shared, name, NULL);
      g_autofree char *ours = NULL;
      g_autofree char *theirs = NULL;
      gsize ours_length = 0;
      gsize theirs_length = 0;

      g_test_message ("%s", name);
      g_assert_true (g_file_get_contents (ours_path, &ours, &ours_length, NULL));
      g_assert_true (g_file_get_contents (shared_path, &theirs, &theirs_length, NULL));
      g_assert_cmpmem (ours, ours_length, theirs, theirs_length);
    }
}

/* ------------------------------------------------------------------------- working days */

static void
test_is_working_day (void)
{
  static const struct {
    const char *date;
    gboolean    working;
    const char *name;
  } cases[] = {
    /* 2024 */
    { "2024-02-04", TRUE, "春节" },            /* Sunday, make-up */
    { "2024-02-10", FALSE, "春节" },
    { "2024-10-07", FALSE, "国庆节" },          /* Monday */
    { "2024-10-12", TRUE, "国庆节" },           /* Saturday, make-up */
    /* 2025 */
    { "2025-01-26", TRUE, "春节" },            /* Sunday, make-up */
    { "2025-02-04", FALSE, "春节" },           /* Tuesday */
    { "2025-02-08", TRUE, "春节" },            /* Saturday, make-up */
    { "2025-09-27", FALSE, NULL },             /* ordinary Saturday */
    { "2025-09-28", TRUE, "国庆节、中秋节" },   /* Sunday, make-up */
    { "2025-10-01", FALSE, "国庆节、中秋节" },
    { "2025-10-06", FALSE, "国庆节、中秋节" },   /* Monday */
    { "2025-10-08", FALSE, "国庆节、中秋节" },   /* Wednesday, the eighth day off */
    { "2025-10-09", TRUE, NULL },              /* Thursday */
    { "2025-10-11", TRUE, "国庆节、中秋节" },   /* Saturday, make-up */
    { "2025-10-12", FALSE, NULL },             /* Sunday */
    /* 2026 */
    { "2026-01-01", FALSE, "元旦" },
    { "2026-01-02", FALSE, "元旦" },           /* Friday */
    { "2026-01-04", TRUE, "元旦" },            /* Sunday, make-up */
    { "2026-01-05", TRUE, NULL },
    { "2026-02-14", TRUE, "春节" },            /* Saturday, make-up */
    { "2026-02-15", FALSE, "春节" },
    { "2026-02-23", FALSE, "春节" },           /* Monday, the ninth day off */
    { "2026-02-24", TRUE, NULL },
    { "2026-02-28", TRUE, "春节" },            /* Saturday, make-up */
    { "2026-03-01", FALSE, NULL },             /* ordinary Sunday */
    { "2026-03-04", TRUE, NULL },              /* ordinary Wednesday */
    { "2026-04-06", FALSE, "清明节" },          /* Monday */
    { "2026-05-05", FALSE, "劳动节" },          /* Tuesday */
    { "2026-05-09", TRUE, "劳动节" },           /* Saturday, make-up */
    { "2026-06-19", FALSE, "端午节" },          /* Friday */
    { "2026-09-20", TRUE, "国庆节" },           /* Sunday, make-up */
    { "2026-09-25", FALSE, "中秋节" },          /* Friday */
    { "2026-10-07", FALSE, "国庆节" },          /* Wednesday */
    { "2026-10-08", TRUE, NULL },              /* Thursday */
    { "2026-10-10", TRUE, "国庆节" },           /* Saturday, make-up */
    { "2026-10-11", FALSE, NULL },             /* Sunday */
    { "2026-10-12", TRUE, NULL },
  };
  g_autoptr(YbCalendar) calendar = official_calendar ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate d = date (cases[i].date);

      g_test_message ("%s", cases[i].date);
      g_assert_cmpint (yb_calendar_is_working_day (calendar, &d), ==, cases[i].working);
      g_assert_cmpstr (yb_calendar_day_name (calendar, &d), ==, cases[i].name);
    }
}

static void
test_add_working_days (void)
{
  static const struct {
    const char *start;
    guint       n;
    const char *expected;
  } cases[] = {
    /* 2025 National Day: 10-01..08 off, Sun 09-28 and Sat 10-11 working. */
    { "2025-09-30", 1, "2025-10-09" },
    { "2025-09-30", 5, "2025-10-14" },  /* 10-09, 10, 11 (Sat), 13, 14 */
    { "2025-09-26", 1, "2025-09-28" },  /* Sat 27 off, Sun 28 make-up */
    { "2025-09-26", 2, "2025-09-29" },
    { "2025-09-26", 15, "2025-10-23" }, /* 28, 29, 30, 10-09, 10, 11, 13–17, 20–23 */
    { "2025-10-10", 1, "2025-10-11" },  /* Fri → make-up Sat */
    { "2025-10-11", 1, "2025-10-13" },
    /* 2025 Spring Festival: 01-28..02-04 off, Sun 01-26 and Sat 02-08 working. */
    { "2025-01-24", 1, "2025-01-26" },
    { "2025-01-24", 2, "2025-01-27" },
    { "2025-01-24", 3, "2025-02-05" },
    { "2025-01-24", 6, "2025-02-08" },  /* 26, 27, 02-05, 06, 07, 08 (Sat) */
    /* 2024 National Day: 10-01..07 off, Sun 09-29 and Sat 10-12 working. */
    { "2024-09-27", 1, "2024-09-29" },
    { "2024-09-30", 1, "2024-10-08" },
    /* 元旦 2026 across the year end: 01-01..03 off, Sun 01-04 working. */
    { "2025-12-30", 1, "2025-12-31" },
    { "2025-12-31", 1, "2026-01-04" },
    { "2025-12-31", 2, "2026-01-05" },
    /* 2026 Spring Festival: 02-15..23 off, Sat 02-14 and Sat 02-28 working. */
    { "2026-02-12", 1, "2026-02-13" },
    { "2026-02-12", 2, "2026-02-14" },
    { "2026-02-12", 3, "2026-02-24" },
    { "2026-02-12", 5, "2026-02-26" },
    { "2026-02-12", 7, "2026-02-28" },  /* 13, 14, 24, 25, 26, 27, 28 (Sat) */
    { "2026-02-12", 10, "2026-03-04" }, /* … 28, 03-02, 03, 04 */
    /* 2026 清明 04-04..06, 劳动节 05-01..05 with Sat 05-09, 端午 06-19..21. */
    { "2026-04-03", 1, "2026-04-07" },
    { "2026-04-30", 3, "2026-05-08" },  /* 05-06, 07, 08 */
    { "2026-04-30", 4, "2026-05-09" },
    { "2026-04-30", 5, "2026-05-11" },
    { "2026-06-18", 1, "2026-06-22" },
    /* 2026 中秋 09-25..27, National Day 10-01..07, Sun 09-20 and Sat 10-10 working. */
    { "2026-09-18", 1, "2026-09-20" },
    { "2026-09-18", 5, "2026-09-24" },  /* 20 (Sun), 21, 22, 23, 24 */
    { "2026-09-24", 1, "2026-09-28" },
    { "2026-09-30", 1, "2026-10-08" },
    { "2026-09-30", 3, "2026-10-10" },
    { "2026-09-30", 4, "2026-10-12" },
    /* n == 0: the day itself when it is a working day, else the next one. */
    { "2026-10-03", 0, "2026-10-08" },
    { "2026-10-10", 0, "2026-10-10" },
    { "2026-10-11", 0, "2026-10-12" },
    { "2026-10-12", 0, "2026-10-12" },
    { "2026-02-14", 0, "2026-02-14" },
    { "2025-09-27", 0, "2025-09-28" },
  };
  g_autoptr(YbCalendar) calendar = official_calendar ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate start = date (cases[i].start);
      GDate out;
      gboolean provisional = TRUE;

      g_test_message ("%s + %u working days", cases[i].start, cases[i].n);
      yb_calendar_add_working_days (calendar, &start, cases[i].n, &out, &provisional);
      assert_date (&out, cases[i].expected);
      g_assert_false (provisional);
      /* The same count read back. */
      if (cases[i].n > 0)
        g_assert_cmpint (yb_calendar_working_days_between (calendar, &start, &out), ==,
                         (int) cases[i].n);
    }
}

/* The acceptance check: a deadline across the National Day holiday lands on the
 * right date. From late September 2026 (中秋 09-25..27, National Day 10-01..07, make-up
 * Sun 09-20 and Sat 10-10): */
static void
test_acceptance_national_day (void)
{
  static const struct {
    const char *start;
    int         days;
    const char *expected;
  } cases[] = {
    /* Mon 09-28: 29, 30, 10-08, 09, 10 (Sat), 12–16, 19–23 → Fri 10-23 */
    { "2026-09-28", 15, "2026-10-23" },
    /* … 26–30, 11-02..06, 09–13 → Fri 11-13 */
    { "2026-09-28", 30, "2026-11-13" },
    /* Thu 09-24: 中秋 first: 28, 29, 30, 10-08, 09, 10, 12–16, 19–22 → Thu 10-22 */
    { "2026-09-24", 15, "2026-10-22" },
    { "2026-09-24", 30, "2026-11-12" },
    /* Tue 09-29: 30, 10-08, 09, 10, 12–16, 19–23, 26 → Mon 10-26 */
    { "2026-09-29", 15, "2026-10-26" },
    { "2026-09-29", 30, "2026-11-16" },
    /* Wed 09-30: 10-08, 09, 10, 12–16, 19–23, 26, 27 → Tue 10-27 */
    { "2026-09-30", 15, "2026-10-27" },
    { "2026-09-30", 30, "2026-11-17" },
  };
  g_autoptr(YbCalendar) calendar = official_calendar ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      YbTimeLimit limit = { YB_TIME_LIMIT_WORKING_DAYS, cases[i].days, NULL };
      GDate start = date (cases[i].start);
      GDate out;
      gboolean provisional = TRUE;

      g_test_message ("%s + %d working days", cases[i].start, cases[i].days);
      g_assert_true (yb_calendar_due_date (calendar, &limit, &start, &out, &provisional));
      assert_date (&out, cases[i].expected);
      g_assert_false (provisional);
    }
}

static void
test_add_calendar_days (void)
{
  static const struct {
    const char *start;
    guint       n;
    const char *expected;
  } cases[] = {
    { "2026-09-24", 7, "2026-10-08" },  /* 10-01 is a holiday until 10-07 */
    { "2026-10-03", 7, "2026-10-10" },  /* a make-up Saturday stays */
    { "2026-09-04", 15, "2026-09-20" }, /* ordinary Sat 09-19 → make-up Sun 09-20 */
    { "2026-03-02", 10, "2026-03-12" }, /* a working Thursday stays */
    { "2026-10-01", 30, "2026-11-02" }, /* Sat 10-31 → Mon */
    { "2026-10-03", 0, "2026-10-08" },
    { "2026-02-08", 7, "2026-02-24" },  /* 02-15 → after the ninth day off */
    { "2026-01-25", 20, "2026-02-14" }, /* make-up Saturday stays */
    { "2026-07-03", 90, "2026-10-08" }, /* penalty decision: 90 days → 10-01 */
    { "2025-09-16", 15, "2025-10-09" },
    { "2025-12-25", 7, "2026-01-04" },  /* 01-01 → Sun 01-04 make-up */
  };
  g_autoptr(YbCalendar) calendar = official_calendar ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate start = date (cases[i].start);
      GDate out;
      gboolean provisional = TRUE;

      g_test_message ("%s + %u calendar days", cases[i].start, cases[i].n);
      yb_calendar_add_calendar_days (calendar, &start, cases[i].n, &out, &provisional);
      assert_date (&out, cases[i].expected);
      g_assert_false (provisional);
    }
}

/* ------------------------------------------------------------------------- years not covered */

static void
test_uncovered_year (void)
{
  static const struct {
    gboolean    calendar_days;
    const char *start;
    guint       n;
    const char *expected;
    gboolean    provisional;
  } cases[] = {
    /* 2027 by weekends only: Thu 09-30 → Fri 10-01, Mon 04 … Thu 07 */
    { FALSE, "2027-09-30", 5, "2027-10-07", TRUE },
    /* Only the days looked at count: 12-30 (start), 31 in 2026; 01-01 in 2027. */
    { FALSE, "2026-12-29", 2, "2026-12-31", FALSE },
    { FALSE, "2026-12-31", 0, "2026-12-31", FALSE },
    { FALSE, "2026-12-31", 1, "2027-01-01", TRUE },
    { FALSE, "2026-12-30", 3, "2027-01-04", TRUE },  /* 12-31, 01-01 (Fri), 01-04 */
    { TRUE, "2026-12-25", 7, "2027-01-01", TRUE },
    { TRUE, "2026-12-20", 5, "2026-12-25", FALSE },
    /* 2024 is not loaded here: its National Day counts as plain weekdays. */
    { FALSE, "2024-09-30", 1, "2024-10-01", TRUE },
  };
  g_autoptr(YbCalendar) calendar = yb_calendar_new ();

  load_year (calendar, 2025);
  load_year (calendar, 2026);
  g_assert_false (yb_calendar_covers (calendar, 2027));
  g_assert_false (yb_calendar_covers (calendar, 2024));

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate start = date (cases[i].start);
      GDate out;
      gboolean provisional = !cases[i].provisional;

      g_test_message ("%s + %u %s days", cases[i].start, cases[i].n,
                      cases[i].calendar_days ? "calendar" : "working");
      if (cases[i].calendar_days)
        yb_calendar_add_calendar_days (calendar, &start, cases[i].n, &out, &provisional);
      else
        yb_calendar_add_working_days (calendar, &start, cases[i].n, &out, &provisional);
      assert_date (&out, cases[i].expected);
      g_assert_cmpint (provisional, ==, cases[i].provisional);
    }
}

/* Before the year is imported the answer is the weekend-only one and says so; after, the
 * same question gets the real answer, no longer provisional. */
static void
test_recompute_after_import (void)
{
  g_autoptr(YbCalendar) before = yb_calendar_new ();
  g_autoptr(YbCalendar) after = yb_calendar_new ();
  g_autoptr(YbCalendar) server = official_calendar ();
  GDate start = date ("2026-09-30");
  GDate out;
  gboolean provisional = FALSE;

  /* Thu 10-01, Fri 02, Mon 05, Tue 06, Wed 07 as if they were working days. */
  yb_calendar_add_working_days (before, &start, 5, &out, &provisional);
  assert_date (&out, "2026-10-07");
  g_assert_true (provisional);
  yb_calendar_add_working_days (before, &start, 5, &out, NULL);
  assert_date (&out, "2026-10-07");

  load_year (after, 2026);
  yb_calendar_add_working_days (after, &start, 5, &out, &provisional);
  assert_date (&out, "2026-10-13");  /* 10-08, 09, 10 (Sat), 12, 13 */
  g_assert_false (provisional);

  /* The server's way: the 2027 元旦 (Fri 01-01) arrives through set_day. */
  start = date ("2026-12-30");
  yb_calendar_add_working_days (server, &start, 3, &out, &provisional);
  assert_date (&out, "2027-01-04");
  g_assert_true (provisional);
  {
    GDate new_year = date ("2027-01-01");

    yb_calendar_set_day (server, &new_year, TRUE, "元旦");
    yb_calendar_set_covered_year (server, 2027);
    g_assert_true (yb_calendar_covers (server, 2027));
    g_assert_cmpstr (yb_calendar_day_name (server, &new_year), ==, "元旦");
  }
  yb_calendar_add_working_days (server, &start, 3, &out, &provisional);
  assert_date (&out, "2027-01-05");  /* 12-31, 01-04, 01-05 */
  g_assert_false (provisional);
}

/* ------------------------------------------------------------------------- between, status */

static void
test_working_days_between (void)
{
  static const struct {
    const char *from;
    const char *to;
    int         expected;
  } cases[] = {
    { "2026-09-30", "2026-10-08", 1 },
    { "2026-09-28", "2026-10-23", 15 },
    { "2026-09-28", "2026-11-13", 30 },
    { "2026-10-01", "2026-10-07", 0 },   /* all holiday */
    { "2026-10-09", "2026-10-12", 2 },   /* Sat 10-10 make-up and Mon 10-12 */
    { "2026-10-13", "2026-10-13", 0 },
    { "2026-02-13", "2026-02-24", 2 },   /* Sat 02-14, Tue 02-24 */
    { "2025-12-31", "2026-01-05", 2 },   /* Sun 01-04, Mon 01-05 */
    { "2025-09-30", "2025-10-14", 5 },
    { "2026-03-06", "2026-03-09", 1 },   /* Fri → Mon */
    { "2026-03-07", "2026-03-08", 0 },   /* Sat → Sun */
  };
  g_autoptr(YbCalendar) calendar = official_calendar ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate from = date (cases[i].from);
      GDate to = date (cases[i].to);

      g_test_message ("%s → %s", cases[i].from, cases[i].to);
      g_assert_cmpint (yb_calendar_working_days_between (calendar, &from, &to), ==,
                       cases[i].expected);
      g_assert_cmpint (yb_calendar_working_days_between (calendar, &to, &from), ==,
                       -cases[i].expected);
    }
}

static void
test_due_status (void)
{
  static const struct {
    const char  *today;
    const char  *due;
    guint        soon;
    YbDueStatus  status;
    int          left;
  } cases[] = {
    /* Due Tue 2026-10-13; working days after 09-30: 10-08, 09, 10 (Sat), 12, 13. */
    { "2026-09-30", "2026-10-13", 3, YB_DUE_ON_TIME, 5 },
    { "2026-10-03", "2026-10-13", 3, YB_DUE_ON_TIME, 5 },   /* on a holiday */
    { "2026-10-08", "2026-10-13", 3, YB_DUE_ON_TIME, 4 },
    { "2026-10-09", "2026-10-13", 3, YB_DUE_SOON, 3 },
    { "2026-10-10", "2026-10-13", 3, YB_DUE_SOON, 2 },
    { "2026-10-12", "2026-10-13", 3, YB_DUE_SOON, 1 },
    { "2026-10-12", "2026-10-13", 0, YB_DUE_ON_TIME, 1 },
    { "2026-10-13", "2026-10-13", 3, YB_DUE_TODAY, 0 },
    { "2026-10-14", "2026-10-13", 3, YB_DUE_OVERDUE, -1 },
    { "2026-10-19", "2026-10-13", 3, YB_DUE_OVERDUE, -4 },  /* 14, 15, 16, 19 */
    /* Four calendar days over 中秋 are one working day. */
    { "2026-09-24", "2026-09-28", 3, YB_DUE_SOON, 1 },
    { "2026-09-24", "2026-09-28", 0, YB_DUE_ON_TIME, 1 },
    /* Due Fri 10-09: by Sunday the make-up Saturday was lost. */
    { "2026-10-11", "2026-10-09", 3, YB_DUE_OVERDUE, -1 },
    /* Due Fri 10-16: on the Saturday no working day is lost yet, but it is overdue. */
    { "2026-10-17", "2026-10-16", 3, YB_DUE_OVERDUE, 0 },
  };
  g_autoptr(YbCalendar) calendar = official_calendar ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate today = date (cases[i].today);
      GDate due = date (cases[i].due);
      int left = 4242;

      g_test_message ("today %s, due %s, soon %u", cases[i].today, cases[i].due, cases[i].soon);
      g_assert_cmpint (yb_calendar_due_status (calendar, &today, &due, cases[i].soon, &left),
                       ==, cases[i].status);
      g_assert_cmpint (left, ==, cases[i].left);
    }

  {
    GDate today = date ("2026-10-12");
    GDate cleared;
    int left = 4242;

    g_date_clear (&cleared, 1);
    g_assert_cmpint (yb_calendar_due_status (calendar, &today, NULL, 3, &left), ==, YB_DUE_NONE);
    g_assert_cmpint (left, ==, 0);
    g_assert_cmpint (yb_calendar_due_status (calendar, &today, &cleared, 3, NULL), ==,
                     YB_DUE_NONE);
  }
}

static void
test_due_status_strings (void)
{
  static const struct {
    YbDueStatus  status;
    const char  *text;
    const char  *label;
  } cases[] = {
    { YB_DUE_NONE, "none", "无时限" },
    { YB_DUE_ON_TIME, "on_time", "正常" },
    { YB_DUE_SOON, "due_soon", "即将到期" },
    { YB_DUE_TODAY, "due_today", "今日到期" },
    { YB_DUE_OVERDUE, "overdue", "已超期" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (yb_due_status_to_string (cases[i].status), ==, cases[i].text);
      g_assert_cmpstr (yb_due_status_label (cases[i].status), ==, cases[i].label);
    }
}

static void
test_due_date_kinds (void)
{
  g_autoptr(YbCalendar) calendar = official_calendar ();
  GDate start = date ("2026-09-30");
  GDate out;
  gboolean provisional = TRUE;
  YbTimeLimit none = { YB_TIME_LIMIT_NONE, 0, NULL };
  YbTimeLimit working = { YB_TIME_LIMIT_WORKING_DAYS, 10, NULL };
  YbTimeLimit calendar_days = { YB_TIME_LIMIT_CALENDAR_DAYS, 7, NULL };
  YbTimeLimit spot = { YB_TIME_LIMIT_ON_THE_SPOT, 0, NULL };

  /* 10-08, 09, 10 (Sat), 12–16, 19, 20 */
  g_assert_true (yb_calendar_due_date (calendar, &working, &start, &out, &provisional));
  assert_date (&out, "2026-10-20");
  g_assert_false (provisional);

  /* 10-07 is the last day off */
  g_assert_true (yb_calendar_due_date (calendar, &calendar_days, &start, &out, &provisional));
  assert_date (&out, "2026-10-08");

  /* 当场办结: the same day, whatever it is. */
  provisional = TRUE;
  g_assert_true (yb_calendar_due_date (calendar, &spot, &start, &out, &provisional));
  assert_date (&out, "2026-09-30");
  g_assert_false (provisional);
  start = date ("2027-03-03");
  g_assert_true (yb_calendar_due_date (calendar, &spot, &start, &out, &provisional));
  assert_date (&out, "2027-03-03");
  g_assert_false (provisional);

  provisional = TRUE;
  g_assert_false (yb_calendar_due_date (calendar, &none, &start, &out, &provisional));
  g_assert_false (g_date_valid (&out));
  g_assert_false (provisional);

  /* A 2027 working-day limit is provisional. */
  g_assert_true (yb_calendar_due_date (calendar, &working, &start, &out, &provisional));
  assert_date (&out, "2027-03-17");  /* Wed 03-03 + two weeks */
  g_assert_true (provisional);
}

/* ------------------------------------------------------------------------- bad files */

static void
test_not_json (void)
{
  static const char * const cases[] = {
    "", "{", "not json", "{\"year\": 2026, \"days\": [", "<html></html>",
  };
  g_autoptr(YbCalendar) calendar = yb_calendar_new ();
  g_autofree char *before = NULL;

  load_year (calendar, 2025);
  before = calendar_state (calendar);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_test_message ("“%s”", cases[i]);
      g_assert_false (yb_calendar_load_json (calendar, cases[i], -1, problems, &error));
      g_assert_error (error, YB_CALENDAR_ERROR, YB_CALENDAR_ERROR_NOT_JSON);
      g_assert_cmpuint (yb_problems_get_len (problems), ==, 0);
      after = calendar_state (calendar);
      g_assert_cmpstr (after, ==, before);
    }
  g_assert_false (yb_calendar_covers (calendar, 2026));
}

static void
test_bad_files (void)
{
  static const struct {
    const char *json;
    const char *expected;
  } cases[] = {
    { "{'year':2026,'days':[{'name':'元旦','date':'2026-01-01','isOffDay':true},"
      "{'name':'春节','date':'2026-02-30','isOffDay':true}]}",
      "holidays.date@days[1].date" },
    { "{'year':2026,'days':[{'name':'元旦','date':'2026-01-01','isOffDay':true},"
      "{'name':'春节','date':'2026-2-3','isOffDay':true}]}",
      "holidays.date@days[1].date" },
    { "{'year':2026,'days':[{'name':'元旦','date':'2026-01-01','isOffDay':true},"
      "{'name':'元旦','date':'2026-01-02','isOffDay':true},{'name':'元旦','date':'2026-01-03'}]}",
      "holidays.missing@days[2].isOffDay" },
    /* 2026-03-04 is a Wednesday */
    { "{'year':2026,'days':[{'name':'元旦','date':'2026-01-01','isOffDay':true},"
      "{'name':'春节','date':'2026-02-14','isOffDay':false},"
      "{'name':'春节','date':'2026-02-15','isOffDay':true},"
      "{'name':'春节','date':'2026-03-04','isOffDay':false}]}",
      "holidays.makeup_weekday@days[3].date" },
    /* Sun 2026-01-04 both off and working */
    { "{'year':2026,'days':[{'name':'元旦','date':'2026-01-04','isOffDay':false},"
      "{'name':'元旦','date':'2026-01-01','isOffDay':true},"
      "{'name':'元旦','date':'2026-01-04','isOffDay':true}]}",
      "holidays.conflict@days[2].date" },
    { "{'year':2026,'days':[{'name':'元旦','date':'2025-11-30','isOffDay':true}]}",
      "holidays.year@days[0].date" },
    { "{'year':2026,'days':[{'name':'元旦','date':'2027-01-01','isOffDay':true}]}",
      "holidays.year@days[0].date" },
    { "{'year':2026,'days':[{'date':'2026-01-01','isOffDay':true}]}",
      "holidays.missing@days[0].name" },
    { "{'year':2026,'days':[{'name':'元旦','date':'2026-01-01','isOffDay':'yes'}]}",
      "holidays.type@days[0].isOffDay" },
    { "{'year':2026,'days':[42]}", "holidays.type@days[0]" },
    { "{'year':2026,'days':[]}", "holidays.empty@days" },
    { "{'year':'2026','days':[{'name':'元旦','date':'2026-01-01','isOffDay':true}]}",
      "holidays.type@year" },
    { "{'year':0,'days':[{'name':'元旦','date':'2026-01-01','isOffDay':true}]}",
      "holidays.year@year" },
    { "{}", "holidays.missing@days\nholidays.missing@year" },
    { "[]", "holidays.type@-" },
    /* Everything at once: each bad entry listed, nothing stops at the first. */
    { "{'year':2026,'days':["
      "{'name':'元旦','date':'2026-01-01','isOffDay':true},"
      "{'name':'春节','date':'2026-02-30','isOffDay':true},"
      "{'name':'清明节','date':'2026-04-04'},"
      "{'name':'劳动节','date':'2026-05-06','isOffDay':false},"
      "{'name':'元旦','date':'2026-01-04','isOffDay':false},"
      "{'name':'元旦','date':'2026-01-04','isOffDay':true},"
      "{'name':'国庆节','date':'2026-10-01','isOffDay':true}]}",
      "holidays.conflict@days[5].date\n"
      "holidays.date@days[1].date\n"
      "holidays.makeup_weekday@days[3].date\n"
      "holidays.missing@days[2].isOffDay" },
  };
  g_autoptr(YbCalendar) calendar = yb_calendar_new ();
  g_autofree char *before = NULL;

  load_year (calendar, 2025);
  before = calendar_state (calendar);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(YbProblems) problems = yb_problems_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *got = NULL;
      g_autofree char *after = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_false (load_fixture (calendar, cases[i].json, problems, &error));
      g_assert_no_error (error);
      got = problems_summary (problems);
      g_assert_cmpstr (got, ==, cases[i].expected);

      /* Refused as a whole: not even the good entries went in. */
      after = calendar_state (calendar);
      g_assert_cmpstr (after, ==, before);
      g_assert_false (yb_calendar_covers (calendar, 2026));
    }

  /* Nothing of the refused files: 10-01 2026 is a plain Thursday. */
  {
    GDate d = date ("2026-10-01");

    g_assert_true (yb_calendar_is_working_day (calendar, &d));
    g_assert_null (yb_calendar_day_name (calendar, &d));
  }

  /* Without a problem list, the problems come back in one GError. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (load_fixture (calendar, cases[0].json, NULL, &error));
    g_assert_error (error, YB_CALENDAR_ERROR, YB_CALENDAR_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "days[1].date"));
  }
}

/* A file that contradicts what the calendar already holds is refused too. */
static void
test_conflict_with_calendar (void)
{
  g_autoptr(YbCalendar) calendar = yb_calendar_new ();
  g_autoptr(YbProblems) problems = yb_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  GDate sunday = date ("2026-12-27");

  yb_calendar_set_day (calendar, &sunday, FALSE, "调休");
  g_assert_false (load_fixture (calendar,
                                "{'year':2027,'days':[{'name':'元旦','date':'2026-12-27',"
                                "'isOffDay':true}]}", problems, &error));
  g_assert_no_error (error);
  got = problems_summary (problems);
  g_assert_cmpstr (got, ==, "holidays.conflict@days[0].date");
  g_assert_true (yb_calendar_is_working_day (calendar, &sunday));
  g_assert_false (yb_calendar_covers (calendar, 2027));

  /* The same day twice with the same meaning is fine. */
  g_assert_true (load_fixture (calendar,
                               "{'year':2027,'days':[{'name':'元旦','date':'2027-01-01',"
                               "'isOffDay':true},{'name':'元旦','date':'2027-01-01',"
                               "'isOffDay':true}]}", problems, &error));
  g_assert_no_error (error);
  g_assert_true (yb_calendar_covers (calendar, 2027));
}

/* ------------------------------------------------------------------------- year boundary */

/* The real 2024–2026 notices never start 元旦 in December, so this 2026 file is made up:
 * the official one plus Wed 2025-12-31 off, the way 2023's notice had 2022-12-31. */
static const char boundary_2026[] =
  "{'year':2026,'days':["
  "{'name':'元旦','date':'2025-12-31','isOffDay':true},"
  "{'name':'元旦','date':'2026-01-01','isOffDay':true},"
  "{'name':'元旦','date':'2026-01-02','isOffDay':true},"
  "{'name':'元旦','date':'2026-01-03','isOffDay':true},"
  "{'name':'元旦','date':'2026-01-04','isOffDay':false}]}";

static void
check_boundary (YbCalendar *calendar,
                gboolean    expect_provisional)
{
  GDate start = date ("2025-12-30");
  GDate eve = date ("2025-12-31");
  GDate monday = date ("2026-01-05");
  GDate out;
  gboolean provisional = !expect_provisional;

  g_assert_false (yb_calendar_is_working_day (calendar, &eve));
  g_assert_cmpstr (yb_calendar_day_name (calendar, &eve), ==, "元旦");
  /* 12-31 and 01-01..03 off, Sun 01-04 make-up */
  yb_calendar_add_working_days (calendar, &start, 1, &out, &provisional);
  assert_date (&out, "2026-01-04");
  g_assert_cmpint (provisional, ==, expect_provisional);
  yb_calendar_add_calendar_days (calendar, &start, 1, &out, &provisional);
  assert_date (&out, "2026-01-04");
  g_assert_cmpint (provisional, ==, expect_provisional);
  g_assert_cmpint (yb_calendar_working_days_between (calendar, &start, &monday), ==, 2);
}

static void
test_year_boundary (void)
{
  g_autoptr(GError) error = NULL;

  /* 2025 then 2026 */
  {
    g_autoptr(YbCalendar) calendar = yb_calendar_new ();

    load_year (calendar, 2025);
    g_assert_true (load_fixture (calendar, boundary_2026, NULL, &error));
    g_assert_no_error (error);
    check_boundary (calendar, FALSE);
  }
  /* 2026 then 2025: the 2025 file, silent on 12-31, must not undo it. */
  {
    g_autoptr(YbCalendar) calendar = yb_calendar_new ();

    g_assert_true (load_fixture (calendar, boundary_2026, NULL, &error));
    g_assert_no_error (error);
    load_year (calendar, 2025);
    check_boundary (calendar, FALSE);
  }
  /* 2026 alone: the December day is honoured, but 2025 is not covered. */
  {
    g_autoptr(YbCalendar) calendar = yb_calendar_new ();

    g_assert_true (load_fixture (calendar, boundary_2026, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (yb_calendar_covers (calendar, 2025));
    check_boundary (calendar, TRUE);
  }
  /* The official files: 12-31 is an ordinary Wednesday. */
  {
    g_autoptr(YbCalendar) calendar = official_calendar ();
    GDate start = date ("2025-12-30");
    GDate out;

    yb_calendar_add_working_days (calendar, &start, 1, &out, NULL);
    assert_date (&out, "2025-12-31");
  }
}

/* ------------------------------------------------------------------------- server path */

/* What the server does: days and years from its tables through set_day. It must answer
 * exactly as the calendar the files were loaded into. */
static void
test_set_day_matches_load (void)
{
  g_autoptr(YbCalendar) loaded = official_calendar ();
  g_autoptr(YbCalendar) stored = yb_calendar_new ();
  g_autoptr(GArray) days = yb_calendar_list_days (loaded);
  g_autoptr(GArray) years = yb_calendar_list_covered_years (loaded);
  g_autofree char *loaded_state = NULL;
  g_autofree char *stored_state = NULL;
  GDate d = date ("2024-01-01");

  for (guint i = 0; i < days->len; i++)
    {
      const YbCalendarDay *day = &g_array_index (days, YbCalendarDay, i);

      yb_calendar_set_day (stored, &day->date, day->off_day, day->name);
    }
  for (guint i = 0; i < years->len; i++)
    yb_calendar_set_covered_year (stored, g_array_index (years, int, i));

  loaded_state = calendar_state (loaded);
  stored_state = calendar_state (stored);
  g_assert_cmpstr (stored_state, ==, loaded_state);

  /* Every day of the three years, and every deadline of up to 40 working days. */
  for (int i = 0; i < 3 * 366; i++, g_date_add_days (&d, 1))
    {
      GDate a;
      GDate b;
      gboolean pa;
      gboolean pb;

      g_assert_cmpint (yb_calendar_is_working_day (stored, &d), ==,
                       yb_calendar_is_working_day (loaded, &d));
      yb_calendar_add_working_days (stored, &d, (guint) (i % 41), &a, &pa);
      yb_calendar_add_working_days (loaded, &d, (guint) (i % 41), &b, &pb);
      g_assert_cmpint (g_date_compare (&a, &b), ==, 0);
      g_assert_cmpint (pa, ==, pb);
    }

  /* set_day replaces: a day can be corrected. */
  d = date ("2026-10-10");
  yb_calendar_set_day (stored, &d, TRUE, NULL);
  g_assert_false (yb_calendar_is_working_day (stored, &d));
  g_assert_null (yb_calendar_day_name (stored, &d));
}

/* Shared read-only between threads, as the server's workers use it. */
typedef struct {
  YbCalendar *calendar;
  guint       wrong;
} ThreadData;

static gpointer
thread_main (gpointer data)
{
  ThreadData *td = data;

  for (int round = 0; round < 200; round++)
    {
      GDate start = date ("2026-09-28");
      GDate out;
      gboolean provisional = TRUE;

      yb_calendar_add_working_days (td->calendar, &start, 30, &out, &provisional);
      if (g_date_get_month (&out) != G_DATE_NOVEMBER || g_date_get_day (&out) != 13 ||
          provisional)
        td->wrong++;
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(YbCalendar) calendar = official_calendar ();
  ThreadData data[4];
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      data[i] = (ThreadData) { yb_calendar_ref (calendar), 0 };
      threads[i] = g_thread_new ("calendar", thread_main, &data[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (data[i].wrong, ==, 0);
      yb_calendar_unref (data[i].calendar);
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/date-iso", test_date_iso);
  g_test_add_func ("/calendar/official-files", test_official_files);
  g_test_add_func ("/calendar/copy-matches-shared", test_copy_matches_shared);
  g_test_add_func ("/calendar/is-working-day", test_is_working_day);
  g_test_add_func ("/calendar/add-working-days", test_add_working_days);
  g_test_add_func ("/calendar/acceptance-national-day", test_acceptance_national_day);
  g_test_add_func ("/calendar/add-calendar-days", test_add_calendar_days);
  g_test_add_func ("/calendar/uncovered-year", test_uncovered_year);
  g_test_add_func ("/calendar/recompute-after-import", test_recompute_after_import);
  g_test_add_func ("/calendar/working-days-between", test_working_days_between);
  g_test_add_func ("/calendar/due-status", test_due_status);
  g_test_add_func ("/calendar/due-status-strings", test_due_status_strings);
  g_test_add_func ("/calendar/due-date-kinds", test_due_date_kinds);
  g_test_add_func ("/calendar/not-json", test_not_json);
  g_test_add_func ("/calendar/bad-files", test_bad_files);
  g_test_add_func ("/calendar/conflict-with-calendar", test_conflict_with_calendar);
  g_test_add_func ("/calendar/year-boundary", test_year_boundary);
  g_test_add_func ("/calendar/set-day-matches-load", test_set_day_matches_load);
  g_test_add_func ("/calendar/threads", test_threads);

  return g_test_run ();
}
