/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Error sentences by problem code.  The server's `detail` is English and
 * meant for logs; people read these instead. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-error-messages.h"

const char *
kring_error_message_for_code (KringClientError code)
{
  switch (code)
    {
      case KRING_CLIENT_ERROR_INVALID_JSON:
      case KRING_CLIENT_ERROR_INVALID_QUERY:
      case KRING_CLIENT_ERROR_UNSUPPORTED_MEDIA_TYPE:
      case KRING_CLIENT_ERROR_METHOD_NOT_ALLOWED:
        return _ ("The server did not understand the request. Kring may need an update.");
      case KRING_CLIENT_ERROR_UNAUTHENTICATED:
        return _ ("Your session has ended. Sign in again.");
      case KRING_CLIENT_ERROR_INVALID_CREDENTIALS:
        return _ ("The email address or the password is not right.");
      case KRING_CLIENT_ERROR_FORBIDDEN:
        return _ ("You are not allowed to do this.");
      case KRING_CLIENT_ERROR_NOT_FOUND:
        return _ ("This no longer exists, or you no longer have access to it.");
      case KRING_CLIENT_ERROR_GUEST_DOSSIER_LIMIT:
        return _ (
            "This person is already a guest in as many dossiers as a guest can join for free.");
      case KRING_CLIENT_ERROR_DOSSIER_GUEST_CAPACITY:
        return _ ("This dossier is full: it cannot hold more guests.");
      case KRING_CLIENT_ERROR_ALREADY_PARTICIPANT:
        return _ ("This person is already in the dossier.");
      case KRING_CLIENT_ERROR_TEAMMATE_EXISTS:
        return _ ("This person is already a teammate.");
      case KRING_CLIENT_ERROR_PLAN_USER_LIMIT:
        return _ ("The plan cannot hold more users. Choose a larger plan first.");
      case KRING_CLIENT_ERROR_LAST_OWNER:
        return _ ("The organisation needs another owner first.");
      case KRING_CLIENT_ERROR_DOSSIER_ARCHIVED:
        return _ ("This dossier is archived. Restore it to change it.");
      case KRING_CLIENT_ERROR_CODE_INVALID:
        return _ ("This code is not valid: it is unknown, already used or expired.");
      case KRING_CLIENT_ERROR_BODY_TOO_LARGE:
        return _ ("This is too much to send at once.");
      case KRING_CLIENT_ERROR_INVALID_EMAIL:
        return _ ("This is not an email address.");
      case KRING_CLIENT_ERROR_INVALID_FIELD:
        return _ ("Some of what you entered is not valid.");
      case KRING_CLIENT_ERROR_RATE_LIMITED:
        return _ ("Too many attempts. Wait a while and try again.");
      case KRING_CLIENT_ERROR_UNAVAILABLE:
        return _ ("The server is busy. Try again in a moment.");
      case KRING_CLIENT_ERROR_INTERNAL:
      case KRING_CLIENT_ERROR_FAILED:
        return _ ("Something went wrong at the server. Try again later.");
      case KRING_CLIENT_ERROR_INSECURE:
        return _ ("Kring does not send passwords over an unencrypted connection. Use an https:// "
                  "address; plain http:// is only allowed for this computer itself (localhost).");
      case KRING_CLIENT_ERROR_INVALID_URL:
        return _ ("This is not a server address. Enter it like https://kring.example.nl.");
      case KRING_CLIENT_ERROR_INVALID_RESPONSE:
        return _ ("The server gave an answer Kring does not understand. Is this a Kring server?");
      default:
        return _ ("Something went wrong.");
    }
}

/* For the fields people fill in themselves; others get the general text. */
static const char *
invalid_field_message (const char *field)
{
  if (field == NULL)
    return NULL;
  if (g_str_equal (field, "password"))
    return _ ("The password must be at least 10 characters long.");
  if (g_str_equal (field, "current_password"))
    return _ ("The current password is not right.");
  if (g_str_equal (field, "name") || g_str_equal (field, "organisation")
      || g_str_equal (field, "title") || g_str_equal (field, "client_name"))
    return _ ("A name must be 1 to 200 characters long.");
  if (g_str_equal (field, "body"))
    return _ ("The entry is empty or too long.");
  if (g_str_equal (field, "plan"))
    return _ ("This plan does not exist, or cannot hold this many users.");
  return NULL;
}

