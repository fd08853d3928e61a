/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application starts and shows its window on a real display. */
#include "config.h"

#include "kring-application.h"
#include "kring-window.h"

static void
test_window_maps (void)
{
  g_autoptr (KringApplication) app = kring_application_new ();
  KringWindow *window;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = kring_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (kring_application_get_server_url (app), ==, "http://127.0.0.1:8080");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/window/maps", test_window_maps);
  return g_test_run ();
}
