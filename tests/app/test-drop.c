/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drag-and-drop inviting against a real kringd: drops emitted on the real
 * drop targets exactly as GTK delivers them (text, vCard files, rows of
 * the app), the keyboard equivalents, the three-dossier limit with its
 * *Make teammate* offer, and a drop while the server is down. */
#include "config.h"

#include <glib/gstdio.h>

#include "kring-dossier-chooser.h"
#include "kring-invite-test.h"
#include "kring-money.h"

/* A fresh address: guests count across all accounts of the server (R3),
 * so no two tests share one. */
static char *
addr (const char *who)
{
  return g_strdup_printf ("%s-%u@voorbeeld.nl", who, ++email_counter);
}

typedef struct
{
  KringClient *owner;
  char *owner_email;
  gint64 account_id;
} Org;

static Org
new_org (const char *plan)
{
  Org org = { 0 };

  org.owner = new_owner (plan, &org.account_id, &org.owner_email);
  return org;
}

static void
org_clear (Org *org)
{
  g_clear_object (&org->owner);
  g_clear_pointer (&org->owner_email, g_free);
}

static gint64
new_dossier_id (Org *org, const char *title)
{
  g_autoptr (KringDossierItem) dossier = new_dossier (org->owner, org->account_id, title);

  return kring_dossier_item_get_id (dossier);
}

