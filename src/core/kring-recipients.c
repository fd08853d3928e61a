/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include <string.h>

#include "kring-email.h"
#include "kring-recipients.h"
#include "kring-text.h"

/* A name longer than this before decoding cannot be KRING_TEXT_LINE_MAX
 * code points after it (RFC 2047 spends at most 12 bytes on a code point,
 * plus its markers), so such junk is dropped before any work is done. */
#define NAME_MAX_INPUT 16384
/* Words on either side of the comma of an unquoted "Last, First <address>". */
#define LAST_FIRST_MAX_WORDS 4
/* Longest charset name looked at; real ones are under 20 bytes. */
#define CHARSET_MAX 40

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

typedef struct
{
  GPtrArray *recipients;
  GHashTable *by_email; /* normal form → KringRecipient, borrowed */
  GHashTable *by_raw;   /* raw text of an invalid one → KringRecipient, borrowed */
} Collector;

static void
collector_init (Collector *self)
{
  self->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify)kring_recipient_free);
  self->by_email = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_raw = g_hash_table_new (g_str_hash, g_str_equal);
}

static GPtrArray *
collector_finish (Collector *self)
{
  g_hash_table_unref (self->by_email);
  g_hash_table_unref (self->by_raw);
  return self->recipients;
}

static void
collector_add (Collector *self, const char *name, const char *raw)
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

/* An address as found, with the name found for it, before normalisation. */
typedef struct
{
  char *name;      /* cleaned, or NULL */
  char *address;   /* as found */
  gboolean member; /* a vCard group member: not named after the group */
} Found;

static void
found_free (gpointer data)
{
  Found *found = data;

  g_free (found->name);
  g_free (found->address);
  g_free (found);
}

static Found *
found_add (GPtrArray *found, char *name, char *address)
{
  Found *item = g_new0 (Found, 1);

  item->name = name;
  item->address = address;
  g_ptr_array_add (found, item);
  return item;
}

/* ---- Characters ---------------------------------------------------------- */

/* White space, control characters, and the invisible spaces that web pages
 * and Outlook leave in copied text. */
static gboolean
is_blank_unichar (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_CONTROL || c == 0x200B
         || c == 0x2060 || c == 0xFEFF;
}

/* The length in bytes of the blank character at @p (valid UTF-8), or 0. */
static gsize
blank_width (const char *p)
{
  guchar c = *p;

  if (c < 0x80)
    return c <= 0x20 || c == 0x7F ? 1 : 0;
  return is_blank_unichar (g_utf8_get_char (p)) ? (gsize)(g_utf8_next_char (p) - p) : 0;
}

static gsize
char_width (const char *p)
{
  return (guchar)*p < 0x80 ? 1 : (gsize)(g_utf8_next_char (p) - p);
}

/* Trims blanks at both ends of the span @s, @n (valid UTF-8). */
static void
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

static gboolean
has_prefix_ci (const char *s, gsize n, const char *prefix)
{
  gsize length = strlen (prefix);

  return n >= length && g_ascii_strncasecmp (s, prefix, length) == 0;
}

