/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Participants (API.md, "Participants") against a real kringd: adding one
 * or a batch, the order of the checks, the guest rules R2 and R3 under
 * concurrent requests to one and to two server processes (R9), paid users
 * (R4), kept access (R6), and what a guest caller may see. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-test-server.h"

#define CONCURRENT 10

static KringTestServer *srv;

/* A dossier of @org on @server, its client named after @title. */
static gint64
create_dossier_on (KringTestServer *server, const KringTestOrg *org, const char *title)
{
  g_autofree char *client = g_strconcat ("Client of ", title, NULL);

  return kring_test_create_dossier (server, org->token, org->account_id, title, client);
}

static gint64
create_dossier (const KringTestOrg *org, const char *title)
{
  return create_dossier_on (srv, org, title);
}

static KringTestResponse *
dossier_request_on (KringTestServer *server, const char *method, gint64 id, const char *rest,
                    const char *token, const char *body)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "%s", id, rest);

  return kring_test_request (server, method, path, token, body != NULL ? "%s" : NULL, body);
}

static KringTestResponse *
dossier_request (const char *method, gint64 id, const char *rest, const char *token,
                 const char *body)
{
  return dossier_request_on (srv, method, id, rest, token, body);
}

static KringTestResponse *
add_raw (const char *token, gint64 dossier_id, const char *body)
{
  return dossier_request ("POST", dossier_id, "/participants", token, body);
}

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

static void
set_status (gint64 account_id, const char *status)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, account_id);
  g_autofree char *out = kring_test_admin (srv, "set-status", id, status, NULL);
}

/* Concurrent requests: each thread has its own session and waits at a
 * gate, so all requests are in flight together. */

typedef struct
{
  GMutex lock;
  GCond cond;
  gboolean open;
  guint waiting;
} Gate;

typedef struct
{
  Gate *gate;
  const char *base_url;
  char *path;
  const char *token;
  char *body;
  guint status;
  char *code;
} Shot;

static gpointer
fire (gpointer data)
{
  Shot *shot = data;
  g_autoptr (SoupSession) session
      = soup_session_new_with_options ("timeout", 60, "proxy-resolver", NULL, NULL);
  g_autofree char *url = g_strconcat (shot->base_url, shot->path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", shot->token, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr (GBytes) body = g_bytes_new (shot->body, strlen (shot->body));
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  g_mutex_lock (&shot->gate->lock);
  shot->gate->waiting++;
  g_cond_broadcast (&shot->gate->cond);
  while (!shot->gate->open)
    g_cond_wait (&shot->gate->cond, &shot->gate->lock);
  g_mutex_unlock (&shot->gate->lock);

  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  shot->status = soup_message_get_status (msg);
  if (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply),
                                  NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (object, "code"))
        shot->code = g_strdup (json_object_get_string_member (object, "code"));
    }
  return NULL;
}

/* Adds emails[i] to dossiers[i], all at once, alternating over @servers;
 * counts the answers: 201s into *@created, and problems with @code. */
static void
add_concurrently (KringTestServer **servers, guint n_servers, const char *token,
                  const gint64 *dossiers, char **emails, guint n, const char *code, guint *created,
                  guint *refused)
{
  Shot *shots = g_new0 (Shot, n);
  GThread **threads = g_new0 (GThread *, n);
  Gate gate = { 0 };

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  for (guint i = 0; i < n; i++)
    {
      shots[i]
          = (Shot){ .gate = &gate, .base_url = servers[i % n_servers]->base_url, .token = token };
      shots[i].path
          = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/participants", dossiers[i]);
      shots[i].body = g_strdup_printf ("{\"email\": \"%s\"}", emails[i]);
      threads[i] = g_thread_new ("shot", fire, &shots[i]);
    }
  g_mutex_lock (&gate.lock);
  while (gate.waiting < n)
    g_cond_wait (&gate.cond, &gate.lock);
  gate.open = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);

  *created = *refused = 0;
  for (guint i = 0; i < n; i++)
    {
      g_thread_join (threads[i]);
      if (shots[i].status == 201)
        (*created)++;
      else if (shots[i].status == 409 && g_strcmp0 (shots[i].code, code) == 0)
        (*refused)++;
      else
        g_error ("unexpected answer %u %s", shots[i].status, shots[i].code);
      g_free (shots[i].path);
      g_free (shots[i].body);
      g_free (shots[i].code);
    }
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
  g_free (threads);
  g_free (shots);
}

