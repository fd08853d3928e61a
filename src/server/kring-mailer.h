/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Delivers the outbox: each mail is claimed from the store, written as an
 * .eml file into the mail dir (atomically) or sent over SMTP with libcurl,
 * then deleted from the outbox.  Failures are retried with back-off. */
#pragma once

#include "kring-store.h"

G_BEGIN_DECLS

typedef struct _KringMailer KringMailer;

/* Exactly one of @mail_dir and @smtp_url is non-NULL. */
KringMailer *kring_mailer_new (KringStore *store, const char *mail_dir, const char *smtp_url,
                               GError **error);
/* Thread-safe: there may be new mail. */
void kring_mailer_wake (KringMailer *mailer);
/* Delivers what is due now, then stops the mailer's thread. */
void kring_mailer_free (KringMailer *mailer);

G_END_DECLS
