/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringParticipantsView: who takes part in a dossier, and inviting more. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-error-messages.h"
#include "kring-paged-model.h"
#include "kring-participants-view-private.h"

G_DEFINE_FINAL_TYPE (KringParticipantsView, kring_participants_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_DOSSIER_ID,
  PROP_CAN_MANAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error_toast (KringParticipantsView *self, const GError *error)
{
  g_autofree char *message = kring_error_message (error);

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

GtkWindow *
_kring_participants_view_parent_window (KringParticipantsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

KringParticipantItem *
_kring_participants_item_of (GtkWidget *cell)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (cell), LIST_ITEM_KEY);

  return list_item != NULL ? gtk_list_item_get_item (list_item) : NULL;
}

/* Loading state */

static void
update_page (KringParticipantsView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  const GError *error = kring_paged_model_get_error (self->model);
  gboolean complete = kring_paged_model_get_complete (self->model);
  const char *page = "list";

  if (n_items == 0 && error != NULL)
    {
      g_autofree char *message = kring_error_message (error);

      adw_status_page_set_description (self->error_page, message);
      page = "error";
    }
  else if (n_items == 0 && complete)
    page = "empty";
  else if (n_items == 0)
    page = "loading";
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));

  if (complete && n_items > 0)
    {
      g_autofree char *count
          = g_strdup_printf (ngettext ("%u participant", "%u participants", n_items), n_items);
      gtk_label_set_text (self->count_label, count);
    }
  else
    gtk_label_set_text (self->count_label, "");
}

static void
on_toast_retry (KringParticipantsView *self)
{
  kring_participants_view_reload (self);
}

static void
on_model_error (KringParticipantsView *self)
{
  const GError *error = kring_paged_model_get_error (self->model);
  g_autofree char *message = NULL;
  AdwToast *toast;

  update_page (self);
  /* With rows shown they stay; a toast tells what failed. */
  if (error == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;
  message = kring_error_message (error);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _ ("_Retry"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_retry), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* What the caller may do */

static void
apply_caller (KringParticipantsView *self, const char *role, const char *access, gboolean archived)
{
  gboolean admin = g_strcmp0 (role, "owner") == 0 || g_strcmp0 (role, "admin") == 0;
  gboolean can_manage
      = admin || (g_strcmp0 (role, "member") == 0 && g_strcmp0 (access, "team") == 0);

  self->guest_caller = !admin && g_strcmp0 (access, "guest") == 0;
  self->can_invite = can_manage && !archived;
  /* A guest gets names only: the other columns would stay empty. */
  gtk_column_view_column_set_visible (self->email_column, !self->guest_caller);
  gtk_column_view_column_set_visible (self->guests_column, !self->guest_caller);
  gtk_column_view_column_set_visible (self->write_column, !self->guest_caller);
  gtk_column_view_column_set_visible (self->status_column, !self->guest_caller);
  gtk_column_view_column_set_visible (self->added_column, !self->guest_caller);
  gtk_column_view_column_set_visible (self->actions_column, can_manage);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), self->can_invite);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_add_button), self->can_invite);
  kring_invite_drop_set_dossier_id (self->invite_drop, self->can_invite ? self->dossier_id : 0);
  if (self->can_manage != can_manage)
    {
      self->can_manage = can_manage;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_MANAGE]);
    }
}

typedef struct
{
  KringParticipantsView *self;
  KringDossierItem *dossier;
} CallerLookup;

static void
caller_lookup_free (CallerLookup *lookup)
{
  g_object_unref (lookup->self);
  g_clear_object (&lookup->dossier);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CallerLookup, caller_lookup_free)

static void
caller_me_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CallerLookup) lookup = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringMe) me = kring_client_get_me_finish (KRING_CLIENT (source), result, &error);
  gint64 account_id = kring_dossier_item_get_account_id (lookup->dossier);
  const char *role = NULL;

  if (me == NULL || lookup->self->caller_known)
    return;
  for (guint i = 0; i < me->memberships->len; i++)
    {
      KringMembership *membership = g_ptr_array_index (me->memberships, i);

      if (membership->account->id == account_id)
        role = membership->role;
    }
  apply_caller (lookup->self, role, kring_dossier_item_get_my_access (lookup->dossier),
                kring_dossier_item_get_archived (lookup->dossier));
}

