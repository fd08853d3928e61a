/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-mailer.h"

struct _KringMailer
{
  int unused;
};

KringMailer *
kring_mailer_new (KringStore *store, const char *mail_dir, const char *smtp_url, GError **error)
{
  return g_new0 (KringMailer, 1);
}

void
kring_mailer_wake (KringMailer *mailer)
{
}

void
kring_mailer_free (KringMailer *mailer)
{
  g_free (mailer);
}
