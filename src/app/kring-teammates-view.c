/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The teammates of an account.  What a change does to the price is worked
 * out by the core pricing engine from the account's plan, billing,
 * discounts and seats, and shown before the change is confirmed. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "kring-email.h"
#include "kring-error-messages.h"
#include "kring-invite-drop.h"
#include "kring-money.h"
#include "kring-paged-model.h"
#include "kring-teammates-view.h"

#define SHIPPED_TABLE_RESOURCE "/nl/kring/Kring/pricing.json"

typedef enum
{
  OP_ADD,
  OP_SET_ROLE,
  OP_REMOVE,
  OP_RESEND,
} OpKind;

/* A change asked of the server; kept after a failure that may pass, for
 * the toast's Retry. */
typedef struct
{
  KringTeammatesView *self;
  OpKind kind;
  gint64 teammate_id;
  char *email;
  char *name;
  char *role;
  char *who; /* how the toasts name the teammate */
} Op;

struct _KringTeammatesView
{
  AdwBin parent_instance;

  KringClient *client;
  gint64 account_id;
  char *role; /* the signed-in user's */
  GCancellable *cancellable;
  KringPagedModel *model;
  KringPriceTable *table;
  KringAccountInfo *account;
  gboolean account_failed;
  Op *failed_op;
  AdwToast *toast; /* the last one shown */
  gboolean toast_is_error;

  /* The Add teammate dialog, while it is open. */
  AdwMessageDialog *add_dialog;
  AdwEntryRow *add_email;
  AdwEntryRow *add_name;
  AdwComboRow *add_role;

  AdwToastOverlay *toasts;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkLabel *seats_label;
  GtkLabel *price_label;
  GtkWidget *add_button;
  GtkColumnView *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *role_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *added_column;
  GtkColumnViewColumn *actions_column;
};

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

/* The roles an owner may give, in the order offered; an admin the first two. */
static const char *const roles[] = { "member", "admin", "owner" };

static void run_op (KringTeammatesView *self, Op *op);
static void load_account (KringTeammatesView *self);

/* Words */

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "owner") == 0)
    return _ ("Owner");
  if (g_strcmp0 (role, "admin") == 0)
    return _ ("Administrator");
  return _ ("Member");
}

static const char *
ui_language (void)
{
  return g_get_language_names ()[0];
}

static char *
money (gint64 cents)
{
  return kring_money_format (cents, ui_language ());
}

/* The teammate as toasts and dialogs name them: their name, else email. */
static const char *
teammate_who (KringTeammateItem *item)
{
  const char *name = kring_teammate_item_get_name (item);

  return name != NULL && name[0] != '\0' ? name : kring_teammate_item_get_email (item);
}

static gboolean
can_manage (KringTeammatesView *self)
{
  return g_strcmp0 (self->role, "owner") == 0 || g_strcmp0 (self->role, "admin") == 0;
}

static gboolean
is_owner (KringTeammatesView *self)
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
  g_object_ref_sink (toast);
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_clear_object (&self->toast);
  self->toast = toast;
  self->toast_is_error = is_error;
  adw_toast_overlay_add_toast (self->toasts, g_object_ref (toast));
}

static void
dismiss_error_toast (KringTeammatesView *self)
{
  if (self->toast == NULL || !self->toast_is_error)
    return;
  adw_toast_dismiss (self->toast);
  g_clear_object (&self->toast);
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
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 0);
  if (retry_action != NULL)
    {
      adw_toast_set_button_label (toast, _ ("_Retry"));
      adw_toast_set_action_name (toast, retry_action);
    }
  present_toast (self, toast, TRUE);
}

/* Prices */