/* The participants but the dossier's creator, as "email=name;…". */
static char *
others (Org *org, gint64 dossier_id)
{
  g_autofree char *all = participants_summary (org->owner, dossier_id);
  g_auto (GStrv) parts = g_strsplit (all, ";", -1);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  g_autofree char *prefix = g_strconcat (org->owner_email, "=", NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    if (!g_str_has_prefix (parts[i], prefix))
      g_ptr_array_add (kept, parts[i]);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (";", (char **)kept->pdata);
}

static gboolean
view_lists (KringParticipantsView *view, const char *text)
{
  return shows_text (GTK_WIDGET (view), text);
}

typedef struct
{
  KringParticipantsView *view;
  const char *text;
} ViewText;

static gboolean
view_lists_cond (gpointer data)
{
  ViewText *vt = data;

  return view_lists (vt->view, vt->text);
}

static void
await_view_lists (KringParticipantsView *view, const char *text)
{
  ViewText vt = { view, text };

  wait_for (view_lists_cond, &vt, text);
}

static void
test_drop_text (void)
{
  Org org = new_org ("pro");
  gint64 dossier = new_dossier_id (&org, "Familie de Vries");
  ViewWindow vw = open_view (org.owner, dossier, "owner", "team");
  g_autofree char *jan = addr ("jan");
  g_autofree char *piet = addr ("piet");
  g_autofree char *anna = addr ("anna");
  g_autofree char *kees = addr ("kees");
  g_autofree char *marie = addr ("marie");
  g_autofree char *anna_upper = g_ascii_strup (anna, -1);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *held = NULL;
  KringDropSummary *summary;

  /* What a mail client puts on the clipboard, with a mistake in it. */
  text = g_strdup_printf ("Jan de Vries <%s>, %s; \"de Vries, Anna\" <%s>\n"
                          "mailto:%s\nnot-an@address@x",
                          jan, piet, anna_upper, kees);
  g_assert_true (drop_text (vw.view, text));
  summary = await_summary ();
  g_assert_cmpint (kring_drop_summary_get_state (summary), ==, KRING_DROP_SUMMARY_DONE);
  g_assert_true (shows_text (GTK_WIDGET (summary), "4 people invited"));
  g_assert_true (shows_text (GTK_WIDGET (summary), "Not an Email Address"));
  g_assert_true (shows_text (GTK_WIDGET (summary), "not-an@address@x"));
  g_assert_true (shows_text (GTK_WIDGET (summary), "de Vries, Anna"));
  held = others (&org, dossier);
  expected = g_strdup_printf ("%s=de Vries, Anna;%s=Jan de Vries;%s=-;%s=-", anna, jan, kees, piet);
  g_assert_cmpstr (held, ==, expected);
  /* The view shows who was added. */
  await_view_lists (vw.view, "de Vries, Anna");
  await_view_lists (vw.view, kees);
  gtk_window_destroy (GTK_WINDOW (summary));

  /* A spreadsheet row and Outlook's "Last, First <address>; …", naming
   * someone already there. */
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("Marie\tCurie\t%s\nVries, Jan <%s>; Piet <%s>", marie, jan, piet);
  g_assert_true (drop_text (vw.view, text));
  summary = await_summary ();
  g_assert_true (shows_text (GTK_WIDGET (summary), "1 person invited"));
  g_assert_true (shows_text (GTK_WIDGET (summary), "Already in This Dossier"));
  g_assert_true (shows_text (GTK_WIDGET (summary), "Marie Curie"));
  g_clear_pointer (&held, g_free);
  g_clear_pointer (&expected, g_free);
  held = others (&org, dossier);
  expected = g_strdup_printf ("%s=de Vries, Anna;%s=Jan de Vries;%s=-;%s=Marie Curie;%s=-", anna,
                              jan, kees, marie, piet);
  g_assert_cmpstr (held, ==, expected);
  await_view_lists (vw.view, "Marie Curie");

  /* Text without an address is not taken, and opens nothing. */
  gtk_window_destroy (GTK_WINDOW (summary));
  g_assert_false (drop_text (vw.view, "just some words, no addresses"));
  settle ();
  g_assert_null (find_window (KRING_TYPE_DROP_SUMMARY));

  close_view (&vw);
  org_clear (&org);
}

static GFile *
write_file (const char *dir, const char *name, const char *data, gssize length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_drop_vcard (void)
{
  Org org = new_org ("pro");
  gint64 dossier = new_dossier_id (&org, "Familie Jansen");
  ViewWindow vw = open_view (org.owner, dossier, "admin", NULL);
  g_autofree char *dir = g_dir_make_tmp ("kring-vcard-XXXXXX", NULL);
  g_autofree char *work = addr ("jan.work");
  g_autofree char *home = addr ("jan.home");
  g_autofree char *piet = addr ("piet");
  g_autofree char *bep = addr ("bep");
  g_autofree char *noted = addr ("noted");
  g_autofree char *hidden = addr ("hidden");
  g_autofree char *home_mixed = g_strdup (home);
  g_autofree char *contacts = NULL;
  g_autofree char *card = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *held = NULL;
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  KringDropSummary *summary;

  home_mixed[0] = g_ascii_toupper (home_mixed[0]);
  /* vCard 3.0, two contacts: a folded name, a folded address, EMAIL with
   * parameters, a grouped EMAIL. */
  contacts = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:de Vries;Jan;;;\r\n"
                              "FN:Jan de\r\n  Vries\r\n"
                              "EMAIL;TYPE=INTERNET,WORK:%.4s\r\n %s\r\n"
                              "EMAIL;type=HOME;PREF=1:%s\r\nEND:VCARD\r\n"
                              "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Piet Jansen\r\n"
                              "item1.EMAIL;type=INTERNET:%s\r\nEND:VCARD\r\n",
                              work, work + 4, home_mixed, piet);
  /* vCard 4.0 with a byte order mark and LF line ends. */
  card = g_strdup_printf ("\xEF\xBB\xBF"
                          "BEGIN:VCARD\nVERSION:4.0\nFN:Bep van Dam\n"
                          "EMAIL;TYPE=\"work,voice\";PREF=1:%s\nEND:VCARD\n",
                          bep);
  notes = g_strdup_printf ("Notitie <%s>\n", noted);
  photo = g_strdup_printf ("\x89PNG\r\n\x1a\n binary %s", hidden);
  files = g_slist_append (files, write_file (dir, "contacts.vcf", contacts, -1));
  files = g_slist_append (files, write_file (dir, "bep.vcf", card, -1));
  files = g_slist_append (files, write_file (dir, "notes.txt", notes, -1));
  files = g_slist_append (files, write_file (dir, "photo.png", photo, -1));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_assert_true (emit_drop (
      kring_invite_drop_get_drop_target (kring_participants_view_get_invite_drop (vw.view)),
      &value));
  g_value_unset (&value);
  summary = await_summary ();
  g_assert_cmpint (kring_drop_summary_get_state (summary), ==, KRING_DROP_SUMMARY_DONE);
  g_assert_true (shows_text (GTK_WIDGET (summary), "5 people invited"));

  /* Each address of a contact, named after it; not the picture. */
  held = others (&org, dossier);
  expected = g_strdup_printf ("%s=Bep van Dam;%s=Jan de Vries;%s=Jan de Vries;%s=Notitie;%s=Piet "
                              "Jansen",
                              bep, home, work, noted, piet);
  g_assert_cmpstr (held, ==, expected);
  await_view_lists (vw.view, "Bep van Dam");

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_slist_free_full (files, g_object_unref);
  close_view (&vw);
  org_clear (&org);
}

/* The GtkDragSource of the cell showing @text. */
static GtkDragSource *
drag_source_of (GtkWidget *root, const char *text)
{
  GtkWidget *label = find_widget (root, is_label_with_text, text);
  g_autoptr (GListModel) controllers = NULL;

  g_assert_nonnull (label);
  controllers = gtk_widget_observe_controllers (label);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        return GTK_DRAG_SOURCE (controller);
    }
  g_assert_not_reached ();
}

