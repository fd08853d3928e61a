/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kring:// links from mails: kring://invitation/<code>, kring://verify/<code>
 * and kring://reset/<code> open the matching form with the code filled in
 * — through GApplication::open, the command line, and a second launch of
 * the real binary that hands the link to the running application. */
#include "config.h"

#include "kring-shell-test.h"

static KringWindow *
the_window (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_assert_true (KRING_IS_WINDOW (windows->data));
  return KRING_WINDOW (windows->data);
}

static void
open_uri (const char *uri)
{
  g_autoptr (GFile) file = g_file_new_for_uri (uri);

  g_application_open (G_APPLICATION (app), &file, 1, "");
}

static void
close_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    close_window (windows->data);
}

/* A new teammate of a fresh organisation: the code of their invitation. */
static char *
invite_teammate (const char *email)
{
  g_autofree char *owner = fresh_email ("inviter");
  gint64 account_id = 0;
  g_autofree char *token = kring_test_signup (srv, owner, "Zorg en Zo", "team", &account_id);
  g_autofree char *path
      = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates", account_id);
  g_autoptr (KringTestResponse) added = NULL;

  added = kring_test_request (srv, "POST", path, token,
                              "{\"email\": \"%s\", \"name\": \"Ingrid\", \"role\": \"member\"}",
                              email);
  kring_assert_status (added, 201);
  return kring_test_mail_code (srv, email, "invitation");
}

static void
test_invitation_open (void)
{
  g_autofree char *email = fresh_email ("invited");
  g_autofree char *code = invite_teammate (email);
  g_autofree char *uri = g_strdup_printf ("kring://invitation/%s", code);
  g_autofree char *stored = NULL;
  g_autofree char *names = NULL;
  KringWindow *window;

  reset_state ();
  g_assert_nonnull (code);
  /* GApplication::open makes the window and shows the invitation form. */
  open_uri (uri);
  window = the_window ();
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  g_assert_cmpstr (kring_sign_in_page_get_form (sign_in_page (window)), ==, "invitation");
  g_assert_cmpstr (row_text (window, "invitation_code_row"), ==, code);
  /* Nothing else takes the page away meanwhile (the silent sign-in gave
   * way to the link). */
  settle (300);
  g_assert_cmpstr (window_page (window), ==, "sign-in");

  fill (window, "invitation_name_row", "Ingrid Invited");
  fill (window, "invitation_password_row", KRING_TEST_PASSWORD);
  click_on_page (window, "invitation_button");
  wait_for_page (window, "main");
  g_assert_cmpstr (kring_window_get_membership (window)->role, ==, "member");
  g_assert_cmpstr (kring_window_get_me (window)->user->name, ==, "Ingrid Invited");
  names = sidebar_names (window);
  g_assert_cmpstr (names, ==, "dossiers shared teammates plan");
  stored = stored_token (srv->base_url, email);
  g_assert_cmpuint (me_status (stored), ==, 200);

  /* The same code again is used up: said in words, on the form. */
  open_uri (uri);
  g_assert_true (the_window () == window);
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  fill (window, "invitation_password_row", KRING_TEST_PASSWORD);
  click_on_page (window, "invitation_button");
  WAIT_FOR (form_message (window, "invitation") != NULL);
  g_assert_cmpstr (form_message (window, "invitation"), ==,
                   kring_error_message_for_code (KRING_CLIENT_ERROR_CODE_INVALID));
  /* Signed in behind the page: Back returns to the session. */
  g_assert_true (gtk_widget_get_visible (page_widget (window, "back_button")));
  click_on_page (window, "back_button");
  g_assert_cmpstr (kring_sign_in_page_get_form (sign_in_page (window)), ==, "sign-in");
  click_on_page (window, "back_button");
  g_assert_cmpstr (window_page (window), ==, "main");
  close_all_windows ();
}

static void
test_reset_link (void)
{
  g_autofree char *email = fresh_email ("reset");
  g_autofree char *token = kring_test_signup (srv, email, "Zorg en Zo", "team", NULL);
  g_autoptr (KringTestResponse) requested = NULL;
  g_autofree char *code = NULL;
  g_autofree char *uri = NULL;
  KringWindow *window;

  reset_state ();
  requested = kring_test_request (srv, "POST", "/api/v1/password-resets", NULL,
                                  "{\"email\": \"%s\"}", email);
  kring_assert_status (requested, 202);
  code = kring_test_mail_code (srv, email, "reset");
  g_assert_nonnull (code);
  /* As a mail client hands it over: a trailing slash is fine. */
  uri = g_strdup_printf ("kring://reset/%s/", code);

  window = open_window ();
  kring_window_open_link (window, uri);
  g_assert_cmpstr (window_page (window), ==, "sign-in");
  g_assert_cmpstr (kring_sign_in_page_get_form (sign_in_page (window)), ==, "reset");
  g_assert_cmpstr (row_text (window, "reset_code_row"), ==, code);
  fill (window, "reset_password_row", "another fine passphrase");
  click_on_page (window, "reset_button");
  WAIT_FOR (g_strcmp0 (kring_sign_in_page_get_form (sign_in_page (window)), "sign-in") == 0);
  g_assert_false (gtk_widget_has_css_class (page_widget (window, "sign_in_message"), "error"));

  fill (window, "email_row", email);
  fill (window, "password_row", "another fine passphrase");
  click_on_page (window, "sign_in_button");
  wait_for_page (window, "main");
  close_window (window);
}

