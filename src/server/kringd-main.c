/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kringd: the Kring REST server, and `kringd admin …` for the operator. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "kring-admin.h"
#include "kring-demo.h"
#include "kring-server.h"

#define DEFAULT_SESSION_TTL (30 * 24 * 3600)
#define DEFAULT_INVITATION_TTL (14 * 24 * 3600)
#define SHUTDOWN_GRACE_SECONDS 10

char *
kring_default_database_url (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "kringd", "kring.db", NULL);

  return g_strconcat ("sqlite:", path, NULL);
}

static gboolean
on_stop_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_options (int *argc, char ***argv, KringServerOptions *options, GError **error)
{
  gint64 session_ttl = DEFAULT_SESSION_TTL;
  gint64 invitation_ttl = DEFAULT_INVITATION_TTL;
  const GOptionEntry entries[]
      = { { "listen", 0, 0, G_OPTION_ARG_STRING, &options->listen,
            "Address to listen on (default 127.0.0.1:8080; port 0 picks one)", "HOST:PORT" },
          { "database", 0, 0, G_OPTION_ARG_STRING, &options->database,
            "sqlite:PATH or postgresql://…", "URL" },
          { "pricing", 0, 0, G_OPTION_ARG_FILENAME, &options->pricing_file,
            "Price table (default: the shipped one)", "FILE" },
          { "mail-dir", 0, 0, G_OPTION_ARG_FILENAME, &options->mail_dir,
            "Write mails as .eml files into DIR", "DIR" },
          { "smtp", 0, 0, G_OPTION_ARG_STRING, &options->smtp_url,
            "Send mails through smtp:// or smtps://", "URL" },
          { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &options->tls_cert, "TLS certificate (PEM)",
            "FILE" },
          { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &options->tls_key, "TLS private key (PEM)",
            "FILE" },
          { "session-ttl", 0, 0, G_OPTION_ARG_INT64, &session_ttl,
            "Session lifetime (default 30 days)", "SECONDS" },
          { "invitation-ttl", 0, 0, G_OPTION_ARG_INT64, &invitation_ttl,
            "Invitation code lifetime (default 14 days)", "SECONDS" },
          { "no-signup", 0, 0, G_OPTION_ARG_NONE, &options->no_signup,
            "Disable self-service signup", NULL },
          { "demo", 0, 0, G_OPTION_ARG_NONE, &options->demo,
            "Fill an empty database with demo data", NULL },
          { NULL } };
  g_autoptr (GOptionContext) context
      = g_option_context_new ("[admin COMMAND …] — the Kring server");

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, "Operator commands: kringd admin --help\n");
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "Unexpected argument “%s”",
                   (*argv)[1]);
      return FALSE;
    }
  if (session_ttl <= 0 || invitation_ttl <= 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--session-ttl and --invitation-ttl must be positive");
      return FALSE;
    }
  if (options->mail_dir != NULL && options->smtp_url != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "Give --mail-dir or --smtp, not both");
      return FALSE;
    }
  if ((options->tls_cert == NULL) != (options->tls_key == NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "--tls-cert and --tls-key go together");
      return FALSE;
    }
  options->session_ttl = session_ttl;
  options->invitation_ttl = invitation_ttl;
  if (options->listen == NULL)
    options->listen = g_strdup ("127.0.0.1:8080");
  if (options->database == NULL)
    options->database = kring_default_database_url ();
  return TRUE;
}

static int
serve (KringServerOptions *options)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  KringServer *server;

  server = kring_server_new (options, &error);
  if (server == NULL)
    {
      g_printerr ("kringd: %s\n", error->message);
      return 1;
    }
  if (options->demo && !kring_demo_fill (server, &error))
    {
      g_printerr ("kringd: demo data: %s\n", error->message);
      kring_server_free (server);
      return 1;
    }
  if (!kring_server_listen (server, &error))
    {
      g_printerr ("kringd: cannot listen on %s: %s\n", options->listen, error->message);
      kring_server_free (server);
      return 1;
    }
  g_unix_signal_add (SIGTERM, on_stop_signal, loop);
  g_unix_signal_add (SIGINT, on_stop_signal, loop);
  g_main_loop_run (loop);

  kring_server_shutdown (server, SHUTDOWN_GRACE_SECONDS);
  kring_server_free (server);
  return 0;
}

int
main (int argc, char **argv)
{
  g_auto (KringServerOptions) options = { 0 };
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
  if (argc > 1 && g_str_equal (argv[1], "admin"))
    return kring_admin_main (argc - 1, argv + 1);

  if (!parse_options (&argc, &argv, &options, &error))
    {
      g_printerr ("kringd: %s\n", error->message);
      return 2;
    }
  return serve (&options);
}
