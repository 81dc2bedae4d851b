/* ybc-main-window.h: the window staff work in after logging in: who they are, their
 * county's catalogue in a searchable sidebar, and the selected item. */
#pragma once

#include <adwaita.h>

#include "ybc-api.h"
#include "ybc-new-case-dialog.h"

G_BEGIN_DECLS

#define YBC_TYPE_MAIN_WINDOW (ybc_main_window_get_type ())
G_DECLARE_FINAL_TYPE (YbcMainWindow, ybc_main_window, YBC, MAIN_WINDOW, AdwApplicationWindow)

YbcMainWindow      *ybc_main_window_new            (GtkApplication *application,
                                                    YbcApi         *api,
                                                    const YbcUser  *user);
const YbcUser      *ybc_main_window_get_user       (YbcMainWindow  *self);
/* NULL until the catalogue has loaded. */
const YbcCatalogue *ybc_main_window_get_catalogue  (YbcMainWindow  *self);
/* Reloads the catalogue, then the selected item (F5). */
void                ybc_main_window_reload         (YbcMainWindow  *self);
/* Selects item @code in the sidebar and shows it; before the catalogue has loaded the
 * choice waits for it. Returns FALSE (and says so in a toast) when the loaded catalogue
 * has no such item. */
gboolean            ybc_main_window_select_item    (YbcMainWindow  *self,
                                                    const char     *code);
/* Filters the sidebar as if typed into the search entry. */
void                ybc_main_window_set_search_text (YbcMainWindow *self,
                                                     const char    *text);
/* How many items the sidebar shows now (after the search filter). */
guint               ybc_main_window_get_n_visible_items (YbcMainWindow *self);
/* "catalogue", "queue", "approvals" (for those who review) or "case" (once one was
 * opened); Ctrl+1 … Ctrl+4. An unavailable view is ignored. */
void                ybc_main_window_show_view      (YbcMainWindow  *self,
                                                    const char     *view);
const char         *ybc_main_window_get_view       (YbcMainWindow  *self);
/* Loads case @id into the case view and shows it. */
void                ybc_main_window_open_case      (YbcMainWindow  *self,
                                                    gint64          id);
/* The same, then opens the form of step @action_id and/or document @document_id (0: none)
 * on it once loaded. */
void                ybc_main_window_open_case_with (YbcMainWindow  *self,
                                                    gint64          id,
                                                    const char     *action_id,
                                                    gint64          document_id);
/* Opens the new-case form for the item on display (Ctrl+N); NULL when there is none
 * or the user may not create cases. */
YbcNewCaseDialog   *ybc_main_window_new_case       (YbcMainWindow  *self);
/* Writes the window's size and maximized state to GSettings. */
void                ybc_main_window_save_state     (YbcMainWindow  *self);

G_END_DECLS
