/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier page and its journal on a real display against a real
 * kringd: entries newest first with their links, writing an entry and a
 * correction through the compose box, professionals-only entries and what
 * guests see and may do, empty and read-only states, and a server that
 * goes away while text is being sent. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <adwaita.h>

#include "kring-client-test.h"
#include "kring-dossier-page.h"
#include "kring-journal-view.h"
#include "kring-paged-model.h"
#include "kring-widget-test.h"

/* The widget tree */

static void
collect_widgets (GtkWidget *root, gboolean (*match) (GtkWidget *, gconstpointer),
                 gconstpointer data, GPtrArray *found)
{
  if (match (root, data))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, match, data, found);
}

static guint
count_labels (GtkWidget *root, const char *text)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, is_mapped_label, text, found);
  return found->len;
}

static gboolean
is_link_label (GtkWidget *widget, gconstpointer uri)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && strstr (gtk_label_get_label (GTK_LABEL (widget)), uri) != NULL;
}

static gboolean
is_button (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_tooltip_button (GtkWidget *widget, gconstpointer tooltip)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* Fixtures */

typedef struct
{
  KringClient *client;
  gint64 account_id;
  gint64 dossier_id;
  gint64 first, professional, second, correction; /* entries, oldest first */
} Journal;

static gint64
write_entry (KringClient *client, gint64 dossier_id, const char *body, const char *visibility,
             gint64 corrects)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringEntryItem) entry
      = CALL (kring_client_create_entry, client, dossier_id, body, visibility, corrects, NULL);

  g_assert_no_error (error);
  return kring_entry_item_get_id (entry);
}

/* A dossier with four entries: the first, one for professionals only, a
 * second, and a correction of the first. */
static void
journal_setup (Journal *journal, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringDossierItem) dossier = NULL;

  journal->client = new_owner ("team", &journal->account_id, NULL);
  dossier = CALL (kring_client_create_dossier, journal->client, journal->account_id,
                  "Familie Bakker", "Piet Bakker", NULL);
  g_assert_no_error (error);
  journal->dossier_id = kring_dossier_item_get_id (dossier);
  journal->first = write_entry (journal->client, journal->dossier_id, "Eerste bezoek.", NULL, 0);
  journal->professional = write_entry (journal->client, journal->dossier_id, "Medicatie aangepast.",
                                       "professionals", 0);
  journal->second
      = write_entry (journal->client, journal->dossier_id, "Tweede bezoek.", "everyone", 0);
  journal->correction = write_entry (journal->client, journal->dossier_id,
                                     "Eerste bezoek was op dinsdag.", NULL, journal->first);
}

static void
journal_teardown (Journal *journal, gconstpointer data)
{
  g_clear_object (&journal->client);
}

/* A guest of @journal's dossier, signed in; may write when @can_write. */
static KringClient *
new_guest (Journal *journal, gboolean can_write)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *email = fresh_email ("guest");
  g_autofree char *token = NULL;
  KringInvitee invitee = { email, NULL, can_write ? KRING_CAN_WRITE_YES : KRING_CAN_WRITE_NO };
  g_autoptr (KringParticipantItem) participant
      = CALL (kring_client_add_participant, journal->client, journal->dossier_id, &invitee, NULL);

  g_assert_no_error (error);
  token = kring_test_accept_invitation (srv, email, "Oma Bakker");
  return new_client (token);
}

static GtkWindow *
show_widget (GtkWidget *widget)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 900, 700);
  gtk_window_set_child (window, widget);
  gtk_window_present (window);
  WAIT_FOR (gtk_widget_get_mapped (widget));
  return window;
}

/* The page of the dossier, shown with its entries and the dossier loaded. */
static KringDossierPage *
show_page (KringClient *client, gint64 dossier_id, guint n_entries, GtkWindow **window)
{
  KringDossierPage *page = kring_dossier_page_new (client, dossier_id);
  KringJournalView *view;
  GListModel *entries;

  *window = show_widget (GTK_WIDGET (page));
  view = KRING_JOURNAL_VIEW (kring_dossier_page_get_journal_view (page));
  entries = kring_journal_view_get_entries (view);
  WAIT_FOR (kring_dossier_page_get_dossier (page) != NULL
            && kring_paged_model_get_complete (KRING_PAGED_MODEL (entries)));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, n_entries);
  return page;
}

