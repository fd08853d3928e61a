/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log (API.md "Audit log", DOMAIN.md R8): who may read it, what
 * the other endpoints write into it, filters, pages, and the throttled
 * dossier.viewed.  One kringd for the file, fresh organisations per case. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-test-server.h"

static KringTestServer *srv;

typedef struct
{
  char *owner;
  gint64 owner_id;
  gint64 account_id;
  gint64 dossier_id;
} Org;

static void
org_free (Org *org)
{
  g_free (org->owner);
  g_free (org);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Org, org_free)

static Org *
org_new (void)
{
  Org *org = g_new0 (Org, 1);
  g_autofree char *email = kring_test_unique_email ("owner");
  g_autoptr (KringTestResponse) me = NULL;

  org->owner = kring_test_signup (srv, email, "Zorg BV", "team", &org->account_id);
  me = kring_test_request (srv, "GET", "/api/v1/me", org->owner, NULL);
  kring_assert_status (me, 200);
  org->owner_id = kring_test_int (me, "user.id");
  org->dossier_id = kring_test_create_dossier (srv, org->owner, org->account_id, "Client A", NULL);
  return org;
}

/* Adds a teammate of @role and signs them in. */
static char *
add_teammate (Org *org, const char *email, const char *role)
{
  return kring_test_join_team (srv, org->owner, org->account_id, email, role, "Colleague", NULL);
}

/* Adds a guest who writes and signs them in. */
static char *
add_guest (Org *org, gint64 dossier_id, const char *email)
{
  return kring_test_invite_participant (srv, org->owner, dossier_id, email, TRUE, "Family", NULL);
}

static gint64
post_entry (const char *token, gint64 dossier_id)
{
  g_autofree char *path
      = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/entries", dossier_id);
  g_autoptr (KringTestResponse) r
      = kring_test_request (srv, "POST", path, token, "{\"body\": \"note\"}");

  kring_assert_status (r, 201);
  return kring_test_int (r, "id");
}

static KringTestResponse *
get_audit (const char *token, gint64 account_id, const char *query)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/audit%s",
                                           account_id, query != NULL ? query : "");

  return kring_test_request (srv, "GET", path, token, NULL);
}

/* The index of the first (newest) item with @action, or -1. */
static int
find_action (KringTestResponse *r, const char *action)
{
  for (guint i = 0; i < kring_test_len (r, "items"); i++)
    {
      g_autofree char *path = g_strdup_printf ("items.%u.action", i);

      if (g_strcmp0 (kring_test_str (r, path), action) == 0)
        return (int)i;
    }
  return -1;
}

static JsonObject *
item (KringTestResponse *r, int index)
{
  g_autofree char *path = g_strdup_printf ("items.%d", index);

  g_assert_cmpint (index, >=, 0);
  return json_node_get_object (kring_test_get (r, path));
}

