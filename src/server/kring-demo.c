/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `kringd --demo`: a care organisation to click through.  It is written
 * only into a database without accounts, in one transaction.  The demo
 * passwords are fixed and printed (a demo runs on 127.0.0.1 for a look
 * around); they are hashed like any other (Argon2id).  Demo addresses use
 * the reserved .example and example.org/.net domains, and the demo queues
 * no mail: invited people stay "invited" until someone resends. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <stdio.h>

#include "kring-access.h"
#include "kring-crypto.h"
#include "kring-demo.h"
#include "kring-store-ops.h"

#define DEMO_ORGANISATION "Zorggroep De Linde"
#define DEMO_PLAN "team"

typedef struct
{
  const char *email;
  const char *name;
  const char *password; /* NULL: invited, no password yet */
  KringRole role;       /* KRING_ROLE_NONE for guests */
} DemoPerson;

static const DemoPerson people[] = {
  { "ilse.bakker@delinde.example", "Ilse Bakker", "demo-ilse-kring", KRING_ROLE_OWNER },
  { "mohamed.elamrani@delinde.example", "Mohamed El Amrani", "demo-mohamed-kring",
    KRING_ROLE_ADMIN },
  { "sanne.devries@delinde.example", "Sanne de Vries", "demo-sanne-kring", KRING_ROLE_MEMBER },
  { "bram.visser@delinde.example", "Bram Visser", "demo-bram-kring", KRING_ROLE_MEMBER },
  { "marieke.jansen@example.org", "Marieke Jansen", "demo-marieke-kring", KRING_ROLE_NONE },
  { "kees.jansen@example.net", "Kees Jansen", NULL, KRING_ROLE_NONE },
  { "emre.yilmaz@example.org", "Emre Yılmaz", "demo-emre-kring", KRING_ROLE_NONE },
  { "wim.deboer@example.net", "Wim de Boer", NULL, KRING_ROLE_NONE },
  { "petra.smit@example.org", "Petra Smit", "demo-petra-kring", KRING_ROLE_NONE },
  { "rob.mulder@example.net", "Rob Mulder", NULL, KRING_ROLE_NONE },
};
enum
{
  ILSE,
  MOHAMED,
  SANNE,
  BRAM,
  MARIEKE,
  KEES,
  EMRE,
  WIM,
  PETRA,
  ROB,
  N_PEOPLE
};

typedef struct
{
  const char *title;
  const char *client;
  int creator;
} DemoDossier;

static const DemoDossier dossiers[] = {
  { "Begeleid wonen", "Henk Jansen", SANNE },
  { "Dagbesteding", "Fatma Yılmaz", SANNE },
  { "Thuisbegeleiding", "Gerda de Boer", SANNE },
  { "Ambulante begeleiding", "Joost Smit", BRAM },
  { "Logeeropvang", "Noah Mulder", BRAM },
  { "Beschermd wonen", "Annelies van Dijk", MOHAMED },
};
enum
{
  HENK,
  FATMA,
  GERDA,
  JOOST,
  NOAH,
  ANNELIES,
  N_DOSSIERS
};

/* Participants besides each dossier's creator (a team participant). */
static const struct
{
  int dossier;
  int person;
  gboolean can_write;
} participations[] = {
  { HENK, MARIEKE, FALSE }, { HENK, KEES, FALSE },      { FATMA, MOHAMED, TRUE },
  { FATMA, EMRE, TRUE },    { GERDA, WIM, FALSE },      { JOOST, PETRA, FALSE },
  { NOAH, ROB, FALSE },     { ANNELIES, PETRA, FALSE }, { ANNELIES, BRAM, TRUE },
};

#define NO_CORRECTION (-1)

