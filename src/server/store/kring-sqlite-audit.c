/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log of an account (R8, NEN 7513): append-only.  Nothing in the
 * store updates or deletes an audit row. */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include "kring-sqlite.h"

static gboolean
audit_add (KringTxn *txn, gint64 account_id, gint64 actor_id, const char *action, gint64 dossier_id,
           const char *subject_email, const char *detail_json, GError **error)
{
  return kring_sqlite_run (txn, error,
                           "INSERT INTO audit (account_id, at, actor_id, action, dossier_id,"
                           " subject_email, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           "iinsnss", account_id, kring_txn_now (txn), actor_id, action, dossier_id,
                           subject_email, detail_json);
}

static void
read_event (sqlite3_stmt *stmt, KringAuditEvent *out)
{
  out->id = sqlite3_column_int64 (stmt, 0);
  out->account_id = sqlite3_column_int64 (stmt, 1);
  out->at = sqlite3_column_int64 (stmt, 2);
  out->actor_id = sqlite3_column_int64 (stmt, 3);
  out->actor_email = kring_sqlite_column_dup (stmt, 4);
  out->actor_name = kring_sqlite_column_dup (stmt, 5);
  out->action = kring_sqlite_column_dup (stmt, 6);
  out->dossier_id = sqlite3_column_int64 (stmt, 7);
  out->subject_email = kring_sqlite_column_dup (stmt, 8);
  out->detail_json = kring_sqlite_column_dup (stmt, 9);
}

#define EVENT_COLUMNS                                                                              \
  "SELECT a.id, a.account_id, a.at, a.actor_id, u.email, u.name, a.action, a.dossier_id,"          \
  " a.subject_email, a.detail FROM audit a LEFT JOIN users u ON u.id = a.actor_id"

/* One statement per kind of filter, each a plain range on its own index
 * (?2 is "below this id": G_MAXINT64 for the first page). */
static const char list_sql[]
    = EVENT_COLUMNS " WHERE a.account_id = ?1 AND a.id < ?2 ORDER BY a.id DESC LIMIT ?5";
static const char list_by_dossier_sql[]
    = EVENT_COLUMNS " WHERE a.dossier_id = ?3 AND a.id < ?2 AND a.account_id = ?1"
                    " AND (?4 IS NULL OR a.action = ?4) ORDER BY a.id DESC LIMIT ?5";
static const char list_by_action_sql[] = EVENT_COLUMNS
    " WHERE a.account_id = ?1 AND a.action = ?4 AND a.id < ?2 ORDER BY a.id DESC LIMIT ?5";

static gboolean
audit_list (KringTxn *txn, gint64 account_id, const KringAuditFilter *filter, const KringPage *page,
            GArray *out, GError **error)
{
  gint64 below = page->after_id > 0 ? page->after_id : G_MAXINT64;
  gint64 dossier_id = filter != NULL ? filter->dossier_id : 0;
  const char *action = filter != NULL ? filter->action : NULL;
  const char *sql = dossier_id > 0   ? list_by_dossier_sql
                    : action != NULL ? list_by_action_sql
                                     : list_sql;
  sqlite3_stmt *stmt;
  int rc;

  stmt = kring_sqlite_query (txn, error, sql, "iiisi", account_id, below, dossier_id, action,
                             (gint64)page->limit);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    {
      KringAuditEvent event = { 0 };

      read_event (stmt, &event);
      g_array_append_val (out, event);
    }
  return rc == SQLITE_DONE;
}

static gboolean
audit_note_view (KringTxn *txn, gint64 user_id, gint64 dossier_id, gint64 interval,
                 gboolean *out_record, GError **error)
{
  gint64 now = kring_txn_now (txn);

  /* One statement: a first view inserts, a view at least @interval after the
   * recorded one moves it; a more recent view changes nothing. */
  if (!kring_sqlite_run (txn, error,
                         "INSERT INTO dossier_views (user_id, dossier_id, at) VALUES (?1, ?2, ?3)"
                         " ON CONFLICT (user_id, dossier_id) DO UPDATE SET at = excluded.at"
                         " WHERE dossier_views.at <= ?3 - ?4",
                         "iiii", user_id, dossier_id, now, interval))
    return FALSE;
  *out_record = kring_sqlite_changes (txn) > 0;
  return TRUE;
}

const KringAuditOps kring_sqlite_audit_ops = {
  .add = audit_add,
  .list = audit_list,
  .note_view = audit_note_view,
};
