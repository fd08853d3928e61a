/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a change of KringTeammatesView does to the price: the account's
 * plan, billing, discounts and seats priced by the core pricing engine
 * before and after, and the account header's seats and price. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "kring-money.h"
#include "kring-teammates-view-private.h"

#define SHIPPED_TABLE_RESOURCE "/nl/kring/Kring/pricing.json"

static const char *
ui_language (void)
{
  return g_get_language_names ()[0];
}

char *
_kring_teammates_money (gint64 cents)
{
  return kring_money_format (cents, ui_language ());
}

/* Prices */

KringPriceTable *
_kring_teammates_shipped_table (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
      = g_resources_lookup_data (SHIPPED_TABLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  KringPriceTable *table = NULL;

  if (bytes != NULL)
    table = kring_price_table_new_from_data (g_bytes_get_data (bytes, NULL),
                                             (gssize)g_bytes_get_size (bytes), &error);
  if (table == NULL)
    g_warning ("The shipped price table is broken: %s", error->message);
  return table;
}

/* The account's quote request for @users seats: its plan, billing and
 * discounts.  FALSE until the account and the table are known. */
static gboolean
account_request (KringTeammatesView *self, gint64 users, KringQuoteRequest *request)
{
  if (self->table == NULL || self->account == NULL)
    return FALSE;
  request->plan = kring_price_table_find_plan (self->table, self->account->plan);
  if (request->plan == NULL)
    return FALSE;
  request->users = CLAMP (users, KRING_QUOTE_MIN_USERS, KRING_QUOTE_MAX_USERS);
  request->yearly = g_strcmp0 (self->account->billing, "yearly") == 0;
  request->discount_mask = 0;
  for (guint i = 0; self->account->discounts != NULL && self->account->discounts[i] != NULL; i++)
    {
      int index = kring_price_table_get_discount_index (self->table, self->account->discounts[i]);
      const KringDiscount *discount
          = index >= 0 ? kring_price_table_get_discount (self->table, (guint)index) : NULL;

      if (discount != NULL && g_str_equal (discount->kind, "organisation"))
        request->discount_mask |= 1u << index;
    }
  request->partner_users = 0;
  return kring_quote_request_check (self->table, request, FALSE, NULL);
}

static gint64
monthly_cents (KringTeammatesView *self, const KringQuoteRequest *request)
{
  KringQuote quote;

  kring_quote_compute (self->table, request, &quote);
  return quote.per_month.excl_vat_cents;
}

/* Whether the plan holds no further teammate. */
static gboolean
plan_is_full (const KringQuoteRequest *request)
{
  return request->plan->max_users >= 0 && request->users + 1 > request->plan->max_users;
}

char *
_kring_teammates_plan_full_text (const KringPlan *plan)
{
  return g_strdup_printf (
      /* Translators: %s is a plan's name. */
      ngettext ("The %s plan holds at most %" PRId64
                " user. Choose a larger plan under Plan & Price to add teammates.",
                "The %s plan holds at most %" PRId64
                " users. Choose a larger plan under Plan & Price to add teammates.",
                (gulong)plan->max_users),
      plan->name, plan->max_users);
}

/* "€ 79,00 → € 94,00 a month" for one more teammate, or why there is none. */
char *
_kring_teammates_view_add_price_text (KringTeammatesView *self, gboolean *can_add)
{
  KringQuoteRequest request;
  g_autofree char *now = NULL;
  g_autofree char *next = NULL;
  gint64 now_cents;
  gint64 extra;

  *can_add = TRUE;
  if (!account_request (self, self->account != NULL ? self->account->seats : 0, &request))
    {
      if (self->account_failed)
        return g_strdup (_ ("The new price could not be worked out."));
      *can_add = FALSE;
      return g_strdup (_ ("Working out the new price…"));
    }
  if (plan_is_full (&request))
    {
      *can_add = FALSE;
      return _kring_teammates_plan_full_text (request.plan);
    }
  now_cents = monthly_cents (self, &request);
  extra = kring_quote_next_teammate_cents (self->table, &request);
  now = _kring_teammates_money (now_cents);
  if (extra == 0)
    return g_strdup_printf (
        /* Translators: %s is an amount, e.g. "€ 79,00". */
        _ ("The price stays %s a month, excluding VAT: your plan includes this teammate."), now);
  next = _kring_teammates_money (now_cents + extra);
  /* Translators: the monthly price before and after, e.g. "€ 79,00 → € 94,00 a month". */
  return g_strdup_printf (_ ("%s → %s a month, excluding VAT"), now, next);
}

static char *
seats_text (const KringPlan *plan, gint64 seats)
{
  if (plan->max_users >= 0)
    return g_strdup_printf (
        /* Translators: "Team plan: 5 of 15 users". */
        ngettext ("%s plan: %" PRId64 " of %" PRId64 " user",
                  "%s plan: %" PRId64 " of %" PRId64 " users", (gulong)plan->max_users),
        plan->name, seats, plan->max_users);
  return g_strdup_printf (
      ngettext ("%s plan: %" PRId64 " user", "%s plan: %" PRId64 " users", (gulong)seats),
      plan->name, seats);
}

/* The account header: seats on the plan and, for those who manage the
 * organisation, what it pays a month. */
void
_kring_teammates_view_update_header (KringTeammatesView *self)
{
  KringQuoteRequest request;
  g_autofree char *seats = NULL;
  g_autofree char *price = NULL;
  g_autofree char *amount = NULL;

  if (!account_request (self, self->account != NULL ? self->account->seats : 0, &request))
    {
      gtk_label_set_text (self->seats_label, "");
      gtk_label_set_text (self->price_label, "");
      return;
    }
  seats = seats_text (request.plan, self->account->seats);
  gtk_label_set_text (self->seats_label, seats);
  if (_kring_teammates_view_can_manage (self))
    {
      amount = _kring_teammates_money (monthly_cents (self, &request));
      price = g_strdup_printf (request.yearly ? _ ("%s a month, excluding VAT, billed yearly")
                                              : _ ("%s a month, excluding VAT"),
                               amount);
    }
  gtk_label_set_text (self->price_label, price != NULL ? price : "");
}

/* What the monthly price becomes with one teammate fewer, or NULL. */
char *
_kring_teammates_view_remove_price_text (KringTeammatesView *self)
{
  KringQuoteRequest request;
  g_autofree char *amount = NULL;

  if (self->account == NULL || self->account->seats < 2
      || !account_request (self, self->account->seats - 1, &request))
    return NULL;
  amount = _kring_teammates_money (monthly_cents (self, &request));
  return g_strdup_printf (_ ("The price becomes %s a month, excluding VAT."), amount);
}
