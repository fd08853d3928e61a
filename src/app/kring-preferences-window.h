/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences (Ctrl+,): the server address, kept in GSettings.  A new
 * address is checked as the sign-in page checks it (plain http:// only
 * for this computer) and used from the next sign-in on. */
#pragma once

#include <adwaita.h>

#include "kring-application.h"

G_BEGIN_DECLS

#define KRING_TYPE_PREFERENCES_WINDOW (kring_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (KringPreferencesWindow, kring_preferences_window, KRING, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

KringPreferencesWindow *kring_preferences_window_new (KringApplication *application);

G_END_DECLS
