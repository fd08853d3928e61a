/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-dossier-page.h"
#include "kring-error-messages.h"
#include "kring-journal-view.h"
#include "kring-participants-view.h"

struct _KringDossierPage
{
  AdwBin parent_instance;

  KringClient *client;
  gint64 dossier_id;
  KringDossierItem *dossier;
  GCancellable *cancellable;
  AdwToast *error_toast;
  KringJournalView *journal;
  GtkWidget *participants;

  AdwToastOverlay *toasts;
  GtkStack *state_stack;
  AdwStatusPage *error_page;
  GtkLabel *title_label;
  GtkLabel *client_label;
  AdwViewStack *view_stack;
};

G_DEFINE_FINAL_TYPE (KringDossierPage, kring_dossier_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_DOSSIER_ID,
  PROP_DOSSIER,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The *Participants* tab.  It finds out by itself what the caller may do
 * there (their role in the account is not in the dossier). */
static GtkWidget *
create_participants_view (KringClient *client, gint64 dossier_id)
{
  return kring_participants_view_new (client, dossier_id);
}

static void
dismiss_error_toast (KringDossierPage *self)
{
  kring_toast_dismiss (&self->error_toast);
}

static void
show_dossier (KringDossierPage *self, KringDossierItem *dossier)
{
  const char *client_name = kring_dossier_item_get_client_name (dossier);
  gboolean title_changed = self->dossier == NULL
                           || g_strcmp0 (kring_dossier_item_get_title (self->dossier),
                                         kring_dossier_item_get_title (dossier))
                                  != 0;

  g_set_object (&self->dossier, dossier);
  gtk_label_set_text (self->title_label, kring_dossier_item_get_title (dossier));
  gtk_label_set_text (self->client_label, client_name != NULL ? client_name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->client_label), client_name != NULL);
  kring_journal_view_set_dossier (self->journal, dossier);
  gtk_stack_set_visible_child_name (self->state_stack, "dossier");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOSSIER]);
  if (title_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
show_error (KringDossierPage *self, const GError *error)
{
  g_autofree char *reason = kring_error_message (error);

  /* What is shown stays; a toast offers to fetch it again. */
  if (self->dossier != NULL)
    {
      g_autofree char *title = kring_toast_error_title (_ ("Could not load the dossier."), reason);

      kring_toast_replace (self->toasts, &self->error_toast,
                           kring_toast_new_error (title, "dossier.reload"));
      return;
    }
  adw_status_page_set_description (self->error_page, reason);
  gtk_stack_set_visible_child_name (self->state_stack, "error");
}

static void
get_dossier_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringDossierPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringDossierItem) dossier
      = kring_client_get_dossier_finish (KRING_CLIENT (source), result, &error);

  if (kring_error_is_cancelled (error))
    return;
  if (dossier == NULL)
    show_error (self, error);
  else
    {
      dismiss_error_toast (self);
      show_dossier (self, dossier);
    }
}

