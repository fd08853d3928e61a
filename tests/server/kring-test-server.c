/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "kring-test-server.h"

const char *
kring_test_kringd_path (void)
{
  const char *path = g_getenv ("KRINGD");

  g_assert_nonnull (path);
  return path;
}

static char *
read_listening_line (GSubprocess *process)
{
  GInputStream *out = g_subprocess_get_stdout_pipe (process);
  g_autoptr (GDataInputStream) data = g_data_input_stream_new (out);
  g_autoptr (GError) error = NULL;
  char *line;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);
  /* Other lines (the demo's logins) may come first. */
  while ((line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, "listening on "))
        {
          char *url = g_strdup (line + strlen ("listening on "));
          g_free (line);
          return url;
        }
      g_free (line);
    }
  g_error ("kringd ended before listening: %s", error != NULL ? error->message : "end of output");
  return NULL;
}

/* A kringd outlives no test: when the test dies, so does the server. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
spawn (GPtrArray *argv, GSubprocessFlags flags, GError **error)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* Sanitizer builds check kringd for leaks even where the test process
   * itself (full of GLib's threads) runs without. */
  if (g_getenv ("KRINGD_ASAN_OPTIONS") != NULL)
    g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", g_getenv ("KRINGD_ASAN_OPTIONS"), TRUE);
  return g_subprocess_launcher_spawnv (launcher, (const char *const *)argv->pdata, error);
}

/* Starts kringd for @server; without @with_mail_dir the mail goes where
 * @extra_args say (kringd refuses --mail-dir together with --smtp). */
static KringTestServer *
start_with (KringTestServer *server, gboolean with_mail_dir, const char *const *extra_args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (argv, (char *)kring_test_kringd_path ());
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, "127.0.0.1:0");
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, server->database);
  if (with_mail_dir)
    {
      g_ptr_array_add (argv, "--mail-dir");
      g_ptr_array_add (argv, server->mail_dir);
    }
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)extra_args[i]);
  g_ptr_array_add (argv, NULL);

  server->process = spawn (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  server->base_url = read_listening_line (server->process);
  server->session = kring_test_session_new (60);
  return server;
}

/* A server in a fresh temp dir of its own, not started yet. */
static KringTestServer *
server_new_in_temp_dir (void)
{
  KringTestServer *server = g_new0 (KringTestServer, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *db = NULL;

  server->dir = g_dir_make_tmp ("kringd-test-XXXXXX", &error);
  g_assert_no_error (error);
  server->owns_dir = TRUE;
  db = g_build_filename (server->dir, "kring.db", NULL);
  server->database = g_strconcat ("sqlite:", db, NULL);
  server->mail_dir = g_build_filename (server->dir, "mail", NULL);
  return server;
}

KringTestServer *
kring_test_server_start (const char *const *extra_args)
{
  return start_with (server_new_in_temp_dir (), TRUE, extra_args);
}

KringTestServer *
kring_test_server_start_smtp (guint16 port)
{
  g_autofree char *url = g_strdup_printf ("smtp://127.0.0.1:%u", port);
  const char *const args[] = { "--smtp", url, NULL };

  return start_with (server_new_in_temp_dir (), FALSE, args);
}

KringTestServer *
kring_test_server_start_sharing (KringTestServer *other, const char *const *extra_args)
{
  KringTestServer *server = g_new0 (KringTestServer, 1);

  server->dir = g_strdup (other->dir);
  server->database = g_strdup (other->database);
  server->mail_dir = g_strdup (other->mail_dir);
  return start_with (server, TRUE, extra_args);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
kring_test_server_free (KringTestServer *server)
{
  if (server == NULL)
    return;
  if (server->owns_dir && g_getenv ("KRING_TEST_KEEP") == NULL)
    remove_tree (server->dir);
  g_clear_object (&server->process);
  g_clear_object (&server->session);
  g_clear_object (&server->trusted);
  g_free (server->dir);
  g_free (server->database);
  g_free (server->mail_dir);
  g_free (server->base_url);
  g_free (server);
}

void
kring_test_server_stop (KringTestServer *server)
{
  g_autoptr (GError) error = NULL;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);
  kring_test_server_free (server);
}

void
kring_test_server_kill (KringTestServer *server)
{
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
}

/* Requests. */

static gboolean
accept_trusted (SoupMessage *msg, GTlsCertificate *certificate, GTlsCertificateFlags errors,
                gpointer user_data)
{
  KringTestServer *server = user_data;

  return server->trusted != NULL && g_tls_certificate_is_same (certificate, server->trusted);
}

SoupSession *
kring_test_session_new (guint timeout)
{
  /* No proxy resolver: tests talk to loopback and run without GSettings schemas. */
  return soup_session_new_with_options ("timeout", timeout, "max-conns", 64, "max-conns-per-host",
                                        64, "proxy-resolver", NULL, NULL);
}

static SoupMessage *
new_message (const char *base_url, const char *method, const char *path, const char *token,
             const char *content_type, const char *body, gsize length)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, length);
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  return msg;
}

