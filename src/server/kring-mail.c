/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issuing codes and composing mails (RFC 5322, text/plain, UTF-8, 8bit,
 * CRLF).  The sender is "Kring <no-reply@kring.invalid>" unless the
 * environment variable KRINGD_MAIL_FROM names another ("Name <address>" or
 * a bare address); the .invalid domain makes a misconfigured server's mail
 * undeliverable rather than spoofed. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <string.h>

#include "kring-crypto.h"
#include "kring-mail-private.h"
#include "kring-store-ops.h"

#define DEFAULT_FROM "Kring <no-reply@kring.invalid>"
/* API.md: at most 5 mails per address and purpose per hour. */
#define RATE_LIMIT_COUNT 5
#define RATE_LIMIT_WINDOW 3600
/* Code lifetimes when the caller gives none (API.md). */
#define DEFAULT_INVITATION_TTL (14 * 86400)
#define DEFAULT_VERIFY_TTL 86400
#define DEFAULT_RESET_TTL 3600
/* RFC 2047 keeps lines with encoded-words within 76 characters: "Subject: "
 * + "=?UTF-8?B?" + base64 of 39 bytes (52 characters) + "?=" is 73. */
#define ENCODED_WORD_BYTES 39
#define MAX_HEADER_LINE 78

const char *
kring_mail_code_purpose (KringMailKind kind)
{
  switch (kind)
    {
      case KRING_MAIL_INVITATION:
        return "invitation";
      case KRING_MAIL_VERIFY:
        return "verify";
      case KRING_MAIL_RESET:
        return "reset";
      case KRING_MAIL_NOTICE:
      case KRING_MAIL_SIGNUP_EXISTS:
      default:
        return NULL;
    }
}

/* The purpose a mail counts under for the rate limit.  A signup counts as
 * "verify" whether or not the email has a login, so the limit reveals
 * nothing either. */
static const char *
log_purpose (KringMailKind kind)
{
  switch (kind)
    {
      case KRING_MAIL_NOTICE:
        return "notice";
      case KRING_MAIL_SIGNUP_EXISTS:
        return "verify";
      default:
        return kring_mail_code_purpose (kind);
    }
}

static gint64
default_ttl (KringMailKind kind)
{
  switch (kind)
    {
      case KRING_MAIL_VERIFY:
        return DEFAULT_VERIFY_TTL;
      case KRING_MAIL_RESET:
        return DEFAULT_RESET_TTL;
      default:
        return DEFAULT_INVITATION_TTL;
    }
}

static const char *
mail_from (void)
{
  static const char *from;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      const char *env = g_getenv ("KRINGD_MAIL_FROM");
      const char *value = DEFAULT_FROM;

      if (env != NULL && strchr (env, '@') != NULL && strpbrk (env, "\r\n") == NULL
          && g_str_is_ascii (env))
        value = env;
      else if (env != NULL)
        g_warning ("KRINGD_MAIL_FROM is no ASCII address; using %s", DEFAULT_FROM);
      from = g_intern_string (value);
      g_once_init_leave (&once, 1);
    }
  return from;
}

/* The domain of the sender, for Message-IDs. */
static char *
from_domain (void)
{
  const char *at = strrchr (mail_from (), '@');
  g_autofree char *domain = g_strdup (at + 1);

  g_strdelimit (domain, "> \t", '\0');
  return g_steal_pointer (&domain);
}

/* Names come validated from the API, but a header or a line of its own must
 * never be made out of them: control characters become spaces. */
static char *
sanitise (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_utf8_make_valid (text, -1);
  for (char *p = copy; *p != '\0'; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f)
      *p = ' ';
  return copy;
}

static void
append_date (GString *out, gint64 now)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[]
      = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (now);

  /* Fixed English names: RFC 5322 dates are not localised. */
  g_string_append_printf (out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
                          days[g_date_time_get_day_of_week (t) - 1],
                          g_date_time_get_day_of_month (t), months[g_date_time_get_month (t) - 1],
                          g_date_time_get_year (t), g_date_time_get_hour (t),
                          g_date_time_get_minute (t), g_date_time_get_second (t));
}

/* An ASCII subject folded at spaces to 78 columns (RFC 5322 §2.2.3). */
static void
append_plain_subject (GString *out, const char *subject)
{
  g_auto (GStrv) words = g_strsplit (subject, " ", -1);
  gsize column = strlen ("Subject:");

  g_string_append (out, "Subject:");
  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize length = strlen (words[i]);

      if (i > 0 && column + 1 + length > MAX_HEADER_LINE)
        {
          g_string_append (out, "\r\n");
          column = 0;
        }
      g_string_append_printf (out, " %s", words[i]);
      column += 1 + length;
    }
  g_string_append (out, "\r\n");
}

/* RFC 2047: B-encoded words, each of whole UTF-8 characters, folded. */
static void
append_subject (GString *out, const char *subject)
{
  const char *p = subject;

  if (g_str_is_ascii (subject) && strstr (subject, "=?") == NULL)
    {
      append_plain_subject (out, subject);
      return;
    }
  g_string_append (out, "Subject:");
  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *encoded = NULL;

      while (*end != '\0' && g_utf8_next_char (end) - p <= ENCODED_WORD_BYTES)
        end = g_utf8_next_char (end);
      encoded = g_base64_encode ((const guchar *)p, end - p);
      g_string_append_printf (out, "%s=?UTF-8?B?%s?=", p == subject ? " " : "\r\n ", encoded);
      p = end;
    }
  g_string_append (out, "\r\n");
}

