/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-email.h"
#include "kring-recipients.h"
#include "kring-text.h"

/* Expected recipients are written "name|email" for a valid one and
 * "name|!raw" for an invalid one, with an empty name for none. */
static char *
describe (const KringRecipient *recipient)
{
  return g_strdup_printf ("%s|%s%s", recipient->name != NULL ? recipient->name : "",
                          recipient->valid ? "" : "!",
                          recipient->valid ? recipient->email : recipient->raw);
}

/* What every result must satisfy, whatever the input. */
static void
check_invariants (GPtrArray *recipients)
{
  g_autoptr (GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) raws = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (recipients);
  for (guint i = 0; i < recipients->len; i++)
    {
      const KringRecipient *r = recipients->pdata[i];
      g_autofree char *again = kring_email_normalise (r->raw, NULL, "email");

      g_assert_nonnull (r->raw);
      g_assert_true (g_utf8_validate (r->raw, -1, NULL));
      if (r->name != NULL)
        {
          g_autofree char *line
              = kring_text_normalise_line (r->name, KRING_TEXT_LINE_MAX, NULL, "name");
          g_autofree char *as_email = kring_email_normalise (r->name, NULL, "name");

          g_assert_cmpstr (line, ==, r->name);
          g_assert_null (as_email);
        }
      if (r->valid)
        {
          g_assert_cmpstr (again, ==, r->email);
          g_assert_true (g_hash_table_add (emails, r->email));
        }
      else
        {
          g_assert_null (r->email);
          g_assert_null (again);
          g_assert_true (g_hash_table_add (raws, r->raw));
        }
    }
}

static void
assert_recipients (GPtrArray *got, const char *input, va_list args)
{
  g_autoptr (GString) want = g_string_new (NULL);
  g_autoptr (GString) have = g_string_new (NULL);
  const char *expected;

  while ((expected = va_arg (args, const char *)) != NULL)
    g_string_append_printf (want, "%s\n", expected);
  for (guint i = 0; i < got->len; i++)
    {
      g_autofree char *line = describe (got->pdata[i]);

      g_string_append_printf (have, "%s\n", line);
    }
  if (strcmp (want->str, have->str) != 0)
    {
      g_autofree char *printable = g_strescape (input, NULL);

      g_test_message ("input: %s", printable);
    }
  g_assert_cmpstr (have->str, ==, want->str);
  check_invariants (got);
}

static void G_GNUC_NULL_TERMINATED
assert_text (const char *text, ...)
{
  g_autoptr (GPtrArray) got = kring_recipients_from_text (text);
  va_list args;

  va_start (args, text);
  assert_recipients (got, text, args);
  va_end (args);
}

static void G_GNUC_NULL_TERMINATED
assert_vcard (const char *data, ...)
{
  g_autoptr (GPtrArray) got = kring_recipients_from_vcard (data, strlen (data));
  va_list args;

  va_start (args, data);
  assert_recipients (got, data, args);
  va_end (args);
}

