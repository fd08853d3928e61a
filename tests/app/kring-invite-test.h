/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the participants and drop tests share: a real kringd (through
 * kring-client-test.h), a participants view in a mapped window, finding
 * widgets and windows the way a person would see them, and waiting for
 * the main loop. */
#pragma once

#include <adwaita.h>

#include "kring-client-test.h"
#include "kring-drop-summary.h"
#include "kring-paged-model.h"
#include "kring-participants-view.h"

#define WAIT_SECONDS 20

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails the test after
 * WAIT_SECONDS. */
G_GNUC_UNUSED static void
wait_for (Condition condition, gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Lets pending idle work and redraws happen. */
G_GNUC_UNUSED static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 100 * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

/* Depth first, in child order: every descendant of @root matching. */
G_GNUC_UNUSED static void
collect_widgets (GtkWidget *root, WidgetMatch match, gconstpointer data, GPtrArray *out)
{
  if (match (root, data))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, match, data, out);
}

G_GNUC_UNUSED static GtkWidget *
find_widget (GtkWidget *root, WidgetMatch match, gconstpointer data)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, match, data, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

G_GNUC_UNUSED static gboolean
is_label_with_text (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
         && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

G_GNUC_UNUSED static gboolean
is_label_containing (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

G_GNUC_UNUSED static gboolean
is_of_type (GtkWidget *widget, gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

G_GNUC_UNUSED static gboolean
is_label_with_mnemonic (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), label) == 0;
}

/* A button a person sees with @label (its own label, or a label inside). */
G_GNUC_UNUSED static gboolean
is_button_labelled (GtkWidget *widget, gconstpointer label)
{
  const char *own;

  if (!GTK_IS_BUTTON (widget) || !gtk_widget_is_drawable (widget))
    return FALSE;
  own = gtk_button_get_label (GTK_BUTTON (widget));
  if (own != NULL)
    return g_strcmp0 (own, label) == 0;
  return find_widget (widget, is_label_with_mnemonic, label) != NULL;
}

G_GNUC_UNUSED static void
dump_labels (GtkWidget *root, int depth)
{
  g_printerr ("%*s%s %s%s\n", depth, "", G_OBJECT_TYPE_NAME (root),
              GTK_IS_LABEL (root) ? gtk_label_get_text (GTK_LABEL (root)) : "",
              gtk_widget_is_drawable (root) ? "" : " (not drawn)");
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dump_labels (child, depth + 1);
}

/* Whether any visible label under @root shows text containing @text. */
G_GNUC_UNUSED static gboolean
shows_text (GtkWidget *root, const char *text)
{
  return find_widget (root, is_label_containing, text) != NULL;
}

/* The newest toplevel of @type (KringDropSummary, AdwMessageDialog, …). */
G_GNUC_UNUSED static GtkWindow *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }
  return found;
}

G_GNUC_UNUSED static void
destroy_windows (GType type)
{
  GtkWindow *window;

  while ((window = find_window (type)) != NULL)
    gtk_window_destroy (window);
}

static gboolean
window_appeared (gpointer type)
{
  GtkWindow *window = find_window (GPOINTER_TO_SIZE (type));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

G_GNUC_UNUSED static GtkWindow *
await_window (GType type)
{
  wait_for (window_appeared, GSIZE_TO_POINTER (type), g_type_name (type));
  return find_window (type);
}

static gboolean
summary_settled (gpointer summary)
{
  return kring_drop_summary_get_state (summary) != KRING_DROP_SUMMARY_SENDING;
}

/* The summary a drop opened, once its request has an outcome. */
G_GNUC_UNUSED static KringDropSummary *
await_summary (void)
{
  KringDropSummary *summary = KRING_DROP_SUMMARY (await_window (KRING_TYPE_DROP_SUMMARY));

  wait_for (summary_settled, summary, "the drop summary");
  settle ();
  return summary;
}

/* A participants view of @dossier_id in a mapped window. */
typedef struct
{
  GtkWindow *window;
  KringParticipantsView *view;
} ViewWindow;

static gboolean
model_complete (gpointer view)
{
  GListModel *model = kring_participants_view_get_model (view);

  return kring_paged_model_get_complete (KRING_PAGED_MODEL (model))
         && !kring_paged_model_get_loading (KRING_PAGED_MODEL (model));
}

/* Waits until the view shows the complete list as the server has it. */
G_GNUC_UNUSED static void
await_view_loaded (KringParticipantsView *view)
{
  wait_for (model_complete, view, "the participants list");
  settle ();
}

/* @role and @access as for kring_participants_view_set_caller(); @role
 * "lookup" lets the view find out by itself. */
G_GNUC_UNUSED static ViewWindow
open_view (KringClient *client, gint64 dossier_id, const char *role, const char *access)
{
  ViewWindow vw;

  vw.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (vw.window, 1200, 700);
  vw.view = KRING_PARTICIPANTS_VIEW (kring_participants_view_new (client, dossier_id));
  if (g_strcmp0 (role, "lookup") != 0)
    kring_participants_view_set_caller (vw.view, role, access);
  gtk_window_set_child (vw.window, GTK_WIDGET (vw.view));
  gtk_window_present (vw.window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (vw.window)))
    g_main_context_iteration (NULL, TRUE);
  await_view_loaded (vw.view);
  return vw;
}

