/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringTeammatesView: the teammates of an account (its paid seats) in a
 * column view — name, email, role, status, added.  For an owner or admin:
 * *Add teammate* (showing what the monthly price becomes before
 * confirming), change role, resend an invitation, remove with
 * confirmation, and rows that can be dragged onto a dossier to invite the
 * teammate there.
 *
 * Widget actions, for the shell's header bar or shortcuts:
 *   teammates.add     opens the Add teammate dialog (owner, admin)
 *   teammates.reload  fetches the list and the account again */
#pragma once

#include <adwaita.h>

#include "kring-client.h"

G_BEGIN_DECLS

#define KRING_TYPE_TEAMMATES_VIEW (kring_teammates_view_get_type ())
G_DECLARE_FINAL_TYPE (KringTeammatesView, kring_teammates_view, KRING, TEAMMATES_VIEW, AdwBin)

/* @role is the signed-in user's role in @account_id: "owner", "admin" or
 * "member" (as KringMembership has it); a member only reads the list. */
KringTeammatesView *kring_teammates_view_new (KringClient *client, gint64 account_id,
                                              const char *role);

gint64 kring_teammates_view_get_account_id (KringTeammatesView *self);
/* The rows' model (of KringTeammateItem), as the column view shows it. */
GListModel *kring_teammates_view_get_model (KringTeammatesView *self);

/* Fetches the teammates and the account again; the rows shown stay until
 * the new list arrives. */
void kring_teammates_view_reload (KringTeammatesView *self);

G_END_DECLS