static void
fetch_dossier (KringDossierPage *self)
{
  /* A reload replaces the fetch under way. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->dossier == NULL)
    gtk_stack_set_visible_child_name (self->state_stack, "loading");
  kring_client_get_dossier_async (self->client, self->dossier_id, self->cancellable, get_dossier_cb,
                                  g_object_ref (self));
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kring_dossier_page_reload (KRING_DOSSIER_PAGE (widget));
}

/* GObject */

static void
add_view (KringDossierPage *self, GtkWidget *child, const char *name, const char *title,
          const char *icon_name)
{
  AdwViewStackPage *page = adw_view_stack_add_titled (self->view_stack, child, name, title);

  adw_view_stack_page_set_icon_name (page, icon_name);
}

static void
kring_dossier_page_constructed (GObject *object)
{
  KringDossierPage *self = KRING_DOSSIER_PAGE (object);

  G_OBJECT_CLASS (kring_dossier_page_parent_class)->constructed (object);

  g_return_if_fail (KRING_IS_CLIENT (self->client));
  self->journal = kring_journal_view_new (self->client, self->dossier_id);
  add_view (self, GTK_WIDGET (self->journal), "journal", _ ("Journal"), "view-list-symbolic");
  self->participants = create_participants_view (self->client, self->dossier_id);
  add_view (self, self->participants, "participants", _ ("Participants"), "system-users-symbolic");
  fetch_dossier (self);
}

static void
kring_dossier_page_dispose (GObject *object)
{
  KringDossierPage *self = KRING_DOSSIER_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  dismiss_error_toast (self);
  /* The bin's child is a template child: it must let go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KRING_TYPE_DOSSIER_PAGE);
  self->journal = NULL;
  self->participants = NULL;
  g_clear_object (&self->dossier);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (kring_dossier_page_parent_class)->dispose (object);
}

static void
kring_dossier_page_finalize (GObject *object)
{
  KringDossierPage *self = KRING_DOSSIER_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kring_dossier_page_parent_class)->finalize (object);
}

static void
kring_dossier_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KringDossierPage *self = KRING_DOSSIER_PAGE (object);

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
      case PROP_TITLE:
        g_value_set_string (value, kring_dossier_page_get_title (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kring_dossier_page_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  KringDossierPage *self = KRING_DOSSIER_PAGE (object);

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
kring_dossier_page_class_init (KringDossierPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kring_dossier_page_constructed;
  object_class->dispose = kring_dossier_page_dispose;
  object_class->finalize = kring_dossier_page_finalize;
  object_class->get_property = kring_dossier_page_get_property;
  object_class->set_property = kring_dossier_page_set_property;

  properties[PROP_CLIENT]
      = g_param_spec_object ("client", NULL, NULL, KRING_TYPE_CLIENT, construct);
  properties[PROP_DOSSIER_ID]
      = g_param_spec_int64 ("dossier-id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_DOSSIER]
      = g_param_spec_object ("dossier", NULL, NULL, KRING_TYPE_DOSSIER_ITEM, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kring/Kring/ui/kring-dossier-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KringDossierPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, KringDossierPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, KringDossierPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, KringDossierPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, KringDossierPage, client_label);
  gtk_widget_class_bind_template_child (widget_class, KringDossierPage, view_stack);

  gtk_widget_class_install_action (widget_class, "dossier.reload", NULL, reload_action);
}

static void
kring_dossier_page_init (KringDossierPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KringDossierPage *
kring_dossier_page_new (KringClient *client, gint64 dossier_id)
{
  g_return_val_if_fail (KRING_IS_CLIENT (client), NULL);
  g_return_val_if_fail (dossier_id > 0, NULL);

  return g_object_new (KRING_TYPE_DOSSIER_PAGE, "client", client, "dossier-id", dossier_id, NULL);
}

gint64
kring_dossier_page_get_dossier_id (KringDossierPage *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_PAGE (self), 0);

  return self->dossier_id;
}

KringDossierItem *
kring_dossier_page_get_dossier (KringDossierPage *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_PAGE (self), NULL);

  return self->dossier;
}

const char *
kring_dossier_page_get_title (KringDossierPage *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_PAGE (self), NULL);

  return self->dossier != NULL ? kring_dossier_item_get_title (self->dossier) : NULL;
}

const char *
kring_dossier_page_get_visible_view (KringDossierPage *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
kring_dossier_page_set_visible_view (KringDossierPage *self, const char *name)
{
  g_return_if_fail (KRING_IS_DOSSIER_PAGE (self));
  g_return_if_fail (g_strcmp0 (name, "journal") == 0 || g_strcmp0 (name, "participants") == 0);

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

GtkWidget *
kring_dossier_page_get_journal_view (KringDossierPage *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_PAGE (self), NULL);

  return GTK_WIDGET (self->journal);
}

GtkWidget *
kring_dossier_page_get_participants_view (KringDossierPage *self)
{
  g_return_val_if_fail (KRING_IS_DOSSIER_PAGE (self), NULL);

  return self->participants;
}

void
kring_dossier_page_reload (KringDossierPage *self)
{
  g_return_if_fail (KRING_IS_DOSSIER_PAGE (self));

  dismiss_error_toast (self);
  fetch_dossier (self);
  kring_journal_view_reload (self->journal);
}
