/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Answers of the Kring API that combine list items with other data: a
 * page of a list, a teammate's addition with the new bill, and the
 * per-item outcome of a participants batch.  Immutable, reference
 * counted boxed structs, like those of kring-api-types.h. */
#pragma once

#include "kring-api-types.h"
#include "kring-client-error.h"
#include "kring-participant-item.h"
#include "kring-quote-info.h"
#include "kring-teammate-item.h"

G_BEGIN_DECLS

/* One page of a list endpoint: its items (GObjects of the list's item
 * type) and the cursor of the next page, NULL after the last one. */
typedef struct
{
  GPtrArray *items;
  char *next_cursor;
} KringPage;

#define KRING_TYPE_PAGE (kring_page_get_type ())
GType kring_page_get_type (void) G_GNUC_CONST;
KringPage *kring_page_new_from_json (JsonNode *node, KringParseFunc parse, GError **error);
KringPage *kring_page_ref (KringPage *page);
void kring_page_unref (KringPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringPage, kring_page_unref)

/* POST /api/v1/accounts/{id}/teammates: the teammate and the account's
 * bill with them. */
typedef struct
{
  KringTeammateItem *teammate;
  KringQuoteInfo *billing;
} KringTeammateAdded;

#define KRING_TYPE_TEAMMATE_ADDED (kring_teammate_added_get_type ())
GType kring_teammate_added_get_type (void) G_GNUC_CONST;
KringTeammateAdded *kring_teammate_added_new_from_json (JsonNode *node, GError **error);
KringTeammateAdded *kring_teammate_added_ref (KringTeammateAdded *added);
void kring_teammate_added_unref (KringTeammateAdded *added);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringTeammateAdded, kring_teammate_added_unref)

/* One result of POST /api/v1/dossiers/{id}/participants/batch. */
typedef struct
{
  char *email;                       /* normalised when valid, as sent otherwise; may be NULL */
  guint status;                      /* 201, 409 or 422 */
  KringProblemDetails *problem;      /* code and extensions when refused, else NULL */
  KringParticipantItem *participant; /* the participant when added (201), else NULL */
} KringBatchResult;

#define KRING_TYPE_BATCH_RESULT (kring_batch_result_get_type ())
GType kring_batch_result_get_type (void) G_GNUC_CONST;
KringBatchResult *kring_batch_result_new_from_json (JsonNode *node, GError **error);
KringBatchResult *kring_batch_result_ref (KringBatchResult *result);
void kring_batch_result_unref (KringBatchResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringBatchResult, kring_batch_result_unref)

G_END_DECLS
