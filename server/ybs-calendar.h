/* ybs-calendar.h: the server's view of the holiday calendar (loaded from the holidays
 * table, shared read-only by all workers, reloaded at most a minute after an import)
 * and of "today" in the bureau's time zone. */
#pragma once

#include "yb-calendar.h"
#include "ybs-db.h"

G_BEGIN_DECLS

/* A reference to the current calendar; loads it when missing or older than a minute. */
YbCalendar *ybs_calendar_get (YbsDbConn *conn,
                              GError   **error);
/* Forgets the cached calendar (after an import in this process, and in tests). */
void        ybs_calendar_invalidate (void);
/* Today's date in China Standard Time, whatever the machine's zone. */
void        ybs_today        (GDate     *out);

G_END_DECLS
