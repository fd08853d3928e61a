/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sign-in forms.  One request at a time: while it runs the forms are
 * insensitive and a spinner turns; every request can be cancelled by
 * leaving the page (dispose) or by starting afresh. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>

#include "kring-error-messages.h"
#include "kring-pricing.h"
#include "kring-sign-in-page.h"

struct _KringSignInPage
{
  AdwBin parent_instance;

  GtkStack *stack;
  GtkWidget *back_button;
  GtkWidget *spinner;
  AdwWindowTitle *title;

  GtkLabel *sign_in_message;
  AdwEntryRow *server_row;
  AdwEntryRow *email_row;
  AdwEntryRow *password_row;

  GtkLabel *sign_up_message;
  AdwEntryRow *organisation_row;
  AdwEntryRow *name_row;
  AdwEntryRow *sign_up_email_row;
  AdwEntryRow *sign_up_password_row;
  AdwComboRow *plan_row;

  AdwStatusPage *verify_status;
  GtkLabel *verify_message;
  AdwEntryRow *verify_code_row;

  GtkLabel *invitation_message;
  AdwEntryRow *invitation_code_row;
  AdwEntryRow *invitation_name_row;
  AdwEntryRow *invitation_password_row;

  GtkLabel *forgot_message;
  AdwEntryRow *forgot_email_row;

  GtkLabel *reset_message;
  AdwEntryRow *reset_code_row;
  AdwEntryRow *reset_password_row;

  GtkWidget *sign_in_button;
  GtkWidget *sign_up_button;
  GtkWidget *verify_button;
  GtkWidget *invitation_button;
  GtkWidget *forgot_button;
  GtkWidget *reset_button;
  GtkWidget *sign_up_link;
  GtkWidget *invitation_link;
  GtkWidget *forgot_link;
  GtkWidget *reset_link;

  GCancellable *cancellable;
  gboolean busy;
  GStrv plan_ids;    /* parallel to plan_row's model */
  char *reset_email; /* from the forgot form, to fill in afterwards */
  gboolean can_cancel;
};

G_DEFINE_FINAL_TYPE (KringSignInPage, kring_sign_in_page, ADW_TYPE_BIN)

enum
{
  SIGNED_IN,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
kring_sign_in_page_new (void)
{
  return g_object_new (KRING_TYPE_SIGN_IN_PAGE, NULL);
}

/* Messages and state */

static GtkLabel *
form_message (KringSignInPage *self)
{
  const char *form = gtk_stack_get_visible_child_name (self->stack);
  GtkLabel *labels[] = { self->sign_in_message,    self->sign_up_message, self->verify_message,
                         self->invitation_message, self->forgot_message,  self->reset_message };
  const char *forms[] = { "sign-in", "sign-up", "verify", "invitation", "forgot", "reset" };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    if (g_strcmp0 (form, forms[i]) == 0)
      return labels[i];
  return self->sign_in_message;
}

static void
set_message (GtkLabel *label, const char *message, gboolean is_error)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static void
clear_messages (KringSignInPage *self)
{
  GtkLabel *labels[] = { self->sign_in_message,    self->sign_up_message, self->verify_message,
                         self->invitation_message, self->forgot_message,  self->reset_message };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    set_message (labels[i], NULL, FALSE);
}

/* While a request runs nothing else can be sent; the fields stay as they
 * are (an insensitive field would lose the focus under the typist). */
static void
set_busy (KringSignInPage *self, gboolean busy)
{
  GtkWidget *buttons[]
      = { self->sign_in_button, self->sign_up_button, self->verify_button, self->invitation_button,
          self->forgot_button,  self->reset_button,   self->sign_up_link,  self->invitation_link,
          self->forgot_link,    self->reset_link };

  self->busy = busy;
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_widget_set_sensitive (buttons[i], !busy);
}

static void
report_error (KringSignInPage *self, const GError *error)
{
  g_autofree char *message = kring_error_message (error);

  set_message (form_message (self), message, TRUE);
}

/* Cancels what is in flight and gives a fresh cancellable. */
static void
reset_cancellable (KringSignInPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, FALSE);
}

static void
show_form (KringSignInPage *self, const char *form)
{
  clear_messages (self);
  gtk_stack_set_visible_child_name (self->stack, form);
}

/* Text of an entry row, trimmed, or NULL when empty. */
static char *
row_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/* A password is taken as typed: spaces may be part of it. */
static const char *
password_text (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text[0] != '\0' ? text : NULL;
}

