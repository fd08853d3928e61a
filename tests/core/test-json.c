/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <math.h>
#include <string.h>

#include "kring-json.h"

/* ---------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------- */

/* Parses a copy of exactly @length bytes, with no terminator behind it, so
 * that a read past the end shows up under ASan or valgrind. */
static JsonNode *
parse_len (const char *text, gsize length, GError **error)
{
  g_autofree char *copy = g_memdup2 (text, length);

  return kring_json_parse (copy, length, error);
}

static JsonNode *
parse (const char *text, GError **error)
{
  return parse_len (text, strlen (text), error);
}

static char *
write_node (JsonNode *node)
{
  GString *out = g_string_new (NULL);
  KringJsonWriter writer;

  kring_json_writer_init (&writer, out);
  kring_json_node (&writer, node);
  g_assert_cmpuint (writer.depth, ==, 0);
  return g_string_free (out, FALSE);
}

/* Parses @text, which must be valid, and returns it written back compactly. */
static char *
canonical (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return write_node (node);
}

static void
assert_canonical (const char *text, const char *expected)
{
  g_autofree char *written = canonical (text);

  g_assert_cmpstr (written, ==, expected);
}

static void
assert_invalid_len (const char *text, gsize length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = parse_len (text, length, &error);

  if (node != NULL)
    g_error ("accepted invalid JSON: %.*s", (int)length, text);
  g_assert_error (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON);
  g_assert_true (g_str_has_prefix (error->message, "Invalid JSON at byte "));
}

static void
assert_invalid (const char *text)
{
  assert_invalid_len (text, strlen (text));
}

static void
assert_error_mentions (const char *text, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = parse (text, &error);

  g_assert_null (node);
  g_assert_nonnull (error);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” gave “%s”, expected it to mention “%s”", text, error->message, fragment);
}

static JsonNode *
parse_valid (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_int (const char *text, gint64 expected)
{
  g_autoptr (JsonNode) node = parse_valid (text);

  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, expected);
}

static void
assert_double (const char *text, double expected)
{
  g_autoptr (JsonNode) node = parse_valid (text);

  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (node), ==, expected);
}

static void
assert_string (const char *text, const char *expected)
{
  g_autoptr (JsonNode) node = parse_valid (text);

  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_node_get_string (node), ==, expected);
}

