/* ybc-case-queue.c: the work queue. The list is the server's, page by page: sorting is
 * the server's too (sort=due, earliest first; sort=created, newest first), so the
 * column headers only choose which. GTK 4.8 does not tell which header was clicked
 * (gtk_column_view_sorter_get_primary_sort_column is 4.10), so the view's sorter is
 * asked with two probe rows that differ in one key only; the answer is then pinned to
 * the one direction the server offers for that key. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-case-queue.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#define LOAD_AHEAD_PAGES 1.5
#define PAGE_SIZE 50

typedef enum {
  COL_CASE_NO,
  COL_ITEM,
  COL_PARTY,
  COL_STATE,
  COL_ASSIGNEE,
  COL_DEPARTMENT,
  COL_CREATED,
  COL_DUE_ON,
  COL_DUE,
} Column;

struct _YbcCaseQueue
{
  GtkWidget             parent_instance;

  /* template widgets */
  GtkWidget            *toolbar;
  GtkLabel             *heading_label;
  GtkWidget            *scope_box;
  GtkToggleButton      *scope_mine;
  GtkToggleButton      *scope_department;
  GtkToggleButton      *scope_county;
  GtkToggleButton      *scope_soon;
  GtkToggleButton      *scope_overdue;
  GtkDropDown          *state_dropdown;
  GtkLabel             *count_label;
  GtkSpinner           *spinner;
  GtkStack             *stack;
  GtkScrolledWindow    *scroller;
  GtkColumnView        *column_view;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;

  /* borrowed: owned by the column view */
  GtkColumnViewColumn  *due_column;
  GtkColumnViewColumn  *created_column;

  /* owned */
  YbcApi               *api;
  YbcCaseListModel     *model;
  YbcCaseQueueMode      mode;
  char                 *scope;
  char                 *sort;
  gboolean              has_department;
  gboolean              started;
  gboolean              sorting;      /* pinning the header's sort: ignore our own change */
};

G_DEFINE_FINAL_TYPE (YbcCaseQueue, ybc_case_queue, GTK_TYPE_WIDGET)

enum {
  CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const due_classes[] = { "none", "on_time", "due_soon", "due_today", "overdue", NULL };
static const char * const kind_classes[] = { "open", "waiting", "closed", NULL };

/* ------------------------------------------------------------------------- cells */

static void
set_class (GtkWidget          *widget,
           const char * const *classes,
           const char         *wanted)
{
  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  if (wanted != NULL)
    gtk_widget_add_css_class (widget, wanted);
}

static GtkWidget *
new_cell_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = new_cell_label ();

