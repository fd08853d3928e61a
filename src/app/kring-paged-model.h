/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringPagedModel: a GListModel over a list endpoint of the API that
 * fetches pages on demand.  It starts with the first page and fetches the
 * next when a view asks for an item near the end of what has arrived, so a
 * list view over thousands of dossiers only ever loads what was scrolled
 * past.  n-items grows as pages arrive; the total is not known up front.
 *
 * Wrapping it in a sort or filter model reads every item and so every
 * page: search on the server instead (kring_paged_model_set_search()). */
#pragma once

#include <gio/gio.h>

#include "kring-client.h"
#include "kring-list-query.h"

G_BEGIN_DECLS

#define KRING_PAGED_MODEL_PAGE_SIZE 50

#define KRING_TYPE_PAGED_MODEL (kring_paged_model_get_type ())
G_DECLARE_FINAL_TYPE (KringPagedModel, kring_paged_model, KRING, PAGED_MODEL, GObject)

KringPagedModel *kring_paged_model_new (KringClient *client, KringListQuery *query);

KringClient *kring_paged_model_get_client (KringPagedModel *self);
KringListQuery *kring_paged_model_get_query (KringPagedModel *self);
/* Lists @query instead, from its first page. */
void kring_paged_model_set_query (KringPagedModel *self, KringListQuery *query);
/* For a searchable query (dossiers): the server-side search, NULL or ""
 * for everything. */
void kring_paged_model_set_search (KringPagedModel *self, const char *search);

/* Fetches the list again from the first page (also after an error).  The
 * items shown stay until the new first page replaces them all at once. */
void kring_paged_model_reload (KringPagedModel *self);

/* Whether a page is being fetched. */
gboolean kring_paged_model_get_loading (KringPagedModel *self);
/* Whether every page has arrived. */
gboolean kring_paged_model_get_complete (KringPagedModel *self);
/* Why the last fetch failed, or NULL.  No further page is fetched until
 * kring_paged_model_reload(). */
const GError *kring_paged_model_get_error (KringPagedModel *self);

G_END_DECLS
