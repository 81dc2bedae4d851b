/* yb-calendar.h: the working-day calendar behind every deadline (DOMAIN.md §4).
 *
 * Working days are Monday to Friday, minus statutory holidays, plus the weekend days the
 * State Council moves work to (调休). The holidays are data an administrator imports year
 * by year; a year nobody imported is counted with weekends only and every answer that
 * looked at it is flagged provisional, so that a deadline is shown as such and recomputed
 * once the year is in, instead of being silently wrong.
 *
 * A calendar is filled once (load_json, or set_day and set_covered_year from the
 * database) and is then immutable: share it read-only between threads with ref/unref. To
 * take in a corrected year, build a new calendar and swap it in.
 */
#pragma once

#include "yb-catalogue.h"
#include "yb-problems.h"

G_BEGIN_DECLS

typedef struct _YbCalendar YbCalendar;

#define YB_CALENDAR_ERROR (yb_calendar_error_quark ())

typedef enum {
  YB_CALENDAR_ERROR_NOT_JSON,  /* the file is empty or not JSON */
  YB_CALENDAR_ERROR_INVALID,   /* the file has problems and no YbProblems was given */
} YbCalendarError;

GQuark       yb_calendar_error_quark (void);

/* The longest period any function here counts (about a century); more is a caller bug. */
#define YB_CALENDAR_MAX_DAYS 36500

YbCalendar  *yb_calendar_new   (void);
YbCalendar  *yb_calendar_ref   (YbCalendar *self);
void         yb_calendar_unref (YbCalendar *self);

/* Loads one year file of data/holidays/ (NateScarlet/holiday-cn format):
 *   {"year": 2026, "papers": […], "days": [{"name": "元旦", "date": "2026-01-01",
 *    "isOffDay": true}, …]}
 * and marks its "year" as covered. Every bad entry is a problem whose field is its JSON
 * path ("days[3].date"), and one bad entry refuses the whole file, leaving the calendar
 * as it was. Problem codes: holidays.{missing,type,empty} (member absent, mistyped or
 * empty; an empty "days" too, since no real year is without holidays), holidays.date (not
 * a strict YYYY-MM-DD date), holidays.year ("year" out of range, or a date neither in that
 * year nor in the December before it), holidays.makeup_weekday (isOffDay false on a
 * Monday to Friday), holidays.conflict (a date listed twice, in this file or already in
 * the calendar, once off and once working). The same date listed twice with the same
 * meaning is accepted. A file that is not JSON is a YB_CALENDAR_ERROR_NOT_JSON GError;
 * when @problems is NULL, problems come back as one YB_CALENDAR_ERROR_INVALID GError. */
gboolean     yb_calendar_load_json  (YbCalendar  *self,
                                     const char  *data,
                                     gssize       length,
                                     YbProblems  *problems,
                                     GError     **error);

/* For the server, which keeps the days in PostgreSQL (already checked on import): lists
 * @date as a holiday (@off_day) or a make-up working day, replacing what was there.
 * @name may be NULL. */
void         yb_calendar_set_day          (YbCalendar  *self,
                                           const GDate *date,
                                           gboolean     off_day,
                                           const char  *name);
void         yb_calendar_set_covered_year (YbCalendar  *self,
                                           int          year);
gboolean     yb_calendar_covers           (const YbCalendar *self,
                                           int               year);

gboolean     yb_calendar_is_working_day (const YbCalendar *self,
                                         const GDate      *date);
/* The name of a listed day ("国庆节", "国庆节、中秋节"), holiday or make-up working day
 * alike (ask is_working_day which); NULL for a day the notices do not mention. */
const char  *yb_calendar_day_name       (const YbCalendar *self,
                                         const GDate      *date);

/* @start plus @n working days, @start not counted. @n == 0 gives @start when it is a
 * working day, else the next working day. @provisional (may be NULL) is set TRUE when any
 * day looked at lies in a year not covered, FALSE otherwise. */
void         yb_calendar_add_working_days  (const YbCalendar *self,
                                            const GDate      *start,
                                            guint             n,
                                            GDate            *out,
                                            gboolean         *provisional);
/* @start plus @n calendar days, moved on to the next working day when that is not one. */
void         yb_calendar_add_calendar_days (const YbCalendar *self,
                                            const GDate      *start,
                                            guint             n,
                                            GDate            *out,
                                            gboolean         *provisional);
/* Working days in (@from, @to]; when @to is before @from, minus the working days in
 * (@to, @from], so that -2 reads "overdue by two working days"; 0 when equal. Hence
 * between (a, b) == -between (b, a). */
int          yb_calendar_working_days_between (const YbCalendar *self,
                                               const GDate      *from,
                                               const GDate      *to);

/* The due date of @limit counted from @start: working_days and calendar_days as above,
 * on_the_spot the same day (@start, provisional FALSE). Returns FALSE, and leaves @out
 * cleared, for YB_TIME_LIMIT_NONE: there is no due date. */
gboolean     yb_calendar_due_date (const YbCalendar  *self,
                                   const YbTimeLimit *limit,
                                   const GDate       *start,
                                   GDate             *out,
                                   gboolean          *provisional);

typedef enum {
  YB_DUE_NONE,      /* no due date */
  YB_DUE_ON_TIME,
  YB_DUE_SOON,      /* at most the bureau's "soon" number of working days left */
  YB_DUE_TODAY,
  YB_DUE_OVERDUE,   /* @today is after the due date */
} YbDueStatus;

/* Where a case stands on @today against @due (NULL or cleared: YB_DUE_NONE).
 * @working_days_left (may be NULL) gets between (@today, @due): negative when overdue,
 * though 0 on a weekend or holiday right after the due date, when no working day has been
 * lost yet but the status is already overdue. */
YbDueStatus  yb_calendar_due_status (const YbCalendar *self,
                                     const GDate      *today,
                                     const GDate      *due,
                                     guint             soon_working_days,
                                     int              *working_days_left);
/* "none", "on_time", "due_soon", "due_today", "overdue": stable, for JSON and CSS. */
const char  *yb_due_status_to_string (YbDueStatus status);
/* "无时限", "正常", "即将到期", "今日到期", "已超期" */
const char  *yb_due_status_label     (YbDueStatus status);

/* One listed day, as yb_calendar_list_days returns it; @name is borrowed from the
 * calendar and may be NULL. */
typedef struct {
  GDate       date;
  gboolean    off_day;
  const char *name;
} YbCalendarDay;

/* Every listed day in date order (YbCalendarDay), for the admin tool to store what it
 * loaded and for the server to show the year. */
GArray      *yb_calendar_list_days           (const YbCalendar *self);
/* The covered years, ascending (int). */
GArray      *yb_calendar_list_covered_years  (const YbCalendar *self);

/* Strict ISO dates: exactly "YYYY-MM-DD", a real day of years 0001–9999. "2026-2-3",
 * "2026-02-30", blanks and time parts are refused (@out untouched). */
gboolean     yb_date_parse_iso (const char  *text,
                                GDate       *out);
char        *yb_date_to_iso    (const GDate *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YbCalendar, yb_calendar_unref)

G_END_DECLS
