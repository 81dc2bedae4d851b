/* yb-materials.h: the material check behind 一次性告知. Given an item's materials (with
 * alternatives and sets) and what the applicant handed in, it lists every problem at once:
 * each missing material, each without a required seal, each copy where an original is
 * required, too few copies, a material given twice, an unknown material, a missing or
 * unknown material set. The client runs it for instant feedback; the server runs it as
 * the authority. */
#pragma once

#include "yb-catalogue.h"

G_BEGIN_DECLS

/* Problem codes (field = the material id from the item definition, or "material_set"):
 *   material.missing            none of the material (or of its alternatives) handed in
 *   material.seal_required      handed in without the unit's seal where one is required
 *   material.original_required  only a copy where the original is required
 *   material.copies             fewer copies than required ("须 2 份，仅 1 份")
 *   material.duplicate          the same material (or two alternatives of one) twice
 *   material.unknown            an id the item does not have
 *   material.not_in_set         a material that belongs only to another set (a sign the
 *                               wrong set was chosen)
 *   material_set.required       the item has sets and none was chosen
 *   material_set.unknown        a set the item does not have
 *   material.invalid            an entry that is not {id, …} or has a mistyped
 *                               attribute (field = the material id, or "materials")
 * Messages are Chinese and name the material as the applicant knows it.
 *
 * @submitted: [{id, original?, copy?, sealed?, copies?}, …] (copies defaults to 1); an
 * alternative of an any_of material is handed in under its own id and must meet its own
 * requirements and its material's. "Only a copy" means copy: true without original:
 * true; an entry saying neither is taken as what the material asks for. When the item
 * has sets and none (or an unknown one) is chosen, that is the only problem: the
 * required list is unknown. Otherwise the problems come in the item's material order
 * (per material: missing, or duplicate, seal_required, original_required, copies),
 * then unknown / not_in_set / invalid entries in the order handed in, each id once. */
gboolean yb_materials_check (const YbItem *item,
                             const char   *material_set,
                             JsonArray    *submitted,
                             YbProblems   *problems);

/* The materials (YbMaterial*, borrowed) required for @material_set (all of them when
 * the item has no sets), in the item's order; NULL and a problem when the set is
 * missing or unknown (@problems may be NULL). */
GPtrArray *yb_materials_required (const YbItem *item,
                                  const char   *material_set,
                                  YbProblems   *problems);

G_END_DECLS
