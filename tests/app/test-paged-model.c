/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringPagedModel against a real kringd: pages fetched on demand as a view
 * asks for items near the end, server-side search, reload, errors, and
 * going away while a page is under way. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include "kring-client-test.h"
#include "kring-paged-model.h"

#define N_DOSSIERS 120

static KringClient *client; /* the owner of the account below */
static gint64 account_id;

static void
wait_loaded (KringPagedModel *model)
{
  while (kring_paged_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
}

/* The dossiers, created last to first so the list's order is the
 * server's sorting, not the order of creation. */
static void
create_dossiers (void)
{
  for (guint i = N_DOSSIERS; i-- > 0;)
    {
      g_autofree char *title = g_strdup_printf ("Dossier %03u", i);
      g_autoptr (KringDossierItem) dossier = new_dossier (client, account_id, title);
    }
}

typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} Changes;

static void
items_changed (GListModel *model, guint position, guint removed, guint added, gpointer user_data)
{
  Changes *changes = user_data;

  changes->calls++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static const char *
title_at (GListModel *model, guint position)
{
  g_autoptr (KringDossierItem) dossier = g_list_model_get_item (model, position);

  g_assert_nonnull (dossier);
  /* The model holds a reference too, so the string outlives this one. */
  return kring_dossier_item_get_title (dossier);
}

static void
test_pages_on_demand (void)
{
  g_autoptr (KringListQuery) query = kring_list_query_new_dossiers (account_id, NULL, FALSE);
  g_autoptr (KringPagedModel) model = kring_paged_model_new (client, query);
  GListModel *list = G_LIST_MODEL (model);
  Changes changes = { 0 };

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed), &changes);
  g_assert_true (kring_paged_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_true (g_list_model_get_item_type (list) == KRING_TYPE_DOSSIER_ITEM);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, KRING_PAGED_MODEL_PAGE_SIZE);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.added, ==, KRING_PAGED_MODEL_PAGE_SIZE);
  g_assert_false (kring_paged_model_get_complete (model));

  /* A view showing the first rows asks for nothing more. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Dossier %03u", i);

      g_assert_cmpstr (title_at (list, i), ==, expected);
    }
  g_assert_false (kring_paged_model_get_loading (model));

  /* Scrolling near the end fetches the next page, which is appended. */
  title_at (list, 45);
  g_assert_true (kring_paged_model_get_loading (model));
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2 * KRING_PAGED_MODEL_PAGE_SIZE);
  g_assert_cmpuint (changes.calls, ==, 2);
  g_assert_cmpuint (changes.position, ==, KRING_PAGED_MODEL_PAGE_SIZE);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, KRING_PAGED_MODEL_PAGE_SIZE);
}

/* Reading every item, as a view scrolled to the bottom would. */
static void
test_iterate_all (void)
{
  g_autoptr (KringListQuery) query = kring_list_query_new_dossiers (account_id, NULL, FALSE);
  g_autoptr (KringPagedModel) model = kring_paged_model_new (client, query);
  GListModel *list = G_LIST_MODEL (model);
  guint i = 0;

  wait_loaded (model);
  for (;;)
    {
      g_autofree char *expected = NULL;

      if (i >= g_list_model_get_n_items (list))
        {
          if (kring_paged_model_get_complete (model))
            break;
          g_assert_true (kring_paged_model_get_loading (model));
          wait_loaded (model);
          continue;
        }
      expected = g_strdup_printf ("Dossier %03u", i);
      g_assert_cmpstr (title_at (list, i), ==, expected);
      i++;
    }
  g_assert_cmpuint (i, ==, N_DOSSIERS);
  g_assert_null (g_list_model_get_item (list, N_DOSSIERS));
  g_assert_null (kring_paged_model_get_error (model));
}

