/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit log.  The server filters (dossier=, action=) and pages; this
 * view names the actions, the people and the dossiers in the UI
 * language. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "kring-audit-view.h"
#include "kring-error-messages.h"
#include "kring-paged-model.h"

struct _KringAuditView
{
  AdwBin parent_instance;

  KringClient *client;
  gint64 account_id;
  GCancellable *cancellable;
  KringPagedModel *model;
  KringPagedModel *dossiers;
  GHashTable *titles;       /* dossier id (gint64 *) → title, of the dossiers loaded */
  GHashTable *dossier_rows; /* the bound GtkListItems of the Dossier column */
  AdwToast *toast;

  AdwToastOverlay *toasts;
  GtkDropDown *dossier_filter;
  GtkDropDown *action_filter;
  GtkStack *stack;
  AdwStatusPage *error_page;
  AdwStatusPage *empty_page;
  GtkColumnView *column_view;
  GtkColumnViewColumn *time_column;
  GtkColumnViewColumn *actor_column;
  GtkColumnViewColumn *action_column;
  GtkColumnViewColumn *dossier_column;
  GtkColumnViewColumn *subject_column;
  GtkColumnViewColumn *detail_column;
};

G_DEFINE_FINAL_TYPE (KringAuditView, kring_audit_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_ACCOUNT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The actions of API.md, in the order the filter offers them. */
static const struct
{
  const char *id;
  const char *label;
} actions[] = {
  { "dossier.created", N_ ("Dossier created") },
  { "dossier.updated", N_ ("Dossier changed") },
  { "dossier.viewed", N_ ("Dossier viewed") },
  { "dossier.archived", N_ ("Dossier archived") },
  { "dossier.restored", N_ ("Dossier restored") },
  { "entry.created", N_ ("Entry written") },
  { "participant.added", N_ ("Participant added") },
  { "participant.updated", N_ ("Participant changed") },
  { "participant.removed", N_ ("Participant removed") },
  { "teammate.added", N_ ("Teammate added") },
  { "teammate.role_changed", N_ ("Teammate’s role changed") },
  { "teammate.removed", N_ ("Teammate removed") },
  { "account.updated", N_ ("Organisation changed") },
};

/* Words */

static const char *
action_label (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (id, actions[i].id) == 0)
      return _ (actions[i].label);
  return id; /* a newer server's action: its id is all we know */
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "owner") == 0)
    return _ ("Owner");
  if (g_strcmp0 (role, "admin") == 0)
    return _ ("Administrator");
  if (g_strcmp0 (role, "member") == 0)
    return _ ("Member");
  return role;
}

static const char *
access_label (const char *access)
{
  if (g_strcmp0 (access, "team") == 0)
    return _ ("Team");
  if (g_strcmp0 (access, "external") == 0)
    return _ ("External");
  if (g_strcmp0 (access, "guest") == 0)
    return _ ("Guest");
  return access;
}

static const char *
value_label (const char *member, const char *value)
{
  if (g_str_equal (member, "billing"))
    /* Translators: how the organisation is billed, in an audit log entry. */
    return g_strcmp0 (value, "yearly") == 0 ? _ ("yearly") : _ ("monthly");
  if (g_str_equal (member, "role"))
    return role_label (value);
  return value;
}

static const char *
member_label (const char *member)
{
  if (g_str_equal (member, "name"))
    return _ ("Name");
  if (g_str_equal (member, "plan"))
    return _ ("Plan");
  if (g_str_equal (member, "billing"))
    return _ ("Billing");
  if (g_str_equal (member, "title"))
    return _ ("Title");
  if (g_str_equal (member, "client_name"))
    return _ ("Client name");
  return member;
}

/* Details: the detail object in words */

static const char *
string_member (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* {"name"|"plan"|"billing": {"from", "to"}} of account.updated. */
static void
append_changes (GString *out, JsonObject *detail)
{
  g_autoptr (GList) members = json_object_get_members (detail);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (detail, l->data);
      const char *from, *to;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      from = string_member (json_node_get_object (node), "from");
      to = string_member (json_node_get_object (node), "to");
      if (from != NULL && to != NULL)
        g_string_append_printf (out, "%s%s: %s → %s", out->len > 0 ? "; " : "",
                                member_label (l->data), value_label (l->data, from),
                                value_label (l->data, to));
    }
}

