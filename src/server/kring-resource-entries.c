/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Journal entries: /api/v1/dossiers/{id}/entries[/{eid}] (R7, R10).
 * Entries are immutable: the {eid} route takes GET only, so the router
 * answers PUT, PATCH and DELETE with 405 and "Allow: GET".  A guest's
 * requests go to the store with with_professionals FALSE, so professional
 * entries do not exist for them: not in a page, not behind a cursor, not by
 * id, not among corrects/corrected_by. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include "kring-access.h"
#include "kring-entry-pages.h"
#include "kring-router.h"
#include "kring-text.h"

/* Reads the page; FALSE when it answered (404, 503). */
static gboolean
read_entries (KringRequest *req, KringPageRequest *page, gint64 *out_account_id)
{
  g_autoptr (KringTxn) txn = kring_request_read (req);
  g_auto (KringDossierView) view = { 0 };
  gint64 id = kring_request_param_id (req, "id");

  if (txn == NULL || !kring_access_load_dossier (req, txn, id, &view)
      || !kring_entry_pages_answer (req, txn, id, kring_access_is_guest (&view), page))
    return FALSE;
  *out_account_id = view.dossier.account_id;
  return TRUE;
}

static void
list_entries (KringRequest *req)
{
  KringPageRequest page;
  gint64 account_id = 0;

  if (!kring_request_page (req, &page))
    return;
  /* The view is noted after the read snapshot is closed, and without
   * waiting for its write. */
  if (read_entries (req, &page, &account_id))
    kring_audit_note_view (req, account_id, kring_request_param_id (req, "id"));
  kring_page_request_clear (&page);
}

static gboolean
read_entry (KringRequest *req, gint64 *out_account_id)
{
  g_autoptr (KringTxn) txn = kring_request_read (req);
  g_auto (KringDossierView) view = { 0 };
  g_auto (KringEntry) entry = { 0 };
  g_autoptr (GError) error = NULL;
  gint64 id = kring_request_param_id (req, "id");
  gboolean guest;

  if (txn == NULL || !kring_access_load_dossier (req, txn, id, &view))
    return FALSE;
  guest = kring_access_is_guest (&view);
  if (!kring_txn_ops (txn)->entries->get (txn, id, kring_request_param_id (req, "eid"), !guest,
                                          &entry, &error))
    {
      if (error != NULL)
        kring_request_store_error (req, error);
      else
        kring_request_problem (req, KRING_PROBLEM_NOT_FOUND, "No such entry.");
      return FALSE;
    }
  kring_write_entry (kring_request_begin_json (req, SOUP_STATUS_OK), &entry, guest);
  kring_request_json_done (req);
  *out_account_id = view.dossier.account_id;
  return TRUE;
}

static void
get_entry (KringRequest *req)
{
  gint64 account_id = 0;

  if (read_entry (req, &account_id))
    kring_audit_note_view (req, account_id, kring_request_param_id (req, "id"));
}

/* Creating. */

static gboolean
store_failed (KringRequest *req, GError *error)
{
  kring_request_store_error (req, error);
  g_error_free (error);
  return FALSE;
}

/* Visibility and the entry corrected (R10: a correction never shows more
 * than what it corrects, and names only an entry the writer can see). */
