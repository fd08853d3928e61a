/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include <math.h>
#include <string.h>

#include "kring-json.h"

/* ---------------------------------------------------------------------------
 * Strict parser
 *
 * A recursive-descent parser over (data, length): it never reads past @end
 * and never relies on a terminating NUL.  Every byte is looked at a bounded
 * number of times, so the cost is linear in the input.  Nodes are allocated
 * in place (a member is inserted into its object before its value is parsed)
 * so that each member costs one key copy, inside JsonObject, and no more.
 * ------------------------------------------------------------------------- */

typedef struct
{
  const char *data;
  const char *pos;
  const char *end;
  GString *scratch; /* decoded contents of the last string, reused */
  guint depth;
  GError **error;
} Parser;

static gboolean parse_value (Parser *p, JsonNode *node);

static gboolean
parse_fail (Parser *p, const char *at, const char *message)
{
  g_set_error (p->error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON,
               "Invalid JSON at byte %" G_GSIZE_FORMAT ": %s.", (gsize)(at - p->data), message);
  return FALSE;
}

static inline void
skip_white_space (Parser *p)
{
  while (p->pos < p->end
         && (*p->pos == ' ' || *p->pos == '\n' || *p->pos == '\r' || *p->pos == '\t'))
    p->pos++;
}

static inline gboolean
is_digit (const char *s, const char *end)
{
  return s < end && g_ascii_isdigit (*s);
}

/* Reads the four hex digits of a \u escape; @s points at the backslash. */
static gboolean
read_hex4 (Parser *p, const char *s, gunichar *out)
{
  gunichar value = 0;

  if (p->end - s < 6)
    return parse_fail (p, s, "truncated \\u escape");
  for (int i = 2; i < 6; i++)
    {
      int digit = g_ascii_xdigit_value (s[i]);

      if (digit < 0)
        return parse_fail (p, s, "\\u must be followed by four hex digits");
      value = (value << 4) | (gunichar)digit;
    }
  *out = value;
  return TRUE;
}

/* Decodes a \u escape, and the low half that must follow a high surrogate;
 * *s points at the backslash and is moved past the escape. */
static gboolean
decode_unicode_escape (Parser *p, const char **s)
{
  const char *start = *s;
  gunichar c, low;

  if (!read_hex4 (p, start, &c))
    return FALSE;
  *s += 6;
  if (c >= 0xDC00 && c <= 0xDFFF)
    return parse_fail (p, start, "lone low surrogate in \\u escape");
  if (c >= 0xD800 && c <= 0xDBFF)
    {
      if (p->end - *s < 2 || (*s)[0] != '\\' || (*s)[1] != 'u')
        return parse_fail (p, start, "lone high surrogate in \\u escape");
      if (!read_hex4 (p, *s, &low))
        return FALSE;
      if (low < 0xDC00 || low > 0xDFFF)
        return parse_fail (p, start, "lone high surrogate in \\u escape");
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
      *s += 6;
    }
  /* Valid JSON, but a C string (and so a JsonNode) cannot carry U+0000: it
   * would silently cut the text short.  RFC 8259 §9 lets a parser limit the
   * characters it accepts in strings. */
  if (c == 0)
    return parse_fail (p, start, "\\u0000 is not supported");
  g_string_append_unichar (p->scratch, c);
  return TRUE;
}

/* What each one-letter escape stands for; 0 where there is none. */
static const char simple_escapes[128] = {
  ['"'] = '"',  ['\\'] = '\\', ['/'] = '/',  ['b'] = '\b',
  ['f'] = '\f', ['n'] = '\n',  ['r'] = '\r', ['t'] = '\t',
};

/* Decodes one escape sequence; *s points at the backslash and is moved past
 * the escape. */
static gboolean
decode_escape (Parser *p, const char **s)
{
  guchar letter;

  if (*s + 1 >= p->end)
    return parse_fail (p, *s, "unterminated string");
  letter = (guchar)(*s)[1];
  if (letter == 'u')
    return decode_unicode_escape (p, s);
  if (letter >= G_N_ELEMENTS (simple_escapes) || simple_escapes[letter] == 0)
    return parse_fail (p, *s, "invalid escape sequence");
  g_string_append_c (p->scratch, simple_escapes[letter]);
  *s += 2;
  return TRUE;
}

