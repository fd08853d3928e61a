/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `kringd admin …`: the operator's commands (API.md, "Operator commands").
 * They work on the database directly, through the store, so a running
 * server sees their effect at once; mail they queue is delivered by a
 * running server's mailer, which polls the outbox. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kring-access.h"
#include "kring-admin.h"
#include "kring-crypto.h"
#include "kring-email.h"
#include "kring-mail.h"
#include "kring-pricing.h"
#include "kring-server.h"
#include "kring-store-ops.h"
#include "kring-text.h"

#define EXIT_USAGE 2

static const char usage_text[]
    = "Usage: kringd admin [--database URL] [--pricing FILE] COMMAND …\n"
      "\n"
      "Commands:\n"
      "  list-accounts\n"
      "  create-account --name NAME --owner EMAIL --plan PLAN\n"
      "  set-status ACCOUNT_ID trial|active\n"
      "  set-discounts ACCOUNT_ID [new_kvk] [anbi]\n"
      "\n"
      "--database defaults to the server's (sqlite:$XDG_DATA_HOME/kringd/kring.db);\n"
      "--pricing names the server's price table when it is not the shipped one\n"
      "(create-account checks the plan against it).\n"
      "create-account makes a trial account and queues the owner's invitation,\n"
      "which a running server delivers. set-discounts sets exactly the discounts\n"
      "named and clears the others.\n";

typedef struct
{
  const char *database;
  const char *pricing_file;
  KringStore *store;
} Admin;

typedef int (*CommandFunc) (Admin *admin, int argc, char **argv);

static int usage_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("kringd admin: %s\nRun “kringd admin --help” for usage.\n", message);
  return EXIT_USAGE;
}

static int failure (const char *format, ...) G_GNUC_PRINTF (1, 2);

static int
failure (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("kringd admin: %s\n", message);
  return 1;
}

/* "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i past it. */
static gboolean
take_option (int argc, char **argv, int *i, const char *name, const char **out, gboolean *bad)
{
  gsize len = strlen (name);

  if (strncmp (argv[*i], name, len) != 0 || (argv[*i][len] != '\0' && argv[*i][len] != '='))
    return FALSE;
  if (*out != NULL || (argv[*i][len] == '\0' && *i + 1 >= argc))
    *bad = TRUE;
  else if (argv[*i][len] == '=')
    *out = argv[*i] + len + 1;
  else
    *out = argv[++*i];
  ++*i;
  return TRUE;
}

static gboolean
parse_account_id (const char *text, gint64 *out)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *out = (gint64)value;
  return TRUE;
}

/* list-accounts */

static const char *
discounts_text (gboolean new_kvk, gboolean anbi)
{
  if (new_kvk && anbi)
    return "new_kvk,anbi";
  return new_kvk ? "new_kvk" : anbi ? "anbi" : "-";
}

static void
print_account (const KringAccount *a)
{
  printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\n", a->id, a->name, a->plan,
          a->active ? "active" : "trial", a->seats, discounts_text (a->new_kvk, a->anbi));
}

static int
cmd_list_accounts (Admin *admin, int argc, char **argv)
{
  g_autoptr (GArray) accounts = kring_rows_new (KringAccount, kring_account_clear);
  g_autoptr (GError) error = NULL;
  g_autoptr (KringTxn) txn = NULL;

  if (argc > 0)
    return usage_error ("list-accounts takes no arguments");
  txn = kring_store_begin_read (admin->store, &error);
  if (txn == NULL || !kring_txn_ops (txn)->accounts->list_all (txn, accounts, &error))
    return failure ("%s", error->message);
  printf ("id\tname\tplan\tstatus\tseats\tdiscounts\n");
  for (guint i = 0; i < accounts->len; i++)
    print_account (&g_array_index (accounts, KringAccount, i));
  return 0;
}

/* create-account */

typedef struct
{
  const char *name;
  const char *owner;
  const char *plan;
  gint64 account_id;
  gboolean mailed;
} CreateAccount;

/* The owner: an existing login, or a new user without password whom the
 * invitation lets choose one. */
static gboolean
find_or_create_owner (KringTxn *txn, const char *email, KringUser *out, GError **error)
{
  const KringUserOps *users = kring_txn_ops (txn)->users;
  g_autoptr (GError) local = NULL;
  gint64 id = 0;

  if (users->get_by_email (txn, email, out, &local))
    return TRUE;
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!users->create (txn, email, NULL, NULL, &id, error))
    return FALSE;
  out->id = id;
  out->email = g_strdup (email);
  return TRUE;
}

