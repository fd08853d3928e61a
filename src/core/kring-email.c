/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include <string.h>

#include "kring-email.h"
#include "kring-text.h"

/* A valid address has at most 254 octets; an input form more than four
 * times that long could only pass by padding the domain with characters
 * that IDNA deletes.  The bound keeps g_hostname_to_ascii(), whose punycode
 * step is quadratic in the worst case, cheap on hostile input. */
#define MAX_INPUT_BYTES 1024

static char *
invalid_email (KringFieldError *error, const char *field, const char *reason)
{
  kring_field_error_set (error, KRING_PROBLEM_INVALID_EMAIL, field,
                         "The email address is not valid: %s.", reason);
  return NULL;
}

/* RFC 5322 atext. */
static gboolean
is_atext (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* RFC 5322 dot-atom-text: atext runs joined by single dots. */
static gboolean
is_dot_atom (const char *s, gsize length)
{
  if (length == 0 || s[0] == '.' || s[length - 1] == '.')
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      /* s[i + 1] exists: the last byte is not a dot. */
      if (s[i] == '.' ? s[i + 1] == '.' : !is_atext (s[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_ldh_label (const char *s, gsize length)
{
  if (length == 0 || length > 63 || s[0] == '-' || s[length - 1] == '-')
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '-')
      return FALSE;
  return TRUE;
}

/* At least two LDH labels, and a last one that is not all digits, so that a
 * bare IPv4 address does not pass for a domain. */
static gboolean
is_ldh_domain (const char *domain)
{
  const char *label = domain;
  const char *dot;
  guint n_labels = 1;

  while ((dot = strchr (label, '.')) != NULL)
    {
      if (!is_ldh_label (label, dot - label))
        return FALSE;
      label = dot + 1;
      n_labels++;
    }
  if (n_labels < 2 || !is_ldh_label (label, strlen (label)))
    return FALSE;
  for (const char *p = label; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

/* g_hostname_to_ascii() drops a trailing dot from an IDN but keeps it on an
 * ASCII name; refuse it up front, in the four spellings IDNA knows ('.',
 * U+3002, U+FF0E, U+FF61), so both cases agree. */
static gboolean
ends_with_dot (const char *s, gsize length)
{
  static const char *const dots[] = { ".", "\xE3\x80\x82", "\xEF\xBC\x8E", "\xEF\xBD\xA1" };

  for (guint i = 0; i < G_N_ELEMENTS (dots); i++)
    {
      gsize n = strlen (dots[i]);

      if (length >= n && memcmp (s + length - n, dots[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

static const char *
find_last_at (const char *s, gsize length)
{
  for (gsize i = length; i > 0; i--)
    if (s[i - 1] == '@')
      return s + i - 1;
  return NULL;
}

/* The domain part in ASCII form, or NULL. */
static char *
domain_to_ascii (const char *domain, gsize length)
{
  g_autofree char *lower = NULL;
  char *ascii;

  if (ends_with_dot (domain, length))
    return NULL;
  /* ASCII letters are lowered before IDNA as well as after: nameprep lowers
   * with g_utf8_strdown(), which in a Turkish locale would turn "I" into a
   * dotless "ı" and so change the address with the user's locale. */
  lower = g_ascii_strdown (domain, length);
  ascii = g_hostname_to_ascii (lower);
  if (ascii == NULL)
    return NULL;
  for (char *p = ascii; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);
  if (!is_ldh_domain (ascii))
    g_clear_pointer (&ascii, g_free);
  return ascii;
}

char *
kring_email_normalise (const char *input, KringFieldError *error, const char *field)
{
  g_autofree char *domain = NULL;
  const char *start, *at;
  gsize length, local_length;
  char *address;

  if (input == NULL || !g_utf8_validate (input, -1, NULL))
    return invalid_email (error, field, "it is not text");
  start = kring_text_trim (input, &length);
  if (length > MAX_INPUT_BYTES)
    return invalid_email (error, field, "it is too long");
  at = find_last_at (start, length);
  if (at == NULL)
    return invalid_email (error, field, "it has no “@”");
  local_length = at - start;
  if (local_length > KRING_EMAIL_LOCAL_MAX || !is_dot_atom (start, local_length))
    return invalid_email (error, field, "the part before “@” is not a plain local part");
  domain = domain_to_ascii (at + 1, start + length - (at + 1));
  if (domain == NULL)
    return invalid_email (error, field, "the part after “@” is not a domain name");
  if (local_length + 1 + strlen (domain) > KRING_EMAIL_MAX_LENGTH)
    return invalid_email (error, field, "it is longer than 254 octets");

  address = g_strdup_printf ("%.*s@%s", (int)local_length, start, domain);
  for (gsize i = 0; i < local_length; i++)
    address[i] = g_ascii_tolower (address[i]);
  return address;
}
