/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Participants (API.md, "Participants") against a real kringd: adding one
 * or a batch, the order of the checks, changing, removing and resending,
 * and what a guest caller may see.  The guest rules are in test-guests.c. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-test-server.h"

static KringTestServer *srv;

static char *
participant_path (gint64 pid, const char *rest)
{
  return g_strdup_printf ("/participants/%" G_GINT64_FORMAT "%s", pid, rest);
}

static guint
n_members (KringTestResponse *resp, const char *path)
{
  JsonNode *node = kring_test_get (resp, path);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_size (json_node_get_object (node));
}

/* Adding one. */

static void
test_add_guest (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *email = kring_test_unique_email ("guest");
  g_autofree char *body = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *code = NULL;
  g_autoptr (KringTestResponse) resp = NULL;
  g_autoptr (KringTestResponse) dossier = NULL;
  gint64 id;

  kring_test_org_signup (srv, &org, "Zorg Add", "team");
  id = kring_test_create_client_dossier (srv, org.token, org.account_id, "Secret Title");
  resp = kring_test_add_participant_raw (
      srv, org.token, id, "{\"email\": \" Gast@EXAMPLE.org \", \"name\": \" Gerda \"}");
  kring_assert_status (resp, 201);
  g_assert_cmpstr (kring_test_str (resp, "email"), ==, "gast@example.org");
  g_assert_cmpstr (kring_test_str (resp, "name"), ==, "Gerda");
  g_assert_cmpstr (kring_test_str (resp, "access"), ==, "guest");
  g_assert_false (kring_test_bool (resp, "can_write"));
  g_assert_cmpstr (kring_test_str (resp, "status"), ==, "invited");
  g_assert_cmpint (kring_test_int (resp, "user_id"), >, 0);
  g_assert_true (g_str_has_suffix (kring_test_str (resp, "added_at"), "Z"));
  g_assert_cmpstr (kring_test_str (resp, "added_by.email"), ==, org.email);
  g_assert_cmpuint (n_members (resp, "added_by"), ==, 3);
  g_assert_cmpint (kring_test_int (resp, "guest_dossiers.used"), ==, 1);
  g_assert_cmpint (kring_test_int (resp, "guest_dossiers.limit"), ==, 3);
  g_assert_cmpuint (n_members (resp, "guest_dossiers"), ==, 2);

  dossier = kring_test_dossier_request (srv, "GET", id, "", org.token, NULL);
  g_assert_cmpint (kring_test_int (dossier, "guests"), ==, 1);
  g_assert_cmpint (kring_test_int (dossier, "participants"), ==, 2);

  /* An invitation with a code; no dossier or client name in it. */
  code = kring_test_mail_code (srv, "gast@example.org", "invitation");
  g_assert_nonnull (code);
  mail = kring_test_mail_last (srv, "gast@example.org");
  g_assert_null (strstr (mail, "Secret Title"));
  g_assert_null (strstr (mail, "Client of"));

  /* can_write may be given for a guest. */
  g_clear_pointer (&resp, kring_test_response_free);
  body = g_strdup_printf ("{\"email\": \"%s\", \"can_write\": true}", email);
  resp = kring_test_add_participant_raw (srv, org.token, id, body);
  kring_assert_status (resp, 201);
  g_assert_true (kring_test_bool (resp, "can_write"));
}

static void
test_add_existing_login (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autofree char *mail = NULL;
  g_autoptr (KringTestResponse) resp = NULL;
  g_autofree char *body = NULL;
  guint before;
  gint64 id;

  kring_test_org_signup (srv, &org, "Zorg Notice", "team");
  kring_test_org_signup (srv, &other, "Zorg Person", "team");
  id = kring_test_create_client_dossier (srv, org.token, org.account_id, "Notice Title");
  before = kring_test_mail_count (srv, other.email);
  body = g_strdup_printf ("{\"email\": \"%s\", \"name\": \"Not Used\"}", other.email);
  resp = kring_test_add_participant_raw (srv, org.token, id, body);
  kring_assert_status (resp, 201);
  /* The person keeps the name they chose; trial accounts make nobody paid. */
  g_assert_cmpstr (kring_test_str (resp, "name"), ==, "Owner of Zorg Person");
  g_assert_cmpstr (kring_test_str (resp, "status"), ==, "active");
  g_assert_cmpstr (kring_test_str (resp, "access"), ==, "guest");
  g_assert_cmpuint (kring_test_mail_count (srv, other.email), ==, before + 1);
  mail = kring_test_mail_last (srv, other.email);
  g_assert_null (strstr (mail, "kring://invitation/"));
  g_assert_null (strstr (mail, "Notice Title"));
}

