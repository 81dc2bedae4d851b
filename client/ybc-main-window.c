/* ybc-main-window.c: the main window. Loads the county's catalogue into the sidebar (a
 * GtkListBox with a heading per category, filtered by the search entry), shows the
 * selected item in a YbcItemView, and keeps its size in GSettings. Beside the catalogue,
 * switched in the header: the work queue, the approvals inbox (for users whose roles
 * review what clerks did) and the case last opened. Logging out and quitting are
 * application actions; reload, search, new case and the view switch are the window's. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-main-window.h"

#include <glib/gi18n.h>

#include "ybc-case-queue.h"
#include "ybc-case-view.h"
#include "ybc-item-view.h"
#include "ybc-new-case-dialog.h"

#define ITEM_KEY "ybc-item"

struct _YbcMainWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  GtkLabel             *user_label;
  GtkWidget            *user_box;
  GtkWidget            *logout_button;
  GtkPaned             *paned;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkSpinner           *sidebar_spinner;
  AdwStatusPage        *sidebar_error_page;
  GtkListBox           *item_list;
  GtkScrolledWindow    *list_scroller;
  YbcItemView          *item_view;
  AdwViewStack         *view_stack;
  AdwViewStackPage     *approvals_page;
  AdwViewStackPage     *case_page;
  YbcCaseQueue         *queue;
  YbcCaseQueue         *approvals_queue;
  YbcCaseView          *case_view;
  GtkWidget            *new_case_button;

  /* owned */
  GSettings            *settings;
  YbcApi               *api;
  YbcUser              *user;
  YbcCatalogue         *catalogue;
  GCancellable         *cancellable;
  char                 *selected_code;   /* survives a reload of the catalogue */
  char                 *pending_code;    /* asked for before the catalogue arrived */
  char                 *search_folded;
  char                 *item_title;      /* the window's title on the catalogue */
  guint                 scroll_tick_id;
};

G_DEFINE_FINAL_TYPE (YbcMainWindow, ybc_main_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_API,
  PROP_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_catalogue (YbcMainWindow *self);

/* ------------------------------------------------------------------------- helpers */

static const YbcItemSummary *
row_get_item (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), ITEM_KEY) : NULL;
}

static GtkListBoxRow *
find_row (YbcMainWindow *self,
          const char    *code)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->item_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const YbcItemSummary *item;

      if (!GTK_IS_LIST_BOX_ROW (child))
        continue;
      item = row_get_item (GTK_LIST_BOX_ROW (child));
      if (item != NULL && g_strcmp0 (item->code, code) == 0)
        return GTK_LIST_BOX_ROW (child);
    }
  return NULL;
}

static GtkListBoxRow *
first_visible_row (YbcMainWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->item_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child)
          && row_get_item (GTK_LIST_BOX_ROW (child)) != NULL)
        return GTK_LIST_BOX_ROW (child);
    }
  return NULL;
}

static void
show_toast (YbcMainWindow *self,
            const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
item_matches (const YbcItemSummary *item,
              const char           *folded)
{
  const char *fields[] = { item->code, item->name, item->full_name, item->department_name };

  if (folded == NULL || *folded == '\0')
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *field = NULL;

      if (fields[i] == NULL)
        continue;
      field = g_utf8_casefold (fields[i], -1);
      if (strstr (field, folded) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  YbcMainWindow *self = user_data;
  const YbcItemSummary *item = row_get_item (row);

  return item != NULL && item_matches (item, self->search_folded);
}

/* A heading above the first (visible) item of each category. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  const YbcItemSummary *item = row_get_item (row);
  const YbcItemSummary *previous = row_get_item (before);
  GtkWidget *header;

  if (item == NULL || (previous != NULL && g_strcmp0 (previous->category_code, item->category_code) == 0))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_list_box_row_get_header (row);
  if (header == NULL)
    {
      header = gtk_label_new (item->category_name);
      gtk_label_set_xalign (GTK_LABEL (header), 0.0f);
      gtk_widget_add_css_class (header, "ybc-category-header");
      gtk_accessible_update_property (GTK_ACCESSIBLE (header),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, item->category_name,
                                      -1);
      gtk_list_box_row_set_header (row, header);
    }
}

static GtkWidget *
new_item_row (const YbcItemSummary *item)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *code = gtk_label_new (item->code);
  GtkWidget *name = gtk_label_new (item->name);
  g_autofree char *accessible = g_strdup_printf ("%s %s", item->code, item->name);

  /* The code lines up with the first line of a name that wraps. */
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (code), 0.0f);
  gtk_widget_set_valign (code, GTK_ALIGN_BASELINE);
  gtk_widget_add_css_class (code, "ybc-item-code");
  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_widget_set_valign (name, GTK_ALIGN_BASELINE);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), code);
  gtk_box_append (GTK_BOX (box), name);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  if (item->full_name != NULL && g_strcmp0 (item->full_name, item->name) != 0)
    gtk_widget_set_tooltip_text (row, item->full_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data (G_OBJECT (row), ITEM_KEY, (gpointer) item);
  return row;
}

