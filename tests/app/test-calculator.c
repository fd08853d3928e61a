/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Plan & price pane: PRICING.md's worked example to the cent in Dutch
 * and English, all plans compared, instant updates, offline and with a
 * real kringd (its price table, an account to start from). */
#include "config.h"

#include "kring-calculator-view.h"
#include "kring-client-test.h"
#include "kring-money.h"
#include "kring-widget-test.h"

#include <unistd.h>

/* Finding what the pane shows */

static gboolean
has_name (GtkWidget *widget, gconstpointer name)
{
  return g_str_equal (gtk_widget_get_name (widget), name);
}

static gboolean
is_row_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static const char *
label_text (GtkWidget *root, const char *id)
{
  return gtk_label_get_text (GTK_LABEL (child_by_id (root, id)));
}

static char *
text_of (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_text (widget, out);
  return g_string_free (out, FALSE);
}

static void
assert_shows (GtkWidget *widget, const char *expected)
{
  g_autofree char *text = text_of (widget);

  if (strstr (text, expected) == NULL)
    g_error ("\"%s\" not shown in:\n%s", expected, text);
}

static void
assert_not_shows (GtkWidget *widget, const char *unexpected)
{
  g_autofree char *text = text_of (widget);

  if (strstr (text, unexpected) != NULL)
    g_error ("\"%s\" shown in:\n%s", unexpected, text);
}

/* Driving the inputs as a person would */

static void
choose_plan (GtkWidget *view, const char *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (child_by_id (view, "plan_row"));
  GListModel *plans = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr (GtkStringObject) plan = g_list_model_get_item (plans, i);

      if (g_str_equal (gtk_string_object_get_string (plan), name))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("No plan %s", name);
}

static void
set_users (GtkWidget *view, double users)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child_by_id (view, "users_spin")), users);
}

static void
set_yearly (GtkWidget *view, gboolean yearly)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child_by_id (view, "billing_row")), yearly ? 1 : 0);
}

static GtkSwitch *
discount_switch (GtkWidget *view, const char *title)
{
  GtkWidget *row = find_widget (view, is_row_titled, title);

  g_assert_nonnull (row);
  return GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
}

static GtkWidget *
plan_card (GtkWidget *view, const char *id)
{
  GtkWidget *card = find_widget (child_by_id (view, "plans_box"), has_name, id);

  g_assert_nonnull (card);
  return card;
}

/* PRICING.md's worked example: team, 12 users, yearly, new_kvk. */
static void
enter_worked_example (GtkWidget *view)
{
  choose_plan (view, "Team");
  set_users (view, 12);
  set_yearly (view, TRUE);
  gtk_switch_set_active (discount_switch (view, "New KvK registration"), TRUE);
}

typedef struct
{
  const char *language;
  const char *base, *extra, *kvk, *yearly;
  const char *month_excl, *month_vat, *month_incl;
  const char *year_excl, *year_vat, *year_incl;
  const char *saves, *team_plus, *organisation;
} Expected;

static const Expected dutch = {
  "nl",       "€ 79,00",    "€ 105,00", "€ -36,80",   "€ -14,72", "€ 132,48", "€ 27,82",
  "€ 160,30", "€ 1.589,76", "€ 333,85", "€ 1.923,61", "€ 176,64", "€ 126,00", "€ 215,28",
};

static const Expected english = {
  "en_GB.UTF-8", "€79.00",    "€105.00", "-€36.80",   "-€14.72", "€132.48", "€27.82",
  "€160.30",     "€1,589.76", "€333.85", "€1,923.61", "€176.64", "€126.00", "€215.28",
};

