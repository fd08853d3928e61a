/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringDropSummary: one batch of invitations and what came of it. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-drop-summary.h"
#include "kring-error-messages.h"
#include "kring-money.h"

/* What the caller can be offered for a guest refused by the limit. */
typedef enum
{
  OFFER_UNKNOWN,     /* still looking up the account and its price */
  OFFER_UNAVAILABLE, /* the lookup failed: no offer */
  OFFER_NOT_ALLOWED, /* the caller is no owner or admin of the account */
  OFFER_PLAN_FULL,   /* the plan holds no more teammates */
  OFFER_PRICE,       /* one more teammate costs offer_cents a month */
} OfferState;

/* A guest refused by the three-dossier limit, and its row. */
typedef struct
{
  KringDropSummary *self; /* unowned: entries live as long as the summary */
  AdwActionRow *row;
  GtkButton *button;
  char *email;
  char *name;
  gboolean busy;
  gboolean done;
} LimitEntry;

struct _KringDropSummary
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  AdwToastOverlay *toasts;
  GtkStack *stack;
  AdwStatusPage *sending_page;
  GtkSpinner *spinner;
  AdwStatusPage *failed_page;
  GtkButton *retry_button;
  GtkListBox *kept_list;
  AdwPreferencesGroup *invited_group;
  AdwPreferencesGroup *limit_group;
  AdwPreferencesGroup *present_group;
  AdwPreferencesGroup *full_group;
  AdwPreferencesGroup *invalid_group;
  AdwPreferencesGroup *refused_group;

  KringClient *client;
  gint64 dossier_id;
  KringInviteeList *invitees;
  GCancellable *cancellable;
  KringDropSummaryState state;

  GPtrArray *limit_entries; /* of LimitEntry */
  OfferState offer;
  gint64 offer_cents;
  gint64 max_users;
  gint64 account_id;
  gint64 seats;
  KringAccountInfo *account;
  KringPriceTable *prices;
};

G_DEFINE_FINAL_TYPE (KringDropSummary, kring_drop_summary, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  PARTICIPANTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void send_batch (KringDropSummary *self);

static void
limit_entry_free (LimitEntry *entry)
{
  g_free (entry->email);
  g_free (entry->name);
  g_free (entry);
}

/* The language money is written in: the UI's. */
static const char *
ui_language (void)
{
  return g_get_language_names ()[0];
}

static void
set_state (KringDropSummary *self, KringDropSummaryState state, const char *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, state == KRING_DROP_SUMMARY_SENDING);
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
show_error_toast (KringDropSummary *self, const GError *error)
{
  g_autofree char *message = kring_error_message (error);

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static AdwActionRow *
new_row (const char *title, const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Names and addresses are data, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  return row;
}

/* A person's row: the name over the address, or the address alone. */
static AdwActionRow *
new_person_row (const char *name, const char *email)
{
  if (name != NULL && *name != '\0')
    return new_row (name, email);
  return new_row (email, NULL);
}

static void
add_to_group (AdwPreferencesGroup *group, AdwActionRow *row)
{
  adw_preferences_group_add (group, GTK_WIDGET (row));
  gtk_widget_set_visible (GTK_WIDGET (group), TRUE);
}

/* Sending, and failing */

static void
show_failed (KringDropSummary *self, const GError *error)
{
  KringInviteeList *list = self->invitees;
  guint n_valid = kring_invitee_list_get_n_valid (list);
  g_autofree char *message = kring_error_message (error);
  g_autofree char *description = NULL;
  GtkWidget *child;

  /* Trying again helps only when the server could not answer. */
  if (kring_error_is_transient (error))
    description = g_strdup_printf (
        ngettext ("%s\n%u address is kept: try again when the server is back.",
                  "%s\n%u addresses are kept: try again when the server is back.", n_valid),
        message, n_valid);
  adw_status_page_set_description (self->failed_page, description != NULL ? description : message);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), kring_error_is_transient (error));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->kept_list))) != NULL)
    gtk_list_box_remove (self->kept_list, child);
  for (guint i = 0; i < kring_invitee_list_get_n_items (list); i++)
    {
      const KringRecipient *r = kring_invitee_list_get_item (list, i);

      if (r->valid)
        gtk_list_box_append (self->kept_list, GTK_WIDGET (new_person_row (r->name, r->email)));
    }
  set_state (self, KRING_DROP_SUMMARY_FAILED, "failed");
}

/* The offer for guests refused by the limit */

