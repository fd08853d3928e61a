/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DOMAIN.md "Who may do what", end to end: every row of the table against
 * each of the seven callers (owner, admin and member of account A, an
 * external professional of active account B, a guest, the owner of an
 * unrelated account C, anonymous), on one kringd and one shared world built
 * once (each login costs an Argon2id hash).  A row records every mismatch
 * (caller, request, expected and actual status) and fails once at its end,
 * so one run shows the whole disagreement with the spec. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-test-callers.h"

/* Row: see all dossiers of the account. */

static void
test_see_all_dossiers (void)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/dossiers?account=%" ID, w.a);
  static const guint expected[N_CALLERS] = { 200, 200, 200, 404, 404, 404, 401 };

  row_begin ();
  for (Caller who = 0; who < N_CALLERS; who++)
    {
      g_autoptr (KringTestResponse) r = call (who, expected[who], "GET", path, NULL);
      gboolean sees_all = who == OWNER || who == ADMIN;

      if (r->status != 200)
        continue;
      check (r, list_has (r, w.d), "%s: GET %s should list D (%" ID ")", caller_name[who], path,
             w.d);
      check (r, list_has (r, w.d2) == sees_all, "%s: GET %s should %s D2 (%" ID ")",
             caller_name[who], path, sees_all ? "list" : "not list", w.d2);
    }
  {
    g_autoptr (KringTestResponse) r = kring_test_request (srv, "GET", path, "bogus-token", NULL);
    check (r, r->status == 401, "bogus token: GET %s: expected 401, got %u", path, r->status);
  }
  /* Without ?account: what each caller can see anywhere. */
  for (Caller who = 0; who < N_CALLERS; who++)
    {
      g_autoptr (KringTestResponse) r
          = call (who, who == ANON ? 401 : 200, "GET", "/api/v1/dossiers", NULL);
      gboolean sees_d = who != OTHER, sees_d2 = who == OWNER || who == ADMIN;

      if (r->status != 200)
        continue;
      check (r, list_has (r, w.d) == sees_d, "%s: GET /api/v1/dossiers: D listed should be %d",
             caller_name[who], sees_d);
      check (r, list_has (r, w.d2) == sees_d2, "%s: GET /api/v1/dossiers: D2 listed should be %d",
             caller_name[who], sees_d2);
    }
  row_end ();
}

/* Row: read a dossier they participate in (and D2, where only the owner is). */

static void
test_read_dossier (void)
{
  static const guint on_d[N_CALLERS] = { 200, 200, 200, 200, 200, 404, 401 };
  static const guint on_d2[N_CALLERS] = { 200, 200, 404, 404, 404, 404, 401 };
  static const char *const my_access[N_CALLERS] = { NULL, NULL, "team", "external", "guest" };
  static const char *const rests[] = { "", "/entries", "/participants" };

  row_begin ();
  for (guint i = 0; i < G_N_ELEMENTS (rests); i++)
    {
      g_autofree char *d = g_strdup_printf ("/api/v1/dossiers/%" ID "%s", w.d, rests[i]);
      g_autofree char *d2 = g_strdup_printf ("/api/v1/dossiers/%" ID "%s", w.d2, rests[i]);

      call_all (on_d, "GET", d, NULL);
      call_all (on_d2, "GET", d2, NULL);
    }
  /* my_access says how each one sees D (null: an owner/admin who is no participant). */
  for (Caller who = OWNER; who <= GUEST; who++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" ID, w.d);
      g_autoptr (KringTestResponse) r = kring_test_request (srv, "GET", path, w.token[who], NULL);

      if (r->status == 200)
        check (r, g_strcmp0 (str_member (r, "my_access"), my_access[who]) == 0,
               "%s: GET %s: my_access should be %s", caller_name[who], path,
               my_access[who] ?: "null");
    }
  row_end ();
}

/* Row: write an entry (can_write). */

static void
set_can_write (Caller who, gboolean can_write)
{
  g_autofree char *path
      = g_strdup_printf ("/api/v1/dossiers/%" ID "/participants/%" ID, w.d, w.pid[who]);
  g_autofree char *body = g_strdup_printf ("{\"can_write\": %s}", can_write ? "true" : "false");

  expect (OWNER, 200, "PATCH", path, body);
}

static void
write_entry (Caller who, gint64 dossier, guint expected, const char *visibility)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" ID "/entries", dossier);
  g_autofree char *body = g_strdup_printf ("{\"body\": \"Written by %s\", \"visibility\": \"%s\"}",
                                           caller_name[who], visibility);

  expect (who, expected, "POST", path, body);
}

