/* yb-catalogue-private.h: what the catalogue files share inside common/: the checker
 * behind yb_catalogue_parse and the destructors of the catalogue's plain structs. */
#pragma once

#include "yb-catalogue.h"

G_BEGIN_DECLS

/* Adds every problem of the catalogue document @root to @problems. */
void yb_catalogue_check     (JsonNode   *root,
                             YbProblems *problems);

void yb_category_free       (gpointer    category);
void yb_department_clear    (YbDepartment *department);
void yb_department_free     (gpointer    department);
void yb_region_free         (gpointer    region);

G_END_DECLS
