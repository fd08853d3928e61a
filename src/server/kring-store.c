/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "kring-store-private.h"

GQuark
kring_store_error_quark (void)
{
  return g_quark_from_static_string ("kring-store-error-quark");
}

/* How many queued writes one transaction takes at most: large enough that a
 * burst shares one fsync, small enough that one batch stays short. */
#define MAX_BATCH 256

typedef struct
{
  KringWriteFunc func;
  KringWriteDone done;
  gpointer data;
  GMainContext *context;
  GError *error;
  /* For kring_store_write_sync(). */
  GMutex *mutex;
  GCond *cond;
  gboolean finished;
} WriteJob;

static WriteJob stop_job; /* queued by close: the writer ends after the jobs before it */

static const char *const role_names[] = { NULL, "member", "admin", "owner" };
static const char *const access_names[] = { NULL, "guest", "external", "team" };

const char *
kring_role_to_string (KringRole role)
{
  return role < G_N_ELEMENTS (role_names) ? role_names[role] : NULL;
}

KringRole
kring_role_from_string (const char *role)
{
  for (guint i = 1; role != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (g_str_equal (role, role_names[i]))
      return i;
  return KRING_ROLE_NONE;
}

const char *
kring_access_to_string (KringAccess access)
{
  return access < G_N_ELEMENTS (access_names) ? access_names[access] : NULL;
}

void
kring_txn_init (KringTxn *txn, KringStore *store, gboolean writable)
{
  txn->store = store;
  txn->now = g_get_real_time () / G_USEC_PER_SEC;
  txn->mail_queued = FALSE;
  txn->writable = writable;
  txn->ref_count = 1;
}

KringTxn *
kring_txn_ref (KringTxn *txn)
{
  g_atomic_int_inc (&txn->ref_count);
  return txn;
}

const KringStoreOps *
kring_txn_ops (KringTxn *txn)
{
  return txn->store->backend->ops;
}

gint64
kring_txn_now (KringTxn *txn)
{
  return txn->now;
}

KringStore *
kring_txn_get_store (KringTxn *txn)
{
  return txn->store;
}

void
kring_txn_mail_queued (KringTxn *txn)
{
  txn->mail_queued = TRUE;
}

static gboolean
deliver_job_done (gpointer user_data)
{
  WriteJob *job = user_data;

  if (job->done != NULL)
    job->done (job->data, job->error);
  g_clear_error (&job->error);
  g_main_context_unref (job->context);
  g_free (job);
  return G_SOURCE_REMOVE;
}

static void
finish_job (WriteJob *job)
{
  if (job->mutex != NULL)
    {
      g_mutex_lock (job->mutex);
      job->finished = TRUE;
      g_cond_signal (job->cond);
      g_mutex_unlock (job->mutex);
      return;
    }
  g_main_context_invoke (job->context, deliver_job_done, job);
}

/* Runs one job inside its own savepoint of the batch transaction. */
static void
run_job (KringTxn *txn, WriteJob *job)
{
  const KringStoreBackend *backend = txn->store->backend;
  gboolean keep;

  if (!backend->savepoint (txn, &job->error))
    return;
  keep = job->func (txn, job->data, &job->error);
  if (!backend->end_savepoint (txn, keep, keep ? &job->error : NULL) && job->error == NULL)
    g_set_error_literal (&job->error, KRING_STORE_ERROR, KRING_STORE_ERROR_FAILED,
                         "Could not end a savepoint");
}

static void
run_batch (KringStore *store, GPtrArray *batch)
{
  const KringStoreBackend *backend = store->backend;
  g_autoptr (GError) error = NULL;
  KringTxn *txn;
  gboolean mail = FALSE;

  txn = backend->begin_write (store, &error);
  if (txn != NULL)
    {
      for (guint i = 0; i < batch->len; i++)
        run_job (txn, g_ptr_array_index (batch, i));
      mail = txn->mail_queued;
      if (!backend->commit (txn, &error))
        {
          backend->rollback (txn);
          mail = FALSE;
        }
    }

  for (guint i = 0; i < batch->len; i++)
    {
      WriteJob *job = g_ptr_array_index (batch, i);

      /* A failed commit loses every write of the batch: none is acknowledged. */
      if (error != NULL)
        {
          g_clear_error (&job->error);
          job->error = g_error_copy (error);
        }
      finish_job (job);
    }

  if (mail && store->mail_queued_func != NULL)
    store->mail_queued_func (store, store->mail_queued_data);
}

static gpointer
writer_thread (gpointer user_data)
{
  KringStore *store = user_data;
  g_autoptr (GPtrArray) batch = g_ptr_array_new ();
  gboolean stopping = FALSE;

  while (!stopping)
    {
      WriteJob *job = g_async_queue_pop (store->jobs);

      g_ptr_array_set_size (batch, 0);
      /* Whatever queued up while the last commit was syncing joins this one. */
      while (job != NULL)
        {
          if (job == &stop_job)
            {
              stopping = TRUE;
              break;
            }
          g_ptr_array_add (batch, job);
          job = batch->len < MAX_BATCH ? g_async_queue_try_pop (store->jobs) : NULL;
        }
      if (batch->len > 0)
        run_batch (store, batch);
    }
  return NULL;
}

void
kring_store_init (KringStore *store, const KringStoreBackend *backend)
{
  store->backend = backend;
  store->jobs = g_async_queue_new ();
  store->writer = g_thread_new ("kring-writer", writer_thread, store);
}

KringStore *
kring_store_open (const char *url, GError **error)
{
  g_return_val_if_fail (url != NULL, NULL);

  if (g_str_has_prefix (url, "sqlite:"))
    return kring_sqlite_store_open (url + strlen ("sqlite:"), error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "Unsupported database URL “%s” (expected sqlite:PATH)", url);
  return NULL;
}

void
kring_store_close (KringStore *store)
{
  if (store == NULL)
    return;
  g_async_queue_push (store->jobs, &stop_job);
  g_thread_join (store->writer);
  g_async_queue_unref (store->jobs);
  store->backend->free (store);
}

const char *
kring_store_kind (KringStore *store)
{
  return store->backend->kind;
}

const char *
kring_store_path (KringStore *store)
{
  return store->backend->path != NULL ? store->backend->path (store) : NULL;
}

gboolean
kring_store_ping (KringStore *store, GError **error)
{
  return store->backend->ping (store, error);
}

GBytes *
kring_store_get_secret (KringStore *store)
{
  return store->backend->secret (store);
}

void
kring_store_set_mail_queued_func (KringStore *store, GFunc func, gpointer user_data)
{
  store->mail_queued_func = func;
  store->mail_queued_data = user_data;
}

KringTxn *
kring_store_begin_read (KringStore *store, GError **error)
{
  return store->backend->begin_read (store, error);
}

void
kring_store_end_read (KringTxn *txn)
{
  if (txn != NULL && g_atomic_int_dec_and_test (&txn->ref_count))
    txn->store->backend->end_read (txn);
}

void
kring_store_write (KringStore *store, KringWriteFunc func, KringWriteDone done, gpointer data)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  job->func = func;
  job->done = done;
  job->data = data;
  job->context = g_main_context_ref_thread_default ();
  g_async_queue_push (store->jobs, job);
}

gboolean
kring_store_write_sync (KringStore *store, KringWriteFunc func, gpointer data, GError **error)
{
  WriteJob job = { .func = func, .data = data };
  GMutex mutex;
  GCond cond;

  g_mutex_init (&mutex);
  g_cond_init (&cond);
  job.mutex = &mutex;
  job.cond = &cond;
  g_async_queue_push (store->jobs, &job);

  g_mutex_lock (&mutex);
  while (!job.finished)
    g_cond_wait (&cond, &mutex);
  g_mutex_unlock (&mutex);
  g_mutex_clear (&mutex);
  g_cond_clear (&cond);

  if (job.error != NULL)
    {
      g_propagate_error (error, job.error);
      return FALSE;
    }
  return TRUE;
}
