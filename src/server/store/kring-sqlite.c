/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SQLite store: one writer connection used by the writer thread (group
 * commit, BEGIN IMMEDIATE so that several processes on one file serialise
 * their writes), and a pool of reader connections for any thread (WAL lets
 * them read while the writer writes). */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include <string.h>

#include "kring-sqlite.h"
#include "kring-text.h"

/* Long enough to ride out another process's batch, short enough that a
 * client gets 503 rather than a hanging request. */
#define BUSY_TIMEOUT_MS 5000

struct _KringSqliteConn
{
  sqlite3 *db;
  GHashTable *statements; /* SQL text (by address) → sqlite3_stmt* */
};

typedef struct
{
  KringStore parent;
  char *path;
  GBytes *secret;
  KringSqliteConn *writer;
  KringSqliteTxn write_txn;
  GMutex pool_lock;
  GPtrArray *idle_readers;
} KringSqliteStore;

static void
fold_function (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const char *text = (const char *)sqlite3_value_text (argv[0]);
  g_autofree char *folded = NULL;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  folded = kring_text_casefold_key (text);
  sqlite3_result_text (context, folded, -1, SQLITE_TRANSIENT);
}

void
kring_sqlite_set_error (GError **error, sqlite3 *db, int rc, const char *what)
{
  int primary = rc & 0xff;
  KringStoreError code;

  switch (primary)
    {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
      case SQLITE_FULL:
      case SQLITE_IOERR:
      case SQLITE_CANTOPEN:
      case SQLITE_READONLY:
      case SQLITE_NOMEM:
      case SQLITE_PROTOCOL:
        code = KRING_STORE_ERROR_UNAVAILABLE;
        break;
      case SQLITE_CONSTRAINT:
        code = KRING_STORE_ERROR_CONFLICT;
        break;
      default:
        code = KRING_STORE_ERROR_FAILED;
        break;
    }
  g_set_error (error, KRING_STORE_ERROR, code, "%s: %s (%d)", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc), rc);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
conn_free (KringSqliteConn *conn)
{
  if (conn == NULL)
    return;
  g_hash_table_unref (conn->statements);
  sqlite3_close_v2 (conn->db);
  g_free (conn);
}

static gboolean
conn_exec (KringSqliteConn *conn, const char *sql, GError **error)
{
  int rc = sqlite3_exec (conn->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      kring_sqlite_set_error (error, conn->db, rc, sql);
      return FALSE;
    }
  return TRUE;
}

