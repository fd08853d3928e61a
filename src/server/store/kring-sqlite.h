/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the SQLite store's files: statement cache, binding and error
 * mapping.  Every query is a cached prepared statement with bound values. */
#pragma once

#include <sqlite3.h>

#include "kring-store-private.h"

G_BEGIN_DECLS

typedef struct _KringSqliteConn KringSqliteConn;

typedef struct
{
  KringTxn parent;
  KringSqliteConn *conn;
} KringSqliteTxn;

/* Maps an SQLite result code to a KRING_STORE_ERROR: busy, locked, full and
 * I/O errors are UNAVAILABLE (the client may retry), constraint violations
 * CONFLICT, anything else FAILED. */
void kring_sqlite_set_error (GError **error, sqlite3 *db, int rc, const char *what);

/* Prepares (or takes from the connection's cache) @sql and binds the values
 * that follow, described by @types, one character each:
 *   'i' gint64   'n' gint64 where 0 binds NULL   'b' gboolean
 *   's' const char * (NULL binds NULL)   'h' const guint8 *, gsize (a blob)
 * Bound strings and blobs must outlive the statement's use. */
sqlite3_stmt *kring_sqlite_query (KringTxn *txn, GError **error, const char *sql, const char *types,
                                  ...);
/* Steps: SQLITE_ROW or SQLITE_DONE, or -1 with @error set. */
int kring_sqlite_next (KringTxn *txn, sqlite3_stmt *stmt, GError **error);
/* Runs a statement that returns no rows. */
gboolean kring_sqlite_run (KringTxn *txn, GError **error, const char *sql, const char *types, ...);
/* Runs a query of one integer (0 when it yields no row). */
gboolean kring_sqlite_query_int (KringTxn *txn, GError **error, gint64 *out, const char *sql,
                                 const char *types, ...);
/* A query for one row: TRUE when a row is there (the statement is then on
 * it), FALSE without @error when not. */
gboolean kring_sqlite_query_row (KringTxn *txn, GError **error, sqlite3_stmt **out_stmt,
                                 const char *sql, const char *types, ...);

gint64 kring_sqlite_last_insert_id (KringTxn *txn);
gint64 kring_sqlite_changes (KringTxn *txn);
sqlite3 *kring_sqlite_txn_db (KringTxn *txn);

/* A copy of a text column, NULL for SQL NULL. */
char *kring_sqlite_column_dup (sqlite3_stmt *stmt, int column);

/* The schema's migrations (kring-sqlite-schema.c). */
gboolean kring_sqlite_migrate (sqlite3 *db, GError **error);

extern const KringUserOps kring_sqlite_user_ops;
extern const KringAccountOps kring_sqlite_account_ops;
extern const KringTeammateOps kring_sqlite_teammate_ops;
extern const KringDossierOps kring_sqlite_dossier_ops;
extern const KringParticipantOps kring_sqlite_participant_ops;
extern const KringEntryOps kring_sqlite_entry_ops;
extern const KringAuthOps kring_sqlite_auth_ops;
extern const KringMailOps kring_sqlite_mail_ops;
extern const KringAuditOps kring_sqlite_audit_ops;

G_END_DECLS

G_BEGIN_DECLS
/* Derived facts (kring-sqlite-derived.c): call after the rows they derive from change. */
gboolean kring_sqlite_refresh_dossier (KringTxn *txn, gint64 dossier_id, GError **error);
gboolean kring_sqlite_refresh_user (KringTxn *txn, gint64 user_id, GError **error);
gboolean kring_sqlite_refresh_account_users (KringTxn *txn, gint64 account_id, GError **error);
G_END_DECLS