static void
test_write_entry (void)
{
  static const guint on_d[N_CALLERS] = { 201, 201, 201, 201, 403, 404, 401 };
  static const guint on_d2[N_CALLERS] = { 201, 201, 404, 404, 404, 404, 401 };

  row_begin ();
  for (Caller who = 0; who < N_CALLERS; who++)
    {
      write_entry (who, w.d, on_d[who], "everyone");
      write_entry (who, w.d2, on_d2[who], "everyone");
    }
  /* The guest writes once an inviter allows it, never professionals-only. */
  set_can_write (GUEST, TRUE);
  write_entry (GUEST, w.d, 201, "everyone");
  write_entry (GUEST, w.d, 422, "professionals");
  set_can_write (GUEST, FALSE);
  write_entry (GUEST, w.d, 403, "everyone");
  /* Member and external write "if set": not when the inviter unsets it. */
  for (Caller who = MEMBER; who <= EXTERNAL; who++)
    {
      set_can_write (who, FALSE);
      write_entry (who, w.d, 403, "everyone");
      set_can_write (who, TRUE);
      write_entry (who, w.d, 201, "professionals");
    }
  row_end ();
}

/* Row: invite/remove participants. */

/* "Anyone for themselves": a guest leaves a dossier, and then cannot see it. */
static void
leave_by_oneself (void)
{
  g_autofree char *email = kring_test_unique_email ("leaver");
  gint64 pid = add_participant (w.d, email, "guest");
  g_autofree char *token = kring_test_accept_invitation (srv, email, "Leaver");
  g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" ID "/participants/%" ID, w.d, pid);
  g_autoptr (KringTestResponse) out = kring_test_request (srv, "DELETE", path, token, NULL);
  g_autofree char *d = g_strdup_printf ("/api/v1/dossiers/%" ID, w.d);
  g_autoptr (KringTestResponse) after = NULL;

  check (out, out->status == 204, "leaver: DELETE %s (themselves): expected 204, got %u", path,
         out->status);
  after = kring_test_request (srv, "GET", d, token, NULL);
  check (after, after->status == 404, "leaver: GET %s after leaving: expected 404, got %u", d,
         after->status);
}

static void
test_manage_participants (void)
{
  static const guint add[N_CALLERS] = { 201, 201, 201, 403, 403, 404, 401 };
  g_autofree char *list = g_strdup_printf ("/api/v1/dossiers/%" ID "/participants", w.d);
  g_autofree char *victim_email = kring_test_unique_email ("victim");
  g_autofree char *victim = NULL;
  g_autofree char *d2_list = g_strdup_printf ("/api/v1/dossiers/%" ID "/participants", w.d2);
  g_autofree char *d2_owner = NULL;

  row_begin ();
  victim = g_strdup_printf ("%s/%" ID, list, add_participant (w.d, victim_email, "guest"));
  for (Caller who = 0; who < N_CALLERS; who++)
    {
      g_autofree char *email = kring_test_unique_email ("invitee");
      g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\"}", email);
      g_autoptr (KringTestResponse) r = call (who, add[who], "POST", list, body);
      g_autofree char *mine = NULL;
      guint done = add[who] == 201 ? 200 : add[who];

      if (r->status == 201)
        mine = g_strdup_printf ("%s/%" ID, list, int_member (r, "id"));
      /* Change and remove: the one just added, or else someone else's. */
      expect (who, done, "PATCH", mine ?: victim, "{\"can_write\": true}");
      expect (who, done == 200 ? 204 : done, "DELETE", mine ?: victim, NULL);
    }
  /* The member takes no part in D2, so cannot see it at all. */
  d2_owner = g_strdup_printf ("%s/%" ID, d2_list, participant_id_of (w.d2, w.user_id[OWNER]));
  expect (MEMBER, 404, "POST", d2_list, "{\"email\": \"x-d2@example.org\"}");
  expect (MEMBER, 404, "PATCH", d2_owner, "{\"can_write\": true}");
  expect (MEMBER, 404, "DELETE", d2_owner, NULL);
  expect (OWNER, 204, "DELETE", victim, NULL);
  leave_by_oneself ();
  row_end ();
}

/* Row: create a dossier. */

