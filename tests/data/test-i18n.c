/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every main screen in the UI language, against a real kringd: the sign-in
 * page, the dossiers, a dossier's journal and participants, the teammates,
 * the plan and price, the audit log and what is shared with the user.
 *
 * Run twice by meson: in Dutch (LANGUAGE=nl with a generated nl_NL.UTF-8
 * locale, so dates are Dutch too) and in English (LANGUAGE=en, C.UTF-8).
 * The catalogue comes from build/po ($KRING_LOCALEDIR), as for an
 * uninstalled run of the application.  Each screen must show the expected
 * words, amounts as "€ 1.234,56" (Dutch) or "€1,234.56" (English) and dates
 * in the language's format; in Dutch, no text on screen may be an English
 * message of the catalogue. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kring-dossier-page.h"
#include "kring-shell-test.h"

static gboolean dutch;
static KringWindow *window;
static gint64 dossier_id;
static char *owner_email;

/* The expected text in the language of this run. */
static const char *
L (const char *english, const char *dutch_text)
{
  return dutch ? dutch_text : english;
}

/* What the screen shows */

static void
collect_texts (GtkWidget *widget, GPtrArray *texts)
{
  const char *tooltip;

  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  tooltip = gtk_widget_get_tooltip_text (widget);
  if (tooltip != NULL)
    g_ptr_array_add (texts, g_strdup (tooltip));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

/* Every text on screen, one per line. */
static char *
screen_text (void)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (GTK_WIDGET (window), texts);
  g_ptr_array_add (texts, NULL);
  return g_strjoinv ("\n", (char **)texts->pdata);
}

static gboolean
screen_shows (const char *text)
{
  g_autofree char *all = screen_text ();

  return strstr (all, text) != NULL;
}

static gboolean
screen_matches (const char *pattern)
{
  g_autofree char *all = screen_text ();

  return g_regex_match_simple (pattern, all, G_REGEX_MULTILINE, 0);
}

/* Waits until the screen shows each of the NULL-terminated texts. */
static void
expect_texts (const char *first, ...)
{
  va_list args;

  va_start (args, first);
  for (const char *text = first; text != NULL; text = va_arg (args, const char *))
    {
      gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

      while (!screen_shows (text))
        {
          if (g_get_monotonic_time () > deadline)
            {
              g_autofree char *all = screen_text ();
              g_error ("the screen does not show “%s”; it shows:\n%s", text, all);
            }
          if (!g_main_context_iteration (NULL, FALSE))
            g_usleep (2000);
        }
    }
  va_end (args);
}

static void
expect_match (const char *pattern)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!screen_matches (pattern))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *all = screen_text ();
          g_error ("nothing on the screen matches /%s/; it shows:\n%s", pattern, all);
        }
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

/* In Dutch, a text on screen that the catalogue translates into something
 * else is English that slipped through. */
static void
assert_no_english (const char *screen)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  if (!dutch)
    return;
  collect_texts (GTK_WIDGET (window), texts);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = texts->pdata[i];
      const char *translated = g_dgettext (GETTEXT_PACKAGE, text);

      if (g_strcmp0 (translated, text) != 0)
        g_error ("%s shows the English “%s” (Dutch: “%s”)", screen, text, translated);
    }
}

/* Amounts: "€ 1.234,56" in Dutch, "€1,234.56" in English, and none in the
 * other language's format. */
#define DUTCH_AMOUNT "€ \\d{1,3}(\\.\\d{3})*,\\d\\d(?!\\d)"
#define ENGLISH_AMOUNT "€\\d{1,3}(,\\d{3})*\\.\\d\\d(?!\\d)"

static void
expect_amounts (gboolean with_thousands)
{
  expect_match (with_thousands ? L ("€\\d{1,3},\\d{3}\\.\\d\\d", "€ \\d{1,3}\\.\\d{3},\\d\\d")
                               : L (ENGLISH_AMOUNT, DUTCH_AMOUNT));
  g_assert_false (screen_matches (L (DUTCH_AMOUNT, ENGLISH_AMOUNT)));
}

/* The organisation the screens show */

static void
create_organisation (void)
{
  g_autofree char *token = NULL;
  gint64 account_id = 0;
  g_autofree char *path = NULL;
  g_autoptr (KringTestResponse) dossier = NULL;
  g_autoptr (KringTestResponse) entry = NULL;

  owner_email = fresh_email ("eigenaar");
  token = kring_test_signup (srv, owner_email, "Zorggroep De Linde", "team_plus", &account_id);
  path = kring_test_account_path (account_id, "/dossiers");
  dossier
      = kring_test_request (srv, "POST", path, token,
                            "{\"title\": \"Mevrouw Jansen\", \"client_name\": \"Anna Jansen\"}");
  kring_assert_status (dossier, 201);
  dossier_id = kring_test_int (dossier, "id");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *participants
          = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/participants", dossier_id);
      g_autofree char *email = fresh_email ("familie");
      g_autoptr (KringTestResponse) added = kring_test_request (
          srv, "POST", participants, token, "{\"email\": \"%s\", \"name\": \"%s Jansen\"}", email,
          i == 0 ? "Piet" : "Marie");

      kring_assert_status (added, 201);
    }
  g_free (path);
  path = g_strdup_printf ("/api/v1/dossiers/%" G_GINT64_FORMAT "/entries", dossier_id);
  entry = kring_test_request (srv, "POST", path, token,
                              "{\"body\": \"Goed geslapen, ontbijt op bed.\", "
                              "\"visibility\": \"professionals\"}");
  kring_assert_status (entry, 201);
}

/* The screens, in the order someone meets them */

