/* ybc-case-view.h: one case, fetched from the server: header with its number, item,
 * state and due status, the next steps as buttons (each opening its form), party and
 * handling facts, deadlines, documents (open, print, save) and the timeline. */
#pragma once

#include <gtk/gtk.h>

#include "ybc-action-dialog.h"
#include "ybc-api.h"
#include "ybc-document.h"

G_BEGIN_DECLS

#define YBC_TYPE_CASE_VIEW (ybc_case_view_get_type ())
G_DECLARE_FINAL_TYPE (YbcCaseView, ybc_case_view, YBC, CASE_VIEW, GtkWidget)

typedef enum {
  YBC_CASE_VIEW_EMPTY,
  YBC_CASE_VIEW_LOADING,
  YBC_CASE_VIEW_ERROR,
  YBC_CASE_VIEW_LOADED,
} YbcCaseViewState;

GtkWidget        *ybc_case_view_new            (void);
void              ybc_case_view_setup          (YbcCaseView   *self,
                                                YbcApi        *api,
                                                const YbcUser *user);
/* Fetches case @id (a load in flight is cancelled). */
void              ybc_case_view_load           (YbcCaseView   *self,
                                                gint64         id);
/* Loads case @id, then opens the form of step @action_id and/or document @document_id
 * (0: none) once the case and its item's definition are in (a link, --case --action). */
void              ybc_case_view_load_and_open  (YbcCaseView   *self,
                                                gint64         id,
                                                const char    *action_id,
                                                gint64         document_id);
/* Shows @kase as given (just created: the server's answer is the case). */
void              ybc_case_view_show_case      (YbcCaseView   *self,
                                                YbcCase       *kase);
/* Fetches the shown case again, keeping it on screen meanwhile (F5). */
void              ybc_case_view_reload         (YbcCaseView   *self);
YbcCaseViewState  ybc_case_view_get_state      (YbcCaseView   *self);
/* The case on display, or NULL. */
YbcCase          *ybc_case_view_get_case       (YbcCaseView   *self);
/* Whether the item's definition (needed for the step forms) has arrived. */
gboolean          ybc_case_view_get_item_ready (YbcCaseView   *self);
const char       *ybc_case_view_get_error_message (YbcCaseView *self);
/* The button of step @action_id, or NULL. */
GtkWidget        *ybc_case_view_get_action_button (YbcCaseView *self,
                                                   const char  *action_id);
/* Opens the form of step @action_id as its button does; the dialog (owned by GTK) or
 * NULL when it cannot open (the message is shown in the view). */
YbcActionDialog  *ybc_case_view_open_action    (YbcCaseView   *self,
                                                const char    *action_id);
/* Opens the preview of document @id. */
YbcDocumentWindow *ybc_case_view_open_document (YbcCaseView   *self,
                                                gint64         id);
/* The message of the banner above the steps ("" when hidden). */
const char       *ybc_case_view_get_banner     (YbcCaseView   *self);

G_END_DECLS
