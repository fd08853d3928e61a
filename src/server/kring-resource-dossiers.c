/* SPDX-License-Identifier: GPL-3.0-or-later */
/* /api/v1/dossiers: the client files.  Owners and admins see every dossier
 * of their accounts, everyone else the dossiers they take part in.  An
 * archived dossier is kept read-only (every change answers 409
 * dossier_archived) and its guest participations stop counting for R3. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include "kring-access.h"
#include "kring-router.h"
#include "kring-text.h"

/* A listed row carries the caller's relation to it (see KringDossier). */
static void
write_listed (KringJsonWriter *w, const KringDossier *row)
{
  KringDossierView view = {
    .dossier = *row,
    .role = row->my_role,
    .participates = row->my_participates,
    .me = { .access = row->my_access, .can_write = row->my_can_write },
  };

  /* A shallow copy for writing only: @row keeps its strings. */
  kring_write_dossier (w, &view);
}

/* Answers with the dossier as the caller sees it now. */
static gboolean
answer_dossier (KringRequest *req, KringTxn *txn, gint64 id, guint status)
{
  g_auto (KringDossierView) view = { 0 };

  if (!kring_access_load_dossier (req, txn, id, &view))
    return FALSE;
  kring_write_dossier (kring_request_begin_json (req, status), &view);
  kring_request_json_done (req);
  return TRUE;
}

/* GET /api/v1/dossiers */

static void
write_row (KringRequest *req, KringJsonWriter *w, gconstpointer row, gpointer unused)
{
  write_listed (w, row);
}

static char *
cursor_of (gconstpointer row, gint64 *out_id)
{
  const KringDossier *dossier = row;

  /* The store's title_key is the same function of the title. */
  *out_id = dossier->id;
  return kring_text_casefold_key (dossier->title);
}

static void
list_dossiers (KringRequest *req, KringDossierFilter *filter, KringPageRequest *page_req)
{
  g_autoptr (GArray) rows = kring_rows_new (KringDossier, kring_dossier_clear);
  g_autoptr (KringTxn) txn = kring_request_read (req);
  g_autoptr (GError) error = NULL;
  KringPage page = {
    .after_key = page_req->after_key,
    .after_id = page_req->after_id,
    .limit = page_req->limit + 1,
  };
  KringRole role;

  if (txn == NULL)
    return;
  /* An account the caller is no teammate of is not there for them. */
  if (filter->account_id != 0 && !kring_access_load_role (req, txn, filter->account_id, &role))
    return;
  if (!kring_txn_ops (txn)->dossiers->list (txn, filter, &page, rows, &error))
    {
      kring_request_store_failed (req, error);
      return;
    }
  kring_request_write_page (req, rows, page_req->limit, write_row, cursor_of, NULL);
}

static void
handle_list (KringRequest *req)
{
  const char *q = g_hash_table_lookup (req->query, "q");
  g_autofree char *query_key = NULL;
  KringDossierFilter filter = { .user_id = req->user.id };
  KringPageRequest page_req;

  /* Every 400 comes before the account's 404. */
  if (!kring_request_query_id (req, "account", &filter.account_id)
      || !kring_request_query_bool (req, "archived", &filter.archived)
      || !kring_request_page (req, &page_req))
    return;
  if (q != NULL && q[0] != '\0')
    filter.query = query_key = kring_text_casefold_key (q);
  list_dossiers (req, &filter, &page_req);
  kring_page_request_clear (&page_req);
}

/* Title and client name of a body (POST, PATCH). */

static const KringFieldSpec create_fields[] = {
  { "title", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "client_name", KRING_FIELD_STRING, KRING_FIELD_NULLABLE },
};

