/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Participants as the API shows them, and adding one (R2, R3, R9), shared
 * by the single and the batch endpoint (kring-participants-add.c) and the
 * other participant routes (kring-resource-participants.c). */
#pragma once

#include "kring-access.h"

G_BEGIN_DECLS

/* Participant: {"id","user_id","email","name","access","can_write","status",
 * "added_at","added_by": User,"guest_dossiers"?}, or {"id","name","access"}
 * when @redacted (a guest caller sees no emails, nothing of other dossiers). */
void kring_write_participant (KringRequest *req, KringJsonWriter *writer,
                              const KringParticipant *participant, gboolean redacted);

/* A participant to add, read from a body or a batch item. */
typedef struct
{
  char *email; /* normalised */
  char *name;  /* normalised, or NULL */
  gboolean has_can_write;
  gboolean can_write;
} KringNewParticipant;

void kring_new_participant_clear (KringNewParticipant *input);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KringNewParticipant, kring_new_participant_clear)

/* Reads and checks @item: FALSE with @problem set to 422 invalid_email (first)
 * or invalid_field. */
gboolean kring_new_participant_read (JsonObject *item, KringNewParticipant *out,
                                     KringProblem *problem);

/* Adds @input to @dossier_id for the caller, whose right to add is checked
 * already: 409 dossier_archived, already_participant, dossier_guest_capacity
 * (R2) and guest_dossier_limit (R3) in that order, then the user (created for
 * a new email), the participation, the mail and the audit event.  FALSE
 * with @problem set is a refusal (nothing written), FALSE with @error a store
 * failure. */
gboolean kring_participant_add (KringRequest *req, KringTxn *txn, gint64 dossier_id,
                                const KringNewParticipant *input, KringProblem *problem,
                                gint64 *out_id, GError **error);

/* POST /api/v1/dossiers/{id}/participants and …/batch. */
void kring_participants_handle_add (KringRequest *req);
void kring_participants_handle_batch (KringRequest *req);

G_END_DECLS