G_GNUC_UNUSED static void
close_view (ViewWindow *vw)
{
  destroy_windows (KRING_TYPE_DROP_SUMMARY);
  destroy_windows (ADW_TYPE_MESSAGE_DIALOG);
  gtk_window_destroy (vw->window);
  settle ();
}

/* Drops @value on @target exactly as GTK delivers a drop. */
G_GNUC_UNUSED static gboolean
emit_drop (GtkDropTarget *target, const GValue *value)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (target, "drop", value, 10.0, 10.0, &handled);
  return handled;
}

G_GNUC_UNUSED static gboolean
drop_text (KringParticipantsView *view, const char *text)
{
  GtkDropTarget *target
      = kring_invite_drop_get_drop_target (kring_participants_view_get_invite_drop (view));
  GValue value = G_VALUE_INIT;
  gboolean handled;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  handled = emit_drop (target, &value);
  g_value_unset (&value);
  return handled;
}

/* The participants of @dossier_id as the server has them. */
G_GNUC_UNUSED static GPtrArray *
server_participants (KringClient *client, gint64 dossier_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringPage) page
      = CALL (kring_client_list_participants, client, dossier_id, NULL, NULL);

  g_assert_no_error (error);
  g_assert_null (page->next_cursor);
  return g_ptr_array_ref (page->items);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

/* "email=name" of each participant, sorted, joined by ";" (name "-" when
 * none): one string to compare with what a test expects. */
G_GNUC_UNUSED static char *
participants_summary (KringClient *client, gint64 dossier_id)
{
  g_autoptr (GPtrArray) items = server_participants (client, dossier_id);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < items->len; i++)
    {
      KringParticipantItem *p = g_ptr_array_index (items, i);
      const char *name = kring_participant_item_get_name (p);

      g_ptr_array_add (parts, g_strdup_printf ("%s=%s", kring_participant_item_get_email (p),
                                               name != NULL ? name : "-"));
    }
  g_ptr_array_sort (parts, compare_strings);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (";", (char **)parts->pdata);
}

G_GNUC_UNUSED static KringParticipantItem *
find_participant (KringClient *client, gint64 dossier_id, const char *email)
{
  g_autoptr (GPtrArray) items = server_participants (client, dossier_id);

  for (guint i = 0; i < items->len; i++)
    {
      KringParticipantItem *p = g_ptr_array_index (items, i);

      if (g_strcmp0 (kring_participant_item_get_email (p), email) == 0)
        return g_object_ref (p);
    }
  return NULL;
}

G_GNUC_UNUSED static KringParticipantItem *
invite (KringClient *client, gint64 dossier_id, const char *email, const char *name)
{
  g_autoptr (GError) error = NULL;
  KringInvitee invitee = { email, name, KRING_CAN_WRITE_DEFAULT };
  KringParticipantItem *participant
      = CALL (kring_client_add_participant, client, dossier_id, &invitee, NULL);

  g_assert_no_error (error);
  return participant;
}

/* g_test_init() with a display, and a kringd. */
G_GNUC_UNUSED static void
widget_test_init (int *argc, char ***argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  srv = kring_test_server_start (NULL);
}