static void
test_search_and_reload (void)
{
  g_autoptr (KringListQuery) query = kring_list_query_new_dossiers (account_id, NULL, FALSE);
  g_autoptr (KringPagedModel) model = kring_paged_model_new (client, query);
  GListModel *list = G_LIST_MODEL (model);
  Changes changes = { 0 };

  wait_loaded (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed), &changes);

  /* The old items stay until the search's first page replaces them. */
  kring_paged_model_set_search (model, "DOSSIER 11");
  g_assert_true (kring_paged_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, KRING_PAGED_MODEL_PAGE_SIZE);
  wait_loaded (model);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, KRING_PAGED_MODEL_PAGE_SIZE);
  g_assert_cmpuint (changes.added, ==, 10);
  g_assert_true (kring_paged_model_get_complete (model));
  g_assert_cmpstr (title_at (list, 0), ==, "Dossier 110");
  g_assert_cmpstr (kring_list_query_get_search (kring_paged_model_get_query (model)), ==,
                   "DOSSIER 11");

  /* Reloading twice in a row: the first fetch is dropped. */
  kring_paged_model_reload (model);
  kring_paged_model_reload (model);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 10);

  kring_paged_model_set_search (model, "");
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, KRING_PAGED_MODEL_PAGE_SIZE);
  g_assert_null (kring_list_query_get_search (kring_paged_model_get_query (model)));
}

static void
test_error (void)
{
  g_autoptr (KringListQuery) query = kring_list_query_new_teammates (99999999);
  g_autoptr (KringPagedModel) model = kring_paged_model_new (client, query);
  GError *error = NULL;

  wait_loaded (model);
  g_assert_error (kring_paged_model_get_error (model), KRING_CLIENT_ERROR,
                  KRING_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_false (kring_paged_model_get_complete (model));
  g_object_get (model, "error", &error, NULL);
  g_assert_error (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A reload clears the error while it tries again. */
  kring_paged_model_reload (model);
  g_assert_null (kring_paged_model_get_error (model));
  wait_loaded (model);
  g_assert_nonnull (kring_paged_model_get_error (model));
}

/* Other lists page the same way: the owner's teammates list. */
static void
test_other_item_types (void)
{
  g_autoptr (KringListQuery) query = kring_list_query_new_teammates (account_id);
  g_autoptr (KringPagedModel) model = kring_paged_model_new (client, query);
  g_autoptr (KringTeammateItem) owner = NULL;

  wait_loaded (model);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == KRING_TYPE_TEAMMATE_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_true (kring_paged_model_get_complete (model));
  owner = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (kring_teammate_item_get_role (owner), ==, "owner");
}

/* The model may go away with a page under way: the fetch is cancelled and
 * its late callback touches nothing. */
static void
test_dispose_while_loading (void)
{
  g_autoptr (KringListQuery) query = kring_list_query_new_dossiers (account_id, NULL, FALSE);
  KringPagedModel *model = kring_paged_model_new (client, query);
  g_autoptr (GError) error = NULL;
  g_autoptr (KringHealth) health = NULL;

  g_assert_true (kring_paged_model_get_loading (model));
  g_object_unref (model);
  /* A later call completes after the cancelled one's callback ran. */
  health = CALL (kring_client_get_health, client, NULL);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_autofree char *token = NULL;
  int status;

  client_test_init (&argc, &argv);
  token = kring_test_signup (srv, "owner@example.org", "Zorg Veel", "team", &account_id);
  client = new_client (token);
  create_dossiers ();

  g_test_add_func ("/paged-model/pages-on-demand", test_pages_on_demand);
  g_test_add_func ("/paged-model/iterate-all", test_iterate_all);
  g_test_add_func ("/paged-model/search-and-reload", test_search_and_reload);
  g_test_add_func ("/paged-model/error", test_error);
  g_test_add_func ("/paged-model/other-item-types", test_other_item_types);
  g_test_add_func ("/paged-model/dispose-while-loading", test_dispose_while_loading);

  status = g_test_run ();
  g_clear_object (&client);
  kring_test_server_stop (srv);
  return status;
}