static gboolean
create_account_func (KringTxn *txn, gpointer data, GError **error)
{
  CreateAccount *c = data;
  const KringStoreOps *ops = kring_txn_ops (txn);
  g_auto (KringUser) owner = { 0 };
  gint64 teammate_id = 0;
  KringMail mail = { 0 };

  if (!ops->accounts->create (txn, c->name, c->plan, &c->account_id, error)
      || !find_or_create_owner (txn, c->owner, &owner, error)
      || !ops->teammates->add (txn, c->account_id, owner.id, KRING_ROLE_OWNER, &teammate_id, error)
      || !kring_audit_add (txn, c->account_id, 0, "teammate.added", 0, c->owner,
                           "{\"role\":\"owner\"}", error))
    return FALSE;
  mail.kind = owner.password_hash != NULL ? KRING_MAIL_NOTICE : KRING_MAIL_INVITATION;
  mail.recipient = c->owner;
  mail.language = owner.language;
  mail.user_id = owner.id;
  mail.organisation = c->name;
  return kring_mail_send (txn, &mail, &c->mailed, error);
}

static KringPriceTable *
load_prices (const char *file, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (file != NULL)
    {
      if (!g_file_get_contents (file, &contents, &length, error))
        return NULL;
      return kring_price_table_new_from_data (contents, length, error);
    }
  bytes = g_resources_lookup_data ("/nl/kring/Kring/pricing.json", 0, error);
  if (bytes == NULL)
    return NULL;
  return kring_price_table_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                          error);
}

static int
check_plan (Admin *admin, const char *plan)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KringPriceTable) prices = load_prices (admin->pricing_file, &error);
  g_autoptr (GString) known = g_string_new (NULL);

  if (prices == NULL)
    return failure ("cannot read the price table: %s", error->message);
  if (kring_price_table_find_plan (prices, plan) != NULL)
    return 0;
  for (guint i = 0; i < kring_price_table_get_n_plans (prices); i++)
    g_string_append_printf (known, "%s%s", i > 0 ? ", " : "",
                            kring_price_table_get_plan (prices, i)->id);
  return usage_error ("unknown plan “%s” (plans: %s)", plan, known->str);
}

static int
parse_create_account (int argc, char **argv, CreateAccount *c)
{
  gboolean bad = FALSE;

  for (int i = 0; i < argc && !bad;)
    if (!take_option (argc, argv, &i, "--name", &c->name, &bad)
        && !take_option (argc, argv, &i, "--owner", &c->owner, &bad)
        && !take_option (argc, argv, &i, "--plan", &c->plan, &bad))
      return usage_error ("create-account: unexpected “%s”", argv[i]);
  if (bad || c->name == NULL || c->owner == NULL || c->plan == NULL)
    return usage_error ("create-account needs --name NAME --owner EMAIL --plan PLAN, each once");
  return 0;
}

static int
cmd_create_account (Admin *admin, int argc, char **argv)
{
  CreateAccount c = { 0 };
  KringFieldError field_error = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *owner = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if ((status = parse_create_account (argc, argv, &c)) != 0)
    return status;
  name = kring_text_normalise_line (c.name, KRING_TEXT_LINE_MAX, &field_error, "name");
  if (name == NULL)
    status = usage_error ("--name: 1 to 200 characters, no control characters");
  else if ((owner = kring_email_normalise (c.owner, &field_error, "owner")) == NULL)
    status = usage_error ("--owner: “%s” is not an email address", c.owner);
  else
    status = check_plan (admin, c.plan);
  kring_field_error_clear (&field_error);
  if (status != 0)
    return status;

  c.name = name;
  c.owner = owner;
  if (!kring_store_write_sync (admin->store, create_account_func, &c, &error))
    return failure ("%s", error->message);
  if (!c.mailed)
    g_printerr ("kringd admin: too many mails to %s this hour: no invitation sent\n", owner);
  printf ("%" G_GINT64_FORMAT "\n", c.account_id);
  return 0;
}

/* set-status, set-discounts */

typedef struct
{
  gint64 account_id;
  gboolean set_status; /* else discounts */
  gboolean active;
  gboolean new_kvk;
  gboolean anbi;
  gboolean found;
} Update;

