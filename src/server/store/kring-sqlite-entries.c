/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Journal entries (R7, R10).  Entries are never changed once written.  A
 * page of entries is one indexed query: the author comes by a primary-key
 * join and corrected_by by a correlated group_concat over the partial index
 * on corrects, so there are no per-entry round trips.  Each visibility has
 * its own statement, so the planner sees a plain equality and picks the
 * index that also gives the order. */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include "kring-sqlite.h"

/* Every professional entry is visible: the corrections as stored. */
#define COLUMNS_ALL                                                                                \
  "SELECT e.id, e.dossier_id, e.author_id, u.email, u.name, e.body, e.professionals,"              \
  " e.created_at, e.corrects,"                                                                     \
  " (SELECT group_concat(k.id) FROM entries k WHERE k.corrects = e.id)"                            \
  " FROM entries e JOIN users u ON u.id = e.author_id"

/* A guest's view: no id of a professional entry may show, not even as the
 * target or a correction of one they can see. */
#define COLUMNS_PUBLIC                                                                             \
  "SELECT e.id, e.dossier_id, e.author_id, u.email, u.name, e.body, e.professionals,"              \
  " e.created_at,"                                                                                 \
  " (SELECT c.id FROM entries c WHERE c.id = e.corrects AND c.professionals = 0),"                 \
  " (SELECT group_concat(k.id) FROM entries k WHERE k.corrects = e.id AND k.professionals = 0)"    \
  " FROM entries e JOIN users u ON u.id = e.author_id"

static const char get_all_sql[] = COLUMNS_ALL " WHERE e.id = ?1 AND e.dossier_id = ?2";
static const char get_public_sql[]
    = COLUMNS_PUBLIC " WHERE e.id = ?1 AND e.dossier_id = ?2 AND e.professionals = 0";
/* ?2 is "below this id": G_MAXINT64 for the first page, so the id stays a
 * range on the index instead of an OR the planner cannot use. */
static const char list_all_sql[]
    = COLUMNS_ALL " WHERE e.dossier_id = ?1 AND e.id < ?2 ORDER BY e.id DESC LIMIT ?3";
static const char list_public_sql[] = COLUMNS_PUBLIC
    " WHERE e.dossier_id = ?1 AND e.professionals = 0 AND e.id < ?2 ORDER BY e.id DESC LIMIT ?3";

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* "12,15,9" → ascending ids (group_concat promises no order). */
static GArray *
parse_ids (const char *list)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *p = list;

  while (p != NULL && *p != '\0')
    {
      char *end = NULL;
      gint64 id = g_ascii_strtoll (p, &end, 10);

      if (end == p)
        break;
      g_array_append_val (ids, id);
      p = *end == ',' ? end + 1 : end;
    }
  g_array_sort (ids, compare_ids);
  return ids;
}

static void
read_entry (sqlite3_stmt *stmt, KringEntry *out)
{
  out->id = sqlite3_column_int64 (stmt, 0);
  out->dossier_id = sqlite3_column_int64 (stmt, 1);
  out->author_id = sqlite3_column_int64 (stmt, 2);
  out->author_email = kring_sqlite_column_dup (stmt, 3);
  out->author_name = kring_sqlite_column_dup (stmt, 4);
  out->body = kring_sqlite_column_dup (stmt, 5);
  out->professionals = sqlite3_column_int (stmt, 6) != 0;
  out->created_at = sqlite3_column_int64 (stmt, 7);
  out->corrects = sqlite3_column_int64 (stmt, 8);
  out->corrected_by = parse_ids ((const char *)sqlite3_column_text (stmt, 9));
}

static gboolean
entry_create (KringTxn *txn, gint64 dossier_id, gint64 author_id, const char *body,
              gboolean professionals, gint64 corrects, gint64 *out_id, GError **error)
{
  if (!kring_sqlite_run (
          txn, error,
          "INSERT INTO entries (dossier_id, author_id, body, professionals, corrects,"
          " created_at) VALUES (?, ?, ?, ?, ?, ?)",
          "iisbni", dossier_id, author_id, body, professionals, corrects, kring_txn_now (txn)))
    return FALSE;
  if (out_id != NULL)
    *out_id = kring_sqlite_last_insert_id (txn);
  return TRUE;
}

static gboolean
entry_get (KringTxn *txn, gint64 dossier_id, gint64 id, gboolean with_professionals,
           KringEntry *out, GError **error)
{
  const char *sql = with_professionals ? get_all_sql : get_public_sql;
  sqlite3_stmt *stmt = NULL;

  if (!kring_sqlite_query_row (txn, error, &stmt, sql, "ii", id, dossier_id))
    return FALSE;
  read_entry (stmt, out);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
entry_list (KringTxn *txn, gint64 dossier_id, gboolean with_professionals, const KringPage *page,
            GArray *out, GError **error)
{
  const char *sql = with_professionals ? list_all_sql : list_public_sql;
  gint64 below = page->after_id > 0 ? page->after_id : G_MAXINT64;
  sqlite3_stmt *stmt;
  int rc;

  stmt = kring_sqlite_query (txn, error, sql, "iii", dossier_id, below, (gint64)page->limit);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    {
      KringEntry entry = { 0 };

      read_entry (stmt, &entry);
      g_array_append_val (out, entry);
    }
  return rc == SQLITE_DONE;
}

/* The newest id: SQLite writers are serialised (BEGIN IMMEDIATE), so ids are
 * given out in commit order and a new entry always has the highest id. */
static gboolean
entry_version (KringTxn *txn, gint64 dossier_id, gint64 *out, GError **error)
{
  return kring_sqlite_query_int (
      txn, error, out, "SELECT max(id) FROM entries WHERE dossier_id = ?", "i", dossier_id);
}

static gboolean
entry_authors (KringTxn *txn, gint64 dossier_id, gint64 first_id, gint64 last_id, GArray *out,
               GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* The range is read from entries_by_dossier_id alone (it holds author_id). */
  stmt = kring_sqlite_query (txn, error,
                             "SELECT u.id, u.email, u.name FROM users u WHERE u.id IN"
                             " (SELECT e.author_id FROM entries e"
                             "   WHERE e.dossier_id = ?1 AND e.id BETWEEN ?2 AND ?3)",
                             "iii", dossier_id, first_id, last_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    {
      KringUser user = { 0 };

      user.id = sqlite3_column_int64 (stmt, 0);
      user.email = kring_sqlite_column_dup (stmt, 1);
      user.name = kring_sqlite_column_dup (stmt, 2);
      g_array_append_val (out, user);
    }
  return rc == SQLITE_DONE;
}

const KringEntryOps kring_sqlite_entry_ops = {
  .create = entry_create,
  .get = entry_get,
  .list = entry_list,
  .version = entry_version,
  .authors = entry_authors,
};
