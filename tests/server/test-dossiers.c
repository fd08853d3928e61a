/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dossiers (API.md, "Dossiers") against a real kringd: who sees which
 * dossier, the list's filters, order and cursors, creating, editing,
 * archiving and restoring.  One server for the file, fresh accounts per case. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-test-server.h"

static KringTestServer *srv;

static KringTestResponse *
create_raw (const char *token, gint64 account_id, const char *body)
{
  g_autofree char *path
      = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/dossiers", account_id);

  return kring_test_request (srv, "POST", path, token, "%s", body);
}

static KringTestResponse *
list (const char *token, const char *query)
{
  g_autofree char *path = g_strconcat ("/api/v1/dossiers", query, NULL);

  return kring_test_request (srv, "GET", path, token, NULL);
}

static gboolean
ids_contain (GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static guint
audit_count (const KringTestOrg *org, const char *action, gint64 dossier_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT
                                           "/audit?action=%s&dossier=%" G_GINT64_FORMAT,
                                           org->account_id, action, dossier_id);
  g_autoptr (KringTestResponse) resp = kring_test_request (srv, "GET", path, org->token, NULL);

  kring_assert_status (resp, 200);
  return kring_test_len (resp, "items");
}

/* Creating. */

static void
test_create (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autoptr (KringTestResponse) resp = NULL;
  g_autoptr (KringTestResponse) people = NULL;

  kring_test_org_signup (srv, &org, "Zorg Create", "team");
  resp = create_raw (org.token, org.account_id,
                     "{\"title\": \"  Jan de Vries \", \"client_name\": null}");
  kring_assert_status (resp, 201);
  g_assert_cmpstr (kring_test_str (resp, "title"), ==, "Jan de Vries");
  g_assert_null (kring_test_str (resp, "client_name"));
  g_assert_cmpint (kring_test_int (resp, "account_id"), ==, org.account_id);
  g_assert_cmpstr (kring_test_str (resp, "account_name"), ==, "Zorg Create");
  g_assert_false (kring_test_bool (resp, "archived"));
  g_assert_cmpint (kring_test_int (resp, "guests"), ==, 0);
  g_assert_cmpint (kring_test_int (resp, "participants"), ==, 1);
  g_assert_cmpstr (kring_test_str (resp, "my_access"), ==, "team");
  g_assert_true (kring_test_bool (resp, "can_write"));
  g_assert_cmpstr (kring_test_str (resp, "created_at"), ==, kring_test_str (resp, "updated_at"));
  g_assert_true (g_str_has_suffix (kring_test_str (resp, "created_at"), "Z"));

  /* The creator takes part as a team participant who writes. */
  people = kring_test_dossier_request (srv, "GET", kring_test_int (resp, "id"), "/participants",
                                       org.token, NULL);
  kring_assert_status (people, 200);
  g_assert_cmpuint (kring_test_len (people, "items"), ==, 1);
  g_assert_cmpstr (kring_test_str (people, "items.0.email"), ==, org.email);
  g_assert_cmpstr (kring_test_str (people, "items.0.access"), ==, "team");
  g_assert_true (kring_test_bool (people, "items.0.can_write"));
  g_assert_cmpuint (audit_count (&org, "dossier.created", kring_test_int (resp, "id")), ==, 1);
}

