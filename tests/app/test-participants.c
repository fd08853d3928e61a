/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The participants view against a real kringd: the columns of UI.md,
 * can write, remove, resend, the empty and error states, and what a guest
 * sees. */
#include "config.h"

#include "kring-invite-test.h"

static char *
addr (const char *who)
{
  return g_strdup_printf ("%s-%u@voorbeeld.nl", who, ++email_counter);
}

static gboolean
is_button_tooltip (GtkWidget *widget, gconstpointer tooltip)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget)
         && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* An organisation with two dossiers and, in the first, its owner (team),
 * a guest (in both: "2 of 3") and a paid user of another, active
 * organisation (external). */
typedef struct
{
  KringClient *owner;
  char *owner_email;
  gint64 account_id;
  gint64 dossier;
  gint64 second;
  char *guest;
  char *external;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (KringDossierItem) d1 = NULL;
  g_autoptr (KringDossierItem) d2 = NULL;
  g_autoptr (KringParticipantItem) p1 = NULL;
  g_autoptr (KringParticipantItem) p2 = NULL;
  g_autoptr (KringParticipantItem) p3 = NULL;
  g_autofree char *external_token = NULL;
  g_autofree char *account = NULL;
  g_autofree char *out = NULL;
  gint64 external_account = 0;

  f->owner = new_owner ("team", &f->account_id, &f->owner_email);
  d1 = new_dossier (f->owner, f->account_id, "Familie de Vries");
  d2 = new_dossier (f->owner, f->account_id, "Familie Smit");
  f->dossier = kring_dossier_item_get_id (d1);
  f->second = kring_dossier_item_get_id (d2);
  f->guest = addr ("oma");
  f->external = addr ("huisarts");
  p1 = invite (f->owner, f->dossier, f->guest, "Oma Bep");
  p2 = invite (f->owner, f->second, f->guest, NULL);

  /* A teammate of an active organisation is a paid user: external. */
  external_token = kring_test_signup (srv, f->external, "Huisartsen", "pro", &external_account);
  account = g_strdup_printf ("%" G_GINT64_FORMAT, external_account);
  out = kring_test_admin (srv, "set-status", account, "active", NULL);
  p3 = invite (f->owner, f->dossier, f->external, NULL);
  g_assert_cmpstr (kring_participant_item_get_access (p3), ==, "external");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->owner);
  g_free (f->owner_email);
  g_free (f->guest);
  g_free (f->external);
}

/* The row (label → cell → row) showing @text in its first column. */
static GtkWidget *
row_of (KringParticipantsView *view, const char *text)
{
  GtkWidget *label = find_widget (GTK_WIDGET (view), is_label_with_text, text);

  if (label == NULL)
    dump_labels (GTK_WIDGET (view), 0);
  g_assert_nonnull (label);
  return gtk_widget_get_parent (gtk_widget_get_parent (label));
}

/* What each cell of a row shows, "|"-separated: a label's text, a
 * switch's "on"/"off", "*" for the actions. */
static char *
row_texts (GtkWidget *row)
{
  GString *texts = g_string_new (NULL);

  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *child = gtk_widget_get_first_child (cell);

      if (!gtk_widget_get_visible (cell))
        continue;
      if (texts->len > 0)
        g_string_append_c (texts, '|');
      if (GTK_IS_LABEL (child))
        g_string_append (texts, gtk_label_get_text (GTK_LABEL (child)));
      else if (GTK_IS_SWITCH (child))
        g_string_append (texts, gtk_switch_get_active (GTK_SWITCH (child)) ? "on" : "off");
      else
        g_string_append_c (texts, '*');
    }
  return g_string_free (texts, FALSE);
}

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%x");
}

static GtkColumnViewColumn *
column_titled (KringParticipantsView *view, const char *title)
{
  GtkColumnView *columns = GTK_COLUMN_VIEW (
      find_widget (GTK_WIDGET (view), is_of_type, GSIZE_TO_POINTER (GTK_TYPE_COLUMN_VIEW)));
  GListModel *model = gtk_column_view_get_columns (columns);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  return NULL;
}