static void
test_not_a_link (void)
{
  KringWindow *window;

  reset_state ();
  window = open_window ();
  wait_for_page (window, "sign-in");
  kring_window_open_link (window, "kring://unknown/abc");
  kring_window_open_link (window, "kring://invitation/");
  kring_window_open_link (window, "https://kring.example.nl/invitation/abc");
  g_assert_cmpstr (kring_sign_in_page_get_form (sign_in_page (window)), ==, "sign-in");
  g_assert_cmpstr (row_text (window, "invitation_code_row"), ==, "");
  close_window (window);
}

/* kring --server URL kring://verify/CODE, through g_application_run(): the
 * command line of this process, as main.c passes it. */
typedef struct
{
  char *email;
  char *code;
  gboolean done;
} VerifyRun;

static gboolean
drive_verify (gpointer user_data)
{
  VerifyRun *run = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  KringWindow *window;

  if (windows == NULL)
    return G_SOURCE_CONTINUE;
  window = windows->data;
  if (g_strcmp0 (window_page (window), "sign-in") == 0
      && g_strcmp0 (kring_sign_in_page_get_form (sign_in_page (window)), "verify") == 0
      && gtk_widget_is_sensitive (page_widget (window, "verify_button")))
    {
      g_assert_cmpstr (row_text (window, "verify_code_row"), ==, run->code);
      click_on_page (window, "verify_button");
    }
  else if (g_strcmp0 (window_page (window), "main") == 0)
    {
      g_assert_cmpstr (kring_window_get_me (window)->user->email, ==, run->email);
      g_assert_cmpstr (kring_window_get_membership (window)->account->name, ==, "Per Link BV");
      run->done = TRUE;
      gtk_window_destroy (GTK_WINDOW (window));
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
give_up (gpointer user_data)
{
  g_error ("the verify link did not lead to a session in time");
  return G_SOURCE_REMOVE;
}

static void
test_verify_command_line (void)
{
  VerifyRun run = { 0 };
  g_autoptr (KringTestResponse) signed_up = NULL;
  g_autofree char *uri = NULL;
  guint drive_id, give_up_id;
  int status;

  reset_state ();
  run.email = fresh_email ("link-founder");
  signed_up = kring_test_request (srv, "POST", "/api/v1/signup", NULL,
                                  "{\"organisation\": \"Per Link BV\", \"name\": \"Lot\", "
                                  "\"email\": \"%s\", \"password\": \"%s\", \"plan\": \"pro\"}",
                                  run.email, KRING_TEST_PASSWORD);
  kring_assert_status (signed_up, 202);
  run.code = kring_test_mail_code (srv, run.email, "verify");
  g_assert_nonnull (run.code);
  uri = g_strdup_printf ("kring://verify/%s", run.code);
  /* The address from the command line, not GSettings. */
  kring_application_set_server_url (app, "http://127.0.0.1:1");

  {
    char *argv[] = { "kring", "--server", srv->base_url, uri, NULL };

    drive_id = g_timeout_add (20, drive_verify, &run);
    give_up_id = g_timeout_add_seconds (WAIT_SECONDS, give_up, NULL);
    status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);
  }
  g_source_remove (give_up_id);
  if (!run.done)
    g_source_remove (drive_id);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.done);
  g_assert_cmpstr (kring_application_get_server_url (app), ==, srv->base_url);
  g_free (run.email);
  g_free (run.code);
}

/* A second launch of the real binary hands its link to this, the running
 * application, which shows it in its one window. */
static void
test_second_launch (void)
{
  g_autofree char *kring
      = g_test_build_filename (G_TEST_BUILT, "..", "..", "src", "app", "kring", NULL);
  g_autofree char *email = fresh_email ("second");
  g_autofree char *code = invite_teammate (email);
  g_autofree char *uri = g_strdup_printf ("kring://invitation/%s", code);
  g_autoptr (GSubprocess) second = NULL;
  g_autoptr (GError) error = NULL;
  KringWindow *window;

  reset_state ();
  window = open_window ();
  wait_for_page (window, "sign-in");

  second = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, kring, uri, NULL);
  g_assert_no_error (error);
  WAIT_FOR (g_strcmp0 (kring_sign_in_page_get_form (sign_in_page (window)), "invitation") == 0);
  g_assert_cmpstr (row_text (window, "invitation_code_row"), ==, code);
  g_assert_true (the_window () == window);
  {
    g_autoptr (GAsyncResult) waited = NULL;

    g_subprocess_wait_async (second, NULL, store_result, &waited);
    g_assert_true (g_subprocess_wait_finish (second, await (&waited), &error));
  }
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
  close_all_windows ();
}

int
main (int argc, char **argv)
{
  shell_test_init (&argc, &argv);
  g_test_add_func ("/links/invitation-open", test_invitation_open);
  g_test_add_func ("/links/reset", test_reset_link);
  g_test_add_func ("/links/not-a-link", test_not_a_link);
  g_test_add_func ("/links/second-launch", test_second_launch);
  g_test_add_func ("/links/verify-command-line", test_verify_command_line);
  return g_test_run ();
}
