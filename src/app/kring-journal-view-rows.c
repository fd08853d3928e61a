/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rows of KringJournalView: an entry's author, time and audience, its
 * text, the links between corrections and what they correct, and the
 * Correct button. */
#define G_LOG_DOMAIN "kring"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kring-journal-view-private.h"

/* Links between entries in the rows' markup. */
#define ENTRY_URI_PREFIX "kring-entry:"

/* Rows */

static char *
format_time (GDateTime *time)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (time);

  /* Translators: when a journal entry was written, in the syntax of
   * g_date_time_format(); put the date in your language's usual order. */
  return g_date_time_format (local, _ ("%-d %B %Y, %H:%M"));
}

static char *
entry_link (gint64 entry_id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, entry_id);
  /* Translators: a link to another journal entry by its number. */
  g_autofree char *text = g_strdup_printf (_ ("entry #%s"), number);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return g_strdup_printf ("<a href=\"" ENTRY_URI_PREFIX "%s\">%s</a>", number, escaped);
}

/* "Corrects entry #3" and "Corrected by entry #7, entry #9" as links, or
 * NULL when the entry is neither. */
static char *
links_markup (KringEntryItem *entry)
{
  g_autoptr (GString) markup = g_string_new (NULL);
  guint n_ids = 0;
  const gint64 *ids = kring_entry_item_get_corrected_by (entry, &n_ids);

  if (kring_entry_item_get_corrects (entry) != 0)
    {
      g_autofree char *link = entry_link (kring_entry_item_get_corrects (entry));

      /* Translators: %s is a link to the entry this one corrects. */
      g_string_append_printf (markup, _ ("Corrects %s"), link);
    }
  if (n_ids > 0)
    {
      g_autoptr (GString) links = g_string_new (NULL);

      for (guint i = 0; i < n_ids; i++)
        {
          g_autofree char *link = entry_link (ids[i]);

          g_string_append_printf (links, "%s%s", i > 0 ? ", " : "", link);
        }
      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      /* Translators: %s is a list of links to the entries correcting this one. */
      g_string_append_printf (markup, _ ("Corrected by %s"), links->str);
    }
  return markup->len > 0 ? g_string_free (g_steal_pointer (&markup), FALSE) : NULL;
}

static gboolean
activate_link_cb (KringJournalView *self, const char *uri)
{
  gint64 entry_id;

  if (!g_str_has_prefix (uri, ENTRY_URI_PREFIX))
    return FALSE;
  entry_id = g_ascii_strtoll (uri + strlen (ENTRY_URI_PREFIX), NULL, 10);
  if (entry_id > 0)
    kring_journal_view_show_entry (self, entry_id);
  return TRUE;
}

static void
correct_clicked_cb (KringJournalView *self, GtkWidget *button)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (button), "list-item");
  KringEntryItem *entry = gtk_list_item_get_item (item);

  if (entry == NULL)
    return;
  kring_journal_view_correct_entry (self, kring_entry_item_get_id (entry));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static GtkWidget *
row_label (GtkWidget *row, const char *key, const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  g_object_set_data (G_OBJECT (row), key, label);
  return label;
}

/* Author on top, when and for whom below it (so that narrow windows
 * keep the name readable), *Correct this entry* at the end. */
static GtkWidget *
row_header (KringJournalView *self, GtkWidget *row, GtkListItem *item)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
  GtkWidget *author = row_label (row, "author", "heading");
  GtkWidget *time = row_label (row, "time", "dim-label");
  GtkWidget *badge = row_label (row, "badge", "accent");
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

  gtk_label_set_ellipsize (GTK_LABEL (author), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_add_css_class (time, "numeric");
  gtk_label_set_text (GTK_LABEL (badge), _ ("Professionals only"));
  gtk_widget_add_css_class (badge, "caption-heading");
  gtk_widget_set_tooltip_text (button, _ ("Correct this entry"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Correct this entry"), -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "list-item", item);
  g_signal_connect_object (button, "clicked", G_CALLBACK (correct_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  /* Only those who may write can correct. */
  g_object_bind_property (self, "can-write", button, "visible", G_BINDING_SYNC_CREATE);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (details), time);
  gtk_box_append (GTK_BOX (details), badge);
  gtk_box_append (GTK_BOX (texts), author);
  gtk_box_append (GTK_BOX (texts), details);
  gtk_box_append (GTK_BOX (header), texts);
  gtk_box_append (GTK_BOX (header), button);
  return header;
}

void
_kring_journal_view_setup_row_cb (KringJournalView *self, GtkListItem *item)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *body = row_label (row, "body", NULL);
  GtkWidget *links = row_label (row, "links", "caption");

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 12);
  gtk_widget_set_margin_bottom (row, 12);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap (GTK_LABEL (links), TRUE);
  g_signal_connect_object (links, "activate-link", G_CALLBACK (activate_link_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (row), row_header (self, row, item));
  gtk_box_append (GTK_BOX (row), body);
  gtk_box_append (GTK_BOX (row), links);
  gtk_list_item_set_child (item, row);
}

static const char *
author_name (KringEntryItem *entry)
{
  KringUserInfo *author = kring_entry_item_get_author (entry);

  if (author != NULL && author->name != NULL && author->name[0] != '\0')
    return author->name;
  if (author != NULL && author->email != NULL)
    return author->email;
  return _ ("Unknown author");
}

void
_kring_journal_view_bind_row_cb (KringJournalView *self, GtkListItem *item)
{
  KringEntryItem *entry = gtk_list_item_get_item (item);
  GObject *row = G_OBJECT (gtk_list_item_get_child (item));
  GtkLabel *links = g_object_get_data (row, "links");
  g_autofree char *time = format_time (kring_entry_item_get_created_at (entry));
  g_autofree char *markup = links_markup (entry);

  gtk_label_set_text (g_object_get_data (row, "author"), author_name (entry));
  gtk_label_set_text (g_object_get_data (row, "time"), time);
  gtk_widget_set_visible (g_object_get_data (row, "badge"),
                          g_strcmp0 (kring_entry_item_get_visibility (entry), "professionals")
                              == 0);
  gtk_label_set_text (g_object_get_data (row, "body"), kring_entry_item_get_body (entry));
  gtk_label_set_markup (links, markup != NULL ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (links), markup != NULL);
}
