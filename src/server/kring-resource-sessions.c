/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing in and out, password resets and accepting invitations. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <string.h>

#include "kring-auth.h"
#include "kring-crypto.h"
#include "kring-mail.h"
#include "kring-router.h"
#include "kring-store-ops.h"
#include "kring-text.h"

#define RESET_TTL 3600

/* What a password request carries from the HTTP thread through the worker
 * thread (hashing) to the write. */
typedef KringPasswordWork PasswordWork;

static void
password_work_free (PasswordWork *work)
{
  g_free (work->email);
  g_free (work->name);
  if (work->password != NULL)
    memset (work->password, 0, strlen (work->password));
  g_free (work->password);
  g_free (work->hash);
  g_free (work->extra);
  g_free (work);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PasswordWork, password_work_free)

/* Shared helpers (kring-auth.h). */

gboolean
kring_session_answer (KringRequest *req, KringTxn *txn, gint64 user_id, guint status,
                      void (*extra) (KringRequest *req, KringTxn *txn, KringJsonWriter *w))
{
  const KringStoreOps *ops = kring_txn_ops (txn);
  g_autoptr (GError) error = NULL;
  g_auto (KringUser) user = { 0 };
  g_autofree char *token = kring_token_new ();
  gint64 expires_at = kring_txn_now (txn) + req->server->options.session_ttl;
  guint8 hash[KRING_HASH_LENGTH];
  KringJsonWriter *w;

  kring_secret_hash (token, hash);
  if (!ops->auth->session_create (txn, hash, sizeof hash, user_id, expires_at, NULL, &error)
      || !ops->users->get (txn, user_id, &user, &error))
    {
      if (error == NULL)
        g_set_error_literal (&error, KRING_STORE_ERROR, KRING_STORE_ERROR_FAILED, "user vanished");
      kring_request_store_error (req, error);
      return FALSE;
    }
  w = kring_request_begin_json (req, status);
  kring_json_begin_object (w);
  if (extra != NULL)
    extra (req, txn, w);
  kring_json_key (w, "user");
  kring_write_user (w, user.id, user.email, user.name, FALSE);
  kring_json_member_string (w, "token", token);
  kring_json_member_time (w, "expires_at", expires_at);
  kring_json_end_object (w);
  return TRUE;
}

gboolean
kring_login_limited (KringRequest *req, KringTxn *txn, const char *email)
{
  g_autoptr (GError) error = NULL;
  gint64 now = kring_txn_now (txn);
  gint64 count = 0, oldest = 0;

  if (!kring_txn_ops (txn)->auth->login_failures (txn, email, req->client, now - KRING_LOGIN_WINDOW,
                                                  &count, &oldest, &error))
    {
      kring_request_store_error (req, error);
      return TRUE;
    }
  if (count < KRING_LOGIN_MAX_FAILURES)
    return FALSE;
  kring_request_problem (req, KRING_PROBLEM_RATE_LIMITED,
                         "Too many failed sign-ins; try again later.");
  req->problem.retry_after = MAX (1, oldest + KRING_LOGIN_WINDOW - now + 1);
  return TRUE;
}

gboolean
kring_login_failed (KringRequest *req, KringTxn *txn, const char *email)
{
  g_autoptr (GError) error = NULL;

  if (!kring_txn_ops (txn)->auth->login_failure_add (txn, email, req->client, &error))
    {
      kring_request_store_error (req, error);
      return FALSE;
    }
  req->keep_on_problem = TRUE;
  return TRUE;
}

gboolean
kring_request_check_password (KringRequest *req, const char *password, const char *field)
{
  KringFieldError error = { 0 };

  if (kring_text_check_password (password, &error, field))
    return TRUE;
  kring_problem_take_field_error (&req->problem, &error);
  kring_request_send_problem (req);
  return FALSE;
}

/* POST /api/v1/sessions */