static void
update_limit_entry (KringDropSummary *self, LimitEntry *entry)
{
  g_autofree char *price = NULL;
  g_autofree char *offer = NULL;
  gboolean can_make = FALSE;

  if (entry->done)
    offer = g_strdup (_ ("Now a teammate, and invited"));
  else if (self->offer == OFFER_PRICE && self->offer_cents == 0)
    {
      offer = g_strdup (_ ("Make them a teammate at no extra cost: your plan includes them"));
      can_make = TRUE;
    }
  else if (self->offer == OFFER_PRICE)
    {
      price = kring_money_format (self->offer_cents, ui_language ());
      /* Translators: %s is a monthly price, e.g. "€ 15,00" */
      offer = g_strdup_printf (_ ("Make them a teammate for %s a month"), price);
      can_make = TRUE;
    }
  else if (self->offer == OFFER_PLAN_FULL)
    offer = g_strdup_printf (ngettext ("Your plan holds at most %d teammate: a larger plan "
                                       "makes room",
                                       "Your plan holds at most %d teammates: a larger plan "
                                       "makes room",
                                       (gulong)self->max_users),
                             (int)self->max_users);
  else if (self->offer == OFFER_NOT_ALLOWED)
    offer = g_strdup (_ ("An owner or administrator can make them a teammate"));

  if (offer != NULL && entry->name != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf ("%s\n%s", entry->email, offer);
      adw_action_row_set_subtitle (entry->row, subtitle);
    }
  else
    adw_action_row_set_subtitle (entry->row, offer != NULL ? offer : "");
  gtk_widget_set_visible (GTK_WIDGET (entry->button), can_make && !entry->done);
  gtk_widget_set_sensitive (GTK_WIDGET (entry->button), !entry->busy);
}

static void
update_limit_entries (KringDropSummary *self)
{
  for (guint i = 0; i < self->limit_entries->len; i++)
    update_limit_entry (self, g_ptr_array_index (self->limit_entries, i));
}

static guint32
discount_mask (KringPriceTable *prices, const char *const *discounts)
{
  guint32 mask = 0;

  for (guint i = 0; discounts != NULL && discounts[i] != NULL; i++)
    {
      int index = kring_price_table_get_discount_index (prices, discounts[i]);

      if (index >= 0
          && g_strcmp0 (kring_price_table_get_discount (prices, index)->kind, "organisation") == 0)
        mask |= 1u << index;
    }
  return mask;
}

/* What one more teammate costs the account a month (PRICING.md, "What the
 * calculator pane adds"), from its plan, billing, discounts and seats. */
static void
compute_offer (KringDropSummary *self)
{
  const KringPlan *plan = kring_price_table_find_plan (self->prices, self->account->plan);
  KringQuoteRequest request = { 0 };

  self->offer = OFFER_UNAVAILABLE;
  if (plan == NULL)
    return;
  if (plan->max_users >= 0 && self->seats >= plan->max_users)
    {
      self->max_users = plan->max_users;
      self->offer = OFFER_PLAN_FULL;
      return;
    }
  request.plan = plan;
  request.users = MAX (self->seats, KRING_QUOTE_MIN_USERS);
  request.yearly = g_strcmp0 (self->account->billing, "yearly") == 0;
  request.discount_mask
      = discount_mask (self->prices, (const char *const *)self->account->discounts);
  if (!kring_quote_request_check (self->prices, &request, FALSE, NULL))
    return;
  self->offer_cents = kring_quote_next_teammate_cents (self->prices, &request);
  self->offer = OFFER_PRICE;
}

static void
offer_lookup_failed (KringDropSummary *self, GError *error)
{
  if (kring_error_is_cancelled (error))
    return;
  g_debug ("no teammate offer: %s", error->message);
  self->offer = OFFER_UNAVAILABLE;
  update_limit_entries (self);
}

static void
plans_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringDropSummary) self = user_data;
  g_autoptr (GError) error = NULL;

  self->prices = kring_client_get_plans_finish (KRING_CLIENT (source), result, &error);
  if (self->prices == NULL)
    return offer_lookup_failed (self, error);
  compute_offer (self);
  update_limit_entries (self);
}

static void
account_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringDropSummary) self = user_data;
  g_autoptr (GError) error = NULL;

  self->account = kring_client_get_account_finish (KRING_CLIENT (source), result, &error);
  if (self->account == NULL)
    return offer_lookup_failed (self, error);
  self->seats = self->account->seats;
  kring_client_get_plans_async (self->client, self->cancellable, plans_cb, g_object_ref (self));
}

