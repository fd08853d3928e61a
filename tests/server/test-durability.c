/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Acknowledged means durable: kringd is killed with SIGKILL while clients
 * write as fast as they can; after a restart every write that was answered
 * 201 is there, and SQLite's integrity check says ok. */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "kring-test-server.h"

#define WRITERS 8

typedef struct
{
  const char *base_url;
  const char *path;
  const char *token;
  guint index;
  GHashTable *acknowledged; /* entry id → body, this writer's */
  volatile gint *stop;
} Writer;

/* Posts entries until the server goes away, keeping what was acknowledged. */
static gpointer
writer_thread (gpointer user_data)
{
  Writer *writer = user_data;
  g_autoptr (SoupSession) session = kring_test_session_new (10);

  for (guint n = 0; !g_atomic_int_get (writer->stop); n++)
    {
      g_autofree char *body = g_strdup_printf ("writer %u entry %u", writer->index, n);
      g_autofree char *json = g_strdup_printf ("{\"body\": \"%s\"}", body);
      g_autoptr (KringTestResponse) resp = kring_test_try_request (
          session, writer->base_url, "POST", writer->path, writer->token, json);

      if (resp == NULL)
        break; /* the server is gone */
      if (resp->status != 201)
        g_error ("entry POST answered %u", resp->status);
      if (resp->json != NULL)
        g_hash_table_insert (writer->acknowledged, GINT_TO_POINTER (kring_test_int (resp, "id")),
                             g_steal_pointer (&body));
    }
  return NULL;
}

static GHashTable *
all_entries (KringTestServer *server, const char *path, const char *token)
{
  GHashTable *entries = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autofree char *cursor = NULL;

  do
    {
      g_autofree char *page = cursor != NULL
                                  ? g_strdup_printf ("%s?limit=200&cursor=%s", path, cursor)
                                  : g_strdup_printf ("%s?limit=200", path);
      g_autoptr (KringTestResponse) r = kring_test_request (server, "GET", page, token, NULL);

      kring_assert_status (r, 200);
      for (guint i = 0; i < kring_test_len (r, "items"); i++)
        {
          g_autofree char *id_path = g_strdup_printf ("items.%u.id", i);
          g_autofree char *body_path = g_strdup_printf ("items.%u.body", i);

          g_hash_table_insert (entries, GINT_TO_POINTER (kring_test_int (r, id_path)),
                               g_strdup (kring_test_str (r, body_path)));
        }
      g_free (cursor);
      cursor = g_strdup (kring_test_str (r, "next_cursor"));
    }
  while (cursor != NULL);
  return entries;
}

static void
assert_integrity (const char *database)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (database + strlen ("sqlite:"), &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
run_stop_under_write_load (gboolean graceful)
{
  KringTestServer *server = kring_test_server_start (NULL);
  KringTestServer *restarted;
  g_autofree char *token
      = kring_test_signup (server, "durable@voorbeeld.nl", "Duurzaam", "team", NULL);
  g_autoptr (KringTestResponse) r = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GHashTable) stored = NULL;
  Writer writers[WRITERS];
  GThread *threads[WRITERS];
  volatile gint stop = 0;
  guint acknowledged = 0;

  r = kring_test_request (server, "POST", "/api/v1/accounts/1/dossiers", token,
                          "{\"title\": \"Onder druk\"}");
  kring_assert_status (r, 201);
  path
      = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/entries", kring_test_int (r, "id"));

  for (guint i = 0; i < WRITERS; i++)
    {
      writers[i] = (Writer){
        server->base_url, path, token, i, g_hash_table_new_full (NULL, NULL, NULL, g_free), &stop
      };
      threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
    }
  g_usleep (1500 * 1000);
  if (graceful)
    {
      /* SIGTERM: requests in flight are answered, then the server exits 0. */
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
      g_assert_true (g_subprocess_get_if_exited (server->process));
      g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);
    }
  else
    kring_test_server_kill (server);
  for (guint i = 0; i < WRITERS; i++)
    g_thread_join (threads[i]);

  restarted = kring_test_server_start_sharing (server, NULL);
  stored = all_entries (restarted, path, token);
  for (guint i = 0; i < WRITERS; i++)
    {
      GHashTableIter iter;
      gpointer id, body;

      g_hash_table_iter_init (&iter, writers[i].acknowledged);
      while (g_hash_table_iter_next (&iter, &id, &body))
        {
          g_assert_cmpstr (g_hash_table_lookup (stored, id), ==, body);
          acknowledged++;
        }
      g_hash_table_unref (writers[i].acknowledged);
    }
  g_test_message ("%u acknowledged writes, %u stored", acknowledged, g_hash_table_size (stored));
  g_assert_cmpuint (acknowledged, >, 50);
  kring_test_server_stop (restarted);
  assert_integrity (server->database);
  server->owns_dir = TRUE;
  kring_test_server_free (server);
}

static void
test_kill_under_write_load (void)
{
  run_stop_under_write_load (FALSE);
}

static void
test_sigterm_under_write_load (void)
{
  run_stop_under_write_load (TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/durability/kill-under-write-load", test_kill_under_write_load);
  g_test_add_func ("/durability/sigterm-under-write-load", test_sigterm_under_write_load);
  return g_test_run ();
}
