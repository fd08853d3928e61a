/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-error-messages.h"
#include "kring-journal-view-private.h"
#include "kring-paged-model.h"

/* The visibility choice, in the order of the drop-down. */
enum
{
  VISIBILITY_EVERYONE,
  VISIBILITY_PROFESSIONALS,
};

G_DEFINE_FINAL_TYPE (KringJournalView, kring_journal_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_DOSSIER_ID,
  PROP_DOSSIER,
  PROP_CAN_WRITE,
  PROP_CORRECTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Errors */

/* Why a request failed, in the user's words (never the server's English
 * detail); refusals of an entry get the reason that fits the journal. */
static char *
error_reason (const GError *error)
{
  const char *field = kring_client_error_get_field (error);

  if (g_error_matches (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_INVALID_FIELD))
    {
      if (g_strcmp0 (field, "visibility") == 0)
        return g_strdup (_ ("A correction cannot be visible to more people than the entry it "
                            "corrects, and guests cannot write for professionals only."));
      if (g_strcmp0 (field, "corrects") == 0)
        return g_strdup (_ ("The entry to correct is not in this dossier."));
    }
  if (g_error_matches (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_FORBIDDEN))
    return g_strdup (_ ("You may not write in this dossier."));
  return kring_error_message (error);
}

static void
dismiss_error_toast (KringJournalView *self)
{
  kring_toast_dismiss (&self->error_toast);
}

/* One error toast at a time; @action_name its Retry, or NULL for none. */
static void
show_error_toast (KringJournalView *self, const char *what, const GError *error,
                  const char *action_name)
{
  g_autofree char *reason = error_reason (error);
  g_autofree char *title = kring_toast_error_title (what, reason);

  kring_toast_replace (self->toasts, &self->error_toast,
                       kring_toast_new_error (title, action_name));
}

/* State */

static gboolean
can_write (KringJournalView *self)
{
  return self->dossier != NULL && kring_dossier_item_get_can_write (self->dossier)
         && !kring_dossier_item_get_archived (self->dossier);
}

static gboolean
is_guest (KringJournalView *self)
{
  return self->dossier != NULL
         && g_strcmp0 (kring_dossier_item_get_my_access (self->dossier), "guest") == 0;
}

static char *
compose_text (KringJournalView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The API wants at least one character that is not white space. */
static gboolean
has_content (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
update_send_enabled (KringJournalView *self)
{
  g_autofree char *text = compose_text (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "journal.send",
                                 can_write (self) && !self->sending && has_content (text));
}

static void
update_compose (KringJournalView *self)
{
  gboolean writable = can_write (self);
  g_autofree char *label = NULL;

  gtk_widget_set_visible (self->compose_box, writable);
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label), self->dossier != NULL && !writable);
  if (self->dossier != NULL && kring_dossier_item_get_archived (self->dossier))
    gtk_label_set_text (self->read_only_label,
                        _ ("This dossier is archived: nothing can be added to it."));
  else
    gtk_label_set_text (self->read_only_label,
                        _ ("You can read this journal but not write in it. Ask the person who "
                           "invited you if you should."));
  /* The server refuses professionals-only entries from guests. */
  gtk_widget_set_visible (self->visibility_box, !is_guest (self));
  /* A correction is never more visible than what it corrects. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->visibility_dropdown),
                            !self->sending && !self->corrects_professionals);
  if (self->corrects != 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->corrects);

      /* Translators: the title of the compose box while writing a correction;
       * %s is the number of the entry corrected. */
      label = g_strdup_printf (_ ("Correction of entry #%s"), number);
    }
  gtk_label_set_text (self->compose_label, label != NULL ? label : _ ("New entry"));
  gtk_widget_set_visible (self->cancel_correction_button, self->corrects != 0);
  adw_status_page_set_description (self->empty_page,
                                   writable ? _ ("Write the first entry below.")
                                            : _ ("Entries written in this dossier appear here."));
  update_send_enabled (self);
}

