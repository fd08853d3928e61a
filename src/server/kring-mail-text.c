/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the mails say, in Dutch and in English.  The Dutch is the informal
 * "je" that care workers use with each other and with families.  A mail may
 * name the organisation and the person who invited, never a client or a
 * dossier (API.md, "Mail"). */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <string.h>

#include "kring-mail-private.h"

/* Plain-text mail readers show 72 columns comfortably. */
#define WRAP_WIDTH 72

/* Appends @text wrapped at spaces to WRAP_WIDTH code points; a word longer
 * than that stays whole on a line of its own. */
static void
append_wrapped (GString *out, const char *text)
{
  const char *start = text;

  while (*start != '\0')
    {
      const char *p = start;
      const char *cut = NULL;
      guint n = 0;

      for (; *p != '\0' && n < WRAP_WIDTH; p = g_utf8_next_char (p), n++)
        if (*p == ' ')
          cut = p;
      if (*p == '\0')
        {
          g_string_append (out, start);
          break;
        }
      if (*p == ' ')
        cut = p;
      if (cut == NULL && (cut = strchr (p, ' ')) == NULL)
        {
          g_string_append (out, start);
          break;
        }
      g_string_append_len (out, start, cut - start);
      g_string_append_c (out, '\n');
      start = cut + 1;
    }
  g_string_append (out, "\n\n");
}

