/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Journal entries as JSON, and pages of them kept for reuse
 * (kring-entry-pages.c). */
#pragma once

#include "kring-request.h"
#include "kring-store-ops.h"

G_BEGIN_DECLS

/* Writes an Entry object; a @guest sees the author as {"id", "name"}. */
void kring_write_entry (KringJsonWriter *writer, const KringEntry *entry, gboolean guest);

/* Answers 200 with a page of the dossier's entries, newest first, as the
 * caller sees them (@guest: no professional entries, authors redacted).
 * FALSE when it answered a store failure instead. */
gboolean kring_entry_pages_answer (KringRequest *req, KringTxn *txn, gint64 dossier_id,
                                   gboolean guest, const KringPageRequest *page);

G_END_DECLS
