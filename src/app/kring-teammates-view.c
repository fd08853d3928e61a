/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The teammates of an account.  What a change does to the price is worked
 * out by the core pricing engine from the account's plan, billing,
 * discounts and seats, and shown before the change is confirmed. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-email.h"
#include "kring-error-messages.h"
#include "kring-invite-drop.h"
#include "kring-money.h"
#include "kring-paged-model.h"
#include "kring-teammates-view-private.h"

G_DEFINE_FINAL_TYPE (KringTeammatesView, kring_teammates_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_ACCOUNT_ID,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_op (KringTeammatesView *self, Op *op);
static void load_account (KringTeammatesView *self);

/* Words */

const char *
_kring_teammates_role_label (const char *role)
{
  if (g_strcmp0 (role, "owner") == 0)
    return _ ("Owner");
  if (g_strcmp0 (role, "admin") == 0)
    return _ ("Administrator");
  return _ ("Member");
}

/* The teammate as toasts and dialogs name them: their name, else email. */
const char *
_kring_teammates_who (KringTeammateItem *item)
{
  const char *name = kring_teammate_item_get_name (item);

  return name != NULL && name[0] != '\0' ? name : kring_teammate_item_get_email (item);
}

gboolean
_kring_teammates_view_can_manage (KringTeammatesView *self)
{
  return g_strcmp0 (self->role, "owner") == 0 || g_strcmp0 (self->role, "admin") == 0;
}

gboolean
_kring_teammates_view_is_owner (KringTeammatesView *self)
{
  return g_strcmp0 (self->role, "owner") == 0;
}

/* Ops */

static void
op_free (Op *op)
{
  g_free (op->email);
  g_free (op->name);
  g_free (op->role);
  g_free (op->who);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static Op *
op_new (KringTeammatesView *self, OpKind kind, gint64 teammate_id, const char *who)
{
  Op *op = g_new0 (Op, 1);

  op->self = self;
  op->kind = kind;
  op->teammate_id = teammate_id;
  op->who = g_strdup (who);
  return op;
}

static Op *
op_copy (const Op *op)
{
  Op *copy = op_new (op->self, op->kind, op->teammate_id, op->who);

  copy->email = g_strdup (op->email);
  copy->name = g_strdup (op->name);
  copy->role = g_strdup (op->role);
  return copy;
}

/* Toasts: one at a time, each new one dismissing the one before (a
 * high-priority toast preempting another trips libadwaita 1.2). */

static void
present_toast (KringTeammatesView *self, AdwToast *toast, gboolean is_error)
{
  kring_toast_replace (self->toasts, &self->toast, toast);
  self->toast_is_error = is_error;
}

static void
dismiss_error_toast (KringTeammatesView *self)
{
  if (self->toast_is_error)
    kring_toast_dismiss (&self->toast);
}

static void
show_toast (KringTeammatesView *self, const char *title)
{
  present_toast (self, adw_toast_new (title), FALSE);
}

/* An error stays until dismissed, with Retry running @retry_action. */
static void
show_error_toast (KringTeammatesView *self, const char *title, const char *retry_action)
{
  present_toast (self, kring_toast_new_error (title, retry_action), TRUE);
}

/* The Add teammate dialog */

static gboolean
email_is_valid (const char *text)
{
  KringFieldError error = { 0 };
  g_autofree char *normal = kring_email_normalise (text, &error, "email");

  kring_field_error_clear (&error);
  return normal != NULL;
}

static void
update_add_dialog (KringTeammatesView *self)
{
  g_autofree char *price = NULL;
  g_autofree char *body = NULL;
  gboolean can_add;

  if (self->add_dialog == NULL)
    return;
  price = _kring_teammates_view_add_price_text (self, &can_add);
  body = g_strdup_printf ("%s\n\n%s", price,
                          _ ("They get an invitation by email to join the organisation."));
  adw_message_dialog_set_body (self->add_dialog, body);
  adw_message_dialog_set_response_enabled (
      self->add_dialog, "add",
      can_add && email_is_valid (gtk_editable_get_text (GTK_EDITABLE (self->add_email))));
}

static void
add_response_cb (KringTeammatesView *self, const char *response, AdwMessageDialog *dialog)
{
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;
  Op *op;

  if (g_str_equal (response, "add") && self->add_email != NULL)
    {
      email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_email))));
      name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_name))));
      if (name[0] == '\0')
        g_clear_pointer (&name, g_free);
      op = op_new (self, OP_ADD, 0, name != NULL ? name : email);
      op->email = g_steal_pointer (&email);
      op->name = g_steal_pointer (&name);
      op->role = g_strdup (
          roles[MIN (adw_combo_row_get_selected (self->add_role), G_N_ELEMENTS (roles) - 1)]);
      run_op (self, op);
    }
  self->add_email = NULL;
  self->add_name = NULL;
  self->add_role = NULL;
  if (self->add_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->add_dialog), (gpointer *)&self->add_dialog);
  self->add_dialog = NULL;
}

