/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Journal entries (API.md "Journal entries", DOMAIN.md R7, R10): one kringd
 * for the file, a fresh organisation per test case. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-test-server.h"

static KringTestServer *srv;

typedef struct
{
  char *owner; /* token of the account's owner */
  char *owner_email;
  gint64 account_id;
  gint64 dossier_id;
  char *guest; /* token of a guest participant with can_write */
  gint64 guest_user_id;
} World;

static void
world_free (World *w)
{
  g_free (w->owner);
  g_free (w->owner_email);
  g_free (w->guest);
  g_free (w);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (World, world_free)

/* Invites @email into the dossier and signs them in through the invitation. */
static char *
add_participant (const char *owner, gint64 dossier_id, const char *email, gboolean can_write,
                 gint64 *out_user_id)
{
  return kring_test_invite_participant (srv, owner, dossier_id, email, can_write, "Family Member",
                                        out_user_id);
}

static World *
world_new (void)
{
  World *w = g_new0 (World, 1);
  g_autofree char *guest_email = kring_test_unique_email ("guest");

  w->owner_email = kring_test_unique_email ("owner");
  w->owner = kring_test_signup (srv, w->owner_email, "Zorg BV", "team", &w->account_id);
  w->dossier_id = kring_test_create_dossier (srv, w->owner, w->account_id, "Client A", NULL);
  w->guest = add_participant (w->owner, w->dossier_id, guest_email, TRUE, &w->guest_user_id);
  return w;
}

static char *
entries_path (gint64 dossier_id)
{
  return g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/entries", dossier_id);
}

static char *
entry_path (gint64 dossier_id, gint64 entry_id)
{
  return g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/entries/%" G_GINT64_FORMAT,
                          dossier_id, entry_id);
}

/* Posts a raw JSON body as an entry. */
static KringTestResponse *
post_raw (const char *token, gint64 dossier_id, const char *json)
{
  g_autofree char *path = entries_path (dossier_id);

  return kring_test_request (srv, "POST", path, token, "%s", json);
}

/* Posts an entry and asserts 201; returns its id. */
static gint64
post_ok (const char *token, gint64 dossier_id, const char *json)
{
  g_autoptr (KringTestResponse) r = post_raw (token, dossier_id, json);

  kring_assert_status (r, 201);
  return kring_test_int (r, "id");
}

static gint64
post_simple (const char *token, gint64 dossier_id, const char *visibility, gint64 corrects)
{
  g_autofree char *json = NULL;

  if (corrects > 0)
    json = g_strdup_printf (
        "{\"body\": \"note\", \"visibility\": \"%s\", \"corrects\": %" G_GINT64_FORMAT "}",
        visibility, corrects);
  else
    json = g_strdup_printf ("{\"body\": \"note\", \"visibility\": \"%s\"}", visibility);
  return post_ok (token, dossier_id, json);
}

static void
assert_post_field (const char *token, gint64 dossier_id, const char *json, const char *field)
{
  g_autoptr (KringTestResponse) r = post_raw (token, dossier_id, json);

  kring_assert_field (r, "invalid_field", field);
}

static KringTestResponse *
get_list (const char *token, gint64 dossier_id, const char *query)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/entries%s",
                                           dossier_id, query != NULL ? query : "");

  return kring_test_request (srv, "GET", path, token, NULL);
}

