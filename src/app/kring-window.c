/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: the pages "loading" (silent sign-in), "sign-in",
 * "unreachable" and "main" (sidebar and views).  The session side —
 * keyring, GET /me, signing out — is in kring-window-session.c. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-audit-view.h"
#include "kring-calculator-view.h"
#include "kring-dossier-list.h"
#include "kring-dossier-page.h"
#include "kring-error-messages.h"
#include "kring-sign-in-page.h"
#include "kring-teammates-view.h"
#include "kring-window-private.h"

G_DEFINE_FINAL_TYPE (KringWindow, kring_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct
{
  char *name;
  char *title;
  char *icon_name;
  KringViewFlags flags;
  KringViewFactory factory;
} ViewInfo;

static void
view_info_free (ViewInfo *info)
{
  g_free (info->name);
  g_free (info->title);
  g_free (info->icon_name);
  g_free (info);
}

KringWindow *
kring_window_new (KringApplication *application)
{
  return g_object_new (KRING_TYPE_WINDOW, "application", application, NULL);
}

KringWindow *
kring_window_get_for_widget (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return KRING_IS_WINDOW (root) ? KRING_WINDOW (root) : NULL;
}

/* The session, for views */

KringClient *
kring_window_get_client (KringWindow *self)
{
  g_return_val_if_fail (KRING_IS_WINDOW (self), NULL);

  return self->me != NULL ? self->client : NULL;
}

KringMe *
kring_window_get_me (KringWindow *self)
{
  g_return_val_if_fail (KRING_IS_WINDOW (self), NULL);

  return self->me;
}

const KringMembership *
kring_window_get_membership (KringWindow *self)
{
  g_return_val_if_fail (KRING_IS_WINDOW (self), NULL);

  if (self->me == NULL)
    return NULL;
  for (guint i = 0; i < self->me->memberships->len; i++)
    {
      const KringMembership *membership = g_ptr_array_index (self->me->memberships, i);

      if (membership->account->id == self->account_id)
        return membership;
    }
  return NULL;
}

gint64
kring_window_get_account_id (KringWindow *self)
{
  g_return_val_if_fail (KRING_IS_WINDOW (self), 0);

  return kring_window_get_membership (self) != NULL ? self->account_id : 0;
}

gboolean
kring_window_get_is_admin (KringWindow *self)
{
  const KringMembership *membership = kring_window_get_membership (self);

  return membership != NULL
         && (g_strcmp0 (membership->role, "owner") == 0
             || g_strcmp0 (membership->role, "admin") == 0);
}

/* Toasts */

void
kring_window_show_toast (KringWindow *self, AdwToast *toast)
{
  g_return_if_fail (KRING_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toasts, toast);
}

void
kring_window_report_error (KringWindow *self, const GError *error, gpointer retry_object,
                           KringRetryFunc retry)
{
  g_autofree char *message = NULL;
  AdwToast *toast;

  g_return_if_fail (KRING_IS_WINDOW (self));
  g_return_if_fail (error != NULL);
  g_return_if_fail (retry == NULL || G_IS_OBJECT (retry_object));

  if (kring_error_is_cancelled (error))
    return;
  if (g_error_matches (error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_UNAUTHENTICATED))
    {
      _kring_window_session_ended (self);
      return;
    }
  message = kring_error_message (error);
  toast = adw_toast_new (message);
  if (retry != NULL && kring_error_is_transient (error))
    {
      adw_toast_set_button_label (toast, _ ("_Retry"));
      adw_toast_set_timeout (toast, 10);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (retry), retry_object,
                               G_CONNECT_SWAPPED);
    }
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* Pages */

void
_kring_window_show_page (KringWindow *self, const char *page)
{
  gboolean loading = g_str_equal (page, "loading");

  gtk_spinner_set_spinning (self->loading_spinner, loading);
  gtk_stack_set_visible_child_name (self->pages, page);
}

void
_kring_window_show_loading (KringWindow *self, const char *title)
{
  adw_status_page_set_title (self->loading_status, title);
  _kring_window_show_page (self, "loading");
}

void
_kring_window_show_unreachable (KringWindow *self, const GError *error)
{
  g_autofree char *message = kring_error_message (error);
  g_autofree char *description = NULL;

  /* Translators: the first %s is a server address, the second says why it
   * cannot be reached. */
  description = g_strdup_printf (_ ("Kring cannot connect to %s. %s"),
                                 kring_client_get_base_url (self->client), message);
  adw_status_page_set_description (self->unreachable_status, description);
  _kring_window_show_page (self, "unreachable");
  gtk_widget_grab_focus (self->retry_button);
}

void
_kring_window_show_sign_in (KringWindow *self, const char *server, const char *email,
                            const char *message)
{
  kring_sign_in_page_set_can_cancel (self->sign_in_page, FALSE);
  kring_sign_in_page_start (self->sign_in_page, server, email);
  if (message != NULL)
    kring_sign_in_page_show_message (self->sign_in_page, message, TRUE);
  _kring_window_show_page (self, "sign-in");
}

void
kring_window_open_link (KringWindow *self, const char *uri)
{
  g_return_if_fail (KRING_IS_WINDOW (self));
  g_return_if_fail (uri != NULL);

  if (!kring_sign_in_page_open_link (self->sign_in_page, uri))
    {
      g_autoptr (AdwToast) toast = NULL;

      g_debug ("not a link Kring opens: %s", uri);
      toast = adw_toast_new (_ ("Kring cannot open this link."));
      adw_toast_overlay_add_toast (self->toasts, g_steal_pointer (&toast));
      return;
    }
  /* With a session open, Back returns to it; a silent sign-in still in
   * flight gives way to the link. */
  if (self->me == NULL)
    _kring_window_cancel_session_requests (self);
  kring_sign_in_page_set_can_cancel (self->sign_in_page, self->me != NULL);
  _kring_window_show_page (self, "sign-in");
}

static void
sign_in_cancelled (KringWindow *self)
{
  if (self->me != NULL)
    _kring_window_show_page (self, "main");
}

/* Views and the sidebar */

static void
update_back_button (KringWindow *self)
{
  gtk_widget_set_visible (self->content_back_button,
                          self->dossier_page != NULL || adw_leaflet_get_folded (self->leaflet));
}

static ViewInfo *find_view (KringWindow *self, const char *name);

static void
update_content_title (KringWindow *self)
{
  const ViewInfo *info = self->visible_view != NULL ? find_view (self, self->visible_view) : NULL;
  const char *title = info != NULL ? info->title : "";

  if (self->dossier_page != NULL)
    {
      title = kring_dossier_page_get_title (KRING_DOSSIER_PAGE (self->dossier_page));
      if (title == NULL)
        title = _ ("Dossier");
    }
  adw_window_title_set_title (self->content_title, title);
}

static void
close_dossier (KringWindow *self)
{
  GtkWidget *page = g_steal_pointer (&self->dossier_page);

  if (page == NULL)
    return;
  if (self->visible_view != NULL)
    gtk_stack_set_visible_child_name (self->content_stack, self->visible_view);
  gtk_stack_remove (self->content_stack, page);
  update_content_title (self);
  update_back_button (self);
}

void
kring_window_open_dossier (KringWindow *self, gint64 dossier_id)
{
  GtkWidget *page;

  g_return_if_fail (KRING_IS_WINDOW (self));
  g_return_if_fail (dossier_id > 0);

  if (self->me == NULL)
    return;
  close_dossier (self);
  page = GTK_WIDGET (kring_dossier_page_new (self->client, dossier_id));
  g_signal_connect_object (page, "notify::title", G_CALLBACK (update_content_title), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->content_stack, page, "dossier");
  self->dossier_page = page;
  gtk_stack_set_visible_child (self->content_stack, page);
  update_content_title (self);
  update_back_button (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

GtkWidget *
kring_window_get_dossier_page (KringWindow *self)
{
  g_return_val_if_fail (KRING_IS_WINDOW (self), NULL);

  return self->dossier_page;
}

static ViewInfo *
find_view (KringWindow *self, const char *name)
{
  for (guint i = 0; i < self->views->len; i++)
    {
      ViewInfo *info = g_ptr_array_index (self->views, i);

      if (g_str_equal (info->name, name))
        return info;
    }
  return NULL;
}

static gboolean
view_allowed (KringWindow *self, const ViewInfo *info)
{
  if ((info->flags & KRING_VIEW_TEAMMATES) && kring_window_get_membership (self) == NULL)
    return FALSE;
  if ((info->flags & KRING_VIEW_ADMINS) && !kring_window_get_is_admin (self))
    return FALSE;
  return TRUE;
}

static GtkWidget *
placeholder_new (const ViewInfo *info)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), info->icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), info->title);
  return page;
}

