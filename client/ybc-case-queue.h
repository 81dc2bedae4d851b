/* ybc-case-queue.h: a work queue of cases in a GtkColumnView over a YbcCaseListModel:
 * mine / my section / the county / due soon / overdue (or a chief's approvals inbox),
 * sorted by the server (due date or creation) from the column headers, coloured by due
 * status, loading more as it scrolls. Activating a row asks for the case to open. */
#pragma once

#include <gtk/gtk.h>

#include "ybc-api.h"
#include "ybc-case-list-model.h"

G_BEGIN_DECLS

#define YBC_TYPE_CASE_QUEUE (ybc_case_queue_get_type ())
G_DECLARE_FINAL_TYPE (YbcCaseQueue, ybc_case_queue, YBC, CASE_QUEUE, GtkWidget)

typedef enum {
  YBC_CASE_QUEUE_WORK,        /* the scopes and state filter */
  YBC_CASE_QUEUE_APPROVALS,   /* inbox=approvals: steps waiting for the user's roles */
} YbcCaseQueueMode;

GtkWidget        *ybc_case_queue_new        (void);
/* Loads nothing yet: the first page is fetched when the queue is first shown. */
void              ybc_case_queue_setup      (YbcCaseQueue     *self,
                                             YbcApi           *api,
                                             const YbcUser    *user,
                                             YbcCaseQueueMode  mode);
/* "mine", "department", "county", "soon", "overdue" (as the toggle buttons do). */
void              ybc_case_queue_set_scope  (YbcCaseQueue     *self,
                                             const char       *scope);
const char       *ybc_case_queue_get_scope  (YbcCaseQueue     *self);
/* "due" or "created", as clicking that column's header does. */
void              ybc_case_queue_sort_by    (YbcCaseQueue     *self,
                                             const char       *sort);
const char       *ybc_case_queue_get_sort   (YbcCaseQueue     *self);
void              ybc_case_queue_reload     (YbcCaseQueue     *self);
YbcCaseListModel *ybc_case_queue_get_model  (YbcCaseQueue     *self);
/* As a double click or Enter on row @position does. */
void              ybc_case_queue_activate_row (YbcCaseQueue   *self,
                                               guint           position);
/* Scrolls to the end of what is loaded, as a user would (loads the next page). */
void              ybc_case_queue_scroll_to_end (YbcCaseQueue  *self);

G_END_DECLS
