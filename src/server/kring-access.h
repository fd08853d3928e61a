/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who may do what (DOMAIN.md, "Who may do what"), in one place.  Loaders
 * answer the request themselves (404 for what the caller cannot see, 503 for
 * a store failure) and return FALSE; handlers then just return. */
#pragma once

#include "kring-request.h"
#include "kring-store-ops.h"

G_BEGIN_DECLS

/* A dossier as the caller sees it. */
typedef struct
{
  KringDossier dossier;
  KringRole role;        /* the caller's role in the dossier's account */
  gboolean participates; /* the caller is a participant */
  KringParticipant me;   /* the caller's participation, when participates */
} KringDossierView;

void kring_dossier_view_clear (KringDossierView *view);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KringDossierView, kring_dossier_view_clear)

/* Loads dossier @id if the caller may see it: owner/admin of its account, or
 * a participant. Else answers 404. */
gboolean kring_access_load_dossier (KringRequest *req, KringTxn *txn, gint64 id,
                                    KringDossierView *out);

/* The caller's role in an account; answers 404 when they are no teammate
 * (KRING_ROLE_NONE never comes back with TRUE). */
gboolean kring_access_load_role (KringRequest *req, KringTxn *txn, gint64 account_id,
                                 KringRole *out);

/* Answers 403 and returns FALSE when @allowed is FALSE. */
gboolean kring_access_require (KringRequest *req, gboolean allowed);
/* Answers 409 dossier_archived and returns FALSE when the dossier is
 * archived: an archived dossier is read-only. */
gboolean kring_access_require_live (KringRequest *req, const KringDossierView *view);

/* The caller's access in the dossier: team/external/guest, or NONE for an
 * owner/admin who does not participate. */
KringAccess kring_access_my_access (const KringDossierView *view);
gboolean kring_access_is_admin (KringRole role); /* owner or admin */
/* Owner, admin, or a member who is a team participant (invite/remove). */
gboolean kring_access_can_manage_participants (const KringDossierView *view);
/* Owner, admin, or a participant with can_write (journal entries). */
gboolean kring_access_can_write_entries (const KringDossierView *view);
/* Owner, admin, or a team participant with can_write (title, client name). */
gboolean kring_access_can_edit_dossier (const KringDossierView *view);
/* Guests see names only, and no professionals-only entries (R10). */
gboolean kring_access_is_guest (const KringDossierView *view);

/* Writes an audit event for the caller (actor 0 writes null: the operator). */
gboolean kring_audit_add (KringTxn *txn, gint64 account_id, gint64 actor_id, const char *action,
                          gint64 dossier_id, const char *subject_email, const char *detail_json,
                          GError **error);

/* Records dossier.viewed for the caller (at most once per user and dossier
 * per 10 minutes) without making the read wait: queues a write nobody waits
 * for (kring-audit-views.c).  Call after answering a read of the dossier. */
void kring_audit_note_view (KringRequest *req, gint64 account_id, gint64 dossier_id);

/* Writes a Dossier object as the caller sees it. */
void kring_write_dossier (KringJsonWriter *writer, const KringDossierView *view);

G_END_DECLS