static char *
client_error_message (const GError *error)
{
  gint64 limit = kring_client_error_get_limit (error);
  const KringProblemDetails *problem = kring_client_error_get_problem (error);
  const char *text;

  switch ((KringClientError)error->code)
    {
      case KRING_CLIENT_ERROR_GUEST_DOSSIER_LIMIT:
        if (limit < 0)
          break;
        return g_strdup_printf (
            ngettext ("This person is already a guest in %d dossier, the most a "
                      "guest can join for free.",
                      "This person is already a guest in %d dossiers, the most a "
                      "guest can join for free.",
                      (gulong)limit),
            (int)limit);
      case KRING_CLIENT_ERROR_DOSSIER_GUEST_CAPACITY:
        if (limit < 0)
          break;
        return g_strdup_printf (ngettext ("This dossier is full: it holds at most %d guest.",
                                          "This dossier is full: it holds at most %d guests.",
                                          (gulong)limit),
                                (int)limit);
      case KRING_CLIENT_ERROR_PLAN_USER_LIMIT:
        if (problem == NULL || problem->max_users < 0)
          break;
        return g_strdup_printf (
            ngettext ("The plan holds at most %d user. Choose a larger plan first.",
                      "The plan holds at most %d users. Choose a larger plan "
                      "first.",
                      (gulong)problem->max_users),
            (int)problem->max_users);
      case KRING_CLIENT_ERROR_RATE_LIMITED:
        if (problem == NULL || problem->retry_after == 0)
          break;
        {
          guint minutes = (problem->retry_after + 59) / 60;
          return g_strdup_printf (ngettext ("Too many attempts. Try again in %u minute.",
                                            "Too many attempts. Try again in %u minutes.", minutes),
                                  minutes);
        }
      case KRING_CLIENT_ERROR_INVALID_FIELD:
        if ((text = invalid_field_message (kring_client_error_get_field (error))) != NULL)
          return g_strdup (text);
        break;
      default:
        break;
    }
  return g_strdup (kring_error_message_for_code (error->code));
}

char *
kring_error_message (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == KRING_CLIENT_ERROR)
    return client_error_message (error);
  if (error->domain == G_RESOLVER_ERROR)
    return g_strdup (_ ("The server address cannot be found. Check the address and your "
                        "internet connection."));
  if (error->domain == G_TLS_ERROR)
    return g_strdup (_ ("The server’s certificate cannot be trusted, so the connection is not "
                        "safe. Kring does not connect."));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_strdup (_ ("The server did not answer in time. Try again later."));
  if (error->domain == G_IO_ERROR)
    return g_strdup (_ ("The server cannot be reached. Check the address and your internet "
                        "connection."));
  return g_strdup (_ ("Something went wrong."));
}

gboolean
kring_error_is_transient (const GError *error)
{
  if (error == NULL || kring_error_is_cancelled (error))
    return FALSE;
  if (error->domain == KRING_CLIENT_ERROR)
    return error->code == KRING_CLIENT_ERROR_UNAVAILABLE
           || error->code == KRING_CLIENT_ERROR_RATE_LIMITED
           || error->code == KRING_CLIENT_ERROR_INTERNAL
           || error->code == KRING_CLIENT_ERROR_FAILED;
  /* A certificate does not get better by trying again. */
  return error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR;
}

gboolean
kring_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

char *
kring_toast_error_title (const char *what, const char *reason)
{
  /* Translators: what failed, then why, e.g. "Could not load the dossiers. The
   * server cannot be reached." */
  g_autofree char *text = g_strdup_printf (_ ("%s %s"), what, reason);

  return g_markup_escape_text (text, -1);
}

AdwToast *
kring_toast_new_error (const char *title, const char *retry_action)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 0);
  if (retry_action != NULL)
    {
      adw_toast_set_button_label (toast, _ ("_Retry"));
      adw_toast_set_action_name (toast, retry_action);
    }
  return toast;
}

void
kring_toast_replace (AdwToastOverlay *overlay, AdwToast **slot, AdwToast *toast)
{
  g_object_ref_sink (toast);
  kring_toast_dismiss (slot);
  *slot = toast;
  adw_toast_overlay_add_toast (overlay, g_object_ref (toast));
}

void
kring_toast_dismiss (AdwToast **slot)
{
  if (*slot == NULL)
    return;
  adw_toast_dismiss (*slot);
  g_clear_object (slot);
}
