/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Accounts and billing (API.md, "Accounts and teammates"), against a real
 * kringd: one server for the file, fresh accounts for each case.  Teammates
 * are in test-teammates.c. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include "kring-test-server.h"

static KringTestServer *srv;

/* Accounts. */

static void
test_create_account (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autoptr (KringTestResponse) created = NULL;
  g_autoptr (KringTestResponse) resp = NULL;
  g_autofree char *path = NULL;

  kring_test_org_signup (srv, &org, "Zorg Noord", "pro");
  created = kring_test_request (srv, "POST", "/api/v1/accounts", org.token,
                                "{\"organisation\": \"  Partner Zuid \", \"plan\": \"team\"}");
  kring_assert_status (created, 201);
  g_assert_cmpint (kring_test_int (created, "id"), !=, org.account_id);
  g_assert_cmpstr (kring_test_str (created, "name"), ==, "Partner Zuid");
  g_assert_cmpstr (kring_test_str (created, "plan"), ==, "team");
  g_assert_cmpstr (kring_test_str (created, "billing"), ==, "monthly");
  g_assert_cmpuint (kring_test_len (created, "discounts"), ==, 0);
  g_assert_cmpstr (kring_test_str (created, "status"), ==, "trial");
  g_assert_cmpint (kring_test_int (created, "seats"), ==, 1);
  kring_test_assert_time (created, "created_at");

  /* The caller is its one owner, and active. */
  path = kring_test_account_path (kring_test_int (created, "id"), "/teammates");
  resp = kring_test_request (srv, "GET", path, org.token, NULL);
  kring_assert_status (resp, 200);
  g_assert_cmpuint (kring_test_len (resp, "items"), ==, 1);
  g_assert_cmpstr (kring_test_str (resp, "items.0.email"), ==, org.email);
  g_assert_cmpstr (kring_test_str (resp, "items.0.role"), ==, "owner");
  g_assert_cmpstr (kring_test_str (resp, "items.0.status"), ==, "active");
  g_clear_pointer (&resp, kring_test_response_free);

  resp = kring_test_request (srv, "GET", "/api/v1/me", org.token, NULL);
  kring_assert_status (resp, 200);
  g_assert_cmpuint (kring_test_len (resp, "memberships"), ==, 2);
}

static void
test_create_account_errors (void)
{
  g_auto (KringTestOrg) org = { 0 };

  kring_test_org_signup (srv, &org, "Zorg Oost", "pro");
  kring_assert_refused (srv, "POST", "/api/v1/accounts", NULL,
                        "{\"organisation\": \"X\", \"plan\": \"team\"}", 401, "unauthenticated");
  kring_assert_refused_field (srv, "POST", "/api/v1/accounts", org.token,
                              "{\"organisation\": \"X\", \"plan\": \"gold\"}", "invalid_field",
                              "plan");
  kring_assert_refused_field (srv, "POST", "/api/v1/accounts", org.token,
                              "{\"organisation\": \"   \", \"plan\": \"team\"}", "invalid_field",
                              "organisation");
  kring_assert_refused_field (srv, "POST", "/api/v1/accounts", org.token, "{\"plan\": \"team\"}",
                              "invalid_field", "organisation");
  kring_assert_refused_field (
      srv, "POST", "/api/v1/accounts", org.token,
      "{\"organisation\": \"X\", \"plan\": \"team\", \"status\": \"active\"}", "invalid_field",
      "status");
  kring_assert_refused (srv, "POST", "/api/v1/accounts", org.token, NULL, 400, "invalid_json");
}

static void
test_get_account (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autofree char *member = NULL;
  g_autofree char *path = NULL;
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg West", "team");
  kring_test_org_signup (srv, &other, "Zorg Elders", "team");
  member = kring_test_org_join (srv, &org, "member", NULL, NULL);
  path = kring_test_account_path (org.account_id, "");

  resp = kring_test_request (srv, "GET", path, org.token, NULL);
  kring_assert_status (resp, 200);
  g_assert_cmpint (kring_test_int (resp, "id"), ==, org.account_id);
  g_assert_cmpstr (kring_test_str (resp, "name"), ==, "Zorg West");
  g_assert_cmpstr (kring_test_str (resp, "plan"), ==, "team");
  g_assert_cmpstr (kring_test_str (resp, "billing"), ==, "monthly");
  g_assert_cmpstr (kring_test_str (resp, "status"), ==, "trial");
  g_assert_cmpint (kring_test_int (resp, "seats"), ==, 2);
  g_assert_cmpuint (kring_test_len (resp, "discounts"), ==, 0);
  kring_test_assert_time (resp, "created_at");
  kring_test_response_free (resp);

  resp = kring_test_request (srv, "GET", path, member, NULL);
  kring_assert_status (resp, 200);
  kring_test_response_free (resp);
  kring_assert_refused (srv, "GET", path, other.token, NULL, 404, "not_found");
  kring_assert_refused (srv, "GET", path, NULL, NULL, 401, "unauthenticated");
  kring_assert_refused (srv, "GET", "/api/v1/accounts/999999", org.token, NULL, 404, "not_found");
}

