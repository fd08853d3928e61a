/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The callers and world of the permission tables: see kring-test-callers.h. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include "kring-test-callers.h"

const char *const caller_name[N_CALLERS]
    = { "owner", "admin", "member", "external", "guest", "other-account", "anonymous" };

KringTestServer *srv;
static guint n_failures; /* mismatches of the current row */

World w;

/* JSON helpers. */

JsonArray *
items_of (KringTestResponse *resp)
{
  JsonObject *root;

  if (resp->json == NULL || !JSON_NODE_HOLDS_OBJECT (resp->json))
    return NULL;
  root = json_node_get_object (resp->json);
  if (!json_object_has_member (root, "items")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "items")))
    return NULL;
  return json_object_get_array_member (root, "items");
}

gboolean
array_has_id (JsonArray *array, const char *member, gint64 id)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gint64 got
          = member == NULL
                ? json_node_get_int (node)
                : json_object_get_int_member_with_default (json_node_get_object (node), member, -1);
      if (got == id)
        return TRUE;
    }
  return FALSE;
}

/* Members of a known type, NULL (or -1) when absent or of another type. */
static JsonNode *
member_of (JsonObject *object, const char *name, JsonNodeType type)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_TYPE (node) == type ? node : NULL;
}

JsonObject *
object_of (JsonObject *object, const char *name)
{
  JsonNode *node = member_of (object, name, JSON_NODE_OBJECT);

  return node != NULL ? json_node_get_object (node) : NULL;
}

JsonArray *
array_of (JsonObject *object, const char *name)
{
  JsonNode *node = member_of (object, name, JSON_NODE_ARRAY);

  return node != NULL ? json_node_get_array (node) : NULL;
}

gint64
id_of (JsonObject *object)
{
  return json_object_get_int_member_with_default (object, "id", -1);
}

gboolean
list_has (KringTestResponse *resp, gint64 id)
{
  return array_has_id (items_of (resp), "id", id);
}

JsonObject *
root_of (KringTestResponse *resp)
{
  static JsonObject *empty;

  if (resp->json != NULL && JSON_NODE_HOLDS_OBJECT (resp->json))
    return json_node_get_object (resp->json);
  return empty != NULL ? empty : (empty = json_object_new ());
}

const char *
str_member (KringTestResponse *resp, const char *member)
{
  return json_object_get_string_member_with_default (root_of (resp), member, NULL);
}

gint64
int_member (KringTestResponse *resp, const char *member)
{
  return json_object_get_int_member_with_default (root_of (resp), member, -1);
}

/* Recording mismatches. */

void
mismatch (const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("MISMATCH %s", text);
  n_failures++;
}

void
row_begin (void)
{
  n_failures = 0;
}

void
row_end (void)
{
  if (n_failures > 0)
    g_test_fail_printf ("%u request(s) disagree with DOMAIN.md/API.md (see MISMATCH lines)",
                        n_failures);
}

static const char *
code_for (guint status)
{
  return status == 401   ? "unauthenticated"
         : status == 403 ? "forbidden"
         : status == 404 ? "not_found"
                         : NULL;
}

/* Sends @method @path as @who and records a mismatch unless the answer is
 * @expected (for 401/403/404 also the problem code, for 401 the
 * WWW-Authenticate header).  @body is a JSON text or NULL. */
KringTestResponse *
call (Caller who, guint expected, const char *method, const char *path, const char *body)
{
  KringTestResponse *resp
      = kring_test_request (srv, method, path, w.token[who], body != NULL ? "%s" : NULL, body);
  const char *code = code_for (expected);
  const char *got_code = NULL;

  got_code = str_member (resp, "code");
  if (resp->status != expected)
    mismatch ("%s: %s %s%s%s: expected %u%s%s, got %u: %.300s", caller_name[who], method, path,
              body != NULL ? " " : "", body != NULL ? body : "", expected, code ? " " : "",
              code ? code : "", resp->status, resp->body);
  else if (code != NULL && g_strcmp0 (got_code, code) != 0)
    mismatch ("%s: %s %s: status %u but code %s, expected %s", caller_name[who], method, path,
              expected, got_code, code);
  else if (expected == 401
           && !g_str_has_prefix (
               soup_message_headers_get_one (resp->headers, "WWW-Authenticate") ?: "", "Bearer"))
    mismatch ("%s: %s %s: 401 without WWW-Authenticate: Bearer", caller_name[who], method, path);
  return resp;
}