static void
me_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringDropSummary) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringMe) me = kring_client_get_me_finish (KRING_CLIENT (source), result, &error);
  const char *role = NULL;

  if (me == NULL)
    return offer_lookup_failed (self, error);
  for (guint i = 0; i < me->memberships->len; i++)
    {
      KringMembership *membership = g_ptr_array_index (me->memberships, i);

      if (membership->account->id == self->account_id)
        role = membership->role;
    }
  if (g_strcmp0 (role, "owner") != 0 && g_strcmp0 (role, "admin") != 0)
    {
      self->offer = OFFER_NOT_ALLOWED;
      update_limit_entries (self);
      return;
    }
  kring_client_get_account_async (self->client, self->account_id, self->cancellable, account_cb,
                                  g_object_ref (self));
}

static void
dossier_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringDropSummary) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringDossierItem) dossier
      = kring_client_get_dossier_finish (KRING_CLIENT (source), result, &error);

  if (dossier == NULL)
    return offer_lookup_failed (self, error);
  self->account_id = kring_dossier_item_get_account_id (dossier);
  kring_client_get_me_async (self->client, self->cancellable, me_cb, g_object_ref (self));
}

/* Only an owner or admin of the dossier's account may add a teammate, and
 * the price depends on that account: both are looked up when needed. */
static void
start_offer_lookup (KringDropSummary *self)
{
  self->offer = OFFER_UNKNOWN;
  kring_client_get_dossier_async (self->client, self->dossier_id, self->cancellable, dossier_cb,
                                  g_object_ref (self));
}

/* Make teammate */

typedef struct
{
  KringDropSummary *self;
  LimitEntry *entry;
} MakeTeammate;

static void
make_teammate_free (MakeTeammate *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MakeTeammate, make_teammate_free)

static void
make_teammate_failed (MakeTeammate *data, const GError *error)
{
  data->entry->busy = FALSE;
  update_limit_entry (data->self, data->entry);
  if (!kring_error_is_cancelled (error))
    show_error_toast (data->self, error);
}

static void
reinvited_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (MakeTeammate) data = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringParticipantItem) participant
      = kring_client_add_participant_finish (KRING_CLIENT (source), result, &error);

  if (participant == NULL
      && !g_error_matches (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_ALREADY_PARTICIPANT))
    return make_teammate_failed (data, error);
  data->entry->busy = FALSE;
  data->entry->done = TRUE;
  update_limit_entries (data->self);
  g_signal_emit (data->self, signals[PARTICIPANTS_CHANGED], 0);
}

static void
reinvite (MakeTeammate *data)
{
  KringInvitee invitee = {
    .email = data->entry->email,
    .name = data->entry->name,
    .can_write = KRING_CAN_WRITE_DEFAULT,
  };
  KringDropSummary *self = data->self;

  kring_client_add_participant_async (self->client, self->dossier_id, &invitee, self->cancellable,
                                      reinvited_cb, data);
}

static void
teammate_added_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (MakeTeammate) data = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringTeammateAdded) added
      = kring_client_add_teammate_finish (KRING_CLIENT (source), result, &error);
  KringDropSummary *self = data->self;

  if (added != NULL)
    {
      /* The next one costs what one more seat on top of these costs. */
      self->seats = added->billing->users;
      compute_offer (self);
    }
  else if (!g_error_matches (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_TEAMMATE_EXISTS))
    return make_teammate_failed (data, error);
  reinvite (g_steal_pointer (&data));
}

static void
on_make_teammate_clicked (GtkButton *button, LimitEntry *entry)
{
  KringDropSummary *self = entry->self;
  MakeTeammate *data;

  if (entry->busy || entry->done || self->offer != OFFER_PRICE)
    return;
  entry->busy = TRUE;
  update_limit_entry (self, entry);
  data = g_new0 (MakeTeammate, 1);
  data->self = g_object_ref (self);
  data->entry = entry;
  kring_client_add_teammate_async (self->client, self->account_id, entry->email, entry->name,
                                   "member", self->cancellable, teammate_added_cb, data);
}

/* Results */