static gboolean
equal_ci (const char *s, gsize n, const char *word)
{
  return n == strlen (word) && g_ascii_strncasecmp (s, word, n) == 0;
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
static char *
convert_to_utf8 (const char *data, gsize length, const char *charset)
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
static GString *
decode_quoted_printable (const char *s, gsize n, gboolean underscore_is_space)
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

static GString *
decode_base64 (const char *s, gsize n)
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
    bytes = decode_quoted_printable (word->text, word->text_length, TRUE);
  else
    bytes = decode_base64 (word->text, word->text_length);
  return convert_to_utf8 (bytes->str, bytes->len, charset);
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
static char *
clean_name (const char *text, gsize length)
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
static char *
clean_address (const char *s, gsize n)
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

/* ---- Text: one segment (a line, or a cell of a row) ---------------------- */

typedef enum
{
  PIECE_WORD,    /* unquoted text, maybe an address */
  PIECE_QUOTED,  /* "…": the text between the quotes, escapes still in */
  PIECE_COMMENT, /* (…) or […] with no address in it */
  PIECE_COMMA,   /* a comma that does not separate (Outlook's "Last, First") */
} PieceKind;

typedef struct
{
  PieceKind kind;
  const char *text; /* in the segment */
  gsize length;
  char *address; /* clean_address() of it, or NULL */
} Piece;

static void
piece_clear (gpointer data)
{
  Piece *piece = data;

  g_clear_pointer (&piece->address, g_free);
}

typedef struct
{
  const char *s;
  gsize n;
  gsize i;
  gboolean soft_commas;
  /* Set once a search for a closing character failed: no later opening
   * one in the segment can succeed either, and searching again for each
   * would make a line of "<<<<…" quadratic. */
  gboolean no_quote_end;
  gboolean no_angle_end;
  gboolean no_paren_end;
  gboolean no_bracket_end;
  GArray *phrase;    /* Piece: what came since the last separator */
  int last_address;  /* index in phrase of the last piece with an address, or -1 */
  Found *bracketed;  /* the bracketed address just found: "<…> (Name)" names it */
  const char *carry; /* "Last" of an unquoted "Last, First <address>", or NULL */
  gsize carry_length;
  GPtrArray *found; /* Found, the output */
} Scanner;

static const Piece *
piece_at (Scanner *self, guint k)
{
  return &g_array_index (self->phrase, Piece, k);
}

static void
push_piece (Scanner *self, PieceKind kind, const char *text, gsize length, char *address)
{
  Piece piece = { kind, text, length, address };

  if (address != NULL)
    self->last_address = self->phrase->len;
  g_array_append_val (self->phrase, piece);
  self->bracketed = NULL;
}

static char *
unquote (const char *s, gsize n)
{
  GString *out = g_string_sized_new (n);

  for (gsize i = 0; i < n; i++)
    {
      if (s[i] == '\\' && i + 1 < n)
        i++;
      g_string_append_c (out, s[i]);
    }
  return g_string_free (out, FALSE);
}

static void
append_piece_text (GString *out, const Piece *piece)
{
  g_autofree char *unquoted = NULL;

  switch (piece->kind)
    {
      case PIECE_WORD:
        g_string_append_len (out, piece->text, piece->length);
        break;
      case PIECE_QUOTED:
        unquoted = unquote (piece->text, piece->length);
        g_string_append (out, unquoted);
        break;
      case PIECE_COMMENT:
        g_string_append_c (out, '(');
        g_string_append_len (out, piece->text, piece->length);
        g_string_append_c (out, ')');
        break;
      case PIECE_COMMA:
        g_string_append_c (out, ',');
        break;
      default:
        g_assert_not_reached ();
    }
}

/* The name made of the pieces from @from on, after @prefix if any. */
static char *
phrase_name (Scanner *self, guint from, const char *prefix, gsize prefix_length)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (prefix != NULL)
    {
      g_string_append_len (text, prefix, prefix_length);
      g_string_append_c (text, ',');
    }
  for (guint k = from; k < self->phrase->len && text->len <= NAME_MAX_INPUT; k++)
    {
      if (text->len > 0 && piece_at (self, k)->kind != PIECE_COMMA)
        g_string_append_c (text, ' ');
      append_piece_text (text, piece_at (self, k));
    }
  return clean_name (text->str, text->len);
}

static char *
piece_name (const Piece *piece)
{
  g_autofree char *text = unquote (piece->text, piece->length);

  return clean_name (text, strlen (text));
}

/* A bare address is named only by a comment right after it (the old
 * "jan@voorbeeld.nl (Jan de Vries)") or a quoted string right before it:
 * other words before it are as likely to be prose as a name. */
static char *
bare_name (Scanner *self, guint k, guint to)
{
  if (k + 1 < to && piece_at (self, k + 1)->kind == PIECE_COMMENT)
    return piece_name (piece_at (self, k + 1));
  if (k > 0 && piece_at (self, k - 1)->kind == PIECE_QUOTED
      && piece_at (self, k - 1)->address == NULL)
    return piece_name (piece_at (self, k - 1));
  return NULL;
}

static void
emit_bare_addresses (Scanner *self, guint to)
{
  for (guint k = 0; k < to; k++)
    if (piece_at (self, k)->address != NULL)
      found_add (self->found, bare_name (self, k, to), g_strdup (piece_at (self, k)->address));
}

static void
clear_phrase (Scanner *self)
{
  g_array_set_size (self->phrase, 0);
  self->last_address = -1;
  self->bracketed = NULL;
  self->carry = NULL;
}

static void
flush_phrase (Scanner *self)
{
  emit_bare_addresses (self, self->phrase->len);
  clear_phrase (self);
}