void
expect (Caller who, guint expected, const char *method, const char *path, const char *body)
{
  kring_test_response_free (call (who, expected, method, path, body));
}

/* The same request by every caller, each expecting its entry of @expected. */
void
call_all (const guint expected[N_CALLERS], const char *method, const char *path, const char *body)
{
  for (Caller who = 0; who < N_CALLERS; who++)
    expect (who, expected[who], method, path, body);
}

void
check (KringTestResponse *resp, gboolean ok, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  if (ok)
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  mismatch ("%s: %.300s", text, resp != NULL ? resp->body : "");
}

/* Setup: the world, built once; any failure here is fatal. */

KringTestResponse *
must (KringTestResponse *resp, guint expected, const char *what)
{
  if (resp->status != expected)
    g_error ("setup: %s: expected %u, got %u: %s", what, expected, resp->status, resp->body);
  return resp;
}

static void
join_team (Caller who, const char *role)
{
  w.email[who] = kring_test_unique_email (role);
  w.token[who]
      = kring_test_join_team (srv, w.token[OWNER], w.a, w.email[who], role, caller_name[who], NULL);
}

gint64
create_dossier (Caller who, gint64 account_id, const char *title)
{
  return kring_test_create_client_dossier (srv, w.token[who], account_id, title);
}

/* Adds @email to @dossier as the owner; returns the participant id. */
gint64
add_participant (gint64 dossier, const char *email, const char *access)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" ID "/participants", dossier);
  g_autoptr (KringTestResponse) r = NULL;

  r = kring_test_request (srv, "POST", path, w.token[OWNER], "{\"email\": \"%s\"}", email);
  must (r, 201, "add participant");
  if (g_strcmp0 (str_member (r, "access"), access) != 0)
    g_error ("setup: %s should be %s in the dossier: %s", email, access, r->body);
  return int_member (r, "id");
}

gint64
participant_id_of (gint64 dossier, gint64 user_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" ID "/participants", dossier);
  g_autoptr (KringTestResponse) r = kring_test_request (srv, "GET", path, w.token[OWNER], NULL);
  JsonArray *items = items_of (must (r, 200, "list participants"));

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *p = json_array_get_object_element (items, i);
      if (json_object_get_int_member_with_default (p, "user_id", -1) == user_id)
        return id_of (p);
    }
  g_error ("setup: user %" ID " is no participant of dossier %" ID ": %s", user_id, dossier,
           r->body);
}

void
setup_world (void)
{
  w.email[OWNER] = kring_test_unique_email ("owner-a");
  w.token[OWNER] = kring_test_signup (srv, w.email[OWNER], "Zorg A", "team", &w.a);
  kring_test_set_status (srv, w.a, "active");
  join_team (ADMIN, "admin");
  join_team (MEMBER, "member");
  /* External: a teammate (the owner) of another active account. */
  w.email[EXTERNAL] = kring_test_unique_email ("owner-b");
  w.token[EXTERNAL] = kring_test_signup (srv, w.email[EXTERNAL], "Zorg B", "pro", &w.b);
  kring_test_set_status (srv, w.b, "active");
  w.email[OTHER] = kring_test_unique_email ("owner-c");
  w.token[OTHER] = kring_test_signup (srv, w.email[OTHER], "Zorg C", "pro", &w.c);

  w.d = create_dossier (MEMBER, w.a, "Dossier D");
  w.d2 = create_dossier (OWNER, w.a, "Dossier D2");
  w.pid[EXTERNAL] = add_participant (w.d, w.email[EXTERNAL], "external");
  w.email[GUEST] = kring_test_unique_email ("guest");
  w.pid[GUEST] = add_participant (w.d, w.email[GUEST], "guest");
  w.token[GUEST] = kring_test_accept_invitation (srv, w.email[GUEST], "Guest Family");

  for (Caller who = 0; who < ANON; who++)
    {
      g_autoptr (KringTestResponse) me
          = kring_test_request (srv, "GET", "/api/v1/me", w.token[who], NULL);
      w.user_id[who] = kring_test_int (must (me, 200, "GET /api/v1/me"), "user.id");
    }
  w.pid[MEMBER] = participant_id_of (w.d, w.user_id[MEMBER]);
}
