/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log view against a real kringd: events newest first with
 * their actors (the operator too), actions in words, local times, and the
 * dossier and action filters done by the server. */
#include "config.h"

#include "kring-audit-view.h"
#include "kring-client-test.h"
#include "kring-paged-model.h"
#include "kring-widget-test.h"

/* Finding what the view shows */

static GListModel *
rows (KringAuditView *view)
{
  return kring_audit_view_get_model (view);
}

static gboolean
settled (KringAuditView *view)
{
  KringPagedModel *model = KRING_PAGED_MODEL (rows (view));

  return !kring_paged_model_get_loading (model) && kring_paged_model_get_complete (model);
}

/* Whether every row is of @action (NULL: any) and @dossier_id (0: any),
 * and there are @n of them. */
static gboolean
rows_are (KringAuditView *view, guint n, const char *action, gint64 dossier_id)
{
  if (!settled (view) || g_list_model_get_n_items (rows (view)) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KringAuditItem) item = g_list_model_get_item (rows (view), i);

      if ((action != NULL && g_strcmp0 (kring_audit_item_get_action (item), action) != 0)
          || (dossier_id != 0 && kring_audit_item_get_dossier_id (item) != dossier_id))
        return FALSE;
    }
  return TRUE;
}

static void
choose_action (KringAuditView *view, const char *label)
{
  GtkDropDown *filter = GTK_DROP_DOWN (child_by_id (GTK_WIDGET (view), "action_filter"));
  GListModel *choices = gtk_drop_down_get_model (filter);

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr (GtkStringObject) choice = g_list_model_get_item (choices, i);

      if (g_str_equal (gtk_string_object_get_string (choice), label))
        {
          gtk_drop_down_set_selected (filter, i);
          return;
        }
    }
  g_error ("No action %s to choose", label);
}

static void
choose_dossier (KringAuditView *view, gint64 dossier_id)
{
  GtkDropDown *filter = GTK_DROP_DOWN (child_by_id (GTK_WIDGET (view), "dossier_filter"));
  GListModel *choices = gtk_drop_down_get_model (filter);

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr (GObject) choice = g_list_model_get_item (choices, i);

      if ((dossier_id == 0 && GTK_IS_STRING_OBJECT (choice))
          || (KRING_IS_DOSSIER_ITEM (choice)
              && kring_dossier_item_get_id (KRING_DOSSIER_ITEM (choice)) == dossier_id))
        {
          gtk_drop_down_set_selected (filter, i);
          return;
        }
    }
  g_error ("No dossier %" G_GINT64_FORMAT " to choose", dossier_id);
}

static const char *
visible_page (KringAuditView *view)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child_by_id (GTK_WIDGET (view), "stack")));
}

