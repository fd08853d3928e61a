/* SPDX-License-Identifier: GPL-3.0-or-later */
/* /api/v1/dossiers/{id}/participants: who takes part in a dossier.  Owners,
 * admins and members who are team participants manage them; anyone may
 * leave.  A guest caller sees names only: no emails of other families,
 * nothing about their other dossiers.  Adding is in kring-participants-add.c. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include "kring-invitations.h"
#include "kring-participants.h"
#include "kring-router.h"
#include "kring-text.h"

void
kring_write_participant (KringRequest *req, KringJsonWriter *w, const KringParticipant *p,
                         gboolean redacted)
{
  kring_json_begin_object (w);
  kring_json_member_int (w, "id", p->id);
  if (!redacted)
    {
      kring_json_member_int (w, "user_id", p->user_id);
      kring_json_member_string (w, "email", p->email);
    }
  kring_json_member_string (w, "name", p->name);
  kring_json_member_string (w, "access", kring_access_to_string (p->access));
  if (redacted)
    {
      kring_json_end_object (w);
      return;
    }
  kring_json_member_bool (w, "can_write", p->can_write);
  kring_json_member_string (w, "status", p->active ? "active" : "invited");
  kring_json_member_time (w, "added_at", p->added_at);
  kring_json_key (w, "added_by");
  if (p->added_by_id != 0)
    kring_write_user (w, p->added_by_id, p->added_by_email, p->added_by_name, FALSE);
  else
    kring_json_null (w);
  if (p->access == KRING_ACCESS_GUEST)
    {
      kring_json_key (w, "guest_dossiers");
      kring_json_begin_object (w);
      kring_json_member_int (w, "used", p->guest_dossiers_used);
      kring_json_member_int (w, "limit",
                             kring_price_table_get_dossiers_per_guest (req->server->prices));
      kring_json_end_object (w);
    }
  kring_json_end_object (w);
}

/* Loads the dossier and its participant {pid} (404 for either). */
static gboolean
load_participant (KringRequest *req, KringTxn *txn, KringDossierView *view, KringParticipant *out)
{
  g_autoptr (GError) error = NULL;

  if (!kring_access_load_dossier (req, txn, kring_request_param_id (req, "id"), view))
    return FALSE;
  if (!kring_txn_ops (txn)->participants->get (txn, view->dossier.id,
                                               kring_request_param_id (req, "pid"), out, &error))
    return kring_request_store_failed (req, error);
  return TRUE;
}

/* GET /api/v1/dossiers/{id}/participants */

static void
write_row (KringRequest *req, KringJsonWriter *w, gconstpointer row, gpointer redacted)
{
  kring_write_participant (req, w, row, GPOINTER_TO_INT (redacted));
}

static char *
cursor_of (gconstpointer row, gint64 *out_id)
{
  const KringParticipant *p = row;

  /* As the store's users.sort_key: the name, or the email when none. */
  *out_id = p->id;
  return kring_text_casefold_key (p->name != NULL ? p->name : p->email);
}

static void
list_participants (KringRequest *req, const KringPageRequest *page_req)
{
  g_autoptr (GArray) rows = kring_rows_new (KringParticipant, kring_participant_clear);
  g_autoptr (KringTxn) txn = kring_request_read (req);
  g_auto (KringDossierView) view = { 0 };
  g_autoptr (GError) error = NULL;
  KringPage page = {
    .after_key = page_req->after_key,
    .after_id = page_req->after_id,
    .limit = page_req->limit + 1,
  };

  if (txn == NULL
      || !kring_access_load_dossier (req, txn, kring_request_param_id (req, "id"), &view))
    return;
  if (!kring_txn_ops (txn)->participants->list (txn, view.dossier.id, &page, rows, &error))
    {
      kring_request_store_failed (req, error);
      return;
    }
  kring_request_write_page (req, rows, page_req->limit, write_row, cursor_of,
                            GINT_TO_POINTER (kring_access_is_guest (&view)));
}

static void
handle_list (KringRequest *req)
{
  KringPageRequest page_req;

  /* 400 for the query comes before the dossier's 404. */
  if (!kring_request_page (req, &page_req))
    return;
  list_participants (req, &page_req);
  kring_page_request_clear (&page_req);
}

/* PATCH /api/v1/dossiers/{id}/participants/{pid} */