static void
append_fields (GString *out, JsonArray *fields)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *node = json_array_get_element (fields, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                                member_label (json_node_get_string (node)));
    }
  if (names->len > 0)
    /* Translators: the fields of a dossier that were changed. */
    g_string_append_printf (out, _ ("Changed: %s"), names->str);
}

static char *
detail_text (KringAuditItem *item)
{
  JsonObject *detail = kring_audit_item_get_detail (item);
  g_autoptr (GString) out = g_string_new (NULL);
  const char *from, *to, *role, *access;

  if (detail == NULL)
    return g_strdup ("");
  from = string_member (detail, "from");
  to = string_member (detail, "to");
  role = string_member (detail, "role");
  access = string_member (detail, "access");
  if (from != NULL && to != NULL)
    g_string_append_printf (out, "%s → %s", role_label (from), role_label (to));
  else if (role != NULL)
    g_string_append_printf (out, _ ("Role: %s"), role_label (role));
  if (access != NULL)
    g_string_append_printf (out, _ ("Access: %s"), access_label (access));
  if (json_object_has_member (detail, "can_write"))
    {
      gboolean can_write = json_object_get_boolean_member_with_default (detail, "can_write", FALSE);

      if (out->len > 0)
        g_string_append_printf (out, ", %s", can_write ? _ ("can write") : _ ("reads only"));
      else
        g_string_append (out, can_write ? _ ("Can write") : _ ("Reads only"));
    }
  if (g_strcmp0 (string_member (detail, "by"), "operator") == 0)
    g_string_append (out, _ ("By the server’s operator"));
  if (json_object_has_member (detail, "fields")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (detail, "fields")))
    append_fields (out, json_object_get_array_member (detail, "fields"));
  if (g_str_equal (kring_audit_item_get_action (item), "account.updated"))
    append_changes (out, detail);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Cells */

typedef char *(*CellText) (KringAuditView *self, KringAuditItem *item);

static char *
time_text (KringAuditView *self, KringAuditItem *item)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (kring_audit_item_get_at (item));

  /* The locale's date and time. */
  return g_date_time_format (local, "%x %X");
}

static char *
actor_text (KringAuditView *self, KringAuditItem *item)
{
  KringUserInfo *actor = kring_audit_item_get_actor (item);

  /* No actor: the operator's commands on the server (API.md). */
  if (actor == NULL)
    /* Translators: who made a change, in the audit log, when it was the
     * server's operator (with `kringd admin`), not a user of Kring. */
    return g_strdup (_ ("Operator"));
  return g_strdup (actor->name != NULL && actor->name[0] != '\0' ? actor->name : actor->email);
}

static char *
action_text (KringAuditView *self, KringAuditItem *item)
{
  return g_strdup (action_label (kring_audit_item_get_action (item)));
}

static char *
dossier_text (KringAuditView *self, KringAuditItem *item)
{
  gint64 id = kring_audit_item_get_dossier_id (item);
  const char *title;

  if (id <= 0)
    return g_strdup ("");
  title = g_hash_table_lookup (self->titles, &id);
  if (title != NULL)
    return g_strdup (title);
  /* Translators: a dossier not loaded (or archived), by its number. */
  return g_strdup_printf (_ ("Dossier %" PRId64), id);
}

static char *
subject_text (KringAuditView *self, KringAuditItem *item)
{
  return g_strdup (kring_audit_item_get_subject_email (item));
}

static char *
detail_cell_text (KringAuditView *self, KringAuditItem *item)
{
  return detail_text (item);
}

static void
text_cell_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_text (KringAuditView *self, GtkListItem *list_item, CellText text)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *value = text (self, gtk_list_item_get_item (list_item));

  gtk_label_set_text (GTK_LABEL (label), value != NULL ? value : "");
  gtk_widget_set_tooltip_text (label, value != NULL && value[0] != '\0' ? value : NULL);
}

static void
text_cell_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer text)
{
  KringAuditView *self = g_object_get_data (G_OBJECT (factory), "view");

  bind_text (self, list_item, (CellText)text);
}

static void
set_text_factory (KringAuditView *self, GtkColumnViewColumn *column, CellText text)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "view", self);
  g_signal_connect (factory, "setup", G_CALLBACK (text_cell_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (text_cell_bind), (gpointer)text);
  gtk_column_view_column_set_factory (column, factory);
}

/* The Dossier column names dossiers as their titles arrive. */

static void
dossier_cell_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, KringAuditView *self)
{
  g_hash_table_add (self->dossier_rows, list_item);
  bind_text (self, list_item, dossier_text);
}

