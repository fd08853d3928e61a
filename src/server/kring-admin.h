/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `kringd admin …`: the operator's offline commands on the database. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "admin". Returns the process exit status. */
int kring_admin_main (int argc, char **argv);

G_END_DECLS
