/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringDossierPage: one dossier, its title and client name above two
 * views, *Journal* and *Participants*. */
#pragma once

#include <adwaita.h>

#include "kring-client.h"

G_BEGIN_DECLS

#define KRING_TYPE_DOSSIER_PAGE (kring_dossier_page_get_type ())
G_DECLARE_FINAL_TYPE (KringDossierPage, kring_dossier_page, KRING, DOSSIER_PAGE, AdwBin)

/* Fetches the dossier and its journal at once. */
KringDossierPage *kring_dossier_page_new (KringClient *client, gint64 dossier_id);

gint64 kring_dossier_page_get_dossier_id (KringDossierPage *self);
/* The dossier as last fetched, or NULL until it arrives (notify::dossier). */
KringDossierItem *kring_dossier_page_get_dossier (KringDossierPage *self);
/* The dossier's title once known, else NULL (notify::title), e.g. for a
 * header bar. */
const char *kring_dossier_page_get_title (KringDossierPage *self);

/* The views, "journal" or "participants". */
const char *kring_dossier_page_get_visible_view (KringDossierPage *self);
void kring_dossier_page_set_visible_view (KringDossierPage *self, const char *name);
/* The *Journal* view (a KringJournalView) and the *Participants* view. */
GtkWidget *kring_dossier_page_get_journal_view (KringDossierPage *self);
GtkWidget *kring_dossier_page_get_participants_view (KringDossierPage *self);

/* Fetches the dossier and its journal again. */
void kring_dossier_page_reload (KringDossierPage *self);

G_END_DECLS
