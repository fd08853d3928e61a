/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sign-in page and the window's session with a real kringd, a real
 * keyring and a real display: signing in, wrong passwords, silent sign-in
 * at the next start, a revoked token, signing out, creating an
 * organisation with the mailed code, resetting a password, plain http://
 * refused, an unreachable server, and the sidebar by role and account. */
#include "config.h"

#include <glib/gi18n.h>

#include "kring-dossier-list.h"
#include "kring-shell-test.h"

static void
test_wrong_password (void)
{
  g_autofree char *email = fresh_email ("wrong");
  g_autofree char *token = kring_test_signup (srv, email, "Zorg en Zo", "team", NULL);
  KringWindow *window;

  reset_state ();
  window = open_window ();
  wait_for_page (window, "sign-in");
  g_assert_cmpstr (row_text (window, "server_row"), ==, srv->base_url);

  fill (window, "email_row", email);
  fill (window, "password_row", "this is not it at all");
  click_on_page (window, "sign_in_button");
  WAIT_FOR (form_message (window, "sign-in") != NULL);
  maybe_screenshot (window, "sign-in-wrong-password");
  g_assert_false (page_is_busy (window));
  g_assert_cmpstr (form_message (window, "sign-in"), ==,
                   kring_error_message_for_code (KRING_CLIENT_ERROR_INVALID_CREDENTIALS));
  g_assert_true (gtk_widget_has_css_class (page_widget (window, "sign_in_message"), "error"));
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  g_assert_cmpuint (secrets_for_email (email), ==, 0);

  /* Empty fields are not sent. */
  fill (window, "password_row", "");
  click_on_page (window, "sign_in_button");
  g_assert_cmpstr (form_message (window, "sign-in"), ==, _ ("Fill in every field."));
  close_window (window);
}

static void
test_sign_in_then_silent (void)
{
  g_autofree char *email = fresh_email ("owner");
  g_autofree char *signup_token = kring_test_signup (srv, email, "Zorg en Zo", "team", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *names = NULL;
  g_autoptr (GSettings) settings = g_settings_new ("nl.kring.Kring");
  g_autofree char *last_email = NULL;
  g_autofree char *server_url = NULL;
  KringWindow *window;

  reset_state ();
  window = open_window ();
  sign_in_through_form (window, email);

  maybe_screenshot (window, "main");
  /* The main layout, for an owner: every entry of the sidebar. */
  names = sidebar_names (window);
  g_assert_cmpstr (names, ==, "dossiers shared teammates plan audit");
  g_assert_cmpstr (kring_window_get_visible_view (window), ==, "dossiers");
  g_assert_true (KRING_IS_DOSSIER_LIST (kring_window_get_view (window, "dossiers")));
  g_assert_cmpstr (
      gtk_label_get_text (GTK_LABEL (find_widget (GTK_WIDGET (window), "account_label"))), ==,
      "Zorg en Zo");
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (window), "account_dropdown")));
  g_assert_true (kring_window_get_is_admin (window));
  g_assert_cmpstr (kring_window_get_membership (window)->role, ==, "owner");
  g_assert_nonnull (kring_window_get_client (window));

  /* The token, not the password, is in the keyring; address and email in
   * GSettings. */
  stored = stored_token (srv->base_url, email);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored, !=, KRING_TEST_PASSWORD);
  g_assert_cmpstr (stored, ==, kring_client_get_token (kring_window_get_client (window)));
  g_assert_cmpuint (me_status (stored), ==, 200);
  g_assert_cmpuint (secrets_for_email (email), ==, 1);
  last_email = g_settings_get_string (settings, "last-email");
  server_url = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (last_email, ==, email);
  g_assert_cmpstr (server_url, ==, srv->base_url);
  close_window (window);

  /* The next start signs in by itself: no form to fill in. */
  window = open_window ();
  WAIT_FOR (g_strcmp0 (window_page (window), "loading") != 0);
  g_assert_cmpstr (window_page (window), ==, "main");
  g_assert_cmpstr (kring_client_get_token (kring_window_get_client (window)), ==, stored);
  close_window (window);
}

