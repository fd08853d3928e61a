/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The keyring side of signing in.  Everything is asynchronous: the keyring
 * may have to be unlocked, which asks the user. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-credentials.h"

const SecretSchema *
kring_credentials_get_schema (void)
{
  /* Fixed, also in the development profile: the keyring entries outlive
   * builds, and secret-tool users may search for them by this name. */
  static const SecretSchema schema = {
    "nl.kring.Kring.Session",
    SECRET_SCHEMA_NONE,
    {
        { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { NULL, 0 },
    },
  };

  return &schema;
}

/* Copies: libsecret reads the table only once it has reached the
 * service, after the caller's strings may be gone. */
static GHashTable *
new_attributes (const char *server, const char *email)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, "server", g_strdup (server));
  if (email != NULL)
    g_hash_table_insert (attributes, "email", g_strdup (email));
  return attributes;
}

/* Storing */

static void
store_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
kring_credentials_store_async (const char *server, const char *email, const char *token,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (server != NULL && email != NULL && token != NULL);

  g_task_set_source_tag (task, kring_credentials_store_async);
  attributes = new_attributes (server, email);
  /* Translators: the label of the keyring entry; %s: an email address,
   * then the server's address. */
  label = g_strdup_printf (_ ("Kring session of %s at %s"), email, server);
  secret_password_storev (kring_credentials_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, token, cancellable, store_cb, g_steal_pointer (&task));
}

gboolean
kring_credentials_store_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kring_credentials_store_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Looking up */

typedef struct
{
  char *token;
  char *email;
} Found;

static void
found_free (Found *found)
{
  g_free (found->token);
  g_free (found->email);
  g_free (found);
}

static void
retrieve_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SecretRetrievable *item = SECRET_RETRIEVABLE (source);
  g_autoptr (SecretValue) value = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  GError *error = NULL;
  Found *found;

  value = secret_retrievable_retrieve_secret_finish (item, result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (value == NULL || secret_value_get_text (value) == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  attributes = secret_retrievable_get_attributes (item);
  found = g_new0 (Found, 1);
  found->token = g_strdup (secret_value_get_text (value));
  found->email = g_strdup (g_hash_table_lookup (attributes, "email"));
  g_task_return_pointer (task, found, (GDestroyNotify)found_free);
}

static void
search_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GList *items;
  SecretRetrievable *newest = NULL;
  GError *error = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (GList *l = items; l != NULL; l = l->next)
    if (newest == NULL
        || secret_retrievable_get_modified (l->data) > secret_retrievable_get_modified (newest))
      newest = l->data;
  if (newest == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      secret_retrievable_retrieve_secret (newest, cancellable, retrieve_cb,
                                          g_steal_pointer (&task));
    }
  g_list_free_full (items, g_object_unref);
}

void
kring_credentials_lookup_async (const char *server, const char *email, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GHashTable) attributes = NULL;

  g_return_if_fail (server != NULL);

  g_task_set_source_tag (task, kring_credentials_lookup_async);
  attributes = new_attributes (server, email);
  secret_password_searchv (kring_credentials_get_schema (), attributes,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, cancellable, search_cb,
                           g_steal_pointer (&task));
}

char *
kring_credentials_lookup_finish (GAsyncResult *result, char **out_email, GError **error)
{
  Found *found;
  char *token;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kring_credentials_lookup_async,
                        NULL);

  if (out_email != NULL)
    *out_email = NULL;
  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return NULL;
  token = g_steal_pointer (&found->token);
  if (out_email != NULL)
    *out_email = g_steal_pointer (&found->email);
  found_free (found);
  return token;
}

/* Deleting */

static void
clear_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
kring_credentials_delete_async (const char *server, const char *email, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GHashTable) attributes = NULL;

  g_return_if_fail (server != NULL && email != NULL);

  g_task_set_source_tag (task, kring_credentials_delete_async);
  attributes = new_attributes (server, email);
  secret_password_clearv (kring_credentials_get_schema (), attributes, cancellable, clear_cb,
                          g_steal_pointer (&task));
}

gboolean
kring_credentials_delete_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kring_credentials_delete_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
