/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The steps many test files take on the way to what they test: people,
 * organisations, teammates, dossiers and participants, and one-line
 * refusals.  Declared in kring-test-server.h. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <unistd.h>

#include "kring-test-server.h"

char *
kring_test_json_quote (const char *s)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, s);
  return json_to_string (node, FALSE);
}

void
kring_test_wait_for_mails (KringTestServer *server, const char *email, guint n)
{
  /* Each count waits a moment for the mailer. */
  for (guint i = 0; i < 30 && kring_test_mail_count (server, email) < n; i++)
    ;
  g_assert_cmpuint (kring_test_mail_count (server, email), >=, n);
}

char *
kring_test_unique_email (const char *who)
{
  static guint counter;

  /* The pid keeps two test processes that share a mail dir apart. */
  return g_strdup_printf ("%s-%u-%d@example.org", who, ++counter, (int)getpid ());
}

void
kring_test_org_clear (KringTestOrg *org)
{
  g_clear_pointer (&org->email, g_free);
  g_clear_pointer (&org->token, g_free);
}

void
kring_test_org_signup (KringTestServer *server, KringTestOrg *org, const char *name,
                       const char *plan)
{
  org->email = kring_test_unique_email ("owner");
  org->token = kring_test_signup (server, org->email, name, plan, &org->account_id);
}

KringTestResponse *
kring_test_add_teammate (KringTestServer *server, const char *token, gint64 account_id,
                         const char *email, const char *role)
{
  g_autofree char *path
      = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates", account_id);

  return kring_test_request (server, "POST", path, token, "{\"email\": \"%s\", \"role\": \"%s\"}",
                             email, role);
}

char *
kring_test_join_team (KringTestServer *server, const char *token, gint64 account_id,
                      const char *email, const char *role, const char *name,
                      gint64 *out_teammate_id)
{
  g_autoptr (KringTestResponse) resp
      = kring_test_add_teammate (server, token, account_id, email, role);

  kring_assert_status (resp, 201);
  if (out_teammate_id != NULL)
    *out_teammate_id = kring_test_int (resp, "teammate.id");
  return kring_test_accept_invitation (server, email, name);
}

char *
kring_test_org_join (KringTestServer *server, const KringTestOrg *org, const char *role,
                     char **out_email, gint64 *out_teammate_id)
{
  g_autofree char *email = kring_test_unique_email (role);
  char *token = kring_test_join_team (server, org->token, org->account_id, email, role, NULL,
                                      out_teammate_id);

  if (out_email != NULL)
    *out_email = g_steal_pointer (&email);
  return token;
}

gint64
kring_test_create_dossier (KringTestServer *server, const char *token, gint64 account_id,
                           const char *title, const char *client_name)
{
  g_autofree char *path
      = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/dossiers", account_id);
  g_autofree char *quoted_title = kring_test_json_quote (title);
  g_autofree char *quoted_client = client_name != NULL ? kring_test_json_quote (client_name) : NULL;
  g_autoptr (KringTestResponse) resp = NULL;

  if (quoted_client != NULL)
    resp = kring_test_request (server, "POST", path, token, "{\"title\": %s, \"client_name\": %s}",
                               quoted_title, quoted_client);
  else
    resp = kring_test_request (server, "POST", path, token, "{\"title\": %s}", quoted_title);
  kring_assert_status (resp, 201);
  return kring_test_int (resp, "id");
}

gint64
kring_test_add_participant (KringTestServer *server, const char *token, gint64 dossier_id,
                            const char *email)
{
  g_autofree char *path
      = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/participants", dossier_id);
  g_autoptr (KringTestResponse) resp
      = kring_test_request (server, "POST", path, token, "{\"email\": \"%s\"}", email);

  kring_assert_status (resp, 201);
  return kring_test_int (resp, "id");
}

char *
kring_test_invite_participant (KringTestServer *server, const char *token, gint64 dossier_id,
                               const char *email, gboolean can_write, const char *name,
                               gint64 *out_user_id)
{
  g_autofree char *path
      = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/participants", dossier_id);
  g_autoptr (KringTestResponse) resp = NULL;

  resp = kring_test_request (server, "POST", path, token, "{\"email\": \"%s\", \"can_write\": %s}",
                             email, can_write ? "true" : "false");
  kring_assert_status (resp, 201);
  if (out_user_id != NULL)
    *out_user_id = kring_test_int (resp, "user_id");
  return kring_test_accept_invitation (server, email, name);
}

GArray *
kring_test_item_ids (KringTestResponse *response)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = kring_test_len (response, "items");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("items.%u.id", i);
      gint64 id = kring_test_int (response, path);

      g_array_append_val (ids, id);
    }
  return ids;
}

void
kring_test_assert_field (KringTestResponse *response, const char *expected_code,
                         const char *expected_field, const char *file, int line)
{
  kring_test_assert_problem (response, 422, expected_code, file, line);
  if (g_strcmp0 (kring_test_str (response, "field"), expected_field) != 0)
    g_error ("%s:%d: expected field %s: %s", file, line, expected_field, response->body);
}

void
kring_test_assert_refused (KringTestServer *server, const char *method, const char *path,
                           const char *token, const char *body, guint expected_status,
                           const char *expected_code, const char *expected_field, const char *file,
                           int line)
{
  g_autoptr (KringTestResponse) resp
      = kring_test_request (server, method, path, token, body != NULL ? "%s" : NULL, body);

  if (expected_field != NULL)
    kring_test_assert_field (resp, expected_code, expected_field, file, line);
  else
    kring_test_assert_problem (resp, expected_status, expected_code, file, line);
}
