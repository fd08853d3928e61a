/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The session token in the system keyring (libsecret, asynchronous): one
 * secret per server and email address.  Only the token is ever stored,
 * never a password: signing in again is the way back when it is lost. */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* The schema "nl.kring.Kring.Session" with the string attributes "server"
 * (the normalised base URL, kring_client_get_base_url()) and "email". */
const SecretSchema *kring_credentials_get_schema (void);

/* Stores @token for @server and @email, replacing an earlier one. */
void kring_credentials_store_async (const char *server, const char *email, const char *token,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
gboolean kring_credentials_store_finish (GAsyncResult *result, GError **error);

/* The token stored for @server and @email, or, when @email is NULL, the
 * most recently stored one for @server.  The finish function returns NULL
 * without an error when there is none; @out_email (may be NULL) receives
 * the email address the token belongs to. */
void kring_credentials_lookup_async (const char *server, const char *email,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
char *kring_credentials_lookup_finish (GAsyncResult *result, char **out_email, GError **error);

/* Removes the token of @server and @email from the keyring; succeeds when
 * there was none. */
void kring_credentials_delete_async (const char *server, const char *email,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean kring_credentials_delete_finish (GAsyncResult *result, GError **error);

G_END_DECLS
