/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <stdio.h>

#include "kring-bench.h"

gboolean
kring_bench_enabled (void)
{
  static gsize enabled = 0;

  if (g_once_init_enter (&enabled))
    g_once_init_leave (&enabled, g_strcmp0 (g_getenv ("KRING_BENCH"), "1") == 0 ? 2 : 1);
  return enabled == 2;
}

static void
print_mark (const char *event, gint64 when)
{
  /* Unbuffered and in one write, so that lines never mix. */
  g_autofree char *line = g_strdup_printf ("kring-bench: %s %" G_GINT64_FORMAT "\n", event, when);

  fputs (line, stderr);
  fflush (stderr);
}

void
kring_bench_mark (const char *event)
{
  g_return_if_fail (event != NULL);

  if (kring_bench_enabled ())
    print_mark (event, g_get_monotonic_time ());
}

/* The events already reported by kring_bench_mark_shown(). */
static GHashTable *
shown_events (void)
{
  static GHashTable *events;

  if (events == NULL)
    events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return events;
}

typedef struct
{
  char *event;
  GdkFrameClock *clock;
  gulong handler;
} ShownWatch;

static void
after_paint_cb (GdkFrameClock *clock, ShownWatch *watch)
{
  print_mark (watch->event, g_get_monotonic_time ());
  g_signal_handler_disconnect (clock, watch->handler);
  g_object_unref (watch->clock);
  g_free (watch->event);
  g_free (watch);
}

/* Runs each frame until @widget is mapped, in the frame's update phase:
 * its paint then shows the widget. */
static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  const char *event = user_data;
  ShownWatch *watch;

  /* Another widget showed first: stop ticking. */
  if (g_hash_table_contains (shown_events (), event))
    return G_SOURCE_REMOVE;
  if (!gtk_widget_get_mapped (widget))
    return G_SOURCE_CONTINUE;
  g_hash_table_add (shown_events (), g_strdup (event));
  watch = g_new0 (ShownWatch, 1);
  watch->event = g_strdup (event);
  watch->clock = g_object_ref (clock);
  watch->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), watch);
  return G_SOURCE_REMOVE;
}

void
kring_bench_mark_shown (GtkWidget *widget, const char *event)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (event != NULL);

  if (!kring_bench_enabled () || g_hash_table_contains (shown_events (), event))
    return;
  gtk_widget_add_tick_callback (widget, tick_cb, g_strdup (event), g_free);
}