static void
drop_invitees (KringParticipantsView *view, KringInviteeList *invitees)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, KRING_TYPE_INVITEE_LIST);
  g_value_set_boxed (&value, invitees);
  g_assert_true (emit_drop (
      kring_invite_drop_get_drop_target (kring_participants_view_get_invite_drop (view)), &value));
  g_value_unset (&value);
}

static void
test_drop_rows (void)
{
  Org org = new_org ("pro");
  gint64 from = new_dossier_id (&org, "Familie Bakker");
  gint64 to = new_dossier_id (&org, "Familie Smit");
  g_autofree char *oma = addr ("oma");
  g_autofree char *zorg = addr ("zorg");
  g_autoptr (KringParticipantItem) oma_item = invite (org.owner, from, oma, "Oma Bep");
  g_autoptr (KringTeammateAdded) added = NULL;
  g_autoptr (GdkContentProvider) content = NULL;
  g_autoptr (GdkContentFormats) formats = NULL;
  g_autoptr (KringInviteeList) teammate = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringParticipantItem) oma_there = NULL;
  g_autoptr (KringParticipantItem) zorg_there = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *held = NULL;
  GValue value = G_VALUE_INIT;
  ViewWindow source = open_view (org.owner, from, "owner", "team");
  ViewWindow target = open_view (org.owner, to, "owner", "team");
  KringDropSummary *summary;

  /* A participant row of another dossier, as its drag source offers it:
   * the people for the app and text for anything else. */
  g_signal_emit_by_name (drag_source_of (GTK_WIDGET (source.view), "Oma Bep"), "prepare", 5.0, 5.0,
                         &content);
  g_assert_nonnull (content);
  formats = gdk_content_provider_ref_formats (content);
  g_assert_true (gdk_content_formats_contain_gtype (formats, KRING_TYPE_INVITEE_LIST));
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"));
  g_value_init (&value, KRING_TYPE_INVITEE_LIST);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  g_assert_true (emit_drop (
      kring_invite_drop_get_drop_target (kring_participants_view_get_invite_drop (target.view)),
      &value));
  g_value_unset (&value);
  summary = await_summary ();
  g_assert_true (shows_text (GTK_WIDGET (summary), "1 person invited"));
  gtk_window_destroy (GTK_WINDOW (summary));

  /* A teammate row. */
  added = CALL (kring_client_add_teammate, org.owner, org.account_id, zorg, "Zorg Verlener",
                "member", NULL);
  g_assert_no_error (error);
  teammate = kring_invitee_list_new_for_teammate (added->teammate);
  drop_invitees (target.view, teammate);
  summary = await_summary ();
  g_assert_true (shows_text (GTK_WIDGET (summary), "1 person invited"));

  held = others (&org, to);
  expected = g_strdup_printf ("%s=Oma Bep;%s=Zorg Verlener", oma, zorg);
  g_assert_cmpstr (held, ==, expected);
  oma_there = find_participant (org.owner, to, oma);
  zorg_there = find_participant (org.owner, to, zorg);
  g_assert_cmpstr (kring_participant_item_get_access (oma_there), ==, "guest");
  g_assert_cmpstr (kring_participant_item_get_access (zorg_there), ==, "team");
  await_view_lists (target.view, "Zorg Verlener");

  /* The row dropped again: already there. */
  gtk_window_destroy (GTK_WINDOW (summary));
  drop_invitees (target.view, teammate);
  summary = await_summary ();
  g_assert_true (shows_text (GTK_WIDGET (summary), "Already in This Dossier"));
  g_assert_true (shows_text (GTK_WIDGET (summary), "0 people invited"));

  close_view (&source);
  close_view (&target);
  org_clear (&org);
}