static void
add_limit_entry (KringDropSummary *self, const KringRecipient *recipient,
                 const KringProblemDetails *problem)
{
  LimitEntry *entry = g_new0 (LimitEntry, 1);
  g_autofree char *description = NULL;

  entry->self = self;
  entry->email = g_strdup (recipient->email);
  entry->name = g_strdup (recipient->name);
  entry->row = new_person_row (recipient->name, recipient->email);
  adw_action_row_set_subtitle_lines (entry->row, 0);
  entry->button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("Make _Teammate")));
  gtk_widget_set_valign (GTK_WIDGET (entry->button), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (entry->button), FALSE);
  g_signal_connect (entry->button, "clicked", G_CALLBACK (on_make_teammate_clicked), entry);
  adw_action_row_add_suffix (entry->row, GTK_WIDGET (entry->button));
  g_ptr_array_add (self->limit_entries, entry);

  if (self->limit_entries->len == 1)
    {
      gint64 limit = problem->limit > 0 ? problem->limit : 3;
      g_autofree char *title = NULL;

      title = g_strdup_printf (ngettext ("Already a Guest in %d Dossier",
                                         "Already a Guest in %d Dossiers", (gulong)limit),
                               (int)limit);
      description = g_strdup_printf (
          ngettext ("A guest takes part in at most %d dossier at a time. A teammate has no "
                    "such limit.",
                    "A guest takes part in at most %d dossiers at a time. A teammate has no "
                    "such limit.",
                    (gulong)limit),
          (int)limit);
      adw_preferences_group_set_title (self->limit_group, title);
      adw_preferences_group_set_description (self->limit_group, description);
    }
  add_to_group (self->limit_group, entry->row);
}

static void
add_full (KringDropSummary *self, const KringRecipient *recipient,
          const KringProblemDetails *problem)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->full_group)))
    {
      gint64 limit = problem->limit > 0 ? problem->limit : 1000;
      g_autofree char *description
          = g_strdup_printf (ngettext ("A dossier holds at most %d guest.",
                                       "A dossier holds at most %d guests.", (gulong)limit),
                             (int)limit);

      adw_preferences_group_set_description (self->full_group, description);
    }
  add_to_group (self->full_group, new_person_row (recipient->name, recipient->email));
}

/* One address and the server's answer to it. */
static gboolean
add_result (KringDropSummary *self, const KringRecipient *recipient, KringBatchResult *result)
{
  KringProblemCode code = result->problem != NULL ? result->problem->code : KRING_PROBLEM_NONE;

  if (result->status == 201)
    {
      const char *name = result->participant != NULL
                             ? kring_participant_item_get_name (result->participant)
                             : NULL;

      add_to_group (self->invited_group,
                    new_person_row (name != NULL ? name : recipient->name, recipient->email));
      return TRUE;
    }
  if (code == KRING_PROBLEM_ALREADY_PARTICIPANT)
    add_to_group (self->present_group, new_person_row (recipient->name, recipient->email));
  else if (code == KRING_PROBLEM_GUEST_DOSSIER_LIMIT)
    add_limit_entry (self, recipient, result->problem);
  else if (code == KRING_PROBLEM_DOSSIER_GUEST_CAPACITY)
    add_full (self, recipient, result->problem);
  else if (code == KRING_PROBLEM_INVALID_EMAIL)
    add_to_group (self->invalid_group, new_row (recipient->raw, NULL));
  else
    add_to_group (
        self->refused_group,
        new_row (recipient->email, kring_error_message_for_code (
                                       kring_problem_details_get_error_code (result->problem))));
  return FALSE;
}

static void
show_results (KringDropSummary *self, GPtrArray *results)
{
  KringInviteeList *list = self->invitees;
  guint n_invited = 0;
  guint next = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < kring_invitee_list_get_n_items (list); i++)
    {
      const KringRecipient *r = kring_invitee_list_get_item (list, i);

      if (!r->valid)
        add_to_group (self->invalid_group, new_row (r->raw, NULL));
      else if (results != NULL && next < results->len)
        n_invited += add_result (self, r, g_ptr_array_index (results, next++));
    }
  subtitle
      = g_strdup_printf (ngettext ("%u person invited", "%u people invited", n_invited), n_invited);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  set_state (self, KRING_DROP_SUMMARY_DONE, "results");
  if (self->limit_entries->len > 0)
    start_offer_lookup (self);
  if (n_invited > 0)
    g_signal_emit (self, signals[PARTICIPANTS_CHANGED], 0);
}

static void
batch_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringDropSummary) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results
      = kring_client_add_participants_finish (KRING_CLIENT (source), result, &error);

  if (results == NULL && kring_error_is_cancelled (error))
    return;
  if (results == NULL)
    return show_failed (self, error);
  show_results (self, results);
}

