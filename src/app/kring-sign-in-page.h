/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The way in: sign in (server address, email, password), create an
 * organisation (then the mailed verification code), accept an invitation,
 * and reset a forgotten password.  Each ends in a session, handed out by
 * ::signed-in; storing it is the window's business.
 *
 * Signals:
 *   ::signed-in (KringClient *client, KringSession *session): the client
 *     carries the session's token.
 *   ::cancelled (): Back on the sign-in form while can-cancel is set (a
 *     session is still open behind the page, e.g. after opening a link). */
#pragma once

#include <adwaita.h>

#include "kring-client.h"

G_BEGIN_DECLS

#define KRING_TYPE_SIGN_IN_PAGE (kring_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (KringSignInPage, kring_sign_in_page, KRING, SIGN_IN_PAGE, AdwBin)

GtkWidget *kring_sign_in_page_new (void);

/* Shows the sign-in form afresh: no passwords, no messages, nothing in
 * flight; @server and @email filled in unless NULL. */
void kring_sign_in_page_start (KringSignInPage *self, const char *server, const char *email);
/* The server address, as entered. */
void kring_sign_in_page_set_server (KringSignInPage *self, const char *server);
const char *kring_sign_in_page_get_server (KringSignInPage *self);
/* A sentence above the sign-in form: an error, or a plain notice. */
void kring_sign_in_page_show_message (KringSignInPage *self, const char *message,
                                      gboolean is_error);
/* Moves the focus to the server address (to change it). */
void kring_sign_in_page_focus_server (KringSignInPage *self);
/* kring://invitation/CODE, kring://verify/CODE and kring://reset/CODE:
 * shows the matching form with the code filled in.  FALSE for anything
 * else. */
gboolean kring_sign_in_page_open_link (KringSignInPage *self, const char *uri);
void kring_sign_in_page_set_can_cancel (KringSignInPage *self, gboolean can_cancel);

/* The form shown: "sign-in", "sign-up", "verify", "invitation", "forgot"
 * or "reset". */
const char *kring_sign_in_page_get_form (KringSignInPage *self);

G_END_DECLS
