/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log: GET /api/v1/accounts/{id}/audit (R8).  Only owners and
 * admins of the account read it; no route writes or deletes it (the router
 * answers 405 with "Allow: GET" to anything else). */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <string.h>

#include "kring-access.h"
#include "kring-router.h"

/* The stored detail is echoed only when it is a JSON object, re-serialised
 * from its parse so nothing malformed can reach a client. */
static void
write_detail (KringJsonWriter *w, const char *detail_json)
{
  g_autoptr (JsonNode) node = NULL;

  if (detail_json == NULL)
    return;
  node = kring_json_parse (detail_json, strlen (detail_json), NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_warning ("audit detail that is not a JSON object: %s", detail_json);
      return;
    }
  kring_json_key (w, "detail");
  kring_json_node (w, node);
}

static void
write_event (KringJsonWriter *w, const KringAuditEvent *event)
{
  kring_json_begin_object (w);
  kring_json_member_int (w, "id", event->id);
  kring_json_member_time (w, "at", event->at);
  kring_json_key (w, "actor");
  if (event->actor_id > 0)
    kring_write_user (w, event->actor_id, event->actor_email, event->actor_name, FALSE);
  else
    kring_json_null (w); /* the operator */
  kring_json_member_string (w, "action", event->action);
  if (event->dossier_id > 0)
    kring_json_member_int (w, "dossier_id", event->dossier_id);
  if (event->subject_email != NULL)
    kring_json_member_string (w, "subject_email", event->subject_email);
  write_detail (w, event->detail_json);
  kring_json_end_object (w);
}

static void
write_row (KringRequest *req, KringJsonWriter *w, gconstpointer row, gpointer unused)
{
  write_event (w, row);
}

/* Newest first: the id alone orders the log. */
static char *
cursor_of (gconstpointer row, gint64 *out_id)
{
  *out_id = ((const KringAuditEvent *)row)->id;
  return NULL;
}

static void
read_audit (KringRequest *req, const KringPageRequest *page, const KringAuditFilter *filter)
{
  g_autoptr (KringTxn) txn = kring_request_read (req);
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  KringPage store_page = { .after_id = page->after_id, .limit = page->limit + 1 };
  gint64 account_id = kring_request_param_id (req, "id");
  KringRole role = KRING_ROLE_NONE;

  if (txn == NULL || !kring_access_load_role (req, txn, account_id, &role)
      || !kring_access_require (req, kring_access_is_admin (role)))
    return;
  rows = kring_rows_new (KringAuditEvent, kring_audit_event_clear);
  if (!kring_txn_ops (txn)->audit->list (txn, account_id, filter, &store_page, rows, &error))
    {
      kring_request_store_error (req, error);
      return;
    }
  kring_request_write_page (req, rows, page->limit, write_row, cursor_of, NULL);
}

static void
list_audit (KringRequest *req)
{
  KringAuditFilter filter = { .action = g_hash_table_lookup (req->query, "action") };
  KringPageRequest page;

  if (!kring_request_page (req, &page))
    return;
  if (kring_request_query_id (req, "dossier", &filter.dossier_id))
    read_audit (req, &page, &filter);
  kring_page_request_clear (&page);
}

void
kring_audit_register (KringRouter *router)
{
  kring_router_add (router, "GET", "/api/v1/accounts/{id}/audit", list_audit, KRING_ROUTE_AUTH,
                    "dossier,action,limit,cursor");
}