/* In the order written; `corrects` indexes this table. */
static const struct
{
  int dossier;
  int author;
  gboolean professionals;
  int corrects;
  const char *body;
} entries[] = {
  { HENK, SANNE, FALSE, NO_CORRECTION,
    "Henk heeft vandaag samen met mij boodschappen gedaan. Hij koos zelf wat hij wilde koken en "
    "rekende zelf af bij de kassa. Goed gegaan!" },
  { HENK, SANNE, TRUE, NO_CORRECTION,
    "Henk vertelt dat hij slecht slaapt sinds de verhuizing en maakt zich zorgen over geld. "
    "Afgesproken dat we dit volgende week met de huisarts bespreken." },
  { HENK, SANNE, FALSE, NO_CORRECTION,
    "De afspraak bij de huisarts is op dinsdag om 10.30 uur. Marieke gaat mee." },
  { HENK, SANNE, FALSE, 2,
    "Correctie: de afspraak bij de huisarts is op woensdag om 10.30 uur, niet op dinsdag." },
  { FATMA, SANNE, FALSE, NO_CORRECTION,
    "Fatma was vrolijk en heeft de hele ochtend in de moestuin gewerkt. Ze vroeg of ze volgende "
    "week weer mag helpen met oogsten." },
  { FATMA, EMRE, FALSE, NO_CORRECTION,
    "Fijn om te lezen! Thuis vertelde ze er ook enthousiast over. Volgende week dinsdag breng ik "
    "haar iets later, rond 10 uur." },
  { GERDA, SANNE, FALSE, NO_CORRECTION,
    "Samen met Gerda de post doorgenomen. Twee rekeningen zijn betaald; de brief van de gemeente "
    "bewaren we voor het gesprek met Wim." },
  { JOOST, BRAM, FALSE, NO_CORRECTION,
    "Gesprek met Joost over zijn werk bij de fietsenmaker. Hij wil graag meer uren maken; we "
    "zoeken uit wat dat betekent voor zijn uitkering." },
  { JOOST, BRAM, TRUE, NO_CORRECTION,
    "Joost lijkt de laatste weken somberder. Signaleringsplan met hem doorgenomen; bij verdere "
    "achteruitgang overleg ik met zijn behandelaar." },
  { NOAH, BRAM, FALSE, NO_CORRECTION,
    "Noah heeft het weekend bij ons gelogeerd. Zaterdag naar de kinderboerderij geweest; hij "
    "sliep beide nachten goed." },
  { ANNELIES, MOHAMED, FALSE, NO_CORRECTION,
    "Evaluatiegesprek met Annelies en Petra. Doelen voor het komende halfjaar: zelf de was doen "
    "en één keer per week zelfstandig naar de markt." },
};

typedef struct
{
  char *hashes[N_PEOPLE];
  gint64 user_ids[N_PEOPLE];
  gint64 dossier_ids[N_DOSSIERS];
  gint64 entry_ids[G_N_ELEMENTS (entries)];
  gint64 account_id;
  gboolean had_data;
  gboolean demo_exists;
} Demo;

static gboolean
check_empty (KringTxn *txn, Demo *demo, GError **error)
{
  g_autoptr (GArray) accounts = kring_rows_new (KringAccount, kring_account_clear);

  if (!kring_txn_ops (txn)->accounts->list_all (txn, accounts, error))
    return FALSE;
  demo->had_data = accounts->len > 0;
  for (guint i = 0; i < accounts->len; i++)
    if (g_strcmp0 (g_array_index (accounts, KringAccount, i).name, DEMO_ORGANISATION) == 0)
      demo->demo_exists = TRUE;
  return TRUE;
}

static gboolean
add_people (KringTxn *txn, Demo *demo, GError **error)
{
  const KringStoreOps *ops = kring_txn_ops (txn);

  for (int i = 0; i < N_PEOPLE; i++)
    {
      const DemoPerson *p = &people[i];
      g_autofree char *detail
          = g_strdup_printf ("{\"role\":\"%s\"}", kring_role_to_string (p->role));
      gint64 teammate_id = 0;

      if (!ops->users->create (txn, p->email, p->name, demo->hashes[i], &demo->user_ids[i], error))
        return FALSE;
      if (p->role == KRING_ROLE_NONE)
        continue;
      if (!ops->teammates->add (txn, demo->account_id, demo->user_ids[i], p->role, &teammate_id,
                                error)
          || !kring_audit_add (txn, demo->account_id, i == ILSE ? 0 : demo->user_ids[ILSE],
                               "teammate.added", 0, p->email, detail, error))
        return FALSE;
    }
  /* Active from the start: its teammates are paid users (R4). */
  return ops->accounts->set_status (txn, demo->account_id, TRUE, error);
}

static gboolean
add_participant (KringTxn *txn, Demo *demo, int dossier, int person, gboolean can_write, int by,
                 GError **error)
{
  gint64 participant_id = 0;
  /* Everyone in the demo is either a teammate of the account or a guest. */
  g_autofree char *detail = g_strdup_printf (
      "{\"access\":\"%s\",\"can_write\":%s}",
      people[person].role != KRING_ROLE_NONE ? "team" : "guest", can_write ? "true" : "false");

  return kring_txn_ops (txn)->participants->add (txn, demo->dossier_ids[dossier],
                                                 demo->user_ids[person], can_write,
                                                 demo->user_ids[by], &participant_id, error)
         && kring_audit_add (txn, demo->account_id, demo->user_ids[by], "participant.added",
                             demo->dossier_ids[dossier], people[person].email, detail, error);
}