static void
set_sending (KringJournalView *self, gboolean sending)
{
  self->sending = sending;
  /* While the text is on its way it must not change: on success it is
   * cleared, on failure it stays for Retry. */
  gtk_text_view_set_editable (self->text_view, !sending);
  gtk_widget_set_visible (self->send_spinner, sending);
  update_compose (self);
}

static void
update_state (KringJournalView *self)
{
  const GError *error = kring_paged_model_get_error (self->entries);
  const char *page;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->entries)) > 0)
    page = "list";
  else if (error != NULL)
    {
      g_autofree char *reason = error_reason (error);

      adw_status_page_set_description (self->error_page, reason);
      page = "error";
    }
  else if (!kring_paged_model_get_complete (self->entries))
    page = "loading";
  else
    page = "empty";
  gtk_stack_set_visible_child_name (self->state_stack, page);
}

/* Showing one entry */

static KringEntryItem *
find_entry (KringJournalView *self, gint64 entry_id, guint *position)
{
  GListModel *model = G_LIST_MODEL (self->entries);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KringEntryItem) entry = g_list_model_get_item (model, i);

      if (kring_entry_item_get_id (entry) == entry_id)
        {
          if (position != NULL)
            *position = i;
          return g_steal_pointer (&entry);
        }
    }
  return NULL;
}

static void
show_pending_entry (KringJournalView *self)
{
  g_autoptr (KringEntryItem) entry = NULL;
  GListModel *model = G_LIST_MODEL (self->entries);
  guint position, n;

  if (self->pending_show == 0)
    return;
  entry = find_entry (self, self->pending_show, &position);
  if (entry != NULL)
    {
      self->pending_show = 0;
      gtk_single_selection_set_selected (self->selection, position);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                  position);
      return;
    }
  /* Not there: the caller may not see it, or it is gone. */
  if (kring_paged_model_get_complete (self->entries)
      || kring_paged_model_get_error (self->entries) != NULL)
    {
      self->pending_show = 0;
      return;
    }
  /* Older entries come later: asking for the last one fetches the next
   * page, and items-changed brings us back here. */
  n = g_list_model_get_n_items (model);
  if (n > 0)
    g_object_unref (g_list_model_get_item (model, n - 1));
}

static void
entries_changed_cb (KringJournalView *self)
{
  update_state (self);
  show_pending_entry (self);
}

static void
entries_error_cb (KringJournalView *self)
{
  const GError *error = kring_paged_model_get_error (self->entries);

  /* The entries already shown stay: the failure is only a toast then. */
  if (error != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->entries)) > 0)
    show_error_toast (self, _ ("Could not load the journal."), error, "journal.reload");
  update_state (self);
}

/* Sending */

static void
send_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringJournalView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringEntryItem) entry
      = kring_client_create_entry_finish (KRING_CLIENT (source), result, &error);

  if (kring_error_is_cancelled (error))
    return;
  set_sending (self, FALSE);
  if (entry == NULL)
    {
      /* The text stays in the compose box, and Retry sends it again. */
      show_error_toast (self, _ ("Could not send the entry."), error,
                        kring_error_is_transient (error) ? "journal.send" : NULL);
      return;
    }
  dismiss_error_toast (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
  kring_journal_view_correct_entry (self, 0);
  /* The reload brings the entry, and what it corrects, as the server has
   * them; then it is shown. */
  self->pending_show = kring_entry_item_get_id (entry);
  kring_paged_model_reload (self->entries);
}

static const char *
chosen_visibility (KringJournalView *self)
{
  if (is_guest (self))
    return NULL; /* the server's default, everyone */
  if (gtk_drop_down_get_selected (self->visibility_dropdown) == VISIBILITY_PROFESSIONALS)
    return "professionals";
  return "everyone";
}

static void
send_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KringJournalView *self = KRING_JOURNAL_VIEW (widget);
  g_autofree char *body = compose_text (self);

  if (!can_write (self) || self->sending || !has_content (body))
    return;
  dismiss_error_toast (self);
  set_sending (self, TRUE);
  kring_client_create_entry_async (self->client, self->dossier_id, body, chosen_visibility (self),
                                   self->corrects, self->cancellable, send_cb, g_object_ref (self));
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kring_journal_view_reload (KRING_JOURNAL_VIEW (widget));
}

