/* yb-calendar.c: working days, deadlines and due statuses from the imported holiday
 * notices (DOMAIN.md §4), and the checker for the yearly holiday files. */
#define G_LOG_DOMAIN "yibao-common"

#include "yb-calendar.h"
#include "yb-json-check-private.h"

#include <string.h>

/* The highest year a date here may have: ISO text has four digits for it, and keeping far
 * below GDate's 65535 lets a century of counting never run off its end. */
#define MAX_YEAR 9999

typedef struct {
  gboolean  off_day;
  char     *name;   /* may be NULL */
} Day;

struct _YbCalendar {
  gatomicrefcount  ref_count;
  GHashTable      *days;     /* julian day → Day*, owned: only what the notices list */
  GHashTable      *covered;  /* set of years (GINT_TO_POINTER) whose notice is loaded */
};

/* One entry of a holiday file that passed its checks, waiting for the whole file to. */
typedef struct {
  guint32     julian;
  gboolean    off_day;
  const char *name;   /* borrowed from the parser */
  guint       index;  /* in "days", for messages */
} Pending;

G_DEFINE_QUARK (yb-calendar-error-quark, yb_calendar_error)

/* ------------------------------------------------------------------------- helpers */

static void
day_free (gpointer data)
{
  Day *day = data;

  g_free (day->name);
  g_free (day);
}

static gboolean
date_ok (const GDate *date)
{
  return date != NULL && g_date_valid (date) && g_date_get_year (date) <= MAX_YEAR;
}

static gboolean
is_weekend (const GDate *date)
{
  GDateWeekday weekday = g_date_get_weekday (date);

  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
}

static const char *
weekday_name (const GDate *date)
{
  static const char * const names[] = { "", "一", "二", "三", "四", "五", "六", "日" };

  return names[g_date_get_weekday (date)];
}

static const char *
meaning (gboolean off_day)
{
  return off_day ? "放假" : "调休上班";
}

static void
put_day (YbCalendar *self,
         guint32     julian,
         gboolean    off_day,
         const char *name)
{
  Day *day = g_new0 (Day, 1);

  day->off_day = off_day;
  day->name = g_strdup (name);
  g_hash_table_replace (self->days, GUINT_TO_POINTER (julian), day);
}

/* Whether @julian is a working day; sets *@provisional when its year is not covered,
 * since then only the weekend rule was applied. */
static gboolean
look_at (const YbCalendar *self,
         guint32           julian,
         gboolean         *provisional)
{
  GDate date;
  const Day *day;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  if (!g_hash_table_contains (self->covered, GINT_TO_POINTER ((int) g_date_get_year (&date))))
    *provisional = TRUE;

  day = g_hash_table_lookup (self->days, GUINT_TO_POINTER (julian));
  if (day != NULL)
    return !day->off_day;
  return !is_weekend (&date);
}

static void
set_result (GDate    *out,
            guint32   julian,
            gboolean *provisional,
            gboolean  was_provisional)
{
  g_date_clear (out, 1);
  g_date_set_julian (out, julian);
  if (provisional != NULL)
    *provisional = was_provisional;
}

static char *
problems_to_text (const YbProblems *problems)
{
  GString *text = g_string_new (NULL);
  guint n = yb_problems_get_len (problems);

  g_string_append_printf (text, "节假日文件有 %u 处问题：", n);
  for (guint i = 0; i < n; i++)
    {
      const YbProblem *problem = yb_problems_get (problems, i);

      g_string_append_printf (text, "\n%s: %s [%s]",
                              problem->field != NULL ? problem->field : "（整个文件）",
                              problem->message, problem->code);
    }
  return g_string_free (text, FALSE);
}

/* Checks days[@index] and, when it is sound and new, appends it to @pending. @year is
 * the file's year, or 0 when that is itself bad (the range check is then skipped so the
 * other problems still show). @seen maps a julian day to its Pending index + 1. */