static KringPriceTable *
shipped_table (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
      = g_resources_lookup_data (SHIPPED_TABLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  KringPriceTable *table = NULL;

  if (bytes != NULL)
    table = kring_price_table_new_from_data (g_bytes_get_data (bytes, NULL),
                                             (gssize)g_bytes_get_size (bytes), &error);
  if (table == NULL)
    g_warning ("The shipped price table is broken: %s", error->message);
  return table;
}

/* The account's quote request for @users seats: its plan, billing and
 * discounts.  FALSE until the account and the table are known. */
static gboolean
account_request (KringTeammatesView *self, gint64 users, KringQuoteRequest *request)
{
  if (self->table == NULL || self->account == NULL)
    return FALSE;
  request->plan = kring_price_table_find_plan (self->table, self->account->plan);
  if (request->plan == NULL)
    return FALSE;
  request->users = CLAMP (users, KRING_QUOTE_MIN_USERS, KRING_QUOTE_MAX_USERS);
  request->yearly = g_strcmp0 (self->account->billing, "yearly") == 0;
  request->discount_mask = 0;
  for (guint i = 0; self->account->discounts != NULL && self->account->discounts[i] != NULL; i++)
    {
      int index = kring_price_table_get_discount_index (self->table, self->account->discounts[i]);
      const KringDiscount *discount
          = index >= 0 ? kring_price_table_get_discount (self->table, (guint)index) : NULL;

      if (discount != NULL && g_str_equal (discount->kind, "organisation"))
        request->discount_mask |= 1u << index;
    }
  request->partner_users = 0;
  return kring_quote_request_check (self->table, request, FALSE, NULL);
}

static gint64
monthly_cents (KringTeammatesView *self, const KringQuoteRequest *request)
{
  KringQuote quote;

  kring_quote_compute (self->table, request, &quote);
  return quote.per_month.excl_vat_cents;
}

/* Whether the plan holds no further teammate. */
static gboolean
plan_is_full (const KringQuoteRequest *request)
{
  return request->plan->max_users >= 0 && request->users + 1 > request->plan->max_users;
}

static char *
plan_full_text (const KringPlan *plan)
{
  return g_strdup_printf (
      /* Translators: %s is a plan's name. */
      ngettext ("The %s plan holds at most %" PRId64
                " user. Choose a larger plan under Plan & Price to add teammates.",
                "The %s plan holds at most %" PRId64
                " users. Choose a larger plan under Plan & Price to add teammates.",
                (gulong)plan->max_users),
      plan->name, plan->max_users);
}

/* "€ 79,00 → € 94,00 a month" for one more teammate, or why there is none. */
static char *
add_price_text (KringTeammatesView *self, gboolean *can_add)
{
  KringQuoteRequest request;
  g_autofree char *now = NULL;
  g_autofree char *next = NULL;
  gint64 now_cents;
  gint64 extra;

  *can_add = TRUE;
  if (!account_request (self, self->account != NULL ? self->account->seats : 0, &request))
    {
      if (self->account_failed)
        return g_strdup (_ ("The new price could not be worked out."));
      *can_add = FALSE;
      return g_strdup (_ ("Working out the new price…"));
    }
  if (plan_is_full (&request))
    {
      *can_add = FALSE;
      return plan_full_text (request.plan);
    }
  now_cents = monthly_cents (self, &request);
  extra = kring_quote_next_teammate_cents (self->table, &request);
  now = money (now_cents);
  if (extra == 0)
    return g_strdup_printf (
        /* Translators: %s is an amount, e.g. "€ 79,00". */
        _ ("The price stays %s a month, excluding VAT: your plan includes this teammate."), now);
  next = money (now_cents + extra);
  /* Translators: the monthly price before and after, e.g. "€ 79,00 → € 94,00 a month". */
  return g_strdup_printf (_ ("%s → %s a month, excluding VAT"), now, next);
}

static char *
seats_text (const KringPlan *plan, gint64 seats)
{
  if (plan->max_users >= 0)
    return g_strdup_printf (
        /* Translators: "Team plan: 5 of 15 users". */
        ngettext ("%s plan: %" PRId64 " of %" PRId64 " user",
                  "%s plan: %" PRId64 " of %" PRId64 " users", (gulong)plan->max_users),
        plan->name, seats, plan->max_users);
  return g_strdup_printf (
      ngettext ("%s plan: %" PRId64 " user", "%s plan: %" PRId64 " users", (gulong)seats),
      plan->name, seats);
}

/* The account header: seats on the plan and, for those who manage the
 * organisation, what it pays a month. */
static void
update_header (KringTeammatesView *self)
{
  KringQuoteRequest request;
  g_autofree char *seats = NULL;
  g_autofree char *price = NULL;
  g_autofree char *amount = NULL;

  if (!account_request (self, self->account != NULL ? self->account->seats : 0, &request))
    {
      gtk_label_set_text (self->seats_label, "");
      gtk_label_set_text (self->price_label, "");
      return;
    }
  seats = seats_text (request.plan, self->account->seats);
  gtk_label_set_text (self->seats_label, seats);
  if (can_manage (self))
    {
      amount = money (monthly_cents (self, &request));
      price = g_strdup_printf (request.yearly ? _ ("%s a month, excluding VAT, billed yearly")
                                              : _ ("%s a month, excluding VAT"),
                               amount);
    }
  gtk_label_set_text (self->price_label, price != NULL ? price : "");
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
  price = add_price_text (self, &can_add);
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
  for (guint i = 0; i < (is_owner (self) ? 3u : 2u); i++)
    gtk_string_list_append (labels, role_label (roles[i]));
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
      return plan_full_text (&plan);
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
        price = money (added->billing->per_month.excl_vat_cents);
        return g_strdup_printf (
            /* Translators: a teammate's name, then the new monthly price. */
            _ ("%s is now a teammate. The price is %s a month, excluding VAT."), op->who, price);
      case OP_SET_ROLE:
        /* Translators: "Jan de Vries is now Administrator." */
        return g_strdup_printf (_ ("%s is now %s."), op->who, role_label (op->role));
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
  op = op_new (self, OP_SET_ROLE, id, teammate_who (item));
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
static KringInviteeList *
teammate_invitees (KringTeammateItem *item)
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
  invitees = teammate_invitees (item);
  kring_invite_choose_dossier (parent_window (self), self->client, 0, invitees);
}

static void
remove_response_cb (KringTeammatesView *self, const char *response, AdwMessageDialog *dialog)
{
  KringTeammateItem *item = g_object_get_data (G_OBJECT (dialog), "teammate");

  if (g_str_equal (response, "remove"))
    run_op (self, op_new (self, OP_REMOVE, kring_teammate_item_get_id (item), teammate_who (item)));
}

/* What the monthly price becomes with one teammate fewer, or NULL. */
static char *
remove_price_text (KringTeammatesView *self)
{
  KringQuoteRequest request;
  g_autofree char *amount = NULL;

  if (self->account == NULL || self->account->seats < 2
      || !account_request (self, self->account->seats - 1, &request))
    return NULL;
  amount = money (monthly_cents (self, &request));
  return g_strdup_printf (_ ("The price becomes %s a month, excluding VAT."), amount);
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
  price = remove_price_text (self);
  body = g_strdup_printf ("%s%s%s",
                          _ ("They lose their access to the organisation and its dossiers."),
                          price != NULL ? " " : "", price != NULL ? price : "");
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), NULL, body));
  adw_message_dialog_format_heading (dialog, _ ("Remove %s?"), teammate_who (item));
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

