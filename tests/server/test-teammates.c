/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Teammates (API.md, "Accounts and teammates"): adding, listing, roles,
 * removing, invitations sent again, and what a seat means for the person's
 * participations (R6) and paid status (R4).  Against a real kringd: one
 * server for the file, fresh accounts for each case. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-test-server.h"

static KringTestServer *srv;

/* Adds @email as a teammate through the owner; returns the teammate id. */
static gint64
add_teammate (const KringTestOrg *org, const char *email, const char *role)
{
  g_autoptr (KringTestResponse) resp
      = kring_test_add_teammate (srv, org->token, org->account_id, email, role);

  kring_assert_status (resp, 201);
  return kring_test_int (resp, "teammate.id");
}

static char *
teammate_path (gint64 account_id, gint64 tid, const char *rest)
{
  return g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates/%" G_GINT64_FORMAT "%s",
                          account_id, tid, rest);
}

static KringTestResponse *
teammate_request (const char *method, gint64 account_id, gint64 tid, const char *rest,
                  const char *token, const char *body)
{
  g_autofree char *path = teammate_path (account_id, tid, rest);

  return kring_test_request (srv, method, path, token, body != NULL ? "%s" : NULL, body);
}

static gint64
seats_of (const KringTestOrg *org)
{
  g_autofree char *path = kring_test_account_path (org->account_id, "");
  g_autoptr (KringTestResponse) resp = kring_test_request (srv, "GET", path, org->token, NULL);

  kring_assert_status (resp, 200);
  return kring_test_int (resp, "seats");
}

/* Adding teammates. */

static void
test_add_new_person (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *email = kring_test_unique_email ("nieuw");
  g_autofree char *upper = g_ascii_strup (email, -1);
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  g_autofree char *token = NULL;
  g_autofree char *audit = NULL;
  KringTestResponse *resp, *quote;

  kring_test_org_signup (srv, &org, "Zorg Dijk", "team");
  path = kring_test_account_path (org.account_id, "/teammates");
  resp = kring_test_request (
      srv, "POST", path, org.token,
      "{\"email\": \"  %s \", \"name\": \" Els de Vries \", \"role\": \"member\"}", upper);
  kring_assert_status (resp, 201);
  g_assert_cmpint (kring_test_int (resp, "teammate.id"), >, 0);
  g_assert_cmpint (kring_test_int (resp, "teammate.user_id"), >, 0);
  g_assert_cmpstr (kring_test_str (resp, "teammate.email"), ==, email);
  g_assert_cmpstr (kring_test_str (resp, "teammate.name"), ==, "Els de Vries");
  g_assert_cmpstr (kring_test_str (resp, "teammate.role"), ==, "member");
  g_assert_cmpstr (kring_test_str (resp, "teammate.status"), ==, "invited");
  kring_test_assert_time (resp, "teammate.added_at");
  /* The answer bills the account as it is now: two seats. */
  quote = kring_test_request (srv, "POST", "/api/v1/quotes", NULL,
                              "{\"plan\": \"team\", \"users\": 2}");
  g_assert_true (json_node_equal (kring_test_get (resp, "billing"), quote->json));
  kring_test_response_free (quote);
  kring_test_response_free (resp);
  g_assert_cmpint (seats_of (&org), ==, 2);

  code = kring_test_mail_code (srv, email, "invitation");
  g_assert_nonnull (code);
  token = kring_test_accept_invitation (srv, email, NULL);
  resp = kring_test_request (srv, "GET", path, org.token, NULL);
  kring_assert_status (resp, 200);
  g_assert_cmpuint (kring_test_len (resp, "items"), ==, 2);
  g_assert_cmpstr (kring_test_str (resp, "items.0.email"), ==, email);
  g_assert_cmpstr (kring_test_str (resp, "items.0.status"), ==, "active");
  kring_test_response_free (resp);

  /* Again, in another spelling of the same address. */
  resp = kring_test_request (srv, "POST", path, org.token,
                             "{\"email\": \"%s\", \"role\": \"admin\"}", upper);
  kring_assert_problem (resp, 409, "teammate_exists");
  kring_test_response_free (resp);

  audit = kring_test_account_path (org.account_id, "/audit?action=teammate.added");
  resp = kring_test_request (srv, "GET", audit, org.token, NULL);
  kring_assert_status (resp, 200);
  /* Newest first: the owner's own arrival comes after. */
  g_assert_cmpuint (kring_test_len (resp, "items"), ==, 2);
  g_assert_cmpstr (kring_test_str (resp, "items.0.subject_email"), ==, email);
  g_assert_cmpstr (kring_test_str (resp, "items.0.detail.role"), ==, "member");
  g_assert_cmpstr (kring_test_str (resp, "items.1.subject_email"), ==, org.email);
  kring_test_response_free (resp);
}