/* The ids of a list response, in order. */
static GArray *
item_ids (KringTestResponse *r, const char *member, guint index)
{
  g_autofree char *path = g_strdup_printf ("items.%u.%s", index, member);
  JsonArray *array = json_node_get_array (kring_test_get (r, path));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 id = json_array_get_int_element (array, i);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
assert_ids (GArray *ids, guint n, ...)
{
  va_list args;

  g_assert_cmpuint (ids->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, va_arg (args, gint64));
  va_end (args);
  g_array_unref (ids);
}

static void
test_create_and_read (void)
{
  g_autoptr (World) w = world_new ();
  g_autoptr (KringTestResponse) created = NULL;
  g_autoptr (KringTestResponse) one = NULL;
  g_autoptr (KringTestResponse) list = NULL;
  g_autoptr (GRegex) rfc3339
      = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", 0, 0, NULL);
  g_autofree char *path = NULL;
  gint64 id;

  created = post_raw (w->owner, w->dossier_id, "{\"body\": \"  Slept well.\\nAte \\tlunch.  \"}");
  kring_assert_status (created, 201);
  id = kring_test_int (created, "id");
  g_assert_cmpint (kring_test_int (created, "dossier_id"), ==, w->dossier_id);
  g_assert_cmpstr (kring_test_str (created, "body"), ==, "  Slept well.\nAte \tlunch.  ");
  g_assert_cmpstr (kring_test_str (created, "visibility"), ==, "everyone");
  g_assert_true (JSON_NODE_HOLDS_NULL (kring_test_get (created, "corrects")));
  g_assert_cmpuint (kring_test_len (created, "corrected_by"), ==, 0);
  g_assert_true (g_regex_match (rfc3339, kring_test_str (created, "created_at"), 0, NULL));
  g_assert_cmpstr (kring_test_str (created, "author.email"), ==, w->owner_email);
  g_assert_cmpstr (kring_test_str (created, "author.name"), ==, "Owner of Zorg BV");
  g_assert_cmpint (json_object_get_size (json_node_get_object (created->json)), ==, 8);

  path = entry_path (w->dossier_id, id);
  one = kring_test_request (srv, "GET", path, w->owner, NULL);
  kring_assert_status (one, 200);
  g_assert_cmpstr (one->body, ==, created->body);

  list = get_list (w->owner, w->dossier_id, NULL);
  kring_assert_status (list, 200);
  g_assert_cmpuint (kring_test_len (list, "items"), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (kring_test_get (list, "next_cursor")));
  g_assert_cmpint (kring_test_int (list, "items.0.author.id"), ==,
                   kring_test_int (created, "author.id"));
  g_assert_cmpstr (kring_test_str (list, "items.0.body"), ==, kring_test_str (created, "body"));
}

static void
test_body_rules (void)
{
  g_autoptr (World) w = world_new ();
  g_autofree char *max = g_strnfill (65536, 'a');
  g_autofree char *over = g_strnfill (65537, 'a');
  g_autoptr (GString) accents = g_string_new (NULL);
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"body\": \"%s\"}", max);
  post_ok (w->owner, w->dossier_id, json);
  g_free (json);
  json = g_strdup_printf ("{\"body\": \"%s\"}", over);
  assert_post_field (w->owner, w->dossier_id, json, "body");
  /* Bytes, not code points: 32,768 two-byte characters fit, one more not. */
  for (guint i = 0; i < 32768; i++)
    g_string_append (accents, "é");
  g_free (json);
  json = g_strdup_printf ("{\"body\": \"%s\"}", accents->str);
  post_ok (w->owner, w->dossier_id, json);
  g_string_append (accents, "é");
  g_free (json);
  json = g_strdup_printf ("{\"body\": \"%s\"}", accents->str);
  assert_post_field (w->owner, w->dossier_id, json, "body");

  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"\"}", "body");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \" \\n\\t \"}", "body");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"a\\u0001b\"}", "body");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"line\\r\\nnext\"}", "body");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"bell\\u0007\"}", "body");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"del\\u007f\"}", "body");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": 12}", "body");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": null}", "body");
  assert_post_field (w->owner, w->dossier_id, "{\"visibility\": \"everyone\"}", "body");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"x\", \"visibilty\": \"everyone\"}",
                     "visibilty");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"x\", \"visibility\": \"secret\"}",
                     "visibility");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"x\", \"visibility\": null}",
                     "visibility");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"x\", \"visibility\": \"Everyone\"}",
                     "visibility");
  post_ok (w->owner, w->dossier_id, "{\"body\": \"tab\\tand\\nnewline\"}");
}

