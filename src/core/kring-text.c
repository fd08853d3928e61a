/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include <string.h>

#include "kring-text.h"

/* The control characters API.md forbids are all single bytes, so in valid
 * UTF-8 a byte test is exact (no multi-byte sequence has a byte below 0x80). */
static inline gboolean
is_control_byte (guchar c)
{
  return c < 0x20 || c == 0x7F;
}

/* In valid UTF-8, every byte that is not a continuation byte starts a code
 * point. */
static inline gboolean
starts_code_point (guchar c)
{
  return (c & 0xC0) != 0x80;
}

const char *
kring_text_trim (const char *s, gsize *length)
{
  const char *end;

  g_return_val_if_fail (s != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  end = s + strlen (s);
  while (s < end && g_unichar_isspace (g_utf8_get_char (s)))
    s = g_utf8_next_char (s);
  while (end > s)
    {
      const char *last = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (last)))
        break;
      end = last;
    }
  *length = end - s;
  return s;
}

char *
kring_text_normalise_line (const char *in, gsize max_code_points, KringFieldError *error,
                           const char *field)
{
  const char *start;
  gsize length, n_code_points = 0;

  if (in == NULL || !g_utf8_validate (in, -1, NULL))
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, field,
                             "The field “%s” must be text.", field);
      return NULL;
    }
  start = kring_text_trim (in, &length);
  for (gsize i = 0; i < length; i++)
    {
      if (is_control_byte (start[i]))
        {
          kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, field,
                                 "The field “%s” must not contain control characters.", field);
          return NULL;
        }
      n_code_points += starts_code_point (start[i]);
    }
  if (n_code_points == 0 || n_code_points > max_code_points)
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, field,
                             "The field “%s” must have 1 to %" G_GSIZE_FORMAT
                             " characters after trimming white space.",
                             field, max_code_points);
      return NULL;
    }
  return g_strndup (start, length);
}

/* Looks for the first character of @body that is not white space, and for a
 * forbidden control character; the body is valid UTF-8. */
static gboolean
scan_body (const char *body, gboolean *has_text)
{
  *has_text = FALSE;
  for (const char *p = body; *p != '\0'; p = g_utf8_next_char (p))
    {
      guchar c = (guchar)*p;

      if (is_control_byte (c) && c != '\n' && c != '\t')
        return FALSE;
      if (!*has_text && !g_unichar_isspace (g_utf8_get_char (p)))
        *has_text = TRUE;
    }
  return TRUE;
}

gboolean
kring_text_check_body (const char *body, KringFieldError *error)
{
  gsize length = body != NULL ? strlen (body) : 0;
  gboolean has_text;

  if (body == NULL || length > KRING_TEXT_BODY_MAX_BYTES
      || !g_utf8_validate_len (body, length, NULL))
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "body",
                             "The body must be text of at most %d bytes.",
                             KRING_TEXT_BODY_MAX_BYTES);
      return FALSE;
    }
  if (!scan_body (body, &has_text))
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "body",
                             "The body must not contain control characters other than "
                             "line feeds and tabs.");
      return FALSE;
    }
  if (!has_text)
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "body",
                             "The body must contain a character that is not white space.");
      return FALSE;
    }
  return TRUE;
}

gboolean
kring_text_check_password (const char *password, KringFieldError *error, const char *field)
{
  glong n_code_points;

  if (password == NULL || !g_utf8_validate (password, -1, NULL))
    n_code_points = -1;
  else
    n_code_points = g_utf8_strlen (password, -1);
  if (n_code_points < KRING_TEXT_PASSWORD_MIN || n_code_points > KRING_TEXT_PASSWORD_MAX)
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, field,
                             "A password must have %d to %d characters.", KRING_TEXT_PASSWORD_MIN,
                             KRING_TEXT_PASSWORD_MAX);
      return FALSE;
    }
  return TRUE;
}

char *
kring_text_casefold_key (const char *s)
{
  g_autofree char *valid = NULL;
  g_autofree char *compatible = NULL;
  g_autofree char *folded = NULL;

  if (s == NULL)
    return NULL;
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);
  /* Folding can leave text that is no longer normalised (e.g. "ΐ" folds to
   * three code points), hence the second pass. */
  compatible = g_utf8_normalize (s, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (compatible, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);
}