static void
test_create_invalid (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autofree char *long_title = g_strnfill (201, 'x');
  g_autofree char *max_title = g_strnfill (200, 'x');
  g_autofree char *body = NULL;
  g_autofree char *hostile = NULL;
  const char *sql = "Robert'); DROP TABLE dossiers;-- 100% _x_";
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg Invalid", "team");
  kring_test_org_signup (srv, &other, "Zorg Other", "team");
#define CHECK(json, code, field)                                                                   \
  resp = create_raw (org.token, org.account_id, json);                                             \
  kring_assert_field (resp, code, field);                                                          \
  kring_test_response_free (resp)
  CHECK ("{}", "invalid_field", "title");
  CHECK ("{\"title\": \"   \"}", "invalid_field", "title");
  CHECK ("{\"title\": 12}", "invalid_field", "title");
  CHECK ("{\"title\": null}", "invalid_field", "title");
  CHECK ("{\"title\": \"Ok\", \"client_name\": \"\"}", "invalid_field", "client_name");
  CHECK ("{\"title\": \"Ok\", \"client_name\": 3}", "invalid_field", "client_name");
  CHECK ("{\"title\": \"Ok\", \"titel\": \"Ok\"}", "invalid_field", "titel");
  CHECK ("{\"title\": \"A\\u0001B\"}", "invalid_field", "title");
  CHECK ("{\"title\": \"A\\u007fB\"}", "invalid_field", "title");
  CHECK ("{\"title\": \"A\\nB\"}", "invalid_field", "title");
  body = g_strdup_printf ("{\"title\": \"%s\"}", long_title);
  CHECK (body, "invalid_field", "title");
#undef CHECK

  /* 200 code points is the most, counted as code points, not bytes. */
  g_assert_cmpint (
      kring_test_create_dossier (srv, org.token, org.account_id, max_title, "ëëëëëëëëëë"), >, 0);
  /* Another account: as if it did not exist, body errors or not. */
  resp = create_raw (other.token, org.account_id, "{\"title\": \"Ok\"}");
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);
  resp = create_raw (other.token, org.account_id, "{}");
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);

  /* Text that looks like SQL is just text. */
  hostile = kring_test_json_quote (sql);
  body
      = (g_free (body), g_strdup_printf ("{\"title\": %s, \"client_name\": %s}", hostile, hostile));
  resp = create_raw (org.token, org.account_id, body);
  kring_assert_status (resp, 201);
  g_assert_cmpstr (kring_test_str (resp, "title"), ==, sql);
  g_assert_cmpstr (kring_test_str (resp, "client_name"), ==, sql);
  kring_test_response_free (resp);
}

/* Visibility. */

static void
test_visibility (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autofree char *member = NULL;
  g_autofree char *member_email = NULL;
  g_autofree char *guest_email = kring_test_unique_email ("guest");
  g_autofree char *guest = NULL;
  g_autofree char *query = NULL;
  g_autoptr (GArray) ids = NULL;
  KringTestResponse *resp;
  gint64 mine, theirs, shared, foreign;

  kring_test_org_signup (srv, &org, "Zorg Visible", "team");
  kring_test_org_signup (srv, &other, "Zorg Elsewhere", "team");
  member = kring_test_org_join (srv, &org, "member", &member_email, NULL);
  theirs = kring_test_create_dossier (srv, org.token, org.account_id, "Owner's own", NULL);
  mine = kring_test_create_dossier (srv, member, org.account_id, "Member's", NULL);
  shared = kring_test_create_dossier (srv, org.token, org.account_id, "Shared with member", NULL);
  kring_test_add_participant (srv, org.token, shared, member_email);
  foreign = kring_test_create_dossier (srv, other.token, other.account_id, "Other account", NULL);
  kring_test_add_participant (srv, other.token, foreign, guest_email);
  kring_test_add_participant (srv, org.token, theirs, guest_email);
  kring_test_wait_for_mails (srv, guest_email, 2);
  guest = kring_test_accept_invitation (srv, guest_email, "Gast");

  /* The owner sees every dossier of the account, the member's too. */
  resp = list (org.token, "");
  kring_assert_status (resp, 200);
  ids = kring_test_item_ids (resp);
  g_assert_true (ids_contain (ids, theirs) && ids_contain (ids, mine) && ids_contain (ids, shared));
  g_assert_false (ids_contain (ids, foreign));
  g_clear_pointer (&ids, g_array_unref);
  kring_test_response_free (resp);

  /* The member sees what they take part in. */
  query = g_strdup_printf ("?account=%" G_GINT64_FORMAT, org.account_id);
  resp = list (member, query);
  kring_assert_status (resp, 200);
  ids = kring_test_item_ids (resp);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_true (ids_contain (ids, mine) && ids_contain (ids, shared));
  g_clear_pointer (&ids, g_array_unref);
  kring_test_response_free (resp);

  /* Without account: every dossier shared with the caller, any account. */
  resp = list (guest, "");
  kring_assert_status (resp, 200);
  ids = kring_test_item_ids (resp);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_true (ids_contain (ids, theirs) && ids_contain (ids, foreign));
  g_assert_cmpstr (kring_test_str (resp, "items.0.my_access"), ==, "guest");
  g_assert_false (kring_test_bool (resp, "items.0.can_write"));
  g_clear_pointer (&ids, g_array_unref);
  kring_test_response_free (resp);

  /* A guest is no teammate: naming the account is 404 even so. */
  resp = list (guest, query);
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);
  resp = list (other.token, query);
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);

  /* One dossier: 404 for what the caller cannot see. */
  resp = kring_test_dossier_request (srv, "GET", theirs, "", member, NULL);
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "GET", theirs, "", other.token, NULL);
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "GET", 999999, "", org.token, NULL);
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "GET", shared, "", member, NULL);
  kring_assert_status (resp, 200);
  g_assert_cmpstr (kring_test_str (resp, "my_access"), ==, "team");
  kring_test_response_free (resp);
  /* An owner who does not take part has no access level of their own. */
  resp = kring_test_dossier_request (srv, "GET", mine, "", org.token, NULL);
  kring_assert_status (resp, 200);
  g_assert_null (kring_test_str (resp, "my_access"));
  g_assert_true (kring_test_bool (resp, "can_write"));
  kring_test_response_free (resp);
  resp = list (org.token, query);
  ids = kring_test_item_ids (resp);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == mine)
      {
        g_autofree char *path = g_strdup_printf ("items.%u.my_access", i);
        g_assert_null (kring_test_str (resp, path));
      }
  kring_test_response_free (resp);
}