static void
test_malformed_requests (void)
{
  g_autoptr (World) w = world_new ();
  g_autofree char *path = entries_path (w->dossier_id);
  g_autoptr (KringTestResponse) dup = NULL;
  g_autoptr (KringTestResponse) no_body = NULL;
  g_autoptr (KringTestResponse) anonymous = NULL;
  g_autoptr (KringTestResponse) bad_limit = NULL;
  g_autoptr (KringTestResponse) forged = NULL;
  g_autoptr (KringTestResponse) unknown = NULL;

  dup = post_raw (
      w->owner, w->dossier_id,
      "{\"body\": \"x\", \"visibility\": \"professionals\", \"visibility\": \"everyone\"}");
  kring_assert_problem (dup, 400, "invalid_json");
  no_body = kring_test_request (srv, "POST", path, w->owner, NULL);
  kring_assert_problem (no_body, 400, "invalid_json");
  anonymous = kring_test_request (srv, "GET", path, NULL, NULL);
  kring_assert_problem (anonymous, 401, "unauthenticated");
  bad_limit = get_list (w->owner, w->dossier_id, "?limit=0");
  kring_assert_problem (bad_limit, 400, "invalid_query");
  forged = get_list (w->owner, w->dossier_id, "?cursor=MTA6.abc");
  kring_assert_problem (forged, 400, "invalid_query");
  unknown = get_list (w->owner, w->dossier_id, "?visibility=everyone");
  kring_assert_problem (unknown, 400, "invalid_query");
}

static void
test_permissions (void)
{
  g_autoptr (World) w = world_new ();
  g_autoptr (World) other = world_new ();
  g_autofree char *reader_email = kring_test_unique_email ("reader");
  g_autofree char *reader = add_participant (w->owner, w->dossier_id, reader_email, FALSE, NULL);
  gint64 id = post_simple (w->owner, w->dossier_id, "everyone", 0);
  g_autofree char *one = entry_path (w->dossier_id, id);
  g_autoptr (KringTestResponse) r1 = NULL;
  g_autoptr (KringTestResponse) r2 = NULL;
  g_autoptr (KringTestResponse) r3 = NULL;
  g_autoptr (KringTestResponse) r4 = NULL;
  g_autoptr (KringTestResponse) r5 = NULL;
  g_autoptr (KringTestResponse) r6 = NULL;
  g_autoptr (KringTestResponse) r7 = NULL;

  /* A reader without can_write sees the dossier: 403, after the 404 check. */
  r1 = post_raw (reader, w->dossier_id, "{\"body\": \"hello\"}");
  kring_assert_problem (r1, 403, "forbidden");
  r2 = post_raw (reader, w->dossier_id, "{\"bogus\": 1}");
  kring_assert_problem (r2, 403, "forbidden");
  r3 = get_list (reader, w->dossier_id, NULL);
  kring_assert_status (r3, 200);

  /* Another organisation's owner cannot learn the dossier exists. */
  r4 = post_raw (other->owner, w->dossier_id, "{\"body\": \"hello\"}");
  kring_assert_problem (r4, 404, "not_found");
  r5 = get_list (other->owner, w->dossier_id, NULL);
  kring_assert_problem (r5, 404, "not_found");
  r6 = kring_test_request (srv, "GET", one, other->owner, NULL);
  kring_assert_problem (r6, 404, "not_found");

  /* An entry of another dossier is not found under this one. */
  g_free (one);
  one = entry_path (other->dossier_id, id);
  r7 = kring_test_request (srv, "GET", one, other->owner, NULL);
  kring_assert_problem (r7, 404, "not_found");

  /* A guest with can_write writes for everyone, never for professionals. */
  post_simple (w->guest, w->dossier_id, "everyone", 0);
  assert_post_field (w->guest, w->dossier_id,
                     "{\"body\": \"x\", \"visibility\": \"professionals\"}", "visibility");
}