static void
append_item (GMenu *section, const char *label, const char *action, GVariant *target)
{
  g_autoptr (GMenuItem) entry = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (entry, action, target);
  g_menu_append_item (section, entry);
}

/* The row menu: what the signed-in user may do with this teammate. */
static GMenuModel *
row_menu (KringTeammatesView *self, KringTeammateItem *item)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) roles_section = g_menu_new ();
  g_autoptr (GMenu) invite_section = g_menu_new ();
  g_autoptr (GMenu) remove_section = g_menu_new ();
  const char *role = kring_teammate_item_get_role (item);
  gint64 id = kring_teammate_item_get_id (item);
  /* Only owners grant or take "owner", and only they remove an owner. */
  gboolean may_change = is_owner (self) || g_strcmp0 (role, "owner") != 0;

  if (!can_manage (self))
    return NULL;
  for (guint i = 0; may_change && i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *label = NULL;

      if (g_strcmp0 (role, roles[i]) == 0 || (!is_owner (self) && g_str_equal (roles[i], "owner")))
        continue;
      /* Translators: a menu item, e.g. "Make Administrator". */
      label = g_strdup_printf (_ ("Make %s"), role_label (roles[i]));
      append_item (roles_section, label, "teammates.set-role",
                   g_variant_new ("(xs)", id, roles[i]));
    }
  if (g_strcmp0 (kring_teammate_item_get_status (item), "invited") == 0)
    append_item (invite_section, _ ("_Resend Invitation"), "teammates.resend",
                 g_variant_new_int64 (id));
  /* The keyboard's way to drag the row onto a dossier. */
  append_item (invite_section, _ ("_Invite to Dossier…"), "teammates.invite",
               g_variant_new_int64 (id));
  if (may_change)
    append_item (remove_section, _ ("Re_move…"), "teammates.remove", g_variant_new_int64 (id));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (roles_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (invite_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove_section));
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* Cells */

