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

  /* With the pid, no two test processes make the same address. */
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

char *
kring_test_account_path (gint64 account_id, const char *rest)
{
  return g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "%s", account_id, rest);
}

KringTestResponse *
kring_test_account_request (KringTestServer *server, const char *method, gint64 account_id,
                            const char *rest, const char *token, const char *body)
{
  g_autofree char *path = kring_test_account_path (account_id, rest);

  return kring_test_request (server, method, path, token, body != NULL ? "%s" : NULL, body);
}

KringTestResponse *
kring_test_dossier_request (KringTestServer *server, const char *method, gint64 dossier_id,
                            const char *rest, const char *token, const char *body)
{
  g_autofree char *path
      = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "%s", dossier_id, rest);

  return kring_test_request (server, method, path, token, body != NULL ? "%s" : NULL, body);
}

KringTestResponse *
kring_test_participant_request (KringTestServer *server, const char *method, gint64 dossier_id,
                                gint64 participant_id, const char *rest, const char *token,
                                const char *body)
{
  g_autofree char *path
      = g_strdup_printf ("/participants/%" G_GINT64_FORMAT "%s", participant_id, rest);

  return kring_test_dossier_request (server, method, dossier_id, path, token, body);
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
kring_test_create_client_dossier (KringTestServer *server, const char *token, gint64 account_id,
                                  const char *title)
{
  g_autofree char *client = g_strconcat ("Client of ", title, NULL);

  return kring_test_create_dossier (server, token, account_id, title, client);
}

gint64
kring_test_find_participant (KringTestServer *server, const char *token, gint64 dossier_id,
                             const char *email)
{
  g_autoptr (KringTestResponse) resp = kring_test_dossier_request (
      server, "GET", dossier_id, "/participants?limit=200", token, NULL);

  for (guint i = 0; i < kring_test_len (resp, "items"); i++)
    {
      g_autofree char *e = g_strdup_printf ("items.%u.email", i);
      g_autofree char *p = g_strdup_printf ("items.%u.id", i);

      if (g_strcmp0 (kring_test_str (resp, e), email) == 0)
        return kring_test_int (resp, p);
    }
  return 0;
}

KringTestResponse *
kring_test_add_participant_raw (KringTestServer *server, const char *token, gint64 dossier_id,
                                const char *body)
{
  return kring_test_dossier_request (server, "POST", dossier_id, "/participants", token, body);
}

gint64
kring_test_add_participant (KringTestServer *server, const char *token, gint64 dossier_id,
                            const char *email)
{
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\"}", email);
  g_autoptr (KringTestResponse) resp
      = kring_test_add_participant_raw (server, token, dossier_id, body);

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
kring_test_assert_time (KringTestResponse *response, const char *path)
{
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                                       kring_test_str (response, path), 0, 0));
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