static void
test_discounts_shown (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autoptr (KringTestResponse) resp = NULL;

  kring_test_org_signup (srv, &org, "Zorg Stichting", "team");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, org.account_id);
  /* Granted in the other order: the answer keeps the price table's order. */
  out = kring_test_admin (srv, "set-discounts", id, "anbi", "new_kvk", NULL);
  path = kring_test_account_path (org.account_id, "");
  resp = kring_test_request (srv, "GET", path, org.token, NULL);
  kring_assert_status (resp, 200);
  g_assert_cmpuint (kring_test_len (resp, "discounts"), ==, 2);
  g_assert_cmpstr (kring_test_str (resp, "discounts.0"), ==, "new_kvk");
  g_assert_cmpstr (kring_test_str (resp, "discounts.1"), ==, "anbi");
}

static void
test_patch_account (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *audit = NULL;
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg Zuid", "pro");
  path = kring_test_account_path (org.account_id, "");
  resp = kring_test_request (
      srv, "PATCH", path, org.token,
      "{\"name\": \" Zorg Zuid BV \", \"plan\": \"team\", \"billing\": \"yearly\"}");
  kring_assert_status (resp, 200);
  g_assert_cmpstr (kring_test_str (resp, "name"), ==, "Zorg Zuid BV");
  g_assert_cmpstr (kring_test_str (resp, "plan"), ==, "team");
  g_assert_cmpstr (kring_test_str (resp, "billing"), ==, "yearly");
  g_assert_cmpstr (kring_test_str (resp, "status"), ==, "trial");
  kring_test_response_free (resp);

  /* An empty change changes nothing. */
  resp = kring_test_request (srv, "PATCH", path, org.token, "{}");
  kring_assert_status (resp, 200);
  g_assert_cmpstr (kring_test_str (resp, "plan"), ==, "team");
  kring_test_response_free (resp);

  resp = kring_test_request (srv, "GET", path, org.token, NULL);
  g_assert_cmpstr (kring_test_str (resp, "name"), ==, "Zorg Zuid BV");
  g_assert_cmpstr (kring_test_str (resp, "billing"), ==, "yearly");
  kring_test_response_free (resp);

  audit = kring_test_account_path (org.account_id, "/audit?action=account.updated");
  resp = kring_test_request (srv, "GET", audit, org.token, NULL);
  kring_assert_status (resp, 200);
  g_assert_cmpuint (kring_test_len (resp, "items"), ==, 1);
  g_assert_cmpstr (kring_test_str (resp, "items.0.actor.email"), ==, org.email);
  g_assert_cmpstr (kring_test_str (resp, "items.0.detail.plan.from"), ==, "pro");
  g_assert_cmpstr (kring_test_str (resp, "items.0.detail.plan.to"), ==, "team");
  g_assert_cmpstr (kring_test_str (resp, "items.0.detail.billing.to"), ==, "yearly");
  g_assert_cmpstr (kring_test_str (resp, "items.0.detail.name.to"), ==, "Zorg Zuid BV");
  kring_test_response_free (resp);
}