static void
test_add_existing_people (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) elsewhere = { 0 };
  g_autofree char *invited = kring_test_unique_email ("invited");
  g_autofree char *first_code = NULL;
  g_autofree char *second_code = NULL;
  g_autofree char *last = NULL;
  g_autofree char *accept = NULL;
  g_autofree char *path = NULL;
  KringTestResponse *resp;
  guint mails;

  kring_test_org_signup (srv, &org, "Zorg Veen", "team");
  kring_test_org_signup (srv, &elsewhere, "Zorg Heide", "team");

  /* A login of its own: told, not invited, and keeps their name. */
  mails = kring_test_mail_count (srv, elsewhere.email);
  path = kring_test_account_path (org.account_id, "/teammates");
  resp = kring_test_request (
      srv, "POST", path, org.token,
      "{\"email\": \"%s\", \"name\": \"Someone Else\", \"role\": \"member\"}", elsewhere.email);
  kring_assert_status (resp, 201);
  g_assert_cmpstr (kring_test_str (resp, "teammate.name"), ==, "Owner of Zorg Heide");
  g_assert_cmpstr (kring_test_str (resp, "teammate.status"), ==, "active");
  kring_test_response_free (resp);
  g_assert_cmpuint (kring_test_mail_count (srv, elsewhere.email), ==, mails + 1);
  last = kring_test_mail_last (srv, elsewhere.email);
  g_assert_null (strstr (last, "kring://invitation/"));

  /* Invited elsewhere and never signed in: a fresh invitation, the old code dies. */
  add_teammate (&elsewhere, invited, "member");
  first_code = kring_test_mail_code (srv, invited, "invitation");
  g_assert_nonnull (first_code);
  add_teammate (&org, invited, "admin");
  for (guint i = 0; i < 100 && (second_code == NULL || g_str_equal (first_code, second_code)); i++)
    {
      g_clear_pointer (&second_code, g_free);
      g_usleep (50 * 1000);
      second_code = kring_test_mail_code (srv, invited, "invitation");
    }
  g_assert_cmpstr (first_code, !=, second_code);
  accept = g_strdup_printf ("/api/v1/invitations/%s/accept", first_code);
  kring_assert_refused (srv, "POST", accept, NULL, "{\"password\": \"" KRING_TEST_PASSWORD "\"}",
                        410, "code_invalid");
  g_free (kring_test_accept_invitation (srv, invited, NULL));
}

static void
test_add_errors (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autofree char *admin = NULL;
  g_autofree char *member = NULL;
  g_autofree char *email = kring_test_unique_email ("kandidaat");
  g_autofree char *path = NULL;
  g_autofree char *long_name = g_strnfill (201, 'n');
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg Beek", "team");
  kring_test_org_signup (srv, &other, "Zorg Bron", "team");
  admin = kring_test_org_join (srv, &org, "admin", NULL, NULL);
  member = kring_test_org_join (srv, &org, "member", NULL, NULL);
  path = kring_test_account_path (org.account_id, "/teammates");

  resp = kring_test_add_teammate (srv, member, org.account_id, email, "member");
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);
  resp = kring_test_add_teammate (srv, other.token, org.account_id, email, "member");
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);
  resp = kring_test_add_teammate (srv, NULL, org.account_id, email, "member");
  kring_assert_problem (resp, 401, "unauthenticated");
  kring_test_response_free (resp);
  resp = kring_test_add_teammate (srv, admin, org.account_id, email, "owner");
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);

  resp = kring_test_add_teammate (srv, org.token, org.account_id, "not an email", "member");
  kring_assert_field (resp, "invalid_email", "email");
  kring_test_response_free (resp);
  resp = kring_test_add_teammate (srv, org.token, org.account_id, email, "boss");
  kring_assert_field (resp, "invalid_field", "role");
  kring_test_response_free (resp);
  resp = kring_test_request (srv, "POST", path, org.token, "{\"email\": \"%s\"}", email);
  kring_assert_field (resp, "invalid_field", "role");
  kring_test_response_free (resp);
  kring_assert_refused_field (srv, "POST", path, org.token, "{\"role\": \"member\"}",
                              "invalid_field", "email");
  resp = kring_test_request (srv, "POST", path, org.token,
                             "{\"email\": \"%s\", \"role\": \"member\", \"name\": \"%s\"}", email,
                             long_name);
  kring_assert_field (resp, "invalid_field", "name");
  kring_test_response_free (resp);
  resp = kring_test_request (srv, "POST", path, org.token,
                             "{\"email\": \"%s\", \"role\": \"member\", \"seat\": 1}", email);
  kring_assert_field (resp, "invalid_field", "seat");
  kring_test_response_free (resp);
  kring_assert_refused_field (srv, "POST", path, org.token, "{\"email\": 7, \"role\": \"member\"}",
                              "invalid_field", "email");

  /* None of that added a seat; an admin may add an admin. */
  g_assert_cmpint (seats_of (&org), ==, 3);
  resp = kring_test_add_teammate (srv, admin, org.account_id, email, "admin");
  kring_assert_status (resp, 201);
  kring_test_response_free (resp);
  resp = kring_test_add_teammate (srv, org.token, org.account_id, email, "member");
  kring_assert_problem (resp, 409, "teammate_exists");
  kring_test_response_free (resp);
  g_assert_cmpint (seats_of (&org), ==, 4);
}

