/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringParticipantsView: the *Participants* view of a dossier (UI.md): a
 * column view of who takes part — name, email, access, guest dossiers
 * used, can write, status, added — with *Add by email*, per-row remove,
 * resend invitation and *Invite to dossier…*, and a drop target for
 * drag-and-drop inviting (KringInviteDrop).  Rows can be dragged onto
 * another dossier.  A guest caller sees the names only. */
#pragma once

#include <adwaita.h>

#include "kring-client.h"
#include "kring-invite-drop.h"

G_BEGIN_DECLS

#define KRING_TYPE_PARTICIPANTS_VIEW (kring_participants_view_get_type ())
G_DECLARE_FINAL_TYPE (KringParticipantsView, kring_participants_view, KRING, PARTICIPANTS_VIEW,
                      AdwBin)

/* Starts loading at once.  Until kring_participants_view_set_caller(), the
 * view looks up by itself what the caller may do (GET the dossier and
 * /me); no action shows before that is known. */
GtkWidget *kring_participants_view_new (KringClient *client, gint64 dossier_id);

/* What the caller may do here: @role is theirs in the dossier's account
 * ("owner", "admin", "member", or NULL when no teammate of it), @access
 * their participation (the dossier's my_access: "team", "external",
 * "guest", or NULL).  Owners, admins, and members who are a team
 * participant manage participants; a guest sees names only. */
void kring_participants_view_set_caller (KringParticipantsView *self, const char *role,
                                         const char *access);
/* Whether the caller may invite, change and remove participants. */
gboolean kring_participants_view_get_can_manage (KringParticipantsView *self);

gint64 kring_participants_view_get_dossier_id (KringParticipantsView *self);
/* The participants, as the column view shows them (KringParticipantItem). */
GListModel *kring_participants_view_get_model (KringParticipantsView *self);
/* Fetches the list again. */
void kring_participants_view_reload (KringParticipantsView *self);
/* The drop target on the whole view. */
KringInviteDrop *kring_participants_view_get_invite_drop (KringParticipantsView *self);
/* Opens the *Add by email* dialog (the button does the same), when the
 * caller may invite. */
void kring_participants_view_add_by_email (KringParticipantsView *self);

G_END_DECLS
