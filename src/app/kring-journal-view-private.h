/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the parts of KringJournalView (kring-journal-view*.c) share. */
#pragma once

#include "kring-journal-view.h"
#include "kring-paged-model.h"

G_BEGIN_DECLS

struct _KringJournalView
{
  AdwBin parent_instance;

  KringClient *client;
  gint64 dossier_id;
  KringDossierItem *dossier;
  KringPagedModel *entries;
  GtkSingleSelection *selection;
  GCancellable *cancellable;
  AdwToast *error_toast;
  gint64 corrects;                 /* 0, or the entry the next one corrects */
  gboolean corrects_professionals; /* …which is for professionals only */
  gint64 pending_show;             /* an entry to show once it has arrived */
  gboolean sending;

  AdwToastOverlay *toasts;
  GtkStack *state_stack;
  GtkListView *list_view;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkWidget *compose_box;
  GtkLabel *compose_label;
  GtkWidget *cancel_correction_button;
  GtkTextView *text_view;
  GtkWidget *visibility_box;
  GtkDropDown *visibility_dropdown;
  GtkWidget *send_spinner;
  GtkLabel *read_only_label;
};

/* kring-journal-view-rows.c: the list view's factory callbacks, named
 * setup_row_cb and bind_row_cb in the template. */
void _kring_journal_view_setup_row_cb (KringJournalView *self, GtkListItem *item);
void _kring_journal_view_bind_row_cb (KringJournalView *self, GtkListItem *item);

G_END_DECLS
