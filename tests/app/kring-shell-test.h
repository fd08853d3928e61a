/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the tests of the application shell share (test-credentials,
 * test-sign-in, test-links): one real kringd and one KringApplication per
 * test program, waiting for the window to reach a state, finding widgets
 * of a template by their id, and the keyring seen directly through
 * libsecret.  Each test program is one file, so these are static. */
#pragma once

#include <string.h>

#include "kring-application.h"
#include "kring-client-test.h"
#include "kring-credentials.h"
#include "kring-error-messages.h"
#include "kring-sign-in-page.h"
#include "kring-window.h"

#define WAIT_SECONDS 30

static KringApplication *app;

/* Iterates the main context until @cond holds; fails the test after
 * WAIT_SECONDS. */
#define WAIT_FOR(cond)                                                                             \
  G_STMT_START                                                                                     \
  {                                                                                                \
    gint64 deadline_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;                    \
    while (!(cond))                                                                                \
      {                                                                                            \
        if (g_get_monotonic_time () > deadline_)                                                   \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond);                  \
        if (!g_main_context_iteration (NULL, FALSE))                                               \
          g_usleep (2000);                                                                         \
      }                                                                                            \
  }                                                                                                \
  G_STMT_END

/* Lets pending events run for a short while (for "nothing else happens"). */
G_GNUC_UNUSED static void
settle (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

/* The widget with the builder id @id below @root (its templates' ids
 * included), or a failed test. */
static GtkWidget *
find_widget_or_null (GtkWidget *root, const char *id)
{
  if (GTK_IS_BUILDABLE (root)
      && g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_or_null (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

G_GNUC_UNUSED static GtkWidget *
find_widget (GtkWidget *root, const char *id)
{
  GtkWidget *found = find_widget_or_null (root, id);

  if (found == NULL)
    g_error ("no widget with the id %s", id);
  return found;
}

/* The window and its parts */

G_GNUC_UNUSED static const char *
window_page (KringWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (find_widget (GTK_WIDGET (window), "pages")));
}

G_GNUC_UNUSED static KringSignInPage *
sign_in_page (KringWindow *window)
{
  return KRING_SIGN_IN_PAGE (find_widget (GTK_WIDGET (window), "sign_in_page"));
}

G_GNUC_UNUSED static GtkWidget *
page_widget (KringWindow *window, const char *id)
{
  return find_widget (GTK_WIDGET (sign_in_page (window)), id);
}

G_GNUC_UNUSED static const char *
row_text (KringWindow *window, const char *id)
{
  return gtk_editable_get_text (GTK_EDITABLE (page_widget (window, id)));
}

G_GNUC_UNUSED static void
fill (KringWindow *window, const char *id, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (page_widget (window, id)), text);
}

G_GNUC_UNUSED static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

G_GNUC_UNUSED static void
click_on_page (KringWindow *window, const char *id)
{
  click (page_widget (window, id));
}

/* The form's message: visible text, or NULL when hidden. */
G_GNUC_UNUSED static const char *
form_message (KringWindow *window, const char *form)
{
  g_autofree char *id = g_strdelimit (g_strdup_printf ("%s_message", form), "-", '_');
  GtkWidget *label = page_widget (window, id);

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

G_GNUC_UNUSED static gboolean
page_is_busy (KringWindow *window)
{
  return gtk_widget_get_visible (page_widget (window, "spinner"));
}

G_GNUC_UNUSED static KringWindow *
open_window (void)
{
  KringWindow *window = kring_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

/* Waits until @window shows @page (and not "loading" any more). */
G_GNUC_UNUSED static void
wait_for_page (KringWindow *window, const char *page)
{
  WAIT_FOR (g_strcmp0 (window_page (window), page) == 0);
}

G_GNUC_UNUSED static void
close_window (KringWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  settle (50);
}

/* The names of the sidebar's rows, in order, joined by spaces. */
G_GNUC_UNUSED static char *
sidebar_names (KringWindow *window)
{
  GtkWidget *list = find_widget (GTK_WIDGET (window), "sidebar_list");
  GString *names = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "", gtk_widget_get_name (row));
  return g_string_free (names, FALSE);
}

/* With $KRING_SHELL_SCREENSHOTS set, writes @window as DIR/NAME.png (to
 * look at what a test saw). */
G_GNUC_UNUSED static void
maybe_screenshot (KringWindow *window, const char *name)
{
  const char *dir = g_getenv ("KRING_SHELL_SCREENSHOTS");
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;
  settle (400);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The keyring, directly */

G_GNUC_UNUSED static char *
stored_token (const char *server, const char *email)
{
  g_autoptr (GError) error = NULL;
  char *token = secret_password_lookup_sync (kring_credentials_get_schema (), NULL, &error,
                                             "server", server, "email", email, NULL);

  g_assert_no_error (error);
  return token;
}

/* How many secrets of any schema the keyring holds for @email. */
G_GNUC_UNUSED static guint
secrets_for_email (const char *email)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  GList *items;
  guint n;

  g_hash_table_insert (attributes, "email", (char *)email);
  items = secret_service_search_sync (NULL, NULL, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  n = g_list_length (items);
  g_list_free_full (items, g_object_unref);
  return n;
}

G_GNUC_UNUSED static void
forget_everything (void)
{
  g_autoptr (GError) error = NULL;

  secret_password_clear_sync (kring_credentials_get_schema (), NULL, &error, "server",
                              srv->base_url, NULL);
  g_assert_no_error (error);
}

/* A fresh start for each test: nothing in GSettings or in the keyring for
 * this server; the application's server is @srv's. */
G_GNUC_UNUSED static void
reset_state (void)
{
  g_autoptr (GSettings) settings = g_settings_new ("nl.kring.Kring");

  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "last-email");
  g_settings_reset (settings, "account-id");
  forget_everything ();
  kring_application_set_server_url (app, srv->base_url);
}

/* Whether @token works at the server. */
G_GNUC_UNUSED static guint
me_status (const char *token)
{
  g_autoptr (KringTestResponse) response
      = kring_test_request (srv, "GET", "/api/v1/me", token, NULL);

  return response->status;
}

/* Signs in through the sign-in form of @window with KRING_TEST_PASSWORD. */
G_GNUC_UNUSED static void
sign_in_through_form (KringWindow *window, const char *email)
{
  wait_for_page (window, "sign-in");
  fill (window, "server_row", srv->base_url);
  fill (window, "email_row", email);
  fill (window, "password_row", KRING_TEST_PASSWORD);
  click_on_page (window, "sign_in_button");
  wait_for_page (window, "main");
}

/* gtk_test_init(), one kringd and one registered application. */
G_GNUC_UNUSED static void
shell_test_init (int *argc, char ***argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  srv = kring_test_server_start (NULL);
  app = kring_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
}
