/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kring-application.h"

int
main (int argc, char **argv)
{
  g_autoptr (KringApplication) app = NULL;
  const char *localedir = g_getenv ("KRING_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* An uninstalled run (tests, the README's run command) points at build/po. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : KRING_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = kring_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
