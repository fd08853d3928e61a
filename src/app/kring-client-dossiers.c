/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringClient: dossiers and their journal entries. */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-client-private.h"

static const KringResultType dossier_result = {
  .parse = (KringParseFunc)kring_dossier_item_new_from_json,
  .free_result = g_object_unref,
};

static const KringResultType entry_result = {
  .parse = (KringParseFunc)kring_entry_item_new_from_json,
  .free_result = g_object_unref,
};

static char *
dossier_path (gint64 dossier_id, const char *rest)
{
  return g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "%s", dossier_id, rest);
}

void
kring_client_list_dossiers_async (KringClient *self, gint64 account_id, const char *search,
                                  gboolean archived, const char *cursor, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (KringListQuery) query = kring_list_query_new_dossiers (account_id, search, archived);

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_list (self, query, cursor, 0, kring_client_list_dossiers_async, cancellable,
                      callback, user_data);
}

KringPage *
kring_client_list_dossiers_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_list_dossiers_async, error);
}

void
kring_client_create_dossier_async (KringClient *self, gint64 account_id, const char *title,
                                   const char *client_name, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = NULL;
  KringBody body;

  g_return_if_fail (KRING_IS_CLIENT (self));

  path = g_strdup_printf ("/api/v1/accounts/%" G_GINT64_FORMAT "/dossiers", account_id);
  kring_json_member_string (_kring_body_begin (&body), "title", title);
  _kring_body_optional_string (&body, "client_name", client_name);
  _kring_client_call (self, kring_client_create_dossier_async, "POST", path,
                      _kring_body_end (&body), KRING_CALL_AUTHENTICATED, &dossier_result,
                      cancellable, callback, user_data);
}

KringDossierItem *
kring_client_create_dossier_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_create_dossier_async, error);
}

void
kring_client_get_dossier_async (KringClient *self, gint64 dossier_id, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = dossier_path (dossier_id, "");

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_get_dossier_async, "GET", path, NULL,
                      KRING_CALL_AUTHENTICATED, &dossier_result, cancellable, callback, user_data);
}

KringDossierItem *
kring_client_get_dossier_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_get_dossier_async, error);
}

void
kring_client_update_dossier_async (KringClient *self, gint64 dossier_id, const char *title,
                                   gboolean set_client_name, const char *client_name,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autofree char *path = dossier_path (dossier_id, "");
  KringBody body;

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_body_begin (&body);
  _kring_body_optional_string (&body, "title", title);
  if (set_client_name)
    kring_json_member_string (&body.writer, "client_name", client_name); /* NULL: null clears */
  _kring_client_call (self, kring_client_update_dossier_async, "PATCH", path,
                      _kring_body_end (&body), KRING_CALL_AUTHENTICATED, &dossier_result,
                      cancellable, callback, user_data);
}

KringDossierItem *
kring_client_update_dossier_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_update_dossier_async, error);
}

void
kring_client_archive_dossier_async (KringClient *self, gint64 dossier_id, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = dossier_path (dossier_id, "");

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_archive_dossier_async, "DELETE", path, NULL,
                      KRING_CALL_AUTHENTICATED, &_kring_result_none, cancellable, callback,
                      user_data);
}

gboolean
kring_client_archive_dossier_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_boolean (self, result, kring_client_archive_dossier_async, error);
}

void
kring_client_restore_dossier_async (KringClient *self, gint64 dossier_id, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = dossier_path (dossier_id, "/restore");

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_call (self, kring_client_restore_dossier_async, "POST", path, NULL,
                      KRING_CALL_AUTHENTICATED, &dossier_result, cancellable, callback, user_data);
}

KringDossierItem *
kring_client_restore_dossier_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_restore_dossier_async, error);
}

void
kring_client_list_entries_async (KringClient *self, gint64 dossier_id, const char *cursor,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (KringListQuery) query = kring_list_query_new_entries (dossier_id);

  g_return_if_fail (KRING_IS_CLIENT (self));

  _kring_client_list (self, query, cursor, 0, kring_client_list_entries_async, cancellable,
                      callback, user_data);
}

KringPage *
kring_client_list_entries_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_list_entries_async, error);
}

void
kring_client_get_entry_async (KringClient *self, gint64 dossier_id, gint64 entry_id,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (KRING_IS_CLIENT (self));

  path = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/entries/%" G_GINT64_FORMAT,
                          dossier_id, entry_id);
  _kring_client_call (self, kring_client_get_entry_async, "GET", path, NULL,
                      KRING_CALL_AUTHENTICATED, &entry_result, cancellable, callback, user_data);
}

KringEntryItem *
kring_client_get_entry_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_get_entry_async, error);
}

void
kring_client_create_entry_async (KringClient *self, gint64 dossier_id, const char *body_text,
                                 const char *visibility, gint64 corrects, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *path = dossier_path (dossier_id, "/entries");
  KringBody body;

  g_return_if_fail (KRING_IS_CLIENT (self));

  kring_json_member_string (_kring_body_begin (&body), "body", body_text);
  _kring_body_optional_string (&body, "visibility", visibility);
  if (corrects > 0)
    kring_json_member_int (&body.writer, "corrects", corrects);
  _kring_client_call (self, kring_client_create_entry_async, "POST", path, _kring_body_end (&body),
                      KRING_CALL_AUTHENTICATED, &entry_result, cancellable, callback, user_data);
}

KringEntryItem *
kring_client_create_entry_finish (KringClient *self, GAsyncResult *result, GError **error)
{
  return _kring_client_finish_pointer (self, result, kring_client_create_entry_async, error);
}
