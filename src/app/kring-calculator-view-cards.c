/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The plan cards of KringCalculatorView: every plan of the table side by
 * side with its monthly price for the inputs, the cheapest that fits
 * marked, and one accessible sentence per card. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "kring-calculator-view-private.h"

static const char *
feature_label (const char *id)
{
  static const struct
  {
    const char *id;
    const char *label;
  } features[] = {
    { "journal", N_ ("Journal") },
    { "free_guests", N_ ("Free guests") },
    { "support", N_ ("Support") },
    { "training", N_ ("Training") },
    { "roles", N_ ("Roles") },
    { "audit_log", N_ ("Audit log") },
    { "sla", N_ ("Service level agreement") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    if (g_str_equal (id, features[i].id))
      return _ (features[i].label);
  return id;
}

/* All plans side by side */

static GtkWidget *
new_card_label (const char *css_class, gboolean wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  /* Narrow enough for four cards side by side in the clamp. */
  if (wrap)
    gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static PlanCard
new_plan_card (KringCalculatorView *self, const KringPlan *plan)
{
  PlanCard card = { 0 };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *name = new_card_label ("title-4", TRUE);
  GtkWidget *features = new_card_label ("caption", TRUE);
  g_autoptr (GString) feature_text = g_string_new (NULL);

  card.price_label = GTK_LABEL (new_card_label ("title-2", FALSE));
  card.period_label = GTK_LABEL (new_card_label ("caption", TRUE));
  card.note_label = GTK_LABEL (new_card_label ("caption-heading", TRUE));
  gtk_label_set_text (GTK_LABEL (name), plan->name);
  gtk_label_set_text (card.period_label, _ ("a month"));
  gtk_widget_add_css_class (GTK_WIDGET (card.period_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (card.price_label), "numeric");
  for (guint i = 0; plan->features[i] != NULL; i++)
    g_string_append_printf (feature_text, "%s%s", i > 0 ? " · " : "",
                            feature_label (plan->features[i]));
  gtk_label_set_text (GTK_LABEL (features), feature_text->str);
  gtk_widget_add_css_class (features, "dim-label");

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card.price_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card.period_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card.note_label));
  gtk_box_append (GTK_BOX (box), features);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  card.child = gtk_flow_box_child_new ();
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (card.child), box);
  gtk_widget_add_css_class (card.child, "card");
  gtk_widget_add_css_class (card.child, "activatable");
  /* The plan's stable id names the card, for style and for tests. */
  gtk_widget_set_name (card.child, plan->id);
  gtk_flow_box_append (self->plans_box, card.child);
  return card;
}

void
_kring_calculator_view_rebuild_cards (KringCalculatorView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->plans_box))) != NULL)
    gtk_flow_box_remove (self->plans_box, child);
  g_array_set_size (self->cards, 0);
  for (guint i = 0; i < kring_price_table_get_n_plans (self->table); i++)
    {
      PlanCard card = new_plan_card (self, kring_price_table_get_plan (self->table, i));

      g_array_append_val (self->cards, card);
    }
}

/* Fills card @index for @request on its plan; returns whether the plan
 * can hold the users, and its monthly price excluding VAT in @cents. */
static gboolean
update_card (KringCalculatorView *self, guint index, const KringQuoteRequest *request,
             gint64 *cents)
{
  PlanCard *card = &g_array_index (self->cards, PlanCard, index);
  KringQuoteRequest on_plan = *request;
  KringQuote quote;
  g_autofree char *price = NULL;
  g_autofree char *note = NULL;

  on_plan.plan = kring_price_table_get_plan (self->table, index);
  gtk_widget_set_visible (GTK_WIDGET (card->period_label), TRUE);
  gtk_widget_remove_css_class (card->child, "cheapest");
  gtk_widget_remove_css_class (GTK_WIDGET (card->note_label), "success");
  gtk_widget_set_visible (GTK_WIDGET (card->note_label), FALSE);
  if (!kring_quote_request_check (self->table, &on_plan, TRUE, NULL))
    {
      note = g_strdup_printf (ngettext ("Holds at most %" PRId64 " user",
                                        "Holds at most %" PRId64 " users",
                                        (gulong)on_plan.plan->max_users),
                              on_plan.plan->max_users);
      gtk_label_set_text (card->price_label, "—");
      gtk_widget_set_visible (GTK_WIDGET (card->period_label), FALSE);
      gtk_label_set_text (card->note_label, note);
      gtk_widget_set_visible (GTK_WIDGET (card->note_label), TRUE);
      gtk_widget_add_css_class (card->child, "unavailable");
      gtk_widget_add_css_class (card->child, "dim-label");
      return FALSE;
    }
  gtk_widget_remove_css_class (card->child, "unavailable");
  gtk_widget_remove_css_class (card->child, "dim-label");
  kring_quote_compute (self->table, &on_plan, &quote);
  price = _kring_calculator_view_money (self, quote.per_month.excl_vat_cents);
  gtk_label_set_text (card->price_label, price);
  *cents = quote.per_month.excl_vat_cents;
  return TRUE;
}

static void
mark_cheapest (KringCalculatorView *self, guint index)
{
  PlanCard *card = &g_array_index (self->cards, PlanCard, index);

  gtk_label_set_text (card->note_label, _ ("Cheapest that fits"));
  gtk_widget_add_css_class (GTK_WIDGET (card->note_label), "success");
  gtk_widget_set_visible (GTK_WIDGET (card->note_label), TRUE);
  gtk_widget_add_css_class (card->child, "cheapest");
}

/* Each card's accessible label says all it shows, in one sentence. */
static void
label_card (KringCalculatorView *self, guint index, gboolean fits)
{
  PlanCard *card = &g_array_index (self->cards, PlanCard, index);
  const KringPlan *plan = kring_price_table_get_plan (self->table, index);
  const char *note = gtk_label_get_text (card->note_label);
  g_autofree char *text = NULL;

  if (fits)
    /* Translators: plan, monthly price, and maybe "Cheapest that fits". */
    text = g_strdup_printf (_ ("%s: %s a month. %s"), plan->name,
                            gtk_label_get_text (card->price_label),
                            gtk_widget_get_visible (GTK_WIDGET (card->note_label)) ? note : "");
  else
    text = g_strdup_printf ("%s: %s", plan->name, note);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_strstrip (text), -1);
}

void
_kring_calculator_view_update_cards (KringCalculatorView *self, const KringQuoteRequest *request)
{
  guint chosen = adw_combo_row_get_selected (self->plan_row);
  int cheapest = -1;
  gint64 cheapest_cents = G_MAXINT64;
  g_autofree gboolean *fits = g_new0 (gboolean, self->cards->len);

  for (guint i = 0; i < self->cards->len; i++)
    {
      gint64 cents = 0;

      fits[i] = update_card (self, i, request, &cents);
      /* On a tie the first in table order wins, as the table lists plans
       * from small to large. */
      if (fits[i] && cents < cheapest_cents)
        {
          cheapest = (int)i;
          cheapest_cents = cents;
        }
    }
  if (cheapest >= 0)
    mark_cheapest (self, (guint)cheapest);
  for (guint i = 0; i < self->cards->len; i++)
    {
      PlanCard *card = &g_array_index (self->cards, PlanCard, i);

      label_card (self, i, fits[i]);
      if (i == chosen)
        {
          gtk_widget_add_css_class (card->child, "chosen");
          gtk_flow_box_select_child (self->plans_box, GTK_FLOW_BOX_CHILD (card->child));
        }
      else
        gtk_widget_remove_css_class (card->child, "chosen");
    }
}
