/* ybc-new-case-dialog.h: creating a case of one item: the party, checked as the clerk
 * types by yb_party_check (the server runs the same check), and the case type when the
 * item has material sets. */
#pragma once

#include <adwaita.h>

#include "ybc-api.h"

G_BEGIN_DECLS

#define YBC_TYPE_NEW_CASE_DIALOG (ybc_new_case_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YbcNewCaseDialog, ybc_new_case_dialog, YBC, NEW_CASE_DIALOG, AdwWindow)

/* A window owned by GTK. Signal "created" (YbcCase *kase) once the server has created
 * the case; the dialog then closes itself. */
YbcNewCaseDialog *ybc_new_case_dialog_new      (GtkWindow        *parent,
                                                YbcApi           *api,
                                                const YbItem     *item);
/* "person", "unit", "institution", "none", as the dropdown chooses. */
void              ybc_new_case_dialog_set_kind (YbcNewCaseDialog *self,
                                                const char       *kind);
/* Chooses material set @id; FALSE when the item has no such set. */
gboolean          ybc_new_case_dialog_choose_material_set (YbcNewCaseDialog *self,
                                                           const char       *id);
/* As the Create button does. */
void              ybc_new_case_dialog_submit   (YbcNewCaseDialog *self);
gboolean          ybc_new_case_dialog_get_busy (YbcNewCaseDialog *self);

G_END_DECLS
