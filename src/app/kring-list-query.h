/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which list endpoint to read, and with which filters: the input of
 * kring_client_list_async() and of a KringPagedModel.  Immutable and
 * reference counted; kring_list_query_with_search() makes a changed copy. */
#pragma once

#include <glib-object.h>

#include "kring-api-results.h"

G_BEGIN_DECLS

typedef struct _KringListQuery KringListQuery;

#define KRING_TYPE_LIST_QUERY (kring_list_query_get_type ())
GType kring_list_query_get_type (void) G_GNUC_CONST;

/* GET /api/v1/dossiers: of one account, or of all the caller can see when
 * @account_id is 0; @search (q=) may be NULL; archived ones only, or only
 * those not archived.  Items are KringDossierItem. */
KringListQuery *kring_list_query_new_dossiers (gint64 account_id, const char *search,
                                               gboolean archived);
/* GET /api/v1/accounts/{id}/teammates: KringTeammateItem. */
KringListQuery *kring_list_query_new_teammates (gint64 account_id);
/* GET /api/v1/dossiers/{id}/participants: KringParticipantItem. */
KringListQuery *kring_list_query_new_participants (gint64 dossier_id);
/* GET /api/v1/dossiers/{id}/entries, newest first: KringEntryItem. */
KringListQuery *kring_list_query_new_entries (gint64 dossier_id);
/* GET /api/v1/accounts/{id}/audit, newest first, optionally only of one
 * dossier (0: all) and one action (NULL: all): KringAuditItem. */
KringListQuery *kring_list_query_new_audit (gint64 account_id, gint64 dossier_id,
                                            const char *action);

KringListQuery *kring_list_query_ref (KringListQuery *query);
void kring_list_query_unref (KringListQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringListQuery, kring_list_query_unref)

GType kring_list_query_get_item_type (KringListQuery *query);
/* Only the dossiers list searches (server-side q=). */
gboolean kring_list_query_get_searchable (KringListQuery *query);
const char *kring_list_query_get_search (KringListQuery *query);
/* A copy searching for @search (NULL or "" for everything); searchable
 * queries only. */
KringListQuery *kring_list_query_with_search (KringListQuery *query, const char *search);

/* The request path with its query string, for one page. */
char *_kring_list_query_build_path (KringListQuery *query, const char *cursor, guint limit);
KringParseFunc _kring_list_query_get_parse_func (KringListQuery *query);

G_END_DECLS