static KringTestResponse *
response_new (SoupMessage *msg, GBytes *reply)
{
  KringTestResponse *response = g_new0 (KringTestResponse, 1);

  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  response->body = g_malloc0 (g_bytes_get_size (reply) + 1);
  if (g_bytes_get_size (reply) > 0)
    memcpy (response->body, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  if (g_bytes_get_size (reply) > 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      if (json_parser_load_from_data (parser, response->body, -1, NULL))
        response->json = json_node_copy (json_parser_get_root (parser));
    }
  return response;
}

KringTestResponse *
kring_test_request_raw (KringTestServer *server, const char *method, const char *path,
                        const char *token, const char *content_type, const char *body, gsize length)
{
  g_autoptr (SoupMessage) msg
      = new_message (server->base_url, method, path, token, content_type, body, length);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;

  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_trusted), server);
  reply = soup_session_send_and_read (server->session, msg, NULL, &error);
  g_assert_no_error (error);
  return response_new (msg, reply);
}

KringTestResponse *
kring_test_try_request (SoupSession *session, const char *base_url, const char *method,
                        const char *path, const char *token, const char *json_body)
{
  g_autoptr (SoupMessage) msg
      = new_message (base_url, method, path, token, json_body != NULL ? "application/json" : NULL,
                     json_body, json_body != NULL ? strlen (json_body) : 0);
  g_autoptr (GBytes) reply = soup_session_send_and_read (session, msg, NULL, NULL);

  return reply != NULL ? response_new (msg, reply) : NULL;
}

KringTestResponse *
kring_test_request (KringTestServer *server, const char *method, const char *path,
                    const char *token, const char *json_format, ...)
{
  g_autofree char *body = NULL;
  va_list args;

  if (json_format != NULL)
    {
      va_start (args, json_format);
      body = g_strdup_vprintf (json_format, args);
      va_end (args);
    }
  return kring_test_request_raw (server, method, path, token,
                                 body != NULL ? "application/json" : NULL, body,
                                 body != NULL ? strlen (body) : 0);
}

void
kring_test_response_free (KringTestResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response->body);
  g_free (response);
}

static JsonNode *
lookup (KringTestResponse *response, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = response->json;

  for (guint i = 0; node != NULL && parts[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);
          node = json_object_has_member (object, parts[i])
                     ? json_object_get_member (object, parts[i])
                     : NULL;
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index = g_ascii_strtoull (parts[i], NULL, 10);
          node = index < json_array_get_length (array) ? json_array_get_element (array, index)
                                                       : NULL;
        }
      else
        node = NULL;
    }
  return node;
}

gboolean
kring_test_has (KringTestResponse *response, const char *path)
{
  return lookup (response, path) != NULL;
}

JsonNode *
kring_test_get (KringTestResponse *response, const char *path)
{
  JsonNode *node = lookup (response, path);

  if (node == NULL)
    g_error ("no member %s in %u response: %s", path, response->status, response->body);
  return node;
}

