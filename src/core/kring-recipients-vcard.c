/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Recipients in vCard data: kring_recipients_from_vcard() and
 * kring_recipients_is_vcard(). */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include <string.h>

#include "kring-recipients-private.h"

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
    bytes = _kring_recipients_decode_quoted_printable (prop->value, prop->value_length, FALSE);
  else if (params.encoding == ENCODING_BASE64)
    bytes = _kring_recipients_decode_base64 (prop->value, prop->value_length);
  else
    bytes = g_string_new_len (prop->value, prop->value_length);
  if (charset != NULL)
    text = _kring_recipients_convert_to_utf8 (bytes->str, bytes->len, charset);
  if (text == NULL && g_utf8_validate_len (bytes->str, bytes->len, NULL))
    text = g_strndup (bytes->str, bytes->len);
  if (text == NULL)
    text = _kring_recipients_convert_to_utf8 (bytes->str, bytes->len, "WINDOWS-1252");
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

  return _kring_recipients_clean_name (part, strlen (part));
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
  return _kring_recipients_clean_name (text->str, text->len);
}

/* ---- vCard: contacts ----------------------------------------------------- */

typedef struct
{
  gboolean open;
  char *fn; /* cleaned names, NULL when absent */
  char *n;
  char *org;
  GPtrArray *emails; /* KringFound */
} Card;

static void
card_flush (Card *card, KringCollector *collector)
{
  const char *name = card->fn != NULL ? card->fn : card->n != NULL ? card->n : card->org;

  for (guint k = 0; k < card->emails->len; k++)
    {
      const KringFound *found = card->emails->pdata[k];

      _kring_collector_add (collector, found->member || name == NULL ? found->name : name,
                            found->address);
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
  _kring_recipients_scan_text (parts->pdata[0], card->emails);
  if (card->emails->len == before && length > 0)
    _kring_found_add (card->emails, NULL, g_strndup (value, length));
  for (guint k = before; member && k < card->emails->len; k++)
    ((KringFound *)card->emails->pdata[k])->member = TRUE;
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
card_property (Card *card, KringCollector *collector, const Property *prop)
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

GPtrArray *
kring_recipients_from_vcard (const char *data, gsize length)
{
  g_autofree char *converted = _kring_recipients_utf16_to_utf8 (data, data != NULL ? length : 0);
  VcardReader reader;
  Card card = { 0 };
  KringCollector collector;

  _kring_collector_init (&collector);
  if (data == NULL)
    return _kring_collector_finish (&collector);
  if (converted != NULL)
    data = converted, length = strlen (converted);
  _kring_recipients_skip_utf8_bom (&data, &length);
  reader = (VcardReader){ data, data + length, g_string_new (NULL) };
  card.emails = g_ptr_array_new_with_free_func (_kring_found_free);
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
  return _kring_collector_finish (&collector);
}

gboolean
kring_recipients_is_vcard (const char *data, gsize length)
{
  g_autofree char *converted = NULL;

  if (data == NULL)
    return FALSE;
  /* Enough of UTF-16 to see past a BOM and some blank lines. */
  converted = _kring_recipients_utf16_to_utf8 (data, MIN (length, 256));
  if (converted != NULL)
    data = converted, length = strlen (converted);
  _kring_recipients_skip_utf8_bom (&data, &length);
  while (length > 0 && g_ascii_isspace (*data))
    data++, length--;
  return has_prefix_ci (data, length, "BEGIN:VCARD");
}
