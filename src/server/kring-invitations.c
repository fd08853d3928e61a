/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inviting a person by email: see kring-invitations.h. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include "kring-invitations.h"
#include "kring-mail.h"

gboolean
kring_invitation_create_user (KringTxn *txn, const char *email, const char *name, KringUser *user,
                              GError **error)
{
  const KringUserOps *users = kring_txn_ops (txn)->users;
  gint64 id = 0;

  if (!users->create (txn, email, name, NULL, &id, error))
    return FALSE;
  if (users->get (txn, id, user, error))
    return TRUE;
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, KRING_STORE_ERROR, KRING_STORE_ERROR_FAILED,
                         "The new user vanished");
  return FALSE;
}

gboolean
kring_invitation_send (KringRequest *req, KringTxn *txn, const KringUser *user,
                       const char *organisation, GError **error)
{
  KringMail mail = {
    /* Until they set a password only a code lets them in. */
    .kind = user->password_hash != NULL ? KRING_MAIL_NOTICE : KRING_MAIL_INVITATION,
    .recipient = user->email,
    .language = user->language,
    .user_id = user->id,
    .code_ttl = req->server->options.invitation_ttl,
    .organisation = organisation,
    .inviter = req->user.name != NULL ? req->user.name : req->user.email,
  };

  return kring_mail_send (txn, &mail, NULL, error);
}

gboolean
kring_invitation_resend (KringRequest *req, KringTxn *txn, gint64 user_id, const char *organisation)
{
  g_auto (KringUser) user = { 0 };
  g_autoptr (GError) error = NULL;

  /* Not signed in means no password: kring_invitation_send sends an invitation. */
  if (!kring_txn_ops (txn)->users->get (txn, user_id, &user, &error)
      || !kring_invitation_send (req, txn, &user, organisation, &error))
    return kring_request_store_failed (req, error);
  kring_request_empty (req, SOUP_STATUS_ACCEPTED);
  return TRUE;
}
