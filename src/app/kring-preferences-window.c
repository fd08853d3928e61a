/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The preferences window. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-client.h"
#include "kring-error-messages.h"
#include "kring-preferences-window.h"

struct _KringPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow *server_row;
  GtkLabel *server_error;

  KringApplication *application;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (KringPreferencesWindow, kring_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

KringPreferencesWindow *
kring_preferences_window_new (KringApplication *application)
{
  KringPreferencesWindow *self = g_object_new (KRING_TYPE_PREFERENCES_WINDOW, NULL);

  g_return_val_if_fail (KRING_IS_APPLICATION (application), NULL);

  self->application = g_object_ref (application);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row),
                         kring_application_get_server_url (application));
  return self;
}

static void
server_applied (KringPreferencesWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  g_autoptr (KringClient) client = kring_client_new (text, &error);
  const char *url;

  if (client == NULL)
    {
      g_autofree char *message = kring_error_message (error);

      gtk_label_set_text (self->server_error, message);
      gtk_widget_set_visible (GTK_WIDGET (self->server_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->server_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  url = kring_client_get_base_url (client);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  g_settings_set_string (self->settings, "server-url", url);
  kring_application_set_server_url (self->application, url);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_ ("Server address saved")));
}

static void
kring_preferences_window_dispose (GObject *object)
{
  KringPreferencesWindow *self = KRING_PREFERENCES_WINDOW (object);

  g_clear_object (&self->application);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (kring_preferences_window_parent_class)->dispose (object);
}

static void
kring_preferences_window_class_init (KringPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kring_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kring/Kring/ui/kring-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KringPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, KringPreferencesWindow, server_error);
  gtk_widget_class_bind_template_callback (widget_class, server_applied);
}

static void
kring_preferences_window_init (KringPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new ("nl.kring.Kring");
}