static void
test_revoked_token (void)
{
  g_autofree char *email = fresh_email ("revoked");
  g_autofree char *signup_token = kring_test_signup (srv, email, "Zorg en Zo", "team", NULL);
  g_autofree char *stored = NULL;
  g_autoptr (KringTestResponse) revoked = NULL;
  KringWindow *window;

  reset_state ();
  window = open_window ();
  sign_in_through_form (window, email);
  close_window (window);

  stored = stored_token (srv->base_url, email);
  revoked = kring_test_request (srv, "DELETE", "/api/v1/sessions/current", stored, NULL);
  kring_assert_status (revoked, 204);

  /* The 401 of the silent sign-in: the sign-in page, the email filled in,
   * the dead token gone from the keyring. */
  window = open_window ();
  wait_for_page (window, "sign-in");
  g_assert_cmpstr (row_text (window, "email_row"), ==, email);
  g_assert_cmpstr (row_text (window, "password_row"), ==, "");
  g_assert_cmpstr (form_message (window, "sign-in"), ==,
                   kring_error_message_for_code (KRING_CLIENT_ERROR_UNAUTHENTICATED));
  g_assert_cmpuint (secrets_for_email (email), ==, 0);
  g_assert_null (kring_window_get_client (window));
  close_window (window);
}

static void
test_session_ends_in_a_view (void)
{
  g_autofree char *email = fresh_email ("ended");
  g_autofree char *signup_token = kring_test_signup (srv, email, "Zorg en Zo", "team", NULL);
  g_autoptr (GError) error
      = g_error_new_literal (KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_UNAUTHENTICATED, "Expired");
  g_autoptr (GError) cancelled
      = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  KringWindow *window;

  reset_state ();
  window = open_window ();
  sign_in_through_form (window, email);

  /* A cancellation is nobody's business. */
  kring_window_report_error (window, cancelled, NULL, NULL);
  g_assert_cmpstr (window_page (window), ==, "main");

  /* A 401 from any view brings the sign-in page back. */
  kring_window_report_error (window, error, NULL, NULL);
  wait_for_page (window, "sign-in");
  g_assert_cmpstr (row_text (window, "email_row"), ==, email);
  g_assert_cmpuint (secrets_for_email (email), ==, 0);
  g_assert_null (kring_window_get_view (window, "dossiers"));
  close_window (window);
}

static void
test_sign_out (void)
{
  g_autofree char *email = fresh_email ("leaving");
  g_autofree char *signup_token = kring_test_signup (srv, email, "Zorg en Zo", "team", NULL);
  g_autofree char *stored = NULL;
  KringWindow *window;

  reset_state ();
  window = open_window ();
  sign_in_through_form (window, email);
  stored = stored_token (srv->base_url, email);
  g_assert_nonnull (stored);

  g_action_group_activate_action (G_ACTION_GROUP (window), "sign-out", NULL);
  wait_for_page (window, "sign-in");
  /* Revoked at the server, gone from the keyring, the email kept. */
  g_assert_cmpuint (me_status (stored), ==, 401);
  g_assert_cmpuint (secrets_for_email (email), ==, 0);
  g_assert_cmpstr (row_text (window, "email_row"), ==, email);
  g_assert_null (form_message (window, "sign-in"));
  g_assert_null (kring_window_get_client (window));
  g_assert_null (kring_window_get_view (window, "dossiers"));
  close_window (window);

  /* And the next start asks again. */
  window = open_window ();
  wait_for_page (window, "sign-in");
  g_assert_cmpstr (row_text (window, "email_row"), ==, email);
  close_window (window);
}

