/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-dossier-item.h"
#include "kring-api-reader.h"

struct _KringDossierItem
{
  GObject parent_instance;

  gint64 id;
  gint64 account_id;
  char *account_name;
  char *title;
  char *client_name;
  GDateTime *created_at;
  GDateTime *updated_at;
  gboolean archived;
  gint64 guests;
  gint64 participants;
  char *my_access;
  gboolean can_write;
};

G_DEFINE_FINAL_TYPE (KringDossierItem, kring_dossier_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_ACCOUNT_NAME,
  PROP_TITLE,
  PROP_CLIENT_NAME,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_ARCHIVED,
  PROP_GUESTS,
  PROP_PARTICIPANTS,
  PROP_MY_ACCESS,
  PROP_CAN_WRITE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kring_dossier_item_finalize (GObject *object)
{
  KringDossierItem *self = (KringDossierItem *)object;

  g_free (self->account_name);
  g_free (self->title);
  g_free (self->client_name);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_free (self->my_access);

  G_OBJECT_CLASS (kring_dossier_item_parent_class)->finalize (object);
}

static void
kring_dossier_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringDossierItem *self = (KringDossierItem *)object;

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_ACCOUNT_ID:
        g_value_set_int64 (value, self->account_id);
        break;
      case PROP_ACCOUNT_NAME:
        g_value_set_string (value, self->account_name);
        break;
      case PROP_TITLE:
        g_value_set_string (value, self->title);
        break;
      case PROP_CLIENT_NAME:
        g_value_set_string (value, self->client_name);
        break;
      case PROP_CREATED_AT:
        g_value_set_boxed (value, self->created_at);
        break;
      case PROP_UPDATED_AT:
        g_value_set_boxed (value, self->updated_at);
        break;
      case PROP_ARCHIVED:
        g_value_set_boolean (value, self->archived);
        break;
      case PROP_GUESTS:
        g_value_set_int64 (value, self->guests);
        break;
      case PROP_PARTICIPANTS:
        g_value_set_int64 (value, self->participants);
        break;
      case PROP_MY_ACCESS:
        g_value_set_string (value, self->my_access);
        break;
      case PROP_CAN_WRITE:
        g_value_set_boolean (value, self->can_write);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_dossier_item_class_init (KringDossierItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kring_dossier_item_finalize;
  object_class->get_property = kring_dossier_item_get_property;

  properties[PROP_ID]
      = g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_ACCOUNT_ID] = g_param_spec_int64 ("account-id", NULL, NULL, G_MININT64,
                                                    G_MAXINT64, 0, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_ACCOUNT_NAME]
      = g_param_spec_string ("account-name", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_CLIENT_NAME]
      = g_param_spec_string ("client-name", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_CREATED_AT]
      = g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_UPDATED_AT]
      = g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_ARCHIVED]
      = g_param_spec_boolean ("archived", NULL, NULL, FALSE, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_GUESTS] = g_param_spec_int64 ("guests", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                                                KRING_ITEM_PARAM_FLAGS);
  properties[PROP_PARTICIPANTS] = g_param_spec_int64 ("participants", NULL, NULL, G_MININT64,
                                                      G_MAXINT64, 0, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_MY_ACCESS]
      = g_param_spec_string ("my-access", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_CAN_WRITE]
      = g_param_spec_boolean ("can-write", NULL, NULL, FALSE, KRING_ITEM_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kring_dossier_item_init (KringDossierItem *self)
{
}

KringDossierItem *
kring_dossier_item_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringDossierItem) self = g_object_new (KRING_TYPE_DOSSIER_ITEM, NULL);
  g_auto (KringReader) reader = { 0 };

  _kring_reader_init (&reader, node, "dossier");
  self->id = _kring_reader_get_int (&reader, "id", KRING_READ_REQUIRED, 0);
  self->account_id = _kring_reader_get_int (&reader, "account_id", KRING_READ_REQUIRED, 0);
  self->account_name = _kring_reader_dup_string (&reader, "account_name", KRING_READ_REQUIRED);
  self->title = _kring_reader_dup_string (&reader, "title", KRING_READ_REQUIRED);
  self->client_name = _kring_reader_dup_string (&reader, "client_name",
                                                KRING_READ_REQUIRED | KRING_READ_NULLABLE);
  self->created_at = _kring_reader_dup_time (&reader, "created_at", KRING_READ_REQUIRED);
  self->updated_at = _kring_reader_dup_time (&reader, "updated_at", KRING_READ_REQUIRED);
  self->archived = _kring_reader_get_bool (&reader, "archived", KRING_READ_REQUIRED);
  self->guests = _kring_reader_get_int (&reader, "guests", KRING_READ_REQUIRED, 0);
  self->participants = _kring_reader_get_int (&reader, "participants", KRING_READ_REQUIRED, 0);
  self->my_access
      = _kring_reader_dup_string (&reader, "my_access", KRING_READ_REQUIRED | KRING_READ_NULLABLE);
  self->can_write = _kring_reader_get_bool (&reader, "can_write", KRING_READ_REQUIRED);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The dossier id. */
gint64
kring_dossier_item_get_id (KringDossierItem *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_ITEM (self), 0);

  return self->id;
}

/* The account the dossier belongs to. */
gint64
kring_dossier_item_get_account_id (KringDossierItem *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_ITEM (self), 0);

  return self->account_id;
}

/* The name of that account. */
const char *
kring_dossier_item_get_account_name (KringDossierItem *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_ITEM (self), NULL);

  return self->account_name;
}

/* The title. */
const char *
kring_dossier_item_get_title (KringDossierItem *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_ITEM (self), NULL);

  return self->title;
}

/* The client's name, or %NULL. */
const char *
kring_dossier_item_get_client_name (KringDossierItem *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_ITEM (self), NULL);

  return self->client_name;
}

/* When it was created. */
GDateTime *
kring_dossier_item_get_created_at (KringDossierItem *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_ITEM (self), NULL);

  return self->created_at;
}

/* When it last changed. */
GDateTime *
kring_dossier_item_get_updated_at (KringDossierItem *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_ITEM (self), NULL);

  return self->updated_at;
}

/* Whether it is archived (read-only). */
gboolean
kring_dossier_item_get_archived (KringDossierItem *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_ITEM (self), FALSE);

  return self->archived;
}

/* How many guests take part. */
gint64
kring_dossier_item_get_guests (KringDossierItem *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_ITEM (self), 0);

  return self->guests;
}

/* How many people take part. */
gint64
kring_dossier_item_get_participants (KringDossierItem *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_ITEM (self), 0);

  return self->participants;
}

/* "team", "external", "guest", or %NULL for an owner or admin who is no participant. */
const char *
kring_dossier_item_get_my_access (KringDossierItem *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_ITEM (self), NULL);

  return self->my_access;
}

/* Whether the caller may write entries. */
gboolean
kring_dossier_item_get_can_write (KringDossierItem *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_ITEM (self), FALSE);

  return self->can_write;
}
