/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-email.h"

static char *
repeat (const char *unit, guint times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

/* What every normal form must satisfy. */
static void
assert_normal_form (const char *address)
{
  KringFieldError error = { 0 };
  g_autofree char *again = kring_email_normalise (address, &error, "email");
  const char *at = strchr (address, '@');

  g_assert_nonnull (at);
  g_assert_null (strchr (at + 1, '@'));
  g_assert_cmpuint (strlen (address), <=, KRING_EMAIL_MAX_LENGTH);
  g_assert_cmpuint (at - address, <=, KRING_EMAIL_LOCAL_MAX);
  for (const char *p = address; *p != '\0'; p++)
    {
      g_assert_cmpint ((guchar)*p, <, 0x80);
      g_assert_false (g_ascii_isupper (*p));
    }
  /* Idempotent: the stored form normalises to itself. */
  g_assert_cmpstr (again, ==, address);
}

static void
assert_email (const char *input, const char *expected)
{
  KringFieldError error = { 0 };
  g_autofree char *out = kring_email_normalise (input, &error, "email");

  if (out == NULL)
    g_error ("“%s” was refused: %s", input, error.detail);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpint (error.code, ==, KRING_PROBLEM_NONE);
  assert_normal_form (out);
}

static void
assert_refused (const char *input)
{
  KringFieldError error = { 0 };
  g_autofree char *out = kring_email_normalise (input, &error, "participants[].email");

  if (out != NULL)
    g_error ("“%s” was accepted as “%s”", input, out);
  g_assert_cmpint (error.code, ==, KRING_PROBLEM_INVALID_EMAIL);
  g_assert_cmpstr (error.field, ==, "participants[].email");
  g_assert_nonnull (error.detail);
  g_assert_true (g_utf8_validate (error.detail, -1, NULL));
  kring_field_error_clear (&error);
}

static void
test_plain (void)
{
  assert_email ("jan@example.com", "jan@example.com");
  assert_email ("a@b.co", "a@b.co");
  assert_email ("first.last+tag@sub.example.org", "first.last+tag@sub.example.org");
  assert_email ("!#$%&'*+-/=?^_`{|}~@example.com", "!#$%&'*+-/=?^_`{|}~@example.com");
  assert_email ("jan@ex-ample.com", "jan@ex-ample.com");
  assert_email ("jan@a--b.example", "jan@a--b.example");
  assert_email ("1@2.example", "1@2.example");
  assert_email ("jan@1.2.3.com", "jan@1.2.3.com");
  assert_email ("jan@example.c0m", "jan@example.c0m");
}

static void
test_trim_and_case (void)
{
  assert_email ("  Jan@Example.COM  ", "jan@example.com");
  assert_email ("\tjan@example.com\r\n", "jan@example.com");
  assert_email ("\xc2\xa0jan@example.com\xe3\x80\x80", "jan@example.com");
  assert_email ("JAN.DE.VRIES@EXAMPLE.NL", "jan.de.vries@example.nl");
  /* "I" is lowered the ASCII way whatever the locale (no dotless ı). */
  assert_email ("INFO@EXAMPLE.INFO", "info@example.info");
}

static void
test_idn (void)
{
  assert_email ("Jan@Bücher.Example", "jan@xn--bcher-kva.example");
  assert_email ("JAN@BÜCHER.EXAMPLE", "jan@xn--bcher-kva.example");
  assert_email ("jan@xn--bcher-kva.example", "jan@xn--bcher-kva.example");
  assert_email ("JAN@XN--BCHER-KVA.EXAMPLE", "jan@xn--bcher-kva.example");
  assert_email ("user@münchen.de", "user@xn--mnchen-3ya.de");
  assert_email ("user@παράδειγμα.δοκιμή", "user@xn--hxajbheg2az3al.xn--jxalpdlp");
  assert_email ("user@bu\xcc\x88"
                "cher.example",
                "user@xn--bcher-kva.example"); /* NFD */
  /* IDNA's other full stops separate labels too. */
  assert_email ("user@bücher\xe3\x80\x82"
                "example",
                "user@xn--bcher-kva.example");
  assert_email ("user@bücher\xef\xbc\x8e"
                "example",
                "user@xn--bcher-kva.example");
  /* Full-width letters fold to ASCII (NFKC). */
  assert_email ("user@ＥＸＡＭＰＬＥ．ｃｏｍ", "user@example.com");
  /* Characters nameprep maps to nothing disappear. */
  assert_email ("user@exam\xc2\xad"
                "ple.com",
                "user@example.com");
  assert_email ("user@exam\xe2\x80\x8bple.com", "user@example.com");
}

static void
test_local_part (void)
{
  g_autofree char *local_64 = repeat ("a", 64);
  g_autofree char *local_65 = repeat ("a", 65);
  g_autofree char *ok = g_strconcat (local_64, "@example.com", NULL);
  g_autofree char *too_long = g_strconcat (local_65, "@example.com", NULL);

  assert_email (ok, ok);
  assert_refused (too_long);
  assert_refused ("@example.com");
  assert_refused (".jan@example.com");
  assert_refused ("jan.@example.com");
  assert_refused ("ja..n@example.com");
  assert_refused ("\"jan\"@example.com");
  assert_refused ("\"jan doe\"@example.com");
  assert_refused ("jan doe@example.com");
  assert_refused ("jan\t@example.com");
  assert_refused ("jörg@example.com");
  assert_refused ("jan(comment)@example.com");
  assert_refused ("jan,piet@example.com");
  assert_refused ("jan;@example.com");
  assert_refused ("<jan@example.com>");
  assert_refused ("Jan <jan@example.com>");
  assert_refused ("jan\\@example.com");
  assert_refused ("ja\x01n@example.com");
  assert_refused ("jan\x7f@example.com");
  /* Split at the last "@": the local part would hold an "@". */
  assert_refused ("a@b@example.com");
  assert_refused ("jan@@example.com");
}

static void
test_domain (void)
{
  static const char *const bad[] = {
    "jan@",
    "jan",
    "",
    "   ",
    "jan@example",
    "jan@localhost",
    "jan@.example.com",
    "jan@example..com",
    "jan@münchen..de",
    "jan@-example.com",
    "jan@example-.com",
    "jan@example.-com",
    "jan@exa_mple.com",
    "jan@exa mple.com",
    "jan@example.com:25",
    "jan@example.com/x",
    "jan@example.com?",
    "jan@*.com",
    "jan@[192.168.0.1]",
    "jan@[IPv6:::1]",
    "jan@192.168.0.1",
    "jan@example.123",
    "jan@1.2",
    "jan@xn--bücher.com",          /* an ACE prefix on a Unicode label */
    "jan@exa\xe2\x80\xa8mple.com", /* LINE SEPARATOR is prohibited */
    "jan@exa\xee\x80\x80mple.com", /* private use */
    "jan@例え\xef\xbf\xbd.jp",     /* REPLACEMENT CHARACTER */
    "jan@.",
    "jan@..",
    "jan@-",
    "jan@a.-",
    "jan@\xc2\xad",
    "jan@\xc2\xad.\xc2\xad",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_refused (bad[i]);
}

/* A trailing dot is refused whether the name is ASCII or not, although
 * g_hostname_to_ascii() only keeps it on an ASCII name. */
static void
test_trailing_dot (void)
{
  assert_refused ("jan@example.com.");
  assert_refused ("jan@bücher.example.");
  assert_refused ("jan@bücher.example\xe3\x80\x82");
  assert_refused ("jan@bücher.example\xef\xbc\x8e");
  assert_refused ("jan@bücher.example\xef\xbd\xa1");
  assert_refused ("jan@example.com..");
  assert_refused (" jan@example.com.\n");
}

static void
test_lengths (void)
{
  g_autofree char *label_61 = repeat ("d", 61);
  g_autofree char *label_63 = repeat ("l", 63);
  g_autofree char *label_64 = repeat ("l", 64);
  g_autofree char *umlauts = repeat ("ü", 60);
  g_autofree char *ok_label = g_strconcat ("a@", label_63, ".example", NULL);
  g_autofree char *long_label = g_strconcat ("a@", label_64, ".example", NULL);
  g_autofree char *idn_long = g_strconcat ("a@", umlauts, ".example", NULL);
  g_autofree char *local = repeat ("x", 64);
  /* 64 + 1 + 189 = 254 octets: three labels of 61, one of 3, and dots. */
  g_autofree char *max
      = g_strconcat (local, "@", label_61, ".", label_61, ".", label_61, ".com", NULL);
  g_autofree char *over
      = g_strconcat (local, "@x", label_61, ".", label_61, ".", label_61, ".com", NULL);

  assert_email (ok_label, ok_label);
  assert_refused (long_label);
  /* 60 "ü" are 60 code points but more than 63 octets of punycode. */
  assert_refused (idn_long);
  g_assert_cmpuint (strlen (max), ==, 254);
  assert_email (max, max);
  g_assert_cmpuint (strlen (over), ==, 255);
  assert_refused (over);
}

static void
test_long_input (void)
{
  /* Padding IDNA deletes is not a way around the input bound. */
  g_autofree char *padding = repeat ("\xc2\xad", 600);
  g_autofree char *padded = g_strconcat ("jan@exam", padding, "ple.com", NULL);
  g_autofree char *spaces = repeat (" ", 5000);
  g_autofree char *spaced = g_strconcat (spaces, "jan@example.com", spaces, NULL);
  g_autofree char *huge = repeat ("ü", 100000);
  g_autofree char *huge_domain = g_strconcat ("jan@", huge, ".example", NULL);

  assert_refused (padded);
  /* White space around the address is trimmed before the bound applies. */
  assert_email (spaced, "jan@example.com");
  assert_refused (huge_domain);
}

static void
test_invalid_utf8 (void)
{
  static const char *const bad[] = {
    "jan@\xc3.com",
    "\xff@example.com",
    "jan@exa\xffmple.com",
    ("jan@\xc0\xae"
     "example.com"),
    "jan@\xed\xa0\x80.com",
    "jan@example.com\xc3",
    "\x80",
    "jan\xe9@example.com",
  };

  assert_refused (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_refused (bad[i]);
  /* Without an error to fill. */
  g_assert_null (kring_email_normalise ("nope", NULL, "email"));
}

/* Random strings over an alphabet of troublemakers: never a crash, and
 * every accepted address is a normal form. */
static void
test_random (void)
{
  static const char *const pieces[] = {
    "a",
    "Z",
    "0",
    "-",
    ".",
    "@",
    "_",
    "+",
    " ",
    "\t",
    "ü",
    "Ü",
    "ß",
    "\xc2\xad",
    "\xe3\x80\x82",
    "xn--",
    "\xef\xbc\x8e",
    "é",
    "e\xcc\x81",
    "\xff",
    "\xc3",
    "[",
    "]",
    "\"",
    "com",
    "example",
    "İ",
    "ı",
    "\xe2\x80\x8b",
    "\xc2\xa0",
    "K",
    "\xef\xbd\x81",
  };
  guint accepted = 0;

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr (GString) input = g_string_new (NULL);
      g_autofree char *out = NULL;

      for (guint n = g_test_rand_int_range (1, 12); n > 0; n--)
        g_string_append (input, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      if (g_test_rand_bit ())
        g_string_append (input, "@example.com");
      out = kring_email_normalise (input->str, NULL, "email");
      if (out != NULL)
        {
          assert_normal_form (out);
          accepted++;
        }
    }
  g_test_message ("%u of 20000 random inputs were addresses", accepted);
  g_assert_cmpuint (accepted, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/email/plain", test_plain);
  g_test_add_func ("/email/trim-and-case", test_trim_and_case);
  g_test_add_func ("/email/idn", test_idn);
  g_test_add_func ("/email/local-part", test_local_part);
  g_test_add_func ("/email/domain", test_domain);
  g_test_add_func ("/email/trailing-dot", test_trailing_dot);
  g_test_add_func ("/email/lengths", test_lengths);
  g_test_add_func ("/email/long-input", test_long_input);
  g_test_add_func ("/email/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/email/random", test_random);

  return g_test_run ();
}
