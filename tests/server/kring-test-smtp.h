/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A tiny SMTP server in the test process, for kringd --smtp: it accepts
 * every message and keeps it for the test to look at. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GSocketListener *listener;
  GCancellable *cancellable;
  GThread *thread;
  guint16 port;
  GMutex lock;
  GPtrArray *messages; /* "FROM\nTO\nDATA" */
} KringTestSmtp;

/* Listens on 127.0.0.1:@port (0: any free port, then read smtp->port). */
KringTestSmtp *kring_test_smtp_start (guint16 port);
/* Stops listening and frees @smtp; the port is free again afterwards. */
void kring_test_smtp_stop (KringTestSmtp *smtp);
/* The first message received for @recipient as "FROM\nTO\nDATA", waiting
 * up to @seconds; NULL when none came. */
char *kring_test_smtp_wait_message (KringTestSmtp *smtp, const char *recipient, guint seconds);

G_END_DECLS
