/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Plan & price pane.  Every figure shown comes from the core pricing
 * engine (kring_quote_compute); this file only chooses what to ask it and
 * how to say the answer. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "kring-calculator-view-private.h"
#include "kring-money.h"

#define SHIPPED_TABLE_RESOURCE "/nl/kring/Kring/pricing.json"

G_DEFINE_FINAL_TYPE (KringCalculatorView, kring_calculator_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_ACCOUNT_ID,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  BILLING_MONTHLY,
  BILLING_YEARLY,
};

static void update (KringCalculatorView *self);

/* Words for the table's stable ids */

static const char *
discount_label (const char *id)
{
  if (g_str_equal (id, "new_kvk"))
    return _ ("New KvK registration");
  if (g_str_equal (id, "anbi"))
    /* Translators: a Dutch tax status for charities; keep "ANBI". */
    return _ ("ANBI (public benefit organisation)");
  if (g_str_equal (id, "yearly"))
    return _ ("Yearly billing");
  return id; /* an operator's own discount: its id is all we know */
}

/* Formatting in the UI language */

static const char *
effective_language (KringCalculatorView *self)
{
  return self->language != NULL ? self->language : g_get_language_names ()[0];
}

char *
_kring_calculator_view_money (KringCalculatorView *self, gint64 cents)
{
  return kring_money_format (cents, effective_language (self));
}

static char *
percent (KringCalculatorView *self, gint64 bp)
{
  g_autofree char *number = NULL;

  if (bp % 100 == 0)
    number = g_strdup_printf ("%" G_GINT64_FORMAT, bp / 100);
  else
    number = g_strdup_printf ("%" G_GINT64_FORMAT "%c%02" G_GINT64_FORMAT, bp / 100,
                              kring_money_language_is_dutch (effective_language (self)) ? ',' : '.',
                              bp % 100);
  /* Translators: a percentage such as "20%"; %s is the number. */
  return g_strdup_printf (_ ("%s%%"), number);
}

static void
set_money_label (KringCalculatorView *self, GtkLabel *label, gint64 cents)
{
  g_autofree char *text = _kring_calculator_view_money (self, cents);

  gtk_label_set_text (label, text);
}

/* Shows @label with @text, or hides it for NULL. */
static void
set_hint (GtkLabel *label, const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* Reading the inputs */

/* What the spin button shows, also while it is being typed (a spin button
 * takes typed text only on Enter or leaving it). */
static gint64
spin_value (GtkSpinButton *spin)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  guint64 typed;

  if (g_ascii_string_to_unsigned (text, 10, (guint64)gtk_adjustment_get_lower (adjustment),
                                  (guint64)gtk_adjustment_get_upper (adjustment), &typed, NULL))
    return (gint64)typed;
  return gtk_spin_button_get_value_as_int (spin);
}

static guint32
chosen_discounts (KringCalculatorView *self)
{
  guint32 mask = 0;

  for (guint i = 0; i < self->discount_switches->len; i++)
    {
      GtkSwitch *toggle = g_ptr_array_index (self->discount_switches, i);

      if (toggle != NULL && gtk_switch_get_active (toggle))
        mask |= 1u << i;
    }
  return mask;
}

/* The request the inputs describe; the partner users' range follows the
 * users first, so the request always passes kring_quote_request_check(). */
static gboolean
read_request (KringCalculatorView *self, KringQuoteRequest *request)
{
  GtkAdjustment *partner = gtk_spin_button_get_adjustment (self->partner_spin);
  guint plan = adw_combo_row_get_selected (self->plan_row);
  gint64 users = spin_value (self->users_spin);

  if (plan >= kring_price_table_get_n_plans (self->table))
    return FALSE;
  gtk_adjustment_set_upper (partner, (double)users);
  if (gtk_adjustment_get_value (partner) > users)
    gtk_adjustment_set_value (partner, (double)users);

  request->plan = kring_price_table_get_plan (self->table, plan);
  request->users = users;
  request->yearly = adw_combo_row_get_selected (self->billing_row) == BILLING_YEARLY;
  request->discount_mask = chosen_discounts (self);
  request->partner_users = MIN (spin_value (self->partner_spin), users);
  return kring_quote_request_check (self->table, request, FALSE, NULL);
}

/* The breakdown */

static void
add_line (KringCalculatorView *self, const char *title, const char *subtitle, gint64 cents)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *amount = _kring_calculator_view_money (self, cents);
  GtkWidget *label = gtk_label_new (amount);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->lines_list, row);
}