static void
test_patch_account_errors (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autofree char *admin = NULL;
  g_autofree char *member = NULL;
  g_autofree char *path = NULL;
  g_autofree char *long_name = g_strnfill (201, 'a');
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg Midden", "team");
  kring_test_org_signup (srv, &other, "Zorg Rand", "team");
  admin = kring_test_org_join (srv, &org, "admin", NULL, NULL);
  member = kring_test_org_join (srv, &org, "member", NULL, NULL);
  path = kring_test_account_path (org.account_id, "");

  kring_assert_refused (srv, "PATCH", path, admin, "{\"plan\": \"pro\"}", 403, "forbidden");
  kring_assert_refused (srv, "PATCH", path, member, "{\"billing\": \"yearly\"}", 403, "forbidden");
  kring_assert_refused (srv, "PATCH", path, other.token, "{\"plan\": \"pro\"}", 404, "not_found");
  kring_assert_refused (srv, "PATCH", path, NULL, "{\"plan\": \"pro\"}", 401, "unauthenticated");

  kring_assert_refused_field (srv, "PATCH", path, org.token, "{\"plan\": \"platinum\"}",
                              "invalid_field", "plan");
  kring_assert_refused_field (srv, "PATCH", path, org.token, "{\"billing\": \"weekly\"}",
                              "invalid_field", "billing");
  kring_assert_refused_field (srv, "PATCH", path, org.token, "{\"name\": \" \"}", "invalid_field",
                              "name");
  resp = kring_test_request (srv, "PATCH", path, org.token, "{\"name\": \"%s\"}", long_name);
  kring_assert_field (resp, "invalid_field", "name");
  kring_test_response_free (resp);
  kring_assert_refused_field (srv, "PATCH", path, org.token, "{\"name\": null}", "invalid_field",
                              "name");
  kring_assert_refused_field (srv, "PATCH", path, org.token, "{\"status\": \"active\"}",
                              "invalid_field", "status");
  kring_assert_refused_field (srv, "PATCH", path, org.token, "{\"discounts\": [\"anbi\"]}",
                              "invalid_field", "discounts");

  /* Three seats fit Pro (max 3); a fourth does not. */
  resp = kring_test_request (srv, "PATCH", path, org.token, "{\"plan\": \"pro\"}");
  kring_assert_status (resp, 200);
  kring_test_response_free (resp);
  resp = kring_test_request (srv, "PATCH", path, org.token, "{\"plan\": \"team\"}");
  kring_assert_status (resp, 200);
  kring_test_response_free (resp);
  g_free (kring_test_org_join (srv, &org, "member", NULL, NULL));
  resp = kring_test_request (srv, "PATCH", path, org.token,
                             "{\"plan\": \"pro\", \"name\": \"Nieuw\"}");
  kring_assert_problem (resp, 409, "plan_user_limit");
  g_assert_cmpint (kring_test_int (resp, "max_users"), ==, 3);
  kring_test_response_free (resp);
  /* Refused means unchanged. */
  resp = kring_test_request (srv, "GET", path, org.token, NULL);
  g_assert_cmpstr (kring_test_str (resp, "plan"), ==, "team");
  g_assert_cmpstr (kring_test_str (resp, "name"), ==, "Zorg Midden");
  kring_test_response_free (resp);
}

/* Billing. */

static void
assert_same_json (KringTestResponse *a, KringTestResponse *b)
{
  if (!json_node_equal (a->json, b->json))
    g_error ("different JSON:\n%s\n%s", a->body, b->body);
}

static void
test_billing (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autofree char *admin = NULL;
  g_autofree char *member = NULL;
  g_autofree char *path = NULL;
  g_autofree char *account = NULL;
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  KringTestResponse *resp, *quote;

  kring_test_org_signup (srv, &org, "Zorg Kust", "team");
  kring_test_org_signup (srv, &other, "Zorg Polder", "team");
  admin = kring_test_org_join (srv, &org, "admin", NULL, NULL);
  member = kring_test_org_join (srv, &org, "member", NULL, NULL);
  path = kring_test_account_path (org.account_id, "/billing");

  resp = kring_test_request (srv, "GET", path, org.token, NULL);
  kring_assert_status (resp, 200);
  quote = kring_test_request (srv, "POST", "/api/v1/quotes", NULL,
                              "{\"plan\": \"team\", \"users\": 3}");
  kring_assert_status (quote, 200);
  assert_same_json (resp, quote);
  g_assert_cmpint (kring_test_int (resp, "users"), ==, 3);
  kring_test_response_free (resp);
  kring_test_response_free (quote);

  /* Discounts granted by the operator and yearly billing chosen by the owner. */
  id = g_strdup_printf ("%" G_GINT64_FORMAT, org.account_id);
  out = kring_test_admin (srv, "set-discounts", id, "new_kvk", "anbi", NULL);
  account = kring_test_account_path (org.account_id, "");
  resp = kring_test_request (srv, "PATCH", account, org.token, "{\"billing\": \"yearly\"}");
  kring_assert_status (resp, 200);
  kring_test_response_free (resp);
  resp = kring_test_request (srv, "GET", path, admin, NULL);
  kring_assert_status (resp, 200);
  quote = kring_test_request (srv, "POST", "/api/v1/quotes", NULL,
                              "{\"plan\": \"team\", \"users\": 3, \"billing\": \"yearly\","
                              " \"discounts\": [\"anbi\", \"new_kvk\"]}");
  kring_assert_status (quote, 200);
  assert_same_json (resp, quote);
  kring_test_response_free (resp);
  kring_test_response_free (quote);

  kring_assert_refused (srv, "GET", path, member, NULL, 403, "forbidden");
  kring_assert_refused (srv, "GET", path, other.token, NULL, 404, "not_found");
  kring_assert_refused (srv, "GET", path, NULL, NULL, 401, "unauthenticated");
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  srv = kring_test_server_start (NULL);

  g_test_add_func ("/accounts/create", test_create_account);
  g_test_add_func ("/accounts/create-errors", test_create_account_errors);
  g_test_add_func ("/accounts/get", test_get_account);
  g_test_add_func ("/accounts/discounts", test_discounts_shown);
  g_test_add_func ("/accounts/patch", test_patch_account);
  g_test_add_func ("/accounts/patch-errors", test_patch_account_errors);
  g_test_add_func ("/accounts/billing", test_billing);

  status = g_test_run ();
  kring_test_server_stop (srv);
  return status;
}
