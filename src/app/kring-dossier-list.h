/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringDossierList: the dossiers of one account, or those shared with the
 * signed-in user by other accounts, as a list that fetches pages on demand
 * and searches on the server as you type.  Activating a row emits
 * ::dossier-activated with the dossier's id. */
#pragma once

#include <adwaita.h>

#include "kring-client.h"

G_BEGIN_DECLS

#define KRING_TYPE_DOSSIER_LIST (kring_dossier_list_get_type ())
G_DECLARE_FINAL_TYPE (KringDossierList, kring_dossier_list, KRING, DOSSIER_LIST, AdwBin)

/* The dossiers of account @account_id the caller sees (all of them for an
 * owner or admin, else those they participate in), with *New dossier*. */
KringDossierList *kring_dossier_list_new (KringClient *client, gint64 account_id);
/* "Shared with me": the dossiers of accounts the caller is no teammate of
 * (their access is external or guest).  No *New dossier* here. */
KringDossierList *kring_dossier_list_new_shared (KringClient *client);

/* The account listed, or 0 for the shared dossiers. */
gint64 kring_dossier_list_get_account_id (KringDossierList *self);
/* The rows' model (of KringDossierItem), as the list view shows it. */
GListModel *kring_dossier_list_get_model (KringDossierList *self);

/* Fetches the list again from its first page; the rows shown stay until
 * it arrives. */
void kring_dossier_list_reload (KringDossierList *self);
/* Moves the keyboard focus to the search entry (Ctrl+F). */
void kring_dossier_list_focus_search (KringDossierList *self);

G_END_DECLS
