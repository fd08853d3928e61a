/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kring-application.h"
#include "kring-client.h"

G_BEGIN_DECLS

#define KRING_TYPE_WINDOW (kring_window_get_type ())
G_DECLARE_FINAL_TYPE (KringWindow, kring_window, KRING, WINDOW, AdwApplicationWindow)

KringWindow *kring_window_new (KringApplication *application);
/* Opens a kring://invitation/, kring://verify/ or kring://reset/ link. */
void kring_window_open_link (KringWindow *self, const char *uri);
/* A transient message at the bottom of the window. */
void kring_window_show_toast (KringWindow *self, AdwToast *toast);

G_END_DECLS