static char *
repeat (const char *unit, guint times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------------
 * Parser: values
 * ------------------------------------------------------------------------- */

static void
test_parse_literals (void)
{
  g_autoptr (JsonNode) t = parse_valid ("true");
  g_autoptr (JsonNode) f = parse_valid ("false");
  g_autoptr (JsonNode) n = parse_valid ("null");

  g_assert_true (json_node_get_boolean (t));
  g_assert_false (json_node_get_boolean (f));
  g_assert_true (JSON_NODE_HOLDS_NULL (n));

  assert_invalid ("tru");
  assert_invalid ("True");
  assert_invalid ("TRUE");
  assert_invalid ("nul");
  assert_invalid ("nulll");
  assert_invalid ("truefalse");
  assert_invalid ("fals");
  assert_invalid ("undefined");
  assert_invalid ("NaN");
  assert_invalid ("Infinity");
  assert_invalid ("-Infinity");
}

static void
test_parse_integers (void)
{
  assert_int ("0", 0);
  assert_int ("-0", 0); /* no fraction, no exponent: the integer zero */
  assert_int ("1", 1);
  assert_int ("-1", -1);
  assert_int ("123456", 123456);
  assert_int ("9223372036854775807", G_MAXINT64);
  assert_int ("-9223372036854775808", G_MININT64);
  assert_int (" 42 ", 42);
}

static void
test_parse_doubles (void)
{
  g_autoptr (JsonNode) negative_zero = NULL;

  /* One past the gint64 range: a double, never a wrapped integer. */
  assert_double ("9223372036854775808", 9223372036854775808.0);
  assert_double ("-9223372036854775809", -9223372036854775809.0);
  assert_double ("123456789012345678901234567890", 123456789012345678901234567890.0);
  assert_double ("1.0", 1.0);
  assert_double ("1e2", 100.0);
  assert_double ("1E2", 100.0);
  assert_double ("1e+2", 100.0);
  assert_double ("1e-2", 0.01);
  assert_double ("-1.5e-3", -0.0015);
  assert_double ("0.5", 0.5);
  assert_double ("0e0", 0.0);
  assert_double ("1e308", 1e308);
  assert_double ("1e-400", 0.0); /* underflow rounds to zero, which is finite */

  negative_zero = parse_valid ("-0.0");
  g_assert_cmpint (json_node_get_value_type (negative_zero), ==, G_TYPE_DOUBLE);
  g_assert_true (signbit (json_node_get_double (negative_zero)));

  /* Too large for a double: refused rather than turned into infinity. */
  assert_error_mentions ("1e309", "out of range");
  assert_invalid ("-1e400");
  assert_invalid ("[1e99999999999999999999]");
}

static void
test_parse_bad_numbers (void)
{
  static const char *const bad[] = {
    "01",    "-01", "00",  "-",    "+1",    ".5",           "1.",  "1.e2",
    "1e",    "1e+", "1e-", "0x10", "1_000", "- 1",          "1 2", "1.2.3",
    "1e2e3", "--1", "-.5", "0.",   "1ee2",  "\xef\xbc\x91", /* fullwidth 1 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_invalid (bad[i]);
}

static void
test_parse_strings (void)
{
  assert_string ("\"\"", "");
  assert_string ("\"plain\"", "plain");
  assert_string ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t");
  assert_string ("\"a/b\"", "a/b");
  assert_string ("\"\\u0041\\u00e9\\u00E9\\u20ac\"", "Aéé€");
  assert_string ("\"\\u0001\\u001f\\u007f\"",
                 "\x01\x1f\x7f"); /* data here; text rules decide later */
  assert_string ("\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80\"", "héllo € 😀");
  assert_string ("\"\x7f\"", "\x7f");                 /* DEL needs no escape in JSON */
  assert_string ("\"\xef\xbf\xbf\"", "\xef\xbf\xbf"); /* a noncharacter is still a scalar value */
  assert_string ("\"\xf4\x8f\xbf\xbf\"", "\xf4\x8f\xbf\xbf"); /* U+10FFFF */

  assert_invalid ("\"abc");
  assert_invalid ("\"abc\\\"");
  assert_invalid ("\"abc\\");
  assert_invalid ("\"\\x41\"");
  assert_invalid ("\"\\U0041\"");
  assert_invalid ("\"\\u41\"");
  assert_invalid ("\"\\u004\"");
  assert_invalid ("\"\\u00G1\"");
  assert_invalid ("\"\\u");
  assert_invalid ("\"\\'\"");
  assert_invalid ("\"\\a\"");
  assert_invalid ("'single'");
  assert_invalid ("\"tab\there\"");
  assert_invalid ("\"line\nbreak\"");
  assert_invalid ("\"\x01\"");
  assert_invalid ("\"\x1f\"");
}

static void
test_parse_surrogates (void)
{
  assert_string ("\"\\ud83d\\ude00\"", "😀");
  assert_string ("\"\\uD83D\\uDE00\"", "😀");
  assert_string ("\"\\udbff\\udfff\"", "\xf4\x8f\xbf\xbf");
  assert_string ("\"\\ud800\\udc00x\"", "\xf0\x90\x80\x80x");

  assert_error_mentions ("\"\\ud83d\"", "surrogate");
  assert_error_mentions ("\"\\ude00\"", "surrogate");
  assert_error_mentions ("\"\\ude00\\ud83d\"", "surrogate");
  assert_error_mentions ("\"\\ud83d\\u0041\"", "surrogate");
  assert_error_mentions ("\"\\ud83d\\ud83d\"", "surrogate");
  assert_error_mentions ("\"\\ud83dx\"", "surrogate");
  assert_error_mentions ("\"\\ud83d\\n\"", "surrogate");
  assert_invalid ("\"\\ud83d\\");
  assert_invalid ("\"\\ud83d\\u");
  assert_invalid ("\"\\ud83d\\ude0");
  assert_invalid ("\"\\ud83d\\uzzzz\"");
}

static void
test_parse_nul (void)
{
  /* "\u0000" is valid JSON, but a C string cannot hold it: refused. */
  assert_error_mentions ("\"\\u0000\"", "\\u0000");
  assert_error_mentions ("{\"a\\u0000b\": 1}", "\\u0000");
  assert_error_mentions ("\"x\\u0000\"", "\\u0000");

  /* Raw NUL bytes, anywhere. */
  assert_invalid_len ("\"a\0b\"", 5);
  assert_invalid_len ("{\"a\":1}\0", 8);
  assert_invalid_len ("\0{}", 3);
  assert_invalid_len ("[1,\0 2]", 7);
  assert_invalid_len ("\0", 1);
}

static void
test_parse_utf8 (void)
{
  static const char *const bad[] = {
    "\"\xc0\xaf\"",             /* overlong "/" */
    "\"\xc1\xbf\"",             /* overlong */
    "\"\xe0\x80\xaf\"",         /* overlong, three bytes */
    "\"\xf0\x80\x80\xaf\"",     /* overlong, four bytes */
    "\"\xed\xa0\x80\"",         /* UTF-8 encoded surrogate U+D800 */
    "\"\xed\xbf\xbf\"",         /* U+DFFF */
    "\"\xf4\x90\x80\x80\"",     /* beyond U+10FFFF */
    "\"\xf8\x88\x80\x80\x80\"", /* five-byte form */
    "\"\x80\"",                 /* lone continuation byte */
    "\"\xbf\"",
    "\"\xc3\"",     /* truncated before the quote */
    "\"\xe2\x82\"", /* truncated */
    "\"\xff\"",     /* never valid */
    "\"\xfe\"",
    "\"a\xc3(\"", /* lead byte followed by ASCII */
    "\xc3\xa9",   /* non-ASCII outside a string */
    "[\"a\", \xc3\xa9]",
    "{\"\xc3\":1}", /* invalid in a key */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_invalid (bad[i]);
  assert_error_mentions ("\"ok\xed\xa0\x80\"", "UTF-8");
}

/* ---------------------------------------------------------------------------
 * Parser: structure
 * ------------------------------------------------------------------------- */

static void
test_parse_structure (void)
{
  g_autoptr (JsonNode) node = parse_valid ("{\"b\":1,\"a\":[true,null,\"x\",{}],\"c\":{\"d\":[]}}");
  JsonObject *object = json_node_get_object (node);
  JsonArray *array = json_object_get_array_member (object, "a");
  g_autoptr (GList) names = json_object_get_members (object);

  g_assert_cmpuint (json_object_get_size (object), ==, 3);
  /* Member order is kept: responses echo it, and field errors follow it. */
  g_assert_cmpstr (names->data, ==, "b");
  g_assert_cmpstr (names->next->data, ==, "a");
  g_assert_cmpstr (names->next->next->data, ==, "c");
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (array, 1)));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 3)));

  assert_canonical ("{}", "{}");
  assert_canonical ("[]", "[]");
  assert_canonical ("[[],{},[[]]]", "[[],{},[[]]]");
  assert_canonical ("{\"\":1}", "{\"\":1}"); /* the empty key is a key */
  assert_canonical ("\"top-level string\"", "\"top-level string\"");
}