static void
dossier_cell_unbind (GtkSignalListItemFactory *factory, GtkListItem *list_item,
                     KringAuditView *self)
{
  if (self->dossier_rows != NULL)
    g_hash_table_remove (self->dossier_rows, list_item);
}

static void
set_dossier_factory (KringAuditView *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (text_cell_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (dossier_cell_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (dossier_cell_unbind), self);
  gtk_column_view_column_set_factory (self->dossier_column, factory);
}

static void
dossiers_changed (KringAuditView *self, guint position, guint removed, guint added)
{
  GHashTableIter iter;
  gpointer list_item;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (KringDossierItem) dossier
          = g_list_model_get_item (G_LIST_MODEL (self->dossiers), i);
      gint64 *id = g_new (gint64, 1);

      *id = kring_dossier_item_get_id (dossier);
      g_hash_table_replace (self->titles, id, g_strdup (kring_dossier_item_get_title (dossier)));
    }
  g_hash_table_iter_init (&iter, self->dossier_rows);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    bind_text (self, list_item, dossier_text);
}

/* The filters */

/* The dossier filter's rows: "All dossiers", then the dossiers. */
static void
choice_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_list_item_set_child (list_item, label);
}

static void
choice_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  gpointer item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));

  if (KRING_IS_DOSSIER_ITEM (item))
    gtk_label_set_text (label, kring_dossier_item_get_title (item));
  else
    gtk_label_set_text (label, gtk_string_object_get_string (item));
}

static void
setup_dossier_filter (KringAuditView *self)
{
  g_autoptr (GListStore) all = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr (GtkStringObject) everything = gtk_string_object_new (_ ("All dossiers"));
  g_autoptr (GListStore) parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr (KringListQuery) query = kring_list_query_new_dossiers (self->account_id, NULL, FALSE);
  GtkFlattenListModel *choices;

  self->dossiers = kring_paged_model_new (self->client, query);
  g_signal_connect_object (self->dossiers, "items-changed", G_CALLBACK (dossiers_changed), self,
                           G_CONNECT_SWAPPED);
  g_list_store_append (all, everything);
  g_list_store_append (parts, all);
  g_list_store_append (parts, self->dossiers);
  choices = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&parts)));
  g_signal_connect (factory, "setup", G_CALLBACK (choice_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (choice_bind), NULL);
  gtk_drop_down_set_factory (self->dossier_filter, factory);
  gtk_drop_down_set_model (self->dossier_filter, G_LIST_MODEL (choices));
  g_object_unref (choices);
}

static void
setup_action_filter (KringAuditView *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _ ("All actions"));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_string_list_append (labels, _ (actions[i].label));
  gtk_drop_down_set_model (self->action_filter, G_LIST_MODEL (labels));
}

static gint64
chosen_dossier (KringAuditView *self)
{
  gpointer item = gtk_drop_down_get_selected_item (self->dossier_filter);

  return KRING_IS_DOSSIER_ITEM (item) ? kring_dossier_item_get_id (item) : 0;
}

static const char *
chosen_action (KringAuditView *self)
{
  guint selected = gtk_drop_down_get_selected (self->action_filter);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > G_N_ELEMENTS (actions))
    return NULL;
  return actions[selected - 1].id;
}

static KringListQuery *
chosen_query (KringAuditView *self)
{
  return kring_list_query_new_audit (self->account_id, chosen_dossier (self), chosen_action (self));
}

static void
filter_changed_cb (KringAuditView *self)
{
  g_autoptr (KringListQuery) query = NULL;

  /* The template sets its drop-downs up before there is a model. */
  if (self->model == NULL)
    return;
  query = chosen_query (self);
  kring_paged_model_set_query (self->model, query);
}

/* Loading, empty and failed states */

static void
dismiss_toast (KringAuditView *self)
{
  kring_toast_dismiss (&self->toast);
}