static gint64
month_excl_vat (KringClient *client, const char *plan, gint64 users, const char *billing)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringQuoteInfo) quote
      = CALL (kring_client_create_quote, client, plan, users, billing, NULL, 0, NULL);

  g_assert_no_error (error);
  return quote->per_month.excl_vat_cents;
}

static GtkWidget *
make_teammate_button (GtkWidget *summary)
{
  return find_widget (summary, is_button_labelled, "Make _Teammate");
}

static gboolean
offer_shown (gpointer summary)
{
  return make_teammate_button (summary) != NULL;
}

typedef struct
{
  GtkWidget *root;
  const char *text;
} RootText;

static gboolean
root_shows (gpointer data)
{
  RootText *rt = data;

  return shows_text (rt->root, rt->text);
}

static void
await_text (GtkWidget *root, const char *text)
{
  RootText rt = { root, text };

  wait_for (root_shows, &rt, text);
}

/* @email a guest in three dossiers of @org. */
static void
fill_guest_limit (Org *org, const char *email)
{
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Dossier %d", i + 1);
      g_autoptr (KringParticipantItem) p
          = invite (org->owner, new_dossier_id (org, title), email, NULL);

      g_assert_cmpstr (kring_participant_item_get_access (p), ==, "guest");
    }
}

static void
test_drop_limit (void)
{
  Org org = new_org ("pro");
  gint64 dossier = new_dossier_id (&org, "Familie Visser");
  g_autofree char *gast = addr ("gast");
  g_autofree char *other = addr ("tweede");
  g_autofree char *third = addr ("derde");
  g_autoptr (GError) error = NULL;
  g_autoptr (KringAccountInfo) account = NULL;
  g_autoptr (KringPage) teammates = NULL;
  g_autoptr (KringParticipantItem) now = NULL;
  g_autoptr (KringTeammateAdded) added = NULL;
  g_autofree char *price = NULL;
  g_autofree char *offer = NULL;
  g_autofree char *text = NULL;
  gint64 cents;
  gboolean listed = FALSE;
  KringDropSummary *summary;
  ViewWindow vw;

  fill_guest_limit (&org, gast);
  vw = open_view (org.owner, dossier, "owner", NULL);

  /* The price of one more teammate, from the server's own quotes for the
   * account's plan and billing. */
  account = CALL (kring_client_get_account, org.owner, org.account_id, NULL);
  g_assert_no_error (error);
  cents = month_excl_vat (org.owner, account->plan, account->seats + 1, account->billing)
          - month_excl_vat (org.owner, account->plan, account->seats, account->billing);
  g_assert_cmpint (cents, >, 0);
  price = kring_money_format (cents, g_get_language_names ()[0]);
  offer = g_strdup_printf ("Make them a teammate for %s a month", price);

  text = g_strdup_printf ("Gast Vier <%s>", gast);
  g_assert_true (drop_text (vw.view, text));
  summary = await_summary ();
  g_assert_true (shows_text (GTK_WIDGET (summary), "Already a Guest in 3 Dossiers"));
  g_assert_true (shows_text (GTK_WIDGET (summary), "0 people invited"));
  wait_for (offer_shown, summary, "the Make teammate offer");
  g_assert_true (shows_text (GTK_WIDGET (summary), offer));
  g_assert_null (find_participant (org.owner, dossier, gast));

  /* Make teammate: a seat, then the invitation again. */
  g_signal_emit_by_name (make_teammate_button (GTK_WIDGET (summary)), "clicked");
  await_text (GTK_WIDGET (summary), "Now a teammate, and invited");
  g_assert_null (make_teammate_button (GTK_WIDGET (summary)));
  now = find_participant (org.owner, dossier, gast);
  g_assert_nonnull (now);
  g_assert_cmpstr (kring_participant_item_get_access (now), ==, "team");
  teammates = CALL (kring_client_list_teammates, org.owner, org.account_id, NULL, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < teammates->items->len; i++)
    listed
        |= g_strcmp0 (kring_teammate_item_get_email (g_ptr_array_index (teammates->items, i)), gast)
           == 0;
  g_assert_true (listed);
  await_view_lists (vw.view, gast);
  gtk_window_destroy (GTK_WINDOW (summary));

  /* A full plan (Pro holds 3) offers no seat. */
  added = CALL (kring_client_add_teammate, org.owner, org.account_id, third, NULL, "member", NULL);
  g_assert_no_error (error);
  fill_guest_limit (&org, other);
  g_assert_true (drop_text (vw.view, other));
  summary = await_summary ();
  await_text (GTK_WIDGET (summary), "Your plan holds at most 3 teammates");
  g_assert_null (make_teammate_button (GTK_WIDGET (summary)));

  close_view (&vw);
  org_clear (&org);
}

