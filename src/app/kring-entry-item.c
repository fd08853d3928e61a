/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-entry-item.h"
#include "kring-api-reader.h"
#include "kring-client-error.h"

struct _KringEntryItem
{
  GObject parent_instance;

  gint64 id;
  gint64 dossier_id;
  KringUserInfo *author;
  char *body;
  char *visibility;
  GDateTime *created_at;
  gint64 corrects;
  GArray *corrected_by; /* of gint64 */
};

G_DEFINE_FINAL_TYPE (KringEntryItem, kring_entry_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_DOSSIER_ID,
  PROP_AUTHOR,
  PROP_BODY,
  PROP_VISIBILITY,
  PROP_CREATED_AT,
  PROP_CORRECTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kring_entry_item_finalize (GObject *object)
{
  KringEntryItem *self = (KringEntryItem *)object;

  g_clear_pointer (&self->author, kring_user_info_unref);
  g_clear_pointer (&self->corrected_by, g_array_unref);
  g_free (self->body);
  g_free (self->visibility);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (kring_entry_item_parent_class)->finalize (object);
}

static void
kring_entry_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringEntryItem *self = (KringEntryItem *)object;

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_DOSSIER_ID:
        g_value_set_int64 (value, self->dossier_id);
        break;
      case PROP_AUTHOR:
        g_value_set_boxed (value, self->author);
        break;
      case PROP_BODY:
        g_value_set_string (value, self->body);
        break;
      case PROP_VISIBILITY:
        g_value_set_string (value, self->visibility);
        break;
      case PROP_CREATED_AT:
        g_value_set_boxed (value, self->created_at);
        break;
      case PROP_CORRECTS:
        g_value_set_int64 (value, self->corrects);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_entry_item_class_init (KringEntryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kring_entry_item_finalize;
  object_class->get_property = kring_entry_item_get_property;

  properties[PROP_ID]
      = g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_DOSSIER_ID] = g_param_spec_int64 ("dossier-id", NULL, NULL, G_MININT64,
                                                    G_MAXINT64, 0, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_AUTHOR]
      = g_param_spec_boxed ("author", NULL, NULL, KRING_TYPE_USER_INFO, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_VISIBILITY]
      = g_param_spec_string ("visibility", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_CREATED_AT]
      = g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_CORRECTS] = g_param_spec_int64 ("corrects", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                                                  KRING_ITEM_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kring_entry_item_init (KringEntryItem *self)
{
}

static GArray *
read_ids (JsonArray *array, GError **error)
{
  guint n = json_array_get_length (array);
  g_autoptr (GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
        {
          g_set_error_literal (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_INVALID_RESPONSE,
                               "The server answered with an invalid entry: corrected_by "
                               "holds something else than ids");
          return NULL;
        }
      id = json_node_get_int (element);
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

KringEntryItem *
kring_entry_item_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringEntryItem) self = g_object_new (KRING_TYPE_ENTRY_ITEM, NULL);
  g_auto (KringReader) reader = { 0 };
  JsonArray *corrected_by;

  _kring_reader_init (&reader, node, "entry");
  self->id = _kring_reader_get_int (&reader, "id", KRING_READ_REQUIRED, 0);
  self->dossier_id = _kring_reader_get_int (&reader, "dossier_id", KRING_READ_REQUIRED, 0);
  self->author = _kring_reader_dup_user (&reader, "author", KRING_READ_REQUIRED);
  self->body = _kring_reader_dup_string (&reader, "body", KRING_READ_REQUIRED);
  self->visibility = _kring_reader_dup_string (&reader, "visibility", KRING_READ_REQUIRED);
  self->created_at = _kring_reader_dup_time (&reader, "created_at", KRING_READ_REQUIRED);
  self->corrects
      = _kring_reader_get_int (&reader, "corrects", KRING_READ_REQUIRED | KRING_READ_NULLABLE, 0);
  corrected_by = _kring_reader_get_array (&reader, "corrected_by", KRING_READ_REQUIRED);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  self->corrected_by = read_ids (corrected_by, error);
  return self->corrected_by != NULL ? g_steal_pointer (&self) : NULL;
}

/* The entry id. */
gint64
kring_entry_item_get_id (KringEntryItem *self)
{
  g_return_val_if_fail (KRING_IS_ENTRY_ITEM (self), 0);

  return self->id;
}

/* Its dossier. */
gint64
kring_entry_item_get_dossier_id (KringEntryItem *self)
{
  g_return_val_if_fail (KRING_IS_ENTRY_ITEM (self), 0);

  return self->dossier_id;
}

/* Who wrote it (without email for a guest caller). */
KringUserInfo *
kring_entry_item_get_author (KringEntryItem *self)
{
  g_return_val_if_fail (KRING_IS_ENTRY_ITEM (self), NULL);

  return self->author;
}

/* The text. */
const char *
kring_entry_item_get_body (KringEntryItem *self)
{
  g_return_val_if_fail (KRING_IS_ENTRY_ITEM (self), NULL);

  return self->body;
}

/* "everyone" or "professionals". */
const char *
kring_entry_item_get_visibility (KringEntryItem *self)
{
  g_return_val_if_fail (KRING_IS_ENTRY_ITEM (self), NULL);

  return self->visibility;
}

/* When it was written. */
GDateTime *
kring_entry_item_get_created_at (KringEntryItem *self)
{
  g_return_val_if_fail (KRING_IS_ENTRY_ITEM (self), NULL);

  return self->created_at;
}

/* The entry it corrects, or 0. */
gint64
kring_entry_item_get_corrects (KringEntryItem *self)
{
  g_return_val_if_fail (KRING_IS_ENTRY_ITEM (self), 0);

  return self->corrects;
}

/* The entries that correct this one, oldest first; @n_ids is set to their
 * number. */
const gint64 *
kring_entry_item_get_corrected_by (KringEntryItem *self, guint *n_ids)
{
  g_return_val_if_fail (KRING_IS_ENTRY_ITEM (self), NULL);
  g_return_val_if_fail (n_ids != NULL, NULL);

  *n_ids = self->corrected_by->len;
  return (const gint64 *)(gpointer)self->corrected_by->data;
}
