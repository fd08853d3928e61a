/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drag-and-drop inviting: what was dropped, read into people, and sent. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include "kring-dossier-chooser.h"
#include "kring-drop-summary.h"
#include "kring-email.h"
#include "kring-invite-drop.h"
#include "kring-text.h"

/* A dropped file larger than this is no contact card. */
#define MAX_FILE_SIZE (8 * 1024 * 1024)

/* KringInviteeList */

struct _KringInviteeList
{
  gatomicrefcount ref_count;
  GPtrArray *items;     /* of KringRecipient */
  GHashTable *by_email; /* normal form → KringRecipient, valid ones */
  GHashTable *by_raw;   /* raw text → KringRecipient, invalid ones */
  guint n_valid;
};

G_DEFINE_BOXED_TYPE (KringInviteeList, kring_invitee_list, kring_invitee_list_ref,
                     kring_invitee_list_unref)

KringInviteeList *
kring_invitee_list_new (void)
{
  KringInviteeList *self = g_new0 (KringInviteeList, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify)kring_recipient_free);
  self->by_email = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_raw = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

KringInviteeList *
kring_invitee_list_ref (KringInviteeList *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kring_invitee_list_unref (KringInviteeList *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->by_email);
  g_hash_table_unref (self->by_raw);
  g_ptr_array_unref (self->items);
  g_free (self);
}

static void
add_recipient (KringInviteeList *self, const char *name, const char *email, const char *raw,
               gboolean valid)
{
  GHashTable *index = valid ? self->by_email : self->by_raw;
  const char *key = valid ? email : raw;
  KringRecipient *recipient;

  if (key == NULL)
    return;
  recipient = g_hash_table_lookup (index, key);
  if (recipient != NULL)
    {
      /* A later mention only names someone the first one left nameless. */
      if (recipient->name == NULL && name != NULL)
        recipient->name = g_strdup (name);
      return;
    }
  recipient = g_new0 (KringRecipient, 1);
  recipient->name = g_strdup (name);
  recipient->email = valid ? g_strdup (email) : NULL;
  recipient->raw = g_strdup (raw);
  recipient->valid = valid;
  g_ptr_array_add (self->items, recipient);
  g_hash_table_insert (index, valid ? recipient->email : recipient->raw, recipient);
  if (valid)
    self->n_valid++;
}

void
kring_invitee_list_add (KringInviteeList *self, const char *name, const char *email)
{
  KringFieldError error = { 0 };
  g_autofree char *normal = NULL;
  g_autofree char *clean_name = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (email != NULL);

  normal = kring_email_normalise (email, &error, "email");
  kring_field_error_clear (&error);
  if (name != NULL)
    clean_name = kring_text_normalise_line (name, KRING_TEXT_LINE_MAX, &error, "name");
  kring_field_error_clear (&error);
  add_recipient (self, clean_name, normal, email, normal != NULL);
}

void
kring_invitee_list_add_recipients (KringInviteeList *self, GPtrArray *recipients)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (recipients != NULL);

  for (guint i = 0; i < recipients->len; i++)
    {
      const KringRecipient *r = g_ptr_array_index (recipients, i);

      add_recipient (self, r->name, r->email, r->raw, r->valid);
    }
}

KringInviteeList *
kring_invitee_list_new_from_data (const char *data, gsize length)
{
  KringInviteeList *self = kring_invitee_list_new ();
  g_autoptr (GPtrArray) recipients = kring_recipients_from_data (data, length);

  kring_invitee_list_add_recipients (self, recipients);
  return self;
}

KringInviteeList *
kring_invitee_list_new_for_participant (KringParticipantItem *participant)
{
  KringInviteeList *self = kring_invitee_list_new ();
  const char *email = kring_participant_item_get_email (participant);

  /* A guest caller sees no addresses: nothing to invite then. */
  if (email != NULL)
    kring_invitee_list_add (self, kring_participant_item_get_name (participant), email);
  return self;
}