  switch (column)
    {
    case COL_CASE_NO:
      {
        /* A stripe in the row's due colour before the number. */
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
        GtkWidget *stripe = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

        gtk_widget_add_css_class (stripe, "ybc-due-stripe");
        gtk_widget_add_css_class (label, "ybc-mono");
        gtk_box_append (GTK_BOX (box), stripe);
        gtk_box_append (GTK_BOX (box), label);
        gtk_list_item_set_child (list_item, box);
        return;
      }
    case COL_STATE:
      gtk_widget_add_css_class (label, "ybc-state");
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      break;
    case COL_DUE:
      gtk_widget_add_css_class (label, "ybc-due");
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      break;
    case COL_CREATED:
    case COL_DUE_ON:
      gtk_widget_add_css_class (label, "ybc-mono");
      break;
    case COL_ITEM:
    case COL_PARTY:
    case COL_ASSIGNEE:
    case COL_DEPARTMENT:
    default:
      break;
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  YbcCaseSummary *row = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkLabel *label = GTK_IS_LABEL (child) ? GTK_LABEL (child) : NULL;
  g_autofree char *text = NULL;

  switch (column)
    {
    case COL_CASE_NO:
      set_class (gtk_widget_get_first_child (child), due_classes, ybc_case_summary_get_due_status (row));
      label = GTK_LABEL (gtk_widget_get_last_child (child));
      gtk_label_set_text (label, ybc_case_summary_get_case_no (row));
      break;
    case COL_ITEM:
      text = g_strdup_printf ("%s %s", ybc_case_summary_get_item_code (row) ? ybc_case_summary_get_item_code (row) : "",
                              ybc_case_summary_get_item_name (row) ? ybc_case_summary_get_item_name (row) : "");
      gtk_label_set_text (label, text);
      gtk_widget_set_tooltip_text (child, text);
      break;
    case COL_PARTY:
      gtk_label_set_text (label, ybc_case_summary_get_party_name (row));
      gtk_widget_set_tooltip_text (child, ybc_case_summary_get_party_id_number (row));
      break;
    case COL_STATE:
      gtk_label_set_text (label, ybc_case_summary_get_state_name (row));
      set_class (child, kind_classes, ybc_case_summary_get_state_kind (row));
      break;
    case COL_ASSIGNEE:
      gtk_label_set_text (label, ybc_case_summary_get_assignee (row));
      break;
    case COL_DEPARTMENT:
      gtk_label_set_text (label, ybc_case_summary_get_department (row));
      break;
    case COL_CREATED:
      text = ybc_format_timestamp (ybc_case_summary_get_created_at (row));
      gtk_label_set_text (label, text);
      break;
    case COL_DUE_ON:
      gtk_label_set_text (label, ybc_case_summary_get_due_on (row) ? ybc_case_summary_get_due_on (row) : "—");
      break;
    case COL_DUE:
      {
        const char *status = ybc_case_summary_get_due_status (row);
        g_autofree char *days = ybc_format_days_left (status, ybc_case_summary_get_working_days_left (row));

        if (g_strcmp0 (status, "none") == 0 || *days == '\0')
          text = g_strdup (ybc_case_summary_get_due_label (row) ? ybc_case_summary_get_due_label (row) : "");
        else if (g_strcmp0 (status, "due_today") == 0 || g_strcmp0 (status, "overdue") == 0)
          /* "超期 2 个工作日" says it all */
          text = g_strdup (days);
        else
          /* Translators: due status and days, e.g. 已超期 · 超期 2 个工作日 */
          text = g_strdup_printf (_("%s · %s"), ybc_case_summary_get_due_label (row), days);
        gtk_label_set_text (label, text);
        set_class (child, due_classes, status);
      }
      break;
    default:
      break;
    }
}

/* Keys compared the way the server orders them: no due date sorts last. */
static int
compare_due (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const char *x = ybc_case_summary_get_due_on ((YbcCaseSummary *) a);
  const char *y = ybc_case_summary_get_due_on ((YbcCaseSummary *) b);

  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);
  return g_strcmp0 (x, y) < 0 ? GTK_ORDERING_SMALLER : g_strcmp0 (x, y) > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
compare_created (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  int c = g_strcmp0 (ybc_case_summary_get_created_at ((YbcCaseSummary *) a),
                     ybc_case_summary_get_created_at ((YbcCaseSummary *) b));

  return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static GtkColumnViewColumn *
add_column (YbcCaseQueue     *self,
            Column            column,
            const char       *title,
            int               fixed_width,
            gboolean          expand,
            GCompareDataFunc  compare)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  if (compare != NULL)
    {
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL));
      gtk_column_view_column_set_sorter (view_column, sorter);
    }
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
  return view_column;
}

/* ------------------------------------------------------------------------- state */

static void
update_status (YbcCaseQueue *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gboolean loading = ybc_case_list_model_get_loading (self->model);
  const char *error = ybc_case_list_model_get_error (self->model);
  g_autofree char *count = NULL;

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  if (ybc_case_list_model_get_has_more (self->model))
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case loaded; scroll down for more",
                                          "%u cases loaded; scroll down for more", n), n);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n), n);
  gtk_label_set_text (self->count_label, loading && n == 0 ? _("Loading…") : count);

  if (error != NULL && n == 0)
    {
      adw_status_page_set_description (self->error_page, error);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (n == 0 && !loading && self->started)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
  if (error != NULL && n > 0)
    gtk_label_set_text (self->count_label, error);
}