static gboolean
update_func (KringTxn *txn, gpointer data, GError **error)
{
  Update *u = data;
  const KringAccountOps *accounts = kring_txn_ops (txn)->accounts;
  g_auto (KringAccount) account = { 0 };
  g_autoptr (GError) local = NULL;

  u->found = accounts->get (txn, u->account_id, &account, &local);
  if (!u->found)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* set_status refreshes the paid flags of the account's people (R4). */
  if (u->set_status ? !accounts->set_status (txn, u->account_id, u->active, error)
                    : !accounts->set_discounts (txn, u->account_id, u->new_kvk, u->anbi, error))
    return FALSE;
  /* API.md: actor null and exactly this detail; the account shows the rest. */
  return kring_audit_add (txn, u->account_id, 0, "account.updated", 0, NULL,
                          "{\"by\":\"operator\"}", error);
}

static int
run_update (Admin *admin, Update *u)
{
  g_autoptr (GError) error = NULL;

  if (!kring_store_write_sync (admin->store, update_func, u, &error))
    return failure ("%s", error->message);
  if (!u->found)
    return failure ("no account %" G_GINT64_FORMAT, u->account_id);
  return 0;
}

static int
cmd_set_status (Admin *admin, int argc, char **argv)
{
  Update u = { .set_status = TRUE };

  if (argc != 2)
    return usage_error ("set-status needs ACCOUNT_ID and trial or active");
  if (!parse_account_id (argv[0], &u.account_id))
    return usage_error ("“%s” is no account id", argv[0]);
  if (!g_str_equal (argv[1], "trial") && !g_str_equal (argv[1], "active"))
    return usage_error ("the status is trial or active, not “%s”", argv[1]);
  u.active = g_str_equal (argv[1], "active");
  if (run_update (admin, &u) != 0)
    return 1;
  printf ("account %" G_GINT64_FORMAT ": %s\n", u.account_id, argv[1]);
  return 0;
}

static int
cmd_set_discounts (Admin *admin, int argc, char **argv)
{
  Update u = { .set_status = FALSE };

  if (argc < 1)
    return usage_error ("set-discounts needs ACCOUNT_ID");
  if (!parse_account_id (argv[0], &u.account_id))
    return usage_error ("“%s” is no account id", argv[0]);
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "new_kvk"))
        u.new_kvk = TRUE;
      else if (g_str_equal (argv[i], "anbi"))
        u.anbi = TRUE;
      else
        return usage_error ("unknown discount “%s” (discounts: new_kvk, anbi)", argv[i]);
    }
  if (run_update (admin, &u) != 0)
    return 1;
  printf ("account %" G_GINT64_FORMAT ": discounts %s\n", u.account_id,
          discounts_text (u.new_kvk, u.anbi));
  return 0;
}

static const struct
{
  const char *name;
  CommandFunc func;
} commands[] = {
  { "list-accounts", cmd_list_accounts },
  { "create-account", cmd_create_account },
  { "set-status", cmd_set_status },
  { "set-discounts", cmd_set_discounts },
};

/* Global options before the command; returns the command's index. */
static int
parse_global (int argc, char **argv, Admin *admin, gboolean *help, const char **out_bad)
{
  int i = 1;
  gboolean bad = FALSE;

  while (i < argc && argv[i][0] == '-')
    {
      *out_bad = argv[i];
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          *help = TRUE;
          return i;
        }
      if ((!take_option (argc, argv, &i, "--database", &admin->database, &bad)
           && !take_option (argc, argv, &i, "--pricing", &admin->pricing_file, &bad))
          || bad)
        return -1;
    }
  return i;
}

static int
run_command (Admin *admin, CommandFunc func, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *default_url = NULL;
  int status;

  if (admin->database == NULL)
    admin->database = default_url = kring_default_database_url ();
  if (!kring_crypto_init ())
    return failure ("libsodium failed to start");
  admin->store = kring_store_open (admin->database, &error);
  if (admin->store == NULL)
    return failure ("cannot open %s: %s", admin->database, error->message);
  status = func (admin, argc, argv);
  fflush (stdout);
  g_clear_pointer (&admin->store, kring_store_close);
  return status;
}

int
kring_admin_main (int argc, char **argv)
{
  Admin admin = { 0 };
  gboolean help = FALSE;
  const char *bad = NULL;
  int i = parse_global (argc, argv, &admin, &help, &bad);

  if (help)
    {
      printf ("%s", usage_text);
      return 0;
    }
  if (i < 0)
    return usage_error ("bad option “%s”", bad);
  if (i >= argc)
    return usage_error ("no command given");
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      return run_command (&admin, commands[c].func, argc - i - 1, argv + i + 1);
  return usage_error ("unknown command “%s”", argv[i]);
}
