/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The outbox in SQLite.  A mail row holds the whole message, plain code
 * included, until it is delivered; then the row goes.  mail_log keeps one
 * row per queued mail for an hour, for the rate limit, which must outlive
 * the outbox rows. */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include "kring-sqlite.h"

/* The rate limit looks back one hour; older log rows serve nothing. */
#define MAIL_LOG_KEEP_SECONDS 3600
/* Stale log rows removed per claim: claims run every few seconds, so this
 * outpaces any plausible mail volume while keeping each claim short. */
#define MAIL_LOG_PRUNE_BATCH 200

static gboolean
mail_count_recent (KringTxn *txn, const char *recipient, const char *purpose, gint64 since,
                   gint64 *out, GError **error)
{
  return kring_sqlite_query_int (txn, error, out,
                                 "SELECT count(*) FROM mail_log"
                                 " WHERE recipient = ? AND purpose = ? AND at > ?",
                                 "ssi", recipient, purpose, since);
}

static gboolean
mail_enqueue (KringTxn *txn, const char *recipient, const char *purpose, const char *message,
              GError **error)
{
  gint64 now = kring_txn_now (txn);

  return kring_sqlite_run (txn, error,
                           "INSERT INTO outbox (recipient, purpose, message, due_at, created_at)"
                           " VALUES (?, ?, ?, ?, ?)",
                           "sssii", recipient, purpose, message, now, now)
         && kring_sqlite_run (
             txn, error, "DELETE FROM mail_log WHERE recipient = ? AND purpose = ? AND at <= ?",
             "ssi", recipient, purpose, now - MAIL_LOG_KEEP_SECONDS)
         && kring_sqlite_run (txn, error,
                              "INSERT INTO mail_log (recipient, purpose, at) VALUES (?, ?, ?)",
                              "ssi", recipient, purpose, now);
}

/* Log rows of addresses that get no further mail are removed here, oldest
 * first by rowid (insertion order, so nearly time order): a bounded scan. */
static gboolean
prune_mail_log (KringTxn *txn, GError **error)
{
  gint64 oldest = 0;

  /* Most claims find nothing to prune: one look at the oldest row says so. */
  if (!kring_sqlite_query_int (txn, error, &oldest,
                               "SELECT at FROM mail_log ORDER BY rowid LIMIT 1", NULL))
    return FALSE;
  if (oldest == 0 || oldest > kring_txn_now (txn) - MAIL_LOG_KEEP_SECONDS)
    return TRUE;
  return kring_sqlite_run (txn, error,
                           "DELETE FROM mail_log WHERE rowid IN"
                           " (SELECT rowid FROM mail_log ORDER BY rowid LIMIT ?) AND at <= ?",
                           "ii", (gint64)MAIL_LOG_PRUNE_BATCH,
                           kring_txn_now (txn) - MAIL_LOG_KEEP_SECONDS);
}

static gboolean
select_due (KringTxn *txn, guint limit, GArray *out, GError **error)
{
  gint64 now = kring_txn_now (txn);
  sqlite3_stmt *stmt;
  int rc;

  stmt = kring_sqlite_query (txn, error,
                             "SELECT id, recipient, message, attempts FROM outbox"
                             " WHERE due_at <= ? AND claimed_until <= ?"
                             " ORDER BY due_at, id LIMIT ?",
                             "iii", now, now, (gint64)limit);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    {
      KringOutboxMail *row;

      g_array_set_size (out, out->len + 1);
      row = &g_array_index (out, KringOutboxMail, out->len - 1);
      row->id = sqlite3_column_int64 (stmt, 0);
      row->recipient = kring_sqlite_column_dup (stmt, 1);
      row->message = kring_sqlite_column_dup (stmt, 2);
      row->attempts = sqlite3_column_int64 (stmt, 3) + 1;
    }
  return rc == SQLITE_DONE;
}

/* Runs in the writer's exclusive transaction, so two processes never claim
 * the same row: the second sees claimed_until in the future. */
static gboolean
mail_claim (KringTxn *txn, guint limit, gint64 lease, GArray *out, GError **error)
{
  guint first = out->len;

  if (!prune_mail_log (txn, error) || !select_due (txn, limit, out, error))
    return FALSE;
  for (guint i = first; i < out->len; i++)
    {
      KringOutboxMail *row = &g_array_index (out, KringOutboxMail, i);

      if (!kring_sqlite_run (txn, error,
                             "UPDATE outbox SET claimed_until = ?, attempts = ? WHERE id = ?",
                             "iii", kring_txn_now (txn) + lease, row->attempts, row->id))
        return FALSE;
    }
  return TRUE;
}

static gboolean
mail_delivered (KringTxn *txn, gint64 id, GError **error)
{
  return kring_sqlite_run (txn, error, "DELETE FROM outbox WHERE id = ?", "i", id);
}

static gboolean
mail_retry_at (KringTxn *txn, gint64 id, gint64 when, GError **error)
{
  return kring_sqlite_run (
      txn, error, "UPDATE outbox SET due_at = ?, claimed_until = 0 WHERE id = ?", "ii", when, id);
}

const KringMailOps kring_sqlite_mail_ops = {
  .count_recent = mail_count_recent,
  .enqueue = mail_enqueue,
  .claim = mail_claim,
  .delivered = mail_delivered,
  .retry_at = mail_retry_at,
};