static KringSqliteConn *
conn_open (const char *path, GError **error)
{
  KringSqliteConn *conn = g_new0 (KringSqliteConn, 1);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc;

  conn->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  rc = sqlite3_open_v2 (path, &conn->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      kring_sqlite_set_error (error, conn->db, rc, path);
      conn_free (conn);
      return NULL;
    }
  sqlite3_extended_result_codes (conn->db, 1);
  sqlite3_busy_timeout (conn->db, BUSY_TIMEOUT_MS);
  sqlite3_create_function_v2 (conn->db, "kring_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                              fold_function, NULL, NULL, NULL);
  /* synchronous=FULL: a commit is on disk before we acknowledge it. */
  if (!conn_exec (conn,
                  "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                  " PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;"
                  /* Readers map the file instead of copying pages into each
                   * connection's cache: large databases stay fast. */
                  " PRAGMA mmap_size=1073741824;",
                  error))
    {
      conn_free (conn);
      return NULL;
    }
  return conn;
}

static KringSqliteConn *
txn_conn (KringTxn *txn)
{
  return ((KringSqliteTxn *)txn)->conn;
}

sqlite3 *
kring_sqlite_txn_db (KringTxn *txn)
{
  return txn_conn (txn)->db;
}

static gboolean
bind_values (sqlite3_stmt *stmt, const char *types, va_list args)
{
  int rc = SQLITE_OK;

  for (int i = 1; types != NULL && types[i - 1] != '\0' && rc == SQLITE_OK; i++)
    {
      switch (types[i - 1])
        {
          case 'i':
            rc = sqlite3_bind_int64 (stmt, i, va_arg (args, gint64));
            break;
          case 'n':
            {
              gint64 v = va_arg (args, gint64);
              rc = v != 0 ? sqlite3_bind_int64 (stmt, i, v) : sqlite3_bind_null (stmt, i);
            }
            break;
          case 'b':
            rc = sqlite3_bind_int (stmt, i, va_arg (args, gboolean) ? 1 : 0);
            break;
          case 's':
            rc = sqlite3_bind_text (stmt, i, va_arg (args, const char *), -1, SQLITE_STATIC);
            break;
          case 'h':
            {
              const guint8 *blob = va_arg (args, const guint8 *);
              gsize len = va_arg (args, gsize);
              rc = sqlite3_bind_blob (stmt, i, blob, (int)len, SQLITE_STATIC);
            }
            break;
          default:
            g_return_val_if_reached (FALSE);
        }
    }
  return rc == SQLITE_OK;
}

static sqlite3_stmt *
query_valist (KringTxn *txn, GError **error, const char *sql, const char *types, va_list args)
{
  KringSqliteConn *conn = txn_conn (txn);
  sqlite3_stmt *stmt = g_hash_table_lookup (conn->statements, sql);
  int rc;

  if (stmt == NULL)
    {
      rc = sqlite3_prepare_v3 (conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          kring_sqlite_set_error (error, conn->db, rc, sql);
          return NULL;
        }
      g_hash_table_insert (conn->statements, (gpointer)sql, stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  if (!bind_values (stmt, types, args))
    {
      kring_sqlite_set_error (error, conn->db, sqlite3_errcode (conn->db), sql);
      return NULL;
    }
  return stmt;
}

sqlite3_stmt *
kring_sqlite_query (KringTxn *txn, GError **error, const char *sql, const char *types, ...)
{
  sqlite3_stmt *stmt;
  va_list args;

  va_start (args, types);
  stmt = query_valist (txn, error, sql, types, args);
  va_end (args);
  return stmt;
}

int
kring_sqlite_next (KringTxn *txn, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return rc;
  if (rc != SQLITE_DONE)
    {
      kring_sqlite_set_error (error, kring_sqlite_txn_db (txn), rc, sqlite3_sql (stmt));
      sqlite3_reset (stmt);
      return -1;
    }
  sqlite3_reset (stmt);
  return rc;
}

gboolean
kring_sqlite_run (KringTxn *txn, GError **error, const char *sql, const char *types, ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  va_start (args, types);
  stmt = query_valist (txn, error, sql, types, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kring_sqlite_next (txn, stmt, error)) == SQLITE_ROW)
    ;
  return rc == SQLITE_DONE;
}

gboolean
kring_sqlite_query_int (KringTxn *txn, GError **error, gint64 *out, const char *sql,
                        const char *types, ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  va_start (args, types);
  stmt = query_valist (txn, error, sql, types, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  rc = kring_sqlite_next (txn, stmt, error);
  if (rc < 0)
    return FALSE;
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
kring_sqlite_query_row (KringTxn *txn, GError **error, sqlite3_stmt **out_stmt, const char *sql,
                        const char *types, ...)
{
  sqlite3_stmt *stmt;
  va_list args;

  va_start (args, types);
  stmt = query_valist (txn, error, sql, types, args);
  va_end (args);
  *out_stmt = stmt;
  return stmt != NULL && kring_sqlite_next (txn, stmt, error) == SQLITE_ROW;
}

gint64
kring_sqlite_last_insert_id (KringTxn *txn)
{
  return sqlite3_last_insert_rowid (kring_sqlite_txn_db (txn));
}

gint64
kring_sqlite_changes (KringTxn *txn)
{
  return sqlite3_changes64 (kring_sqlite_txn_db (txn));
}

char *
kring_sqlite_column_dup (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

static gboolean
txn_exec (KringTxn *txn, const char *sql, GError **error)
{
  return kring_sqlite_run (txn, error, sql, NULL);
}

/* Backend functions. */

static gboolean
sqlite_ping (KringStore *store, GError **error)
{
  g_autoptr (KringTxn) txn = kring_store_begin_read (store, error);
  gint64 one = 0;

  return txn != NULL && kring_sqlite_query_int (txn, error, &one, "SELECT 1", NULL) && one == 1;
}

static const char *
sqlite_path (KringStore *store)
{
  return ((KringSqliteStore *)store)->path;
}

static GBytes *
sqlite_secret (KringStore *store)
{
  return g_bytes_ref (((KringSqliteStore *)store)->secret);
}

static KringTxn *
sqlite_begin_read (KringStore *store, GError **error)
{
  KringSqliteStore *self = (KringSqliteStore *)store;
  KringSqliteTxn *txn = g_new0 (KringSqliteTxn, 1);

  g_mutex_lock (&self->pool_lock);
  if (self->idle_readers->len > 0)
    txn->conn = g_ptr_array_steal_index_fast (self->idle_readers, self->idle_readers->len - 1);
  g_mutex_unlock (&self->pool_lock);

  if (txn->conn == NULL && (txn->conn = conn_open (self->path, error)) == NULL)
    {
      g_free (txn);
      return NULL;
    }
  kring_txn_init (&txn->parent, store, FALSE);
  /* One snapshot for all the reads of a request. */
  if (!txn_exec (&txn->parent, "BEGIN", error))
    {
      conn_free (txn->conn);
      g_free (txn);
      return NULL;
    }
  return &txn->parent;
}

static void
sqlite_end_read (KringTxn *txn)
{
  KringSqliteStore *self = (KringSqliteStore *)txn->store;
  KringSqliteTxn *stxn = (KringSqliteTxn *)txn;

  if (!txn_exec (txn, "COMMIT", NULL))
    {
      /* A connection in an unknown state is not returned to the pool. */
      conn_free (stxn->conn);
      g_free (stxn);
      return;
    }
  g_mutex_lock (&self->pool_lock);
  g_ptr_array_add (self->idle_readers, stxn->conn);
  g_mutex_unlock (&self->pool_lock);
  g_free (stxn);
}

static KringTxn *
sqlite_begin_write (KringStore *store, GError **error)
{
  KringSqliteStore *self = (KringSqliteStore *)store;
  KringTxn *txn = &self->write_txn.parent;

  kring_txn_init (txn, store, TRUE);
  /* IMMEDIATE takes the database's write lock now, so the R2/R3 checks made
   * inside see every other process's committed writes and none can slip in. */
  if (!txn_exec (txn, "BEGIN IMMEDIATE", error))
    return NULL;
  return txn;
}

static gboolean
sqlite_savepoint (KringTxn *txn, GError **error)
{
  return txn_exec (txn, "SAVEPOINT job", error);
}

static gboolean
sqlite_end_savepoint (KringTxn *txn, gboolean keep, GError **error)
{
  if (!keep && !txn_exec (txn, "ROLLBACK TO job", error))
    return FALSE;
  return txn_exec (txn, "RELEASE job", error);
}

static gboolean
sqlite_commit (KringTxn *txn, GError **error)
{
  return txn_exec (txn, "COMMIT", error);
}

static void
sqlite_rollback (KringTxn *txn)
{
  if (!sqlite3_get_autocommit (kring_sqlite_txn_db (txn)))
    txn_exec (txn, "ROLLBACK", NULL);
}

static void
sqlite_free (KringStore *store)
{
  KringSqliteStore *self = (KringSqliteStore *)store;

  g_ptr_array_unref (self->idle_readers);
  g_mutex_clear (&self->pool_lock);
  conn_free (self->writer);
  g_bytes_unref (self->secret);
  g_free (self->path);
  g_free (self);
}

static const KringStoreOps sqlite_ops = {
  .users = &kring_sqlite_user_ops,
  .accounts = &kring_sqlite_account_ops,
  .teammates = &kring_sqlite_teammate_ops,
  .dossiers = &kring_sqlite_dossier_ops,
  .participants = &kring_sqlite_participant_ops,
  .entries = &kring_sqlite_entry_ops,
  .auth = &kring_sqlite_auth_ops,
  .mail = &kring_sqlite_mail_ops,
  .audit = &kring_sqlite_audit_ops,
};

static const KringStoreBackend sqlite_backend = {
  .kind = "sqlite",
  .ops = &sqlite_ops,
  .ping = sqlite_ping,
  .path = sqlite_path,
  .secret = sqlite_secret,
  .begin_read = sqlite_begin_read,
  .end_read = sqlite_end_read,
  .begin_write = sqlite_begin_write,
  .savepoint = sqlite_savepoint,
  .end_savepoint = sqlite_end_savepoint,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .free = sqlite_free,
};

static GBytes *
read_secret (sqlite3 *db, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *secret = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'secret'", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    secret = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else
    kring_sqlite_set_error (error, db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
                            "reading the secret");
  sqlite3_finalize (stmt);
  return secret;
}

KringStore *
kring_sqlite_store_open (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  KringSqliteStore *self;
  KringSqliteConn *writer;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, KRING_STORE_ERROR, KRING_STORE_ERROR_UNAVAILABLE,
                   "Cannot create the database folder %s: %s", dir, g_strerror (errno));
      return NULL;
    }
  writer = conn_open (path, error);
  if (writer == NULL || !kring_sqlite_migrate (writer->db, error))
    {
      conn_free (writer);
      return NULL;
    }

  self = g_new0 (KringSqliteStore, 1);
  self->path = g_strdup (path);
  self->writer = writer;
  self->write_txn.conn = writer;
  self->idle_readers = g_ptr_array_new_with_free_func ((GDestroyNotify)conn_free);
  g_mutex_init (&self->pool_lock);
  self->secret = read_secret (writer->db, error);
  if (self->secret == NULL)
    {
      g_ptr_array_unref (self->idle_readers);
      conn_free (writer);
      g_free (self->path);
      g_free (self);
      return NULL;
    }
  kring_store_init (&self->parent, &sqlite_backend);
  return &self->parent;
}
