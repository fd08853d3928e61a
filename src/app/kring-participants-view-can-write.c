/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Can write" column of KringParticipantsView: a switch per row that
 * shows the new position at once, sends it, and goes back with a toast
 * (and Retry when that may help) if the server refuses. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-error-messages.h"
#include "kring-participants-view-private.h"

#define PARTICIPANT_ID_KEY "kring-participant-id"

static gboolean on_can_write_state_set (GtkSwitch *sw, gboolean state, KringParticipantsView *self);

/* Can write */

static gboolean
participant_can_write (KringParticipantsView *self, KringParticipantItem *participant)
{
  gint64 id = kring_participant_item_get_id (participant);
  gpointer changed = g_hash_table_lookup (self->can_write, &id);

  if (changed != NULL)
    return GPOINTER_TO_INT (changed) == 2;
  return kring_participant_item_get_can_write (participant);
}

/* Shows @value without taking it for the user's toggle. */
static void
show_can_write (KringParticipantsView *self, GtkSwitch *sw, gboolean value)
{
  g_signal_handlers_block_by_func (sw, on_can_write_state_set, self);
  gtk_switch_set_active (sw, value);
  gtk_switch_set_state (sw, value);
  g_signal_handlers_unblock_by_func (sw, on_can_write_state_set, self);
}

typedef struct
{
  KringParticipantsView *self;
  GtkSwitch *sw;
  gint64 participant_id;
  gboolean value;
} CanWriteChange;

static void
can_write_change_free (CanWriteChange *change)
{
  g_object_unref (change->self);
  g_object_unref (change->sw);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CanWriteChange, can_write_change_free)

static void patch_can_write (KringParticipantsView *self, GtkSwitch *sw, gint64 participant_id,
                             gboolean value);

static gboolean
switch_shows (GtkSwitch *sw, gint64 participant_id)
{
  gint64 *shown = g_object_get_data (G_OBJECT (sw), PARTICIPANT_ID_KEY);

  return shown != NULL && *shown == participant_id;
}

static void
on_can_write_retry (AdwToast *toast, CanWriteChange *change)
{
  patch_can_write (change->self, change->sw, change->participant_id, change->value);
}

static void
can_write_failed (CanWriteChange *change, const GError *error)
{
  KringParticipantsView *self = change->self;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (switch_shows (change->sw, change->participant_id))
    show_can_write (self, change->sw, !change->value);
  if (kring_error_is_cancelled (error))
    return;
  message = kring_error_message (error);
  toast = adw_toast_new (message);
  if (kring_error_is_transient (error))
    {
      CanWriteChange *retry = g_new0 (CanWriteChange, 1);

      *retry = *change;
      g_object_ref (retry->self);
      g_object_ref (retry->sw);
      adw_toast_set_button_label (toast, _ ("_Retry"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_can_write_retry), retry,
                             (GClosureNotify)(void (*) (void))can_write_change_free, 0);
    }
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
can_write_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CanWriteChange) change = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringParticipantItem) participant
      = kring_client_update_participant_finish (KRING_CLIENT (source), result, &error);
  gboolean value;
  gint64 *key;

  if (participant == NULL)
    return can_write_failed (change, error);
  value = kring_participant_item_get_can_write (participant);
  key = g_new (gint64, 1);
  *key = change->participant_id;
  g_hash_table_insert (change->self->can_write, key, GINT_TO_POINTER (value ? 2 : 1));
  if (switch_shows (change->sw, change->participant_id))
    show_can_write (change->self, change->sw, value);
}

static void
patch_can_write (KringParticipantsView *self, GtkSwitch *sw, gint64 participant_id, gboolean value)
{
  CanWriteChange *change = g_new0 (CanWriteChange, 1);

  change->self = g_object_ref (self);
  change->sw = g_object_ref (sw);
  change->participant_id = participant_id;
  change->value = value;
  if (switch_shows (sw, participant_id))
    {
      g_signal_handlers_block_by_func (sw, on_can_write_state_set, self);
      gtk_switch_set_active (sw, value);
      g_signal_handlers_unblock_by_func (sw, on_can_write_state_set, self);
    }
  kring_client_update_participant_async (self->client, self->dossier_id, participant_id, value,
                                         self->cancellable, can_write_cb, change);
}

/* The switch shows the new position at once and its state when the
 * server has it. */
static gboolean
on_can_write_state_set (GtkSwitch *sw, gboolean state, KringParticipantsView *self)
{
  KringParticipantItem *participant = _kring_participants_item_of (GTK_WIDGET (sw));

  if (participant != NULL)
    patch_can_write (self, sw, kring_participant_item_get_id (participant), state);
  return TRUE;
}

void
_kring_participants_view_on_setup_can_write (KringParticipantsView *self, GtkListItem *list_item)
{
  GtkWidget *sw = gtk_switch_new ();

  gtk_widget_set_halign (sw, GTK_ALIGN_START);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (sw), LIST_ITEM_KEY, list_item);
  g_object_bind_property (self, "can-manage", sw, "sensitive", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (sw, "state-set", G_CALLBACK (on_can_write_state_set), self, 0);
  gtk_list_item_set_child (list_item, sw);
}

void
_kring_participants_view_on_bind_can_write (KringParticipantsView *self, GtkListItem *list_item)
{
  KringParticipantItem *participant = gtk_list_item_get_item (list_item);
  GtkWidget *sw = gtk_list_item_get_child (list_item);
  gint64 *id = g_new (gint64, 1);
  g_autofree char *label = NULL;
  const char *name = kring_participant_item_get_name (participant);

  *id = kring_participant_item_get_id (participant);
  g_object_set_data_full (G_OBJECT (sw), PARTICIPANT_ID_KEY, id, g_free);
  show_can_write (self, GTK_SWITCH (sw), participant_can_write (self, participant));
  label = g_strdup_printf (_ ("%s can write"),
                           name != NULL ? name : kring_participant_item_get_email (participant));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