static const KringFieldSpec login_fields[] = {
  { "email", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "password", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
};

static gboolean
login_write (KringRequest *req, KringTxn *txn, GError **error)
{
  PasswordWork *work = req->data;
  g_auto (KringUser) user = { 0 };
  gboolean found;

  /* Checked again here: concurrent attempts may have filled the window. */
  if (kring_login_limited (req, txn, work->email))
    return FALSE;
  found = kring_txn_ops (txn)->users->get_by_email (txn, work->email, &user, error);
  if (*error != NULL)
    return FALSE;
  if (!work->valid || !found || user.password_hash == NULL
      || g_strcmp0 (user.password_hash, work->hash) != 0)
    {
      if (!kring_login_failed (req, txn, work->email))
        return FALSE;
      kring_request_problem (req, KRING_PROBLEM_INVALID_CREDENTIALS, "Wrong email or password.");
      return TRUE;
    }
  if (!kring_txn_ops (txn)->auth->login_failures_clear (txn, work->email, req->client, error))
    return FALSE;
  return kring_session_answer (req, txn, user.id, 201, NULL);
}

static void
verify_password (KringRequest *req, gpointer data)
{
  PasswordWork *work = data;

  /* Unknown emails cost the same as wrong passwords. */
  work->valid = kring_password_verify (
                    work->hash != NULL ? work->hash : kring_password_dummy_hash (), work->password)
                && work->hash != NULL;
}

static void
after_verify (KringRequest *req, gpointer data)
{
  req->data = data;
  kring_request_write (req, login_write);
}

static void
post_session (KringRequest *req)
{
  g_autoptr (PasswordWork) work = g_new0 (PasswordWork, 1);
  g_autoptr (KringTxn) txn = NULL;
  g_auto (KringUser) user = { 0 };
  g_autoptr (GError) error = NULL;

  if (!kring_request_check_body (req, login_fields, G_N_ELEMENTS (login_fields)))
    return;
  work->email
      = kring_request_email (req, "email", kring_json_get_string (req->body, "email", NULL));
  if (work->email == NULL)
    return;
  work->password = g_strdup (kring_json_get_string (req->body, "password", NULL));
  txn = kring_request_read (req);
  if (txn == NULL || kring_login_limited (req, txn, work->email))
    return;
  if (kring_txn_ops (txn)->users->get_by_email (txn, work->email, &user, &error))
    work->hash = g_strdup (user.password_hash);
  else if (error != NULL)
    return kring_request_store_error (req, error);
  g_clear_pointer (&txn, kring_store_end_read);
  req->data_free = (GDestroyNotify)password_work_free;
  kring_request_run_in_thread (req, verify_password, after_verify, g_steal_pointer (&work));
}

/* DELETE /api/v1/sessions/current */

static gboolean
logout_write (KringRequest *req, KringTxn *txn, GError **error)
{
  if (!kring_txn_ops (txn)->auth->session_delete (txn, req->session_id, error))
    return FALSE;
  kring_request_empty (req, 204);
  return TRUE;
}

static void
delete_session (KringRequest *req)
{
  kring_request_write (req, logout_write);
}

/* POST /api/v1/password-resets */

static const KringFieldSpec reset_request_fields[] = {
  { "email", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
};

static gboolean
reset_request_write (KringRequest *req, KringTxn *txn, GError **error)
{
  const char *email = req->data;
  g_auto (KringUser) user = { 0 };

  if (kring_txn_ops (txn)->users->get_by_email (txn, email, &user, error)
      && user.password_hash != NULL)
    {
      KringMail mail = { .kind = KRING_MAIL_RESET,
                         .recipient = user.email,
                         .language = user.language,
                         .user_id = user.id,
                         .code_ttl = RESET_TTL };

      if (!kring_mail_send (txn, &mail, NULL, error))
        return FALSE;
    }
  if (*error != NULL)
    return FALSE;
  /* The same answer whether or not the email has a login. */
  kring_request_empty (req, 202);
  return TRUE;
}

static void
post_password_reset (KringRequest *req)
{
  char *email;

  if (!kring_request_check_body (req, reset_request_fields, G_N_ELEMENTS (reset_request_fields)))
    return;
  email = kring_request_email (req, "email", kring_json_get_string (req->body, "email", NULL));
  if (email == NULL)
    return;
  req->data = email;
  req->data_free = g_free;
  kring_request_write (req, reset_request_write);
}

/* POST /api/v1/password-resets/{code} and /api/v1/invitations/{code}/accept:
 * a code from a mail and a new password. */

static gboolean
take_code (KringRequest *req, KringTxn *txn, const char *purpose, KringCode *code, GError **error)
{
  guint8 hash[KRING_HASH_LENGTH];

  kring_secret_hash (kring_request_param (req, "code"), hash);
  if (kring_txn_ops (txn)->auth->code_take (txn, purpose, hash, sizeof hash, code, error))
    return TRUE;
  if (*error == NULL)
    kring_request_problem (req, KRING_PROBLEM_CODE_INVALID,
                           "This code is unknown, used or expired.");
  return FALSE;
}

static gboolean
reset_write (KringRequest *req, KringTxn *txn, GError **error)
{
  PasswordWork *work = req->data;
  const KringStoreOps *ops = kring_txn_ops (txn);
  g_auto (KringCode) code = { 0 };

  if (!take_code (req, txn, "reset", &code, error))
    return *error == NULL;
  if (!ops->users->set_password (txn, code.user_id, work->hash, error)
      || !ops->auth->sessions_revoke (txn, code.user_id, 0, error))
    return FALSE;
  kring_request_empty (req, 204);
  return TRUE;
}

static void
hash_password (KringRequest *req, gpointer data)
{
  PasswordWork *work = data;

  work->hash = kring_password_hash (work->password);
}

static void
after_hash (KringRequest *req, gpointer data)
{
  PasswordWork *work = data;

  if (work->hash == NULL)
    return kring_request_problem (req, KRING_PROBLEM_UNAVAILABLE, "Out of memory; try again.");
  kring_request_write (req, req->data_write);
}

/* Checks the new password, hashes it in a worker thread, then runs @write. */
KringPasswordWork *
kring_request_set_password (KringRequest *req, const char *name, KringRequestWriteFunc write)
{
  const char *password = kring_json_get_string (req->body, "password", NULL);
  PasswordWork *work;

  if (!kring_request_check_password (req, password, "password"))
    return NULL;
  work = g_new0 (PasswordWork, 1);
  work->password = g_strdup (password);
  work->name = g_strdup (name);
  req->data = work;
  req->data_free = (GDestroyNotify)password_work_free;
  req->data_write = write;
  kring_request_run_in_thread (req, hash_password, after_hash, work);
  return work;
}

static const KringFieldSpec reset_fields[] = {
  { "password", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
};

static void
post_password_reset_code (KringRequest *req)
{
  if (!kring_request_check_body (req, reset_fields, G_N_ELEMENTS (reset_fields)))
    return;
  kring_request_set_password (req, NULL, reset_write);
}

static gboolean
accept_write (KringRequest *req, KringTxn *txn, GError **error)
{
  PasswordWork *work = req->data;
  const KringStoreOps *ops = kring_txn_ops (txn);
  g_auto (KringCode) code = { 0 };
  g_auto (KringUser) user = { 0 };

  if (!take_code (req, txn, "invitation", &code, error))
    return *error == NULL;
  if (!ops->users->get (txn, code.user_id, &user, error) || user.password_hash != NULL)
    {
      if (*error != NULL)
        return FALSE;
      kring_request_problem (req, KRING_PROBLEM_CODE_INVALID, "This invitation was used already.");
      return TRUE;
    }
  if ((work->name != NULL && !ops->users->set_name (txn, user.id, work->name, error))
      || !ops->users->set_password (txn, user.id, work->hash, error))
    return FALSE;
  /* Later mails to them come in the language their client speaks. */
  if (kring_request_language (req) != NULL
      && !ops->users->set_language (txn, user.id, kring_request_language (req), error))
    return FALSE;
  return kring_session_answer (req, txn, user.id, 201, NULL);
}

static const KringFieldSpec accept_fields[] = {
  { "name", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
  { "password", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
};

static void
post_invitation_accept (KringRequest *req)
{
  const char *name = kring_json_get_string (req->body, "name", NULL);
  g_autofree char *line = NULL;

  if (!kring_request_check_body (req, accept_fields, G_N_ELEMENTS (accept_fields)))
    return;
  if (name != NULL && (line = kring_request_line (req, "name", name)) == NULL)
    return;
  kring_request_set_password (req, line, accept_write);
}

void
kring_sessions_register (KringRouter *router)
{
  kring_router_add (router, "POST", "/api/v1/sessions", post_session,
                    KRING_ROUTE_PUBLIC | KRING_ROUTE_BODY, NULL);
  kring_router_add (router, "DELETE", "/api/v1/sessions/current", delete_session, KRING_ROUTE_AUTH,
                    NULL);
  kring_router_add (router, "POST", "/api/v1/password-resets", post_password_reset,
                    KRING_ROUTE_PUBLIC | KRING_ROUTE_BODY, NULL);
  kring_router_add (router, "POST", "/api/v1/password-resets/{code}", post_password_reset_code,
                    KRING_ROUTE_PUBLIC | KRING_ROUTE_BODY, NULL);
  kring_router_add (router, "POST", "/api/v1/invitations/{code}/accept", post_invitation_accept,
                    KRING_ROUTE_PUBLIC | KRING_ROUTE_BODY, NULL);
}
