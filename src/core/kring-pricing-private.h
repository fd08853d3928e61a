/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inside the pricing engine: the price table as loaded and validated by
 * kring-price-table.c, read by the quotes of kring-pricing.c. */
#pragma once

#include "kring-pricing.h"

G_BEGIN_DECLS

struct _KringPriceTable
{
  char *json;
  char *currency;
  gint64 vat_rate_bp;
  gint64 setup_fee_cents;
  gint64 sla_min_extra_users;
  gint64 guests_per_dossier;
  gint64 dossiers_per_guest;
  KringPlan *plans;
  guint n_plans;
  KringDiscount *discounts;
  guint n_discounts;
  guint yearly; /* index of the "yearly" discount */
};

G_END_DECLS
