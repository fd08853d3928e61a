/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringClient: accounts, their billing, teammates and audit log. */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-client-private.h"

static const KringResultType account_result = {
  .parse = (KringParseFunc)kring_account_info_new_from_json,
  .free_result = (GDestroyNotify)kring_account_info_unref,
};

static const KringResultType teammate_added_result = {
  .parse = (KringParseFunc)kring_teammate_added_new_from_json,
  .free_result = (GDestroyNotify)kring_teammate_added_unref,
};

static const KringResultType teammate_result = {
  .parse = (KringParseFunc)kring_teammate_item_new_from_json,
  .free_result = g_object_unref,
};

static char *
account_path (gint64 account_id, const char *rest)
{
  return g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "%s", account_id, rest);
}

static char *
teammate_path (gint64 account_id, gint64 teammate_id, const char *rest)
{
  return g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/teammates/%" G_GINT64_FORMAT "%s",
                          account_id, teammate_id, rest);
}

void
kring_client_create_account_async (KringClient *self, const char *organisation, const char *plan,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  KringBody body;
  KringJsonWriter *w;

  g_return_if_fail (KRING_IS_CLIENT (self));

  w = _kring_body_begin (&body);
  kring_json_member_string (w, "organisation", organisation);
  kring_json_member_string (w, "plan", plan);
  _kring_client_call (self, kring_client_create_account_async, "POST", "/api/v1/accounts",
                      _kring_body_end (&body), KRING_CALL_AUTHENTICATED, &account_result,
                      cancellable, callback, user_data);
}

KringAccountInfo *
kring_client_create_account_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_create_account_async, error);
}

void
kring_client_get_account_async (KringClient *self, gint64 account_id, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = account_path (account_id, "");

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_get_account_async, "GET", path, NULL,
                      KRING_CALL_AUTHENTICATED, &account_result, cancellable, callback, user_data);
}

KringAccountInfo *
kring_client_get_account_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_get_account_async, error);
}

void
kring_client_update_account_async (KringClient *self, gint64 account_id, const char *name,
                                   const char *plan, const char *billing, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = account_path (account_id, "");
  KringBody body;

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_body_begin (&body);
  _kring_body_optional_string (&body, "name", name);
  _kring_body_optional_string (&body, "plan", plan);
  _kring_body_optional_string (&body, "billing", billing);
  _kring_client_call (self, kring_client_update_account_async, "PATCH", path,
                      _kring_body_end (&body), KRING_CALL_AUTHENTICATED, &account_result,
                      cancellable, callback, user_data);
}

KringAccountInfo *
kring_client_update_account_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_update_account_async, error);
}

void
kring_client_get_billing_async (KringClient *self, gint64 account_id, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = account_path (account_id, "/billing");

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_get_billing_async, "GET", path, NULL,
                      KRING_CALL_AUTHENTICATED, &_kring_result_quote, cancellable, callback,
                      user_data);
}

KringQuoteInfo *
kring_client_get_billing_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_get_billing_async, error);
}

void
kring_client_list_teammates_async (KringClient *self, gint64 account_id, const char *cursor,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (KringListQuery) query = kring_list_query_new_teammates (account_id);

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_list (self, query, cursor, 0, kring_client_list_teammates_async, cancellable,
                      callback, user_data);
}

KringPage *
kring_client_list_teammates_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_list_teammates_async, error);
}

void
kring_client_add_teammate_async (KringClient *self, gint64 account_id, const char *email,
                                 const char *name, const char *role, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = account_path (account_id, "/teammates");
  KringBody body;

  g_return_if_fail (KRING_IS_CLIENT (self));

  kring_json_member_string (_kring_body_begin (&body), "email", email);
  _kring_body_optional_string (&body, "name", name);
  kring_json_member_string (&body.writer, "role", role);
  _kring_client_call (self, kring_client_add_teammate_async, "POST", path, _kring_body_end (&body),
                      KRING_CALL_AUTHENTICATED, &teammate_added_result, cancellable, callback,
                      user_data);
}

KringTeammateAdded *
kring_client_add_teammate_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_add_teammate_async, error);
}

void
kring_client_update_teammate_async (KringClient *self, gint64 account_id, gint64 teammate_id,
                                    const char *role, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = teammate_path (account_id, teammate_id, "");
  KringBody body;

  g_return_if_fail (KRING_IS_CLIENT (self));

  kring_json_member_string (_kring_body_begin (&body), "role", role);
  _kring_client_call (self, kring_client_update_teammate_async, "PATCH", path,
                      _kring_body_end (&body), KRING_CALL_AUTHENTICATED, &teammate_result,
                      cancellable, callback, user_data);
}

KringTeammateItem *
kring_client_update_teammate_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_update_teammate_async, error);
}

void
kring_client_remove_teammate_async (KringClient *self, gint64 account_id, gint64 teammate_id,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autofree char *path = teammate_path (account_id, teammate_id, "");

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_remove_teammate_async, "DELETE", path, NULL,
                      KRING_CALL_AUTHENTICATED, &_kring_result_none, cancellable, callback,
                      user_data);
}

gboolean
kring_client_remove_teammate_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_boolean (self, result, kring_client_remove_teammate_async, error);
}

void
kring_client_resend_teammate_invitation_async (KringClient *self, gint64 account_id,
                                               gint64 teammate_id, GCancellable *cancellable,
                                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = teammate_path (account_id, teammate_id, "/resend");

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_resend_teammate_invitation_async, "POST", path, NULL,
                      KRING_CALL_AUTHENTICATED, &_kring_result_none, cancellable, callback,
                      user_data);
}

gboolean
kring_client_resend_teammate_invitation_finish (KringClient *self, GAsyncResult *result,
                                                GError **error)
{
  return _kring_client_finish_boolean (self, result, kring_client_resend_teammate_invitation_async,
                                       error);
}

void
kring_client_list_audit_async (KringClient *self, gint64 account_id, gint64 dossier_id,
                               const char *action, const char *cursor, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (KringListQuery) query = kring_list_query_new_audit (account_id, dossier_id, action);

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_list (self, query, cursor, 0, kring_client_list_audit_async, cancellable, callback,
                      user_data);
}

KringPage *
kring_client_list_audit_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_list_audit_async, error);
}
