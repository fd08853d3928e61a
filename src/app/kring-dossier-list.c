/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-bench.h"
#include "kring-dossier-list.h"
#include "kring-error-messages.h"
#include "kring-invite-drop.h"
#include "kring-paged-model.h"

/* The server checks 1–200 code points after trimming; the dialog only
 * enables *Create* for what the server will accept. */
#define TITLE_MAX_CHARS 200

struct _KringDossierList
{
  AdwBin parent_instance;

  KringClient *client;
  gint64 account_id; /* 0: shared with me */
  KringPagedModel *paged;
  GListModel *model; /* @paged, or the shared dossiers of it */
  GCancellable *cancellable;
  AdwToast *error_toast;
  /* A creation that failed on the way, kept for Retry. */
  char *retry_title;
  char *retry_client_name;

  AdwToastOverlay *toasts;
  GtkSearchEntry *search_entry;
  GtkButton *new_button;
  GtkStack *state_stack;
  GtkListView *list_view;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkButton *empty_new_button;
};

G_DEFINE_FINAL_TYPE (KringDossierList, kring_dossier_list, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_ACCOUNT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  DOSSIER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void present_new_dossier_dialog (KringDossierList *self, const char *title,
                                        const char *client_name, const char *problem);

static void
dismiss_error_toast (KringDossierList *self)
{
  kring_toast_dismiss (&self->error_toast);
}

/* One error toast at a time; @action_name its Retry, or NULL for none. */
static void
show_error_toast (KringDossierList *self, const char *what, const GError *error,
                  const char *action_name)
{
  g_autofree char *reason = kring_error_message (error);
  g_autofree char *title = kring_toast_error_title (what, reason);

  kring_toast_replace (self->toasts, &self->error_toast,
                       kring_toast_new_error (title, action_name));
}

static gboolean
searching (KringDossierList *self)
{
  return kring_list_query_get_search (kring_paged_model_get_query (self->paged)) != NULL;
}

/* The rows when there are any; otherwise why there are none. */
static void
update_state (KringDossierList *self)
{
  const GError *error = kring_paged_model_get_error (self->paged);
  const char *page;

  if (g_list_model_get_n_items (self->model) > 0)
    page = "list";
  else if (error != NULL)
    {
      g_autofree char *reason = kring_error_message (error);

      adw_status_page_set_description (self->error_page, reason);
      page = "error";
    }
  else if (!kring_paged_model_get_complete (self->paged))
    page = "loading";
  else if (searching (self))
    page = "no-results";
  else
    page = "empty";
  gtk_stack_set_visible_child_name (self->state_stack, page);
}

static void
paged_error_cb (KringDossierList *self)
{
  const GError *error = kring_paged_model_get_error (self->paged);

  /* The rows already shown stay: the failure is only a toast then.  A
   * toast about creating a dossier stays until it is dealt with. */
  if (error == NULL)
    {
      if (self->error_toast != NULL
          && g_strcmp0 (adw_toast_get_action_name (self->error_toast), "dossiers.reload") == 0)
        dismiss_error_toast (self);
    }
  else if (g_list_model_get_n_items (self->model) > 0)
    show_error_toast (self, _ ("Could not load the dossiers."), error, "dossiers.reload");
  update_state (self);
}

/* Shared with me: dossiers where the caller is no teammate of the
 * account, so access is external or guest. */
static gboolean
is_shared (gpointer item, gpointer user_data)
{
  const char *access = kring_dossier_item_get_my_access (KRING_DOSSIER_ITEM (item));

  return g_strcmp0 (access, "external") == 0 || g_strcmp0 (access, "guest") == 0;
}

/* Rows */

static GtkWidget *
row_label (GtkWidget *box, const char *key, const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  g_object_set_data (G_OBJECT (box), key, label);
  return label;
}

/* The guest counts changed. */
static void
invited_cb (KringDossierList *self)
{
  kring_paged_model_reload (self->paged);
}

/* Who may invite: owners, admins (who need not take part) and team
 * participants; the server has the last word. */
static gboolean
may_invite (KringDossierItem *dossier)
{
  const char *access = kring_dossier_item_get_my_access (dossier);

  return !kring_dossier_item_get_archived (dossier)
         && (access == NULL || g_str_equal (access, "team"));
}

static void
setup_row_cb (KringDossierList *self, GtkListItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *guests;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), row_label (box, "title", "heading"));
  gtk_box_append (GTK_BOX (texts), row_label (box, "subtitle", "dim-label"));
  gtk_box_append (GTK_BOX (box), texts);
  guests = row_label (box, "guests", "dim-label");
  gtk_widget_add_css_class (guests, "numeric");
  gtk_widget_set_valign (guests, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), guests);
  gtk_list_item_set_child (item, box);
  /* Drag-and-drop inviting onto a row; bind says into which dossier. */
  if (self->account_id != 0)
    {
      KringInviteDrop *drop = kring_invite_drop_attach (box, self->client, 0);

      g_signal_connect_object (drop, "invited", G_CALLBACK (invited_cb), self, G_CONNECT_SWAPPED);
    }
}