static void
caller_dossier_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CallerLookup) lookup = user_data;
  g_autoptr (GError) error = NULL;
  KringParticipantsView *self = lookup->self;

  lookup->dossier = kring_client_get_dossier_finish (KRING_CLIENT (source), result, &error);
  if (lookup->dossier == NULL)
    {
      /* The list reports what is wrong; no actions without knowing. */
      if (!kring_error_is_cancelled (error))
        g_debug ("cannot tell what the caller may do: %s", error->message);
      return;
    }
  if (self->caller_known)
    return;
  kring_client_get_me_async (self->client, self->cancellable, caller_me_cb,
                             g_steal_pointer (&lookup));
}

static void
start_caller_lookup (KringParticipantsView *self)
{
  CallerLookup *lookup = g_new0 (CallerLookup, 1);

  lookup->self = g_object_ref (self);
  kring_client_get_dossier_async (self->client, self->dossier_id, self->cancellable,
                                  caller_dossier_cb, lookup);
}

/* Cells */

static void
on_drag_begin (GtkDragSource *source, GdkDrag *drag, KringParticipantsView *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr (GdkPaintable) icon = gtk_widget_paintable_new (widget);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

/* A row dragged onto another dossier invites the person there. */
static GdkContentProvider *
on_drag_prepare (GtkDragSource *source, double x, double y, KringParticipantsView *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  KringParticipantItem *participant = _kring_participants_item_of (widget);
  g_autoptr (KringInviteeList) invitees = NULL;

  if (participant == NULL || kring_participant_item_get_email (participant) == NULL)
    return NULL;
  invitees = kring_invitee_list_new_for_participant (participant);
  return kring_invitee_list_create_content (invitees);
}

static void
on_setup_label (KringParticipantsView *self, GtkListItem *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_set_data (G_OBJECT (label), LIST_ITEM_KEY, list_item);
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect_object (source, "prepare", G_CALLBACK (on_drag_prepare), self, 0);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (on_drag_begin), self, 0);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (source));
  gtk_list_item_set_child (list_item, label);
}

static void
set_label (GtkListItem *list_item, const char *text)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text != NULL ? text : "");
}

static void
on_bind_name (KringParticipantsView *self, GtkListItem *list_item)
{
  KringParticipantItem *participant = gtk_list_item_get_item (list_item);
  const char *name = kring_participant_item_get_name (participant);

  /* Someone invited without a name is known by their address. */
  set_label (list_item, name != NULL ? name : kring_participant_item_get_email (participant));
}

static void
on_bind_email (KringParticipantsView *self, GtkListItem *list_item)
{
  set_label (list_item, kring_participant_item_get_email (gtk_list_item_get_item (list_item)));
}

static const char *
access_label (const char *access)
{
  if (g_strcmp0 (access, "team") == 0)
    return C_ ("access", "Team");
  if (g_strcmp0 (access, "external") == 0)
    return C_ ("access", "External");
  if (g_strcmp0 (access, "guest") == 0)
    return C_ ("access", "Guest");
  return access;
}

static void
on_bind_access (KringParticipantsView *self, GtkListItem *list_item)
{
  KringParticipantItem *participant = gtk_list_item_get_item (list_item);

  set_label (list_item, access_label (kring_participant_item_get_access (participant)));
}

static void
on_bind_guest_dossiers (KringParticipantsView *self, GtkListItem *list_item)
{
  KringParticipantItem *participant = gtk_list_item_get_item (list_item);
  gint64 used = kring_participant_item_get_guest_dossiers_used (participant);
  gint64 limit = kring_participant_item_get_guest_dossiers_limit (participant);
  g_autofree char *text = NULL;

  if (g_strcmp0 (kring_participant_item_get_access (participant), "guest") == 0 && used >= 0
      && limit >= 0)
    /* Translators: dossiers a guest takes part in, of the most allowed: "2 of 3" */
    text = g_strdup_printf (_ ("%d of %d"), (int)used, (int)limit);
  set_label (list_item, text);
}