static void
clear_passwords (KringSignInPage *self)
{
  AdwEntryRow *rows[] = { self->password_row, self->sign_up_password_row,
                          self->invitation_password_row, self->reset_password_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
}

/* Whether a form can be sent: filled in, and nothing else in flight (an
 * Enter in a field while waiting sends nothing). */
static gboolean
require (KringSignInPage *self, gboolean filled)
{
  if (self->busy)
    return FALSE;
  if (!filled)
    set_message (form_message (self), _ ("Fill in every field."), TRUE);
  return filled;
}

/* A client for the server address entered, or NULL with the reason shown
 * (plain http:// to another computer is refused here). */
static KringClient *
new_client (KringSignInPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *server = row_text (self->server_row);
  KringClient *client;

  if (server == NULL)
    {
      set_message (form_message (self), _ ("Enter the address of your organisation’s server."),
                   TRUE);
      return NULL;
    }
  client = kring_client_new (server, &error);
  if (client == NULL)
    report_error (self, error);
  return client;
}

/* Starts a request: busy until end_request(). */
static void
begin_request (KringSignInPage *self)
{
  clear_messages (self);
  set_busy (self, TRUE);
}

/* Ends a request; FALSE when it was cancelled (and nothing more is to be
 * done) or failed (and the reason is shown). */
static gboolean
end_request (KringSignInPage *self, const GError *error)
{
  if (kring_error_is_cancelled (error))
    return FALSE;
  set_busy (self, FALSE);
  if (error != NULL)
    {
      report_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
emit_signed_in (KringSignInPage *self, GObject *client, KringSession *session)
{
  clear_passwords (self);
  g_signal_emit (self, signals[SIGNED_IN], 0, client, session);
}

/* Signing in */

static void
sign_in_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringSignInPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringSession) session = NULL;

  session = kring_client_sign_in_finish (KRING_CLIENT (source), result, &error);
  if (end_request (self, error))
    emit_signed_in (self, source, session);
}

static void
submit_sign_in (KringSignInPage *self)
{
  g_autoptr (KringClient) client = NULL;
  g_autofree char *email = row_text (self->email_row);
  const char *password = password_text (self->password_row);

  if (!require (self, email != NULL && password != NULL) || (client = new_client (self)) == NULL)
    return;
  begin_request (self);
  kring_client_sign_in_async (client, email, password, self->cancellable, sign_in_cb,
                              g_object_ref (self));
}

/* Creating an organisation */

static void
sign_up_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringSignInPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = row_text (self->sign_up_email_row);
  g_autofree char *description = NULL;

  kring_client_sign_up_finish (KRING_CLIENT (source), result, &error);
  if (!end_request (self, error))
    return;
  /* Translators: %s is an email address. */
  description = g_strdup_printf (_ ("If %s can be used for a new organisation, a mail with a "
                                    "verification code is on its way. Enter the code here, or "
                                    "open the link in the mail."),
                                 email);
  adw_status_page_set_description (self->verify_status, description);
  gtk_editable_set_text (GTK_EDITABLE (self->verify_code_row), "");
  show_form (self, "verify");
  gtk_widget_grab_focus (GTK_WIDGET (self->verify_code_row));
}

static const char *
selected_plan (KringSignInPage *self)
{
  guint selected = adw_combo_row_get_selected (self->plan_row);

  if (self->plan_ids == NULL || selected >= g_strv_length (self->plan_ids))
    return NULL;
  return self->plan_ids[selected];
}

static void
submit_sign_up (KringSignInPage *self)
{
  g_autoptr (KringClient) client = NULL;
  g_autofree char *organisation = row_text (self->organisation_row);
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *email = row_text (self->sign_up_email_row);
  const char *password = password_text (self->sign_up_password_row);
  const char *plan = selected_plan (self);

  if (!require (self, organisation != NULL && name != NULL && email != NULL && password != NULL
                          && plan != NULL)
      || (client = new_client (self)) == NULL)
    return;
  begin_request (self);
  kring_client_sign_up_async (client, organisation, name, email, password, plan, self->cancellable,
                              sign_up_cb, g_object_ref (self));
}

static void
verify_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringSignInPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringSession) session = NULL;

  session = kring_client_verify_sign_up_finish (KRING_CLIENT (source), result, &error);
  if (end_request (self, error))
    emit_signed_in (self, source, session);
}

