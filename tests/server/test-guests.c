/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The guest rules of participants (DOMAIN.md) against a real kringd: R2
 * and R3 under concurrent requests to one and to two server processes (R9),
 * paid users (R4) and kept access (R6). */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-test-server.h"

#define CONCURRENT 10

static KringTestServer *srv;

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
  g_autoptr (SoupSession) session = kring_test_session_new (60);
  g_autoptr (KringTestResponse) resp = NULL;

  g_mutex_lock (&shot->gate->lock);
  shot->gate->waiting++;
  g_cond_broadcast (&shot->gate->cond);
  while (!shot->gate->open)
    g_cond_wait (&shot->gate->cond, &shot->gate->lock);
  g_mutex_unlock (&shot->gate->lock);

  resp = kring_test_try_request (session, shot->base_url, "POST", shot->path, shot->token,
                                 shot->body);
  g_assert_nonnull (resp);
  shot->status = resp->status;
  if (resp->json != NULL && JSON_NODE_HOLDS_OBJECT (resp->json)
      && json_object_has_member (json_node_get_object (resp->json), "code"))
    shot->code = g_strdup (kring_test_str (resp, "code"));
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
      g_autoptr (KringTestResponse) resp = kring_test_dossier_request (
          srv, "GET", dossiers[i], "/participants?limit=200", token, NULL);

      kring_assert_status (resp, 200);
      for (guint j = 0; j < kring_test_len (resp, "items"); j++)
        {
          g_autofree char *path = g_strdup_printf ("items.%u.email", j);
          found += g_strcmp0 (kring_test_str (resp, path), email) == 0;
        }
    }
  return found;
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
    d[i] = kring_test_create_client_dossier (srv, org.token, org.account_id, "R3");
  d[4] = kring_test_create_client_dossier (srv, other.token, other.account_id, "R3 elsewhere");
  kring_test_add_participant (srv, org.token, d[0], email);
  kring_test_add_participant (srv, org.token, d[1], email);
  pid = kring_test_add_participant (srv, other.token, d[4], email);

  /* Counted across all accounts on the server. */
  resp = kring_test_add_participant_raw (srv, org.token, d[2], body);
  kring_assert_problem (resp, 409, "guest_dossier_limit");
  g_assert_cmpint (kring_test_int (resp, "limit"), ==, 3);
  g_assert_cmpint (kring_test_int (resp, "used"), ==, 3);
  kring_test_response_free (resp);

  /* Removing the guest from one dossier frees a slot. */
  resp = kring_test_participant_request (srv, "DELETE", d[4], pid, "", other.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  kring_test_add_participant (srv, org.token, d[2], email);
  resp = kring_test_add_participant_raw (srv, org.token, d[3], body);
  kring_assert_problem (resp, 409, "guest_dossier_limit");
  kring_test_response_free (resp);

  /* An archived dossier does not count; restoring it re-checks nothing. */
  resp = kring_test_dossier_request (srv, "DELETE", d[0], "", org.token, NULL);
  kring_assert_status (resp, 204);
  kring_test_response_free (resp);
  kring_test_add_participant (srv, org.token, d[3], email);
  resp = kring_test_dossier_request (srv, "POST", d[0], "/restore", org.token, NULL);
  kring_assert_status (resp, 200);
  kring_test_response_free (resp);
  resp = kring_test_add_participant_raw (srv, other.token, d[4], body);
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
  resp = kring_test_add_participant_raw (srv, other.token, d[4], body);
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
      dossiers[i] = kring_test_create_client_dossier (servers[i % n_servers], org.token,
                                                      org.account_id, "Race");
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
    d[i] = kring_test_create_client_dossier (srv, host.token, host.account_id, "Paid");

  /* A trial account makes nobody paid: a guest at the limit stays there. */
  for (guint i = 0; i < 3; i++)
    kring_test_add_participant (srv, host.token, d[i], worker_email);
  resp = kring_test_add_participant_raw (srv, host.token, d[3], body);
  kring_assert_problem (resp, 409, "guest_dossier_limit");
  kring_test_response_free (resp);

  /* A teammate of an active account is external, and unlimited. */
  kring_test_set_status (srv, home.account_id, "active");
  for (guint i = 3; i < 5; i++)
    {
      resp = kring_test_add_participant_raw (srv, host.token, d[i], body);
      kring_assert_status (resp, 201);
      g_assert_cmpstr (kring_test_str (resp, "access"), ==, "external");
      g_assert_true (kring_test_bool (resp, "can_write"));
      g_assert_false (kring_test_has (resp, "guest_dossiers"));
      kring_test_response_free (resp);
    }
  resp = kring_test_dossier_request (srv, "GET", d[0], "", host.token, NULL);
  g_assert_cmpint (kring_test_int (resp, "guests"), ==, 0);
  kring_test_response_free (resp);

  /* Back to trial: five guest participations, all kept; new ones refused. */
  kring_test_set_status (srv, home.account_id, "trial");
  for (guint i = 0; i < 5; i++)
    {
      resp = kring_test_dossier_request (srv, "GET", d[i], "", worker, NULL);
      kring_assert_status (resp, 200);
      g_assert_cmpstr (kring_test_str (resp, "my_access"), ==, "guest");
      g_assert_cmpint (kring_test_int (resp, "guests"), ==, 1);
      kring_test_response_free (resp);
    }
  resp = kring_test_add_participant_raw (srv, host.token, d[5], body);
  kring_assert_problem (resp, 409, "guest_dossier_limit");
  g_assert_cmpint (kring_test_int (resp, "used"), ==, 5);
  g_assert_cmpint (kring_test_int (resp, "limit"), ==, 3);
  kring_test_response_free (resp);
  {
    gint64 pid = kring_test_find_participant (srv, host.token, d[0], worker_email);

    resp = kring_test_participant_request (srv, "PATCH", d[0], pid, "", host.token,
                                           "{\"can_write\": true}");
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
  id = kring_test_create_client_dossier (srv, org.token, org.account_id, "Crowded");
  for (guint i = 0; i < 998; i++)
    g_string_append_printf (batch, "%s{\"email\": \"crowd-%u@example.net\"}", i > 0 ? "," : "", i);
  g_string_append (batch, "]}");
  resp = kring_test_dossier_request (srv, "POST", id, "/participants/batch", org.token, batch->str);
  kring_assert_status (resp, 200);
  g_assert_cmpuint (kring_test_len (resp, "results"), ==, 998);
  g_assert_cmpint (kring_test_int (resp, "results.997.status"), ==, 201);
  kring_test_response_free (resp);

  /* Someone already at R3's limit, for the order of R2 before R3. */
  for (guint i = 0; i < 3; i++)
    {
      spare[i] = kring_test_create_client_dossier (srv, org.token, org.account_id, "Spare");
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

  resp = kring_test_dossier_request (srv, "GET", id, "", org.token, NULL);
  g_assert_cmpint (kring_test_int (resp, "guests"), ==, 1000);
  g_assert_cmpint (kring_test_int (resp, "participants"), ==, 1001);
  kring_test_response_free (resp);

  /* R2 answers before R3; teammates do not count toward the 1000. */
  {
    g_autofree char *body = g_strdup_printf (
        "{\"participants\": [{\"email\": \"%s\"}, {\"email\": \"%s\"}]}", full, member_email);

    resp = kring_test_dossier_request (srv, "POST", id, "/participants/batch", org.token, body);
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
  g_test_add_func ("/guests/guest-dossier-limit", test_guest_dossier_limit);
  g_test_add_func ("/guests/guest-dossier-limit-concurrent", test_guest_dossier_limit_concurrent);
  g_test_add_func ("/guests/guest-dossier-limit-two-processes",
                   test_guest_dossier_limit_two_processes);
  g_test_add_func ("/guests/paid-users-and-kept-access", test_paid_users_and_kept_access);
  /* Last: it fills the mail folder with a thousand invitations. */
  g_test_add_func ("/guests/guest-capacity", test_guest_capacity);
  status = g_test_run ();
  kring_test_server_stop (srv);
  return status;
}