static GtkWidget *
new_role_row (KringTeammatesView *self)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  /* Only an owner may make someone an owner. */
  for (guint i = 0; i < (_kring_teammates_view_is_owner (self) ? 3u : 2u); i++)
    gtk_string_list_append (labels, _kring_teammates_role_label (roles[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Role"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  return row;
}

static GtkWidget *
new_add_form (KringTeammatesView *self)
{
  GtkWidget *list = gtk_list_box_new ();

  self->add_email = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_email), _ ("Email"));
  adw_entry_row_set_input_purpose (self->add_email, GTK_INPUT_PURPOSE_EMAIL);
  adw_entry_row_set_activates_default (self->add_email, TRUE);
  g_signal_connect_object (self->add_email, "changed", G_CALLBACK (update_add_dialog), self,
                           G_CONNECT_SWAPPED);
  self->add_name = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_name), _ ("Name (optional)"));
  adw_entry_row_set_input_purpose (self->add_name, GTK_INPUT_PURPOSE_NAME);
  adw_entry_row_set_activates_default (self->add_name, TRUE);
  self->add_role = ADW_COMBO_ROW (new_role_row (self));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->add_email));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->add_name));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->add_role));
  return list;
}

static GtkWindow *
parent_window (KringTeammatesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
add_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KringTeammatesView *self = KRING_TEAMMATES_VIEW (widget);
  GtkWidget *dialog;

  if (self->add_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->add_dialog));
      return;
    }
  dialog = adw_message_dialog_new (parent_window (self), _ ("Add Teammate"), NULL);
  self->add_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->add_dialog);
  adw_message_dialog_set_extra_child (self->add_dialog, new_add_form (self));
  adw_message_dialog_add_responses (self->add_dialog, "cancel", _ ("_Cancel"), "add", _ ("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (self->add_dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (self->add_dialog, "add");
  adw_message_dialog_set_close_response (self->add_dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_response_cb), self,
                           G_CONNECT_SWAPPED);
  update_add_dialog (self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (self->add_email));
}

/* Running changes */

static char *
op_error_text (KringTeammatesView *self, const Op *op, const GError *error)
{
  const KringProblemDetails *problem = kring_client_error_get_problem (error);

  if (g_error_matches (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_PLAN_USER_LIMIT)
      && problem != NULL && problem->max_users >= 0 && self->account != NULL && self->table != NULL
      && kring_price_table_find_plan (self->table, self->account->plan) != NULL)
    {
      KringPlan plan = *kring_price_table_find_plan (self->table, self->account->plan);

      plan.max_users = problem->max_users; /* the server's word is the last */
      return _kring_teammates_plan_full_text (&plan);
    }
  if (g_error_matches (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_LAST_OWNER))
    return g_strdup_printf (
        op->kind == OP_REMOVE
            ? _ ("%s is the only owner. Make another teammate an owner first, then remove them.")
            : _ ("%s is the only owner. Make another teammate an owner first, then change this "
                 "role."),
        op->who);
  if (g_error_matches (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_TEAMMATE_EXISTS))
    return g_strdup_printf (_ ("%s is already a teammate."), op->who);
  return kring_error_message (error);
}

static void
op_failed (KringTeammatesView *self, Op *op, const GError *error)
{
  g_autofree char *text = op_error_text (self, op, error);
  gboolean transient = kring_error_is_transient (error);

  g_clear_pointer (&self->failed_op, op_free);
  if (transient)
    self->failed_op = op_copy (op);
  show_error_toast (self, text, transient ? "teammates.retry" : NULL);
}

static char *
op_done_text (const Op *op, KringTeammateAdded *added)
{
  g_autofree char *price = NULL;

  switch (op->kind)
    {
      case OP_ADD:
        price = _kring_teammates_money (added->billing->per_month.excl_vat_cents);
        return g_strdup_printf (
            /* Translators: a teammate's name, then the new monthly price. */
            _ ("%s is now a teammate. The price is %s a month, excluding VAT."), op->who, price);
      case OP_SET_ROLE:
        /* Translators: "Jan de Vries is now Administrator." */
        return g_strdup_printf (_ ("%s is now %s."), op->who,
                                _kring_teammates_role_label (op->role));
      case OP_REMOVE:
        return g_strdup_printf (_ ("%s is no longer a teammate."), op->who);
      case OP_RESEND:
        return g_strdup_printf (_ ("A new invitation is on its way to %s."), op->who);
      default:
        g_assert_not_reached ();
    }
}

