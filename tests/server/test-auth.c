/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signup, verification, sessions, the failed-login limit, /me, password
 * changes and resets, invitations. */
#include "config.h"

#include <string.h>

#include "kring-test-server.h"

static KringTestServer *server;

static KringTestResponse *
login (const char *email, const char *password)
{
  return kring_test_request (server, "POST", "/api/v1/sessions", NULL,
                             "{\"email\": \"%s\", \"password\": \"%s\"}", email, password);
}

static void
test_signup_and_verify (void)
{
  g_autofree char *email = kring_test_unique_email ("Owner");
  g_autofree char *lower = g_ascii_strdown (email, -1);
  g_autoptr (KringTestResponse) r = NULL;
  g_autofree char *code = NULL;

  r = kring_test_request (
      server, "POST", "/api/v1/signup", NULL,
      "{\"organisation\": \"  Zorg Noord  \", \"name\": \"Anna\", \"email\": \"  %s \","
      " \"password\": \"" KRING_TEST_PASSWORD "\", \"plan\": \"team\"}",
      email);
  kring_assert_status (r, 202);
  g_assert_cmpstr (kring_test_str (r, "status"), ==, "verification_sent");
  code = kring_test_mail_code (server, lower, "verify");
  g_assert_nonnull (code);

  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "POST", "/api/v1/signup/verify", NULL, "{\"code\": \"%s\"}",
                          code);
  kring_assert_status (r, 201);
  g_assert_cmpstr (kring_test_str (r, "user.email"), ==, lower);
  g_assert_cmpstr (kring_test_str (r, "user.name"), ==, "Anna");
  g_assert_cmpstr (kring_test_str (r, "account.name"), ==, "Zorg Noord");
  g_assert_cmpstr (kring_test_str (r, "account.plan"), ==, "team");
  g_assert_cmpstr (kring_test_str (r, "account.status"), ==, "trial");
  g_assert_cmpint (kring_test_int (r, "account.seats"), ==, 1);
  g_assert_cmpint (strlen (kring_test_str (r, "token")), >=, 43);
  g_assert_nonnull (kring_test_str (r, "expires_at"));

  /* A code works once. */
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "POST", "/api/v1/signup/verify", NULL, "{\"code\": \"%s\"}",
                          code);
  kring_assert_problem (r, 410, "code_invalid");
}

static void
test_signup_existing_login (void)
{
  g_autofree char *email = kring_test_unique_email ("exists");
  /* The same answer; the mail says there is a login and carries no code. */
  g_autofree char *mail = kring_test_signup_existing (server, email);

  g_assert_null (strstr (mail, "kring://verify/"));
}

static void
test_verify_after_password_gained (void)
{
  g_autofree char *email = kring_test_unique_email ("twice");
  g_autoptr (KringTestResponse) r = NULL;
  g_autofree char *first = NULL;
  g_autofree char *token = NULL;

  r = kring_test_request (server, "POST", "/api/v1/signup", NULL,
                          "{\"organisation\": \"A\", \"name\": \"A\", \"email\": \"%s\","
                          " \"password\": \"" KRING_TEST_PASSWORD "\", \"plan\": \"pro\"}",
                          email);
  kring_assert_status (r, 202);
  first = kring_test_mail_code (server, email, "verify");
  /* A second signup replaces the code: the first one dies. */
  token = kring_test_signup (server, email, "B", "pro", NULL);
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "POST", "/api/v1/signup/verify", NULL, "{\"code\": \"%s\"}",
                          first);
  kring_assert_problem (r, 410, "code_invalid");
}

static void
test_signup_validation (void)
{
  static const struct
  {
    const char *body;
    guint status;
    const char *code;
    const char *field;
  } cases[] = {
    { "{\"organisation\": \"\", \"name\": \"A\", \"email\": \"a@b.nl\", \"password\": "
      "\"0123456789\", \"plan\": \"pro\"}",
      422, "invalid_field", "organisation" },
    { "{\"organisation\": \"O\", \"name\": \"A\", \"email\": \"not-an-email\", \"password\": "
      "\"0123456789\", \"plan\": \"pro\"}",
      422, "invalid_email", "email" },
    { "{\"organisation\": \"O\", \"name\": \"A\", \"email\": \"a@b.nl\", \"password\": \"short\", "
      "\"plan\": \"pro\"}",
      422, "invalid_field", "password" },
    { "{\"organisation\": \"O\", \"name\": \"A\", \"email\": \"a@b.nl\", \"password\": "
      "\"0123456789\", \"plan\": \"gold\"}",
      422, "invalid_field", "plan" },
    { "{\"organisation\": \"O\", \"name\": \"A\", \"email\": \"a@b.nl\", \"password\": "
      "\"0123456789\"}",
      422, "invalid_field", "plan" },
    { "{\"organisation\": \"O\", \"name\": \"A\\u0001\", \"email\": \"a@b.nl\", \"password\": "
      "\"0123456789\", \"plan\": \"pro\"}",
      422, "invalid_field", "name" },
    { "{\"organisation\": \"O\", \"name\": \"A\", \"email\": \"a@b.nl\", \"password\": "
      "\"0123456789\", \"plan\": \"pro\", \"role\": \"owner\"}",
      422, "invalid_field", "role" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KringTestResponse) r
          = kring_test_request (server, "POST", "/api/v1/signup", NULL, "%s", cases[i].body);
      kring_assert_problem (r, cases[i].status, cases[i].code);
      g_assert_cmpstr (kring_test_str (r, "field"), ==, cases[i].field);
    }
}

