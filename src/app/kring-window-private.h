/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the parts of KringWindow (kring-window*.c) share. */
#pragma once

#include "kring-sign-in-page.h"
#include "kring-window.h"

G_BEGIN_DECLS

struct _KringWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toasts;
  GtkStack *pages;
  AdwStatusPage *loading_status;
  GtkSpinner *loading_spinner;
  KringSignInPage *sign_in_page;
  AdwStatusPage *unreachable_status;
  GtkWidget *retry_button;
  AdwLeaflet *leaflet;
  GtkLabel *account_label;
  GtkDropDown *account_dropdown;
  GtkLabel *user_label;
  GtkListBox *sidebar_list;
  AdwWindowTitle *content_title;
  GtkWidget *content_back_button;
  GtkStack *content_stack;
  GtkWidget *dossier_page; /* open over the views, or NULL */

  GSettings *settings;
  GCancellable *cancellable; /* the session's own requests: keyring, GET /me, sign-out */
  KringClient *client;       /* of the session, or of the one being restored */
  KringMe *me;               /* set exactly while signed in */
  char *email;               /* of the session */
  gint64 account_id;         /* chosen in the account switcher, 0 for none */
  GPtrArray *views;          /* of ViewInfo, in sidebar order */
  char *visible_view;
  gboolean started; /* the session flow began */
  gboolean building_views;
  gboolean updating_accounts;
};

/* kring-window.c */
void _kring_window_show_page (KringWindow *self, const char *page);
void _kring_window_show_loading (KringWindow *self, const char *title);
void _kring_window_show_unreachable (KringWindow *self, const GError *error);
/* The sign-in form with @server and @email (NULL: unchanged) and an error
 * @message (or NULL). */
void _kring_window_show_sign_in (KringWindow *self, const char *server, const char *email,
                                 const char *message);
void _kring_window_build_views (KringWindow *self);
void _kring_window_clear_views (KringWindow *self);

/* kring-window-session.c */
void _kring_window_restore_session (KringWindow *self);
void _kring_window_cancel_session_requests (KringWindow *self);
void _kring_window_session_ended (KringWindow *self);
void _kring_window_signed_in (KringWindow *self, KringClient *client, KringSession *session);
void _kring_window_retry_clicked (KringWindow *self);
void _kring_window_change_server_clicked (KringWindow *self);
void _kring_window_account_selected (KringWindow *self);

G_END_DECLS
