/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the parts of KringCalculatorView (kring-calculator-view*.c) share. */
#pragma once

#include "kring-calculator-view.h"
#include "kring-money.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWidget *child; /* the GtkFlowBoxChild */
  GtkLabel *price_label;
  GtkLabel *period_label;
  GtkLabel *note_label;
} PlanCard;

struct _KringCalculatorView
{
  AdwBin parent_instance;

  KringClient *client;
  gint64 account_id;
  char *language;
  GCancellable *cancellable;
  KringPriceTable *table;
  gboolean from_server;
  gboolean updating;
  GPtrArray *discount_switches; /* GtkSwitch per table discount; NULL for "yearly" */
  GArray *cards;                /* PlanCard per table plan */

  AdwComboRow *plan_row;
  GtkSpinButton *users_spin;
  AdwComboRow *billing_row;
  GtkSpinButton *partner_spin;
  AdwPreferencesGroup *discounts_group;
  GtkListBox *lines_list;
  GtkLabel *limit_label;
  AdwActionRow *month_vat_row;
  AdwActionRow *year_vat_row;
  GtkLabel *month_excl_label;
  GtkLabel *month_vat_label;
  GtkLabel *month_incl_label;
  GtkLabel *year_excl_label;
  GtkLabel *year_vat_label;
  GtkLabel *year_incl_label;
  GtkLabel *savings_label;
  GtkLabel *partner_label;
  GtkLabel *sla_label;
  GtkLabel *setup_label;
  GtkLabel *source_label;
  GtkFlowBox *plans_box;
};

/* kring-calculator-view.c */
/* @cents in the view's language. */
char *_kring_calculator_view_money (KringCalculatorView *self, gint64 cents);

/* kring-calculator-view-cards.c */
/* One card per plan of the table, in table order. */
void _kring_calculator_view_rebuild_cards (KringCalculatorView *self);
void _kring_calculator_view_update_cards (KringCalculatorView *self,
                                          const KringQuoteRequest *request);

G_END_DECLS
