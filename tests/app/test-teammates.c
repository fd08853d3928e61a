/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Teammates view against a real kringd: the price change shown before
 * adding, the plan's limit, roles, removal (and the last owner), resending
 * an invitation, what a member sees, dragging a row onto a dossier, and a
 * server that stops answering. */
#include "config.h"

#include "kring-client-test.h"
#include "kring-invite-drop.h"
#include "kring-paged-model.h"
#include "kring-teammates-view.h"
#include "kring-widget-test.h"

/* Finding what the view shows */

static gboolean
is_row_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The message dialog on screen, or NULL. */
static AdwMessageDialog *
open_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  AdwMessageDialog *dialog = NULL;

  WAIT_FOR ((dialog = open_dialog ()) != NULL);
  return dialog;
}

/* Clicks the dialog's button labelled @label, as a person would. */
static void
click_response (AdwMessageDialog *dialog, const char *label)
{
  GtkWidget *button = find_widget (GTK_WIDGET (dialog), is_button_labelled, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR (open_dialog () == NULL);
}

static void
type_into_row (GtkWidget *root, const char *title, const char *text)
{
  GtkWidget *row = find_widget (root, is_row_titled, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The view's rows: the teammate with @email, or NULL. */
static KringTeammateItem *
row_for (KringTeammatesView *view, const char *email)
{
  GListModel *model = kring_teammates_view_get_model (view);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (KringTeammateItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (kring_teammate_item_get_email (item), email) == 0)
        return item; /* the model holds a reference */
    }
  return NULL;
}

static guint
n_rows (KringTeammatesView *view)
{
  return g_list_model_get_n_items (kring_teammates_view_get_model (view));
}

/* The server's teammate with @email, or NULL. */
static KringTeammateItem *
server_teammate (KringClient *client, gint64 account_id, const char *email)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringPage) page = CALL (kring_client_list_teammates, client, account_id, NULL, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < page->items->len; i++)
    {
      KringTeammateItem *item = g_ptr_array_index (page->items, i);

      if (g_strcmp0 (kring_teammate_item_get_email (item), email) == 0)
        return g_object_ref (item);
    }
  return NULL;
}

static char *
add_teammate (KringClient *client, gint64 account_id, const char *role)
{
  g_autoptr (GError) error = NULL;
  char *email = fresh_email ("teammate");
  g_autoptr (KringTeammateAdded) added
      = CALL (kring_client_add_teammate, client, account_id, email, "Jan de Vries", role, NULL);

  g_assert_no_error (error);
  return email;
}

static KringTeammatesView *
new_view (KringClient *client, gint64 account_id, const char *role, guint rows)
{
  KringTeammatesView *view = kring_teammates_view_new (client, account_id, role);

  show_in_window (GTK_WIDGET (view));
  WAIT_FOR (n_rows (view) == rows);
  return view;
}

static void
close_view (KringTeammatesView *view)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
}

/* UI.md: "Add teammate shows what the monthly price becomes before
 * confirming (€ 79,00 → € 94,00 a month)": Team with its 5 included seats
 * taken, the sixth teammate costs € 15,00. */
