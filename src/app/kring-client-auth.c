/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringClient: the public endpoints (health, plans, quotes), signing up,
 * in and out, password resets, and the signed-in user (/me). */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-client-private.h"

/* Whoever signs in through this client continues with that session. */
static void
adopt_session (KringClient *self, const char *sent_token, gpointer result)
{
  KringSession *session = result;

  kring_client_set_token (self, session->token);
}

/* Only forget the token that was revoked: the user may have signed in
 * again while the request was under way. */
static void
forget_session (KringClient *self, const char *sent_token, gpointer result)
{
  if (g_strcmp0 (kring_client_get_token (self), sent_token) == 0)
    kring_client_set_token (self, NULL);
}

static const KringResultType health_result = {
  .parse = (KringParseFunc)kring_health_new_from_json,
  .free_result = (GDestroyNotify)kring_health_unref,
};

static gpointer
parse_price_table (const char *data, gsize length, GError **error)
{
  g_autoptr (GError) table_error = NULL;
  KringPriceTable *table = kring_price_table_new_from_data (data, (gssize)length, &table_error);

  if (table == NULL)
    g_set_error (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_INVALID_RESPONSE,
                 "The server answered with an invalid price table: %s", table_error->message);
  return table;
}

static const KringResultType plans_result = {
  .parse_text = parse_price_table,
  .free_result = (GDestroyNotify)kring_price_table_unref,
};

static const KringResultType session_result = {
  .parse = (KringParseFunc)kring_session_new_from_json,
  .free_result = (GDestroyNotify)kring_session_unref,
  .apply = adopt_session,
};

static const KringResultType sign_out_result = { .apply = forget_session };

static const KringResultType me_result = {
  .parse = (KringParseFunc)kring_me_new_from_json,
  .free_result = (GDestroyNotify)kring_me_unref,
};

static const KringResultType user_result = {
  .parse = (KringParseFunc)kring_user_info_new_from_json,
  .free_result = (GDestroyNotify)kring_user_info_unref,
};

void
kring_client_get_health_async (KringClient *self, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_get_health_async, "GET", "/healthz", NULL,
                      KRING_CALL_PUBLIC, &health_result, cancellable, callback, user_data);
}

KringHealth *
kring_client_get_health_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_get_health_async, error);
}

void
kring_client_get_plans_async (KringClient *self, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_get_plans_async, "GET", "/api/v1/plans", NULL,
                      KRING_CALL_PUBLIC, &plans_result, cancellable, callback, user_data);
}

KringPriceTable *
kring_client_get_plans_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_get_plans_async, error);
}

void
kring_client_create_quote_async (KringClient *self, const char *plan, gint64 users,
                                 const char *billing, const char *const *discounts,
                                 gint64 partner_users, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  KringBody body;
  KringJsonWriter *w;

  g_return_if_fail (KRING_IS_CLIENT (self));
  g_return_if_fail (plan != NULL);

  w = _kring_body_begin (&body);
  kring_json_member_string (w, "plan", plan);
  kring_json_member_int (w, "users", users);
  _kring_body_optional_string (&body, "billing", billing);
  if (discounts != NULL)
    {
      kring_json_key (w, "discounts");
      kring_json_begin_array (w);
      for (guint i = 0; discounts[i] != NULL; i++)
        kring_json_string (w, discounts[i]);
      kring_json_end_array (w);
    }
  if (partner_users > 0)
    kring_json_member_int (w, "partner_users", partner_users);
  _kring_client_call (self, kring_client_create_quote_async, "POST", "/api/v1/quotes",
                      _kring_body_end (&body), KRING_CALL_PUBLIC, &_kring_result_quote, cancellable,
                      callback, user_data);
}

KringQuoteInfo *
kring_client_create_quote_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_create_quote_async, error);
}

void
kring_client_sign_up_async (KringClient *self, const char *organisation, const char *name,
                            const char *email, const char *password, const char *plan,
                            GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  KringBody body;
  KringJsonWriter *w;

  g_return_if_fail (KRING_IS_CLIENT (self));

  w = _kring_body_begin (&body);
  kring_json_member_string (w, "organisation", organisation);
  kring_json_member_string (w, "name", name);
  kring_json_member_string (w, "email", email);
  kring_json_member_string (w, "password", password);
  kring_json_member_string (w, "plan", plan);
  _kring_client_call (self, kring_client_sign_up_async, "POST", "/api/v1/signup",
                      _kring_body_end (&body), KRING_CALL_PUBLIC, &_kring_result_none, cancellable,
                      callback, user_data);
}

gboolean
kring_client_sign_up_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_boolean (self, result, kring_client_sign_up_async, error);
}

