/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringDossierList on a real display against a real kringd: the list
 * fills page by page as it scrolls, searches on the server as you type,
 * shows guest counts, creates dossiers, lists what other organisations
 * share, and keeps its rows when the server goes away. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <adwaita.h>

#include "kring-client-test.h"
#include "kring-dossier-list.h"
#include "kring-invite-drop.h"
#include "kring-paged-model.h"
#include "kring-widget-test.h"

#define N_DOSSIERS 300
#define N_JANSEN 30 /* every tenth dossier's client is a Jansen */

static KringClient *client; /* the owner of the account below */
static gint64 account_id;
static gint64 first_id; /* "Dossier 000" */

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* The widget tree */

static gboolean
is_button (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* The list in a window of its own, shown. */
static GtkWindow *
show_list (KringDossierList *list)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 800, 600);
  gtk_window_set_child (window, GTK_WIDGET (list));
  gtk_window_present (window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (list)));
  return window;
}

static KringPagedModel *
paged_model (KringDossierList *list)
{
  GListModel *model = kring_dossier_list_get_model (list);

  g_assert_true (KRING_IS_PAGED_MODEL (model));
  return KRING_PAGED_MODEL (model);
}

static void
wait_loaded (KringDossierList *list)
{
  KringPagedModel *model = paged_model (list);

  WAIT_FOR (!kring_paged_model_get_loading (model));
}

static void
add_guests (KringClient *owner, gint64 dossier_id, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *email = fresh_email ("guest");
      KringInvitee invitee = { email, NULL, KRING_CAN_WRITE_DEFAULT };
      g_autoptr (KringParticipantItem) participant
          = CALL (kring_client_add_participant, owner, dossier_id, &invitee, NULL);

      g_assert_no_error (error);
    }
}

/* Dossier 000 … 299, created last to first so the order shown is the
 * server's sorting. */
static void
create_dossiers (void)
{
  for (guint i = N_DOSSIERS; i-- > 0;)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *title = g_strdup_printf ("Dossier %03u", i);
      g_autofree char *client_name
          = i % 10 == 0 ? g_strdup_printf ("Jan Jansen %u", i) : g_strdup_printf ("Client %u", i);
      g_autoptr (KringDossierItem) dossier
          = CALL (kring_client_create_dossier, client, account_id, title, client_name, NULL);

      g_assert_no_error (error);
      if (i == 0)
        first_id = kring_dossier_item_get_id (dossier);
      if (i <= 1)
        add_guests (client, kring_dossier_item_get_id (dossier), i == 0 ? 1 : 3);
    }
}

static const char *
title_at (GListModel *model, guint position)
{
  g_autoptr (KringDossierItem) dossier = g_list_model_get_item (model, position);

  g_assert_nonnull (dossier);
  return kring_dossier_item_get_title (dossier);
}

static void
store_id (KringDossierList *list, gint64 id, gint64 *slot)
{
  *slot = id;
}

/* Tests */