static void
test_parse_white_space (void)
{
  assert_canonical (" \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\"\n:\r\tnull }\n\n",
                    "{\"a\":[1,2],\"b\":null}");
  assert_canonical ("\n42\n", "42");

  /* Only the four RFC 8259 white space characters count. */
  assert_invalid ("\f{}");
  assert_invalid ("{}\v");
  assert_invalid ("\xc2\xa0{}");     /* NBSP */
  assert_invalid ("{}\xe2\x80\xa8"); /* LINE SEPARATOR */
  assert_invalid ("\xef\xbb\xbf{}"); /* a byte order mark is refused */
  assert_invalid ("\xef\xbb\xbf");
  assert_invalid ("");
  assert_invalid ("   ");
  assert_invalid ("\n");
}

static void
test_parse_bad_syntax (void)
{
  static const char *const bad[] = {
    "{\"a\":1,}",
    "[1,]",
    "[,1]",
    "[,]",
    "{,}",
    "{\"a\" 1}",
    "{\"a\":}",
    "{\"a\"}",
    "{a:1}",
    "{'a':1}",
    "{1:1}",
    "{null:1}",
    "[1 2]",
    "{\"a\":1 \"b\":2}",
    "[",
    "{",
    "]",
    "}",
    "{\"a\":1",
    "[1",
    "[1,",
    "{\"a\":",
    "{\"a\"",
    "[]]",
    "{}}",
    "1 2",
    "{}{}",
    "[][]",
    "{} x",
    "/* c */ {}",
    "{} // c",
    "{\"a\":1;\"b\":2}",
    "[1;2]",
    "{\"a\"=1}",
    "(1)",
    "<a/>",
    "{\"a\"::1}",
    "[\"a\":1]",
    "{[1]:1}",
    "{\"a\":1,,\"b\":2}",
    "[1,,2]",
    "tru e",
    "[true false]",
    "\"a\" \"b\"",
    "@",
    "#",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_invalid (bad[i]);
}

static void
test_parse_repeated_keys (void)
{
  static const char *const bad[] = {
    "{\"a\":1,\"a\":2}",
    "{\"a\":1,\"a\":1}",
    "{\"visibility\":\"professionals\",\"visibility\":\"everyone\"}",
    "{\"x\":{\"a\":1,\"b\":2,\"a\":3}}",
    "[{\"a\":1},{\"a\":1,\"a\":null}]",
    "{\"a\":1,\"\\u0061\":2}", /* the same name, spelled with an escape */
    "{\"\\/\":1,\"/\":2}",
    "{\"\":1,\"\":2}",
    "{\"é\":1,\"\\u00e9\":2}",
    "{\"a\":[1,{\"b\":{\"c\":1,\"c\":2}}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_error_mentions (bad[i], "repeated");

  /* The same name in different objects, or differing in case, is fine. */
  assert_canonical ("{\"a\":1,\"b\":{\"a\":2},\"c\":[{\"a\":3},{\"a\":4}]}",
                    "{\"a\":1,\"b\":{\"a\":2},\"c\":[{\"a\":3},{\"a\":4}]}");
  assert_canonical ("{\"a\":1,\"A\":2}", "{\"a\":1,\"A\":2}");
  /* NFC and NFD spellings are different JSON names. */
  assert_canonical ("{\"\xc3\xa9\":1,\"e\xcc\x81\":2}", "{\"\xc3\xa9\":1,\"e\xcc\x81\":2}");
}

static void
test_parse_depth (void)
{
  g_autofree char *open_ok = repeat ("[", KRING_JSON_MAX_DEPTH);
  g_autofree char *close_ok = repeat ("]", KRING_JSON_MAX_DEPTH);
  g_autofree char *deepest = g_strconcat (open_ok, close_ok, NULL);
  g_autofree char *too_deep = g_strconcat ("[", deepest, "]", NULL);
  g_autofree char *objects = repeat ("{\"a\":", KRING_JSON_MAX_DEPTH);
  g_autofree char *objects_close = repeat ("}", KRING_JSON_MAX_DEPTH);
  g_autofree char *deep_object = g_strconcat (objects, "1", objects_close, NULL);
  g_autofree char *deeper_object = g_strconcat ("[", deep_object, "]", NULL);
  g_autofree char *huge = repeat ("[", 1000000);
  g_autofree char *written = canonical (deepest);

  g_assert_cmpstr (written, ==, deepest);
  assert_canonical (deep_object, deep_object);
  assert_error_mentions (too_deep, "nesting");
  assert_error_mentions (deeper_object, "nesting");
  /* A million open brackets stop at the limit: no stack overflow. */
  assert_error_mentions (huge, "nesting");
}

static void
test_parse_members_limit (void)
{
  g_autoptr (GString) text = g_string_new ("{");
  g_autofree char *full = NULL;

  for (guint i = 0; i < KRING_JSON_MAX_MEMBERS; i++)
    g_string_append_printf (text, "%s\"m%u\":%u", i ? "," : "", i, i);
  full = g_strconcat (text->str, "}", NULL);
  assert_canonical (full, full);
  g_string_append (text, ",\"one-more\":0}");
  assert_error_mentions (text->str, "members");
  /* Arrays are not hashed, so they have no such bound. */
  g_string_assign (text, "[0");
  for (guint i = 0; i < 10 * KRING_JSON_MAX_MEMBERS; i++)
    g_string_append (text, ",{}");
  g_string_append (text, "]");
  g_free (canonical (text->str));
}

static void
test_parse_error_offsets (void)
{
  static const struct
  {
    const char *text;
    const char *offset;
  } cases[] = {
    { "", "byte 0:" },
    { "{\"a\":1,}", "byte 7:" },
    { "[1,2,x]", "byte 5:" },
    { "{\"a\":1,\"a\":2}", "byte 7:" }, /* points at the repeated name */
    { "\"ab\xffz\"", "byte 3:" },
    { "  {} x", "byte 5:" },
    { "\"\\ud800\"", "byte 1:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_error_mentions (cases[i].text, cases[i].offset);
}

/* Every valid document reads the same as with json-glib's own parser, which
 * also keeps integers as gint64 and everything else as double. */
static void
test_parse_matches_json_glib (void)
{
  static const char *const documents[] = {
    "{\"id\":1,\"email\":\"jan@example.com\",\"name\":null}",
    "[1,-2,3.5,1e2,-0,true,false,null,\"\\u00e9\\n\"]",
    "{\"participants\":[{\"email\":\"a@b.c\",\"can_write\":true},{\"email\":\"d@e.f\"}]}",
    "{\"nested\":{\"deeper\":{\"deepest\":[[[{}]]]}}}",
    "{\"big\":9223372036854775807,\"small\":-9223372036854775808,\"frac\":0.25}",
    "\"\\ud83d\\ude00 \\\" \\\\ \\/ \\b \\f \\r \\t\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) ours = parse_valid (documents[i]);

      g_assert_true (json_parser_load_from_data (parser, documents[i], -1, &error));
      g_assert_no_error (error);
      g_assert_true (json_node_equal (ours, json_parser_get_root (parser)));
    }
}

static void
test_parse_large (void)
{
  g_autoptr (GString) text = g_string_new ("{\"items\":[");
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *long_string = repeat ("é\\n", 100000);
  g_autofree char *doc = NULL;
  JsonArray *items;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "%s{\"id\":%u,\"email\":\"user%u@example.com\"}", i ? "," : "", i,
                            i);
  g_string_append (text, "]}");
  node = parse_valid (text->str);
  items = json_object_get_array_member (json_node_get_object (node), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 20000);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 19999), "id"),
                   ==, 19999);

  doc = g_strconcat ("\"", long_string, "\"", NULL);
  g_clear_pointer (&node, json_node_unref);
  node = parse_valid (doc);
  g_assert_cmpuint (strlen (json_node_get_string (node)), ==, 300000);
}

