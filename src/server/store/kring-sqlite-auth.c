/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sessions, one-time codes and failed logins.  Secrets are stored only as
 * hashes; expired rows are deleted as they are met. */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include "kring-sqlite.h"

static gboolean
session_create (KringTxn *txn, const guint8 *token_hash, gsize hash_length, gint64 user_id,
                gint64 expires_at, gint64 *out_id, GError **error)
{
  gint64 now = kring_txn_now (txn);

  /* Sweep the user's expired sessions while we are here. */
  if (!kring_sqlite_run (txn, error, "DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?",
                         "ii", user_id, now))
    return FALSE;
  if (!kring_sqlite_run (txn, error,
                         "INSERT INTO sessions (token_hash, user_id, created_at, expires_at)"
                         " VALUES (?, ?, ?, ?)",
                         "hiii", token_hash, hash_length, user_id, now, expires_at))
    return FALSE;
  if (out_id != NULL)
    *out_id = kring_sqlite_last_insert_id (txn);
  return TRUE;
}

static gboolean
session_lookup (KringTxn *txn, const guint8 *token_hash, gsize hash_length, gint64 *out_session_id,
                gint64 *out_user_id, GError **error)
{
  sqlite3_stmt *stmt;

  if (!kring_sqlite_query_row (
          txn, error, &stmt,
          "SELECT id, user_id FROM sessions WHERE token_hash = ? AND expires_at > ?", "hi",
          token_hash, hash_length, kring_txn_now (txn)))
    return FALSE;
  *out_session_id = sqlite3_column_int64 (stmt, 0);
  *out_user_id = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
session_delete (KringTxn *txn, gint64 session_id, GError **error)
{
  return kring_sqlite_run (txn, error, "DELETE FROM sessions WHERE id = ?", "i", session_id);
}

static gboolean
sessions_revoke (KringTxn *txn, gint64 user_id, gint64 keep_session_id, GError **error)
{
  return kring_sqlite_run (txn, error, "DELETE FROM sessions WHERE user_id = ? AND id <> ?", "ii",
                           user_id, keep_session_id);
}

static gboolean
code_store (KringTxn *txn, const char *purpose, const char *email, gint64 user_id,
            const guint8 *code_hash, gsize hash_length, const char *payload, gint64 expires_at,
            GError **error)
{
  /* A new code for the same purpose invalidates the old one. */
  if (!kring_sqlite_run (txn, error, "DELETE FROM codes WHERE email = ? AND purpose = ?", "ss",
                         email, purpose))
    return FALSE;
  return kring_sqlite_run (
      txn, error,
      "INSERT INTO codes (code_hash, purpose, email, user_id, payload, created_at,"
      " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      "hssnsii", code_hash, hash_length, purpose, email, user_id, payload, kring_txn_now (txn),
      expires_at);
}

static gboolean
code_take (KringTxn *txn, const char *purpose, const guint8 *code_hash, gsize hash_length,
           KringCode *out, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  found = kring_sqlite_query_row (
      txn, error, &stmt,
      "SELECT id, purpose, email, user_id, payload, created_at, expires_at"
      " FROM codes WHERE code_hash = ? AND purpose = ?",
      "hs", code_hash, hash_length, purpose);
  if (!found)
    return FALSE;
  out->id = sqlite3_column_int64 (stmt, 0);
  out->purpose = kring_sqlite_column_dup (stmt, 1);
  out->email = kring_sqlite_column_dup (stmt, 2);
  out->user_id = sqlite3_column_int64 (stmt, 3);
  out->payload = kring_sqlite_column_dup (stmt, 4);
  out->created_at = sqlite3_column_int64 (stmt, 5);
  out->expires_at = sqlite3_column_int64 (stmt, 6);
  sqlite3_reset (stmt);

  if (!kring_sqlite_run (txn, error, "DELETE FROM codes WHERE id = ?", "i", out->id))
    return FALSE;
  if (out->expires_at <= kring_txn_now (txn))
    {
      kring_code_clear (out);
      return FALSE;
    }
  return TRUE;
}

static gboolean
login_failures (KringTxn *txn, const char *email, const char *client, gint64 since,
                gint64 *out_count, gint64 *out_oldest, GError **error)
{
  sqlite3_stmt *stmt = kring_sqlite_query (txn, error,
                                           "SELECT count(*), min(at) FROM login_failures"
                                           " WHERE email = ? AND client = ? AND at > ?",
                                           "ssi", email, client, since);

  if (stmt == NULL || kring_sqlite_next (txn, stmt, error) != SQLITE_ROW)
    return FALSE;
  *out_count = sqlite3_column_int64 (stmt, 0);
  *out_oldest = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
login_failure_add (KringTxn *txn, const char *email, const char *client, GError **error)
{
  gint64 now = kring_txn_now (txn);

  /* Failures older than a day matter to no window: keep the table small. */
  return kring_sqlite_run (txn, error,
                           "DELETE FROM login_failures WHERE email = ? AND client = ? AND at < ?",
                           "ssi", email, client, now - 24 * 3600)
         && kring_sqlite_run (txn, error,
                              "INSERT INTO login_failures (email, client, at) VALUES (?, ?, ?)",
                              "ssi", email, client, now);
}

static gboolean
login_failures_clear (KringTxn *txn, const char *email, const char *client, GError **error)
{
  return kring_sqlite_run (txn, error, "DELETE FROM login_failures WHERE email = ? AND client = ?",
                           "ss", email, client);
}

const KringAuthOps kring_sqlite_auth_ops = {
  .session_create = session_create,
  .session_lookup = session_lookup,
  .session_delete = session_delete,
  .sessions_revoke = sessions_revoke,
  .code_store = code_store,
  .code_take = code_take,
  .login_failures = login_failures,
  .login_failure_add = login_failure_add,
  .login_failures_clear = login_failures_clear,
};