static void
test_fills_on_demand (void)
{
  KringDossierList *list = kring_dossier_list_new (client, account_id);
  GtkWindow *window = show_list (list);
  GListModel *model = kring_dossier_list_get_model (list);
  GtkWidget *list_view = find_type (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW);
  GtkAdjustment *adjustment;
  guint n;

  wait_loaded (list);
  settle (300);
  /* Only the pages near what is shown have been fetched. */
  n = g_list_model_get_n_items (model);
  g_test_message ("%u of %u dossiers fetched once the list is shown", n, N_DOSSIERS);
  g_assert_cmpuint (n, >=, KRING_PAGED_MODEL_PAGE_SIZE);
  g_assert_cmpuint (n, <, N_DOSSIERS);
  g_assert_false (kring_paged_model_get_complete (paged_model (list)));
  g_assert_true (gtk_widget_get_mapped (list_view));
  g_assert_cmpstr (title_at (model, 0), ==, "Dossier 000");
  g_assert_cmpstr (title_at (model, 1), ==, "Dossier 001");

  /* The rows: title, client, guests counted in the UI language. */
  g_assert_nonnull (find_label (list_view, "Dossier 000"));
  g_assert_nonnull (find_label (list_view, "Jan Jansen 0"));
  g_assert_nonnull (find_label (list_view, "1 guest"));
  g_assert_nonnull (find_label (list_view, "3 guests"));
  g_assert_nonnull (find_label (list_view, "0 guests"));

  /* Scrolling to the end fetches the rest, page by page. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  while (!kring_paged_model_get_complete (paged_model (list)))
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      settle (20);
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_DOSSIERS);
  g_assert_cmpstr (title_at (model, N_DOSSIERS - 1), ==, "Dossier 299");
  gtk_window_destroy (window);
}

static void
test_search_as_you_type (void)
{
  KringDossierList *list = kring_dossier_list_new (client, account_id);
  GtkWindow *window = show_list (list);
  GListModel *model = kring_dossier_list_get_model (list);
  GtkWidget *entry = find_type (GTK_WIDGET (list), GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *focus;
  gint64 activated = 0;

  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, N_DOSSIERS);

  /* Ctrl+F's action puts the focus in the search entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "dossiers.search", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  /* The Jansens are spread over all six pages: finding all 30 of them with
   * only the first page loaded means the server searched. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "jansen");
  WAIT_FOR (
      g_strcmp0 (kring_list_query_get_search (kring_paged_model_get_query (paged_model (list))),
                 "jansen")
          == 0
      && !kring_paged_model_get_loading (paged_model (list)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_JANSEN);
  g_assert_true (kring_paged_model_get_complete (paged_model (list)));
  for (guint i = 0; i < N_JANSEN; i++)
    {
      g_autoptr (KringDossierItem) dossier = g_list_model_get_item (model, i);

      g_assert_true (g_str_has_prefix (kring_dossier_item_get_client_name (dossier), "Jan Jansen"));
    }

  /* Enter opens the first match. */
  g_signal_connect (list, "dossier-activated", G_CALLBACK (store_id), &activated);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (activated, ==, first_id);

  /* Typing on narrows it further; nothing found says so. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "jansen 29");
  WAIT_FOR (g_list_model_get_n_items (model) == 1);
  g_assert_cmpstr (title_at (model, 0), ==, "Dossier 290");
  gtk_editable_set_text (GTK_EDITABLE (entry), "nobody by this name");
  WAIT_FOR (status_page_shown (GTK_WIDGET (list), "No matching dossiers"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* Escape empties the search: everything again. */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  WAIT_FOR (g_list_model_get_n_items (model) >= KRING_PAGED_MODEL_PAGE_SIZE);
  g_assert_cmpstr (title_at (model, 0), ==, "Dossier 000");
  gtk_window_destroy (window);
}

static void
test_activate (void)
{
  KringDossierList *list = kring_dossier_list_new (client, account_id);
  GtkWindow *window = show_list (list);
  GtkWidget *list_view = find_type (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW);
  gint64 activated = 0;

  g_signal_connect (list, "dossier-activated", G_CALLBACK (store_id), &activated);
  wait_loaded (list);
  g_signal_emit_by_name (list_view, "activate", 0u);
  g_assert_cmpint (activated, ==, first_id);
  gtk_window_destroy (window);
}

static gboolean
is_row_of (GtkWidget *widget, gconstpointer title)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (widget), "title");

  return kring_invite_drop_get_for_widget (widget) != NULL && GTK_IS_LABEL (label)
         && g_strcmp0 (gtk_label_get_text (label), title) == 0;
}

static gint64
guests_of (GListModel *model, const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (KringDossierItem) dossier = g_list_model_get_item (model, i);

      if (g_strcmp0 (kring_dossier_item_get_title (dossier), title) == 0)
        return kring_dossier_item_get_guests (dossier);
    }
  return -1;
}

/* Addresses dropped on a row, exactly as GTK delivers them, invite into
 * that row's dossier; the row then counts them. */