static void
add_discount_line (KringCalculatorView *self, const char *id, gint64 bp, gint64 cents)
{
  g_autofree char *rate = percent (self, bp);

  if (cents != 0)
    add_line (self, discount_label (id), rate, -cents);
}

/* The lines of PRICING.md's quote, zero amounts left out as there. */
static void
update_lines (KringCalculatorView *self, const KringQuote *quote)
{
  const KringPlan *plan = quote->request.plan;
  g_autofree char *base_subtitle = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list))) != NULL)
    gtk_list_box_remove (self->lines_list, child);

  base_subtitle = g_strdup_printf (
      /* Translators: %s is a plan's name. */
      ngettext ("%s, %" PRId64 " user included", "%s, %" PRId64 " users included",
                (gulong)quote->included_users),
      plan->name, quote->included_users);
  add_line (self, _ ("Base price"), base_subtitle, quote->base_cents);
  if (quote->extra_users_cents != 0)
    {
      g_autofree char *unit = _kring_calculator_view_money (self, plan->extra_user_cents);
      g_autofree char *title = g_strdup_printf (
          /* Translators: "7 extra users × €15.00". */
          ngettext ("%" PRId64 " extra user × %s", "%" PRId64 " extra users × %s",
                    (gulong)quote->extra_users),
          quote->extra_users, unit);

      add_line (self, title, NULL, quote->extra_users_cents);
    }
  if (quote->org_discount_index >= 0)
    add_discount_line (self,
                       kring_price_table_get_discount (self->table, quote->org_discount_index)->id,
                       quote->org_percent_bp, quote->org_discount_cents);
  if (quote->request.yearly)
    add_discount_line (self, "yearly", quote->yearly_percent_bp, quote->yearly_discount_cents);
}

static void
update_totals (KringCalculatorView *self, const KringQuote *quote)
{
  g_autofree char *rate = percent (self, quote->vat_rate_bp);
  /* Translators: %s is the VAT rate, e.g. "VAT (21%)". */
  g_autofree char *vat_title = g_strdup_printf (_ ("VAT (%s)"), rate);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->month_vat_row), vat_title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->year_vat_row), vat_title);
  set_money_label (self, self->month_excl_label, quote->per_month.excl_vat_cents);
  set_money_label (self, self->month_vat_label, quote->per_month.vat_cents);
  set_money_label (self, self->month_incl_label, quote->per_month.incl_vat_cents);
  set_money_label (self, self->year_excl_label, quote->per_year.excl_vat_cents);
  set_money_label (self, self->year_vat_label, quote->per_year.vat_cents);
  set_money_label (self, self->year_incl_label, quote->per_year.incl_vat_cents);
}

static void
update_limit_hint (KringCalculatorView *self, const KringQuoteRequest *request)
{
  const KringPlan *plan = request->plan;
  g_autofree char *text = NULL;

  if (plan->max_users >= 0 && request->users > plan->max_users)
    text = g_strdup_printf (
        /* Translators: %s is a plan's name. */
        ngettext ("The %s plan holds at most %" PRId64 " user. Choose a larger plan.",
                  "The %s plan holds at most %" PRId64 " users. Choose a larger plan.",
                  (gulong)plan->max_users),
        plan->name, plan->max_users);
  set_hint (self->limit_label, text);
}

static void
update_savings_hint (KringCalculatorView *self, const KringQuoteRequest *request)
{
  KringQuoteRequest monthly = *request;
  KringQuoteRequest yearly = *request;
  KringQuote monthly_quote, yearly_quote;
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;
  gint64 saved;

  monthly.yearly = FALSE;
  yearly.yearly = TRUE;
  kring_quote_compute (self->table, &monthly, &monthly_quote);
  kring_quote_compute (self->table, &yearly, &yearly_quote);
  saved = monthly_quote.per_year.excl_vat_cents - yearly_quote.per_year.excl_vat_cents;
  if (saved > 0)
    {
      amount = _kring_calculator_view_money (self, saved);
      text = g_strdup_printf (request->yearly
                                  ? _ ("Yearly billing saves %s a year, excluding VAT.")
                                  : _ ("Yearly billing would save %s a year, excluding VAT."),
                              amount);
    }
  set_hint (self->savings_label, text);
}

