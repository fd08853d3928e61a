/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringClient: the participants of a dossier, one at a time or in
 * batches (drag-and-drop inviting). */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-api-reader.h"
#include "kring-client-private.h"

/* API.md: 1–1000 items per batch request, bodies of at most 1 MiB.  The
 * byte bound leaves room for the envelope and JSON escapes. */
#define BATCH_MAX_ITEMS 1000
#define BATCH_MAX_BYTES (768 * 1024)

static const KringResultType participant_result = {
  .parse = (KringParseFunc)kring_participant_item_new_from_json,
  .free_result = g_object_unref,
};

static char *
participants_path (gint64 dossier_id, gint64 participant_id, const char *rest)
{
  if (participant_id == 0)
    return g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/participants%s", dossier_id,
                            rest);
  return g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/participants/%" G_GINT64_FORMAT
                          "%s",
                          dossier_id, participant_id, rest);
}

static void
write_invitee (KringJsonWriter *w, const KringInvitee *invitee)
{
  kring_json_begin_object (w);
  kring_json_member_string (w, "email", invitee->email);
  if (invitee->name != NULL)
    kring_json_member_string (w, "name", invitee->name);
  if (invitee->can_write != KRING_CAN_WRITE_DEFAULT)
    kring_json_member_bool (w, "can_write", invitee->can_write == KRING_CAN_WRITE_YES);
  kring_json_end_object (w);
}

static char *
invitee_json (const KringInvitee *invitee)
{
  GString *buffer = g_string_new (NULL);
  KringJsonWriter w;

  kring_json_writer_init (&w, buffer);
  write_invitee (&w, invitee);
  return g_string_free (buffer, FALSE);
}

void
kring_client_list_participants_async (KringClient *self, gint64 dossier_id, const char *cursor,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (KringListQuery) query = kring_list_query_new_participants (dossier_id);

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_list (self, query, cursor, 0, kring_client_list_participants_async, cancellable,
                      callback, user_data);
}

KringPage *
kring_client_list_participants_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_list_participants_async, error);
}

void
kring_client_add_participant_async (KringClient *self, gint64 dossier_id,
                                    const KringInvitee *invitee, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = participants_path (dossier_id, 0, "");
  char *json;

  g_return_if_fail (KRING_IS_CLIENT (self));
  g_return_if_fail (invitee != NULL && invitee->email != NULL);

  json = invitee_json (invitee);
  _kring_client_call (self, kring_client_add_participant_async, "POST", path,
                      g_bytes_new_take (json, strlen (json)), KRING_CALL_AUTHENTICATED,
                      &participant_result, cancellable, callback, user_data);
}

KringParticipantItem *
kring_client_add_participant_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_add_participant_async, error);
}

/* Batches */

static gpointer
parse_batch_results (JsonNode *root, GError **error)
{
  g_auto (KringReader) reader = { 0 };
  JsonArray *results;

  _kring_reader_init (&reader, root, "batch answer");
  results = _kring_reader_get_array (&reader, "results", KRING_READ_REQUIRED);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  return _kring_parse_array (results, (KringParseFunc)kring_batch_result_new_from_json,
                             (GDestroyNotify)kring_batch_result_unref, error);
}

static const KringResultType batch_result = {
  .parse = parse_batch_results,
  .free_result = (GDestroyNotify)g_ptr_array_unref,
};

typedef struct
{
  char *path;
  GPtrArray *bodies; /* GBytes, one request each */
  GArray *counts;    /* guint: invitees per body */
  guint next;        /* the body to send next */
  GPtrArray *results;
} Batch;

static void
batch_free (Batch *batch)
{
  g_free (batch->path);
  g_ptr_array_unref (batch->bodies);
  g_array_unref (batch->counts);
  g_ptr_array_unref (batch->results);
  g_free (batch);
}

static void
end_chunk (KringBody *body, guint count, Batch *batch)
{
  kring_json_end_array (&body->writer);
  g_ptr_array_add (batch->bodies, _kring_body_end (body));
  g_array_append_val (batch->counts, count);
}

/* Cuts the invitees into request bodies up front: the caller's array is
 * only valid during the _async call. */
static void
batch_split (Batch *batch, const KringInvitee *invitees, guint n_invitees)
{
  KringBody body = { 0 };
  guint count = 0;

  for (guint i = 0; i < n_invitees; i++)
    {
      g_autofree char *item = invitee_json (&invitees[i]);

      if (count > 0
          && (count == BATCH_MAX_ITEMS || body.buffer->len + strlen (item) >= BATCH_MAX_BYTES))
        {
          end_chunk (&body, count, batch);
          count = 0;
        }
      if (count == 0)
        {
          kring_json_key (_kring_body_begin (&body), "participants");
          kring_json_begin_array (&body.writer);
        }
      kring_json_raw (&body.writer, item);
      count++;
    }
  if (count > 0)
    end_chunk (&body, count, batch);
}

