/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Mail: every kind lands with a working code, the message format, no client
 * or dossier names, the rate limit, atomic .eml files, mail queued by
 * `kringd admin`, and real SMTP delivery (with retry while the SMTP server
 * is down) to a small SMTP server in this process. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "kring-test-server.h"
#include "kring-test-smtp.h"

static KringTestServer *server;

/* The header block and the body of a message. */
static void
split_message (const char *mail, char **out_headers, const char **out_body)
{
  const char *end = strstr (mail, "\r\n\r\n");

  g_assert_nonnull (end);
  *out_headers = g_strndup (mail, end - mail + 2);
  *out_body = end + 4;
}

static char *
header (const char *mail, const char *name)
{
  g_autofree char *headers = NULL;
  g_autofree char *pattern = g_strdup_printf ("(?m)^%s: ((?:.*)(?:\r\n[ \t].*)*)\r$", name);
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  const char *body;

  split_message (mail, &headers, &body);
  if (!g_regex_match (regex, headers, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

/* Decodes a header of RFC 2047 B encoded-words (or plain text). */
static char *
decode_header (const char *value)
{
  g_autoptr (GRegex) regex = g_regex_new ("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  GString *out = g_string_new (NULL);

  if (!g_regex_match (regex, value, 0, &match))
    {
      /* Unfolding: a line break before white space goes. */
      g_auto (GStrv) lines = g_strsplit (value, "\r\n", -1);
      g_autofree char *unfolded = g_strjoinv ("", lines);

      g_string_append (out, unfolded);
      return g_string_free (out, FALSE);
    }
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *b64 = g_match_info_fetch (match, 1);
      gsize length = 0;
      g_autofree guchar *bytes = g_base64_decode (b64, &length);

      g_assert_cmpuint (strlen (b64) + 12, <=, 75);
      g_string_append_len (out, (const char *)bytes, length);
    }
  g_assert_true (g_utf8_validate (out->str, -1, NULL));
  return g_string_free (out, FALSE);
}

/* A line of its own in the body. */
static gboolean
has_line (const char *mail, const char *line)
{
  g_autofree char *needle = g_strconcat ("\r\n", line, "\r\n", NULL);

  return strstr (mail, needle) != NULL;
}

static void
assert_well_formed (const char *mail, const char *recipient)
{
  g_autofree char *to = header (mail, "To");
  g_autofree char *from = header (mail, "From");
  g_autofree char *date = header (mail, "Date");
  g_autofree char *id = header (mail, "Message-ID");
  g_autofree char *mime = header (mail, "MIME-Version");
  g_autofree char *type = header (mail, "Content-Type");
  g_autofree char *cte = header (mail, "Content-Transfer-Encoding");
  g_autofree char *subject = header (mail, "Subject");
  g_autoptr (GRegex) date_re = g_regex_new ("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} "
                                            "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                                            "[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} \\+0000$",
                                            0, 0, NULL);
  g_auto (GStrv) lines = NULL;
  gboolean in_body = FALSE;

  g_assert_cmpstr (to, ==, recipient);
  g_assert_cmpstr (from, ==, "Kring <no-reply@kring.invalid>");
  g_assert_true (g_regex_match (date_re, date, 0, NULL));
  g_assert_true (g_str_has_prefix (id, "<") && g_str_has_suffix (id, "@kring.invalid>"));
  g_assert_cmpstr (mime, ==, "1.0");
  g_assert_cmpstr (type, ==, "text/plain; charset=utf-8");
  g_assert_cmpstr (cte, ==, "8bit");
  g_assert_nonnull (subject);
  g_assert_true (g_utf8_validate (mail, -1, NULL));
  /* CRLF line ends only; no line over 998 octets, no header line over 78. */
  for (const char *p = mail; *p != '\0'; p++)
    if (*p == '\n')
      g_assert_true (p > mail && p[-1] == '\r');
    else if (*p == '\r')
      g_assert_true (p[1] == '\n');
  lines = g_strsplit (mail, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        in_body = TRUE;
      g_assert_cmpuint (strlen (lines[i]), <=, (in_body ? 998 : 78));
    }
}

/* Both languages when the recipient's is unknown: Dutch first. */
static void
assert_bilingual (const char *mail)
{
  const char *nl = strstr (mail, "\r\nHallo,\r\n");
  const char *en = strstr (mail, "\r\nHello,\r\n");

  g_assert_nonnull (nl);
  g_assert_nonnull (en);
  g_assert_true (nl < en);
}

/* Waits until @expected mails went to @email, then a little longer to see
 * that no more come. */
static void
assert_mail_count (const char *email, guint expected)
{
  kring_test_wait_for_mails (server, email, expected);
  g_usleep (500 * 1000);
  g_assert_cmpuint (kring_test_mail_count (server, email), ==, expected);
}

static void
test_verify_mail (void)
{
  g_autofree char *email = kring_test_unique_email ("signup");
  g_autoptr (KringTestResponse) r = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *code = NULL;
  g_autofree char *link = NULL;
  g_autofree char *raw_subject = NULL;
  g_autofree char *subject = NULL;

  r = kring_test_request (server, "POST", "/api/v1/signup", NULL,
                          "{\"organisation\": \"Zorg Oost\", \"name\": \"Anna\", \"email\": \"%s\","
                          " \"password\": \"" KRING_TEST_PASSWORD "\", \"plan\": \"team\"}",
                          email);
  kring_assert_status (r, 202);
  code = kring_test_mail_code (server, email, "verify");
  g_assert_nonnull (code);
  mail = kring_test_mail_last (server, email);
  assert_well_formed (mail, email);
  assert_bilingual (mail);
  raw_subject = header (mail, "Subject");
  subject = decode_header (raw_subject);
  g_assert_cmpstr (subject, ==,
                   "Bevestig je e-mailadres voor Kring / Confirm your email address for Kring");

  /* The code stands alone on a line, and as a link on another. */
  link = g_strconcat ("kring://verify/", code, NULL);
  g_assert_true (has_line (mail, code));
  g_assert_true (has_line (mail, link));
  g_assert_cmpuint (strlen (code), ==, 26);

  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "POST", "/api/v1/signup/verify", NULL, "{\"code\": \"%s\"}",
                          code);
  kring_assert_status (r, 201);
}

static void
test_signup_exists_mail (void)
{
  g_autofree char *email = kring_test_unique_email ("exists");
  g_autofree char *mail = kring_test_signup_existing (server, email);

  assert_well_formed (mail, email);
  assert_bilingual (mail);
  g_assert_null (strstr (mail, "kring://"));
}

static void
assert_no_dossier_names (const char *mail)
{
  g_assert_null (strstr (mail, "Geheimtitel"));
  g_assert_null (strstr (mail, "Geheimnaam"));
}

/* Invitation of a new person, then a notice once they have a login; no
 * mail names the dossier or its client. */
static void
test_invitation_and_notice (void)
{
  g_autofree char *owner = kring_test_unique_email ("owner");
  g_autofree char *guest = kring_test_unique_email ("guest");
  gint64 account_id = 0;
  g_autofree char *token = kring_test_signup (server, owner, "Zorggroep Zuid", "team", &account_id);
  gint64 first = kring_test_create_dossier (server, token, account_id, "Dossier Geheimtitel",
                                            "Cliënt Geheimnaam");
  gint64 second = kring_test_create_dossier (server, token, account_id, "Ander Geheimtitel",
                                             "Piet Geheimnaam");
  g_autofree char *invitation = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *guest_token = NULL;
  g_autofree char *code = NULL;

  kring_test_add_participant (server, token, first, guest);
  code = kring_test_mail_code (server, guest, "invitation");
  g_assert_nonnull (code);
  invitation = kring_test_mail_last (server, guest);
  assert_well_formed (invitation, guest);
  assert_bilingual (invitation);
  assert_no_dossier_names (invitation);
  g_assert_nonnull (strstr (invitation, "Zorggroep Zuid"));
  g_assert_nonnull (strstr (invitation, "Owner of Zorggroep Zuid"));
  g_assert_true (has_line (invitation, code));
  guest_token = kring_test_accept_invitation (server, guest, "Gast");
  g_assert_nonnull (guest_token);

  kring_test_add_participant (server, token, second, guest);
  assert_mail_count (guest, 2);
  notice = kring_test_mail_last (server, guest);
  assert_well_formed (notice, guest);
  assert_bilingual (notice);
  assert_no_dossier_names (notice);
  g_assert_null (strstr (notice, "kring://"));
  g_assert_nonnull (strstr (notice, "Zorggroep Zuid"));
}

/* A name outside ASCII goes into the subject as RFC 2047 encoded-words. */
static void
test_encoded_subject (void)
{
  g_autofree char *owner = kring_test_unique_email ("owner");
  g_autofree char *mate = kring_test_unique_email ("mate");
  gint64 account_id = 0;
  g_autofree char *token
      = kring_test_signup (server, owner, "Stichting Één & Zoë", "team", &account_id);
  g_autofree char *path
      = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates", account_id);
  g_autoptr (KringTestResponse) r = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *code = NULL;

  r = kring_test_request (server, "POST", path, token, "{\"email\": \"%s\", \"role\": \"member\"}",
                          mate);
  kring_assert_status (r, 201);
  code = kring_test_mail_code (server, mate, "invitation");
  g_assert_nonnull (code);
  mail = kring_test_mail_last (server, mate);
  assert_well_formed (mail, mate);
  raw = header (mail, "Subject");
  g_assert_true (g_str_is_ascii (raw));
  g_assert_true (g_str_has_prefix (raw, "=?UTF-8?B?"));
  subject = decode_header (raw);
  g_assert_true (g_str_has_prefix (subject, "Stichting Één & Zoë: "));
  g_assert_nonnull (strstr (subject, "Kring"));
  g_free (kring_test_accept_invitation (server, mate, NULL));
}

static void
test_reset_mail (void)
{
  g_autofree char *email = kring_test_unique_email ("reset");
  g_autofree char *token = kring_test_signup (server, email, "Zorg West", "pro", NULL);
  g_autoptr (KringTestResponse) r = NULL;
  g_autofree char *code = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *path = NULL;
  g_autofree char *link = NULL;

  r = kring_test_request (server, "POST", "/api/v1/password-resets", NULL, "{\"email\": \"%s\"}",
                          email);
  kring_assert_status (r, 202);
  code = kring_test_mail_code (server, email, "reset");
  g_assert_nonnull (code);
  mail = kring_test_mail_last (server, email);
  assert_well_formed (mail, email);
  assert_bilingual (mail);
  link = g_strconcat ("kring://reset/", code, NULL);
  g_assert_true (has_line (mail, code));
  g_assert_true (has_line (mail, link));

  path = g_strdup_printf ("/api/v1/password-resets/%s", code);
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "POST", path, NULL, "{\"password\": \"a brand new password\"}");
  kring_assert_status (r, 204);
  kring_test_response_free (g_steal_pointer (&r));
  r = kring_test_request (server, "POST", "/api/v1/sessions", NULL,
                          "{\"email\": \"%s\", \"password\": \"a brand new password\"}", email);
  kring_assert_status (r, 201);
}

/* Six reset requests in an hour: five mails; the sixth answers the same,
 * sends nothing and issues no code, so the fifth code still works. */
static void
test_rate_limit (void)
{
  g_autofree char *email = kring_test_unique_email ("limit");
  g_autofree char *token = kring_test_signup (server, email, "Zorg Limiet", "pro", NULL);
  g_autofree char *code = NULL;
  g_autofree char *path = NULL;
  g_autoptr (KringTestResponse) r = NULL;

  for (int i = 0; i < 6; i++)
    {
      g_autoptr (KringTestResponse) reset = NULL;

      reset = kring_test_request (server, "POST", "/api/v1/password-resets", NULL,
                                  "{\"email\": \"%s\"}", email);
      kring_assert_status (reset, 202);
    }
  /* The verification mail of the signup, then five resets. */
  assert_mail_count (email, 6);
  code = kring_test_mail_code (server, email, "reset");
  g_assert_nonnull (code);
  path = g_strdup_printf ("/api/v1/password-resets/%s", code);
  r = kring_test_request (server, "POST", path, NULL, "{\"password\": \"still my new password\"}");
  kring_assert_status (r, 204);
}

/* Invitation queued by `kringd admin create-account` while the server
 * runs: its mailer finds it by polling the outbox. */
static void
test_admin_invitation (void)
{
  g_autofree char *email = kring_test_unique_email ("admin-owner");
  g_autofree char *out = kring_test_admin (server, "create-account", "--name", "Zorg Operator",
                                           "--owner", email, "--plan", "team", NULL);
  g_autofree char *token = NULL;
  g_autofree char *mail = NULL;
  g_autoptr (KringTestResponse) me = NULL;
  gint64 account_id = g_ascii_strtoll (out, NULL, 10);

  g_assert_cmpint (account_id, >, 0);
  token = kring_test_accept_invitation (server, email, "Operator Owner");
  mail = kring_test_mail_last (server, email);
  assert_well_formed (mail, email);
  g_assert_nonnull (strstr (mail, "Zorg Operator"));
  me = kring_test_request (server, "GET", "/api/v1/me", token, NULL);
  kring_assert_status (me, 200);
  g_assert_cmpint (kring_test_int (me, "memberships.0.account.id"), ==, account_id);
  g_assert_cmpstr (kring_test_str (me, "memberships.0.role"), ==, "owner");
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

/* Every mail is one complete .eml file whose name sorts in delivery order;
 * no temporary file stays behind. */
static void
test_mail_files (void)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GRegex) pattern = g_regex_new ("^[0-9]{20}-[0-9]+\\.eml$", 0, 0, NULL);
  g_autofree char *email = kring_test_unique_email ("files");
  const char *name;
  guint seen = 0;

  g_free (kring_test_signup (server, email, "Zorg Bestand", "pro", NULL));
  for (int i = 0; i < 3; i++)
    {
      g_autoptr (KringTestResponse) r = kring_test_request (
          server, "POST", "/api/v1/password-resets", NULL, "{\"email\": \"%s\"}", email);
      kring_assert_status (r, 202);
    }
  assert_mail_count (email, 4);
  dir = g_dir_open (server->mail_dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (server->mail_dir, name, NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_regex_match (pattern, name, 0, NULL));
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_assert_true (g_str_has_prefix (text, "Date: "));
      g_assert_true (g_str_has_suffix (text, "Kring\r\n"));
      g_ptr_array_add (names, g_strdup (name));
    }
  g_assert_cmpuint (names->len, >=, 4);
  g_ptr_array_sort (names, compare_names);
  /* Name order is queue order: the verification mail before the resets. */
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (server->mail_dir, names->pdata[i], NULL);
      g_autofree char *text = NULL;
      g_autofree char *to = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      to = header (text, "To");
      if (g_strcmp0 (to, email) != 0)
        continue;
      g_assert_true ((strstr (text, "kring://verify/") != NULL) == (seen == 0));
      g_assert_true ((strstr (text, "kring://reset/") != NULL) == (seen > 0));
      seen++;
    }
  g_assert_cmpuint (seen, ==, 4);
}