/* Mutating valid documents byte by byte must never crash; whatever still
 * parses must write back to something that parses to the same text. */
static void
test_parse_mutations (void)
{
  static const char *const seeds[] = {
    "{\"email\":\"jan@example.com\",\"name\":\"Jan\",\"can_write\":true}",
    "{\"body\":\"Hallo\\n\\u00e9\\ud83d\\ude00\",\"visibility\":\"everyone\",\"corrects\":1}",
    "[1,-0,1.5e3,[],{},null,\"x\"]",
  };
  static const char bytes[] = "{}[]\",:\\u0123456789-+.eEtrufalsn \t\n\xc3\xa9\xed\xa0\x80\xff";

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    for (guint round = 0; round < 3000; round++)
      {
        g_autofree char *text = g_strdup (seeds[s]);
        gsize length = strlen (text);
        g_autoptr (JsonNode) node = NULL;
        g_autoptr (GError) error = NULL;

        for (guint k = g_test_rand_int_range (1, 4); k > 0; k--)
          text[g_test_rand_int_range (0, length)]
              = bytes[g_test_rand_int_range (0, sizeof bytes - 1)];
        length = g_test_rand_int_range (0, length + 1); /* also truncate */
        node = parse_len (text, length, &error);
        if (node != NULL)
          {
            g_autofree char *once = write_node (node);
            g_autofree char *twice = canonical (once);

            g_assert_cmpstr (once, ==, twice);
          }
        else
          g_assert_error (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON);
      }
}

static void
test_parse_object (void)
{
  static const char *const not_objects[] = { "[]", "1", "\"{}\"", "null", "true", "[{}]" };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = kring_json_parse_object ("{\"a\":{\"b\":[1]}}", 15, &error);
  JsonObject *inner;

  g_assert_no_error (error);
  g_assert_nonnull (object);
  /* The root node is gone by now; the object must stand on its own. */
  inner = json_object_get_object_member (object, "a");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (inner, "b")), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (not_objects); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autoptr (JsonObject) o
          = kring_json_parse_object (not_objects[i], strlen (not_objects[i]), &e);

      g_assert_null (o);
      g_assert_error (e, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON);
    }

  g_clear_error (&error);
  g_assert_null (kring_json_parse_object (NULL, 0, &error));
  g_assert_error (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON);
  g_clear_error (&error);
  g_assert_null (kring_json_parse_object ("{}", 0, &error)); /* length 0 is an empty body */
  g_assert_error (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON);
  g_clear_error (&error);
  g_assert_null (kring_json_parse_object ("{} trailing", 11, &error));
  g_assert_error (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON);
  /* Without a GError to fill, failure is just NULL. */
  g_assert_null (kring_json_parse_object ("{", 1, NULL));
  g_assert_null (kring_json_parse ("x", 1, NULL));
}

