/* ybc-action-dialog.h: the form of one procedure action on a case, built from the
 * action's definition in the item's procedure, checked as the clerk types and ticks by
 * the same engine the server runs, and submitted with the version the clerk saw. */
#pragma once

#include <adwaita.h>

#include "ybc-api.h"
#include "ybc-field-editor.h"
#include "ybc-materials-checklist.h"

G_BEGIN_DECLS

#define YBC_TYPE_ACTION_DIALOG (ybc_action_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YbcActionDialog, ybc_action_dialog, YBC, ACTION_DIALOG, AdwWindow)

/* @item_json is the item's definition as GET /api/v1/catalogue/{region}/{code} answers
 * it (with its procedure). Returns a window owned by GTK, as gtk_window_new does, or
 * NULL (and @error) when the item has no such action.
 * Signals: "done" (YbcCase *updated) after the action was taken, just before the dialog
 * closes itself; "stale" when the server refused the version or state the form was
 * opened on: load the case again and pass it to ybc_action_dialog_set_case. */
YbcActionDialog *ybc_action_dialog_new          (GtkWindow     *parent,
                                                 YbcApi        *api,
                                                 const YbcUser *user,
                                                 YbcCase       *kase,
                                                 JsonNode      *item_json,
                                                 const char    *action_id,
                                                 GError       **error);
const char      *ybc_action_dialog_get_action_id (YbcActionDialog *self);
/* The case changed under the form (reloaded after a 412): the version to send and what
 * may be done now follow it; what the clerk entered stays. */
void             ybc_action_dialog_set_case     (YbcActionDialog *self,
                                                 YbcCase         *kase);
/* As the Submit button does. */
void             ybc_action_dialog_submit       (YbcActionDialog *self);
gboolean         ybc_action_dialog_get_busy     (YbcActionDialog *self);
/* The widgets, for tests driving the real form. */
YbcFieldEditor  *ybc_action_dialog_get_editor   (YbcActionDialog *self,
                                                 const char      *field_id);
YbcMaterialsChecklist *ybc_action_dialog_get_checklist (YbcActionDialog *self);
/* Chooses material set @id in the dropdown. FALSE when there is no such set. */
gboolean         ybc_action_dialog_choose_material_set (YbcActionDialog *self,
                                                        const char      *id);
void             ybc_action_dialog_set_reason   (YbcActionDialog *self,
                                                 const char      *reason);
/* The lines of the notice preview, in order (owned). */
GStrv            ybc_action_dialog_dup_notice_lines (YbcActionDialog *self);
/* The banner at the top: its heading and its list, "" when hidden. */
char            *ybc_action_dialog_dup_banner_text  (YbcActionDialog *self);

G_END_DECLS