static KringJournalView *
journal_of (KringDossierPage *page)
{
  return KRING_JOURNAL_VIEW (kring_dossier_page_get_journal_view (page));
}

static gint64
entry_id_at (KringJournalView *view, guint position)
{
  g_autoptr (KringEntryItem) entry
      = g_list_model_get_item (kring_journal_view_get_entries (view), position);

  g_assert_nonnull (entry);
  return kring_entry_item_get_id (entry);
}

/* Types @text into the compose box as a person would. */
static void
type_text (KringJournalView *view, const char *text)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (find_type (GTK_WIDGET (view), GTK_TYPE_TEXT_VIEW));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (text_view)));
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
  g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE));
}

static char *
compose_text (KringJournalView *view)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (find_type (GTK_WIDGET (view), GTK_TYPE_TEXT_VIEW));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
click_send (KringJournalView *view)
{
  GtkWidget *send = find_widget (GTK_WIDGET (view), is_button, "_Send");

  g_assert_nonnull (send);
  g_assert_true (gtk_widget_is_sensitive (send));
  g_signal_emit_by_name (send, "clicked");
}

/* The newest entry at the server, as @client sees it. */
static KringEntryItem *
newest_at_server (KringClient *client, gint64 dossier_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringPage) page = CALL (kring_client_list_entries, client, dossier_id, NULL, NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, >, 0);
  return g_object_ref (g_ptr_array_index (page->items, 0));
}

/* Tests */

static void
test_shows_entries (Journal *journal, gconstpointer data)
{
  GtkWindow *window;
  KringDossierPage *page = show_page (journal->client, journal->dossier_id, 4, &window);
  KringJournalView *view = journal_of (page);
  GtkWidget *list_view = find_type (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW);
  g_autofree char *corrects_uri = g_strdup_printf ("kring-entry:%" G_GINT64_FORMAT, journal->first);
  g_autofree char *corrected_uri
      = g_strdup_printf ("kring-entry:%" G_GINT64_FORMAT, journal->correction);
  GtkWidget *corrects_link, *corrected_link;
  gboolean handled = FALSE;

  /* Title and client name above the views. */
  g_assert_cmpstr (kring_dossier_page_get_title (page), ==, "Familie Bakker");
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Familie Bakker"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Piet Bakker"));
  g_assert_cmpstr (kring_dossier_page_get_visible_view (page), ==, "journal");

  /* Newest first, each with author, body and the badge where it applies. */
  g_assert_cmpint (entry_id_at (view, 0), ==, journal->correction);
  g_assert_cmpint (entry_id_at (view, 1), ==, journal->second);
  g_assert_cmpint (entry_id_at (view, 2), ==, journal->professional);
  g_assert_cmpint (entry_id_at (view, 3), ==, journal->first);
  g_assert_nonnull (find_label (list_view, "Eerste bezoek was op dinsdag."));
  g_assert_nonnull (find_label (list_view, "Medicatie aangepast."));
  g_assert_nonnull (find_label (list_view, "Owner of Zorg en Zo"));
  g_assert_cmpuint (count_labels (list_view, "Professionals only"), ==, 1);

  /* "Corrects" and "corrected by" link to each other and scroll there. */
  corrects_link = find_widget (list_view, is_link_label, corrects_uri);
  corrected_link = find_widget (list_view, is_link_label, corrected_uri);
  g_assert_nonnull (corrects_link);
  g_assert_nonnull (corrected_link);
  g_assert_true (
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (corrects_link)), "Corrects entry #"));
  g_assert_true (
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (corrected_link)), "Corrected by entry #"));
  g_assert_cmpint (kring_journal_view_get_selected_entry (view), ==, 0);
  g_signal_emit_by_name (corrects_link, "activate-link", corrects_uri, &handled);
  g_assert_true (handled);
  g_assert_cmpint (kring_journal_view_get_selected_entry (view), ==, journal->first);
  g_signal_emit_by_name (corrected_link, "activate-link", corrected_uri, &handled);
  g_assert_cmpint (kring_journal_view_get_selected_entry (view), ==, journal->correction);

  /* The other view is a click away. */
  kring_dossier_page_set_visible_view (page, "participants");
  WAIT_FOR (gtk_widget_get_mapped (kring_dossier_page_get_participants_view (page)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));
  kring_dossier_page_set_visible_view (page, "journal");
  gtk_window_destroy (window);
}

