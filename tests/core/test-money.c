/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-money.h"

static void
test_money_dutch (void)
{
  static const struct
  {
    gint64 cents;
    const char *text;
  } cases[] = {
    { 0, "€ 0,00" },
    { 5, "€ 0,05" },
    { 50, "€ 0,50" },
    { 7900, "€ 79,00" },
    { 99999, "€ 999,99" },
    { 100000, "€ 1.000,00" },
    { 123456, "€ 1.234,56" },
    { 100000000, "€ 1.000.000,00" },
    { -150, "€ -1,50" },
    { -1, "€ -0,01" },
    { -123456, "€ -1.234,56" },
    { G_MAXINT64, "€ 92.233.720.368.547.758,07" },
    { G_MININT64, "€ -92.233.720.368.547.758,08" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kring_money_format (cases[i].cents, "nl");

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_money_english (void)
{
  static const struct
  {
    gint64 cents;
    const char *text;
  } cases[] = {
    { 0, "€0.00" },
    { 5, "€0.05" },
    { 7900, "€79.00" },
    { 100000, "€1,000.00" },
    { 123456, "€1,234.56" },
    { 100000000, "€1,000,000.00" },
    { -150, "-€1.50" },
    { -123456, "-€1,234.56" },
    { G_MAXINT64, "€92,233,720,368,547,758.07" },
    { G_MININT64, "-€92,233,720,368,547,758.08" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kring_money_format (cases[i].cents, "en");

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_money_languages (void)
{
  static const char *const dutch[]
      = { "nl", "nl_NL", "nl_NL.UTF-8", "nl_BE", "nl-NL", "NL", "nl@euro", "nl.UTF-8" };
  static const char *const other[]
      = { "en", "en_GB", "en_US.UTF-8", "de_DE", "C", "", "n", "nld", "nn_NO", "fy_NL" };

  for (gsize i = 0; i < G_N_ELEMENTS (dutch); i++)
    {
      g_autofree char *text = kring_money_format (123456, dutch[i]);

      g_assert_true (kring_money_language_is_dutch (dutch[i]));
      g_assert_cmpstr (text, ==, "€ 1.234,56");
    }
  for (gsize i = 0; i < G_N_ELEMENTS (other); i++)
    {
      g_autofree char *text = kring_money_format (123456, other[i]);

      g_assert_false (kring_money_language_is_dutch (other[i]));
      g_assert_cmpstr (text, ==, "€1,234.56");
    }
  {
    g_autofree char *text = kring_money_format (123456, NULL);

    g_assert_false (kring_money_language_is_dutch (NULL));
    g_assert_cmpstr (text, ==, "€1,234.56");
  }
}

/* Grouping at every length: the digits survive, separators every three. */
static void
test_money_grouping (void)
{
  gint64 cents = 0;

  for (guint digits = 1; digits <= 18; digits++)
    {
      g_autofree char *nl = NULL;
      g_autofree char *en = NULL;
      g_autofree char *plain = NULL;
      g_auto (GStrv) groups = NULL;

      cents = cents * 10 + digits % 10;
      nl = kring_money_format (cents, "nl");
      en = kring_money_format (cents, "en");
      plain = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", cents / 100, (int)(cents % 100));
      g_assert_true (g_str_has_prefix (nl, "€ "));
      g_assert_true (g_str_has_prefix (en, "€"));
      g_strdelimit (en, ",", '_');
      groups = g_strsplit (en + strlen ("€"), "_", -1);
      for (guint i = 1; groups[i] != NULL; i++)
        g_assert_cmpuint (strlen (groups[i]), ==, groups[i + 1] != NULL ? 3 : 6);
      g_assert_cmpuint (strlen (groups[0]), >=, 1);
      g_assert_cmpuint (strlen (groups[0]), <=, groups[1] != NULL ? 3 : 99);
      {
        g_autofree char *joined = g_strjoinv ("", groups);

        g_assert_cmpstr (joined, ==, plain);
      }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/money/dutch", test_money_dutch);
  g_test_add_func ("/money/english", test_money_english);
  g_test_add_func ("/money/languages", test_money_languages);
  g_test_add_func ("/money/grouping", test_money_grouping);

  return g_test_run ();
}
