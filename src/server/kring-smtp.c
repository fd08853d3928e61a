/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SMTP delivery through libcurl.  smtp:// upgrades to TLS with STARTTLS when
 * the server offers it; smtps:// is TLS from the start.  Certificates are
 * always verified (libcurl's default, never switched off here). */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <curl/curl.h>
#include <gio/gio.h>
#include <string.h>

#include "kring-smtp.h"

/* A small mail to a reachable relay takes well under a second; the mailer's
 * claim lease (kring-mailer.c) must outlast a whole batch of these. */
#define CONNECT_TIMEOUT_S 10
#define TRANSFER_TIMEOUT_S 15

typedef struct
{
  const char *data;
  size_t left;
} Upload;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURL, curl_easy_cleanup)

gboolean
kring_smtp_init (const char *url, GError **error)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || (g_strcmp0 (scheme, "smtp") != 0 && g_strcmp0 (scheme, "smtps") != 0)
      || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--smtp needs smtp://HOST[:PORT] or smtps://HOST[:PORT], not “%s”", url);
      return FALSE;
    }
  if (curl_global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "libcurl failed to start");
      return FALSE;
    }
  return TRUE;
}

static size_t
read_message (char *buffer, size_t size, size_t count, void *user_data)
{
  Upload *upload = user_data;
  size_t length = MIN (size * count, upload->left);

  memcpy (buffer, upload->data, length);
  upload->data += length;
  upload->left -= length;
  return length;
}

/* The address of the From header: "Name <a@b>" or "a@b". */
static char *
envelope_sender (const char *message)
{
  const char *line = g_str_has_prefix (message, "From:") ? message : strstr (message, "\r\nFrom:");
  g_autofree char *value = NULL;
  char *open, *close;

  if (line == NULL)
    return g_strdup ("<>");
  line = strchr (line + 1, ':') + 1;
  value = g_strndup (line, strcspn (line, "\r\n"));
  open = strrchr (value, '<');
  close = open != NULL ? strchr (open, '>') : NULL;
  if (open != NULL && close != NULL)
    return g_strndup (open, close - open + 1);
  return g_strdup_printf ("<%s>", g_strstrip (value));
}

static gboolean
is_unreachable (CURLcode code)
{
  switch (code)
    {
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
      case CURLE_COULDNT_CONNECT:
      case CURLE_OPERATION_TIMEDOUT:
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_USE_SSL_FAILED:
      case CURLE_LOGIN_DENIED:
      case CURLE_GOT_NOTHING:
      case CURLE_RECV_ERROR:
      case CURLE_OUT_OF_MEMORY:
        return TRUE;
      default:
        return FALSE;
    }
}

KringSmtpResult
kring_smtp_send (const char *url, const char *recipient, const char *message, char **out_reason)
{
  g_autoptr (CURL) curl = curl_easy_init ();
  g_autofree char *from = envelope_sender (message);
  g_autofree char *rcpt = g_strdup_printf ("<%s>", recipient);
  struct curl_slist *rcpts = NULL;
  Upload upload = { message, strlen (message) };
  char reason[CURL_ERROR_SIZE] = "";
  CURLcode code;

  if (curl == NULL)
    {
      *out_reason = g_strdup ("libcurl could not start a transfer");
      return KRING_SMTP_UNREACHABLE;
    }
  rcpts = curl_slist_append (rcpts, rcpt);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt (curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt (curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long)CONNECT_TIMEOUT_S);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long)TRANSFER_TIMEOUT_S);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, reason);
  code = curl_easy_perform (curl);
  curl_slist_free_all (rcpts);

  if (code == CURLE_OK)
    return KRING_SMTP_SENT;
  *out_reason = g_strdup (reason[0] != '\0' ? reason : curl_easy_strerror (code));
  return is_unreachable (code) ? KRING_SMTP_UNREACHABLE : KRING_SMTP_REFUSED;
}
