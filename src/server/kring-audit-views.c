/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dossier.viewed: written when a user reads a dossier or its entries, at
 * most once per user and dossier per 10 minutes (API.md, "Audit log").
 * Reading must stay a pure read, so the event is queued as a write that
 * nobody waits for, and a per-process throttle keeps hot reads from queuing
 * writes at all.  The store's note_view decides for real (several processes
 * share one database), the throttle only saves work. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include "kring-access.h"

#define VIEW_INTERVAL (10 * 60) /* seconds */
/* Past this many remembered views, expired ones are dropped (at most once a
 * minute: a scan of a full table on every new view would cost more than the
 * writes it saves); past the hard cap everything is forgotten, which only
 * means some views go to the store again. */
#define THROTTLE_PRUNE_SIZE 10000
#define THROTTLE_PRUNE_EVERY 60 /* seconds */
#define THROTTLE_MAX_SIZE 100000

typedef struct
{
  gint64 user_id;
  gint64 account_id;
  gint64 dossier_id;
} ViewNote;

static GMutex throttle_lock;
static GHashTable *throttle; /* "user:dossier" → monotonic seconds of the last note */
static gint64 next_prune;

static gboolean
expired (gpointer key, gpointer value, gpointer user_data)
{
  return *(gint64 *)user_data - GPOINTER_TO_SIZE (value) >= VIEW_INTERVAL;
}

static void
prune (gint64 now)
{
  guint size = g_hash_table_size (throttle);

  if (size >= THROTTLE_MAX_SIZE)
    g_hash_table_remove_all (throttle);
  else if (size >= THROTTLE_PRUNE_SIZE && now >= next_prune)
    {
      g_hash_table_foreach_remove (throttle, expired, &now);
      next_prune = now + THROTTLE_PRUNE_EVERY;
    }
}

/* TRUE when this view may need recording: none noted here within the interval. */
static gboolean
throttle_pass (gint64 user_id, gint64 dossier_id)
{
  gint64 now = g_get_monotonic_time () / G_USEC_PER_SEC + 1; /* never 0 */
  char key[48];
  gpointer last;
  gboolean pass;

  g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, user_id, dossier_id);
  g_mutex_lock (&throttle_lock);
  if (throttle == NULL)
    throttle = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  last = g_hash_table_lookup (throttle, key);
  pass = last == NULL || now - (gint64)GPOINTER_TO_SIZE (last) >= VIEW_INTERVAL;
  if (pass)
    {
      prune (now);
      g_hash_table_replace (throttle, g_strdup (key), GSIZE_TO_POINTER ((gsize)now));
    }
  g_mutex_unlock (&throttle_lock);
  return pass;
}

static gboolean
note_view (KringTxn *txn, gpointer data, GError **error)
{
  const KringStoreOps *ops = kring_txn_ops (txn);
  ViewNote *note = data;
  gboolean record = FALSE;

  if (!ops->audit->note_view (txn, note->user_id, note->dossier_id, VIEW_INTERVAL, &record, error))
    return FALSE;
  if (!record)
    return TRUE;
  return kring_audit_add (txn, note->account_id, note->user_id, "dossier.viewed", note->dossier_id,
                          NULL, NULL, error);
}

static void
note_view_done (gpointer data, const GError *error)
{
  /* Losing one view event to a busy database is better than failing a read. */
  if (error != NULL)
    g_message ("could not record a dossier view: %s", error->message);
  g_free (data);
}

void
kring_audit_note_view (KringRequest *req, gint64 account_id, gint64 dossier_id)
{
  ViewNote *note;

  if (!throttle_pass (req->user.id, dossier_id))
    return;
  note = g_new (ViewNote, 1);
  *note = (ViewNote){ .user_id = req->user.id, .account_id = account_id, .dossier_id = dossier_id };
  kring_store_write (req->server->store, note_view, note_view_done, note);
}