static void
on_bind_status (KringParticipantsView *self, GtkListItem *list_item)
{
  const char *status = kring_participant_item_get_status (gtk_list_item_get_item (list_item));

  if (g_strcmp0 (status, "invited") == 0)
    set_label (list_item, C_ ("participant status", "Invited"));
  else if (g_strcmp0 (status, "active") == 0)
    set_label (list_item, C_ ("participant status", "Active"));
  else
    set_label (list_item, status);
}

static void
on_bind_added (KringParticipantsView *self, GtkListItem *list_item)
{
  GDateTime *added = kring_participant_item_get_added_at (gtk_list_item_get_item (list_item));
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *text = NULL;

  if (added != NULL)
    {
      local = g_date_time_to_local (added);
      /* The locale's date format. */
      text = g_date_time_format (local, "%x");
    }
  set_label (list_item, text);
}

/* Row actions */

typedef struct
{
  KringParticipantsView *self;
  KringParticipantItem *participant;
} RowAction;

static RowAction *
row_action_new (KringParticipantsView *self, KringParticipantItem *participant)
{
  RowAction *action = g_new0 (RowAction, 1);

  action->self = g_object_ref (self);
  action->participant = g_object_ref (participant);
  return action;
}

static void
row_action_free (RowAction *action)
{
  g_object_unref (action->self);
  g_object_unref (action->participant);
  g_free (action);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RowAction, row_action_free)

static const char *
display_name (KringParticipantItem *participant)
{
  const char *name = kring_participant_item_get_name (participant);

  return name != NULL ? name : kring_participant_item_get_email (participant);
}

static void
removed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RowAction) action = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!kring_client_remove_participant_finish (KRING_CLIENT (source), result, &error))
    {
      if (!kring_error_is_cancelled (error))
        show_error_toast (action->self, error);
      return;
    }
  message = g_strdup_printf (_ ("%s removed"), display_name (action->participant));
  adw_toast_overlay_add_toast (action->self->toasts, adw_toast_new (message));
  kring_participants_view_reload (action->self);
}

static void
on_remove_response (AdwMessageDialog *dialog, const char *response, RowAction *action)
{
  KringParticipantsView *self = action->self;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  kring_client_remove_participant_async (
      self->client, self->dossier_id, kring_participant_item_get_id (action->participant),
      self->cancellable, removed_cb, row_action_new (self, action->participant));
}

static void
confirm_remove (KringParticipantsView *self, KringParticipantItem *participant)
{
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a person's name or email address */
  heading = g_strdup_printf (_ ("Remove %s?"), display_name (participant));
  dialog = adw_message_dialog_new (_kring_participants_view_parent_window (self), heading,
                                   _ ("They will no longer see this dossier. You can invite them "
                                      "again later."));
  adw_message_dialog_set_heading_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "remove",
                                    _ ("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remove_response),
                         row_action_new (self, participant),
                         (GClosureNotify)(void (*) (void))row_action_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RowAction) action = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!kring_client_resend_participant_invitation_finish (KRING_CLIENT (source), result, &error))
    {
      if (!kring_error_is_cancelled (error))
        show_error_toast (action->self, error);
      return;
    }
  message = g_strdup_printf (_ ("Invitation sent again to %s"), display_name (action->participant));
  adw_toast_overlay_add_toast (action->self->toasts, adw_toast_new (message));
}

static void
on_remove_clicked (GtkButton *button, KringParticipantsView *self)
{
  KringParticipantItem *participant = _kring_participants_item_of (GTK_WIDGET (button));

  if (participant != NULL)
    confirm_remove (self, participant);
}

static void
on_resend_clicked (GtkButton *button, KringParticipantsView *self)
{
  KringParticipantItem *participant = _kring_participants_item_of (GTK_WIDGET (button));

  if (participant == NULL)
    return;
  kring_client_resend_participant_invitation_async (
      self->client, self->dossier_id, kring_participant_item_get_id (participant),
      self->cancellable, resent_cb, row_action_new (self, participant));
}