static void
test_add_plan_limit (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *third = kring_test_unique_email ("derde");
  g_autofree char *fourth = kring_test_unique_email ("vierde");
  g_autofree char *path = NULL;
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg Klein", "pro");
  g_free (kring_test_org_join (srv, &org, "member", NULL, NULL));
  add_teammate (&org, third, "member");
  resp = kring_test_add_teammate (srv, org.token, org.account_id, fourth, "member");
  kring_assert_problem (resp, 409, "plan_user_limit");
  g_assert_cmpint (kring_test_int (resp, "max_users"), ==, 3);
  kring_test_response_free (resp);
  /* An existing teammate is that, whatever the limit. */
  resp = kring_test_add_teammate (srv, org.token, org.account_id, third, "member");
  kring_assert_problem (resp, 409, "teammate_exists");
  kring_test_response_free (resp);
  g_assert_cmpint (seats_of (&org), ==, 3);

  /* A bigger plan makes room. */
  path = kring_test_account_path (org.account_id, "");
  resp = kring_test_request (srv, "PATCH", path, org.token, "{\"plan\": \"team\"}");
  kring_assert_status (resp, 200);
  kring_test_response_free (resp);
  add_teammate (&org, fourth, "member");
  g_assert_cmpint (seats_of (&org), ==, 4);
}

/* Listing. */

