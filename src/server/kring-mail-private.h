/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inside the mail code: the texts of each mail kind (kring-mail-text.c). */
#pragma once

#include "kring-mail.h"

G_BEGIN_DECLS

typedef enum
{
  KRING_MAIL_DUTCH,
  KRING_MAIL_ENGLISH,
} KringMailLanguage;

/* Appends the subject of @mail in Dutch, English or both ("nl / en"). */
void kring_mail_text_subject (const KringMail *mail, gboolean dutch, gboolean english,
                              GString *out);
/* Appends the body (with "\n" line ends, paragraphs wrapped, @code and its
 * link on lines of their own) of @mail in one language.  @mail's names are
 * already free of control characters; @code is NULL for kinds without one. */
void kring_mail_text_body (const KringMail *mail, KringMailLanguage language, const char *code,
                           GString *out);

G_END_DECLS
