/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Add by Email dialog of KringParticipantsView: addresses typed or
 * pasted in any form a mail program or spreadsheet gives, counted as they
 * are typed, and invited through the view's invite drop. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "kring-participants-view-private.h"

/* Add by email */

typedef struct
{
  KringParticipantsView *self;
  GtkTextBuffer *buffer;
  GtkLabel *preview;
} AddDialog;

static void
add_dialog_free (AddDialog *add)
{
  g_object_unref (add->self);
  g_free (add);
}

static KringInviteeList *
add_dialog_invitees (AddDialog *add)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (add->buffer, &start, &end);
  text = gtk_text_buffer_get_text (add->buffer, &start, &end, FALSE);
  return kring_invitee_list_new_from_data (text, strlen (text));
}

static void
on_add_text_changed (GtkTextBuffer *buffer, AdwMessageDialog *dialog)
{
  AddDialog *add = g_object_get_data (G_OBJECT (dialog), "kring-add-dialog");
  g_autoptr (KringInviteeList) invitees = add_dialog_invitees (add);
  guint n_valid = kring_invitee_list_get_n_valid (invitees);
  guint n_invalid = kring_invitee_list_get_n_items (invitees) - n_valid;
  g_autofree char *valid = NULL;
  g_autofree char *text = NULL;

  valid = g_strdup_printf (ngettext ("%u address", "%u addresses", n_valid), n_valid);
  if (n_invalid > 0)
    text = g_strdup_printf (
        ngettext ("%s, %u not an email address", "%s, %u not email addresses", n_invalid), valid,
        n_invalid);
  gtk_label_set_text (add->preview, text != NULL ? text : valid);
  adw_message_dialog_set_response_enabled (dialog, "invite", n_valid > 0);
}

static void
on_add_response (AdwMessageDialog *dialog, const char *response, AddDialog *add)
{
  g_autoptr (KringInviteeList) invitees = NULL;

  if (g_strcmp0 (response, "invite") != 0)
    return;
  invitees = add_dialog_invitees (add);
  if (kring_invitee_list_get_n_items (invitees) > 0)
    kring_invite_drop_invite (add->self->invite_drop, invitees);
}

static GtkWidget *
new_add_dialog_content (AddDialog *add)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *preview = gtk_label_new (NULL);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Email addresses"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 96);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_label_set_xalign (GTK_LABEL (preview), 0);
  gtk_widget_add_css_class (preview, "dim-label");
  gtk_widget_add_css_class (preview, "caption");
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), preview);
  add->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  add->preview = GTK_LABEL (preview);
  return box;
}

void
kring_participants_view_add_by_email (KringParticipantsView *self)
{
  AddDialog *add;
  GtkWidget *dialog;

  g_return_if_fail (KRING_IS_PARTICIPANTS_VIEW (self));

  if (!self->can_invite)
    return;
  add = g_new0 (AddDialog, 1);
  add->self = g_object_ref (self);
  dialog
      = adw_message_dialog_new (_kring_participants_view_parent_window (self), _ ("Add by Email"),
                                _ ("Type or paste one address or many, as a mail program or "
                                   "spreadsheet gives them, with or without names."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), new_add_dialog_content (add));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "invite",
                                    _ ("_Invite"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "invite",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kring-add-dialog", add,
                          (GDestroyNotify)add_dialog_free);
  g_signal_connect_object (add->buffer, "changed", G_CALLBACK (on_add_text_changed), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_response), add);
  on_add_text_changed (add->buffer, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}
