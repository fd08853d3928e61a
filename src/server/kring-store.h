/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringStore: the storage interface.  Handlers talk only to this header and
 * the per-resource operation tables (kring-store-*.h); SQLite (and later
 * PostgreSQL) implement them.  No SQL leaves the implementation files.
 *
 * Reads run on the calling thread inside a snapshot transaction.  Writes are
 * group-committed: kring_store_write() queues a function that the store runs
 * on its writer thread inside a shared transaction (each function inside its
 * own savepoint), then commits durably and calls back on the submitter's main
 * context.  A write is acknowledged only after its commit is on disk. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KringStore KringStore;
typedef struct _KringTxn KringTxn;
typedef struct _KringStoreOps KringStoreOps;

#define KRING_STORE_ERROR (kring_store_error_quark ())
GQuark kring_store_error_quark (void);

typedef enum
{
  KRING_STORE_ERROR_FAILED,      /* a bug or a broken database: answer 500 */
  KRING_STORE_ERROR_UNAVAILABLE, /* busy, locked, disk full, gone: answer 503 */
  KRING_STORE_ERROR_CONFLICT,    /* a uniqueness constraint; the caller maps it */
} KringStoreError;

typedef enum
{
  KRING_ROLE_NONE = 0,
  KRING_ROLE_MEMBER,
  KRING_ROLE_ADMIN,
  KRING_ROLE_OWNER,
} KringRole;

typedef enum
{
  KRING_ACCESS_NONE = 0,
  KRING_ACCESS_GUEST,
  KRING_ACCESS_EXTERNAL,
  KRING_ACCESS_TEAM,
} KringAccess;

const char *kring_role_to_string (KringRole role);
KringRole kring_role_from_string (const char *role);
const char *kring_access_to_string (KringAccess access);

typedef struct
{
  guint64 guests_per_dossier; /* R2 */
  guint64 dossiers_per_guest; /* R3 */
} KringGuestRules;

/* Opens the store named by @url: "sqlite:PATH" (PATH may be relative) or
 * "postgresql://…".  Creates and migrates the schema. */
KringStore *kring_store_open (const char *url, GError **error);
/* Drains queued writes, stops the writer thread and closes every connection. */
void kring_store_close (KringStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringStore, kring_store_close)

/* "sqlite" or "postgresql", as /healthz reports it. */
const char *kring_store_kind (KringStore *store);
/* The SQLite file path, or NULL for other kinds (the default mail dir sits beside it). */
const char *kring_store_path (KringStore *store);
/* A cheap check that the database answers (for /healthz). */
gboolean kring_store_ping (KringStore *store, GError **error);
/* A secret shared by every server process on this database (signs cursors). */
GBytes *kring_store_get_secret (KringStore *store);

/* Called (on the writer thread) after every commit that queued mail. */
void kring_store_set_mail_queued_func (KringStore *store, GFunc func, gpointer user_data);

KringTxn *kring_store_begin_read (KringStore *store, GError **error);
/* Read transactions are reference counted: the last end_read ends it. */
KringTxn *kring_txn_ref (KringTxn *txn);
void kring_store_end_read (KringTxn *txn);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringTxn, kring_store_end_read)

/* Returns TRUE to keep what it wrote.  FALSE without @error is a refusal (a
 * domain rule said no): its writes are rolled back, the others in the batch
 * stay.  FALSE with @error is a store failure. */
typedef gboolean (*KringWriteFunc) (KringTxn *txn, gpointer data, GError **error);
/* Called on the main context that was thread-default when the write was
 * submitted, after the commit (or its failure, then @error is set). */
typedef void (*KringWriteDone) (gpointer data, const GError *error);

void kring_store_write (KringStore *store, KringWriteFunc func, KringWriteDone done, gpointer data);
/* The same, blocking: for operator commands, the demo and tests. */
gboolean kring_store_write_sync (KringStore *store, KringWriteFunc func, gpointer data,
                                 GError **error);

/* The operation tables of the transaction's store; see kring-store-ops.h. */
const KringStoreOps *kring_txn_ops (KringTxn *txn);
/* Wall-clock seconds, fixed for the whole transaction. */
gint64 kring_txn_now (KringTxn *txn);
KringStore *kring_txn_get_store (KringTxn *txn);
/* Marks that mail was queued in this transaction (wakes the mailer after commit). */
void kring_txn_mail_queued (KringTxn *txn);

G_END_DECLS