static GtkWidget *
sidebar_row_new (const ViewInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (info->title);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (info->icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, info->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, info->title,
                                  -1);
  return row;
}

/* Drops every view (their dispose cancels their requests). */
void
_kring_window_clear_views (KringWindow *self)
{
  GtkWidget *child;

  self->building_views = TRUE;
  self->dossier_page = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack))) != NULL)
    gtk_stack_remove (self->content_stack, child);
  self->building_views = FALSE;
  update_back_button (self);
}

static GtkListBoxRow *
find_row (KringWindow *self, const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_name (row), name))
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

/* A view is made when first shown: the views the user never opens cost no
 * requests at start (Shared with me and the audit log's dossier filter read
 * whole lists). */
static GtkWidget *
ensure_view (KringWindow *self, const ViewInfo *info)
{
  GtkWidget *widget = gtk_stack_get_child_by_name (self->content_stack, info->name);

  if (widget != NULL)
    return widget;
  widget = info->factory != NULL ? info->factory (self) : placeholder_new (info);
  gtk_stack_add_named (self->content_stack, widget, info->name);
  return widget;
}

/* Makes the sidebar of the current session and account afresh, keeping the
 * view shown when it is still there. */
void
_kring_window_build_views (KringWindow *self)
{
  g_autofree char *shown = g_strdup (self->visible_view);
  GtkListBoxRow *row;

  _kring_window_clear_views (self);
  self->building_views = TRUE;
  for (guint i = 0; i < self->views->len; i++)
    {
      const ViewInfo *info = g_ptr_array_index (self->views, i);

      if (view_allowed (self, info))
        gtk_list_box_append (self->sidebar_list, sidebar_row_new (info));
    }
  self->building_views = FALSE;
  row = shown != NULL ? find_row (self, shown) : NULL;
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->sidebar_list, 0);
  if (row != NULL)
    gtk_list_box_select_row (self->sidebar_list, row);
}

