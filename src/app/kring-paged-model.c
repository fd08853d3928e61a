/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-paged-model.h"

/* Asking for one of the last PREFETCH items fetches the next page, so it
 * usually arrives before the view scrolls to the end. */
#define PREFETCH 15

struct _KringPagedModel
{
  GObject parent_instance;

  KringClient *client;
  KringListQuery *query;
  GPtrArray *items;
  char *next_cursor;
  gboolean complete;
  gboolean replacing; /* the next page is a first page replacing all items */
  gboolean loading;
  GError *error;
  GCancellable *cancellable; /* of the fetch under way */
};

static void kring_paged_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KringPagedModel, kring_paged_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      kring_paged_model_list_model_init))

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_QUERY,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_COMPLETE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fetch_page (KringPagedModel *self);

static void
set_loading (KringPagedModel *self, gboolean loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_complete (KringPagedModel *self, gboolean complete)
{
  if (self->complete == complete)
    return;
  self->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static void
set_error (KringPagedModel *self, GError *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* The items of @page join the list, or replace it after a reload. */
static void
add_page (KringPagedModel *self, KringPage *page)
{
  guint removed = 0;
  guint position;

  if (self->replacing)
    {
      removed = self->items->len;
      g_ptr_array_set_size (self->items, 0);
      self->replacing = FALSE;
    }
  position = self->items->len; /* 0 when replacing */
  for (guint i = 0; i < page->items->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (page->items, i)));
  g_free (self->next_cursor);
  self->next_cursor = g_strdup (page->next_cursor);
  set_complete (self, self->next_cursor == NULL);
  set_loading (self, FALSE);
  /* Views may ask for items, and so for the next page, from this signal:
   * the state above must be final by then. */
  if (removed == 0 && page->items->len == 0)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, page->items->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
page_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringPage) page = kring_client_list_finish (KRING_CLIENT (source), result, &error);
  KringPagedModel *self;

  /* Cancelled by a reload or by dispose: @user_data may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = KRING_PAGED_MODEL (user_data);
  g_clear_object (&self->cancellable);
  g_object_freeze_notify (G_OBJECT (self));
  if (page == NULL)
    {
      set_error (self, g_steal_pointer (&error));
      set_loading (self, FALSE);
    }
  else
    add_page (self, page);
  /* An empty page that is not the last would leave no item to ask for. */
  if (page != NULL && page->items->len == 0 && !self->complete)
    fetch_page (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
fetch_page (KringPagedModel *self)
{
  if (self->loading || self->error != NULL || (self->complete && !self->replacing))
    return;
  set_loading (self, TRUE);
  self->cancellable = g_cancellable_new ();
  kring_client_list_async (self->client, self->query, self->replacing ? NULL : self->next_cursor,
                           KRING_PAGED_MODEL_PAGE_SIZE, self->cancellable, page_cb, self);
}

/* GListModel */

static GType
kring_paged_model_get_item_type (GListModel *model)
{
  KringPagedModel *self = KRING_PAGED_MODEL (model);

  return self->query != NULL ? kring_list_query_get_item_type (self->query) : G_TYPE_OBJECT;
}

static guint
kring_paged_model_get_n_items (GListModel *model)
{
  return KRING_PAGED_MODEL (model)->items->len;
}

static gpointer
kring_paged_model_get_item (GListModel *model, guint position)
{
  KringPagedModel *self = KRING_PAGED_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  if (position + PREFETCH >= self->items->len)
    fetch_page (self);
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
kring_paged_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kring_paged_model_get_item_type;
  iface->get_n_items = kring_paged_model_get_n_items;
  iface->get_item = kring_paged_model_get_item;
}

/* GObject */

static void
kring_paged_model_constructed (GObject *object)
{
  KringPagedModel *self = KRING_PAGED_MODEL (object);

  G_OBJECT_CLASS (kring_paged_model_parent_class)->constructed (object);

  g_return_if_fail (KRING_IS_CLIENT (self->client));
  g_return_if_fail (self->query != NULL);
  kring_paged_model_reload (self);
}

static void
kring_paged_model_dispose (GObject *object)
{
  KringPagedModel *self = KRING_PAGED_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (kring_paged_model_parent_class)->dispose (object);
}

static void
kring_paged_model_finalize (GObject *object)
{
  KringPagedModel *self = KRING_PAGED_MODEL (object);

  g_clear_pointer (&self->query, kring_list_query_unref);
  g_ptr_array_unref (self->items);
  g_free (self->next_cursor);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (kring_paged_model_parent_class)->finalize (object);
}

static void
kring_paged_model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringPagedModel *self = KRING_PAGED_MODEL (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        g_value_set_object (value, self->client);
        break;
      case PROP_QUERY:
        g_value_set_boxed (value, self->query);
        break;
      case PROP_ITEM_TYPE:
        g_value_set_gtype (value, kring_paged_model_get_item_type (G_LIST_MODEL (self)));
        break;
      case PROP_N_ITEMS:
        g_value_set_uint (value, self->items->len);
        break;
      case PROP_LOADING:
        g_value_set_boolean (value, self->loading);
        break;
      case PROP_COMPLETE:
        g_value_set_boolean (value, self->complete);
        break;
      case PROP_ERROR:
        g_value_set_boxed (value, self->error);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_paged_model_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  KringPagedModel *self = KRING_PAGED_MODEL (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        self->client = g_value_dup_object (value);
        break;
      case PROP_QUERY:
        /* At construction the query is only stored: constructed() loads. */
        if (self->client == NULL || self->query == NULL)
          self->query = g_value_dup_boxed (value);
        else
          kring_paged_model_set_query (self, g_value_get_boxed (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_paged_model_class_init (KringPagedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kring_paged_model_constructed;
  object_class->dispose = kring_paged_model_dispose;
  object_class->finalize = kring_paged_model_finalize;
  object_class->get_property = kring_paged_model_get_property;
  object_class->set_property = kring_paged_model_set_property;

  properties[PROP_CLIENT]
      = g_param_spec_object ("client", NULL, NULL, KRING_TYPE_CLIENT,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] = g_param_spec_boxed (
      "query", NULL, NULL, KRING_TYPE_LIST_QUERY,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_TYPE] = g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_COMPLETE] = g_param_spec_boolean ("complete", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kring_paged_model_init (KringPagedModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

KringPagedModel *
kring_paged_model_new (KringClient *client, KringListQuery *query)
{
  g_return_val_if_fail (KRING_IS_CLIENT (client), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  return g_object_new (KRING_TYPE_PAGED_MODEL, "client", client, "query", query, NULL);
}

KringClient *
kring_paged_model_get_client (KringPagedModel *self)
{
  g_return_val_if_fail (KRING_IS_PAGED_MODEL (self), NULL);

  return self->client;
}

KringListQuery *
kring_paged_model_get_query (KringPagedModel *self)
{
  g_return_val_if_fail (KRING_IS_PAGED_MODEL (self), NULL);

  return self->query;
}

void
kring_paged_model_set_query (KringPagedModel *self, KringListQuery *query)
{
  g_return_if_fail (KRING_IS_PAGED_MODEL (self));
  g_return_if_fail (query != NULL);

  if (query == self->query)
    return;
  kring_list_query_ref (query);
  g_clear_pointer (&self->query, kring_list_query_unref);
  self->query = query;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  kring_paged_model_reload (self);
}

void
kring_paged_model_set_search (KringPagedModel *self, const char *search)
{
  g_autoptr (KringListQuery) query = NULL;

  g_return_if_fail (KRING_IS_PAGED_MODEL (self));
  g_return_if_fail (kring_list_query_get_searchable (self->query));

  if (search != NULL && search[0] == '\0')
    search = NULL;
  if (g_strcmp0 (search, kring_list_query_get_search (self->query)) == 0)
    return;
  query = kring_list_query_with_search (self->query, search);
  kring_paged_model_set_query (self, query);
}

void
kring_paged_model_reload (KringPagedModel *self)
{
  g_return_if_fail (KRING_IS_PAGED_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_object_freeze_notify (G_OBJECT (self));
  self->loading = FALSE; /* the cancelled fetch; fetch_page() notifies */
  set_error (self, NULL);
  g_clear_pointer (&self->next_cursor, g_free);
  set_complete (self, FALSE);
  self->replacing = TRUE;
  fetch_page (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
kring_paged_model_get_loading (KringPagedModel *self)
{
  g_return_val_if_fail (KRING_IS_PAGED_MODEL (self), FALSE);

  return self->loading;
}

gboolean
kring_paged_model_get_complete (KringPagedModel *self)
{
  g_return_val_if_fail (KRING_IS_PAGED_MODEL (self), FALSE);

  return self->complete;
}

const GError *
kring_paged_model_get_error (KringPagedModel *self)
{
  g_return_val_if_fail (KRING_IS_PAGED_MODEL (self), NULL);

  return self->error;
}