static void
update_hints (KringCalculatorView *self, const KringQuote *quote)
{
  gint64 sla_min = kring_price_table_get_sla_min_extra_users (self->table);
  g_autofree char *partner = NULL;
  g_autofree char *sla = NULL;
  g_autofree char *setup = NULL;

  update_limit_hint (self, &quote->request);
  update_savings_hint (self, &quote->request);
  if (quote->request.partner_users > 0)
    {
      g_autofree char *share = _kring_calculator_view_money (self, quote->partner_share_cents);

      partner = g_strdup_printf (
          ngettext ("The partner organisation's %" PRId64 " user adds %s a month, excluding VAT.",
                    "The partner organisation's %" PRId64 " users add %s a month, excluding VAT.",
                    (gulong)quote->request.partner_users),
          quote->request.partner_users, share);
    }
  set_hint (self->partner_label, partner);
  if (quote->sla_eligible)
    sla = g_strdup_printf (
        ngettext ("From %" PRId64 " extra user on, you can ask for a service level agreement "
                  "(SLA).",
                  "From %" PRId64 " extra users on, you can ask for a service level agreement "
                  "(SLA).",
                  (gulong)sla_min),
        sla_min);
  set_hint (self->sla_label, sla);
  if (quote->setup_fee_cents > 0)
    {
      g_autofree char *fee = _kring_calculator_view_money (self, quote->setup_fee_cents);

      setup = g_strdup_printf (_ ("A one-time setup fee of %s, excluding VAT, comes on top."), fee);
    }
  set_hint (self->setup_label, setup);
}

static void
update (KringCalculatorView *self)
{
  KringQuoteRequest request;
  KringQuote quote;

  if (self->updating || self->table == NULL)
    return;
  self->updating = TRUE;
  if (read_request (self, &request))
    {
      kring_quote_compute (self->table, &request, &quote);
      update_lines (self, &quote);
      update_totals (self, &quote);
      update_hints (self, &quote);
      _kring_calculator_view_update_cards (self, &request);
    }
  self->updating = FALSE;
}

static void
inputs_changed_cb (KringCalculatorView *self)
{
  update (self);
}

static void
plan_card_activated_cb (KringCalculatorView *self, GtkFlowBoxChild *child)
{
  adw_combo_row_set_selected (self->plan_row, (guint)gtk_flow_box_child_get_index (child));
}

/* The price table */

static void
on_discount_toggled (KringCalculatorView *self)
{
  update (self);
}

static GtkWidget *
new_discount_row (KringCalculatorView *self, const KringDiscount *discount, gboolean active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  g_autofree char *rate = percent (self, discount->percent_bp);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), discount_label (discount->id));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rate);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  discount_label (discount->id), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_discount_toggled), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->discount_switches, toggle);
  return row;
}

/* One row per organisation discount of the table, keeping the choices of
 * @chosen (discount ids). */
static void
rebuild_discounts (KringCalculatorView *self, GStrv chosen)
{
  for (guint i = 0; i < self->discount_switches->len; i++)
    {
      GtkWidget *toggle = g_ptr_array_index (self->discount_switches, i);

      if (toggle != NULL)
        adw_preferences_group_remove (self->discounts_group,
                                      gtk_widget_get_ancestor (toggle, ADW_TYPE_ACTION_ROW));
    }
  g_ptr_array_set_size (self->discount_switches, 0);
  for (guint i = 0; i < kring_price_table_get_n_discounts (self->table); i++)
    {
      const KringDiscount *discount = kring_price_table_get_discount (self->table, i);

      if (!g_str_equal (discount->kind, "organisation"))
        {
          g_ptr_array_add (self->discount_switches, NULL);
          continue;
        }
      adw_preferences_group_add (
          self->discounts_group,
          new_discount_row (self, discount,
                            chosen != NULL
                                && g_strv_contains ((const char *const *)chosen, discount->id)));
    }
}

static GStrv
chosen_discount_ids (KringCalculatorView *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint32 mask;

  if (self->table == NULL)
    return g_strv_builder_end (builder);
  mask = chosen_discounts (self);
  for (guint i = 0; i < self->discount_switches->len; i++)
    if ((mask & (1u << i)) != 0)
      g_strv_builder_add (builder, kring_price_table_get_discount (self->table, i)->id);
  return g_strv_builder_end (builder);
}

static void
select_plan (KringCalculatorView *self, const char *id)
{
  for (guint i = 0; i < kring_price_table_get_n_plans (self->table); i++)
    if (g_str_equal (kring_price_table_get_plan (self->table, i)->id, id))
      adw_combo_row_set_selected (self->plan_row, i);
}