static void batch_send_next (KringClient *self, GTask *task);

static void
batch_chunk_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  KringClient *self = KRING_CLIENT (source);
  g_autoptr (GTask) task = user_data;
  Batch *batch = g_task_get_task_data (task);
  guint sent = g_array_index (batch->counts, guint, batch->next);
  g_autoptr (GPtrArray) results = NULL;
  GError *error = NULL;

  results = _kring_client_finish_pointer (self, result, batch_chunk_cb, &error);
  if (results != NULL && results->len != sent)
    {
      g_set_error (&error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_INVALID_RESPONSE,
                   "The server answered a batch of %u with %u results", sent, results->len);
      g_clear_pointer (&results, g_ptr_array_unref);
    }
  if (results == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_extend_and_steal (batch->results, g_steal_pointer (&results));
  batch->next++;
  batch_send_next (self, g_steal_pointer (&task));
}

/* Sends the next body, or completes @task (which it takes) after the last. */
static void
batch_send_next (KringClient *self, GTask *task)
{
  Batch *batch = g_task_get_task_data (task);
  GTask *chunk;

  if (batch->next == batch->bodies->len)
    {
      g_task_return_pointer (task, g_ptr_array_ref (batch->results),
                             (GDestroyNotify)g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  chunk = _kring_client_task_new (self, batch_chunk_cb, g_task_get_cancellable (task),
                                  batch_chunk_cb, task);
  _kring_client_send (self, chunk, "POST", batch->path,
                      g_bytes_ref (g_ptr_array_index (batch->bodies, batch->next)),
                      KRING_CALL_AUTHENTICATED, &batch_result);
}

void
kring_client_add_participants_async (KringClient *self, gint64 dossier_id,
                                     const KringInvitee *invitees, guint n_invitees,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  Batch *batch;
  GTask *task;

  g_return_if_fail (KRING_IS_CLIENT (self));
  g_return_if_fail (invitees != NULL || n_invitees == 0);

  batch = g_new0 (Batch, 1);
  batch->path = participants_path (dossier_id, 0, "/batch");
  batch->bodies = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  batch->counts = g_array_new (FALSE, FALSE, sizeof (guint));
  batch->results = g_ptr_array_new_with_free_func ((GDestroyNotify)kring_batch_result_unref);
  batch_split (batch, invitees, n_invitees);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kring_client_add_participants_async);
  g_task_set_task_data (task, batch, (GDestroyNotify)batch_free);
  batch_send_next (self, task);
}

GPtrArray *
kring_client_add_participants_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_add_participants_async, error);
}

/* One participant */

void
kring_client_update_participant_async (KringClient *self, gint64 dossier_id, gint64 participant_id,
                                       gboolean can_write, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = participants_path (dossier_id, participant_id, "");
  KringBody body;

  g_return_if_fail (KRING_IS_CLIENT (self));

  kring_json_member_bool (_kring_body_begin (&body), "can_write", can_write);
  _kring_client_call (self, kring_client_update_participant_async, "PATCH", path,
                      _kring_body_end (&body), KRING_CALL_AUTHENTICATED, &participant_result,
                      cancellable, callback, user_data);
}

KringParticipantItem *
kring_client_update_participant_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_update_participant_async, error);
}

void
kring_client_remove_participant_async (KringClient *self, gint64 dossier_id, gint64 participant_id,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autofree char *path = participants_path (dossier_id, participant_id, "");

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_remove_participant_async, "DELETE", path, NULL,
                      KRING_CALL_AUTHENTICATED, &_kring_result_none, cancellable, callback,
                      user_data);
}

gboolean
kring_client_remove_participant_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_boolean (self, result, kring_client_remove_participant_async, error);
}

void
kring_client_resend_participant_invitation_async (KringClient *self, gint64 dossier_id,
                                                  gint64 participant_id, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = participants_path (dossier_id, participant_id, "/resend");

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_resend_participant_invitation_async, "POST", path, NULL,
                      KRING_CALL_AUTHENTICATED, &_kring_result_none, cancellable, callback,
                      user_data);
}

gboolean
kring_client_resend_participant_invitation_finish (KringClient *self, GAsyncResult *result,
                                                   GError **error)
{
  return _kring_client_finish_boolean (self, result,
                                       kring_client_resend_participant_invitation_async, error);
}