static void
append_crlf (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }
}

/* The language of the recipient when the caller did not say. */
static gboolean
resolve_language (KringTxn *txn, const KringMail *mail, const char **out, GError **error)
{
  g_auto (KringUser) user = { 0 };
  g_autoptr (GError) local = NULL;

  *out = mail->language;
  if (*out != NULL)
    return TRUE;
  if (!kring_txn_ops (txn)->users->get_by_email (txn, mail->recipient, &user, &local))
    {
      if (local == NULL)
        return TRUE; /* no login yet: the language is unknown */
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *out = g_intern_string (user.language);
  return TRUE;
}

static char *
compose (KringTxn *txn, const KringMail *mail, const char *language, const char *code)
{
  GString *out = g_string_new (NULL);
  g_autoptr (GString) subject = g_string_new (NULL);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *domain = from_domain ();
  gboolean nl = g_strcmp0 (language, "nl") == 0;
  gboolean en = g_strcmp0 (language, "en") == 0;

  kring_mail_text_subject (mail, !en, !nl, subject);

  /* Unknown language: Dutch first, then English, in one mail. */
  if (!nl && !en)
    g_string_append (body, "(English below)\n\n");
  if (!en)
    kring_mail_text_body (mail, KRING_MAIL_DUTCH, code, body);
  if (!nl && !en)
    g_string_append (body, "\n----------------------------------------\n\n");
  if (!nl)
    kring_mail_text_body (mail, KRING_MAIL_ENGLISH, code, body);

  append_date (out, kring_txn_now (txn));
  g_string_append_printf (out, "From: %s\r\n", mail_from ());
  g_string_append_printf (out, "To: %s\r\n", mail->recipient);
  append_subject (out, subject->str);
  g_string_append_printf (out, "Message-ID: <%s@%s>\r\n", uuid, domain);
  g_string_append (out, "MIME-Version: 1.0\r\n"
                        "Content-Type: text/plain; charset=utf-8\r\n"
                        "Content-Transfer-Encoding: 8bit\r\n"
                        "\r\n");
  append_crlf (out, body->str);
  return g_string_free (out, FALSE);
}

/* Stores the hash of a fresh code; older codes of the email and purpose
 * stop working (the auth ops see to that). */
static char *
issue_code (KringTxn *txn, const KringMail *mail, gint64 ttl, GError **error)
{
  g_autofree char *code = kring_code_new ();
  guint8 hash[KRING_HASH_LENGTH];

  kring_secret_hash (code, hash);
  if (!kring_txn_ops (txn)->auth->code_store (txn, kring_mail_code_purpose (mail->kind),
                                              mail->recipient, mail->user_id, hash, sizeof hash,
                                              mail->payload, kring_txn_now (txn) + ttl, error))
    return NULL;
  return g_steal_pointer (&code);
}

static gboolean
under_rate_limit (KringTxn *txn, const KringMail *mail, gboolean *out_ok, GError **error)
{
  gint64 count = 0;

  if (!kring_txn_ops (txn)->mail->count_recent (txn, mail->recipient, log_purpose (mail->kind),
                                                kring_txn_now (txn) - RATE_LIMIT_WINDOW, &count,
                                                error))
    return FALSE;
  *out_ok = count < RATE_LIMIT_COUNT;
  return TRUE;
}

gboolean
kring_mail_send (KringTxn *txn, const KringMail *mail, gboolean *out_sent, GError **error)
{
  KringMail clean = *mail;
  g_autofree char *organisation = sanitise (mail->organisation);
  g_autofree char *inviter = sanitise (mail->inviter);
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  const char *language = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (mail->recipient != NULL, FALSE);
  if (out_sent != NULL)
    *out_sent = FALSE;
  if (!under_rate_limit (txn, mail, &ok, error))
    return FALSE;
  if (!ok)
    {
      /* The request answers as usual; the last code sent keeps working. */
      g_info ("Rate limit: no %s mail to %s", log_purpose (mail->kind), mail->recipient);
      return TRUE;
    }

  clean.organisation = organisation;
  clean.inviter = inviter;
  if (clean.code_ttl <= 0)
    clean.code_ttl = default_ttl (mail->kind);
  if (kring_mail_code_purpose (mail->kind) != NULL
      && (code = issue_code (txn, &clean, clean.code_ttl, error)) == NULL)
    return FALSE;
  if (!resolve_language (txn, &clean, &language, error))
    return FALSE;

  message = compose (txn, &clean, language, code);
  if (!kring_txn_ops (txn)->mail->enqueue (txn, mail->recipient, log_purpose (mail->kind), message,
                                           error))
    return FALSE;
  kring_txn_mail_queued (txn);
  if (out_sent != NULL)
    *out_sent = TRUE;
  return TRUE;
}