static void
on_invite_to_dossier (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWidget *box = user_data;
  KringParticipantsView *self
      = KRING_PARTICIPANTS_VIEW (gtk_widget_get_ancestor (box, KRING_TYPE_PARTICIPANTS_VIEW));
  KringParticipantItem *participant = _kring_participants_item_of (box);
  g_autoptr (KringInviteeList) invitees = NULL;

  if (self == NULL || participant == NULL || kring_participant_item_get_email (participant) == NULL)
    return;
  invitees = kring_invitee_list_new_for_participant (participant);
  kring_invite_choose_dossier (_kring_participants_view_parent_window (self), self->client,
                               self->dossier_id, invitees);
}

static GtkWidget *
icon_button (const char *icon_name, const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
on_setup_actions (KringParticipantsView *self, GtkListItem *list_item)
{
  static const GActionEntry entries[] = {
    { .name = "invite-to-dossier", .activate = on_invite_to_dossier },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *resend = icon_button ("mail-send-symbolic", _ ("Send Invitation Again"));
  GtkWidget *remove = icon_button ("user-trash-symbolic", _ ("Remove"));
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), box);
  gtk_widget_insert_action_group (box, "participant", G_ACTION_GROUP (group));
  g_menu_append (menu, _ ("_Invite to Dossier…"), "participant.invite-to-dossier");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (menu_button, _ ("More"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("More"), -1);
  gtk_widget_add_css_class (menu_button, "flat");

  g_object_set_data (G_OBJECT (box), LIST_ITEM_KEY, list_item);
  g_object_set_data (G_OBJECT (resend), LIST_ITEM_KEY, list_item);
  g_object_set_data (G_OBJECT (remove), LIST_ITEM_KEY, list_item);
  g_signal_connect_object (resend, "clicked", G_CALLBACK (on_resend_clicked), self, 0);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked), self, 0);
  gtk_box_append (GTK_BOX (box), resend);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_box_append (GTK_BOX (box), menu_button);
  gtk_list_item_set_child (list_item, box);
}

static void
on_bind_actions (KringParticipantsView *self, GtkListItem *list_item)
{
  KringParticipantItem *participant = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *resend = gtk_widget_get_first_child (box);
  GtkWidget *menu_button = gtk_widget_get_last_child (box);

  gtk_widget_set_visible (
      resend, g_strcmp0 (kring_participant_item_get_status (participant), "invited") == 0);
  gtk_widget_set_visible (menu_button, kring_participant_item_get_email (participant) != NULL);
}

static void
on_add_clicked (KringParticipantsView *self)
{
  kring_participants_view_add_by_email (self);
}

static void
on_retry_clicked (KringParticipantsView *self)
{
  kring_participants_view_reload (self);
}

/* Public API */

GtkWidget *
kring_participants_view_new (KringClient *client, gint64 dossier_id)
{
  g_return_val_if_fail (KRING_IS_CLIENT (client), NULL);
  g_return_val_if_fail (dossier_id > 0, NULL);

  return g_object_new (KRING_TYPE_PARTICIPANTS_VIEW, "client", client, "dossier-id", dossier_id,
                       NULL);
}

void
kring_participants_view_set_caller (KringParticipantsView *self, const char *role,
                                    const char *access)
{
  g_return_if_fail (KRING_IS_PARTICIPANTS_VIEW (self));

  self->caller_known = TRUE;
  apply_caller (self, role, access, FALSE);
}

gboolean
kring_participants_view_get_can_manage (KringParticipantsView *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANTS_VIEW (self), FALSE);
  return self->can_manage;
}

gint64
kring_participants_view_get_dossier_id (KringParticipantsView *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANTS_VIEW (self), 0);
  return self->dossier_id;
}

GListModel *
kring_participants_view_get_model (KringParticipantsView *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->model);
}

void
kring_participants_view_reload (KringParticipantsView *self)
{
  g_return_if_fail (KRING_IS_PARTICIPANTS_VIEW (self));

  /* Fresh items carry the server's can_write again. */
  g_hash_table_remove_all (self->can_write);
  kring_paged_model_reload (self->model);
  update_page (self);
}

KringInviteDrop *
kring_participants_view_get_invite_drop (KringParticipantsView *self)
{
  g_return_val_if_fail (KRING_IS_PARTICIPANTS_VIEW (self), NULL);
  return self->invite_drop;
}