static void
check_day (YbCalendar  *self,
           YbJsonCheck *jc,
           JsonArray   *days,
           guint        index,
           int          year,
           GArray      *pending,
           GHashTable  *seen)
{
  g_autofree char *path = yb_json_path_index ("days", index);
  g_autofree char *date_path = yb_json_path_member (path, "date");
  JsonObject *entry;
  const char *name;
  const char *date_text;
  JsonNode *off_node;
  GDate date;
  gboolean off_day;
  guint32 julian;
  gpointer earlier;
  const Day *known;

  entry = yb_json_check_element_object (jc, days, index, path);
  if (entry == NULL)
    return;

  name = yb_json_check_string (jc, entry, path, "name", TRUE);
  date_text = yb_json_check_string (jc, entry, path, "date", TRUE);
  off_node = yb_json_check_member (jc, entry, path, "isOffDay", YB_JSON_KIND_BOOL, TRUE);
  if (date_text == NULL)
    return;

  if (!yb_date_parse_iso (date_text, &date))
    {
      yb_json_check_report (jc, "holidays.date", date_path,
                            "日期“%s”无效，应为 YYYY-MM-DD 格式的真实日期", date_text);
      return;
    }
  /* A notice covers its own year, and sometimes the New Year's Eve before it when 元旦
   * starts on the 31st; anything else is a typo that would move some other year. */
  if (year != 0 &&
      !(g_date_get_year (&date) == year ||
        (g_date_get_year (&date) == year - 1 && g_date_get_month (&date) == G_DATE_DECEMBER)))
    {
      yb_json_check_report (jc, "holidays.year", date_path,
                            "日期 %s 不属于 %d 年（只允许该年及上一年 12 月的日期）",
                            date_text, year);
      return;
    }
  if (off_node == NULL || name == NULL)
    return;

  off_day = json_node_get_boolean (off_node);
  if (!off_day && !is_weekend (&date))
    {
      yb_json_check_report (jc, "holidays.makeup_weekday", date_path,
                            "%s 是星期%s，调休上班日只能是周六或周日", date_text,
                            weekday_name (&date));
      return;
    }

  julian = g_date_get_julian (&date);
  earlier = g_hash_table_lookup (seen, GUINT_TO_POINTER (julian));
  if (earlier != NULL)
    {
      const Pending *first = &g_array_index (pending, Pending, GPOINTER_TO_UINT (earlier) - 1);

      if (first->off_day != off_day)
        yb_json_check_report (jc, "holidays.conflict", date_path,
                              "%s 在 days[%u] 已列为%s，这里又列为%s", date_text,
                              first->index, meaning (first->off_day), meaning (off_day));
      return;
    }
  known = g_hash_table_lookup (self->days, GUINT_TO_POINTER (julian));
  if (known != NULL && known->off_day != off_day)
    {
      yb_json_check_report (jc, "holidays.conflict", date_path,
                            "%s 在已导入的日历中为%s，这里却列为%s", date_text,
                            meaning (known->off_day), meaning (off_day));
      return;
    }

  g_array_append_val (pending, ((Pending) { julian, off_day, name, index }));
  g_hash_table_insert (seen, GUINT_TO_POINTER (julian), GUINT_TO_POINTER (pending->len));
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  return g_date_compare (&((const YbCalendarDay *) a)->date, &((const YbCalendarDay *) b)->date);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a;
  int y = *(const int *) b;

  return (x > y) - (x < y);
}

/* ------------------------------------------------------------------------- public API */

YbCalendar *
yb_calendar_new (void)
{
  YbCalendar *self = g_new0 (YbCalendar, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->days = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, day_free);
  self->covered = g_hash_table_new (g_direct_hash, g_direct_equal);
  return self;
}

YbCalendar *
yb_calendar_ref (YbCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
yb_calendar_unref (YbCalendar *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->days);
  g_hash_table_unref (self->covered);
  g_free (self);
}

gboolean
yb_calendar_load_json (YbCalendar  *self,
                       const char  *data,
                       gssize       length,
                       YbProblems  *problems,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(YbProblems) found = yb_problems_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  YbJsonCheck jc;
  JsonNode *root;
  JsonNode *year_node = NULL;
  JsonArray *days = NULL;
  int year = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, YB_CALENDAR_ERROR, YB_CALENDAR_ERROR_NOT_JSON,
                   "节假日文件不是有效的 JSON：%s", local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, YB_CALENDAR_ERROR, YB_CALENDAR_ERROR_NOT_JSON,
                           "节假日文件是空的");
      return FALSE;
    }

  yb_json_check_init (&jc, found, "holidays");
  if (!JSON_NODE_HOLDS_OBJECT (root))
    yb_json_check_report (&jc, "holidays.type", NULL, "节假日文件应为一个 JSON 对象");
  else
    {
      JsonObject *object = json_node_get_object (root);

      year_node = yb_json_check_member (&jc, object, "", "year", YB_JSON_KIND_INT, TRUE);
      if (year_node != NULL)
        {
          gint64 value = json_node_get_int (year_node);

          if (value < 1 || value > MAX_YEAR)
            yb_json_check_report (&jc, "holidays.year", "year",
                                  "年份 %" G_GINT64_FORMAT " 超出范围", value);
          else
            year = (int) value;
        }
      days = yb_json_check_array (&jc, object, "", "days", TRUE, TRUE);
    }
  for (guint i = 0; days != NULL && i < json_array_get_length (days); i++)
    check_day (self, &jc, days, i, year, pending, seen);
  yb_json_check_clear (&jc);

  if (!yb_problems_is_empty (found))
    {
      if (problems != NULL)
        yb_problems_extend (problems, found);
      else
        {
          g_autofree char *text = problems_to_text (found);

          g_set_error_literal (error, YB_CALENDAR_ERROR, YB_CALENDAR_ERROR_INVALID, text);
        }
      return FALSE;
    }

  for (guint i = 0; i < pending->len; i++)
    {
      const Pending *p = &g_array_index (pending, Pending, i);

      put_day (self, p->julian, p->off_day, p->name);
    }
  g_hash_table_add (self->covered, GINT_TO_POINTER (year));
  return TRUE;
}