static void
assert_worked_example (GtkWidget *view, const Expected *e)
{
  GtkWidget *lines = child_by_id (view, "lines_list");

  assert_shows (lines, e->base);
  assert_shows (lines, "7 extra users × ");
  assert_shows (lines, e->extra);
  assert_shows (lines, "New KvK registration");
  assert_shows (lines, e->kvk);
  assert_shows (lines, "Yearly billing");
  assert_shows (lines, e->yearly);
  g_assert_cmpstr (label_text (view, "month_excl_label"), ==, e->month_excl);
  g_assert_cmpstr (label_text (view, "month_vat_label"), ==, e->month_vat);
  g_assert_cmpstr (label_text (view, "month_incl_label"), ==, e->month_incl);
  g_assert_cmpstr (label_text (view, "year_excl_label"), ==, e->year_excl);
  g_assert_cmpstr (label_text (view, "year_vat_label"), ==, e->year_vat);
  g_assert_cmpstr (label_text (view, "year_incl_label"), ==, e->year_incl);
  /* 12 × (€147.20 − €132.48) */
  g_assert_true (gtk_widget_get_visible (child_by_id (view, "savings_label")));
  assert_shows (child_by_id (view, "savings_label"), e->saves);
  /* 7 extra users: no SLA yet; 12 fit in Team. */
  g_assert_false (gtk_widget_get_visible (child_by_id (view, "sla_label")));
  g_assert_false (gtk_widget_get_visible (child_by_id (view, "limit_label")));
}

/* All plans for the same inputs: Pro cannot hold 12 users and says so,
 * Team+ (€126.00) is cheaper than Team (€132.48) and is marked. */
static void
assert_plans_compared (GtkWidget *view, const Expected *e)
{
  GtkWidget *pro = plan_card (view, "pro");
  GtkWidget *team = plan_card (view, "team");
  GtkWidget *team_plus = plan_card (view, "team_plus");
  GtkWidget *organisation = plan_card (view, "organisation");

  g_assert_true (gtk_widget_get_visible (pro));
  g_assert_true (gtk_widget_has_css_class (pro, "unavailable"));
  assert_shows (pro, "Holds at most 3 users");
  assert_not_shows (pro, "Cheapest that fits");
  assert_shows (team, e->month_excl);
  g_assert_false (gtk_widget_has_css_class (team, "cheapest"));
  g_assert_true (gtk_widget_has_css_class (team, "chosen"));
  assert_not_shows (team, "Cheapest that fits");
  assert_shows (team_plus, e->team_plus);
  assert_shows (team_plus, "Cheapest that fits");
  g_assert_true (gtk_widget_has_css_class (team_plus, "cheapest"));
  assert_shows (organisation, e->organisation);
  g_assert_false (gtk_widget_has_css_class (organisation, "cheapest"));
}

static void
test_worked_example (gconstpointer data)
{
  const Expected *expected = data;
  GtkWidget *view = GTK_WIDGET (kring_calculator_view_new (NULL, 0));
  GtkWindow *window;

  kring_calculator_view_set_language (KRING_CALCULATOR_VIEW (view), expected->language);
  window = show_in_window (view);
  g_assert_false (kring_calculator_view_get_from_server (KRING_CALCULATOR_VIEW (view)));
  enter_worked_example (view);
  assert_worked_example (view, expected);
  assert_plans_compared (view, expected);
  gtk_window_destroy (window);
}