/* 1 to LAST_FIRST_MAX_WORDS plain words: half of "Last, First". */
static gboolean
is_short_plain_phrase (Scanner *self)
{
  if (self->phrase->len == 0 || self->phrase->len > LAST_FIRST_MAX_WORDS)
    return FALSE;
  for (guint k = 0; k < self->phrase->len; k++)
    if (piece_at (self, k)->kind != PIECE_WORD || piece_at (self, k)->address != NULL)
      return FALSE;
  return TRUE;
}

/* A separating comma.  Plain words before it are kept, in case they are
 * the "Last" of an unquoted "Last, First <address>". */
static void
separating_comma (Scanner *self)
{
  const char *carry = NULL;
  gsize carry_length = 0;

  if (is_short_plain_phrase (self))
    {
      const Piece *last = piece_at (self, self->phrase->len - 1);

      carry = piece_at (self, 0)->text;
      carry_length = last->text + last->length - carry;
    }
  flush_phrase (self);
  self->carry = carry;
  self->carry_length = carry_length;
}

/* "Name <address>", "Name (address)", "Name [mailto:address]": the name is
 * what came since the last address, or the lone address before it
 * ("jan@voorbeeld.nl <jan@voorbeeld.nl>" names itself, so no name). */
static void
name_address (Scanner *self, char *address)
{
  char *name;

  if (self->phrase->len == 1 && self->last_address == 0)
    name = phrase_name (self, 0, NULL, 0);
  else if (self->carry != NULL && self->last_address < 0 && is_short_plain_phrase (self))
    name = phrase_name (self, 0, self->carry, self->carry_length);
  else
    {
      emit_bare_addresses (self, self->last_address + 1);
      name = phrase_name (self, self->last_address + 1, NULL, 0);
    }
  clear_phrase (self);
  self->bracketed = found_add (self->found, name, address);
}

static void
comment (Scanner *self, const char *s, gsize n)
{
  if (self->bracketed != NULL && self->bracketed->name == NULL && self->phrase->len == 0)
    {
      self->bracketed->name = clean_name (s, n);
      self->bracketed = NULL;
      return;
    }
  push_piece (self, PIECE_COMMENT, s, n, NULL);
}

static gboolean
is_word_separator (const char *p)
{
  return *p == ',' || *p == ';' || blank_width (p) > 0;
}

/* (…) or […]: one address is the "Name (address)" form, several are a
 * list, none a comment. */