static char *
repeat (const char *unit, gsize bytes)
{
  GString *out = g_string_sized_new (bytes + strlen (unit));

  while (out->len < bytes)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

/* ---- Text ---------------------------------------------------------------- */

static void
test_text_separators (void)
{
  assert_text ("jan@voorbeeld.nl", "|jan@voorbeeld.nl", NULL);
  assert_text ("jan@voorbeeld.nl, piet@voorbeeld.nl; kees@voorbeeld.nl\nanna@voorbeeld.nl "
               "truus@voorbeeld.nl",
               "|jan@voorbeeld.nl", "|piet@voorbeeld.nl", "|kees@voorbeeld.nl",
               "|anna@voorbeeld.nl", "|truus@voorbeeld.nl", NULL);
  assert_text ("jan@voorbeeld.nl,piet@voorbeeld.nl;kees@voorbeeld.nl", "|jan@voorbeeld.nl",
               "|piet@voorbeeld.nl", "|kees@voorbeeld.nl", NULL);
  /* Windows, Unix and classic Mac line ends, blank lines. */
  assert_text (
      "jan@voorbeeld.nl\r\npiet@voorbeeld.nl\r\n\r\nkees@voorbeeld.nl\ranna@voorbeeld.nl\r",
      "|jan@voorbeeld.nl", "|piet@voorbeeld.nl", "|kees@voorbeeld.nl", "|anna@voorbeeld.nl", NULL);
  assert_text (",,;; jan@voorbeeld.nl ;;,,\n\n", "|jan@voorbeeld.nl", NULL);
  /* No-break spaces, zero-width spaces and a BOM from web pages. */
  assert_text ("\xEF\xBB\xBFjan@voorbeeld.nl\xC2\xA0piet@voorbeeld.nl\xE2\x80\x8B"
               "kees@voorbeeld.nl\xE2\x80\x83",
               "|jan@voorbeeld.nl", "|piet@voorbeeld.nl", "|kees@voorbeeld.nl", NULL);
  assert_text ("", NULL);
  assert_text ("   \n\t\r\n  ", NULL);
  assert_text ("Geen adressen hier, alleen woorden; en nog wat.", NULL);
}

static void
test_text_null (void)
{
  g_autoptr (GPtrArray) got = kring_recipients_from_text (NULL);

  g_assert_nonnull (got);
  g_assert_cmpuint (got->len, ==, 0);
}

static void
test_text_name_address (void)
{
  assert_text ("Jan de Vries <jan@voorbeeld.nl>", "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("Jan de Vries<jan@voorbeeld.nl>", "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("\"de Vries, Jan\" <jan@voorbeeld.nl>", "de Vries, Jan|jan@voorbeeld.nl", NULL);
  assert_text ("\"Jan \\\"JJ\\\" de Vries\" <jan@voorbeeld.nl>",
               "Jan \"JJ\" de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("Jan de Vries <jan@voorbeeld.nl>, \"Bakker, Piet\" <piet@voorbeeld.nl>, "
               "kees@voorbeeld.nl",
               "Jan de Vries|jan@voorbeeld.nl", "Bakker, Piet|piet@voorbeeld.nl",
               "|kees@voorbeeld.nl", NULL);
  assert_text ("<jan@voorbeeld.nl>", "|jan@voorbeeld.nl", NULL);
  assert_text ("<jan@voorbeeld.nl>, <piet@voorbeeld.nl>", "|jan@voorbeeld.nl", "|piet@voorbeeld.nl",
               NULL);
  assert_text ("José Müller-Łukasiewicz <jose@voorbeeld.nl>",
               "José Müller-Łukasiewicz|jose@voorbeeld.nl", NULL);
  assert_text ("Dr. J.W. de Vries-Bakker <j.devries@voorbeeld.nl>",
               "Dr. J.W. de Vries-Bakker|j.devries@voorbeeld.nl", NULL);
  assert_text ("Jan <jan@voorbeeld.nl> Piet <piet@voorbeeld.nl>", "Jan|jan@voorbeeld.nl",
               "Piet|piet@voorbeeld.nl", NULL);
  assert_text ("  Jan   de  Vries   <  jan@voorbeeld.nl  >  ", "Jan de Vries|jan@voorbeeld.nl",
               NULL);
  assert_text ("Jan\xC2\xA0"
               "de\xC2\xA0Vries <jan@voorbeeld.nl>",
               "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("'Jan de Vries' <jan@voorbeeld.nl>", "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("\xE2\x80\x9CJan de Vries\xE2\x80\x9D <jan@voorbeeld.nl>",
               "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("Jan 't Hart <jan@voorbeeld.nl>", "Jan 't Hart|jan@voorbeeld.nl", NULL);
}

static void
test_text_comments (void)
{
  /* RFC 822's "address (Name)". */
  assert_text ("jan@voorbeeld.nl (Jan de Vries)", "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("jan@voorbeeld.nl (Jan de Vries), piet@voorbeeld.nl (Piet)",
               "Jan de Vries|jan@voorbeeld.nl", "Piet|piet@voorbeeld.nl", NULL);
  assert_text ("<jan@voorbeeld.nl> (Jan de Vries)", "Jan de Vries|jan@voorbeeld.nl", NULL);
  /* A comment after a named address adds nothing. */
  assert_text ("Jan de Vries <jan@voorbeeld.nl> (Verkoop)", "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("Jan de Vries (Verkoop) <jan@voorbeeld.nl>",
               "Jan de Vries (Verkoop)|jan@voorbeeld.nl", NULL);
  /* A quoted name before a bare address. */
  assert_text ("\"Jan de Vries\" jan@voorbeeld.nl", "Jan de Vries|jan@voorbeeld.nl", NULL);
}

static void
test_text_address_as_name (void)
{
  /* Mail clients show an unnamed address as its own name. */
  assert_text ("jan@voorbeeld.nl <jan@voorbeeld.nl>", "|jan@voorbeeld.nl", NULL);
  assert_text ("\"jan@voorbeeld.nl\" <jan@voorbeeld.nl>", "|jan@voorbeeld.nl", NULL);
  assert_text ("'jan@voorbeeld.nl' <jan@voorbeeld.nl>", "|jan@voorbeeld.nl", NULL);
  assert_text ("\"JAN@VOORBEELD.NL\" <jan@voorbeeld.nl>", "|jan@voorbeeld.nl", NULL);
  /* A different address as the display name is still only a name. */
  assert_text ("info@voorbeeld.nl <jan@voorbeeld.nl>", "|jan@voorbeeld.nl", NULL);
  /* A quoted address alone is an address. */
  assert_text ("\"jan@voorbeeld.nl\", \"piet@voorbeeld.nl\"", "|jan@voorbeeld.nl",
               "|piet@voorbeeld.nl", NULL);
  /* Bare addresses before a named one are recipients of their own. */
  assert_text ("jan@voorbeeld.nl piet@voorbeeld.nl Kees <kees@voorbeeld.nl>", "|jan@voorbeeld.nl",
               "|piet@voorbeeld.nl", "Kees|kees@voorbeeld.nl", NULL);
}

static void
test_text_prose (void)
{
  /* Words that are not right before a bracketed address are no name. */
  assert_text ("Wil je jan@voorbeeld.nl en piet@voorbeeld.nl uitnodigen?", "|jan@voorbeeld.nl",
               "|piet@voorbeeld.nl", NULL);
  assert_text ("Mail Jan (jan@voorbeeld.nl) of Piet: piet@voorbeeld.nl.",
               "Mail Jan|jan@voorbeeld.nl", "|piet@voorbeeld.nl", NULL);
  assert_text ("Aan: Jan de Vries <jan@voorbeeld.nl>", "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("E-mail:jan@voorbeeld.nl", "|jan@voorbeeld.nl", NULL);
  assert_text ("> > jan@voorbeeld.nl schreef:", "|jan@voorbeeld.nl", NULL);
  assert_text ("<b>jan@voorbeeld.nl</b>", "|jan@voorbeeld.nl", NULL);
}

static void
test_text_outlook (void)
{
  assert_text ("Jan de Vries <jan@voorbeeld.nl>; Piet Bakker <piet@voorbeeld.nl>;",
               "Jan de Vries|jan@voorbeeld.nl", "Piet Bakker|piet@voorbeeld.nl", NULL);
  /* Exchange's unquoted "Last, First", separated by semicolons. */
  assert_text ("de Vries, Jan <jan@voorbeeld.nl>; Bakker, Piet <piet@voorbeeld.nl>",
               "de Vries, Jan|jan@voorbeeld.nl", "Bakker, Piet|piet@voorbeeld.nl", NULL);
  assert_text ("de Vries, Jan (jan@voorbeeld.nl); Bakker, Piet (piet@voorbeeld.nl)",
               "de Vries, Jan|jan@voorbeeld.nl", "Bakker, Piet|piet@voorbeeld.nl", NULL);
  /* One of them, so no semicolon. */
  assert_text ("de Vries, Jan <jan@voorbeeld.nl>", "de Vries, Jan|jan@voorbeeld.nl", NULL);
  assert_text ("van den Berg, Jan Willem <jw@voorbeeld.nl>, Bakker, Piet <piet@voorbeeld.nl>",
               "van den Berg, Jan Willem|jw@voorbeeld.nl", "Bakker, Piet|piet@voorbeeld.nl", NULL);
  assert_text ("jan@voorbeeld.nl, Piet <piet@voorbeeld.nl>; kees@voorbeeld.nl", "|jan@voorbeeld.nl",
               "Piet|piet@voorbeeld.nl", "|kees@voorbeeld.nl", NULL);
  assert_text ("Jan de Vries (jan@voorbeeld.nl)", "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("'jan@voorbeeld.nl'", "|jan@voorbeeld.nl", NULL);
  assert_text ("'jan@voorbeeld.nl'; 'piet@voorbeeld.nl'", "|jan@voorbeeld.nl", "|piet@voorbeeld.nl",
               NULL);
  /* A forwarded mail's header block, as Outlook writes it. */
  assert_text ("Van: Jan de Vries [mailto:jan@voorbeeld.nl] \r\n"
               "Verzonden: maandag 3 april 2023 10:12\r\n"
               "Aan: Piet Bakker; 'kees@voorbeeld.nl'\r\n"
               "CC: Anna Jansen <anna@gemeente.example>; Bakker, Truus <truus@voorbeeld.nl>\r\n"
               "Onderwerp: RE: dossier 2023-17\r\n",
               "Jan de Vries|jan@voorbeeld.nl", "|kees@voorbeeld.nl",
               "Anna Jansen|anna@gemeente.example", "Bakker, Truus|truus@voorbeeld.nl", NULL);
  assert_text ("From: Jan de Vries <jan@voorbeeld.nl>\nSent: Monday, April 3, 2023 10:12 AM\n"
               "To: piet@voorbeeld.nl\nSubject: Dossier",
               "Jan de Vries|jan@voorbeeld.nl", "|piet@voorbeeld.nl", NULL);
}

static void
test_text_mail_clients (void)
{
  /* Thunderbird. */
  assert_text ("\"de Vries, Jan\" <jan@voorbeeld.nl>, Piet Bakker <piet@voorbeeld.nl>",
               "de Vries, Jan|jan@voorbeeld.nl", "Piet Bakker|piet@voorbeeld.nl", NULL);
  /* Gmail's header lines. */
  assert_text ("to:\tJan de Vries <jan@voorbeeld.nl>,\n piet@voorbeeld.nl\n"
               "cc:\t\"Anna Jansen (Gemeente)\" <anna@gemeente.example>",
               "Jan de Vries|jan@voorbeeld.nl", "|piet@voorbeeld.nl",
               "Anna Jansen (Gemeente)|anna@gemeente.example", NULL);
  /* Apple Mail, GNOME Evolution, Geary. */
  assert_text ("Jan de Vries <jan@voorbeeld.nl>, Piet Bakker <piet@voorbeeld.nl>",
               "Jan de Vries|jan@voorbeeld.nl", "Piet Bakker|piet@voorbeeld.nl", NULL);
  /* RFC 5322 groups. */
  assert_text ("Projectteam: jan@voorbeeld.nl, Piet <piet@voorbeeld.nl>;", "|jan@voorbeeld.nl",
               "Piet|piet@voorbeeld.nl", NULL);
  assert_text ("undisclosed-recipients:;", NULL);
}

static void
test_text_rfc2047 (void)
{
  assert_text ("=?UTF-8?Q?Bj=C3=B6rn_M=C3=BCller?= <bjorn@voorbeeld.nl>",
               "Björn Müller|bjorn@voorbeeld.nl", NULL);
  assert_text ("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>",
               "André Pirard|pirard@vm1.ulg.ac.be", NULL);
  assert_text ("=?utf-8?b?SsO8cmdlbg==?= <juergen@voorbeeld.de>", "Jürgen|juergen@voorbeeld.de",
               NULL);
  /* The space between two encoded words goes. */
  assert_text ("=?UTF-8?Q?Jan_de?= =?UTF-8?Q?_Vries?= <jan@voorbeeld.nl>",
               "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("\"=?windows-1252?Q?Jos=E9_de_Vries?=\" <jose@voorbeeld.nl>",
               "José de Vries|jose@voorbeeld.nl", NULL);
  assert_text ("=?UTF-8*nl?Q?Jan?= <jan@voorbeeld.nl>", "Jan|jan@voorbeeld.nl", NULL);
  /* What does not decode stays as it is. */
  assert_text ("=?X-ONBEKEND?Q?Jan?= <jan@voorbeeld.nl>", "=?X-ONBEKEND?Q?Jan?=|jan@voorbeeld.nl",
               NULL);
  assert_text ("=?UTF-8?X?Jan?= <jan@voorbeeld.nl>", "=?UTF-8?X?Jan?=|jan@voorbeeld.nl", NULL);
  assert_text ("=?UTF-8?Q?Jan <jan@voorbeeld.nl>", "=?UTF-8?Q?Jan|jan@voorbeeld.nl", NULL);
  /* Control characters in a decoded name become spaces. */
  assert_text ("=?UTF-8?Q?Jan=0Ade=01Vries?= <jan@voorbeeld.nl>", "Jan de Vries|jan@voorbeeld.nl",
               NULL);
}

static void
test_text_spreadsheet (void)
{
  assert_text ("Jan de Vries\tjan@voorbeeld.nl\nPiet Bakker\tpiet@voorbeeld.nl\n",
               "Jan de Vries|jan@voorbeeld.nl", "Piet Bakker|piet@voorbeeld.nl", NULL);
  /* Excel on Windows: a header row and CRLF. */
  assert_text ("Naam\tE-mail\r\nJan de Vries\tjan@voorbeeld.nl\r\n\t\r\n",
               "Jan de Vries|jan@voorbeeld.nl", NULL);
  /* First and last name columns. */
  assert_text ("Voornaam\tAchternaam\tE-mailadres\nJan\tde Vries\tjan@voorbeeld.nl\n",
               "Jan de Vries|jan@voorbeeld.nl", NULL);
  /* The address first. */
  assert_text ("jan@voorbeeld.nl\tJan de Vries", "Jan de Vries|jan@voorbeeld.nl", NULL);
  /* Numbers and phone numbers are no name; a name before wins over one after. */
  assert_text ("17\tJan de Vries\tjan@voorbeeld.nl\t+31 6 12345678\tAmsterdam",
               "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("Jan de Vries\t\t\tjan@voorbeeld.nl\t\t", "Jan de Vries|jan@voorbeeld.nl", NULL);
  /* Two people on one row. */
  assert_text ("Jan de Vries\tjan@voorbeeld.nl\tPiet Bakker\tpiet@voorbeeld.nl",
               "Jan de Vries|jan@voorbeeld.nl", "Piet Bakker|piet@voorbeeld.nl", NULL);
  assert_text ("jan@voorbeeld.nl\tpiet@voorbeeld.nl", "|jan@voorbeeld.nl", "|piet@voorbeeld.nl",
               NULL);
  /* A quoted cell (a name with a comma) and a label. */
  assert_text ("\"de Vries, Jan\"\tjan@voorbeeld.nl", "de Vries, Jan|jan@voorbeeld.nl", NULL);
  assert_text ("E-mail:\tjan@voorbeeld.nl", "|jan@voorbeeld.nl", NULL);
  /* A cell's own name wins. */
  assert_text ("Jantje\tJan de Vries <jan@voorbeeld.nl>", "Jan de Vries|jan@voorbeeld.nl", NULL);
  /* A cell with several addresses names none of them. */
  assert_text ("Team\tjan@voorbeeld.nl, piet@voorbeeld.nl", "|jan@voorbeeld.nl",
               "|piet@voorbeeld.nl", NULL);
  /* LibreOffice: one column. */
  assert_text ("jan@voorbeeld.nl\npiet@voorbeeld.nl\n\nkees@voorbeeld.nl\n", "|jan@voorbeeld.nl",
               "|piet@voorbeeld.nl", "|kees@voorbeeld.nl", NULL);
  /* CSV is not a name-address form: the comma separates. */
  assert_text ("Jan de Vries,jan@voorbeeld.nl\nPiet Bakker,piet@voorbeeld.nl", "|jan@voorbeeld.nl",
               "|piet@voorbeeld.nl", NULL);
}

static void
test_text_mailto (void)
{
  assert_text ("mailto:jan@voorbeeld.nl", "|jan@voorbeeld.nl", NULL);
  assert_text ("MAILTO:Jan@Voorbeeld.NL?subject=Uitnodiging&body=Hallo%20Jan", "|jan@voorbeeld.nl",
               NULL);
  assert_text ("mailto:jan%2Bdossier@voorbeeld.nl", "|jan+dossier@voorbeeld.nl", NULL);
  assert_text ("mailto:jan%40voorbeeld.nl", "|jan@voorbeeld.nl", NULL);
  assert_text ("mailto:jan@voorbeeld.nl,piet@voorbeeld.nl", "|jan@voorbeeld.nl",
               "|piet@voorbeeld.nl", NULL);
  assert_text ("Jan de Vries <mailto:jan@voorbeeld.nl>", "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("Jan de Vries [mailto:jan@voorbeeld.nl]", "Jan de Vries|jan@voorbeeld.nl", NULL);
  /* URLs with an "@" are no address. */
  assert_text ("https://social.example/@jan en https://jan:geheim@voorbeeld.nl/ of "
               "mailto:jan@voorbeeld.nl",
               "|jan@voorbeeld.nl", NULL);
}

static void
test_text_punctuation (void)
{
  assert_text ("Mail jan@voorbeeld.nl.", "|jan@voorbeeld.nl", NULL);
  assert_text ("jan@voorbeeld.nl... of piet@voorbeeld.nl!?", "|jan@voorbeeld.nl",
               "|piet@voorbeeld.nl", NULL);
  assert_text ("(jan@voorbeeld.nl)", "|jan@voorbeeld.nl", NULL);
  assert_text ("[jan@voorbeeld.nl]", "|jan@voorbeeld.nl", NULL);
  assert_text ("{jan@voorbeeld.nl}", "|jan@voorbeeld.nl", NULL);
  assert_text ("«jan@voorbeeld.nl», „piet@voorbeeld.nl“, ‘kees@voorbeeld.nl’", "|jan@voorbeeld.nl",
               "|piet@voorbeeld.nl", "|kees@voorbeeld.nl", NULL);
  assert_text ("*jan@voorbeeld.nl* `piet@voorbeeld.nl` _kees@voorbeeld.nl_", "|jan@voorbeeld.nl",
               "|piet@voorbeeld.nl", "|kees@voorbeeld.nl", NULL);
  assert_text ("<<jan@voorbeeld.nl>>", "|jan@voorbeeld.nl", NULL);
  assert_text ("jan@voorbeeld.nl>", "|jan@voorbeeld.nl", NULL);
  assert_text ("jan@voorbeeld.nl:", "|jan@voorbeeld.nl", NULL);
  assert_text ("jan@voorbeeld.nl。", "|jan@voorbeeld.nl", NULL);
  /* Atext at the start stays when nothing matches it at the end. */
  assert_text ("'t-jan@voorbeeld.nl", "|'t-jan@voorbeeld.nl", NULL);
}

static void
test_text_invalid (void)
{
  assert_text ("jan@voorbeeld", "|!jan@voorbeeld", NULL);
  assert_text ("jan@@voorbeeld.nl", "|!jan@@voorbeeld.nl", NULL);
  assert_text ("Jan de Vries <jan@>", "Jan de Vries|!jan@", NULL);
  assert_text ("@voorbeeld.nl", "|!@voorbeeld.nl", NULL);
  assert_text ("jan.@voorbeeld.nl", "|!jan.@voorbeeld.nl", NULL);
  assert_text ("<jan @ voorbeeld.nl>", "|!jan @ voorbeeld.nl", NULL);
  assert_text ("jan@localhost, jan@1.2.3.4, jan@-voorbeeld.nl", "|!jan@localhost", "|!jan@1.2.3.4",
               "|!jan@-voorbeeld.nl", NULL);
  assert_text ("jan@voorbeeld, jan@voorbeeld", "|!jan@voorbeeld", NULL);
  /* No attempt: a lone "@", no "@" at all. */
  assert_text ("Tot @ 17:00, jan at voorbeeld dot nl", NULL);
  /* The order of appearance, valid and invalid mixed. */
  assert_text ("a@voorbeeld.nl, fout@, b@voorbeeld.nl", "|a@voorbeeld.nl", "|!fout@",
               "|b@voorbeeld.nl", NULL);
}

static void
test_text_duplicates (void)
{
  g_autoptr (GPtrArray) got = NULL;

  assert_text ("jan@voorbeeld.nl, JAN@Voorbeeld.NL, Jan de Vries <jan@voorbeeld.nl>",
               "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("Jan <jan@voorbeeld.nl>, Johannes <jan@voorbeeld.nl>", "Jan|jan@voorbeeld.nl", NULL);
  assert_text ("piet@voorbeeld.nl\njan@voorbeeld.nl\npiet@voorbeeld.nl\nkees@voorbeeld.nl",
               "|piet@voorbeeld.nl", "|jan@voorbeeld.nl", "|kees@voorbeeld.nl", NULL);
  /* The same address in Unicode and in punycode. */
  assert_text ("Jan <jan@Bücher.Example>, jan@xn--bcher-kva.example",
               "Jan|jan@xn--bcher-kva.example", NULL);

  /* raw is the first spelling. */
  got = kring_recipients_from_text ("JAN@Voorbeeld.nl, jan@voorbeeld.nl");
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (((KringRecipient *)got->pdata[0])->raw, ==, "JAN@Voorbeeld.nl");
  g_assert_true (((KringRecipient *)got->pdata[0])->valid);
}

static void
test_text_names (void)
{
  g_autofree char *long_name = repeat ("a", KRING_TEXT_LINE_MAX);
  g_autofree char *at_limit = g_strdup_printf ("%s <jan@voorbeeld.nl>", long_name);
  g_autofree char *over = g_strdup_printf ("%sb <jan@voorbeeld.nl>", long_name);
  g_autofree char *expected = g_strdup_printf ("%s|jan@voorbeeld.nl", long_name);

  assert_text (at_limit, expected, NULL);
  /* Too long for the API: dropped, never cut. */
  assert_text (over, "|jan@voorbeeld.nl", NULL);
  assert_text ("Jan\x01"
               "de\x7FVries <jan@voorbeeld.nl>",
               "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("\"  \" <jan@voorbeeld.nl>", "|jan@voorbeeld.nl", NULL);
  assert_text ("\"\" <jan@voorbeeld.nl>", "|jan@voorbeeld.nl", NULL);
  assert_text (", ; <jan@voorbeeld.nl>", "|jan@voorbeeld.nl", NULL);
  assert_text ("\xE2\x80\x8BJan\xE2\x80\x8B <jan@voorbeeld.nl>", "Jan|jan@voorbeeld.nl", NULL);
}

static void
test_text_broken (void)
{
  /* Unmatched quotes and brackets. */
  assert_text ("\"Jan de Vries <jan@voorbeeld.nl>", "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("Jan <jan@voorbeeld.nl", "|jan@voorbeeld.nl", NULL);
  assert_text ("Jan (de Vries <jan@voorbeeld.nl>", "de Vries|jan@voorbeeld.nl", NULL);
  assert_text ("Jan [jan@voorbeeld.nl", "|jan@voorbeeld.nl", NULL);
  assert_text ("\"a\\", NULL);
  assert_text ("\"\"\"jan@voorbeeld.nl", "|jan@voorbeeld.nl", NULL);
  assert_text ("Jan \\\" <jan@voorbeeld.nl>", "Jan \\|jan@voorbeeld.nl", NULL);
  /* Invalid UTF-8 is repaired, not refused. */
  assert_text ("Jan \xFF <jan@voorbeeld.nl>, piet@voorbeeld.nl\xC3",
               "Jan \xEF\xBF\xBD|jan@voorbeeld.nl", "|piet@voorbeeld.nl", NULL);
  assert_text ("jan\xFF@voorbeeld.nl", "|!jan\xEF\xBF\xBD@voorbeeld.nl", NULL);
}

/* ---- vCard --------------------------------------------------------------- */

static void
test_vcard_apple (void)
{
  assert_vcard ("BEGIN:VCARD\r\n"
                "VERSION:3.0\r\n"
                "PRODID:-//Apple Inc.//macOS 13.4.1//EN\r\n"
                "N:de Vries;Jan;;;\r\n"
                "FN:Jan de Vries\r\n"
                "ORG:Voorbeeld BV;\r\n"
                "item1.EMAIL;type=INTERNET;type=pref:jan@voorbeeld.nl\r\n"
                "item1.X-ABLabel:_$!<Other>!$_\r\n"
                "EMAIL;type=INTERNET;type=HOME:jan.devries@thuis.example\r\n"
                "TEL;type=CELL;type=VOICE;type=pref:+31 6 12345678\r\n"
                "item2.ADR;type=HOME;type=pref:;;Kerkstraat 1;Amsterdam;;1011 AA;Nederland\r\n"
                "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAw\r\n"
                " MEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDA=\r\n"
                "X-ABUID:5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE:ABPerson\r\n"
                "END:VCARD\r\n"
                "BEGIN:VCARD\r\n"
                "VERSION:3.0\r\n"
                "N:;;;;\r\n"
                "FN:Bakkerij de Korenschoof\r\n"
                "ORG:Bakkerij de Korenschoof;\r\n"
                "X-ABShowAs:COMPANY\r\n"
                "item1.EMAIL;type=INTERNET;type=pref:info@korenschoof.example\r\n"
                "END:VCARD\r\n",
                "Jan de Vries|jan@voorbeeld.nl", "Jan de Vries|jan.devries@thuis.example",
                "Bakkerij de Korenschoof|info@korenschoof.example", NULL);
}

static void
test_vcard_google (void)
{
  assert_vcard ("BEGIN:VCARD\n"
                "VERSION:3.0\n"
                "FN:Piet Bakker\n"
                "N:Bakker;Piet;;;\n"
                "EMAIL;TYPE=INTERNET;TYPE=HOME:piet@voorbeeld.nl\n"
                "EMAIL;TYPE=INTERNET;TYPE=WORK:p.bakker@werk.example\n"
                "TEL;TYPE=CELL:06-12345678\n"
                "item1.EMAIL;TYPE=INTERNET:Piet.Bakker@Gmail.com\n"
                "item1.X-ABLabel:\n"
                "CATEGORIES:myContacts,Familie\n"
                "END:VCARD\n"
                "BEGIN:VCARD\n"
                "VERSION:3.0\n"
                "FN:\n"
                "N:;;;;\n"
                "EMAIL;TYPE=INTERNET;TYPE=OTHER:onbekend@voorbeeld.nl\n"
                "CATEGORIES:myContacts\n"
                "END:VCARD\n",
                "Piet Bakker|piet@voorbeeld.nl", "Piet Bakker|p.bakker@werk.example",
                "Piet Bakker|piet.bakker@gmail.com", "|onbekend@voorbeeld.nl", NULL);
}

static void
test_vcard_outlook (void)
{
  /* Outlook's vCard 2.1 in the ANSI code page, with and without CHARSET. */
  assert_vcard ("BEGIN:VCARD\r\n"
                "VERSION:2.1\r\n"
                "N;LANGUAGE=nl-nl:Vries;Jos\xE9;de\r\n"
                "FN:Jos\xE9 de Vries\r\n"
                "ORG:Gemeente Voorbeeld\r\n"
                "EMAIL;PREF;INTERNET:jose.devries@gemeente.example\r\n"
                "EMAIL;INTERNET:jose@thuis.example\r\n"
                "X-MS-OL-DEFAULT-POSTAL-ADDRESS:0\r\n"
                "X-MS-OL-DESIGN;CHARSET=utf-8:<card xmlns=\"http://schemas.microsoft.com/office/"
                "outlook/12/electronicbusinesscards\" ver=\"1.0\"><fld prop=\"email\"/></card>\r\n"
                "REV:20230403T101200Z\r\n"
                "END:VCARD\r\n"
                "BEGIN:VCARD\r\n"
                "VERSION:2.1\r\n"
                "N;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\n"
                "FN;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller\r\n"
                "EMAIL;PREF;INTERNET:juergen@voorbeeld.de\r\n"
                "END:VCARD\r\n",
                "José de Vries|jose.devries@gemeente.example", "José de Vries|jose@thuis.example",
                "Jürgen Müller|juergen@voorbeeld.de", NULL);
}

static void
test_vcard_quoted_printable (void)
{
  /* Android's vCard 2.1: UTF-8 in quoted-printable, with a soft line break. */
  assert_vcard (
      "BEGIN:VCARD\n"
      "VERSION:2.1\n"
      "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=96zt=C3=BCrk;Ay=C5=9Fe;;;\n"
      "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ay=C5=9Fe=20=C3=96zt=C3=BCrk=20van=20d=\n"
      "e=20Gemeente\n"
      "TEL;CELL:0612345678\n"
      "EMAIL;HOME:ayse@voorbeeld.nl\n"
      "END:VCARD\n",
      "Ayşe Öztürk van de Gemeente|ayse@voorbeeld.nl", NULL);
  /* Bare 2.1 parameters, ISO-8859-1. */
  assert_vcard ("BEGIN:VCARD\nVERSION:2.1\nFN;QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Andr=E9 Pirard\n"
                "EMAIL;INTERNET:andre@voorbeeld.be\nEND:VCARD\n",
                "André Pirard|andre@voorbeeld.be", NULL);
  /* No N or FN: only N given in quoted-printable. */
  assert_vcard ("BEGIN:VCARD\nVERSION:2.1\nN;ENCODING=QUOTED-PRINTABLE:Vries;Jan;;;\n"
                "EMAIL:jan@voorbeeld.nl\nEND:VCARD\n",
                "Jan Vries|jan@voorbeeld.nl", NULL);
  /* A soft line break never swallows the end of the contact. */
  assert_vcard ("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:Jan=\nEND:VCARD\n"
                "BEGIN:VCARD\nFN:Piet\nEMAIL:piet@voorbeeld.nl\nEND:VCARD\n",
                "Piet|piet@voorbeeld.nl", NULL);
  /* Base64. */
  assert_vcard ("BEGIN:VCARD\nVERSION:3.0\nFN;ENCODING=b;CHARSET=UTF-8:SsO8cmdlbg==\n"
                "EMAIL:juergen@voorbeeld.de\nEND:VCARD\n",
                "Jürgen|juergen@voorbeeld.de", NULL);
}

static void
test_vcard_4 (void)
{
  assert_vcard (
      "BEGIN:VCARD\r\n"
      "VERSION:4.0\r\n"
      "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
      "FN;LANGUAGE=nl:Anna Jansen\r\n"
      "N:Jansen;Anna;;;\r\n"
      "EMAIL;TYPE=work;PREF=1:anna@werk.example\r\n"
      "EMAIL;TYPE=\"home,internet\";LABEL=\"thuis: privé; niet werk\":anna@thuis.example\r\n"
      "EMAIL;PID=1.1:mailto:anna.jansen@voorbeeld.nl\r\n"
      "KIND:individual\r\n"
      "END:VCARD\r\n"
      "BEGIN:VCARD\r\n"
      "VERSION:4.0\r\n"
      "KIND:group\r\n"
      "FN:Projectteam\r\n"
      "MEMBER:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
      "MEMBER:mailto:kees@voorbeeld.nl\r\n"
      "END:VCARD\r\n",
      "Anna Jansen|anna@werk.example", "Anna Jansen|anna@thuis.example",
      "Anna Jansen|anna.jansen@voorbeeld.nl", "|kees@voorbeeld.nl", NULL);
  /* Thunderbird 102 writes EMAIL before FN. */
  assert_vcard ("BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL;PREF=1:truus@voorbeeld.nl\r\n"
                "FN:Truus de Boer\r\nN:de Boer;Truus;;;\r\n"
                "UID:a7d8e1f2-9c3b-4d5e-8f6a-1b2c3d4e5f60\r\nEND:VCARD\r\n",
                "Truus de Boer|truus@voorbeeld.nl", NULL);
}

static void
test_vcard_evolution (void)
{
  assert_vcard ("BEGIN:VCARD\n"
                "VERSION:3.0\n"
                "UID:pas-id-64A2B3C4000001\n"
                "FN:Kees van der Berg\n"
                "N:van der Berg;Kees;;;\n"
                "X-EVOLUTION-FILE-AS:van der Berg\\, Kees\n"
                "EMAIL;X-EVOLUTION-UI-SLOT=1;TYPE=WORK:kees@werk.example\n"
                "EMAIL;X-EVOLUTION-UI-SLOT=2;TYPE=HOME:kees@thuis.example\n"
                "REV:2023-04-03T10:12:00Z\n"
                "END:VCARD\n",
                "Kees van der Berg|kees@werk.example", "Kees van der Berg|kees@thuis.example",
                NULL);
}

static void
test_vcard_folding (void)
{
  assert_vcard (
      "BEGIN:VCARD\r\nFN:Jan de\r\n  Vries\r\nEMAIL:jan@voorb\r\n eeld.nl\r\nEND:VCARD\r\n",
      "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_vcard ("BEGIN:VCARD\nFN:Jan\n\t de Vries\nEMAIL;TYPE=INTER\n NET:jan@voorbeeld.nl\n"
                "END:VCARD\n",
                "Jan de Vries|jan@voorbeeld.nl", NULL);
  /* A UTF-8 character split over two lines. */
  assert_vcard ("BEGIN:VCARD\r\nFN:Jos\xC3\r\n \xA9\r\nEMAIL:jose@voorbeeld.nl\r\nEND:VCARD\r\n",
                "José|jose@voorbeeld.nl", NULL);
  /* Folded BEGIN and END. */
  assert_vcard ("BEG\n IN:VC\n ARD\nEMAIL:jan@voorbeeld.nl\nEN\n D:VCARD\n", "|jan@voorbeeld.nl",
                NULL);
  /* Classic Mac line ends. */
  assert_vcard ("BEGIN:VCARD\rFN:Jan de\r  Vries\rEMAIL:jan@voorbeeld.nl\rEND:VCARD\r",
                "Jan de Vries|jan@voorbeeld.nl", NULL);
}

static void
test_vcard_escapes (void)
{
  assert_vcard ("BEGIN:VCARD\nFN:de Vries\\, Jan\nEMAIL:jan@voorbeeld.nl\nEND:VCARD\n",
                "de Vries, Jan|jan@voorbeeld.nl", NULL);
  assert_vcard ("BEGIN:VCARD\nFN:Jan\\nde Vries\nEMAIL:jan@voorbeeld.nl\nEND:VCARD\n",
                "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_vcard (
      "BEGIN:VCARD\nN:Vries\\;Bakker;Jan,Willem;;Dr.;\nEMAIL:jan@voorbeeld.nl\nEND:VCARD\n",
      "Dr. Jan Willem Vries;Bakker|jan@voorbeeld.nl", NULL);
  assert_vcard ("BEGIN:VCARD\nORG:Bakker\\, Zn.;Verkoop\nEMAIL:info@bakker.example\nEND:VCARD\n",
                "Bakker, Zn.|info@bakker.example", NULL);
  assert_vcard ("BEGIN:VCARD\nFN:C:\\\\Temp \\x\nEMAIL:jan@voorbeeld.nl\nEND:VCARD\n",
                "C:\\Temp \\x|jan@voorbeeld.nl", NULL);
}

static void
test_vcard_names (void)
{
  /* FN that is an address: N instead. */
  assert_vcard ("BEGIN:VCARD\nFN:jan@voorbeeld.nl\nN:de Vries;Jan\nEMAIL:jan@voorbeeld.nl\n"
                "END:VCARD\n",
                "Jan de Vries|jan@voorbeeld.nl", NULL);
  /* The first FN. */
  assert_vcard ("BEGIN:VCARD\nFN:Jan\nFN;LANGUAGE=en:John\nEMAIL:jan@voorbeeld.nl\nEND:VCARD\n",
                "Jan|jan@voorbeeld.nl", NULL);
  /* No name at all, or only one in the EMAIL value. */
  assert_vcard ("BEGIN:VCARD\nEMAIL:jan@voorbeeld.nl\nEND:VCARD\n", "|jan@voorbeeld.nl", NULL);
  assert_vcard ("BEGIN:VCARD\nEMAIL:Jan de Vries <jan@voorbeeld.nl>\nEND:VCARD\n",
                "Jan de Vries|jan@voorbeeld.nl", NULL);
  assert_vcard ("BEGIN:VCARD\nFN:Johannes\nEMAIL:Jan <jan@voorbeeld.nl>\nEND:VCARD\n",
                "Johannes|jan@voorbeeld.nl", NULL);
  /* Case-insensitive names, and groups. */
  assert_vcard ("begin:vcard\nfn:Jan\nItem7.Email;Type=Internet:jan@voorbeeld.nl\nend:vcard\n",
                "Jan|jan@voorbeeld.nl", NULL);
  /* An unknown charset falls back to UTF-8. */
  assert_vcard ("BEGIN:VCARD\nFN;CHARSET=X-ONBEKEND:Jos\xC3\xA9\nEMAIL:jose@voorbeeld.nl\n"
                "END:VCARD\n",
                "José|jose@voorbeeld.nl", NULL);
}

static void
test_vcard_emails (void)
{
  /* Text that is no address is kept as an invalid one. */
  assert_vcard ("BEGIN:VCARD\nFN:Jan\nEMAIL:jan at voorbeeld dot nl\nEMAIL:jan@voorbeeld\n"
                "EMAIL:\nEMAIL;TYPE=WORK:  \nEMAIL:mailto:jan@voorbeeld.nl\nEND:VCARD\n",
                "Jan|!jan at voorbeeld dot nl", "Jan|!jan@voorbeeld", "Jan|jan@voorbeeld.nl", NULL);
  /* Across contacts: one recipient, the first contact's name. */
  assert_vcard (
      "BEGIN:VCARD\nFN:Jan\nEMAIL:jan@voorbeeld.nl\nEND:VCARD\n"
      "BEGIN:VCARD\nFN:Piet\nEMAIL:piet@voorbeeld.nl\nEMAIL:JAN@voorbeeld.nl\nEND:VCARD\n",
      "Jan|jan@voorbeeld.nl", "Piet|piet@voorbeeld.nl", NULL);
  /* Several addresses in one value. */
  assert_vcard ("BEGIN:VCARD\nFN:Jan\nEMAIL:jan@voorbeeld.nl\\, jan@thuis.example\nEND:VCARD\n",
                "Jan|jan@voorbeeld.nl", "Jan|jan@thuis.example", NULL);
}

static void
test_vcard_structure (void)
{
  /* A missing END. */
  assert_vcard ("BEGIN:VCARD\nFN:A\nEMAIL:a@voorbeeld.nl\nBEGIN:VCARD\nFN:B\nEMAIL:b@voorbeeld.nl\n"
                "END:VCARD\n",
                "A|a@voorbeeld.nl", "B|b@voorbeeld.nl", NULL);
  /* END without BEGIN, and properties outside a contact. */
  assert_vcard ("END:VCARD\nEMAIL:los@voorbeeld.nl\nBEGIN:VCARD\nEMAIL:c@voorbeeld.nl\nEND:VCARD\n"
                "END:VCARD\nFN:X\nEMAIL:x@voorbeeld.nl\n",
                "|c@voorbeeld.nl", NULL);
  /* Cut off. */
  assert_vcard ("BEGIN:VCARD\nFN:D\nEMAIL:d@voorbeeld.nl", "D|d@voorbeeld.nl", NULL);
  /* vCard 2.1's AGENT: a contact inside a contact. */
  assert_vcard ("BEGIN:VCARD\nVERSION:2.1\nFN:Baas\nEMAIL:baas@voorbeeld.nl\nAGENT:\n"
                "BEGIN:VCARD\nVERSION:2.1\nFN:Secretaris\nEMAIL:secretaris@voorbeeld.nl\n"
                "END:VCARD\nEND:VCARD\n",
                "Baas|baas@voorbeeld.nl", "Secretaris|secretaris@voorbeeld.nl", NULL);
  /* BEGIN:VCALENDAR and other blocks are no contact. */
  assert_vcard ("BEGIN:VCALENDAR\nORGANIZER:mailto:jan@voorbeeld.nl\nEND:VCALENDAR\n", NULL);
  assert_vcard ("FN:Jan\nEMAIL:jan@voorbeeld.nl\n", NULL);
  assert_vcard ("", NULL);
  assert_vcard ("\n\n\r\n", NULL);
  assert_vcard ("BEGIN:VCARD\nzonder dubbele punt\n:\n;;;\nEMAIL\nEND:VCARD\n", NULL);
  assert_vcard ("  BEGIN : VCARD\nEMAIL:jan@voorbeeld.nl\nEND:VCARD\n", NULL);
  assert_vcard ("BEGIN: VCARD \nEMAIL:jan@voorbeeld.nl\nEND:VCARD\n", "|jan@voorbeeld.nl", NULL);
}

static void
test_vcard_bom (void)
{
  /* One file, and two concatenated, each with a BOM. */
  assert_vcard ("\xEF\xBB\xBF"
                "BEGIN:VCARD\r\nFN:Jan\r\nEMAIL:jan@voorbeeld.nl\r\nEND:VCARD\r\n"
                "\xEF\xBB\xBF"
                "BEGIN:VCARD\r\nFN:Piet\r\nEMAIL:piet@voorbeeld.nl\r\nEND:VCARD\r\n",
                "Jan|jan@voorbeeld.nl", "Piet|piet@voorbeeld.nl", NULL);
}

static void
assert_utf16 (const char *charset, const char *bom, gsize bom_length)
{
  const char *card = "BEGIN:VCARD\r\nFN:José 😀\r\nEMAIL:jose@voorbeeld.nl\r\nEND:VCARD\r\n";
  gsize length = 0;
  g_autofree char *body = g_convert (card, -1, charset, "UTF-8", NULL, &length, NULL);
  g_autoptr (GByteArray) data = g_byte_array_new ();
  g_autoptr (GPtrArray) got = NULL;

  g_assert_nonnull (body);
  g_byte_array_append (data, (const guint8 *)bom, bom_length);
  g_byte_array_append (data, (const guint8 *)body, length);
  got = kring_recipients_from_vcard ((const char *)data->data, data->len);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (((KringRecipient *)got->pdata[0])->name, ==, "José 😀");
  g_assert_cmpstr (((KringRecipient *)got->pdata[0])->email, ==, "jose@voorbeeld.nl");
  g_assert_true (kring_recipients_is_vcard ((const char *)data->data, data->len));
  g_clear_pointer (&got, g_ptr_array_unref);
  got = kring_recipients_from_data ((const char *)data->data, data->len);
  g_assert_cmpuint (got->len, ==, 1);
}

static void
test_vcard_utf16 (void)
{
  assert_utf16 ("UTF-16LE", "\xFF\xFE", 2);
  assert_utf16 ("UTF-16BE", "\xFE\xFF", 2);
}

static void
test_vcard_binary (void)
{
  /* NULs and an odd-length UTF-16 body do not stop or break anything. */
  static const char with_nul[] = "BEGIN:VCARD\nFN:J\0an\nEMAIL:jan@voorbeeld.nl\nEMAIL:pi\0et\n"
                                 "END:VCARD\n";
  static const char odd_utf16[] = "\xFF\xFE"
                                  "B\0E\0G\0I\0N\0:\0V\0C\0A\0R\0D\0\n\0E\0M\0A\0I\0L\0"
                                  ":\0a\0@\0b\0.\0n\0l\0\n\0\xD8";
  g_autoptr (GPtrArray) got = kring_recipients_from_vcard (with_nul, sizeof with_nul - 1);
  g_autoptr (GPtrArray) utf16 = kring_recipients_from_vcard (odd_utf16, sizeof odd_utf16 - 1);
  g_autoptr (GPtrArray) none = kring_recipients_from_vcard (NULL, 0);

  check_invariants (got);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpstr (((KringRecipient *)got->pdata[0])->name, ==,
                   "J\xEF\xBF\xBD"
                   "an");
  g_assert_false (((KringRecipient *)got->pdata[1])->valid);
  check_invariants (utf16);
  g_assert_cmpuint (utf16->len, ==, 1);
  g_assert_cmpstr (((KringRecipient *)utf16->pdata[0])->email, ==, "a@b.nl");
  g_assert_cmpuint (none->len, ==, 0);
}

/* ---- Sniffing ------------------------------------------------------------ */

static void
test_data (void)
{
  static const char vcard[] = "\xEF\xBB\xBF\r\n  begin:vcard\nEMAIL:jan@voorbeeld.nl\nEND:VCARD\n";
  static const char text[] = "Jan <jan@voorbeeld.nl>\0piet@voorbeeld.nl";
  g_autoptr (GPtrArray) from_vcard = kring_recipients_from_data (vcard, sizeof vcard - 1);
  g_autoptr (GPtrArray) from_text = kring_recipients_from_data (text, sizeof text - 1);
  g_autoptr (GPtrArray) from_null = kring_recipients_from_data (NULL, 0);

  g_assert_true (kring_recipients_is_vcard (vcard, sizeof vcard - 1));
  g_assert_false (kring_recipients_is_vcard (text, sizeof text - 1));
  g_assert_false (kring_recipients_is_vcard ("BEGIN:VCAR", 10));
  g_assert_false (kring_recipients_is_vcard (NULL, 0));
  g_assert_cmpuint (from_vcard->len, ==, 1);
  /* A NUL ends the text. */
  g_assert_cmpuint (from_text->len, ==, 1);
  g_assert_cmpstr (((KringRecipient *)from_text->pdata[0])->name, ==, "Jan");
  g_assert_cmpuint (from_null->len, ==, 0);
}

/* ---- Large inputs: linear time ------------------------------------------- */

#define LARGE (1024 * 1024)
/* Far more than linear work needs, far less than quadratic work on 1 MiB. */
#define LARGE_SECONDS 5.0

static GPtrArray *
timed (GPtrArray *(*parse) (const char *, gsize), const char *input, const char *label)
{
  g_autofree char *printable = g_strescape (label, NULL);
  GPtrArray *got;
  double seconds;

  g_test_timer_start ();
  got = parse (input, strlen (input));
  seconds = g_test_timer_elapsed ();
  g_test_message ("“%s”: %u recipients in %.3f s", printable, got->len, seconds);
  g_assert_cmpfloat (seconds, <, LARGE_SECONDS);
  check_invariants (got);
  return got;
}

static GPtrArray *
from_text_length (const char *text, gsize length)
{
  return kring_recipients_from_text (text);
}

static void
test_large_paste (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GPtrArray) got = NULL;
  guint n = 0;

  while (text->len < LARGE)
    {
      g_string_append_printf (text, "\"Deelnemer %u, Test\" <deelnemer%u@voorbeeld.nl>, ", n, n);
      g_string_append_printf (text, "deelnemer%u@voorbeeld.nl\n", n);
      n++;
    }
  got = timed (from_text_length, text->str, "1 MiB paste");
  g_assert_cmpuint (got->len, ==, n);
}

static void
test_large_hostile (void)
{
  static const char *const units[] = {
    "<",
    "(",
    "[",
    "\"",
    "\"\\",
    "\\\"",
    ">",
    "'",
    "=?",
    "=?a?Q?",
    "=?a?Q?b",
    "@",
    "a@",
    "a@b.nl ",
    "a ",
    "a, ",
    "\t",
    "x\t",
    "mailto:",
    "mailto",
    "https://",
    ":",
    ";",
    ",",
    "a@b",
    "a@b\t",
    "\xE2\x80\x8B",
    "\xC3\xA9",
    "\xFF",
    "x <y@z.nl>",
    "a b c d e f g h i j, ",
    "(a@b.nl ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *text = repeat (units[i], LARGE);
      g_autofree char *tail = g_strconcat (text, " <jan@voorbeeld.nl>", NULL);
      g_ptr_array_unref (timed (from_text_length, text, units[i]));
      g_ptr_array_unref (timed (from_text_length, tail, units[i]));
    }
}

static void
test_large_vcard (void)
{
  g_autoptr (GString) data = g_string_new (NULL);
  g_autoptr (GPtrArray) got = NULL;
  guint n = 0;

  while (data->len < LARGE)
    {
      g_string_append_printf (data,
                              "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Contact %u\r\nN:%u;Contact;;;\r\n"
                              "EMAIL;TYPE=INTERNET:contact%u@voorbeeld.nl\r\n"
                              "PHOTO;ENCODING=b:AAAA\r\n BBBB\r\n CCCC=\r\nEND:VCARD\r\n",
                              n, n, n);
      n++;
    }
  got = timed (kring_recipients_from_vcard, data->str, "1 MiB of vCards");
  g_assert_cmpuint (got->len, ==, n);
}

static void
test_large_vcard_hostile (void)
{
  static const char *const units[] = {
    "\r\n ",       "\n\t",
    "=\n",         "=\r\n",
    "\\",          "\\,",
    ";",           "\"",
    ":",           "=",
    "=4",          "BEGIN:VCARD\n",
    "END:VCARD\n", "EMAIL:a@b.nl\n",
    "EMAIL:\"",    "N:;;;;",
    "x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *body = repeat (units[i], LARGE);
      g_autofree char *plain = g_strconcat ("BEGIN:VCARD\nFN:", body, "\nEND:VCARD\n", NULL);
      g_autofree char *qp
          = g_strconcat ("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:", body,
                         "\nEMAIL:", body, "\nEND:VCARD\n", NULL);
      g_ptr_array_unref (timed (kring_recipients_from_vcard, plain, units[i]));
      g_ptr_array_unref (timed (kring_recipients_from_vcard, qp, units[i]));
      g_ptr_array_unref (timed (kring_recipients_from_vcard, body, units[i]));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/recipients/text/separators", test_text_separators);
  g_test_add_func ("/recipients/text/null", test_text_null);
  g_test_add_func ("/recipients/text/name-address", test_text_name_address);
  g_test_add_func ("/recipients/text/comments", test_text_comments);
  g_test_add_func ("/recipients/text/address-as-name", test_text_address_as_name);
  g_test_add_func ("/recipients/text/prose", test_text_prose);
  g_test_add_func ("/recipients/text/outlook", test_text_outlook);
  g_test_add_func ("/recipients/text/mail-clients", test_text_mail_clients);
  g_test_add_func ("/recipients/text/rfc2047", test_text_rfc2047);
  g_test_add_func ("/recipients/text/spreadsheet", test_text_spreadsheet);
  g_test_add_func ("/recipients/text/mailto", test_text_mailto);
  g_test_add_func ("/recipients/text/punctuation", test_text_punctuation);
  g_test_add_func ("/recipients/text/invalid", test_text_invalid);
  g_test_add_func ("/recipients/text/duplicates", test_text_duplicates);
  g_test_add_func ("/recipients/text/names", test_text_names);
  g_test_add_func ("/recipients/text/broken", test_text_broken);
  g_test_add_func ("/recipients/vcard/apple", test_vcard_apple);
  g_test_add_func ("/recipients/vcard/google", test_vcard_google);
  g_test_add_func ("/recipients/vcard/outlook", test_vcard_outlook);
  g_test_add_func ("/recipients/vcard/quoted-printable", test_vcard_quoted_printable);
  g_test_add_func ("/recipients/vcard/4.0", test_vcard_4);
  g_test_add_func ("/recipients/vcard/evolution", test_vcard_evolution);
  g_test_add_func ("/recipients/vcard/folding", test_vcard_folding);
  g_test_add_func ("/recipients/vcard/escapes", test_vcard_escapes);
  g_test_add_func ("/recipients/vcard/names", test_vcard_names);
  g_test_add_func ("/recipients/vcard/emails", test_vcard_emails);
  g_test_add_func ("/recipients/vcard/structure", test_vcard_structure);
  g_test_add_func ("/recipients/vcard/bom", test_vcard_bom);
  g_test_add_func ("/recipients/vcard/utf-16", test_vcard_utf16);
  g_test_add_func ("/recipients/vcard/binary", test_vcard_binary);
  g_test_add_func ("/recipients/data", test_data);
  g_test_add_func ("/recipients/large/paste", test_large_paste);
  g_test_add_func ("/recipients/large/hostile-text", test_large_hostile);
  g_test_add_func ("/recipients/large/vcard", test_large_vcard);
  g_test_add_func ("/recipients/large/hostile-vcard", test_large_vcard_hostile);

  return g_test_run ();
}
