/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing in from a script.  Runs before the application registers, in
 * the launching process, on the default main context. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "kring-client.h"
#include "kring-credentials.h"
#include "kring-error-messages.h"
#include "kring-sign-in-command.h"

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
fail (const char *what, const GError *error)
{
  g_autofree char *message = kring_error_message (error);

  g_printerr ("kring: %s: %s\n", what, message);
  g_debug ("%s", error->message);
}

/* Whether a token is stored for @email that the server still accepts. */
static gboolean
still_signed_in (KringClient *client, const char *email)
{
  g_autoptr (GAsyncResult) looked_up = NULL;
  g_autoptr (GAsyncResult) fetched = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr (KringMe) me = NULL;

  kring_credentials_lookup_async (kring_client_get_base_url (client), email, NULL, store_result,
                                  &looked_up);
  token = kring_credentials_lookup_finish (await (&looked_up), NULL, &error);
  if (token == NULL)
    return FALSE;
  kring_client_set_token (client, token);
  kring_client_get_me_async (client, NULL, store_result, &fetched);
  me = kring_client_get_me_finish (client, await (&fetched), &error);
  kring_client_set_token (client, NULL);
  return me != NULL;
}

/* One line of standard input, without echo when it is a terminal. */
static char *
read_password (void)
{
  gboolean terminal = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  char *line = NULL;
  size_t size = 0;
  ssize_t length;
  char *password;

  if (terminal && tcgetattr (STDIN_FILENO, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      g_printerr ("%s ", _ ("Password:"));
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  else
    terminal = FALSE;
  length = getline (&line, &size, stdin);
  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (length <= 0)
    {
      free (line);
      return NULL;
    }
  line[strcspn (line, "\r\n")] = '\0';
  password = g_strdup (line);
  memset (line, 0, size);
  free (line);
  return password;
}

static gboolean
sign_in_and_store (KringClient *client, const char *email, const char *password)
{
  g_autoptr (GAsyncResult) signed_in = NULL;
  g_autoptr (GAsyncResult) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringSession) session = NULL;

  kring_client_sign_in_async (client, email, password, NULL, store_result, &signed_in);
  session = kring_client_sign_in_finish (client, await (&signed_in), &error);
  if (session == NULL)
    {
      fail (_ ("cannot sign in"), error);
      return FALSE;
    }
  kring_credentials_store_async (kring_client_get_base_url (client), session->user->email,
                                 session->token, NULL, store_result, &stored);
  if (!kring_credentials_store_finish (await (&stored), &error))
    {
      g_printerr ("kring: %s: %s\n", _ ("cannot store the session in the keyring"), error->message);
      return FALSE;
    }
  return TRUE;
}

int
kring_sign_in_command_run (const char *server, const char *email, GSettings *settings)
{
  g_autoptr (KringClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *password = NULL;

  client = kring_client_new (server, &error);
  if (client == NULL)
    {
      fail (server, error);
      return 1;
    }
  if (still_signed_in (client, email))
    /* Translators: the first %s is an email address, the second a server address. */
    g_print (_ ("Already signed in as %s at %s.\n"), email, kring_client_get_base_url (client));
  else
    {
      password = read_password ();
      if (password == NULL || password[0] == '\0')
        {
          g_printerr ("kring: %s\n", _ ("no password on standard input"));
          return 1;
        }
      if (!sign_in_and_store (client, email, password))
        return 1;
      /* Translators: the first %s is an email address, the second a server address. */
      g_print (_ ("Signed in as %s at %s; the next start of Kring needs no password.\n"), email,
               kring_client_get_base_url (client));
    }
  g_settings_set_string (settings, "server-url", kring_client_get_base_url (client));
  g_settings_set_string (settings, "last-email", email);
  g_settings_sync ();
  return 0;
}