static void
test_login_logout (void)
{
  g_autofree char *email = kring_test_unique_email ("login");
  g_autofree char *first = kring_test_signup (server, email, "Inlog", "pro", NULL);
  g_autoptr (KringTestResponse) r = NULL;
  g_autofree char *token = NULL;

  r = login (email, KRING_TEST_PASSWORD);
  kring_assert_status (r, 201);
  token = g_strdup (kring_test_str (r, "token"));
  g_assert_cmpstr (kring_test_str (r, "user.email"), ==, email);
  kring_test_response_free (g_steal_pointer (&r));

  r = login (email, "wrong password!!");
  kring_assert_problem (r, 401, "invalid_credentials");
  kring_test_response_free (g_steal_pointer (&r));
  r = login ("nobody-at-all@voorbeeld.nl", "wrong password!!");
  kring_assert_problem (r, 401, "invalid_credentials");
  kring_test_response_free (g_steal_pointer (&r));

  r = kring_test_request (server, "DELETE", "/api/v1/sessions/current", token, NULL);
  kring_assert_status (r, 204);
  g_assert_cmpstr (r->body, ==, "");
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "GET", "/api/v1/me", token, NULL);
  kring_assert_problem (r, 401, "unauthenticated");
  kring_test_response_free (g_steal_pointer (&r));
  /* The other session lives on. */
  r = kring_test_request (server, "GET", "/api/v1/me", first, NULL);
  kring_assert_status (r, 200);
}

static void
test_login_rate_limit (void)
{
  g_autofree char *email = kring_test_unique_email ("limited");
  g_autofree char *token = kring_test_signup (server, email, "Slot", "pro", NULL);
  g_autoptr (KringTestResponse) r = NULL;

  for (guint i = 0; i < 10; i++)
    {
      r = login (email, "wrong password!!");
      kring_assert_problem (r, 401, "invalid_credentials");
      kring_test_response_free (g_steal_pointer (&r));
    }
  /* Limited now, even with the right password. */
  r = login (email, KRING_TEST_PASSWORD);
  kring_assert_problem (r, 429, "rate_limited");
  g_assert_cmpint (
      g_ascii_strtoll (soup_message_headers_get_one (r->headers, "Retry-After"), NULL, 10), >, 0);
  kring_test_response_free (g_steal_pointer (&r));
  /* Unknown emails count like known ones. */
  for (guint i = 0; i < 10; i++)
    {
      r = login ("ghost@voorbeeld.nl", "wrong password!!");
      kring_assert_problem (r, 401, "invalid_credentials");
      kring_test_response_free (g_steal_pointer (&r));
    }
  r = login ("ghost@voorbeeld.nl", "wrong password!!");
  kring_assert_problem (r, 429, "rate_limited");
}

static void
test_login_success_clears_failures (void)
{
  g_autofree char *email = kring_test_unique_email ("clears");
  g_autofree char *token = kring_test_signup (server, email, "Wis", "pro", NULL);

  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < 9; i++)
        {
          g_autoptr (KringTestResponse) r = login (email, "wrong password!!");
          kring_assert_problem (r, 401, "invalid_credentials");
        }
      {
        g_autoptr (KringTestResponse) r = login (email, KRING_TEST_PASSWORD);
        kring_assert_status (r, 201);
      }
    }
}