/* Loads the next page once the view is within one and a half screens of the end, or
 * when what is loaded does not fill the view. */
static void
maybe_load_more (YbcCaseQueue *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  if (self->model == NULL || !ybc_case_list_model_get_has_more (self->model))
    return;
  if (page <= 0 || value + page * (1 + LOAD_AHEAD_PAGES) >= upper)
    ybc_case_list_model_load_more (self->model);
}

static const char *
state_kind (YbcCaseQueue *self)
{
  static const char *kinds[] = { "active", "open", "waiting", "closed" };
  guint selected = gtk_drop_down_get_selected (self->state_dropdown);

  return selected < G_N_ELEMENTS (kinds) ? kinds[selected] : "active";
}

static void
apply_query (YbcCaseQueue *self)
{
  YbcCaseQuery query = { .sort = self->sort };
  gboolean due_filter = g_strcmp0 (self->scope, "soon") == 0 || g_strcmp0 (self->scope, "overdue") == 0;

  if (self->model == NULL)
    return;
  if (self->mode == YBC_CASE_QUEUE_APPROVALS)
    {
      query.scope = "county";
      query.inbox = "approvals";
      query.state_kind = "active";
      adw_status_page_set_description (self->empty_page, _("Nothing is waiting for your review or approval."));
    }
  else if (due_filter)
    {
      query.scope = "county";
      query.due = g_str_equal (self->scope, "soon") ? "soon" : "overdue";
      adw_status_page_set_description (self->empty_page,
                                       g_str_equal (self->scope, "soon")
                                       ? _("No open case is due within three working days.")
                                       : _("No open case is overdue."));
    }
  else
    {
      query.scope = self->scope;
      query.state_kind = state_kind (self);
      adw_status_page_set_description (self->empty_page, _("No cases match. Try another selection above."));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->state_dropdown), !due_filter);
  self->started = TRUE;
  ybc_case_list_model_set_query (self->model, &query);
  update_status (self);
}

/* Which sort the headers ask for, found by probing the view's sorter (see above). */
static void
on_sorter_changed (YbcCaseQueue *self)
{
  GtkSorter *sorter;
  g_autoptr(YbcCaseSummary) early_due = ybc_case_summary_new (1, "2000-01-01", "2000-01-01T00:00:00Z");
  g_autoptr(YbcCaseSummary) late_due = ybc_case_summary_new (2, "2000-01-02", "2000-01-01T00:00:00Z");
  g_autoptr(YbcCaseSummary) early_created = ybc_case_summary_new (3, "2000-01-01", "2000-01-01T00:00:00Z");
  g_autoptr(YbcCaseSummary) late_created = ybc_case_summary_new (4, "2000-01-01", "2000-01-02T00:00:00Z");
  gboolean by_due, by_created;
  const char *wanted;

  if (self->sorting || self->column_view == NULL)
    return;
  sorter = gtk_column_view_get_sorter (self->column_view);
  by_due = gtk_sorter_compare (sorter, early_due, late_due) != GTK_ORDERING_EQUAL;
  by_created = gtk_sorter_compare (sorter, early_created, late_created) != GTK_ORDERING_EQUAL;
  if (by_due && by_created)
    /* The newly clicked column joined the old one: the new one leads. */
    wanted = g_strcmp0 (self->sort, "due") == 0 ? "created" : "due";
  else if (by_due)
    wanted = "due";
  else if (by_created)
    wanted = "created";
  else
    wanted = self->sort;
  ybc_case_queue_sort_by (self, wanted);
}

/* ------------------------------------------------------------------------- callbacks */

static void
on_scope_toggled (YbcCaseQueue    *self,
                  GtkToggleButton *button)
{
  const char *scope;

  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->scope_department)
    scope = "department";
  else if (button == self->scope_county)
    scope = "county";
  else if (button == self->scope_soon)
    scope = "soon";
  else if (button == self->scope_overdue)
    scope = "overdue";
  else
    scope = "mine";
  if (g_strcmp0 (self->scope, scope) == 0)
    return;
  g_free (self->scope);
  self->scope = g_strdup (scope);
  if (self->started)
    apply_query (self);
}

