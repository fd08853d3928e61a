/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the text and vCard readers of recipients share: collecting,
 * charsets and transfer encodings, names, addresses, byte order marks; and
 * kring_recipients_from_data(), which picks one of the readers. */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include <string.h>

#include "kring-email.h"
#include "kring-recipients-private.h"
#include "kring-text.h"

void
kring_recipient_free (KringRecipient *recipient)
{
  if (recipient == NULL)
    return;
  g_free (recipient->name);
  g_free (recipient->email);
  g_free (recipient->raw);
  g_free (recipient);
}

/* ---- Collecting: normalise, de-duplicate, keep the order ---------------- */

void
_kring_collector_init (KringCollector *self)
{
  self->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify)kring_recipient_free);
  self->by_email = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_raw = g_hash_table_new (g_str_hash, g_str_equal);
}

GPtrArray *
_kring_collector_finish (KringCollector *self)
{
  g_hash_table_unref (self->by_email);
  g_hash_table_unref (self->by_raw);
  return self->recipients;
}

void
_kring_collector_add (KringCollector *self, const char *name, const char *raw)
{
  g_autofree char *email = kring_email_normalise (raw, NULL, "email");
  GHashTable *table = email != NULL ? self->by_email : self->by_raw;
  KringRecipient *recipient = g_hash_table_lookup (table, email != NULL ? email : raw);

  if (recipient != NULL)
    {
      /* The first name seen wins, even when it comes after the address. */
      if (recipient->name == NULL)
        recipient->name = g_strdup (name);
      return;
    }
  recipient = g_new0 (KringRecipient, 1);
  recipient->name = g_strdup (name);
  recipient->raw = g_strdup (raw);
  recipient->valid = email != NULL;
  recipient->email = g_steal_pointer (&email);
  g_ptr_array_add (self->recipients, recipient);
  g_hash_table_insert (table, recipient->valid ? recipient->email : recipient->raw, recipient);
}

void
_kring_found_free (gpointer data)
{
  KringFound *found = data;

  g_free (found->name);
  g_free (found->address);
  g_free (found);
}

KringFound *
_kring_found_add (GPtrArray *found, char *name, char *address)
{
  KringFound *item = g_new0 (KringFound, 1);

  item->name = name;
  item->address = address;
  g_ptr_array_add (found, item);
  return item;
}

/* ---- Charsets and transfer encodings ------------------------------------- */

/* Only the charsets mail and vCard writers use go to iconv: the name comes
 * from the input, and a rarely used converter is a risk for nothing. */
