/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-quote-info.h"
#include "kring-api-reader.h"

static void
quote_info_clear (KringQuoteInfo *quote)
{
  g_free (quote->currency);
  g_free (quote->plan);
  g_free (quote->billing);
  g_strfreev (quote->discounts);
  g_clear_pointer (&quote->lines, g_array_unref);
  g_free (quote->invoice_period);
}

KRING_DEFINE_RC_BOXED (KringQuoteInfo, kring_quote_info, quote_info_clear)

static void
quote_line_clear (KringQuoteLine *line)
{
  g_free (line->kind);
  g_free (line->discount);
}

static void
read_amounts (KringReader *reader, const char *name, KringAmounts *out)
{
  JsonNode *node = _kring_reader_get_object (reader, name, KRING_READ_REQUIRED);
  g_auto (KringReader) amounts = { 0 };

  if (node == NULL)
    return;
  _kring_reader_init (&amounts, node, name);
  out->excl_vat_cents = _kring_reader_get_int (&amounts, "excl_vat_cents", KRING_READ_REQUIRED, 0);
  out->vat_cents = _kring_reader_get_int (&amounts, "vat_cents", KRING_READ_REQUIRED, 0);
  out->incl_vat_cents = _kring_reader_get_int (&amounts, "incl_vat_cents", KRING_READ_REQUIRED, 0);
  _kring_reader_adopt (reader, &amounts);
}

/* "invoice" is per_month or per_year plus the period's name. */
static char *
read_invoice (KringReader *reader, KringAmounts *out)
{
  JsonNode *node = _kring_reader_get_object (reader, "invoice", KRING_READ_REQUIRED);
  g_auto (KringReader) invoice = { 0 };
  char *period;

  read_amounts (reader, "invoice", out);
  if (node == NULL)
    return NULL;
  _kring_reader_init (&invoice, node, "invoice");
  period = _kring_reader_dup_string (&invoice, "period", KRING_READ_REQUIRED);
  _kring_reader_adopt (reader, &invoice);
  return period;
}

static gboolean
read_line (JsonNode *node, KringQuoteLine *line, GError **error)
{
  g_auto (KringReader) reader = { 0 };

  _kring_reader_init (&reader, node, "quote line");
  line->kind = _kring_reader_dup_string (&reader, "kind", KRING_READ_REQUIRED);
  line->discount = _kring_reader_dup_string (&reader, "discount", KRING_READ_OPTIONAL);
  line->quantity = _kring_reader_get_int (&reader, "quantity", KRING_READ_OPTIONAL, 0);
  line->unit_cents = _kring_reader_get_int (&reader, "unit_cents", KRING_READ_OPTIONAL, 0);
  line->percent_bp = _kring_reader_get_int (&reader, "percent_bp", KRING_READ_OPTIONAL, 0);
  line->amount_cents = _kring_reader_get_int (&reader, "amount_cents", KRING_READ_REQUIRED, 0);
  return _kring_reader_finish (&reader, error);
}

static GArray *
read_lines (JsonArray *array, GError **error)
{
  guint n = json_array_get_length (array);
  g_autoptr (GArray) lines = g_array_sized_new (FALSE, TRUE, sizeof (KringQuoteLine), n);

  g_array_set_clear_func (lines, (GDestroyNotify)quote_line_clear);
  g_array_set_size (lines, n);
  for (guint i = 0; i < n; i++)
    if (!read_line (json_array_get_element (array, i), &g_array_index (lines, KringQuoteLine, i),
                    error))
      return NULL;
  return g_steal_pointer (&lines);
}

KringQuoteInfo *
kring_quote_info_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringQuoteInfo) quote = g_rc_box_new0 (KringQuoteInfo);
  g_auto (KringReader) r = { 0 };
  JsonArray *lines;

  _kring_reader_init (&r, node, "quote");
  quote->currency = _kring_reader_dup_string (&r, "currency", KRING_READ_REQUIRED);
  quote->plan = _kring_reader_dup_string (&r, "plan", KRING_READ_REQUIRED);
  quote->users = _kring_reader_get_int (&r, "users", KRING_READ_REQUIRED, 0);
  quote->billing = _kring_reader_dup_string (&r, "billing", KRING_READ_REQUIRED);
  quote->discounts = _kring_reader_dup_strv (&r, "discounts", KRING_READ_REQUIRED);
  quote->included_users = _kring_reader_get_int (&r, "included_users", KRING_READ_REQUIRED, 0);
  quote->extra_users = _kring_reader_get_int (&r, "extra_users", KRING_READ_REQUIRED, 0);
  lines = _kring_reader_get_array (&r, "lines", KRING_READ_REQUIRED);
  read_amounts (&r, "per_month", &quote->per_month);
  read_amounts (&r, "per_year", &quote->per_year);
  quote->invoice_period = read_invoice (&r, &quote->invoice);
  quote->vat_rate_bp = _kring_reader_get_int (&r, "vat_rate_bp", KRING_READ_REQUIRED, 0);
  quote->setup_fee_cents = _kring_reader_get_int (&r, "setup_fee_cents", KRING_READ_REQUIRED, 0);
  quote->sla_eligible = _kring_reader_get_bool (&r, "sla_eligible", KRING_READ_REQUIRED);
  quote->partner_users = _kring_reader_get_int (&r, "partner_users", KRING_READ_REQUIRED, 0);
  quote->partner_share_cents
      = _kring_reader_get_int (&r, "partner_share_cents", KRING_READ_REQUIRED, 0);
  if (!_kring_reader_finish (&r, error))
    return NULL;
  quote->lines = read_lines (lines, error);
  return quote->lines != NULL ? g_steal_pointer (&quote) : NULL;
}