static void
test_write_entry (Journal *journal, gconstpointer data)
{
  GtkWindow *window;
  KringDossierPage *page = show_page (journal->client, journal->dossier_id, 4, &window);
  KringJournalView *view = journal_of (page);
  g_autoptr (KringEntryItem) stored = NULL;
  g_autofree char *left = NULL;
  const char *body = "Vandaag samen gewandeld.\nHet ging goed.";

  /* Nothing to send yet, then the typed text. */
  g_assert_false (gtk_widget_is_sensitive (find_widget (GTK_WIDGET (view), is_button, "_Send")));
  type_text (view, body);
  click_send (view);

  /* It appears on top, shown, and the compose box is empty again. */
  WAIT_FOR (g_list_model_get_n_items (kring_journal_view_get_entries (view)) == 5
            && kring_journal_view_get_selected_entry (view) == entry_id_at (view, 0));
  stored = newest_at_server (journal->client, journal->dossier_id);
  g_assert_cmpint (kring_entry_item_get_id (stored), ==, entry_id_at (view, 0));
  g_assert_cmpstr (kring_entry_item_get_body (stored), ==, body);
  g_assert_cmpstr (kring_entry_item_get_visibility (stored), ==, "everyone");
  g_assert_cmpint (kring_entry_item_get_corrects (stored), ==, 0);
  left = compose_text (view);
  g_assert_cmpstr (left, ==, "");
  WAIT_FOR (find_label (GTK_WIDGET (view), "Vandaag samen gewandeld.") != NULL);

  /* Ctrl+Return's action sends too; white space alone is no entry. */
  type_text (view, "  \n ");
  g_assert_false (gtk_widget_is_sensitive (find_widget (GTK_WIDGET (view), is_button, "_Send")));
  type_text (view, "Kort bericht.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "journal.send", NULL));
  WAIT_FOR (g_list_model_get_n_items (kring_journal_view_get_entries (view)) == 6);
  g_clear_object (&stored);
  stored = newest_at_server (journal->client, journal->dossier_id);
  g_assert_cmpstr (kring_entry_item_get_body (stored), ==, "  \n Kort bericht.");
  gtk_window_destroy (window);
}

static void
test_correction (Journal *journal, gconstpointer data)
{
  GtkWindow *window;
  KringDossierPage *page = show_page (journal->client, journal->dossier_id, 4, &window);
  KringJournalView *view = journal_of (page);
  GtkWidget *dropdown = find_type (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN);
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr (KringEntryItem) stored = NULL;
  g_autofree char *label = NULL;
  g_autofree char *uri = NULL;
  gint64 corrected;

  /* *Correct this entry* on a row. */
  collect_widgets (GTK_WIDGET (view), is_tooltip_button, "Correct this entry", buttons);
  g_assert_cmpuint (buttons->len, ==, 4);
  g_signal_emit_by_name (g_ptr_array_index (buttons, 1), "clicked");
  corrected = kring_journal_view_get_corrects (view);
  g_assert_cmpint (corrected, !=, 0);
  label = g_strdup_printf ("Correction of entry #%" G_GINT64_FORMAT, corrected);
  g_assert_nonnull (find_label (GTK_WIDGET (view), label));

  /* A correction can be cancelled, and started again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "journal.cancel-correction", NULL));
  g_assert_cmpint (kring_journal_view_get_corrects (view), ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (view), "New entry"));
  kring_journal_view_correct_entry (view, journal->second);
  g_assert_true (gtk_widget_is_sensitive (dropdown));
  type_text (view, "Tweede bezoek was op woensdag.");
  click_send (view);
  WAIT_FOR (g_list_model_get_n_items (kring_journal_view_get_entries (view)) == 5
            && kring_journal_view_get_corrects (view) == 0);
  stored = newest_at_server (journal->client, journal->dossier_id);
  g_assert_cmpint (kring_entry_item_get_corrects (stored), ==, journal->second);
  uri = g_strdup_printf ("kring-entry:%" G_GINT64_FORMAT, kring_entry_item_get_id (stored));
  WAIT_FOR (find_widget (GTK_WIDGET (view), is_link_label, uri) != NULL);

  /* Correcting a professionals-only entry keeps the correction as closed. */
  kring_journal_view_correct_entry (view, journal->professional);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 1);
  g_assert_false (gtk_widget_is_sensitive (dropdown));
  type_text (view, "Medicatie: de dosis is gehalveerd.");
  click_send (view);
  WAIT_FOR (g_list_model_get_n_items (kring_journal_view_get_entries (view)) == 6);
  g_clear_object (&stored);
  stored = newest_at_server (journal->client, journal->dossier_id);
  g_assert_cmpint (kring_entry_item_get_corrects (stored), ==, journal->professional);
  g_assert_cmpstr (kring_entry_item_get_visibility (stored), ==, "professionals");
  g_assert_true (gtk_widget_is_sensitive (dropdown));
  gtk_window_destroy (window);
}