static void para (GString *out, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
para (GString *out, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  append_wrapped (out, text);
}

/* The code and the link each on a line of their own, never wrapped, so a
 * mail client makes the link clickable and a person can copy the code. */
static void
link_line (GString *out, const KringMail *mail, const char *code)
{
  g_string_append_printf (out, "kring://%s/%s\n\n", kring_mail_code_purpose (mail->kind), code);
}

static void
code_line (GString *out, const char *code)
{
  g_string_append_printf (out, "%s\n\n", code);
}

/* "Inviter of Organisation", or whichever of the two is known, or NULL. */
static char *
who (const KringMail *mail, const char *of)
{
  if (mail->inviter != NULL && mail->organisation != NULL)
    return g_strdup_printf ("%s %s %s", mail->inviter, of, mail->organisation);
  if (mail->inviter != NULL)
    return g_strdup (mail->inviter);
  return g_strdup (mail->organisation);
}

static char *
duration (gint64 seconds, KringMailLanguage language)
{
  gboolean nl = language == KRING_MAIL_DUTCH;
  gint64 n;

  if (seconds >= 2 * 86400 && seconds % 86400 == 0)
    return g_strdup_printf (nl ? "%" G_GINT64_FORMAT " dagen" : "%" G_GINT64_FORMAT " days",
                            seconds / 86400);
  if (seconds == 86400)
    return g_strdup (nl ? "1 dag" : "1 day");
  if (seconds >= 3600 && seconds % 3600 == 0)
    {
      n = seconds / 3600;
      /* Dutch says "1 uur" and "24 uur" alike. */
      return g_strdup_printf (nl       ? "%" G_GINT64_FORMAT " uur"
                              : n == 1 ? "%" G_GINT64_FORMAT " hour"
                                       : "%" G_GINT64_FORMAT " hours",
                              n);
    }
  n = MAX ((seconds + 59) / 60, 1);
  if (n == 1)
    return g_strdup (nl ? "1 minuut" : "1 minute");
  return g_strdup_printf (nl ? "%" G_GINT64_FORMAT " minuten" : "%" G_GINT64_FORMAT " minutes", n);
}

/* Invitation: a new person added as teammate or participant. */

static void
invitation_nl (GString *out, const KringMail *mail, const char *code)
{
  g_autofree char *by = who (mail, "van");
  g_autofree char *valid = duration (mail->code_ttl, KRING_MAIL_DUTCH);

  if (by != NULL)
    para (out, "%s nodigt je uit voor Kring.", by);
  else
    para (out, "Je bent uitgenodigd voor Kring.");
  para (out, "In Kring houden zorgverleners en de mensen rond een cliënt samen het dossier bij.");
  para (out, "Open de uitnodiging in de Kring-app met deze link:");
  link_line (out, mail, code);
  para (out, "Werkt de link niet? Kies dan in de app voor ‘Ik heb een uitnodiging’ en vul deze "
             "code in:");
  code_line (out, code);
  para (out,
        "Daarna kies je een wachtwoord en kun je meteen aan de slag. De uitnodiging is %s "
        "geldig.",
        valid);
  para (out, "Verwachtte je deze uitnodiging niet? Dan kun je deze mail gewoon negeren.");
}

static void
invitation_en (GString *out, const KringMail *mail, const char *code)
{
  g_autofree char *by = who (mail, "of");
  g_autofree char *valid = duration (mail->code_ttl, KRING_MAIL_ENGLISH);

  if (by != NULL)
    para (out, "%s invites you to Kring.", by);
  else
    para (out, "You are invited to Kring.");
  para (out, "In Kring, care workers and the people around a client keep the client's file "
             "together.");
  para (out, "Open the invitation in the Kring app with this link:");
  link_line (out, mail, code);
  para (out, "If the link does not work, choose “I have an invitation” in the app and enter "
             "this code:");
  code_line (out, code);
  para (out, "Then choose a password and you are ready to go. The invitation is valid for %s.",
        valid);
  para (out, "Not expecting this invitation? Then you can simply ignore this mail.");
}

/* Notice: someone who has a login was given access somewhere. */

static void
notice_nl (GString *out, const KringMail *mail, const char *code)
{
  g_autofree char *by = who (mail, "van");

  if (by != NULL)
    para (out, "%s heeft je toegang gegeven in Kring.", by);
  else
    para (out, "Je hebt nieuwe toegang gekregen in Kring.");
  para (out, "Je hebt al een account bij Kring, dus je hoeft niets in te stellen. Log in met je "
             "e-mailadres en wachtwoord, dan staat alles wat met je gedeeld is voor je klaar.");
  para (out, "Wachtwoord vergeten? Kies dan in de app voor ‘Wachtwoord vergeten’.");
}

static void
notice_en (GString *out, const KringMail *mail, const char *code)
{
  g_autofree char *by = who (mail, "of");

  if (by != NULL)
    para (out, "%s has given you access in Kring.", by);
  else
    para (out, "You have been given new access in Kring.");
  para (out, "You already have a Kring account, so there is nothing to set up. Sign in with "
             "your email address and password and you will find everything shared with you.");
  para (out, "Forgot your password? Choose “Forgot password” in the app.");
}

/* Verify: the code that completes a signup. */

static void
verify_nl (GString *out, const KringMail *mail, const char *code)
{
  g_autofree char *valid = duration (mail->code_ttl, KRING_MAIL_DUTCH);

  if (mail->organisation != NULL)
    para (out,
          "Fijn dat je %s aanmeldt bij Kring! Bevestig je e-mailadres met deze link, dan "
          "zetten we je organisatie meteen klaar:",
          mail->organisation);
  else
    para (out, "Fijn dat je je aanmeldt bij Kring! Bevestig je e-mailadres met deze link, dan "
               "zetten we je organisatie meteen klaar:");
  link_line (out, mail, code);
  para (out, "Werkt de link niet? Vul dan deze code in de app in, op de plek waar om de code "
             "gevraagd wordt:");
  code_line (out, code);
  para (out, "De code is %s geldig.", valid);
  para (out, "Heb je je niet aangemeld? Dan kun je deze mail negeren: er wordt niets aangemaakt.");
}

static void
verify_en (GString *out, const KringMail *mail, const char *code)
{
  g_autofree char *valid = duration (mail->code_ttl, KRING_MAIL_ENGLISH);

  if (mail->organisation != NULL)
    para (out,
          "Thank you for signing up %s for Kring! Confirm your email address with this "
          "link and we will set up your organisation right away:",
          mail->organisation);
  else
    para (out, "Thank you for signing up for Kring! Confirm your email address with this link "
               "and we will set up your organisation right away:");
  link_line (out, mail, code);
  para (out, "If the link does not work, enter this code in the app where it asks for it:");
  code_line (out, code);
  para (out, "The code is valid for %s.", valid);
  para (out, "Did not sign up? Then you can ignore this mail: nothing will be created.");
}

/* Signup for an email that already has a login: say so, issue nothing. */

static void
signup_exists_nl (GString *out, const KringMail *mail, const char *code)
{
  para (out, "Zojuist is met dit e-mailadres een nieuwe organisatie aangemeld bij Kring. Je hebt "
             "al een account bij Kring, dus er is niets nieuws aangemaakt.");
  para (out, "Log gewoon in met je e-mailadres en wachtwoord. Wil je een extra organisatie "
             "starten? Dat kan na het inloggen.");
  para (out, "Wachtwoord vergeten? Kies dan in de app voor ‘Wachtwoord vergeten’.");
  para (out, "Heb je dit niet zelf gedaan? Dan hoef je niets te doen.");
}

static void
signup_exists_en (GString *out, const KringMail *mail, const char *code)
{
  para (out, "Someone just used this email address to sign up a new organisation for Kring. "
             "You already have a Kring account, so nothing new was created.");
  para (out, "Simply sign in with your email address and password. Want to start another "
             "organisation? You can do that after signing in.");
  para (out, "Forgot your password? Choose “Forgot password” in the app.");
  para (out, "Was this not you? Then there is nothing you need to do.");
}

/* Reset: a code to choose a new password. */

static void
reset_nl (GString *out, const KringMail *mail, const char *code)
{
  g_autofree char *valid = duration (mail->code_ttl, KRING_MAIL_DUTCH);

  para (out, "Je hebt gevraagd om een nieuw wachtwoord voor Kring. Met deze link kies je een "
             "nieuw wachtwoord:");
  link_line (out, mail, code);
  para (out, "Werkt de link niet? Kies dan in de app voor ‘Wachtwoord vergeten’ en vul deze "
             "code in:");
  code_line (out, code);
  para (out,
        "De code is %s geldig. Zodra je een nieuw wachtwoord hebt ingesteld, word je op al "
        "je apparaten uitgelogd.",
        valid);
  para (out, "Heb je hier niet om gevraagd? Dan kun je deze mail negeren: je wachtwoord blijft "
             "zoals het was.");
}

static void
reset_en (GString *out, const KringMail *mail, const char *code)
{
  g_autofree char *valid = duration (mail->code_ttl, KRING_MAIL_ENGLISH);

  para (out, "You asked for a new Kring password. Choose a new password with this link:");
  link_line (out, mail, code);
  para (out, "If the link does not work, choose “Forgot password” in the app and enter this "
             "code:");
  code_line (out, code);
  para (out,
        "The code is valid for %s. Once you have set a new password, you are signed out "
        "on all your devices.",
        valid);
  para (out, "Did not ask for this? Then you can ignore this mail: your password stays as it "
             "was.");
}

typedef void (*BodyFunc) (GString *out, const KringMail *mail, const char *code);

typedef struct
{
  const char *subject[2];
  gboolean organisation_prefix; /* "Organisation: subject" */
  BodyFunc body[2];
} KindText;

/* Indexed by KringMailKind; inner arrays by KringMailLanguage. */
static const KindText kinds[] = {
  [KRING_MAIL_INVITATION]
  = { { "uitnodiging voor Kring", "invitation to Kring" }, TRUE, { invitation_nl, invitation_en } },
  [KRING_MAIL_NOTICE]
  = { { "nieuwe toegang in Kring", "new access in Kring" }, TRUE, { notice_nl, notice_en } },
  [KRING_MAIL_VERIFY]
  = { { "Bevestig je e-mailadres voor Kring", "Confirm your email address for Kring" },
      FALSE,
      { verify_nl, verify_en } },
  [KRING_MAIL_SIGNUP_EXISTS]
  = { { "Je hebt al een account bij Kring", "You already have a Kring account" },
      FALSE,
      { signup_exists_nl, signup_exists_en } },
  [KRING_MAIL_RESET]
  = { { "Nieuw wachtwoord voor Kring", "New password for Kring" }, FALSE, { reset_nl, reset_en } },
};

/* After "Organisation: " the subject goes on in lower case. */
static void
append_part (GString *out, const char *text, gboolean capitalise)
{
  if (capitalise)
    {
      g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (text)));
      text = g_utf8_next_char (text);
    }
  g_string_append (out, text);
}

void
kring_mail_text_subject (const KringMail *mail, gboolean dutch, gboolean english, GString *out)
{
  const KindText *text = &kinds[mail->kind];
  gboolean prefix = text->organisation_prefix && mail->organisation != NULL;

  /* The organisation once, even when the subject is in both languages. */
  if (prefix)
    g_string_append_printf (out, "%s: ", mail->organisation);
  if (dutch)
    append_part (out, text->subject[KRING_MAIL_DUTCH], !prefix);
  if (dutch && english)
    g_string_append (out, " / ");
  if (english)
    append_part (out, text->subject[KRING_MAIL_ENGLISH], !prefix);
}

void
kring_mail_text_body (const KringMail *mail, KringMailLanguage language, const char *code,
                      GString *out)
{
  gboolean nl = language == KRING_MAIL_DUTCH;

  g_string_append (out, nl ? "Hallo,\n\n" : "Hello,\n\n");
  kinds[mail->kind].body[language](out, mail, code);
  g_string_append (out, nl ? "Met vriendelijke groet,\nKring\n" : "Kind regards,\nKring\n");
}