static void
assert_405 (const char *method, const char *path, const char *token, const char *allow)
{
  g_autoptr (KringTestResponse) r
      = kring_test_request (srv, method, path, token, "{\"body\": \"changed\"}");

  kring_assert_problem (r, 405, "method_not_allowed");
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Allow"), ==, allow);
}

static void
test_immutable (void)
{
  g_autoptr (World) w = world_new ();
  gint64 id = post_simple (w->owner, w->dossier_id, "everyone", 0);
  g_autofree char *one = entry_path (w->dossier_id, id);
  g_autofree char *all = entries_path (w->dossier_id);
  g_autoptr (KringTestResponse) after = NULL;

  assert_405 ("PUT", one, w->owner, "GET");
  assert_405 ("PATCH", one, w->owner, "GET");
  assert_405 ("DELETE", one, w->owner, "GET");
  assert_405 ("DELETE", one, NULL, "GET");
  assert_405 ("PUT", all, w->owner, "GET, POST");
  after = kring_test_request (srv, "GET", one, w->owner, NULL);
  kring_assert_status (after, 200);
  g_assert_cmpstr (kring_test_str (after, "body"), ==, "note");
}

static void
test_guest_view (void)
{
  g_autoptr (World) w = world_new ();
  gint64 e1 = post_simple (w->owner, w->dossier_id, "everyone", 0);
  gint64 e2 = post_simple (w->owner, w->dossier_id, "professionals", 0);
  gint64 e3 = post_simple (w->owner, w->dossier_id, "everyone", 0);
  gint64 e4 = post_simple (w->owner, w->dossier_id, "professionals", e2);
  gint64 e5 = post_simple (w->owner, w->dossier_id, "professionals", e1);
  gint64 e6 = post_simple (w->owner, w->dossier_id, "everyone", e1);
  g_autoptr (KringTestResponse) full = get_list (w->owner, w->dossier_id, NULL);
  g_autoptr (KringTestResponse) guest = get_list (w->guest, w->dossier_id, NULL);
  g_autoptr (KringTestResponse) one = NULL;
  g_autoptr (KringTestResponse) hidden = NULL;
  g_autofree char *path = NULL;

  kring_assert_status (full, 200);
  assert_ids (kring_test_item_ids (full), 6, e6, e5, e4, e3, e2, e1);
  assert_ids (item_ids (full, "corrected_by", 5), 2, e5, e6);
  assert_ids (item_ids (full, "corrected_by", 4), 1, e4);
  g_assert_cmpint (kring_test_int (full, "items.2.corrects"), ==, e2);
  g_assert_cmpstr (kring_test_str (full, "items.1.visibility"), ==, "professionals");

  kring_assert_status (guest, 200);
  assert_ids (kring_test_item_ids (guest), 3, e6, e3, e1);
  assert_ids (item_ids (guest, "corrected_by", 2), 1, e6);
  g_assert_cmpint (kring_test_int (guest, "items.0.corrects"), ==, e1);
  g_assert_false (strstr (guest->body, "professionals") != NULL);
  /* Names only: a guest sees no author's email. */
  g_assert_false (kring_test_has (guest, "items.0.author.email"));
  g_assert_nonnull (kring_test_str (guest, "items.0.author.name"));
  g_assert_cmpint (
      json_object_get_size (json_node_get_object (kring_test_get (guest, "items.0.author"))), ==,
      2);

  path = entry_path (w->dossier_id, e1);
  one = kring_test_request (srv, "GET", path, w->guest, NULL);
  kring_assert_status (one, 200);
  g_assert_false (kring_test_has (one, "author.email"));
  g_assert_cmpuint (kring_test_len (one, "corrected_by"), ==, 1);
  g_assert_cmpint (kring_test_int (one, "corrected_by.0"), ==, e6);

  /* Professional entries do not exist for a guest, by id either. */
  for (guint i = 0; i < 3; i++)
    {
      gint64 id = i == 0 ? e2 : i == 1 ? e4 : e5;

      g_clear_pointer (&path, g_free);
      g_clear_pointer (&hidden, kring_test_response_free);
      path = entry_path (w->dossier_id, id);
      hidden = kring_test_request (srv, "GET", path, w->guest, NULL);
      kring_assert_problem (hidden, 404, "not_found");
    }
}

