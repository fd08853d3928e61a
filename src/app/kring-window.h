/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: signing in (silently with the keyring's token when it
 * can), then a sidebar of views — Dossiers, Shared with me, Teammates,
 * Plan & price, Audit log — for the account chosen in the account
 * switcher.
 *
 * Views are plain widgets made by a KringViewFactory each time a session
 * starts or another account is chosen, and destroyed when it ends (so a
 * view's dispose cancels its requests).  A view finds its window with
 * kring_window_get_for_widget() and reports failures through
 * kring_window_report_error(). */
#pragma once

#include <adwaita.h>

#include "kring-application.h"
#include "kring-client.h"

G_BEGIN_DECLS

#define KRING_TYPE_WINDOW (kring_window_get_type ())
G_DECLARE_FINAL_TYPE (KringWindow, kring_window, KRING, WINDOW, AdwApplicationWindow)

/* Makes the widget of a view for the current session and account. */
typedef GtkWidget *(*KringViewFactory) (KringWindow *window);

typedef enum
{
  KRING_VIEW_ANYONE = 0,
  KRING_VIEW_TEAMMATES = 1 << 0, /* only with an account the user is a teammate of */
  KRING_VIEW_ADMINS = 1 << 1,    /* only for an owner or admin of that account */
} KringViewFlags;

/* Starts signing in: silently with a stored token when there is one. */
KringWindow *kring_window_new (KringApplication *application);

/* Opens a kring://invitation/, kring://verify/ or kring://reset/ link:
 * the matching sign-in form with the code filled in. */
void kring_window_open_link (KringWindow *self, const char *uri);

/* Adds a sidebar entry, or replaces the entry @name (with its title, icon,
 * flags and factory).  A NULL @factory shows a placeholder page.  The
 * entries: "dossiers", "shared", "teammates", "plan", "audit". */
void kring_window_add_view (KringWindow *self, const char *name, const char *title,
                            const char *icon_name, KringViewFlags flags, KringViewFactory factory);
/* Shows the view @name, when the sidebar has it. */
void kring_window_show_view (KringWindow *self, const char *name);
/* The widget of the view @name in this session, or NULL. */
GtkWidget *kring_window_get_view (KringWindow *self, const char *name);
/* The name of the view shown ("dossier" while a dossier is open), or NULL
 * while signed out. */
const char *kring_window_get_visible_view (KringWindow *self);

/* Opens a dossier (a KringDossierPage) over the views, with a back button
 * to the view it came from; activating a row of the Dossiers and Shared
 * with me lists does this. */
void kring_window_open_dossier (KringWindow *self, gint64 dossier_id);
/* The open KringDossierPage, or NULL. */
GtkWidget *kring_window_get_dossier_page (KringWindow *self);

/* The window of @widget, or NULL when it is not in one (yet). */
KringWindow *kring_window_get_for_widget (GtkWidget *widget);

/* The signed-in session: the client (carrying the token), what GET /me
 * said, and the account chosen in the account switcher.  NULL / 0 while
 * signed out; the account is NULL / 0 for someone who is nobody's
 * teammate (a guest). */
KringClient *kring_window_get_client (KringWindow *self);
KringMe *kring_window_get_me (KringWindow *self);
const KringMembership *kring_window_get_membership (KringWindow *self);
gint64 kring_window_get_account_id (KringWindow *self);
/* Whether the user is owner or admin of the current account. */
gboolean kring_window_get_is_admin (KringWindow *self);

/* A transient message at the bottom of the window. */
void kring_window_show_toast (KringWindow *self, AdwToast *toast);

typedef void (*KringRetryFunc) (gpointer object);

/* Reports a failed request the one way: a cancellation is ignored; a 401
 * (the session ended) brings back the sign-in page with the email filled
 * in; anything else is a toast with the translated sentence of
 * kring_error_message() and, when @retry is given and trying again may
 * help, a *Retry* button calling @retry (@retry_object) — never after
 * @retry_object is finalized. */
void kring_window_report_error (KringWindow *self, const GError *error, gpointer retry_object,
                                KringRetryFunc retry);

/* Revokes the session at the server, deletes it from the keyring and
 * shows the sign-in page (the action win.sign-out). */
void kring_window_sign_out (KringWindow *self);

G_END_DECLS