static void
test_create_dossier (void)
{
  static const guint expected[N_CALLERS] = { 201, 201, 201, 404, 404, 404, 401 };
  g_autofree char *path = g_strdup_printf ("/api/v1/accounts/%" ID "/dossiers", w.a);

  row_begin ();
  for (Caller who = 0; who < N_CALLERS; who++)
    {
      g_autofree char *body = g_strdup_printf ("{\"title\": \"Created by %s\"}", caller_name[who]);
      g_autoptr (KringTestResponse) r = call (who, expected[who], "POST", path, body);

      if (r->status == 201)
        check (r, g_strcmp0 (str_member (r, "my_access"), "team") == 0,
               "%s: POST %s: the creator should be a team participant", caller_name[who], path);
    }
  row_end ();
}

/* Row: archive a dossier (and restore it: owner, admin). */

static void
test_archive (void)
{
  static const guint refused[N_CALLERS] = { 0, 0, 403, 403, 403, 404, 401 };
  gint64 f = create_dossier (OWNER, w.a, "To archive");
  gint64 f2 = create_dossier (OWNER, w.a, "To archive by admin");
  g_autofree char *fp = g_strdup_printf ("/api/v1/dossiers/%" ID, f);
  g_autofree char *f2p = g_strdup_printf ("/api/v1/dossiers/%" ID, f2);
  g_autofree char *restore = g_strdup_printf ("%s/restore", fp);
  g_autofree char *d2 = g_strdup_printf ("/api/v1/dossiers/%" ID, w.d2);
  g_autofree char *d = g_strdup_printf ("/api/v1/dossiers/%" ID, w.d);
  g_autofree char *restore_d = g_strdup_printf ("%s/restore", d);

  row_begin ();
  add_participant (f, w.email[MEMBER], "team");
  add_participant (f, w.email[EXTERNAL], "external");
  add_participant (f, w.email[GUEST], "guest");
  for (Caller who = MEMBER; who < N_CALLERS; who++)
    expect (who, refused[who], "DELETE", fp, NULL);
  expect (MEMBER, 404, "DELETE", d2, NULL);
  /* D itself, where all three take part (put back should one get through). */
  for (Caller who = MEMBER; who <= GUEST; who++)
    {
      g_autoptr (KringTestResponse) r = call (who, 403, "DELETE", d, NULL);

      if (r->status == 204)
        expect (OWNER, 200, "POST", restore_d, NULL);
    }
  expect (OWNER, 204, "DELETE", fp, NULL);
  for (Caller who = MEMBER; who < N_CALLERS; who++)
    expect (who, refused[who], "POST", restore, NULL);
  expect (ADMIN, 200, "POST", restore, NULL);
  expect (ADMIN, 204, "DELETE", fp, NULL);
  expect (ADMIN, 204, "DELETE", f2p, NULL);
  {
    g_autoptr (KringTestResponse) r = call (OWNER, 200, "GET", fp, NULL);
    check (r,
           r->status == 200
               && json_object_get_boolean_member_with_default (root_of (r), "archived", FALSE),
           "owner: GET %s: archived", fp);
  }
  row_end ();
}

/* Row: add/remove teammates (and see them: any teammate). */

/* "Anyone for themselves": a member leaves the team, and then cannot see it. */
static void
leave_team_by_oneself (void)
{
  g_autofree char *list = g_strdup_printf ("/api/v1/accounts/%" ID "/teammates", w.a);
  g_autofree char *email = kring_test_unique_email ("leaving-member");
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"role\": \"member\"}", email);
  g_autoptr (KringTestResponse) added = call (OWNER, 201, "POST", list, body);
  g_autofree char *token = kring_test_accept_invitation (srv, email, "Leaving Member");
  g_autofree char *path = NULL;
  g_autoptr (KringTestResponse) out = NULL, after = NULL;

  if (added->status != 201 || !kring_test_has (added, "teammate.id"))
    return;
  path = g_strdup_printf ("%s/%" ID, list, kring_test_int (added, "teammate.id"));
  out = kring_test_request (srv, "DELETE", path, token, NULL);
  check (out, out->status == 204, "leaving member: DELETE %s (themselves): expected 204, got %u",
         path, out->status);
  after = kring_test_request (srv, "GET", list, token, NULL);
  check (after, after->status == 404, "leaving member: GET %s after leaving: expected 404, got %u",
         list, after->status);
}