/* How many of @dossiers list @email as a participant. */
static guint
count_participations (const char *token, const gint64 *dossiers, guint n, const char *email)
{
  guint found = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KringTestResponse) resp
          = dossier_request ("GET", dossiers[i], "/participants?limit=200", token, NULL);

      kring_assert_status (resp, 200);
      for (guint j = 0; j < kring_test_len (resp, "items"); j++)
        {
          g_autofree char *path = g_strdup_printf ("items.%u.email", j);
          found += g_strcmp0 (kring_test_str (resp, path), email) == 0;
        }
    }
  return found;
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
  id = create_dossier (&org, "Secret Title");
  resp = add_raw (org.token, id, "{\"email\": \" Gast@EXAMPLE.org \", \"name\": \" Gerda \"}");
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

  dossier = dossier_request ("GET", id, "", org.token, NULL);
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
  resp = add_raw (org.token, id, body);
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
  id = create_dossier (&org, "Notice Title");
  before = kring_test_mail_count (srv, other.email);
  body = g_strdup_printf ("{\"email\": \"%s\", \"name\": \"Not Used\"}", other.email);
  resp = add_raw (org.token, id, body);
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
  id = create_dossier (&org, "Checks");
  archived = create_dossier (&org, "Archived");
  kring_test_add_participant (srv, org.token, id, member_email);
  pid = kring_test_add_participant (srv, org.token, id, guest_email);
  kring_test_add_participant (srv, org.token, archived, guest_email);
  kring_test_wait_for_mails (srv, guest_email, 2);
  guest = kring_test_accept_invitation (srv, guest_email, NULL);
  resp = dossier_request ("DELETE", archived, "", org.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);

