/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringCredentials against the real GNOME Keyring of the test's D-Bus
 * session: store, look up, replace, delete (and the secret really gone),
 * and `kring --sign-in` from a script. */
#include "config.h"

#include "kring-shell-test.h"

#define SERVER "https://kring.example.nl"
#define OTHER_SERVER "https://other.example.nl"

static void
store (const char *server, const char *email, const char *token)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  kring_credentials_store_async (server, email, token, NULL, store_result, &result);
  g_assert_true (kring_credentials_store_finish (await (&result), &error));
  g_assert_no_error (error);
}

static char *
lookup (const char *server, const char *email, char **out_email)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *token;

  kring_credentials_lookup_async (server, email, NULL, store_result, &result);
  token = kring_credentials_lookup_finish (await (&result), out_email, &error);
  g_assert_no_error (error);
  return token;
}

static void delete (const char *server, const char *email)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  kring_credentials_delete_async (server, email, NULL, store_result, &result);
  g_assert_true (kring_credentials_delete_finish (await (&result), &error));
  g_assert_no_error (error);
}

static void
test_store_lookup_delete (void)
{
  g_autofree char *token = NULL;
  g_autofree char *email = NULL;
  g_autofree char *other = NULL;

  g_assert_null (lookup (SERVER, "ann@example.org", NULL));
  store (SERVER, "ann@example.org", "token-one");

  token = lookup (SERVER, "ann@example.org", &email);
  g_assert_cmpstr (token, ==, "token-one");
  g_assert_cmpstr (email, ==, "ann@example.org");
  g_clear_pointer (&token, g_free);
  g_clear_pointer (&email, g_free);
  /* Without an email: the server's token, and whose it is. */
  token = lookup (SERVER, NULL, &email);
  g_assert_cmpstr (token, ==, "token-one");
  g_assert_cmpstr (email, ==, "ann@example.org");
  /* Attributes must match exactly. */
  other = lookup (OTHER_SERVER, "ann@example.org", NULL);
  g_assert_null (other);
  other = lookup (SERVER, "bob@example.org", NULL);
  g_assert_null (other);

  /* Storing again replaces: one secret per server and email. */
  store (SERVER, "ann@example.org", "token-two");
  g_clear_pointer (&token, g_free);
  token = lookup (SERVER, "ann@example.org", NULL);
  g_assert_cmpstr (token, ==, "token-two");
  g_assert_cmpuint (secrets_for_email ("ann@example.org"), ==, 1);

  /* Deleting removes the secret from the keyring itself, whatever schema
   * one searches with; deleting again is no error. */
  delete (SERVER, "ann@example.org");
  g_clear_pointer (&token, g_free);
  token = lookup (SERVER, "ann@example.org", NULL);
  g_assert_null (token);
  g_assert_cmpuint (secrets_for_email ("ann@example.org"), ==, 0);
  delete (SERVER, "ann@example.org");
}

static void
test_delete_keeps_others (void)
{
  g_autofree char *token = NULL;

  store (SERVER, "carl@example.org", "carl-here");
  store (OTHER_SERVER, "carl@example.org", "carl-there");
  store (SERVER, "dina@example.org", "dina-here");

  delete (SERVER, "carl@example.org");
  token = lookup (OTHER_SERVER, "carl@example.org", NULL);
  g_assert_cmpstr (token, ==, "carl-there");
  g_clear_pointer (&token, g_free);
  token = lookup (SERVER, "dina@example.org", NULL);
  g_assert_cmpstr (token, ==, "dina-here");

  delete (OTHER_SERVER, "carl@example.org");
  delete (SERVER, "dina@example.org");
  g_assert_cmpuint (secrets_for_email ("carl@example.org"), ==, 0);
  g_assert_cmpuint (secrets_for_email ("dina@example.org"), ==, 0);
}

static void
test_lookup_newest (void)
{
  g_autofree char *token = NULL;
  g_autofree char *email = NULL;

  store (SERVER, "erik@example.org", "erik-token");
  /* The keyring keeps modification times in seconds. */
  g_usleep (1100 * 1000);
  store (SERVER, "fay@example.org", "fay-token");

  token = lookup (SERVER, NULL, &email);
  g_assert_cmpstr (token, ==, "fay-token");
  g_assert_cmpstr (email, ==, "fay@example.org");

  delete (SERVER, "erik@example.org");
  delete (SERVER, "fay@example.org");
}

static void
test_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  kring_credentials_lookup_async (SERVER, NULL, cancellable, store_result, &result);
  g_assert_null (kring_credentials_lookup_finish (await (&result), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* `kring --server URL --sign-in EMAIL` with the password on stdin. */
static GSubprocess *
run_sign_in_command (const char *email, const char *password, char **out_stdout, int *status)
{
  g_autofree char *kring
      = g_test_build_filename (G_TEST_BUILT, "..", "..", "src", "app", "kring", NULL);
  g_autofree char *input = g_strdup_printf ("%s\n", password);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              &error, kring, "--server", srv->base_url, "--sign-in", email, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, out_stdout, NULL, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
  return g_steal_pointer (&process);
}

static void
test_sign_in_command (void)
{
  g_autofree char *email = fresh_email ("script");
  g_autofree char *token = kring_test_signup (srv, email, "Zorg per Script", "team", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *again = NULL;
  g_autofree char *out = NULL;
  g_autoptr (GSubprocess) first = NULL;
  g_autoptr (GSubprocess) second = NULL;
  g_autoptr (GSubprocess) wrong = NULL;
  int status;

  first = run_sign_in_command (email, KRING_TEST_PASSWORD, &out, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, email));
  stored = stored_token (srv->base_url, email);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored, !=, KRING_TEST_PASSWORD);
  g_assert_cmpuint (me_status (stored), ==, 200);

  /* Still signed in: no new session, the stored token stays. */
  g_clear_pointer (&out, g_free);
  second = run_sign_in_command (email, "", &out, &status);
  g_assert_cmpint (status, ==, 0);
  again = stored_token (srv->base_url, email);
  g_assert_cmpstr (again, ==, stored);

  /* A wrong password stores nothing. */
  forget_everything ();
  g_clear_pointer (&out, g_free);
  wrong = run_sign_in_command (email, "not the password", &out, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpuint (secrets_for_email (email), ==, 0);
}

int
main (int argc, char **argv)
{
  shell_test_init (&argc, &argv);
  g_test_add_func ("/credentials/store-lookup-delete", test_store_lookup_delete);
  g_test_add_func ("/credentials/delete-keeps-others", test_delete_keeps_others);
  g_test_add_func ("/credentials/lookup-newest", test_lookup_newest);
  g_test_add_func ("/credentials/cancelled", test_cancelled);
  g_test_add_func ("/credentials/sign-in-command", test_sign_in_command);
  return g_test_run ();
}
