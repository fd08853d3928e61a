/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-text.h"

static char *
repeat (const char *unit, guint times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------------
 * Trimming
 * ------------------------------------------------------------------------- */

static void
assert_trim (const char *in, const char *expected)
{
  gsize length = 0;
  const char *start = kring_text_trim (in, &length);

  g_assert_true (start >= in && start + length <= in + strlen (in));
  g_assert_cmpuint (length, ==, strlen (expected));
  g_assert_cmpmem (start, length, expected, strlen (expected));
}

static void
test_trim (void)
{
  assert_trim ("", "");
  assert_trim ("abc", "abc");
  assert_trim ("  abc  ", "abc");
  assert_trim ("\t\n\r\fabc\n", "abc");
  assert_trim ("a b  c", "a b  c");
  assert_trim ("   ", "");
  /* Unicode white space: NBSP, EM SPACE, IDEOGRAPHIC SPACE, LINE SEPARATOR,
   * OGHAM SPACE MARK. */
  assert_trim ("\xc2\xa0\xe2\x80\x83"
               "Dossier\xe3\x80\x80\xe2\x80\xa8",
               "Dossier");
  assert_trim ("\xe1\x9a\x80x\xe1\x9a\x80", "x");
  /* Not white space: ZERO WIDTH SPACE, BOM, NEL (a control), VT. */
  assert_trim ("\xe2\x80\x8bx", "\xe2\x80\x8bx");
  assert_trim ("x\xef\xbb\xbf", "x\xef\xbb\xbf");
  assert_trim ("\xc2\x85x", "\xc2\x85x");
  assert_trim ("\vx", "\vx");
  /* Multi-byte characters at the ends are kept whole. */
  assert_trim (" é ", "é");
  assert_trim ("😀", "😀");
}

/* ---------------------------------------------------------------------------
 * One-line fields
 * ------------------------------------------------------------------------- */

static void
assert_line (const char *in, const char *expected)
{
  KringFieldError error = { 0 };
  g_autofree char *out = kring_text_normalise_line (in, KRING_TEXT_LINE_MAX, &error, "title");

  if (out == NULL)
    g_error ("“%s” was refused: %s", in, error.detail);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpint (error.code, ==, KRING_PROBLEM_NONE);
  g_assert_null (error.detail);
}

static void
assert_line_refused (const char *in, gsize max)
{
  KringFieldError error = { 0 };
  g_autofree char *out = kring_text_normalise_line (in, max, &error, "client_name");

  if (out != NULL)
    g_error ("“%s” was accepted as “%s”", in, out);
  g_assert_cmpint (error.code, ==, KRING_PROBLEM_INVALID_FIELD);
  g_assert_cmpstr (error.field, ==, "client_name");
  g_assert_nonnull (error.detail);
  kring_field_error_clear (&error);
}

static void
test_line_trimmed (void)
{
  assert_line ("Dossier Jansen", "Dossier Jansen");
  assert_line ("  Dossier Jansen \n", "Dossier Jansen");
  assert_line ("\t\r\nTitle\r\n", "Title");
  assert_line ("\xc2\xa0"
               "Caf\xc3\xa9 de Kroon\xe3\x80\x80",
               "Café de Kroon");
  assert_line ("Two  spaces\xc2\xa0inside", "Two  spaces\xc2\xa0inside");
  assert_line ("x", "x");
  assert_line ("😀", "😀");
  assert_line ("Ελληνικά · 日本語 · עברית", "Ελληνικά · 日本語 · עברית");
  /* Not trimmed and not a control character in API.md's sense. */
  assert_line ("\xe2\x80\x8bx", "\xe2\x80\x8bx");
}

static void
test_line_length (void)
{
  g_autofree char *ascii_200 = repeat ("a", 200);
  g_autofree char *ascii_201 = repeat ("a", 201);
  g_autofree char *accents_200 = repeat ("é", 200); /* 400 bytes */
  g_autofree char *accents_201 = repeat ("é", 201);
  g_autofree char *emoji_200 = repeat ("😀", 200); /* 800 bytes */
  g_autofree char *padded = g_strconcat ("   ", ascii_200, "\xe3\x80\x80\n", NULL);
  g_autofree char *decomposed = repeat ("e\xcc\x81", 100); /* 200 code points */
  g_autofree char *decomposed_over = repeat ("e\xcc\x81", 101);

  /* Lengths count code points, after trimming. */
  assert_line (ascii_200, ascii_200);
  assert_line (accents_200, accents_200);
  assert_line (emoji_200, emoji_200);
  assert_line (padded, ascii_200);
  assert_line (decomposed, decomposed);
  assert_line_refused (ascii_201, KRING_TEXT_LINE_MAX);
  assert_line_refused (accents_201, KRING_TEXT_LINE_MAX);
  assert_line_refused (decomposed_over, KRING_TEXT_LINE_MAX);
  assert_line_refused ("", KRING_TEXT_LINE_MAX);
  assert_line_refused ("   ", KRING_TEXT_LINE_MAX);
  assert_line_refused ("\n\t\r", KRING_TEXT_LINE_MAX);
  assert_line_refused ("\xc2\xa0\xe3\x80\x80", KRING_TEXT_LINE_MAX);
  assert_line_refused ("abcdef", 5);
  assert_line_refused ("ééééé\xcc\x81", 5);
}

static void
test_line_control_characters (void)
{
  static const char *const bad[] = {
    "a\tb",  "a\nb", "a\rb",         "line\r\nline", "\x01", "x\x1f",
    "x\x7f", "\x7f", "x\x1b[31mred", "\vx",          "x\v",  "bell\x07",
  };
  g_autofree char *all = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_line_refused (bad[i], KRING_TEXT_LINE_MAX);

  /* Every C0 control and DEL inside a line is refused. */
  for (int c = 1; c < 0x80; c++)
    {
      char text[4] = { 'a', (char)c, 'b', '\0' };
      gboolean control = c < 0x20 || c == 0x7f;
      KringFieldError error = { 0 };
      g_autofree char *out = kring_text_normalise_line (text, 200, &error, "name");

      g_assert_cmpint (out == NULL, ==, control);
      kring_field_error_clear (&error);
    }
  /* C1 controls are not in API.md's list; they pass. */
  all = kring_text_normalise_line ("a\xc2\x80\xc2\x9f", 200, NULL, "name");
  g_assert_cmpstr (all, ==, "a\xc2\x80\xc2\x9f");
}

static void
test_line_invalid (void)
{
  static const char *const bad[] = {
    "\xff", "ab\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "caf\xe9", "\x80x",
  };

  assert_line_refused (NULL, KRING_TEXT_LINE_MAX);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_line_refused (bad[i], KRING_TEXT_LINE_MAX);
  /* Without an error to fill. */
  g_assert_null (kring_text_normalise_line ("", 200, NULL, "title"));
}

/* ---------------------------------------------------------------------------
 * Entry bodies
 * ------------------------------------------------------------------------- */

static void
assert_body (const char *body, gboolean expected)
{
  KringFieldError error = { 0 };
  gboolean ok = kring_text_check_body (body, &error);

  if (ok != expected)
    g_error ("body “%s”: expected %s", body ? body : "(null)", expected ? "valid" : "invalid");
  if (!ok)
    {
      g_assert_cmpint (error.code, ==, KRING_PROBLEM_INVALID_FIELD);
      g_assert_cmpstr (error.field, ==, "body");
      g_assert_nonnull (error.detail);
    }
  else
    g_assert_cmpint (error.code, ==, KRING_PROBLEM_NONE);
  kring_field_error_clear (&error);
}

static void
test_body (void)
{
  assert_body ("Hallo", TRUE);
  assert_body ("  indented, not trimmed  ", TRUE);
  assert_body ("Line one\nLine two\n\n\tindented", TRUE);
  assert_body ("\n\n  x", TRUE);
  assert_body ("😀", TRUE);
  assert_body ("\xe2\x80\x8b", TRUE); /* ZERO WIDTH SPACE is not white space */
  assert_body ("a\xc2\x85", TRUE);    /* nor is NEL, and it is no C0 control */

  assert_body (NULL, FALSE);
  assert_body ("", FALSE);
  assert_body (" ", FALSE);
  assert_body ("\n\t\n", FALSE);
  assert_body ("\xc2\xa0\xe3\x80\x80\xe2\x80\xa8", FALSE);
  assert_body ("Windows\r\nline ends", FALSE);
  assert_body ("a\x01", FALSE);
  assert_body ("\x7f", FALSE);
  assert_body ("x\x1b[0m", FALSE);
  assert_body ("form\ffeed", FALSE);
  assert_body ("x\v", FALSE);
  assert_body ("caf\xe9", FALSE);
  assert_body ("\xed\xa0\x80", FALSE);
  assert_body ("ok\xc3", FALSE);
}

static void
test_body_length (void)
{
  g_autofree char *max_ascii = repeat ("a", KRING_TEXT_BODY_MAX_BYTES);
  g_autofree char *over_ascii = repeat ("a", KRING_TEXT_BODY_MAX_BYTES + 1);
  g_autofree char *max_accents = repeat ("é", KRING_TEXT_BODY_MAX_BYTES / 2);
  g_autofree char *over_accents = g_strconcat (max_accents, "a", NULL);
  g_autofree char *spaces = repeat (" ", KRING_TEXT_BODY_MAX_BYTES - 1);
  g_autofree char *last_char = g_strconcat (spaces, "x", NULL);

  /* The limit is in bytes, not code points. */
  assert_body (max_ascii, TRUE);
  assert_body (over_ascii, FALSE);
  assert_body (max_accents, TRUE);
  assert_body (over_accents, FALSE);
  assert_body (spaces, FALSE);
  assert_body (last_char, TRUE);
}

/* ---------------------------------------------------------------------------
 * Passwords
 * ------------------------------------------------------------------------- */

static void
assert_password (const char *password, gboolean expected)
{
  KringFieldError error = { 0 };
  gboolean ok = kring_text_check_password (password, &error, "current_password");

  g_assert_cmpint (ok, ==, expected);
  if (!ok)
    {
      g_assert_cmpint (error.code, ==, KRING_PROBLEM_INVALID_FIELD);
      g_assert_cmpstr (error.field, ==, "current_password");
    }
  kring_field_error_clear (&error);
}

static void
test_password (void)
{
  g_autofree char *max = repeat ("p", KRING_TEXT_PASSWORD_MAX);
  g_autofree char *over = repeat ("p", KRING_TEXT_PASSWORD_MAX + 1);
  g_autofree char *max_emoji = repeat ("🔑", KRING_TEXT_PASSWORD_MAX);

  assert_password ("correct horse", TRUE);
  assert_password ("0123456789", TRUE);
  assert_password ("012345678", FALSE);
  /* Code points, not bytes: nine "é" are 18 bytes but too short. */
  assert_password ("ééééééééé", FALSE);
  assert_password ("éééééééééé", TRUE);
  /* Taken as typed: white space counts and is not trimmed. */
  assert_password ("          ", TRUE);
  assert_password ("  short  ", FALSE);
  assert_password (max, TRUE);
  assert_password (over, FALSE);
  assert_password (max_emoji, TRUE);
  assert_password (NULL, FALSE);
  assert_password ("", FALSE);
  assert_password ("0123456789\xff", FALSE);
  assert_password ("\xed\xa0\x80\xed\xa0\x80\xed\xa0\x80\xed\xa0\x80", FALSE);
}

/* ---------------------------------------------------------------------------
 * Case-folded keys
 * ------------------------------------------------------------------------- */

static void
assert_same_key (const char *a, const char *b)
{
  g_autofree char *key_a = kring_text_casefold_key (a);
  g_autofree char *key_b = kring_text_casefold_key (b);

  if (g_strcmp0 (key_a, key_b) != 0)
    g_error ("“%s” → “%s” but “%s” → “%s”", a, key_a, b, key_b);
}

static void
assert_different_key (const char *a, const char *b)
{
  g_autofree char *key_a = kring_text_casefold_key (a);
  g_autofree char *key_b = kring_text_casefold_key (b);

  g_assert_cmpstr (key_a, !=, key_b);
}

static gboolean
matches (const char *text, const char *query)
{
  g_autofree char *text_key = kring_text_casefold_key (text);
  g_autofree char *query_key = kring_text_casefold_key (query);

  return strstr (text_key, query_key) != NULL;
}

static void
test_casefold_equal (void)
{
  assert_same_key ("Dossier", "DOSSIER");
  assert_same_key ("dossier", "dOsSiEr");
  assert_same_key ("Straße", "STRASSE");
  assert_same_key ("Straße", "strasse");
  assert_same_key ("ÉCOLE", "école");
  assert_same_key ("\xc3\xa9", "e\xcc\x81"); /* NFC and NFD spellings */
  assert_same_key ("\xc3\x89", "E\xcc\x81");
  assert_same_key ("ﬁle", "FILE");        /* ligature */
  assert_same_key ("Ｂöse", "BÖSE");      /* full-width */
  assert_same_key ("ΣΊΣΥΦΟΣ", "σίσυφος"); /* final sigma */
  assert_same_key ("ĲSSEL", "ijssel");    /* Dutch IJ ligature */
  assert_same_key ("Å", "\xe2\x84\xab");  /* ANGSTROM SIGN */
  assert_same_key ("", "");

  /* Accents are kept: this is case folding, not accent folding. */
  assert_different_key ("é", "e");
  assert_different_key ("Muller", "Müller");
  assert_different_key ("a", "b");
}

static void
test_casefold_sort (void)
{
  static const char *const titles[] = { "zebra", "Appel", "banaan", "Aap", "BOOM", "aardbei" };
  static const char *const sorted[] = { "Aap", "aardbei", "Appel", "banaan", "BOOM", "zebra" };
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  const char *order[G_N_ELEMENTS (titles)];

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_ptr_array_add (keys, kring_text_casefold_key (titles[i]));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      guint rank = 0;

      for (guint j = 0; j < G_N_ELEMENTS (titles); j++)
        rank += strcmp (keys->pdata[j], keys->pdata[i]) < 0;
      order[rank] = titles[i];
    }
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_assert_cmpstr (order[i], ==, sorted[i]);
}