static void
test_teammates (void)
{
  static const guint add[N_CALLERS] = { 201, 201, 403, 404, 404, 404, 401 };
  static const guint see[N_CALLERS] = { 200, 200, 200, 404, 404, 404, 401 };
  g_autofree char *list = g_strdup_printf ("/api/v1/accounts/%" ID "/teammates", w.a);
  g_autofree char *victim_email = kring_test_unique_email ("victim-teammate");
  g_autofree char *victim = NULL;

  row_begin ();
  call_all (see, "GET", list, NULL);
  {
    g_autofree char *body
        = g_strdup_printf ("{\"email\": \"%s\", \"role\": \"member\"}", victim_email);
    g_autoptr (KringTestResponse) r = call (OWNER, 201, "POST", list, body);
    gint64 tid = r->status == 201 && kring_test_has (r, "teammate.id")
                     ? kring_test_int (r, "teammate.id")
                     : 0;
    victim = g_strdup_printf ("%s/%" ID, list, tid);
  }
  for (Caller who = 0; who < N_CALLERS; who++)
    {
      g_autofree char *email = kring_test_unique_email ("new-teammate");
      g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"role\": \"member\"}", email);
      g_autoptr (KringTestResponse) r = call (who, add[who], "POST", list, body);
      g_autofree char *mine = NULL;
      guint done = add[who] == 201 ? 200 : add[who];

      if (r->status == 201 && kring_test_has (r, "teammate.id"))
        mine = g_strdup_printf ("%s/%" ID, list, kring_test_int (r, "teammate.id"));
      expect (who, done, "PATCH", mine ?: victim, "{\"role\": \"admin\"}");
      expect (who, done == 200 ? 204 : done, "DELETE", mine ?: victim, NULL);
    }
  expect (OWNER, 204, "DELETE", victim, NULL);
  leave_team_by_oneself ();
  row_end ();
}

/* Row: change plan, billing (and read the account and its billing). */

static void
test_plan_and_billing (void)
{
  static const guint patch[N_CALLERS] = { 200, 403, 403, 404, 404, 404, 401 };
  static const guint get[N_CALLERS] = { 200, 200, 200, 404, 404, 404, 401 };
  static const guint billing[N_CALLERS] = { 200, 200, 403, 404, 404, 404, 401 };
  g_autofree char *account = g_strdup_printf ("/api/v1/accounts/%" ID, w.a);
  g_autofree char *bill = g_strdup_printf ("%s/billing", account);

  row_begin ();
  call_all (patch, "PATCH", account, "{\"plan\": \"team\", \"billing\": \"monthly\"}");
  call_all (patch, "PATCH", account, "{\"name\": \"Zorg A\"}");
  call_all (get, "GET", account, NULL);
  call_all (billing, "GET", bill, NULL);
  row_end ();
}

/* Row: see other participants' emails (a guest sees id, name, access only). */

static void
check_participant_shape (Caller who, KringTestResponse *r, JsonObject *p)
{
  if (who != GUEST)
    {
      check (r, json_object_has_member (p, "email") && json_object_has_member (p, "user_id"),
             "%s: GET participants: every item should show email and user_id", caller_name[who]);
      return;
    }
  check (r,
         json_object_get_size (p) == 3 && json_object_has_member (p, "id")
             && json_object_has_member (p, "name") && json_object_has_member (p, "access"),
         "guest: GET participants: items should be {id, name, access} only");
}

static void
test_participant_emails (void)
{
  static const guint expected[N_CALLERS] = { 200, 200, 200, 200, 200, 404, 401 };
  g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" ID "/participants", w.d);

  row_begin ();
  for (Caller who = 0; who < N_CALLERS; who++)
    {
      g_autoptr (KringTestResponse) r = call (who, expected[who], "GET", path, NULL);
      JsonArray *items = items_of (r);

      if (r->status != 200)
        continue;
      check (r, items != NULL && json_array_get_length (items) >= 3,
             "%s: GET %s: member, external and guest expected", caller_name[who], path);
      for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
        check_participant_shape (who, r, json_array_get_object_element (items, i));
      if (who != GUEST)
        check (r, strstr (r->body, w.email[GUEST]) != NULL, "%s: the guest's email should show",
               caller_name[who]);
      else
        check (r, strstr (r->body, "@") == NULL, "guest: no email may show in participants");
    }
  row_end ();
}

/* Row: read audit log. */

static void
test_audit_log (void)
{
  static const guint expected[N_CALLERS] = { 200, 200, 403, 404, 404, 404, 401 };
  g_autofree char *path = g_strdup_printf ("/api/v1/accounts/%" ID "/audit", w.a);

  row_begin ();
  call_all (expected, "GET", path, NULL);
  row_end ();
}

