/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One mail over SMTP with libcurl (for the mailer's thread). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KRING_SMTP_SENT,
  KRING_SMTP_REFUSED,     /* the server took part but refused this mail */
  KRING_SMTP_UNREACHABLE, /* no server to talk to (down, TLS, login): try later */
} KringSmtpResult;

/* Checks that @url is smtp:// or smtps:// with a host; sets up libcurl. */
gboolean kring_smtp_init (const char *url, GError **error);

/* Sends @message (a whole RFC 5322 message with CRLF line ends) to
 * @recipient; the envelope sender is the address in its From header.
 * @url may carry user:password@ for AUTH.  TLS certificates are verified.
 * On failure a message for the log goes to @out_reason. */
KringSmtpResult kring_smtp_send (const char *url, const char *recipient, const char *message,
                                 char **out_reason);

G_END_DECLS
