/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Email addresses as API.md ("Conventions") defines them. */
#pragma once

#include <glib.h>

#include "kring-problem.h"

G_BEGIN_DECLS

#define KRING_EMAIL_MAX_LENGTH 254 /* octets, whole address */
#define KRING_EMAIL_LOCAL_MAX 64   /* octets, local part */

/* Normalises an address the API's way: trim Unicode white space; split at
 * the last "@"; convert the domain to ASCII (IDN → punycode, as
 * g_hostname_to_ascii() does); lower-case ASCII letters; then require a
 * dot-atom local part (RFC 5322 atext) of at most 64 octets, a domain of at
 * least two LDH labels of 1–63 octets each (no hyphen at either end, and a
 * last label that is not all digits, so "1.2.3.4" is no domain: RFC 3696
 * §2), and at most 254 octets in all.
 *
 * So "  Jan@Bücher.Example " becomes "jan@xn--bcher-kva.example".  A
 * trailing dot, an address literal ("[1.2.3.4]"), a quoted or non-ASCII
 * local part, and any byte string that is not valid UTF-8 are invalid.
 *
 * Returns the normal form (ASCII, idempotent), or NULL with @error set to
 * invalid_email and @field (a static or interned string). */
char *kring_email_normalise (const char *input, KringFieldError *error, const char *field);

G_END_DECLS