static void
test_list_pages (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  const char *names[] = { "delta", "Alpha", NULL, "Charlie", "alpha" };
  g_autofree char *member = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cursor = NULL;
  KringTestResponse *resp;
  guint pages = 0;

  kring_test_org_signup (srv, &org, "Zorg Lijst", "team");
  kring_test_org_signup (srv, &other, "Zorg Anders", "team");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *email = kring_test_unique_email (names[i] != NULL ? "x" : "bravo");
      g_autofree char *p = kring_test_account_path (org.account_id, "/teammates");

      if (names[i] == NULL)
        resp = kring_test_request (srv, "POST", p, org.token,
                                   "{\"email\": \"%s\", \"role\": \"member\"}", email);
      else
        resp = kring_test_request (srv, "POST", p, org.token,
                                   "{\"email\": \"%s\", \"name\": \"%s\", \"role\": \"member\"}",
                                   email, names[i]);
      kring_assert_status (resp, 201);
      kring_test_response_free (resp);
    }

  do
    {
      g_autofree char *page = cursor == NULL
                                  ? kring_test_account_path (org.account_id, "/teammates?limit=2")
                                  : g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT
                                                     "/teammates?limit=2&cursor=%s",
                                                     org.account_id, cursor);

      resp = kring_test_request (srv, "GET", page, org.token, NULL);
      kring_assert_status (resp, 200);
      g_assert_cmpuint (kring_test_len (resp, "items"), >, 0);
      g_assert_cmpuint (kring_test_len (resp, "items"), <=, 2);
      for (guint i = 0; i < kring_test_len (resp, "items"); i++)
        {
          g_autofree char *name_path = g_strdup_printf ("items.%u.name", i);
          g_autofree char *email_path = g_strdup_printf ("items.%u.email", i);
          const char *name = kring_test_str (resp, name_path);

          g_ptr_array_add (seen,
                           g_strdup (name != NULL ? name : kring_test_str (resp, email_path)));
        }
      g_clear_pointer (&cursor, g_free);
      cursor = g_strdup (kring_test_str (resp, "next_cursor"));
      kring_test_response_free (resp);
      pages++;
    }
  while (cursor != NULL);

  /* Six teammates in three pages, no empty last page. */
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (seen->len, ==, 6);
  g_assert_cmpstr (seen->pdata[0], ==, "Alpha");
  g_assert_cmpstr (seen->pdata[1], ==, "alpha");
  g_assert_true (g_str_has_prefix (seen->pdata[2], "bravo-"));
  g_assert_cmpstr (seen->pdata[3], ==, "Charlie");
  g_assert_cmpstr (seen->pdata[4], ==, "delta");
  g_assert_cmpstr (seen->pdata[5], ==, "Owner of Zorg Lijst");

  /* Any teammate lists; nobody else. */
  member = kring_test_org_join (srv, &org, "member", NULL, NULL);
  path = kring_test_account_path (org.account_id, "/teammates");
  resp = kring_test_request (srv, "GET", path, member, NULL);
  kring_assert_status (resp, 200);
  g_assert_cmpuint (kring_test_len (resp, "items"), ==, 7);
  g_assert_null (kring_test_str (resp, "next_cursor"));
  kring_test_response_free (resp);
  kring_assert_refused (srv, "GET", path, other.token, NULL, 404, "not_found");
  kring_assert_refused (srv, "GET", path, NULL, NULL, 401, "unauthenticated");
}

static void
test_list_bad_query (void)
{
  g_auto (KringTestOrg) org = { 0 };
  const char *queries[] = { "?limit=0",        "?limit=201",       "?limit=x",  "?cursor=",
                            "?cursor=abc.def", "?limit=2&limit=3", "?sort=name" };
  g_autofree char *first = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *other = NULL;
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg Query", "team");
  g_free (kring_test_org_join (srv, &org, "member", NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rest = g_strconcat ("/teammates", queries[i], NULL);
      g_autofree char *path = kring_test_account_path (org.account_id, rest);

      kring_assert_refused (srv, "GET", path, org.token, NULL, 400, "invalid_query");
    }

  /* A real cursor with one character changed, and one used on another account. */
  first = kring_test_account_path (org.account_id, "/teammates?limit=1");
  resp = kring_test_request (srv, "GET", first, org.token, NULL);
  kring_assert_status (resp, 200);
  cursor = g_strdup (kring_test_str (resp, "next_cursor"));
  g_assert_nonnull (cursor);
  kring_test_response_free (resp);
  forged = g_strdup (cursor);
  forged[0] = forged[0] == 'A' ? 'B' : 'A';
  g_free (first);
  first = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates?cursor=%s",
                           org.account_id, forged);
  kring_assert_refused (srv, "GET", first, org.token, NULL, 400, "invalid_query");
  other = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates?cursor=%s",
                           org.account_id + 1000, cursor);
  kring_assert_refused (srv, "GET", other, org.token, NULL, 400, "invalid_query");
}

/* Roles. */

