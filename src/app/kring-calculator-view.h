/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringCalculatorView: the Plan & price pane (PRICING.md, "What the
 * calculator pane adds").  Plan, users, billing, discounts and partner
 * users in; the breakdown, the totals per month and per year, what yearly
 * billing saves, the SLA hint and every plan side by side out, recomputed
 * by the core pricing engine on every change.  Works offline from the
 * shipped price table; with a client it uses the server's table and, given
 * an account, starts from that account's plan, billing, discounts and
 * seats. */
#pragma once

#include <adwaita.h>

#include "kring-client.h"

G_BEGIN_DECLS

#define KRING_TYPE_CALCULATOR_VIEW (kring_calculator_view_get_type ())
G_DECLARE_FINAL_TYPE (KringCalculatorView, kring_calculator_view, KRING, CALCULATOR_VIEW, AdwBin)

/* @client may be NULL (offline: the shipped price table); @account_id 0
 * for no account to start from. */
KringCalculatorView *kring_calculator_view_new (KringClient *client, gint64 account_id);

/* The language amounts are formatted for ("nl", "en_GB.UTF-8", …); NULL,
 * the default, follows the UI language. */
const char *kring_calculator_view_get_language (KringCalculatorView *self);
void kring_calculator_view_set_language (KringCalculatorView *self, const char *language);

/* Whether the prices are the server's (else the shipped table's). */
gboolean kring_calculator_view_get_from_server (KringCalculatorView *self);

G_END_DECLS