static void
op_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Op) op = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringTeammateAdded) added = NULL;
  g_autoptr (KringTeammateItem) updated = NULL;
  g_autofree char *text = NULL;
  KringClient *client = KRING_CLIENT (source);
  gboolean ok = FALSE;

  if (op->kind == OP_ADD)
    ok = (added = kring_client_add_teammate_finish (client, result, &error)) != NULL;
  else if (op->kind == OP_SET_ROLE)
    ok = (updated = kring_client_update_teammate_finish (client, result, &error)) != NULL;
  else if (op->kind == OP_REMOVE)
    ok = kring_client_remove_teammate_finish (client, result, &error);
  else if (op->kind == OP_RESEND)
    ok = kring_client_resend_teammate_invitation_finish (client, result, &error);
  /* Cancelled by dispose: the view may be gone. */
  if (kring_error_is_cancelled (error))
    return;
  if (!ok)
    return op_failed (op->self, op, error);
  dismiss_error_toast (op->self);
  text = op_done_text (op, added);
  show_toast (op->self, text);
  if (op->kind != OP_RESEND)
    kring_teammates_view_reload (op->self);
}

static void
run_op (KringTeammatesView *self, Op *op)
{
  switch (op->kind)
    {
      case OP_ADD:
        kring_client_add_teammate_async (self->client, self->account_id, op->email, op->name,
                                         op->role, self->cancellable, op_cb, op);
        break;
      case OP_SET_ROLE:
        kring_client_update_teammate_async (self->client, self->account_id, op->teammate_id,
                                            op->role, self->cancellable, op_cb, op);
        break;
      case OP_REMOVE:
        kring_client_remove_teammate_async (self->client, self->account_id, op->teammate_id,
                                            self->cancellable, op_cb, op);
        break;
      case OP_RESEND:
        kring_client_resend_teammate_invitation_async (
            self->client, self->account_id, op->teammate_id, self->cancellable, op_cb, op);
        break;
      default:
        g_assert_not_reached ();
    }
}

static void
retry_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KringTeammatesView *self = KRING_TEAMMATES_VIEW (widget);

  dismiss_error_toast (self);
  if (self->failed_op != NULL)
    run_op (self, g_steal_pointer (&self->failed_op));
}

/* Row actions */

/* The loaded teammate with id @id, or NULL. */
static KringTeammateItem *
find_teammate (KringTeammatesView *self, gint64 id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->model)); i++)
    {
      g_autoptr (KringTeammateItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (kring_teammate_item_get_id (item) == id)
        return g_steal_pointer (&item);
    }
  return NULL;
}

static guint
count_owners (KringTeammatesView *self)
{
  guint owners = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->model)); i++)
    {
      g_autoptr (KringTeammateItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      owners += g_strcmp0 (kring_teammate_item_get_role (item), "owner") == 0;
    }
  return owners;
}

static void
set_role_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KringTeammatesView *self = KRING_TEAMMATES_VIEW (widget);
  g_autoptr (KringTeammateItem) item = NULL;
  const char *role;
  gint64 id;
  Op *op;

  g_variant_get (parameter, "(x&s)", &id, &role);
  item = find_teammate (self, id);
  if (item == NULL)
    return;
  op = op_new (self, OP_SET_ROLE, id, _kring_teammates_who (item));
  op->role = g_strdup (role);
  run_op (self, op);
}

static void
resend_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KringTeammatesView *self = KRING_TEAMMATES_VIEW (widget);
  g_autoptr (KringTeammateItem) item = find_teammate (self, g_variant_get_int64 (parameter));

  if (item != NULL)
    run_op (self, op_new (self, OP_RESEND, kring_teammate_item_get_id (item),
                          kring_teammate_item_get_email (item)));
}

/* Behind one function, what a teammate's row carries when dragged onto a
 * dossier: the list of people the drop targets of kring-invite-drop.h
 * read, and the same as text for anything else. */
KringInviteeList *
_kring_teammates_invitees (KringTeammateItem *item)
{
  return kring_invitee_list_new_for_teammate (item);
}

