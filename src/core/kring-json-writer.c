/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The streaming JSON writer of kring-json.h. */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include <math.h>
#include <string.h>

#include "kring-json.h"

/* ---------------------------------------------------------------------------
 * Writer
 *
 * need_comma holds one bit per open container: bit (depth - 1) is set once
 * the container at that depth has a value.  The top level (depth 0) holds a
 * single value and needs no bit, so 64 levels fit in the 64 bits.  A key
 * clears its level's bit so that its value is not preceded by a comma.
 * ------------------------------------------------------------------------- */

G_STATIC_ASSERT (KRING_JSON_MAX_DEPTH <= 64); /* one need_comma bit per level */

static inline void
begin_value (KringJsonWriter *writer)
{
  guint64 bit;

  if (writer->depth == 0)
    return;
  bit = G_GUINT64_CONSTANT (1) << (writer->depth - 1);
  if (writer->need_comma & bit)
    g_string_append_c (writer->out, ',');
  writer->need_comma |= bit;
}

void
kring_json_writer_init (KringJsonWriter *writer, GString *out)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (out != NULL);

  writer->out = out;
  writer->depth = 0;
  writer->need_comma = 0;
}

static void
begin_container (KringJsonWriter *writer, char open)
{
  g_return_if_fail (writer->depth < KRING_JSON_MAX_DEPTH);

  begin_value (writer);
  g_string_append_c (writer->out, open);
  writer->depth++;
  writer->need_comma &= ~(G_GUINT64_CONSTANT (1) << (writer->depth - 1));
}

static void
end_container (KringJsonWriter *writer, char close)
{
  g_return_if_fail (writer->depth > 0);

  g_string_append_c (writer->out, close);
  writer->depth--;
}

void
kring_json_begin_object (KringJsonWriter *writer)
{
  begin_container (writer, '{');
}

void
kring_json_end_object (KringJsonWriter *writer)
{
  end_container (writer, '}');
}

void
kring_json_begin_array (KringJsonWriter *writer)
{
  begin_container (writer, '[');
}

void
kring_json_end_array (KringJsonWriter *writer)
{
  end_container (writer, ']');
}

/* The letter of the short escape for each byte that has one. */
static const char short_escapes[128] = {
  ['"'] = '"', ['\\'] = '\\', ['\n'] = 'n', ['\t'] = 't', ['\r'] = 'r', ['\b'] = 'b', ['\f'] = 'f',
};

static void
append_escape (GString *out, guchar c)
{
  static const char hex[] = "0123456789abcdef";
  char escape[6] = { '\\', short_escapes[c], '0', '0', hex[c >> 4], hex[c & 0xF] };

  if (escape[1] != 0)
    g_string_append_len (out, escape, 2);
  else
    {
      escape[1] = 'u';
      g_string_append_len (out, escape, sizeof escape);
    }
}

/* Appends @s as a JSON string: runs that need no escape are copied in one
 * go, which is nearly all of any real text. */
