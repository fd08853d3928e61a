/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Screenshots of the main screens at 1280×800 for the metainfo: a real
 * kringd with the demo organisation (`kringd --demo`), signed in through
 * the sign-in form as its owner, each screen shown in the main window and
 * written as $KRING_SCREENSHOT_DIR/SCREEN-LANG.png, LANG from $LANGUAGE
 * ("en" unless set; the catalogue from $KRING_LOCALEDIR).  Each screen
 * waits until its data is shown: a screenshot of a spinner fails. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "kring-audit-view.h"
#include "kring-calculator-view.h"
#include "kring-dossier-item.h"
#include "kring-dossier-list.h"
#include "kring-dossier-page.h"
#include "kring-journal-view.h"
#include "kring-participants-view.h"
#include "kring-shell-test.h"
#include "kring-teammates-view.h"

#define WIDTH 1280
#define HEIGHT 800
/* The demo's owner (src/server/kring-demo.c: fixed, printed demo logins). */
#define DEMO_OWNER "ilse.bakker@delinde.example"
#define DEMO_PASSWORD "demo-ilse-kring"
#define DEMO_DOSSIER "Begeleid wonen"
/* Shown on the sign-in form instead of the test's 127.0.0.1:PORT. */
#define SHOWN_SERVER "https://kring.delinde.example"

static KringWindow *window;
static const char *language;
static char *out_dir;

/* Whether a mapped spinner below @widget still spins (something loads). */
static gboolean
spinning (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_SPINNER (widget) && gtk_spinner_get_spinning (GTK_SPINNER (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (spinning (child))
      return TRUE;
  return FALSE;
}

/* Waits for every request to land, then for the transitions to end. */
static void
wait_until_settled (void)
{
  WAIT_FOR (!spinning (GTK_WIDGET (window)));
  settle (500);
  WAIT_FOR (!spinning (GTK_WIDGET (window)));
}

/* Waits for the window's surface to be WIDTH × HEIGHT (its default
 * size); the window widget's content box is smaller by the decorations'
 * border, its paintable the whole surface. */
static void
wait_for_window_size (void)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  WAIT_FOR (gdk_surface_get_width (surface) == WIDTH && gdk_surface_get_height (surface) == HEIGHT);
}

/* Writes the window as out_dir/NAME-LANG.png and checks what was written. */
static void
screenshot (const char *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GdkTexture) written = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *file_name = g_strdup_printf ("%s-%s.png", name, language);
  g_autofree char *path = g_build_filename (out_dir, file_name, NULL);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  wait_until_settled ();
  wait_for_window_size ();
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, WIDTH);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, HEIGHT);
  gdk_paintable_snapshot (paintable, snapshot, WIDTH, HEIGHT);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  g_assert_true (gdk_texture_save_to_png (texture, path));

  written = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (written), ==, WIDTH);
  g_assert_cmpint (gdk_texture_get_height (written), ==, HEIGHT);
  g_test_message ("wrote %s", path);
}

/* The screens */

static void
test_sign_in (void)
{
  window = kring_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  wait_for_window_size ();
  wait_for_page (window, "sign-in");
  fill (window, "server_row", SHOWN_SERVER);
  fill (window, "email_row", DEMO_OWNER);
  fill (window, "password_row", DEMO_PASSWORD);
  /* The page in the UI language: the heading is translated. */
  g_assert_cmpstr (
      adw_status_page_get_title (ADW_STATUS_PAGE (page_widget (window, "sign_in_status"))), ==,
      _ ("Sign In to Kring"));
  screenshot ("sign-in");
}

static KringDossierList *
dossier_list (void)
{
  return KRING_DOSSIER_LIST (kring_window_get_view (window, "dossiers"));
}

static void
test_dossiers (void)
{
  GListModel *model;

  fill (window, "server_row", srv->base_url);
  click_on_page (window, "sign_in_button");
  wait_for_page (window, "main");
  g_assert_cmpstr (kring_window_get_visible_view (window), ==, "dossiers");
  model = kring_dossier_list_get_model (dossier_list ());
  /* The demo organisation has six dossiers. */
  WAIT_FOR (g_list_model_get_n_items (model) == 6);
  screenshot ("dossiers");
}

static gint64
demo_dossier_id (void)
{
  GListModel *model = kring_dossier_list_get_model (dossier_list ());

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (KringDossierItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (kring_dossier_item_get_title (item), DEMO_DOSSIER) == 0)
        return kring_dossier_item_get_id (item);
    }
  g_error ("no dossier %s in the demo", DEMO_DOSSIER);
}

