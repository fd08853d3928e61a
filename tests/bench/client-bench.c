/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The in-process part of the client benchmark (run-client-bench.sh runs it
 * inside tests/app/run-with-display.sh, after `kring --sign-in` stored a
 * session in the keyring): the real main window, signed in silently as the
 * real app is, against a kringd holding --expect dossiers.
 *
 *   client-bench --server URL --expect N --query TEXT
 *
 * 1. Scrolls the dossier list from the first row to the last, one
 *    viewport per frame, as fast as frames are painted and pages arrive:
 *    every row is bound and painted once.
 * 2. Types TEXT into the search field one character at a time, each once
 *    the rows of the one before are shown, then clears it.
 *
 * Throughout, a 1 ms high-priority timer measures how long the main
 * thread is busy at a stretch (a stall): what a key press or a scroll
 * waits for before the window reacts.  Prints "client-bench: KEY VALUE"
 * lines on standard output; exits 1 when something does not happen. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "kring-application.h"
#include "kring-dossier-list.h"
#include "kring-list-query.h"
#include "kring-paged-model.h"
#include "kring-window.h"

#define WAIT_SECONDS 120

static gint64 started;
static guint frames;         /* after-paint signals of the window's frame clock */
static gint64 last_tick;     /* the stall timer's previous run */
static gint64 longest_stall; /* µs, since reset_stall() */
static gboolean search_changed;

static double
ms (gint64 usec)
{
  return usec / 1000.0;
}

static gboolean
stall_tick (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > longest_stall)
    longest_stall = now - last_tick;
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
reset_stall (void)
{
  last_tick = g_get_monotonic_time ();
  longest_stall = 0;
}

/* The timer's own period is no stall. */
static gint64
stall (void)
{
  return MAX (longest_stall - 1000, 0);
}

static void
after_paint (GdkFrameClock *clock, gpointer user_data)
{
  frames++;
}

static void
fail (const char *what)
{
  g_printerr ("client-bench: %s\n", what);
  exit (1);
}

#define WAIT_FOR(cond, what)                                                                       \
  G_STMT_START                                                                                     \
  {                                                                                                \
    gint64 deadline_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;                    \
    while (!(cond))                                                                                \
      {                                                                                            \
        if (g_get_monotonic_time () > deadline_)                                                   \
          fail ("timed out waiting for " what);                                                    \
        g_main_context_iteration (NULL, TRUE);                                                     \
      }                                                                                            \
  }                                                                                                \
  G_STMT_END

/* Waits until the next frame has been painted. */
static void
wait_for_paint (void)
{
  guint before = frames;

  WAIT_FOR (frames > before, "a frame");
}

static GtkWidget *
find_by_id (GtkWidget *root, const char *id)
{
  if (GTK_IS_BUILDABLE (root)
      && g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* The @percent percentile of @values (sorted in place). */
static gint64
percentile (GArray *values, int percent)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_int64);
  return g_array_index (values, gint64, MIN (values->len - 1, values->len * percent / 100));
}

static void
print_status_kb (const char *key, const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  line = strstr (status, field);
  if (line != NULL)
    printf ("client-bench: %s %ld\n", key, strtol (line + strlen (field) + 1, NULL, 10));
}

/* Scrolling */