static void
sidebar_row_selected (KringWindow *self, GtkListBoxRow *row)
{
  const ViewInfo *info;

  if (row == NULL || self->building_views)
    return;
  close_dossier (self);
  info = find_view (self, gtk_widget_get_name (GTK_WIDGET (row)));
  if (info == NULL)
    return;
  g_free (self->visible_view);
  self->visible_view = g_strdup (info->name);
  gtk_stack_set_visible_child (self->content_stack, ensure_view (self, info));
  update_content_title (self);
}

static void
sidebar_row_activated (KringWindow *self, GtkListBoxRow *row)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
content_back_clicked (KringWindow *self)
{
  if (self->dossier_page != NULL)
    close_dossier (self);
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
kring_window_add_view (KringWindow *self, const char *name, const char *title,
                       const char *icon_name, KringViewFlags flags, KringViewFactory factory)
{
  ViewInfo *info;

  g_return_if_fail (KRING_IS_WINDOW (self));
  g_return_if_fail (name != NULL && title != NULL && icon_name != NULL);

  info = find_view (self, name);
  if (info == NULL)
    {
      info = g_new0 (ViewInfo, 1);
      info->name = g_strdup (name);
      g_ptr_array_add (self->views, info);
    }
  g_free (info->title);
  info->title = g_strdup (title);
  g_free (info->icon_name);
  info->icon_name = g_strdup (icon_name);
  info->flags = flags;
  info->factory = factory;
  if (self->me != NULL)
    _kring_window_build_views (self);
}

void
kring_window_show_view (KringWindow *self, const char *name)
{
  GtkListBoxRow *row;

  g_return_if_fail (KRING_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  row = find_row (self, name);
  if (row == NULL)
    return;
  gtk_list_box_select_row (self->sidebar_list, row);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

GtkWidget *
kring_window_get_view (KringWindow *self, const char *name)
{
  const ViewInfo *info;

  g_return_val_if_fail (KRING_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  info = find_view (self, name);
  if (info == NULL || find_row (self, name) == NULL)
    return gtk_stack_get_child_by_name (self->content_stack, name);
  return ensure_view (self, info);
}

const char *
kring_window_get_visible_view (KringWindow *self)
{
  g_return_val_if_fail (KRING_IS_WINDOW (self), NULL);

  if (self->me == NULL)
    return NULL;
  return gtk_stack_get_visible_child_name (self->content_stack);
}

/* The views of UI.md */

static GtkWidget *
dossiers_view_new (KringWindow *self)
{
  KringDossierList *list
      = kring_dossier_list_new (kring_window_get_client (self), kring_window_get_account_id (self));

  g_signal_connect_object (list, "dossier-activated", G_CALLBACK (kring_window_open_dossier), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (list);
}

static GtkWidget *
shared_view_new (KringWindow *self)
{
  KringDossierList *list = kring_dossier_list_new_shared (kring_window_get_client (self));

  g_signal_connect_object (list, "dossier-activated", G_CALLBACK (kring_window_open_dossier), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (list);
}

static GtkWidget *
teammates_view_new (KringWindow *self)
{
  const KringMembership *membership = kring_window_get_membership (self);

  return GTK_WIDGET (kring_teammates_view_new (kring_window_get_client (self),
                                               membership->account->id, membership->role));
}

static GtkWidget *
calculator_view_new (KringWindow *self)
{
  return GTK_WIDGET (kring_calculator_view_new (kring_window_get_client (self),
                                                kring_window_get_account_id (self)));
}

static GtkWidget *
audit_view_new (KringWindow *self)
{
  return GTK_WIDGET (
      kring_audit_view_new (kring_window_get_client (self), kring_window_get_account_id (self)));
}

static void
add_standard_views (KringWindow *self)
{
  kring_window_add_view (self, "dossiers", _ ("Dossiers"), "folder-documents-symbolic",
                         KRING_VIEW_TEAMMATES, dossiers_view_new);
  kring_window_add_view (self, "shared", _ ("Shared with Me"), "emblem-shared-symbolic",
                         KRING_VIEW_ANYONE, shared_view_new);
  kring_window_add_view (self, "teammates", _ ("Teammates"), "system-users-symbolic",
                         KRING_VIEW_TEAMMATES, teammates_view_new);
  kring_window_add_view (self, "plan", _ ("Plan & Price"), "accessories-calculator-symbolic",
                         KRING_VIEW_ANYONE, calculator_view_new);
  kring_window_add_view (self, "audit", _ ("Audit Log"), "document-open-recent-symbolic",
                         KRING_VIEW_TEAMMATES | KRING_VIEW_ADMINS, audit_view_new);
}

/* Keyboard: Ctrl+F and Ctrl+N reach the view even when the focus is in the
 * sidebar. */

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KringWindow *self = KRING_WINDOW (widget);
  GtkWidget *view = gtk_stack_get_visible_child (self->content_stack);

  if (self->me == NULL || view == NULL)
    return;
  if (!gtk_widget_activate_action (view, "dossiers.search", NULL))
    gtk_widget_activate_action (view, "view.search", NULL);
}

static void
new_dossier_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KringWindow *self = KRING_WINDOW (widget);
  GtkWidget *view = kring_window_get_view (self, "dossiers");

  if (self->me == NULL || view == NULL)
    return;
  kring_window_show_view (self, "dossiers");
  gtk_widget_activate_action (view, "dossiers.new", NULL);
}

static void
sign_out_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  kring_window_sign_out (KRING_WINDOW (user_data));
}

static const GActionEntry win_actions[] = {
  { "sign-out", sign_out_activated },
};

static void
setup_help_overlay (KringWindow *self)
{
  g_autoptr (GtkBuilder) builder
      = gtk_builder_new_from_resource ("/nl/kring/Kring/ui/kring-shortcuts-window.ui");

  gtk_application_window_set_help_overlay (
      GTK_APPLICATION_WINDOW (self),
      GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts")));
}

/* A new address from the preferences shows on the sign-in form. */
static void
server_url_changed (KringWindow *self, GParamSpec *pspec, KringApplication *app)
{
  if (self->me == NULL)
    kring_sign_in_page_set_server (self->sign_in_page, kring_application_get_server_url (app));
}

/* Window size, kept across runs */

static gboolean
kring_window_close_request (GtkWindow *window)
{
  KringWindow *self = KRING_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (kring_window_parent_class)->close_request (window);
}

/* The session starts once the window knows its application (GObject sets
 * "application" after constructed()). */
static void
application_set (KringWindow *self)
{
  KringApplication *app = KRING_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (app == NULL || self->started)
    return;
  self->started = TRUE;
  g_signal_connect_object (app, "notify::server-url", G_CALLBACK (server_url_changed), self,
                           G_CONNECT_SWAPPED);
  _kring_window_restore_session (self);
}

static void
kring_window_dispose (GObject *object)
{
  KringWindow *self = KRING_WINDOW (object);

  _kring_window_cancel_session_requests (self);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (kring_window_parent_class)->dispose (object);
}

static void
kring_window_finalize (GObject *object)
{
  KringWindow *self = KRING_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->client);
  g_clear_pointer (&self->me, kring_me_unref);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_free (self->email);
  g_free (self->visible_view);
  G_OBJECT_CLASS (kring_window_parent_class)->finalize (object);
}

static void
kring_window_class_init (KringWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kring_window_dispose;
  object_class->finalize = kring_window_finalize;
  window_class->close_request = kring_window_close_request;

  g_type_ensure (KRING_TYPE_SIGN_IN_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/kring/Kring/ui/kring-window.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, KringWindow, name)
  CHILD (toasts);
  CHILD (pages);
  CHILD (loading_status);
  CHILD (loading_spinner);
  CHILD (sign_in_page);
  CHILD (unreachable_status);
  CHILD (retry_button);
  CHILD (leaflet);
  CHILD (account_label);
  CHILD (account_dropdown);
  CHILD (user_label);
  CHILD (sidebar_list);
  CHILD (content_title);
  CHILD (content_back_button);
  CHILD (content_stack);
#undef CHILD
  gtk_widget_class_bind_template_callback_full (widget_class, "signed_in",
                                                G_CALLBACK (_kring_window_signed_in));
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cancelled);
  gtk_widget_class_bind_template_callback_full (widget_class, "retry_clicked",
                                                G_CALLBACK (_kring_window_retry_clicked));
  gtk_widget_class_bind_template_callback_full (widget_class, "change_server_clicked",
                                                G_CALLBACK (_kring_window_change_server_clicked));
  gtk_widget_class_bind_template_callback_full (widget_class, "account_selected",
                                                G_CALLBACK (_kring_window_account_selected));
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, content_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, update_back_button);

  gtk_widget_class_install_action (widget_class, "window.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "window.new-dossier", NULL, new_dossier_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "window.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "window.new-dossier", NULL);
}

static void
kring_window_init (KringWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
#if KRING_DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
  self->settings = g_settings_new ("nl.kring.Kring");
  self->cancellable = g_cancellable_new ();
  self->views = g_ptr_array_new_with_free_func ((GDestroyNotify)view_info_free);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  add_standard_views (self);
  setup_help_overlay (self);
  g_signal_connect (self, "notify::application", G_CALLBACK (application_set), NULL);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}
