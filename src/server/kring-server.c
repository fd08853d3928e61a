/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The HTTP side of kringd: listening, the request pipeline in the order of
 * API.md's error precedence, and the answer's headers. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kring-crypto.h"
#include "kring-mailer.h"
#include "kring-request-private.h"
#include "kring-router.h"
#include "kring-store-ops.h"

#define MAX_BODY (1024 * 1024)
#define LISTEN_BACKLOG 1024

/* The request body, collected by the early handler so that an oversized one
 * is refused without being held in memory. */
typedef struct
{
  GByteArray *data;
  gboolean too_large;
} RequestBody;

static void
request_body_free (RequestBody *body)
{
  g_byte_array_unref (body->data);
  g_free (body);
}

void
kring_server_options_clear (KringServerOptions *options)
{
  g_clear_pointer (&options->listen, g_free);
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->pricing_file, g_free);
  g_clear_pointer (&options->mail_dir, g_free);
  g_clear_pointer (&options->smtp_url, g_free);
  g_clear_pointer (&options->tls_cert, g_free);
  g_clear_pointer (&options->tls_key, g_free);
}

static KringRouter *
build_router (const KringServerOptions *options)
{
  KringRouter *router = kring_router_new ();

  kring_health_register (router);
  /* Without signup its routes do not exist: 404 like any unknown route. */
  if (!options->no_signup)
    kring_signup_register (router);
  kring_sessions_register (router);
  kring_me_register (router);
  kring_accounts_register (router);
  kring_teammates_register (router);
  kring_dossiers_register (router);
  kring_participants_register (router);
  kring_entries_register (router);
  kring_audit_register (router);
  return router;
}

static KringPriceTable *
load_prices (const char *file, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (file == NULL)
    {
      bytes = g_resources_lookup_data ("/nl/kring/Kring/pricing.json", 0, error);
      if (bytes == NULL)
        return NULL;
      return kring_price_table_new_from_data (g_bytes_get_data (bytes, NULL),
                                              g_bytes_get_size (bytes), error);
    }
  if (!g_file_get_contents (file, &contents, &length, error))
    return NULL;
  return kring_price_table_new_from_data (contents, length, error);
}

static void
wake_mailer (gpointer store, gpointer user_data)
{
  kring_mailer_wake (user_data);
}

static char *
default_mail_dir (KringStore *store)
{
  g_autofree char *dir = NULL;
  const char *path = kring_store_path (store);

  if (path == NULL)
    return g_build_filename (g_get_user_data_dir (), "kringd", "outbox", NULL);
  dir = g_path_get_dirname (path);
  return g_build_filename (dir, "outbox", NULL);
}

KringServer *
kring_server_new (const KringServerOptions *options, GError **error)
{
  g_autoptr (KringStore) store = NULL;
  g_autoptr (KringPriceTable) prices = NULL;
  g_autofree char *mail_dir = NULL;
  KringMailer *mailer;
  KringServer *server;

  if (!kring_crypto_init ())
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "libsodium failed to start");
      return NULL;
    }
  prices = load_prices (options->pricing_file, error);
  if (prices == NULL)
    return NULL;
  store = kring_store_open (options->database, error);
  if (store == NULL)
    return NULL;
  if (options->smtp_url == NULL)
    mail_dir = options->mail_dir != NULL ? g_strdup (options->mail_dir) : default_mail_dir (store);
  mailer = kring_mailer_new (store, mail_dir, options->smtp_url, error);
  if (mailer == NULL)
    return NULL;

  server = g_new0 (KringServer, 1);
  server->options = *options;
  server->options.listen = g_strdup (options->listen);
  server->options.database = g_strdup (options->database);
  server->options.pricing_file = g_strdup (options->pricing_file);
  server->options.mail_dir = g_steal_pointer (&mail_dir);
  server->options.smtp_url = g_strdup (options->smtp_url);
  server->options.tls_cert = g_strdup (options->tls_cert);
  server->options.tls_key = g_strdup (options->tls_key);
  server->store = g_steal_pointer (&store);
  server->prices = g_steal_pointer (&prices);
  server->mailer = mailer;
  server->secret = kring_store_get_secret (server->store);
  server->router = build_router (options);
  kring_store_set_mail_queued_func (server->store, wake_mailer, mailer);
  return server;
}

/* The pipeline. */

static void
got_chunk (SoupServerMessage *msg, GBytes *chunk, RequestBody *body)
{
  gsize size = g_bytes_get_size (chunk);

  if (body->too_large || body->data->len + size > MAX_BODY)
    {
      body->too_large = TRUE;
      return;
    }
  g_byte_array_append (body->data, g_bytes_get_data (chunk, NULL), size);
}

void
kring_server_early_handler (SoupServer *soup, SoupServerMessage *msg, const char *path,
                            GHashTable *query, gpointer user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  RequestBody *body = g_new0 (RequestBody, 1);

  body->data = g_byte_array_new ();
  body->too_large = soup_message_headers_get_content_length (headers) > MAX_BODY;
  g_object_set_data_full (G_OBJECT (msg), "kring-body", body, (GDestroyNotify)request_body_free);
  if (body->too_large)
    {
      KringRequest *req = _kring_request_new (user_data, msg);

      /* Answer now: the body is never read, and the connection is closed. */
      kring_request_problem (req, KRING_PROBLEM_BODY_TOO_LARGE, "The request body is over 1 MiB.");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                    "close");
      _kring_request_apply (req);
      _kring_request_free (req);
      return;
    }
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk), body);
}