void
yb_calendar_set_day (YbCalendar  *self,
                     const GDate *date,
                     gboolean     off_day,
                     const char  *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (date_ok (date));

  put_day (self, g_date_get_julian (date), off_day, name);
}

void
yb_calendar_set_covered_year (YbCalendar *self,
                              int         year)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (year >= 1 && year <= MAX_YEAR);

  g_hash_table_add (self->covered, GINT_TO_POINTER (year));
}

gboolean
yb_calendar_covers (const YbCalendar *self,
                    int               year)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_hash_table_contains (self->covered, GINT_TO_POINTER (year));
}

gboolean
yb_calendar_is_working_day (const YbCalendar *self,
                            const GDate      *date)
{
  gboolean provisional = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date_ok (date), FALSE);

  return look_at (self, g_date_get_julian (date), &provisional);
}

const char *
yb_calendar_day_name (const YbCalendar *self,
                      const GDate      *date)
{
  const Day *day;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (date_ok (date), NULL);

  day = g_hash_table_lookup (self->days, GUINT_TO_POINTER (g_date_get_julian (date)));
  return day != NULL ? day->name : NULL;
}

void
yb_calendar_add_working_days (const YbCalendar *self,
                              const GDate      *start,
                              guint             n,
                              GDate            *out,
                              gboolean         *provisional)
{
  gboolean was_provisional = FALSE;
  guint32 julian;

  g_return_if_fail (out != NULL);
  g_date_clear (out, 1);
  g_return_if_fail (self != NULL);
  g_return_if_fail (date_ok (start));
  g_return_if_fail (n <= YB_CALENDAR_MAX_DAYS);

  julian = g_date_get_julian (start);
  if (n == 0)
    {
      while (!look_at (self, julian, &was_provisional))
        julian++;
    }
  else
    {
      /* The start day is not counted (DOMAIN.md §4), so the first day looked at is the
       * one after it. */
      for (guint counted = 0; counted < n;)
        {
          julian++;
          if (look_at (self, julian, &was_provisional))
            counted++;
        }
    }
  set_result (out, julian, provisional, was_provisional);
}

void
yb_calendar_add_calendar_days (const YbCalendar *self,
                               const GDate      *start,
                               guint             n,
                               GDate            *out,
                               gboolean         *provisional)
{
  gboolean was_provisional = FALSE;
  guint32 julian;

  g_return_if_fail (out != NULL);
  g_date_clear (out, 1);
  g_return_if_fail (self != NULL);
  g_return_if_fail (date_ok (start));
  g_return_if_fail (n <= YB_CALENDAR_MAX_DAYS);

  julian = g_date_get_julian (start) + n;
  while (!look_at (self, julian, &was_provisional))
    julian++;
  set_result (out, julian, provisional, was_provisional);
}

int
yb_calendar_working_days_between (const YbCalendar *self,
                                  const GDate      *from,
                                  const GDate      *to)
{
  gboolean provisional = FALSE;
  guint32 a;
  guint32 b;
  guint32 low;
  guint32 high;
  int count = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (date_ok (from), 0);
  g_return_val_if_fail (date_ok (to), 0);

  a = g_date_get_julian (from);
  b = g_date_get_julian (to);
  low = MIN (a, b);
  high = MAX (a, b);
  for (guint32 julian = low + 1; julian <= high; julian++)
    if (look_at (self, julian, &provisional))
      count++;
  return a <= b ? count : -count;
}

