/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The public endpoints and the request pipeline: error precedence, strict
 * JSON, hostile input.  One kringd serves every case. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kring-test-server.h"

static KringTestServer *server;

static void
test_healthz (void)
{
  g_autoptr (KringTestResponse) r = kring_test_request (server, "GET", "/healthz", NULL, NULL);

  kring_assert_status (r, 200);
  g_assert_cmpstr (kring_test_str (r, "status"), ==, "ok");
  g_assert_cmpstr (kring_test_str (r, "version"), ==, "1.0.0");
  g_assert_cmpstr (kring_test_str (r, "database"), ==, "sqlite");
}

static void
test_plans_equal_shipped_table (void)
{
  g_autoptr (KringTestResponse) r = kring_test_request (server, "GET", "/api/v1/plans", NULL, NULL);
  g_autofree char *path
      = g_build_filename (g_getenv ("KRING_SOURCE_DIR"), "data", "pricing.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  kring_assert_status (r, 200);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (json_parser_get_root (parser), r->json));
  /* A token is ignored on public routes, even a bad one. */
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "GET", "/api/v1/plans", "not-a-token", NULL);
  kring_assert_status (r, 200);
}

static void
test_quote_worked_example (void)
{
  g_autoptr (KringTestResponse) r = NULL;

  r = kring_test_request (server, "POST", "/api/v1/quotes", NULL,
                          "{\"plan\": \"team\", \"users\": 12, \"billing\": \"yearly\","
                          " \"discounts\": [\"new_kvk\"]}");
  kring_assert_status (r, 200);
  g_assert_cmpint (kring_test_int (r, "per_month.excl_vat_cents"), ==, 13248);
  g_assert_cmpint (kring_test_int (r, "per_year.incl_vat_cents"), ==, 192361);
  g_assert_cmpint (kring_test_int (r, "lines.2.amount_cents"), ==, -3680);
  g_assert_cmpstr (kring_test_str (r, "invoice.period"), ==, "year");
  g_assert_false (kring_test_bool (r, "sla_eligible"));
}

static void
test_quote_errors (void)
{
  static const struct
  {
    const char *body;
    const char *field;
  } cases[] = {
    { "{\"plan\": \"gold\", \"users\": 1}", "plan" },
    { "{\"plan\": \"pro\", \"users\": 4}", "users" },
    { "{\"plan\": \"team\", \"users\": 0}", "users" },
    { "{\"plan\": \"team\", \"users\": 2.5}", "users" },
    { "{\"plan\": \"team\", \"users\": \"3\"}", "users" },
    { "{\"plan\": \"team\", \"users\": 3, \"billing\": \"weekly\"}", "billing" },
    { "{\"plan\": \"team\", \"users\": 3, \"discounts\": [\"yearly\"]}", "discounts" },
    { "{\"plan\": \"team\", \"users\": 3, \"discounts\": [\"intern\"]}", "discounts" },
    { "{\"plan\": \"team\", \"users\": 3, \"partner_users\": 4}", "partner_users" },
    { "{\"plan\": \"team\", \"users\": 3, \"visibilty\": 1}", "visibilty" },
    { "{\"plan\": null, \"users\": 3}", "plan" },
    { "{\"users\": 3}", "plan" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KringTestResponse) r
          = kring_test_request (server, "POST", "/api/v1/quotes", NULL, "%s", cases[i].body);
      kring_assert_problem (r, 422, "invalid_field");
      g_assert_cmpstr (kring_test_str (r, "field"), ==, cases[i].field);
    }
}