static void
send_batch (KringDropSummary *self)
{
  KringInviteeList *list = self->invitees;
  guint n_valid = kring_invitee_list_get_n_valid (list);
  g_autoptr (GArray) invitees = g_array_sized_new (FALSE, TRUE, sizeof (KringInvitee), n_valid);
  g_autofree char *description = NULL;

  if (kring_invitee_list_get_n_items (list) == 0)
    return set_state (self, KRING_DROP_SUMMARY_DONE, "empty");
  if (n_valid == 0)
    return show_results (self, NULL);

  for (guint i = 0; i < kring_invitee_list_get_n_items (list); i++)
    {
      const KringRecipient *r = kring_invitee_list_get_item (list, i);
      KringInvitee invitee = { r->email, r->name, KRING_CAN_WRITE_DEFAULT };

      if (r->valid)
        g_array_append_val (invitees, invitee);
    }
  description
      = g_strdup_printf (ngettext ("Inviting %u person…", "Inviting %u people…", n_valid), n_valid);
  adw_status_page_set_description (self->sending_page, description);
  set_state (self, KRING_DROP_SUMMARY_SENDING, "sending");
  /* The strings stay in the list until the call has read them. */
  kring_client_add_participants_async (self->client, self->dossier_id,
                                       (const KringInvitee *)invitees->data, invitees->len,
                                       self->cancellable, batch_cb, g_object_ref (self));
}

static void
on_retry_clicked (KringDropSummary *self)
{
  kring_drop_summary_retry (self);
}

KringDropSummary *
kring_drop_summary_new (KringClient *client, gint64 dossier_id, KringInviteeList *invitees)
{
  KringDropSummary *self;

  g_return_val_if_fail (KRING_IS_CLIENT (client), NULL);
  g_return_val_if_fail (invitees != NULL, NULL);

  self = g_object_new (KRING_TYPE_DROP_SUMMARY, NULL);
  self->client = g_object_ref (client);
  self->dossier_id = dossier_id;
  self->invitees = kring_invitee_list_ref (invitees);
  send_batch (self);
  return self;
}

KringDropSummaryState
kring_drop_summary_get_state (KringDropSummary *self)
{
  g_return_val_if_fail (KRING_IS_DROP_SUMMARY (self), KRING_DROP_SUMMARY_SENDING);
  return self->state;
}

KringInviteeList *
kring_drop_summary_get_invitees (KringDropSummary *self)
{
  g_return_val_if_fail (KRING_IS_DROP_SUMMARY (self), NULL);
  return self->invitees;
}

void
kring_drop_summary_retry (KringDropSummary *self)
{
  g_return_if_fail (KRING_IS_DROP_SUMMARY (self));

  /* Results are final; only a failed request is sent again. */
  if (self->state == KRING_DROP_SUMMARY_FAILED)
    send_batch (self);
}

static void
kring_drop_summary_dispose (GObject *object)
{
  KringDropSummary *self = KRING_DROP_SUMMARY (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KRING_TYPE_DROP_SUMMARY);
  G_OBJECT_CLASS (kring_drop_summary_parent_class)->dispose (object);
}

static void
kring_drop_summary_finalize (GObject *object)
{
  KringDropSummary *self = KRING_DROP_SUMMARY (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->invitees, kring_invitee_list_unref);
  g_clear_pointer (&self->limit_entries, g_ptr_array_unref);
  g_clear_pointer (&self->account, kring_account_info_unref);
  g_clear_pointer (&self->prices, kring_price_table_unref);
  G_OBJECT_CLASS (kring_drop_summary_parent_class)->finalize (object);
}

static void
kring_drop_summary_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringDropSummary *self = KRING_DROP_SUMMARY (object);

  switch (prop_id)
    {
      case PROP_STATE:
        g_value_set_int (value, self->state);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_drop_summary_class_init (KringDropSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kring_drop_summary_dispose;
  object_class->finalize = kring_drop_summary_finalize;
  object_class->get_property = kring_drop_summary_get_property;

  /* A KringDropSummaryState. */
  properties[PROP_STATE]
      = g_param_spec_int ("state", NULL, NULL, KRING_DROP_SUMMARY_SENDING, KRING_DROP_SUMMARY_DONE,
                          KRING_DROP_SUMMARY_SENDING,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PARTICIPANTS_CHANGED]
      = g_signal_new ("participants-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kring/Kring/ui/kring-drop-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, window_title);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, toasts);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, stack);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, sending_page);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, spinner);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, failed_page);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, retry_button);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, kept_list);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, invited_group);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, limit_group);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, present_group);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, full_group);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, invalid_group);
  gtk_widget_class_bind_template_child (widget_class, KringDropSummary, refused_group);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kring_drop_summary_init (KringDropSummary *self)
{
  self->cancellable = g_cancellable_new ();
  self->limit_entries = g_ptr_array_new_with_free_func ((GDestroyNotify)limit_entry_free);
  self->state = KRING_DROP_SUMMARY_SENDING;
  gtk_widget_init_template (GTK_WIDGET (self));
}