static void
paren_content (Scanner *self, const char *s, gsize n)
{
  g_autoptr (GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  const char *end = s + n;
  guint n_words = 0;

  for (const char *p = s; p < end;)
    {
      const char *word = p;

      while (p < end && !is_word_separator (p))
        p += char_width (p);
      if (p > word)
        {
          char *address
              = memchr (word, '@', p - word) != NULL ? clean_address (word, p - word) : NULL;

          n_words++;
          if (address != NULL)
            g_ptr_array_add (addresses, address);
        }
      if (p < end)
        p += char_width (p);
    }
  if (n_words == 1 && addresses->len == 1)
    name_address (self, g_strdup (addresses->pdata[0]));
  else if (addresses->len == 0)
    comment (self, s, n);
  else
    {
      flush_phrase (self);
      for (guint k = 0; k < addresses->len; k++)
        found_add (self->found, NULL, g_strdup (addresses->pdata[k]));
    }
}

static void
angle_content (Scanner *self, const char *s, gsize n)
{
  char *address = clean_address (s, n);

  /* "<b>" or "<Jan>" from a careless paste: a separator. */
  if (address == NULL)
    flush_phrase (self);
  else
    name_address (self, address);
}

static void
scan_group (Scanner *self, char close, gboolean *no_end)
{
  const char *open = self->s + self->i;
  const char *end = *no_end ? NULL : memchr (open + 1, close, self->n - self->i - 1);

  if (end == NULL)
    {
      /* An unmatched bracket separates, like a stray closing one. */
      *no_end = TRUE;
      flush_phrase (self);
      self->i++;
      return;
    }
  self->i = end - self->s + 1;
  if (close == '>')
    angle_content (self, open + 1, end - open - 1);
  else
    paren_content (self, open + 1, end - open - 1);
}

static void
scan_quoted (Scanner *self)
{
  gsize end = self->i + 1;
  const char *text = self->s + end;
  g_autofree char *unquoted = NULL;
  char *address = NULL;

  while (!self->no_quote_end && end < self->n && self->s[end] != '"')
    end += self->s[end] == '\\' && end + 1 < self->n ? 2 : 1;
  if (self->no_quote_end || end >= self->n)
    {
      /* An unmatched quote is ignored. */
      self->no_quote_end = TRUE;
      self->i++;
      return;
    }
  unquoted = unquote (text, self->s + end - text);
  /* "jan@voorbeeld.nl" alone is an address; with spaces it is a name. */
  if (strchr (unquoted, '@') != NULL && strchr (unquoted, ' ') == NULL)
    address = clean_address (unquoted, strlen (unquoted));
  push_piece (self, PIECE_QUOTED, text, self->s + end - text, address);
  self->i = end + 1;
}

static gboolean
is_special (char c)
{
  return c != '\0' && strchr (",;:\"<>()[]", c) != NULL;
}

/* A run of anything but blanks and specials; "mailto:" goes on after its
 * colon, and a URL ("…://…") runs to the next blank and is never an
 * address (https://example.com/@jan). */
static void
scan_word (Scanner *self)
{
  gsize start = self->i;
  gboolean url = FALSE;
  char *address = NULL;

  while (self->i < self->n && blank_width (self->s + self->i) == 0)
    {
      const char *p = self->s + self->i;

      if (!url && is_special (*p))
        {
          if (*p != ':')
            break;
          if (self->i + 2 < self->n && p[1] == '/' && p[2] == '/')
            url = TRUE;
          else if (!equal_ci (self->s + start, self->i - start, "mailto"))
            break;
        }
      self->i += char_width (p);
    }
  if (!url
      && (memchr (self->s + start, '@', self->i - start) != NULL
          || has_prefix_ci (self->s + start, self->i - start, "mailto:")))
    address = clean_address (self->s + start, self->i - start);
  push_piece (self, PIECE_WORD, self->s + start, self->i - start, address);
}

static void
scan_special (Scanner *self, char c)
{
  switch (c)
    {
      case ',':
        if (self->soft_commas)
          push_piece (self, PIECE_COMMA, self->s + self->i, 1, NULL);
        else
          separating_comma (self);
        self->i++;
        break;
      case '"':
        scan_quoted (self);
        break;
      case '<':
        scan_group (self, '>', &self->no_angle_end);
        break;
      case '(':
        scan_group (self, ')', &self->no_paren_end);
        break;
      case '[':
        scan_group (self, ']', &self->no_bracket_end);
        break;
      default: /* ";", ":" (a label: "To:", "E-mail:"), a stray ">", ")" or "]" */
        flush_phrase (self);
        self->i++;
        break;
    }
}

static void
scan_segment (GArray *phrase, const char *s, gsize n, gboolean soft_commas, GPtrArray *found)
{
  Scanner self = {
    .s = s, .n = n, .soft_commas = soft_commas, .phrase = phrase, .last_address = -1, .found = found
  };

  while (self.i < self.n)
    {
      gsize width = blank_width (self.s + self.i);

      if (width > 0)
        self.i += width;
      else if (is_special (self.s[self.i]))
        scan_special (&self, self.s[self.i]);
      else
        scan_word (&self);
    }
  flush_phrase (&self);
}

/* ---- Text: rows and lines ------------------------------------------------ */

typedef struct
{
  const char *text; /* trimmed */
  gsize length;
  guint first; /* index of its first Found */
  guint count; /* how many it gave */
} Cell;

/* A cell that can be (part of) a name: words with a letter, not a label
 * ("E-mail:"), not a number or a phone number. */
static gboolean
is_name_cell (const Cell *cell)
{
  const char *end = cell->text + cell->length;

  if (cell->count > 0 || cell->length == 0 || end[-1] == ':'
      || memchr (cell->text, '@', cell->length) != NULL)
    return FALSE;
  for (const char *p = cell->text; p < end; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static char *
join_name_cells (GArray *cells, guint from, guint to)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint k = from; k < to && text->len <= NAME_MAX_INPUT; k++)
    {
      const Cell *cell = &g_array_index (cells, Cell, k);

      if (!is_name_cell (cell))
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_len (text, cell->text, cell->length);
    }
  return clean_name (text->str, text->len);
}

static void
name_from_cells (GPtrArray *found, const Cell *cell, char *name)
{
  Found *item = cell->count == 1 ? found->pdata[cell->first] : NULL;

  if (item != NULL && item->name == NULL)
    item->name = g_steal_pointer (&name);
  g_free (name);
}

/* The cells of words before an address cell name it ("Jan", "de Vries",
 * "jan@voorbeeld.nl"); when the row has one address, those after it do if
 * none are before ("jan@voorbeeld.nl", "Jan de Vries"). */
static void
name_row (GArray *cells, GPtrArray *found)
{
  guint from = 0, n_address_cells = 0, last = 0;

  for (guint k = 0; k < cells->len; k++)
    if (g_array_index (cells, Cell, k).count > 0)
      n_address_cells++, last = k;
  if (n_address_cells == 1)
    {
      char *name = join_name_cells (cells, 0, last);

      if (name == NULL)
        name = join_name_cells (cells, last + 1, cells->len);
      name_from_cells (found, &g_array_index (cells, Cell, last), name);
      return;
    }
  for (guint k = 0; k < cells->len; k++)
    {
      if (g_array_index (cells, Cell, k).count == 0)
        continue;
      name_from_cells (found, &g_array_index (cells, Cell, k), join_name_cells (cells, from, k));
      from = k + 1;
    }
}

/* A line with tabs: a spreadsheet row. */
static void
scan_row (GArray *phrase, const char *line, gsize n, gboolean soft_commas, GPtrArray *found)
{
  g_autoptr (GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  const char *p = line, *end = line + n;

  while (TRUE)
    {
      const char *tab = memchr (p, '\t', end - p);
      const char *cell_end = tab != NULL ? tab : end;
      Cell cell = { p, cell_end - p, found->len, 0 };

      scan_segment (phrase, p, cell_end - p, soft_commas, found);
      cell.count = found->len - cell.first;
      trim_span (&cell.text, &cell.length);
      g_array_append_val (cells, cell);
      if (tab == NULL)
        break;
      p = tab + 1;
    }
  name_row (cells, found);
}

/* Finds the addresses in @text (valid UTF-8), line by line. */
static void
scan_text (const char *text, GPtrArray *found)
{
  g_autoptr (GArray) phrase = g_array_new (FALSE, FALSE, sizeof (Piece));

  g_array_set_clear_func (phrase, piece_clear);
  while (*text != '\0')
    {
      gsize n = strcspn (text, "\r\n");
      /* Outlook separates with "; " and leaves "Last, First" unquoted. */
      gboolean soft_commas = memchr (text, ';', n) != NULL;

      if (memchr (text, '\t', n) != NULL)
        scan_row (phrase, text, n, soft_commas, found);
      else
        scan_segment (phrase, text, n, soft_commas, found);
      text += n;
      text += text[0] == '\r' && text[1] == '\n' ? 2 : text[0] != '\0';
    }
}

GPtrArray *
kring_recipients_from_text (const char *text)
{
  g_autofree char *repaired = NULL;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (found_free);
  Collector collector;

  collector_init (&collector);
  if (text == NULL)
    return collector_finish (&collector);
  if (!g_utf8_validate (text, -1, NULL))
    text = repaired = g_utf8_make_valid (text, -1);
  scan_text (text, found);
  for (guint k = 0; k < found->len; k++)
    {
      const Found *item = found->pdata[k];

      collector_add (&collector, item->name, item->address);
    }
  return collector_finish (&collector);
}

/* ---- vCard: lines -------------------------------------------------------- */

typedef struct
{
  const char *p;
  const char *end;
  GString *line; /* the logical line last read */
} VcardReader;

/* The next line without its end (CRLF, LF or CR). */
static gboolean
next_physical_line (VcardReader *r, const char **start, gsize *length)
{
  const char *q = r->p;

  if (r->p >= r->end)
    return FALSE;
  while (q < r->end && *q != '\r' && *q != '\n')
    q++;
  *start = r->p;
  *length = q - r->p;
  if (q < r->end)
    q += *q == '\r' && q + 1 < r->end && q[1] == '\n' ? 2 : 1;
  r->p = q;
  return TRUE;
}

typedef enum
{
  ENCODING_NONE,
  ENCODING_QUOTED_PRINTABLE,
  ENCODING_BASE64,
} Encoding;

typedef struct
{
  const char *name; /* without its group ("item1.") */
  gsize name_length;
  const char *params; /* ";…" up to the colon */
  gsize params_length;
  const char *value;
  gsize value_length;
} Property;

typedef struct
{
  Encoding encoding;
  char *charset;
} Params;

/* The colon after the name and parameters: not one inside a quoted
 * parameter value, unless the quotes never close. */
static const char *
find_value_colon (const char *p, const char *end)
{
  gboolean quoted = FALSE;

  for (const char *q = p; q < end; q++)
    {
      if (*q == '"')
        quoted = !quoted;
      else if (*q == ':' && !quoted)
        return q;
    }
  return memchr (p, ':', end - p);
}

static gboolean
split_property (const char *line, gsize length, Property *prop)
{
  const char *end = line + length;
  const char *p, *colon;

  /* A byte order mark where two files were concatenated; an indented
   * line after a blank one. */
  if (length >= 3 && memcmp (line, "\xEF\xBB\xBF", 3) == 0)
    line += 3;
  while (line < end && (*line == ' ' || *line == '\t'))
    line++;
  for (p = line; p < end && *p != ';' && *p != ':'; p++)
    ;
  colon = find_value_colon (p, end);
  if (colon == NULL)
    return FALSE;
  prop->name = line;
  for (const char *q = line; q < p; q++)
    if (*q == '.')
      prop->name = q + 1;
  prop->name_length = p - prop->name;
  prop->params = p;
  prop->params_length = colon - p;
  prop->value = colon + 1;
  prop->value_length = end - prop->value;
  return TRUE;
}

static gboolean
prop_is (const Property *prop, const char *name)
{
  return equal_ci (prop->name, prop->name_length, name);
}

/* "ENCODING=QUOTED-PRINTABLE", "CHARSET=…", and vCard 2.1's bare
 * "QUOTED-PRINTABLE" and "BASE64". */
static void
apply_param (Params *params, const char *s, gsize n)
{
  const char *equals = memchr (s, '=', n);
  const char *value = equals != NULL ? equals + 1 : s;
  gsize value_length = s + n - value;

  if (value_length >= 2 && value[0] == '"' && value[value_length - 1] == '"')
    value++, value_length -= 2;
  if (equals == NULL || equal_ci (s, equals - s, "ENCODING"))
    {
      if (equal_ci (value, value_length, "QUOTED-PRINTABLE"))
        params->encoding = ENCODING_QUOTED_PRINTABLE;
      else if (equal_ci (value, value_length, "BASE64")
               || (equals != NULL && equal_ci (value, value_length, "B")))
        params->encoding = ENCODING_BASE64;
    }
  else if (equal_ci (s, equals - s, "CHARSET") && value_length <= CHARSET_MAX)
    {
      g_free (params->charset);
      params->charset = g_strndup (value, value_length);
    }
}

static void
parse_params (const Property *prop, Params *params)
{
  const char *p = prop->params, *end = prop->params + prop->params_length;

  while (p < end)
    {
      const char *param = ++p;
      gboolean quoted = FALSE;

      for (; p < end && (quoted || *p != ';'); p++)
        if (*p == '"')
          quoted = !quoted;
      apply_param (params, param, p - param);
    }
}

/* vCard 2.1 continues a quoted-printable value after a "=" at the end of
 * the line, without the leading space of a folded line.  The parameters
 * are looked at once per logical line. */
static gboolean
soft_line_break (VcardReader *r, int *quoted_printable)
{
  Property prop;

  if (r->line->len == 0 || r->line->str[r->line->len - 1] != '=')
    return FALSE;
  /* A broken file must not swallow the next contact. */
  if (has_prefix_ci (r->p, r->end - r->p, "END:VCARD")
      || has_prefix_ci (r->p, r->end - r->p, "BEGIN:VCARD"))
    return FALSE;
  if (*quoted_printable < 0)
    {
      Params params = { ENCODING_NONE, NULL };

      *quoted_printable = FALSE;
      if (split_property (r->line->str, r->line->len, &prop))
        {
          parse_params (&prop, &params);
          *quoted_printable = params.encoding == ENCODING_QUOTED_PRINTABLE;
          g_free (params.charset);
        }
    }
  return *quoted_printable;
}

/* Reads the next logical line: unfolded, and with quoted-printable soft
 * line breaks joined. */
static gboolean
read_logical_line (VcardReader *r)
{
  const char *start;
  gsize length;
  int quoted_printable = -1;

  if (!next_physical_line (r, &start, &length))
    return FALSE;
  g_string_truncate (r->line, 0);
  g_string_append_len (r->line, start, length);
  while (r->p < r->end)
    {
      if (soft_line_break (r, &quoted_printable))
        {
          g_string_truncate (r->line, r->line->len - 1);
          next_physical_line (r, &start, &length);
          g_string_append_len (r->line, start, length);
        }
      else if ((*r->p == ' ' || *r->p == '\t') && r->line->len > 0)
        {
          next_physical_line (r, &start, &length);
          g_string_append_len (r->line, start + 1, length - 1);
        }
      else
        break;
    }
  return TRUE;
}

/* ---- vCard: values ------------------------------------------------------- */

/* The value as UTF-8: transfer encoding undone, then converted from its
 * CHARSET, else taken as UTF-8, else as Windows-1252 (old Outlook). */
static char *
property_text (const Property *prop)
{
  Params params = { ENCODING_NONE, NULL };
  g_autoptr (GString) bytes = NULL;
  g_autofree char *charset = NULL;
  char *text = NULL;

  parse_params (prop, &params);
  charset = params.charset;
  if (params.encoding == ENCODING_QUOTED_PRINTABLE)
    bytes = decode_quoted_printable (prop->value, prop->value_length, FALSE);
  else if (params.encoding == ENCODING_BASE64)
    bytes = decode_base64 (prop->value, prop->value_length);
  else
    bytes = g_string_new_len (prop->value, prop->value_length);
  if (charset != NULL)
    text = convert_to_utf8 (bytes->str, bytes->len, charset);
  if (text == NULL && g_utf8_validate_len (bytes->str, bytes->len, NULL))
    text = g_strndup (bytes->str, bytes->len);
  if (text == NULL)
    text = convert_to_utf8 (bytes->str, bytes->len, "WINDOWS-1252");
  if (text == NULL)
    text = g_utf8_make_valid (bytes->str, bytes->len);
  return text;
}

static void
append_escaped (GString *out, char c)
{
  if (c == 'n' || c == 'N')
    g_string_append_c (out, '\n');
  else if (strchr (",;:\\", c) != NULL)
    g_string_append_c (out, c);
  else
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, c);
    }
}