static void
scroll_whole_list (GtkListView *list_view, KringPagedModel *paged, guint expected)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  GListModel *model = G_LIST_MODEL (paged);
  g_autoptr (GArray) stalls = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start = g_get_monotonic_time ();
  guint steps = 0, pages_waited = 0;

  while (TRUE)
    {
      double bottom = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);
      double value = gtk_adjustment_get_value (vadj);
      gint64 step_stall;

      reset_stall ();
      if (value < bottom - 0.5)
        {
          /* One viewport further down, and its frame. */
          gtk_adjustment_set_value (vadj,
                                    MIN (value + gtk_adjustment_get_page_size (vadj), bottom));
          wait_for_paint ();
          steps++;
        }
      else if (kring_paged_model_get_complete (paged))
        break;
      else
        {
          /* At the end of what arrived: the list asks for the next page
           * (a person would wait here too). */
          guint n = g_list_model_get_n_items (model);

          WAIT_FOR (g_list_model_get_n_items (model) > n || kring_paged_model_get_complete (paged)
                        || kring_paged_model_get_error (paged) != NULL,
                    "the next page at the end of the list");
          if (kring_paged_model_get_error (paged) != NULL)
            fail (kring_paged_model_get_error (paged)->message);
          wait_for_paint ();
          pages_waited++;
        }
      step_stall = stall ();
      g_array_append_val (stalls, step_stall);
    }
  if (g_list_model_get_n_items (model) != expected)
    {
      g_autofree char *what = g_strdup_printf ("scrolled to the end of %u rows, expected %u",
                                               g_list_model_get_n_items (model), expected);
      fail (what);
    }
  printf ("client-bench: scroll-rows %u\n", expected);
  printf ("client-bench: scroll-steps %u\n", steps);
  printf ("client-bench: scroll-page-waits %u\n", pages_waited);
  printf ("client-bench: scroll-ms %.1f\n", ms (g_get_monotonic_time () - start));
  printf ("client-bench: scroll-stall-p50-ms %.1f\n", ms (percentile (stalls, 50)));
  printf ("client-bench: scroll-stall-p95-ms %.1f\n", ms (percentile (stalls, 95)));
  printf ("client-bench: scroll-stall-max-ms %.1f\n", ms (percentile (stalls, 100)));
  gtk_adjustment_set_value (vadj, 0);
  wait_for_paint ();
}

/* Search as you type */

static void
search_changed_cb (void)
{
  search_changed = TRUE;
}

static gboolean
search_is (KringPagedModel *paged, const char *text)
{
  const char *search = kring_list_query_get_search (kring_paged_model_get_query (paged));
  g_autofree char *want = g_strstrip (g_strdup (text));
  g_autofree char *have = g_strstrip (g_strdup (search != NULL ? search : ""));

  return g_str_equal (have, want);
}

static guint items_changes;

static void
items_changed_cb (void)
{
  items_changes++;
}

/* One key: sets the search field to @text (one character more or less than
 * before) and waits for its rows; returns the stall, adds to the arrays. */
static void
key (GtkEditable *entry, KringPagedModel *paged, const char *text, GArray *latencies,
     GArray *stalls, GArray *first_frames)
{
  gint64 start, first_frame = 0, shown;
  guint before_frames, before_changes = items_changes;
  int position = -1;
  gint64 key_stall;

  search_changed = FALSE;
  reset_stall ();
  start = g_get_monotonic_time ();
  before_frames = frames;
  if (strlen (text) > strlen (gtk_editable_get_text (entry)))
    {
      /* Typing: the last character, inserted at the end. */
      position = (int)g_utf8_strlen (gtk_editable_get_text (entry), -1);
      gtk_editable_insert_text (entry, text + strlen (text) - 1, 1, &position);
    }
  else
    gtk_editable_delete_text (entry, 0, -1);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, text);
  WAIT_FOR (frames > before_frames, "the key's frame");
  first_frame = g_get_monotonic_time () - start;
  /* GtkSearchEntry waits search-delay, then the model asks the server. */
  WAIT_FOR (search_changed && search_is (paged, text) && !kring_paged_model_get_loading (paged),
            "the search's rows");
  if (items_changes != before_changes)
    wait_for_paint ();
  shown = g_get_monotonic_time () - start;
  key_stall = stall ();
  g_array_append_val (latencies, shown);
  g_array_append_val (stalls, key_stall);
  g_array_append_val (first_frames, first_frame);
  printf ("client-bench: key %-14s rows %5u  frame %5.1f ms  shown %6.1f ms  stall %5.1f ms\n",
          text[0] != '\0' ? text : "(cleared)", g_list_model_get_n_items (G_LIST_MODEL (paged)),
          ms (first_frame), ms (shown), ms (key_stall));
}

