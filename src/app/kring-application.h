/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KRING_TYPE_APPLICATION (kring_application_get_type ())
G_DECLARE_FINAL_TYPE (KringApplication, kring_application, KRING, APPLICATION, AdwApplication)

KringApplication *kring_application_new (void);
/* The server address for this run: --server, else GSettings, else loopback. */
const char *kring_application_get_server_url (KringApplication *self);
/* Sets the server address for this run (a sign-in elsewhere, the
 * preferences); notifies "server-url". */
void kring_application_set_server_url (KringApplication *self, const char *url);

G_END_DECLS
