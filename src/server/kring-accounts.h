/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Accounts as the API shows them (API.md, "Accounts and teammates"), shared
 * by the resources that answer with an account: accounts, teammates, /me,
 * signup verification and the operator commands. */
#pragma once

#include "kring-pricing.h"
#include "kring-request.h"
#include "kring-store-ops.h"

G_BEGIN_DECLS

/* Account: {"id","name","plan","billing","discounts","status","seats","created_at"};
 * discounts in the order of @prices' table. */
void kring_write_account (KringJsonWriter *writer, KringPriceTable *prices,
                          const KringAccount *account);
/* AccountSummary: {"id","name","plan","status"}. */
void kring_write_account_summary (KringJsonWriter *writer, const KringAccount *account);
/* Teammate: {"id","user_id","email","name","role","status","added_at"}. */
void kring_write_teammate (KringJsonWriter *writer, const KringTeammate *teammate);

/* The quote for the account's plan, billing and discounts with @seats users
 * (no max_users check: an account keeps its quote when over its plan).
 * FALSE when the account's plan is not in @prices (an operator's new table
 * dropped it). */
gboolean kring_account_quote (KringPriceTable *prices, const KringAccount *account, gint64 seats,
                              KringQuote *out);

/* Creates a trial account with @owner_id as its owner (signup, POST
 * /accounts, the operator's create-account). */
gboolean kring_account_create (KringTxn *txn, const char *name, const char *plan, gint64 owner_id,
                               gint64 *out_id, GError **error);

G_END_DECLS