/* Undoes the text escapes ("\,", "\;", "\n", "\\").  A @structured value
 * (N, ORG) is split at unescaped ";" into its components, and the ","
 * between the values of one component become spaces.  Never empty. */
static GPtrArray *
unescape_value (const char *s, gboolean structured)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  GString *part = g_string_new (NULL);

  for (; *s != '\0'; s++)
    {
      if (*s == '\\' && s[1] != '\0')
        append_escaped (part, *++s);
      else if (structured && *s == ';')
        {
          g_ptr_array_add (parts, g_string_free (part, FALSE));
          part = g_string_new (NULL);
        }
      else
        g_string_append_c (part, structured && *s == ',' ? ' ' : *s);
    }
  g_ptr_array_add (parts, g_string_free (part, FALSE));
  return parts;
}

static GPtrArray *
property_parts (const Property *prop, gboolean structured)
{
  g_autofree char *text = property_text (prop);

  return unescape_value (text, structured);
}

static char *
clean_part (GPtrArray *parts, guint k)
{
  const char *part = k < parts->len ? parts->pdata[k] : "";

  return clean_name (part, strlen (part));
}

/* N is family;given;additional;prefix;suffix. */
static char *
name_from_n (const Property *prop)
{
  static const guint order[] = { 3, 1, 2, 0, 4 };
  g_autoptr (GPtrArray) parts = property_parts (prop, TRUE);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      const char *part = order[k] < parts->len ? parts->pdata[order[k]] : "";

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, part);
    }
  return clean_name (text->str, text->len);
}