/* Parses a string starting at the opening quote into p->scratch. */
static gboolean
parse_string (Parser *p)
{
  const char *start = p->pos + 1;
  const char *run = start;
  gboolean ascii = TRUE;

  g_string_truncate (p->scratch, 0);
  for (const char *s = start; s < p->end;)
    {
      guchar c = (guchar)*s;

      if (c == '"')
        {
          const char *bad = NULL;

          /* Escapes are ASCII and multi-byte sequences never contain '"',
           * '\\' or bytes below 0x80, so one pass over the raw bytes checks
           * the decoded text too. */
          if (!ascii && !g_utf8_validate_len (start, s - start, &bad))
            return parse_fail (p, bad, "invalid UTF-8 in string");
          g_string_append_len (p->scratch, run, s - run);
          p->pos = s + 1;
          return TRUE;
        }
      if (c == '\\')
        {
          g_string_append_len (p->scratch, run, s - run);
          if (!decode_escape (p, &s))
            return FALSE;
          run = s;
          continue;
        }
      if (c < 0x20)
        return parse_fail (p, s, "unescaped control character in string");
      if (c >= 0x80)
        ascii = FALSE;
      s++;
    }
  return parse_fail (p, p->pos, "unterminated string");
}

/* Parses the digits of an integer token exactly; FALSE if it does not fit. */
static gboolean
token_to_int64 (const char *s, const char *end, gint64 *out)
{
  gboolean negative = (*s == '-');
  guint64 limit = negative ? (guint64)G_MAXINT64 + 1 : (guint64)G_MAXINT64;
  guint64 value = 0;

  for (s += negative; s < end; s++)
    {
      guint digit = (guint)(*s - '0');

      if (value > (limit - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }
  /* Negating through guint64 avoids signed overflow at G_MININT64. */
  *out = negative ? (gint64)(~value + 1) : (gint64)value;
  return TRUE;
}

static gboolean
token_to_double (Parser *p, const char *start, const char *end, double *out)
{
  /* g_ascii_strtod() needs a terminated string; the token has been checked
   * against the RFC 8259 grammar, all of which strtod accepts. */
  g_autofree char *copy = g_strndup (start, end - start);

  *out = g_ascii_strtod (copy, NULL);
  if (!isfinite (*out))
    return parse_fail (p, start, "number out of range");
  return TRUE;
}

/* Scans "digit+" and returns FALSE if there is not at least one digit. */
static gboolean
scan_digits (Parser *p, const char **s)
{
  if (!is_digit (*s, p->end))
    return parse_fail (p, *s, "expected a digit");
  while (is_digit (*s, p->end))
    (*s)++;
  return TRUE;
}

static gboolean
parse_number (Parser *p, JsonNode *node)
{
  const char *start = p->pos;
  const char *s = start;
  gboolean integral = TRUE;
  gint64 integer;
  double real;

  if (*s == '-')
    s++;
  if (is_digit (s, p->end) && *s == '0')
    s++; /* no leading zeros: "01" stops after the 0 and fails later */
  else if (!scan_digits (p, &s))
    return FALSE;
  if (s < p->end && *s == '.')
    {
      integral = FALSE;
      s++;
      if (!scan_digits (p, &s))
        return FALSE;
    }
  if (s < p->end && (*s == 'e' || *s == 'E'))
    {
      integral = FALSE;
      s++;
      if (s < p->end && (*s == '+' || *s == '-'))
        s++;
      if (!scan_digits (p, &s))
        return FALSE;
    }
  p->pos = s;
  if (integral && token_to_int64 (start, s, &integer))
    json_node_init_int (node, integer);
  else if (token_to_double (p, start, s, &real))
    json_node_init_double (node, real);
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_literal (Parser *p, const char *word, gsize length)
{
  if ((gsize)(p->end - p->pos) < length || memcmp (p->pos, word, length) != 0)
    return parse_fail (p, p->pos, "unexpected character");
  p->pos += length;
  return TRUE;
}

/* Consumes an opening bracket; *done is set when the container is empty. */
static gboolean
enter_container (Parser *p, char close, gboolean *done)
{
  if (++p->depth > KRING_JSON_MAX_DEPTH)
    return parse_fail (p, p->pos,
                       "nesting deeper than " G_STRINGIFY (KRING_JSON_MAX_DEPTH) " levels");
  p->pos++;
  skip_white_space (p);
  *done = p->pos < p->end && *p->pos == close;
  if (*done)
    {
      p->pos++;
      p->depth--;
    }
  return TRUE;
}

/* After a member or element: TRUE with *done set at the closing bracket. */
static gboolean
parse_separator (Parser *p, char close, gboolean *done)
{
  skip_white_space (p);
  if (p->pos < p->end && *p->pos == ',')
    {
      p->pos++;
      skip_white_space (p);
      *done = FALSE;
      return TRUE;
    }
  if (p->pos < p->end && *p->pos == close)
    {
      p->pos++;
      p->depth--;
      *done = TRUE;
      return TRUE;
    }
  return parse_fail (p, p->pos, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
}

static gboolean
parse_member (Parser *p, JsonObject *object)
{
  const char *key_at = p->pos;
  guint size = json_object_get_size (object);
  JsonNode *member;

  if (p->pos >= p->end || *p->pos != '"')
    return parse_fail (p, p->pos, "expected a member name");
  /* JsonObject hashes names with the unseeded g_str_hash(), for which
   * colliding names are easy to make: without a bound, one 1 MiB body of
   * them costs seconds of CPU. */
  if (size >= KRING_JSON_MAX_MEMBERS)
    return parse_fail (p, p->pos,
                       "more than " G_STRINGIFY (KRING_JSON_MAX_MEMBERS) " members in an object");
  if (!parse_string (p))
    return FALSE;
  skip_white_space (p);
  if (p->pos >= p->end || *p->pos != ':')
    return parse_fail (p, p->pos, "expected ':'");
  p->pos++;

  /* Inserting first and checking the size finds a repeated key without a
   * second hash lookup or a copy of the name (API.md: never let the last
   * one win silently). */
  member = json_node_init_null (json_node_alloc ());
  json_object_set_member (object, p->scratch->str, member);
  if (json_object_get_size (object) == size)
    return parse_fail (p, key_at, "repeated member name");
  return parse_value (p, member);
}

static gboolean
parse_object (Parser *p, JsonNode *node)
{
  JsonObject *object = json_object_new ();
  gboolean done;

  /* The node owns the object from here on, so an error anywhere below is
   * cleaned up by freeing the root. */
  json_node_init (node, JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  if (!enter_container (p, '}', &done))
    return FALSE;
  while (!done)
    if (!parse_member (p, object) || !parse_separator (p, '}', &done))
      return FALSE;
  return TRUE;
}

static gboolean
parse_array (Parser *p, JsonNode *node)
{
  JsonArray *array = json_array_new ();
  gboolean done;

  json_node_init (node, JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  if (!enter_container (p, ']', &done))
    return FALSE;
  while (!done)
    {
      JsonNode *element = json_node_init_null (json_node_alloc ());

      json_array_add_element (array, element);
      if (!parse_value (p, element) || !parse_separator (p, ']', &done))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_value (Parser *p, JsonNode *node)
{
  skip_white_space (p);
  if (p->pos >= p->end)
    return parse_fail (p, p->pos, "unexpected end of input");
  switch (*p->pos)
    {
      case '{':
        return parse_object (p, node);
      case '[':
        return parse_array (p, node);
      case '"':
        if (!parse_string (p))
          return FALSE;
        json_node_init_string (node, p->scratch->str);
        return TRUE;
      case 't':
        json_node_init_boolean (node, TRUE);
        return parse_literal (p, "true", 4);
      case 'f':
        json_node_init_boolean (node, FALSE);
        return parse_literal (p, "false", 5);
      case 'n':
        return parse_literal (p, "null", 4);
      default:
        if (*p->pos == '-' || is_digit (p->pos, p->end))
          return parse_number (p, node);
        return parse_fail (p, p->pos, "unexpected character");
    }
}

JsonNode *
kring_json_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (GString) scratch = g_string_sized_new (64);
  g_autoptr (JsonNode) root = NULL;
  Parser p;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  p = (Parser){ data, data, data + length, scratch, 0, error };
  root = json_node_init_null (json_node_alloc ());
  if (!parse_value (&p, root))
    return NULL;
  skip_white_space (&p);
  if (p.pos != p.end)
    {
      parse_fail (&p, p.pos, "unexpected data after the value");
      return NULL;
    }
  return g_steal_pointer (&root);
}

JsonObject *
kring_json_parse_object (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonNode) root = NULL;

  if (length == 0)
    {
      g_set_error_literal (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON,
                           "The body is empty; a JSON object is required.");
      return NULL;
    }
  root = kring_json_parse (data, length, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON,
                           "The JSON value is not an object.");
      return NULL;
    }
  return json_node_dup_object (root);
}

/* ---------------------------------------------------------------------------
 * Field checks and readers
 * ------------------------------------------------------------------------- */

static const struct
{
  const char *phrase;
  GType value_type; /* G_TYPE_NONE for containers */
} field_types[] = {
  [KRING_FIELD_STRING] = { "a string", G_TYPE_STRING },
  [KRING_FIELD_INT] = { "an integer", G_TYPE_INT64 },
  [KRING_FIELD_BOOL] = { "true or false", G_TYPE_BOOLEAN },
  [KRING_FIELD_ARRAY] = { "an array", G_TYPE_NONE },
  [KRING_FIELD_OBJECT] = { "an object", G_TYPE_NONE },
};

static inline gboolean
holds_value_of_type (JsonNode *node, GType type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
node_has_field_type (JsonNode *node, KringFieldType type)
{
  if (type == KRING_FIELD_ARRAY)
    return JSON_NODE_HOLDS_ARRAY (node);
  if (type == KRING_FIELD_OBJECT)
    return JSON_NODE_HOLDS_OBJECT (node);
  return holds_value_of_type (node, field_types[type].value_type);
}

static gboolean
is_known_field (const KringFieldSpec *specs, gsize n_specs, const char *name)
{
  for (gsize i = 0; i < n_specs; i++)
    if (strcmp (specs[i].name, name) == 0)
      return TRUE;
  return FALSE;
}

/* The unknown name comes from the client, so it can be neither static nor
 * interned (that would grow the intern table without bound).  It is stored
 * behind the detail sentence in the same allocation, which gives it exactly
 * the lifetime of the error. */
static void
set_unknown_field_error (KringFieldError *error, const char *name)
{
  static const char sentence[] = "This field is not part of the request.";
  gsize name_size = strlen (name) + 1;
  char *detail;

  if (error == NULL)
    return;
  kring_field_error_clear (error);
  detail = g_malloc (sizeof sentence + name_size);
  memcpy (detail, sentence, sizeof sentence);
  memcpy (detail + sizeof sentence, name, name_size);
  error->code = KRING_PROBLEM_INVALID_FIELD;
  error->detail = detail;
  error->field = detail + sizeof sentence;
}

static gboolean
check_unknown_fields (JsonObject *object, const KringFieldSpec *specs, gsize n_specs,
                      KringFieldError *error)
{
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, NULL))
    if (!is_known_field (specs, n_specs, name))
      {
        set_unknown_field_error (error, name);
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_field (JsonObject *object, const KringFieldSpec *spec, KringFieldError *error)
{
  JsonNode *node = json_object_get_member (object, spec->name);

  g_return_val_if_fail ((guint)spec->type < G_N_ELEMENTS (field_types), FALSE);

  if (node == NULL)
    {
      if (!(spec->flags & KRING_FIELD_REQUIRED))
        return TRUE;
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, spec->name,
                             "The field “%s” is required.", spec->name);
      return FALSE;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (spec->flags & KRING_FIELD_NULLABLE)
        return TRUE;
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, spec->name,
                             "The field “%s” must not be null.", spec->name);
      return FALSE;
    }
  if (node_has_field_type (node, spec->type))
    return TRUE;
  kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, spec->name,
                         "The field “%s” must be %s.", spec->name, field_types[spec->type].phrase);
  return FALSE;
}

gboolean
kring_json_check_fields (JsonObject *object, const KringFieldSpec *specs, gsize n_specs,
                         KringFieldError *error)
{
  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (specs != NULL || n_specs == 0, FALSE);

  if (!check_unknown_fields (object, specs, n_specs, error))
    return FALSE;
  for (gsize i = 0; i < n_specs; i++)
    if (!check_field (object, &specs[i], error))
      return FALSE;
  return TRUE;
}

static JsonNode *
get_value_of_type (JsonObject *object, const char *name, GType type)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  node = json_object_get_member (object, name);
  return node != NULL && holds_value_of_type (node, type) ? node : NULL;
}

const char *
kring_json_get_string (JsonObject *object, const char *name, const char *fallback)
{
  JsonNode *node = get_value_of_type (object, name, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : fallback;
}

gint64
kring_json_get_int (JsonObject *object, const char *name, gint64 fallback)
{
  JsonNode *node = get_value_of_type (object, name, G_TYPE_INT64);

  return node != NULL ? json_node_get_int (node) : fallback;
}

gboolean
kring_json_get_bool (JsonObject *object, const char *name, gboolean fallback)
{
  JsonNode *node = get_value_of_type (object, name, G_TYPE_BOOLEAN);

  return node != NULL ? json_node_get_boolean (node) : fallback;
}

gboolean
kring_json_has_null (JsonObject *object, const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_NULL (node);
}