static void
test_http_refused (void)
{
  KringWindow *window;

  reset_state ();
  window = open_window ();
  wait_for_page (window, "sign-in");
  fill (window, "server_row", "http://kring.example.org");
  fill (window, "email_row", "someone@example.org");
  fill (window, "password_row", KRING_TEST_PASSWORD);
  click_on_page (window, "sign_in_button");
  /* Refused before anything is sent: no request, no spinner. */
  g_assert_false (page_is_busy (window));
  g_assert_cmpstr (form_message (window, "sign-in"), ==,
                   kring_error_message_for_code (KRING_CLIENT_ERROR_INSECURE));
  g_assert_cmpstr (window_page (window), ==, "sign-in");

  /* The same from the command line or GSettings: the page says why. */
  close_window (window);
  kring_application_set_server_url (app, "http://kring.example.org:8080");
  window = open_window ();
  wait_for_page (window, "sign-in");
  g_assert_cmpstr (form_message (window, "sign-in"), ==,
                   kring_error_message_for_code (KRING_CLIENT_ERROR_INSECURE));
  g_assert_cmpstr (row_text (window, "server_row"), ==, "http://kring.example.org:8080");
  close_window (window);
}

static guint16
free_port (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) socket
      = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_unreachable (void)
{
  g_autofree char *email = fresh_email ("offline");
  g_autofree char *signup_token = kring_test_signup (srv, email, "Zorg en Zo", "team", NULL);
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", free_port ());
  const char *args[] = { "--listen", listen, NULL };
  KringTestServer *second = kring_test_server_start_sharing (srv, args);
  g_autofree char *second_url = g_strdup (second->base_url);
  g_autofree char *description = NULL;
  KringWindow *window;
  GtkWidget *status;

  /* Signed in at the second server, which then stops. */
  reset_state ();
  kring_application_set_server_url (app, second_url);
  window = open_window ();
  wait_for_page (window, "sign-in");
  fill (window, "server_row", second_url);
  fill (window, "email_row", email);
  fill (window, "password_row", KRING_TEST_PASSWORD);
  click_on_page (window, "sign_in_button");
  wait_for_page (window, "main");
  close_window (window);
  kring_test_server_stop (second);

  /* The next start: a status page saying so, with Retry and Change server. */
  window = open_window ();
  wait_for_page (window, "unreachable");
  maybe_screenshot (window, "unreachable");
  status = find_widget (GTK_WIDGET (window), "unreachable_status");
  description = g_strdup (adw_status_page_get_description (ADW_STATUS_PAGE (status)));
  g_assert_nonnull (strstr (description, second_url));
  g_assert_cmpuint (secrets_for_email (email), ==, 1);

  click (find_widget (GTK_WIDGET (window), "retry_button"));
  WAIT_FOR (g_strcmp0 (window_page (window), "loading") != 0);
  g_assert_cmpstr (window_page (window), ==, "unreachable");

  /* Back on the same address: Retry signs in with the stored token. */
  second = kring_test_server_start_sharing (srv, args);
  g_assert_cmpstr (second->base_url, ==, second_url);
  click (find_widget (GTK_WIDGET (window), "retry_button"));
  wait_for_page (window, "main");
  close_window (window);

  /* Change server: the sign-in form, address and email filled in. */
  kring_test_server_stop (second);
  window = open_window ();
  wait_for_page (window, "unreachable");
  click (find_widget (GTK_WIDGET (window), "change_server_button"));
  wait_for_page (window, "sign-in");
  g_assert_cmpstr (row_text (window, "server_row"), ==, second_url);
  g_assert_cmpstr (row_text (window, "email_row"), ==, email);
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (window)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         page_widget (window, "server_row")));
  /* …and signing in at the first server works from there. */
  fill (window, "server_row", srv->base_url);
  fill (window, "password_row", KRING_TEST_PASSWORD);
  click_on_page (window, "sign_in_button");
  wait_for_page (window, "main");
  g_assert_cmpstr (kring_application_get_server_url (app), ==, srv->base_url);
  close_window (window);
}

