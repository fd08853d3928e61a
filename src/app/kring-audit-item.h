/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An event of an account's audit log (API.md, "Audit log"). */
#pragma once

#include <json-glib/json-glib.h>

#include "kring-api-types.h"

G_BEGIN_DECLS

#define KRING_TYPE_AUDIT_ITEM (kring_audit_item_get_type ())
G_DECLARE_FINAL_TYPE (KringAuditItem, kring_audit_item, KRING, AUDIT_ITEM, GObject)

/* Reads one from the server's JSON; KRING_CLIENT_ERROR_INVALID_RESPONSE
 * when a member is missing or of the wrong type. */
KringAuditItem *kring_audit_item_new_from_json (JsonNode *node, GError **error);

gint64 kring_audit_item_get_id (KringAuditItem *self);
GDateTime *kring_audit_item_get_at (KringAuditItem *self);
KringUserInfo *kring_audit_item_get_actor (KringAuditItem *self);
const char *kring_audit_item_get_action (KringAuditItem *self);
gint64 kring_audit_item_get_dossier_id (KringAuditItem *self);
const char *kring_audit_item_get_subject_email (KringAuditItem *self);
JsonObject *kring_audit_item_get_detail (KringAuditItem *self);

G_END_DECLS