/* ---------------------------------------------------------------------------
 * Field checks and readers
 * ------------------------------------------------------------------------- */

/* POST /dossiers/{id}/participants (API.md). */
static const KringFieldSpec participant_spec[] = {
  { "email", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "name", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL | KRING_FIELD_NULLABLE },
  { "can_write", KRING_FIELD_BOOL, KRING_FIELD_OPTIONAL },
};

/* POST /dossiers/{id}/entries (API.md). */
static const KringFieldSpec entry_spec[] = {
  { "body", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "visibility", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
  { "corrects", KRING_FIELD_INT, KRING_FIELD_OPTIONAL },
};

/* Checks @text against @spec; returns the field of the error, or NULL. */
static char *
check (const char *text, const KringFieldSpec *spec, gsize n_spec)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = kring_json_parse_object (text, strlen (text), &error);
  KringFieldError field_error = { 0 };
  char *field;

  g_assert_no_error (error);
  if (kring_json_check_fields (object, spec, n_spec, &field_error))
    {
      g_assert_cmpint (field_error.code, ==, KRING_PROBLEM_NONE);
      g_assert_null (field_error.detail);
      return NULL;
    }
  g_assert_cmpint (field_error.code, ==, KRING_PROBLEM_INVALID_FIELD);
  g_assert_nonnull (field_error.detail);
  g_assert_nonnull (field_error.field);
  field = g_strdup (field_error.field);
  kring_field_error_clear (&field_error);
  return field;
}

static void
assert_fields_ok (const char *text, const KringFieldSpec *spec, gsize n_spec)
{
  g_autofree char *field = check (text, spec, n_spec);

  if (field != NULL)
    g_error ("“%s” was refused for “%s”", text, field);
}

static void
assert_field_error (const char *text, const KringFieldSpec *spec, gsize n_spec,
                    const char *expected)
{
  g_autofree char *field = check (text, spec, n_spec);

  g_assert_cmpstr (field, ==, expected);
}

#define PARTICIPANT participant_spec, G_N_ELEMENTS (participant_spec)
#define ENTRY entry_spec, G_N_ELEMENTS (entry_spec)

static void
test_fields_valid (void)
{
  assert_fields_ok ("{\"email\":\"a@b.c\"}", PARTICIPANT);
  assert_fields_ok ("{\"email\":\"a@b.c\",\"name\":\"An\",\"can_write\":false}", PARTICIPANT);
  assert_fields_ok ("{\"can_write\":true,\"name\":null,\"email\":\"\"}", PARTICIPANT);
  assert_fields_ok ("{\"body\":\"x\"}", ENTRY);
  assert_fields_ok ("{\"body\":\"x\",\"visibility\":\"everyone\",\"corrects\":7}", ENTRY);
  assert_fields_ok ("{\"body\":\"x\",\"corrects\":-0}", ENTRY);
  assert_fields_ok ("{}", NULL, 0);
}

static void
test_fields_unknown (void)
{
  /* A misspelt visibility must not silently publish a note. */
  assert_field_error ("{\"body\":\"x\",\"visibilty\":\"everyone\"}", ENTRY, "visibilty");
  /* Unknown members come first, in member order, before other faults. */
  assert_field_error ("{\"zeta\":1,\"alpha\":2,\"body\":5}", ENTRY, "zeta");
  assert_field_error ("{\"Body\":\"x\"}", ENTRY, "Body");
  assert_field_error ("{\"a\":1}", NULL, 0, "a");
  assert_field_error ("{\"\":1,\"email\":\"a@b.c\"}", PARTICIPANT, "");
  assert_field_error ("{\"email\":\"a@b.c\",\"n\\u00e4me\":\"x\"}", PARTICIPANT, "näme");
  assert_field_error ("{\"email \":\"a@b.c\"}", PARTICIPANT, "email ");
}

/* The unknown name is the client's, so it must outlive the parsed object
 * and be freed with the error. */
static void
test_fields_unknown_lifetime (void)
{
  g_autofree char *long_name = repeat ("x", 10000);
  g_autofree char *text = g_strdup_printf ("{\"%s\":1}", long_name);
  JsonObject *object = kring_json_parse_object (text, strlen (text), NULL);
  KringFieldError error = { 0 };

  g_assert_false (kring_json_check_fields (object, PARTICIPANT, &error));
  json_object_unref (object);
  g_assert_cmpstr (error.field, ==, long_name);
  g_assert_cmpint (error.code, ==, KRING_PROBLEM_INVALID_FIELD);

  /* Setting the error again replaces the name without a leak. */
  object = kring_json_parse_object ("{\"other\":1}", 11, NULL);
  g_assert_false (kring_json_check_fields (object, PARTICIPANT, &error));
  json_object_unref (object);
  g_assert_cmpstr (error.field, ==, "other");

  kring_field_error_clear (&error);
  g_assert_null (error.field);
  g_assert_null (error.detail);
  g_assert_cmpint (error.code, ==, KRING_PROBLEM_NONE);
}

static void
test_fields_missing_and_null (void)
{
  assert_field_error ("{}", PARTICIPANT, "email");
  assert_field_error ("{\"name\":\"x\"}", PARTICIPANT, "email");
  assert_field_error ("{\"email\":null}", PARTICIPANT, "email");
  /* null is only for nullable fields, even optional ones. */
  assert_field_error ("{\"email\":\"a@b.c\",\"can_write\":null}", PARTICIPANT, "can_write");
  assert_field_error ("{\"body\":\"x\",\"corrects\":null}", ENTRY, "corrects");
  assert_field_error ("{\"body\":\"x\",\"visibility\":null}", ENTRY, "visibility");
}

