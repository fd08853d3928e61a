/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the parts of KringParticipantsView (kring-participants-view*.c)
 * share. */
#pragma once

#include "kring-paged-model.h"
#include "kring-participants-view.h"

/* On a cell widget: the GtkListItem it shows. */
#define LIST_ITEM_KEY "kring-list-item"

G_BEGIN_DECLS

struct _KringParticipantsView
{
  AdwBin parent_instance;

  AdwToastOverlay *toasts;
  GtkLabel *count_label;
  GtkButton *add_button;
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkColumnView *column_view;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *guests_column;
  GtkColumnViewColumn *write_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *added_column;
  GtkColumnViewColumn *actions_column;
  GtkButton *empty_add_button;
  AdwStatusPage *error_page;

  KringClient *client;
  gint64 dossier_id;
  KringPagedModel *model;
  KringInviteDrop *invite_drop; /* owned by the view as a widget */
  GCancellable *cancellable;

  gboolean caller_known;
  gboolean can_manage;
  gboolean can_invite;
  gboolean guest_caller;
  /* can_write as changed here, by participant id, over the stale items */
  GHashTable *can_write;
};

/* kring-participants-view.c */
/* The window the view is in, for dialogs; NULL when not in one. */
GtkWindow *_kring_participants_view_parent_window (KringParticipantsView *self);

/* The participant a cell with LIST_ITEM_KEY shows, or NULL. */
KringParticipantItem *_kring_participants_item_of (GtkWidget *cell);

/* kring-participants-view-can-write.c: the column's factory callbacks,
 * named on_setup_can_write and on_bind_can_write in the template. */
void _kring_participants_view_on_setup_can_write (KringParticipantsView *self,
                                                  GtkListItem *list_item);
void _kring_participants_view_on_bind_can_write (KringParticipantsView *self,
                                                 GtkListItem *list_item);

G_END_DECLS
