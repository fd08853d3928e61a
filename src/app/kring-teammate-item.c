/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-teammate-item.h"
#include "kring-api-reader.h"

struct _KringTeammateItem
{
  GObject parent_instance;

  gint64 id;
  gint64 user_id;
  char *email;
  char *name;
  char *role;
  char *status;
  GDateTime *added_at;
};

G_DEFINE_FINAL_TYPE (KringTeammateItem, kring_teammate_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_USER_ID,
  PROP_EMAIL,
  PROP_NAME,
  PROP_ROLE,
  PROP_STATUS,
  PROP_ADDED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kring_teammate_item_finalize (GObject *object)
{
  KringTeammateItem *self = (KringTeammateItem *)object;

  g_free (self->email);
  g_free (self->name);
  g_free (self->role);
  g_free (self->status);
  g_clear_pointer (&self->added_at, g_date_time_unref);

  G_OBJECT_CLASS (kring_teammate_item_parent_class)->finalize (object);
}

static void
kring_teammate_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringTeammateItem *self = (KringTeammateItem *)object;

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_USER_ID:
        g_value_set_int64 (value, self->user_id);
        break;
      case PROP_EMAIL:
        g_value_set_string (value, self->email);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_ROLE:
        g_value_set_string (value, self->role);
        break;
      case PROP_STATUS:
        g_value_set_string (value, self->status);
        break;
      case PROP_ADDED_AT:
        g_value_set_boxed (value, self->added_at);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_teammate_item_class_init (KringTeammateItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kring_teammate_item_finalize;
  object_class->get_property = kring_teammate_item_get_property;

  properties[PROP_ID]
      = g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_USER_ID] = g_param_spec_int64 ("user-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                                                 KRING_ITEM_PARAM_FLAGS);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_STATUS]
      = g_param_spec_string ("status", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_ADDED_AT]
      = g_param_spec_boxed ("added-at", NULL, NULL, G_TYPE_DATE_TIME, KRING_ITEM_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kring_teammate_item_init (KringTeammateItem *self)
{
}

KringTeammateItem *
kring_teammate_item_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringTeammateItem) self = g_object_new (KRING_TYPE_TEAMMATE_ITEM, NULL);
  g_auto (KringReader) reader = { 0 };

  _kring_reader_init (&reader, node, "teammate");
  self->id = _kring_reader_get_int (&reader, "id", KRING_READ_REQUIRED, 0);
  self->user_id = _kring_reader_get_int (&reader, "user_id", KRING_READ_REQUIRED, 0);
  self->email = _kring_reader_dup_string (&reader, "email", KRING_READ_REQUIRED);
  self->name
      = _kring_reader_dup_string (&reader, "name", KRING_READ_REQUIRED | KRING_READ_NULLABLE);
  self->role = _kring_reader_dup_string (&reader, "role", KRING_READ_REQUIRED);
  self->status = _kring_reader_dup_string (&reader, "status", KRING_READ_REQUIRED);
  self->added_at = _kring_reader_dup_time (&reader, "added_at", KRING_READ_REQUIRED);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The teammate id. */
gint64
kring_teammate_item_get_id (KringTeammateItem *self)
{
  g_return_val_if_fail (KRING_IS_TEAMMATE_ITEM (self), 0);

  return self->id;
}

/* The user behind it. */
gint64
kring_teammate_item_get_user_id (KringTeammateItem *self)
{
  g_return_val_if_fail (KRING_IS_TEAMMATE_ITEM (self), 0);

  return self->user_id;
}

/* The email address. */
const char *
kring_teammate_item_get_email (KringTeammateItem *self)
{
  g_return_val_if_fail (KRING_IS_TEAMMATE_ITEM (self), NULL);

  return self->email;
}

/* The name, or %NULL. */
const char *
kring_teammate_item_get_name (KringTeammateItem *self)
{
  g_return_val_if_fail (KRING_IS_TEAMMATE_ITEM (self), NULL);

  return self->name;
}

/* "owner", "admin" or "member". */
const char *
kring_teammate_item_get_role (KringTeammateItem *self)
{
  g_return_val_if_fail (KRING_IS_TEAMMATE_ITEM (self), NULL);

  return self->role;
}

/* "invited" or "active". */
const char *
kring_teammate_item_get_status (KringTeammateItem *self)
{
  g_return_val_if_fail (KRING_IS_TEAMMATE_ITEM (self), NULL);

  return self->status;
}

/* When the teammate was added. */
GDateTime *
kring_teammate_item_get_added_at (KringTeammateItem *self)
{
  g_return_val_if_fail (KRING_IS_TEAMMATE_ITEM (self), NULL);

  return self->added_at;
}