/* The list's order, filters and cursors. */

static void
test_list_order_and_pages (void)
{
  g_auto (KringTestOrg) org = { 0 };
  const char *titles[] = { "banaan", "Appel", "citroen", "appel", "Éclair", "APPEL", "druif" };
  gint64 ids[G_N_ELEMENTS (titles)];
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;
  g_autofree char *query = NULL;
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg Order", "team");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    ids[i] = kring_test_create_dossier (srv, org.token, org.account_id, titles[i], NULL);

  /* Pages of 2 walk the whole list once, in title order (case-folded), then id. */
  do
    {
      g_autofree char *path = NULL;

      path = cursor == NULL
                 ? g_strdup_printf ("?account=%" G_GINT64_FORMAT "&limit=2", org.account_id)
                 : g_strdup_printf ("?account=%" G_GINT64_FORMAT "&limit=2&cursor=%s",
                                    org.account_id, cursor);
      resp = list (org.token, path);
      kring_assert_status (resp, 200);
      g_assert_cmpuint (kring_test_len (resp, "items"), >=, 1);
      g_assert_cmpuint (kring_test_len (resp, "items"), <=, 2);
      for (guint i = 0; i < kring_test_len (resp, "items"); i++)
        {
          g_autofree char *p = g_strdup_printf ("items.%u.id", i);
          g_ptr_array_add (seen, g_strdup_printf ("%" G_GINT64_FORMAT, kring_test_int (resp, p)));
        }
      g_free (cursor);
      cursor = g_strdup (kring_test_str (resp, "next_cursor"));
      kring_test_response_free (resp);
    }
  while (cursor != NULL);

  g_assert_cmpuint (seen->len, ==, 7);
  /* appel ×3 by id, banaan, citroen, druif, éclair (é sorts after the ASCII letters). */
  {
    gint64 expected[] = { ids[1], ids[3], ids[5], ids[0], ids[2], ids[6], ids[4] };
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpint (g_ascii_strtoll (seen->pdata[i], NULL, 10), ==, expected[i]);
  }

  /* A cursor is bound to its query; forged and empty ones are refused. */
  query = g_strdup_printf ("?account=%" G_GINT64_FORMAT "&limit=2", org.account_id);
  resp = list (org.token, query);
  cursor = g_strdup (kring_test_str (resp, "next_cursor"));
  kring_test_response_free (resp);
  {
    g_autofree char *other_query = g_strdup_printf ("?limit=2&cursor=%s", cursor);
    g_autofree char *forged = g_strdup_printf ("%s&cursor=%sx", query, cursor);
    g_autofree char *garbage = g_strdup_printf ("%s&cursor=abc.def", query);
    g_autofree char *empty = g_strdup_printf ("%s&cursor=", query);
    const char *bad[] = { other_query,   forged,         garbage,      empty,
                          "?limit=0",    "?limit=201",   "?limit=x",   "?archived=yes",
                          "?archived=1", "?account=abc", "?account=0", "?limit=2&limit=3",
                          "?sort=title" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        resp = list (org.token, bad[i]);
        kring_assert_problem (resp, 400, "invalid_query");
        kring_test_response_free (resp);
      }
  }
  /* 400 before the account's 404. */
  resp = list (org.token, "?account=999999&archived=maybe");
  kring_assert_problem (resp, 400, "invalid_query");
  kring_test_response_free (resp);
  resp = list (org.token, "?account=999999");
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);
}