static gboolean
is_known_charset (const char *charset)
{
  static const char *const prefixes[] = {
    "UTF-",  "UTF8",        "US-ASCII", "ASCII",   "ISO-8859-", "ISO8859-",    "ISO_8859-",
    "LATIN", "WINDOWS-125", "CP125",    "KOI8-",   "MACINTOSH", "SHIFT_JIS",   "SJIS",
    "EUC-",  "GB2312",      "GBK",      "GB18030", "BIG5",      "ISO-2022-JP",
  };
  gsize length = strlen (charset);

  if (length > CHARSET_MAX)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (has_prefix_ci (charset, length, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* @data in @charset as valid UTF-8 (without NULs), or NULL when the charset
 * is unknown or the data is not in it. */
char *
_kring_recipients_convert_to_utf8 (const char *data, gsize length, const char *charset)
{
  g_autofree char *converted = NULL;
  gsize written = 0;

  if (g_ascii_strcasecmp (charset, "UTF-8") == 0 || g_ascii_strcasecmp (charset, "UTF8") == 0)
    return g_utf8_make_valid (data, length);
  if (!is_known_charset (charset))
    return NULL;
  converted = g_convert (data, length, "UTF-8", charset, NULL, &written, NULL);
  if (converted == NULL)
    return NULL;
  return g_utf8_make_valid (converted, written);
}

/* Quoted-printable (RFC 2045) and RFC 2047's "Q", where "_" is a space.  A
 * broken "=" sequence stays as it is; a last "=" is a soft line break. */
GString *
_kring_recipients_decode_quoted_printable (const char *s, gsize n, gboolean underscore_is_space)
{
  GString *out = g_string_sized_new (n);

  for (gsize i = 0; i < n; i++)
    {
      if (s[i] == '=' && i + 2 < n && g_ascii_isxdigit (s[i + 1]) && g_ascii_isxdigit (s[i + 2]))
        {
          g_string_append_c (out, g_ascii_xdigit_value (s[i + 1]) << 4
                                      | g_ascii_xdigit_value (s[i + 2]));
          i += 2;
        }
      else if (!(s[i] == '=' && i + 1 == n))
        g_string_append_c (out, underscore_is_space && s[i] == '_' ? ' ' : s[i]);
    }
  return out;
}

GString *
_kring_recipients_decode_base64 (const char *s, gsize n)
{
  g_autofree char *text = g_strndup (s, n);
  gsize length = 0;
  g_autofree guchar *bytes = g_base64_decode (text, &length);

  return g_string_new_len ((const char *)bytes, length);
}

/* ---- Names --------------------------------------------------------------- */

/* RFC 2047 "=?charset?Q|B?text?=" (no white space inside). */
typedef struct
{
  const char *charset;
  gsize charset_length;
  char encoding;
  const char *text;
  gsize text_length;
  const char *end;
} EncodedWord;

/* Stops at a "?" or a blank: the scans of all attempts together stay
 * linear, since each looks at most three "?" ahead. */
static const char *
skip_token (const char *p)
{
  while (*p != '\0' && *p != '?' && !g_ascii_isspace (*p))
    p++;
  return p;
}

static gboolean
parse_encoded_word (const char *p, EncodedWord *word)
{
  const char *q;

  if (p[0] != '=' || p[1] != '?')
    return FALSE;
  word->charset = p + 2;
  q = skip_token (word->charset);
  word->charset_length = q - word->charset;
  if (*q != '?' || word->charset_length == 0 || word->charset_length > CHARSET_MAX)
    return FALSE;
  word->encoding = g_ascii_toupper (q[1]);
  if ((word->encoding != 'Q' && word->encoding != 'B') || q[2] != '?')
    return FALSE;
  word->text = q + 3;
  q = skip_token (word->text);
  if (q[0] != '?' || q[1] != '=')
    return FALSE;
  word->text_length = q - word->text;
  word->end = q + 2;
  return TRUE;
}

static char *
decode_encoded_word (const EncodedWord *word)
{
  g_autofree char *charset = g_strndup (word->charset, word->charset_length);
  g_autoptr (GString) bytes = NULL;
  char *language = strchr (charset, '*'); /* RFC 2231: "UTF-8*nl" */

  if (language != NULL)
    *language = '\0';
  if (word->encoding == 'Q')
    bytes = _kring_recipients_decode_quoted_printable (word->text, word->text_length, TRUE);
  else
    bytes = _kring_recipients_decode_base64 (word->text, word->text_length);
  return _kring_recipients_convert_to_utf8 (bytes->str, bytes->len, charset);
}

/* Decodes RFC 2047 words in @s (valid UTF-8), dropping the white space
 * between two of them; a word that does not decode stays as it is. */
static char *
decode_rfc2047 (const char *s)
{
  GString *out = g_string_new (NULL);
  gboolean after_word = FALSE;

  while (*s != '\0')
    {
      gsize spaces = strspn (s, " \t");
      EncodedWord word;
      g_autofree char *decoded = NULL;

      if (parse_encoded_word (s + spaces, &word) && (decoded = decode_encoded_word (&word)) != NULL)
        {
          if (!after_word)
            g_string_append_len (out, s, spaces);
          g_string_append (out, decoded);
          s = word.end;
          after_word = TRUE;
          continue;
        }
      g_string_append_len (out, s, spaces);
      s += spaces;
      if (*s == '\0')
        break;
      g_string_append_len (out, s, char_width (s));
      s += char_width (s);
      after_word = FALSE;
    }
  return g_string_free (out, FALSE);
}

/* Turns every run of blanks into one space, dropping them at the ends. */
static char *
collapse_blanks (const char *s)
{
  GString *out = g_string_new (NULL);
  gboolean pending = FALSE;

  while (*s != '\0')
    {
      gsize width = blank_width (s);

      if (width > 0)
        pending = out->len > 0;
      else
        {
          width = char_width (s);
          if (pending)
            g_string_append_c (out, ' ');
          g_string_append_len (out, s, width);
          pending = FALSE;
        }
      s += width;
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *open;
  const char *close;
} QuotePair;

static const QuotePair quote_pairs[] = {
  { "\"", "\"" },
  { "'", "'" },
  { "`", "`" },
  { "\xE2\x80\x9C", "\xE2\x80\x9D" }, /* “…” */
  { "\xE2\x80\x9E", "\xE2\x80\x9C" }, /* „…“ */
  { "\xE2\x80\x9E", "\xE2\x80\x9D" }, /* „…” */
  { "\xE2\x80\x98", "\xE2\x80\x99" }, /* ‘…’ */
  { "\xC2\xAB", "\xC2\xBB" },         /* «…» */
  { "\xC2\xBB", "\xC2\xAB" },         /* »…« */
  { "\xE2\x80\xB9", "\xE2\x80\xBA" }, /* ‹…› */
};

static gboolean
strip_quote_pair (const char **s, gsize *n)
{
  for (guint i = 0; i < G_N_ELEMENTS (quote_pairs); i++)
    {
      gsize open = strlen (quote_pairs[i].open), close = strlen (quote_pairs[i].close);

      if (*n >= open + close && memcmp (*s, quote_pairs[i].open, open) == 0
          && memcmp (*s + *n - close, quote_pairs[i].close, close) == 0)
        {
          *s += open;
          *n -= open + close;
          return TRUE;
        }
    }
  return FALSE;
}

/* Strips separators and spaces left at the ends of a phrase, and quotes
 * around the whole of it (Outlook's 'Jan de Vries'). */
static void
strip_name_edges (const char **s, gsize *n)
{
  do
    {
      while (*n > 0 && strchr (" ,;:", (*s)[0]) != NULL)
        (*s)++, (*n)--;
      while (*n > 0 && strchr (" ,;:", (*s)[*n - 1]) != NULL)
        (*n)--;
    }
  while (strip_quote_pair (s, n));
}

/* A display name from @text (valid UTF-8): RFC 2047 decoded, blanks
 * collapsed, stray punctuation and quotes stripped.  NULL when nothing is
 * left, when it is too long for the API (rather than cut it), or when it is
 * an email address itself (mail clients show a bare address as its own
 * name). */
char *
_kring_recipients_clean_name (const char *text, gsize length)
{
  g_autofree char *copy = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *collapsed = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  const char *start;
  gsize n;

  if (length == 0 || length > NAME_MAX_INPUT)
    return NULL;
  copy = g_strndup (text, length);
  decoded = decode_rfc2047 (copy);
  collapsed = collapse_blanks (decoded);
  start = collapsed;
  n = strlen (collapsed);
  strip_name_edges (&start, &n);
  if (n == 0)
    return NULL;
  name = g_strndup (start, n);
  email = kring_email_normalise (name, NULL, "name");
  if (email != NULL)
    return NULL;
  return kring_text_normalise_line (name, KRING_TEXT_LINE_MAX, NULL, "name");
}

/* ---- Addresses ----------------------------------------------------------- */

/* RFC 5322 atext (other than letters and digits): may start a local part. */
static gboolean
is_atext_symbol (char c)
{
  return c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/* What a sentence or markup puts after an address, and no domain ends
 * with: ASCII other than letters and digits, Unicode punctuation and
 * symbols.  Never the "@", so that "jan@" stays an attempt. */
static gboolean
is_trailing_junk (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  if (c < 0x80)
    return !g_ascii_isalnum (c) && c != '@';
  return g_unichar_ispunct (c) || is_blank_unichar (c);
}

static gboolean
is_leading_junk (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  if (c < 0x80)
    return !g_ascii_isalnum (c) && c != '@' && !is_atext_symbol (c);
  return g_unichar_ispunct (c) || is_blank_unichar (c);
}

/* Whether the atext character @c at the start of a token is markup
 * around it: its partner ("'" for "'", "}" for "{") went at the end. */
static gboolean
is_leading_pair (char c, const gboolean stripped[128])
{
  if ((guchar)c >= 0x80 || g_ascii_isalnum (c))
    return FALSE;
  return stripped[c == '{' ? '}' : (guchar)c];
}

/* Strips what surrounds an address in prose: "(jan@voorbeeld.nl).",
 * "«jan@voorbeeld.nl»".  An atext character at the start ("'", "*", "{")
 * goes only when its partner went at the end: 'jan@voorbeeld.nl'. */
static void
strip_address_edges (const char **s, gsize *n)
{
  gboolean stripped[128] = { FALSE };
  const char *start = *s, *end = *s + *n;

  while (end > start)
    {
      const char *last = g_utf8_prev_char (end);

      if (!is_trailing_junk (last))
        break;
      if ((guchar)*last < 0x80)
        stripped[(guchar)*last] = TRUE;
      end = last;
    }
  while (start < end && (is_leading_junk (start) || is_leading_pair (*start, stripped)))
    start = g_utf8_next_char (start);
  *s = start;
  *n = end - start;
}

/* A mailto: address is URI-escaped ("jan%2Bnieuws@…"). */
static char *
percent_decode (const char *s, gsize n)
{
  g_autofree char *decoded = NULL;

  if (memchr (s, '%', n) != NULL)
    decoded = g_uri_unescape_segment (s, s + n, NULL);
  if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
    return g_strndup (s, n);
  return g_steal_pointer (&decoded);
}

/* The address in the token @s, @n as the user meant it: without
 * surrounding punctuation, a "mailto:" and its "?query".  NULL when it is
 * not an attempt at an address: no "@", or nothing but one. */
char *
_kring_recipients_clean_address (const char *s, gsize n)
{
  g_autofree char *address = NULL;
  const char *query;

  strip_address_edges (&s, &n);
  if (!has_prefix_ci (s, n, "mailto:"))
    address = g_strndup (s, n);
  else
    {
      s += strlen ("mailto:");
      n -= strlen ("mailto:");
      if ((query = memchr (s, '?', n)) != NULL)
        n = query - s;
      strip_address_edges (&s, &n);
      address = percent_decode (s, n);
    }
  if (strlen (address) < 2 || strchr (address, '@') == NULL)
    return NULL;
  return g_steal_pointer (&address);
}

/* ---- Byte order marks ---------------------------------------------------- */

static gunichar
utf16_unit (const char *p, gboolean big_endian)
{
  guchar a = p[0], b = p[1];

  return big_endian ? (gunichar)a << 8 | b : (gunichar)b << 8 | a;
}

/* Windows writes "Unicode" files as UTF-16 with a byte order mark.  Returns
 * such data as UTF-8 (unpaired surrogates and NULs become U+FFFD), or NULL
 * for data without that mark. */
char *
_kring_recipients_utf16_to_utf8 (const char *data, gsize length)
{
  gboolean big_endian;
  GString *out;

  if (length < 2
      || !(((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE)
           || ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF)))
    return NULL;
  big_endian = (guchar)data[0] == 0xFE;
  out = g_string_sized_new (length);
  for (gsize i = 2; i + 1 < length; i += 2)
    {
      gunichar c = utf16_unit (data + i, big_endian);
      gunichar low = i + 3 < length ? utf16_unit (data + i + 2, big_endian) : 0;

      if (c >= 0xD800 && c < 0xDC00 && low >= 0xDC00 && low < 0xE000)
        {
          c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
          i += 2;
        }
      else if (c == 0 || (c >= 0xD800 && c < 0xE000))
        c = 0xFFFD;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

void
_kring_recipients_skip_utf8_bom (const char **data, gsize *length)
{
  if (*length >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0)
    *data += 3, *length -= 3;
}

/* ---- Data of either kind ------------------------------------------------- */

GPtrArray *
kring_recipients_from_data (const char *data, gsize length)
{
  g_autofree char *text = NULL;

  if (data != NULL && kring_recipients_is_vcard (data, length))
    return kring_recipients_from_vcard (data, length);
  if (data != NULL && (text = _kring_recipients_utf16_to_utf8 (data, length)) == NULL)
    text = g_strndup (data, length);
  return kring_recipients_from_text (text);
}
