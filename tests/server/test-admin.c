/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The operator's commands (API.md, "Operator commands") end to end against a
 * running kringd on the same database, and `kringd --demo`. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-test-server.h"

static KringTestServer *server;

/* Runs `kringd admin [--database DB] ARGS…` (@args NULL-terminated);
 * returns the exit status. */
static int
run_admin (KringTestServer *srv, char **out_stdout, char **out_stderr, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (argv, (char *)kring_test_kringd_path ());
  g_ptr_array_add (argv, "admin");
  if (srv != NULL)
    {
      g_ptr_array_add (argv, "--database");
      g_ptr_array_add (argv, srv->database);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  process
      = g_subprocess_newv ((const char *const *)argv->pdata,
                           G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out_stdout, out_stderr, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static gint64
create_account (const char *name, const char *owner)
{
  g_autofree char *out = kring_test_admin (server, "create-account", "--name", name, "--owner",
                                           owner, "--plan", "team", NULL);
  char *end = NULL;
  gint64 id = g_ascii_strtoll (out, &end, 10);

  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (end, ==, "\n");
  return id;
}

static KringTestResponse *
get_account (const char *token, gint64 id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT, id);

  return kring_test_request (server, "GET", path, token, NULL);
}

/* The account's line of list-accounts, split at tabs. */
static GStrv
account_line (gint64 id)
{
  g_autofree char *out = kring_test_admin (server, "list-accounts", NULL);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strdup_printf ("%" G_GINT64_FORMAT "\t", id);

  g_assert_cmpstr (lines[0], ==, "id\tname\tplan\tstatus\tseats\tdiscounts");
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strsplit (lines[i], "\t", -1);
  g_error ("account %" G_GINT64_FORMAT " not listed: %s", id, out);
  return NULL;
}

static void
test_list_accounts (void)
{
  g_autofree char *email = kring_test_unique_email ("list");
  gint64 id = 0;
  g_autofree char *token = kring_test_signup (server, email, "Zorg Lijst", "pro", &id);
  g_auto (GStrv) fields = account_line (id);

  g_assert_cmpuint (g_strv_length (fields), ==, 6);
  g_assert_cmpstr (fields[1], ==, "Zorg Lijst");
  g_assert_cmpstr (fields[2], ==, "pro");
  g_assert_cmpstr (fields[3], ==, "trial");
  g_assert_cmpstr (fields[4], ==, "1");
  g_assert_cmpstr (fields[5], ==, "-");
}

/* create-account: a trial account whose new owner gets an invitation, which
 * the running server delivers. */
static void
test_create_account (void)
{
  g_autofree char *email = kring_test_unique_email ("Nieuw");
  g_autofree char *lower = g_ascii_strdown (email, -1);
  gint64 id = create_account ("  Stichting Nieuw Begin ", email);
  g_autofree char *token = kring_test_accept_invitation (server, lower, "Nieuwe Eigenaar");
  g_autoptr (KringTestResponse) me = kring_test_request (server, "GET", "/api/v1/me", token, NULL);
  g_autoptr (KringTestResponse) account = get_account (token, id);
  g_auto (GStrv) fields = account_line (id);

  kring_assert_status (me, 200);
  g_assert_cmpstr (kring_test_str (me, "user.email"), ==, lower);
  g_assert_cmpstr (kring_test_str (me, "user.name"), ==, "Nieuwe Eigenaar");
  g_assert_cmpint (kring_test_len (me, "memberships"), ==, 1);
  g_assert_cmpint (kring_test_int (me, "memberships.0.account.id"), ==, id);
  g_assert_cmpstr (kring_test_str (me, "memberships.0.role"), ==, "owner");
  g_assert_false (kring_test_bool (me, "paid"));
  kring_assert_status (account, 200);
  g_assert_cmpstr (kring_test_str (account, "name"), ==, "Stichting Nieuw Begin");
  g_assert_cmpstr (kring_test_str (account, "status"), ==, "trial");
  g_assert_cmpstr (kring_test_str (account, "plan"), ==, "team");
  g_assert_cmpint (kring_test_int (account, "seats"), ==, 1);
  g_assert_cmpstr (fields[1], ==, "Stichting Nieuw Begin");
  g_assert_cmpstr (fields[3], ==, "trial");
}

/* An owner who already has a login keeps it and gets a notice, no code. */
static void
test_create_account_existing_login (void)
{
  g_autofree char *email = kring_test_unique_email ("bestaand");
  g_autofree char *token = kring_test_signup (server, email, "Eerste Zorg", "pro", NULL);
  g_autoptr (KringTestResponse) me = NULL;
  g_autofree char *mail = NULL;
  guint before = kring_test_mail_count (server, email);
  gint64 id = create_account ("Tweede Zorg", email);

  for (guint i = 0; i < 30 && kring_test_mail_count (server, email) == before; i++)
    ;
  g_assert_cmpuint (kring_test_mail_count (server, email), ==, before + 1);
  mail = kring_test_mail_last (server, email);
  g_assert_null (strstr (mail, "kring://"));
  g_assert_nonnull (strstr (mail, "Tweede Zorg"));
  me = kring_test_request (server, "GET", "/api/v1/me", token, NULL);
  kring_assert_status (me, 200);
  g_assert_cmpint (kring_test_len (me, "memberships"), ==, 2);
  g_assert_cmpint (kring_test_int (me, "memberships.1.account.id"), ==, id);
  g_assert_cmpstr (kring_test_str (me, "memberships.1.role"), ==, "owner");
}

static KringTestResponse *
newest_account_update (const char *token, gint64 id)
{
  g_autofree char *path = g_strdup_printf (
      "/api/v1/accounts/%" G_GINT64_FORMAT "/audit?action=account.updated&limit=1", id);
  KringTestResponse *r = kring_test_request (server, "GET", path, token, NULL);

  kring_assert_status (r, 200);
  g_assert_cmpuint (kring_test_len (r, "items"), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (kring_test_get (r, "items.0.actor")));
  g_assert_cmpstr (kring_test_str (r, "items.0.action"), ==, "account.updated");
  g_assert_cmpstr (kring_test_str (r, "items.0.detail.by"), ==, "operator");
  g_assert_cmpuint (
      json_object_get_size (json_node_get_object (kring_test_get (r, "items.0.detail"))), ==, 1);
  return r;
}

static gboolean
is_paid (const char *token)
{
  g_autoptr (KringTestResponse) me = kring_test_request (server, "GET", "/api/v1/me", token, NULL);

  kring_assert_status (me, 200);
  /* A paid user has no guest limit (R4). */
  g_assert_true (kring_test_bool (me, "paid")
                 == JSON_NODE_HOLDS_NULL (kring_test_get (me, "guest_dossiers")));
  return kring_test_bool (me, "paid");
}

/* set-status makes the account's teammates paid users, and takes it back. */
static void
test_set_status (void)
{
  g_autofree char *owner = kring_test_unique_email ("status");
  g_autofree char *mate = kring_test_unique_email ("collega");
  gint64 id = 0;
  g_autofree char *token = kring_test_signup (server, owner, "Zorg Status", "team", &id);
  g_autofree char *path = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates", id);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (KringTestResponse) add = NULL;
  g_autoptr (KringTestResponse) account = NULL;
  g_autoptr (KringTestResponse) audit = NULL;
  g_autofree char *mate_token = NULL;
  g_autofree char *out = NULL;
  gint64 first_event;

  add = kring_test_request (server, "POST", path, token,
                            "{\"email\": \"%s\", \"role\": \"member\"}", mate);
  kring_assert_status (add, 201);
  mate_token = kring_test_accept_invitation (server, mate, NULL);
  g_assert_false (is_paid (token));
  g_assert_false (is_paid (mate_token));

  out = kring_test_admin (server, "set-status", id_text, "active", NULL);
  g_assert_true (is_paid (token));
  g_assert_true (is_paid (mate_token));
  account = get_account (token, id);
  g_assert_cmpstr (kring_test_str (account, "status"), ==, "active");
  audit = newest_account_update (token, id);
  first_event = kring_test_int (audit, "items.0.id");

  g_free (kring_test_admin (server, "set-status", id_text, "trial", NULL));
  g_assert_false (is_paid (token));
  g_assert_false (is_paid (mate_token));
  kring_test_response_free (g_steal_pointer (&account));
  account = get_account (token, id);
  g_assert_cmpstr (kring_test_str (account, "status"), ==, "trial");
  kring_test_response_free (g_steal_pointer (&audit));
  audit = newest_account_update (token, id);
  g_assert_cmpint (kring_test_int (audit, "items.0.id"), >, first_event);
}

static gboolean
has_discount (KringTestResponse *account, const char *discount)
{
  JsonArray *array = json_node_get_array (kring_test_get (account, "discounts"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), discount) == 0)
      return TRUE;
  return FALSE;
}

static void
test_set_discounts (void)
{
  g_autofree char *owner = kring_test_unique_email ("korting");
  gint64 id = 0;
  g_autofree char *token = kring_test_signup (server, owner, "Zorg Korting", "team", &id);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (KringTestResponse) account = NULL;
  g_autoptr (KringTestResponse) audit = NULL;
  g_auto (GStrv) fields = NULL;

  g_free (kring_test_admin (server, "set-discounts", id_text, "new_kvk", "anbi", NULL));
  account = get_account (token, id);
  g_assert_true (has_discount (account, "new_kvk"));
  g_assert_true (has_discount (account, "anbi"));
  audit = newest_account_update (token, id);
  fields = account_line (id);
  g_assert_cmpstr (fields[5], ==, "new_kvk,anbi");

  /* Exactly the discounts named: the others are cleared. */
  g_free (kring_test_admin (server, "set-discounts", id_text, "anbi", NULL));
  kring_test_response_free (g_steal_pointer (&account));
  account = get_account (token, id);
  g_assert_false (has_discount (account, "new_kvk"));
  g_assert_true (has_discount (account, "anbi"));
  g_free (kring_test_admin (server, "set-discounts", id_text, NULL));
  kring_test_response_free (g_steal_pointer (&account));
  account = get_account (token, id);
  g_assert_false (has_discount (account, "anbi"));
  g_assert_cmpstr (kring_test_str (account, "status"), ==, "trial");
}

static void
assert_admin_fails (int expected, const char *const *args)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_admin (server, &out, &err, args), ==, expected);
  g_assert_true (g_str_has_prefix (err, "kringd admin: "));
  g_assert_cmpstr (out, ==, "");
}

