/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringClient against a real kringd: the client itself — its base URL,
 * the public endpoints, signing up, in and out, the mapping of problems to
 * KRING_CLIENT_ERROR, network and TLS failures, cancellation.  The
 * resources: test-client-resources.c; pagination: test-paged-model.c. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include "kring-client-test.h"

/* The client's base URL */

static void
test_base_url (void)
{
  const char *accepted[] = { "http://127.0.0.1:8080",
                             "http://127.1.2.3",
                             "http://localhost:1/",
                             "http://LOCALHOST",
                             "http://[::1]:8080",
                             "https://example.org",
                             "https://kring.example.org/sub/" };
  const char *insecure[] = { "http://example.org", "http://10.0.0.1:8080", "http://[::2]",
                             "http://127.0.0.1.example.org", "http://localhost.example.org" };
  const char *invalid[] = { "",
                            "example.org",
                            "ftp://example.org",
                            "https://",
                            "https://user:pw@example.org",
                            "https://example.org/?q=1",
                            "mailto:a@b" };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KringClient) client = kring_client_new (accepted[i], &error);

      g_assert_no_error (error);
      g_assert_false (g_str_has_suffix (kring_client_get_base_url (client), "/"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (insecure); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (kring_client_new (insecure[i], &error));
      g_assert_error (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_INSECURE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (kring_client_new (invalid[i], &error));
      g_assert_error (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_INVALID_URL);
    }
}

/* Public endpoints */

static void
test_health_and_plans (void)
{
  g_autoptr (KringClient) client = new_client (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KringHealth) health = NULL;
  g_autoptr (KringPriceTable) table = NULL;
  g_autoptr (KringPriceTable) shipped = NULL;
  g_autofree char *path
      = g_build_filename (g_getenv ("KRING_SOURCE_DIR"), "data", "pricing.json", NULL);
  g_autofree char *text = NULL;

  health = CALL (kring_client_get_health, client, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (health->status, ==, "ok");
  g_assert_cmpstr (health->version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (health->database, ==, "sqlite");

  table = CALL (kring_client_get_plans, client, NULL);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  shipped = kring_price_table_new_from_data (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kring_price_table_get_json (table), ==, kring_price_table_get_json (shipped));
}

/* The server's quote and the one the pricing engine computes offline from
 * the server's table agree to the cent (PRICING.md's worked example). */
static void
test_quote (void)
{
  g_autoptr (KringClient) client = new_client (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KringPriceTable) table = NULL;
  g_autoptr (KringQuoteInfo) quote = NULL;
  const char *discounts[] = { "new_kvk", NULL };
  KringQuoteRequest request = { 0 };
  KringQuote local;

  table = CALL (kring_client_get_plans, client, NULL);
  g_assert_no_error (error);
  quote = CALL (kring_client_create_quote, client, "team", 12, "yearly", discounts, 0, NULL);
  g_assert_no_error (error);

  request.plan = kring_price_table_find_plan (table, "team");
  request.users = 12;
  request.yearly = TRUE;
  request.discount_mask = 1u << kring_price_table_get_discount_index (table, "new_kvk");
  kring_quote_compute (table, &request, &local);
  g_assert_cmpstr (quote->plan, ==, "team");
  g_assert_cmpstr (quote->billing, ==, "yearly");
  g_assert_cmpstrv (quote->discounts, discounts);
  g_assert_cmpint (quote->extra_users, ==, local.extra_users);
  g_assert_cmpint (quote->per_month.excl_vat_cents, ==, 13248);
  g_assert_cmpint (quote->per_month.excl_vat_cents, ==, local.per_month.excl_vat_cents);
  g_assert_cmpint (quote->per_year.incl_vat_cents, ==, local.per_year.incl_vat_cents);
  g_assert_cmpstr (quote->invoice_period, ==, "year");
  g_assert_cmpint (quote->invoice.incl_vat_cents, ==, 192361);
  g_assert_cmpuint (quote->lines->len, ==, 4);
  g_assert_cmpstr (g_array_index (quote->lines, KringQuoteLine, 1).kind, ==, "extra_users");
  g_assert_cmpint (g_array_index (quote->lines, KringQuoteLine, 1).quantity, ==, 7);
  g_assert_cmpstr (g_array_index (quote->lines, KringQuoteLine, 2).discount, ==, "new_kvk");
  g_assert_cmpint (g_array_index (quote->lines, KringQuoteLine, 2).amount_cents, ==, -3680);

  g_clear_pointer (&quote, kring_quote_info_unref);
  quote = CALL (kring_client_create_quote, client, "pro", 4, NULL, NULL, 0, NULL);
  g_assert_null (quote);
  assert_problem (error, KRING_CLIENT_ERROR_INVALID_FIELD, 422, "invalid_field");
  g_assert_cmpstr (kring_client_error_get_field (error), ==, "users");
}

/* Signing up, in and out, and the password */

static void
notified (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *)user_data)++;
}

/* The whole signup through the client: the form, then the mailed code. */
static KringSession *
sign_up (KringClient *client, const char *email)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  KringSession *session;
  gboolean sent;

  sent = CALL (kring_client_sign_up, client, "Thuiszorg Noord", "Ria de Boer", email,
               KRING_TEST_PASSWORD, "team", NULL);
  g_assert_no_error (error);
  g_assert_true (sent);
  code = kring_test_mail_code (srv, email, "verify");
  g_assert_nonnull (code);
  session = CALL (kring_client_verify_sign_up, client, code, NULL);
  g_assert_no_error (error);
  return session;
}

