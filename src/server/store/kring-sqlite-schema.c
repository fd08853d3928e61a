/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Versioned migrations (PRAGMA user_version).  A migration is never edited
 * once released: later changes append a new one. */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include "kring-sqlite.h"

static const char *const migrations[] = {
  /* 1: the first schema.  Times are Unix seconds (UTC).  *_key columns hold
   * kring_fold() of what they sort or search by. */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;"
  "INSERT INTO meta (key, value) VALUES ('secret', randomblob(32));"

  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  email TEXT NOT NULL UNIQUE,"
  "  name TEXT,"
  "  sort_key TEXT NOT NULL,"
  "  password_hash TEXT,"
  "  language TEXT,"
  "  paid INTEGER NOT NULL DEFAULT 0," /* derived: teammate of an active account */
  "  created_at INTEGER NOT NULL);"

  "CREATE TABLE accounts ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  plan TEXT NOT NULL,"
  "  yearly INTEGER NOT NULL DEFAULT 0,"
  "  active INTEGER NOT NULL DEFAULT 0,"
  "  new_kvk INTEGER NOT NULL DEFAULT 0,"
  "  anbi INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL);"

  "CREATE TABLE teammates ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id),"
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),"
  "  added_at INTEGER NOT NULL,"
  "  UNIQUE (account_id, user_id));"
  "CREATE INDEX teammates_by_user ON teammates (user_id, account_id);"

  "CREATE TABLE dossiers ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id),"
  "  title TEXT NOT NULL,"
  "  title_key TEXT NOT NULL,"
  "  client_name TEXT,"
  "  client_key TEXT,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  guest_count INTEGER NOT NULL DEFAULT 0,"       /* derived: R2 */
  "  participant_count INTEGER NOT NULL DEFAULT 0," /* derived */
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX dossiers_by_account ON dossiers (account_id, archived, title_key, id);"

  "CREATE TABLE participants ("
  "  id INTEGER PRIMARY KEY,"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers (id),"
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  /* The dossier's account (never changes): lets a user's dossier list skip
   * their participations in accounts they administer without a join. */
  "  account_id INTEGER NOT NULL REFERENCES accounts (id),"
  "  can_write INTEGER NOT NULL,"
  "  added_at INTEGER NOT NULL,"
  "  added_by INTEGER REFERENCES users (id),"
  "  UNIQUE (dossier_id, user_id));"
  "CREATE INDEX participants_by_user ON participants (user_id, account_id, dossier_id);"

  "CREATE TABLE entries ("
  "  id INTEGER PRIMARY KEY,"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers (id),"
  "  author_id INTEGER NOT NULL REFERENCES users (id),"
  "  body TEXT NOT NULL,"
  "  professionals INTEGER NOT NULL DEFAULT 0,"
  "  corrects INTEGER REFERENCES entries (id),"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX entries_by_dossier ON entries (dossier_id, professionals, id);"
  /* Newest first over every visibility (owners, teammates): the guests'
   * index above cannot give that order without sorting the dossier.  With
   * author_id, a page's authors are read from the index alone. */
  "CREATE INDEX entries_by_dossier_id ON entries (dossier_id, id, author_id);"
  "CREATE INDEX entries_by_corrects ON entries (corrects) WHERE corrects IS NOT NULL;"

  "CREATE TABLE sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  token_hash BLOB NOT NULL UNIQUE,"
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  created_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL);"
  "CREATE INDEX sessions_by_user ON sessions (user_id);"

  "CREATE TABLE codes ("
  "  id INTEGER PRIMARY KEY,"
  "  code_hash BLOB NOT NULL UNIQUE,"
  "  purpose TEXT NOT NULL,"
  "  email TEXT NOT NULL,"
  "  user_id INTEGER REFERENCES users (id),"
  "  payload TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL);"
  "CREATE INDEX codes_by_email ON codes (email, purpose);"

  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  recipient TEXT NOT NULL,"
  "  purpose TEXT NOT NULL,"
  "  message TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  due_at INTEGER NOT NULL,"
  "  claimed_until INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX outbox_by_due ON outbox (due_at);"

  "CREATE TABLE mail_log ("
  "  recipient TEXT NOT NULL,"
  "  purpose TEXT NOT NULL,"
  "  at INTEGER NOT NULL);"
  "CREATE INDEX mail_log_by_key ON mail_log (recipient, purpose, at);"

  "CREATE TABLE login_failures ("
  "  email TEXT NOT NULL,"
  "  client TEXT NOT NULL,"
  "  at INTEGER NOT NULL);"
  "CREATE INDEX login_failures_by_key ON login_failures (email, client, at);"

  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id),"
  "  at INTEGER NOT NULL,"
  "  actor_id INTEGER REFERENCES users (id),"
  "  action TEXT NOT NULL,"
  "  dossier_id INTEGER,"
  "  subject_email TEXT,"
  "  detail TEXT);"
  "CREATE INDEX audit_by_account ON audit (account_id, id);"
  /* The log's filters, newest first without scanning the whole account. */
  "CREATE INDEX audit_by_dossier ON audit (dossier_id, id) WHERE dossier_id IS NOT NULL;"
  "CREATE INDEX audit_by_action ON audit (account_id, action, id);"

  "CREATE TABLE dossier_views ("
  "  user_id INTEGER NOT NULL,"
  "  dossier_id INTEGER NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  PRIMARY KEY (user_id, dossier_id)) WITHOUT ROWID;",
};

static gboolean
exec (sqlite3 *db, const char *sql, GError **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    kring_sqlite_set_error (error, db, rc, "migrating");
  return rc == SQLITE_OK;
}

static gboolean
user_version (sqlite3 *db, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    kring_sqlite_set_error (error, db, rc, "reading the schema version");
  return rc == SQLITE_ROW;
}

gboolean
kring_sqlite_migrate (sqlite3 *db, GError **error)
{
  gint64 version = 0;

  /* IMMEDIATE: two processes starting on a new file migrate one after the other. */
  if (!exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!user_version (db, &version, error))
    goto fail;
  if (version > (gint64)G_N_ELEMENTS (migrations))
    {
      g_set_error (error, KRING_STORE_ERROR, KRING_STORE_ERROR_FAILED,
                   "The database has schema version %" G_GINT64_FORMAT
                   ", newer than this kringd knows (%u)",
                   version, (guint)G_N_ELEMENTS (migrations));
      goto fail;
    }
  for (gint64 v = version; v < (gint64)G_N_ELEMENTS (migrations); v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, v + 1);

      if (!exec (db, migrations[v], error) || !exec (db, bump, error))
        goto fail;
    }
  return exec (db, "COMMIT", error);

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