typedef char *(*CellText) (KringTeammateItem *item);

static char *
name_text (KringTeammateItem *item)
{
  const char *name = kring_teammate_item_get_name (item);

  return g_strdup (name != NULL && name[0] != '\0' ? name : "—");
}

static char *
email_text (KringTeammateItem *item)
{
  return g_strdup (kring_teammate_item_get_email (item));
}

static char *
role_text (KringTeammateItem *item)
{
  return g_strdup (role_label (kring_teammate_item_get_role (item)));
}

static char *
status_text (KringTeammateItem *item)
{
  return g_strdup (g_strcmp0 (kring_teammate_item_get_status (item), "invited") == 0
                       ? _ ("Invited")
                       : _ ("Active"));
}

static char *
added_text (KringTeammateItem *item)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (kring_teammate_item_get_added_at (item));

  /* The locale's date format. */
  return g_date_time_format (local, "%x");
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source, double x, double y, GtkListItem *list_item)
{
  KringTeammateItem *item = gtk_list_item_get_item (list_item);
  g_autoptr (KringInviteeList) invitees = NULL;

  if (!KRING_IS_TEAMMATE_ITEM (item))
    return NULL;
  invitees = teammate_invitees (item);
  return kring_invitee_list_create_content (invitees);
}

static void
drag_begin_cb (GtkDragSource *source, GdkDrag *drag, GtkWidget *cell)
{
  g_autoptr (GdkPaintable) icon = gtk_widget_paintable_new (cell);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

/* Every cell of a row drags the row's teammate. */
static void
add_drag_source (GtkListItem *list_item, GtkWidget *cell)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), list_item);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), cell);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (source));
}

static void
text_cell_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
  add_drag_source (list_item, label);
}

static void
text_cell_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer text)
{
  g_autofree char *value = ((CellText)text) (gtk_list_item_get_item (list_item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), value);
}

static void
set_text_factory (GtkColumnViewColumn *column, CellText text)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (text_cell_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (text_cell_bind), (gpointer)text);
  gtk_column_view_column_set_factory (column, factory);
}

static void
actions_cell_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (button, _ ("Teammate Actions"));
  gtk_list_item_set_child (list_item, button);
}

static void
actions_cell_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item,
                   KringTeammatesView *self)
{
  KringTeammateItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *button = gtk_list_item_get_child (list_item);
  g_autoptr (GMenuModel) menu = row_menu (self, item);
  /* Translators: the accessible name of a row's menu button. */
  g_autofree char *label = g_strdup_printf (_ ("Actions for %s"), teammate_who (item));

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_visible (button, menu != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
set_actions_factory (KringTeammatesView *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (actions_cell_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (actions_cell_bind), self);
  gtk_column_view_column_set_factory (self->actions_column, factory);
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
  update_header (self);
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
    table = shipped_table ();
  g_clear_pointer (&self->table, kring_price_table_unref);
  self->table = g_steal_pointer (&table);
  update_header (self);
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

  set_actions_factory (self);
  gtk_column_view_column_set_visible (self->actions_column, can_manage (self));
  gtk_widget_set_visible (self->add_button, can_manage (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "teammates.add", can_manage (self));
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
  set_text_factory (self->name_column, name_text);
  set_text_factory (self->email_column, email_text);
  set_text_factory (self->role_column, role_text);
  set_text_factory (self->status_column, status_text);
  set_text_factory (self->added_column, added_text);
}