static void
clear_rows (YbcMainWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->item_list))) != NULL)
    gtk_list_box_remove (self->item_list, child);
}

static void
fill_rows (YbcMainWindow *self)
{
  clear_rows (self);
  for (guint i = 0; i < self->catalogue->categories->len; i++)
    {
      const YbcCategory *category = g_ptr_array_index (self->catalogue->categories, i);

      for (guint j = 0; j < category->items->len; j++)
        gtk_list_box_append (self->item_list, new_item_row (g_ptr_array_index (category->items, j)));
    }
}

/* Name, county and roles in the header; the department and bureau, which can be long,
 * in its tooltip. */
static void
update_user (YbcMainWindow *self)
{
  g_autofree char *summary = NULL;
  g_autoptr(GString) details = NULL;

  if (self->user == NULL)
    return;
  summary = ybc_user_dup_summary (self->user);
  gtk_label_set_text (self->user_label, summary);

  details = g_string_new (summary);
  if (self->user->department_name != NULL && *self->user->department_name != '\0')
    g_string_append_printf (details, "\n%s", self->user->department_name);
  if (self->user->bureau != NULL && *self->user->bureau != '\0')
    g_string_append_printf (details, "\n%s", self->user->bureau);
  gtk_widget_set_tooltip_text (self->user_box, details->str);
}

static void
update_title (YbcMainWindow *self)
{
  const char *subtitle = NULL;

  if (self->catalogue != NULL)
    subtitle = self->catalogue->bureau ? self->catalogue->bureau : self->catalogue->region_name;
  else if (self->user != NULL)
    subtitle = self->user->bureau ? self->user->bureau : self->user->region_name;
  adw_view_switcher_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
}

/* The window's title says what is on screen (launchers and screenshots look for it). */
static void
update_window_title (YbcMainWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);
  YbcCase *kase = ybc_case_view_get_case (self->case_view);
  g_autofree char *title = NULL;

  if (g_strcmp0 (view, "queue") == 0)
    title = g_strdup_printf (_("%s — %s"), _("Work Queue"), _("Medical Insurance Services"));
  else if (g_strcmp0 (view, "approvals") == 0)
    title = g_strdup_printf (_("%s — %s"), _("Approvals"), _("Medical Insurance Services"));
  else if (g_strcmp0 (view, "case") == 0 && kase != NULL)
    title = g_strdup_printf (_("%s %s — %s"), kase->case_no, kase->item_name ? kase->item_name : kase->item_code,
                             _("Medical Insurance Services"));
  else if (self->item_title != NULL)
    title = g_strdup (self->item_title);
  else
    title = g_strdup (_("Medical Insurance Services"));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
restore_state (YbcMainWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* Brings the selected row (and its category heading) into view. Runs from the frame
 * clock because a row chosen before the first layout (--item, a reload) has no position
 * yet; it waits for one. */
static gboolean
scroll_to_selected_tick (GtkWidget     *widget,
                         GdkFrameClock *frame_clock,
                         gpointer       user_data)
{
  YbcMainWindow *self = user_data;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->item_list);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->list_scroller);
  GtkWidget *header;
  graphene_rect_t bounds;
  double top, bottom, value, page;

  if (row == NULL)
    {
      self->scroll_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (!gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->item_list), &bounds)
      || bounds.size.height <= 0 || gtk_adjustment_get_page_size (adjustment) <= 0)
    return G_SOURCE_CONTINUE;

  top = bounds.origin.y;
  bottom = top + bounds.size.height;
  header = gtk_list_box_row_get_header (row);
  if (header != NULL && gtk_widget_get_visible (header)
      && gtk_widget_compute_bounds (header, GTK_WIDGET (self->item_list), &bounds))
    top = MIN (top, bounds.origin.y);

  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (top < value || bottom > value + page)
    gtk_adjustment_set_value (adjustment, MAX (0, top - (page - (bottom - top)) / 3));

  self->scroll_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
