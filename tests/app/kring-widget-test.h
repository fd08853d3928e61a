/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the widget tests of single views share: waiting with a limit,
 * finding widgets and text in the tree, and showing a view in a window.
 * Each test program is one file, so these are static. */
#pragma once

#include <string.h>
#include <adwaita.h>

/* Waiting, with a limit so that a hang fails instead of blocking. */
#define WAIT_FOR(cond)                                                                             \
  G_STMT_START                                                                                     \
  {                                                                                                \
    gint64 end_ = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;                                   \
    while (!(cond))                                                                                \
      {                                                                                            \
        if (g_get_monotonic_time () > end_)                                                        \
          g_error ("timed out waiting for %s", #cond);                                             \
        if (!g_main_context_iteration (NULL, FALSE))                                               \
          g_usleep (1000);                                                                         \
      }                                                                                            \
  }                                                                                                \
  G_STMT_END

/* The widget tree */

G_GNUC_UNUSED static GtkWidget *
find_widget (GtkWidget *root, gboolean (*match) (GtkWidget *, gconstpointer), gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

G_GNUC_UNUSED static gboolean
has_buildable_id (GtkWidget *widget, gconstpointer id)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0;
}

/* The widget with the builder id @id below @root, or a failed test. */
G_GNUC_UNUSED static GtkWidget *
child_by_id (GtkWidget *root, const char *id)
{
  GtkWidget *widget = find_widget (root, has_buildable_id, id);

  g_assert_nonnull (widget);
  return widget;
}

G_GNUC_UNUSED static gboolean
is_label_with_text (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

G_GNUC_UNUSED static gboolean
is_button_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

G_GNUC_UNUSED static gboolean
is_type (GtkWidget *widget, gconstpointer data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *)data);
}

G_GNUC_UNUSED static GtkWidget *
find_type (GtkWidget *root, GType type)
{
  return find_widget (root, is_type, &type);
}

G_GNUC_UNUSED static gboolean
is_mapped_label (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), text);
}

/* A label shown on screen whose text starts with @text. */
G_GNUC_UNUSED static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  return find_widget (root, is_mapped_label, text);
}

G_GNUC_UNUSED static gboolean
is_shown_status_page (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

G_GNUC_UNUSED static gboolean
status_page_shown (GtkWidget *root, const char *title)
{
  return find_widget (root, is_shown_status_page, title) != NULL;
}

/* The text of the visible labels below @widget */

G_GNUC_UNUSED static void
collect_text (GtkWidget *widget, GString *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

G_GNUC_UNUSED static gboolean
shows (GtkWidget *widget, const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);

  collect_text (widget, out);
  return strstr (out->str, text) != NULL;
}

/* @view in a window of its own, mapped. */
G_GNUC_UNUSED static GtkWindow *
show_in_window (GtkWidget *view)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  WAIT_FOR (gtk_widget_get_mapped (view));
  return window;
}