/* Walks the pages of @token's view with ?limit=1 and returns every id seen. */
static GArray *
walk_pages (const char *token, gint64 dossier_id, guint limit, guint *out_pages)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cursor = NULL;

  *out_pages = 0;
  do
    {
      g_autofree char *query = NULL;
      g_autoptr (KringTestResponse) r = NULL;
      g_autoptr (GArray) ids = NULL;
      JsonNode *next;

      if (cursor != NULL)
        query = g_strdup_printf ("?limit=%u&cursor=%s", limit, cursor);
      else
        query = g_strdup_printf ("?limit=%u", limit);
      r = get_list (token, dossier_id, query);
      kring_assert_status (r, 200);
      ids = kring_test_item_ids (r);
      g_assert_cmpuint (ids->len, >, 0); /* never an empty last page */
      g_assert_cmpuint (ids->len, <=, limit);
      g_array_append_vals (all, ids->data, ids->len);
      (*out_pages)++;
      next = kring_test_get (r, "next_cursor");
      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
    }
  while (cursor != NULL);
  return all;
}

static void
test_guest_pages (void)
{
  g_autoptr (World) w = world_new ();
  gint64 e1 = post_simple (w->owner, w->dossier_id, "everyone", 0);
  gint64 e2 = post_simple (w->owner, w->dossier_id, "everyone", 0);
  gint64 e3 = post_simple (w->owner, w->dossier_id, "professionals", 0);
  gint64 e4 = post_simple (w->owner, w->dossier_id, "professionals", 0);
  guint pages = 0;

  /* The last visible entry is followed only by professional ones: the
   * guest's page ends there with no cursor pointing at them. */
  assert_ids (walk_pages (w->guest, w->dossier_id, 1, &pages), 2, e2, e1);
  g_assert_cmpuint (pages, ==, 2);
  assert_ids (walk_pages (w->owner, w->dossier_id, 1, &pages), 4, e4, e3, e2, e1);
  g_assert_cmpuint (pages, ==, 4);
  assert_ids (walk_pages (w->owner, w->dossier_id, 2, &pages), 4, e4, e3, e2, e1);
  g_assert_cmpuint (pages, ==, 2);
  assert_ids (walk_pages (w->guest, w->dossier_id, 2, &pages), 2, e2, e1);
  g_assert_cmpuint (pages, ==, 1);

  /* A guest corrects what they see, never a professional entry. */
  assert_post_field (w->guest, w->dossier_id, "{\"body\": \"x\", \"corrects\": 999999}",
                     "corrects");
  {
    g_autofree char *json
        = g_strdup_printf ("{\"body\": \"x\", \"corrects\": %" G_GINT64_FORMAT "}", e3);
    assert_post_field (w->guest, w->dossier_id, json, "corrects");
  }
  post_simple (w->guest, w->dossier_id, "everyone", e1);
}

static void
test_cursor_scope (void)
{
  g_autoptr (World) w = world_new ();
  gint64 other = kring_test_create_dossier (srv, w->owner, w->account_id, "Client B", NULL);
  g_autoptr (KringTestResponse) first = NULL;
  g_autoptr (KringTestResponse) foreign = NULL;
  g_autofree char *query = NULL;

  for (guint i = 0; i < 3; i++)
    post_simple (w->owner, w->dossier_id, "everyone", 0);
  first = get_list (w->owner, w->dossier_id, "?limit=1");
  kring_assert_status (first, 200);
  query = g_strdup_printf ("?cursor=%s", kring_test_str (first, "next_cursor"));
  foreign = get_list (w->owner, other, query);
  kring_assert_problem (foreign, 400, "invalid_query");
}

