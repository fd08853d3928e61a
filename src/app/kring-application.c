/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application: command line (--server URL, kring:// links), the
 * application-wide actions and their accelerators, one main window. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-application.h"
#include "kring-preferences-window.h"
#include "kring-sign-in-command.h"
#include "kring-window.h"

#define DEFAULT_SERVER_URL "http://127.0.0.1:8080"

struct _KringApplication
{
  AdwApplication parent_instance;
  char *server_url; /* from --server, or NULL */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (KringApplication, kring_application, ADW_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_SERVER_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

void
kring_application_set_server_url (KringApplication *self, const char *url)
{
  g_return_if_fail (KRING_IS_APPLICATION (self));

  if (g_strcmp0 (self->server_url, url) == 0)
    return;
  g_free (self->server_url);
  self->server_url = g_strdup (url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
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
    kring_application_set_server_url (self, server);
  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^as", &links) && links != NULL)
    {
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; links[i] != NULL; i++)
        g_ptr_array_add (files, g_file_new_for_uri (links[i]));
      g_application_open (app, (GFile **)files->pdata, files->len, "");
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
                         _ ("Client dossiers and journals for care organisations"), NULL);
}

static void
preferences_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  KringApplication *self = KRING_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  KringPreferencesWindow *preferences = kring_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

/* `kring --sign-in EMAIL` works in the launching process and exits. */
static int
kring_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  KringApplication *self = KRING_APPLICATION (app);
  const char *email = NULL;
  const char *server = NULL;

  if (!g_variant_dict_lookup (options, "sign-in", "&s", &email))
    return -1;
  if (g_variant_dict_lookup (options, "server", "&s", &server))
    kring_application_set_server_url (self, server);
  return kring_sign_in_command_run (kring_application_get_server_url (self), email, self->settings);
}

static void
kring_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (kring_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         shortcuts_accels);
}

static void
kring_application_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringApplication *self = KRING_APPLICATION (object);

  switch (prop_id)
    {
      case PROP_SERVER_URL:
        g_value_set_string (value, kring_application_get_server_url (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_application_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  KringApplication *self = KRING_APPLICATION (object);

  switch (prop_id)
    {
      case PROP_SERVER_URL:
        kring_application_set_server_url (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  object_class->get_property = kring_application_get_property;
  object_class->set_property = kring_application_set_property;
  app_class->handle_local_options = kring_application_handle_local_options;
  app_class->activate = kring_application_activate;
  app_class->open = kring_application_open;
  app_class->command_line = kring_application_command_line;
  app_class->startup = kring_application_startup;

  /* The server address for this run: --server, else GSettings, else
   * loopback.  Changes when someone signs in elsewhere. */
  properties[PROP_SERVER_URL]
      = g_param_spec_string ("server-url", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kring_application_init (KringApplication *self)
{
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL, N_ ("Server address for this run"), "URL" },
    { "sign-in", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_ ("Sign in with the password read from standard input, keep the session in the keyring "
          "and exit"),
      "EMAIL" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, N_ ("[kring://…]") },
    { NULL }
  };

  /* The schema id stays fixed in the development profile. */
  self->settings = g_settings_new ("nl.kring.Kring");
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
