/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include "kring-access.h"

void
kring_dossier_view_clear (KringDossierView *view)
{
  kring_dossier_clear (&view->dossier);
  kring_participant_clear (&view->me);
  view->role = KRING_ROLE_NONE;
  view->participates = FALSE;
}

static gboolean
not_found (KringRequest *req)
{
  kring_request_problem (req, KRING_PROBLEM_NOT_FOUND, "No such resource.");
  return FALSE;
}

gboolean
kring_access_load_dossier (KringRequest *req, KringTxn *txn, gint64 id, KringDossierView *out)
{
  const KringStoreOps *ops = kring_txn_ops (txn);
  g_autoptr (GError) error = NULL;

  *out = (KringDossierView){ 0 };
  if (!ops->dossiers->get (txn, id, &out->dossier, &error))
    goto fail;
  if (!ops->teammates->get_role (txn, out->dossier.account_id, req->user.id, &out->role, &error))
    goto fail;
  out->participates = ops->participants->get_by_user (txn, id, req->user.id, &out->me, &error);
  if (error != NULL)
    goto fail;
  if (out->participates || kring_access_is_admin (out->role))
    return TRUE;

fail:
  kring_dossier_view_clear (out);
  if (error != NULL)
    {
      kring_request_store_error (req, error);
      return FALSE;
    }
  return not_found (req);
}

gboolean
kring_access_load_role (KringRequest *req, KringTxn *txn, gint64 account_id, KringRole *out)
{
  g_autoptr (GError) error = NULL;

  *out = KRING_ROLE_NONE;
  if (!kring_txn_ops (txn)->teammates->get_role (txn, account_id, req->user.id, out, &error))
    {
      kring_request_store_error (req, error);
      return FALSE;
    }
  if (*out == KRING_ROLE_NONE)
    return not_found (req);
  return TRUE;
}

gboolean
kring_access_require (KringRequest *req, gboolean allowed)
{
  if (!allowed)
    kring_request_problem (req, KRING_PROBLEM_FORBIDDEN, "You may not do this.");
  return allowed;
}

gboolean
kring_access_require_live (KringRequest *req, const KringDossierView *view)
{
  if (view->dossier.archived)
    kring_request_problem (req, KRING_PROBLEM_DOSSIER_ARCHIVED, "The dossier is archived.");
  return !view->dossier.archived;
}

gboolean
kring_access_is_admin (KringRole role)
{
  return role == KRING_ROLE_OWNER || role == KRING_ROLE_ADMIN;
}

KringAccess
kring_access_my_access (const KringDossierView *view)
{
  return view->participates ? view->me.access : KRING_ACCESS_NONE;
}

gboolean
kring_access_can_manage_participants (const KringDossierView *view)
{
  if (kring_access_is_admin (view->role))
    return TRUE;
  return view->role == KRING_ROLE_MEMBER && view->participates
         && view->me.access == KRING_ACCESS_TEAM;
}

gboolean
kring_access_can_write_entries (const KringDossierView *view)
{
  return kring_access_is_admin (view->role) || (view->participates && view->me.can_write);
}

gboolean
kring_access_can_edit_dossier (const KringDossierView *view)
{
  if (kring_access_is_admin (view->role))
    return TRUE;
  return view->participates && view->me.access == KRING_ACCESS_TEAM && view->me.can_write;
}

gboolean
kring_access_is_guest (const KringDossierView *view)
{
  return !kring_access_is_admin (view->role) && view->participates
         && view->me.access == KRING_ACCESS_GUEST;
}

gboolean
kring_audit_add (KringTxn *txn, gint64 account_id, gint64 actor_id, const char *action,
                 gint64 dossier_id, const char *subject_email, const char *detail_json,
                 GError **error)
{
  return kring_txn_ops (txn)->audit->add (txn, account_id, actor_id, action, dossier_id,
                                          subject_email, detail_json, error);
}

void
kring_write_dossier (KringJsonWriter *w, const KringDossierView *view)
{
  const KringDossier *d = &view->dossier;
  KringAccess access = kring_access_my_access (view);

  kring_json_begin_object (w);
  kring_json_member_int (w, "id", d->id);
  kring_json_member_int (w, "account_id", d->account_id);
  kring_json_member_string (w, "account_name", d->account_name);
  kring_json_member_string (w, "title", d->title);
  kring_json_member_string (w, "client_name", d->client_name);
  kring_json_member_time (w, "created_at", d->created_at);
  kring_json_member_time (w, "updated_at", d->updated_at);
  kring_json_member_bool (w, "archived", d->archived);
  kring_json_member_int (w, "guests", d->guests);
  kring_json_member_int (w, "participants", d->participants);
  kring_json_member_string (w, "my_access", kring_access_to_string (access));
  kring_json_member_bool (w, "can_write", kring_access_can_write_entries (view));
  kring_json_end_object (w);
}