static void
test_corrections (void)
{
  g_autoptr (World) w = world_new ();
  gint64 other = kring_test_create_dossier (srv, w->owner, w->account_id, "Client B", NULL);
  gint64 elsewhere = post_simple (w->owner, other, "everyone", 0);
  gint64 pro = post_simple (w->owner, w->dossier_id, "professionals", 0);
  gint64 open = post_simple (w->owner, w->dossier_id, "everyone", 0);
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autoptr (KringTestResponse) original = NULL;
  g_autoptr (KringTestResponse) with_null = NULL;
  gint64 c1, c2, c3;

  /* Never more visible than what it corrects; the default is everyone. */
  json = g_strdup_printf (
      "{\"body\": \"x\", \"corrects\": %" G_GINT64_FORMAT ", \"visibility\": \"everyone\"}", pro);
  assert_post_field (w->owner, w->dossier_id, json, "visibility");
  g_free (json);
  json = g_strdup_printf ("{\"body\": \"x\", \"corrects\": %" G_GINT64_FORMAT "}", pro);
  assert_post_field (w->owner, w->dossier_id, json, "visibility");
  c1 = post_simple (w->owner, w->dossier_id, "professionals", pro);
  c2 = post_simple (w->owner, w->dossier_id, "professionals", open);
  c3 = post_simple (w->owner, w->dossier_id, "everyone", open);
  post_simple (w->owner, w->dossier_id, "everyone", c3); /* a correction of a correction */

  /* Only an entry of the same dossier. */
  g_free (json);
  json = g_strdup_printf ("{\"body\": \"x\", \"corrects\": %" G_GINT64_FORMAT "}", elsewhere);
  assert_post_field (w->owner, w->dossier_id, json, "corrects");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"x\", \"corrects\": 999999}",
                     "corrects");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"x\", \"corrects\": 0}", "corrects");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"x\", \"corrects\": -3}", "corrects");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"x\", \"corrects\": \"1\"}", "corrects");
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"x\", \"corrects\": 1.5}", "corrects");
  with_null = post_raw (w->owner, w->dossier_id, "{\"body\": \"x\", \"corrects\": null}");
  kring_assert_status (with_null, 201);
  g_assert_true (JSON_NODE_HOLDS_NULL (kring_test_get (with_null, "corrects")));

  path = entry_path (w->dossier_id, open);
  original = kring_test_request (srv, "GET", path, w->owner, NULL);
  kring_assert_status (original, 200);
  g_assert_cmpuint (kring_test_len (original, "corrected_by"), ==, 2);
  g_assert_cmpint (kring_test_int (original, "corrected_by.0"), ==, c2);
  g_assert_cmpint (kring_test_int (original, "corrected_by.1"), ==, c3);
  g_assert_cmpint (c1, <, c2);
}

static void
test_archived (void)
{
  g_autoptr (World) w = world_new ();
  g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT, w->dossier_id);
  g_autoptr (KringTestResponse) archive = NULL;
  g_autoptr (KringTestResponse) refused = NULL;
  g_autoptr (KringTestResponse) list = NULL;

  post_simple (w->owner, w->dossier_id, "everyone", 0);
  archive = kring_test_request (srv, "DELETE", path, w->owner, NULL);
  kring_assert_status (archive, 204);
  refused = post_raw (w->owner, w->dossier_id, "{\"body\": \"late\"}");
  kring_assert_problem (refused, 409, "dossier_archived");
  /* 422 comes before 409. */
  assert_post_field (w->owner, w->dossier_id, "{\"body\": \"\"}", "body");
  assert_post_field (w->guest, w->dossier_id,
                     "{\"body\": \"x\", \"visibility\": \"professionals\"}", "visibility");
  list = get_list (w->owner, w->dossier_id, NULL);
  kring_assert_status (list, 200);
  g_assert_cmpuint (kring_test_len (list, "items"), ==, 1);
}

