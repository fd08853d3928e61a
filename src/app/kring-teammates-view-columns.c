/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The columns of KringTeammatesView: each cell's text, the row menu of
 * what the signed-in user may do with a teammate, and dragging a row onto
 * a dossier. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-invite-drop.h"
#include "kring-teammates-view-private.h"

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
  gboolean may_change = _kring_teammates_view_is_owner (self) || g_strcmp0 (role, "owner") != 0;

  if (!_kring_teammates_view_can_manage (self))
    return NULL;
  for (guint i = 0; may_change && i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *label = NULL;

      if (g_strcmp0 (role, roles[i]) == 0
          || (!_kring_teammates_view_is_owner (self) && g_str_equal (roles[i], "owner")))
        continue;
      /* Translators: a menu item, e.g. "Make Administrator". */
      label = g_strdup_printf (_ ("Make %s"), _kring_teammates_role_label (roles[i]));
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
  return g_strdup (_kring_teammates_role_label (kring_teammate_item_get_role (item)));
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
  invitees = _kring_teammates_invitees (item);
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
  g_autofree char *label = g_strdup_printf (_ ("Actions for %s"), _kring_teammates_who (item));

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_visible (button, menu != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

void
_kring_teammates_view_set_actions_factory (KringTeammatesView *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (actions_cell_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (actions_cell_bind), self);
  gtk_column_view_column_set_factory (self->actions_column, factory);
}

void
_kring_teammates_view_set_text_factories (KringTeammatesView *self)
{
  set_text_factory (self->name_column, name_text);
  set_text_factory (self->email_column, email_text);
  set_text_factory (self->role_column, role_text);
  set_text_factory (self->status_column, status_text);
  set_text_factory (self->added_column, added_text);
}
