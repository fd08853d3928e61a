/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A participant of a dossier.  A guest caller sees only the id, name and
 * access of the others: their other members are then absent (0, NULL,
 * FALSE, -1). */
#pragma once

#include <json-glib/json-glib.h>

#include "kring-api-types.h"

G_BEGIN_DECLS

#define KRING_TYPE_PARTICIPANT_ITEM (kring_participant_item_get_type ())
G_DECLARE_FINAL_TYPE (KringParticipantItem, kring_participant_item, KRING, PARTICIPANT_ITEM,
                      GObject)

/* Reads one from the server's JSON; KRING_CLIENT_ERROR_INVALID_RESPONSE
 * when a member is missing or of the wrong type. */
KringParticipantItem *kring_participant_item_new_from_json (JsonNode *node, GError **error);

gint64 kring_participant_item_get_id (KringParticipantItem *self);
gint64 kring_participant_item_get_user_id (KringParticipantItem *self);
const char *kring_participant_item_get_email (KringParticipantItem *self);
const char *kring_participant_item_get_name (KringParticipantItem *self);
const char *kring_participant_item_get_access (KringParticipantItem *self);
gboolean kring_participant_item_get_can_write (KringParticipantItem *self);
const char *kring_participant_item_get_status (KringParticipantItem *self);
GDateTime *kring_participant_item_get_added_at (KringParticipantItem *self);
KringUserInfo *kring_participant_item_get_added_by (KringParticipantItem *self);
gint64 kring_participant_item_get_guest_dossiers_used (KringParticipantItem *self);
gint64 kring_participant_item_get_guest_dossiers_limit (KringParticipantItem *self);

G_END_DECLS