gint64
kring_test_int (KringTestResponse *response, const char *path)
{
  JsonNode *node = kring_test_get (response, path);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    g_error ("member %s is not an integer: %s", path, response->body);
  return json_node_get_int (node);
}

const char *
kring_test_str (KringTestResponse *response, const char *path)
{
  JsonNode *node = kring_test_get (response, path);

  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    g_error ("member %s is not a string: %s", path, response->body);
  return json_node_get_string (node);
}

gboolean
kring_test_bool (KringTestResponse *response, const char *path)
{
  JsonNode *node = kring_test_get (response, path);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    g_error ("member %s is not a boolean: %s", path, response->body);
  return json_node_get_boolean (node);
}

guint
kring_test_len (KringTestResponse *response, const char *path)
{
  JsonNode *node
      = path != NULL && path[0] != '\0' ? kring_test_get (response, path) : response->json;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    g_error ("member %s is not an array: %s", path, response->body);
  return json_array_get_length (json_node_get_array (node));
}

void
kring_test_assert_status (KringTestResponse *response, guint expected, const char *file, int line)
{
  if (response->status != expected)
    g_error ("%s:%d: expected status %u, got %u: %s", file, line, expected, response->status,
             response->body);
}

void
kring_test_assert_problem (KringTestResponse *response, guint expected_status,
                           const char *expected_code, const char *file, int line)
{
  const char *type;
  g_autofree char *urn = g_strconcat ("urn:kring:problem:", expected_code, NULL);

  kring_test_assert_status (response, expected_status, file, line);
  type = soup_message_headers_get_content_type (response->headers, NULL);
  if (g_strcmp0 (type, "application/problem+json") != 0)
    g_error ("%s:%d: problem with content type %s", file, line, type);
  if (g_strcmp0 (kring_test_str (response, "code"), expected_code) != 0)
    g_error ("%s:%d: expected code %s: %s", file, line, expected_code, response->body);
  g_assert_cmpstr (kring_test_str (response, "type"), ==, urn);
  g_assert_cmpint (kring_test_int (response, "status"), ==, expected_status);
  g_assert_nonnull (kring_test_str (response, "title"));
  g_assert_nonnull (kring_test_str (response, "detail"));
}

/* Mail. */

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