static void
test_role_change (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autofree char *admin = NULL;
  g_autofree char *member = NULL;
  g_autofree char *member_path = NULL;
  g_autofree char *owner_path = NULL;
  g_autofree char *admin_path = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *foreign = NULL;
  gint64 member_tid = 0, admin_tid = 0, owner_tid = 0;
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg Rollen", "team");
  kring_test_org_signup (srv, &other, "Zorg Vreemd", "team");
  admin = kring_test_org_join (srv, &org, "admin", NULL, &admin_tid);
  member = kring_test_org_join (srv, &org, "member", NULL, &member_tid);
  resp = kring_test_account_request (srv, "GET", org.account_id, "/teammates", org.token, NULL);
  for (guint i = 0; i < kring_test_len (resp, "items"); i++)
    {
      g_autofree char *role = g_strdup_printf ("items.%u.role", i);
      g_autofree char *id = g_strdup_printf ("items.%u.id", i);

      if (g_str_equal (kring_test_str (resp, role), "owner"))
        owner_tid = kring_test_int (resp, id);
    }
  kring_test_response_free (resp);
  member_path = teammate_path (org.account_id, member_tid, "");
  owner_path = teammate_path (org.account_id, owner_tid, "");
  admin_path = teammate_path (org.account_id, admin_tid, "");

  kring_assert_refused (srv, "PATCH", member_path, member, "{\"role\": \"admin\"}", 403,
                        "forbidden");
  kring_assert_refused (srv, "PATCH", member_path, other.token, "{\"role\": \"admin\"}", 404,
                        "not_found");
  kring_assert_refused (srv, "PATCH", member_path, NULL, "{\"role\": \"admin\"}", 401,
                        "unauthenticated");
  kring_assert_refused (srv, "PATCH", member_path, admin, "{\"role\": \"owner\"}", 403,
                        "forbidden");
  kring_assert_refused (srv, "PATCH", owner_path, admin, "{\"role\": \"member\"}", 403,
                        "forbidden");
  kring_assert_refused_field (srv, "PATCH", member_path, org.token, "{\"role\": \"chief\"}",
                              "invalid_field", "role");
  kring_assert_refused_field (srv, "PATCH", member_path, org.token, "{}", "invalid_field", "role");
  resp = teammate_request ("PATCH", org.account_id, 999999, "", org.token, "{\"role\": \"admin\"}");
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);
  /* A teammate of another account through this account's path. */
  foreign = kring_test_unique_email ("vreemd");
  {
    gint64 tid = add_teammate (&other, foreign, "member");
    g_autofree char *p = teammate_path (org.account_id, tid, "");

    kring_assert_refused (srv, "PATCH", p, org.token, "{\"role\": \"admin\"}", 404, "not_found");
  }

  /* The last owner cannot step down... */
  kring_assert_refused (srv, "PATCH", owner_path, org.token, "{\"role\": \"admin\"}", 409,
                        "last_owner");

  /* ...until there is another. Admins manage members. */
  resp = kring_test_request (srv, "PATCH", member_path, admin, "{\"role\": \"admin\"}");
  kring_assert_status (resp, 200);
  g_assert_cmpstr (kring_test_str (resp, "role"), ==, "admin");
  g_assert_cmpint (kring_test_int (resp, "id"), ==, member_tid);
  kring_test_response_free (resp);
  resp = kring_test_request (srv, "PATCH", admin_path, org.token, "{\"role\": \"owner\"}");
  kring_assert_status (resp, 200);
  g_assert_cmpstr (kring_test_str (resp, "role"), ==, "owner");
  kring_test_response_free (resp);
  resp = kring_test_request (srv, "PATCH", owner_path, org.token, "{\"role\": \"member\"}");
  kring_assert_status (resp, 200);
  kring_test_response_free (resp);
  /* The former owner is a member now: no more owner rights. */
  resp = kring_test_account_request (srv, "PATCH", org.account_id, "", org.token,
                                     "{\"billing\": \"yearly\"}");
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);

  audit = kring_test_account_path (org.account_id, "/audit?action=teammate.role_changed");
  resp = kring_test_request (srv, "GET", audit, admin, NULL);
  kring_assert_status (resp, 200);
  g_assert_cmpuint (kring_test_len (resp, "items"), ==, 3);
  g_assert_cmpstr (kring_test_str (resp, "items.0.detail.from"), ==, "owner");
  g_assert_cmpstr (kring_test_str (resp, "items.0.detail.to"), ==, "member");
  g_assert_cmpstr (kring_test_str (resp, "items.0.subject_email"), ==, org.email);
  kring_test_response_free (resp);
}

/* Removing. */