static char *
row_subtitle (KringDossierList *self, KringDossierItem *dossier)
{
  const char *client_name = kring_dossier_item_get_client_name (dossier);
  const char *account_name = kring_dossier_item_get_account_name (dossier);

  /* Shared dossiers come from other organisations: say which. */
  if (self->account_id != 0 || account_name == NULL)
    return g_strdup (client_name);
  if (client_name == NULL)
    return g_strdup (account_name);
  /* Translators: a dossier's client name, then the organisation it belongs to. */
  return g_strdup_printf (_ ("%s · %s"), client_name, account_name);
}

static void
bind_row_cb (KringDossierList *self, GtkListItem *item)
{
  KringDossierItem *dossier = gtk_list_item_get_item (item);
  GObject *box = G_OBJECT (gtk_list_item_get_child (item));
  GtkLabel *subtitle = g_object_get_data (box, "subtitle");
  g_autofree char *subtitle_text = row_subtitle (self, dossier);
  g_autofree char *guests_text = NULL;
  int guests = (int)CLAMP (kring_dossier_item_get_guests (dossier), 0, G_MAXINT);
  KringInviteDrop *drop;

  gtk_label_set_text (g_object_get_data (box, "title"), kring_dossier_item_get_title (dossier));
  gtk_label_set_text (subtitle, subtitle_text != NULL ? subtitle_text : "");
  gtk_widget_set_visible (GTK_WIDGET (subtitle), subtitle_text != NULL);
  guests_text = g_strdup_printf (ngettext ("%d guest", "%d guests", guests), guests);
  gtk_label_set_text (g_object_get_data (box, "guests"), guests_text);
  drop = kring_invite_drop_get_for_widget (GTK_WIDGET (box));
  if (drop != NULL)
    kring_invite_drop_set_dossier_id (
        drop, may_invite (dossier) ? kring_dossier_item_get_id (dossier) : 0);
}

static void
unbind_row_cb (KringDossierList *self, GtkListItem *item)
{
  KringInviteDrop *drop = kring_invite_drop_get_for_widget (gtk_list_item_get_child (item));

  if (drop != NULL)
    kring_invite_drop_set_dossier_id (drop, 0);
}

static void
emit_activated (KringDossierList *self, guint position)
{
  g_autoptr (KringDossierItem) dossier = g_list_model_get_item (self->model, position);

  if (dossier != NULL)
    g_signal_emit (self, signals[DOSSIER_ACTIVATED], 0, kring_dossier_item_get_id (dossier));
}

static void
list_activate_cb (KringDossierList *self, guint position)
{
  emit_activated (self, position);
}

/* Search */

static void
search_changed_cb (KringDossierList *self)
{
  /* GtkSearchEntry waits for a pause in typing (search-delay) first. */
  kring_paged_model_set_search (self->paged,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_state (self);
}

static void
search_activate_cb (KringDossierList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *search = kring_list_query_get_search (kring_paged_model_get_query (self->paged));

  /* Enter opens the first match, as in a file chooser's location bar, but
   * only once the rows are those of what was typed. */
  if (g_strcmp0 (text[0] != '\0' ? text : NULL, search) == 0
      && !kring_paged_model_get_loading (self->paged))
    emit_activated (self, 0);
}

static void
stop_search_cb (KringDossierList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* New dossier */

static gboolean
title_acceptable (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  glong length = g_utf8_strlen (trimmed, -1);

  return length >= 1 && length <= TITLE_MAX_CHARS;
}

static void
create_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringDossierList) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringDossierItem) dossier
      = kring_client_create_dossier_finish (KRING_CLIENT (source), result, &error);

  if (kring_error_is_cancelled (error))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossiers.new", TRUE);
  if (dossier == NULL)
    {
      /* Nothing typed is lost: Retry sends it again, or the dialog comes
       * back with it when it needs changing. */
      if (kring_error_is_transient (error))
        show_error_toast (self, _ ("Could not create the dossier."), error,
                          "dossiers.retry-create");
      else
        {
          g_autofree char *reason = kring_error_message (error);

          present_new_dossier_dialog (self, self->retry_title, self->retry_client_name, reason);
        }
      return;
    }
  g_clear_pointer (&self->retry_title, g_free);
  g_clear_pointer (&self->retry_client_name, g_free);
  dismiss_error_toast (self);
  kring_paged_model_reload (self->paged);
  g_signal_emit (self, signals[DOSSIER_ACTIVATED], 0, kring_dossier_item_get_id (dossier));
}