static const KringFieldSpec patch_fields[] = {
  { "can_write", KRING_FIELD_BOOL, KRING_FIELD_REQUIRED },
};

static gboolean
patch_participant (KringRequest *req, KringTxn *txn, GError **unused)
{
  g_auto (KringDossierView) view = { 0 };
  g_auto (KringParticipant) target = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *detail = NULL;
  gboolean can_write;

  if (!load_participant (req, txn, &view, &target)
      || !kring_access_require (req, kring_access_can_manage_participants (&view))
      || !kring_request_check_body (req, patch_fields, G_N_ELEMENTS (patch_fields)))
    return FALSE;
  if (!kring_access_require_live (req, &view))
    return FALSE;
  can_write = kring_json_get_bool (req->body, "can_write", FALSE);
  if (can_write != target.can_write)
    {
      detail = g_strdup_printf ("{\"can_write\":%s}", can_write ? "true" : "false");
      if (!kring_txn_ops (txn)->participants->set_can_write (txn, target.id, can_write, &error)
          || !kring_audit_add (txn, view.dossier.account_id, req->user.id, "participant.updated",
                               view.dossier.id, target.email, detail, &error))
        return kring_request_store_failed (req, error);
      target.can_write = can_write;
    }
  kring_write_participant (req, kring_request_begin_json (req, SOUP_STATUS_OK), &target, FALSE);
  kring_request_json_done (req);
  return TRUE;
}

static void
handle_patch (KringRequest *req)
{
  kring_request_write (req, patch_participant);
}

/* DELETE /api/v1/dossiers/{id}/participants/{pid} */

static gboolean
remove_participant (KringRequest *req, KringTxn *txn, GError **unused)
{
  g_auto (KringDossierView) view = { 0 };
  g_auto (KringParticipant) target = { 0 };
  g_autoptr (GError) error = NULL;

  /* Anyone may leave; managers remove others.  Allowed in an archived
   * dossier too: removing someone is never refused for being read-only. */
  if (!load_participant (req, txn, &view, &target)
      || !kring_access_require (req, target.user_id == req->user.id
                                         || kring_access_can_manage_participants (&view)))
    return FALSE;
  if (!kring_txn_ops (txn)->participants->remove (txn, target.id, &error)
      || !kring_audit_add (txn, view.dossier.account_id, req->user.id, "participant.removed",
                           view.dossier.id, target.email, NULL, &error))
    return kring_request_store_failed (req, error);
  kring_request_empty (req, SOUP_STATUS_NO_CONTENT);
  return TRUE;
}

static void
handle_remove (KringRequest *req)
{
  kring_request_write (req, remove_participant);
}

/* POST /api/v1/dossiers/{id}/participants/{pid}/resend */

static gboolean
resend_invitation (KringRequest *req, KringTxn *txn, GError **unused)
{
  g_auto (KringDossierView) view = { 0 };
  g_auto (KringParticipant) target = { 0 };

  if (!load_participant (req, txn, &view, &target)
      || !kring_access_require (req, kring_access_can_manage_participants (&view)))
    return FALSE;
  if (target.active)
    return kring_request_invalid_field (req, "status", "This participant has signed in already.");
  if (!kring_access_require_live (req, &view))
    return FALSE;
  return kring_invitation_resend (req, txn, target.user_id, view.dossier.account_name);
}

static void
handle_resend (KringRequest *req)
{
  kring_request_write (req, resend_invitation);
}

void
kring_participants_register (KringRouter *router)
{
  kring_router_add (router, "GET", "/api/v1/dossiers/{id}/participants", handle_list, 0,
                    "limit,cursor");
  kring_router_add (router, "POST", "/api/v1/dossiers/{id}/participants",
                    kring_participants_handle_add, KRING_ROUTE_BODY, NULL);
  kring_router_add (router, "POST", "/api/v1/dossiers/{id}/participants/batch",
                    kring_participants_handle_batch, KRING_ROUTE_BODY, NULL);
  kring_router_add (router, "PATCH", "/api/v1/dossiers/{id}/participants/{pid}", handle_patch,
                    KRING_ROUTE_BODY, NULL);
  kring_router_add (router, "DELETE", "/api/v1/dossiers/{id}/participants/{pid}", handle_remove, 0,
                    NULL);
  kring_router_add (router, "POST", "/api/v1/dossiers/{id}/participants/{pid}/resend",
                    handle_resend, 0, NULL);
}