static void
test_unknown_route_and_method (void)
{
  g_autoptr (KringTestResponse) r = NULL;
  const char *allow;

  r = kring_test_request (server, "GET", "/api/v1/nothing-here", NULL, NULL);
  kring_assert_problem (r, 404, "not_found");
  kring_test_response_free (g_steal_pointer (&r));
  /* Unknown routes answer 404 before authentication. */
  r = kring_test_request (server, "GET", "/api/v1/dossiers/abc", NULL, NULL);
  kring_assert_problem (r, 404, "not_found");
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "DELETE", "/api/v1/plans", NULL, NULL);
  kring_assert_problem (r, 405, "method_not_allowed");
  allow = soup_message_headers_get_one (r->headers, "Allow");
  g_assert_cmpstr (allow, ==, "GET");
  kring_test_response_free (g_steal_pointer (&r));
  /* 405 comes before 401. */
  r = kring_test_request (server, "PUT", "/api/v1/me", NULL, NULL);
  kring_assert_problem (r, 405, "method_not_allowed");
  g_assert_nonnull (strstr (soup_message_headers_get_one (r->headers, "Allow"), "PATCH"));
}

static void
test_unauthenticated (void)
{
  const char *tokens[] = { NULL, "", "garbage", "Zm9vYmFy" };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr (KringTestResponse) r
          = kring_test_request (server, "GET", "/api/v1/me", tokens[i], NULL);

      kring_assert_problem (r, 401, "unauthenticated");
      g_assert_cmpstr (soup_message_headers_get_one (r->headers, "WWW-Authenticate"), ==, "Bearer");
    }
}

static void
test_body_too_large (void)
{
  gsize size = 1024 * 1024 + 1;
  g_autofree char *body = g_malloc (size);
  g_autoptr (KringTestResponse) r = NULL;

  memset (body, ' ', size);
  body[0] = '{';
  body[size - 1] = '}';
  /* 413 wins over everything, even an unknown route and no token. */
  r = kring_test_request_raw (server, "POST", "/api/v1/nothing", NULL, "application/json", body,
                              size);
  kring_assert_problem (r, 413, "body_too_large");
  kring_test_response_free (g_steal_pointer (&r));
  /* Exactly 1 MiB is accepted as far as the size goes. */
  body[size - 2] = '}';
  r = kring_test_request_raw (server, "POST", "/api/v1/quotes", NULL, "application/json", body,
                              size - 1);
  kring_assert_problem (r, 422, "invalid_field");
}

static void
test_media_type (void)
{
  g_autoptr (KringTestResponse) r = NULL;
  const char *body = "{\"plan\": \"pro\", \"users\": 1}";

  r = kring_test_request_raw (server, "POST", "/api/v1/quotes", NULL, "text/plain", body,
                              strlen (body));
  kring_assert_problem (r, 415, "unsupported_media_type");
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request_raw (server, "POST", "/api/v1/quotes", NULL, NULL, body, strlen (body));
  kring_assert_problem (r, 415, "unsupported_media_type");
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request_raw (server, "POST", "/api/v1/quotes", NULL,
                              "application/json; charset=utf-8", body, strlen (body));
  kring_assert_status (r, 200);
  kring_test_response_free (g_steal_pointer (&r));
  /* 401 comes before 415. */
  r = kring_test_request_raw (server, "PATCH", "/api/v1/me", NULL, "text/plain", body,
                              strlen (body));
  kring_assert_problem (r, 401, "unauthenticated");
}

static void
test_invalid_json (void)
{
  const char *bodies[] = {
    "",
    "{",
    "[]",
    "\"plan\"",
    "{\"plan\": \"pro\", \"plan\": \"team\", \"users\": 1}",
    "{\"plan\": \"pro\", \"users\": 1,}",
    "{'plan': 'pro'}",
    "{\"plan\": \"pro\" \"users\": 1}",
    "{\"plan\": \"\xff\xfe\", \"users\": 1}",
    "{\"plan\": \"pro\", \"users\": 1} trailing",
    "\xef\xbb\xbf{\"plan\": \"pro\", \"users\": 1}",
    "{\"a\": NaN}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (KringTestResponse) r = NULL;

      r = kring_test_request_raw (server, "POST", "/api/v1/quotes", NULL, "application/json",
                                  bodies[i], strlen (bodies[i]));
      kring_assert_problem (r, 400, "invalid_json");
    }
}