scroll_to_selected (YbcMainWindow *self)
{
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->item_list),
                                                         scroll_to_selected_tick, self, NULL);
}

/* ------------------------------------------------------------------------- callbacks */

static void
on_catalogue_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(YbcMainWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbcCatalogue) catalogue = NULL;
  g_autofree char *code = NULL;

  catalogue = ybc_api_get_catalogue_finish (YBC_API (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->sidebar_spinner, FALSE);

  if (catalogue == NULL)
    {
      /* A 401 ends the session: the application takes the user back to the login. */
      if (!g_error_matches (error, YBC_API_ERROR, YBC_API_ERROR_UNAUTHORIZED))
        {
          adw_status_page_set_description (self->sidebar_error_page, error->message);
          gtk_stack_set_visible_child_name (self->sidebar_stack, "error");
        }
      return;
    }

  /* The rows point into the catalogue: remove them before it goes. */
  clear_rows (self);
  g_clear_pointer (&self->catalogue, ybc_catalogue_free);
  self->catalogue = g_steal_pointer (&catalogue);
  fill_rows (self);
  update_title (self);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "list");

  code = g_strdup (self->pending_code ? self->pending_code : self->selected_code);
  g_clear_pointer (&self->pending_code, g_free);
  if (code != NULL)
    ybc_main_window_select_item (self, code);
  else
    {
      GtkListBoxRow *first = first_visible_row (self);

      if (first != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (first));
    }
}

static void
on_row_selected (YbcMainWindow *self,
                 GtkListBoxRow *row)
{
  const YbcItemSummary *item = row_get_item (row);

  if (item == NULL)
    return;
  if (g_strcmp0 (self->selected_code, item->code) == 0
      && g_strcmp0 (ybc_item_view_get_code (self->item_view), item->code) == 0
      && ybc_item_view_get_state (self->item_view) != YBC_ITEM_VIEW_ERROR)
    return;

  g_free (self->selected_code);
  self->selected_code = g_strdup (item->code);
  ybc_item_view_load (self->item_view, self->catalogue->region_code, item->code, item->category_name);
}

static void
on_item_loaded (YbcMainWindow *self,
                const char    *code,
                const char    *name)
{
  g_free (self->item_title);
  /* Translators: window title: item code, item name, application name */
  self->item_title = g_strdup_printf (_("%s %s — %s"), code, name, _("Medical Insurance Services"));
  update_window_title (self);
}

static void
on_search_changed (YbcMainWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_free (self->search_folded);
  self->search_folded = g_utf8_casefold (stripped, -1);
  gtk_list_box_invalidate_filter (self->item_list);
}

static void
on_search_stop (YbcMainWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->item_list);

      if (row == NULL)
        row = first_visible_row (self);
      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

/* Enter in the search entry: open the first match and move into the list. */
static void
on_search_activate (YbcMainWindow *self)
{
  GtkListBoxRow *row = first_visible_row (self);

  if (row == NULL)
    return;
  gtk_list_box_select_row (self->item_list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
on_search_next (YbcMainWindow *self)
{
  on_search_activate (self);
}

/* Down arrow from the search entry goes into the list, as in a file chooser. */
static gboolean
on_search_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       gpointer               user_data)
{
  YbcMainWindow *self = user_data;
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  row = first_visible_row (self);
  if (row == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return GDK_EVENT_STOP;
}

static void
reload_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  YbcMainWindow *self = YBC_MAIN_WINDOW (user_data);
  const char *view = ybc_main_window_get_view (self);

  /* F5 reloads what is on screen. */
  if (g_strcmp0 (view, "queue") == 0)
    ybc_case_queue_reload (self->queue);
  else if (g_strcmp0 (view, "approvals") == 0)
    ybc_case_queue_reload (self->approvals_queue);
  else if (g_strcmp0 (view, "case") == 0)
    ybc_case_view_reload (self->case_view);
  else
    ybc_main_window_reload (self);
}

static void
new_case_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ybc_main_window_new_case (YBC_MAIN_WINDOW (user_data));
}

