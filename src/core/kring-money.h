/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Euro amounts for people, in the conventions of the UI language. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Formats @cents as euros with two decimals and digit grouping:
 *   Dutch ("nl", "nl_NL.UTF-8", "nl-BE", …):  "€ 1.234,56"   "€ -1,50"
 *   anything else, and NULL:                  "€1,234.56"    "-€1.50"
 * (the CLDR patterns of nl and en).  The separators are plain ASCII: a
 * label that must not wrap is the caller's concern.  Every gint64 is
 * formatted exactly, G_MININT64 included.  Free with g_free(). */
char *kring_money_format (gint64 cents, const char *language);

/* Whether @language (a locale name or BCP 47 tag) is Dutch. */
gboolean kring_money_language_is_dutch (const char *language);

G_END_DECLS