static void
test_me (void)
{
  g_autofree char *email = kring_test_unique_email ("me");
  gint64 account_id = 0;
  g_autofree char *token = kring_test_signup (server, email, "Ikke", "team", &account_id);
  g_autoptr (KringTestResponse) r = kring_test_request (server, "GET", "/api/v1/me", token, NULL);

  kring_assert_status (r, 200);
  g_assert_cmpstr (kring_test_str (r, "user.email"), ==, email);
  g_assert_cmpuint (kring_test_len (r, "memberships"), ==, 1);
  g_assert_cmpint (kring_test_int (r, "memberships.0.account.id"), ==, account_id);
  g_assert_cmpstr (kring_test_str (r, "memberships.0.role"), ==, "owner");
  g_assert_cmpstr (kring_test_str (r, "memberships.0.account.status"), ==, "trial");
  /* A trial account does not make its people paid users (R4). */
  g_assert_false (kring_test_bool (r, "paid"));
  g_assert_cmpint (kring_test_int (r, "guest_dossiers.used"), ==, 0);
  g_assert_cmpint (kring_test_int (r, "guest_dossiers.limit"), ==, 3);
  kring_test_response_free (g_steal_pointer (&r));

  r = kring_test_request (server, "PATCH", "/api/v1/me", token, "{\"name\": \"  Nieuwe Naam \"}");
  kring_assert_status (r, 200);
  g_assert_cmpstr (kring_test_str (r, "name"), ==, "Nieuwe Naam");
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "PATCH", "/api/v1/me", token, "{\"name\": null}");
  kring_assert_status (r, 200);
  g_assert_null (kring_test_str (r, "name"));
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "PATCH", "/api/v1/me", token, "{\"email\": \"x@y.nl\"}");
  kring_assert_problem (r, 422, "invalid_field");
  g_assert_cmpstr (kring_test_str (r, "field"), ==, "email");
}

static void
test_password_change (void)
{
  g_autofree char *email = kring_test_unique_email ("change");
  g_autofree char *token = kring_test_signup (server, email, "Wissel", "pro", NULL);
  g_autofree char *other = kring_test_login (server, email);
  g_autoptr (KringTestResponse) r = NULL;

  r = kring_test_request (server, "PATCH", "/api/v1/me", token,
                          "{\"password\": \"a brand new secret\"}");
  kring_assert_problem (r, 422, "invalid_field");
  g_assert_cmpstr (kring_test_str (r, "field"), ==, "current_password");
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (
      server, "PATCH", "/api/v1/me", token,
      "{\"password\": \"a brand new secret\", \"current_password\": \"not it at all\"}");
  kring_assert_problem (r, 422, "invalid_field");
  g_assert_cmpstr (kring_test_str (r, "field"), ==, "current_password");
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (
      server, "PATCH", "/api/v1/me", token,
      "{\"password\": \"a brand new secret\", \"current_password\": \"" KRING_TEST_PASSWORD "\"}");
  kring_assert_status (r, 200);
  kring_test_response_free (g_steal_pointer (&r));

  /* The other session is revoked, this one lives, the new password works. */
  r = kring_test_request (server, "GET", "/api/v1/me", other, NULL);
  kring_assert_problem (r, 401, "unauthenticated");
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "GET", "/api/v1/me", token, NULL);
  kring_assert_status (r, 200);
  kring_test_response_free (g_steal_pointer (&r));
  r = login (email, "a brand new secret");
  kring_assert_status (r, 201);
}

static void
test_password_reset (void)
{
  g_autofree char *email = kring_test_unique_email ("reset");
  g_autofree char *token = kring_test_signup (server, email, "Herstel", "pro", NULL);
  g_autoptr (KringTestResponse) r = NULL;
  g_autofree char *code = NULL;
  g_autofree char *path = NULL;

  r = kring_test_request (server, "POST", "/api/v1/password-resets", NULL, "{\"email\": \"%s\"}",
                          email);
  kring_assert_status (r, 202);
  kring_test_response_free (g_steal_pointer (&r));
  /* Unknown emails get the same answer. */
  r = kring_test_request (server, "POST", "/api/v1/password-resets", NULL,
                          "{\"email\": \"nobody-here@voorbeeld.nl\"}");
  kring_assert_status (r, 202);
  kring_test_response_free (g_steal_pointer (&r));

  code = kring_test_mail_code (server, email, "reset");
  g_assert_nonnull (code);
  path = g_strdup_printf ("/api/v1/password-resets/%s", code);
  r = kring_test_request (server, "POST", path, NULL, "{\"password\": \"short\"}");
  kring_assert_problem (r, 422, "invalid_field");
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "POST", path, NULL, "{\"password\": \"reset to this one\"}");
  kring_assert_status (r, 204);
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "POST", path, NULL, "{\"password\": \"reset to this one\"}");
  kring_assert_problem (r, 410, "code_invalid");
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "POST", "/api/v1/password-resets/nonsense", NULL,
                          "{\"password\": \"reset to this one\"}");
  kring_assert_problem (r, 410, "code_invalid");
  kring_test_response_free (g_steal_pointer (&r));

  /* Every session was revoked; the new password works. */
  r = kring_test_request (server, "GET", "/api/v1/me", token, NULL);
  kring_assert_problem (r, 401, "unauthenticated");
  kring_test_response_free (g_steal_pointer (&r));
  r = login (email, "reset to this one");
  kring_assert_status (r, 201);
}