KringInviteeList *
kring_invitee_list_new_for_teammate (KringTeammateItem *teammate)
{
  KringInviteeList *self = kring_invitee_list_new ();
  const char *email = kring_teammate_item_get_email (teammate);

  if (email != NULL)
    kring_invitee_list_add (self, kring_teammate_item_get_name (teammate), email);
  return self;
}

guint
kring_invitee_list_get_n_items (KringInviteeList *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->items->len;
}

const KringRecipient *
kring_invitee_list_get_item (KringInviteeList *self, guint position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->items->len, NULL);
  return g_ptr_array_index (self->items, position);
}

guint
kring_invitee_list_get_n_valid (KringInviteeList *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_valid;
}

/* A display name as RFC 5322 allows it before "<address>": quoted when it
 * holds anything but words. */
static void
append_name (GString *text, const char *name)
{
  if (strpbrk (name, "()<>[]:;@\\,.\"") == NULL)
    {
      g_string_append (text, name);
      return;
    }
  g_string_append_c (text, '"');
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (text, '\\');
      g_string_append_c (text, *p);
    }
  g_string_append_c (text, '"');
}

char *
kring_invitee_list_to_text (KringInviteeList *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      const KringRecipient *r = g_ptr_array_index (self->items, i);

      if (!r->valid)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      if (r->name != NULL)
        {
          append_name (text, r->name);
          g_string_append_printf (text, " <%s>", r->email);
        }
      else
        g_string_append (text, r->email);
    }
  return g_string_free (text, FALSE);
}

GdkContentProvider *
kring_invitee_list_create_content (KringInviteeList *self)
{
  g_autofree char *text = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GdkContentProvider *providers[2];

  g_return_val_if_fail (self != NULL, NULL);

  text = kring_invitee_list_to_text (self);
  bytes = g_bytes_new (text, strlen (text));
  providers[0] = gdk_content_provider_new_typed (KRING_TYPE_INVITEE_LIST, self);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  return gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
}

/* KringInviteDrop */

struct _KringInviteDrop
{
  GObject parent_instance;

  GWeakRef widget; /* which owns us */
  GtkDropTarget *target;
  KringClient *client;
  gint64 dossier_id;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KringInviteDrop, kring_invite_drop, G_TYPE_OBJECT)

enum
{
  INVITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define DATA_KEY "kring-invite-drop"

static void
set_highlight (KringInviteDrop *self, gboolean highlight)
{
  g_autoptr (GtkWidget) widget = g_weak_ref_get (&self->widget);

  if (widget == NULL)
    return;
  if (highlight)
    gtk_widget_add_css_class (widget, "drop-highlight");
  else
    gtk_widget_remove_css_class (widget, "drop-highlight");
}

static GdkDragAction
on_enter (GtkDropTarget *target, double x, double y, KringInviteDrop *self)
{
  if (self->dossier_id == 0)
    return 0;
  set_highlight (self, TRUE);
  return GDK_ACTION_COPY;
}

static void
on_leave (GtkDropTarget *target, KringInviteDrop *self)
{
  set_highlight (self, FALSE);
}

/* Reading dropped files, one after the other so the order is kept. */

typedef struct
{
  KringInviteDrop *self;
  GSList *files; /* still to read, owned */
  KringInviteeList *invitees;
} FileRead;

static void
file_read_free (FileRead *read)
{
  g_object_unref (read->self);
  g_slist_free_full (read->files, g_object_unref);
  kring_invitee_list_unref (read->invitees);
  g_free (read);
}

static void read_next_file (FileRead *read);

static gboolean
read_more (const char *contents, goffset size, gpointer user_data)
{
  return size <= MAX_FILE_SIZE;
}

/* vCards, and plain text with addresses; anything else dropped along is
 * not read as people. */
static void
add_file_contents (FileRead *read, GFile *file, const char *data, gsize length)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *type = NULL;
  g_autoptr (GPtrArray) recipients = NULL;

  if (length > MAX_FILE_SIZE)
    return;
  type = g_content_type_guess (name, (const guchar *)data, length, NULL);
  if (!kring_recipients_is_vcard (data, length) && !g_content_type_is_a (type, "text/plain"))
    return;
  recipients = kring_recipients_from_data (data, length);
  kring_invitee_list_add_recipients (read->invitees, recipients);
}

