/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What went wrong, in the user's language: errors of KringClient
 * translated by their problem code (never by the server's English
 * `detail`), and network failures in plain words.  Every view reports
 * errors through these, so one failure reads the same everywhere. */
#pragma once

#include <adwaita.h>

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

/* Error toasts as every view shows them: one at a time per view, kept
 * until dismissed, with Retry when trying again may help. */

/* "@what @reason" as a toast title: translated, markup-escaped (toast
 * titles are markup).  Free with g_free(). */
char *kring_toast_error_title (const char *what, const char *reason);

/* A floating error toast titled @title (markup) that stays until
 * dismissed, with a Retry button running @retry_action unless NULL.
 * Normal priority: libadwaita 1.2 aborts when a high-priority toast
 * arrives while the dismissed one is still on screen. */
AdwToast *kring_toast_new_error (const char *title, const char *retry_action);

/* Dismisses the toast in *@slot, if any, and puts @toast (sunk) there,
 * shown on @overlay. */
void kring_toast_replace (AdwToastOverlay *overlay, AdwToast **slot, AdwToast *toast);

/* Dismisses and clears the toast in *@slot, if any. */
void kring_toast_dismiss (AdwToast **slot);

G_END_DECLS