/* A member who may invite, but not add teammates: no offer. */
static void
test_drop_limit_member (void)
{
  Org org = new_org ("pro");
  gint64 dossier = new_dossier_id (&org, "Familie Mulder");
  g_autofree char *member = addr ("verzorger");
  g_autofree char *gast = addr ("gast");
  g_autofree char *token = NULL;
  g_autoptr (KringClient) member_client = NULL;
  g_autoptr (KringTeammateAdded) added = NULL;
  g_autoptr (KringParticipantItem) participant = NULL;
  g_autoptr (GError) error = NULL;
  KringDropSummary *summary;
  ViewWindow vw;

  added = CALL (kring_client_add_teammate, org.owner, org.account_id, member, "Verzorger", "member",
                NULL);
  g_assert_no_error (error);
  token = kring_test_accept_invitation (srv, member, "Verzorger");
  member_client = new_client (token);
  participant = invite (org.owner, dossier, member, NULL);
  g_assert_cmpstr (kring_participant_item_get_access (participant), ==, "team");
  fill_guest_limit (&org, gast);

  /* What the view finds out by itself: a team member may invite. */
  vw = open_view (member_client, dossier, "lookup", NULL);
  wait_for ((Condition)kring_participants_view_get_can_manage, vw.view, "the member's rights");
  g_assert_true (drop_text (vw.view, gast));
  summary = await_summary ();
  await_text (GTK_WIDGET (summary), "An owner or administrator can make them a teammate");
  g_assert_null (make_teammate_button (GTK_WIDGET (summary)));
  g_assert_null (find_participant (org.owner, dossier, gast));

  close_view (&vw);
  org_clear (&org);
}

static gboolean
summary_failed (gpointer summary)
{
  return kring_drop_summary_get_state (summary) == KRING_DROP_SUMMARY_FAILED;
}

static gboolean
summary_done (gpointer summary)
{
  return kring_drop_summary_get_state (summary) == KRING_DROP_SUMMARY_DONE;
}

/* Nothing is lost: a drop while the server is down keeps every address
 * for Retry, which sends them once the server is back. */
static void
test_drop_server_down (void)
{
  KringTestServer *main_server = srv;
  KringTestServer *restarted;
  Org org;
  gint64 dossier;
  ViewWindow vw;
  g_autofree char *a = addr ("een");
  g_autofree char *b = addr ("twee");
  g_autofree char *c = addr ("drie");
  g_autofree char *text = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *held = NULL;
  const char *args[3] = { "--listen", NULL, NULL };
  KringDropSummary *summary;

  srv = kring_test_server_start (NULL);
  org = new_org ("pro");
  dossier = new_dossier_id (&org, "Familie de Boer");
  vw = open_view (org.owner, dossier, "owner", "team");

  kring_test_server_kill (srv);
  text = g_strdup_printf ("Een <%s>, %s\nDrie <%s>", a, b, c);
  g_assert_true (drop_text (vw.view, text));
  summary = await_summary ();
  g_assert_cmpint (kring_drop_summary_get_state (summary), ==, KRING_DROP_SUMMARY_FAILED);
  g_assert_true (shows_text (GTK_WIDGET (summary), "Invitations Not Sent"));
  g_assert_true (shows_text (GTK_WIDGET (summary), "3 addresses are kept"));
  g_assert_true (shows_text (GTK_WIDGET (summary), a));
  g_assert_true (shows_text (GTK_WIDGET (summary), b));
  g_assert_true (shows_text (GTK_WIDGET (summary), "Drie"));

  /* Still down: Retry fails again and keeps them all. */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (summary), is_button_labelled, "_Retry"),
                         "clicked");
  g_assert_cmpint (kring_drop_summary_get_state (summary), ==, KRING_DROP_SUMMARY_SENDING);
  wait_for (summary_failed, summary, "the retry to fail");
  settle ();
  g_assert_true (shows_text (GTK_WIDGET (summary), "3 addresses are kept"));
  g_assert_true (shows_text (GTK_WIDGET (summary), c));

  /* The server comes back at the same address on the same database. */
  listen = g_strdup (srv->base_url + strlen ("http://"));
  args[1] = listen;
  restarted = kring_test_server_start_sharing (srv, args);
  g_assert_cmpstr (restarted->base_url, ==, srv->base_url);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (summary), is_button_labelled, "_Retry"),
                         "clicked");
  wait_for (summary_done, summary, "the retry to succeed");
  settle ();
  g_assert_true (shows_text (GTK_WIDGET (summary), "3 people invited"));
  held = others (&org, dossier);
  expected = g_strdup_printf ("%s=Drie;%s=Een;%s=-", c, a, b);
  g_assert_cmpstr (held, ==, expected);

  close_view (&vw);
  org_clear (&org);
  kring_test_server_stop (restarted);
  kring_test_server_free (srv);
  srv = main_server;
}

