/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Quotes: checking and reading a quote request, computing the quote from
 * the price table, and writing it as JSON. */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include "kring-pricing-private.h"

/* Overflow: all arithmetic is on gint64 and cannot overflow within the
 * validated ranges.  users ≤ KRING_QUOTE_MAX_USERS + 1 (the next-teammate
 * quote), base_cents and extra_user_cents ≤ KRING_PRICING_MAX_CENTS = 10^8,
 * so a subtotal is at most 10^8 + 100001 × 10^8 < 1.01 × 10^13.  Discounts
 * only lower it.  The largest product is pct(year_excl, vat_rate_bp) with
 * year_excl ≤ 12 × 1.01 × 10^13 and vat_rate_bp ≤ 10^4: below 1.3 × 10^18,
 * well under G_MAXINT64 ≈ 9.2 × 10^18. */

/* Quote requests */

static gboolean
check_plan (KringPriceTable *table, const KringPlan *plan, KringFieldError *error)
{
  /* A plan pointer of another table would price with foreign numbers. */
  if (plan == NULL || plan < table->plans || plan >= table->plans + table->n_plans)
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "plan", "Unknown plan.");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_users (const KringPlan *plan, gint64 users, gboolean check_max_users, KringFieldError *error)
{
  if (users < KRING_QUOTE_MIN_USERS || users > KRING_QUOTE_MAX_USERS)
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "users",
                             "The number of users must be between %d and %d.",
                             KRING_QUOTE_MIN_USERS, KRING_QUOTE_MAX_USERS);
      return FALSE;
    }
  if (check_max_users && plan->max_users >= 0 && users > plan->max_users)
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "users",
                             "Plan %s holds at most %" G_GINT64_FORMAT " users.", plan->id,
                             plan->max_users);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_organisation_discount (KringPriceTable *table, guint index)
{
  return index < table->n_discounts && index != table->yearly;
}

static gboolean
check_discount_mask (KringPriceTable *table, guint32 mask, KringFieldError *error)
{
  for (guint i = 0; i < KRING_PRICING_MAX_DISCOUNTS; i++)
    if ((mask & (1u << i)) != 0 && !is_organisation_discount (table, i))
      {
        kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "discounts",
                               "Only organisation discounts can be chosen.");
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_partner_users (gint64 partner_users, gint64 users, KringFieldError *error)
{
  if (partner_users < 0 || partner_users > users)
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "partner_users",
                             "partner_users must be between 0 and the number of users.");
      return FALSE;
    }
  return TRUE;
}

gboolean
kring_quote_request_check (KringPriceTable *table, const KringQuoteRequest *request,
                           gboolean check_max_users, KringFieldError *error)
{
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  return check_plan (table, request->plan, error)
         && check_users (request->plan, request->users, check_max_users, error)
         && check_discount_mask (table, request->discount_mask, error)
         && check_partner_users (request->partner_users, request->users, error);
}

static gboolean
read_billing (JsonObject *body, gboolean *yearly, KringFieldError *error)
{
  const char *billing = kring_json_get_string (body, "billing", "monthly");

  *yearly = g_str_equal (billing, "yearly");
  if (!*yearly && !g_str_equal (billing, "monthly"))
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "billing",
                             "billing must be \"monthly\" or \"yearly\".");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_discount_ids (KringPriceTable *table, JsonObject *body, guint32 *mask, KringFieldError *error)
{
  JsonArray *array;

  *mask = 0;
  if (!json_object_has_member (body, "discounts"))
    return TRUE;
  array = json_object_get_array_member (body, "discounts");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      int index = -1;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        index = kring_price_table_get_discount_index (table, json_node_get_string (node));
      if (index < 0 || !is_organisation_discount (table, (guint)index))
        {
          kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "discounts",
                                 "discounts[%u] is not an organisation discount.", i);
          return FALSE;
        }
      *mask |= 1u << index;
    }
  return TRUE;
}

