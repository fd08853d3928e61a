/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include <string.h>

#include "kring-money.h"

gboolean
kring_money_language_is_dutch (const char *language)
{
  /* "nl" followed by the end or a locale/tag separator (strchr() also finds
   * the terminating NUL); "nld" or "nn" are not Dutch here. */
  return language != NULL && g_ascii_strncasecmp (language, "nl", 2) == 0
         && strchr ("_-.@", language[2]) != NULL;
}

/* The digits of @magnitude in groups of three, the groups joined by @sep. */
static void
append_grouped (GString *out, guint64 magnitude, char sep)
{
  char digits[24];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);

  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, sep);
      g_string_append_c (out, digits[i]);
    }
}

char *
kring_money_format (gint64 cents, const char *language)
{
  gboolean dutch = kring_money_language_is_dutch (language);
  /* Negating in unsigned arithmetic keeps G_MININT64 exact. */
  guint64 magnitude = cents < 0 ? -(guint64)cents : (guint64)cents;
  GString *out = g_string_new (NULL);

  if (dutch)
    g_string_append (out, cents < 0 ? "€ -" : "€ ");
  else
    g_string_append (out, cents < 0 ? "-€" : "€");
  append_grouped (out, magnitude / 100, dutch ? '.' : ',');
  g_string_append_printf (out, "%c%02u", dutch ? ',' : '.', (guint)(magnitude % 100));
  return g_string_free (out, FALSE);
}