/* The drop target alone, as a dossier row of the list uses it. */
static void
test_drop_target_row (void)
{
  Org org = new_org ("pro");
  gint64 dossier = new_dossier_id (&org, "Familie Peters");
  g_autofree char *kind = addr ("kind");
  g_autofree char *held = NULL;
  g_autofree char *expected = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *row = gtk_label_new ("Familie Peters");
  KringInviteDrop *drop = kring_invite_drop_attach (row, org.owner, 0);
  GtkDropTarget *target = kring_invite_drop_get_drop_target (drop);
  GdkDragAction action = 0;
  GValue value = G_VALUE_INIT;
  KringDropSummary *summary;

  gtk_window_set_child (window, row);
  gtk_window_present (window);
  g_assert_true (kring_invite_drop_get_for_widget (row) == drop);

  /* Not bound to a dossier yet (a recycled row): no drops. */
  g_signal_emit_by_name (target, "enter", 5.0, 5.0, &action);
  g_assert_cmpint (action, ==, 0);
  g_assert_false (gtk_widget_has_css_class (row, "drop-highlight"));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, kind);
  g_assert_false (emit_drop (target, &value));

  /* Bound: highlighted while a drag hovers, and a drop invites. */
  kring_invite_drop_set_dossier_id (drop, dossier);
  g_signal_emit_by_name (target, "enter", 5.0, 5.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_COPY);
  g_assert_true (gtk_widget_has_css_class (row, "drop-highlight"));
  g_signal_emit_by_name (target, "leave");
  g_assert_false (gtk_widget_has_css_class (row, "drop-highlight"));
  g_signal_emit_by_name (target, "enter", 5.0, 5.0, &action);
  g_assert_true (emit_drop (target, &value));
  g_assert_false (gtk_widget_has_css_class (row, "drop-highlight"));
  g_value_unset (&value);
  summary = await_summary ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (summary)) == window);
  held = others (&org, dossier);
  expected = g_strdup_printf ("%s=-", kind);
  g_assert_cmpstr (held, ==, expected);

  destroy_windows (KRING_TYPE_DROP_SUMMARY);

  /* A dossier the caller cannot see: refused, and no Retry that could
   * not help. */
  kring_invite_drop_set_dossier_id (drop, G_MAXINT32);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, kind);
  g_assert_true (emit_drop (target, &value));
  g_value_unset (&value);
  summary = await_summary ();
  g_assert_cmpint (kring_drop_summary_get_state (summary), ==, KRING_DROP_SUMMARY_FAILED);
  g_assert_null (find_widget (GTK_WIDGET (summary), is_button_labelled, "_Retry"));
  g_assert_true (shows_text (GTK_WIDGET (summary), kind));

  destroy_windows (KRING_TYPE_DROP_SUMMARY);
  gtk_window_destroy (window);
  org_clear (&org);
}