static void
test_add_precedence (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autofree char *member = NULL;
  g_autofree char *member_email = NULL;
  g_autofree char *outsider = NULL;
  g_autofree char *guest_email = kring_test_unique_email ("guest");
  g_autofree char *guest = NULL;
  KringTestResponse *resp;
  gint64 id, archived, pid;

  kring_test_org_signup (srv, &org, "Zorg Order", "team");
  kring_test_org_signup (srv, &other, "Zorg Outside", "team");
  member = kring_test_org_join (srv, &org, "member", &member_email, NULL);
  outsider = kring_test_org_join (srv, &org, "member", NULL, NULL);
  id = kring_test_create_client_dossier (srv, org.token, org.account_id, "Checks");
  archived = kring_test_create_client_dossier (srv, org.token, org.account_id, "Archived");
  kring_test_add_participant (srv, org.token, id, member_email);
  pid = kring_test_add_participant (srv, org.token, id, guest_email);
  kring_test_add_participant (srv, org.token, archived, guest_email);
  kring_test_wait_for_mails (srv, guest_email, 2);
  guest = kring_test_accept_invitation (srv, guest_email, NULL);
  resp = kring_test_dossier_request (srv, "DELETE", archived, "", org.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);

#define CHECK(token, dossier, body, status, code)                                                  \
  resp = kring_test_add_participant_raw (srv, token, dossier, body);                               \
  kring_assert_problem (resp, status, code);                                                       \
  kring_test_response_free (resp)
  /* 404 and 403 before anything about the body. */
  CHECK (other.token, id, "{\"email\": \"bad\"}", 404, "not_found");
  CHECK (outsider, id, "{\"email\": \"bad\"}", 404, "not_found");
  CHECK (guest, id, "{\"email\": \"bad\"}", 403, "forbidden");
  CHECK (org.token, 999999, "{\"email\": \"bad\"}", 404, "not_found");
  /* invalid_email before the other field errors, 422 before 409. */
  CHECK (org.token, archived, "{\"email\": \"no at sign\", \"extra\": 1}", 422, "invalid_email");
  CHECK (org.token, archived, "{\"email\": \"ok@example.org\", \"extra\": 1}", 422,
         "invalid_field");
  CHECK (org.token, archived, "{\"email\": \"ok@example.org\", \"can_write\": \"yes\"}", 422,
         "invalid_field");
  CHECK (org.token, archived, "{\"email\": \"ok@example.org\", \"name\": \"a\\u0007\"}", 422,
         "invalid_field");
  CHECK (org.token, archived, "{\"email\": 12}", 422, "invalid_field");
  CHECK (org.token, archived, "{\"email\": \"ok@example.org\", \"name\": null}", 422,
         "invalid_field");
  CHECK (org.token, archived, "{\"name\": \"x\"}", 422, "invalid_field");
  /* dossier_archived before already_participant. */
  {
    g_autofree char *again = g_strdup_printf ("{\"email\": \"%s\"}", guest_email);
    CHECK (org.token, archived, again, 409, "dossier_archived");
  }
#undef CHECK
  resp = kring_test_add_participant_raw (srv, org.token, id, "{\"email\": \"a@b\"}");
  kring_assert_field (resp, "invalid_email", "email");
  kring_test_response_free (resp);
  resp = kring_test_add_participant_raw (srv, org.token, id,
                                         "{\"email\": \"ok@example.org\", \"extra\": 1}");
  kring_assert_field (resp, "invalid_field", "extra");
  kring_test_response_free (resp);

  /* Normalised before comparing: the same person is there already. */
  {
    g_autofree char *upper = g_ascii_strup (guest_email, -1);
    g_autofree char *body = g_strdup_printf ("{\"email\": \"  %s \"}", upper);

    resp = kring_test_add_participant_raw (srv, member, id, body);
    kring_assert_problem (resp, 409, "already_participant");
    g_assert_cmpint (kring_test_int (resp, "participant_id"), ==, pid);
    kring_test_response_free (resp);
  }
}

