/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dossiers in SQLite.  The list is the hot read of the product (thousands of
 * dossiers per account): it is assembled from index range scans that each
 * stop after one page, never from a sort of everything the user can see:
 * - per account the user administers, dossiers_by_account gives the
 *   account's dossiers in (title_key, id) order directly;
 * - the user's participations in all other accounts come from
 *   participants_by_user (user_id, account_id, …) in the ranges *between*
 *   the administered accounts, so the (possibly thousands of) participations
 *   in those accounts are never read;
 * and the page is the merge of these sorted pieces. */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include <string.h>

#include "kring-sqlite.h"

/* The columns read_dossier() expects, in order. */
#define DOSSIER_COLUMNS                                                                            \
  "d.id, d.account_id, a.name, d.title, d.client_name, d.created_at, d.updated_at, d.archived,"    \
  " d.guest_count, d.participant_count"
#define N_DOSSIER_COLUMNS 10

/* q (always parameter 5): a casefolded substring of the title or the client
 * name.  instr() on the keys, never LIKE: "%" and "_" are ordinary
 * characters of a search. */
#define QUERY_MATCHES "(?5 IS NULL OR instr (d.title_key, ?5) > 0 OR instr (d.client_key, ?5) > 0)"

static void
read_dossier (sqlite3_stmt *stmt, KringDossier *out)
{
  out->id = sqlite3_column_int64 (stmt, 0);
  out->account_id = sqlite3_column_int64 (stmt, 1);
  out->account_name = kring_sqlite_column_dup (stmt, 2);
  out->title = kring_sqlite_column_dup (stmt, 3);
  out->client_name = kring_sqlite_column_dup (stmt, 4);
  out->created_at = sqlite3_column_int64 (stmt, 5);
  out->updated_at = sqlite3_column_int64 (stmt, 6);
  out->archived = sqlite3_column_int (stmt, 7) != 0;
  out->guests = sqlite3_column_int64 (stmt, 8);
  out->participants = sqlite3_column_int64 (stmt, 9);
}

static gboolean
dossier_create (KringTxn *txn, gint64 account_id, const char *title, const char *client_name,
                gint64 *out_id, GError **error)
{
  if (!kring_sqlite_run (
          txn, error,
          "INSERT INTO dossiers (account_id, title, title_key, client_name, client_key,"
          " created_at, updated_at)"
          " VALUES (?1, ?2, kring_fold (?2), ?3, kring_fold (?3), ?4, ?4)",
          "issi", account_id, title, client_name, kring_txn_now (txn)))
    return FALSE;
  *out_id = kring_sqlite_last_insert_id (txn);
  return TRUE;
}

