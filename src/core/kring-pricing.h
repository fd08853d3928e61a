/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pricing engine of PRICING.md: the price table (data/pricing.json or an
 * operator's --pricing file) and the quote computed from it.  The server and
 * the desktop calculator both call this, so they agree to the cent. */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "kring-json.h"
#include "kring-problem.h"

G_BEGIN_DECLS

/* Limits of a quote request (PRICING.md) and of a price table.  The table
 * limits exist so that no quote can overflow gint64 (see kring-pricing.c);
 * they are far above any real price. */
#define KRING_QUOTE_MIN_USERS 1
#define KRING_QUOTE_MAX_USERS 100000
#define KRING_PRICING_MAX_CENTS G_GINT64_CONSTANT (100000000) /* € 1.000.000,00 */
#define KRING_PRICING_MAX_BP 10000                            /* 100 % */
#define KRING_PRICING_MAX_DISCOUNTS 32                        /* bits of a discount mask */

typedef struct
{
  char *id;
  char *name;
  gint64 base_cents;
  gint64 included_users;
  gint64 extra_user_cents;
  gint64 max_users; /* -1 = no limit (null in JSON) */
  GStrv features;
} KringPlan;

typedef struct
{
  char *id;
  gint64 percent_bp;
  char *kind; /* "billing" (only "yearly") | "organisation" */
} KringDiscount;

typedef struct _KringPriceTable KringPriceTable;

#define KRING_TYPE_PRICE_TABLE (kring_price_table_get_type ())
GType kring_price_table_get_type (void) G_GNUC_CONST;

/* Parses and validates a price table strictly: every member present with its
 * JSON type and nothing else, integers within range (non-negative, money at
 * most KRING_PRICING_MAX_CENTS, rates at most KRING_PRICING_MAX_BP), currency
 * "EUR", at least one plan, unique plan and discount ids, a discount "yearly"
 * of kind "billing" and every other discount of kind "organisation".  On
 * failure returns NULL and sets @error in KRING_PROBLEM_ERROR
 * (INVALID_JSON for syntax, INVALID_FIELD for shape) with an English message
 * naming the member, e.g. "plans[1].max_users".  @length may be -1 for a
 * NUL-terminated @json.  The table is immutable and its refcount atomic, so
 * it can be shared between threads. */
KringPriceTable *kring_price_table_new_from_data (const char *json, gssize length, GError **error);
KringPriceTable *kring_price_table_ref (KringPriceTable *table);
void kring_price_table_unref (KringPriceTable *table);

/* The table serialised compactly, equal as JSON to the text it was loaded
 * from (members in PRICING.md order): the body of GET /api/v1/plans. */
const char *kring_price_table_get_json (KringPriceTable *table);

const char *kring_price_table_get_currency (KringPriceTable *table);
gint64 kring_price_table_get_vat_rate_bp (KringPriceTable *table);
gint64 kring_price_table_get_setup_fee_cents (KringPriceTable *table);
gint64 kring_price_table_get_sla_min_extra_users (KringPriceTable *table);
gint64 kring_price_table_get_guests_per_dossier (KringPriceTable *table);
gint64 kring_price_table_get_dossiers_per_guest (KringPriceTable *table);

/* Plans and discounts in table order; the pointers live as long as @table. */
guint kring_price_table_get_n_plans (KringPriceTable *table);
const KringPlan *kring_price_table_get_plan (KringPriceTable *table, guint index);
const KringPlan *kring_price_table_find_plan (KringPriceTable *table, const char *id);
guint kring_price_table_get_n_discounts (KringPriceTable *table);
const KringDiscount *kring_price_table_get_discount (KringPriceTable *table, guint index);
const KringDiscount *kring_price_table_find_discount (KringPriceTable *table, const char *id);
/* The table index of discount @id (its bit in a discount mask), or -1. */
int kring_price_table_get_discount_index (KringPriceTable *table, const char *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringPriceTable, kring_price_table_unref)

typedef struct
{
  const KringPlan *plan; /* a plan of the table the request is used with */
  gint64 users;
  gboolean yearly;
  guint32 discount_mask; /* bit i = i-th discount of the table; organisation ones only */
  gint64 partner_users;
} KringQuoteRequest;

/* Reads the body of POST /api/v1/quotes: plan (string, required), users
 * (integer, required), billing ("monthly" | "yearly", default monthly),
 * discounts (array of organisation discount ids, duplicates folded, default
 * none), partner_users (integer, default 0).  Reports the first problem in
 * that field order as invalid_field with the field's name: an unknown or
 * mistyped member (kring_json_check_fields), an unknown plan, users outside
 * 1…100000 or above the plan's max_users, a bad billing, an unknown discount
 * or "yearly" or a non-string inside discounts, partner_users outside
 * 0…users.  @out is only meaningful when TRUE is returned. */
gboolean kring_quote_request_from_json (KringPriceTable *table, JsonObject *body,
                                        KringQuoteRequest *out, KringFieldError *error);

/* The range checks of kring_quote_request_from_json() on a request built in
 * code.  The server's account billing passes @check_max_users = FALSE: an
 * account keeps its quote even when it has more seats than its plan holds. */
gboolean kring_quote_request_check (KringPriceTable *table, const KringQuoteRequest *request,
                                    gboolean check_max_users, KringFieldError *error);

typedef struct
{
  gint64 excl_vat_cents;
  gint64 vat_cents;
  gint64 incl_vat_cents;
} KringAmounts;

/* A computed quote.  Discount amounts are stored as positive cents and
 * written negated in the lines. */
typedef struct
{
  KringQuoteRequest request;
  gint64 included_users;
  gint64 extra_users;
  gint64 base_cents;
  gint64 extra_users_cents; /* extra_users × the plan's extra_user_cents */
  gint64 subtotal_cents;
  int org_discount_index; /* the organisation discount named in the line, -1 if none chosen */
  gint64 org_percent_bp;
  gint64 org_discount_cents;
  gint64 yearly_percent_bp; /* 0 for monthly billing */
  gint64 yearly_discount_cents;
  KringAmounts per_month;
  KringAmounts per_year;
  gint64 vat_rate_bp;
  gint64 setup_fee_cents;
  gboolean sla_eligible;
  gint64 partner_share_cents;
} KringQuote;

/* Computes the quote of PRICING.md.  @request must pass
 * kring_quote_request_check() (max_users need not hold). */
void kring_quote_compute (KringPriceTable *table, const KringQuoteRequest *request,
                          KringQuote *out);

/* per_year for yearly billing, per_month for monthly. */
const KringAmounts *kring_quote_get_invoice (const KringQuote *quote);

/* Writes the response object of POST /api/v1/quotes (and of account
 * billing), members in PRICING.md order, lines with a zero amount left out,
 * chosen discounts in table order. */
void kring_quote_write_json (KringPriceTable *table, const KringQuote *quote,
                             KringJsonWriter *writer);

/* The monthly price excluding VAT that one more user adds to @request
 * (same plan, billing and discounts; partner_users ignored): the client
 * shows "€ 79,00 → € 94,00 a month" as per_month.excl_vat_cents and that
 * plus this.  Not limited by max_users: whether the plan can hold another
 * user is the caller's question.  @request must pass
 * kring_quote_request_check() (max_users need not hold). */
gint64 kring_quote_next_teammate_cents (KringPriceTable *table, const KringQuoteRequest *request);

G_END_DECLS