/* Every change shows at once, typing included; no Calculate button. */
static void
test_instant_updates (void)
{
  GtkWidget *view = GTK_WIDGET (kring_calculator_view_new (NULL, 0));
  GtkWindow *window;
  GtkWidget *users;

  kring_calculator_view_set_language (KRING_CALCULATOR_VIEW (view), "nl");
  window = show_in_window (view);
  enter_worked_example (view);
  g_assert_cmpstr (label_text (view, "month_excl_label"), ==, "€ 132,48");

  /* Monthly: no yearly line, and the saving is offered instead. */
  set_yearly (view, FALSE);
  g_assert_cmpstr (label_text (view, "month_excl_label"), ==, "€ 147,20");
  assert_not_shows (child_by_id (view, "lines_list"), "Yearly billing");
  assert_shows (child_by_id (view, "savings_label"), "would save € 176,64");

  /* Typed, not yet confirmed with Enter: 40 users do not fit in Team
   * (max 15), and 35 extra users earn the SLA hint.  Organisation
   * (299 + 15 × 11 = 464) beats Team+ (149 + 30 × 13 = 539) now. */
  users = child_by_id (view, "users_spin");
  gtk_editable_set_text (GTK_EDITABLE (users), "40");
  g_assert_true (gtk_widget_get_visible (child_by_id (view, "limit_label")));
  assert_shows (child_by_id (view, "limit_label"), "at most 15 users");
  g_assert_true (gtk_widget_get_visible (child_by_id (view, "sla_label")));
  g_assert_true (gtk_widget_has_css_class (plan_card (view, "team"), "unavailable"));
  g_assert_true (gtk_widget_has_css_class (plan_card (view, "organisation"), "cheapest"));
  g_assert_false (gtk_widget_has_css_class (plan_card (view, "team_plus"), "cheapest"));
  assert_shows (plan_card (view, "organisation"), "€ 371,20");
  /* Team: 79 + 35 × 15 = 604, −20 % = 483,20 */
  g_assert_cmpstr (label_text (view, "month_excl_label"), ==, "€ 483,20");

  /* ANBI (15 %) next to KvK (20 %): they do not stack, the highest wins. */
  gtk_switch_set_active (discount_switch (view, "ANBI (public benefit organisation)"), TRUE);
  g_assert_cmpstr (label_text (view, "month_excl_label"), ==, "€ 483,20");
  gtk_switch_set_active (discount_switch (view, "New KvK registration"), FALSE);
  /* 604 − 15 % = 513,40 */
  g_assert_cmpstr (label_text (view, "month_excl_label"), ==, "€ 513,40");
  assert_shows (child_by_id (view, "lines_list"), "ANBI");

  /* Partner users: the last seats, €15 each after 15 % off: 2 × 12,75. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child_by_id (view, "partner_spin")), 2);
  assert_shows (child_by_id (view, "partner_label"), "€ 25,50");

  /* Choosing a card chooses its plan. */
  g_signal_emit_by_name (child_by_id (view, "plans_box"), "child-activated",
                         plan_card (view, "organisation"));
  g_assert_true (gtk_widget_has_css_class (plan_card (view, "organisation"), "chosen"));
  g_assert_false (gtk_widget_get_visible (child_by_id (view, "limit_label")));
  /* 299 + 15 × 11 = 464, −15 % = 394,40 */
  g_assert_cmpstr (label_text (view, "month_excl_label"), ==, "€ 394,40");
  gtk_window_destroy (window);
}

/* An unreachable server changes nothing: the shipped table prices. */
static void
test_server_unreachable (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringClient) client = kring_client_new ("http://127.0.0.1:1", &error);
  GtkWidget *view;
  GtkWindow *window;

  g_assert_no_error (error);
  view = GTK_WIDGET (kring_calculator_view_new (client, 1));
  kring_calculator_view_set_language (KRING_CALCULATOR_VIEW (view), "nl");
  window = show_in_window (view);
  enter_worked_example (view);
  /* Give the failing requests time to come back. */
  for (int i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_false (kring_calculator_view_get_from_server (KRING_CALCULATOR_VIEW (view)));
  assert_worked_example (view, &dutch);
  gtk_window_destroy (window);
}

/* Signed in: the server's table and the account's plan, billing,
 * discounts and seats, priced exactly as the server bills them. */