static void
test_add_shows_price (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringClient) client = NULL;
  g_autoptr (KringTeammateItem) added = NULL;
  g_autofree char *email = fresh_email ("new");
  KringTeammatesView *view;
  AdwMessageDialog *dialog;
  GtkWidget *header;
  gint64 account_id;

  client = new_owner ("team", &account_id, NULL);
  for (int i = 0; i < 4; i++)
    g_free (add_teammate (client, account_id, "member"));
  view = new_view (client, account_id, "owner", 5);
  header = child_by_id (GTK_WIDGET (view), "seats_label");
  WAIT_FOR (shows (header, "Team plan: 5 of 15 users"));
  g_assert_true (shows (GTK_WIDGET (view), "€ 79,00 a month"));

  gtk_widget_activate_action (GTK_WIDGET (view), "teammates.add", NULL);
  dialog = wait_for_dialog ();
  WAIT_FOR (strstr (adw_message_dialog_get_body (dialog), "€ 79,00 → € 94,00 a month") != NULL);
  /* Nothing is added before confirming, and not without an address. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  g_assert_null (server_teammate (client, account_id, email));
  type_into_row (GTK_WIDGET (dialog), "Email", "not an address");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  type_into_row (GTK_WIDGET (dialog), "Email", email);
  type_into_row (GTK_WIDGET (dialog), "Name (optional)", "Sanne Bakker");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  click_response (dialog, "_Add");

  WAIT_FOR (n_rows (view) == 6);
  added = server_teammate (client, account_id, email);
  g_assert_nonnull (added);
  g_assert_cmpstr (kring_teammate_item_get_name (added), ==, "Sanne Bakker");
  g_assert_cmpstr (kring_teammate_item_get_role (added), ==, "member");
  g_assert_cmpstr (kring_teammate_item_get_status (added), ==, "invited");
  g_assert_nonnull (row_for (view, email));
  /* The server's bill after adding, in the toast, and the header. */
  WAIT_FOR (shows (GTK_WIDGET (view), "Sanne Bakker is now a teammate. The price is € 94,00"));
  WAIT_FOR (shows (header, "Team plan: 6 of 15 users"));
  WAIT_FOR (shows (GTK_WIDGET (view), "Sanne Bakker"));
  close_view (view);
}

/* Pro holds 3 users: with 3 the dialog explains instead of offering. */
static void
test_plan_full (void)
{
  g_autoptr (KringClient) client = NULL;
  g_autofree char *email = fresh_email ("one-too-many");
  KringTeammatesView *view;
  AdwMessageDialog *dialog;
  gint64 account_id;

  client = new_owner ("pro", &account_id, NULL);
  for (int i = 0; i < 2; i++)
    g_free (add_teammate (client, account_id, "member"));
  view = new_view (client, account_id, "owner", 3);
  gtk_widget_activate_action (GTK_WIDGET (view), "teammates.add", NULL);
  dialog = wait_for_dialog ();
  WAIT_FOR (strstr (adw_message_dialog_get_body (dialog), "The Pro plan holds at most 3 users")
            != NULL);
  type_into_row (GTK_WIDGET (dialog), "Email", email);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  click_response (dialog, "_Cancel");
  g_assert_cmpuint (n_rows (view), ==, 3);
  close_view (view);
}

static void
test_role_and_remove (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringClient) client = NULL;
  g_autoptr (KringTeammateItem) changed = NULL;
  g_autoptr (KringTeammateItem) removed = NULL;
  g_autofree char *owner_email = NULL;
  g_autofree char *email = NULL;
  KringTeammatesView *view;
  AdwMessageDialog *dialog;
  gint64 account_id;
  gint64 id, owner_id;

  client = new_owner ("team", &account_id, &owner_email);
  email = add_teammate (client, account_id, "member");
  view = new_view (client, account_id, "owner", 2);
  id = kring_teammate_item_get_id (row_for (view, email));
  owner_id = kring_teammate_item_get_id (row_for (view, owner_email));

  gtk_widget_activate_action (GTK_WIDGET (view), "teammates.set-role", "(xs)", id, "admin");
  WAIT_FOR (g_strcmp0 (kring_teammate_item_get_role (row_for (view, email)), "admin") == 0);
  changed = server_teammate (client, account_id, email);
  g_assert_cmpstr (kring_teammate_item_get_role (changed), ==, "admin");
  WAIT_FOR (shows (GTK_WIDGET (view), "Jan de Vries is now Administrator."));

  /* The only owner: explained before anything is sent... */
  gtk_widget_activate_action (GTK_WIDGET (view), "teammates.remove", "x", owner_id);
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Only Owner Cannot Be Removed");
  click_response (dialog, "_Close");
  /* ...and the server's last_owner explained for a role change. */
  gtk_widget_activate_action (GTK_WIDGET (view), "teammates.set-role", "(xs)", owner_id, "member");
  WAIT_FOR (shows (GTK_WIDGET (view), "is the only owner. Make another teammate an owner first"));
  g_assert_cmpstr (kring_teammate_item_get_role (row_for (view, owner_email)), ==, "owner");

  /* Removing asks first, with the price after. */
  gtk_widget_activate_action (GTK_WIDGET (view), "teammates.remove", "x", id);
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove Jan de Vries?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "€ 79,00 a month"));
  click_response (dialog, "_Cancel");
  g_assert_cmpuint (n_rows (view), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (view), "teammates.remove", "x", id);
  click_response (wait_for_dialog (), "_Remove");
  WAIT_FOR (n_rows (view) == 1);
  removed = server_teammate (client, account_id, email);
  g_assert_null (removed);
  close_view (view);
}

