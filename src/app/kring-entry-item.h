/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A journal entry: immutable; a correction is a new entry (API.md, "Journal entries"). */
#pragma once

#include <json-glib/json-glib.h>

#include "kring-api-types.h"

G_BEGIN_DECLS

#define KRING_TYPE_ENTRY_ITEM (kring_entry_item_get_type ())
G_DECLARE_FINAL_TYPE (KringEntryItem, kring_entry_item, KRING, ENTRY_ITEM, GObject)

/* Reads one from the server's JSON; KRING_CLIENT_ERROR_INVALID_RESPONSE
 * when a member is missing or of the wrong type. */
KringEntryItem *kring_entry_item_new_from_json (JsonNode *node, GError **error);

gint64 kring_entry_item_get_id (KringEntryItem *self);
gint64 kring_entry_item_get_dossier_id (KringEntryItem *self);
KringUserInfo *kring_entry_item_get_author (KringEntryItem *self);
const char *kring_entry_item_get_body (KringEntryItem *self);
const char *kring_entry_item_get_visibility (KringEntryItem *self);
GDateTime *kring_entry_item_get_created_at (KringEntryItem *self);
gint64 kring_entry_item_get_corrects (KringEntryItem *self);
const gint64 *kring_entry_item_get_corrected_by (KringEntryItem *self, guint *n_ids);

G_END_DECLS
