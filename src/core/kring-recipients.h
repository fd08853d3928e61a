/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The people in a drop or a paste (UI.md, "Drag-and-drop inviting"): the
 * addresses in text as mail clients and spreadsheets put it on the
 * clipboard, and the contacts in vCard files.  Pure parsing, no I/O. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *name;     /* display name, or NULL: passes kring_text_normalise_line() with
                   * KRING_TEXT_LINE_MAX, and is never itself an email address */
  char *email;    /* kring_email_normalise() form when valid, else NULL */
  char *raw;      /* the address as found (unwrapped from <…>, mailto: and quotes),
                   * UTF-8: what to show for an invalid one */
  gboolean valid; /* FALSE: "not an email address" in the drop summary */
} KringRecipient;

void kring_recipient_free (KringRecipient *recipient);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringRecipient, kring_recipient_free)

/* All three return a new array of KringRecipient (it frees them), in order
 * of first appearance, one per address: the valid ones unique by normal
 * form, the invalid ones unique by raw text.  A later duplicate adds
 * nothing but a name when the first one had none.  Never NULL.
 *
 * Text (@text NUL-terminated; invalid UTF-8 is repaired, NULL is empty):
 * addresses separated by commas, semicolons, line ends or white space,
 * each bare, "Name <address>", "\"Last, First\" <address>", Outlook's
 * "Name (address)", "Name [mailto:address]" and "'address'", an
 * old-style "address (Name)", "mailto:" links (query cut, %-escapes
 * decoded), with RFC 2047 encoded names.  Punctuation a sentence puts
 * around an address is dropped.  Words with no "@" are never a recipient,
 * and a name only right before a bracketed address (since the last
 * separator; plain words before a bare address are as likely prose), or as
 * a quoted string right before a bare one.  A name that is itself an
 * address (Outlook's "'jan@…' <jan@…>") counts as none.  A token with an
 * "@" (other than a lone "@") that is no valid address is returned invalid.
 * On a line with a semicolon, commas do not separate (Outlook's "Last,
 * First <address>; …"); elsewhere one to four plain words, a comma and one
 * to four more before a bracketed address are taken as an unquoted "Last,
 * First" too.  A line with tabs is a spreadsheet row: a bare
 * address takes its name from the cells of words before it (or, when the
 * row has one address, after it), so "Jan\tde Vries\tjan@voorbeeld.nl"
 * gives "Jan de Vries".  Names longer than KRING_TEXT_LINE_MAX code points
 * are dropped, never cut. */
GPtrArray *kring_recipients_from_text (const char *text);

/* vCard 2.1, 3.0 and 4.0, any number of contacts (@data need not be
 * NUL-terminated).  Lines unfolded (CRLF, LF or CR, then a space or tab),
 * property names and parameters case-insensitive, "item1." groups ignored,
 * quoted-printable (with soft line breaks) and base64 values decoded and
 * converted from their CHARSET (else UTF-8, else Windows-1252), text
 * escapes undone; a UTF-8 or UTF-16 byte order mark is understood.
 *
 * Every EMAIL of a contact is a recipient (home and work alike, in file
 * order: PREF only ranks them, and the user chose the contact), each named
 * after the contact: FN, else N (prefix given additional family suffix),
 * else the first ORG component.  A non-empty EMAIL value that holds no
 * address is returned invalid.  A 4.0 group's "MEMBER:mailto:" addresses
 * are recipients without a name.  BEGIN:VCARD inside a contact ends that
 * contact (a file missing an END loses nothing); END without BEGIN and
 * anything outside BEGIN/END are ignored; a contact cut off at the end of
 * the data still counts. */
GPtrArray *kring_recipients_from_vcard (const char *data, gsize length);

/* TRUE when @data starts (after a byte order mark and white space) with
 * "BEGIN:VCARD": a dropped file or pasted text to read as vCard. */
gboolean kring_recipients_is_vcard (const char *data, gsize length);

/* kring_recipients_from_vcard() when kring_recipients_is_vcard(), else
 * kring_recipients_from_text() of @data (UTF-16 with a byte order mark is
 * converted; a NUL ends the text). */
GPtrArray *kring_recipients_from_data (const char *data, gsize length);

G_END_DECLS
