/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "kring-crypto.h"

static char *dummy_hash;

gboolean
kring_crypto_init (void)
{
  if (sodium_init () < 0)
    return FALSE;
  if (dummy_hash == NULL)
    {
      guint8 random[24];
      g_autofree char *password = NULL;

      randombytes_buf (random, sizeof random);
      password = kring_base64url_encode (random, sizeof random);
      dummy_hash = kring_password_hash (password);
    }
  return dummy_hash != NULL;
}

char *
kring_base64url_encode (const guint8 *data, gsize length)
{
  gsize size = sodium_base64_ENCODED_LEN (length, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  char *out = g_malloc (size);

  sodium_bin2base64 (out, size, data, length, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

guint8 *
kring_base64url_decode (const char *text, gsize *out_length)
{
  gsize len = strlen (text);
  guint8 *out = g_malloc (len * 3 / 4 + 1);
  const char *end = NULL;

  if (sodium_base642bin (out, len * 3 / 4 + 1, text, len, NULL, out_length, &end,
                         sodium_base64_VARIANT_URLSAFE_NO_PADDING)
          != 0
      || end != text + len)
    {
      g_free (out);
      return NULL;
    }
  return out;
}

char *
kring_token_new (void)
{
  guint8 random[32];

  randombytes_buf (random, sizeof random);
  return kring_base64url_encode (random, sizeof random);
}

char *
kring_code_new (void)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  guint8 random[26];
  char *code = g_malloc (sizeof random + 1);

  /* 26 characters of 5 bits each: 130 bits. */
  randombytes_buf (random, sizeof random);
  for (gsize i = 0; i < sizeof random; i++)
    code[i] = alphabet[random[i] & 31];
  code[sizeof random] = '\0';
  return code;
}

void
kring_secret_hash (const char *secret, guint8 out[KRING_HASH_LENGTH])
{
  crypto_hash_sha256 (out, (const guint8 *)secret, strlen (secret));
}

char *
kring_password_hash (const char *password)
{
  char hash[crypto_pwhash_STRBYTES];

  if (crypto_pwhash_str_alg (hash, password, strlen (password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13)
      != 0)
    return NULL;
  return g_strdup (hash);
}

gboolean
kring_password_verify (const char *hash, const char *password)
{
  if (hash == NULL)
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

const char *
kring_password_dummy_hash (void)
{
  return dummy_hash;
}

char *
kring_mac (GBytes *key, const char *data)
{
  guint8 mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  gsize key_len;
  const guint8 *key_data = g_bytes_get_data (key, &key_len);

  crypto_auth_hmacsha256_init (&state, key_data, key_len);
  crypto_auth_hmacsha256_update (&state, (const guint8 *)data, strlen (data));
  crypto_auth_hmacsha256_final (&state, mac);
  return kring_base64url_encode (mac, 16);
}

gboolean
kring_secret_equal (const char *a, const char *b)
{
  gsize len = strlen (a);

  return len == strlen (b) && sodium_memcmp (a, b, len) == 0;
}
