/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test support: a real kringd on 127.0.0.1:0 with a fresh SQLite database
 * and mail dir, and a libsoup client to talk to it. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define KRING_TEST_PASSWORD "correct horse battery staple"

typedef struct
{
  GSubprocess *process;
  char *dir;      /* temp dir owning database and mail when we made it */
  char *database; /* sqlite:PATH */
  char *mail_dir;
  char *base_url; /* http://127.0.0.1:PORT */
  SoupSession *session;
  gboolean owns_dir;
  GTlsCertificate *trusted; /* for https: the one certificate to accept, or NULL */
} KringTestServer;

typedef struct
{
  guint status;
  JsonNode *json; /* NULL when the body is empty or not JSON */
  char *body;
  SoupMessageHeaders *headers;
} KringTestResponse;

/* The kringd binary: $KRINGD, set by the test setup. */
const char *kring_test_kringd_path (void);

/* Starts kringd on a fresh database; @extra_args NULL-terminated or NULL. */
KringTestServer *kring_test_server_start (const char *const *extra_args);
/* Starts a second kringd on the same database and mail dir as @other. */
KringTestServer *kring_test_server_start_sharing (KringTestServer *other,
                                                  const char *const *extra_args);
/* Stops with SIGTERM and checks the exit status is 0. Removes the temp dir
 * when this server made it. */
void kring_test_server_stop (KringTestServer *server);
/* SIGKILL, for crash tests; keeps the files. */
void kring_test_server_kill (KringTestServer *server);
void kring_test_server_free (KringTestServer *server);

/* Sends a request; @json_format is a printf format of the JSON body or NULL. */
KringTestResponse *kring_test_request (KringTestServer *server, const char *method,
                                       const char *path, const char *token, const char *json_format,
                                       ...) G_GNUC_PRINTF (5, 6);
/* Sends raw bytes with a content type (NULL: none). */
KringTestResponse *kring_test_request_raw (KringTestServer *server, const char *method,
                                           const char *path, const char *token,
                                           const char *content_type, const char *body,
                                           gsize length);
void kring_test_response_free (KringTestResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringTestResponse, kring_test_response_free)

/* Members by dotted path ("user.email", "items.0.id"); fail the test when
 * missing or of another type. */
JsonNode *kring_test_get (KringTestResponse *response, const char *path);
gint64 kring_test_int (KringTestResponse *response, const char *path);
const char *kring_test_str (KringTestResponse *response, const char *path);
gboolean kring_test_bool (KringTestResponse *response, const char *path);
gboolean kring_test_has (KringTestResponse *response, const char *path);
guint kring_test_len (KringTestResponse *response, const char *path);

/* Asserts the status; for problems also the content type, code and shape. */
#define kring_assert_status(resp, expected)                                                        \
  kring_test_assert_status ((resp), (expected), __FILE__, __LINE__)
#define kring_assert_problem(resp, expected_status, expected_code)                                 \
  kring_test_assert_problem ((resp), (expected_status), (expected_code), __FILE__, __LINE__)
void kring_test_assert_status (KringTestResponse *response, guint expected, const char *file,
                               int line);
void kring_test_assert_problem (KringTestResponse *response, guint expected_status,
                                const char *expected_code, const char *file, int line);

/* The newest code mailed to @recipient for @purpose ("invitation",
 * "verify", "reset"), waiting up to 10 s for the mail. NULL when none came. */
char *kring_test_mail_code (KringTestServer *server, const char *recipient, const char *purpose);
/* How many mails went to @recipient so far (waits briefly for the outbox). */
guint kring_test_mail_count (KringTestServer *server, const char *recipient);
/* The newest mail to @recipient, the whole message. */
char *kring_test_mail_last (KringTestServer *server, const char *recipient);

/* Signs up an organisation through the real flow (signup, mail, verify) and
 * returns the owner's token; @out_account_id may be NULL. */
char *kring_test_signup (KringTestServer *server, const char *email, const char *organisation,
                         const char *plan, gint64 *out_account_id);
/* Accepts the newest invitation mailed to @email and returns the token. */
char *kring_test_accept_invitation (KringTestServer *server, const char *email, const char *name);
/* Signs in with KRING_TEST_PASSWORD and returns the token. */
char *kring_test_login (KringTestServer *server, const char *email);
/* Runs `kringd admin --database … ARGS…` and asserts it exits 0; returns stdout. */
char *kring_test_admin (KringTestServer *server, const char *first_arg, ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
