/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringAuditView: an account's audit log for its owners and admins,
 * newest first, fetched page by page, filtered by dossier and by action.
 * Each event shows when (local time), who ("Operator" for the server's
 * operator), what, in which dossier, about whom, and the details.
 *
 * Widget action: audit.reload fetches the log again. */
#pragma once

#include <adwaita.h>

#include "kring-client.h"

G_BEGIN_DECLS

#define KRING_TYPE_AUDIT_VIEW (kring_audit_view_get_type ())
G_DECLARE_FINAL_TYPE (KringAuditView, kring_audit_view, KRING, AUDIT_VIEW, AdwBin)

KringAuditView *kring_audit_view_new (KringClient *client, gint64 account_id);

gint64 kring_audit_view_get_account_id (KringAuditView *self);
/* The rows' model (of KringAuditItem), as the column view shows it. */
GListModel *kring_audit_view_get_model (KringAuditView *self);

/* Fetches the log again from its newest event; the rows shown stay until
 * the new first page arrives. */
void kring_audit_view_reload (KringAuditView *self);

G_END_DECLS
