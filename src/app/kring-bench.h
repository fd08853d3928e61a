/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark instrumentation (tests/bench/run-client-bench.sh).  With
 * KRING_BENCH=1 in the environment the client reports moments on standard
 * error, one line each:
 *
 *   kring-bench: EVENT MICROSECONDS
 *
 * MICROSECONDS being g_get_monotonic_time() (CLOCK_MONOTONIC), so that a
 * benchmark can compare them with its own clock.  Without KRING_BENCH the
 * calls cost one check of a cached flag and print nothing. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether KRING_BENCH=1 is set. */
gboolean kring_bench_enabled (void);
/* Reports @event now. */
void kring_bench_mark (const char *event);
/* Reports @event once per process, right after the first frame painted
 * while @widget is mapped: the moment it is on screen. */
void kring_bench_mark_shown (GtkWidget *widget, const char *event);

G_END_DECLS