static void
test_create_organisation (void)
{
  g_autofree char *email = fresh_email ("founder");
  g_autofree char *code = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *names = NULL;
  GtkWidget *plan_row;
  GListModel *plans;
  KringWindow *window;

  reset_state ();
  window = open_window ();
  wait_for_page (window, "sign-in");
  click_on_page (window, "sign_up_link");
  g_assert_cmpstr (kring_sign_in_page_get_form (sign_in_page (window)), ==, "sign-up");

  fill (window, "organisation_row", "Thuiszorg Noord");
  fill (window, "name_row", "Fenna Founder");
  fill (window, "sign_up_email_row", email);
  fill (window, "sign_up_password_row", KRING_TEST_PASSWORD);
  /* The plans of the shipped price table; choose Team. */
  plan_row = page_widget (window, "plan_row");
  plans = adw_combo_row_get_model (ADW_COMBO_ROW (plan_row));
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 4);
  maybe_screenshot (window, "sign-up");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (plans), 1), ==, "Team");
  adw_combo_row_set_selected (ADW_COMBO_ROW (plan_row), 1);
  click_on_page (window, "sign_up_button");

  /* "Check your mail": the code from the mail, as a person would copy it. */
  WAIT_FOR (g_strcmp0 (kring_sign_in_page_get_form (sign_in_page (window)), "verify") == 0);
  g_assert_nonnull (strstr (
      adw_status_page_get_description (ADW_STATUS_PAGE (page_widget (window, "verify_status"))),
      email));
  code = kring_test_mail_code (srv, email, "verify");
  g_assert_nonnull (code);
  maybe_screenshot (window, "verify");

  /* A wrong code first. */
  fill (window, "verify_code_row", "not-the-code");
  click_on_page (window, "verify_button");
  WAIT_FOR (form_message (window, "verify") != NULL);
  g_assert_cmpstr (form_message (window, "verify"), ==,
                   kring_error_message_for_code (KRING_CLIENT_ERROR_CODE_INVALID));

  fill (window, "verify_code_row", code);
  click_on_page (window, "verify_button");
  wait_for_page (window, "main");
  g_assert_cmpstr (
      gtk_label_get_text (GTK_LABEL (find_widget (GTK_WIDGET (window), "account_label"))), ==,
      "Thuiszorg Noord");
  g_assert_cmpstr (kring_window_get_membership (window)->account->plan, ==, "team");
  g_assert_cmpstr (kring_window_get_membership (window)->role, ==, "owner");
  names = sidebar_names (window);
  g_assert_cmpstr (names, ==, "dossiers shared teammates plan audit");
  stored = stored_token (srv->base_url, email);
  g_assert_cmpuint (me_status (stored), ==, 200);
  close_window (window);
}

static void
test_reset_password (void)
{
  g_autofree char *email = fresh_email ("forgetful");
  g_autofree char *signup_token = kring_test_signup (srv, email, "Zorg en Zo", "team", NULL);
  g_autofree char *code = NULL;
  KringWindow *window;

  reset_state ();
  window = open_window ();
  wait_for_page (window, "sign-in");
  fill (window, "email_row", email);
  click_on_page (window, "forgot_link");
  g_assert_cmpstr (kring_sign_in_page_get_form (sign_in_page (window)), ==, "forgot");
  g_assert_cmpstr (row_text (window, "forgot_email_row"), ==, email);
  click_on_page (window, "forgot_button");
  WAIT_FOR (g_strcmp0 (kring_sign_in_page_get_form (sign_in_page (window)), "reset") == 0);
  g_assert_nonnull (strstr (form_message (window, "reset"), email));

  code = kring_test_mail_code (srv, email, "reset");
  g_assert_nonnull (code);
  fill (window, "reset_code_row", code);
  fill (window, "reset_password_row", "a brand new passphrase");
  click_on_page (window, "reset_button");

  /* Back at the sign-in form with the email and a notice (no error). */
  WAIT_FOR (g_strcmp0 (kring_sign_in_page_get_form (sign_in_page (window)), "sign-in") == 0);
  g_assert_cmpstr (row_text (window, "email_row"), ==, email);
  g_assert_nonnull (form_message (window, "sign-in"));
  g_assert_false (gtk_widget_has_css_class (page_widget (window, "sign_in_message"), "error"));
  /* The reset ended the old sessions. */
  g_assert_cmpuint (me_status (signup_token), ==, 401);

  fill (window, "password_row", "a brand new passphrase");
  click_on_page (window, "sign_in_button");
  wait_for_page (window, "main");
  close_window (window);
}

