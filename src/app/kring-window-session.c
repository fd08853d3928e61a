/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's session: silent sign-in with the keyring's token at start,
 * taking over a session from the sign-in page, the account switcher, and
 * ending a session (signing out, or a 401 from the server).
 *
 * The keyring steps run one after the other with the rest (store, then
 * GET /me; delete, then the sign-in page), so a token deleted late can
 * never remove one stored after it. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-credentials.h"
#include "kring-error-messages.h"
#include "kring-window-private.h"

static KringApplication *
application_of (KringWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return KRING_IS_APPLICATION (app) ? KRING_APPLICATION (app) : NULL;
}

static const char *
server_of (KringWindow *self)
{
  if (self->client != NULL)
    return kring_client_get_base_url (self->client);
  if (application_of (self) != NULL)
    return kring_application_get_server_url (application_of (self));
  return NULL;
}

/* The email to fill in: the session's, else the one last used. */
static char *
email_to_fill_in (KringWindow *self)
{
  if (self->email != NULL)
    return g_strdup (self->email);
  return g_settings_get_string (self->settings, "last-email");
}

void
_kring_window_cancel_session_requests (KringWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* Forgets the session on this side (not at the server, not in the
 * keyring): the views go, with their requests. */
static void
leave_session (KringWindow *self)
{
  _kring_window_clear_views (self);
  g_clear_pointer (&self->me, kring_me_unref);
  g_clear_pointer (&self->visible_view, g_free);
  self->account_id = 0;
}

/* The account switcher */

static const char *
role_name (const char *role)
{
  if (g_strcmp0 (role, "owner") == 0)
    return _ ("Owner");
  if (g_strcmp0 (role, "admin") == 0)
    return _ ("Administrator");
  return _ ("Member");
}

static void
update_account_labels (KringWindow *self)
{
  const KringMembership *membership = kring_window_get_membership (self);
  const KringUserInfo *user = self->me->user;
  const char *who = user->name != NULL ? user->name : user->email;
  g_autofree char *line = NULL;

  if (membership != NULL)
    {
      gtk_label_set_text (self->account_label, membership->account->name);
      /* Translators: the user's name and their role in the organisation. */
      line = g_strdup_printf (_ ("%s · %s"), who, role_name (membership->role));
    }
  else
    {
      gtk_label_set_text (self->account_label, who);
      line = g_strdup (user->email != NULL ? user->email : "");
    }
  gtk_label_set_text (self->user_label, line);
}

static void
update_account_switcher (KringWindow *self)
{
  GPtrArray *memberships = self->me->memberships;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; i < memberships->len; i++)
    {
      const KringMembership *membership = g_ptr_array_index (memberships, i);

      gtk_string_list_append (names, membership->account->name);
      if (membership->account->id == self->account_id)
        selected = i;
    }
  self->updating_accounts = TRUE;
  gtk_drop_down_set_model (self->account_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->account_dropdown, selected);
  self->updating_accounts = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->account_dropdown), memberships->len > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->account_label), memberships->len <= 1);
  update_account_labels (self);
}

/* The account chosen last time, when the user still is its teammate, else
 * the first. */
static gint64
choose_account (KringWindow *self)
{
  gint64 saved = g_settings_get_int64 (self->settings, "account-id");
  GPtrArray *memberships = self->me->memberships;

  for (guint i = 0; i < memberships->len; i++)
    {
      const KringMembership *membership = g_ptr_array_index (memberships, i);

      if (membership->account->id == saved)
        return saved;
    }
  if (memberships->len == 0)
    return 0;
  return ((const KringMembership *)g_ptr_array_index (memberships, 0))->account->id;
}

void
_kring_window_account_selected (KringWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->account_dropdown);
  const KringMembership *membership;

  if (self->updating_accounts || self->me == NULL || selected >= self->me->memberships->len)
    return;
  membership = g_ptr_array_index (self->me->memberships, selected);
  if (membership->account->id == self->account_id)
    return;
  self->account_id = membership->account->id;
  g_settings_set_int64 (self->settings, "account-id", self->account_id);
  update_account_labels (self);
  _kring_window_build_views (self);
}

/* Starting a session */

