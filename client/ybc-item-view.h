/* ybc-item-view.h: one catalogue item, fetched from the server when it is shown. */
#pragma once

#include <gtk/gtk.h>

#include "ybc-api.h"

G_BEGIN_DECLS

#define YBC_TYPE_ITEM_VIEW (ybc_item_view_get_type ())
G_DECLARE_FINAL_TYPE (YbcItemView, ybc_item_view, YBC, ITEM_VIEW, GtkWidget)

typedef enum {
  YBC_ITEM_VIEW_EMPTY,
  YBC_ITEM_VIEW_LOADING,
  YBC_ITEM_VIEW_ERROR,
  YBC_ITEM_VIEW_LOADED,
} YbcItemViewState;

GtkWidget        *ybc_item_view_new        (void);
void              ybc_item_view_set_api    (YbcItemView *self,
                                            YbcApi      *api);
/* Fetches and shows item @code of county @region_code; @category_name (may be NULL) is
 * shown until the server's answer brings its own. A load in flight is cancelled. */
void              ybc_item_view_load       (YbcItemView *self,
                                            const char  *region_code,
                                            const char  *code,
                                            const char  *category_name);
/* Fetches the current item again (the Retry button, F5). */
void              ybc_item_view_reload     (YbcItemView *self);
void              ybc_item_view_clear      (YbcItemView *self);
YbcItemViewState  ybc_item_view_get_state  (YbcItemView *self);
const char       *ybc_item_view_get_code   (YbcItemView *self);
/* The item on display (NULL unless the state is LOADED). */
const YbItem     *ybc_item_view_get_item   (YbcItemView *self);
/* The error's message when the state is ERROR. */
const char       *ybc_item_view_get_error_message (YbcItemView *self);

G_END_DECLS