static void
test_resend (void)
{
  g_autoptr (KringClient) client = NULL;
  g_autofree char *email = NULL;
  KringTeammatesView *view;
  gint64 account_id;
  guint mails;

  client = new_owner ("team", &account_id, NULL);
  email = add_teammate (client, account_id, "member");
  mails = kring_test_mail_count (srv, email);
  g_assert_cmpuint (mails, >=, 1);
  view = new_view (client, account_id, "admin", 2);
  g_assert_true (shows (GTK_WIDGET (view), "Invited"));
  gtk_widget_activate_action (GTK_WIDGET (view), "teammates.resend", "x",
                              kring_teammate_item_get_id (row_for (view, email)));
  WAIT_FOR (shows (GTK_WIDGET (view), "A new invitation is on its way to"));
  WAIT_FOR (kring_test_mail_count (srv, email) == mails + 1);
  close_view (view);
}

/* A member reads the list and changes nothing. */
static void
test_member_reads (void)
{
  g_autoptr (KringClient) owner = NULL;
  g_autoptr (KringClient) member = NULL;
  g_autofree char *email = NULL;
  g_autofree char *token = NULL;
  g_autoptr (GtkColumnViewColumn) actions = NULL;
  GListModel *columns;
  KringTeammatesView *view;
  gint64 account_id;

  owner = new_owner ("team", &account_id, NULL);
  email = add_teammate (owner, account_id, "member");
  token = kring_test_accept_invitation (srv, email, "Jan de Vries");
  member = new_client (token);
  view = new_view (member, account_id, "member", 2);
  g_assert_false (gtk_widget_get_visible (child_by_id (GTK_WIDGET (view), "add_button")));
  /* The last column holds the rows' menus. */
  columns = gtk_column_view_get_columns (
      GTK_COLUMN_VIEW (child_by_id (GTK_WIDGET (view), "column_view")));
  actions = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);
  g_assert_null (gtk_column_view_column_get_title (actions));
  g_assert_false (gtk_column_view_column_get_visible (actions));
  gtk_widget_activate_action (GTK_WIDGET (view), "teammates.add", NULL);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (open_dialog ());
  WAIT_FOR (shows (GTK_WIDGET (view), "Active"));
  /* The seats, but not what the organisation pays. */
  WAIT_FOR (shows (child_by_id (GTK_WIDGET (view), "seats_label"), "Team plan: 2 of 15 users"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child_by_id (GTK_WIDGET (view), "price_label"))),
                   ==, "");
  close_view (view);
}

static gboolean
is_participant (KringClient *client, gint64 dossier_id, const char *email)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringPage) page
      = CALL (kring_client_list_participants, client, dossier_id, NULL, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < page->items->len; i++)
    if (g_strcmp0 (kring_participant_item_get_email (g_ptr_array_index (page->items, i)), email)
        == 0)
      return TRUE;
  return FALSE;
}

/* A teammate's row dragged onto a dossier invites them there: the drag
 * source's content, dropped on a real KringInviteDrop target. */