static void
view_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ybc_main_window_show_view (YBC_MAIN_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

/* Who may open a case (the server's rule: clerks, chiefs, inspectors). */
static gboolean
can_create_cases (const YbcUser *user)
{
  return ybc_user_has_role (user, "clerk") || ybc_user_has_role (user, "chief")
         || ybc_user_has_role (user, "inspector");
}

/* Who gets the approvals inbox: anyone with a role that takes steps a clerk does not. */
static gboolean
reviews_cases (const YbcUser *user)
{
  static const char *roles[] = { "chief", "leader", "inspector", "settlement" };

  for (gsize i = 0; i < G_N_ELEMENTS (roles); i++)
    if (ybc_user_has_role (user, roles[i]))
      return TRUE;
  return FALSE;
}

static void
update_new_case_action (YbcMainWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "new-case");
  const YbItem *item = ybc_item_view_get_item (self->item_view);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               item != NULL && item->procedure != NULL && can_create_cases (self->user));
}

static void
on_item_state (YbcMainWindow *self)
{
  update_new_case_action (self);
}

static void
on_case_activated (YbcMainWindow *self,
                   gint64         id)
{
  ybc_main_window_open_case (self, id);
}

static void
on_case_created (YbcMainWindow *self,
                 YbcCase       *kase)
{
  g_autofree char *message = g_strdup_printf (_("Case %s created"), kase->case_no);

  ybc_case_view_show_case (self->case_view, kase);
  ybc_main_window_show_view (self, "case");
  show_toast (self, message);
  ybc_case_queue_reload (self->queue);
}

static void
on_case_loaded (YbcMainWindow *self,
                YbcCase       *kase)
{
  adw_view_stack_page_set_title (self->case_page, kase->case_no);
  adw_view_stack_page_set_visible (self->case_page, TRUE);
  update_window_title (self);
  if (g_strcmp0 (ybc_main_window_get_view (self), "case") == 0 && gtk_widget_get_mapped (GTK_WIDGET (self))
      && gtk_window_get_focus (GTK_WINDOW (self)) == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->case_view));
}

/* A step was taken: the lists that show the case are out of date. */
static void
on_case_changed (YbcMainWindow *self)
{
  ybc_case_queue_reload (self->queue);
  if (adw_view_stack_page_get_visible (self->approvals_page))
    ybc_case_queue_reload (self->approvals_queue);
}

static void
on_view_changed (YbcMainWindow *self)
{
  const char *view = ybc_main_window_get_view (self);

  update_window_title (self);
  /* The keyboard goes where the work is. */
  if (g_strcmp0 (view, "queue") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->queue));
  else if (g_strcmp0 (view, "approvals") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->approvals_queue));
  else if (g_strcmp0 (view, "case") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->case_view));
}

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  YbcMainWindow *self = YBC_MAIN_WINDOW (user_data);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* ------------------------------------------------------------------------- loading */

static void
load_catalogue (YbcMainWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_stack_set_visible_child_name (self->sidebar_stack, "loading");
  gtk_spinner_set_spinning (self->sidebar_spinner, TRUE);

  /* A county user gets their county; a city-level user gets the city's default. */
  ybc_api_get_catalogue_async (self->api, NULL, self->cancellable,
                               on_catalogue_loaded, g_object_ref (self));
}

/* ------------------------------------------------------------------------- public API */

YbcMainWindow *
ybc_main_window_new (GtkApplication *application,
                     YbcApi         *api,
                     const YbcUser  *user)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (YBC_IS_API (api), NULL);
  g_return_val_if_fail (user != NULL, NULL);

  return g_object_new (YBC_TYPE_MAIN_WINDOW,
                       "application", application,
                       "api", api,
                       "user", user,
                       NULL);
}

const YbcUser *
ybc_main_window_get_user (YbcMainWindow *self)
{
  g_return_val_if_fail (YBC_IS_MAIN_WINDOW (self), NULL);
  return self->user;
}

const YbcCatalogue *
ybc_main_window_get_catalogue (YbcMainWindow *self)
{
  g_return_val_if_fail (YBC_IS_MAIN_WINDOW (self), NULL);
  return self->catalogue;
}

void
ybc_main_window_reload (YbcMainWindow *self)
{
  g_return_if_fail (YBC_IS_MAIN_WINDOW (self));

  /* Reselecting after the reload fetches the item again. */
  if (self->selected_code != NULL && self->pending_code == NULL)
    self->pending_code = g_strdup (self->selected_code);
  g_clear_pointer (&self->selected_code, g_free);
  load_catalogue (self);
}