static void
test_list_query (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *base = NULL;
  KringTestResponse *resp;
  gint64 percent, underscore, plain, client, strasse;

  kring_test_org_signup (srv, &org, "Zorg Query", "team");
  base = g_strdup_printf ("?account=%" G_GINT64_FORMAT, org.account_id);
  percent = kring_test_create_dossier (srv, org.token, org.account_id, "Korting 100% Fam", NULL);
  underscore
      = kring_test_create_dossier (srv, org.token, org.account_id, "snake_case dossier", NULL);
  plain = kring_test_create_dossier (srv, org.token, org.account_id, "Korting 1000 Fam", "Ab_c");
  client = kring_test_create_dossier (srv, org.token, org.account_id, "Zonder", "Mevrouw PIETERS");
  strasse = kring_test_create_dossier (srv, org.token, org.account_id, "Großstraße", NULL);
  /* What LIKE would find for "e_c" and "0%". */
  kring_test_create_dossier (srv, org.token, org.account_id, "Rebecca", NULL);
  (void)plain;

  /* "%" and "_" are ordinary characters, not wildcards. */
  {
    struct
    {
      const char *q;
      gint64 only;
    } cases[] = {
      { "0%25", percent },         /* "0%" */
      { "e_c", underscore },       /* "e_c": not "snake case" nor "Ab_c" by wildcard */
      { "pieters", client },       /* client name, case-insensitive */
      { "mevrouw%20p", client },   /* spaces count */
      { "GROSSSTRASSE", strasse }, /* full case folding */
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *path = g_strdup_printf ("%s&q=%s", base, cases[i].q);
        g_autoptr (GArray) ids = NULL;

        resp = list (org.token, path);
        kring_assert_status (resp, 200);
        ids = kring_test_item_ids (resp);
        g_assert_cmpuint (ids->len, ==, 1);
        g_assert_cmpint (g_array_index (ids, gint64, 0), ==, cases[i].only);
        kring_test_response_free (resp);
      }
  }
  {
    g_autofree char *path = g_strdup_printf ("%s&q=korting", base);
    g_autofree char *none = g_strdup_printf ("%s&q=%%25%%25", base);

    resp = list (org.token, path);
    g_assert_cmpuint (kring_test_len (resp, "items"), ==, 2);
    kring_test_response_free (resp);
    resp = list (org.token, none);
    kring_assert_status (resp, 200);
    g_assert_cmpuint (kring_test_len (resp, "items"), ==, 0);
    g_assert_null (kring_test_str (resp, "next_cursor"));
    kring_test_response_free (resp);
  }
}

/* Reading one, and the audit of it. */

static void
test_get_and_view_audit (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *member = NULL;
  g_autofree char *member_email = NULL;
  KringTestResponse *resp;
  gint64 id;

  kring_test_org_signup (srv, &org, "Zorg View", "team");
  member = kring_test_org_join (srv, &org, "member", &member_email, NULL);
  id = kring_test_create_dossier (srv, org.token, org.account_id, "Viewed", "Client");
  kring_test_add_participant (srv, org.token, id, member_email);
  for (guint i = 0; i < 3; i++)
    {
      resp = kring_test_dossier_request (srv, "GET", id, "", member, NULL);
      kring_assert_status (resp, 200);
      g_assert_cmpstr (kring_test_str (resp, "title"), ==, "Viewed");
      g_assert_cmpstr (kring_test_str (resp, "client_name"), ==, "Client");
      g_assert_cmpint (kring_test_int (resp, "participants"), ==, 2);
      kring_test_response_free (resp);
    }
  /* The view is recorded after the answer: give the writer a moment. */
  for (guint i = 0; i < 50 && audit_count (&org, "dossier.viewed", id) == 0; i++)
    g_usleep (20 * 1000);
  g_usleep (200 * 1000);
  /* Three reads within 10 minutes: one event. */
  g_assert_cmpuint (audit_count (&org, "dossier.viewed", id), ==, 1);
}

