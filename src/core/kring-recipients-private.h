/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inside the recipients code: what the text reader (kring-recipients-text.c)
 * and the vCard reader (kring-recipients-vcard.c) share with
 * kring-recipients.c, where these are defined. */
#pragma once

#include <string.h>

#include "kring-recipients.h"

G_BEGIN_DECLS

/* A name longer than this before decoding cannot be KRING_TEXT_LINE_MAX
 * code points after it (RFC 2047 spends at most 12 bytes on a code point,
 * plus its markers), so such junk is dropped before any work is done. */
#define NAME_MAX_INPUT 16384
/* Longest charset name looked at; real ones are under 20 bytes. */
#define CHARSET_MAX 40

/* ---- Collecting: normalise, de-duplicate, keep the order ---------------- */

typedef struct
{
  GPtrArray *recipients;
  GHashTable *by_email; /* normal form → KringRecipient, borrowed */
  GHashTable *by_raw;   /* raw text of an invalid one → KringRecipient, borrowed */
} KringCollector;

void _kring_collector_init (KringCollector *self);
/* Returns the recipients collected, in order. */
GPtrArray *_kring_collector_finish (KringCollector *self);
/* Adds the address @raw named @name (or NULL), unless it is already in. */
void _kring_collector_add (KringCollector *self, const char *name, const char *raw);

/* An address as found, with the name found for it, before normalisation. */
typedef struct
{
  char *name;      /* cleaned, or NULL */
  char *address;   /* as found */
  gboolean member; /* a vCard group member: not named after the group */
} KringFound;

void _kring_found_free (gpointer data);
/* Appends to @found a new KringFound that takes @name and @address. */
KringFound *_kring_found_add (GPtrArray *found, char *name, char *address);

/* ---- Characters ---------------------------------------------------------- */

/* White space, control characters, and the invisible spaces that web pages
 * and Outlook leave in copied text. */
static inline gboolean
is_blank_unichar (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_CONTROL || c == 0x200B
         || c == 0x2060 || c == 0xFEFF;
}

/* The length in bytes of the blank character at @p (valid UTF-8), or 0. */
static inline gsize
blank_width (const char *p)
{
  guchar c = *p;

  if (c < 0x80)
    return c <= 0x20 || c == 0x7F ? 1 : 0;
  return is_blank_unichar (g_utf8_get_char (p)) ? (gsize)(g_utf8_next_char (p) - p) : 0;
}

static inline gsize
char_width (const char *p)
{
  return (guchar)*p < 0x80 ? 1 : (gsize)(g_utf8_next_char (p) - p);
}

/* Trims blanks at both ends of the span @s, @n (valid UTF-8). */
static inline void
trim_span (const char **s, gsize *n)
{
  const char *start = *s, *end = *s + *n;
  gsize width;

  while (start < end && (width = blank_width (start)) > 0)
    start += width;
  while (end > start)
    {
      const char *last = g_utf8_prev_char (end);

      if (blank_width (last) == 0)
        break;
      end = last;
    }
  *s = start;
  *n = end - start;
}

static inline gboolean
has_prefix_ci (const char *s, gsize n, const char *prefix)
{
  gsize length = strlen (prefix);

  return n >= length && g_ascii_strncasecmp (s, prefix, length) == 0;
}

static inline gboolean
equal_ci (const char *s, gsize n, const char *word)
{
  return n == strlen (word) && g_ascii_strncasecmp (s, word, n) == 0;
}

/* ---- Charsets and transfer encodings ------------------------------------- */

/* @data in @charset as valid UTF-8, or NULL (unknown charset, bad data). */
char *_kring_recipients_convert_to_utf8 (const char *data, gsize length, const char *charset);
/* Quoted-printable, or RFC 2047's "Q" when @underscore_is_space. */
GString *_kring_recipients_decode_quoted_printable (const char *s, gsize n,
                                                    gboolean underscore_is_space);
GString *_kring_recipients_decode_base64 (const char *s, gsize n);

/* UTF-16 data with a byte order mark as UTF-8, else NULL. */
char *_kring_recipients_utf16_to_utf8 (const char *data, gsize length);
void _kring_recipients_skip_utf8_bom (const char **data, gsize *length);

/* ---- Names and addresses ------------------------------------------------- */

/* A cleaned display name from @text (valid UTF-8), or NULL. */
char *_kring_recipients_clean_name (const char *text, gsize length);
/* The address the token @s, @n means, or NULL when it is none. */
char *_kring_recipients_clean_address (const char *s, gsize n);

/* ---- Text (kring-recipients-text.c) -------------------------------------- */

/* Appends to @found (KringFound) the addresses in @text (valid UTF-8). */
void _kring_recipients_scan_text (const char *text, GPtrArray *found);

G_END_DECLS