static void
enter_session (KringWindow *self, KringMe *me)
{
  g_clear_pointer (&self->me, kring_me_unref);
  self->me = kring_me_ref (me);
  if (self->email == NULL && me->user->email != NULL)
    self->email = g_strdup (me->user->email);
  self->account_id = choose_account (self);
  update_account_switcher (self);
  _kring_window_build_views (self);
  kring_sign_in_page_set_can_cancel (self->sign_in_page, FALSE);
  _kring_window_show_page (self, "main");
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
}

static void forget_and_sign_in (KringWindow *self, const char *message);

static void
me_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringMe) me = NULL;

  me = kring_client_get_me_finish (KRING_CLIENT (source), result, &error);
  if (kring_error_is_cancelled (error))
    return;
  if (me != NULL)
    enter_session (self, me);
  else if (g_error_matches (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_UNAUTHENTICATED))
    forget_and_sign_in (self, kring_error_message_for_code (KRING_CLIENT_ERROR_UNAUTHENTICATED));
  else if (kring_error_is_transient (error))
    _kring_window_show_unreachable (self, error);
  else
    {
      g_autofree char *message = kring_error_message (error);
      g_autofree char *email = email_to_fill_in (self);

      _kring_window_show_sign_in (self, server_of (self), email, message);
    }
}

static void
fetch_me (KringWindow *self)
{
  _kring_window_show_loading (self, _ ("Signing In…"));
  kring_client_get_me_async (self->client, self->cancellable, me_cb, g_object_ref (self));
}

static void
lookup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *token = kring_credentials_lookup_finish (result, &email, &error);
  g_autofree char *last_email = g_settings_get_string (self->settings, "last-email");

  if (kring_error_is_cancelled (error))
    return;
  if (error != NULL)
    {
      g_warning ("Cannot read the keyring: %s", error->message);
      _kring_window_show_sign_in (
          self, server_of (self), last_email,
          _ ("The keyring cannot be read, so Kring cannot sign you in by itself."));
      return;
    }
  if (token == NULL)
    {
      _kring_window_show_sign_in (self, server_of (self), last_email, NULL);
      return;
    }
  g_free (self->email);
  self->email = g_steal_pointer (&email);
  kring_client_set_token (self->client, token);
  fetch_me (self);
}

void
_kring_window_restore_session (KringWindow *self)
{
  KringApplication *app = application_of (self);
  g_autofree char *last_email = g_settings_get_string (self->settings, "last-email");
  g_autoptr (GError) error = NULL;
  const char *server;

  _kring_window_cancel_session_requests (self);
  leave_session (self);
  g_clear_object (&self->client);
  g_clear_pointer (&self->email, g_free);
  if (app == NULL)
    {
      _kring_window_show_sign_in (self, NULL, last_email, NULL);
      return;
    }
  server = kring_application_get_server_url (app);
  /* Filled in at once: a link may show a form before the keyring answers. */
  kring_sign_in_page_set_server (self->sign_in_page, server);
  self->client = kring_client_new (server, &error);
  if (self->client == NULL)
    {
      g_autofree char *message = kring_error_message (error);

      _kring_window_show_sign_in (self, server, last_email, message);
      return;
    }
  _kring_window_show_loading (self, _ ("Signing In…"));
  kring_credentials_lookup_async (kring_client_get_base_url (self->client),
                                  last_email[0] != '\0' ? last_email : NULL, self->cancellable,
                                  lookup_cb, g_object_ref (self));
}

/* Taking over a session from the sign-in page */

static void
store_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!kring_credentials_store_finish (result, &error))
    {
      if (kring_error_is_cancelled (error))
        return;
      g_warning ("Cannot store the session in the keyring: %s", error->message);
      kring_window_show_toast (
          self, adw_toast_new (_ ("The keyring is not available: next time you sign in again.")));
    }
  fetch_me (self);
}

/* The session open before another sign-in ends at the server too: one
 * person signed in at a time. */
static void
end_previous_session (KringWindow *self, KringSession *session)
{
  const char *token = self->client != NULL ? kring_client_get_token (self->client) : NULL;

  if (token == NULL || g_strcmp0 (token, session->token) == 0)
    return;
  kring_client_sign_out_async (self->client, NULL, NULL, NULL);
  if (self->email != NULL && g_strcmp0 (self->email, session->user->email) != 0)
    kring_credentials_delete_async (kring_client_get_base_url (self->client), self->email, NULL,
                                    NULL, NULL);
}

