/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Listening: libsoup's server runs on one thread and is CPU-bound there, so
 * kringd runs one SoupServer per processor, each on its own thread and main
 * context with its own socket bound to the same port (SO_REUSEPORT lets the
 * kernel spread connections).  Handlers keep no per-thread state; writes go
 * to the store's writer thread and come back to the worker that asked. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

#include "kring-server.h"

#define LISTEN_BACKLOG 1024

typedef struct
{
  KringServer *server;
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *soup;
  GSocket *socket;
  GError *error; /* from starting */
  gboolean started;
  GMutex lock;
  GCond cond;
} KringWorker;

static GSocketAddress *
parse_listen_address (const char *listen, guint16 port_override, GError **error)
{
  g_autoptr (GSocketConnectable) connectable = NULL;
  g_autoptr (GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr (GSocketAddress) address = NULL;

  connectable = g_network_address_parse (listen, 8080, error);
  if (connectable == NULL)
    return NULL;
  enumerator = g_socket_connectable_enumerate (connectable);
  address = g_socket_address_enumerator_next (enumerator, NULL, error);
  if (address == NULL || port_override == 0)
    return g_steal_pointer (&address);
  return g_inet_socket_address_new (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)), port_override);
}

/* g_socket_bind() turns SO_REUSEPORT off again for TCP, so bind by hand. */
static gboolean
bind_reusing_port (GSocket *socket, GSocketAddress *address, GError **error)
{
  struct sockaddr_storage native;
  gssize size = g_socket_address_get_native_size (address);
  int one = 1;
  int fd = g_socket_get_fd (socket);

  if (size < 0 || !g_socket_address_to_native (address, &native, sizeof native, error))
    return FALSE;
  if (setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0
      || setsockopt (fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0
      || bind (fd, (struct sockaddr *)&native, size) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot bind: %s",
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static GSocket *
open_socket (const char *listen, guint16 port, GError **error)
{
  g_autoptr (GSocketAddress) address = parse_listen_address (listen, port, error);
  g_autoptr (GSocket) socket = NULL;

  if (address == NULL)
    return NULL;
  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;
  /* GSocket's default backlog of 10 overflows under 64 concurrent connects. */
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!bind_reusing_port (socket, address, error) || !g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

static gboolean
setup_tls (KringServer *server, SoupServer *soup, GError **error)
{
  g_autoptr (GTlsCertificate) certificate = NULL;

  if (server->options.tls_cert == NULL)
    return TRUE;
  certificate
      = g_tls_certificate_new_from_files (server->options.tls_cert, server->options.tls_key, error);
  if (certificate == NULL)
    return FALSE;
  g_object_set (soup, "tls-certificate", certificate, NULL);
  return TRUE;
}

static gboolean
worker_listen (KringWorker *worker, GError **error)
{
  KringServer *server = worker->server;
  gboolean tls = server->options.tls_cert != NULL;

  worker->soup = soup_server_new ("server-header", "kringd/" PACKAGE_VERSION " ", NULL);
  if (!setup_tls (server, worker->soup, error))
    return FALSE;
  soup_server_add_early_handler (worker->soup, NULL, kring_server_early_handler, server, NULL);
  soup_server_add_handler (worker->soup, NULL, kring_server_handle_request, server, NULL);
  return soup_server_listen_socket (worker->soup, worker->socket,
                                    tls ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
}

static gpointer
worker_thread (gpointer user_data)
{
  KringWorker *worker = user_data;
  gboolean ok;

  g_main_context_push_thread_default (worker->context);
  ok = worker_listen (worker, &worker->error);
  g_mutex_lock (&worker->lock);
  worker->started = TRUE;
  g_cond_signal (&worker->cond);
  g_mutex_unlock (&worker->lock);
  if (ok)
    g_main_loop_run (worker->loop);
  g_clear_object (&worker->soup);
  g_main_context_pop_thread_default (worker->context);
  return NULL;
}

static void
worker_free (KringWorker *worker)
{
  g_clear_object (&worker->soup);
  g_clear_object (&worker->socket);
  g_clear_pointer (&worker->loop, g_main_loop_unref);
  g_clear_pointer (&worker->context, g_main_context_unref);
  g_clear_error (&worker->error);
  g_mutex_clear (&worker->lock);
  g_cond_clear (&worker->cond);
  g_free (worker);
}

static gboolean
start_worker (KringServer *server, GSocket *socket, GError **error)
{
  KringWorker *worker = g_new0 (KringWorker, 1);

  worker->server = server;
  worker->socket = socket;
  worker->context = g_main_context_new ();
  worker->loop = g_main_loop_new (worker->context, FALSE);
  g_mutex_init (&worker->lock);
  g_cond_init (&worker->cond);
  g_ptr_array_add (server->workers, worker);
  worker->thread = g_thread_new ("kring-http", worker_thread, worker);

  g_mutex_lock (&worker->lock);
  while (!worker->started)
    g_cond_wait (&worker->cond, &worker->lock);
  g_mutex_unlock (&worker->lock);
  if (worker->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&worker->error));
      return FALSE;
    }
  return TRUE;
}

static void
print_listening (KringServer *server, GSocket *socket)
{
  g_autoptr (GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  GInetAddress *inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));
  g_autofree char *host = g_inet_address_to_string (inet);
  gboolean v6 = g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6;

  printf ("listening on %s://%s%s%s:%u\n", server->options.tls_cert != NULL ? "https" : "http",
          v6 ? "[" : "", host, v6 ? "]" : "",
          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
  fflush (stdout);
}

static guint16
socket_port (GSocket *socket)
{
  g_autoptr (GSocketAddress) local = g_socket_get_local_address (socket, NULL);

  return local != NULL ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)) : 0;
}

gboolean
kring_server_listen (KringServer *server, GError **error)
{
  guint n_workers = CLAMP (g_get_num_processors (), 1, 8);
  GSocket *first;
  guint16 port;

  server->workers = g_ptr_array_new ();
  first = open_socket (server->options.listen, 0, error);
  if (first == NULL)
    return FALSE;
  /* The others bind the port the first one got (port 0 picks one). */
  port = socket_port (first);
  if (!start_worker (server, first, error))
    return FALSE;
  for (guint i = 1; i < n_workers; i++)
    {
      GSocket *socket = open_socket (server->options.listen, port, error);

      if (socket == NULL || !start_worker (server, socket, error))
        return FALSE;
    }
  print_listening (server, first);
  return TRUE;
}

static gboolean
stop_accepting (gpointer user_data)
{
  KringWorker *worker = user_data;

  soup_server_disconnect (worker->soup);
  return G_SOURCE_REMOVE;
}

static gboolean
quit_worker (gpointer user_data)
{
  KringWorker *worker = user_data;

  g_main_loop_quit (worker->loop);
  return G_SOURCE_REMOVE;
}

void
kring_server_shutdown (KringServer *server, guint timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;

  if (server->workers == NULL)
    return;
  for (guint i = 0; i < server->workers->len; i++)
    {
      KringWorker *worker = g_ptr_array_index (server->workers, i);
      if (worker->soup != NULL)
        g_main_context_invoke (worker->context, stop_accepting, worker);
    }
  /* Requests in flight finish on their workers (and the writer thread). */
  while (g_atomic_int_get (&server->in_flight) > 0 && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  kring_server_workers_free (server);
}

void
kring_server_workers_free (KringServer *server)
{
  if (server->workers == NULL)
    return;
  for (guint i = 0; i < server->workers->len; i++)
    {
      KringWorker *worker = g_ptr_array_index (server->workers, i);

      g_main_context_invoke (worker->context, quit_worker, worker);
      g_thread_join (worker->thread);
      worker_free (worker);
    }
  g_clear_pointer (&server->workers, g_ptr_array_unref);
}
