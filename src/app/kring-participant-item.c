/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-participant-item.h"
#include "kring-api-reader.h"

struct _KringParticipantItem
{
  GObject parent_instance;

  gint64 id;
  gint64 user_id;
  char *email;
  char *name;
  char *access;
  gboolean can_write;
  char *status;
  GDateTime *added_at;
  KringUserInfo *added_by;
  gint64 guest_dossiers_used;
  gint64 guest_dossiers_limit;
};

G_DEFINE_FINAL_TYPE (KringParticipantItem, kring_participant_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_USER_ID,
  PROP_EMAIL,
  PROP_NAME,
  PROP_ACCESS,
  PROP_CAN_WRITE,
  PROP_STATUS,
  PROP_ADDED_AT,
  PROP_ADDED_BY,
  PROP_GUEST_DOSSIERS_USED,
  PROP_GUEST_DOSSIERS_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kring_participant_item_finalize (GObject *object)
{
  KringParticipantItem *self = (KringParticipantItem *)object;

  g_free (self->email);
  g_free (self->name);
  g_free (self->access);
  g_free (self->status);
  g_clear_pointer (&self->added_at, g_date_time_unref);
  g_clear_pointer (&self->added_by, kring_user_info_unref);

  G_OBJECT_CLASS (kring_participant_item_parent_class)->finalize (object);
}

static void
kring_participant_item_get_property (GObject *object, guint prop_id, GValue *value,
                                     GParamSpec *pspec)
{
  KringParticipantItem *self = (KringParticipantItem *)object;

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
      case PROP_ACCESS:
        g_value_set_string (value, self->access);
        break;
      case PROP_CAN_WRITE:
        g_value_set_boolean (value, self->can_write);
        break;
      case PROP_STATUS:
        g_value_set_string (value, self->status);
        break;
      case PROP_ADDED_AT:
        g_value_set_boxed (value, self->added_at);
        break;
      case PROP_ADDED_BY:
        g_value_set_boxed (value, self->added_by);
        break;
      case PROP_GUEST_DOSSIERS_USED:
        g_value_set_int64 (value, self->guest_dossiers_used);
        break;
      case PROP_GUEST_DOSSIERS_LIMIT:
        g_value_set_int64 (value, self->guest_dossiers_limit);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_participant_item_class_init (KringParticipantItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kring_participant_item_finalize;
  object_class->get_property = kring_participant_item_get_property;

  properties[PROP_ID]
      = g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_USER_ID] = g_param_spec_int64 ("user-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                                                 KRING_ITEM_PARAM_FLAGS);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_ACCESS]
      = g_param_spec_string ("access", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_CAN_WRITE]
      = g_param_spec_boolean ("can-write", NULL, NULL, FALSE, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_STATUS]
      = g_param_spec_string ("status", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_ADDED_AT]
      = g_param_spec_boxed ("added-at", NULL, NULL, G_TYPE_DATE_TIME, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_ADDED_BY]
      = g_param_spec_boxed ("added-by", NULL, NULL, KRING_TYPE_USER_INFO, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_GUEST_DOSSIERS_USED] = g_param_spec_int64 (
      "guest-dossiers-used", NULL, NULL, -1, G_MAXINT64, -1, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_GUEST_DOSSIERS_LIMIT] = g_param_spec_int64 (
      "guest-dossiers-limit", NULL, NULL, -1, G_MAXINT64, -1, KRING_ITEM_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kring_participant_item_init (KringParticipantItem *self)
{
}

KringParticipantItem *
kring_participant_item_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringParticipantItem) self = g_object_new (KRING_TYPE_PARTICIPANT_ITEM, NULL);
  g_auto (KringReader) reader = { 0 };

  _kring_reader_init (&reader, node, "participant");
  self->id = _kring_reader_get_int (&reader, "id", KRING_READ_REQUIRED, 0);
  self->user_id = _kring_reader_get_int (&reader, "user_id", KRING_READ_OPTIONAL, 0);
  self->email = _kring_reader_dup_string (&reader, "email", KRING_READ_OPTIONAL);
  self->name
      = _kring_reader_dup_string (&reader, "name", KRING_READ_REQUIRED | KRING_READ_NULLABLE);
  self->access = _kring_reader_dup_string (&reader, "access", KRING_READ_REQUIRED);
  self->can_write = _kring_reader_get_bool (&reader, "can_write", KRING_READ_OPTIONAL);
  self->status = _kring_reader_dup_string (&reader, "status", KRING_READ_OPTIONAL);
  self->added_at = _kring_reader_dup_time (&reader, "added_at", KRING_READ_OPTIONAL);
  self->added_by = _kring_reader_dup_user (&reader, "added_by", KRING_READ_NULLABLE);
  /* Only on guests: how many dossiers their email is a guest of. */
  _kring_reader_get_guest_dossiers (&reader, KRING_READ_OPTIONAL, &self->guest_dossiers_used,
                                    &self->guest_dossiers_limit);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The participant id. */
gint64
kring_participant_item_get_id (KringParticipantItem *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANT_ITEM (self), 0);

  return self->id;
}

/* The user behind it; 0 when hidden from a guest. */
gint64
kring_participant_item_get_user_id (KringParticipantItem *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANT_ITEM (self), 0);

  return self->user_id;
}

/* The email address; %NULL when hidden from a guest. */
const char *
kring_participant_item_get_email (KringParticipantItem *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANT_ITEM (self), NULL);

  return self->email;
}

/* The name, or %NULL. */
const char *
kring_participant_item_get_name (KringParticipantItem *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANT_ITEM (self), NULL);

  return self->name;
}

/* "team", "external" or "guest". */
const char *
kring_participant_item_get_access (KringParticipantItem *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANT_ITEM (self), NULL);

  return self->access;
}

/* Whether they may write entries. */
gboolean
kring_participant_item_get_can_write (KringParticipantItem *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANT_ITEM (self), FALSE);

  return self->can_write;
}

/* "invited" or "active"; %NULL when hidden from a guest. */
const char *
kring_participant_item_get_status (KringParticipantItem *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANT_ITEM (self), NULL);

  return self->status;
}

/* When they were added; %NULL when hidden from a guest. */
GDateTime *
kring_participant_item_get_added_at (KringParticipantItem *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANT_ITEM (self), NULL);

  return self->added_at;
}

/* Who added them, when known. */
KringUserInfo *
kring_participant_item_get_added_by (KringParticipantItem *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANT_ITEM (self), NULL);

  return self->added_by;
}

/* For a guest, the dossiers their email is a guest of ("2 of 3"); -1 for
 * others. */
gint64
kring_participant_item_get_guest_dossiers_used (KringParticipantItem *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANT_ITEM (self), -1);

  return self->guest_dossiers_used;
}

gint64
kring_participant_item_get_guest_dossiers_limit (KringParticipantItem *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANT_ITEM (self), -1);

  return self->guest_dossiers_limit;
}
