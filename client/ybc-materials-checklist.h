/* ybc-materials-checklist.h: the materials the applicant hands in, as the window clerk
 * ticks them: for each material the item requires (in the chosen material set) whether
 * it is there, original or copy, sealed, how many copies; "any one of" materials as a
 * choice of one alternative. Its value is the "materials" array of the action body
 * (schema/catalogue/README.md), which yb_materials_check reads. */
#pragma once

#include <gtk/gtk.h>

#include "yb-catalogue.h"

G_BEGIN_DECLS

#define YBC_TYPE_MATERIALS_CHECKLIST (ybc_materials_checklist_get_type ())
G_DECLARE_FINAL_TYPE (YbcMaterialsChecklist, ybc_materials_checklist, YBC, MATERIALS_CHECKLIST, GtkWidget)

/* @item must outlive the checklist. */
GtkWidget  *ybc_materials_checklist_new              (const YbItem          *item);
/* Shows the materials of @material_set (all of them when the item has no sets); what was
 * ticked stays ticked where the new set has the same material. */
void        ybc_materials_checklist_set_material_set (YbcMaterialsChecklist *self,
                                                      const char            *material_set);
/* Ticks what @submitted says (a case's recorded materials); NULL clears. */
void        ybc_materials_checklist_set_submitted    (YbcMaterialsChecklist *self,
                                                      JsonArray             *submitted);
/* [{id, original, copy, sealed, copies}, …] for what is ticked as handed in. */
JsonArray  *ybc_materials_checklist_dup_submitted    (YbcMaterialsChecklist *self);
/* Puts each problem whose field is a shown material's id under that material (all of
 * them, joined); clears the others. Returns how many problems found a material. */
guint       ybc_materials_checklist_set_problems     (YbcMaterialsChecklist *self,
                                                      const YbProblems      *problems);
/* The message under material @id ("" when none; NULL when @id is not shown). */
const char *ybc_materials_checklist_get_message      (YbcMaterialsChecklist *self,
                                                      const char            *id);
guint       ybc_materials_checklist_get_n_materials  (YbcMaterialsChecklist *self);
/* Sets one material's controls as a clerk would click them: @id is a material's id or
 * an alternative's (which chooses that alternative). FALSE when @id is not shown. */
gboolean    ybc_materials_checklist_set_entry        (YbcMaterialsChecklist *self,
                                                      const char            *id,
                                                      gboolean               present,
                                                      gboolean               original,
                                                      gboolean               copy,
                                                      gboolean               sealed,
                                                      int                    copies);

G_END_DECLS
