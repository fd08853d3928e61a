/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Teammates (paid seats) in SQLite.  Every change here moves derived facts:
 * the person's paid status (R4) and the guest counts of the dossiers they
 * take part in (R2), so each write ends by refreshing them. */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include "kring-sqlite.h"

/* The columns read_teammate() expects, in order. */
#define TEAMMATE_COLUMNS                                                                           \
  "t.id, t.account_id, t.user_id, u.email, u.name, u.password_hash IS NOT NULL, t.role,"           \
  " t.added_at"

static void
read_teammate (sqlite3_stmt *stmt, KringTeammate *out)
{
  out->id = sqlite3_column_int64 (stmt, 0);
  out->account_id = sqlite3_column_int64 (stmt, 1);
  out->user_id = sqlite3_column_int64 (stmt, 2);
  out->email = kring_sqlite_column_dup (stmt, 3);
  out->name = kring_sqlite_column_dup (stmt, 4);
  out->active = sqlite3_column_int (stmt, 5) != 0;
  out->role = kring_role_from_string ((const char *)sqlite3_column_text (stmt, 6));
  out->added_at = sqlite3_column_int64 (stmt, 7);
}

static gboolean
teammate_add (KringTxn *txn, gint64 account_id, gint64 user_id, KringRole role, gint64 *out_id,
              GError **error)
{
  gint64 id;

  if (!kring_sqlite_run (
          txn, error,
          "INSERT INTO teammates (account_id, user_id, role, added_at) VALUES (?, ?, ?, ?)", "iisi",
          account_id, user_id, kring_role_to_string (role), kring_txn_now (txn)))
    return FALSE;
  id = kring_sqlite_last_insert_id (txn);
  /* A seat of an active account makes a paid user, and a teammate is no
   * guest in the account's own dossiers any more. */
  if (!kring_sqlite_refresh_user (txn, user_id, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

static gboolean
teammate_get (KringTxn *txn, gint64 account_id, gint64 id, KringTeammate *out, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (!kring_sqlite_query_row (txn, error, &stmt,
                               "SELECT " TEAMMATE_COLUMNS " FROM teammates t"
                               " JOIN users u ON u.id = t.user_id"
                               " WHERE t.account_id = ? AND t.id = ?",
                               "ii", account_id, id))
    return FALSE;
  read_teammate (stmt, out);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
teammate_get_role (KringTxn *txn, gint64 account_id, gint64 user_id, KringRole *out, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  sqlite3_stmt *stmt = NULL;

  *out = KRING_ROLE_NONE;
  if (!kring_sqlite_query_row (txn, &local_error, &stmt,
                               "SELECT role FROM teammates WHERE account_id = ? AND user_id = ?",
                               "ii", account_id, user_id))
    {
      if (local_error == NULL)
        return TRUE; /* no teammate */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *out = kring_role_from_string ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
teammate_set_role (KringTxn *txn, gint64 id, KringRole role, GError **error)
{
  /* A role moves no derived fact: every role is a seat. */
  return kring_sqlite_run (txn, error, "UPDATE teammates SET role = ? WHERE id = ?", "si",
                           kring_role_to_string (role), id);
}

/* The account's dossiers where the user takes part: they lose the person
 * with the seat (R6). */
static gboolean
own_dossiers_of (KringTxn *txn, gint64 account_id, gint64 user_id, GArray *out, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = kring_sqlite_query (txn, error,
                             "SELECT p.dossier_id FROM participants p"
                             " JOIN dossiers d ON d.id = p.dossier_id"
                             " WHERE p.user_id = ? AND d.account_id = ?",
                             "ii", user_id, account_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    {
      gint64 dossier_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (out, dossier_id);
    }
  return rc == SQLITE_DONE;
}

static gboolean
teammate_remove (KringTxn *txn, gint64 id, GError **error)
{
  g_autoptr (GArray) dossiers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) local_error = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 account_id, user_id;

  if (!kring_sqlite_query_row (txn, &local_error, &stmt,
                               "SELECT account_id, user_id FROM teammates WHERE id = ?", "i", id))
    {
      if (local_error == NULL)
        return TRUE; /* already gone */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  account_id = sqlite3_column_int64 (stmt, 0);
  user_id = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  if (!own_dossiers_of (txn, account_id, user_id, dossiers, error)
      || !kring_sqlite_run (txn, error,
                            "DELETE FROM participants WHERE user_id = ? AND dossier_id IN"
                            " (SELECT id FROM dossiers WHERE account_id = ?)",
                            "ii", user_id, account_id)
      || !kring_sqlite_run (txn, error, "DELETE FROM teammates WHERE id = ?", "i", id)
      /* Their participations elsewhere stay; their access there may drop to guest. */
      || !kring_sqlite_refresh_user (txn, user_id, error))
    return FALSE;
  for (guint i = 0; i < dossiers->len; i++)
    if (!kring_sqlite_refresh_dossier (txn, g_array_index (dossiers, gint64, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
teammate_count_owners (KringTxn *txn, gint64 account_id, gint64 *out, GError **error)
{
  return kring_sqlite_query_int (
      txn, error, out, "SELECT count(*) FROM teammates WHERE account_id = ? AND role = 'owner'",
      "i", account_id);
}

static gboolean
teammate_list (KringTxn *txn, gint64 account_id, const KringPage *page, GArray *out, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* users.sort_key is kring_fold() of the name, or of the email when there
   * is none: the key the handler puts in its cursors. */
  stmt = kring_sqlite_query (txn, error,
                             "SELECT " TEAMMATE_COLUMNS " FROM teammates t"
                             " JOIN users u ON u.id = t.user_id"
                             " WHERE t.account_id = ?1 AND (?2 IS NULL OR u.sort_key > ?2"
                             "  OR (u.sort_key = ?2 AND t.id > ?3))"
                             " ORDER BY u.sort_key, t.id LIMIT ?4",
                             "isii", account_id, page->after_key, page->after_id,
                             (gint64)page->limit);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    {
      g_array_set_size (out, out->len + 1);
      read_teammate (stmt, &g_array_index (out, KringTeammate, out->len - 1));
    }
  return rc == SQLITE_DONE;
}

const KringTeammateOps kring_sqlite_teammate_ops = {
  .add = teammate_add,
  .get = teammate_get,
  .get_role = teammate_get_role,
  .set_role = teammate_set_role,
  .remove = teammate_remove,
  .count_owners = teammate_count_owners,
  .list = teammate_list,
};