void
_kring_window_signed_in (KringWindow *self, KringClient *client, KringSession *session)
{
  const char *server = kring_client_get_base_url (client);
  const char *email = session->user->email;
  KringApplication *app = application_of (self);

  g_return_if_fail (email != NULL);

  _kring_window_cancel_session_requests (self);
  end_previous_session (self, session);
  leave_session (self);
  g_set_object (&self->client, client);
  g_free (self->email);
  self->email = g_strdup (email);

  g_settings_set_string (self->settings, "server-url", server);
  g_settings_set_string (self->settings, "last-email", email);
  if (app != NULL)
    kring_application_set_server_url (app, server);

  _kring_window_show_loading (self, _ ("Signing In…"));
  kring_credentials_store_async (server, email, session->token, self->cancellable, store_cb,
                                 g_object_ref (self));
}

/* The unreachable page */

void
_kring_window_retry_clicked (KringWindow *self)
{
  if (self->client != NULL && kring_client_get_token (self->client) != NULL)
    {
      _kring_window_cancel_session_requests (self);
      fetch_me (self);
    }
  else
    _kring_window_restore_session (self);
}

void
_kring_window_change_server_clicked (KringWindow *self)
{
  g_autofree char *email = email_to_fill_in (self);

  _kring_window_cancel_session_requests (self);
  _kring_window_show_sign_in (self, server_of (self), email, NULL);
  kring_sign_in_page_focus_server (self->sign_in_page);
}

/* Ending a session */

typedef struct
{
  KringWindow *self;
  char *message;
} Forget;

static void
forget_free (Forget *forget)
{
  g_object_unref (forget->self);
  g_free (forget->message);
  g_free (forget);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Forget, forget_free)

static void
forgotten_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Forget) forget = user_data;
  KringWindow *self = forget->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;

  if (!kring_credentials_delete_finish (result, &error))
    {
      if (kring_error_is_cancelled (error))
        return;
      g_warning ("Cannot delete the session from the keyring: %s", error->message);
    }
  email = email_to_fill_in (self);
  _kring_window_show_sign_in (self, server_of (self), email, forget->message);
}

/* Deletes the session's token from the keyring, then shows the sign-in
 * page with the email filled in and @message (or none). */
static void
forget_and_sign_in (KringWindow *self, const char *message)
{
  Forget *forget;

  leave_session (self);
  if (self->client == NULL || self->email == NULL)
    {
      g_autofree char *email = email_to_fill_in (self);

      _kring_window_show_sign_in (self, server_of (self), email, message);
      return;
    }
  kring_client_set_token (self->client, NULL);
  forget = g_new0 (Forget, 1);
  forget->self = g_object_ref (self);
  forget->message = g_strdup (message);
  _kring_window_show_loading (self, _ ("Signing Out…"));
  kring_credentials_delete_async (kring_client_get_base_url (self->client), self->email,
                                  self->cancellable, forgotten_cb, forget);
}

void
_kring_window_session_ended (KringWindow *self)
{
  if (self->me == NULL)
    return;
  _kring_window_cancel_session_requests (self);
  forget_and_sign_in (self, kring_error_message_for_code (KRING_CLIENT_ERROR_UNAUTHENTICATED));
}

static void
sign_out_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (kring_client_sign_out_finish (KRING_CLIENT (source), result, &error)
      || g_error_matches (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_UNAUTHENTICATED))
    forget_and_sign_in (self, NULL);
  else if (!kring_error_is_cancelled (error))
    {
      g_warning ("Cannot end the session at the server: %s", error->message);
      /* The token goes from this computer all the same. */
      forget_and_sign_in (self, _ ("The server could not be reached to end the session there. It "
                                   "expires by itself."));
    }
}

void
kring_window_sign_out (KringWindow *self)
{
  g_return_if_fail (KRING_IS_WINDOW (self));

  if (self->me == NULL)
    return;
  _kring_window_cancel_session_requests (self);
  leave_session (self);
  _kring_window_show_loading (self, _ ("Signing Out…"));
  kring_client_sign_out_async (self->client, self->cancellable, sign_out_cb, g_object_ref (self));
}