static gboolean
dossier_get (KringTxn *txn, gint64 id, KringDossier *out, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (!kring_sqlite_query_row (txn, error, &stmt,
                               "SELECT " DOSSIER_COLUMNS " FROM dossiers d"
                               " JOIN accounts a ON a.id = d.account_id WHERE d.id = ?",
                               "i", id))
    return FALSE;
  read_dossier (stmt, out);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
dossier_update (KringTxn *txn, const KringDossier *dossier, GError **error)
{
  return kring_sqlite_run (txn, error,
                           "UPDATE dossiers SET title = ?2, title_key = kring_fold (?2),"
                           " client_name = ?3, client_key = kring_fold (?3), updated_at = ?4"
                           " WHERE id = ?1",
                           "issi", dossier->id, dossier->title, dossier->client_name,
                           kring_txn_now (txn));
}

static gboolean
dossier_set_archived (KringTxn *txn, gint64 id, gboolean archived, GError **error)
{
  /* R3 counts only live dossiers; it reads `archived` directly, so no
   * derived count needs refreshing here. */
  return kring_sqlite_run (txn, error,
                           "UPDATE dossiers SET archived = ?2, updated_at = ?3 WHERE id = ?1",
                           "ibi", id, archived, kring_txn_now (txn));
}

/* The list. */

/* A row with its sort key, while the pieces are merged. */
typedef struct
{
  char *key;
  KringDossier row;
} Keyed;

static void
keyed_clear (Keyed *keyed)
{
  g_free (keyed->key);
  kring_dossier_clear (&keyed->row);
}

static int
keyed_compare (gconstpointer a, gconstpointer b)
{
  const Keyed *x = a, *y = b;
  int c = strcmp (x->key, y->key);

  if (c != 0)
    return c;
  return x->row.id < y->row.id ? -1 : x->row.id > y->row.id;
}

typedef struct
{
  const KringDossierFilter *filter;
  const char *after_key; /* never NULL: "" sorts before every title */
  gint64 after_id;
  gint64 limit;
  gboolean paid; /* the user is a paid user (R4) */
  GArray *rows;  /* Keyed */
} ListRun;

static void
collect_row (ListRun *run, sqlite3_stmt *stmt, Keyed *keyed)
{
  read_dossier (stmt, &keyed->row);
  keyed->key = kring_sqlite_column_dup (stmt, N_DOSSIER_COLUMNS);
  g_array_append_val (run->rows, *keyed);
}

static gboolean
step_rows (KringTxn *txn, sqlite3_stmt *stmt, ListRun *run, KringRole role, GError **error)
{
  int rc;

  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    {
      Keyed keyed = { 0 };
      KringRole my_role = role;

      if (role == KRING_ROLE_NONE)
        my_role = kring_role_from_string (
            (const char *)sqlite3_column_text (stmt, N_DOSSIER_COLUMNS + 3));
      keyed.row.my_role = my_role;
      keyed.row.my_participates = sqlite3_column_int (stmt, N_DOSSIER_COLUMNS + 1) != 0;
      keyed.row.my_can_write = sqlite3_column_int (stmt, N_DOSSIER_COLUMNS + 2) != 0;
      if (!keyed.row.my_participates)
        keyed.row.my_access = KRING_ACCESS_NONE;
      else if (my_role != KRING_ROLE_NONE)
        keyed.row.my_access = KRING_ACCESS_TEAM;
      else
        keyed.row.my_access = run->paid ? KRING_ACCESS_EXTERNAL : KRING_ACCESS_GUEST;
      collect_row (run, stmt, &keyed);
    }
  return rc == SQLITE_DONE;
}

/* One administered account: every dossier, straight from dossiers_by_account. */
static gboolean
list_account (KringTxn *txn, ListRun *run, gint64 account_id, KringRole role, GError **error)
{
  const KringDossierFilter *f = run->filter;
  sqlite3_stmt *stmt;

  /* Owners and admins always write, so only whether they take part is
   * read: EXISTS is answered by the (dossier_id, user_id) index alone. */
  stmt = kring_sqlite_query (txn, error,
                             "SELECT " DOSSIER_COLUMNS ", d.title_key,"
                             " EXISTS (SELECT 1 FROM participants p"
                             "  WHERE p.dossier_id = d.id AND p.user_id = ?7), 1, NULL"
                             " FROM dossiers d JOIN accounts a ON a.id = d.account_id"
                             " WHERE d.account_id = ?1 AND d.archived = ?2"
                             " AND (d.title_key, d.id) > (?3, ?4) AND " QUERY_MATCHES
                             " ORDER BY d.title_key, d.id LIMIT ?6",
                             "ibsisii", account_id, f->archived, run->after_key, run->after_id,
                             f->query, run->limit, f->user_id);
  return stmt != NULL && step_rows (txn, stmt, run, role, error);
}

/* The user's participations in accounts with ids strictly between @low and
 * @high (none of which they administer). */
static gboolean
list_participations (KringTxn *txn, ListRun *run, gint64 low, gint64 high, GError **error)
{
  const KringDossierFilter *f = run->filter;
  sqlite3_stmt *stmt;

  if (high - low < 2)
    return TRUE;
  stmt = kring_sqlite_query (txn, error,
                             "SELECT " DOSSIER_COLUMNS ", d.title_key, 1, p.can_write, t.role"
                             " FROM participants p JOIN dossiers d ON d.id = p.dossier_id"
                             " JOIN accounts a ON a.id = d.account_id"
                             " LEFT JOIN teammates t ON t.account_id = p.account_id"
                             "  AND t.user_id = p.user_id"
                             " WHERE p.user_id = ?1 AND p.account_id > ?2 AND p.account_id < ?3"
                             " AND d.archived = ?4 AND " QUERY_MATCHES
                             " AND (d.title_key, d.id) > (?6, ?7)"
                             " ORDER BY d.title_key, d.id LIMIT ?8",
                             "iiibssii", f->user_id, low, high, f->archived, f->query,
                             run->after_key, run->after_id, run->limit);
  return stmt != NULL && step_rows (txn, stmt, run, KRING_ROLE_NONE, error);
}

/* Accounts the user is owner or admin of: their @ids, ascending, and the
 * user's @roles in them. */
static gboolean
admin_accounts (KringTxn *txn, gint64 user_id, GArray *ids, GArray *roles, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = kring_sqlite_query (txn, error,
                             "SELECT account_id, role FROM teammates WHERE user_id = ?"
                             " AND role IN ('owner', 'admin') ORDER BY account_id",
                             "i", user_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      KringRole role = kring_role_from_string ((const char *)sqlite3_column_text (stmt, 1));

      g_array_append_val (ids, id);
      g_array_append_val (roles, role);
    }
  return rc == SQLITE_DONE;
}

static gboolean
user_is_paid (KringTxn *txn, gint64 user_id, gboolean *out, GError **error)
{
  gint64 paid = 0;

  if (!kring_sqlite_query_int (txn, error, &paid, "SELECT paid FROM users WHERE id = ?", "i",
                               user_id))
    return FALSE;
  *out = paid != 0;
  return TRUE;
}

/* Runs the pieces: each administered account, and the participations in the
 * gaps between them (all restricted to the filter's account, if any). */
static gboolean
collect_pieces (KringTxn *txn, ListRun *run, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) roles = g_array_new (FALSE, FALSE, sizeof (KringRole));
  gint64 only = run->filter->account_id;
  gint64 low = only != 0 ? only - 1 : 0;
  gint64 high = only != 0 ? only + 1 : G_MAXINT64;

  if (!admin_accounts (txn, run->filter->user_id, ids, roles, error)
      || !user_is_paid (txn, run->filter->user_id, &run->paid, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (id <= low || id >= high)
        continue;
      if (!list_account (txn, run, id, g_array_index (roles, KringRole, i), error)
          || !list_participations (txn, run, low, id, error))
        return FALSE;
      low = id;
    }
  return list_participations (txn, run, low, high, error);
}

static gboolean
dossier_list (KringTxn *txn, const KringDossierFilter *filter, const KringPage *page, GArray *out,
              GError **error)
{
  g_autoptr (GArray) rows = kring_rows_new (Keyed, keyed_clear);
  ListRun run = {
    .filter = filter,
    .after_key = page->after_key != NULL ? page->after_key : "",
    .after_id = page->after_key != NULL ? page->after_id : 0,
    .limit = page->limit,
    .rows = rows,
  };
  guint n;

  if (!collect_pieces (txn, &run, error))
    return FALSE;
  g_array_sort (rows, keyed_compare);
  n = MIN (rows->len, page->limit);
  for (guint i = 0; i < n; i++)
    {
      Keyed *keyed = &g_array_index (rows, Keyed, i);

      /* The row's strings move to @out; the key stays to be freed. */
      g_array_append_val (out, keyed->row);
      keyed->row = (KringDossier){ 0 };
    }
  return TRUE;
}

const KringDossierOps kring_sqlite_dossier_ops = {
  .create = dossier_create,
  .get = dossier_get,
  .update = dossier_update,
  .set_archived = dossier_set_archived,
  .list = dossier_list,
};
