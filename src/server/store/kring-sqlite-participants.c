/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Participants in SQLite.  A participant's access is not stored: it is
 * computed on every read from the teammates and the user's paid flag, so a
 * guest who has since become a paid user reads as external or team at once. */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include "kring-sqlite.h"

/* Is the participant a teammate of the dossier's account? */
#define IS_TEAMMATE                                                                                \
  "EXISTS (SELECT 1 FROM teammates t WHERE t.account_id = p.account_id AND t.user_id = p.user_id)"

/* R3 for a guest: their participations in live dossiers of accounts they
 * are no teammate of (a guest is no paid user, so each of those is a guest
 * participation). */
#define GUEST_DOSSIERS                                                                             \
  "(SELECT count(*) FROM participants g JOIN dossiers gd ON gd.id = g.dossier_id"                  \
  "  WHERE g.user_id = p.user_id AND gd.archived = 0 AND NOT EXISTS"                               \
  "   (SELECT 1 FROM teammates gt WHERE gt.account_id = g.account_id AND gt.user_id = g.user_id))"

/* The columns read_participant() expects, in order, and the joins they need
 * after "participants p". */
#define PARTICIPANT_COLUMNS                                                                        \
  "SELECT p.id, p.dossier_id, p.user_id, u.email, u.name, u.password_hash IS NOT NULL,"            \
  " CASE WHEN " IS_TEAMMATE " THEN 3 WHEN u.paid THEN 2 ELSE 1 END,"                               \
  " p.can_write, p.added_at, p.added_by, b.email, b.name,"                                         \
  " CASE WHEN u.paid = 0 AND NOT " IS_TEAMMATE " THEN " GUEST_DOSSIERS " ELSE 0 END"
#define PARTICIPANT_JOINS " JOIN users u ON u.id = p.user_id LEFT JOIN users b ON b.id = p.added_by"
#define PARTICIPANT_SELECT PARTICIPANT_COLUMNS " FROM participants p" PARTICIPANT_JOINS

static void
read_participant (sqlite3_stmt *stmt, KringParticipant *out)
{
  out->id = sqlite3_column_int64 (stmt, 0);
  out->dossier_id = sqlite3_column_int64 (stmt, 1);
  out->user_id = sqlite3_column_int64 (stmt, 2);
  out->email = kring_sqlite_column_dup (stmt, 3);
  out->name = kring_sqlite_column_dup (stmt, 4);
  out->active = sqlite3_column_int (stmt, 5) != 0;
  out->access = (KringAccess)sqlite3_column_int (stmt, 6);
  out->can_write = sqlite3_column_int (stmt, 7) != 0;
  out->added_at = sqlite3_column_int64 (stmt, 8);
  out->added_by_id = sqlite3_column_int64 (stmt, 9);
  out->added_by_email = kring_sqlite_column_dup (stmt, 10);
  out->added_by_name = kring_sqlite_column_dup (stmt, 11);
  out->guest_dossiers_used = sqlite3_column_int64 (stmt, 12);
}

