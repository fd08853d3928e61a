/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringDropSummary: sends the invitations of one drop (or paste) as one
 * batch request and shows what came of each address: invited, already
 * there, refused by the three-dossier limit (with *Make teammate* and its
 * monthly price for an owner or admin), dossier full, not an email
 * address.  When the request fails, every address is kept for *Retry*. */
#pragma once

#include <adwaita.h>

#include "kring-client.h"
#include "kring-invite-drop.h"

G_BEGIN_DECLS

typedef enum
{
  KRING_DROP_SUMMARY_SENDING,
  KRING_DROP_SUMMARY_FAILED, /* the request failed: Retry */
  KRING_DROP_SUMMARY_DONE,   /* every address has its outcome */
} KringDropSummaryState;

#define KRING_TYPE_DROP_SUMMARY (kring_drop_summary_get_type ())
G_DECLARE_FINAL_TYPE (KringDropSummary, kring_drop_summary, KRING, DROP_SUMMARY, AdwWindow)

/* Signals: "participants-changed" () when someone was added to the
 * dossier (by the batch or by *Make teammate*). */

/* Starts sending at once; present it with gtk_window_present().  Like
 * every window, it belongs to GTK: gtk_window_destroy() ends it. */
KringDropSummary *kring_drop_summary_new (KringClient *client, gint64 dossier_id,
                                          KringInviteeList *invitees);

KringDropSummaryState kring_drop_summary_get_state (KringDropSummary *self);
KringInviteeList *kring_drop_summary_get_invitees (KringDropSummary *self);
/* Sends the batch again after a failed request (what *Retry* does). */
void kring_drop_summary_retry (KringDropSummary *self);

G_END_DECLS
