/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include "kring-sqlite.h"

#define USER_COLUMNS "id, email, name, password_hash, language, paid, created_at"

static void
read_user (sqlite3_stmt *stmt, KringUser *out)
{
  out->id = sqlite3_column_int64 (stmt, 0);
  out->email = kring_sqlite_column_dup (stmt, 1);
  out->name = kring_sqlite_column_dup (stmt, 2);
  out->password_hash = kring_sqlite_column_dup (stmt, 3);
  out->language = kring_sqlite_column_dup (stmt, 4);
  out->paid = sqlite3_column_int (stmt, 5) != 0;
  out->created_at = sqlite3_column_int64 (stmt, 6);
}

static gboolean
user_get (KringTxn *txn, gint64 id, KringUser *out, GError **error)
{
  sqlite3_stmt *stmt;

  if (!kring_sqlite_query_row (txn, error, &stmt, "SELECT " USER_COLUMNS " FROM users WHERE id = ?",
                               "i", id))
    return FALSE;
  read_user (stmt, out);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
user_get_by_email (KringTxn *txn, const char *email, KringUser *out, GError **error)
{
  sqlite3_stmt *stmt;

  if (!kring_sqlite_query_row (txn, error, &stmt,
                               "SELECT " USER_COLUMNS " FROM users WHERE email = ?", "s", email))
    return FALSE;
  read_user (stmt, out);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
user_create (KringTxn *txn, const char *email, const char *name, const char *password_hash,
             gint64 *out_id, GError **error)
{
  if (!kring_sqlite_run (txn, error,
                         "INSERT INTO users (email, name, sort_key, password_hash, created_at)"
                         " VALUES (?1, ?2, kring_fold (coalesce (?2, ?1)), ?3, ?4)",
                         "sssi", email, name, password_hash, kring_txn_now (txn)))
    return FALSE;
  *out_id = kring_sqlite_last_insert_id (txn);
  return TRUE;
}

static gboolean
user_set_name (KringTxn *txn, gint64 id, const char *name, GError **error)
{
  return kring_sqlite_run (
      txn, error,
      "UPDATE users SET name = ?2, sort_key = kring_fold (coalesce (?2, email))"
      " WHERE id = ?1",
      "is", id, name);
}

static gboolean
user_set_password (KringTxn *txn, gint64 id, const char *password_hash, GError **error)
{
  return kring_sqlite_run (txn, error, "UPDATE users SET password_hash = ?2 WHERE id = ?1", "is",
                           id, password_hash);
}

static gboolean
user_set_language (KringTxn *txn, gint64 id, const char *language, GError **error)
{
  return kring_sqlite_run (txn, error, "UPDATE users SET language = ?2 WHERE id = ?1", "is", id,
                           language);
}

static gboolean
user_count_guest_dossiers (KringTxn *txn, gint64 id, gint64 *out, GError **error)
{
  /* Participations in live dossiers of accounts the user is no teammate of. */
  return kring_sqlite_query_int (txn, error, out,
                                 "SELECT count(*) FROM participants p"
                                 " JOIN dossiers d ON d.id = p.dossier_id"
                                 " WHERE p.user_id = ?1 AND d.archived = 0 AND NOT EXISTS"
                                 " (SELECT 1 FROM teammates t WHERE t.account_id = d.account_id"
                                 "   AND t.user_id = ?1)",
                                 "i", id);
}

static gboolean
user_lock_email (KringTxn *txn, const char *email, GError **error)
{
  /* BEGIN IMMEDIATE already holds the database's only write lock. */
  return TRUE;
}

const KringUserOps kring_sqlite_user_ops = {
  .get = user_get,
  .get_by_email = user_get_by_email,
  .create = user_create,
  .set_name = user_set_name,
  .set_password = user_set_password,
  .set_language = user_set_language,
  .count_guest_dossiers = user_count_guest_dossiers,
  .lock_email = user_lock_email,
};