static void
test_invitation_accept (void)
{
  g_autofree char *owner = kring_test_unique_email ("inviter");
  gint64 account_id = 0;
  g_autofree char *token = kring_test_signup (server, owner, "Uitnodiger", "team", &account_id);
  g_autofree char *path
      = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates", account_id);
  g_autofree char *invitee = kring_test_unique_email ("invitee");
  g_autoptr (KringTestResponse) r = NULL;
  g_autofree char *code = NULL;
  g_autofree char *accept = NULL;

  r = kring_test_request (
      server, "POST", path, token,
      "{\"email\": \"%s\", \"name\": \"Door Uitnodiger\", \"role\": \"member\"}", invitee);
  kring_assert_status (r, 201);
  kring_test_response_free (g_steal_pointer (&r));

  /* Not signed in yet: no password, so no login. */
  r = login (invitee, KRING_TEST_PASSWORD);
  kring_assert_problem (r, 401, "invalid_credentials");
  kring_test_response_free (g_steal_pointer (&r));

  code = kring_test_mail_code (server, invitee, "invitation");
  g_assert_nonnull (code);
  accept = g_strdup_printf ("/api/v1/invitations/%s/accept", code);
  r = kring_test_request (server, "POST", accept, NULL,
                          "{\"name\": \"Eigen Naam\", \"password\": \"" KRING_TEST_PASSWORD "\"}");
  kring_assert_status (r, 201);
  g_assert_cmpstr (kring_test_str (r, "user.name"), ==, "Eigen Naam");
  g_assert_cmpstr (kring_test_str (r, "user.email"), ==, invitee);
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "POST", accept, NULL,
                          "{\"password\": \"" KRING_TEST_PASSWORD "\"}");
  kring_assert_problem (r, 410, "code_invalid");
  kring_test_response_free (g_steal_pointer (&r));
  r = login (invitee, KRING_TEST_PASSWORD);
  kring_assert_status (r, 201);
}

static void
test_session_ttl_and_no_signup (void)
{
  const char *args[] = { "--session-ttl", "2", "--no-signup", NULL };
  KringTestServer *other = kring_test_server_start (args);
  g_autoptr (KringTestResponse) r = NULL;
  g_autofree char *email = kring_test_unique_email ("ttl");
  g_autofree char *out = NULL;
  g_autofree char *token = NULL;

  r = kring_test_request (other, "POST", "/api/v1/signup", NULL,
                          "{\"organisation\": \"O\", \"name\": \"A\", \"email\": \"%s\","
                          " \"password\": \"0123456789\", \"plan\": \"pro\"}",
                          email);
  kring_assert_problem (r, 404, "not_found");
  kring_test_response_free (g_steal_pointer (&r));

  out = kring_test_admin (other, "create-account", "--name", "Kort", "--owner", email, "--plan",
                          "pro", NULL);
  token = kring_test_accept_invitation (other, email, NULL);
  r = kring_test_request (other, "GET", "/api/v1/me", token, NULL);
  kring_assert_status (r, 200);
  kring_test_response_free (g_steal_pointer (&r));
  g_usleep (3 * G_USEC_PER_SEC);
  r = kring_test_request (other, "GET", "/api/v1/me", token, NULL);
  kring_assert_problem (r, 401, "unauthenticated");
  kring_test_server_stop (other);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  server = kring_test_server_start (NULL);

  g_test_add_func ("/auth/signup-and-verify", test_signup_and_verify);
  g_test_add_func ("/auth/signup-existing-login", test_signup_existing_login);
  g_test_add_func ("/auth/verify-after-password-gained", test_verify_after_password_gained);
  g_test_add_func ("/auth/signup-validation", test_signup_validation);
  g_test_add_func ("/auth/login-logout", test_login_logout);
  g_test_add_func ("/auth/login-rate-limit", test_login_rate_limit);
  g_test_add_func ("/auth/login-success-clears-failures", test_login_success_clears_failures);
  g_test_add_func ("/auth/me", test_me);
  g_test_add_func ("/auth/password-change", test_password_change);
  g_test_add_func ("/auth/password-reset", test_password_reset);
  g_test_add_func ("/auth/invitation-accept", test_invitation_accept);
  g_test_add_func ("/auth/session-ttl-and-no-signup", test_session_ttl_and_no_signup);

  status = g_test_run ();
  kring_test_server_stop (server);
  return status;
}