static void
test_who_may_add (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) partner = { 0 };
  g_autofree char *member = NULL;
  g_autofree char *member_email = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *external = NULL;
  g_autofree char *external_email = NULL;
  g_autofree char *e1 = kring_test_unique_email ("guest");
  g_autofree char *e2 = kring_test_unique_email ("guest");
  KringTestResponse *resp;
  gint64 id;

  kring_test_org_signup (srv, &org, "Zorg Who", "team");
  kring_test_org_signup (srv, &partner, "Zorg Partner", "team");
  kring_test_set_status (srv, partner.account_id, "active");
  member = kring_test_org_join (srv, &org, "member", &member_email, NULL);
  admin = kring_test_org_join (srv, &org, "admin", NULL, NULL);
  id = kring_test_create_client_dossier (srv, org.token, org.account_id, "Who adds");
  {
    g_autofree char *owner2 = kring_test_unique_email ("partner");
    g_autofree char *path
        = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates", partner.account_id);

    resp = kring_test_request (srv, "POST", path, partner.token,
                               "{\"email\": \"%s\", \"role\": \"member\"}", owner2);
    kring_assert_status (resp, 201);
    kring_test_response_free (resp);
    external = kring_test_accept_invitation (srv, owner2, NULL);
    external_email = g_steal_pointer (&owner2);
  }
  kring_test_add_participant (srv, org.token, id, external_email);
  kring_test_add_participant (srv, org.token, id, member_email);

  /* An admin who does not take part, and a member who is a team participant. */
  kring_test_add_participant (srv, admin, id, e1);
  kring_test_add_participant (srv, member, id, e2);
  /* An external participant may not. */
  resp = kring_test_add_participant_raw (srv, external, id, "{\"email\": \"someone@example.org\"}");
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);
}

/* The list, and what a guest sees of it. */

static void
test_list_and_redaction (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *anna = kring_test_unique_email ("zz-anna");
  g_autofree char *bert = kring_test_unique_email ("yy-bert");
  g_autofree char *carl = kring_test_unique_email ("carl");
  g_autofree char *body = NULL;
  g_autofree char *guest = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  KringTestResponse *resp;
  gint64 id;

  kring_test_org_signup (srv, &org, "Zorg List", "team");
  id = kring_test_create_client_dossier (srv, org.token, org.account_id, "Listed");
  body = g_strdup_printf ("{\"email\": \"%s\", \"name\": \"anna\"}", anna);
  resp = kring_test_add_participant_raw (srv, org.token, id, body);
  kring_assert_status (resp, 201);
  kring_test_response_free (resp);
  g_free (body);
  body = g_strdup_printf ("{\"email\": \"%s\", \"name\": \"Bert\"}", bert);
  resp = kring_test_add_participant_raw (srv, org.token, id, body);
  kring_assert_status (resp, 201);
  kring_test_response_free (resp);
  kring_test_add_participant (srv, org.token, id,
                              carl); /* no name: sorts by email, among the names */

  /* Pages of one: Anna, Bert, carl-…@, Owner of Zorg List. */
  do
    {
      g_autofree char *rest = cursor == NULL
                                  ? g_strdup ("/participants?limit=1")
                                  : g_strdup_printf ("/participants?limit=1&cursor=%s", cursor);

      resp = kring_test_dossier_request (srv, "GET", id, rest, org.token, NULL);
      kring_assert_status (resp, 200);
      g_assert_cmpuint (kring_test_len (resp, "items"), ==, 1);
      g_ptr_array_add (names, g_strdup (kring_test_str (resp, "items.0.email")));
      g_free (cursor);
      cursor = g_strdup (kring_test_str (resp, "next_cursor"));
      kring_test_response_free (resp);
    }
  while (cursor != NULL);
  g_assert_cmpuint (names->len, ==, 4);
  g_assert_cmpstr (names->pdata[0], ==, anna);
  g_assert_cmpstr (names->pdata[1], ==, bert);
  g_assert_cmpstr (names->pdata[2], ==, carl);
  g_assert_cmpstr (names->pdata[3], ==, org.email);

  resp = kring_test_dossier_request (srv, "GET", id, "/participants?cursor=x.y", org.token, NULL);
  kring_assert_problem (resp, 400, "invalid_query");
  kring_test_response_free (resp);

  /* A guest sees id, name and access of each, nothing else. */
  guest = kring_test_accept_invitation (srv, carl, NULL);
  resp = kring_test_dossier_request (srv, "GET", id, "/participants", guest, NULL);
  kring_assert_status (resp, 200);
  g_assert_cmpuint (kring_test_len (resp, "items"), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *item = g_strdup_printf ("items.%u", i);
      g_autofree char *access = g_strdup_printf ("items.%u.access", i);

      g_assert_cmpuint (n_members (resp, item), ==, 3);
      g_assert_nonnull (kring_test_str (resp, access));
    }
  g_assert_cmpstr (kring_test_str (resp, "items.0.name"), ==, "anna");
  g_assert_null (strstr (resp->body, "@"));
  kring_test_response_free (resp);
}

/* Changing, removing, resending. */