static void
test_sign_in (void)
{
  window = open_window ();
  wait_for_page (window, "sign-in");
  expect_texts (L ("Sign In to Kring", "Inloggen bij Kring"), L ("Password", "Wachtwoord"),
                L ("Forgot Password?", "Wachtwoord vergeten?"),
                L ("Create Organisation", "Organisatie aanmaken"), NULL);
  assert_no_english ("the sign-in page");
}

static void
test_dossiers (void)
{
  create_organisation ();
  sign_in_through_form (window, owner_email);
  WAIT_FOR (g_strcmp0 (kring_window_get_visible_view (window), "dossiers") == 0);
  /* The sidebar, the user's role, and a plural: two guests. */
  expect_texts ("Dossiers", L ("Shared with Me", "Gedeeld met mij"), L ("Teammates", "Teamgenoten"),
                L ("Plan & Price", "Pakket en prijs"), L ("Audit Log", "Logboek"),
                L ("Owner", "Eigenaar"), "Mevrouw Jansen", L ("2 guests", "2 gasten"), NULL);
  assert_no_english ("the dossiers");
}

static void
test_journal (void)
{
  KringDossierPage *page;

  kring_window_open_dossier (window, dossier_id);
  WAIT_FOR (kring_window_get_dossier_page (window) != NULL);
  page = KRING_DOSSIER_PAGE (kring_window_get_dossier_page (window));
  kring_dossier_page_set_visible_view (page, "journal");
  expect_texts ("Goed geslapen, ontbijt op bed.", L ("Professionals only", "Alleen professionals"),
                L ("New entry", "Nieuwe rapportage"), L ("Everyone", "Iedereen"), NULL);
  /* "26 november 2026 om 14:05" / "26 November 2026, 14:05" */
  expect_match (L ("^\\d{1,2} (January|February|March|April|May|June|July|August|September|"
                   "October|November|December) \\d{4}, \\d\\d:\\d\\d$",
                   "^\\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|"
                   "oktober|november|december) \\d{4} om \\d\\d:\\d\\d$"));
  assert_no_english ("the journal");
}

static void
test_participants (void)
{
  KringDossierPage *page = KRING_DOSSIER_PAGE (kring_window_get_dossier_page (window));

  kring_dossier_page_set_visible_view (page, "participants");
  expect_texts ("Piet Jansen", "Marie Jansen", L ("Access", "Toegang"), L ("Added", "Toegevoegd"),
                L ("Guest", "Gast"), L ("Invited", "Uitgenodigd"), L ("1 of 3", "1 van 3"), NULL);
  /* The date added, in the locale's short format: 26-11-26 or 11/26/26. */
  expect_match (L ("^\\d\\d/\\d\\d/\\d\\d$", "^\\d\\d-\\d\\d-\\d\\d$"));
  assert_no_english ("the participants");
}

static void
test_teammates (void)
{
  kring_window_show_view (window, "teammates");
  WAIT_FOR (g_strcmp0 (kring_window_get_visible_view (window), "teammates") == 0);
  expect_texts (L ("Role", "Rol"), L ("Owner", "Eigenaar"),
                L ("Add Teammate…", "Teamgenoot toevoegen…"), NULL);
  expect_amounts (FALSE);
  assert_no_english ("the teammates");
}

static void
test_plan (void)
{
  kring_window_show_view (window, "plan");
  WAIT_FOR (g_strcmp0 (kring_window_get_visible_view (window), "plan") == 0);
  expect_texts (L ("Per Month", "Per maand"), L ("Per Year", "Per jaar"),
                L ("Including VAT", "Inclusief btw"), L ("All Plans", "Alle pakketten"), NULL);
  /* Team+ costs € 1.788,00 a year before VAT: thousands are grouped. */
  expect_amounts (TRUE);
  assert_no_english ("the plan and price");
}

static void
test_audit (void)
{
  kring_window_show_view (window, "audit");
  WAIT_FOR (g_strcmp0 (kring_window_get_visible_view (window), "audit") == 0);
  expect_texts (L ("When", "Wanneer"), L ("Who", "Wie"),
                L ("Dossier created", "Dossier aangemaakt"),
                L ("Participant added", "Deelnemer toegevoegd"), NULL);
  expect_match (L ("^\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d$",
                   "^\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$"));
  assert_no_english ("the audit log");
}

static void
test_shared (void)
{
  kring_window_show_view (window, "shared");
  WAIT_FOR (g_strcmp0 (kring_window_get_visible_view (window), "shared") == 0);
  expect_texts (L ("Nothing shared with you", "Niets met je gedeeld"), NULL);
  assert_no_english ("shared with me");
  close_window (window);
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("KRING_LOCALEDIR");
  const char *language = g_getenv ("LANGUAGE");

  /* As main.c does, but with the catalogue of the build. */
  g_assert_nonnull (localedir);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  dutch = language != NULL && g_str_has_prefix (language, "nl");

  shell_test_init (&argc, &argv);
  reset_state ();
  /* The catalogue is really there: the test would prove nothing otherwise. */
  if (dutch)
    g_assert_cmpstr (_ ("Audit Log"), ==, "Logboek");
  g_test_add_func ("/i18n/sign-in", test_sign_in);
  g_test_add_func ("/i18n/dossiers", test_dossiers);
  g_test_add_func ("/i18n/journal", test_journal);
  g_test_add_func ("/i18n/participants", test_participants);
  g_test_add_func ("/i18n/teammates", test_teammates);
  g_test_add_func ("/i18n/plan", test_plan);
  g_test_add_func ("/i18n/audit", test_audit);
  g_test_add_func ("/i18n/shared", test_shared);
  return g_test_run ();
}