static char *
find_verify_code (const char *message)
{
  g_autoptr (GRegex) regex = g_regex_new ("\r\nkring://verify/([a-z0-9]+)\r\n", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  if (!g_regex_match (regex, message, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

static void
signup_and_verify_over_smtp (KringTestServer *srv, KringTestSmtp *smtp, const char *email,
                             guint wait)
{
  g_autoptr (KringTestResponse) r = NULL;
  g_autofree char *message = NULL;
  g_autofree char *code = NULL;

  message = kring_test_smtp_wait_message (smtp, email, wait);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "<no-reply@kring.invalid>\n"));
  assert_well_formed (strchr (strchr (message, '\n') + 1, '\n') + 1, email);
  code = find_verify_code (message);
  g_assert_nonnull (code);
  r = kring_test_request (srv, "POST", "/api/v1/signup/verify", NULL, "{\"code\": \"%s\"}", code);
  kring_assert_status (r, 201);
}

static KringTestResponse *
signup (KringTestServer *srv, const char *email)
{
  return kring_test_request (
      srv, "POST", "/api/v1/signup", NULL,
      "{\"organisation\": \"Zorg SMTP\", \"name\": \"Sam\", \"email\": \"%s\","
      " \"password\": \"" KRING_TEST_PASSWORD "\", \"plan\": \"pro\"}",
      email);
}

static void
test_smtp_delivery (void)
{
  KringTestSmtp *smtp = kring_test_smtp_start (0);
  KringTestServer *srv = kring_test_server_start_smtp (smtp->port);
  g_autofree char *email = kring_test_unique_email ("smtp");
  g_autoptr (KringTestResponse) r = signup (srv, email);

  kring_assert_status (r, 202);
  signup_and_verify_over_smtp (srv, smtp, email, 10);
  kring_test_server_stop (srv);
  kring_test_smtp_stop (smtp);
}

/* While the SMTP server is down the request still succeeds; the mail goes
 * out once the server is back (retry with back-off). */
static void
test_smtp_retry (void)
{
  KringTestSmtp *smtp = kring_test_smtp_start (0);
  guint16 port = smtp->port;
  KringTestServer *srv = NULL;
  g_autofree char *email = kring_test_unique_email ("retry");
  g_autoptr (KringTestResponse) r = NULL;

  kring_test_smtp_stop (smtp); /* the port is now free: connections are refused */
  srv = kring_test_server_start_smtp (port);
  r = signup (srv, email);
  kring_assert_status (r, 202);
  g_usleep (1500 * 1000);

  smtp = kring_test_smtp_start (port);
  signup_and_verify_over_smtp (srv, smtp, email, 20);
  kring_test_server_stop (srv);
  kring_test_smtp_stop (smtp);
}

static void
test_smtp_bad_url (void)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  process
      = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                          &error, kring_test_kringd_path (), "--listen", "127.0.0.1:0",
                          "--database", server->database, "--smtp", "http://127.0.0.1:25", NULL);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  server = kring_test_server_start (NULL);

  g_test_add_func ("/mail/verify", test_verify_mail);
  g_test_add_func ("/mail/signup-exists", test_signup_exists_mail);
  g_test_add_func ("/mail/invitation-and-notice", test_invitation_and_notice);
  g_test_add_func ("/mail/encoded-subject", test_encoded_subject);
  g_test_add_func ("/mail/reset", test_reset_mail);
  g_test_add_func ("/mail/rate-limit", test_rate_limit);
  g_test_add_func ("/mail/admin-invitation", test_admin_invitation);
  g_test_add_func ("/mail/files", test_mail_files);
  g_test_add_func ("/mail/smtp", test_smtp_delivery);
  g_test_add_func ("/mail/smtp-retry", test_smtp_retry);
  g_test_add_func ("/mail/smtp-bad-url", test_smtp_bad_url);
  status = g_test_run ();

  kring_test_server_stop (server);
  return status;
}