static void
test_casefold_search (void)
{
  g_assert_true (matches ("Familie de Vries — Zorgdossier", "zorgdossier"));
  g_assert_true (matches ("Familie de Vries", "DE VR"));
  g_assert_true (matches ("Straßenbau", "STRASSE"));
  g_assert_true (matches ("Caf\xc3\xa9", "cafe\xcc\x81"));
  g_assert_true (matches ("Anything", ""));
  /* "%" and "_" are ordinary characters. */
  g_assert_true (matches ("100% zeker_weten", "0% ZEKER_"));
  g_assert_false (matches ("100 zeker", "%"));
  g_assert_false (matches ("a_b", "a%b"));
  g_assert_false (matches ("Café", "cafe"));
}

static void
test_casefold_odd_input (void)
{
  g_autofree char *repaired = kring_text_casefold_key ("AB\xff\xc3");
  g_autofree char *empty = kring_text_casefold_key ("");

  g_assert_null (kring_text_casefold_key (NULL));
  g_assert_nonnull (repaired);
  g_assert_true (g_utf8_validate (repaired, -1, NULL));
  g_assert_true (g_str_has_prefix (repaired, "ab"));
  g_assert_cmpstr (empty, ==, "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/text/trim", test_trim);
  g_test_add_func ("/text/line/trimmed", test_line_trimmed);
  g_test_add_func ("/text/line/length", test_line_length);
  g_test_add_func ("/text/line/control-characters", test_line_control_characters);
  g_test_add_func ("/text/line/invalid", test_line_invalid);
  g_test_add_func ("/text/body/rules", test_body);
  g_test_add_func ("/text/body/length", test_body_length);
  g_test_add_func ("/text/password", test_password);
  g_test_add_func ("/text/casefold/equal", test_casefold_equal);
  g_test_add_func ("/text/casefold/sort", test_casefold_sort);
  g_test_add_func ("/text/casefold/search", test_casefold_search);
  g_test_add_func ("/text/casefold/odd-input", test_casefold_odd_input);

  return g_test_run ();
}