static const KringFieldSpec quote_fields[] = {
  { "plan", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "users", KRING_FIELD_INT, KRING_FIELD_REQUIRED },
  { "billing", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
  { "discounts", KRING_FIELD_ARRAY, KRING_FIELD_OPTIONAL },
  { "partner_users", KRING_FIELD_INT, KRING_FIELD_OPTIONAL },
};

gboolean
kring_quote_request_from_json (KringPriceTable *table, JsonObject *body, KringQuoteRequest *out,
                               KringFieldError *error)
{
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  *out = (KringQuoteRequest){ 0 };
  if (!kring_json_check_fields (body, quote_fields, G_N_ELEMENTS (quote_fields), error))
    return FALSE;
  out->plan = kring_price_table_find_plan (table, kring_json_get_string (body, "plan", ""));
  out->users = kring_json_get_int (body, "users", 0);
  out->partner_users = kring_json_get_int (body, "partner_users", 0);
  /* Checked in field order, so the first problem of the body is the one named. */
  return check_plan (table, out->plan, error) && check_users (out->plan, out->users, TRUE, error)
         && read_billing (body, &out->yearly, error)
         && read_discount_ids (table, body, &out->discount_mask, error)
         && check_partner_users (out->partner_users, out->users, error);
}

/* Quotes */

/* Round half up; @x and @bp are never negative. */
static gint64
pct (gint64 x, gint64 bp)
{
  return (x * bp + 5000) / 10000;
}

/* They do not stack: the highest wins, and on a tie the first in table order
 * is the one named. */
static int
choose_org_discount (KringPriceTable *table, guint32 mask)
{
  int best = -1;

  for (guint i = 0; i < table->n_discounts; i++)
    if ((mask & (1u << i)) != 0
        && (best < 0 || table->discounts[i].percent_bp > table->discounts[best].percent_bp))
      best = (int)i;
  return best;
}

static void
compute_amounts (KringPriceTable *table, gint64 excl_vat_cents, KringAmounts *out)
{
  out->excl_vat_cents = excl_vat_cents;
  out->vat_cents = pct (excl_vat_cents, table->vat_rate_bp);
  out->incl_vat_cents = excl_vat_cents + out->vat_cents;
}

/* Everything but the partner share, for any @users ≥ 0 (0 is the "no seats
 * left" end of a partner share). */
static void
compute_core (KringPriceTable *table, const KringPlan *plan, gint64 users, gboolean yearly,
              guint32 mask, KringQuote *out)
{
  gint64 after_org;

  out->included_users = plan->included_users;
  out->extra_users = MAX (0, users - plan->included_users);
  out->base_cents = plan->base_cents;
  out->extra_users_cents = out->extra_users * plan->extra_user_cents;
  out->subtotal_cents = out->base_cents + out->extra_users_cents;
  out->org_discount_index = choose_org_discount (table, mask);
  out->org_percent_bp
      = out->org_discount_index < 0 ? 0 : table->discounts[out->org_discount_index].percent_bp;
  out->org_discount_cents = pct (out->subtotal_cents, out->org_percent_bp);
  after_org = out->subtotal_cents - out->org_discount_cents;
  out->yearly_percent_bp = yearly ? table->discounts[table->yearly].percent_bp : 0;
  out->yearly_discount_cents = pct (after_org, out->yearly_percent_bp);
  compute_amounts (table, after_org - out->yearly_discount_cents, &out->per_month);
  compute_amounts (table, 12 * out->per_month.excl_vat_cents, &out->per_year);
  out->vat_rate_bp = table->vat_rate_bp;
  out->setup_fee_cents = table->setup_fee_cents;
  out->sla_eligible = out->extra_users >= table->sla_min_extra_users;
}

static gint64
month_excl_vat (KringPriceTable *table, const KringQuoteRequest *request, gint64 users)
{
  KringQuote quote;

  compute_core (table, request->plan, users, request->yearly, request->discount_mask, &quote);
  return quote.per_month.excl_vat_cents;
}

void
kring_quote_compute (KringPriceTable *table, const KringQuoteRequest *request, KringQuote *out)
{
  g_return_if_fail (out != NULL);
  *out = (KringQuote){ 0 };
  g_return_if_fail (table != NULL);
  g_return_if_fail (kring_quote_request_check (table, request, FALSE, NULL));

  out->request = *request;
  compute_core (table, request->plan, request->users, request->yearly, request->discount_mask, out);
  /* The partner's seats are the last ones added. */
  out->partner_share_cents
      = out->per_month.excl_vat_cents
        - month_excl_vat (table, request, request->users - request->partner_users);
}

const KringAmounts *
kring_quote_get_invoice (const KringQuote *quote)
{
  g_return_val_if_fail (quote != NULL, NULL);
  return quote->request.yearly ? &quote->per_year : &quote->per_month;
}

gint64
kring_quote_next_teammate_cents (KringPriceTable *table, const KringQuoteRequest *request)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (kring_quote_request_check (table, request, FALSE, NULL), 0);

  return month_excl_vat (table, request, request->users + 1)
         - month_excl_vat (table, request, request->users);
}