static void
test_drop_on_row (void)
{
  KringDossierList *list = kring_dossier_list_new (client, account_id);
  GtkWindow *window = show_list (list);
  GListModel *model = kring_dossier_list_get_model (list);
  GtkWidget *row;
  KringInviteDrop *drop;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  wait_loaded (list);
  g_assert_cmpint (guests_of (model, "Dossier 002"), ==, 0);
  row = find_widget (GTK_WIDGET (list), is_row_of, "Dossier 002");
  g_assert_nonnull (row);
  drop = kring_invite_drop_get_for_widget (row);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Jan de Vries <jan@voorbeeld.nl>, piet@voorbeeld.nl");
  g_signal_emit_by_name (kring_invite_drop_get_drop_target (drop), "drop", &value, 10.0, 10.0,
                         &handled);
  g_value_unset (&value);
  g_assert_true (handled);
  WAIT_FOR (guests_of (model, "Dossier 002") == 2);
  WAIT_FOR (find_label (GTK_WIDGET (list), "2 guests") != NULL);
  gtk_window_destroy (window);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
fill_dialog (AdwMessageDialog *dialog, const char *title, const char *client_name)
{
  GtkWidget *rows = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *title_row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (rows), 0));
  GtkWidget *client_row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (rows), 1));

  g_assert_true (ADW_IS_ENTRY_ROW (title_row));
  gtk_editable_set_text (GTK_EDITABLE (title_row), title);
  gtk_editable_set_text (GTK_EDITABLE (client_row), client_name);
}

static void
test_empty_and_new (void)
{
  g_autoptr (GError) error = NULL;
  gint64 empty_account = 0;
  g_autoptr (KringClient) owner = new_owner ("team", &empty_account, NULL);
  KringDossierList *list = kring_dossier_list_new (owner, empty_account);
  GtkWindow *window = show_list (list);
  g_autoptr (KringPage) page = NULL;
  AdwMessageDialog *dialog;
  gint64 activated = 0;
  KringDossierItem *created;

  g_signal_connect (list, "dossier-activated", G_CALLBACK (store_id), &activated);
  WAIT_FOR (status_page_shown (GTK_WIDGET (list), "No dossiers yet"));

  /* Ctrl+N's action asks for a title and a client name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "dossiers.new", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  fill_dialog (dialog, "  ", "");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  fill_dialog (dialog, "Familie de Vries", "Anna de Vries");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  adw_message_dialog_response (dialog, "create");

  /* The new dossier opens, and the server holds it. */
  WAIT_FOR (activated != 0);
  page = CALL (kring_client_list_dossiers, owner, empty_account, NULL, FALSE, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 1);
  created = g_ptr_array_index (page->items, 0);
  g_assert_cmpint (kring_dossier_item_get_id (created), ==, activated);
  g_assert_cmpstr (kring_dossier_item_get_title (created), ==, "Familie de Vries");
  g_assert_cmpstr (kring_dossier_item_get_client_name (created), ==, "Anna de Vries");
  WAIT_FOR (find_label (GTK_WIDGET (list), "Familie de Vries") != NULL);
  g_assert_false (status_page_shown (GTK_WIDGET (list), "No dossiers yet"));
  gtk_window_destroy (window);
}

static void
test_shared_with_me (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;
  gint64 own_account = 0, other_account = 0;
  g_autoptr (KringClient) me = new_owner ("team", &own_account, &email);
  g_autoptr (KringClient) other = new_owner ("team", &other_account, NULL);
  g_autoptr (KringDossierItem) mine = new_dossier (me, own_account, "My own dossier");
  g_autoptr (KringDossierItem) theirs = new_dossier (other, other_account, "Their dossier");
  g_autoptr (KringDossierItem) not_shared = new_dossier (other, other_account, "Not shared");
  KringInvitee invitee = { email, NULL, KRING_CAN_WRITE_DEFAULT };
  g_autoptr (KringParticipantItem) participant = CALL (
      kring_client_add_participant, other, kring_dossier_item_get_id (theirs), &invitee, NULL);
  KringDossierList *list;
  GtkWindow *window;
  GListModel *model;
  g_autoptr (KringDossierItem) shown = NULL;

  g_assert_no_error (error);
  list = kring_dossier_list_new_shared (me);
  window = show_list (list);
  model = kring_dossier_list_get_model (list);
  g_assert_cmpint (kring_dossier_list_get_account_id (list), ==, 0);
  WAIT_FOR (g_list_model_get_n_items (model) == 1);
  shown = g_list_model_get_item (model, 0);
  g_assert_cmpint (kring_dossier_item_get_id (shown), ==, kring_dossier_item_get_id (theirs));
  /* The row says whose dossier it is. */
  WAIT_FOR (find_label (GTK_WIDGET (list), "Zorg en Zo") != NULL);
  /* Nothing to create here. */
  gtk_widget_activate_action (GTK_WIDGET (list), "dossiers.new", NULL);
  g_assert_null (find_dialog ());
  g_assert_null (find_widget (GTK_WIDGET (list), is_button, "_New dossier"));
  gtk_window_destroy (window);

  /* Someone with nothing shared sees that said. */
  {
    gint64 lonely_account = 0;
    g_autoptr (KringClient) lonely = new_owner ("team", &lonely_account, NULL);
    g_autoptr (KringDossierItem) own = new_dossier (lonely, lonely_account, "Only mine");

    list = kring_dossier_list_new_shared (lonely);
    window = show_list (list);
    WAIT_FOR (status_page_shown (GTK_WIDGET (list), "Nothing shared with you"));
    gtk_window_destroy (window);
  }
}