static void
append_escaped (GString *out, const char *s)
{
  const char *run = s;
  const char *p = s;

  g_string_append_c (out, '"');
  for (; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if (G_LIKELY (c >= 0x20 && c != '"' && c != '\\'))
        continue;
      g_string_append_len (out, run, p - run);
      append_escape (out, c);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
write_key (KringJsonWriter *writer, const char *name, gboolean escape)
{
  g_return_if_fail (writer->depth > 0);

  begin_value (writer);
  if (escape)
    append_escaped (writer->out, name);
  else
    {
      g_string_append_c (writer->out, '"');
      g_string_append (writer->out, name);
      g_string_append_c (writer->out, '"');
    }
  g_string_append_c (writer->out, ':');
  writer->need_comma &= ~(G_GUINT64_CONSTANT (1) << (writer->depth - 1));
}

void
kring_json_key (KringJsonWriter *writer, const char *name)
{
  write_key (writer, name, FALSE);
}

void
kring_json_string (KringJsonWriter *writer, const char *value)
{
  begin_value (writer);
  if (value == NULL)
    g_string_append_len (writer->out, "null", 4);
  else
    append_escaped (writer->out, value);
}

void
kring_json_int (KringJsonWriter *writer, gint64 value)
{
  char buffer[24];
  char *p = buffer + sizeof buffer;
  /* Through guint64 so that G_MININT64 has a magnitude. */
  guint64 magnitude = value < 0 ? ~(guint64)value + 1 : (guint64)value;

  do
    {
      *--p = (char)('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);
  if (value < 0)
    *--p = '-';
  begin_value (writer);
  g_string_append_len (writer->out, p, buffer + sizeof buffer - p);
}

void
kring_json_bool (KringJsonWriter *writer, gboolean value)
{
  begin_value (writer);
  if (value)
    g_string_append_len (writer->out, "true", 4);
  else
    g_string_append_len (writer->out, "false", 5);
}

void
kring_json_null (KringJsonWriter *writer)
{
  begin_value (writer);
  g_string_append_len (writer->out, "null", 4);
}

void
kring_json_raw (KringJsonWriter *writer, const char *json)
{
  g_return_if_fail (json != NULL);

  begin_value (writer);
  g_string_append (writer->out, json);
}

/* Doubles only reach here from stored JSON written by someone else; the API
 * itself never produces them.  The shortest of 15 to 17 significant digits
 * that reads back as the same value, with ".0" where it would otherwise read
 * back as an integer (100.0, -0.0); null for what JSON cannot express. */
static void
write_double (KringJsonWriter *writer, double value)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      kring_json_null (writer);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strtod (g_ascii_formatd (buffer, sizeof buffer, formats[i], value), NULL) == value)
      break;
  begin_value (writer);
  g_string_append (writer->out, buffer);
  if (strpbrk (buffer, ".e") == NULL)
    g_string_append_len (writer->out, ".0", 2);
}

static void
write_scalar (KringJsonWriter *writer, JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    kring_json_int (writer, json_node_get_int (node));
  else if (type == G_TYPE_BOOLEAN)
    kring_json_bool (writer, json_node_get_boolean (node));
  else if (type == G_TYPE_STRING)
    kring_json_string (writer, json_node_get_string (node));
  else if (type == G_TYPE_DOUBLE)
    write_double (writer, json_node_get_double (node));
  else
    kring_json_null (writer);
}

static void
write_object (KringJsonWriter *writer, JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  kring_json_begin_object (writer);
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      write_key (writer, name, TRUE);
      kring_json_node (writer, member);
    }
  kring_json_end_object (writer);
}

static void
write_array (KringJsonWriter *writer, JsonArray *array)
{
  guint length = json_array_get_length (array);

  kring_json_begin_array (writer);
  for (guint i = 0; i < length; i++)
    kring_json_node (writer, json_array_get_element (array, i));
  kring_json_end_array (writer);
}

void
kring_json_node (KringJsonWriter *writer, JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    write_object (writer, json_node_get_object (node));
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    write_array (writer, json_node_get_array (node));
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    write_scalar (writer, node);
  else
    kring_json_null (writer);
}

void
kring_json_member_string (KringJsonWriter *writer, const char *name, const char *value)
{
  kring_json_key (writer, name);
  kring_json_string (writer, value);
}

void
kring_json_member_int (KringJsonWriter *writer, const char *name, gint64 value)
{
  kring_json_key (writer, name);
  kring_json_int (writer, value);
}

void
kring_json_member_bool (KringJsonWriter *writer, const char *name, gboolean value)
{
  kring_json_key (writer, name);
  kring_json_bool (writer, value);
}

void
kring_json_member_null (KringJsonWriter *writer, const char *name)
{
  kring_json_key (writer, name);
  kring_json_null (writer);
}