#define FAILS(status, ...) assert_admin_fails ((status), (const char *const[]){ __VA_ARGS__, NULL })

static void
test_errors (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  FAILS (2, NULL);
  FAILS (2, "frobnicate");
  FAILS (2, "--database");
  FAILS (2, "--verbose", "list-accounts");
  FAILS (2, "list-accounts", "extra");
  FAILS (2, "set-status");
  FAILS (2, "set-status", "1");
  FAILS (2, "set-status", "abc", "active");
  FAILS (2, "set-status", "0", "active");
  FAILS (2, "set-status", "1", "paying");
  FAILS (2, "set-discounts");
  FAILS (2, "set-discounts", "1", "interns");
  FAILS (2, "create-account", "--name", "X", "--owner", "x@voorbeeld.nl");
  FAILS (2, "create-account", "--name", "X", "--name", "Y", "--owner", "x@voorbeeld.nl", "--plan",
         "team");
  FAILS (2, "create-account", "--name", "X", "--owner", "not an email", "--plan", "team");
  FAILS (2, "create-account", "--name", " ", "--owner", "x@voorbeeld.nl", "--plan", "team");
  FAILS (2, "create-account", "--name", "X", "--owner", "x@voorbeeld.nl", "--plan", "gold");
  FAILS (1, "set-status", "987654321", "active");
  FAILS (1, "set-discounts", "987654321", "anbi");

  g_assert_cmpint (run_admin (NULL, &out, &err, (const char *const[]){ "--help", NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "set-discounts ACCOUNT_ID"));
}

/* `kringd --demo`, started by hand to read what it prints before it
 * listens. */
static KringTestServer *
start_demo (const char *dir, char **out_preamble)
{
  KringTestServer *srv = g_new0 (KringTestServer, 1);
  g_autofree char *db = g_build_filename (dir, "kring.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  GString *preamble = g_string_new (NULL);
  char *line;

  srv->dir = g_strdup (dir);
  srv->database = g_strconcat ("sqlite:", db, NULL);
  srv->mail_dir = g_build_filename (dir, "mail", NULL);
  srv->process = g_subprocess_new (
      G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, kring_test_kringd_path (), "--listen", "127.0.0.1:0",
      "--database", srv->database, "--mail-dir", srv->mail_dir, "--demo", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (srv->process));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (out), FALSE);
  while (srv->base_url == NULL
         && (line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, NULL)) != NULL)
    {
      if (g_str_has_prefix (line, "listening on "))
        srv->base_url = g_strdup (line + strlen ("listening on "));
      else
        g_string_append_printf (preamble, "%s\n", line);
      g_free (line);
    }
  g_assert_nonnull (srv->base_url);
  srv->session = soup_session_new_with_options ("timeout", 60, "proxy-resolver", NULL, NULL);
  *out_preamble = g_string_free (preamble, FALSE);
  return srv;
}