static void
invite_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KringTeammatesView *self = KRING_TEAMMATES_VIEW (widget);
  g_autoptr (KringTeammateItem) item = find_teammate (self, g_variant_get_int64 (parameter));
  g_autoptr (KringInviteeList) invitees = NULL;

  if (item == NULL)
    return;
  invitees = _kring_teammates_invitees (item);
  kring_invite_choose_dossier (parent_window (self), self->client, 0, invitees);
}

static void
remove_response_cb (KringTeammatesView *self, const char *response, AdwMessageDialog *dialog)
{
  KringTeammateItem *item = g_object_get_data (G_OBJECT (dialog), "teammate");

  if (g_str_equal (response, "remove"))
    run_op (self, op_new (self, OP_REMOVE, kring_teammate_item_get_id (item),
                          _kring_teammates_who (item)));
}

static void
remove_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KringTeammatesView *self = KRING_TEAMMATES_VIEW (widget);
  g_autoptr (KringTeammateItem) item = find_teammate (self, g_variant_get_int64 (parameter));
  g_autofree char *price = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (item == NULL)
    return;
  /* The last owner cannot go (the server says last_owner): say why now. */
  if (g_strcmp0 (kring_teammate_item_get_role (item), "owner") == 0
      && kring_paged_model_get_complete (self->model) && count_owners (self) == 1)
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
          parent_window (self), _ ("The Only Owner Cannot Be Removed"), NULL));
      adw_message_dialog_format_body (
          dialog, _ ("An organisation needs an owner. Make another teammate an owner first."));
      adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  price = _kring_teammates_view_remove_price_text (self);
  body = g_strdup_printf ("%s%s%s",
                          _ ("They lose their access to the organisation and its dossiers."),
                          price != NULL ? " " : "", price != NULL ? price : "");
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), NULL, body));
  adw_message_dialog_format_heading (dialog, _ ("Remove %s?"), _kring_teammates_who (item));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "remove", _ ("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "teammate", g_steal_pointer (&item), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kring_teammates_view_reload (KRING_TEAMMATES_VIEW (widget));
}

/* Loading, empty and failed states */

static void
update_state (KringTeammatesView *self)
{
  const GError *error = kring_paged_model_get_error (self->model);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  if (n_items > 0 || (error == NULL && !kring_paged_model_get_loading (self->model)))
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (error != NULL)
    {
      g_autofree char *message = kring_error_message (error);

      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
model_error_changed (KringTeammatesView *self)
{
  const GError *error = kring_paged_model_get_error (self->model);

  update_state (self);
  /* The rows shown stay; the failure is a toast then. */
  if (error != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      g_autofree char *message = kring_error_message (error);

      show_error_toast (self, message, "teammates.reload");
    }
}

/* The account and the price table */

static void
account_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringAccountInfo) account
      = kring_client_get_account_finish (KRING_CLIENT (source), result, &error);
  KringTeammatesView *self;

  if (kring_error_is_cancelled (error))
    return;
  self = KRING_TEAMMATES_VIEW (user_data);
  /* Without it the list still works; only the prices are missing. */
  self->account_failed = account == NULL;
  if (account != NULL)
    {
      g_clear_pointer (&self->account, kring_account_info_unref);
      self->account = g_steal_pointer (&account);
    }
  else
    g_debug ("Teammates without prices: %s", error->message);
  _kring_teammates_view_update_header (self);
  update_add_dialog (self);
}

static void
load_account (KringTeammatesView *self)
{
  kring_client_get_account_async (self->client, self->account_id, self->cancellable, account_cb,
                                  self);
}

static void
plans_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringPriceTable) table
      = kring_client_get_plans_finish (KRING_CLIENT (source), result, &error);
  KringTeammatesView *self;

  if (kring_error_is_cancelled (error))
    return;
  self = KRING_TEAMMATES_VIEW (user_data);
  /* The server's table prices the account; the shipped one is the best
   * guess without it. */
  if (table == NULL)
    table = _kring_teammates_shipped_table ();
  g_clear_pointer (&self->table, kring_price_table_unref);
  self->table = g_steal_pointer (&table);
  _kring_teammates_view_update_header (self);
  update_add_dialog (self);
}

/* GObject */

KringTeammatesView *
kring_teammates_view_new (KringClient *client, gint64 account_id, const char *role)
{
  g_return_val_if_fail (KRING_IS_CLIENT (client), NULL);
  g_return_val_if_fail (account_id > 0, NULL);

  return g_object_new (KRING_TYPE_TEAMMATES_VIEW, "client", client, "account-id", account_id,
                       "role", role, NULL);
}

gint64
kring_teammates_view_get_account_id (KringTeammatesView *self)
{
  g_return_val_if_fail (KRING_IS_TEAMMATES_VIEW (self), 0);

  return self->account_id;
}