static void
test_columns (Fixture *f, gconstpointer data)
{
  ViewWindow vw = open_view (f->owner, f->dossier, "owner", "team");
  static const char *const titles[]
      = { "Name", "Email", "Access", "Guest Dossiers", "Can Write", "Status", "Added" };
  g_autofree char *date = today ();
  g_autofree char *guest_row = NULL;
  g_autofree char *external_row = NULL;
  g_autofree char *owner_row = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (KringParticipantItem) owner = find_participant (f->owner, f->dossier, f->owner_email);
  const char *owner_name = kring_participant_item_get_name (owner);
  g_autoptr (KringParticipantItem) external = find_participant (f->owner, f->dossier, f->external);
  /* An existing login keeps its own name. */
  const char *external_name = kring_participant_item_get_name (external);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_assert_nonnull (column_titled (vw.view, titles[i]));
      g_assert_true (gtk_column_view_column_get_visible (column_titled (vw.view, titles[i])));
    }
  g_assert_cmpuint (g_list_model_get_n_items (kring_participants_view_get_model (vw.view)), ==, 3);
  g_assert_true (shows_text (GTK_WIDGET (vw.view), "3 participants"));

  guest_row = row_texts (row_of (vw.view, "Oma Bep"));
  expected = g_strdup_printf ("Oma Bep|%s|Guest|2 of 3|off|Invited|%s|*", f->guest, date);
  g_assert_cmpstr (guest_row, ==, expected);

  /* A paid user of another organisation: external, writes by default,
   * no guest count. */
  external_row = row_texts (row_of (vw.view, external_name));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s|%s|External||on|", external_name, f->external);
  g_assert_true (g_str_has_prefix (external_row, expected));

  owner_row = row_texts (row_of (vw.view, owner_name != NULL ? owner_name : f->owner_email));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("|%s|Team||on|Active|%s|*", f->owner_email, date);
  g_assert_true (g_str_has_suffix (owner_row, expected));

  /* Resend only for an invitation not yet accepted. */
  g_assert_nonnull (
      find_widget (row_of (vw.view, "Oma Bep"), is_button_tooltip, "Send Invitation Again"));
  close_view (&vw);
}

static GtkSwitch *
can_write_switch (KringParticipantsView *view, const char *name)
{
  GtkWidget *sw = find_widget (row_of (view, name), is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));

  g_assert_nonnull (sw);
  return GTK_SWITCH (sw);
}

typedef struct
{
  Fixture *f;
  gboolean value;
} CanWrite;

static gboolean
server_can_write (gpointer data)
{
  CanWrite *cw = data;
  g_autoptr (KringParticipantItem) p
      = find_participant (cw->f->owner, cw->f->dossier, cw->f->guest);

  return kring_participant_item_get_can_write (p) == cw->value;
}

static gboolean
switch_state_on (gpointer sw)
{
  return gtk_switch_get_state (sw);
}

static gboolean
switch_state_off (gpointer sw)
{
  return !gtk_switch_get_state (sw);
}

static void
test_can_write (Fixture *f, gconstpointer data)
{
  ViewWindow vw = open_view (f->owner, f->dossier, "owner", "team");
  GtkSwitch *sw = can_write_switch (vw.view, "Oma Bep");
  CanWrite on = { f, TRUE }, off = { f, FALSE };

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (sw)));
  g_assert_false (gtk_switch_get_active (sw));
  gtk_switch_set_active (sw, TRUE);
  wait_for (server_can_write, &on, "can_write on at the server");
  wait_for (switch_state_on, sw, "the switch to settle on");

  /* The change survives a reload, and goes back off. */
  kring_participants_view_reload (vw.view);
  await_view_loaded (vw.view);
  sw = can_write_switch (vw.view, "Oma Bep");
  g_assert_true (gtk_switch_get_active (sw));
  gtk_switch_set_active (sw, FALSE);
  wait_for (server_can_write, &off, "can_write off at the server");
  wait_for (switch_state_off, sw, "the switch to settle off");
  close_view (&vw);
}