/* The printed logins, "  EMAIL  PASSWORD  ROLE" lines: email → role. */
static GHashTable *
demo_roles (const char *preamble)
{
  g_autoptr (GRegex) regex = g_regex_new ("^  (\\S+@\\S+)\\s+\\S+\\s+(owner|admin|member|guest)$",
                                          G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  GHashTable *roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (g_regex_match (regex, preamble, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    g_hash_table_insert (roles, g_match_info_fetch (match, 1), g_match_info_fetch (match, 2));
  return roles;
}

static char *
demo_login (KringTestServer *srv, GHashTable *roles, const char *preamble, const char *role)
{
  g_autoptr (KringTestResponse) r = NULL;
  g_autofree char *pattern = g_strdup_printf ("(?m)^  (\\S+)\\s+(\\S+)\\s+%s$", role);
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;

  g_assert_true (g_regex_match (regex, preamble, 0, &match));
  email = g_match_info_fetch (match, 1);
  password = g_match_info_fetch (match, 2);
  g_assert_cmpstr (g_hash_table_lookup (roles, email), ==, role);
  r = kring_test_request (srv, "POST", "/api/v1/sessions", NULL,
                          "{\"email\": \"%s\", \"password\": \"%s\"}", email, password);
  kring_assert_status (r, 201);
  return g_strdup (kring_test_str (r, "token"));
}

static guint
count_items (KringTestServer *srv, const char *token, const char *path)
{
  g_autoptr (KringTestResponse) r = kring_test_request (srv, "GET", path, token, NULL);

  kring_assert_status (r, 200);
  return kring_test_len (r, "items");
}

/* What the demo shows: an active Team account, its people paid, dossiers
 * with guests, and professionals-only entries hidden from guests. */
static void
check_demo (KringTestServer *srv, const char *preamble)
{
  g_autoptr (GHashTable) roles = demo_roles (preamble);
  g_autofree char *owner = demo_login (srv, roles, preamble, "owner");
  g_autofree char *admin = demo_login (srv, roles, preamble, "admin");
  g_autofree char *member = demo_login (srv, roles, preamble, "member");
  g_autofree char *guest = demo_login (srv, roles, preamble, "guest");
  g_autoptr (KringTestResponse) me = kring_test_request (srv, "GET", "/api/v1/me", owner, NULL);
  g_autoptr (KringTestResponse) guest_me
      = kring_test_request (srv, "GET", "/api/v1/me", guest, NULL);
  g_autoptr (KringTestResponse) dossiers
      = kring_test_request (srv, "GET", "/api/v1/dossiers", guest, NULL);
  g_autofree char *entries = NULL;
  guint team_entries, guest_entries;

  g_assert_cmpuint (g_hash_table_size (roles), >=, 5);
  kring_assert_status (me, 200);
  g_assert_true (kring_test_bool (me, "paid"));
  g_assert_cmpstr (kring_test_str (me, "memberships.0.account.name"), ==, "Zorggroep De Linde");
  g_assert_cmpstr (kring_test_str (me, "memberships.0.account.status"), ==, "active");
  g_assert_cmpstr (kring_test_str (me, "memberships.0.account.plan"), ==, "team");
  g_assert_cmpuint (count_items (srv, owner, "/api/v1/dossiers"), ==, 6);
  g_assert_cmpuint (count_items (srv, admin, "/api/v1/dossiers"), ==, 6);
  g_assert_cmpuint (count_items (srv, member, "/api/v1/dossiers"), >=, 1);

  kring_assert_status (guest_me, 200);
  g_assert_false (kring_test_bool (guest_me, "paid"));
  kring_assert_status (dossiers, 200);
  g_assert_cmpuint (kring_test_len (dossiers, "items"), >=, 1);
  g_assert_cmpstr (kring_test_str (dossiers, "items.0.my_access"), ==, "guest");
  entries = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/entries",
                             kring_test_int (dossiers, "items.0.id"));
  team_entries = count_items (srv, owner, entries);
  guest_entries = count_items (srv, guest, entries);
  g_assert_cmpuint (guest_entries, >=, 1);
  g_assert_cmpuint (guest_entries, <, team_entries);
}

static void
test_demo (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kringd-demo-XXXXXX", &error);
  g_autofree char *preamble = NULL;
  g_autofree char *again = NULL;
  g_autofree char *owner = NULL;
  KringTestServer *srv;
  g_autoptr (GHashTable) roles = NULL;

  g_assert_no_error (error);
  srv = start_demo (dir, &preamble);
  g_assert_nonnull (strstr (preamble, "Zorggroep De Linde"));
  check_demo (srv, preamble);
  kring_test_server_stop (srv);

  /* A second start leaves the data alone. */
  srv = start_demo (dir, &again);
  g_assert_nonnull (strstr (again, "already"));
  roles = demo_roles (again);
  owner = demo_login (srv, roles, again, "owner");
  g_assert_cmpuint (count_items (srv, owner, "/api/v1/dossiers"), ==, 6);
  {
    g_autofree char *out = kring_test_admin (srv, "list-accounts", NULL);
    g_auto (GStrv) lines = g_strsplit (out, "\n", -1);

    /* The header, one account, the empty string after the last newline. */
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
    g_assert_true (g_str_has_prefix (lines[1], "1\tZorggroep De Linde\tteam\tactive\t4\t"));
  }
  srv->owns_dir = TRUE;
  kring_test_server_stop (srv);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  server = kring_test_server_start (NULL);

  g_test_add_func ("/admin/list-accounts", test_list_accounts);
  g_test_add_func ("/admin/create-account", test_create_account);
  g_test_add_func ("/admin/create-account-existing-login", test_create_account_existing_login);
  g_test_add_func ("/admin/set-status", test_set_status);
  g_test_add_func ("/admin/set-discounts", test_set_discounts);
  g_test_add_func ("/admin/errors", test_errors);
  g_test_add_func ("/admin/demo", test_demo);
  status = g_test_run ();

  kring_test_server_stop (server);
  return status;
}
