/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the KringClient tests share: one real kringd per test program,
 * running an _async call to completion, fresh organisations, and checks of
 * problem errors.  Each test program is one file, so these are static. */
#pragma once

#include <string.h>
#include <glib/gstdio.h>

#include "kring-client.h"
#include "kring-test-server.h"

static KringTestServer *srv;
static guint email_counter;

G_GNUC_UNUSED static char *
fresh_email (const char *who)
{
  return g_strdup_printf ("%s-%u@example.org", who, ++email_counter);
}

/* Running calls to completion */

G_GNUC_UNUSED static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

/* Runs the main loop until the call whose callback is store_result() with
 * @slot completes. */
G_GNUC_UNUSED static GAsyncResult *
await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* An _async call with store_result, then its _finish on the result. */
#define CALL(finish, client, ...)                                                                  \
  ({                                                                                               \
    g_autoptr (GAsyncResult) call_result_ = NULL;                                                  \
    finish##_async (client, __VA_ARGS__, store_result, &call_result_);                             \
    finish##_finish (client, await (&call_result_), &error);                                       \
  })

G_GNUC_UNUSED static KringClient *
new_client (const char *token)
{
  g_autoptr (GError) error = NULL;
  KringClient *client = kring_client_new (srv->base_url, &error);

  g_assert_no_error (error);
  kring_client_set_token (client, token);
  return client;
}

/* A fresh organisation on plan @plan, signed up through the harness;
 * returns a client signed in as its owner. */
G_GNUC_UNUSED static KringClient *
new_owner (const char *plan, gint64 *account_id, char **out_email)
{
  g_autofree char *email = fresh_email ("owner");
  g_autofree char *token = kring_test_signup (srv, email, "Zorg en Zo", plan, account_id);

  if (out_email != NULL)
    *out_email = g_strdup (email);
  return new_client (token);
}

G_GNUC_UNUSED static void
assert_problem (const GError *error, KringClientError code, guint status, const char *code_name)
{
  const KringProblemDetails *problem = kring_client_error_get_problem (error);

  g_assert_error (error, KRING_CLIENT_ERROR, (int)code);
  g_assert_nonnull (problem);
  g_assert_cmpuint (problem->status, ==, status);
  g_assert_cmpstr (problem->code_name, ==, code_name);
  g_assert_cmpint (problem->code, ==, (int)code);
}

G_GNUC_UNUSED static KringDossierItem *
new_dossier (KringClient *client, gint64 account_id, const char *title)
{
  g_autoptr (GError) error = NULL;
  KringDossierItem *dossier
      = CALL (kring_client_create_dossier, client, account_id, title, NULL, NULL);

  g_assert_no_error (error);
  return dossier;
}

/* g_test_init() and a kringd on a fresh database in @srv. */
G_GNUC_UNUSED static void
client_test_init (int *argc, char ***argv)
{
  /* Tests run without GSettings schemas, which GNOME's proxy resolver
   * needs; loopback never goes through a proxy anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  srv = kring_test_server_start (NULL);
}
