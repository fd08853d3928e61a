/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringDossierChooser: the dossiers the caller sees, searchable, one to pick. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-dossier-chooser.h"
#include "kring-error-messages.h"
#include "kring-paged-model.h"

struct _KringDossierChooser
{
  AdwWindow parent_instance;

  GtkSearchEntry *search_entry;
  GtkStack *stack;
  GtkListView *list_view;
  AdwStatusPage *empty_page;

  KringPagedModel *model;
  gint64 current_dossier_id;
};

G_DEFINE_FINAL_TYPE (KringDossierChooser, kring_dossier_chooser, ADW_TYPE_WINDOW)

enum
{
  DOSSIER_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_page (KringDossierChooser *self)
{
  const GError *error = kring_paged_model_get_error (self->model);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  if (n_items > 0 || (!kring_paged_model_get_complete (self->model) && error == NULL))
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }
  if (error != NULL)
    {
      g_autofree char *message = kring_error_message (error);

      adw_status_page_set_title (self->empty_page, _ ("Dossiers Not Loaded"));
      adw_status_page_set_description (self->empty_page, message);
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _ ("No Dossiers"));
      adw_status_page_set_description (self->empty_page, _ ("No dossier matches the search."));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_search_changed (KringDossierChooser *self)
{
  kring_paged_model_set_search (self->model,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_activate (KringDossierChooser *self)
{
  /* Return in the search takes the first choosable dossier. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->model)); i++)
    {
      g_autoptr (KringDossierItem) dossier = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (kring_dossier_item_get_id (dossier) != self->current_dossier_id)
        {
          kring_dossier_chooser_choose (self, i);
          return;
        }
    }
}

static void
on_row_activated (KringDossierChooser *self, guint position)
{
  kring_dossier_chooser_choose (self, position);
}

static void
on_setup_row (KringDossierChooser *self, GtkListItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
on_bind_row (KringDossierChooser *self, GtkListItem *item)
{
  KringDossierItem *dossier = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  const char *client_name = kring_dossier_item_get_client_name (dossier);
  gboolean current = kring_dossier_item_get_id (dossier) == self->current_dossier_id;
  g_autofree char *details = NULL;

  gtk_label_set_text (GTK_LABEL (title), kring_dossier_item_get_title (dossier));
  if (current)
    details = g_strdup (_ ("This dossier"));
  else if (client_name != NULL)
    details
        = g_strdup_printf ("%s · %s", client_name, kring_dossier_item_get_account_name (dossier));
  else
    details = g_strdup (kring_dossier_item_get_account_name (dossier));
  gtk_label_set_text (GTK_LABEL (subtitle), details);
  gtk_list_item_set_activatable (item, !current);
  gtk_widget_set_sensitive (box, !current);
}

KringDossierChooser *
kring_dossier_chooser_new (KringClient *client, gint64 current_dossier_id)
{
  KringDossierChooser *self;
  g_autoptr (KringListQuery) query = kring_list_query_new_dossiers (0, NULL, FALSE);
  g_autoptr (GtkNoSelection) selection = NULL;

  g_return_val_if_fail (KRING_IS_CLIENT (client), NULL);

  self = g_object_new (KRING_TYPE_DOSSIER_CHOOSER, NULL);
  self->current_dossier_id = current_dossier_id;
  self->model = kring_paged_model_new (client, query);
  g_signal_connect_object (self->model, "notify::n-items", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::complete", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_page (self);
  return self;
}

GListModel *
kring_dossier_chooser_get_model (KringDossierChooser *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_CHOOSER (self), NULL);
  return G_LIST_MODEL (self->model);
}

void
kring_dossier_chooser_choose (KringDossierChooser *self, guint position)
{
  g_autoptr (KringDossierItem) dossier = NULL;
  gint64 id;

  g_return_if_fail (KRING_IS_DOSSIER_CHOOSER (self));

  dossier = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (dossier == NULL)
    return;
  id = kring_dossier_item_get_id (dossier);
  if (id == self->current_dossier_id)
    return;
  g_signal_emit (self, signals[DOSSIER_CHOSEN], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
kring_dossier_chooser_dispose (GObject *object)
{
  KringDossierChooser *self = KRING_DOSSIER_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KRING_TYPE_DOSSIER_CHOOSER);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (kring_dossier_chooser_parent_class)->dispose (object);
}

static void
kring_dossier_chooser_class_init (KringDossierChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kring_dossier_chooser_dispose;

  signals[DOSSIER_CHOSEN]
      = g_signal_new ("dossier-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kring/Kring/ui/kring-dossier-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, KringDossierChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KringDossierChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, KringDossierChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, KringDossierChooser, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_row);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_row);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kring_dossier_chooser_init (KringDossierChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