static void
test_access (void)
{
  g_autoptr (Org) org = org_new ();
  g_autoptr (Org) other = org_new ();
  g_autofree char *admin_email = kring_test_unique_email ("admin");
  g_autofree char *member_email = kring_test_unique_email ("member");
  g_autofree char *admin = add_teammate (org, admin_email, "admin");
  g_autofree char *member = add_teammate (org, member_email, "member");
  g_autofree char *path
      = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/audit", org->account_id);
  static const char *const bad_queries[] = {
    "?dossier=0", "?dossier=abc", "?dossier=-1",    "?dossier=", "?limit=0",
    "?limit=201", "?cursor=",     "?cursor=forged", "?foo=1",    "?action=a&action=b",
  };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (KringTestResponse) r
          = get_audit (i == 0 ? org->owner : admin, org->account_id, NULL);
      kring_assert_status (r, 200);
      g_assert_true (kring_test_has (r, "next_cursor"));
    }
  {
    g_autoptr (KringTestResponse) r1 = get_audit (member, org->account_id, NULL);
    g_autoptr (KringTestResponse) r2 = get_audit (other->owner, org->account_id, NULL);
    g_autoptr (KringTestResponse) r3 = get_audit (org->owner, 987654321, NULL);
    g_autoptr (KringTestResponse) r4 = get_audit (NULL, org->account_id, NULL);

    kring_assert_problem (r1, 403, "forbidden");
    kring_assert_problem (r2, 404, "not_found");
    kring_assert_problem (r3, 404, "not_found");
    kring_assert_problem (r4, 401, "unauthenticated");
  }
  /* No endpoint changes the log. */
  for (guint i = 0; i < 4; i++)
    {
      static const char *const methods[] = { "POST", "DELETE", "PUT", "PATCH" };
      g_autoptr (KringTestResponse) r
          = kring_test_request (srv, methods[i], path, org->owner, "{}");

      kring_assert_problem (r, 405, "method_not_allowed");
      g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Allow"), ==, "GET");
    }
  /* 400 comes before 403 and 404. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_queries); i++)
    {
      g_autoptr (KringTestResponse) r1 = get_audit (org->owner, org->account_id, bad_queries[i]);
      g_autoptr (KringTestResponse) r2 = get_audit (member, org->account_id, bad_queries[i]);

      kring_assert_problem (r1, 400, "invalid_query");
      kring_assert_problem (r2, 400, "invalid_query");
    }
}

static void
test_events (void)
{
  g_autoptr (Org) org = org_new ();
  g_autofree char *guest_email = kring_test_unique_email ("guest");
  g_autofree char *member_email = kring_test_unique_email ("member");
  g_autofree char *guest = add_guest (org, org->dossier_id, guest_email);
  g_autofree char *member = add_teammate (org, member_email, "member");
  gint64 owner_entry = post_entry (org->owner, org->dossier_id);
  gint64 guest_entry = post_entry (guest, org->dossier_id);
  g_autoptr (KringTestResponse) r = get_audit (org->owner, org->account_id, "?limit=200");
  g_autoptr (GRegex) rfc3339
      = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", 0, 0, NULL);
  JsonObject *o;
  int i;

  kring_assert_status (r, 200);
  g_assert_true (JSON_NODE_HOLDS_NULL (kring_test_get (r, "next_cursor")));
  for (guint k = 1; k < kring_test_len (r, "items"); k++)
    {
      g_autofree char *a = g_strdup_printf ("items.%u.id", k - 1);
      g_autofree char *b = g_strdup_printf ("items.%u.id", k);
      g_autofree char *at = g_strdup_printf ("items.%u.at", k);

      g_assert_cmpint (kring_test_int (r, a), >, kring_test_int (r, b));
      g_assert_true (g_regex_match (rfc3339, kring_test_str (r, at), 0, NULL));
    }

  o = item (r, i = find_action (r, "dossier.created"));
  g_assert_cmpint (json_object_get_int_member (o, "dossier_id"), ==, org->dossier_id);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "actor"), "id"),
                   ==, org->owner_id);
  g_assert_true (json_object_has_member (json_object_get_object_member (o, "actor"), "email"));

  o = item (r, find_action (r, "participant.added"));
  g_assert_cmpstr (json_object_get_string_member (o, "subject_email"), ==, guest_email);
  g_assert_cmpint (json_object_get_int_member (o, "dossier_id"), ==, org->dossier_id);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "actor"), "id"),
                   ==, org->owner_id);

  o = item (r, find_action (r, "teammate.added"));
  g_assert_cmpstr (json_object_get_string_member (o, "subject_email"), ==, member_email);
  g_assert_false (json_object_has_member (o, "dossier_id"));

  /* The newest entry.created is the guest's, with the guest as actor. */
  o = item (r, i = find_action (r, "entry.created"));
  g_assert_cmpint (json_object_get_int_member (o, "dossier_id"), ==, org->dossier_id);
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (o, "detail"), "entry_id"), ==,
      guest_entry);
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (o, "actor"), "email"), ==,
      guest_email);
  g_assert_false (json_object_has_member (o, "subject_email"));
  o = item (r, i + 1);
  g_assert_cmpstr (json_object_get_string_member (o, "action"), ==, "entry.created");
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (o, "detail"), "entry_id"), ==,
      owner_entry);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "actor"), "id"),
                   ==, org->owner_id);
  g_assert_nonnull (member);
}