static void
submit_verify (KringSignInPage *self)
{
  g_autoptr (KringClient) client = NULL;
  g_autofree char *code = row_text (self->verify_code_row);

  if (!require (self, code != NULL) || (client = new_client (self)) == NULL)
    return;
  begin_request (self);
  kring_client_verify_sign_up_async (client, code, self->cancellable, verify_cb,
                                     g_object_ref (self));
}

/* Accepting an invitation */

static void
invitation_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringSignInPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringSession) session = NULL;

  session = kring_client_accept_invitation_finish (KRING_CLIENT (source), result, &error);
  if (end_request (self, error))
    emit_signed_in (self, source, session);
}

static void
submit_invitation (KringSignInPage *self)
{
  g_autoptr (KringClient) client = NULL;
  g_autofree char *code = row_text (self->invitation_code_row);
  g_autofree char *name = row_text (self->invitation_name_row);
  const char *password = password_text (self->invitation_password_row);

  if (!require (self, code != NULL && password != NULL) || (client = new_client (self)) == NULL)
    return;
  begin_request (self);
  kring_client_accept_invitation_async (client, code, name, password, self->cancellable,
                                        invitation_cb, g_object_ref (self));
}

/* Resetting a password */

static void
forgot_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringSignInPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  kring_client_request_password_reset_finish (KRING_CLIENT (source), result, &error);
  if (!end_request (self, error))
    return;
  show_form (self, "reset");
  /* Translators: %s is an email address. */
  message = g_strdup_printf (_ ("If %s has a login, a mail with a reset code is on its way."),
                             self->reset_email);
  set_message (self->reset_message, message, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->reset_code_row));
}

static void
submit_forgot (KringSignInPage *self)
{
  g_autoptr (KringClient) client = NULL;
  g_autofree char *email = row_text (self->forgot_email_row);

  if (!require (self, email != NULL) || (client = new_client (self)) == NULL)
    return;
  g_free (self->reset_email);
  self->reset_email = g_strdup (email);
  begin_request (self);
  kring_client_request_password_reset_async (client, email, self->cancellable, forgot_cb,
                                             g_object_ref (self));
}

static void
reset_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KringSignInPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = g_strdup (self->reset_email);

  kring_client_reset_password_finish (KRING_CLIENT (source), result, &error);
  if (!end_request (self, error))
    return;
  kring_sign_in_page_start (self, NULL, email);
  kring_sign_in_page_show_message (self, _ ("Your password is changed. Sign in with the new one."),
                                   FALSE);
}

static void
submit_reset (KringSignInPage *self)
{
  g_autoptr (KringClient) client = NULL;
  g_autofree char *code = row_text (self->reset_code_row);
  const char *password = password_text (self->reset_password_row);

  if (!require (self, code != NULL && password != NULL) || (client = new_client (self)) == NULL)
    return;
  begin_request (self);
  kring_client_reset_password_async (client, code, password, self->cancellable, reset_cb,
                                     g_object_ref (self));
}

/* Navigation */

