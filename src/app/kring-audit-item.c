/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-audit-item.h"
#include "kring-api-reader.h"

struct _KringAuditItem
{
  GObject parent_instance;

  gint64 id;
  GDateTime *at;
  KringUserInfo *actor;
  char *action;
  gint64 dossier_id;
  char *subject_email;
  JsonObject *detail;
};

G_DEFINE_FINAL_TYPE (KringAuditItem, kring_audit_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_AT,
  PROP_ACTOR,
  PROP_ACTION,
  PROP_DOSSIER_ID,
  PROP_SUBJECT_EMAIL,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kring_audit_item_finalize (GObject *object)
{
  KringAuditItem *self = (KringAuditItem *)object;

  g_clear_pointer (&self->at, g_date_time_unref);
  g_clear_pointer (&self->actor, kring_user_info_unref);
  g_free (self->action);
  g_free (self->subject_email);
  g_clear_pointer (&self->detail, json_object_unref);

  G_OBJECT_CLASS (kring_audit_item_parent_class)->finalize (object);
}

static void
kring_audit_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringAuditItem *self = (KringAuditItem *)object;

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_AT:
        g_value_set_boxed (value, self->at);
        break;
      case PROP_ACTOR:
        g_value_set_boxed (value, self->actor);
        break;
      case PROP_ACTION:
        g_value_set_string (value, self->action);
        break;
      case PROP_DOSSIER_ID:
        g_value_set_int64 (value, self->dossier_id);
        break;
      case PROP_SUBJECT_EMAIL:
        g_value_set_string (value, self->subject_email);
        break;
      case PROP_DETAIL:
        g_value_set_boxed (value, self->detail);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_audit_item_class_init (KringAuditItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kring_audit_item_finalize;
  object_class->get_property = kring_audit_item_get_property;

  properties[PROP_ID]
      = g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_AT]
      = g_param_spec_boxed ("at", NULL, NULL, G_TYPE_DATE_TIME, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_ACTOR]
      = g_param_spec_boxed ("actor", NULL, NULL, KRING_TYPE_USER_INFO, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_ACTION]
      = g_param_spec_string ("action", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_DOSSIER_ID] = g_param_spec_int64 ("dossier-id", NULL, NULL, G_MININT64,
                                                    G_MAXINT64, 0, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_SUBJECT_EMAIL]
      = g_param_spec_string ("subject-email", NULL, NULL, NULL, KRING_ITEM_PARAM_FLAGS);
  properties[PROP_DETAIL]
      = g_param_spec_boxed ("detail", NULL, NULL, JSON_TYPE_OBJECT, KRING_ITEM_PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kring_audit_item_init (KringAuditItem *self)
{
}

KringAuditItem *
kring_audit_item_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringAuditItem) self = g_object_new (KRING_TYPE_AUDIT_ITEM, NULL);
  g_auto (KringReader) reader = { 0 };
  JsonNode *detail;

  _kring_reader_init (&reader, node, "audit");
  self->id = _kring_reader_get_int (&reader, "id", KRING_READ_REQUIRED, 0);
  self->at = _kring_reader_dup_time (&reader, "at", KRING_READ_REQUIRED);
  self->actor
      = _kring_reader_dup_user (&reader, "actor", KRING_READ_REQUIRED | KRING_READ_NULLABLE);
  self->action = _kring_reader_dup_string (&reader, "action", KRING_READ_REQUIRED);
  self->dossier_id = _kring_reader_get_int (&reader, "dossier_id", KRING_READ_OPTIONAL, 0);
  self->subject_email = _kring_reader_dup_string (&reader, "subject_email", KRING_READ_OPTIONAL);
  detail = _kring_reader_get_object (&reader, "detail", KRING_READ_OPTIONAL);
  if (detail != NULL)
    self->detail = json_object_ref (json_node_get_object (detail));
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The event id. */
gint64
kring_audit_item_get_id (KringAuditItem *self)
{
  g_return_val_if_fail (KRING_IS_AUDIT_ITEM (self), 0);

  return self->id;
}

/* When it happened. */
GDateTime *
kring_audit_item_get_at (KringAuditItem *self)
{
  g_return_val_if_fail (KRING_IS_AUDIT_ITEM (self), NULL);

  return self->at;
}

/* Who did it; %NULL for the operator. */
KringUserInfo *
kring_audit_item_get_actor (KringAuditItem *self)
{
  g_return_val_if_fail (KRING_IS_AUDIT_ITEM (self), NULL);

  return self->actor;
}

/* What happened, e.g. "dossier.created". */
const char *
kring_audit_item_get_action (KringAuditItem *self)
{
  g_return_val_if_fail (KRING_IS_AUDIT_ITEM (self), NULL);

  return self->action;
}

/* The dossier concerned, or 0. */
gint64
kring_audit_item_get_dossier_id (KringAuditItem *self)
{
  g_return_val_if_fail (KRING_IS_AUDIT_ITEM (self), 0);

  return self->dossier_id;
}

/* The person concerned, or %NULL. */
const char *
kring_audit_item_get_subject_email (KringAuditItem *self)
{
  g_return_val_if_fail (KRING_IS_AUDIT_ITEM (self), NULL);

  return self->subject_email;
}

/* The action's details as the server recorded them (e.g. {"from", "to"}
 * of a role change), or %NULL. */
JsonObject *
kring_audit_item_get_detail (KringAuditItem *self)
{
  g_return_val_if_fail (KRING_IS_AUDIT_ITEM (self), NULL);

  return self->detail;
}