/* Uses @table from now on, keeping the chosen plan and discounts by id. */
static void
set_table (KringCalculatorView *self, KringPriceTable *table, gboolean from_server)
{
  g_autofree char *plan = NULL;
  g_auto (GStrv) discounts = chosen_discount_ids (self);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = adw_combo_row_get_selected (self->plan_row);

  if (self->table != NULL && selected < kring_price_table_get_n_plans (self->table))
    plan = g_strdup (kring_price_table_get_plan (self->table, selected)->id);
  g_clear_pointer (&self->table, kring_price_table_unref);
  self->table = kring_price_table_ref (table);
  self->from_server = from_server;

  self->updating = TRUE;
  for (guint i = 0; i < kring_price_table_get_n_plans (table); i++)
    gtk_string_list_append (names, kring_price_table_get_plan (table, i)->name);
  adw_combo_row_set_model (self->plan_row, G_LIST_MODEL (names));
  if (plan != NULL)
    select_plan (self, plan);
  rebuild_discounts (self, discounts);
  _kring_calculator_view_rebuild_cards (self);
  gtk_label_set_text (self->source_label,
                      from_server ? _ ("Prices of your server.")
                                  : _ ("Prices of the price list shipped with Kring; your server "
                                       "may use other prices."));
  self->updating = FALSE;
  update (self);
}

static void
load_shipped_table (KringCalculatorView *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
      = g_resources_lookup_data (SHIPPED_TABLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autoptr (KringPriceTable) table = NULL;

  if (bytes != NULL)
    table = kring_price_table_new_from_data (g_bytes_get_data (bytes, NULL),
                                             (gssize)g_bytes_get_size (bytes), &error);
  /* Both are part of the build, tested by the core suite. */
  if (table == NULL)
    g_error ("The shipped price table is broken: %s", error->message);
  set_table (self, table, FALSE);
}

/* The server: its table and the account to start from */

static void
prefill (KringCalculatorView *self, KringAccountInfo *account)
{
  g_autoptr (GStrvBuilder) chosen = g_strv_builder_new ();

  self->updating = TRUE;
  select_plan (self, account->plan);
  if (account->seats > 0)
    gtk_spin_button_set_value (
        self->users_spin,
        (double)CLAMP (account->seats, KRING_QUOTE_MIN_USERS, KRING_QUOTE_MAX_USERS));
  adw_combo_row_set_selected (self->billing_row, g_strcmp0 (account->billing, "yearly") == 0
                                                     ? BILLING_YEARLY
                                                     : BILLING_MONTHLY);
  for (guint i = 0; i < self->discount_switches->len; i++)
    {
      GtkSwitch *toggle = g_ptr_array_index (self->discount_switches, i);
      const char *id = kring_price_table_get_discount (self->table, i)->id;

      if (toggle != NULL)
        gtk_switch_set_active (
            toggle, account->discounts != NULL
                        && g_strv_contains ((const char *const *)account->discounts, id));
    }
  self->updating = FALSE;
  update (self);
}

static void
account_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringAccountInfo) account
      = kring_client_get_account_finish (KRING_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Without the account the pane still works: it starts from defaults. */
  if (account == NULL)
    {
      g_debug ("No account to start the calculator from: %s", error->message);
      return;
    }
  prefill (KRING_CALCULATOR_VIEW (user_data), account);
}

static void
plans_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringPriceTable) table
      = kring_client_get_plans_finish (KRING_CLIENT (source), result, &error);
  KringCalculatorView *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = KRING_CALCULATOR_VIEW (user_data);
  /* Offline, the shipped table stays: the pane never depends on the server. */
  if (table == NULL)
    g_debug ("Using the shipped price table: %s", error->message);
  else
    set_table (self, table, TRUE);
  if (self->account_id != 0)
    kring_client_get_account_async (self->client, self->account_id, self->cancellable, account_cb,
                                    self);
}

static void
kring_calculator_view_constructed (GObject *object)
{
  KringCalculatorView *self = KRING_CALCULATOR_VIEW (object);

  G_OBJECT_CLASS (kring_calculator_view_parent_class)->constructed (object);
  load_shipped_table (self);
  /* The account is read after the table, so its plan and discounts are
   * looked up in the table that will price them. */
  if (self->client != NULL)
    kring_client_get_plans_async (self->client, self->cancellable, plans_cb, self);
}