gboolean
yb_calendar_due_date (const YbCalendar  *self,
                      const YbTimeLimit *limit,
                      const GDate       *start,
                      GDate             *out,
                      gboolean          *provisional)
{
  g_return_val_if_fail (out != NULL, FALSE);
  g_date_clear (out, 1);
  if (provisional != NULL)
    *provisional = FALSE;
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (limit != NULL, FALSE);
  g_return_val_if_fail (date_ok (start), FALSE);

  switch (limit->kind)
    {
    case YB_TIME_LIMIT_NONE:
      return FALSE;
    case YB_TIME_LIMIT_WORKING_DAYS:
      g_return_val_if_fail (limit->days >= 0 && limit->days <= YB_CALENDAR_MAX_DAYS, FALSE);
      yb_calendar_add_working_days (self, start, (guint) limit->days, out, provisional);
      return TRUE;
    case YB_TIME_LIMIT_CALENDAR_DAYS:
      g_return_val_if_fail (limit->days >= 0 && limit->days <= YB_CALENDAR_MAX_DAYS, FALSE);
      yb_calendar_add_calendar_days (self, start, (guint) limit->days, out, provisional);
      return TRUE;
    case YB_TIME_LIMIT_ON_THE_SPOT:
      /* Done while the applicant waits: the day it starts, whatever day that is. */
      *out = *start;
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

YbDueStatus
yb_calendar_due_status (const YbCalendar *self,
                        const GDate      *today,
                        const GDate      *due,
                        guint             soon_working_days,
                        int              *working_days_left)
{
  int left;
  int order;

  if (working_days_left != NULL)
    *working_days_left = 0;
  g_return_val_if_fail (self != NULL, YB_DUE_NONE);
  g_return_val_if_fail (date_ok (today), YB_DUE_NONE);
  if (due == NULL || !g_date_valid (due))
    return YB_DUE_NONE;
  g_return_val_if_fail (date_ok (due), YB_DUE_NONE);

  left = yb_calendar_working_days_between (self, today, due);
  if (working_days_left != NULL)
    *working_days_left = left;

  /* By the dates, not by @left: the Saturday after a Friday deadline has lost no working
   * day yet, but the deadline has passed. */
  order = g_date_compare (today, due);
  if (order > 0)
    return YB_DUE_OVERDUE;
  if (order == 0)
    return YB_DUE_TODAY;
  if ((guint) left <= soon_working_days)
    return YB_DUE_SOON;
  return YB_DUE_ON_TIME;
}

const char *
yb_due_status_to_string (YbDueStatus status)
{
  switch (status)
    {
    case YB_DUE_NONE: return "none";
    case YB_DUE_ON_TIME: return "on_time";
    case YB_DUE_SOON: return "due_soon";
    case YB_DUE_TODAY: return "due_today";
    case YB_DUE_OVERDUE: return "overdue";
    default: g_return_val_if_reached (NULL);
    }
}

const char *
yb_due_status_label (YbDueStatus status)
{
  switch (status)
    {
    case YB_DUE_NONE: return "无时限";
    case YB_DUE_ON_TIME: return "正常";
    case YB_DUE_SOON: return "即将到期";
    case YB_DUE_TODAY: return "今日到期";
    case YB_DUE_OVERDUE: return "已超期";
    default: g_return_val_if_reached (NULL);
    }
}

GArray *
yb_calendar_list_days (const YbCalendar *self)
{
  GArray *list;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_return_val_if_fail (self != NULL, NULL);

  list = g_array_sized_new (FALSE, FALSE, sizeof (YbCalendarDay), g_hash_table_size (self->days));
  g_hash_table_iter_init (&iter, self->days);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Day *day = value;
      YbCalendarDay entry = { .off_day = day->off_day, .name = day->name };

      g_date_clear (&entry.date, 1);
      g_date_set_julian (&entry.date, GPOINTER_TO_UINT (key));
      g_array_append_val (list, entry);
    }
  g_array_sort (list, compare_days);
  return list;
}

GArray *
yb_calendar_list_covered_years (const YbCalendar *self)
{
  GArray *list;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  list = g_array_new (FALSE, FALSE, sizeof (int));
  g_hash_table_iter_init (&iter, self->covered);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int year = GPOINTER_TO_INT (key);

      g_array_append_val (list, year);
    }
  g_array_sort (list, compare_ints);
  return list;
}

gboolean
yb_date_parse_iso (const char *text,
                   GDate      *out)
{
  guint year = 0;
  guint month = 0;
  guint day = 0;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  for (guint i = 0; i < 4; i++)
    year = year * 10 + (guint) (text[i] - '0');
  month = (guint) (text[5] - '0') * 10 + (guint) (text[6] - '0');
  day = (guint) (text[8] - '0') * 10 + (guint) (text[9] - '0');
  /* g_date_valid_dmy refuses year 0, month 0 or 13, and 30 February. */
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  if (out != NULL)
    {
      g_date_clear (out, 1);
      g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    }
  return TRUE;
}

char *
yb_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date_ok (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}