static void
test_remove (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autofree char *admin = NULL;
  g_autofree char *member = NULL;
  g_autofree char *leaver = NULL;
  g_autofree char *second_owner = NULL;
  g_autofree char *leaver_email = NULL;
  g_autofree char *audit = NULL;
  gint64 admin_tid, member_tid, leaver_tid, second_tid, owner_tid = 0;
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg Weg", "team");
  kring_test_org_signup (srv, &other, "Zorg Ver", "team");
  admin = kring_test_org_join (srv, &org, "admin", NULL, &admin_tid);
  member = kring_test_org_join (srv, &org, "member", NULL, &member_tid);
  leaver = kring_test_org_join (srv, &org, "member", &leaver_email, &leaver_tid);
  second_owner = kring_test_org_join (srv, &org, "owner", NULL, &second_tid);
  g_assert_cmpint (seats_of (&org), ==, 5);

  resp = teammate_request ("DELETE", org.account_id, admin_tid, "", member, NULL);
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);
  resp = teammate_request ("DELETE", org.account_id, second_tid, "", admin, NULL);
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);
  resp = teammate_request ("DELETE", org.account_id, member_tid, "", other.token, NULL);
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);
  resp = teammate_request ("DELETE", org.account_id, member_tid, "", NULL, NULL);
  kring_assert_problem (resp, 401, "unauthenticated");
  kring_test_response_free (resp);
  resp = teammate_request ("DELETE", org.account_id, 999999, "", org.token, NULL);
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);

  /* Anyone may leave. */
  resp = teammate_request ("DELETE", org.account_id, leaver_tid, "", leaver, NULL);
  kring_assert_status (resp, 204);
  g_assert_cmpstr (resp->body, ==, "");
  kring_test_response_free (resp);
  resp = kring_test_account_request (srv, "GET", org.account_id, "", leaver, NULL);
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);

  /* An admin removes a member; an owner removes an owner. */
  resp = teammate_request ("DELETE", org.account_id, member_tid, "", admin, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  resp = teammate_request ("DELETE", org.account_id, second_tid, "", org.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  g_assert_cmpint (seats_of (&org), ==, 2);

  /* The last owner cannot leave. */
  resp = kring_test_account_request (srv, "GET", org.account_id, "/teammates", org.token, NULL);
  for (guint i = 0; i < kring_test_len (resp, "items"); i++)
    {
      g_autofree char *role = g_strdup_printf ("items.%u.role", i);
      g_autofree char *id = g_strdup_printf ("items.%u.id", i);

      if (g_str_equal (kring_test_str (resp, role), "owner"))
        owner_tid = kring_test_int (resp, id);
    }
  kring_test_response_free (resp);
  resp = teammate_request ("DELETE", org.account_id, owner_tid, "", org.token, NULL);
  kring_assert_problem (resp, 409, "last_owner");
  kring_test_response_free (resp);

  audit = kring_test_account_path (org.account_id, "/audit?action=teammate.removed");
  resp = kring_test_request (srv, "GET", audit, org.token, NULL);
  kring_assert_status (resp, 200);
  g_assert_cmpuint (kring_test_len (resp, "items"), ==, 3);
  g_assert_cmpstr (kring_test_str (resp, "items.2.subject_email"), ==, leaver_email);
  kring_test_response_free (resp);
}

/* Invitations sent again. */

static void
test_resend (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autofree char *email = kring_test_unique_email ("uitgenodigd");
  g_autofree char *member = NULL;
  g_autofree char *old_code = NULL;
  g_autofree char *new_code = NULL;
  g_autofree char *path = NULL;
  g_autofree char *accept = NULL;
  gint64 tid, member_tid;
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg Post", "team");
  kring_test_org_signup (srv, &other, "Zorg Brief", "team");
  member = kring_test_org_join (srv, &org, "member", NULL, &member_tid);
  tid = add_teammate (&org, email, "member");
  old_code = kring_test_mail_code (srv, email, "invitation");
  g_assert_nonnull (old_code);
  path = teammate_path (org.account_id, tid, "/resend");

  kring_assert_refused (srv, "POST", path, member, NULL, 403, "forbidden");
  kring_assert_refused (srv, "POST", path, other.token, NULL, 404, "not_found");
  kring_assert_refused (srv, "POST", path, NULL, NULL, 401, "unauthenticated");

  resp = kring_test_request (srv, "POST", path, org.token, NULL);
  kring_assert_status (resp, 202);
  g_assert_cmpstr (resp->body, ==, "");
  kring_test_response_free (resp);
  for (guint i = 0; i < 100 && (new_code == NULL || g_str_equal (old_code, new_code)); i++)
    {
      g_clear_pointer (&new_code, g_free);
      g_usleep (50 * 1000);
      new_code = kring_test_mail_code (srv, email, "invitation");
    }
  g_assert_cmpstr (old_code, !=, new_code);
  accept = g_strdup_printf ("/api/v1/invitations/%s/accept", old_code);
  kring_assert_refused (srv, "POST", accept, NULL, "{\"password\": \"" KRING_TEST_PASSWORD "\"}",
                        410, "code_invalid");
  g_free (kring_test_accept_invitation (srv, email, NULL));

  /* Signed in now: nothing to resend. */
  kring_assert_refused_field (srv, "POST", path, org.token, NULL, "invalid_field", "status");
  resp = teammate_request ("POST", org.account_id, member_tid, "/resend", org.token, NULL);
  kring_assert_field (resp, "invalid_field", "status");
  kring_test_response_free (resp);
}

/* R6 and R4. */

static guint
dossier_status (const char *token, gint64 dossier_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT, dossier_id);
  g_autoptr (KringTestResponse) resp = kring_test_request (srv, "GET", path, token, NULL);

  return resp->status;
}