static void
create_dossier (KringDossierList *self)
{
  g_autofree char *title = g_strstrip (g_strdup (self->retry_title));
  g_autofree char *client_name = g_strstrip (g_strdup (self->retry_client_name));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossiers.new", FALSE);
  kring_client_create_dossier_async (self->client, self->account_id, title,
                                     client_name[0] != '\0' ? client_name : NULL, self->cancellable,
                                     create_cb, g_object_ref (self));
}

static void
dialog_response_cb (KringDossierList *self, const char *response, AdwMessageDialog *dialog)
{
  GObject *object = G_OBJECT (dialog);

  if (g_strcmp0 (response, "create") != 0)
    return;
  g_free (self->retry_title);
  self->retry_title = g_strdup (gtk_editable_get_text (g_object_get_data (object, "title-row")));
  g_free (self->retry_client_name);
  self->retry_client_name
      = g_strdup (gtk_editable_get_text (g_object_get_data (object, "client-row")));
  create_dossier (self);
}

static void
dialog_title_changed_cb (AdwMessageDialog *dialog, GParamSpec *pspec, GtkEditable *title_row)
{
  adw_message_dialog_set_response_enabled (dialog, "create",
                                           title_acceptable (gtk_editable_get_text (title_row)));
}

static void
dialog_row_activated_cb (AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "create"))
    adw_message_dialog_response (dialog, "create");
}

static GtkWidget *
dialog_entry_row (AdwMessageDialog *dialog, const char *key, const char *title, const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (dialog_row_activated_cb), dialog);
  g_object_set_data (G_OBJECT (dialog), key, row);
  return row;
}

/* The dialog of *New dossier*, filled in with @title and @client_name,
 * and saying what was wrong with them when @problem is set. */
static void
present_new_dossier_dialog (KringDossierList *self, const char *title, const char *client_name,
                            const char *problem)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ ("New dossier"), problem));
  GtkWidget *rows = gtk_list_box_new ();
  GtkWidget *title_row = dialog_entry_row (dialog, "title-row", _ ("Title"), title);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (rows), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (rows, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (rows), title_row);
  gtk_list_box_append (GTK_LIST_BOX (rows),
                       dialog_entry_row (dialog, "client-row", _ ("Client name"), client_name));
  adw_message_dialog_set_extra_child (dialog, rows);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "create", _ ("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (title_row, "notify::text", G_CALLBACK (dialog_title_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  dialog_title_changed_cb (dialog, NULL, GTK_EDITABLE (title_row));
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title_row);
}

/* Actions */

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KringDossierList *self = KRING_DOSSIER_LIST (widget);

  if (self->account_id != 0)
    present_new_dossier_dialog (self, NULL, NULL, NULL);
}

static void
retry_create_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KringDossierList *self = KRING_DOSSIER_LIST (widget);

  dismiss_error_toast (self);
  if (self->retry_title != NULL)
    create_dossier (self);
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kring_dossier_list_reload (KRING_DOSSIER_LIST (widget));
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kring_dossier_list_focus_search (KRING_DOSSIER_LIST (widget));
}

/* GObject */

static void
setup_shared (KringDossierList *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->new_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_new_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossiers.new", FALSE);
  adw_status_page_set_title (self->empty_page, _ ("Nothing shared with you"));
  adw_status_page_set_description (
      self->empty_page, _ ("Dossiers that other organisations invite you into appear here."));
}