/* ---- vCard: contacts ----------------------------------------------------- */

typedef struct
{
  gboolean open;
  char *fn; /* cleaned names, NULL when absent */
  char *n;
  char *org;
  GPtrArray *emails; /* Found */
} Card;

static void
card_flush (Card *card, Collector *collector)
{
  const char *name = card->fn != NULL ? card->fn : card->n != NULL ? card->n : card->org;

  for (guint k = 0; k < card->emails->len; k++)
    {
      const Found *found = card->emails->pdata[k];

      collector_add (collector, found->member || name == NULL ? found->name : name, found->address);
    }
  g_ptr_array_set_size (card->emails, 0);
  g_clear_pointer (&card->fn, g_free);
  g_clear_pointer (&card->n, g_free);
  g_clear_pointer (&card->org, g_free);
  card->open = FALSE;
}

/* EMAIL, and a group's "MEMBER:mailto:…".  The value goes through the text
 * parser, which copes with "mailto:", "<…>" and stray punctuation; an EMAIL
 * with text but no address in it is kept as an invalid one. */
static void
card_add_email (Card *card, const Property *prop, gboolean member)
{
  g_autoptr (GPtrArray) parts = property_parts (prop, FALSE);
  const char *value = parts->pdata[0];
  gsize length = strlen (value);
  guint before = card->emails->len;

  trim_span (&value, &length);
  if (member && !has_prefix_ci (value, length, "mailto:"))
    return;
  scan_text (parts->pdata[0], card->emails);
  if (card->emails->len == before && length > 0)
    found_add (card->emails, NULL, g_strndup (value, length));
  for (guint k = before; member && k < card->emails->len; k++)
    ((Found *)card->emails->pdata[k])->member = TRUE;
}