/* Row: see prices, make a quote: everyone, a bad token changes nothing. */

static void
test_prices (void)
{
  static const guint expected[N_CALLERS] = { 200, 200, 200, 200, 200, 200, 200 };
  g_autoptr (KringTestResponse) bogus = NULL;

  row_begin ();
  call_all (expected, "GET", "/api/v1/plans", NULL);
  call_all (expected, "POST", "/api/v1/quotes", "{\"plan\": \"team\", \"users\": 7}");
  bogus = kring_test_request (srv, "POST", "/api/v1/quotes", "not-a-token",
                              "{\"plan\": \"pro\", \"users\": 2}");
  check (bogus, bogus->status == 200, "bogus token: POST /api/v1/quotes should answer 200, got %u",
         bogus->status);
  row_end ();
}

/* Permission answers come before body validation (API.md's order:
 * resource 404 → 403 → 422), and 401 before anything about the body. */

static void
test_precedence (void)
{
  g_autofree char *teammates = g_strdup_printf ("/api/v1/accounts/%" ID "/teammates", w.a);
  g_autofree char *account = g_strdup_printf ("/api/v1/accounts/%" ID, w.a);
  g_autofree char *dossiers = g_strdup_printf ("%s/dossiers", account);
  g_autofree char *participants = g_strdup_printf ("/api/v1/dossiers/%" ID "/participants", w.d);
  g_autofree char *entries = g_strdup_printf ("/api/v1/dossiers/%" ID "/entries", w.d);
  g_autofree char *d = g_strdup_printf ("/api/v1/dossiers/%" ID, w.d);
  g_autofree char *d2 = g_strdup_printf ("/api/v1/dossiers/%" ID, w.d2);
  g_autoptr (KringTestResponse) raw = NULL;

  row_begin ();
  expect (MEMBER, 403, "POST", teammates, "{\"email\": \"not an email\", \"role\": \"boss\"}");
  expect (ADMIN, 403, "PATCH", account, "{\"plan\": \"no-such-plan\"}");
  expect (OTHER, 404, "PATCH", account, "{\"plan\": \"no-such-plan\"}");
  expect (EXTERNAL, 404, "POST", dossiers, "{\"title\": \"\"}");
  expect (EXTERNAL, 403, "POST", participants, "{\"email\": \"not an email\"}");
  expect (GUEST, 403, "POST", participants, "{\"unknown\": 1}");
  expect (GUEST, 403, "POST", entries, "{\"body\": \"\"}");
  expect (OTHER, 404, "POST", entries, "{\"body\": \"\"}");
  expect (MEMBER, 404, "PATCH", d2, "{\"title\": \"\"}");
  expect (EXTERNAL, 403, "PATCH", d, "{\"title\": \"\"}");
  expect (ANON, 401, "POST", entries, "{\"body\": 1}");
  raw = kring_test_request_raw (srv, "POST", entries, NULL, "application/json", "{", 1);
  check (raw, raw->status == 401, "anonymous: POST %s with broken JSON: expected 401, got %u",
         entries, raw->status);
  row_end ();
}

/* A resource of another account answers 404, never 403. */

static gint64
teammate_id_of (gint64 user_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/accounts/%" ID "/teammates", w.a);
  g_autoptr (KringTestResponse) r = kring_test_request (srv, "GET", path, w.token[OWNER], NULL);
  JsonArray *items = items_of (r);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *t = json_array_get_object_element (items, i);
      if (json_object_get_int_member_with_default (t, "user_id", -1) == user_id)
        return id_of (t);
    }
  mismatch ("owner: GET %s: no teammate with user_id %" ID ": %.300s", path, user_id, r->body);
  return 0;
}

static gint64
entry_in (gint64 dossier)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" ID "/entries", dossier);
  g_autoptr (KringTestResponse) r = call (OWNER, 201, "POST", path, "{\"body\": \"Hidden\"}");

  return int_member (r, "id");
}

typedef struct
{
  const char *method;
  const char *rest; /* after the dossier or account path; %s in it takes the sub id */
  const char *body;
} Probe;