static void
test_member_and_accounts (void)
{
  g_autofree char *owner_email = fresh_email ("boss");
  g_autofree char *member_email = fresh_email ("carer");
  gint64 first_id = 0, second_id = 0;
  g_autofree char *owner_token
      = kring_test_signup (srv, owner_email, "Eerste Zorg", "team", &first_id);
  g_autofree char *member_token = NULL;
  g_autofree char *path
      = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates", first_id);
  g_autofree char *names = NULL;
  g_autoptr (KringTestResponse) added = NULL;
  GtkDropDown *dropdown;
  KringWindow *window;

  added = kring_test_request (srv, "POST", path, owner_token,
                              "{\"email\": \"%s\", \"role\": \"member\"}", member_email);
  kring_assert_status (added, 201);
  member_token = kring_test_accept_invitation (srv, member_email, "Carla Carer");
  g_assert_nonnull (member_token);

  /* A member: no audit log. */
  reset_state ();
  window = open_window ();
  sign_in_through_form (window, member_email);
  names = sidebar_names (window);
  g_assert_cmpstr (names, ==, "dossiers shared teammates plan");
  g_assert_false (kring_window_get_is_admin (window));
  close_window (window);

  /* Teammate of a second organisation, as its owner: the switcher. */
  {
    g_autofree char *second_owner = fresh_email ("other-boss");
    g_autofree char *second_token
        = kring_test_signup (srv, second_owner, "Tweede Zorg", "team", &second_id);
    g_autofree char *second_path
        = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates", second_id);
    g_autoptr (KringTestResponse) second_added = NULL;

    second_added = kring_test_request (srv, "POST", second_path, second_token,
                                       "{\"email\": \"%s\", \"role\": \"admin\"}", member_email);
    kring_assert_status (second_added, 201);
  }
  window = open_window ();
  wait_for_page (window, "main");
  dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (window), "account_dropdown"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);
  g_assert_cmpint (kring_window_get_account_id (window), ==, first_id);
  g_assert_cmpint (kring_dossier_list_get_account_id (
                       KRING_DOSSIER_LIST (kring_window_get_view (window, "dossiers"))),
                   ==, first_id);

  /* Switching: the views are made again for the other account, where
   * this user is admin and sees the audit log. */
  for (guint i = 0; i < 2; i++)
    if (kring_window_get_account_id (window) != second_id)
      gtk_drop_down_set_selected (dropdown, i);
  g_assert_cmpint (kring_window_get_account_id (window), ==, second_id);
  g_assert_cmpint (kring_dossier_list_get_account_id (
                       KRING_DOSSIER_LIST (kring_window_get_view (window, "dossiers"))),
                   ==, second_id);
  g_assert_true (kring_window_get_is_admin (window));
  g_clear_pointer (&names, g_free);
  names = sidebar_names (window);
  g_assert_cmpstr (names, ==, "dossiers shared teammates plan audit");
  close_window (window);

  /* The choice is kept for the next start. */
  window = open_window ();
  wait_for_page (window, "main");
  g_assert_cmpint (kring_window_get_account_id (window), ==, second_id);
  close_window (window);
}