static gboolean
check_visibility (KringRequest *req, KringTxn *txn, const KringDossierView *view,
                  gboolean *out_professionals)
{
  const char *visibility = kring_json_get_string (req->body, "visibility", "everyone");
  gint64 corrects = kring_json_get_int (req->body, "corrects", 0);
  gboolean guest = kring_access_is_guest (view);
  g_auto (KringEntry) corrected = { 0 };
  GError *error = NULL;

  if (!g_str_equal (visibility, "everyone") && !g_str_equal (visibility, "professionals"))
    return kring_request_invalid_field (req, "visibility",
                                        "visibility must be everyone or professionals.");
  *out_professionals = g_str_equal (visibility, "professionals");
  if (*out_professionals && guest)
    return kring_request_invalid_field (req, "visibility",
                                        "A guest cannot write for professionals only.");
  if (kring_json_has_null (req->body, "corrects")
      || !json_object_has_member (req->body, "corrects"))
    return TRUE;
  if (corrects <= 0
      || !kring_txn_ops (txn)->entries->get (txn, view->dossier.id, corrects, !guest, &corrected,
                                             &error))
    return error != NULL ? store_failed (req, error)
                         : kring_request_invalid_field (
                             req, "corrects", "corrects must name an entry of this dossier.");
  if (corrected.professionals && !*out_professionals)
    return kring_request_invalid_field (
        req, "visibility", "A correction cannot be more visible than the entry it corrects.");
  return TRUE;
}

static void
write_created (KringRequest *req, gint64 id, gint64 dossier_id, gboolean professionals,
               gboolean guest, gint64 now)
{
  KringEntry entry = {
    .id = id,
    .dossier_id = dossier_id,
    .author_id = req->user.id,
    .author_email = req->user.email,
    .author_name = req->user.name,
    .body = (char *)kring_json_get_string (req->body, "body", NULL),
    .professionals = professionals,
    .created_at = now,
    .corrects = kring_json_get_int (req->body, "corrects", 0),
  };

  kring_write_entry (kring_request_begin_json (req, SOUP_STATUS_CREATED), &entry, guest);
  kring_request_json_done (req);
}

static gboolean
create_entry (KringRequest *req, KringTxn *txn, GError **unused)
{
  static const KringFieldSpec specs[] = {
    { "body", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
    { "visibility", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
    { "corrects", KRING_FIELD_INT, KRING_FIELD_NULLABLE },
  };
  g_auto (KringDossierView) view = { 0 };
  g_autofree char *detail = NULL;
  KringFieldError field_error = { 0 };
  gint64 dossier_id = kring_request_param_id (req, "id");
  gboolean professionals = FALSE;
  GError *error = NULL;
  gint64 id = 0;

  if (!kring_access_load_dossier (req, txn, dossier_id, &view)
      || !kring_access_require (req, kring_access_can_write_entries (&view))
      || !kring_request_check_body (req, specs, G_N_ELEMENTS (specs)))
    return FALSE;
  if (!kring_text_check_body (kring_json_get_string (req->body, "body", NULL), &field_error))
    {
      kring_problem_take_field_error (&req->problem, &field_error);
      kring_request_send_problem (req);
      return FALSE;
    }
  if (!check_visibility (req, txn, &view, &professionals))
    return FALSE;
  if (!kring_access_require_live (req, &view))
    return FALSE;
  if (!kring_txn_ops (txn)->entries->create (
          txn, dossier_id, req->user.id, kring_json_get_string (req->body, "body", NULL),
          professionals, kring_json_get_int (req->body, "corrects", 0), &id, &error))
    return store_failed (req, error);
  detail = g_strdup_printf ("{\"entry_id\":%" G_GINT64_FORMAT "}", id);
  if (!kring_audit_add (txn, view.dossier.account_id, req->user.id, "entry.created", dossier_id,
                        NULL, detail, &error))
    return store_failed (req, error);
  write_created (req, id, dossier_id, professionals, kring_access_is_guest (&view),
                 kring_txn_now (txn));
  return TRUE;
}

static void
post_entry (KringRequest *req)
{
  kring_request_write (req, create_entry);
}

void
kring_entries_register (KringRouter *router)
{
  kring_router_add (router, "GET", "/api/v1/dossiers/{id}/entries", list_entries, KRING_ROUTE_AUTH,
                    "limit,cursor");
  kring_router_add (router, "POST", "/api/v1/dossiers/{id}/entries", post_entry, KRING_ROUTE_BODY,
                    NULL);
  kring_router_add (router, "GET", "/api/v1/dossiers/{id}/entries/{eid}", get_entry,
                    KRING_ROUTE_AUTH, NULL);
}