static void
test_professionals (Journal *journal, gconstpointer data)
{
  GtkWindow *window;
  KringDossierPage *page = show_page (journal->client, journal->dossier_id, 4, &window);
  KringJournalView *view = journal_of (page);
  GtkWidget *dropdown = find_type (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN);
  g_autoptr (KringClient) guest = NULL;
  g_autoptr (KringEntryItem) stored = NULL;
  GListModel *entries;

  /* A professional writes for professionals only. */
  g_assert_true (gtk_widget_get_mapped (dropdown));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  type_text (view, "Alleen voor het team.");
  click_send (view);
  WAIT_FOR (g_list_model_get_n_items (kring_journal_view_get_entries (view)) == 5);
  stored = newest_at_server (journal->client, journal->dossier_id);
  g_assert_cmpstr (kring_entry_item_get_visibility (stored), ==, "professionals");
  WAIT_FOR (count_labels (find_type (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW), "Professionals only")
            == 2);
  gtk_window_destroy (window);

  /* A guest who may write sees only what is for everyone, and cannot
   * choose professionals. */
  guest = new_guest (journal, TRUE);
  page = show_page (guest, journal->dossier_id, 3, &window);
  view = journal_of (page);
  entries = kring_journal_view_get_entries (view);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (KringEntryItem) entry = g_list_model_get_item (entries, i);

      g_assert_cmpstr (kring_entry_item_get_visibility (entry), ==, "everyone");
    }
  g_assert_null (find_label (GTK_WIDGET (view), "Professionals only"));
  g_assert_false (gtk_widget_get_mapped (find_type (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN)));
  type_text (view, "Groeten van oma.");
  click_send (view);
  WAIT_FOR (g_list_model_get_n_items (entries) == 4);
  g_clear_object (&stored);
  stored = newest_at_server (journal->client, journal->dossier_id);
  g_assert_cmpstr (kring_entry_item_get_body (stored), ==, "Groeten van oma.");
  g_assert_cmpstr (kring_entry_item_get_visibility (stored), ==, "everyone");
  gtk_window_destroy (window);
}

static void
test_read_only (Journal *journal, gconstpointer data)
{
  g_autoptr (KringClient) guest = new_guest (journal, FALSE);
  GtkWindow *window;
  KringDossierPage *page = show_page (guest, journal->dossier_id, 3, &window);
  KringJournalView *view = journal_of (page);

  /* No compose box, no corrections: an explanation instead. */
  g_assert_nonnull (find_label (GTK_WIDGET (view), "You can read this journal but not write"));
  g_assert_false (gtk_widget_get_mapped (find_type (GTK_WIDGET (view), GTK_TYPE_TEXT_VIEW)));
  g_assert_null (find_widget (GTK_WIDGET (view), is_tooltip_button, "Correct this entry"));
  gtk_widget_activate_action (GTK_WIDGET (view), "journal.send", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (kring_journal_view_get_entries (view)), ==, 3);
  g_assert_false (
      kring_paged_model_get_loading (KRING_PAGED_MODEL (kring_journal_view_get_entries (view))));
  gtk_window_destroy (window);
}