static GtkWidget *
label_view_new (KringWindow *window)
{
  g_assert_nonnull (kring_window_get_client (window));
  return gtk_label_new (kring_window_get_me (window)->user->email);
}

static void
test_views_plug_in (void)
{
  g_autofree char *email = fresh_email ("views");
  g_autofree char *signup_token = kring_test_signup (srv, email, "Zorg en Zo", "team", NULL);
  g_autofree char *names = NULL;
  KringWindow *window;
  GtkWidget *view;

  reset_state ();
  window = open_window ();
  sign_in_through_form (window, email);

  /* A placeholder page until a view is plugged in… */
  kring_window_add_view (window, "extra", "Extra", "starred-symbolic", KRING_VIEW_ANYONE, NULL);
  names = sidebar_names (window);
  g_assert_cmpstr (names, ==, "dossiers shared teammates plan audit extra");
  kring_window_show_view (window, "extra");
  g_assert_cmpstr (kring_window_get_visible_view (window), ==, "extra");
  view = kring_window_get_view (window, "extra");
  g_assert_true (ADW_IS_STATUS_PAGE (view));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (view)), ==, "Extra");

  /* …then the view, made for the session, shown where the placeholder was. */
  kring_window_add_view (window, "extra", "Extra", "starred-symbolic", KRING_VIEW_ANYONE,
                         label_view_new);
  view = kring_window_get_view (window, "extra");
  g_assert_true (GTK_IS_LABEL (view));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (view)), ==, email);
  g_assert_cmpstr (kring_window_get_visible_view (window), ==, "extra");
  g_assert_true (gtk_widget_get_mapped (view));

  /* Admins only: an owner sees it. */
  kring_window_add_view (window, "extra", "Extra", "starred-symbolic", KRING_VIEW_ADMINS,
                         label_view_new);
  g_assert_nonnull (kring_window_get_view (window, "extra"));
  close_window (window);
}

static void
test_keyboard (void)
{
  g_autofree char *email = fresh_email ("keys");
  g_autofree char *signup_token = kring_test_signup (srv, email, "Zorg en Zo", "team", NULL);
  GtkWidget *search;
  GtkWidget *focus;
  KringWindow *window;

  reset_state ();
  window = open_window ();
  sign_in_through_form (window, email);

  /* Ctrl+F from the sidebar reaches the search of the view shown. */
  kring_window_show_view (window, "plan");
  kring_window_show_view (window, "dossiers");
  gtk_widget_grab_focus (find_widget (GTK_WIDGET (window), "sidebar_list"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.search", NULL));
  search = find_widget (kring_window_get_view (window, "dossiers"), "search_entry");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == search || gtk_widget_is_ancestor (focus, search));

  /* The shortcuts window is there, with Ctrl+? on it. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  {
    g_auto (GStrv) accels
        = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
    g_assert_cmpstr (accels[0], ==, "<Control>question");
  }
  close_window (window);
}

static void
test_open_dossier (void)
{
  g_autofree char *email = fresh_email ("dossiers");
  gint64 account_id = 0;
  g_autofree char *token = kring_test_signup (srv, email, "Zorg en Zo", "team", &account_id);
  g_autoptr (KringClient) client = new_client (token);
  g_autoptr (KringDossierItem) dossier = new_dossier (client, account_id, "Thuiszorg Jansen");
  gint64 dossier_id = kring_dossier_item_get_id (dossier);
  GtkWidget *back;
  GtkWidget *title;
  KringWindow *window;

  reset_state ();
  window = open_window ();
  sign_in_through_form (window, email);
  back = find_widget (GTK_WIDGET (window), "content_back_button");
  title = find_widget (GTK_WIDGET (window), "content_title");
  g_assert_false (gtk_widget_get_visible (back));

  /* A row of the list opens the dossier over it, titled after it. */
  g_signal_emit_by_name (kring_window_get_view (window, "dossiers"), "dossier-activated",
                         dossier_id);
  g_assert_cmpstr (kring_window_get_visible_view (window), ==, "dossier");
  g_assert_nonnull (kring_window_get_dossier_page (window));
  g_assert_true (gtk_widget_get_visible (back));
  WAIT_FOR (g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), "Thuiszorg Jansen")
            == 0);
  maybe_screenshot (window, "dossier");

  /* Back: the list again. */
  click (back);
  g_assert_cmpstr (kring_window_get_visible_view (window), ==, "dossiers");
  g_assert_null (kring_window_get_dossier_page (window));
  g_assert_false (gtk_widget_get_visible (back));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, _ ("Dossiers"));

  /* Another sidebar entry closes it too. */
  kring_window_open_dossier (window, dossier_id);
  kring_window_show_view (window, "audit");
  g_assert_null (kring_window_get_dossier_page (window));
  g_assert_cmpstr (kring_window_get_visible_view (window), ==, "audit");
  maybe_screenshot (window, "audit");
  close_window (window);
}

static GtkWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_PREFERENCES_WINDOW (toplevel))
        return toplevel;
    }
  return NULL;
}

static void
test_preferences (void)
{
  g_autoptr (GSettings) settings = g_settings_new ("nl.kring.Kring");
  g_autofree char *stored = NULL;
  KringWindow *window;
  GtkWindow *preferences;
  GtkWidget *row;
  GtkWidget *error_label;

  reset_state ();
  window = open_window ();
  wait_for_page (window, "sign-in");
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  WAIT_FOR ((preferences = find_preferences ()) != NULL);
  row = find_widget (GTK_WIDGET (preferences), "server_row");
  error_label = find_widget (GTK_WIDGET (preferences), "server_error");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, srv->base_url);

  /* Plain http:// elsewhere is refused, and said why. */
  gtk_editable_set_text (GTK_EDITABLE (row), "http://kring.example.nl");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   kring_error_message_for_code (KRING_CLIENT_ERROR_INSECURE));
  stored = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (stored, ==, "");

  /* An https:// address is kept, and the sign-in form uses it. */
  gtk_editable_set_text (GTK_EDITABLE (row), "https://kring.example.nl/");
  g_signal_emit_by_name (row, "apply");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (stored, ==, "https://kring.example.nl");
  g_assert_cmpstr (kring_application_get_server_url (app), ==, "https://kring.example.nl");
  g_assert_cmpstr (row_text (window, "server_row"), ==, "https://kring.example.nl");

  gtk_window_destroy (preferences);
  close_window (window);
}

int
main (int argc, char **argv)
{
  shell_test_init (&argc, &argv);
  g_test_add_func ("/sign-in/wrong-password", test_wrong_password);
  g_test_add_func ("/sign-in/then-silent", test_sign_in_then_silent);
  g_test_add_func ("/sign-in/revoked-token", test_revoked_token);
  g_test_add_func ("/sign-in/session-ends-in-a-view", test_session_ends_in_a_view);
  g_test_add_func ("/sign-in/sign-out", test_sign_out);
  g_test_add_func ("/sign-in/http-refused", test_http_refused);
  g_test_add_func ("/sign-in/unreachable", test_unreachable);
  g_test_add_func ("/sign-in/create-organisation", test_create_organisation);
  g_test_add_func ("/sign-in/reset-password", test_reset_password);
  g_test_add_func ("/sign-in/member-and-accounts", test_member_and_accounts);
  g_test_add_func ("/sign-in/views-plug-in", test_views_plug_in);
  g_test_add_func ("/sign-in/keyboard", test_keyboard);
  g_test_add_func ("/sign-in/open-dossier", test_open_dossier);
  g_test_add_func ("/sign-in/preferences", test_preferences);
  return g_test_run ();
}