static void
test_patch_remove_resend (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *g1 = kring_test_unique_email ("guest");
  g_autofree char *g2 = kring_test_unique_email ("guest");
  g_autofree char *guest = NULL;
  g_autofree char *old_code = NULL;
  g_autofree char *new_code = NULL;
  g_autofree char *path = NULL;
  KringTestResponse *resp;
  gint64 id, other_id, p1, p2, owner_pid;

  kring_test_org_signup (srv, &org, "Zorg Change", "team");
  id = kring_test_create_client_dossier (srv, org.token, org.account_id, "Changes");
  other_id = kring_test_create_client_dossier (srv, org.token, org.account_id, "Elsewhere");
  p1 = kring_test_add_participant (srv, org.token, id, g1);
  p2 = kring_test_add_participant (srv, org.token, id, g2);
  owner_pid = kring_test_find_participant (srv, org.token, id, org.email);
  guest = kring_test_accept_invitation (srv, g1, NULL);

  path = participant_path (p2, "");
  resp = kring_test_dossier_request (srv, "PATCH", id, path, org.token, "{\"can_write\": true}");
  kring_assert_status (resp, 200);
  g_assert_true (kring_test_bool (resp, "can_write"));
  g_assert_cmpint (kring_test_int (resp, "id"), ==, p2);
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "PATCH", id, path, org.token, "{}");
  kring_assert_field (resp, "invalid_field", "can_write");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "PATCH", id, path, org.token, "{\"can_write\": null}");
  kring_assert_field (resp, "invalid_field", "can_write");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "PATCH", id, path, guest, "{\"can_write\": false}");
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);
  /* A participant of another dossier is not found here. */
  resp = kring_test_dossier_request (srv, "PATCH", other_id, path, org.token,
                                     "{\"can_write\": false}");
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);

  /* Resend: a fresh code for an invited participant, 422 for an active one. */
  old_code = kring_test_mail_code (srv, g2, "invitation");
  g_free (path);
  path = participant_path (p2, "/resend");
  resp = kring_test_dossier_request (srv, "POST", id, path, org.token, NULL);
  kring_assert_status (resp, 202);
  g_assert_cmpstr (resp->body, ==, "");
  kring_test_response_free (resp);
  for (guint i = 0; i < 100; i++)
    {
      g_free (new_code);
      new_code = kring_test_mail_code (srv, g2, "invitation");
      if (g_strcmp0 (new_code, old_code) != 0)
        break;
      g_usleep (50 * 1000);
    }
  g_assert_cmpstr (new_code, !=, old_code);
  {
    g_autofree char *accept = g_strdup_printf ("/api/v1/invitations/%s/accept", old_code);

    kring_assert_refused (srv, "POST", accept, NULL, "{\"password\": \"" KRING_TEST_PASSWORD "\"}",
                          410, "code_invalid");
  }
  g_free (path);
  path = participant_path (p1, "/resend");
  resp = kring_test_dossier_request (srv, "POST", id, path, org.token, NULL);
  kring_assert_field (resp, "invalid_field", "status");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "POST", id, path, guest, NULL);
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);

  /* Removing: a guest may not remove others, but may leave. */
  g_free (path);
  path = participant_path (owner_pid, "");
  resp = kring_test_dossier_request (srv, "DELETE", id, path, guest, NULL);
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);
  g_free (path);
  path = participant_path (p1, "");
  resp = kring_test_dossier_request (srv, "DELETE", id, path, guest, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "GET", id, "", guest, NULL);
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "DELETE", id, path, org.token, NULL);
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);

  /* In an archived dossier only removing is allowed. */
  resp = kring_test_dossier_request (srv, "DELETE", id, "", org.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  g_free (path);
  path = participant_path (p2, "");
  resp = kring_test_dossier_request (srv, "PATCH", id, path, org.token, "{\"can_write\": false}");
  kring_assert_problem (resp, 409, "dossier_archived");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "DELETE", id, path, org.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "GET", id, "", org.token, NULL);
  g_assert_cmpint (kring_test_int (resp, "participants"), ==, 1);
  g_assert_cmpint (kring_test_int (resp, "guests"), ==, 0);
  kring_test_response_free (resp);
}

/* The batch. */

