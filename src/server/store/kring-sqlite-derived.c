/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Derived facts kept true on every write: a user's paid status (R4), and a
 * dossier's guest and participant counts (R2).  Recomputed from the rows
 * rather than adjusted by deltas, so they cannot drift. */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include "kring-sqlite.h"

/* A participant is a guest when they are neither a teammate of the dossier's
 * account nor a paid user. */
#define GUEST_COUNT_SQL                                                                            \
  "(SELECT count(*) FROM participants p JOIN users u ON u.id = p.user_id"                          \
  "  WHERE p.dossier_id = dossiers.id AND u.paid = 0 AND NOT EXISTS"                               \
  "   (SELECT 1 FROM teammates t WHERE t.account_id = dossiers.account_id"                         \
  "     AND t.user_id = p.user_id))"
#define PARTICIPANT_COUNT_SQL                                                                      \
  "(SELECT count(*) FROM participants p WHERE p.dossier_id = dossiers.id)"

gboolean
kring_sqlite_refresh_dossier (KringTxn *txn, gint64 dossier_id, GError **error)
{
  return kring_sqlite_run (txn, error,
                           "UPDATE dossiers SET guest_count = " GUEST_COUNT_SQL
                           ", participant_count = " PARTICIPANT_COUNT_SQL " WHERE id = ?",
                           "i", dossier_id);
}

gboolean
kring_sqlite_refresh_user (KringTxn *txn, gint64 user_id, GError **error)
{
  return kring_sqlite_run (txn, error,
                           "UPDATE users SET paid = EXISTS (SELECT 1 FROM teammates t"
                           " JOIN accounts a ON a.id = t.account_id"
                           " WHERE t.user_id = users.id AND a.active = 1) WHERE id = ?",
                           "i", user_id)
         && kring_sqlite_run (
             txn, error,
             "UPDATE dossiers SET guest_count = " GUEST_COUNT_SQL
             ", participant_count = " PARTICIPANT_COUNT_SQL
             " WHERE id IN (SELECT dossier_id FROM participants WHERE user_id = ?)",
             "i", user_id);
}

gboolean
kring_sqlite_refresh_account_users (KringTxn *txn, gint64 account_id, GError **error)
{
  g_autoptr (GArray) users = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = kring_sqlite_query (txn, error, "SELECT user_id FROM teammates WHERE account_id = ?", "i",
                             account_id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (users, id);
    }
  if (rc < 0)
    return FALSE;
  for (guint i = 0; i < users->len; i++)
    if (!kring_sqlite_refresh_user (txn, g_array_index (users, gint64, i), error))
      return FALSE;
  return TRUE;
}