/* GObject */

static void
kring_participants_view_constructed (GObject *object)
{
  KringParticipantsView *self = KRING_PARTICIPANTS_VIEW (object);
  g_autoptr (KringListQuery) query = kring_list_query_new_participants (self->dossier_id);
  g_autoptr (GtkNoSelection) selection = NULL;

  G_OBJECT_CLASS (kring_participants_view_parent_class)->constructed (object);

  self->model = kring_paged_model_new (self->client, query);
  g_signal_connect_object (self->model, "notify::n-items", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::complete", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error", G_CALLBACK (on_model_error), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  /* No drops until the caller is known to be allowed to invite. */
  self->invite_drop = kring_invite_drop_attach (GTK_WIDGET (self), self->client, 0);
  g_signal_connect_object (self->invite_drop, "invited",
                           G_CALLBACK (kring_participants_view_reload), self, G_CONNECT_SWAPPED);
  apply_caller (self, NULL, NULL, FALSE);
  update_page (self);
  start_caller_lookup (self);
}

static void
kring_participants_view_dispose (GObject *object)
{
  KringParticipantsView *self = KRING_PARTICIPANTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  /* AdwBin disposes the template's tree with its child. */
  g_clear_object (&self->model);
  G_OBJECT_CLASS (kring_participants_view_parent_class)->dispose (object);
}

static void
kring_participants_view_finalize (GObject *object)
{
  KringParticipantsView *self = KRING_PARTICIPANTS_VIEW (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->can_write, g_hash_table_unref);
  G_OBJECT_CLASS (kring_participants_view_parent_class)->finalize (object);
}

static void
kring_participants_view_get_property (GObject *object, guint prop_id, GValue *value,
                                      GParamSpec *pspec)
{
  KringParticipantsView *self = KRING_PARTICIPANTS_VIEW (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        g_value_set_object (value, self->client);
        break;
      case PROP_DOSSIER_ID:
        g_value_set_int64 (value, self->dossier_id);
        break;
      case PROP_CAN_MANAGE:
        g_value_set_boolean (value, self->can_manage);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_participants_view_set_property (GObject *object, guint prop_id, const GValue *value,
                                      GParamSpec *pspec)
{
  KringParticipantsView *self = KRING_PARTICIPANTS_VIEW (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        self->client = g_value_dup_object (value);
        break;
      case PROP_DOSSIER_ID:
        self->dossier_id = g_value_get_int64 (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_participants_view_class_init (KringParticipantsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kring_participants_view_constructed;
  object_class->dispose = kring_participants_view_dispose;
  object_class->finalize = kring_participants_view_finalize;
  object_class->get_property = kring_participants_view_get_property;
  object_class->set_property = kring_participants_view_set_property;

  properties[PROP_CLIENT]
      = g_param_spec_object ("client", NULL, NULL, KRING_TYPE_CLIENT, construct);
  properties[PROP_DOSSIER_ID]
      = g_param_spec_int64 ("dossier-id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_CAN_MANAGE]
      = g_param_spec_boolean ("can-manage", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kring/Kring/ui/kring-participants-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, toasts);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, add_button);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, stack);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, email_column);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, guests_column);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, write_column);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, status_column);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, added_column);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, actions_column);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, empty_add_button);
  gtk_widget_class_bind_template_child (widget_class, KringParticipantsView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_label);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_name);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_email);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_access);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_guest_dossiers);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_status);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_added);
  gtk_widget_class_bind_template_callback_full (
      widget_class, "on_setup_can_write", G_CALLBACK (_kring_participants_view_on_setup_can_write));
  gtk_widget_class_bind_template_callback_full (
      widget_class, "on_bind_can_write", G_CALLBACK (_kring_participants_view_on_bind_can_write));
  gtk_widget_class_bind_template_callback (widget_class, on_setup_actions);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_actions);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_set_css_name (widget_class, "kring-participants-view");
}

static void
kring_participants_view_init (KringParticipantsView *self)
{
  self->cancellable = g_cancellable_new ();
  self->can_write = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}
