/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Recipients in pasted text: kring_recipients_from_text(). */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include <string.h>

#include "kring-recipients-private.h"

/* Words on either side of the comma of an unquoted "Last, First <address>". */
#define LAST_FIRST_MAX_WORDS 4

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
  char *address; /* _kring_recipients_clean_address() of it, or NULL */
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
  GArray *phrase;        /* Piece: what came since the last separator */
  int last_address;      /* index in phrase of the last piece with an address, or -1 */
  KringFound *bracketed; /* the bracketed address just found: "<…> (Name)" names it */
  const char *carry;     /* "Last" of an unquoted "Last, First <address>", or NULL */
  gsize carry_length;
  GPtrArray *found; /* KringFound, the output */
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
  return _kring_recipients_clean_name (text->str, text->len);
}

static char *
piece_name (const Piece *piece)
{
  g_autofree char *text = unquote (piece->text, piece->length);

  return _kring_recipients_clean_name (text, strlen (text));
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
      _kring_found_add (self->found, bare_name (self, k, to),
                        g_strdup (piece_at (self, k)->address));
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
  self->bracketed = _kring_found_add (self->found, name, address);
}

static void
comment (Scanner *self, const char *s, gsize n)
{
  if (self->bracketed != NULL && self->bracketed->name == NULL && self->phrase->len == 0)
    {
      self->bracketed->name = _kring_recipients_clean_name (s, n);
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
          char *address = memchr (word, '@', p - word) != NULL
                              ? _kring_recipients_clean_address (word, p - word)
                              : NULL;

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
        _kring_found_add (self->found, NULL, g_strdup (addresses->pdata[k]));
    }
}

static void
angle_content (Scanner *self, const char *s, gsize n)
{
  char *address = _kring_recipients_clean_address (s, n);

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
    address = _kring_recipients_clean_address (unquoted, strlen (unquoted));
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
    address = _kring_recipients_clean_address (self->s + start, self->i - start);
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
  guint first; /* index of its first KringFound */
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
  return _kring_recipients_clean_name (text->str, text->len);
}

static void
name_from_cells (GPtrArray *found, const Cell *cell, char *name)
{
  KringFound *item = cell->count == 1 ? found->pdata[cell->first] : NULL;

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
void
_kring_recipients_scan_text (const char *text, GPtrArray *found)
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
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (_kring_found_free);
  KringCollector collector;

  _kring_collector_init (&collector);
  if (text == NULL)
    return _kring_collector_finish (&collector);
  if (!g_utf8_validate (text, -1, NULL))
    text = repaired = g_utf8_make_valid (text, -1);
  _kring_recipients_scan_text (text, found);
  for (guint k = 0; k < found->len; k++)
    {
      const KringFound *item = found->pdata[k];

      _kring_collector_add (&collector, item->name, item->address);
    }
  return _kring_collector_finish (&collector);
}
