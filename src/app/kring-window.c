/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: the sign-in pages until a session exists, then the
 * sidebar and the views. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-window.h"

struct _KringWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toasts;
  GtkStack *pages;
};

G_DEFINE_FINAL_TYPE (KringWindow, kring_window, ADW_TYPE_APPLICATION_WINDOW)

KringWindow *
kring_window_new (KringApplication *application)
{
  return g_object_new (KRING_TYPE_WINDOW, "application", application, NULL);
}

void
kring_window_open_link (KringWindow *self, const char *uri)
{
  g_return_if_fail (KRING_IS_WINDOW (self));
  g_message ("opening %s", uri);
}

void
kring_window_show_toast (KringWindow *self, AdwToast *toast)
{
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
kring_window_class_init (KringWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/kring/Kring/ui/kring-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KringWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, KringWindow, pages);
}

static void
kring_window_init (KringWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
#if KRING_DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