/* The keyboard equivalent of a text drop. */
static void
test_add_by_email (void)
{
  Org org = new_org ("pro");
  gint64 dossier = new_dossier_id (&org, "Familie Dekker");
  ViewWindow vw = open_view (org.owner, dossier, "owner", "team");
  g_autofree char *a = addr ("broer");
  g_autofree char *b = addr ("zus");
  g_autofree char *text = NULL;
  g_autofree char *held = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *button;
  AdwMessageDialog *dialog;
  GtkTextView *entry;
  KringDropSummary *summary;

  button = find_widget (GTK_WIDGET (vw.view), is_button_labelled, "_Add by Email…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dialog = ADW_MESSAGE_DIALOG (await_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "invite"));
  entry = GTK_TEXT_VIEW (
      find_widget (GTK_WIDGET (dialog), is_of_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW)));
  text = g_strdup_printf ("\"Broer, De\" <%s>\n%s; nope@", a, b);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (entry), text, -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "invite"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "2 addresses, 1 not an email address"));
  adw_message_dialog_response (dialog, "invite");

  summary = await_summary ();
  g_assert_true (shows_text (GTK_WIDGET (summary), "2 people invited"));
  g_assert_true (shows_text (GTK_WIDGET (summary), "nope@"));
  held = others (&org, dossier);
  expected = g_strdup_printf ("%s=Broer, De;%s=-", a, b);
  g_assert_cmpstr (held, ==, expected);
  await_view_lists (vw.view, "Broer, De");

  close_view (&vw);
  org_clear (&org);
}

static gboolean
chooser_loaded (gpointer chooser)
{
  GListModel *model = kring_dossier_chooser_get_model (chooser);

  return kring_paged_model_get_complete (KRING_PAGED_MODEL (model));
}

/* The keyboard equivalent of dragging a row onto another dossier. */
static void
test_invite_to_dossier (void)
{
  Org org = new_org ("pro");
  gint64 from = new_dossier_id (&org, "Familie Vos");
  gint64 to = new_dossier_id (&org, "Familie Kok");
  g_autofree char *opa = addr ("opa");
  g_autoptr (KringParticipantItem) opa_item = invite (org.owner, from, opa, "Opa Vos");
  g_autofree char *held = NULL;
  g_autofree char *expected = NULL;
  ViewWindow vw = open_view (org.owner, from, "owner", "team");
  GtkWidget *label = find_widget (GTK_WIDGET (vw.view), is_label_with_text, "Opa Vos");
  GtkWidget *row;
  GtkWidget *menu_button;
  KringDossierChooser *chooser;
  GListModel *dossiers;
  guint current = G_MAXUINT, other = G_MAXUINT;
  KringDropSummary *summary;

  /* The row's menu, through its action. */
  g_assert_nonnull (label);
  row = gtk_widget_get_parent (gtk_widget_get_parent (label));
  menu_button = find_widget (row, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_widget_activate_action (menu_button, "participant.invite-to-dossier", NULL));
  chooser = KRING_DOSSIER_CHOOSER (await_window (KRING_TYPE_DOSSIER_CHOOSER));
  wait_for (chooser_loaded, chooser, "the dossiers");
  dossiers = kring_dossier_chooser_get_model (chooser);
  for (guint i = 0; i < g_list_model_get_n_items (dossiers); i++)
    {
      g_autoptr (KringDossierItem) d = g_list_model_get_item (dossiers, i);

      if (kring_dossier_item_get_id (d) == from)
        current = i;
      if (kring_dossier_item_get_id (d) == to)
        other = i;
    }
  g_assert_cmpuint (current, !=, G_MAXUINT);
  g_assert_cmpuint (other, !=, G_MAXUINT);

  /* Its own dossier cannot be chosen. */
  kring_dossier_chooser_choose (chooser, current);
  settle ();
  g_assert_null (find_window (KRING_TYPE_DROP_SUMMARY));
  kring_dossier_chooser_choose (chooser, other);
  summary = await_summary ();
  g_assert_true (shows_text (GTK_WIDGET (summary), "1 person invited"));
  held = others (&org, to);
  expected = g_strdup_printf ("%s=Opa Vos", opa);
  g_assert_cmpstr (held, ==, expected);

  close_view (&vw);
  org_clear (&org);
}

int
main (int argc, char **argv)
{
  int status;

  widget_test_init (&argc, &argv);
  g_test_add_func ("/drop/text", test_drop_text);
  g_test_add_func ("/drop/vcard", test_drop_vcard);
  g_test_add_func ("/drop/rows", test_drop_rows);
  g_test_add_func ("/drop/limit", test_drop_limit);
  g_test_add_func ("/drop/limit-member", test_drop_limit_member);
  g_test_add_func ("/drop/server-down", test_drop_server_down);
  g_test_add_func ("/drop/target-row", test_drop_target_row);
  g_test_add_func ("/drop/add-by-email", test_add_by_email);
  g_test_add_func ("/drop/invite-to-dossier", test_invite_to_dossier);
  status = g_test_run ();
  kring_test_server_stop (srv);
  return status;
}
