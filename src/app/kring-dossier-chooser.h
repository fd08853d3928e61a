/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringDossierChooser: picks one of the dossiers the caller sees, with a
 * search as you type: the keyboard way to drop people on a dossier row
 * (*Invite to dossier…*). */
#pragma once

#include <adwaita.h>

#include "kring-client.h"

G_BEGIN_DECLS

#define KRING_TYPE_DOSSIER_CHOOSER (kring_dossier_chooser_get_type ())
G_DECLARE_FINAL_TYPE (KringDossierChooser, kring_dossier_chooser, KRING, DOSSIER_CHOOSER, AdwWindow)

/* Signals: "dossier-chosen" (gint64 dossier_id), after which the window
 * closes.  @current_dossier_id (0: none) is shown but cannot be chosen. */
KringDossierChooser *kring_dossier_chooser_new (KringClient *client, gint64 current_dossier_id);

/* Chooses the dossier at @position of the list (what activating a row does). */
void kring_dossier_chooser_choose (KringDossierChooser *self, guint position);
GListModel *kring_dossier_chooser_get_model (KringDossierChooser *self);

G_END_DECLS