static gboolean
value_is_vcard (const Property *prop)
{
  const char *value = prop->value;
  gsize length = prop->value_length;

  while (length > 0 && g_ascii_isspace (value[length - 1]))
    length--;
  while (length > 0 && g_ascii_isspace (value[0]))
    value++, length--;
  return equal_ci (value, length, "VCARD");
}

static void
card_set_name (char **name, const Property *prop, gboolean structured)
{
  g_autoptr (GPtrArray) parts = NULL;

  if (*name != NULL)
    return;
  if (prop_is (prop, "N"))
    {
      *name = name_from_n (prop);
      return;
    }
  parts = property_parts (prop, structured);
  *name = clean_part (parts, 0);
}

static void
card_property (Card *card, Collector *collector, const Property *prop)
{
  if (prop_is (prop, "BEGIN") || prop_is (prop, "END"))
    {
      /* BEGIN inside a contact ends it too: better than losing the next
       * contact of a file that lacks an END. */
      if (value_is_vcard (prop))
        {
          card_flush (card, collector);
          card->open = prop_is (prop, "BEGIN");
        }
      return;
    }
  if (!card->open)
    return;
  if (prop_is (prop, "EMAIL"))
    card_add_email (card, prop, FALSE);
  else if (prop_is (prop, "MEMBER"))
    card_add_email (card, prop, TRUE);
  else if (prop_is (prop, "FN"))
    card_set_name (&card->fn, prop, FALSE);
  else if (prop_is (prop, "N"))
    card_set_name (&card->n, prop, TRUE);
  else if (prop_is (prop, "ORG"))
    card_set_name (&card->org, prop, TRUE);
}