GListModel *
kring_teammates_view_get_model (KringTeammatesView *self)
{
  g_return_val_if_fail (KRING_IS_TEAMMATES_VIEW (self), NULL);

  return G_LIST_MODEL (self->model);
}

void
kring_teammates_view_reload (KringTeammatesView *self)
{
  g_return_if_fail (KRING_IS_TEAMMATES_VIEW (self));

  dismiss_error_toast (self);
  kring_paged_model_reload (self->model);
  load_account (self);
  update_state (self);
}

static void
kring_teammates_view_constructed (GObject *object)
{
  KringTeammatesView *self = KRING_TEAMMATES_VIEW (object);
  g_autoptr (KringListQuery) query = kring_list_query_new_teammates (self->account_id);
  g_autoptr (GtkSingleSelection) selection = NULL;

  G_OBJECT_CLASS (kring_teammates_view_parent_class)->constructed (object);

  self->model = kring_paged_model_new (self->client, query);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::n-items", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error", G_CALLBACK (model_error_changed), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  _kring_teammates_view_set_actions_factory (self);
  gtk_column_view_column_set_visible (self->actions_column,
                                      _kring_teammates_view_can_manage (self));
  gtk_widget_set_visible (self->add_button, _kring_teammates_view_can_manage (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teammates.add",
                                 _kring_teammates_view_can_manage (self));
  update_state (self);
  kring_client_get_plans_async (self->client, self->cancellable, plans_cb, self);
  load_account (self);
}

static void
kring_teammates_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringTeammatesView *self = KRING_TEAMMATES_VIEW (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        g_value_set_object (value, self->client);
        break;
      case PROP_ACCOUNT_ID:
        g_value_set_int64 (value, self->account_id);
        break;
      case PROP_ROLE:
        g_value_set_string (value, self->role);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_teammates_view_set_property (GObject *object, guint prop_id, const GValue *value,
                                   GParamSpec *pspec)
{
  KringTeammatesView *self = KRING_TEAMMATES_VIEW (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        self->client = g_value_dup_object (value);
        break;
      case PROP_ACCOUNT_ID:
        self->account_id = g_value_get_int64 (value);
        break;
      case PROP_ROLE:
        self->role = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_teammates_view_dispose (GObject *object)
{
  KringTeammatesView *self = KRING_TEAMMATES_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->add_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->add_dialog));
  g_clear_object (&self->toast);
  /* The template's toplevel child is the bin's: unparent it once, here. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KRING_TYPE_TEAMMATES_VIEW);
  g_clear_object (&self->model);
  g_clear_object (&self->client);
  g_clear_pointer (&self->table, kring_price_table_unref);
  g_clear_pointer (&self->account, kring_account_info_unref);
  g_clear_pointer (&self->failed_op, op_free);
  G_OBJECT_CLASS (kring_teammates_view_parent_class)->dispose (object);
}

static void
kring_teammates_view_finalize (GObject *object)
{
  KringTeammatesView *self = KRING_TEAMMATES_VIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->role);
  G_OBJECT_CLASS (kring_teammates_view_parent_class)->finalize (object);
}

static void
kring_teammates_view_class_init (KringTeammatesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kring_teammates_view_constructed;
  object_class->get_property = kring_teammates_view_get_property;
  object_class->set_property = kring_teammates_view_set_property;
  object_class->dispose = kring_teammates_view_dispose;
  object_class->finalize = kring_teammates_view_finalize;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, KRING_TYPE_CLIENT, flags);
  properties[PROP_ACCOUNT_ID]
      = g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, "member", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kring/Kring/ui/kring-teammates-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, toasts);
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, stack);
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, error_page);
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, seats_label);
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, price_label);
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, add_button);
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, name_column);
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, email_column);
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, role_column);
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, status_column);
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, added_column);
  gtk_widget_class_bind_template_child (widget_class, KringTeammatesView, actions_column);

  gtk_widget_class_install_action (widget_class, "teammates.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "teammates.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "teammates.retry", NULL, retry_activated);
  gtk_widget_class_install_action (widget_class, "teammates.set-role", "(xs)", set_role_activated);
  gtk_widget_class_install_action (widget_class, "teammates.resend", "x", resend_activated);
  gtk_widget_class_install_action (widget_class, "teammates.invite", "x", invite_activated);
  gtk_widget_class_install_action (widget_class, "teammates.remove", "x", remove_activated);
}

static void
kring_teammates_view_init (KringTeammatesView *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  _kring_teammates_view_set_text_factories (self);
}
