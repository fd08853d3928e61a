/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application: command line (--server URL, kring:// links), the
 * application-wide actions and their accelerators, one main window. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-application.h"
#include "kring-window.h"

#define DEFAULT_SERVER_URL "http://127.0.0.1:8080"

struct _KringApplication
{
  AdwApplication parent_instance;
  char *server_url; /* from --server, or NULL */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (KringApplication, kring_application, ADW_TYPE_APPLICATION)

KringApplication *
kring_application_new (void)
{
  return g_object_new (KRING_TYPE_APPLICATION, "application-id", KRING_APP_ID, "resource-base-path",
                       "/nl/kring/Kring", "flags",
                       G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE, NULL);
}

const char *
kring_application_get_server_url (KringApplication *self)
{
  g_autofree char *stored = NULL;

  if (self->server_url != NULL)
    return self->server_url;
  stored = g_settings_get_string (self->settings, "server-url");
  if (stored[0] != '\0')
    {
      self->server_url = g_steal_pointer (&stored);
      return self->server_url;
    }
  return DEFAULT_SERVER_URL;
}

static KringWindow *
main_window (KringApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (kring_window_new (self));
  return KRING_WINDOW (window);
}

static void
kring_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (main_window (KRING_APPLICATION (app))));
}

static void
kring_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  KringWindow *window = main_window (KRING_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      kring_window_open_link (window, uri);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static int
kring_application_command_line (GApplication *app, GApplicationCommandLine *command_line)
{
  KringApplication *self = KRING_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_auto (GStrv) links = NULL;
  const char *server = NULL;

  if (g_variant_dict_lookup (options, "server", "&s", &server))
    {
      g_free (self->server_url);
      self->server_url = g_strdup (server);
    }
  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &links) && links != NULL)
    {
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; links[i] != NULL; i++)
        g_ptr_array_add (files, g_file_new_for_uri (links[i]));
      g_application_open (app, (GFile **) files->pdata, files->len, "");
      return 0;
    }
  g_application_activate (app);
  return 0;
}

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Kring developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app), "application-name", "Kring",
                         "application-icon", KRING_APP_ID, "version", PACKAGE_VERSION, "developers",
                         developers, "license-type", GTK_LICENSE_GPL_3_0, "comments",
                         _("Client dossiers and journals for care organisations"), NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
kring_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (kring_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
kring_application_finalize (GObject *object)
{
  KringApplication *self = KRING_APPLICATION (object);

  g_free (self->server_url);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (kring_application_parent_class)->finalize (object);
}

static void
kring_application_class_init (KringApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = kring_application_finalize;
  app_class->activate = kring_application_activate;
  app_class->open = kring_application_open;
  app_class->command_line = kring_application_command_line;
  app_class->startup = kring_application_startup;
}

static void
kring_application_init (KringApplication *self)
{
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Server address for this run"), "URL" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, N_("[kring://…]") },
    { NULL }
  };

  /* The schema id stays fixed in the development profile. */
  self->settings = g_settings_new ("nl.kring.Kring");
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
