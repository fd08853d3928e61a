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
/* Starts kringd on a fresh database with --smtp to 127.0.0.1:@port instead
 * of a mail dir (the kring_test_mail_* functions then see nothing). */
KringTestServer *kring_test_server_start_smtp (guint16 port);
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
/* For threads of a test, each with its own session (a SoupSession serves
 * one thread): a session that waits @timeout seconds, and a request on it
 * to @base_url that returns NULL when no answer came (the server is gone). */
SoupSession *kring_test_session_new (guint timeout);
KringTestResponse *kring_test_try_request (SoupSession *session, const char *base_url,
                                           const char *method, const char *path, const char *token,
                                           const char *json_body);
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
/* Signs up @email ("Eerste", Pro), then signs up again with another
 * password: asserts the same 202 answer and exactly one more mail (the one
 * that says there is a login); returns that mail. */
char *kring_test_signup_existing (KringTestServer *server, const char *email);
/* Accepts the newest invitation mailed to @email and returns the token. */
char *kring_test_accept_invitation (KringTestServer *server, const char *email, const char *name);
/* Signs in with KRING_TEST_PASSWORD and returns the token. */
char *kring_test_login (KringTestServer *server, const char *email);
/* Sets the account's status ("active", "trial") as the operator does. */
void kring_test_set_status (KringTestServer *server, gint64 account_id, const char *status);
/* Runs `kringd admin --database … ARGS…` and asserts it exits 0; returns stdout. */
char *kring_test_admin (KringTestServer *server, const char *first_arg, ...) G_GNUC_NULL_TERMINATED;

/* Steps the test files share (kring-test-flows.c).  Each asserts its
 * expected status, so a case reads as the story it tests. */

/* @s as a JSON string literal, quotes and escapes included. */
char *kring_test_json_quote (const char *s);
/* Waits until @n mails went to @email (the newest code is then the last
 * one sent) and asserts they did. */
void kring_test_wait_for_mails (KringTestServer *server, const char *email, guint n);

/* A new address on every call, "@who-N-PID@example.org": the mail rate
 * limit counts per address, so every person of every case needs their own. */
char *kring_test_unique_email (const char *who);

/* An organisation signed up through the real flow: its owner's email and
 * token, and the account. */
typedef struct
{
  char *email;
  char *token;
  gint64 account_id;
} KringTestOrg;

void kring_test_org_clear (KringTestOrg *org);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KringTestOrg, kring_test_org_clear)
/* Signs up a fresh owner ("owner-N-PID@…") for organisation @name on @plan. */
void kring_test_org_signup (KringTestServer *server, KringTestOrg *org, const char *name,
                            const char *plan);

/* POST /api/v1/accounts/{id}/teammates {"email","role"} as @token, whatever it answers. */
KringTestResponse *kring_test_add_teammate (KringTestServer *server, const char *token,
                                            gint64 account_id, const char *email, const char *role);
/* Adds @email as a teammate (201 expected), accepts the invitation with
 * @name (NULL: none) and returns their token; @out_teammate_id may be NULL. */
char *kring_test_join_team (KringTestServer *server, const char *token, gint64 account_id,
                            const char *email, const char *role, const char *name,
                            gint64 *out_teammate_id);

/* A new person joins @org as @role: a fresh email named after the role,
 * added by the owner, the invitation accepted without a name.  Returns
 * their token; @out_email and @out_teammate_id may be NULL. */
char *kring_test_org_join (KringTestServer *server, const KringTestOrg *org, const char *role,
                           char **out_email, gint64 *out_teammate_id);

/* "/api/v1/accounts/{@account_id}@rest". */
char *kring_test_account_path (gint64 account_id, const char *rest);
/* @method on /api/v1/accounts/{@account_id}@rest or /api/v1/dossiers/{@dossier_id}@rest
 * ("" or e.g. "/teammates?limit=2") as @token; @body is JSON or NULL. */
KringTestResponse *kring_test_account_request (KringTestServer *server, const char *method,
                                               gint64 account_id, const char *rest,
                                               const char *token, const char *body);
KringTestResponse *kring_test_dossier_request (KringTestServer *server, const char *method,
                                               gint64 dossier_id, const char *rest,
                                               const char *token, const char *body);
/* The same on participant @participant_id of the dossier. */
KringTestResponse *kring_test_participant_request (KringTestServer *server, const char *method,
                                                   gint64 dossier_id, gint64 participant_id,
                                                   const char *rest, const char *token,
                                                   const char *body);

/* Creates a dossier with @title and @client_name (NULL: none sent) as
 * @token (201 expected); returns its id. */
gint64 kring_test_create_dossier (KringTestServer *server, const char *token, gint64 account_id,
                                  const char *title, const char *client_name);
/* The same with the client named "Client of @title". */
gint64 kring_test_create_client_dossier (KringTestServer *server, const char *token,
                                         gint64 account_id, const char *title);

/* The participant id of @email in @dossier_id as @token lists it, 0 when
 * they take no part. */
gint64 kring_test_find_participant (KringTestServer *server, const char *token, gint64 dossier_id,
                                    const char *email);
/* POST /api/v1/dossiers/{id}/participants with @body as it is, whatever it answers. */
KringTestResponse *kring_test_add_participant_raw (KringTestServer *server, const char *token,
                                                   gint64 dossier_id, const char *body);
/* POST /api/v1/dossiers/{id}/participants {"email"} as @token (201
 * expected); returns the participant id. */
gint64 kring_test_add_participant (KringTestServer *server, const char *token, gint64 dossier_id,
                                   const char *email);
/* Adds @email with "can_write" (201 expected), accepts the invitation as
 * @name and returns their token; @out_user_id may be NULL. */
char *kring_test_invite_participant (KringTestServer *server, const char *token, gint64 dossier_id,
                                     const char *email, gboolean can_write, const char *name,
                                     gint64 *out_user_id);

/* The "id" of each of "items", in order (free with g_array_unref). */
GArray *kring_test_item_ids (KringTestResponse *response);

/* Asserts that member @path is a time as the API writes them: RFC 3339
 * UTC with whole seconds. */
void kring_test_assert_time (KringTestResponse *response, const char *path);
/* Asserts a 422 problem with @code that names @field. */
#define kring_assert_field(resp, code, field)                                                      \
  kring_test_assert_field ((resp), (code), (field), __FILE__, __LINE__)
void kring_test_assert_field (KringTestResponse *response, const char *expected_code,
                              const char *expected_field, const char *file, int line);
/* Sends @body (JSON or NULL) and asserts the problem answer: for the many
 * refusals a case lists, one line each. */
#define kring_assert_refused(server, method, path, token, body, status, code)                      \
  kring_test_assert_refused ((server), (method), (path), (token), (body), (status), (code), NULL,  \
                             __FILE__, __LINE__)
/* The same for 422 with @code naming @field. */
#define kring_assert_refused_field(server, method, path, token, body, code, field)                 \
  kring_test_assert_refused ((server), (method), (path), (token), (body), 422, (code), (field),    \
                             __FILE__, __LINE__)
void kring_test_assert_refused (KringTestServer *server, const char *method, const char *path,
                                const char *token, const char *body, guint expected_status,
                                const char *expected_code, const char *expected_field,
                                const char *file, int line);

G_END_DECLS
