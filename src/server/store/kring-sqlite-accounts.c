/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Accounts (organisations) in SQLite.  The seat count is not stored: it is
 * counted from the teammates on every read (R1), so it cannot drift. */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include "kring-sqlite.h"

/* The columns read_account() expects, in order. */
#define ACCOUNT_COLUMNS                                                                            \
  "a.id, a.name, a.plan, a.yearly, a.new_kvk, a.anbi, a.active,"                                   \
  " (SELECT count(*) FROM teammates s WHERE s.account_id = a.id), a.created_at"

static void
read_account (sqlite3_stmt *stmt, KringAccount *out)
{
  out->id = sqlite3_column_int64 (stmt, 0);
  out->name = kring_sqlite_column_dup (stmt, 1);
  out->plan = kring_sqlite_column_dup (stmt, 2);
  out->yearly = sqlite3_column_int (stmt, 3) != 0;
  out->new_kvk = sqlite3_column_int (stmt, 4) != 0;
  out->anbi = sqlite3_column_int (stmt, 5) != 0;
  out->active = sqlite3_column_int (stmt, 6) != 0;
  out->seats = sqlite3_column_int64 (stmt, 7);
  out->created_at = sqlite3_column_int64 (stmt, 8);
}

static gboolean
account_create (KringTxn *txn, const char *name, const char *plan, gint64 *out_id, GError **error)
{
  if (!kring_sqlite_run (txn, error,
                         "INSERT INTO accounts (name, plan, created_at) VALUES (?, ?, ?)", "ssi",
                         name, plan, kring_txn_now (txn)))
    return FALSE;
  if (out_id != NULL)
    *out_id = kring_sqlite_last_insert_id (txn);
  return TRUE;
}

static gboolean
account_get (KringTxn *txn, gint64 id, KringAccount *out, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (!kring_sqlite_query_row (
          txn, error, &stmt, "SELECT " ACCOUNT_COLUMNS " FROM accounts a WHERE a.id = ?", "i", id))
    return FALSE;
  read_account (stmt, out);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
account_update (KringTxn *txn, const KringAccount *account, GError **error)
{
  return kring_sqlite_run (txn, error,
                           "UPDATE accounts SET name = ?, plan = ?, yearly = ? WHERE id = ?",
                           "ssbi", account->name, account->plan, account->yearly, account->id);
}

static gboolean
account_set_status (KringTxn *txn, gint64 id, gboolean active, GError **error)
{
  /* The account's people gain or lose their paid status (R4), which moves
   * guest counts of every dossier they take part in; their participations
   * stay either way (R6). */
  return kring_sqlite_run (txn, error, "UPDATE accounts SET active = ? WHERE id = ?", "bi", active,
                           id)
         && kring_sqlite_refresh_account_users (txn, id, error);
}

static gboolean
account_set_discounts (KringTxn *txn, gint64 id, gboolean new_kvk, gboolean anbi, GError **error)
{
  return kring_sqlite_run (txn, error, "UPDATE accounts SET new_kvk = ?, anbi = ? WHERE id = ?",
                           "bbi", new_kvk, anbi, id);
}

static gboolean
account_list_all (KringTxn *txn, GArray *out, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = kring_sqlite_query (txn, error, "SELECT " ACCOUNT_COLUMNS " FROM accounts a ORDER BY a.id",
                             NULL);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    {
      g_array_set_size (out, out->len + 1);
      read_account (stmt, &g_array_index (out, KringAccount, out->len - 1));
    }
  return rc == SQLITE_DONE;
}

static gboolean
account_list_memberships (KringTxn *txn, gint64 user_id, GArray *out, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = kring_sqlite_query (txn, error,
                             "SELECT " ACCOUNT_COLUMNS ", t.role FROM teammates t"
                             " JOIN accounts a ON a.id = t.account_id"
                             " WHERE t.user_id = ? ORDER BY a.id",
                             "i", user_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    {
      KringMembership *row;

      g_array_set_size (out, out->len + 1);
      row = &g_array_index (out, KringMembership, out->len - 1);
      read_account (stmt, &row->account);
      row->role = kring_role_from_string ((const char *)sqlite3_column_text (stmt, 9));
    }
  return rc == SQLITE_DONE;
}

const KringAccountOps kring_sqlite_account_ops = {
  .create = account_create,
  .get = account_get,
  .update = account_update,
  .set_status = account_set_status,
  .set_discounts = account_set_discounts,
  .list_all = account_list_all,
  .list_memberships = account_list_memberships,
};