static void
on_state_selected (YbcCaseQueue *self)
{
  if (self->started)
    apply_query (self);
}

static void
on_reload_clicked (YbcCaseQueue *self)
{
  ybc_case_queue_reload (self);
}

static void
on_retry_clicked (YbcCaseQueue *self)
{
  if (self->model != NULL)
    ybc_case_list_model_retry (self->model);
}

static void
on_row_activated (YbcCaseQueue *self,
                  guint         position)
{
  ybc_case_queue_activate_row (self, position);
}

static void
on_model_notify (YbcCaseQueue *self)
{
  update_status (self);
}

static void
on_items_changed (YbcCaseQueue *self)
{
  update_status (self);
}

static void
on_map (YbcCaseQueue *self)
{
  if (!self->started && self->model != NULL)
    apply_query (self);
}

/* ------------------------------------------------------------------------- public API */

GtkWidget *
ybc_case_queue_new (void)
{
  return g_object_new (YBC_TYPE_CASE_QUEUE, NULL);
}

void
ybc_case_queue_setup (YbcCaseQueue     *self,
                      YbcApi           *api,
                      const YbcUser    *user,
                      YbcCaseQueueMode  mode)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  g_return_if_fail (YBC_IS_CASE_QUEUE (self));
  g_return_if_fail (YBC_IS_API (api));
  g_return_if_fail (user != NULL);
  g_return_if_fail (self->model == NULL);

  self->api = g_object_ref (api);
  self->mode = mode;
  self->has_department = user->department_code != NULL;
  self->model = ybc_case_list_model_new (api, PAGE_SIZE);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify", G_CALLBACK (on_model_notify), self, G_CONNECT_SWAPPED);

  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  gtk_widget_set_visible (GTK_WIDGET (self->scope_department), self->has_department);
  if (mode == YBC_CASE_QUEUE_APPROVALS)
    {
      gtk_widget_set_visible (self->scope_box, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->state_dropdown), FALSE);
      gtk_label_set_text (self->heading_label, _("Steps waiting for your review or approval"));
      gtk_widget_set_visible (GTK_WIDGET (self->heading_label), TRUE);
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    apply_query (self);
}

void
ybc_case_queue_set_scope (YbcCaseQueue *self,
                          const char   *scope)
{
  GtkToggleButton *button = self->scope_mine;

  g_return_if_fail (YBC_IS_CASE_QUEUE (self));

  if (g_strcmp0 (scope, "department") == 0)
    button = self->scope_department;
  else if (g_strcmp0 (scope, "county") == 0)
    button = self->scope_county;
  else if (g_strcmp0 (scope, "soon") == 0)
    button = self->scope_soon;
  else if (g_strcmp0 (scope, "overdue") == 0)
    button = self->scope_overdue;
  if (gtk_toggle_button_get_active (button))
    {
      if (!self->started)
        apply_query (self);
      return;
    }
  gtk_toggle_button_set_active (button, TRUE);
  if (!self->started)
    apply_query (self);
}

const char *
ybc_case_queue_get_scope (YbcCaseQueue *self)
{
  g_return_val_if_fail (YBC_IS_CASE_QUEUE (self), NULL);
  return self->scope;
}