/* Editing. */

static void
test_patch (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *member = NULL;
  g_autofree char *member_email = NULL;
  g_autofree char *outsider = NULL;
  g_autofree char *guest_email = kring_test_unique_email ("guest");
  g_autofree char *guest = NULL;
  KringTestResponse *resp;
  gint64 id;

  kring_test_org_signup (srv, &org, "Zorg Patch", "team");
  member = kring_test_org_join (srv, &org, "member", &member_email, NULL);
  outsider = kring_test_org_join (srv, &org, "member", NULL, NULL);
  id = kring_test_create_dossier (srv, org.token, org.account_id, "Before", "Client");
  kring_test_add_participant (srv, org.token, id, member_email);
  kring_test_add_participant (srv, org.token, id, guest_email);
  guest = kring_test_accept_invitation (srv, guest_email, NULL);

  resp = kring_test_dossier_request (srv, "PATCH", id, "", member, "{\"title\": \" After \"}");
  kring_assert_status (resp, 200);
  g_assert_cmpstr (kring_test_str (resp, "title"), ==, "After");
  g_assert_cmpstr (kring_test_str (resp, "client_name"), ==, "Client");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "PATCH", id, "", org.token, "{\"client_name\": null}");
  kring_assert_status (resp, 200);
  g_assert_cmpstr (kring_test_str (resp, "title"), ==, "After");
  g_assert_null (kring_test_str (resp, "client_name"));
  kring_test_response_free (resp);
  g_assert_cmpuint (audit_count (&org, "dossier.updated", id), ==, 2);

  /* Precedence: 404, 403, 422, 409. */
  resp = kring_test_dossier_request (srv, "PATCH", id, "", outsider, "{\"title\": 1}");
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "PATCH", id, "", guest, "{\"title\": 1}");
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "PATCH", id, "", member, "{\"title\": 1}");
  kring_assert_field (resp, "invalid_field", "title");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "PATCH", id, "", member, "{\"title\": null}");
  kring_assert_field (resp, "invalid_field", "title");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "PATCH", id, "", member, "{\"archived\": true}");
  kring_assert_field (resp, "invalid_field", "archived");
  kring_test_response_free (resp);

  /* A team participant without can_write may not edit. */
  {
    g_autoptr (KringTestResponse) people
        = kring_test_dossier_request (srv, "GET", id, "/participants", org.token, NULL);
    g_autofree char *pid_path = NULL;

    for (guint i = 0; i < kring_test_len (people, "items"); i++)
      {
        g_autofree char *email = g_strdup_printf ("items.%u.email", i);
        g_autofree char *pid = g_strdup_printf ("items.%u.id", i);

        if (g_strcmp0 (kring_test_str (people, email), member_email) == 0)
          pid_path
              = g_strdup_printf ("/participants/%" G_GINT64_FORMAT, kring_test_int (people, pid));
      }
    g_assert_nonnull (pid_path);
    resp = kring_test_dossier_request (srv, "PATCH", id, pid_path, org.token,
                                       "{\"can_write\": false}");
    kring_assert_status (resp, 200);
    kring_test_response_free (resp);
    resp = kring_test_dossier_request (srv, "PATCH", id, "", member, "{\"title\": \"Again\"}");
    kring_assert_problem (resp, 403, "forbidden");
    kring_test_response_free (resp);
  }

  resp = kring_test_dossier_request (srv, "DELETE", id, "", org.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "PATCH", id, "", org.token, "{\"title\": 1}");
  kring_assert_field (resp, "invalid_field", "title");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "PATCH", id, "", org.token, "{\"title\": \"Archived\"}");
  kring_assert_problem (resp, 409, "dossier_archived");
  kring_test_response_free (resp);
}

/* Archiving and restoring. */