static void
test_sign_up_and_sessions (void)
{
  g_autoptr (KringClient) client = new_client (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *email = fresh_email ("signup");
  g_autoptr (KringSession) session = NULL;
  g_autoptr (KringMe) me = NULL;
  KringMembership *membership;
  guint token_notes = 0;
  gboolean ok;

  g_signal_connect (client, "notify::token", G_CALLBACK (notified), &token_notes);
  session = sign_up (client, email);
  g_assert_nonnull (session->account);
  g_assert_cmpstr (session->account->status, ==, "trial");
  g_assert_cmpstr (session->user->email, ==, email);
  g_assert_nonnull (session->expires_at);
  g_assert_cmpstr (kring_client_get_token (client), ==, session->token);
  g_assert_cmpuint (token_notes, ==, 1);

  me = CALL (kring_client_get_me, client, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (me->user->name, ==, "Ria de Boer");
  g_assert_cmpuint (me->memberships->len, ==, 1);
  membership = g_ptr_array_index (me->memberships, 0);
  g_assert_cmpstr (membership->role, ==, "owner");
  g_assert_cmpint (membership->account->id, ==, session->account->id);
  g_assert_null (membership->account->billing); /* a summary */
  g_assert_false (me->paid);                    /* a trial does not pay (R4) */
  g_assert_cmpint (me->guest_dossiers_limit, ==, 3);

  ok = CALL (kring_client_sign_out, client, NULL);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_null (kring_client_get_token (client));
  g_assert_cmpuint (token_notes, ==, 2);
  g_clear_pointer (&me, kring_me_unref);
  me = CALL (kring_client_get_me, client, NULL);
  g_assert_null (me);
  assert_problem (error, KRING_CLIENT_ERROR_UNAUTHENTICATED, 401, "unauthenticated");
  g_clear_error (&error);

  g_clear_pointer (&session, kring_session_unref);
  session = CALL (kring_client_sign_in, client, email, "not the password", NULL);
  g_assert_null (session);
  assert_problem (error, KRING_CLIENT_ERROR_INVALID_CREDENTIALS, 401, "invalid_credentials");
  g_clear_error (&error);
  session = CALL (kring_client_sign_in, client, email, KRING_TEST_PASSWORD, NULL);
  g_assert_no_error (error);
  g_assert_null (session->account);
  g_assert_cmpstr (kring_client_get_token (client), ==, session->token);
}

static void
test_me_and_passwords (void)
{
  g_autofree char *email = NULL;
  g_autoptr (KringClient) client = new_owner ("team", NULL, &email);
  g_autoptr (KringClient) other = new_client (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KringUserInfo) user = NULL;
  g_autoptr (KringSession) session = NULL;
  g_autofree char *code = NULL;
  const char *new_password = "a new and longer password";
  gboolean ok;

  user = CALL (kring_client_update_me, client, "Ria Bakker", NULL, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (user->name, ==, "Ria Bakker");
  g_clear_pointer (&user, kring_user_info_unref);

  user = CALL (kring_client_update_me, client, NULL, new_password, "wrong password", NULL);
  g_assert_null (user);
  assert_problem (error, KRING_CLIENT_ERROR_INVALID_FIELD, 422, "invalid_field");
  g_assert_cmpstr (kring_client_error_get_field (error), ==, "current_password");
  g_clear_error (&error);

  ok = CALL (kring_client_request_password_reset, other, email, NULL);
  g_assert_no_error (error);
  g_assert_true (ok);
  code = kring_test_mail_code (srv, email, "reset");
  g_assert_nonnull (code);
  ok = CALL (kring_client_reset_password, other, code, new_password, NULL);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = CALL (kring_client_reset_password, other, code, new_password, NULL);
  g_assert_false (ok);
  assert_problem (error, KRING_CLIENT_ERROR_CODE_INVALID, 410, "code_invalid");
  g_clear_error (&error);

  /* The reset ended the old session. */
  user = CALL (kring_client_update_me, client, "Ria", NULL, NULL, NULL);
  g_assert_error (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_UNAUTHENTICATED);
  g_clear_error (&error);
  session = CALL (kring_client_sign_in, other, email, new_password, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (session->user->name, ==, "Ria Bakker");
}

/* Errors */

static void
test_unauthenticated (void)
{
  g_autoptr (KringClient) client = new_client ("bm90IGEgcmVhbCB0b2tlbg");
  g_autoptr (GError) error = NULL;
  g_autoptr (KringPage) page = NULL;

  page = CALL (kring_client_list_dossiers, client, 0, NULL, FALSE, NULL, NULL);
  g_assert_null (page);
  assert_problem (error, KRING_CLIENT_ERROR_UNAUTHENTICATED, 401, "unauthenticated");
  g_assert_nonnull (error->message);
  /* The token is the UI's to drop. */
  g_assert_nonnull (kring_client_get_token (client));
}

static void
test_invalid_field (void)
{
  gint64 account_id;
  g_autoptr (KringClient) client = new_owner ("team", &account_id, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KringDossierItem) dossier = NULL;

  dossier = CALL (kring_client_create_dossier, client, account_id, "   ", NULL, NULL);
  g_assert_null (dossier);
  assert_problem (error, KRING_CLIENT_ERROR_INVALID_FIELD, 422, "invalid_field");
  g_assert_cmpstr (kring_client_error_get_field (error), ==, "title");
  g_assert_cmpint (kring_client_error_get_limit (error), ==, -1);
}

static void
test_connection_refused (void)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KringClient) client = NULL;
  g_autoptr (KringHealth) health = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago and is closed again. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  client = kring_client_new (url, &error);
  g_assert_no_error (error);
  health = CALL (kring_client_get_health, client, NULL);
  g_assert_null (health);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (kring_client_error_get_problem (error));
}

/* A server answering with a body the API does not promise: refused with
 * INVALID_RESPONSE instead of trusted.  (kringd never does this, so here a
 * canned answer is the only way to test it.) */
static void
serve_broken (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
              gpointer user_data)
{
  const char *body = user_data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    strlen (body));
}

static void
test_invalid_response (void)
{
  const char *bodies[] = {
    "{\"id\": \"7\", \"title\": \"x\"}", "[1, 2]", "{\"id\": 1.5}", "not json", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (KringClient) client = NULL;
      g_autoptr (KringDossierItem) dossier = NULL;
      g_autoslist (GUri) uris = NULL;
      g_autofree char *url = NULL;

      soup_server_add_handler (server, NULL, serve_broken, (gpointer)bodies[i], NULL);
      soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
      g_assert_no_error (error);
      uris = soup_server_get_uris (server);
      url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
      client = kring_client_new (url, &error);
      g_assert_no_error (error);
      dossier = CALL (kring_client_get_dossier, client, 7, NULL);
      g_assert_null (dossier);
      g_assert_error (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_INVALID_RESPONSE);
      soup_server_disconnect (server);
    }
}

/* TLS: a self-signed certificate is refused. */
static void
test_bad_certificate (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kring-tls-XXXXXX", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  const char *openssl[]
      = { "openssl", "req",           "-x509",   "-newkey", "rsa:2048", "-nodes", "-days", "1",
          "-subj",   "/CN=127.0.0.1", "-keyout", key,       "-out",     cert,     NULL };
  const char *args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (KringClient) client = NULL;
  g_autoptr (KringHealth) health = NULL;
  KringTestServer *tls;
  int status = 0;

  g_spawn_sync (NULL, (char **)openssl, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  tls = kring_test_server_start (args);
  client = kring_client_new (tls->base_url, &error);
  g_assert_no_error (error);
  health = CALL (kring_client_get_health, client, NULL);
  g_assert_null (health);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  kring_test_server_stop (tls);
  g_unlink (cert);
  g_unlink (key);
  g_rmdir (dir);
}

/* Cancellation */

static void
test_cancel_before (void)
{
  gint64 account_id;
  g_autoptr (KringClient) client = new_owner ("team", &account_id, NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KringDossierItem) dossier = NULL;
  g_autoptr (KringPage) page = NULL;

  g_cancellable_cancel (cancellable);
  dossier = CALL (kring_client_create_dossier, client, account_id, "Nooit", NULL, cancellable);
  g_assert_null (dossier);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Nothing was created. */
  page = CALL (kring_client_list_dossiers, client, account_id, NULL, FALSE, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 0);
}

static gboolean
cancel_now (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* A server that takes connections and never answers: the request is
 * surely under way when it is cancelled. */
static gboolean
hold_connection (GSocketService *service, GSocketConnection *connection, GObject *source,
                 gpointer user_data)
{
  g_ptr_array_add (user_data, g_object_ref (connection));
  return TRUE;
}

static void
test_cancel_during (void)
{
  g_autoptr (GSocketService) service = g_socket_service_new ();
  g_autoptr (GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KringClient) client = NULL;
  g_autoptr (KringSession) session = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  g_signal_connect (service, "incoming", G_CALLBACK (hold_connection), held);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  client = kring_client_new (url, &error);
  g_assert_no_error (error);

  kring_client_sign_in_async (client, "a@example.org", KRING_TEST_PASSWORD, cancellable,
                              store_result, &result);
  while (held->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_timeout_add (50, cancel_now, cancellable);
  session = kring_client_sign_in_finish (client, await (&result), &error);
  g_assert_null (session);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (kring_client_get_token (client));
  g_socket_service_stop (service);
}

/* Cancelling a real kringd call right after starting it. */
static void
test_cancel_against_server (void)
{
  g_autoptr (KringClient) client = new_client (NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KringPriceTable) table = NULL;

  kring_client_get_plans_async (client, cancellable, store_result, &result);
  g_cancellable_cancel (cancellable);
  table = kring_client_get_plans_finish (client, await (&result), &error);
  g_assert_null (table);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int argc, char **argv)
{
  int status;

  client_test_init (&argc, &argv);
  g_test_add_func ("/client/base-url", test_base_url);
  g_test_add_func ("/client/public/health-and-plans", test_health_and_plans);
  g_test_add_func ("/client/public/quote", test_quote);
  g_test_add_func ("/client/auth/sign-up-and-sessions", test_sign_up_and_sessions);
  g_test_add_func ("/client/auth/me-and-passwords", test_me_and_passwords);
  g_test_add_func ("/client/errors/unauthenticated", test_unauthenticated);
  g_test_add_func ("/client/errors/invalid-field", test_invalid_field);
  g_test_add_func ("/client/errors/connection-refused", test_connection_refused);
  g_test_add_func ("/client/errors/invalid-response", test_invalid_response);
  g_test_add_func ("/client/errors/bad-certificate", test_bad_certificate);
  g_test_add_func ("/client/cancel/before", test_cancel_before);
  g_test_add_func ("/client/cancel/during", test_cancel_during);
  g_test_add_func ("/client/cancel/against-server", test_cancel_against_server);

  status = g_test_run ();
  kring_test_server_stop (srv);
  return status;
}