static void
test_query_rules (void)
{
  const char *paths[] = {
    "/api/v1/plans?x=1",
    "/api/v1/plans?limit=5",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (KringTestResponse) r = kring_test_request (server, "GET", paths[i], NULL, NULL);
      kring_assert_problem (r, 400, "invalid_query");
    }
}

/* Hostile bodies of every kind never produce a 5xx and the server stays up. */
static void
test_hostile_input (void)
{
  const char *routes[] = { "/api/v1/quotes", "/api/v1/signup", "/api/v1/sessions",
                           "/api/v1/password-resets", "/api/v1/signup/verify" };
  const char *bodies[] = {
    "{\"email\": \"x@y.nl'; DROP TABLE users; --\", \"password\": \"aaaaaaaaaaaa\"}",
    "{\"email\": [1, 2, {\"a\": null}], \"password\": {}}",
    "{\"plan\": \"pro\\u0000\", \"users\": 9223372036854775807}",
    "{\"plan\": \"pro\", \"users\": -9223372036854775808}",
    "{\"plan\": \"pro\", \"users\": 1e400}",
    "{\"code\": \"\\ud800\"}",
    "{\"code\": \"../../../../etc/passwd\"}",
    "{\"organisation\": \"\\u0007bell\", \"name\": \"n\", \"email\": \"a@b.nl\", \"password\": "
    "\"x\", \"plan\": \"pro\"}",
    "{\"email\": \""
    "a@b.nl\", \"unknown\": true}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]"
    "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "{\"code\": 12345678901234567890123456789}",
    "null",
    "{\"email\": \"\xc0\xaf@x.nl\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (bodies); j++)
      {
        g_autoptr (KringTestResponse) r = NULL;

        r = kring_test_request_raw (server, "POST", routes[i], NULL, "application/json", bodies[j],
                                    strlen (bodies[j]));
        if (r->status >= 500 || r->status < 400)
          g_error ("POST %s with %s answered %u: %s", routes[i], bodies[j], r->status, r->body);
      }
  {
    g_autoptr (KringTestResponse) r = kring_test_request (server, "GET", "/healthz", NULL, NULL);
    kring_assert_status (r, 200);
  }
}

/* --tls-cert/--tls-key: the server speaks https and says so. */
static void
test_tls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kring-tls-XXXXXX", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  const char *openssl[]
      = { "openssl", "req",           "-x509",   "-newkey", "rsa:2048", "-nodes", "-days", "1",
          "-subj",   "/CN=127.0.0.1", "-keyout", key,       "-out",     cert,     NULL };
  const char *args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (KringTestResponse) r = NULL;
  KringTestServer *tls;
  int status = 0;

  g_spawn_sync (NULL, (char **)openssl, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  tls = kring_test_server_start (args);
  g_assert_true (g_str_has_prefix (tls->base_url, "https://127.0.0.1:"));
  tls->trusted = g_tls_certificate_new_from_file (cert, &error);
  g_assert_no_error (error);
  r = kring_test_request (tls, "GET", "/healthz", NULL, NULL);
  kring_assert_status (r, 200);
  kring_test_server_stop (tls);
  g_unlink (cert);
  g_unlink (key);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  server = kring_test_server_start (NULL);

  g_test_add_func ("/public/healthz", test_healthz);
  g_test_add_func ("/public/plans", test_plans_equal_shipped_table);
  g_test_add_func ("/public/quote/worked-example", test_quote_worked_example);
  g_test_add_func ("/public/quote/errors", test_quote_errors);
  g_test_add_func ("/pipeline/unknown-route-and-method", test_unknown_route_and_method);
  g_test_add_func ("/pipeline/unauthenticated", test_unauthenticated);
  g_test_add_func ("/pipeline/body-too-large", test_body_too_large);
  g_test_add_func ("/pipeline/media-type", test_media_type);
  g_test_add_func ("/pipeline/invalid-json", test_invalid_json);
  g_test_add_func ("/pipeline/query", test_query_rules);
  g_test_add_func ("/pipeline/hostile-input", test_hostile_input);
  g_test_add_func ("/public/tls", test_tls);

  status = g_test_run ();
  kring_test_server_stop (server);
  return status;
}
