/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inviting a person by email, as adding a participant and adding a
 * teammate both do: a new email becomes a user without a password, and the
 * person is mailed an invitation (with a code) as long as they have no
 * password, a notice once they have one.  Shared by
 * kring-participants-add.c, kring-resource-participants.c and
 * kring-resource-teammates.c. */
#pragma once

#include "kring-request.h"
#include "kring-store-ops.h"

G_BEGIN_DECLS

/* Creates the user for a new @email, without a password, and reads it into
 * @user.  @name (may be NULL) is only used here: an existing person keeps
 * the name they chose. */
gboolean kring_invitation_create_user (KringTxn *txn, const char *email, const char *name,
                                       KringUser *user, GError **error);

/* Tells @user that the caller added them to @organisation (the account's
 * name: never a dossier or client name): a fresh invitation while they
 * have no password, else a notice. */
gboolean kring_invitation_send (KringRequest *req, KringTxn *txn, const KringUser *user,
                                const char *organisation, GError **error);

/* POST …/resend for user @user_id, who has not signed in yet: a fresh
 * invitation (kring_mail_send retires the old code), answered 202.  FALSE
 * after answering a store failure. */
gboolean kring_invitation_resend (KringRequest *req, KringTxn *txn, gint64 user_id,
                                  const char *organisation);

G_END_DECLS