void
ybc_case_queue_sort_by (YbcCaseQueue *self,
                        const char   *sort)
{
  gboolean by_created;

  g_return_if_fail (YBC_IS_CASE_QUEUE (self));

  by_created = g_strcmp0 (sort, "created") == 0;
  /* The arrow shows the server's one direction for that key. */
  self->sorting = TRUE;
  gtk_column_view_sort_by_column (self->column_view,
                                  by_created ? self->created_column : self->due_column,
                                  by_created ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->sorting = FALSE;
  if (g_strcmp0 (self->sort, by_created ? "created" : "due") == 0)
    return;
  g_free (self->sort);
  self->sort = g_strdup (by_created ? "created" : "due");
  if (self->started)
    apply_query (self);
}

const char *
ybc_case_queue_get_sort (YbcCaseQueue *self)
{
  g_return_val_if_fail (YBC_IS_CASE_QUEUE (self), NULL);
  return self->sort;
}

void
ybc_case_queue_reload (YbcCaseQueue *self)
{
  g_return_if_fail (YBC_IS_CASE_QUEUE (self));
  apply_query (self);
}

YbcCaseListModel *
ybc_case_queue_get_model (YbcCaseQueue *self)
{
  g_return_val_if_fail (YBC_IS_CASE_QUEUE (self), NULL);
  return self->model;
}

void
ybc_case_queue_activate_row (YbcCaseQueue *self,
                             guint         position)
{
  g_autoptr(YbcCaseSummary) row = NULL;

  g_return_if_fail (YBC_IS_CASE_QUEUE (self));

  row = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (row != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, ybc_case_summary_get_id (row));
}

void
ybc_case_queue_scroll_to_end (YbcCaseQueue *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (YBC_IS_CASE_QUEUE (self));

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  maybe_load_more (self);
}

/* ------------------------------------------------------------------------- GObject */

static void
ybc_case_queue_dispose (GObject *object)
{
  YbcCaseQueue *self = YBC_CASE_QUEUE (object);
  GtkWidget *child;

  /* Columns going away change the sorter: not a user's choice. */
  self->sorting = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), YBC_TYPE_CASE_QUEUE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ybc_case_queue_parent_class)->dispose (object);
}

static void
ybc_case_queue_finalize (GObject *object)
{
  YbcCaseQueue *self = YBC_CASE_QUEUE (object);

  g_clear_object (&self->api);
  g_free (self->scope);
  g_free (self->sort);

  G_OBJECT_CLASS (ybc_case_queue_parent_class)->finalize (object);
}

/* The keyboard goes to the rows (Up/Down, Enter opens). */
static gboolean
ybc_case_queue_grab_focus (GtkWidget *widget)
{
  YbcCaseQueue *self = YBC_CASE_QUEUE (widget);

  return self->column_view != NULL && gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
ybc_case_queue_class_init (YbcCaseQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ybc_case_queue_dispose;
  object_class->finalize = ybc_case_queue_finalize;
  widget_class->grab_focus = ybc_case_queue_grab_focus;

  /**
   * YbcCaseQueue::case-activated:
   * @id: the case's id
   */
  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ybc-case-queue");

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/yibao/Client/ybc-case-queue.ui");
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, toolbar);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, heading_label);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, scope_box);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, scope_mine);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, scope_department);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, scope_county);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, scope_soon);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, scope_overdue);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, count_label);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, spinner);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, stack);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, scroller);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, column_view);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, empty_page);
  gtk_widget_class_bind_template_child (widget_class, YbcCaseQueue, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_state_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
ybc_case_queue_init (YbcCaseQueue *self)
{
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->scope = g_strdup ("mine");
  self->sort = g_strdup ("due");
  gtk_toggle_button_set_active (self->scope_mine, TRUE);

  add_column (self, COL_CASE_NO, _("Case number"), 170, FALSE, NULL);
  add_column (self, COL_ITEM, _("Item"), 0, TRUE, NULL);
  add_column (self, COL_PARTY, _("Party"), 110, FALSE, NULL);
  add_column (self, COL_STATE, _("State"), 130, FALSE, NULL);
  add_column (self, COL_ASSIGNEE, _("Assigned to"), 90, FALSE, NULL);
  add_column (self, COL_DEPARTMENT, _("Section"), 130, FALSE, NULL);
  self->created_column = add_column (self, COL_CREATED, _("Created"), 150, FALSE, compare_created);
  self->due_column = add_column (self, COL_DUE_ON, _("Due on"), 110, FALSE, compare_due);
  add_column (self, COL_DUE, _("Time left"), 200, FALSE, NULL);

  self->sorting = TRUE;
  gtk_column_view_sort_by_column (self->column_view, self->due_column, GTK_SORT_ASCENDING);
  self->sorting = FALSE;
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (maybe_load_more), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (maybe_load_more), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}
