/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The mails kringd sends, composed and queued in the outbox inside the
 * transaction that causes them (API.md, "Mail").  Codes are issued here:
 * only their hashes are stored; the plain code lives in the queued mail
 * until it is delivered. */
#pragma once

#include "kring-store.h"

G_BEGIN_DECLS

typedef enum
{
  KRING_MAIL_INVITATION,    /* a new person added to a dossier or as teammate: code */
  KRING_MAIL_NOTICE,        /* an existing login added somewhere: no code */
  KRING_MAIL_VERIFY,        /* signup: verification code */
  KRING_MAIL_SIGNUP_EXISTS, /* signup for an email that has a login: no code */
  KRING_MAIL_RESET,         /* password reset code */
} KringMailKind;

typedef struct
{
  KringMailKind kind;
  const char *recipient; /* normalised email */
  const char *language;  /* "nl", "en", or NULL: both in one mail */
  gint64 user_id;        /* the code's user, 0 for none (signup of a new email) */
  const char *payload;   /* JSON stored with the code (signup data), or NULL */
  gint64 code_ttl;       /* seconds */
  const char *
      organisation; /* the account's name, for invitations and notices; never a dossier or client */
  const char *inviter; /* who invited, for invitations and notices, or NULL */
} KringMail;

/* Queues the mail; for kinds with a code, first issues a fresh code (older
 * codes of that email and purpose stop working).  When 5 mails of the same
 * purpose went to the address within the last hour it does nothing at all
 * and still returns TRUE: the request answers as usual.  Sets *@out_sent
 * (may be NULL) to whether it queued. */
gboolean kring_mail_send (KringTxn *txn, const KringMail *mail, gboolean *out_sent, GError **error);

/* The code purpose stored for a mail kind ("invitation", "verify", "reset"),
 * or NULL for kinds without a code. */
const char *kring_mail_code_purpose (KringMailKind kind);

G_END_DECLS