static void
test_drag_row_onto_dossier (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringClient) client = NULL;
  g_autoptr (KringDossierItem) dossier = NULL;
  g_autoptr (GdkContentProvider) content = NULL;
  g_autofree char *email = NULL;
  g_autoptr (GdkContentFormats) formats = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GAsyncResult) written = NULL;
  GValue list = G_VALUE_INIT;
  KringTeammatesView *view;
  GtkWidget *cell, *target;
  GtkDragSource *source = NULL;
  GListModel *controllers;
  gboolean handled = FALSE;
  gint64 account_id;

  client = new_owner ("team", &account_id, NULL);
  email = add_teammate (client, account_id, "member");
  dossier = new_dossier (client, account_id, "Familie Jansen");
  view = new_view (client, account_id, "owner", 2);
  WAIT_FOR ((cell = find_widget (GTK_WIDGET (view), is_label_with_text, email)) != NULL);
  controllers = gtk_widget_observe_controllers (cell);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        source = GTK_DRAG_SOURCE (controller);
    }
  g_object_unref (controllers);
  g_assert_nonnull (source);
  g_signal_emit_by_name (source, "prepare", 5.0, 5.0, &content);
  g_assert_nonnull (content);

  /* Outside the app it is text a mail client reads. */
  formats = gdk_content_provider_ref_formats (content);
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"));
  g_assert_true (gdk_content_formats_contain_gtype (formats, KRING_TYPE_INVITEE_LIST));
  stream = g_memory_output_stream_new_resizable ();
  gdk_content_provider_write_mime_type_async (content, "text/plain;charset=utf-8", stream,
                                              G_PRIORITY_DEFAULT, NULL, store_result, &written);
  g_assert_true (gdk_content_provider_write_mime_type_finish (content, await (&written), &error));
  g_assert_no_error (error);
  g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL);
  g_assert_nonnull (
      strstr (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)), email));

  g_value_init (&list, KRING_TYPE_INVITEE_LIST);
  g_assert_true (gdk_content_provider_get_value (content, &list, &error));
  g_assert_no_error (error);
  target = gtk_label_new ("Familie Jansen");
  show_in_window (target);
  g_signal_emit_by_name (kring_invite_drop_get_drop_target (kring_invite_drop_attach (
                             target, client, kring_dossier_item_get_id (dossier))),
                         "drop", &list, 10.0, 10.0, &handled);
  g_value_unset (&list);
  g_assert_true (handled);
  WAIT_FOR (is_participant (client, kring_dossier_item_get_id (dossier), email));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (target)));
  close_view (view);
}

/* No server at the start: a status page with Retry.  A server that stops
 * later: the rows stay, a toast offers Retry. */
static void
test_server_down (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringClient) nowhere = kring_client_new ("http://127.0.0.1:1", &error);
  g_autoptr (KringClient) client = NULL;
  g_autofree char *token = NULL;
  g_autofree char *email = fresh_email ("owner");
  KringTestServer *own;
  KringTeammatesView *view;
  GtkStack *stack;
  gint64 account_id;

  g_assert_no_error (error);
  view = kring_teammates_view_new (nowhere, 1, "owner");
  show_in_window (GTK_WIDGET (view));
  stack = GTK_STACK (child_by_id (GTK_WIDGET (view), "stack"));
  WAIT_FOR (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "error") == 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (view), is_button_labelled, "_Retry"));
  close_view (view);

  own = kring_test_server_start (NULL);
  token = kring_test_signup (own, email, "Zorg en Zo", "team", &account_id);
  client = kring_client_new (own->base_url, &error);
  g_assert_no_error (error);
  kring_client_set_token (client, token);
  view = new_view (client, account_id, "owner", 1);
  kring_test_server_stop (own);
  kring_teammates_view_reload (view);
  WAIT_FOR (kring_paged_model_get_error (KRING_PAGED_MODEL (kring_teammates_view_get_model (view)))
            != NULL);
  stack = GTK_STACK (child_by_id (GTK_WIDGET (view), "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpuint (n_rows (view), ==, 1);
  g_assert_true (shows (GTK_WIDGET (view), email));
  WAIT_FOR (
      find_widget (GTK_WIDGET (view), is_button_labelled, "_Retry") != NULL
      && gtk_widget_get_visible (find_widget (GTK_WIDGET (view), is_button_labelled, "_Retry")));
  close_view (view);
}

int
main (int argc, char **argv)
{
  /* Amounts in Dutch, as UI.md writes them. */
  g_setenv ("LANGUAGE", "nl", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  srv = kring_test_server_start (NULL);
  g_test_add_func ("/teammates/add-shows-price", test_add_shows_price);
  g_test_add_func ("/teammates/plan-full", test_plan_full);
  g_test_add_func ("/teammates/role-and-remove", test_role_and_remove);
  g_test_add_func ("/teammates/resend", test_resend);
  g_test_add_func ("/teammates/member-reads", test_member_reads);
  g_test_add_func ("/teammates/drag-row-onto-dossier", test_drag_row_onto_dossier);
  g_test_add_func ("/teammates/server-down", test_server_down);
  return g_test_run ();
}