/* Quote JSON */

static void
write_discount_ids (KringPriceTable *table, guint32 mask, KringJsonWriter *w)
{
  kring_json_key (w, "discounts");
  kring_json_begin_array (w);
  for (guint i = 0; i < table->n_discounts; i++)
    if ((mask & (1u << i)) != 0)
      kring_json_string (w, table->discounts[i].id);
  kring_json_end_array (w);
}

static void
write_discount_line (const KringDiscount *discount, gint64 percent_bp, gint64 amount_cents,
                     KringJsonWriter *w)
{
  if (amount_cents == 0)
    return;
  kring_json_begin_object (w);
  kring_json_member_string (w, "kind", "discount");
  kring_json_member_string (w, "discount", discount->id);
  kring_json_member_int (w, "percent_bp", percent_bp);
  kring_json_member_int (w, "amount_cents", -amount_cents);
  kring_json_end_object (w);
}

static void
write_lines (KringPriceTable *table, const KringQuote *q, KringJsonWriter *w)
{
  kring_json_key (w, "lines");
  kring_json_begin_array (w);
  if (q->base_cents != 0)
    {
      kring_json_begin_object (w);
      kring_json_member_string (w, "kind", "base");
      kring_json_member_int (w, "amount_cents", q->base_cents);
      kring_json_end_object (w);
    }
  if (q->extra_users_cents != 0)
    {
      kring_json_begin_object (w);
      kring_json_member_string (w, "kind", "extra_users");
      kring_json_member_int (w, "quantity", q->extra_users);
      kring_json_member_int (w, "unit_cents", q->request.plan->extra_user_cents);
      kring_json_member_int (w, "amount_cents", q->extra_users_cents);
      kring_json_end_object (w);
    }
  if (q->org_discount_index >= 0)
    write_discount_line (&table->discounts[q->org_discount_index], q->org_percent_bp,
                         q->org_discount_cents, w);
  write_discount_line (&table->discounts[table->yearly], q->yearly_percent_bp,
                       q->yearly_discount_cents, w);
  kring_json_end_array (w);
}

static void
write_amounts (KringJsonWriter *w, const char *name, const char *period, const KringAmounts *a)
{
  kring_json_key (w, name);
  kring_json_begin_object (w);
  if (period != NULL)
    kring_json_member_string (w, "period", period);
  kring_json_member_int (w, "excl_vat_cents", a->excl_vat_cents);
  kring_json_member_int (w, "vat_cents", a->vat_cents);
  kring_json_member_int (w, "incl_vat_cents", a->incl_vat_cents);
  kring_json_end_object (w);
}

void
kring_quote_write_json (KringPriceTable *table, const KringQuote *quote, KringJsonWriter *writer)
{
  const KringQuoteRequest *request;

  g_return_if_fail (table != NULL);
  g_return_if_fail (quote != NULL && quote->request.plan != NULL);
  g_return_if_fail (writer != NULL);

  request = &quote->request;
  kring_json_begin_object (writer);
  kring_json_member_string (writer, "currency", table->currency);
  kring_json_member_string (writer, "plan", request->plan->id);
  kring_json_member_int (writer, "users", request->users);
  kring_json_member_string (writer, "billing", request->yearly ? "yearly" : "monthly");
  write_discount_ids (table, request->discount_mask, writer);
  kring_json_member_int (writer, "included_users", quote->included_users);
  kring_json_member_int (writer, "extra_users", quote->extra_users);
  write_lines (table, quote, writer);
  write_amounts (writer, "per_month", NULL, &quote->per_month);
  write_amounts (writer, "per_year", NULL, &quote->per_year);
  write_amounts (writer, "invoice", request->yearly ? "year" : "month",
                 kring_quote_get_invoice (quote));
  kring_json_member_int (writer, "vat_rate_bp", quote->vat_rate_bp);
  kring_json_member_int (writer, "setup_fee_cents", quote->setup_fee_cents);
  kring_json_member_bool (writer, "sla_eligible", quote->sla_eligible);
  kring_json_member_int (writer, "partner_users", request->partner_users);
  kring_json_member_int (writer, "partner_share_cents", quote->partner_share_cents);
  kring_json_end_object (writer);
}