static gboolean
parse_query (KringRequest *req, const KringRoute *route)
{
  const char *raw = g_uri_get_query (soup_server_message_get_uri (req->message));
  g_auto (GStrv) pairs = NULL;

  if (raw == NULL || raw[0] == '\0')
    return TRUE;
  pairs = g_strsplit (raw, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      g_strdelimit (pairs[i], "+", ' ');
      name = g_uri_unescape_segment (pairs[i], eq, NULL);
      value = g_uri_unescape_string (eq != NULL ? eq + 1 : "", NULL);
      if (name == NULL || value == NULL || !g_utf8_validate (value, -1, NULL))
        {
          kring_request_problem (req, KRING_PROBLEM_INVALID_QUERY, "The query is not well-formed.");
          return FALSE;
        }
      if (!kring_route_allows_query (route, name) || g_hash_table_contains (req->query, name))
        {
          kring_request_problem (req, KRING_PROBLEM_INVALID_QUERY,
                                 "Unknown or repeated query parameter “%s”.", name);
          return FALSE;
        }
      g_hash_table_insert (req->query, g_steal_pointer (&name), g_steal_pointer (&value));
    }
  return TRUE;
}

static gboolean
is_json_content_type (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  return type != NULL && g_ascii_strcasecmp (type, "application/json") == 0;
}

static gboolean
authenticate (KringRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->message);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr (GError) error = NULL;
  g_autoptr (KringTxn) txn = NULL;
  guint8 hash[KRING_HASH_LENGTH];
  gint64 user_id = 0;
  gboolean found;

  if (auth == NULL || g_ascii_strncasecmp (auth, "Bearer ", 7) != 0 || auth[7] == '\0')
    goto unauthenticated;
  kring_secret_hash (auth + 7, hash);
  txn = kring_request_read (req);
  if (txn == NULL)
    return FALSE;
  found = kring_txn_ops (txn)->auth->session_lookup (txn, hash, sizeof hash, &req->session_id,
                                                     &user_id, &error);
  if (found)
    found = kring_txn_ops (txn)->users->get (txn, user_id, &req->user, &error);
  if (error != NULL)
    {
      kring_request_store_error (req, error);
      return FALSE;
    }
  if (found)
    return TRUE;

unauthenticated:
  kring_request_problem (req, KRING_PROBLEM_UNAUTHENTICATED,
                         "A valid bearer token is needed for this request.");
  return FALSE;
}

static gboolean
parse_body (KringRequest *req, const KringRoute *route, RequestBody *body)
{
  g_autoptr (GError) error = NULL;
  JsonObject *object;

  if (body->data->len == 0)
    {
      if (route->flags & KRING_ROUTE_BODY)
        {
          kring_request_problem (req, KRING_PROBLEM_INVALID_JSON,
                                 "This request needs a JSON body.");
          return FALSE;
        }
      req->body = json_object_new ();
      return TRUE;
    }
  object = kring_json_parse_object ((const char *)body->data->data, body->data->len, &error);
  if (object == NULL)
    {
      kring_request_problem (req, KRING_PROBLEM_INVALID_JSON, "%s", error->message);
      return FALSE;
    }
  req->body = object;
  /* A route without a body takes {} and nothing else. */
  if (!(route->flags & KRING_ROUTE_BODY) && json_object_get_size (object) > 0)
    return kring_request_check_body (req, NULL, 0);
  return TRUE;
}

static void
dispatch (KringRequest *req, const char *path, RequestBody *body)
{
  const KringRoute *route = NULL;
  g_autofree char *allow = NULL;

  if (body != NULL && body->too_large)
    return kring_request_problem (req, KRING_PROBLEM_BODY_TOO_LARGE,
                                  "The request body is over 1 MiB.");

  switch (kring_router_match (req->server->router, req->method, path, &route, &req->params, &allow))
    {
      case KRING_ROUTE_NO_PATH:
        return kring_request_problem (req, KRING_PROBLEM_NOT_FOUND, "No such resource.");
      case KRING_ROUTE_NO_METHOD:
        soup_message_headers_replace (soup_server_message_get_response_headers (req->message),
                                      "Allow", allow);
        return kring_request_problem (req, KRING_PROBLEM_METHOD_NOT_ALLOWED,
                                      "This resource does not take %s.", req->method);
      case KRING_ROUTE_FOUND:
        break;
    }

  if (!(route->flags & KRING_ROUTE_PUBLIC) && !authenticate (req))
    return;
  if (body != NULL && body->data->len > 0 && !is_json_content_type (req->message))
    return kring_request_problem (req, KRING_PROBLEM_UNSUPPORTED_MEDIA_TYPE,
                                  "Send the body as application/json.");
  if (!parse_query (req, route))
    return;
  if (!parse_body (req, route, body))
    return;
  route->handler (req);
}

void
kring_server_handle_request (SoupServer *soup, SoupServerMessage *msg, const char *path,
                             GHashTable *query, gpointer user_data)
{
  RequestBody *body = g_object_get_data (G_OBJECT (msg), "kring-body");
  KringRequest *req = _kring_request_new (user_data, msg);

  dispatch (req, path, body);
  _kring_request_end_read (req);
  if (!req->paused)
    {
      _kring_request_apply (req);
      _kring_request_free (req);
    }
}

void
kring_server_free (KringServer *server)
{
  if (server == NULL)
    return;
  kring_server_workers_free (server);
  g_clear_pointer (&server->mailer, kring_mailer_free);
  g_clear_pointer (&server->store, kring_store_close);
  g_clear_pointer (&server->router, kring_router_free);
  g_clear_pointer (&server->prices, kring_price_table_unref);
  g_clear_pointer (&server->secret, g_bytes_unref);
  kring_server_options_clear (&server->options);
  g_free (server);
}