static void
test_empty (void)
{
  gint64 account_id = 0;
  g_autoptr (KringClient) owner = new_owner ("team", &account_id, NULL);
  g_autoptr (KringDossierItem) dossier = new_dossier (owner, account_id, "Nog leeg");
  GtkWindow *window;
  KringDossierPage *page = show_page (owner, kring_dossier_item_get_id (dossier), 0, &window);

  WAIT_FOR (status_page_shown (GTK_WIDGET (page), "No entries yet"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Write the first entry below."));
  g_assert_true (gtk_widget_get_mapped (find_type (GTK_WIDGET (page), GTK_TYPE_TEXT_VIEW)));
  gtk_window_destroy (window);

  /* A dossier that is not there (or not for us) is a status page. */
  page = kring_dossier_page_new (owner, kring_dossier_item_get_id (dossier) + 100000);
  window = show_widget (GTK_WIDGET (page));
  WAIT_FOR (status_page_shown (GTK_WIDGET (page), "Could not open the dossier"));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_button, "_Retry"));
  gtk_window_destroy (window);
}

/* Last: it stops a server of its own. */
static void
test_server_stopped (void)
{
  KringTestServer *shared = srv;
  Journal journal = { 0 };
  GtkWindow *window;
  KringDossierPage *page;
  KringJournalView *view;
  g_autofree char *left = NULL;
  const char *text = "Dit mag niet verloren gaan.";

  srv = kring_test_server_start (NULL);
  journal_setup (&journal, NULL);
  page = show_page (journal.client, journal.dossier_id, 4, &window);
  view = journal_of (page);
  kring_test_server_stop (srv);
  srv = shared;

  /* Sending fails: the text stays, the entries stay, a toast offers Retry. */
  type_text (view, text);
  click_send (view);
  WAIT_FOR (find_label (GTK_WIDGET (view), "Could not send the entry.") != NULL);
  g_assert_nonnull (find_widget (GTK_WIDGET (view), is_button, "_Retry"));
  left = compose_text (view);
  g_assert_cmpstr (left, ==, text);
  g_assert_cmpuint (g_list_model_get_n_items (kring_journal_view_get_entries (view)), ==, 4);
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Tweede bezoek."));
  g_assert_true (gtk_widget_is_sensitive (find_widget (GTK_WIDGET (view), is_button, "_Send")));

  /* Retry fails the same way and still keeps the text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "journal.send", NULL));
  WAIT_FOR (gtk_widget_is_sensitive (find_widget (GTK_WIDGET (view), is_button, "_Send")));
  WAIT_FOR (find_label (GTK_WIDGET (view), "Could not send the entry.") != NULL);
  g_clear_pointer (&left, g_free);
  left = compose_text (view);
  g_assert_cmpstr (left, ==, text);

  /* Reloading the page keeps what is shown too. */
  kring_dossier_page_reload (page);
  WAIT_FOR (find_label (GTK_WIDGET (page), "Could not load the dossier.") != NULL);
  WAIT_FOR (kring_paged_model_get_error (KRING_PAGED_MODEL (kring_journal_view_get_entries (view)))
            != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (kring_journal_view_get_entries (view)), ==, 4);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Familie Bakker"));
  gtk_window_destroy (window);
  journal_teardown (&journal, NULL);
}

int
main (int argc, char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  srv = kring_test_server_start (NULL);

#define ADD(path, func) g_test_add ((path), Journal, NULL, journal_setup, (func), journal_teardown)
  ADD ("/journal/shows-entries", test_shows_entries);
  ADD ("/journal/write-entry", test_write_entry);
  ADD ("/journal/correction", test_correction);
  ADD ("/journal/professionals", test_professionals);
  ADD ("/journal/read-only", test_read_only);
#undef ADD
  g_test_add_func ("/journal/empty", test_empty);
  g_test_add_func ("/journal/server-stopped", test_server_stopped);
  status = g_test_run ();

  kring_test_server_stop (srv);
  return status;
}