static void
type_query (GtkEditable *entry, KringPagedModel *paged, const char *query)
{
  g_autoptr (GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) stalls = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) first_frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkSearchEntry *search = GTK_SEARCH_ENTRY (entry);
  gint64 worst;

  g_signal_connect (search, "search-changed", G_CALLBACK (search_changed_cb), NULL);
  g_signal_connect (paged, "items-changed", G_CALLBACK (items_changed_cb), NULL);
  for (gsize i = 1; i <= strlen (query); i++)
    {
      g_autofree char *prefix = g_strndup (query, i);

      key (entry, paged, prefix, latencies, stalls, first_frames);
    }
  key (entry, paged, "", latencies, stalls, first_frames);
  worst = percentile (stalls, 100);
  printf ("client-bench: filter-keys %u\n", latencies->len);
  printf ("client-bench: filter-search-delay-ms %u\n", gtk_search_entry_get_search_delay (search));
  printf ("client-bench: filter-frame-p50-ms %.1f\n", ms (percentile (first_frames, 50)));
  printf ("client-bench: filter-shown-p50-ms %.1f\n", ms (percentile (latencies, 50)));
  printf ("client-bench: filter-shown-max-ms %.1f\n", ms (percentile (latencies, 100)));
  printf ("client-bench: filter-stall-p50-ms %.1f\n", ms (percentile (stalls, 50)));
  printf ("client-bench: filter-stall-max-ms %.1f\n", ms (worst));
}

int
main (int argc, char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *query = NULL;
  int expected = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringApplication) app = NULL;
  GOptionEntry entries[]
      = { { "server", 0, 0, G_OPTION_ARG_STRING, &server, "Server address", "URL" },
          { "expect", 0, 0, G_OPTION_ARG_INT, &expected, "Dossiers the server holds", "N" },
          { "query", 0, 0, G_OPTION_ARG_STRING, &query, "Text to type into the search", "TEXT" },
          { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new ("- the client benchmark");
  KringWindow *window;
  KringDossierList *list;
  GtkListView *list_view;
  KringPagedModel *paged;

  started = g_get_monotonic_time ();
  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    fail (error->message);
  if (server == NULL || expected <= 0 || query == NULL)
    fail ("--server, --expect and --query are required");

  gtk_init ();
  adw_init ();
  app = kring_application_new ();
  /* Next to a running kring, not through it. */
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app))
                                                    | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    fail (error->message);
  kring_application_set_server_url (app, server);
  window = kring_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)), "the window");
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint), NULL);
  g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_tick, NULL, NULL);

  /* Silent sign-in with the keyring's session, then the first page. */
  WAIT_FOR (g_strcmp0 (kring_window_get_visible_view (window), "dossiers") == 0,
            "the signed-in window (is a session stored?)");
  list = KRING_DOSSIER_LIST (kring_window_get_view (window, "dossiers"));
  paged = KRING_PAGED_MODEL (kring_dossier_list_get_model (list));
  list_view = GTK_LIST_VIEW (find_by_id (GTK_WIDGET (list), "list_view"));
  if (list_view == NULL)
    fail ("no list_view in the dossier list");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (list_view))
                && g_list_model_get_n_items (G_LIST_MODEL (paged)) > 0,
            "the first page");
  wait_for_paint ();
  printf ("client-bench: first-page-ms %.1f\n", ms (g_get_monotonic_time () - started));
  print_status_kb ("first-page-rss-kb", "VmRSS:");

  scroll_whole_list (list_view, paged, (guint)expected);
  print_status_kb ("scrolled-rss-kb", "VmRSS:");
  type_query (GTK_EDITABLE (find_by_id (GTK_WIDGET (list), "search_entry")), paged, query);
  print_status_kb ("peak-rss-kb", "VmHWM:");
  fflush (stdout);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}
