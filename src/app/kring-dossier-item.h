/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A dossier as the caller sees it (API.md, "Dossiers"). */
#pragma once

#include <json-glib/json-glib.h>

#include "kring-api-types.h"

G_BEGIN_DECLS

#define KRING_TYPE_DOSSIER_ITEM (kring_dossier_item_get_type ())
G_DECLARE_FINAL_TYPE (KringDossierItem, kring_dossier_item, KRING, DOSSIER_ITEM, GObject)

/* Reads one from the server's JSON; KRING_CLIENT_ERROR_INVALID_RESPONSE
 * when a member is missing or of the wrong type. */
KringDossierItem *kring_dossier_item_new_from_json (JsonNode *node, GError **error);

gint64 kring_dossier_item_get_id (KringDossierItem *self);
gint64 kring_dossier_item_get_account_id (KringDossierItem *self);
const char *kring_dossier_item_get_account_name (KringDossierItem *self);
const char *kring_dossier_item_get_title (KringDossierItem *self);
const char *kring_dossier_item_get_client_name (KringDossierItem *self);
GDateTime *kring_dossier_item_get_created_at (KringDossierItem *self);
GDateTime *kring_dossier_item_get_updated_at (KringDossierItem *self);
gboolean kring_dossier_item_get_archived (KringDossierItem *self);
gint64 kring_dossier_item_get_guests (KringDossierItem *self);
gint64 kring_dossier_item_get_participants (KringDossierItem *self);
const char *kring_dossier_item_get_my_access (KringDossierItem *self);
gboolean kring_dossier_item_get_can_write (KringDossierItem *self);

G_END_DECLS
