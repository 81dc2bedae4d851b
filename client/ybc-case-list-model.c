/* ybc-case-list-model.c: the paged case list. Each reset cancels the request in flight,
 * so an answer to an old query never lands in the new list; each page is appended with
 * one items-changed. */
#define G_LOG_DOMAIN "yibao-client"

#include "ybc-case-list-model.h"

struct _YbcCaseListModel
{
  GObject       parent_instance;

  /* owned */
  YbcApi       *api;
  GPtrArray    *items;       /* YbcCaseSummary* */
  GCancellable *cancellable; /* the request in flight, or NULL */
  char         *next;        /* cursor of the next page; NULL when none */
  char         *error;
  guint         page_size;
  guint         n_pages;
  gboolean      started;     /* a first page was asked for since the last reset */
  /* the query, owned copies */
  char         *scope;
  char         *sort;
  char         *state_kind;
  char         *due;
  char         *inbox;
  char         *item;
  char         *state;
  char         *party;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YbcCaseListModel, ybc_case_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_HAS_MORE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- GListModel */

static GType
get_item_type (GListModel *model)
{
  return YBC_TYPE_CASE_SUMMARY;
}

static guint
get_n_items (GListModel *model)
{
  return YBC_CASE_LIST_MODEL (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  YbcCaseListModel *self = YBC_CASE_LIST_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ------------------------------------------------------------------------- loading */

static void
set_error (YbcCaseListModel *self,
           const char       *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
on_page (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(YbcCaseListModel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YbcCasePage) page = NULL;
  gboolean had_more;
  guint position;

  page = ybc_api_list_cases_finish (YBC_API (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  had_more = self->next != NULL;

  if (page == NULL)
    {
      set_error (self, error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  set_error (self, NULL);
  self->n_pages++;
  position = self->items->len;
  for (guint i = 0; i < page->items->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (page->items, i)));
  g_free (self->next);
  self->next = g_steal_pointer (&page->next);
  if (self->items->len > position)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, self->items->len - position);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (had_more != (self->next != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

static void
fetch (YbcCaseListModel *self,
       const char       *after)
{
  YbcCaseQuery query = {
    .scope = self->scope,
    .sort = self->sort,
    .state_kind = self->state_kind,
    .due = self->due,
    .inbox = self->inbox,
    .item = self->item,
    .state = self->state,
    .party = self->party,
  };

  self->cancellable = g_cancellable_new ();
  ybc_api_list_cases_async (self->api, &query, after, self->page_size, self->cancellable,
                            on_page, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
reset (YbcCaseListModel *self)
{
  guint removed = self->items->len;
  gboolean had_more = self->next != NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_ptr_array_set_size (self->items, 0);
  g_clear_pointer (&self->next, g_free);
  self->n_pages = 0;
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  if (had_more)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
  set_error (self, NULL);
  self->started = TRUE;
  fetch (self, NULL);
}

/* ------------------------------------------------------------------------- public API */

YbcCaseListModel *
ybc_case_list_model_new (YbcApi *api,
                         guint   page_size)
{
  YbcCaseListModel *self;

  g_return_val_if_fail (YBC_IS_API (api), NULL);

  self = g_object_new (YBC_TYPE_CASE_LIST_MODEL, NULL);
  self->api = g_object_ref (api);
  self->page_size = page_size;
  return self;
}

void
ybc_case_list_model_set_query (YbcCaseListModel   *self,
                               const YbcCaseQuery *query)
{
  g_return_if_fail (YBC_IS_CASE_LIST_MODEL (self));
  g_return_if_fail (query != NULL);

#define COPY(member) g_free (self->member); self->member = g_strdup (query->member)
  COPY (scope);
  COPY (sort);
  COPY (state_kind);
  COPY (due);
  COPY (inbox);
  COPY (item);
  COPY (state);
  COPY (party);
#undef COPY
  reset (self);
}

void
ybc_case_list_model_reload (YbcCaseListModel *self)
{
  g_return_if_fail (YBC_IS_CASE_LIST_MODEL (self));
  reset (self);
}

gboolean
ybc_case_list_model_load_more (YbcCaseListModel *self)
{
  g_autofree char *after = NULL;

  g_return_val_if_fail (YBC_IS_CASE_LIST_MODEL (self), FALSE);

  if (self->cancellable != NULL || self->next == NULL || self->error != NULL)
    return FALSE;
  after = g_strdup (self->next);
  fetch (self, after);
  return TRUE;
}

void
ybc_case_list_model_retry (YbcCaseListModel *self)
{
  g_return_if_fail (YBC_IS_CASE_LIST_MODEL (self));

  if (self->cancellable != NULL)
    return;
  if (self->next == NULL || self->items->len == 0)
    {
      reset (self);
      return;
    }
  set_error (self, NULL);
  ybc_case_list_model_load_more (self);
}

gboolean
ybc_case_list_model_get_loading (YbcCaseListModel *self)
{
  g_return_val_if_fail (YBC_IS_CASE_LIST_MODEL (self), FALSE);
  return self->cancellable != NULL;
}

gboolean
ybc_case_list_model_get_has_more (YbcCaseListModel *self)
{
  g_return_val_if_fail (YBC_IS_CASE_LIST_MODEL (self), FALSE);
  return self->next != NULL;
}

const char *
ybc_case_list_model_get_error (YbcCaseListModel *self)
{
  g_return_val_if_fail (YBC_IS_CASE_LIST_MODEL (self), NULL);
  return self->error;
}

guint
ybc_case_list_model_get_n_pages (YbcCaseListModel *self)
{
  g_return_val_if_fail (YBC_IS_CASE_LIST_MODEL (self), 0);
  return self->n_pages;
}

/* ------------------------------------------------------------------------- GObject */

static void
ybc_case_list_model_dispose (GObject *object)
{
  YbcCaseListModel *self = YBC_CASE_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ybc_case_list_model_parent_class)->dispose (object);
}

static void
ybc_case_list_model_finalize (GObject *object)
{
  YbcCaseListModel *self = YBC_CASE_LIST_MODEL (object);

  g_clear_object (&self->api);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->next);
  g_free (self->error);
  g_free (self->scope);
  g_free (self->sort);
  g_free (self->state_kind);
  g_free (self->due);
  g_free (self->inbox);
  g_free (self->item);
  g_free (self->state);
  g_free (self->party);

  G_OBJECT_CLASS (ybc_case_list_model_parent_class)->finalize (object);
}

static void
ybc_case_list_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  YbcCaseListModel *self = YBC_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, ybc_case_list_model_get_loading (self));
      break;
    case PROP_HAS_MORE:
      g_value_set_boolean (value, ybc_case_list_model_get_has_more (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ybc_case_list_model_class_init (YbcCaseListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ybc_case_list_model_dispose;
  object_class->finalize = ybc_case_list_model_finalize;
  object_class->get_property = ybc_case_list_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ybc_case_list_model_init (YbcCaseListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