/* Pages are reused while the dossier's entries are unchanged: a new entry,
 * a new correction (also of an older page), a renamed author and another
 * server process's writes must all show at once. */
static void
test_fresh_pages (void)
{
  g_autoptr (World) w = world_new ();
  gint64 old = post_simple (w->owner, w->dossier_id, "everyone", 0);
  gint64 newer = post_simple (w->owner, w->dossier_id, "everyone", 0);
  g_autoptr (KringTestResponse) first = get_list (w->owner, w->dossier_id, "?limit=1");
  g_autoptr (KringTestResponse) guest_before = get_list (w->guest, w->dossier_id, NULL);
  g_autofree char *second_query
      = g_strdup_printf ("?limit=1&cursor=%s", kring_test_str (first, "next_cursor"));
  g_autoptr (KringTestResponse) second_before = get_list (w->owner, w->dossier_id, second_query);
  g_autoptr (KringTestResponse) rename = NULL;
  g_autoptr (KringTestResponse) after = NULL;
  g_autoptr (KringTestResponse) second_after = NULL;
  g_autoptr (KringTestResponse) guest_after = NULL;
  g_autoptr (KringTestResponse) elsewhere = NULL;
  g_autofree char *path = entries_path (w->dossier_id);
  KringTestServer *other;
  gint64 fix, remote;

  assert_ids (kring_test_item_ids (first), 1, newer);
  assert_ids (kring_test_item_ids (second_before), 1, old);
  g_assert_cmpuint (kring_test_len (second_before, "items.0.corrected_by"), ==, 0);
  g_assert_cmpuint (kring_test_len (guest_before, "items"), ==, 2);

  fix = post_simple (w->owner, w->dossier_id, "professionals", old);
  rename
      = kring_test_request (srv, "PATCH", "/api/v1/me", w->owner, "{\"name\": \"Renamed Carer\"}");
  kring_assert_status (rename, 200);
  second_after = get_list (w->owner, w->dossier_id, second_query);
  assert_ids (kring_test_item_ids (second_after), 1, old);
  assert_ids (item_ids (second_after, "corrected_by", 0), 1, fix);
  g_assert_cmpstr (kring_test_str (second_after, "items.0.author.name"), ==, "Renamed Carer");
  guest_after = get_list (w->guest, w->dossier_id, NULL);
  assert_ids (kring_test_item_ids (guest_after), 2, newer, old);
  assert_ids (item_ids (guest_after, "corrected_by", 1), 0);
  g_assert_cmpstr (kring_test_str (guest_after, "items.0.author.name"), ==, "Renamed Carer");
  g_assert_false (kring_test_has (guest_after, "items.0.author.email"));

  other = kring_test_server_start_sharing (srv, NULL);
  elsewhere = kring_test_request (other, "POST", path, w->guest, "{\"body\": \"from afar\"}");
  kring_assert_status (elsewhere, 201);
  remote = kring_test_int (elsewhere, "id");
  kring_test_server_stop (other);
  after = get_list (w->owner, w->dossier_id, NULL);
  assert_ids (kring_test_item_ids (after), 4, remote, fix, newer, old);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/entries/create-and-read", test_create_and_read);
  g_test_add_func ("/entries/body-rules", test_body_rules);
  g_test_add_func ("/entries/malformed", test_malformed_requests);
  g_test_add_func ("/entries/permissions", test_permissions);
  g_test_add_func ("/entries/immutable", test_immutable);
  g_test_add_func ("/entries/guest-view", test_guest_view);
  g_test_add_func ("/entries/guest-pages", test_guest_pages);
  g_test_add_func ("/entries/cursor-scope", test_cursor_scope);
  g_test_add_func ("/entries/corrections", test_corrections);
  g_test_add_func ("/entries/archived", test_archived);
  g_test_add_func ("/entries/fresh-pages", test_fresh_pages);

  srv = kring_test_server_start (NULL);
  status = g_test_run ();
  kring_test_server_stop (srv);
  return status;
}