void
kring_client_verify_sign_up_async (KringClient *self, const char *code, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  KringBody body;

  g_return_if_fail (KRING_IS_CLIENT (self));

  kring_json_member_string (_kring_body_begin (&body), "code", code);
  _kring_client_call (self, kring_client_verify_sign_up_async, "POST", "/api/v1/signup/verify",
                      _kring_body_end (&body), KRING_CALL_PUBLIC, &session_result, cancellable,
                      callback, user_data);
}

KringSession *
kring_client_verify_sign_up_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_verify_sign_up_async, error);
}

void
kring_client_sign_in_async (KringClient *self, const char *email, const char *password,
                            GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  KringBody body;
  KringJsonWriter *w;

  g_return_if_fail (KRING_IS_CLIENT (self));

  w = _kring_body_begin (&body);
  kring_json_member_string (w, "email", email);
  kring_json_member_string (w, "password", password);
  _kring_client_call (self, kring_client_sign_in_async, "POST", "/api/v1/sessions",
                      _kring_body_end (&body), KRING_CALL_PUBLIC, &session_result, cancellable,
                      callback, user_data);
}

KringSession *
kring_client_sign_in_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_sign_in_async, error);
}

void
kring_client_accept_invitation_async (KringClient *self, const char *code, const char *name,
                                      const char *password, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *segment = NULL;
  g_autofree char *path = NULL;
  KringBody body;

  g_return_if_fail (KRING_IS_CLIENT (self));

  segment = _kring_escape_segment (code);
  path = g_strdup_printf ("/api/v1/invitations/%s/accept", segment);
  _kring_body_begin (&body);
  _kring_body_optional_string (&body, "name", name);
  kring_json_member_string (&body.writer, "password", password);
  _kring_client_call (self, kring_client_accept_invitation_async, "POST", path,
                      _kring_body_end (&body), KRING_CALL_PUBLIC, &session_result, cancellable,
                      callback, user_data);
}

KringSession *
kring_client_accept_invitation_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_accept_invitation_async, error);
}

void
kring_client_request_password_reset_async (KringClient *self, const char *email,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  KringBody body;

  g_return_if_fail (KRING_IS_CLIENT (self));

  kring_json_member_string (_kring_body_begin (&body), "email", email);
  _kring_client_call (self, kring_client_request_password_reset_async, "POST",
                      "/api/v1/password-resets", _kring_body_end (&body), KRING_CALL_PUBLIC,
                      &_kring_result_none, cancellable, callback, user_data);
}

gboolean
kring_client_request_password_reset_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_boolean (self, result, kring_client_request_password_reset_async,
                                       error);
}

void
kring_client_reset_password_async (KringClient *self, const char *code, const char *password,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autofree char *segment = NULL;
  g_autofree char *path = NULL;
  KringBody body;

  g_return_if_fail (KRING_IS_CLIENT (self));

  segment = _kring_escape_segment (code);
  path = g_strdup_printf ("/api/v1/password-resets/%s", segment);
  kring_json_member_string (_kring_body_begin (&body), "password", password);
  _kring_client_call (self, kring_client_reset_password_async, "POST", path,
                      _kring_body_end (&body), KRING_CALL_PUBLIC, &_kring_result_none, cancellable,
                      callback, user_data);
}

gboolean
kring_client_reset_password_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_boolean (self, result, kring_client_reset_password_async, error);
}

void
kring_client_sign_out_async (KringClient *self, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_sign_out_async, "DELETE", "/api/v1/sessions/current", NULL,
                      KRING_CALL_AUTHENTICATED, &sign_out_result, cancellable, callback, user_data);
}

gboolean
kring_client_sign_out_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_boolean (self, result, kring_client_sign_out_async, error);
}

void
kring_client_get_me_async (KringClient *self, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_get_me_async, "GET", "/api/v1/me", NULL,
                      KRING_CALL_AUTHENTICATED, &me_result, cancellable, callback, user_data);
}

KringMe *
kring_client_get_me_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_get_me_async, error);
}

void
kring_client_update_me_async (KringClient *self, const char *name, const char *password,
                              const char *current_password, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  KringBody body;

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_body_begin (&body);
  _kring_body_optional_string (&body, "name", name);
  _kring_body_optional_string (&body, "password", password);
  _kring_body_optional_string (&body, "current_password", current_password);
  _kring_client_call (self, kring_client_update_me_async, "PATCH", "/api/v1/me",
                      _kring_body_end (&body), KRING_CALL_AUTHENTICATED, &user_result, cancellable,
                      callback, user_data);
}

KringUserInfo *
kring_client_update_me_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_update_me_async, error);
}