static void
test_remove_ends_own_participations (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) partner = { 0 };
  g_autofree char *email = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  gint64 tid, own, theirs;
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg Eigen", "team");
  kring_test_org_signup (srv, &partner, "Zorg Partner", "team");
  token = kring_test_org_join (srv, &org, "member", &email, &tid);
  own = kring_test_create_dossier (srv, org.token, org.account_id, "Eigen dossier", NULL);
  theirs
      = kring_test_create_dossier (srv, partner.token, partner.account_id, "Partner dossier", NULL);
  kring_test_add_participant (srv, org.token, own, email);
  kring_test_add_participant (srv, partner.token, theirs, email);
  g_assert_cmpuint (dossier_status (token, own), ==, 200);
  g_assert_cmpuint (dossier_status (token, theirs), ==, 200);

  resp = teammate_request ("DELETE", org.account_id, tid, "", org.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);

  g_assert_cmpuint (dossier_status (token, own), ==, 404);
  g_assert_cmpuint (dossier_status (token, theirs), ==, 200);
  path = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT, own);
  resp = kring_test_request (srv, "GET", path, org.token, NULL);
  kring_assert_status (resp, 200);
  g_assert_cmpint (kring_test_int (resp, "participants"), ==, 1);
  kring_test_response_free (resp);
}

static gboolean
is_paid (const char *token)
{
  g_autoptr (KringTestResponse) resp = kring_test_request (srv, "GET", "/api/v1/me", token, NULL);

  kring_assert_status (resp, 200);
  return kring_test_bool (resp, "paid");
}

static void
test_paid_status (void)
{
  g_auto (KringTestOrg) trial = { 0 };
  g_auto (KringTestOrg) active = { 0 };
  g_autofree char *trial_member = NULL;
  g_autofree char *active_member = NULL;
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  gint64 tid;
  KringTestResponse *resp;

  kring_test_org_signup (srv, &trial, "Zorg Proef", "team");
  kring_test_org_signup (srv, &active, "Zorg Betaald", "team");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, active.account_id);
  out = kring_test_admin (srv, "set-status", id, "active", NULL);

  trial_member = kring_test_org_join (srv, &trial, "member", NULL, NULL);
  active_member = kring_test_org_join (srv, &active, "member", NULL, &tid);
  g_assert_false (is_paid (trial.token));
  g_assert_false (is_paid (trial_member));
  g_assert_true (is_paid (active.token));
  g_assert_true (is_paid (active_member));

  resp = kring_test_account_request (srv, "GET", active.account_id, "", active.token, NULL);
  g_assert_cmpstr (kring_test_str (resp, "status"), ==, "active");
  kring_test_response_free (resp);

  /* The seat goes, and with it the paid status. */
  resp = teammate_request ("DELETE", active.account_id, tid, "", active.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  g_assert_false (is_paid (active_member));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  srv = kring_test_server_start (NULL);

  g_test_add_func ("/teammates/add-new", test_add_new_person);
  g_test_add_func ("/teammates/add-existing", test_add_existing_people);
  g_test_add_func ("/teammates/add-errors", test_add_errors);
  g_test_add_func ("/teammates/add-plan-limit", test_add_plan_limit);
  g_test_add_func ("/teammates/list-pages", test_list_pages);
  g_test_add_func ("/teammates/list-bad-query", test_list_bad_query);
  g_test_add_func ("/teammates/role", test_role_change);
  g_test_add_func ("/teammates/remove", test_remove);
  g_test_add_func ("/teammates/resend", test_resend);
  g_test_add_func ("/teammates/remove-r6", test_remove_ends_own_participations);
  g_test_add_func ("/teammates/paid", test_paid_status);

  status = g_test_run ();
  kring_test_server_stop (srv);
  return status;
}
