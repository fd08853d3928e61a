/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The outbox's delivery thread.  It claims due mails with a lease (so two
 * kringd processes on one database never both deliver a mail), delivers
 * them in queue order, then deletes them or schedules a retry with
 * exponential back-off.  It wakes when a commit queued mail, and polls
 * every few seconds for mail queued by other processes (`kringd admin`). */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "kring-mailer.h"
#include "kring-smtp.h"
#include "kring-store-ops.h"

#define POLL_INTERVAL_US (2 * G_USEC_PER_SEC)
/* A claim outlasts the delivery of its whole batch (an SMTP transfer takes
 * at most its timeout in kring-smtp.c); it matters only when a process dies
 * holding claims: another process, or the restarted one, then delivers
 * those mails once the lease ends. */
#define FILE_BATCH 16
#define FILE_LEASE_S 30
#define SMTP_BATCH 4
#define SMTP_LEASE_S 90
#define BACKOFF_FIRST_S 2
#define BACKOFF_MAX_S (15 * 60)
/* About two days of retries: every code in a mail has expired by then. */
#define MAX_ATTEMPTS 200
/* Temporary files older than this are leftovers of a crash. */
#define STALE_TEMP_S 3600

struct _KringMailer
{
  KringStore *store;
  char *mail_dir;
  char *smtp_url;
  GThread *thread;
  GMutex lock;
  GCond cond;
  gboolean woken;
  gboolean stopping;
  gint64 last_stamp; /* of the last .eml name: names must sort in delivery order */
};

typedef enum
{
  OUTCOME_DELIVERED,
  OUTCOME_RETRY,
} Outcome;

typedef struct
{
  gint64 id;
  Outcome outcome;
  gint64 when; /* for a retry */
} Result;

typedef struct
{
  GArray *mails;
  guint limit;
  gint64 lease;
} Claim;

static gint64
backoff (gint64 attempts)
{
  gint64 delay = BACKOFF_FIRST_S;

  for (gint64 i = 1; i < attempts && delay < BACKOFF_MAX_S; i++)
    delay *= 2;
  return MIN (delay, BACKOFF_MAX_S);
}

static gboolean
claim_func (KringTxn *txn, gpointer data, GError **error)
{
  Claim *claim = data;

  return kring_txn_ops (txn)->mail->claim (txn, claim->limit, claim->lease, claim->mails, error);
}

static gboolean
apply_results (KringTxn *txn, gpointer data, GError **error)
{
  GArray *results = data;
  const KringMailOps *ops = kring_txn_ops (txn)->mail;

  for (guint i = 0; i < results->len; i++)
    {
      Result *r = &g_array_index (results, Result, i);

      if (r->outcome == OUTCOME_DELIVERED ? !ops->delivered (txn, r->id, error)
                                          : !ops->retry_at (txn, r->id, r->when, error))
        return FALSE;
    }
  return TRUE;
}

/* Mail dir. */

static gboolean
write_all (int fd, const char *data, gsize length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

/* The rename is durable only once the directory is synced too. */
static gboolean
sync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* DIR/<unix microseconds, zero-padded>-<outbox id>.eml, written to a hidden
 * temporary name, synced, then renamed: a reader never sees half a mail. */
static gboolean
write_eml (KringMailer *self, const KringOutboxMail *mail, char **out_reason)
{
  gint64 stamp = MAX (g_get_real_time (), self->last_stamp + 1);
  g_autofree char *name
      = g_strdup_printf ("%020" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ".eml", stamp, mail->id);
  g_autofree char *temp_name = g_strdup_printf (".%s.tmp", name);
  g_autofree char *path = g_build_filename (self->mail_dir, name, NULL);
  g_autofree char *temp = g_build_filename (self->mail_dir, temp_name, NULL);
  int fd;
  gboolean ok;

  self->last_stamp = stamp;
  fd = g_open (temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      *out_reason = g_strdup_printf ("%s: %s", temp, g_strerror (errno));
      return FALSE;
    }
  ok = write_all (fd, mail->message, strlen (mail->message)) && fsync (fd) == 0;
  ok = close (fd) == 0 && ok;
  ok = ok && g_rename (temp, path) == 0 && sync_dir (self->mail_dir);
  if (!ok)
    {
      *out_reason = g_strdup_printf ("%s: %s", path, g_strerror (errno));
      g_unlink (temp);
    }
  return ok;
}

static void
remove_stale_temp_files (const char *mail_dir)
{
  g_autoptr (GDir) dir = g_dir_open (mail_dir, 0, NULL);
  gint64 limit = g_get_real_time () / G_USEC_PER_SEC - STALE_TEMP_S;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (name[0] != '.' || !g_str_has_suffix (name, ".eml.tmp"))
        continue;
      path = g_build_filename (mail_dir, name, NULL);
      if (g_stat (path, &st) == 0 && st.st_mtime < limit)
        g_unlink (path);
    }
}

/* Delivery. */