static const Probe dossier_probes[] = {
  { "GET", "", NULL },
  { "PATCH", "", "{\"title\": \"Taken\"}" },
  { "DELETE", "", NULL },
  { "POST", "/restore", NULL },
  { "GET", "/entries", NULL },
  { "GET", "/entries/%s", NULL },
  { "POST", "/entries", "{\"body\": \"Intruder\"}" },
  { "GET", "/participants", NULL },
  { "POST", "/participants", "{\"email\": \"intruder@example.org\"}" },
  { "POST", "/participants/batch", "{\"participants\": [{\"email\": \"intruder@example.org\"}]}" },
  { "PATCH", "/participants/%s", "{\"can_write\": true}" },
  { "DELETE", "/participants/%s", NULL },
  { "POST", "/participants/%s/resend", NULL },
};

static const Probe account_probes[] = {
  { "GET", "", NULL },
  { "PATCH", "", "{\"name\": \"Taken\"}" },
  { "GET", "/billing", NULL },
  { "GET", "/audit", NULL },
  { "GET", "/teammates", NULL },
  { "POST", "/teammates", "{\"email\": \"intruder@example.org\", \"role\": \"owner\"}" },
  { "PATCH", "/teammates/%s", "{\"role\": \"owner\"}" },
  { "DELETE", "/teammates/%s", NULL },
  { "POST", "/teammates/%s/resend", NULL },
  { "POST", "/dossiers", "{\"title\": \"Intruder\"}" },
};

/* Sends every probe under @base as @who, expecting 404 not_found. */
static void
probe_all (Caller who, const char *base, const Probe *probes, guint n, gint64 entry, gint64 sub)
{
  for (guint i = 0; i < n; i++)
    {
      gboolean is_entry = g_str_has_prefix (probes[i].rest, "/entries/");
      g_autofree char *id = g_strdup_printf ("%" ID, is_entry ? entry : sub);
      g_auto (GStrv) parts = g_strsplit (probes[i].rest, "%s", 2);
      g_autofree char *rest = g_strjoinv (id, parts);
      g_autofree char *path = g_strconcat (base, rest, NULL);

      expect (who, 404, probes[i].method, path, probes[i].body);
    }
}

static void
compare_with_missing (Caller who, const char *hidden, const char *missing)
{
  g_autoptr (KringTestResponse) a = kring_test_request (srv, "GET", hidden, w.token[who], NULL);
  g_autoptr (KringTestResponse) b = kring_test_request (srv, "GET", missing, w.token[who], NULL);

  check (a,
         a->status == b->status
             && g_strcmp0 (str_member (a, "detail"), str_member (b, "detail")) == 0,
         "%s: GET %s should answer exactly as the missing %s (%.200s)", caller_name[who], hidden,
         missing, b->body);
}

static void
test_other_account_404 (void)
{
  g_autofree char *d = g_strdup_printf ("/api/v1/dossiers/%" ID, w.d);
  g_autofree char *d2 = g_strdup_printf ("/api/v1/dossiers/%" ID, w.d2);
  g_autofree char *a = g_strdup_printf ("/api/v1/accounts/%" ID, w.a);
  g_autofree char *list = g_strdup_printf ("/api/v1/dossiers?account=%" ID, w.a);
  gint64 entry, entry2, member_tid;

  row_begin ();
  entry = entry_in (w.d);
  entry2 = entry_in (w.d2);
  member_tid = teammate_id_of (w.user_id[MEMBER]);
  probe_all (OTHER, d, dossier_probes, G_N_ELEMENTS (dossier_probes), entry, w.pid[MEMBER]);
  /* The member does not take part in D2: it is hidden like another account's. */
  probe_all (MEMBER, d2, dossier_probes, G_N_ELEMENTS (dossier_probes), entry2,
             participant_id_of (w.d2, w.user_id[OWNER]));
  for (Caller who = EXTERNAL; who <= OTHER; who++)
    {
      probe_all (who, a, account_probes, G_N_ELEMENTS (account_probes), 0, member_tid);
      expect (who, 404, "GET", list, NULL);
    }
  compare_with_missing (OTHER, d, "/api/v1/dossiers/987654321");
  compare_with_missing (OTHER, a, "/api/v1/accounts/987654321");
  compare_with_missing (MEMBER, d2, "/api/v1/dossiers/987654321");
  /* Nothing of that reached the world. */
  {
    g_autoptr (KringTestResponse) r = call (OWNER, 200, "GET", d, NULL);
    check (r, g_strcmp0 (str_member (r, "title"), "Dossier D") == 0, "D should be unchanged");
  }
  row_end ();
}

/* R10: a guest never sees, counts or reaches a professionals-only entry. */

