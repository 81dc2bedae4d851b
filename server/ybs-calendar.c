/* ybs-calendar.c: one calendar per process, rebuilt from PostgreSQL when it is stale. */
#define G_LOG_DOMAIN "yibao-server"

#include <stdlib.h>

#include "ybs-calendar.h"

#define MAX_AGE_US (60 * G_USEC_PER_SEC)

static GMutex      lock;
static YbCalendar *cached;
static gint64      loaded_at;

static YbCalendar *
load (YbsDbConn *conn,
      GError   **error)
{
  g_autoptr(PGresult) days = ybs_db_exec (conn, "calendar_days",
                                          "SELECT to_char(day, 'YYYY-MM-DD'), off_day, name FROM holidays", 0, NULL, error);
  g_autoptr(PGresult) years = NULL;
  YbCalendar *calendar;

  if (days == NULL)
    return NULL;
  years = ybs_db_exec (conn, "calendar_years", "SELECT year FROM holiday_years", 0, NULL, error);
  if (years == NULL)
    return NULL;

  calendar = yb_calendar_new ();
  for (int i = 0; i < PQntuples (days); i++)
    {
      GDate date;
      if (yb_date_parse_iso (PQgetvalue (days, i, 0), &date))
        yb_calendar_set_day (calendar, &date, g_str_equal (PQgetvalue (days, i, 1), "t"), PQgetvalue (days, i, 2));
    }
  for (int i = 0; i < PQntuples (years); i++)
    yb_calendar_set_covered_year (calendar, atoi (PQgetvalue (years, i, 0)));
  return calendar;
}

YbCalendar *
ybs_calendar_get (YbsDbConn *conn,
                  GError   **error)
{
  YbCalendar *result = NULL;
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&lock);
  if (cached == NULL || now - loaded_at > MAX_AGE_US)
    {
      YbCalendar *fresh = load (conn, error);
      if (fresh != NULL)
        {
          g_clear_pointer (&cached, yb_calendar_unref);
          cached = fresh;
          loaded_at = now;
        }
    }
  if (cached != NULL)
    result = yb_calendar_ref (cached);
  g_mutex_unlock (&lock);
  return result;
}

void
ybs_calendar_invalidate (void)
{
  g_mutex_lock (&lock);
  g_clear_pointer (&cached, yb_calendar_unref);
  g_mutex_unlock (&lock);
}

/* The zone is looked up once per process, not on every request that needs a date. */
static GTimeZone *
china_zone (void)
{
  static GTimeZone *tz;

  if (g_once_init_enter (&tz))
    {
      GTimeZone *zone = g_time_zone_new_identifier ("Asia/Shanghai");
      g_once_init_leave (&tz, zone != NULL ? zone : g_time_zone_new_offset (8 * 3600));
    }
  return tz;
}

void
ybs_today (GDate *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (china_zone ());

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}
