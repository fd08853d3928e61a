/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The text rules of API.md ("Conventions"): trimming, lengths in code points,
 * control characters, and the case-folded key used to sort and search. */
#pragma once

#include <glib.h>

#include "kring-problem.h"

G_BEGIN_DECLS

#define KRING_TEXT_LINE_MAX 200         /* title, client_name, name, organisation */
#define KRING_TEXT_BODY_MAX_BYTES 65536 /* entry body */
#define KRING_TEXT_PASSWORD_MIN 10
#define KRING_TEXT_PASSWORD_MAX 1024

/* Finds @s without the Unicode white space (g_unichar_isspace()) at both
 * ends: returns a pointer into @s and stores the trimmed length in bytes in
 * @length.  @s must be valid UTF-8. */
const char *kring_text_trim (const char *s, gsize *length);

/* Checks a one-line field (title, client_name, name, organisation): after
 * trimming, 1 to @max_code_points code points (KRING_TEXT_LINE_MAX for all of
 * the API's fields) and no control character U+0000–U+001F or U+007F.
 * Returns the trimmed copy, or NULL with @error set to invalid_field and
 * @field (a static or interned string) for NULL, invalid UTF-8, an empty or a
 * too long text, or a control character. */
char *kring_text_normalise_line (const char *in, gsize max_code_points, KringFieldError *error,
                                 const char *field);

/* Checks an entry body as it will be stored (it is not trimmed): valid UTF-8
 * of 1 to KRING_TEXT_BODY_MAX_BYTES bytes, at least one character that is
 * not white space, and no control character except "\n" and "\t" (so no
 * "\r": clients send "\n" line ends).  On failure fills @error with
 * invalid_field and the field "body". */
gboolean kring_text_check_body (const char *body, KringFieldError *error);

/* Checks a new password: valid UTF-8 of KRING_TEXT_PASSWORD_MIN to
 * KRING_TEXT_PASSWORD_MAX code points, taken as typed (not trimmed: a
 * password is a secret, not a text to tidy).  On failure fills @error with
 * invalid_field and @field. */
gboolean kring_text_check_password (const char *password, KringFieldError *error,
                                    const char *field);

/* The key by which titles and names sort "case-insensitively (Unicode case
 * folding)" and by which the dossier search `q` matches: NFKC, then full
 * Unicode case folding, then NFKC again; this is Unicode's NFKC_Casefold
 * (UAX #44) except that default-ignorable characters are kept.  So
 * "Ｂöse ﬁle" and "BÖSE FILE" have the same key, and "straße" matches
 * "STRASSE"; accents are kept ("e" does not find "é").  Compare keys with
 * strcmp() (code point order: stable and locale-independent, as the server
 * needs) and search with strstr() of the query's key in the text's key.
 * Invalid UTF-8 is repaired first (U+FFFD); returns NULL only for NULL. */
char *kring_text_casefold_key (const char *s);

G_END_DECLS