/* Every entry of D as @who sees them, page by page (@cursor: start there). */
static JsonArray *
walk_entries (Caller who, guint limit, const char *cursor)
{
  JsonArray *all = json_array_new ();
  g_autofree char *next = g_strdup (cursor);

  for (guint page = 0; page < 100; page++)
    {
      g_autofree char *escaped = next ? g_uri_escape_string (next, NULL, FALSE) : NULL;
      g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" ID "/entries?limit=%u%s%s", w.d,
                                               limit, next ? "&cursor=" : "", escaped ?: "");
      g_autoptr (KringTestResponse) r = call (who, 200, "GET", path, NULL);
      JsonArray *items = items_of (r);

      if (items == NULL)
        break;
      check (r, json_array_get_length (items) > 0, "%s: GET %s: empty page", caller_name[who],
             path);
      for (guint i = 0; i < json_array_get_length (items); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (items, i)));
      g_clear_pointer (&next, g_free);
      next = g_strdup (str_member (r, "next_cursor"));
      if (next == NULL)
        break;
    }
  return all;
}

static gboolean
everyone (JsonObject *entry)
{
  return g_strcmp0 (json_object_get_string_member_with_default (entry, "visibility", NULL),
                    "everyone")
         == 0;
}

/* What the guest gets must be exactly the owner's view without professionals entries. */
static void
check_guest_view (JsonArray *seen, JsonArray *full)
{
  guint k = 0;

  for (guint i = 0; i < json_array_get_length (full); i++)
    {
      JsonObject *e = json_array_get_object_element (full, i);
      JsonObject *g
          = k < json_array_get_length (seen) ? json_array_get_object_element (seen, k) : NULL;

      if (!everyone (e))
        continue;
      if (g == NULL || id_of (g) != id_of (e))
        {
          mismatch ("guest: entry %" ID " missing or out of order", id_of (e));
          return;
        }
      k++;
    }
  if (k != json_array_get_length (seen))
    mismatch ("guest: saw %u entries, should see exactly the %u everyone entries",
              json_array_get_length (seen), k);
  for (guint i = 0; i < json_array_get_length (seen); i++)
    {
      JsonObject *g = json_array_get_object_element (seen, i);
      JsonArray *by = array_of (g, "corrected_by");
      JsonObject *author = object_of (g, "author");

      if (!everyone (g))
        mismatch ("guest: entry %" ID " is not for everyone", id_of (g));
      for (guint j = 0; by != NULL && j < json_array_get_length (by); j++)
        if (!array_has_id (seen, "id", json_array_get_int_element (by, j)))
          mismatch ("guest: corrected_by of %" ID " names hidden entry %" ID, id_of (g),
                    json_array_get_int_element (by, j));
      if (json_object_get_int_member_with_default (g, "corrects", 0) > 0
          && !array_has_id (seen, "id", json_object_get_int_member (g, "corrects")))
        mismatch ("guest: entry %" ID " corrects a hidden entry", id_of (g));
      if (author == NULL || json_object_get_size (author) != 2
          || !json_object_has_member (author, "name"))
        mismatch ("guest: author of %" ID " should be {id, name} only", id_of (g));
    }
}

static gint64
post_entry (Caller who, const char *visibility, gint64 corrects)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" ID "/entries", w.d);
  g_autofree char *c
      = corrects ? g_strdup_printf (", \"corrects\": %" ID, corrects) : g_strdup ("");
  g_autofree char *body = g_strdup_printf ("{\"body\": \"R10 by %s\", \"visibility\": \"%s\"%s}",
                                           caller_name[who], visibility, c);
  g_autoptr (KringTestResponse) r = call (who, 201, "POST", path, body);

  return int_member (r, "id");
}

/* A cursor the member got just above the hidden entries leads the guest
 * past them (or is refused as not theirs), never onto them. */
static void
check_foreign_cursor (gint64 p1)
{
  g_autofree char *first = g_strdup_printf ("/api/v1/dossiers/%" ID "/entries?limit=2", w.d);
  g_autoptr (KringTestResponse) page = call (MEMBER, 200, "GET", first, NULL);
  const char *cursor = str_member (page, "next_cursor");
  g_autofree char *escaped = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
  g_autofree char *next = g_strdup_printf ("%s&cursor=%s", first, escaped ?: "");
  g_autoptr (KringTestResponse) r = NULL;
  JsonArray *items;

  if (cursor == NULL)
    {
      mismatch ("member: GET %s: next_cursor expected: %.300s", first, page->body);
      return;
    }
  r = kring_test_request (srv, "GET", next, w.token[GUEST], NULL);
  if (r->status == 400)
    return;
  items = items_of (r);
  check (r, r->status == 200 && items != NULL, "guest: GET %s: expected 200 or 400", next);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    check (r, everyone (json_array_get_object_element (items, i)),
           "guest: GET %s (member's cursor) reached a professionals entry", next);
  check (r, !array_has_id (items, "id", p1), "guest: member's cursor reached entry %" ID, p1);
}

