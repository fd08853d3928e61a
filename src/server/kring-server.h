/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The server: configuration, shared services, the HTTP listener and routing. */
#pragma once

#include <libsoup/soup.h>

#include "kring-pricing.h"
#include "kring-store.h"

G_BEGIN_DECLS

typedef struct _KringMailer KringMailer;
typedef struct _KringRouter KringRouter;

typedef struct
{
  char *listen;   /* HOST:PORT */
  char *database; /* URL */
  char *pricing_file;
  char *mail_dir;
  char *smtp_url;
  char *tls_cert;
  char *tls_key;
  gint64 session_ttl;    /* seconds */
  gint64 invitation_ttl; /* seconds */
  gboolean no_signup;
  gboolean demo;
} KringServerOptions;

typedef struct
{
  KringServerOptions options;
  KringStore *store;
  KringPriceTable *prices;
  KringMailer *mailer;
  KringRouter *router;
  GBytes *secret;
  GPtrArray *workers; /* KringWorker: one SoupServer and main loop per thread */
  gint in_flight;     /* requests being answered, all workers (atomic) */
} KringServer;

void kring_server_options_clear (KringServerOptions *options);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KringServerOptions, kring_server_options_clear)

/* sqlite:$XDG_DATA_HOME/kringd/kring.db */
char *kring_default_database_url (void);

/* Opens the store, loads the price table, starts the mailer. */
KringServer *kring_server_new (const KringServerOptions *options, GError **error);
/* Starts one HTTP worker thread per processor, each with its own listening
 * socket on the same port (SO_REUSEPORT); prints "listening on URL" once all
 * accept connections (kring-listener.c). */
gboolean kring_server_listen (KringServer *server, GError **error);
/* Stops accepting, lets requests in flight finish for at most
 * @timeout_seconds, and joins the workers. */
void kring_server_shutdown (KringServer *server, guint timeout_seconds);
void kring_server_workers_free (KringServer *server);
void kring_server_free (KringServer *server);

/* The request pipeline, run by every worker's SoupServer (kring-server.c). */
void kring_server_early_handler (SoupServer *soup, SoupServerMessage *msg, const char *path,
                                 GHashTable *query, gpointer server);
void kring_server_handle_request (SoupServer *soup, SoupServerMessage *msg, const char *path,
                                  GHashTable *query, gpointer server);

/* Each resource file registers its routes (kring-resource-*.c). */
void kring_health_register (KringRouter *router);
void kring_signup_register (KringRouter *router);
void kring_sessions_register (KringRouter *router);
void kring_me_register (KringRouter *router);
void kring_accounts_register (KringRouter *router);
void kring_teammates_register (KringRouter *router);
void kring_dossiers_register (KringRouter *router);
void kring_participants_register (KringRouter *router);
void kring_entries_register (KringRouter *router);
void kring_audit_register (KringRouter *router);

G_END_DECLS
