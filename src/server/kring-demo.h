/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `kringd --demo`: a demo organisation in an empty database. */
#pragma once

#include "kring-server.h"

G_BEGIN_DECLS

/* Fills an empty database and prints the demo logins; leaves a database that
 * already holds accounts untouched (and says so). */
gboolean kring_demo_fill (KringServer *server, GError **error);

G_END_DECLS