#define CHECK(token, dossier, body, status, code)                                                  \
  resp = add_raw (token, dossier, body);                                                           \
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
  resp = add_raw (org.token, id, "{\"email\": \"a@b\"}");
  kring_assert_field (resp, "invalid_email", "email");
  kring_test_response_free (resp);
  resp = add_raw (org.token, id, "{\"email\": \"ok@example.org\", \"extra\": 1}");
  kring_assert_field (resp, "invalid_field", "extra");
  kring_test_response_free (resp);

  /* Normalised before comparing: the same person is there already. */
  {
    g_autofree char *upper = g_ascii_strup (guest_email, -1);
    g_autofree char *body = g_strdup_printf ("{\"email\": \"  %s \"}", upper);

    resp = add_raw (member, id, body);
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
  set_status (partner.account_id, "active");
  member = kring_test_org_join (srv, &org, "member", &member_email, NULL);
  admin = kring_test_org_join (srv, &org, "admin", NULL, NULL);
  id = create_dossier (&org, "Who adds");
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
  resp = add_raw (external, id, "{\"email\": \"someone@example.org\"}");
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
  id = create_dossier (&org, "Listed");
  body = g_strdup_printf ("{\"email\": \"%s\", \"name\": \"anna\"}", anna);
  resp = add_raw (org.token, id, body);
  kring_assert_status (resp, 201);
  kring_test_response_free (resp);
  g_free (body);
  body = g_strdup_printf ("{\"email\": \"%s\", \"name\": \"Bert\"}", bert);
  resp = add_raw (org.token, id, body);
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

      resp = dossier_request ("GET", id, rest, org.token, NULL);
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

  resp = dossier_request ("GET", id, "/participants?cursor=x.y", org.token, NULL);
  kring_assert_problem (resp, 400, "invalid_query");
  kring_test_response_free (resp);

  /* A guest sees id, name and access of each, nothing else. */
  guest = kring_test_accept_invitation (srv, carl, NULL);
  resp = dossier_request ("GET", id, "/participants", guest, NULL);
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

static gint64
find_participant (const char *token, gint64 dossier_id, const char *email)
{
  g_autoptr (KringTestResponse) resp
      = dossier_request ("GET", dossier_id, "/participants?limit=200", token, NULL);

  for (guint i = 0; i < kring_test_len (resp, "items"); i++)
    {
      g_autofree char *e = g_strdup_printf ("items.%u.email", i);
      g_autofree char *p = g_strdup_printf ("items.%u.id", i);

      if (g_strcmp0 (kring_test_str (resp, e), email) == 0)
        return kring_test_int (resp, p);
    }
  return 0;
}

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
  id = create_dossier (&org, "Changes");
  other_id = create_dossier (&org, "Elsewhere");
  p1 = kring_test_add_participant (srv, org.token, id, g1);
  p2 = kring_test_add_participant (srv, org.token, id, g2);
  owner_pid = find_participant (org.token, id, org.email);
  guest = kring_test_accept_invitation (srv, g1, NULL);

  path = participant_path (p2, "");
  resp = dossier_request ("PATCH", id, path, org.token, "{\"can_write\": true}");
  kring_assert_status (resp, 200);
  g_assert_true (kring_test_bool (resp, "can_write"));
  g_assert_cmpint (kring_test_int (resp, "id"), ==, p2);
  kring_test_response_free (resp);
  resp = dossier_request ("PATCH", id, path, org.token, "{}");
  kring_assert_field (resp, "invalid_field", "can_write");
  kring_test_response_free (resp);
  resp = dossier_request ("PATCH", id, path, org.token, "{\"can_write\": null}");
  kring_assert_field (resp, "invalid_field", "can_write");
  kring_test_response_free (resp);
  resp = dossier_request ("PATCH", id, path, guest, "{\"can_write\": false}");
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);
  /* A participant of another dossier is not found here. */
  resp = dossier_request ("PATCH", other_id, path, org.token, "{\"can_write\": false}");
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);

  /* Resend: a fresh code for an invited participant, 422 for an active one. */
  old_code = kring_test_mail_code (srv, g2, "invitation");
  g_free (path);
  path = participant_path (p2, "/resend");
  resp = dossier_request ("POST", id, path, org.token, NULL);
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
  resp = dossier_request ("POST", id, path, org.token, NULL);
  kring_assert_field (resp, "invalid_field", "status");
  kring_test_response_free (resp);
  resp = dossier_request ("POST", id, path, guest, NULL);
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);

  /* Removing: a guest may not remove others, but may leave. */
  g_free (path);
  path = participant_path (owner_pid, "");
  resp = dossier_request ("DELETE", id, path, guest, NULL);
  kring_assert_problem (resp, 403, "forbidden");
  kring_test_response_free (resp);
  g_free (path);
  path = participant_path (p1, "");
  resp = dossier_request ("DELETE", id, path, guest, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  resp = dossier_request ("GET", id, "", guest, NULL);
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);
  resp = dossier_request ("DELETE", id, path, org.token, NULL);
  kring_assert_problem (resp, 404, "not_found");
  kring_test_response_free (resp);

  /* In an archived dossier only removing is allowed. */
  resp = dossier_request ("DELETE", id, "", org.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  g_free (path);
  path = participant_path (p2, "");
  resp = dossier_request ("PATCH", id, path, org.token, "{\"can_write\": false}");
  kring_assert_problem (resp, 409, "dossier_archived");
  kring_test_response_free (resp);
  resp = dossier_request ("DELETE", id, path, org.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  resp = dossier_request ("GET", id, "", org.token, NULL);
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
  id = create_dossier (&org, "Batch");
  body = g_strdup_printf ("{\"participants\": [{\"email\": \"%s\", \"name\": \"A\"},"
                          " {\"email\": \" %s\"}, {\"email\": \"not-an-email\"}, 7,"
                          " {\"email\": \"%s\", \"can_write\": true, \"x\": 1},"
                          " {\"email\": \"%s\", \"can_write\": true}]}",
                          a, upper, b, b);
  resp = dossier_request ("POST", id, "/participants/batch", org.token, body);
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

  resp = dossier_request ("GET", id, "", org.token, NULL);
  g_assert_cmpint (kring_test_int (resp, "guests"), ==, 2);
  kring_test_response_free (resp);

  /* 1 to 1000 items, an array. */
  resp = dossier_request ("POST", id, "/participants/batch", org.token, "{\"participants\": []}");
  kring_assert_field (resp, "invalid_field", "participants");
  kring_test_response_free (resp);
  resp = dossier_request ("POST", id, "/participants/batch", org.token, "{\"participants\": {}}");
  kring_assert_field (resp, "invalid_field", "participants");
  kring_test_response_free (resp);
  resp = dossier_request ("POST", id, "/participants/batch", org.token, "{}");
  kring_assert_field (resp, "invalid_field", "participants");
  kring_test_response_free (resp);
  for (guint i = 0; i < 1001; i++)
    g_string_append_printf (big, "%s{\"email\": \"n%u@example.org\"}", i > 0 ? "," : "", i);
  g_string_append (big, "]}");
  resp = dossier_request ("POST", id, "/participants/batch", org.token, big->str);
  kring_assert_field (resp, "invalid_field", "participants");
  kring_test_response_free (resp);
  resp = dossier_request ("GET", id, "", org.token, NULL);
  g_assert_cmpint (kring_test_int (resp, "guests"), ==, 2);
  kring_test_response_free (resp);
}

/* R3: three dossiers per guest email. */

static void
test_guest_dossier_limit (void)
{
  g_auto (KringTestOrg) org = { 0 };
  g_auto (KringTestOrg) other = { 0 };
  g_autofree char *email = kring_test_unique_email ("family");
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\"}", email);
  gint64 d[5];
  KringTestResponse *resp;
  gint64 pid;

  kring_test_org_signup (srv, &org, "Zorg Three", "team");
  kring_test_org_signup (srv, &other, "Zorg Four", "team");
  for (guint i = 0; i < 4; i++)
    d[i] = create_dossier (&org, "R3");
  d[4] = create_dossier (&other, "R3 elsewhere");
  kring_test_add_participant (srv, org.token, d[0], email);
  kring_test_add_participant (srv, org.token, d[1], email);
  pid = kring_test_add_participant (srv, other.token, d[4], email);

  /* Counted across all accounts on the server. */
  resp = add_raw (org.token, d[2], body);
  kring_assert_problem (resp, 409, "guest_dossier_limit");
  g_assert_cmpint (kring_test_int (resp, "limit"), ==, 3);
  g_assert_cmpint (kring_test_int (resp, "used"), ==, 3);
  kring_test_response_free (resp);

  /* Removing the guest from one dossier frees a slot. */
  {
    g_autofree char *path = participant_path (pid, "");
    resp = dossier_request ("DELETE", d[4], path, other.token, NULL);
    kring_assert_status (resp, 204);
    kring_test_response_free (resp);
  }
  kring_test_add_participant (srv, org.token, d[2], email);
  resp = add_raw (org.token, d[3], body);
  kring_assert_problem (resp, 409, "guest_dossier_limit");
  kring_test_response_free (resp);

  /* An archived dossier does not count; restoring it re-checks nothing. */
  resp = dossier_request ("DELETE", d[0], "", org.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  kring_test_add_participant (srv, org.token, d[3], email);
  resp = dossier_request ("POST", d[0], "/restore", org.token, NULL);
  kring_assert_status (resp, 200);
  kring_test_response_free (resp);
  resp = add_raw (other.token, d[4], body);
  kring_assert_problem (resp, 409, "guest_dossier_limit");
  g_assert_cmpint (kring_test_int (resp, "used"), ==, 4);
  kring_test_response_free (resp);

  /* A teammate of the dossier's own account is no guest there. */
  {
    g_autofree char *path
        = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates", other.account_id);
    resp = kring_test_request (srv, "POST", path, other.token,
                               "{\"email\": \"%s\", \"role\": \"member\"}", email);
    kring_assert_status (resp, 201);
    kring_test_response_free (resp);
  }
  resp = add_raw (other.token, d[4], body);
  kring_assert_status (resp, 201);
  g_assert_cmpstr (kring_test_str (resp, "access"), ==, "team");
  g_assert_true (kring_test_bool (resp, "can_write"));
  g_assert_false (kring_test_has (resp, "guest_dossiers"));
  kring_test_response_free (resp);
}

/* R3 and R9: many requests for one email at once, one or two processes. */

static void
r3_concurrently (KringTestServer **servers, guint n_servers)
{
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *email = kring_test_unique_email ("racer");
  char *emails[CONCURRENT];
  gint64 dossiers[CONCURRENT];
  guint created, refused;

  kring_test_org_signup (servers[0], &org, "Zorg Race", "team");
  for (guint i = 0; i < CONCURRENT; i++)
    {
      dossiers[i] = create_dossier_on (servers[i % n_servers], &org, "Race");
      emails[i] = email;
    }
  add_concurrently (servers, n_servers, org.token, dossiers, emails, CONCURRENT,
                    "guest_dossier_limit", &created, &refused);
  g_assert_cmpuint (created, ==, 3);
  g_assert_cmpuint (refused, ==, CONCURRENT - 3);
  g_assert_cmpuint (count_participations (org.token, dossiers, CONCURRENT, email), ==, 3);
}

static void
test_guest_dossier_limit_concurrent (void)
{
  KringTestServer *servers[] = { srv };

  r3_concurrently (servers, 1);
}

static void
test_guest_dossier_limit_two_processes (void)
{
  KringTestServer *servers[] = { srv, kring_test_server_start_sharing (srv, NULL) };

  r3_concurrently (servers, 2);
  kring_test_server_stop (servers[1]);
}

/* R4 and R6: paid users are unlimited; losing paid status keeps access. */

static void
test_paid_users_and_kept_access (void)
{
  g_auto (KringTestOrg) home = { 0 };
  g_auto (KringTestOrg) host = { 0 };
  g_autofree char *worker = NULL;
  g_autofree char *worker_email = NULL;
  g_autofree char *body = NULL;
  gint64 d[6];
  KringTestResponse *resp;

  kring_test_org_signup (srv, &home, "Zorg Home", "team");
  kring_test_org_signup (srv, &host, "Zorg Host", "team");
  worker = kring_test_org_join (srv, &home, "member", &worker_email, NULL);
  body = g_strdup_printf ("{\"email\": \"%s\"}", worker_email);
  for (guint i = 0; i < 6; i++)
    d[i] = create_dossier (&host, "Paid");

  /* A trial account makes nobody paid: a guest at the limit stays there. */
  for (guint i = 0; i < 3; i++)
    kring_test_add_participant (srv, host.token, d[i], worker_email);
  resp = add_raw (host.token, d[3], body);
  kring_assert_problem (resp, 409, "guest_dossier_limit");
  kring_test_response_free (resp);

  /* A teammate of an active account is external, and unlimited. */
  set_status (home.account_id, "active");
  for (guint i = 3; i < 5; i++)
    {
      resp = add_raw (host.token, d[i], body);
      kring_assert_status (resp, 201);
      g_assert_cmpstr (kring_test_str (resp, "access"), ==, "external");
      g_assert_true (kring_test_bool (resp, "can_write"));
      g_assert_false (kring_test_has (resp, "guest_dossiers"));
      kring_test_response_free (resp);
    }
  resp = dossier_request ("GET", d[0], "", host.token, NULL);
  g_assert_cmpint (kring_test_int (resp, "guests"), ==, 0);
  kring_test_response_free (resp);

  /* Back to trial: five guest participations, all kept; new ones refused. */
  set_status (home.account_id, "trial");
  for (guint i = 0; i < 5; i++)
    {
      resp = dossier_request ("GET", d[i], "", worker, NULL);
      kring_assert_status (resp, 200);
      g_assert_cmpstr (kring_test_str (resp, "my_access"), ==, "guest");
      g_assert_cmpint (kring_test_int (resp, "guests"), ==, 1);
      kring_test_response_free (resp);
    }
  resp = add_raw (host.token, d[5], body);
  kring_assert_problem (resp, 409, "guest_dossier_limit");
  g_assert_cmpint (kring_test_int (resp, "used"), ==, 5);
  g_assert_cmpint (kring_test_int (resp, "limit"), ==, 3);
  kring_test_response_free (resp);
  {
    gint64 pid = find_participant (host.token, d[0], worker_email);
    g_autofree char *path = participant_path (pid, "");

    resp = dossier_request ("PATCH", d[0], path, host.token, "{\"can_write\": true}");
    kring_assert_status (resp, 200);
    g_assert_cmpstr (kring_test_str (resp, "access"), ==, "guest");
    g_assert_cmpint (kring_test_int (resp, "guest_dossiers.used"), ==, 5);
    kring_test_response_free (resp);
  }
}

/* R2: 1000 guests per dossier, at the boundary, concurrently. */

static void
test_guest_capacity (void)
{
  g_autoptr (GString) batch = g_string_new ("{\"participants\": [");
  g_auto (KringTestOrg) org = { 0 };
  g_autofree char *member_email = NULL;
  g_autofree char *member = NULL;
  g_autofree char *full = kring_test_unique_email ("full");
  char *emails[CONCURRENT];
  gint64 dossiers[CONCURRENT];
  gint64 id, spare[3];
  guint created, refused;
  KringTestResponse *resp;

  kring_test_org_signup (srv, &org, "Zorg Capacity", "team");
  member = kring_test_org_join (srv, &org, "member", &member_email, NULL);
  id = create_dossier (&org, "Crowded");
  for (guint i = 0; i < 998; i++)
    g_string_append_printf (batch, "%s{\"email\": \"crowd-%u@example.net\"}", i > 0 ? "," : "", i);
  g_string_append (batch, "]}");
  resp = dossier_request ("POST", id, "/participants/batch", org.token, batch->str);
  kring_assert_status (resp, 200);
  g_assert_cmpuint (kring_test_len (resp, "results"), ==, 998);
  g_assert_cmpint (kring_test_int (resp, "results.997.status"), ==, 201);
  kring_test_response_free (resp);

  /* Someone already at R3's limit, for the order of R2 before R3. */
  for (guint i = 0; i < 3; i++)
    {
      spare[i] = create_dossier (&org, "Spare");
      kring_test_add_participant (srv, org.token, spare[i], full);
    }

  for (guint i = 0; i < CONCURRENT; i++)
    {
      emails[i] = kring_test_unique_email ("late");
      dossiers[i] = id;
    }
  add_concurrently (&srv, 1, org.token, dossiers, emails, CONCURRENT, "dossier_guest_capacity",
                    &created, &refused);
  g_assert_cmpuint (created, ==, 2);
  g_assert_cmpuint (refused, ==, CONCURRENT - 2);
  for (guint i = 0; i < CONCURRENT; i++)
    g_free (emails[i]);

  resp = dossier_request ("GET", id, "", org.token, NULL);
  g_assert_cmpint (kring_test_int (resp, "guests"), ==, 1000);
  g_assert_cmpint (kring_test_int (resp, "participants"), ==, 1001);
  kring_test_response_free (resp);

  /* R2 answers before R3; teammates do not count toward the 1000. */
  {
    g_autofree char *body = g_strdup_printf (
        "{\"participants\": [{\"email\": \"%s\"}, {\"email\": \"%s\"}]}", full, member_email);

    resp = dossier_request ("POST", id, "/participants/batch", org.token, body);
    kring_assert_status (resp, 200);
    g_assert_cmpint (kring_test_int (resp, "results.0.status"), ==, 409);
    g_assert_cmpstr (kring_test_str (resp, "results.0.code"), ==, "dossier_guest_capacity");
    g_assert_cmpint (kring_test_int (resp, "results.0.limit"), ==, 1000);
    g_assert_cmpint (kring_test_int (resp, "results.1.status"), ==, 201);
    g_assert_cmpstr (kring_test_str (resp, "results.1.participant.access"), ==, "team");
    kring_test_response_free (resp);
  }
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
  g_test_add_func ("/participants/guest-dossier-limit", test_guest_dossier_limit);
  g_test_add_func ("/participants/guest-dossier-limit-concurrent",
                   test_guest_dossier_limit_concurrent);
  g_test_add_func ("/participants/guest-dossier-limit-two-processes",
                   test_guest_dossier_limit_two_processes);
  g_test_add_func ("/participants/paid-users-and-kept-access", test_paid_users_and_kept_access);
  /* Last: it fills the mail folder with a thousand invitations. */
  g_test_add_func ("/participants/guest-capacity", test_guest_capacity);
  status = g_test_run ();
  kring_test_server_stop (srv);
  return status;
}