/* GObject */

KringCalculatorView *
kring_calculator_view_new (KringClient *client, gint64 account_id)
{
  g_return_val_if_fail (client == NULL || KRING_IS_CLIENT (client), NULL);

  return g_object_new (KRING_TYPE_CALCULATOR_VIEW, "client", client, "account-id", account_id,
                       NULL);
}

const char *
kring_calculator_view_get_language (KringCalculatorView *self)
{
  g_return_val_if_fail (KRING_IS_CALCULATOR_VIEW (self), NULL);

  return self->language;
}

void
kring_calculator_view_set_language (KringCalculatorView *self, const char *language)
{
  g_return_if_fail (KRING_IS_CALCULATOR_VIEW (self));

  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  if (self->table != NULL)
    {
      g_autoptr (KringPriceTable) table = kring_price_table_ref (self->table);

      /* The discount rows show rates in the language too. */
      set_table (self, table, self->from_server);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

gboolean
kring_calculator_view_get_from_server (KringCalculatorView *self)
{
  g_return_val_if_fail (KRING_IS_CALCULATOR_VIEW (self), FALSE);

  return self->from_server;
}

static void
kring_calculator_view_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  KringCalculatorView *self = KRING_CALCULATOR_VIEW (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        g_value_set_object (value, self->client);
        break;
      case PROP_ACCOUNT_ID:
        g_value_set_int64 (value, self->account_id);
        break;
      case PROP_LANGUAGE:
        g_value_set_string (value, self->language);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_calculator_view_set_property (GObject *object, guint prop_id, const GValue *value,
                                    GParamSpec *pspec)
{
  KringCalculatorView *self = KRING_CALCULATOR_VIEW (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        self->client = g_value_dup_object (value);
        break;
      case PROP_ACCOUNT_ID:
        self->account_id = g_value_get_int64 (value);
        break;
      case PROP_LANGUAGE:
        kring_calculator_view_set_language (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_calculator_view_dispose (GObject *object)
{
  KringCalculatorView *self = KRING_CALCULATOR_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KRING_TYPE_CALCULATOR_VIEW);
  g_clear_object (&self->client);
  g_clear_pointer (&self->table, kring_price_table_unref);
  G_OBJECT_CLASS (kring_calculator_view_parent_class)->dispose (object);
}

static void
kring_calculator_view_finalize (GObject *object)
{
  KringCalculatorView *self = KRING_CALCULATOR_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->discount_switches, g_ptr_array_unref);
  g_clear_pointer (&self->cards, g_array_unref);
  g_free (self->language);
  G_OBJECT_CLASS (kring_calculator_view_parent_class)->finalize (object);
}

static void
kring_calculator_view_class_init (KringCalculatorViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = kring_calculator_view_constructed;
  object_class->get_property = kring_calculator_view_get_property;
  object_class->set_property = kring_calculator_view_set_property;
  object_class->dispose = kring_calculator_view_dispose;
  object_class->finalize = kring_calculator_view_finalize;

  properties[PROP_CLIENT] = g_param_spec_object (
      "client", NULL, NULL, KRING_TYPE_CLIENT, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | flags);
  properties[PROP_ACCOUNT_ID]
      = g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0,
                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | flags);
  properties[PROP_LANGUAGE]
      = g_param_spec_string ("language", NULL, NULL, NULL, G_PARAM_READWRITE | flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kring/Kring/ui/kring-calculator-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, plan_row);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, users_spin);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, billing_row);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, partner_spin);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, discounts_group);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, lines_list);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, limit_label);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, month_vat_row);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, year_vat_row);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, month_excl_label);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, month_vat_label);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, month_incl_label);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, year_excl_label);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, year_vat_label);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, year_incl_label);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, savings_label);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, partner_label);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, sla_label);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, setup_label);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, source_label);
  gtk_widget_class_bind_template_child (widget_class, KringCalculatorView, plans_box);
  gtk_widget_class_bind_template_callback (widget_class, inputs_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_card_activated_cb);
}

static void
kring_calculator_view_init (KringCalculatorView *self)
{
  self->cancellable = g_cancellable_new ();
  self->discount_switches = g_ptr_array_new ();
  self->cards = g_array_new (FALSE, TRUE, sizeof (PlanCard));
  /* The template's signals may fire while it is built: no table yet. */
  gtk_widget_init_template (GTK_WIDGET (self));
}