static void
test_fields_types (void)
{
  static const KringFieldSpec all_types[] = {
    { "s", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
    { "i", KRING_FIELD_INT, KRING_FIELD_OPTIONAL },
    { "b", KRING_FIELD_BOOL, KRING_FIELD_OPTIONAL },
    { "a", KRING_FIELD_ARRAY, KRING_FIELD_OPTIONAL },
    { "o", KRING_FIELD_OBJECT, KRING_FIELD_OPTIONAL },
  };
  static const char *const values[] = { "\"x\"", "1", "true", "[]", "{}", "1.5", "null" };
  static const char *const names[] = { "s", "i", "b", "a", "o" };

  assert_fields_ok (
      "{\"s\":\"\",\"i\":-9223372036854775808,\"b\":false,\"a\":[1,\"x\"],\"o\":{\"z\":1}}",
      all_types, G_N_ELEMENTS (all_types));
  /* Every other JSON type is refused for each field type. */
  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    for (guint v = 0; v < G_N_ELEMENTS (values); v++)
      {
        g_autofree char *text = g_strdup_printf ("{\"%s\":%s}", names[f], values[v]);
        g_autofree char *field = check (text, all_types, G_N_ELEMENTS (all_types));

        g_assert_cmpstr (field, ==, v == f ? NULL : names[f]);
      }

  /* A non-integer number where an integer is expected. */
  assert_field_error ("{\"body\":\"x\",\"corrects\":1.0}", ENTRY, "corrects");
  assert_field_error ("{\"body\":\"x\",\"corrects\":1e2}", ENTRY, "corrects");
  assert_field_error ("{\"body\":\"x\",\"corrects\":9223372036854775808}", ENTRY, "corrects");
  assert_field_error ("{\"body\":\"x\",\"corrects\":\"12\"}", ENTRY, "corrects");
  assert_field_error ("{\"body\":1}", ENTRY, "body");
  assert_field_error ("{\"email\":\"a@b.c\",\"can_write\":\"true\"}", PARTICIPANT, "can_write");
  assert_field_error ("{\"email\":\"a@b.c\",\"can_write\":1}", PARTICIPANT, "can_write");
  assert_field_error ("{\"email\":[\"a@b.c\"]}", PARTICIPANT, "email");
  assert_field_error ("{\"email\":{}}", PARTICIPANT, "email");
}

static void
test_fields_order (void)
{
  /* Specs in table order: the missing email is reported before can_write. */
  assert_field_error ("{\"can_write\":\"x\"}", PARTICIPANT, "email");
  assert_field_error ("{\"email\":1,\"name\":2}", PARTICIPANT, "email");
  assert_field_error ("{\"name\":2,\"email\":\"a@b.c\",\"can_write\":3}", PARTICIPANT, "name");
}

static void
test_fields_without_error (void)
{
  g_autoptr (JsonObject) object = kring_json_parse_object ("{\"x\":1}", 7, NULL);

  g_assert_false (kring_json_check_fields (object, PARTICIPANT, NULL));
  g_assert_false (kring_json_check_fields (object, NULL, 0, NULL));
}

static void
test_getters (void)
{
  static const char text[] = "{\"s\":\"text\",\"i\":-42,\"b\":true,\"n\":null,\"d\":1.0,\"a\":[]}";
  g_autoptr (JsonObject) object = kring_json_parse_object (text, strlen (text), NULL);

  g_assert_nonnull (object);
  g_assert_cmpstr (kring_json_get_string (object, "s", "fallback"), ==, "text");
  g_assert_cmpstr (kring_json_get_string (object, "missing", "fallback"), ==, "fallback");
  g_assert_cmpstr (kring_json_get_string (object, "n", "fallback"), ==, "fallback");
  g_assert_null (kring_json_get_string (object, "i", NULL));
  g_assert_cmpint (kring_json_get_int (object, "i", 7), ==, -42);
  g_assert_cmpint (kring_json_get_int (object, "missing", 7), ==, 7);
  g_assert_cmpint (kring_json_get_int (object, "n", 7), ==, 7);
  g_assert_cmpint (kring_json_get_int (object, "d", 7), ==, 7); /* a double is no integer */
  g_assert_true (kring_json_get_bool (object, "b", FALSE));
  g_assert_true (kring_json_get_bool (object, "missing", TRUE));
  g_assert_false (kring_json_get_bool (object, "n", FALSE));
  g_assert_false (kring_json_get_bool (object, "s", FALSE));
  g_assert_true (kring_json_has_null (object, "n"));
  g_assert_false (kring_json_has_null (object, "s"));
  g_assert_false (kring_json_has_null (object, "missing"));
  g_assert_false (kring_json_has_null (object, "a"));
}

/* ---------------------------------------------------------------------------
 * Writer
 * ------------------------------------------------------------------------- */

static void
test_writer_object (void)
{
  g_autoptr (GString) out = g_string_new (NULL);
  KringJsonWriter writer;

  kring_json_writer_init (&writer, out);
  kring_json_begin_object (&writer);
  kring_json_member_int (&writer, "id", 12);
  kring_json_member_string (&writer, "email", "jan@example.com");
  kring_json_member_string (&writer, "name", NULL);
  kring_json_member_bool (&writer, "can_write", TRUE);
  kring_json_member_bool (&writer, "archived", FALSE);
  kring_json_member_null (&writer, "corrects");
  kring_json_key (&writer, "corrected_by");
  kring_json_begin_array (&writer);
  kring_json_int (&writer, 13);
  kring_json_int (&writer, 14);
  kring_json_end_array (&writer);
  kring_json_key (&writer, "author");
  kring_json_begin_object (&writer);
  kring_json_member_int (&writer, "id", 1);
  kring_json_end_object (&writer);
  kring_json_key (&writer, "empty");
  kring_json_begin_array (&writer);
  kring_json_end_array (&writer);
  kring_json_key (&writer, "raw");
  kring_json_raw (&writer, "{\"pre\":[1,2]}");
  kring_json_end_object (&writer);

  g_assert_cmpuint (writer.depth, ==, 0);
  g_assert_cmpstr (out->str, ==,
                   "{\"id\":12,\"email\":\"jan@example.com\",\"name\":null,\"can_write\":true,"
                   "\"archived\":false,\"corrects\":null,\"corrected_by\":[13,14],"
                   "\"author\":{\"id\":1},\"empty\":[],\"raw\":{\"pre\":[1,2]}}");
}

static void
test_writer_list (void)
{
  g_autoptr (GString) out = g_string_new ("prefix:");
  KringJsonWriter writer;

  /* The writer appends: a response can be built behind anything. */
  kring_json_writer_init (&writer, out);
  kring_json_begin_object (&writer);
  kring_json_key (&writer, "items");
  kring_json_begin_array (&writer);
  for (int i = 0; i < 3; i++)
    {
      kring_json_begin_object (&writer);
      kring_json_member_int (&writer, "id", i);
      kring_json_key (&writer, "tags");
      kring_json_begin_array (&writer);
      kring_json_string (&writer, "a");
      kring_json_null (&writer);
      kring_json_bool (&writer, i == 1);
      kring_json_end_array (&writer);
      kring_json_end_object (&writer);
    }
  kring_json_end_array (&writer);
  kring_json_member_null (&writer, "next_cursor");
  kring_json_end_object (&writer);

  g_assert_cmpstr (out->str, ==,
                   "prefix:{\"items\":[{\"id\":0,\"tags\":[\"a\",null,false]},"
                   "{\"id\":1,\"tags\":[\"a\",null,true]},{\"id\":2,\"tags\":[\"a\",null,false]}],"
                   "\"next_cursor\":null}");
}

static void
assert_written_string (const char *value, const char *expected)
{
  g_autoptr (GString) out = g_string_new (NULL);
  KringJsonWriter writer;

  kring_json_writer_init (&writer, out);
  kring_json_string (&writer, value);
  g_assert_cmpstr (out->str, ==, expected);
  if (value != NULL)
    assert_string (out->str, value);
}

static void
test_writer_escaping (void)
{
  g_autofree char *all_controls = g_malloc (32);
  g_autoptr (GString) expected = g_string_new ("\"");

  assert_written_string ("", "\"\"");
  assert_written_string (NULL, "null");
  assert_written_string ("plain text", "\"plain text\"");
  assert_written_string ("\"quoted\" \\ back", "\"\\\"quoted\\\" \\\\ back\"");
  assert_written_string ("a/b</script>", "\"a/b</script>\"");
  assert_written_string ("line\nnext\ttab\rcr\bbs\fff", "\"line\\nnext\\ttab\\rcr\\bbs\\fff\"");
  assert_written_string ("\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"");
  assert_written_string ("héllo € 😀 \xe2\x80\xa8", "\"héllo € 😀 \xe2\x80\xa8\"");
  assert_written_string ("\\u0041", "\"\\\\u0041\"");

  for (int c = 1; c < 32; c++)
    all_controls[c - 1] = (char)c;
  all_controls[31] = '\0';
  for (int c = 1; c < 32; c++)
    {
      static const char *const short_forms[32] = {
        ['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n", ['\f'] = "\\f", ['\r'] = "\\r",
      };

      if (short_forms[c] != NULL)
        g_string_append (expected, short_forms[c]);
      else
        g_string_append_printf (expected, "\\u%04x", c);
    }
  g_string_append_c (expected, '"');
  assert_written_string (all_controls, expected->str);
}

static void
test_writer_integers (void)
{
  static const struct
  {
    gint64 value;
    const char *text;
  } cases[] = {
    { 0, "0" },
    { 7, "7" },
    { -7, "-7" },
    { 10, "10" },
    { 123456789, "123456789" },
    { G_MAXINT64, "9223372036854775807" },
    { G_MININT64, "-9223372036854775808" },
    { G_MININT64 + 1, "-9223372036854775807" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) out = g_string_new (NULL);
      g_autofree char *expected = NULL;
      KringJsonWriter writer;

      kring_json_writer_init (&writer, out);
      kring_json_begin_array (&writer);
      kring_json_int (&writer, cases[i].value);
      kring_json_int (&writer, cases[i].value);
      kring_json_end_array (&writer);
      expected = g_strdup_printf ("[%s,%s]", cases[i].text, cases[i].text);
      g_assert_cmpstr (out->str, ==, expected);
    }
}

static void
test_writer_node (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) built = NULL;
  g_autofree char *written = NULL;

  /* Echoing stored JSON: member order kept, names escaped, doubles in their
   * shortest exact form, what JSON cannot hold as null. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "by");
  json_builder_add_string_value (builder, "operator");
  json_builder_set_member_name (builder, "odd \"name\"\n");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "d");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, 0.1);
  json_builder_add_double_value (builder, 1.5);
  json_builder_add_double_value (builder, 100.0);
  json_builder_add_double_value (builder, 1e300);
  json_builder_add_double_value (builder, INFINITY);
  json_builder_add_double_value (builder, NAN);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "n");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  built = json_builder_get_root (builder);

  written = write_node (built);
  g_assert_cmpstr (written, ==,
                   "{\"by\":\"operator\",\"odd \\\"name\\\"\\n\":1,"
                   "\"d\":[0.1,1.5,100.0,1e+300,null,null],\"n\":null}");
  g_clear_pointer (&written, g_free);
  written = write_node (NULL);
  g_assert_cmpstr (written, ==, "null");
}

static void
test_writer_deep (void)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *open = repeat ("[", KRING_JSON_MAX_DEPTH);
  g_autofree char *close = repeat ("]", KRING_JSON_MAX_DEPTH);
  g_autofree char *expected = NULL;
  KringJsonWriter writer;

  /* The writer holds as deep as the parser reads, commas included. */
  kring_json_writer_init (&writer, out);
  for (int i = 0; i < KRING_JSON_MAX_DEPTH; i++)
    kring_json_begin_array (&writer);
  kring_json_int (&writer, 1);
  kring_json_int (&writer, 2);
  for (int i = 0; i < KRING_JSON_MAX_DEPTH; i++)
    {
      kring_json_end_array (&writer);
      if (writer.depth > 0)
        kring_json_int (&writer, i);
    }
  g_assert_cmpuint (writer.depth, ==, 0);
  g_assert_true (g_str_has_prefix (out->str, open));
  g_assert_true (g_str_has_prefix (out->str + KRING_JSON_MAX_DEPTH, "1,2],0],1],"));
  g_assert_true (g_str_has_suffix (out->str, "],61],62]"));
  assert_canonical (out->str, out->str);
  expected = g_strconcat (open, close, NULL);
  assert_canonical (expected, expected);
}

static void
test_roundtrip (void)
{
  static const char *const documents[] = {
    "{\"title\":\"Dossier \\\"Jansen\\\"\",\"client_name\":null,\"archived\":false,\"guests\":2}",
    "{\"type\":\"urn:kring:problem:invalid_field\",\"status\":422,\"field\":\"visibilty\"}",
    "[\"\\u0001\\u001f\",\"\\ud83d\\ude00\",\"tab\\there\",\"/\",\"\\\\\"]",
    "{\"a\":{\"b\":{\"c\":[1,-1,0,9223372036854775807,-9223372036854775808]}}}",
    "{\"\\n\":1,\"\\\"\":2}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *once = canonical (documents[i]);
      g_autofree char *twice = canonical (once);

      g_assert_cmpstr (once, ==, twice);
    }
  assert_canonical ("{\"x\" : \"\\u00e9\\/\"}", "{\"x\":\"é/\"}");
  /* Doubles stay doubles, exactly, and -0.0 keeps its sign. */
  assert_canonical ("[1.0, 1e2, 2.5e-1, -0.0, -0e21, 0.1, 1e22, 123456789.125]",
                    "[1.0,100.0,0.25,-0.0,-0.0,0.1,1e+22,123456789.125]");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json/parse/literals", test_parse_literals);
  g_test_add_func ("/json/parse/integers", test_parse_integers);
  g_test_add_func ("/json/parse/doubles", test_parse_doubles);
  g_test_add_func ("/json/parse/bad-numbers", test_parse_bad_numbers);
  g_test_add_func ("/json/parse/strings", test_parse_strings);
  g_test_add_func ("/json/parse/surrogates", test_parse_surrogates);
  g_test_add_func ("/json/parse/nul", test_parse_nul);
  g_test_add_func ("/json/parse/utf8", test_parse_utf8);
  g_test_add_func ("/json/parse/structure", test_parse_structure);
  g_test_add_func ("/json/parse/white-space", test_parse_white_space);
  g_test_add_func ("/json/parse/bad-syntax", test_parse_bad_syntax);
  g_test_add_func ("/json/parse/repeated-keys", test_parse_repeated_keys);
  g_test_add_func ("/json/parse/depth", test_parse_depth);
  g_test_add_func ("/json/parse/members-limit", test_parse_members_limit);
  g_test_add_func ("/json/parse/error-offsets", test_parse_error_offsets);
  g_test_add_func ("/json/parse/matches-json-glib", test_parse_matches_json_glib);
  g_test_add_func ("/json/parse/large", test_parse_large);
  g_test_add_func ("/json/parse/mutations", test_parse_mutations);
  g_test_add_func ("/json/parse-object", test_parse_object);
  g_test_add_func ("/json/fields/valid", test_fields_valid);
  g_test_add_func ("/json/fields/unknown", test_fields_unknown);
  g_test_add_func ("/json/fields/unknown-lifetime", test_fields_unknown_lifetime);
  g_test_add_func ("/json/fields/missing-and-null", test_fields_missing_and_null);
  g_test_add_func ("/json/fields/types", test_fields_types);
  g_test_add_func ("/json/fields/order", test_fields_order);
  g_test_add_func ("/json/fields/without-error", test_fields_without_error);
  g_test_add_func ("/json/getters", test_getters);
  g_test_add_func ("/json/writer/object", test_writer_object);
  g_test_add_func ("/json/writer/list", test_writer_list);
  g_test_add_func ("/json/writer/escaping", test_writer_escaping);
  g_test_add_func ("/json/writer/integers", test_writer_integers);
  g_test_add_func ("/json/writer/node", test_writer_node);
  g_test_add_func ("/json/writer/deep", test_writer_deep);
  g_test_add_func ("/json/roundtrip", test_roundtrip);

  return g_test_run ();
}
