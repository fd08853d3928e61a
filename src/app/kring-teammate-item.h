/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A teammate of an account: a paid seat (API.md, "Accounts and teammates"). */
#pragma once

#include <json-glib/json-glib.h>

#include "kring-api-types.h"

G_BEGIN_DECLS

#define KRING_TYPE_TEAMMATE_ITEM (kring_teammate_item_get_type ())
G_DECLARE_FINAL_TYPE (KringTeammateItem, kring_teammate_item, KRING, TEAMMATE_ITEM, GObject)

/* Reads one from the server's JSON; KRING_CLIENT_ERROR_INVALID_RESPONSE
 * when a member is missing or of the wrong type. */
KringTeammateItem *kring_teammate_item_new_from_json (JsonNode *node, GError **error);

gint64 kring_teammate_item_get_id (KringTeammateItem *self);
gint64 kring_teammate_item_get_user_id (KringTeammateItem *self);
const char *kring_teammate_item_get_email (KringTeammateItem *self);
const char *kring_teammate_item_get_name (KringTeammateItem *self);
const char *kring_teammate_item_get_role (KringTeammateItem *self);
const char *kring_teammate_item_get_status (KringTeammateItem *self);
GDateTime *kring_teammate_item_get_added_at (KringTeammateItem *self);

G_END_DECLS