static gboolean
add_dossiers (KringTxn *txn, Demo *demo, GError **error)
{
  const KringDossierOps *ops = kring_txn_ops (txn)->dossiers;

  for (int i = 0; i < N_DOSSIERS; i++)
    {
      int creator = dossiers[i].creator;

      if (!ops->create (txn, demo->account_id, dossiers[i].title, dossiers[i].client,
                        &demo->dossier_ids[i], error)
          || !kring_audit_add (txn, demo->account_id, demo->user_ids[creator], "dossier.created",
                               demo->dossier_ids[i], NULL, NULL, error)
          || !add_participant (txn, demo, i, creator, TRUE, creator, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (participations); i++)
    {
      int dossier = participations[i].dossier;

      if (!add_participant (txn, demo, dossier, participations[i].person,
                            participations[i].can_write, dossiers[dossier].creator, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_entries (KringTxn *txn, Demo *demo, GError **error)
{
  const KringEntryOps *ops = kring_txn_ops (txn)->entries;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      gint64 dossier_id = demo->dossier_ids[entries[i].dossier];
      gint64 author_id = demo->user_ids[entries[i].author];
      gint64 corrects
          = entries[i].corrects != NO_CORRECTION ? demo->entry_ids[entries[i].corrects] : 0;

      g_autofree char *detail = NULL;

      if (!ops->create (txn, dossier_id, author_id, entries[i].body, entries[i].professionals,
                        corrects, &demo->entry_ids[i], error))
        return FALSE;
      detail = g_strdup_printf ("{\"entry_id\":%" G_GINT64_FORMAT "}", demo->entry_ids[i]);
      if (!kring_audit_add (txn, demo->account_id, author_id, "entry.created", dossier_id, NULL,
                            detail, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
fill_func (KringTxn *txn, gpointer data, GError **error)
{
  Demo *demo = data;

  if (!check_empty (txn, demo, error))
    return FALSE;
  if (demo->had_data)
    return TRUE;
  return kring_txn_ops (txn)->accounts->create (txn, DEMO_ORGANISATION, DEMO_PLAN,
                                                &demo->account_id, error)
         && add_people (txn, demo, error) && add_dossiers (txn, demo, error)
         && add_entries (txn, demo, error);
}

static void
print_logins (void)
{
  for (int i = 0; i < N_PEOPLE; i++)
    if (people[i].password != NULL)
      printf ("  %-34s %-20s %s\n", people[i].email, people[i].password,
              people[i].role != KRING_ROLE_NONE ? kring_role_to_string (people[i].role) : "guest");
}

static void
demo_clear (Demo *demo)
{
  for (int i = 0; i < N_PEOPLE; i++)
    g_free (demo->hashes[i]);
}

static void
print_result (const Demo *demo)
{
  if (demo->had_data)
    printf ("demo: the database already holds data: nothing was added%s\n",
            demo->demo_exists ? " (the demo organisation is there)" : "");
  else
    printf ("demo: created “%s” (plan Team, active) with %d dossiers.\n", DEMO_ORGANISATION,
            N_DOSSIERS);
  if (!demo->had_data || demo->demo_exists)
    {
      printf ("demo logins (local demo only; passwords are fixed%s):\n",
              demo->had_data ? ", unless changed since" : "");
      print_logins ();
    }
  fflush (stdout);
}

/* Argon2id is slow on purpose: hash only for an empty database, and before
 * the write, so the writer thread is not held up. */
static gboolean
hash_passwords (Demo *demo, GError **error)
{
  for (int i = 0; i < N_PEOPLE; i++)
    if (people[i].password != NULL
        && (demo->hashes[i] = kring_password_hash (people[i].password)) == NULL)
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "Out of memory hashing passwords");
        return FALSE;
      }
  return TRUE;
}

gboolean
kring_demo_fill (KringServer *server, GError **error)
{
  Demo demo = { 0 };
  g_autoptr (KringTxn) txn = kring_store_begin_read (server->store, error);
  gboolean ok;

  if (txn == NULL || !check_empty (txn, &demo, error))
    return FALSE;
  g_clear_pointer (&txn, kring_store_end_read);
  /* The write checks again: another process may have filled it meanwhile. */
  ok = demo.had_data
       || (hash_passwords (&demo, error)
           && kring_store_write_sync (server->store, fill_func, &demo, error));
  demo_clear (&demo);
  if (ok)
    print_result (&demo);
  return ok;
}
