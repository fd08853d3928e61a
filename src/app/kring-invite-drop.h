/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drag-and-drop inviting (UI.md): the people a drop or a paste names, and
 * the drop target that invites them into a dossier.
 *
 * A KringInviteDrop makes a widget (the participants view, a dossier row
 * of the list) a drop target for
 *   - text: addresses in any format core's recipient parser reads;
 *   - files: vCard files (read asynchronously);
 *   - rows dragged inside the app: a KringInviteeList, which the teammate
 *     and participant rows offer through kring_invitee_list_create_content().
 * While a drag hovers, the widget has the .drop-highlight style class.  A
 * drop sends one batch request and shows a KringDropSummary. */
#pragma once

#include <gtk/gtk.h>

#include "kring-client.h"
#include "kring-recipients.h"

G_BEGIN_DECLS

/* People to invite, in order, unique by address: KringRecipients (valid
 * ones by normal form, invalid ones, "not an email address", by raw text).
 * Reference counted; the GType rows dragged inside the app carry. */
typedef struct _KringInviteeList KringInviteeList;

#define KRING_TYPE_INVITEE_LIST (kring_invitee_list_get_type ())
GType kring_invitee_list_get_type (void) G_GNUC_CONST;

KringInviteeList *kring_invitee_list_new (void);
/* Text or vCard data as pasted or dropped (kring_recipients_from_data). */
KringInviteeList *kring_invitee_list_new_from_data (const char *data, gsize length);
KringInviteeList *kring_invitee_list_new_for_participant (KringParticipantItem *participant);
KringInviteeList *kring_invitee_list_new_for_teammate (KringTeammateItem *teammate);
KringInviteeList *kring_invitee_list_ref (KringInviteeList *self);
void kring_invitee_list_unref (KringInviteeList *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringInviteeList, kring_invitee_list_unref)

/* Adds one person: @email is normalised (an invalid one is kept as "not an
 * email address"); @name may be NULL.  Nothing is added twice: a
 * duplicate only fills in a missing name. */
void kring_invitee_list_add (KringInviteeList *self, const char *name, const char *email);
/* Adds what core's recipient parser returned, the same way. */
void kring_invitee_list_add_recipients (KringInviteeList *self, GPtrArray *recipients);

guint kring_invitee_list_get_n_items (KringInviteeList *self);
const KringRecipient *kring_invitee_list_get_item (KringInviteeList *self, guint position);
guint kring_invitee_list_get_n_valid (KringInviteeList *self);

/* The people as text a mail client reads ("Jan <jan@…>, …"); valid
 * addresses only. */
char *kring_invitee_list_to_text (KringInviteeList *self);
/* What a drag source offers for rows: the list itself (for drops inside
 * the app) and the same people as text (for everything else). */
GdkContentProvider *kring_invitee_list_create_content (KringInviteeList *self);

#define KRING_TYPE_INVITE_DROP (kring_invite_drop_get_type ())
G_DECLARE_FINAL_TYPE (KringInviteDrop, kring_invite_drop, KRING, INVITE_DROP, GObject)

/* Makes @widget a drop target inviting into @dossier_id (0: refuse drops
 * until kring_invite_drop_set_dossier_id()).  The widget owns the result;
 * kring_invite_drop_get_for_widget() finds it again, e.g. to rebind a
 * recycled list row. */
KringInviteDrop *kring_invite_drop_attach (GtkWidget *widget, KringClient *client,
                                           gint64 dossier_id);
KringInviteDrop *kring_invite_drop_get_for_widget (GtkWidget *widget);

gint64 kring_invite_drop_get_dossier_id (KringInviteDrop *self);
void kring_invite_drop_set_dossier_id (KringInviteDrop *self, gint64 dossier_id);
/* The GtkDropTarget on the widget (tests emit "drop" on it). */
GtkDropTarget *kring_invite_drop_get_drop_target (KringInviteDrop *self);

/* What a drop does once it has the people, and what the keyboard
 * equivalents (Add by email, Invite to dossier…) call: sends the batch and
 * presents the summary, transient for the widget's window.  Returns the
 * summary (owned by GTK, like every toplevel). */
GtkWindow *kring_invite_drop_invite (KringInviteDrop *self, KringInviteeList *invitees);

/* Invites into any dossier without a drop target: the summary window,
 * transient for @parent (may be NULL).  "participants-changed" tells when
 * someone was added. */
GtkWindow *kring_invite_people (GtkWindow *parent, KringClient *client, gint64 dossier_id,
                                KringInviteeList *invitees);

/* "Invite to dossier…": lets the user pick a dossier (other than
 * @current_dossier_id, 0 for none) and invites @invitees there. */
void kring_invite_choose_dossier (GtkWindow *parent, KringClient *client, gint64 current_dossier_id,
                                  KringInviteeList *invitees);

G_END_DECLS