/* Returns FALSE when the way out is blocked (no SMTP server, a full disk):
 * then the rest of the batch waits too. */
static gboolean
deliver_one (KringMailer *self, const KringOutboxMail *mail, Result *result)
{
  g_autofree char *reason = NULL;
  gboolean reachable = TRUE;
  gboolean sent;

  if (self->mail_dir != NULL)
    reachable = sent = write_eml (self, mail, &reason);
  else
    {
      KringSmtpResult r = kring_smtp_send (self->smtp_url, mail->recipient, mail->message, &reason);
      sent = r == KRING_SMTP_SENT;
      reachable = r != KRING_SMTP_UNREACHABLE;
    }

  result->id = mail->id;
  result->outcome = sent ? OUTCOME_DELIVERED : OUTCOME_RETRY;
  result->when = g_get_real_time () / G_USEC_PER_SEC + backoff (mail->attempts);
  if (!sent && mail->attempts >= MAX_ATTEMPTS)
    {
      g_warning ("Giving up mail %" G_GINT64_FORMAT " to %s after %" G_GINT64_FORMAT
                 " attempts: %s",
                 mail->id, mail->recipient, mail->attempts, reason);
      result->outcome = OUTCOME_DELIVERED;
    }
  else if (!sent && (mail->attempts == 1 || mail->attempts % 10 == 0))
    g_message ("Mail %" G_GINT64_FORMAT " to %s not delivered (attempt %" G_GINT64_FORMAT
               "), will retry: %s",
               mail->id, mail->recipient, mail->attempts, reason);
  return reachable;
}

/* Claims one batch and delivers it; FALSE when nothing more is due now. */
static gboolean
deliver_batch (KringMailer *self)
{
  g_autoptr (GArray) mails = kring_rows_new (KringOutboxMail, kring_outbox_mail_clear);
  g_autoptr (GArray) results = g_array_new (FALSE, TRUE, sizeof (Result));
  g_autoptr (GError) error = NULL;
  guint limit = self->mail_dir != NULL ? FILE_BATCH : SMTP_BATCH;
  Claim claim = { mails, limit, self->mail_dir != NULL ? FILE_LEASE_S : SMTP_LEASE_S };
  gboolean reachable = TRUE;

  if (!kring_store_write_sync (self->store, claim_func, &claim, &error))
    {
      g_warning ("Cannot claim mail from the outbox: %s", error->message);
      return FALSE;
    }
  g_array_set_size (results, mails->len);
  for (guint i = 0; i < mails->len; i++)
    {
      Result *result = &g_array_index (results, Result, i);
      KringOutboxMail *mail = &g_array_index (mails, KringOutboxMail, i);

      if (reachable)
        reachable = deliver_one (self, mail, result);
      else
        *result = (Result){ mail->id, OUTCOME_RETRY,
                            g_get_real_time () / G_USEC_PER_SEC + backoff (mail->attempts) };
    }
  if (results->len > 0 && !kring_store_write_sync (self->store, apply_results, results, &error))
    {
      /* The claims run out by themselves; the mails then go again. */
      g_warning ("Cannot record mail delivery: %s", error->message);
      return FALSE;
    }
  return reachable && mails->len == limit;
}

static gpointer
mailer_thread (gpointer data)
{
  KringMailer *self = data;
  gboolean stop = FALSE;

  if (self->mail_dir != NULL)
    remove_stale_temp_files (self->mail_dir);
  while (!stop)
    {
      gint64 deadline;

      while (deliver_batch (self))
        ;
      g_mutex_lock (&self->lock);
      deadline = g_get_monotonic_time () + POLL_INTERVAL_US;
      while (!self->woken && !self->stopping)
        if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
          break;
      self->woken = FALSE;
      stop = self->stopping;
      g_mutex_unlock (&self->lock);
    }
  /* What is due now still goes out before the server stops. */
  while (deliver_batch (self))
    ;
  return NULL;
}

KringMailer *
kring_mailer_new (KringStore *store, const char *mail_dir, const char *smtp_url, GError **error)
{
  KringMailer *self;

  g_return_val_if_fail ((mail_dir == NULL) != (smtp_url == NULL), NULL);
  if (mail_dir != NULL && g_mkdir_with_parents (mail_dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create mail dir %s: %s", mail_dir, g_strerror (saved));
      return NULL;
    }
  if (smtp_url != NULL && !kring_smtp_init (smtp_url, error))
    return NULL;

  self = g_new0 (KringMailer, 1);
  self->store = store;
  self->mail_dir = g_strdup (mail_dir);
  self->smtp_url = g_strdup (smtp_url);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("kring-mailer", mailer_thread, self);
  return self;
}

void
kring_mailer_wake (KringMailer *self)
{
  g_mutex_lock (&self->lock);
  self->woken = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
kring_mailer_free (KringMailer *self)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->mail_dir);
  g_free (self->smtp_url);
  g_free (self);
}