static void
test_archive_restore (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *member = NULL;
  g_autofree char *member_email = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *query = NULL;
  g_autofree char *archived_query = NULL;
  g_autoptr (GArray) ids = NULL;
  KringTestResponse *resp;
  gint64 id, live;

  kring_test_org_signup (srv, &org, "Zorg Archive", "team");
  member = kring_test_org_join (srv, &org, "member", &member_email, NULL);
  admin = kring_test_org_join (srv, &org, "admin", NULL, NULL);
  id = kring_test_create_dossier (srv, member, org.account_id, "To archive", NULL);
  live = kring_test_create_dossier (srv, org.token, org.account_id, "Stays", NULL);
  query = g_strdup_printf ("?account=%" G_GINT64_FORMAT, org.account_id);
  archived_query = g_strdup_printf ("?account=%" G_GINT64_FORMAT "&archived=true", org.account_id);

  /* Only owners and admins archive. */
  resp = kring_test_dossier_request (srv, "DELETE", id, "", member, NULL);
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "DELETE", id, "", admin, NULL);
  kring_assert_status (resp, 204);
  g_assert_cmpstr (resp->body, ==, "");
  kring_test_response_free (resp);
  g_assert_cmpuint (audit_count (&org, "dossier.archived", id), ==, 1);

  /* Listed only with archived=true; still readable by its participants. */
  resp = list (org.token, query);
  ids = kring_test_item_ids (resp);
  g_assert_false (ids_contain (ids, id));
  g_assert_true (ids_contain (ids, live));
  g_clear_pointer (&ids, g_array_unref);
  kring_test_response_free (resp);
  resp = list (member, archived_query);
  ids = kring_test_item_ids (resp);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
  g_assert_true (kring_test_bool (resp, "items.0.archived"));
  g_clear_pointer (&ids, g_array_unref);
  kring_test_response_free (resp);
  resp = list (org.token, "?archived=false");
  ids = kring_test_item_ids (resp);
  g_assert_false (ids_contain (ids, id));
  g_clear_pointer (&ids, g_array_unref);
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "GET", id, "", member, NULL);
  kring_assert_status (resp, 200);
  g_assert_true (kring_test_bool (resp, "archived"));
  kring_test_response_free (resp);

  /* Archiving again changes nothing. */
  resp = kring_test_dossier_request (srv, "DELETE", id, "", org.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  g_assert_cmpuint (audit_count (&org, "dossier.archived", id), ==, 1);

  resp = kring_test_dossier_request (srv, "POST", id, "/restore", member, NULL);
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "POST", id, "/restore", org.token, "{\"x\": 1}");
  kring_assert_field (resp, "invalid_field", "x");
  kring_test_response_free (resp);
  resp = kring_test_dossier_request (srv, "POST", id, "/restore", org.token, NULL);
  kring_assert_status (resp, 200);
  g_assert_false (kring_test_bool (resp, "archived"));
  g_assert_cmpint (kring_test_int (resp, "id"), ==, id);
  kring_test_response_free (resp);
  g_assert_cmpuint (audit_count (&org, "dossier.restored", id), ==, 1);
  resp = list (member, query);
  ids = kring_test_item_ids (resp);
  g_assert_true (ids_contain (ids, id));
  kring_test_response_free (resp);

  resp = kring_test_dossier_request (srv, "PUT", id, "", org.token, "{}");
  kring_assert_problem (resp, 405, "method_not_allowed");
  kring_test_response_free (resp);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  srv = kring_test_server_start (NULL);
  g_test_add_func ("/dossiers/create", test_create);
  g_test_add_func ("/dossiers/create-invalid", test_create_invalid);
  g_test_add_func ("/dossiers/visibility", test_visibility);
  g_test_add_func ("/dossiers/list-order-and-pages", test_list_order_and_pages);
  g_test_add_func ("/dossiers/list-query", test_list_query);
  g_test_add_func ("/dossiers/get-and-view-audit", test_get_and_view_audit);
  g_test_add_func ("/dossiers/patch", test_patch);
  g_test_add_func ("/dossiers/archive-restore", test_archive_restore);
  status = g_test_run ();
  kring_test_server_stop (srv);
  return status;
}