static void
kring_dossier_list_constructed (GObject *object)
{
  KringDossierList *self = KRING_DOSSIER_LIST (object);
  g_autoptr (KringListQuery) query = NULL;
  g_autoptr (GtkNoSelection) selection = NULL;

  G_OBJECT_CLASS (kring_dossier_list_parent_class)->constructed (object);

  g_return_if_fail (KRING_IS_CLIENT (self->client));
  query = kring_list_query_new_dossiers (self->account_id, NULL, FALSE);
  self->paged = kring_paged_model_new (self->client, query);
  if (self->account_id != 0)
    self->model = G_LIST_MODEL (g_object_ref (self->paged));
  else
    {
      /* The API has no filter for this, so it reads every page of the
       * dossiers the caller sees: few for people with a shared dossier. */
      GtkCustomFilter *filter = gtk_custom_filter_new (is_shared, NULL, NULL);

      self->model = G_LIST_MODEL (gtk_filter_list_model_new (
          G_LIST_MODEL (g_object_ref (self->paged)), GTK_FILTER (filter)));
      setup_shared (self);
    }
  selection = gtk_no_selection_new (g_object_ref (self->model));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (self->paged, "notify::error", G_CALLBACK (paged_error_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->paged, "notify::complete", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
  kring_bench_mark_shown (GTK_WIDGET (self->list_view), "first-page-shown");
}

static void
kring_dossier_list_dispose (GObject *object)
{
  KringDossierList *self = KRING_DOSSIER_LIST (object);

  g_cancellable_cancel (self->cancellable);
  dismiss_error_toast (self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->model);
  g_clear_object (&self->paged);
  g_clear_object (&self->client);
  /* The bin's child is a template child: it must let go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KRING_TYPE_DOSSIER_LIST);

  G_OBJECT_CLASS (kring_dossier_list_parent_class)->dispose (object);
}

static void
kring_dossier_list_finalize (GObject *object)
{
  KringDossierList *self = KRING_DOSSIER_LIST (object);

  g_clear_object (&self->cancellable);
  g_free (self->retry_title);
  g_free (self->retry_client_name);

  G_OBJECT_CLASS (kring_dossier_list_parent_class)->finalize (object);
}

static void
kring_dossier_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringDossierList *self = KRING_DOSSIER_LIST (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        g_value_set_object (value, self->client);
        break;
      case PROP_ACCOUNT_ID:
        g_value_set_int64 (value, self->account_id);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_dossier_list_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  KringDossierList *self = KRING_DOSSIER_LIST (object);

  switch (prop_id)
    {
      case PROP_CLIENT:
        self->client = g_value_dup_object (value);
        break;
      case PROP_ACCOUNT_ID:
        self->account_id = g_value_get_int64 (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_dossier_list_class_init (KringDossierListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kring_dossier_list_constructed;
  object_class->dispose = kring_dossier_list_dispose;
  object_class->finalize = kring_dossier_list_finalize;
  object_class->get_property = kring_dossier_list_get_property;
  object_class->set_property = kring_dossier_list_set_property;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, KRING_TYPE_CLIENT, flags);
  properties[PROP_ACCOUNT_ID]
      = g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KringDossierList::dossier-activated:
   * @id: the dossier's id
   *
   * A row was activated, or a dossier was just created: open it.
   */
  signals[DOSSIER_ACTIVATED]
      = g_signal_new ("dossier-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kring/Kring/ui/kring-dossier-list.ui");
  gtk_widget_class_bind_template_child (widget_class, KringDossierList, toasts);
  gtk_widget_class_bind_template_child (widget_class, KringDossierList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KringDossierList, new_button);
  gtk_widget_class_bind_template_child (widget_class, KringDossierList, state_stack);
  gtk_widget_class_bind_template_child (widget_class, KringDossierList, list_view);
  gtk_widget_class_bind_template_child (widget_class, KringDossierList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KringDossierList, error_page);
  gtk_widget_class_bind_template_child (widget_class, KringDossierList, empty_new_button);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_action (widget_class, "dossiers.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "dossiers.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "dossiers.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "dossiers.retry-create", NULL,
                                   retry_create_action);
}

static void
kring_dossier_list_init (KringDossierList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

KringDossierList *
kring_dossier_list_new (KringClient *client, gint64 account_id)
{
  g_return_val_if_fail (KRING_IS_CLIENT (client), NULL);
  g_return_val_if_fail (account_id > 0, NULL);

  return g_object_new (KRING_TYPE_DOSSIER_LIST, "client", client, "account-id", account_id, NULL);
}

KringDossierList *
kring_dossier_list_new_shared (KringClient *client)
{
  g_return_val_if_fail (KRING_IS_CLIENT (client), NULL);

  return g_object_new (KRING_TYPE_DOSSIER_LIST, "client", client, NULL);
}

gint64
kring_dossier_list_get_account_id (KringDossierList *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_LIST (self), 0);

  return self->account_id;
}

GListModel *
kring_dossier_list_get_model (KringDossierList *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_LIST (self), NULL);

  return self->model;
}

void
kring_dossier_list_reload (KringDossierList *self)
{
  g_return_if_fail (KRING_IS_DOSSIER_LIST (self));

  dismiss_error_toast (self);
  kring_paged_model_reload (self->paged);
  update_state (self);
}

void
kring_dossier_list_focus_search (KringDossierList *self)
{
  g_return_if_fail (KRING_IS_DOSSIER_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
