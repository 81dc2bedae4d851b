/* ybc-case-timeline.h: the words an item's definition gives a case's steps, states,
 * materials and case types (the case list and history carry ids), and the timeline of a
 * case's history drawn with them. @item may be NULL (not loaded yet): the ids are shown. */
#pragma once

#include <gtk/gtk.h>

#include "yb-catalogue.h"

G_BEGIN_DECLS

/* "create" is the case's creation; an unknown id comes back as it is. */
const char *ybc_item_action_name       (const YbItem *item,
                                        const char   *id);
const char *ybc_item_state_name        (const YbItem *item,
                                        const char   *id);
/* A material's or an alternative's name. */
const char *ybc_item_material_name     (const YbItem *item,
                                        const char   *id);
const char *ybc_item_material_set_name (const YbItem *item,
                                        const char   *id);
/* Replaces the rows of @list with @history (GET /api/v1/cases/{id} "history"), newest
 * first. */
void        ybc_case_timeline_fill     (GtkListBox   *list,
                                        JsonArray    *history,
                                        const YbItem *item);

G_END_DECLS