static void
update_state (KringAuditView *self)
{
  const GError *error = kring_paged_model_get_error (self->model);
  gboolean filtered = chosen_dossier (self) != 0 || chosen_action (self) != NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (error != NULL)
    {
      g_autofree char *message = kring_error_message (error);

      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (kring_paged_model_get_loading (self->model))
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else
    {
      adw_status_page_set_description (
          self->empty_page, filtered ? _ ("No events match these filters.")
                                     : _ ("Changes to teammates, dossiers and entries, and who "
                                          "read which dossier, will show here."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static void
model_error_changed (KringAuditView *self)
{
  const GError *error = kring_paged_model_get_error (self->model);
  g_autofree char *message = NULL;

  update_state (self);
  if (error == NULL)
    return dismiss_toast (self);
  /* The rows shown stay; the failure is a toast then. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;
  message = kring_error_message (error);
  kring_toast_replace (self->toasts, &self->toast, kring_toast_new_error (message, "audit.reload"));
}

static void
reload_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kring_audit_view_reload (KRING_AUDIT_VIEW (widget));
}

/* GObject */

KringAuditView *
kring_audit_view_new (KringClient *client, gint64 account_id)
{
  g_return_val_if_fail (KRING_IS_CLIENT (client), NULL);
  g_return_val_if_fail (account_id > 0, NULL);

  return g_object_new (KRING_TYPE_AUDIT_VIEW, "client", client, "account-id", account_id, NULL);
}

gint64
kring_audit_view_get_account_id (KringAuditView *self)
{
  g_return_val_if_fail (KRING_IS_AUDIT_VIEW (self), 0);

  return self->account_id;
}

GListModel *
kring_audit_view_get_model (KringAuditView *self)
{
  g_return_val_if_fail (KRING_IS_AUDIT_VIEW (self), NULL);

  return G_LIST_MODEL (self->model);
}

void
kring_audit_view_reload (KringAuditView *self)
{
  g_return_if_fail (KRING_IS_AUDIT_VIEW (self));

  dismiss_toast (self);
  kring_paged_model_reload (self->model);
  /* A dossier list that failed is fetched again too. */
  if (kring_paged_model_get_error (self->dossiers) != NULL)
    kring_paged_model_reload (self->dossiers);
  update_state (self);
}

static void
kring_audit_view_constructed (GObject *object)
{
  KringAuditView *self = KRING_AUDIT_VIEW (object);
  g_autoptr (KringListQuery) query = NULL;
  g_autoptr (GtkNoSelection) selection = NULL;

  G_OBJECT_CLASS (kring_audit_view_parent_class)->constructed (object);

  setup_dossier_filter (self);
  setup_action_filter (self);
  query = chosen_query (self);
  self->model = kring_paged_model_new (self->client, query);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::n-items", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error", G_CALLBACK (model_error_changed), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  update_state (self);
}

static void
kring_audit_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringAuditView *self = KRING_AUDIT_VIEW (object);

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
kring_audit_view_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  KringAuditView *self = KRING_AUDIT_VIEW (object);

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
kring_audit_view_dispose (GObject *object)
{
  KringAuditView *self = KRING_AUDIT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->toast);
  /* Unbinding rows while the widgets go must find no stale table. */
  g_clear_pointer (&self->dossier_rows, g_hash_table_unref);
  /* The template's toplevel child is the bin's: unparent it once, here. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KRING_TYPE_AUDIT_VIEW);
  g_clear_object (&self->model);
  g_clear_object (&self->dossiers);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (kring_audit_view_parent_class)->dispose (object);
}

static void
kring_audit_view_finalize (GObject *object)
{
  KringAuditView *self = KRING_AUDIT_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  G_OBJECT_CLASS (kring_audit_view_parent_class)->finalize (object);
}

static void
kring_audit_view_class_init (KringAuditViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kring_audit_view_constructed;
  object_class->get_property = kring_audit_view_get_property;
  object_class->set_property = kring_audit_view_set_property;
  object_class->dispose = kring_audit_view_dispose;
  object_class->finalize = kring_audit_view_finalize;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, KRING_TYPE_CLIENT, flags);
  properties[PROP_ACCOUNT_ID]
      = g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kring/Kring/ui/kring-audit-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, toasts);
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, dossier_filter);
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, action_filter);
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, stack);
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, error_page);
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, column_view);
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, time_column);
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, actor_column);
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, action_column);
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, dossier_column);
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, subject_column);
  gtk_widget_class_bind_template_child (widget_class, KringAuditView, detail_column);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "audit.reload", NULL, reload_activated);
}

static void
kring_audit_view_init (KringAuditView *self)
{
  self->cancellable = g_cancellable_new ();
  self->titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->dossier_rows = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  set_text_factory (self, self->time_column, time_text);
  set_text_factory (self, self->actor_column, actor_text);
  set_text_factory (self, self->action_column, action_text);
  set_dossier_factory (self);
  set_text_factory (self, self->subject_column, subject_text);
  set_text_factory (self, self->detail_column, detail_cell_text);
}
