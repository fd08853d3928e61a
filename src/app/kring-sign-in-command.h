/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `kring --sign-in EMAIL`: signs in with the password read from standard
 * input and keeps the session's token in the keyring, as the sign-in page
 * does, then exits; the next `kring` starts signed in.  For scripts such
 * as build-aux/run-demo.sh: the password never appears on a command line
 * or in a file, and only the token is stored. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Returns the exit status; messages go to stdout and stderr.  Does nothing
 * but say so when a stored token for @server and @email still works. */
int kring_sign_in_command_run (const char *server, const char *email, GSettings *settings);

G_END_DECLS