static void
test_batch (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *a = kring_test_unique_email ("batch");
  g_autofree char *b = kring_test_unique_email ("batch");
  g_autofree char *upper = g_ascii_strup (a, -1);
  g_autofree char *body = NULL;
  g_autoptr (GString) big = g_string_new ("{\"participants\": [");
  KringTestResponse *resp;
  gint64 id;

  kring_test_org_signup (srv, &org, "Zorg Batch", "team");
  id = kring_test_create_client_dossier (srv, org.token, org.account_id, "Batch");
  body = g_strdup_printf ("{\"participants\": [{\"email\": \"%s\", \"name\": \"A\"},"
                          " {\"email\": \" %s\"}, {\"email\": \"not-an-email\"}, 7,"
                          " {\"email\": \"%s\", \"can_write\": true, \"x\": 1},"
                          " {\"email\": \"%s\", \"can_write\": true}]}",
                          a, upper, b, b);
  resp = kring_test_dossier_request (srv, "POST", id, "/participants/batch", org.token, body);
  kring_assert_status (resp, 200);
  g_assert_cmpuint (kring_test_len (resp, "results"), ==, 6);
  g_assert_cmpint (kring_test_int (resp, "results.0.status"), ==, 201);
  g_assert_cmpstr (kring_test_str (resp, "results.0.email"), ==, a);
  g_assert_cmpstr (kring_test_str (resp, "results.0.participant.email"), ==, a);
  g_assert_cmpstr (kring_test_str (resp, "results.0.participant.access"), ==, "guest");
  g_assert_false (kring_test_has (resp, "results.0.code"));
  /* A later duplicate is already there; the email is the normalised one. */
  g_assert_cmpint (kring_test_int (resp, "results.1.status"), ==, 409);
  g_assert_cmpstr (kring_test_str (resp, "results.1.code"), ==, "already_participant");
  g_assert_cmpstr (kring_test_str (resp, "results.1.email"), ==, a);
  g_assert_cmpint (kring_test_int (resp, "results.1.participant_id"), ==,
                   kring_test_int (resp, "results.0.participant.id"));
  g_assert_false (kring_test_has (resp, "results.1.participant"));
  /* Invalid ones as sent. */
  g_assert_cmpint (kring_test_int (resp, "results.2.status"), ==, 422);
  g_assert_cmpstr (kring_test_str (resp, "results.2.code"), ==, "invalid_email");
  g_assert_cmpstr (kring_test_str (resp, "results.2.field"), ==, "email");
  g_assert_cmpstr (kring_test_str (resp, "results.2.email"), ==, "not-an-email");
  g_assert_cmpint (kring_test_int (resp, "results.3.status"), ==, 422);
  g_assert_cmpstr (kring_test_str (resp, "results.3.code"), ==, "invalid_field");
  g_assert_cmpint (kring_test_int (resp, "results.4.status"), ==, 422);
  g_assert_cmpstr (kring_test_str (resp, "results.4.field"), ==, "x");
  g_assert_cmpstr (kring_test_str (resp, "results.4.email"), ==, b);
  g_assert_cmpint (kring_test_int (resp, "results.5.status"), ==, 201);
  g_assert_true (kring_test_bool (resp, "results.5.participant.can_write"));
  kring_test_response_free (resp);

  resp = kring_test_dossier_request (srv, "GET", id, "", org.token, NULL);
  g_assert_cmpint (kring_test_int (resp, "guests"), ==, 2);
  kring_test_response_free (resp);

  /* 1 to 1000 items, an array. */
  resp = kring_test_dossier_request (srv, "POST", id, "/participants/batch", org.token,
                                     "{\"participants\": []}");
  kring_assert_field (resp, "invalid_field", "participants");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "POST", id, "/participants/batch", org.token,
                                     "{\"participants\": {}}");
  kring_assert_field (resp, "invalid_field", "participants");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "POST", id, "/participants/batch", org.token, "{}");
  kring_assert_field (resp, "invalid_field", "participants");
  kring_test_response_free (resp);
  for (guint i = 0; i < 1001; i++)
    g_string_append_printf (big, "%s{\"email\": \"n%u@example.org\"}", i > 0 ? "," : "", i);
  g_string_append (big, "]}");
  resp = kring_test_dossier_request (srv, "POST", id, "/participants/batch", org.token, big->str);
  kring_assert_field (resp, "invalid_field", "participants");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "GET", id, "", org.token, NULL);
  g_assert_cmpint (kring_test_int (resp, "guests"), ==, 2);
  kring_test_response_free (resp);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  srv = kring_test_server_start (NULL);
  g_test_add_func ("/participants/add-guest", test_add_guest);
  g_test_add_func ("/participants/add-existing-login", test_add_existing_login);
  g_test_add_func ("/participants/add-precedence", test_add_precedence);
  g_test_add_func ("/participants/who-may-add", test_who_may_add);
  g_test_add_func ("/participants/list-and-redaction", test_list_and_redaction);
  g_test_add_func ("/participants/patch-remove-resend", test_patch_remove_resend);
  g_test_add_func ("/participants/batch", test_batch);
  status = g_test_run ();
  kring_test_server_stop (srv);
  return status;
}
