/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The floor of the benchmark: a libsoup 3 server that answers every request
 * with the same 200-byte JSON and does nothing else, set up like kringd's
 * (one thread, listen backlog 1024).  Its rate is the most any single-threaded
 * libsoup server reaches on this machine, so it tells the handlers' own cost
 * apart from the HTTP library's.  run-bench.sh builds and runs it:
 *
 *   soup-floor PORT FILE     serves FILE's bytes on 127.0.0.1:PORT
 */
#include <libsoup/soup.h>
#include <stdlib.h>
#include <sys/socket.h>

static GBytes *body;

static void
handle (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
        gpointer data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static GSocket *
listen_socket (guint16 port, GError **error)
{
  g_autoptr (GSocket) sock = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (sock == NULL || !g_socket_bind (sock, address, TRUE, error))
    return NULL;
  g_socket_set_listen_backlog (sock, 1024);
  if (!g_socket_listen (sock, error))
    return NULL;
  return g_steal_pointer (&sock);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (GSocket) sock = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (argc != 3)
    {
      g_printerr ("usage: soup-floor PORT FILE\n");
      return 2;
    }
  if (!g_file_get_contents (argv[2], &contents, &length, &error)
      || (sock = listen_socket ((guint16)atoi (argv[1]), &error)) == NULL)
    {
      g_printerr ("soup-floor: %s\n", error->message);
      return 1;
    }
  body = g_bytes_new_take (g_steal_pointer (&contents), length);
  server = soup_server_new (NULL, NULL);
  if (!soup_server_listen_socket (server, sock, 0, &error))
    {
      g_printerr ("soup-floor: %s\n", error->message);
      return 1;
    }
  soup_server_add_handler (server, NULL, handle, NULL, NULL);
  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);
  return 0;
}
