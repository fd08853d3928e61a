/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the parts of KringTeammatesView (kring-teammates-view*.c) share. */
#pragma once

#include "kring-invite-drop.h"
#include "kring-paged-model.h"
#include "kring-teammates-view.h"

G_BEGIN_DECLS

typedef enum
{
  OP_ADD,
  OP_SET_ROLE,
  OP_REMOVE,
  OP_RESEND,
} OpKind;

/* A change asked of the server; kept after a failure that may pass, for
 * the toast's Retry. */
typedef struct
{
  KringTeammatesView *self;
  OpKind kind;
  gint64 teammate_id;
  char *email;
  char *name;
  char *role;
  char *who; /* how the toasts name the teammate */
} Op;

struct _KringTeammatesView
{
  AdwBin parent_instance;

  KringClient *client;
  gint64 account_id;
  char *role; /* the signed-in user's */
  GCancellable *cancellable;
  KringPagedModel *model;
  KringPriceTable *table;
  KringAccountInfo *account;
  gboolean account_failed;
  Op *failed_op;
  AdwToast *toast; /* the last one shown */
  gboolean toast_is_error;

  /* The Add teammate dialog, while it is open. */
  AdwMessageDialog *add_dialog;
  AdwEntryRow *add_email;
  AdwEntryRow *add_name;
  AdwComboRow *add_role;

  AdwToastOverlay *toasts;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkLabel *seats_label;
  GtkLabel *price_label;
  GtkWidget *add_button;
  GtkColumnView *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *role_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *added_column;
  GtkColumnViewColumn *actions_column;
};

/* The roles an owner may give, in the order offered; an admin the first two. */
static const char *const roles[] = { "member", "admin", "owner" };

/* kring-teammates-view.c */
const char *_kring_teammates_role_label (const char *role);
/* The teammate as toasts and dialogs name them: their name, else email. */
const char *_kring_teammates_who (KringTeammateItem *item);
gboolean _kring_teammates_view_can_manage (KringTeammatesView *self);
gboolean _kring_teammates_view_is_owner (KringTeammatesView *self);
KringInviteeList *_kring_teammates_invitees (KringTeammateItem *item);

/* kring-teammates-view-columns.c */
void _kring_teammates_view_set_text_factories (KringTeammatesView *self);
void _kring_teammates_view_set_actions_factory (KringTeammatesView *self);

/* kring-teammates-view-prices.c */
/* @cents in the UI language. */
char *_kring_teammates_money (gint64 cents);
/* The price table shipped with Kring, or NULL (with a warning) if broken. */
KringPriceTable *_kring_teammates_shipped_table (void);
char *_kring_teammates_plan_full_text (const KringPlan *plan);
/* "€ 79,00 → € 94,00 a month" for one more teammate, or why there is none. */
char *_kring_teammates_view_add_price_text (KringTeammatesView *self, gboolean *can_add);
/* The account header: seats on the plan and, for those who manage the
 * account, the monthly price. */
void _kring_teammates_view_update_header (KringTeammatesView *self);
/* What the monthly price becomes with one teammate fewer, or NULL. */
char *_kring_teammates_view_remove_price_text (KringTeammatesView *self);

G_END_DECLS