static KringDossierPage *
dossier_page (void)
{
  return KRING_DOSSIER_PAGE (kring_window_get_dossier_page (window));
}

static void
test_journal (void)
{
  GListModel *entries;

  kring_window_open_dossier (window, demo_dossier_id ());
  g_assert_nonnull (dossier_page ());
  WAIT_FOR (g_strcmp0 (kring_dossier_page_get_title (dossier_page ()), DEMO_DOSSIER) == 0);
  g_assert_cmpstr (kring_dossier_page_get_visible_view (dossier_page ()), ==, "journal");
  entries = kring_journal_view_get_entries (
      KRING_JOURNAL_VIEW (kring_dossier_page_get_journal_view (dossier_page ())));
  /* Henk's journal in the demo: three entries and a correction. */
  WAIT_FOR (g_list_model_get_n_items (entries) >= 3);
  screenshot ("journal");
}

static void
test_participants (void)
{
  GtkWidget *view = kring_dossier_page_get_participants_view (dossier_page ());
  GListModel *model = kring_participants_view_get_model (KRING_PARTICIPANTS_VIEW (view));

  kring_dossier_page_set_visible_view (dossier_page (), "participants");
  /* Sanne (team) with Marieke and Kees (guests). */
  WAIT_FOR (g_list_model_get_n_items (model) == 3
            && kring_participants_view_get_can_manage (KRING_PARTICIPANTS_VIEW (view)));
  screenshot ("participants");
}

static void
test_teammates (void)
{
  GtkWidget *view;

  kring_window_show_view (window, "teammates");
  g_assert_null (kring_window_get_dossier_page (window));
  g_assert_cmpstr (kring_window_get_visible_view (window), ==, "teammates");
  view = kring_window_get_view (window, "teammates");
  /* Ilse, Mohamed, Sanne and Bram. */
  WAIT_FOR (g_list_model_get_n_items (kring_teammates_view_get_model (KRING_TEAMMATES_VIEW (view)))
            == 4);
  screenshot ("teammates");
}

static void
test_plan (void)
{
  GtkWidget *view;

  kring_window_show_view (window, "plan");
  g_assert_cmpstr (kring_window_get_visible_view (window), ==, "plan");
  view = kring_window_get_view (window, "plan");
  g_assert_true (KRING_IS_CALCULATOR_VIEW (view));
  WAIT_FOR (kring_calculator_view_get_from_server (KRING_CALCULATOR_VIEW (view)));
  screenshot ("plan");
}

static void
test_audit (void)
{
  GtkWidget *view;

  kring_window_show_view (window, "audit");
  g_assert_cmpstr (kring_window_get_visible_view (window), ==, "audit");
  view = kring_window_get_view (window, "audit");
  if (KRING_IS_AUDIT_VIEW (view))
    WAIT_FOR (g_list_model_get_n_items (kring_audit_view_get_model (KRING_AUDIT_VIEW (view))) > 0);
  else
    g_test_message ("the window shows no KringAuditView for \"audit\" (yet): a placeholder");
  screenshot ("audit");
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("KRING_LOCALEDIR");
  const char *dir = g_getenv ("KRING_SCREENSHOT_DIR");
  const char *demo[] = { "--demo", NULL };
  int status;

  /* As main.c does: the UI language from the environment ($LANGUAGE). */
  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  language = g_getenv ("LANGUAGE");
  if (language == NULL || language[0] == '\0')
    language = "en";
  out_dir = g_strdup (dir != NULL ? dir : "screenshots");
  g_assert_cmpint (g_mkdir_with_parents (out_dir, 0755), ==, 0);

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Dutch screenshots need the Dutch catalogue: no English ones in its name. */
  if (g_str_has_prefix (language, "nl"))
    g_assert_cmpstr (_ ("Sign In to Kring"), !=, "Sign In to Kring");
  srv = kring_test_server_start (demo);
  app = kring_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  kring_application_set_server_url (app, srv->base_url);

  /* In order: each screen goes on from the one before. */
  g_test_add_func ("/screenshots/sign-in", test_sign_in);
  g_test_add_func ("/screenshots/dossiers", test_dossiers);
  g_test_add_func ("/screenshots/journal", test_journal);
  g_test_add_func ("/screenshots/participants", test_participants);
  g_test_add_func ("/screenshots/teammates", test_teammates);
  g_test_add_func ("/screenshots/plan", test_plan);
  g_test_add_func ("/screenshots/audit", test_audit);
  status = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  settle (50);
  g_object_unref (app);
  kring_test_server_stop (srv);
  g_free (out_dir);
  return status;
}