static guint
count_items (const char *token, gint64 account_id, const char *query)
{
  g_autoptr (KringTestResponse) r = get_audit (token, account_id, query);

  kring_assert_status (r, 200);
  g_assert_true (JSON_NODE_HOLDS_NULL (kring_test_get (r, "next_cursor")));
  return kring_test_len (r, "items");
}

static void
test_filters_and_pages (void)
{
  g_autoptr (Org) org = org_new ();
  g_autoptr (Org) other = org_new ();
  gint64 second = kring_test_create_dossier (srv, org->owner, org->account_id, "Client B", NULL);
  g_autofree char *q1 = g_strdup_printf ("?limit=200&dossier=%" G_GINT64_FORMAT, org->dossier_id);
  g_autofree char *q2
      = g_strdup_printf ("?limit=200&action=entry.created&dossier=%" G_GINT64_FORMAT, second);
  g_autofree char *q3 = g_strdup_printf ("?limit=200&dossier=%" G_GINT64_FORMAT, other->dossier_id);
  g_autoptr (KringTestResponse) by_dossier = NULL;
  g_autoptr (KringTestResponse) all = NULL;
  g_autofree char *cursor = NULL;
  guint total, walked = 0;

  for (guint i = 0; i < 3; i++)
    post_entry (org->owner, org->dossier_id);
  for (guint i = 0; i < 2; i++)
    post_entry (org->owner, second);

  g_assert_cmpuint (count_items (org->owner, org->account_id, "?limit=200&action=entry.created"),
                    ==, 5);
  g_assert_cmpuint (count_items (org->owner, org->account_id, q2), ==, 2);
  g_assert_cmpuint (count_items (org->owner, org->account_id, "?action=no.such"), ==, 0);
  g_assert_cmpuint (count_items (org->owner, org->account_id, "?action=entry"), ==, 0);
  /* Another account's dossier is not in this log. */
  g_assert_cmpuint (count_items (org->owner, org->account_id, q3), ==, 0);
  g_assert_cmpuint (
      count_items (other->owner, other->account_id, "?limit=200&action=entry.created"), ==, 0);

  by_dossier = get_audit (org->owner, org->account_id, q1);
  kring_assert_status (by_dossier, 200);
  g_assert_cmpuint (kring_test_len (by_dossier, "items"), >=, 4); /* dossier.created + 3 entries */
  for (guint i = 0; i < kring_test_len (by_dossier, "items"); i++)
    g_assert_cmpint (json_object_get_int_member (item (by_dossier, i), "dossier_id"), ==,
                     org->dossier_id);

  /* Walking with limit=2 meets every event once, in the same order. */
  all = get_audit (org->owner, org->account_id, "?limit=200");
  total = kring_test_len (all, "items");
  g_assert_cmpuint (total, >=, 7);
  do
    {
      g_autofree char *query
          = cursor != NULL ? g_strdup_printf ("?limit=2&cursor=%s", cursor) : g_strdup ("?limit=2");
      g_autoptr (KringTestResponse) page = get_audit (org->owner, org->account_id, query);
      JsonNode *next;

      kring_assert_status (page, 200);
      g_assert_cmpuint (kring_test_len (page, "items"), >, 0);
      for (guint i = 0; i < kring_test_len (page, "items"); i++, walked++)
        g_assert_cmpint (json_object_get_int_member (item (page, i), "id"), ==,
                         json_object_get_int_member (item (all, walked), "id"));
      next = kring_test_get (page, "next_cursor");
      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        {
          g_autoptr (KringTestResponse) foreign = NULL;
          g_autofree char *q
              = g_strdup_printf ("?action=entry.created&cursor=%s", json_node_get_string (next));

          cursor = g_strdup (json_node_get_string (next));
          /* A cursor is bound to its query. */
          foreign = get_audit (org->owner, org->account_id, q);
          kring_assert_problem (foreign, 400, "invalid_query");
        }
    }
  while (cursor != NULL);
  g_assert_cmpuint (walked, ==, total);
}