static void
file_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  FileRead *read = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_load_partial_contents_finish (G_FILE (source), result, &data, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return file_read_free (read);
      g_debug ("cannot read a dropped file: %s", error->message);
    }
  else
    add_file_contents (read, G_FILE (source), data, length);
  read_next_file (read);
}

static void
read_next_file (FileRead *read)
{
  GFile *file;

  if (read->files == NULL)
    {
      kring_invite_drop_invite (read->self, read->invitees);
      return file_read_free (read);
    }
  file = read->files->data;
  read->files = g_slist_delete_link (read->files, read->files);
  g_file_load_partial_contents_async (file, read->self->cancellable, read_more, file_loaded_cb,
                                      read);
  g_object_unref (file);
}

static void
read_files (KringInviteDrop *self, GSList *files)
{
  FileRead *read = g_new0 (FileRead, 1);

  read->self = g_object_ref (self);
  for (GSList *l = files; l != NULL; l = l->next)
    read->files = g_slist_prepend (read->files, g_object_ref (l->data));
  read->files = g_slist_reverse (read->files);
  read->invitees = kring_invitee_list_new ();
  read_next_file (read);
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, KringInviteDrop *self)
{
  set_highlight (self, FALSE);
  if (self->dossier_id == 0)
    return FALSE;

  if (G_VALUE_HOLDS (value, KRING_TYPE_INVITEE_LIST))
    {
      KringInviteeList *invitees = g_value_get_boxed (value);

      if (invitees == NULL || kring_invitee_list_get_n_items (invitees) == 0)
        return FALSE;
      kring_invite_drop_invite (self, invitees);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files == NULL)
        return FALSE;
      read_files (self, files);
      return TRUE;
    }
  if (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) != NULL)
    {
      const char *text = g_value_get_string (value);
      g_autoptr (KringInviteeList) invitees
          = kring_invitee_list_new_from_data (text, strlen (text));

      /* Text without a single address was not meant for us. */
      if (kring_invitee_list_get_n_items (invitees) == 0)
        return FALSE;
      kring_invite_drop_invite (self, invitees);
      return TRUE;
    }
  return FALSE;
}

KringInviteDrop *
kring_invite_drop_attach (GtkWidget *widget, KringClient *client, gint64 dossier_id)
{
  /* Rows of the app first: GTK hands over the first type both sides know. */
  GType types[] = { KRING_TYPE_INVITEE_LIST, GDK_TYPE_FILE_LIST, G_TYPE_STRING };
  KringInviteDrop *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (KRING_IS_CLIENT (client), NULL);
  g_return_val_if_fail (kring_invite_drop_get_for_widget (widget) == NULL, NULL);

  self = g_object_new (KRING_TYPE_INVITE_DROP, NULL);
  g_weak_ref_set (&self->widget, widget);
  self->client = g_object_ref (client);
  self->dossier_id = dossier_id;
  self->target = g_object_ref (gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY));
  gtk_drop_target_set_gtypes (self->target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (self->target, "enter", G_CALLBACK (on_enter), self, 0);
  g_signal_connect_object (self->target, "leave", G_CALLBACK (on_leave), self, 0);
  g_signal_connect_object (self->target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (self->target));
  g_object_set_data_full (G_OBJECT (widget), DATA_KEY, self, g_object_unref);
  return self;
}

KringInviteDrop *
kring_invite_drop_get_for_widget (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  return g_object_get_data (G_OBJECT (widget), DATA_KEY);
}

gint64
kring_invite_drop_get_dossier_id (KringInviteDrop *self)
{
  g_return_val_if_fail (KRING_IS_INVITE_DROP (self), 0);
  return self->dossier_id;
}

void
kring_invite_drop_set_dossier_id (KringInviteDrop *self, gint64 dossier_id)
{
  g_return_if_fail (KRING_IS_INVITE_DROP (self));
  self->dossier_id = dossier_id;
}