static GPtrArray *
mails_to (KringTestServer *server, const char *recipient)
{
  g_autoptr (GDir) dir = g_dir_open (server->mail_dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *mails = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *to_line = g_strdup_printf ("\nTo: %s", recipient);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      g_ptr_array_add (names, g_strdup (name));
  /* File names start with the time of delivery: name order is mail order. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (server->mail_dir, names->pdata[i], NULL);
      g_autofree char *text = NULL;
      g_autofree char *with_newline = NULL;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      with_newline = g_strconcat ("\n", text, NULL);
      if (strstr (with_newline, to_line) != NULL)
        g_ptr_array_add (mails, g_steal_pointer (&text));
    }
  return mails;
}

static char *
find_code (const char *mail, const char *purpose)
{
  g_autofree char *pattern = g_strdup_printf ("kring://%s/([a-z0-9]+)", purpose);
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  if (!g_regex_match (regex, mail, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

/* The newest code among the mails after the first @skip ones, waiting for it. */
static char *
wait_for_code (KringTestServer *server, const char *recipient, const char *purpose, guint skip)
{
  for (guint attempt = 0; attempt < 200; attempt++)
    {
      g_autoptr (GPtrArray) mails = mails_to (server, recipient);

      for (guint i = mails->len; i > skip; i--)
        {
          char *code = find_code (mails->pdata[i - 1], purpose);
          if (code != NULL)
            return code;
        }
      g_usleep (50 * 1000);
    }
  return NULL;
}

char *
kring_test_mail_code (KringTestServer *server, const char *recipient, const char *purpose)
{
  return wait_for_code (server, recipient, purpose, 0);
}

guint
kring_test_mail_count (KringTestServer *server, const char *recipient)
{
  g_autoptr (GPtrArray) mails = NULL;

  /* The mailer delivers right after the commit; give it a moment. */
  g_usleep (300 * 1000);
  mails = mails_to (server, recipient);
  return mails->len;
}

char *
kring_test_mail_last (KringTestServer *server, const char *recipient)
{
  for (guint attempt = 0; attempt < 200; attempt++)
    {
      g_autoptr (GPtrArray) mails = mails_to (server, recipient);

      if (mails->len > 0)
        return g_strdup (mails->pdata[mails->len - 1]);
      g_usleep (50 * 1000);
    }
  return NULL;
}

/* Flows. */

char *
kring_test_signup (KringTestServer *server, const char *email, const char *organisation,
                   const char *plan, gint64 *out_account_id)
{
  g_autoptr (KringTestResponse) signup = NULL;
  g_autoptr (KringTestResponse) verify = NULL;
  g_autofree char *code = NULL;
  g_autoptr (GPtrArray) before = mails_to (server, email);

  signup = kring_test_request (
      server, "POST", "/api/v1/signup", NULL,
      "{\"organisation\": \"%s\", \"name\": \"Owner of %s\", \"email\": \"%s\","
      " \"password\": \"" KRING_TEST_PASSWORD "\", \"plan\": \"%s\"}",
      organisation, organisation, email, plan);
  kring_assert_status (signup, 202);
  code = wait_for_code (server, email, "verify", before->len);
  g_assert_nonnull (code);
  verify = kring_test_request (server, "POST", "/api/v1/signup/verify", NULL, "{\"code\": \"%s\"}",
                               code);
  kring_assert_status (verify, 201);
  if (out_account_id != NULL)
    *out_account_id = kring_test_int (verify, "account.id");
  return g_strdup (kring_test_str (verify, "token"));
}

char *
kring_test_signup_existing (KringTestServer *server, const char *email)
{
  g_autofree char *token = kring_test_signup (server, email, "Eerste", "pro", NULL);
  g_autoptr (KringTestResponse) again = NULL;
  guint before = kring_test_mail_count (server, email);

  again = kring_test_request (server, "POST", "/api/v1/signup", NULL,
                              "{\"organisation\": \"Tweede\", \"name\": \"X\", \"email\": \"%s\","
                              " \"password\": \"another password!\", \"plan\": \"pro\"}",
                              email);
  kring_assert_status (again, 202);
  g_assert_cmpuint (kring_test_mail_count (server, email), ==, before + 1);
  return kring_test_mail_last (server, email);
}

char *
kring_test_accept_invitation (KringTestServer *server, const char *email, const char *name)
{
  g_autoptr (KringTestResponse) accept = NULL;
  g_autofree char *code = kring_test_mail_code (server, email, "invitation");
  g_autofree char *path = NULL;

  g_assert_nonnull (code);
  path = g_strdup_printf ("/api/v1/invitations/%s/accept", code);
  if (name != NULL)
    accept = kring_test_request (server, "POST", path, NULL,
                                 "{\"name\": \"%s\", \"password\": \"" KRING_TEST_PASSWORD "\"}",
                                 name);
  else
    accept = kring_test_request (server, "POST", path, NULL,
                                 "{\"password\": \"" KRING_TEST_PASSWORD "\"}");
  kring_assert_status (accept, 201);
  return g_strdup (kring_test_str (accept, "token"));
}

char *
kring_test_login (KringTestServer *server, const char *email)
{
  g_autoptr (KringTestResponse) login = NULL;

  login = kring_test_request (server, "POST", "/api/v1/sessions", NULL,
                              "{\"email\": \"%s\", \"password\": \"" KRING_TEST_PASSWORD "\"}",
                              email);
  kring_assert_status (login, 201);
  return g_strdup (kring_test_str (login, "token"));
}

char *
kring_test_admin (KringTestServer *server, const char *first_arg, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *)kring_test_kringd_path ());
  g_ptr_array_add (argv, "admin");
  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, server->database);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = spawn (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return out;
}

void
kring_test_set_status (KringTestServer *server, gint64 account_id, const char *status)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, account_id);
  g_autofree char *out = kring_test_admin (server, "set-status", id, status, NULL);
}