static gboolean
participant_get (KringTxn *txn, gint64 dossier_id, gint64 id, KringParticipant *out, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (!kring_sqlite_query_row (txn, error, &stmt,
                               PARTICIPANT_SELECT " WHERE p.id = ?2 AND p.dossier_id = ?1", "ii",
                               dossier_id, id))
    return FALSE;
  read_participant (stmt, out);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
participant_get_by_user (KringTxn *txn, gint64 dossier_id, gint64 user_id, KringParticipant *out,
                         GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (!kring_sqlite_query_row (txn, error, &stmt,
                               PARTICIPANT_SELECT " WHERE p.dossier_id = ?1 AND p.user_id = ?2",
                               "ii", dossier_id, user_id))
    return FALSE;
  read_participant (stmt, out);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
participant_add (KringTxn *txn, gint64 dossier_id, gint64 user_id, gboolean can_write,
                 gint64 added_by, gint64 *out_id, GError **error)
{
  if (!kring_sqlite_run (txn, error,
                         "INSERT INTO participants (dossier_id, user_id, account_id, can_write,"
                         " added_at, added_by)"
                         " SELECT id, ?2, account_id, ?3, ?4, ?5 FROM dossiers WHERE id = ?1",
                         "iibin", dossier_id, user_id, can_write, kring_txn_now (txn), added_by))
    return FALSE;
  if (kring_sqlite_changes (txn) != 1)
    {
      g_set_error (error, KRING_STORE_ERROR, KRING_STORE_ERROR_FAILED,
                   "No dossier %" G_GINT64_FORMAT " to add a participant to", dossier_id);
      return FALSE;
    }
  *out_id = kring_sqlite_last_insert_id (txn);
  return kring_sqlite_refresh_dossier (txn, dossier_id, error);
}

static gboolean
participant_set_can_write (KringTxn *txn, gint64 id, gboolean can_write, GError **error)
{
  return kring_sqlite_run (txn, error, "UPDATE participants SET can_write = ?2 WHERE id = ?1", "ib",
                           id, can_write);
}

static gboolean
participant_remove (KringTxn *txn, gint64 id, GError **error)
{
  gint64 dossier_id = 0;

  if (!kring_sqlite_query_int (txn, error, &dossier_id,
                               "SELECT dossier_id FROM participants WHERE id = ?", "i", id))
    return FALSE;
  if (dossier_id == 0)
    return TRUE; /* already gone */
  return kring_sqlite_run (txn, error, "DELETE FROM participants WHERE id = ?", "i", id)
         && kring_sqlite_refresh_dossier (txn, dossier_id, error);
}

static gboolean
participant_list (KringTxn *txn, gint64 dossier_id, const KringPage *page, GArray *out,
                  GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* sort_key is kring_fold (coalesce (name, email)): names, and emails
   * where there is no name, sort together.  The page is chosen first, so
   * the costly columns are computed for its rows only, not for all of a
   * dossier's (up to a thousand and more) participants. */
  stmt = kring_sqlite_query (
      txn, error,
      PARTICIPANT_COLUMNS " FROM (SELECT p.id FROM participants p JOIN users u ON u.id = p.user_id"
                          "  WHERE p.dossier_id = ?1 AND (u.sort_key, p.id) > (?2, ?3)"
                          "  ORDER BY u.sort_key, p.id LIMIT ?4) page"
                          " JOIN participants p ON p.id = page.id" PARTICIPANT_JOINS
                          " ORDER BY u.sort_key, p.id",
      "isii", dossier_id, page->after_key != NULL ? page->after_key : "",
      page->after_key != NULL ? page->after_id : 0, (gint64)page->limit);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    {
      KringParticipant row = { 0 };

      read_participant (stmt, &row);
      g_array_append_val (out, row);
    }
  return rc == SQLITE_DONE;
}

static gboolean
participant_access_of (KringTxn *txn, gint64 dossier_id, gint64 user_id, KringAccess *out,
                       GError **error)
{
  gint64 access = 0;

  if (!kring_sqlite_query_int (txn, error, &access,
                               "SELECT CASE WHEN EXISTS (SELECT 1 FROM teammates t"
                               "  WHERE t.account_id = d.account_id AND t.user_id = u.id) THEN 3"
                               " WHEN u.paid THEN 2 ELSE 1 END"
                               " FROM dossiers d, users u WHERE d.id = ?1 AND u.id = ?2",
                               "ii", dossier_id, user_id))
    return FALSE;
  *out = (KringAccess)access;
  return TRUE;
}

const KringParticipantOps kring_sqlite_participant_ops = {
  .get = participant_get,
  .get_by_user = participant_get_by_user,
  .add = participant_add,
  .set_can_write = participant_set_can_write,
  .remove = participant_remove,
  .list = participant_list,
  .access_of = participant_access_of,
};