static void
test_lists_and_filters (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringClient) client = NULL;
  g_autoptr (KringDossierItem) jansen = NULL;
  g_autoptr (KringDossierItem) de_boer = NULL;
  g_autoptr (KringParticipantItem) guest = NULL;
  g_autoptr (KringEntryItem) entry = NULL;
  g_autoptr (KringAuditItem) newest = NULL;
  g_autoptr (KringAuditItem) oldest = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *guest_email = fresh_email ("guest");
  g_autofree char *when = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *out = NULL;
  KringInvitee invitee = { guest_email, "Oma Jansen", KRING_CAN_WRITE_DEFAULT };
  KringAuditView *view;
  GtkWindow *window;
  gint64 account_id;
  guint n;

  client = new_owner ("team", &account_id, NULL);
  jansen = new_dossier (client, account_id, "Familie Jansen");
  de_boer = new_dossier (client, account_id, "Familie de Boer");
  guest = CALL (kring_client_add_participant, client, kring_dossier_item_get_id (jansen), &invitee,
                NULL);
  g_assert_no_error (error);
  entry = CALL (kring_client_create_entry, client, kring_dossier_item_get_id (jansen),
                "Goed gegeten vandaag.", NULL, 0, NULL);
  g_assert_no_error (error);
  /* The operator's change comes last: actor null. */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, account_id);
  out = kring_test_admin (srv, "set-discounts", id_text, "anbi", NULL);

  view = kring_audit_view_new (client, account_id);
  window = show_in_window (GTK_WIDGET (view));
  WAIT_FOR (settled (view) && g_list_model_get_n_items (rows (view)) >= 6);
  g_assert_cmpstr (visible_page (view), ==, "list");
  n = g_list_model_get_n_items (rows (view));
  newest = g_list_model_get_item (rows (view), 0);
  oldest = g_list_model_get_item (rows (view), n - 1);
  /* Newest first. */
  g_assert_cmpint (kring_audit_item_get_id (newest), >, kring_audit_item_get_id (oldest));
  g_assert_cmpstr (kring_audit_item_get_action (newest), ==, "account.updated");
  g_assert_null (kring_audit_item_get_actor (newest));
  g_assert_cmpstr (kring_audit_item_get_action (oldest), ==, "teammate.added");
  WAIT_FOR (shows (GTK_WIDGET (view), "Operator"));
  g_assert_true (shows (GTK_WIDGET (view), "Organisation changed"));
  g_assert_true (shows (GTK_WIDGET (view), "By the server’s operator"));
  g_assert_true (shows (GTK_WIDGET (view), "Participant added"));
  g_assert_true (shows (GTK_WIDGET (view), guest_email));
  g_assert_true (shows (GTK_WIDGET (view), "Access: Guest, reads only"));
  /* Local time in the locale's format. */
  local = g_date_time_to_local (kring_audit_item_get_at (newest));
  when = g_date_time_format (local, "%x %X");
  g_assert_true (shows (GTK_WIDGET (view), when));
  /* Dossiers by title once the dossier list is in. */
  WAIT_FOR (shows (GTK_WIDGET (view), "Familie Jansen"));

  choose_action (view, "Dossier created");
  WAIT_FOR (rows_are (view, 2, "dossier.created", 0));
  WAIT_FOR (shows (GTK_WIDGET (view), "Familie de Boer"));
  g_assert_false (shows (GTK_WIDGET (view), "Operator"));

  choose_dossier (view, kring_dossier_item_get_id (jansen));
  WAIT_FOR (rows_are (view, 1, "dossier.created", kring_dossier_item_get_id (jansen)));

  choose_action (view, "All actions");
  WAIT_FOR (rows_are (view, 3, NULL, kring_dossier_item_get_id (jansen)));
  g_assert_true (shows (GTK_WIDGET (view), "Entry written"));
  g_assert_true (shows (GTK_WIDGET (view), "Participant added"));

  /* Nothing of that kind there: an empty state saying so. */
  choose_dossier (view, kring_dossier_item_get_id (de_boer));
  choose_action (view, "Entry written");
  WAIT_FOR (rows_are (view, 0, NULL, 0));
  g_assert_cmpstr (visible_page (view), ==, "empty");
  g_assert_true (shows (GTK_WIDGET (view), "No events match these filters."));

  choose_dossier (view, 0);
  choose_action (view, "All actions");
  WAIT_FOR (rows_are (view, n, NULL, 0));
  gtk_window_destroy (window);
}

static void
test_unreachable (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringClient) nowhere = kring_client_new ("http://127.0.0.1:1", &error);
  KringAuditView *view;
  GtkWindow *window;

  g_assert_no_error (error);
  view = kring_audit_view_new (nowhere, 1);
  window = show_in_window (GTK_WIDGET (view));
  WAIT_FOR (g_strcmp0 (visible_page (view), "error") == 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (view), is_button_labelled, "_Retry"));
  gtk_window_destroy (window);
}

int
main (int argc, char **argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  srv = kring_test_server_start (NULL);
  g_test_add_func ("/audit/lists-and-filters", test_lists_and_filters);
  g_test_add_func ("/audit/unreachable", test_unreachable);
  return g_test_run ();
}