static gboolean
guest_gone (gpointer data)
{
  Fixture *f = data;
  g_autoptr (KringParticipantItem) p = find_participant (f->owner, f->dossier, f->guest);

  return p == NULL;
}

typedef struct
{
  KringParticipantsView *view;
  guint n;
} ViewCount;

static gboolean
view_has_n (gpointer data)
{
  ViewCount *vc = data;

  return model_complete (vc->view)
         && g_list_model_get_n_items (kring_participants_view_get_model (vc->view)) == vc->n;
}

static void
test_remove (Fixture *f, gconstpointer data)
{
  ViewWindow vw = open_view (f->owner, f->dossier, "owner", "team");
  GtkWidget *remove = find_widget (row_of (vw.view, "Oma Bep"), is_button_tooltip, "Remove");
  AdwMessageDialog *dialog;
  g_autoptr (KringParticipantItem) still = NULL;
  ViewCount two = { vw.view, 2 };

  /* Cancelled: nothing happens. */
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  dialog = ADW_MESSAGE_DIALOG (await_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove Oma Bep?");
  adw_message_dialog_response (dialog, "cancel");
  settle ();
  still = find_participant (f->owner, f->dossier, f->guest);
  g_assert_nonnull (still);

  g_signal_emit_by_name (remove, "clicked");
  dialog = ADW_MESSAGE_DIALOG (await_window (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "remove");
  wait_for (guest_gone, f, "the guest to be removed");
  wait_for (view_has_n, &two, "the list without the guest");
  settle ();
  g_assert_null (find_widget (GTK_WIDGET (vw.view), is_label_with_text, "Oma Bep"));
  close_view (&vw);
}

typedef struct
{
  const char *email;
  guint count;
} MailCount;

static gboolean
mail_arrived (gpointer data)
{
  MailCount *mc = data;

  return kring_test_mail_count (srv, mc->email) > mc->count;
}

static void
test_resend (Fixture *f, gconstpointer data)
{
  ViewWindow vw = open_view (f->owner, f->dossier, "owner", "team");
  MailCount mc = { f->guest, kring_test_mail_count (srv, f->guest) };
  GtkWidget *resend
      = find_widget (row_of (vw.view, "Oma Bep"), is_button_tooltip, "Send Invitation Again");

  g_assert_nonnull (resend);
  /* The external participant is active: nothing to resend. */
  g_assert_null (find_widget (row_of (vw.view, "Owner of Huisartsen"), is_button_tooltip,
                              "Send Invitation Again"));
  g_signal_emit_by_name (resend, "clicked");
  wait_for (mail_arrived, &mc, "a new invitation mail");
  close_view (&vw);
}

static const char *
visible_page (KringParticipantsView *view)
{
  GtkStack *stack
      = GTK_STACK (find_widget (GTK_WIDGET (view), is_of_type, GSIZE_TO_POINTER (GTK_TYPE_STACK)));

  return gtk_stack_get_visible_child_name (stack);
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  g_autoptr (KringDossierItem) empty = new_dossier (f->owner, f->account_id, "Nieuw");
  g_autoptr (KringParticipantItem) me
      = find_participant (f->owner, kring_dossier_item_get_id (empty), f->owner_email);
  g_autoptr (GError) error = NULL;
  ViewWindow vw;

  /* The creator leaves: nobody takes part. */
  CALL (kring_client_remove_participant, f->owner, kring_dossier_item_get_id (empty),
        kring_participant_item_get_id (me), NULL);
  g_assert_no_error (error);
  vw = open_view (f->owner, kring_dossier_item_get_id (empty), "owner", NULL);
  g_assert_cmpstr (visible_page (vw.view), ==, "empty");
  g_assert_true (shows_text (GTK_WIDGET (vw.view), "No Participants"));
  g_assert_nonnull (find_widget (GTK_WIDGET (vw.view), is_button_labelled, "_Add by Email…"));
  close_view (&vw);
}

static gboolean
email_column_hidden (gpointer view)
{
  return !gtk_column_view_column_get_visible (column_titled (view, "Email"));
}

static gboolean
is_label_with_at (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
         && strchr (gtk_label_get_text (GTK_LABEL (widget)), '@') != NULL;
}

/* A guest sees names only; the view finds that out by itself. */
static void
test_guest_caller (Fixture *f, gconstpointer data)
{
  g_autofree char *token = kring_test_accept_invitation (srv, f->guest, "Oma Bep");
  g_autoptr (KringClient) guest = new_client (token);
  ViewWindow vw = open_view (guest, f->dossier, "lookup", NULL);

  wait_for (email_column_hidden, vw.view, "the guest's columns");
  settle ();
  g_assert_false (kring_participants_view_get_can_manage (vw.view));
  g_assert_true (shows_text (GTK_WIDGET (vw.view), "Oma Bep"));
  g_assert_true (shows_text (GTK_WIDGET (vw.view), "Owner of Huisartsen"));
  g_assert_null (find_widget (GTK_WIDGET (vw.view), is_label_with_at, NULL));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (vw.view, "Can Write")));
  g_assert_null (find_widget (GTK_WIDGET (vw.view), is_button_labelled, "_Add by Email…"));
  g_assert_null (find_widget (GTK_WIDGET (vw.view), is_button_tooltip, "Remove"));
  g_assert_false (drop_text (vw.view, "iemand@voorbeeld.nl"));
  close_view (&vw);

  /* The owner, found out the same way, manages. */
  vw = open_view (f->owner, f->dossier, "lookup", NULL);
  wait_for ((Condition)kring_participants_view_get_can_manage, vw.view, "the owner's rights");
  settle ();
  g_assert_nonnull (find_widget (GTK_WIDGET (vw.view), is_button_labelled, "_Add by Email…"));
  g_assert_true (gtk_column_view_column_get_visible (column_titled (vw.view, "Email")));
  close_view (&vw);
}

