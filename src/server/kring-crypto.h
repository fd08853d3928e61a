/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Secrets: session tokens, one-time codes, password hashes (Argon2id through
 * libsodium) and the MAC that signs list cursors.  Tokens and codes are
 * stored only as SHA-256 hashes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KRING_HASH_LENGTH 32

/* Must be called once before any other function here. */
gboolean kring_crypto_init (void);

char *kring_base64url_encode (const guint8 *data, gsize length);
/* NULL for anything but unpadded base64url. */
guint8 *kring_base64url_decode (const char *text, gsize *out_length);

/* A new session token: 256 random bits, base64url (43 characters). */
char *kring_token_new (void);
/* A new one-time code for mails: 128 random bits in lower-case base32 (26 characters). */
char *kring_code_new (void);
/* SHA-256 of a token or code, as stored. */
void kring_secret_hash (const char *secret, guint8 out[KRING_HASH_LENGTH]);

/* Argon2id (libsodium's interactive limits): slow on purpose, call from a
 * worker thread.  NULL on out-of-memory. */
char *kring_password_hash (const char *password);
gboolean kring_password_verify (const char *hash, const char *password);
/* A hash of a random password: verifying against it costs the same as a
 * real one, so unknown emails take as long as wrong passwords. */
const char *kring_password_dummy_hash (void);

/* Compares two secrets in constant time (for equal lengths). */
gboolean kring_secret_equal (const char *a, const char *b);

/* HMAC-SHA256 of @data under @key, base64url, cut to 22 characters (128 bits). */
char *kring_mac (GBytes *key, const char *data);

G_END_DECLS