static void
fill_if_empty (AdwEntryRow *row, AdwEntryRow *from)
{
  if (gtk_editable_get_text (GTK_EDITABLE (row))[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (row), gtk_editable_get_text (GTK_EDITABLE (from)));
}

static void
show_sign_up (KringSignInPage *self)
{
  fill_if_empty (self->sign_up_email_row, self->email_row);
  show_form (self, "sign-up");
  gtk_widget_grab_focus (GTK_WIDGET (self->organisation_row));
}

static void
show_invitation (KringSignInPage *self)
{
  show_form (self, "invitation");
  gtk_widget_grab_focus (GTK_WIDGET (self->invitation_code_row));
}

static void
show_forgot (KringSignInPage *self)
{
  fill_if_empty (self->forgot_email_row, self->email_row);
  show_form (self, "forgot");
  gtk_widget_grab_focus (GTK_WIDGET (self->forgot_email_row));
}

static void
show_reset (KringSignInPage *self)
{
  show_form (self, "reset");
  gtk_widget_grab_focus (GTK_WIDGET (self->reset_code_row));
}

static void
back_clicked (KringSignInPage *self)
{
  const char *form = gtk_stack_get_visible_child_name (self->stack);

  reset_cancellable (self);
  if (g_strcmp0 (form, "sign-in") == 0)
    g_signal_emit (self, signals[CANCELLED], 0);
  else if (g_strcmp0 (form, "verify") == 0)
    show_form (self, "sign-up");
  else if (g_strcmp0 (form, "reset") == 0)
    show_form (self, "forgot");
  else
    show_form (self, "sign-in");
}

static void
update_back_button (KringSignInPage *self)
{
  const char *form = gtk_stack_get_visible_child_name (self->stack);

  gtk_widget_set_visible (self->back_button, self->can_cancel || g_strcmp0 (form, "sign-in") != 0);
}

static void
page_changed (KringSignInPage *self)
{
  update_back_button (self);
}

static void
server_changed (KringSignInPage *self)
{
  adw_window_title_set_subtitle (self->title,
                                 gtk_editable_get_text (GTK_EDITABLE (self->server_row)));
}

/* Public API */

void
kring_sign_in_page_start (KringSignInPage *self, const char *server, const char *email)
{
  g_return_if_fail (KRING_IS_SIGN_IN_PAGE (self));

  reset_cancellable (self);
  clear_passwords (self);
  if (server != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  if (email != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), email);
  show_form (self, "sign-in");
  if (gtk_editable_get_text (GTK_EDITABLE (self->email_row))[0] != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
}

void
kring_sign_in_page_set_server (KringSignInPage *self, const char *server)
{
  g_return_if_fail (KRING_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server != NULL ? server : "");
}

const char *
kring_sign_in_page_get_server (KringSignInPage *self)
{
  g_return_val_if_fail (KRING_IS_SIGN_IN_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->server_row));
}

void
kring_sign_in_page_show_message (KringSignInPage *self, const char *message, gboolean is_error)
{
  g_return_if_fail (KRING_IS_SIGN_IN_PAGE (self));

  set_message (self->sign_in_message, message, is_error);
}

void
kring_sign_in_page_focus_server (KringSignInPage *self)
{
  g_return_if_fail (KRING_IS_SIGN_IN_PAGE (self));

  gtk_stack_set_visible_child_name (self->stack, "sign-in");
  gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
}

/* "kring://KIND/CODE" (or "kring:KIND/CODE"): KIND and CODE, or FALSE. */
static gboolean
parse_link (const char *uri, char **out_kind, char **out_code)
{
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  g_autofree char *rest = NULL;
  g_auto (GStrv) parts = NULL;

  if (parsed == NULL || g_ascii_strcasecmp (g_uri_get_scheme (parsed), "kring") != 0)
    return FALSE;
  /* The path starts with "/" after a host, and holds it all without. */
  rest = g_strconcat (g_uri_get_host (parsed) != NULL ? g_uri_get_host (parsed) : "",
                      g_uri_get_path (parsed), NULL);
  parts = g_strsplit (rest, "/", -1);
  /* KIND, CODE, and at most an empty part from a trailing slash. */
  if (g_strv_length (parts) < 2 || parts[1][0] == '\0'
      || (parts[2] != NULL && (parts[2][0] != '\0' || parts[3] != NULL)))
    return FALSE;
  *out_kind = g_ascii_strdown (parts[0], -1);
  *out_code = g_strstrip (g_strdup (parts[1]));
  return TRUE;
}

gboolean
kring_sign_in_page_open_link (KringSignInPage *self, const char *uri)
{
  g_autofree char *kind = NULL;
  g_autofree char *code = NULL;
  AdwEntryRow *code_row;
  const char *form;

  g_return_val_if_fail (KRING_IS_SIGN_IN_PAGE (self), FALSE);

  if (!parse_link (uri, &kind, &code))
    return FALSE;
  if (g_str_equal (kind, "invitation"))
    code_row = self->invitation_code_row, form = "invitation";
  else if (g_str_equal (kind, "verify"))
    code_row = self->verify_code_row, form = "verify";
  else if (g_str_equal (kind, "reset"))
    code_row = self->reset_code_row, form = "reset";
  else
    return FALSE;

  reset_cancellable (self);
  gtk_editable_set_text (GTK_EDITABLE (code_row), code);
  if (g_str_equal (form, "verify"))
    adw_status_page_set_description (self->verify_status,
                                     _ ("Confirm the verification code from the mail."));
  show_form (self, form);
  /* The next field to fill in: the code is there. */
  if (g_str_equal (form, "invitation"))
    gtk_widget_grab_focus (GTK_WIDGET (self->invitation_name_row));
  else if (g_str_equal (form, "reset"))
    gtk_widget_grab_focus (GTK_WIDGET (self->reset_password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->verify_code_row));
  return TRUE;
}

void
kring_sign_in_page_set_can_cancel (KringSignInPage *self, gboolean can_cancel)
{
  g_return_if_fail (KRING_IS_SIGN_IN_PAGE (self));

  self->can_cancel = !!can_cancel;
  update_back_button (self);
}

const char *
kring_sign_in_page_get_form (KringSignInPage *self)
{
  g_return_val_if_fail (KRING_IS_SIGN_IN_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* The plans of the shipped price table, for the signup form. */
static void
load_plans (KringSignInPage *self)
{
  g_autoptr (GBytes) data = NULL;
  g_autoptr (KringPriceTable) table = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr (GError) error = NULL;

  data = g_resources_lookup_data ("/nl/kring/Kring/pricing.json", 0, &error);
  if (data != NULL)
    table = kring_price_table_new_from_data (g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                             &error);
  if (table == NULL)
    {
      g_critical ("The shipped price table cannot be read: %s", error->message);
      return;
    }
  for (guint i = 0; i < kring_price_table_get_n_plans (table); i++)
    {
      const KringPlan *plan = kring_price_table_get_plan (table, i);

      gtk_string_list_append (names, plan->name);
      g_strv_builder_add (ids, plan->id);
    }
  self->plan_ids = g_strv_builder_end (ids);
  adw_combo_row_set_model (self->plan_row, G_LIST_MODEL (names));
}

static void
kring_sign_in_page_dispose (GObject *object)
{
  KringSignInPage *self = KRING_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (kring_sign_in_page_parent_class)->dispose (object);
}

static void
kring_sign_in_page_finalize (GObject *object)
{
  KringSignInPage *self = KRING_SIGN_IN_PAGE (object);

  g_strfreev (self->plan_ids);
  g_free (self->reset_email);
  G_OBJECT_CLASS (kring_sign_in_page_parent_class)->finalize (object);
}

static void
kring_sign_in_page_class_init (KringSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kring_sign_in_page_dispose;
  object_class->finalize = kring_sign_in_page_finalize;

  signals[SIGNED_IN]
      = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 2, KRING_TYPE_CLIENT, KRING_TYPE_SESSION);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/nl/kring/Kring/ui/kring-sign-in-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, KringSignInPage, name)
  CHILD (stack);
  CHILD (back_button);
  CHILD (spinner);
  CHILD (title);
  CHILD (sign_in_message);
  CHILD (server_row);
  CHILD (email_row);
  CHILD (password_row);
  CHILD (sign_up_message);
  CHILD (organisation_row);
  CHILD (name_row);
  CHILD (sign_up_email_row);
  CHILD (sign_up_password_row);
  CHILD (plan_row);
  CHILD (verify_status);
  CHILD (verify_message);
  CHILD (verify_code_row);
  CHILD (invitation_message);
  CHILD (invitation_code_row);
  CHILD (invitation_name_row);
  CHILD (invitation_password_row);
  CHILD (forgot_message);
  CHILD (forgot_email_row);
  CHILD (reset_message);
  CHILD (reset_code_row);
  CHILD (reset_password_row);
  CHILD (sign_in_button);
  CHILD (sign_up_button);
  CHILD (verify_button);
  CHILD (invitation_button);
  CHILD (forgot_button);
  CHILD (reset_button);
  CHILD (sign_up_link);
  CHILD (invitation_link);
  CHILD (forgot_link);
  CHILD (reset_link);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, submit_sign_in);
  gtk_widget_class_bind_template_callback (widget_class, submit_sign_up);
  gtk_widget_class_bind_template_callback (widget_class, submit_verify);
  gtk_widget_class_bind_template_callback (widget_class, submit_invitation);
  gtk_widget_class_bind_template_callback (widget_class, submit_forgot);
  gtk_widget_class_bind_template_callback (widget_class, submit_reset);
  gtk_widget_class_bind_template_callback (widget_class, show_sign_up);
  gtk_widget_class_bind_template_callback (widget_class, show_invitation);
  gtk_widget_class_bind_template_callback (widget_class, show_forgot);
  gtk_widget_class_bind_template_callback (widget_class, show_reset);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, page_changed);
}

static void
kring_sign_in_page_init (KringSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->server_row, "changed", G_CALLBACK (server_changed), self,
                           G_CONNECT_SWAPPED);
  load_plans (self);
  update_back_button (self);
}