static void
test_operator (void)
{
  g_autoptr (Org) org = org_new ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, org->account_id);
  g_autofree char *out = kring_test_admin (srv, "set-status", id, "active", NULL);
  g_autoptr (KringTestResponse) r
      = get_audit (org->owner, org->account_id, "?action=account.updated");
  JsonObject *o, *detail;

  kring_assert_status (r, 200);
  o = item (r, 0);
  g_assert_true (json_node_is_null (json_object_get_member (o, "actor")));
  /* API.md: detail is exactly {"by": "operator"}. */
  detail = json_object_get_object_member (o, "detail");
  g_assert_cmpstr (json_object_get_string_member (detail, "by"), ==, "operator");
  g_assert_cmpuint (json_object_get_size (detail), ==, 1);
  g_assert_false (json_object_has_member (o, "dossier_id"));
  g_assert_false (json_object_has_member (o, "subject_email"));
}

/* dossier.viewed is written without making the read wait: poll for it. */
static guint
count_views (Org *org, gint64 dossier_id, gint64 actor_id, guint expected)
{
  g_autofree char *query
      = g_strdup_printf ("?limit=200&action=dossier.viewed&dossier=%" G_GINT64_FORMAT, dossier_id);
  guint n = 0;

  for (guint attempt = 0; attempt < 50; attempt++)
    {
      g_autoptr (KringTestResponse) r = get_audit (org->owner, org->account_id, query);

      kring_assert_status (r, 200);
      n = 0;
      for (guint i = 0; i < kring_test_len (r, "items"); i++)
        if (json_object_get_int_member (json_object_get_object_member (item (r, i), "actor"), "id")
            == actor_id)
          n++;
      if (n >= expected)
        break;
      g_usleep (100 * 1000);
    }
  return n;
}

static void
get_ok (const char *token, const char *path)
{
  g_autoptr (KringTestResponse) r = kring_test_request (srv, "GET", path, token, NULL);

  kring_assert_status (r, 200);
}

static void
test_viewed (void)
{
  g_autoptr (Org) org = org_new ();
  g_autofree char *guest_email = kring_test_unique_email ("guest");
  g_autofree char *guest = add_guest (org, org->dossier_id, guest_email);
  g_autofree char *entries
      = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/entries", org->dossier_id);
  g_autofree char *dossier
      = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT, org->dossier_id);
  g_autofree char *one = NULL;
  g_autoptr (KringTestResponse) me = kring_test_request (srv, "GET", "/api/v1/me", guest, NULL);
  gint64 entry = post_entry (org->owner, org->dossier_id);
  gint64 guest_id = kring_test_int (me, "user.id");
  g_autoptr (KringTestResponse) response = NULL;
  KringTestServer *second;

  one = g_strdup_printf ("%s/%" G_GINT64_FORMAT, entries, entry);
  g_assert_cmpuint (count_views (org, org->dossier_id, org->owner_id, 0), ==, 0);
  get_ok (org->owner, entries);
  get_ok (org->owner, entries);
  get_ok (org->owner, dossier);
  get_ok (guest, entries);
  get_ok (guest, one);
  g_assert_cmpuint (count_views (org, org->dossier_id, org->owner_id, 1), ==, 1);
  g_assert_cmpuint (count_views (org, org->dossier_id, guest_id, 1), ==, 1);
  /* Give a wrongly queued second event time to land, then count again.  A
   * second process on the same database has no memory of the first one's
   * views: the store itself must refuse the repeat. */
  get_ok (org->owner, entries);
  get_ok (guest, entries);
  second = kring_test_server_start_sharing (srv, NULL);
  response = kring_test_request (second, "GET", entries, org->owner, NULL);
  kring_assert_status (response, 200);
  g_clear_pointer (&response, kring_test_response_free);
  response = kring_test_request (second, "GET", dossier, guest, NULL);
  kring_assert_status (response, 200);
  g_usleep (500 * 1000);
  g_assert_cmpuint (count_views (org, org->dossier_id, org->owner_id, 1), ==, 1);
  g_assert_cmpuint (count_views (org, org->dossier_id, guest_id, 1), ==, 1);
  kring_test_server_stop (second);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/audit/access", test_access);
  g_test_add_func ("/audit/events", test_events);
  g_test_add_func ("/audit/filters-and-pages", test_filters_and_pages);
  g_test_add_func ("/audit/viewed", test_viewed);
  g_test_add_func ("/audit/operator", test_operator);

  srv = kring_test_server_start (NULL);
  status = g_test_run ();
  kring_test_server_stop (srv);
  return status;
}