GtkDropTarget *
kring_invite_drop_get_drop_target (KringInviteDrop *self)
{
  g_return_val_if_fail (KRING_IS_INVITE_DROP (self), NULL);
  return self->target;
}

static void
on_participants_changed (KringInviteDrop *self)
{
  g_signal_emit (self, signals[INVITED], 0);
}

GtkWindow *
kring_invite_drop_invite (KringInviteDrop *self, KringInviteeList *invitees)
{
  g_autoptr (GtkWidget) widget = NULL;
  GtkRoot *root = NULL;
  GtkWindow *summary;

  g_return_val_if_fail (KRING_IS_INVITE_DROP (self), NULL);
  g_return_val_if_fail (invitees != NULL, NULL);
  g_return_val_if_fail (self->dossier_id != 0, NULL);

  widget = g_weak_ref_get (&self->widget);
  if (widget != NULL)
    root = gtk_widget_get_root (widget);
  summary = kring_invite_people (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->client,
                                 self->dossier_id, invitees);
  g_signal_connect_object (summary, "participants-changed", G_CALLBACK (on_participants_changed),
                           self, G_CONNECT_SWAPPED);
  return summary;
}

GtkWindow *
kring_invite_people (GtkWindow *parent, KringClient *client, gint64 dossier_id,
                     KringInviteeList *invitees)
{
  KringDropSummary *summary;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KRING_IS_CLIENT (client), NULL);

  summary = kring_drop_summary_new (client, dossier_id, invitees);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (summary), parent);
  gtk_window_present (GTK_WINDOW (summary));
  return GTK_WINDOW (summary);
}

typedef struct
{
  GtkWindow *parent; /* weak */
  KringClient *client;
  KringInviteeList *invitees;
} ChooseDossier;

static void
choose_dossier_free (gpointer data, GClosure *closure)
{
  ChooseDossier *choose = data;

  g_clear_weak_pointer (&choose->parent);
  g_object_unref (choose->client);
  kring_invitee_list_unref (choose->invitees);
  g_free (choose);
}

static void
on_dossier_chosen (KringDossierChooser *chooser, gint64 dossier_id, ChooseDossier *choose)
{
  kring_invite_people (choose->parent, choose->client, dossier_id, choose->invitees);
}

void
kring_invite_choose_dossier (GtkWindow *parent, KringClient *client, gint64 current_dossier_id,
                             KringInviteeList *invitees)
{
  KringDossierChooser *chooser;
  ChooseDossier *choose;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (KRING_IS_CLIENT (client));
  g_return_if_fail (invitees != NULL);

  chooser = kring_dossier_chooser_new (client, current_dossier_id);
  choose = g_new0 (ChooseDossier, 1);
  g_set_weak_pointer (&choose->parent, parent);
  choose->client = g_object_ref (client);
  choose->invitees = kring_invitee_list_ref (invitees);
  g_signal_connect_data (chooser, "dossier-chosen", G_CALLBACK (on_dossier_chosen), choose,
                         choose_dossier_free, 0);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (chooser), parent);
  gtk_window_present (GTK_WINDOW (chooser));
}

static void
kring_invite_drop_dispose (GObject *object)
{
  KringInviteDrop *self = KRING_INVITE_DROP (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (kring_invite_drop_parent_class)->dispose (object);
}

static void
kring_invite_drop_finalize (GObject *object)
{
  KringInviteDrop *self = KRING_INVITE_DROP (object);

  g_weak_ref_clear (&self->widget);
  g_clear_object (&self->target);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (kring_invite_drop_parent_class)->finalize (object);
}

static void
kring_invite_drop_class_init (KringInviteDropClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kring_invite_drop_dispose;
  object_class->finalize = kring_invite_drop_finalize;

  /* Someone was added to the dossier through a drop of this target. */
  signals[INVITED] = g_signal_new ("invited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
kring_invite_drop_init (KringInviteDrop *self)
{
  g_weak_ref_init (&self->widget, NULL);
  self->cancellable = g_cancellable_new ();
}
