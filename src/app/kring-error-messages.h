/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What went wrong, in the user's language: errors of KringClient
 * translated by their problem code (never by the server's English
 * `detail`), and network failures in plain words.  Every view reports
 * errors through these, so one failure reads the same everywhere. */
#pragma once

#include "kring-client-error.h"

G_BEGIN_DECLS

/* A translated sentence for a problem code, without the details an error
 * may carry (limits, fields); for KRING_CLIENT_ERROR codes only. */
const char *kring_error_message_for_code (KringClientError code);

/* A translated sentence for @error: KRING_CLIENT_ERROR by code, with the
 * problem's extensions where they help ("at most 1000 guests"), and
 * G_IO_ERROR, G_RESOLVER_ERROR and G_TLS_ERROR as connection failures.
 * Free with g_free(). */
char *kring_error_message (const GError *error);

/* Whether @error means the server could not be reached (or could not
 * answer right now), so that trying again later may work. */
gboolean kring_error_is_transient (const GError *error);

/* Whether @error is a cancellation, which is never reported. */
gboolean kring_error_is_cancelled (const GError *error);

G_END_DECLS