static gunichar
utf16_unit (const char *p, gboolean big_endian)
{
  guchar a = p[0], b = p[1];

  return big_endian ? (gunichar)a << 8 | b : (gunichar)b << 8 | a;
}

/* Windows writes "Unicode" files as UTF-16 with a byte order mark.  Returns
 * such data as UTF-8 (unpaired surrogates and NULs become U+FFFD), or NULL
 * for data without that mark. */
static char *
utf16_to_utf8 (const char *data, gsize length)
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

static void
skip_utf8_bom (const char **data, gsize *length)
{
  if (*length >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0)
    *data += 3, *length -= 3;
}

GPtrArray *
kring_recipients_from_vcard (const char *data, gsize length)
{
  g_autofree char *converted = utf16_to_utf8 (data, data != NULL ? length : 0);
  VcardReader reader;
  Card card = { 0 };
  Collector collector;

  collector_init (&collector);
  if (data == NULL)
    return collector_finish (&collector);
  if (converted != NULL)
    data = converted, length = strlen (converted);
  skip_utf8_bom (&data, &length);
  reader = (VcardReader){ data, data + length, g_string_new (NULL) };
  card.emails = g_ptr_array_new_with_free_func (found_free);
  while (read_logical_line (&reader))
    {
      Property prop;

      if (split_property (reader.line->str, reader.line->len, &prop))
        card_property (&card, &collector, &prop);
    }
  /* A contact cut off at the end still counts. */
  card_flush (&card, &collector);
  g_ptr_array_unref (card.emails);
  g_string_free (reader.line, TRUE);
  return collector_finish (&collector);
}

gboolean
kring_recipients_is_vcard (const char *data, gsize length)
{
  g_autofree char *converted = NULL;

  if (data == NULL)
    return FALSE;
  /* Enough of UTF-16 to see past a BOM and some blank lines. */
  converted = utf16_to_utf8 (data, MIN (length, 256));
  if (converted != NULL)
    data = converted, length = strlen (converted);
  skip_utf8_bom (&data, &length);
  while (length > 0 && g_ascii_isspace (*data))
    data++, length--;
  return has_prefix_ci (data, length, "BEGIN:VCARD");
}

GPtrArray *
kring_recipients_from_data (const char *data, gsize length)
{
  g_autofree char *text = NULL;

  if (data != NULL && kring_recipients_is_vcard (data, length))
    return kring_recipients_from_vcard (data, length);
  if (data != NULL && (text = utf16_to_utf8 (data, length)) == NULL)
    text = g_strndup (data, length);
  return kring_recipients_from_text (text);
}