gboolean
ybc_main_window_select_item (YbcMainWindow *self,
                             const char    *code)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (YBC_IS_MAIN_WINDOW (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (self->catalogue == NULL)
    {
      g_free (self->pending_code);
      self->pending_code = g_strdup (code);
      return TRUE;
    }

  row = find_row (self, code);
  if (row == NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("There is no item %s in the catalogue of %s"), code,
                                 self->catalogue->region_name ? self->catalogue->region_name
                                                              : self->catalogue->region_code);
      show_toast (self, message);
      return FALSE;
    }

  /* A filtered-out item would be selected but invisible: show everything again. */
  if (!filter_row (row, self))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (gtk_list_box_get_selected_row (self->item_list) == row)
    on_row_selected (self, row);
  else
    gtk_list_box_select_row (self->item_list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  scroll_to_selected (self);
  return TRUE;
}

void
ybc_main_window_set_search_text (YbcMainWindow *self,
                                 const char    *text)
{
  g_return_if_fail (YBC_IS_MAIN_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* The entry reports changes after a delay; the filter should not wait. */
  on_search_changed (self);
}

guint
ybc_main_window_get_n_visible_items (YbcMainWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (YBC_IS_MAIN_WINDOW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->item_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child)
        && row_get_item (GTK_LIST_BOX_ROW (child)) != NULL)
      n++;
  return n;
}

void
ybc_main_window_show_view (YbcMainWindow *self,
                           const char    *view)
{
  g_return_if_fail (YBC_IS_MAIN_WINDOW (self));
  g_return_if_fail (view != NULL);

  if (g_str_equal (view, "approvals") && !adw_view_stack_page_get_visible (self->approvals_page))
    return;
  if (g_str_equal (view, "case") && !adw_view_stack_page_get_visible (self->case_page))
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

const char *
ybc_main_window_get_view (YbcMainWindow *self)
{
  g_return_val_if_fail (YBC_IS_MAIN_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
ybc_main_window_open_case (YbcMainWindow *self,
                           gint64         id)
{
  g_return_if_fail (YBC_IS_MAIN_WINDOW (self));

  adw_view_stack_page_set_visible (self->case_page, TRUE);
  ybc_case_view_load (self->case_view, id);
  ybc_main_window_show_view (self, "case");
}

void
ybc_main_window_open_case_with (YbcMainWindow *self,
                                gint64         id,
                                const char    *action_id,
                                gint64         document_id)
{
  g_return_if_fail (YBC_IS_MAIN_WINDOW (self));

  adw_view_stack_page_set_visible (self->case_page, TRUE);
  ybc_case_view_load_and_open (self->case_view, id, action_id, document_id);
  ybc_main_window_show_view (self, "case");
}

YbcNewCaseDialog *
ybc_main_window_new_case (YbcMainWindow *self)
{
  YbcNewCaseDialog *dialog;
  GAction *action;
  const YbItem *item;

  g_return_val_if_fail (YBC_IS_MAIN_WINDOW (self), NULL);

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "new-case");
  item = ybc_item_view_get_item (self->item_view);
  if (item == NULL || !g_action_get_enabled (action))
    return NULL;
  dialog = ybc_new_case_dialog_new (GTK_WINDOW (self), self->api, item);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_case_created), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
ybc_main_window_save_state (YbcMainWindow *self)
{
  int width = 0;
  int height = 0;
  gboolean maximized;

  g_return_if_fail (YBC_IS_MAIN_WINDOW (self));

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  /* The default size is the unmaximized size; do not store a maximized one. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width >= 360)
        g_settings_set_int (self->settings, "window-width", width);
      if (height >= 360)
        g_settings_set_int (self->settings, "window-height", height);
    }
}

/* ------------------------------------------------------------------------- GObject */

static gboolean
ybc_main_window_close_request (GtkWindow *window)
{
  ybc_main_window_save_state (YBC_MAIN_WINDOW (window));
  return GTK_WINDOW_CLASS (ybc_main_window_parent_class)->close_request (window);
}

static void
ybc_main_window_constructed (GObject *object)
{
  YbcMainWindow *self = YBC_MAIN_WINDOW (object);

  G_OBJECT_CLASS (ybc_main_window_parent_class)->constructed (object);

  g_assert (self->api != NULL);
  ybc_item_view_set_api (self->item_view, self->api);
  ybc_case_queue_setup (self->queue, self->api, self->user, YBC_CASE_QUEUE_WORK);
  ybc_case_view_setup (self->case_view, self->api, self->user);
  if (reviews_cases (self->user))
    {
      ybc_case_queue_setup (self->approvals_queue, self->api, self->user, YBC_CASE_QUEUE_APPROVALS);
      adw_view_stack_page_set_visible (self->approvals_page, TRUE);
    }
  g_signal_connect_object (self->queue, "case-activated", G_CALLBACK (on_case_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->approvals_queue, "case-activated", G_CALLBACK (on_case_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->case_view, "case-loaded", G_CALLBACK (on_case_loaded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->case_view, "case-changed", G_CALLBACK (on_case_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item_view, "notify::state", G_CALLBACK (on_item_state), self, G_CONNECT_SWAPPED);
  update_new_case_action (self);
  update_user (self);
  update_title (self);
  restore_state (self);
  load_catalogue (self);
}

static void
ybc_main_window_dispose (GObject *object)
{
  YbcMainWindow *self = YBC_MAIN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->scroll_tick_id != 0 && self->item_list != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->item_list), self->scroll_tick_id);
  self->scroll_tick_id = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), YBC_TYPE_MAIN_WINDOW);

  G_OBJECT_CLASS (ybc_main_window_parent_class)->dispose (object);
}

static void
ybc_main_window_finalize (GObject *object)
{
  YbcMainWindow *self = YBC_MAIN_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->api);
  g_clear_pointer (&self->user, ybc_user_free);
  g_clear_pointer (&self->catalogue, ybc_catalogue_free);
  g_free (self->selected_code);
  g_free (self->pending_code);
  g_free (self->search_folded);
  g_free (self->item_title);

  G_OBJECT_CLASS (ybc_main_window_parent_class)->finalize (object);
}

static void
ybc_main_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YbcMainWindow *self = YBC_MAIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_API:
      g_value_set_object (value, self->api);
      break;
    case PROP_USER:
      g_value_set_boxed (value, self->user);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ybc_main_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  YbcMainWindow *self = YBC_MAIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_API:
      g_set_object (&self->api, g_value_get_object (value));
      break;
    case PROP_USER:
      g_clear_pointer (&self->user, ybc_user_free);
      self->user = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ybc_main_window_class_init (YbcMainWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ybc_main_window_constructed;
  object_class->dispose = ybc_main_window_dispose;
  object_class->finalize = ybc_main_window_finalize;
  object_class->get_property = ybc_main_window_get_property;
  object_class->set_property = ybc_main_window_set_property;
  window_class->close_request = ybc_main_window_close_request;

  properties[PROP_API] =
    g_param_spec_object ("api", NULL, NULL,
                         YBC_TYPE_API,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_boxed ("user", NULL, NULL,
                        YBC_TYPE_USER,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YBC_TYPE_ITEM_VIEW);
  g_type_ensure (YBC_TYPE_CASE_QUEUE);
  g_type_ensure (YBC_TYPE_CASE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/cn/yibao/Client/ybc-main-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, user_label);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, user_box);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, logout_button);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, sidebar_spinner);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, sidebar_error_page);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, item_list);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, item_view);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, approvals_page);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, case_page);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, queue);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, approvals_queue);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, case_view);
  gtk_widget_class_bind_template_child (widget_class, YbcMainWindow, new_case_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_item_loaded);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);
}

static const GActionEntry win_actions[] = {
  { .name = "reload", .activate = reload_action },
  { .name = "search", .activate = search_action },
  { .name = "new-case", .activate = new_case_action },
  { .name = "view", .activate = view_action, .parameter_type = "s" },
};

static void
ybc_main_window_init (YbcMainWindow *self)
{
  GtkEventController *keys;
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);

  self->settings = g_settings_new ("cn.yibao.Client");

  gtk_list_box_set_filter_func (self->item_list, filter_row, self, NULL);
  gtk_list_box_set_header_func (self->item_list, update_header, NULL, NULL);

  placeholder = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (placeholder), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (placeholder), _("No matching items"));
  adw_status_page_set_description (ADW_STATUS_PAGE (placeholder),
                                   _("Try a code such as 5-2, or part of an item's name."));
  gtk_widget_add_css_class (placeholder, "compact");
  gtk_list_box_set_placeholder (self->item_list, placeholder);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}
