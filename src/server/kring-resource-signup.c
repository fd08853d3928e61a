/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Self-service signup: a mailed verification code creates the account. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <string.h>

#include "kring-access.h"
#include "kring-accounts.h"
#include "kring-auth.h"
#include "kring-crypto.h"
#include "kring-mail.h"
#include "kring-router.h"
#include "kring-store-ops.h"

#define VERIFY_TTL (24 * 3600)

static const KringFieldSpec signup_fields[] = {
  { "organisation", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "name", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "email", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "password", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "plan", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
};

/* The code's payload: what the account will be made of. */
static char *
signup_payload (const char *organisation, const char *name, const char *plan, const char *hash)
{
  g_autoptr (GString) out = g_string_new (NULL);
  KringJsonWriter w;

  kring_json_writer_init (&w, out);
  kring_json_begin_object (&w);
  kring_json_member_string (&w, "organisation", organisation);
  kring_json_member_string (&w, "name", name);
  kring_json_member_string (&w, "plan", plan);
  kring_json_member_string (&w, "password_hash", hash);
  kring_json_end_object (&w);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
signup_write (KringRequest *req, KringTxn *txn, GError **error)
{
  KringPasswordWork *work = req->data;
  g_autoptr (JsonObject) extra = kring_json_parse_object (work->extra, strlen (work->extra), NULL);
  g_autofree char *payload = NULL;
  g_auto (KringUser) user = { 0 };
  gboolean exists;
  KringMail mail = { .recipient = work->email,
                     .code_ttl = VERIFY_TTL,
                     .language = kring_request_language (req) };
  KringJsonWriter *w;

  exists = kring_txn_ops (txn)->users->get_by_email (txn, work->email, &user, error);
  if (*error != NULL)
    return FALSE;
  /* An existing login learns of the attempt by mail; the answer is the same. */
  if (exists && user.password_hash != NULL)
    {
      mail.kind = KRING_MAIL_SIGNUP_EXISTS;
      if (user.language != NULL)
        mail.language = user.language;
    }
  else
    {
      payload = signup_payload (kring_json_get_string (extra, "organisation", NULL), work->name,
                                kring_json_get_string (extra, "plan", NULL), work->hash);
      mail.kind = KRING_MAIL_VERIFY;
      mail.user_id = exists ? user.id : 0;
      mail.payload = payload;
    }
  if (!kring_mail_send (txn, &mail, NULL, error))
    return FALSE;
  w = kring_request_begin_json (req, 202);
  kring_json_begin_object (w);
  kring_json_member_string (w, "status", "verification_sent");
  kring_json_end_object (w);
  return TRUE;
}

static void
post_signup (KringRequest *req)
{
  g_autofree char *organisation = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  const char *plan;
  KringPasswordWork *work;

  if (!kring_request_check_body (req, signup_fields, G_N_ELEMENTS (signup_fields)))
    return;
  if ((organisation = kring_request_line (req, "organisation",
                                          kring_json_get_string (req->body, "organisation", NULL)))
          == NULL
      || (name = kring_request_line (req, "name", kring_json_get_string (req->body, "name", NULL)))
             == NULL
      || (email
          = kring_request_email (req, "email", kring_json_get_string (req->body, "email", NULL)))
             == NULL)
    return;
  plan = kring_json_get_string (req->body, "plan", NULL);
  if (kring_price_table_find_plan (req->server->prices, plan) == NULL)
    {
      kring_request_invalid_field (req, "plan", "Unknown plan.");
      return;
    }
  work = kring_request_set_password (req, name, signup_write);
  if (work == NULL)
    return;
  work->email = g_steal_pointer (&email);
  work->extra = signup_payload (organisation, NULL, plan, NULL);
}

/* POST /api/v1/signup/verify */

static const KringFieldSpec verify_fields[] = {
  { "code", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
};

static void
write_new_account (KringRequest *req, KringTxn *txn, KringJsonWriter *w)
{
  g_auto (KringAccount) account = { 0 };
  g_autoptr (GError) error = NULL;

  kring_txn_ops (txn)->accounts->get (txn, GPOINTER_TO_SIZE (req->data), &account, &error);
  kring_json_key (w, "account");
  kring_write_account (w, req->server->prices, &account);
}

/* Makes sure the code's email has a user with the signup's name and
 * password; FALSE with no error when the email gained a password meanwhile. */
static gboolean
verified_user (KringTxn *txn, const KringCode *code, JsonObject *payload, const char *name,
               gint64 *out_id, GError **error)
{
  const KringUserOps *users = kring_txn_ops (txn)->users;
  const char *hash = kring_json_get_string (payload, "password_hash", NULL);
  g_auto (KringUser) user = { 0 };

  if (users->get_by_email (txn, code->email, &user, error))
    {
      if (user.password_hash != NULL)
        return FALSE;
      *out_id = user.id;
      return users->set_name (txn, user.id, name, error)
             && users->set_password (txn, user.id, hash, error);
    }
  return *error == NULL && users->create (txn, code->email, name, hash, out_id, error);
}

static gboolean
verify_write (KringRequest *req, KringTxn *txn, GError **error)
{
  const KringStoreOps *ops = kring_txn_ops (txn);
  const char *plain = kring_json_get_string (req->body, "code", NULL);
  g_auto (KringCode) code = { 0 };
  g_autoptr (JsonObject) payload = NULL;
  guint8 hash[KRING_HASH_LENGTH];
  gint64 user_id = 0, account_id = 0;

  kring_secret_hash (plain, hash);
  if (!ops->auth->code_take (txn, "verify", hash, sizeof hash, &code, error))
    goto invalid;
  payload = code.payload != NULL
                ? kring_json_parse_object (code.payload, strlen (code.payload), NULL)
                : NULL;
  if (payload == NULL)
    goto invalid;
  if (!verified_user (txn, &code, payload, kring_json_get_string (payload, "name", NULL), &user_id,
                      error))
    goto invalid;
  if (!ops->accounts->create (txn, kring_json_get_string (payload, "organisation", NULL),
                              kring_json_get_string (payload, "plan", NULL), &account_id, error)
      || !ops->teammates->add (txn, account_id, user_id, KRING_ROLE_OWNER, NULL, error)
      || !kring_audit_add (txn, account_id, user_id, "teammate.added", 0, code.email,
                           "{\"role\":\"owner\"}", error))
    return FALSE;
  if (kring_request_language (req) != NULL
      && !ops->users->set_language (txn, user_id, kring_request_language (req), error))
    return FALSE;
  req->data = GSIZE_TO_POINTER (account_id);
  return kring_session_answer (req, txn, user_id, 201, write_new_account);

invalid:
  if (*error != NULL)
    return FALSE;
  kring_request_problem (req, KRING_PROBLEM_CODE_INVALID, "This code is unknown, used or expired.");
  return TRUE;
}

static void
post_signup_verify (KringRequest *req)
{
  if (!kring_request_check_body (req, verify_fields, G_N_ELEMENTS (verify_fields)))
    return;
  kring_request_write (req, verify_write);
}

void
kring_signup_register (KringRouter *router)
{
  kring_router_add (router, "POST", "/api/v1/signup", post_signup,
                    KRING_ROUTE_PUBLIC | KRING_ROUTE_BODY, NULL);
  kring_router_add (router, "POST", "/api/v1/signup/verify", post_signup_verify,
                    KRING_ROUTE_PUBLIC | KRING_ROUTE_BODY, NULL);
}