static void
test_prefilled_from_account (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringClient) client = NULL;
  g_autoptr (KringQuoteInfo) billing = NULL;
  g_autoptr (KringAccountInfo) account = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  GtkWidget *view;
  GtkWindow *window;
  gint64 account_id;

  client = new_owner ("team_plus", &account_id, NULL);
  for (int i = 0; i < 11; i++)
    {
      g_autofree char *email = fresh_email ("teammate");
      g_autoptr (KringTeammateAdded) added
          = CALL (kring_client_add_teammate, client, account_id, email, NULL, "member", NULL);

      g_assert_no_error (error);
    }
  account = CALL (kring_client_update_account, client, account_id, NULL, NULL, "yearly", NULL);
  g_assert_no_error (error);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, account_id);
  out = kring_test_admin (srv, "set-discounts", id_text, "anbi", NULL);
  billing = CALL (kring_client_get_billing, client, account_id, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (billing->users, ==, 12);

  view = GTK_WIDGET (kring_calculator_view_new (client, account_id));
  kring_calculator_view_set_language (KRING_CALCULATOR_VIEW (view), "nl");
  window = show_in_window (view);
  WAIT_FOR (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child_by_id (view, "users_spin")))
            == 12);
  g_assert_true (kring_calculator_view_get_from_server (KRING_CALCULATOR_VIEW (view)));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child_by_id (view, "plan_row"))), ==,
                    2);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child_by_id (view, "billing_row"))),
                    ==, 1);
  g_assert_true (
      gtk_switch_get_active (discount_switch (view, "ANBI (public benefit organisation)")));
  g_assert_false (gtk_switch_get_active (discount_switch (view, "New KvK registration")));
  expected = kring_money_format (billing->per_month.excl_vat_cents, "nl");
  g_assert_cmpstr (label_text (view, "month_excl_label"), ==, expected);
  g_free (expected);
  expected = kring_money_format (billing->per_year.incl_vat_cents, "nl");
  g_assert_cmpstr (label_text (view, "year_incl_label"), ==, expected);
  gtk_window_destroy (window);
}

/* An operator's own price table is the one the pane uses. */
static void
test_server_price_table (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *shipped = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GString) changed = NULL;
  KringTestServer *own;
  g_autoptr (KringClient) client = NULL;
  GtkWidget *view;
  GtkWindow *window;

  g_assert_true (g_file_get_contents (KRING_SOURCE_DATADIR "/pricing.json", &shipped, NULL, NULL));
  changed = g_string_new (shipped);
  g_assert_cmpuint (g_string_replace (changed, "\"base_cents\": 7900", "\"base_cents\": 8900", 1),
                    ==, 1);
  close (g_file_open_tmp ("kring-pricing-XXXXXX.json", &path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, changed->str, -1, NULL));
  own = kring_test_server_start ((const char *[]){ "--pricing", path, NULL });
  client = kring_client_new (own->base_url, &error);
  g_assert_no_error (error);

  view = GTK_WIDGET (kring_calculator_view_new (client, 0));
  kring_calculator_view_set_language (KRING_CALCULATOR_VIEW (view), "nl");
  window = show_in_window (view);
  choose_plan (view, "Team");
  g_assert_cmpstr (label_text (view, "month_excl_label"), ==, "€ 79,00");
  WAIT_FOR (kring_calculator_view_get_from_server (KRING_CALCULATOR_VIEW (view)));
  /* The chosen plan stays chosen when the table is replaced. */
  g_assert_cmpstr (label_text (view, "month_excl_label"), ==, "€ 89,00");
  gtk_window_destroy (window);
  kring_test_server_stop (own);
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  srv = kring_test_server_start (NULL);
  g_test_add_data_func ("/calculator/worked-example/dutch", &dutch, test_worked_example);
  g_test_add_data_func ("/calculator/worked-example/english", &english, test_worked_example);
  g_test_add_func ("/calculator/instant-updates", test_instant_updates);
  g_test_add_func ("/calculator/server-unreachable", test_server_unreachable);
  g_test_add_func ("/calculator/prefilled-from-account", test_prefilled_from_account);
  g_test_add_func ("/calculator/server-price-table", test_server_price_table);
  return g_test_run ();
}
