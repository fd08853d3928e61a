/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a store implementation provides to the generic part (kring-store.c):
 * transactions with savepoints.  The writer thread and group commit are
 * generic and built on these. */
#pragma once

#include "kring-store-ops.h"

G_BEGIN_DECLS

typedef struct
{
  const char *kind;
  const KringStoreOps *ops;
  gboolean (*ping) (KringStore *store, GError **error);
  const char *(*path) (KringStore *store);
  GBytes *(*secret) (KringStore *store);
  KringTxn *(*begin_read) (KringStore *store, GError **error);
  void (*end_read) (KringTxn *txn);
  /* The writer thread's transaction: one per batch of writes. */
  KringTxn *(*begin_write) (KringStore *store, GError **error);
  gboolean (*savepoint) (KringTxn *txn, GError **error);
  /* Releases the savepoint, keeping its writes, or rolls back to it. */
  gboolean (*end_savepoint) (KringTxn *txn, gboolean keep, GError **error);
  gboolean (*commit) (KringTxn *txn, GError **error);
  void (*rollback) (KringTxn *txn);
  void (*free) (KringStore *store);
} KringStoreBackend;

struct _KringStore
{
  const KringStoreBackend *backend;
  GThread *writer;
  GAsyncQueue *jobs;
  GFunc mail_queued_func;
  gpointer mail_queued_data;
};

struct _KringTxn
{
  KringStore *store;
  gint64 now;
  gboolean mail_queued;
  gboolean writable;
  gint ref_count; /* read transactions are shared within a request */
};

/* For implementations: fills the generic part and starts the writer thread. */
void kring_store_init (KringStore *store, const KringStoreBackend *backend);
void kring_txn_init (KringTxn *txn, KringStore *store, gboolean writable);

KringStore *kring_sqlite_store_open (const char *path, GError **error);

G_END_DECLS
