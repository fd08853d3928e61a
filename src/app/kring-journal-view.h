/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringJournalView: a dossier's journal, newest entry first, and the box
 * to write a new entry or a correction in.  What was typed is never lost:
 * a failed send keeps it and offers Retry. */
#pragma once

#include <adwaita.h>

#include "kring-client.h"

G_BEGIN_DECLS

#define KRING_TYPE_JOURNAL_VIEW (kring_journal_view_get_type ())
G_DECLARE_FINAL_TYPE (KringJournalView, kring_journal_view, KRING, JOURNAL_VIEW, AdwBin)

/* Starts loading the entries at once.  Writing waits for
 * kring_journal_view_set_dossier(), which says whether the caller may. */
KringJournalView *kring_journal_view_new (KringClient *client, gint64 dossier_id);

gint64 kring_journal_view_get_dossier_id (KringJournalView *self);
/* The dossier as last fetched, or NULL before it is set. */
KringDossierItem *kring_journal_view_get_dossier (KringJournalView *self);
/* Its can_write, my_access and archived decide the compose box: hidden
 * with an explanation when the caller cannot write, and without the
 * visibility choice for a guest. */
void kring_journal_view_set_dossier (KringJournalView *self, KringDossierItem *dossier);

/* The entries (KringEntryItem), newest first, fetched page by page. */
GListModel *kring_journal_view_get_entries (KringJournalView *self);

/* Fetches the entries again; those shown stay until they arrive. */
void kring_journal_view_reload (KringJournalView *self);
/* The next entry sent corrects @entry_id (0: a new entry, not a correction). */
void kring_journal_view_correct_entry (KringJournalView *self, gint64 entry_id);
gint64 kring_journal_view_get_corrects (KringJournalView *self);
/* Selects entry @entry_id and scrolls to it, fetching older pages until
 * it arrives. */
void kring_journal_view_show_entry (KringJournalView *self, gint64 entry_id);
/* The entry selected (by kring_journal_view_show_entry() or a click), or 0. */
gint64 kring_journal_view_get_selected_entry (KringJournalView *self);

G_END_DECLS
