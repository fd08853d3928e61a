/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A Quote as the server answers it (PRICING.md, "The quote"): for
 * POST /api/v1/quotes, an account's billing, and a teammate's addition.
 * The amounts reuse the pricing engine's KringAmounts, so a server quote
 * and one computed offline by kring_quote_compute() compare directly. */
#pragma once

#include <json-glib/json-glib.h>

#include "kring-pricing.h"

G_BEGIN_DECLS

typedef struct
{
  char *kind;          /* "base" | "extra_users" | "discount" */
  char *discount;      /* the discount id of a "discount" line, else NULL */
  gint64 quantity;     /* "extra_users": how many, else 0 */
  gint64 unit_cents;   /* "extra_users": per user, else 0 */
  gint64 percent_bp;   /* "discount": the rate, else 0 */
  gint64 amount_cents; /* negative for a discount */
} KringQuoteLine;

typedef struct
{
  char *currency;
  char *plan;
  gint64 users;
  char *billing;   /* "monthly" | "yearly" */
  GStrv discounts; /* the organisation discounts applied, in table order */
  gint64 included_users;
  gint64 extra_users;
  GArray *lines; /* of KringQuoteLine */
  KringAmounts per_month;
  KringAmounts per_year;
  char *invoice_period; /* "month" | "year" */
  KringAmounts invoice;
  gint64 vat_rate_bp;
  gint64 setup_fee_cents;
  gboolean sla_eligible;
  gint64 partner_users;
  gint64 partner_share_cents;
} KringQuoteInfo;

#define KRING_TYPE_QUOTE_INFO (kring_quote_info_get_type ())
GType kring_quote_info_get_type (void) G_GNUC_CONST;
KringQuoteInfo *kring_quote_info_new_from_json (JsonNode *node, GError **error);
KringQuoteInfo *kring_quote_info_ref (KringQuoteInfo *quote);
void kring_quote_info_unref (KringQuoteInfo *quote);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringQuoteInfo, kring_quote_info_unref)

G_END_DECLS