static gboolean
shows_page (gpointer view)
{
  return g_strcmp0 (visible_page (view), "error") == 0;
}

/* Server down when the view opens: an error page with Retry. */
static void
test_error_state (void)
{
  KringTestServer *main_server = srv;
  KringTestServer *restarted;
  g_autoptr (KringClient) owner = NULL;
  g_autoptr (KringDossierItem) dossier = NULL;
  g_autofree char *listen = NULL;
  const char *args[3] = { "--listen", NULL, NULL };
  gint64 account_id;
  GtkWindow *window;
  KringParticipantsView *view;
  ViewCount one;

  srv = kring_test_server_start (NULL);
  owner = new_owner ("pro", &account_id, NULL);
  dossier = new_dossier (owner, account_id, "Familie Bos");
  kring_test_server_kill (srv);

  window = GTK_WINDOW (gtk_window_new ());
  view = KRING_PARTICIPANTS_VIEW (
      kring_participants_view_new (owner, kring_dossier_item_get_id (dossier)));
  kring_participants_view_set_caller (view, "owner", "team");
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  wait_for (shows_page, view, "the error page");
  g_assert_true (shows_text (GTK_WIDGET (view), "Participants Not Loaded"));

  listen = g_strdup (srv->base_url + strlen ("http://"));
  args[1] = listen;
  restarted = kring_test_server_start_sharing (srv, args);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (view), is_button_labelled, "_Retry"), "clicked");
  one.view = view;
  one.n = 1;
  wait_for (view_has_n, &one, "the list after Retry");
  settle ();
  g_assert_cmpstr (visible_page (view), ==, "list");

  gtk_window_destroy (window);
  kring_test_server_stop (restarted);
  kring_test_server_free (srv);
  srv = main_server;
}

int
main (int argc, char **argv)
{
  int status;

  widget_test_init (&argc, &argv);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/participants/columns", test_columns);
  ADD ("/participants/can-write", test_can_write);
  ADD ("/participants/remove", test_remove);
  ADD ("/participants/resend", test_resend);
  ADD ("/participants/empty", test_empty);
  ADD ("/participants/guest-caller", test_guest_caller);
#undef ADD
  g_test_add_func ("/participants/error-state", test_error_state);
  status = g_test_run ();
  kring_test_server_stop (srv);
  return status;
}