static void
test_guest_never_sees_professionals (void)
{
  gint64 e1, p1, p2;
  g_autoptr (JsonArray) full = NULL, seen = NULL, seen_small = NULL, member_view = NULL;

  row_begin ();
  e1 = post_entry (OWNER, "everyone", 0);
  p1 = post_entry (MEMBER, "professionals", 0);
  p2 = post_entry (EXTERNAL, "professionals", e1); /* a less visible correction */
  post_entry (EXTERNAL, "everyone", 0);
  full = walk_entries (OWNER, 200, NULL);
  member_view = walk_entries (MEMBER, 3, NULL);
  check (NULL, array_has_id (full, "id", p1) && array_has_id (member_view, "id", p2),
         "owner and member should see professionals entries %" ID ", %" ID, p1, p2);
  for (guint i = 0; i < json_array_get_length (member_view); i++)
    {
      JsonObject *e = json_array_get_object_element (member_view, i);
      JsonObject *author = object_of (e, "author");

      if (author == NULL || !json_object_has_member (author, "email"))
        mismatch ("member: entry %" ID " should name its author's email (R7)", id_of (e));
    }
  check (NULL, json_array_get_length (member_view) == json_array_get_length (full),
         "member: paging by 3 should reach all %u entries, got %u", json_array_get_length (full),
         json_array_get_length (member_view));
  seen = walk_entries (GUEST, 200, NULL);
  seen_small = walk_entries (GUEST, 1, NULL);
  check_guest_view (seen, full);
  check_guest_view (seen_small, full);
  /* By id: hidden entries do not exist for the guest. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path
          = g_strdup_printf ("/api/v1/dossiers/%" ID "/entries/%" ID, w.d, i ? p2 : p1);
      expect (GUEST, 404, "GET", path, NULL);
      expect (EXTERNAL, 200, "GET", path, NULL);
      expect (MEMBER, 200, "GET", path, NULL);
    }
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/dossiers/%" ID "/entries/%" ID, w.d, e1);
    g_autoptr (KringTestResponse) r = call (GUEST, 200, "GET", path, NULL);
    JsonNode *by = r->status == 200 && kring_test_has (r, "corrected_by")
                       ? kring_test_get (r, "corrected_by")
                       : NULL;

    check (r, by == NULL || !array_has_id (json_node_get_array (by), NULL, p2),
           "guest: GET %s names the hidden correction %" ID, path, p2);
  }
  check_foreign_cursor (p1);
  row_end ();
}

int
main (int argc, char **argv)
{
  int result;

  /* Rows are independent: one failing row must not hide the others. */
  g_autoptr (GPtrArray) args = g_ptr_array_new ();

  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, "--keep-going");
  g_ptr_array_add (args, NULL);
  argc = args->len - 1;
  argv = (char **)args->pdata;
  g_test_init (&argc, &argv, NULL);
  srv = kring_test_server_start (NULL);
  setup_world ();
  g_test_add_func ("/permissions/see-all-dossiers", test_see_all_dossiers);
  g_test_add_func ("/permissions/read-dossier", test_read_dossier);
  g_test_add_func ("/permissions/write-entry", test_write_entry);
  g_test_add_func ("/permissions/invite-remove-participants", test_manage_participants);
  g_test_add_func ("/permissions/create-dossier", test_create_dossier);
  g_test_add_func ("/permissions/archive-dossier", test_archive);
  g_test_add_func ("/permissions/add-remove-teammates", test_teammates);
  g_test_add_func ("/permissions/plan-and-billing", test_plan_and_billing);
  g_test_add_func ("/permissions/participant-emails", test_participant_emails);
  g_test_add_func ("/permissions/audit-log", test_audit_log);
  g_test_add_func ("/permissions/prices-and-quotes", test_prices);
  g_test_add_func ("/permissions/precedence", test_precedence);
  g_test_add_func ("/permissions/other-account-404", test_other_account_404);
  g_test_add_func ("/permissions/r10-guest-never-sees-professionals",
                   test_guest_never_sees_professionals);
  result = g_test_run ();
  kring_test_server_stop (srv);
  return result;
}