/* Last: it stops the server of its own. */
static void
test_server_stopped (void)
{
  KringTestServer *shared = srv;
  g_autoptr (KringClient) owner = NULL;
  gint64 own_account = 0;
  KringDossierList *list;
  GtkWindow *window;
  GListModel *model;
  GtkWidget *entry;
  guint n;

  srv = kring_test_server_start (NULL);
  owner = new_owner ("team", &own_account, NULL);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *title = g_strdup_printf ("Dossier %02u", i);
      g_autoptr (KringDossierItem) dossier = new_dossier (owner, own_account, title);
    }
  list = kring_dossier_list_new (owner, own_account);
  window = show_list (list);
  model = kring_dossier_list_get_model (list);
  wait_loaded (list);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 0);

  kring_test_server_stop (srv);
  srv = shared;

  /* A search that cannot reach the server: the rows stay, a toast says
   * why and offers Retry. */
  entry = find_type (GTK_WIDGET (list), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Dossier 1");
  WAIT_FOR (kring_paged_model_get_error (paged_model (list)) != NULL);
  WAIT_FOR (find_label (GTK_WIDGET (list), "Could not load the dossiers.") != NULL);
  g_assert_nonnull (find_widget (GTK_WIDGET (list), is_button, "_Retry"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_true (gtk_widget_get_mapped (find_type (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW)));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "Dossier 00"));
  g_assert_false (status_page_shown (GTK_WIDGET (list), "Could not load the dossiers"));

  /* Retry fails the same way and still loses nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "dossiers.reload", NULL));
  WAIT_FOR (kring_paged_model_get_error (paged_model (list)) != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  WAIT_FOR (find_label (GTK_WIDGET (list), "Could not load the dossiers.") != NULL);
  gtk_window_destroy (window);

  /* With nothing shown yet, the failure is the whole page, with Retry. */
  list = kring_dossier_list_new (owner, own_account);
  window = show_list (list);
  WAIT_FOR (status_page_shown (GTK_WIDGET (list), "Could not load the dossiers"));
  g_assert_nonnull (find_widget (GTK_WIDGET (list), is_button, "_Retry"));
  gtk_window_destroy (window);
}

int
main (int argc, char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  srv = kring_test_server_start (NULL);
  client = new_owner ("team", &account_id, NULL);
  create_dossiers ();

  g_test_add_func ("/dossier-list/fills-on-demand", test_fills_on_demand);
  g_test_add_func ("/dossier-list/search-as-you-type", test_search_as_you_type);
  g_test_add_func ("/dossier-list/activate", test_activate);
  g_test_add_func ("/dossier-list/drop-on-row", test_drop_on_row);
  g_test_add_func ("/dossier-list/empty-and-new", test_empty_and_new);
  g_test_add_func ("/dossier-list/shared-with-me", test_shared_with_me);
  g_test_add_func ("/dossier-list/server-stopped", test_server_stopped);
  status = g_test_run ();

  g_clear_object (&client);
  kring_test_server_stop (srv);
  return status;
}
