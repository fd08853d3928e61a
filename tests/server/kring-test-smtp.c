/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A tiny SMTP server for the tests of real delivery: enough of RFC 5321 for
 * libcurl, one connection at a time, on its own thread. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-test-smtp.h"

static gboolean
smtp_reply (GOutputStream *out, const char *text)
{
  return g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
}

static char *
smtp_read_line (GDataInputStream *in)
{
  char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);

  if (line != NULL && g_str_has_suffix (line, "\r"))
    line[strlen (line) - 1] = '\0';
  return line;
}

static char *
smtp_read_data (GDataInputStream *in)
{
  GString *data = g_string_new (NULL);
  char *line;

  while ((line = smtp_read_line (in)) != NULL && !g_str_equal (line, "."))
    {
      /* Undo dot-stuffing. */
      g_string_append_printf (data, "%s\r\n", line[0] == '.' ? line + 1 : line);
      g_free (line);
    }
  g_free (line);
  return g_string_free (data, FALSE);
}

static void
smtp_session (KringTestSmtp *smtp, GSocketConnection *connection)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr (GDataInputStream) in
      = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  char *line;

  smtp_reply (out, "220 test.invalid ESMTP\r\n");
  while ((line = smtp_read_line (in)) != NULL)
    {
      g_autofree char *command = line;

      if (g_ascii_strncasecmp (command, "EHLO", 4) == 0
          || g_ascii_strncasecmp (command, "HELO", 4) == 0)
        smtp_reply (out, "250 test.invalid\r\n");
      else if (g_ascii_strncasecmp (command, "MAIL FROM:", 10) == 0)
        {
          g_free (from);
          from = g_strdup (command + 10);
          smtp_reply (out, "250 OK\r\n");
        }
      else if (g_ascii_strncasecmp (command, "RCPT TO:", 8) == 0)
        {
          g_free (to);
          to = g_strdup (command + 8);
          smtp_reply (out, "250 OK\r\n");
        }
      else if (g_ascii_strcasecmp (command, "DATA") == 0)
        {
          g_autofree char *data = NULL;

          smtp_reply (out, "354 End with .\r\n");
          data = smtp_read_data (in);
          g_mutex_lock (&smtp->lock);
          g_ptr_array_add (smtp->messages, g_strdup_printf ("%s\n%s\n%s", from, to, data));
          g_mutex_unlock (&smtp->lock);
          smtp_reply (out, "250 OK queued\r\n");
        }
      else if (g_ascii_strcasecmp (command, "QUIT") == 0)
        {
          smtp_reply (out, "221 Bye\r\n");
          break;
        }
      else if (g_ascii_strcasecmp (command, "RSET") == 0
               || g_ascii_strcasecmp (command, "NOOP") == 0)
        smtp_reply (out, "250 OK\r\n");
      else
        smtp_reply (out, "502 Not implemented\r\n");
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

static gpointer
smtp_thread (gpointer data)
{
  KringTestSmtp *smtp = data;

  for (;;)
    {
      g_autoptr (GSocketConnection) connection
          = g_socket_listener_accept (smtp->listener, NULL, smtp->cancellable, NULL);

      if (connection == NULL)
        break;
      smtp_session (smtp, connection);
    }
  return NULL;
}

KringTestSmtp *
kring_test_smtp_start (guint16 port)
{
  KringTestSmtp *smtp = g_new0 (KringTestSmtp, 1);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr (GSocketAddress) effective = NULL;
  g_autoptr (GError) error = NULL;

  smtp->listener = g_socket_listener_new ();
  smtp->cancellable = g_cancellable_new ();
  smtp->messages = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&smtp->lock);
  g_socket_listener_add_address (smtp->listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  smtp->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  smtp->thread = g_thread_new ("smtp", smtp_thread, smtp);
  return smtp;
}

void
kring_test_smtp_stop (KringTestSmtp *smtp)
{
  g_cancellable_cancel (smtp->cancellable);
  g_thread_join (smtp->thread);
  g_socket_listener_close (smtp->listener);
  g_object_unref (smtp->listener);
  g_object_unref (smtp->cancellable);
  g_ptr_array_unref (smtp->messages);
  g_mutex_clear (&smtp->lock);
  g_free (smtp);
}

char *
kring_test_smtp_wait_message (KringTestSmtp *smtp, const char *recipient, guint seconds)
{
  g_autofree char *rcpt = g_strdup_printf ("\n<%s>\n", recipient);

  for (guint i = 0; i < seconds * 20; i++)
    {
      char *found = NULL;

      g_mutex_lock (&smtp->lock);
      for (guint m = 0; m < smtp->messages->len && found == NULL; m++)
        if (strstr (smtp->messages->pdata[m], rcpt) != NULL)
          found = g_strdup (smtp->messages->pdata[m]);
      g_mutex_unlock (&smtp->lock);
      if (found != NULL)
        return found;
      g_usleep (50 * 1000);
    }
  return NULL;
}