static void
cancel_correction_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kring_journal_view_correct_entry (KRING_JOURNAL_VIEW (widget), 0);
}

static void
text_changed_cb (KringJournalView *self)
{
  update_send_enabled (self);
}

/* GObject */

static void
kring_journal_view_constructed (GObject *object)
{
  KringJournalView *self = KRING_JOURNAL_VIEW (object);
  g_autoptr (KringListQuery) query = NULL;

  G_OBJECT_CLASS (kring_journal_view_parent_class)->constructed (object);

  g_return_if_fail (KRING_IS_CLIENT (self->client));
  query = kring_list_query_new_entries (self->dossier_id);
  self->entries = kring_paged_model_new (self->client, query);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->entries)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->entries, "notify::error", G_CALLBACK (entries_error_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entries, "notify::complete", G_CALLBACK (entries_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entries, "items-changed", G_CALLBACK (entries_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
  update_compose (self);
}

static void
kring_journal_view_dispose (GObject *object)
{
  KringJournalView *self = KRING_JOURNAL_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  dismiss_error_toast (self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->entries);
  g_clear_object (&self->dossier);
  g_clear_object (&self->client);
  /* The bin's child is a template child: it must let go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KRING_TYPE_JOURNAL_VIEW);

  G_OBJECT_CLASS (kring_journal_view_parent_class)->dispose (object);
}

static void
kring_journal_view_finalize (GObject *object)
{
  KringJournalView *self = KRING_JOURNAL_VIEW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kring_journal_view_parent_class)->finalize (object);
}

static void
kring_journal_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringJournalView *self = KRING_JOURNAL_VIEW (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        g_value_set_object (value, self->client);
        break;
      case PROP_DOSSIER_ID:
        g_value_set_int64 (value, self->dossier_id);
        break;
      case PROP_DOSSIER:
        g_value_set_object (value, self->dossier);
        break;
      case PROP_CAN_WRITE:
        g_value_set_boolean (value, can_write (self));
        break;
      case PROP_CORRECTS:
        g_value_set_int64 (value, self->corrects);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_journal_view_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  KringJournalView *self = KRING_JOURNAL_VIEW (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        self->client = g_value_dup_object (value);
        break;
      case PROP_DOSSIER_ID:
        self->dossier_id = g_value_get_int64 (value);
        break;
      case PROP_DOSSIER:
        kring_journal_view_set_dossier (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_journal_view_class_init (KringJournalViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kring_journal_view_constructed;
  object_class->dispose = kring_journal_view_dispose;
  object_class->finalize = kring_journal_view_finalize;
  object_class->get_property = kring_journal_view_get_property;
  object_class->set_property = kring_journal_view_set_property;

  properties[PROP_CLIENT]
      = g_param_spec_object ("client", NULL, NULL, KRING_TYPE_CLIENT, construct);
  properties[PROP_DOSSIER_ID]
      = g_param_spec_int64 ("dossier-id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_DOSSIER]
      = g_param_spec_object ("dossier", NULL, NULL, KRING_TYPE_DOSSIER_ITEM,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_WRITE] = g_param_spec_boolean ("can-write", NULL, NULL, FALSE, ro);
  properties[PROP_CORRECTS] = g_param_spec_int64 ("corrects", NULL, NULL, 0, G_MAXINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kring/Kring/ui/kring-journal-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, toasts);
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, list_view);
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, error_page);
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, compose_box);
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, compose_label);
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, cancel_correction_button);
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, text_view);
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, visibility_box);
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, visibility_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, send_spinner);
  gtk_widget_class_bind_template_child (widget_class, KringJournalView, read_only_label);
  gtk_widget_class_bind_template_callback_full (widget_class, "setup_row_cb",
                                                G_CALLBACK (_kring_journal_view_setup_row_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "bind_row_cb",
                                                G_CALLBACK (_kring_journal_view_bind_row_cb));

  gtk_widget_class_install_action (widget_class, "journal.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "journal.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "journal.cancel-correction", NULL,
                                   cancel_correction_action);
}

static void
kring_journal_view_init (KringJournalView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
}

KringJournalView *
kring_journal_view_new (KringClient *client, gint64 dossier_id)
{
  g_return_val_if_fail (KRING_IS_CLIENT (client), NULL);
  g_return_val_if_fail (dossier_id > 0, NULL);

  return g_object_new (KRING_TYPE_JOURNAL_VIEW, "client", client, "dossier-id", dossier_id, NULL);
}

gint64
kring_journal_view_get_dossier_id (KringJournalView *self)
{
  g_return_val_if_fail (KRING_IS_JOURNAL_VIEW (self), 0);

  return self->dossier_id;
}

KringDossierItem *
kring_journal_view_get_dossier (KringJournalView *self)
{
  g_return_val_if_fail (KRING_IS_JOURNAL_VIEW (self), NULL);

  return self->dossier;
}

void
kring_journal_view_set_dossier (KringJournalView *self, KringDossierItem *dossier)
{
  gboolean could_write;

  g_return_if_fail (KRING_IS_JOURNAL_VIEW (self));
  g_return_if_fail (dossier == NULL || KRING_IS_DOSSIER_ITEM (dossier));
  g_return_if_fail (dossier == NULL || kring_dossier_item_get_id (dossier) == self->dossier_id);

  if (dossier == self->dossier)
    return;
  could_write = can_write (self);
  g_set_object (&self->dossier, dossier);
  /* A guest only ever writes for everyone. */
  if (is_guest (self))
    gtk_drop_down_set_selected (self->visibility_dropdown, VISIBILITY_EVERYONE);
  update_compose (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOSSIER]);
  if (could_write != can_write (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_WRITE]);
}

GListModel *
kring_journal_view_get_entries (KringJournalView *self)
{
  g_return_val_if_fail (KRING_IS_JOURNAL_VIEW (self), NULL);

  return G_LIST_MODEL (self->entries);
}

void
kring_journal_view_reload (KringJournalView *self)
{
  g_return_if_fail (KRING_IS_JOURNAL_VIEW (self));

  dismiss_error_toast (self);
  kring_paged_model_reload (self->entries);
  update_state (self);
}

void
kring_journal_view_correct_entry (KringJournalView *self, gint64 entry_id)
{
  g_autoptr (KringEntryItem) entry = NULL;

  g_return_if_fail (KRING_IS_JOURNAL_VIEW (self));
  g_return_if_fail (entry_id >= 0);

  if (entry_id != 0)
    entry = find_entry (self, entry_id, NULL);
  self->corrects_professionals
      = entry != NULL && g_strcmp0 (kring_entry_item_get_visibility (entry), "professionals") == 0;
  if (self->corrects_professionals)
    gtk_drop_down_set_selected (self->visibility_dropdown, VISIBILITY_PROFESSIONALS);
  if (self->corrects != entry_id)
    {
      self->corrects = entry_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CORRECTS]);
    }
  update_compose (self);
}

gint64
kring_journal_view_get_corrects (KringJournalView *self)
{
  g_return_val_if_fail (KRING_IS_JOURNAL_VIEW (self), 0);

  return self->corrects;
}

void
kring_journal_view_show_entry (KringJournalView *self, gint64 entry_id)
{
  g_return_if_fail (KRING_IS_JOURNAL_VIEW (self));
  g_return_if_fail (entry_id > 0);

  self->pending_show = entry_id;
  show_pending_entry (self);
}

gint64
kring_journal_view_get_selected_entry (KringJournalView *self)
{
  KringEntryItem *entry;

  g_return_val_if_fail (KRING_IS_JOURNAL_VIEW (self), 0);

  entry = gtk_single_selection_get_selected_item (self->selection);
  return entry != NULL ? kring_entry_item_get_id (entry) : 0;
}