static const KringFieldSpec patch_fields[] = {
  { "title", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
  { "client_name", KRING_FIELD_STRING, KRING_FIELD_NULLABLE },
};

typedef struct
{
  char *title; /* NULL: not given */
  gboolean has_client_name;
  char *client_name; /* NULL with has_client_name: cleared */
} DossierInput;

static void
dossier_input_clear (DossierInput *input)
{
  g_clear_pointer (&input->title, g_free);
  g_clear_pointer (&input->client_name, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DossierInput, dossier_input_clear)

/* Reads the fields (already type-checked) and checks their text; answers 422. */
static gboolean
read_input (KringRequest *req, DossierInput *out)
{
  const char *title = kring_json_get_string (req->body, "title", NULL);
  const char *client_name = kring_json_get_string (req->body, "client_name", NULL);

  out->has_client_name = json_object_has_member (req->body, "client_name");
  return (title == NULL || (out->title = kring_request_line (req, "title", title)) != NULL)
         && (client_name == NULL
             || (out->client_name = kring_request_line (req, "client_name", client_name)) != NULL);
}

/* POST /api/v1/accounts/{id}/dossiers */

static gboolean
create_dossier (KringRequest *req, KringTxn *txn, GError **unused)
{
  const KringStoreOps *ops = kring_txn_ops (txn);
  gint64 account_id = kring_request_param_id (req, "id");
  g_auto (DossierInput) input = { 0 };
  g_autoptr (GError) error = NULL;
  gint64 id = 0, participant_id = 0;
  KringRole role;

  /* Every teammate (owner, admin, member) may create one. */
  if (!kring_access_load_role (req, txn, account_id, &role)
      || !kring_request_check_body (req, create_fields, G_N_ELEMENTS (create_fields))
      || !read_input (req, &input))
    return FALSE;
  /* The creator takes part as a team participant who writes. */
  if (!ops->dossiers->create (txn, account_id, input.title, input.client_name, &id, &error)
      || !ops->participants->add (txn, id, req->user.id, TRUE, req->user.id, &participant_id,
                                  &error)
      || !kring_audit_add (txn, account_id, req->user.id, "dossier.created", id, NULL, NULL,
                           &error))
    return kring_request_store_failed (req, error);
  return answer_dossier (req, txn, id, SOUP_STATUS_CREATED);
}

static void
handle_create (KringRequest *req)
{
  kring_request_write (req, create_dossier);
}

/* GET /api/v1/dossiers/{id} */

static void
handle_get (KringRequest *req)
{
  g_autoptr (KringTxn) txn = kring_request_read (req);
  g_auto (KringDossierView) view = { 0 };

  if (txn == NULL
      || !kring_access_load_dossier (req, txn, kring_request_param_id (req, "id"), &view))
    return;
  kring_write_dossier (kring_request_begin_json (req, SOUP_STATUS_OK), &view);
  kring_request_json_done (req);
  /* Queued, not awaited: a read stays a read. */
  kring_audit_note_view (req, view.dossier.account_id, view.dossier.id);
}

/* PATCH /api/v1/dossiers/{id} */

static char *
changed_fields_detail (const DossierInput *input)
{
  if (input->title != NULL && input->has_client_name)
    return g_strdup ("{\"fields\":[\"title\",\"client_name\"]}");
  if (input->title != NULL)
    return g_strdup ("{\"fields\":[\"title\"]}");
  return g_strdup ("{\"fields\":[\"client_name\"]}");
}

static gboolean
patch_dossier (KringRequest *req, KringTxn *txn, GError **unused)
{
  g_auto (KringDossierView) view = { 0 };
  g_auto (DossierInput) input = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *detail = NULL;
  KringDossier *d = &view.dossier;

  if (!kring_access_load_dossier (req, txn, kring_request_param_id (req, "id"), &view)
      || !kring_access_require (req, kring_access_can_edit_dossier (&view))
      || !kring_request_check_body (req, patch_fields, G_N_ELEMENTS (patch_fields))
      || !read_input (req, &input))
    return FALSE;
  if (!kring_access_require_live (req, &view))
    return FALSE;
  if (input.title == NULL && !input.has_client_name)
    return answer_dossier (req, txn, d->id, SOUP_STATUS_OK);
  detail = changed_fields_detail (&input);
  if (input.title != NULL)
    {
      g_free (d->title);
      d->title = g_steal_pointer (&input.title);
    }
  if (input.has_client_name)
    {
      g_free (d->client_name);
      d->client_name = g_steal_pointer (&input.client_name);
    }
  if (!kring_txn_ops (txn)->dossiers->update (txn, d, &error)
      || !kring_audit_add (txn, d->account_id, req->user.id, "dossier.updated", d->id, NULL, detail,
                           &error))
    return kring_request_store_failed (req, error);
  return answer_dossier (req, txn, d->id, SOUP_STATUS_OK);
}

static void
handle_patch (KringRequest *req)
{
  kring_request_write (req, patch_dossier);
}

/* DELETE /api/v1/dossiers/{id} and POST …/restore */

static gboolean
set_archived (KringRequest *req, KringTxn *txn, gboolean archived)
{
  g_auto (KringDossierView) view = { 0 };
  g_autoptr (GError) error = NULL;

  if (!kring_access_load_dossier (req, txn, kring_request_param_id (req, "id"), &view)
      || !kring_access_require (req, kring_access_is_admin (view.role)))
    return FALSE;
  /* Archiving an archived dossier (or restoring a live one) changes nothing
   * and records nothing. */
  if (view.dossier.archived != archived
      && (!kring_txn_ops (txn)->dossiers->set_archived (txn, view.dossier.id, archived, &error)
          || !kring_audit_add (txn, view.dossier.account_id, req->user.id,
                               archived ? "dossier.archived" : "dossier.restored", view.dossier.id,
                               NULL, NULL, &error)))
    return kring_request_store_failed (req, error);
  if (archived)
    {
      kring_request_empty (req, SOUP_STATUS_NO_CONTENT);
      return TRUE;
    }
  /* R2/R3 are not checked again: nobody silently loses access (R6). */
  return answer_dossier (req, txn, view.dossier.id, SOUP_STATUS_OK);
}

static gboolean
archive_dossier (KringRequest *req, KringTxn *txn, GError **unused)
{
  return set_archived (req, txn, TRUE);
}

static gboolean
restore_dossier (KringRequest *req, KringTxn *txn, GError **unused)
{
  return set_archived (req, txn, FALSE);
}

static void
handle_archive (KringRequest *req)
{
  kring_request_write (req, archive_dossier);
}

static void
handle_restore (KringRequest *req)
{
  kring_request_write (req, restore_dossier);
}

void
kring_dossiers_register (KringRouter *router)
{
  kring_router_add (router, "GET", "/api/v1/dossiers", handle_list, 0,
                    "limit,cursor,account,q,archived");
  kring_router_add (router, "POST", "/api/v1/accounts/{id}/dossiers", handle_create,
                    KRING_ROUTE_BODY, NULL);
  kring_router_add (router, "GET", "/api/v1/dossiers/{id}", handle_get, 0, NULL);
  kring_router_add (router, "PATCH", "/api/v1/dossiers/{id}", handle_patch, KRING_ROUTE_BODY, NULL);
  kring_router_add (router, "DELETE", "/api/v1/dossiers/{id}", handle_archive, 0, NULL);
  kring_router_add (router, "POST", "/api/v1/dossiers/{id}/restore", handle_restore, 0, NULL);
}
