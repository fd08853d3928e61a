/* SPDX-License-Identifier: GPL-3.0-or-later */
/* /api/v1/accounts: starting an organisation, reading and changing it, and
 * its billing quote.  Status and discounts are the operator's (kringd
 * admin): nothing here sets them. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include "kring-access.h"
#include "kring-accounts.h"
#include "kring-router.h"

/* Shared writers. */

static gboolean
account_has_discount (const KringAccount *account, const char *id)
{
  return (account->new_kvk && g_str_equal (id, "new_kvk"))
         || (account->anbi && g_str_equal (id, "anbi"));
}

static void
write_discounts (KringJsonWriter *w, KringPriceTable *prices, const KringAccount *account)
{
  static const char *const granted[] = { "new_kvk", "anbi" };
  guint n = kring_price_table_get_n_discounts (prices);

  kring_json_key (w, "discounts");
  kring_json_begin_array (w);
  for (guint i = 0; i < n; i++)
    {
      const KringDiscount *discount = kring_price_table_get_discount (prices, i);

      if (account_has_discount (account, discount->id))
        kring_json_string (w, discount->id);
    }
  /* A grant the operator's table no longer lists is still shown. */
  for (guint i = 0; i < G_N_ELEMENTS (granted); i++)
    if (account_has_discount (account, granted[i])
        && kring_price_table_find_discount (prices, granted[i]) == NULL)
      kring_json_string (w, granted[i]);
  kring_json_end_array (w);
}

void
kring_write_account (KringJsonWriter *w, KringPriceTable *prices, const KringAccount *account)
{
  kring_json_begin_object (w);
  kring_json_member_int (w, "id", account->id);
  kring_json_member_string (w, "name", account->name);
  kring_json_member_string (w, "plan", account->plan);
  kring_json_member_string (w, "billing", account->yearly ? "yearly" : "monthly");
  write_discounts (w, prices, account);
  kring_json_member_string (w, "status", account->active ? "active" : "trial");
  kring_json_member_int (w, "seats", account->seats);
  kring_json_member_time (w, "created_at", account->created_at);
  kring_json_end_object (w);
}

void
kring_write_account_summary (KringJsonWriter *w, const KringAccount *account)
{
  kring_json_begin_object (w);
  kring_json_member_int (w, "id", account->id);
  kring_json_member_string (w, "name", account->name);
  kring_json_member_string (w, "plan", account->plan);
  kring_json_member_string (w, "status", account->active ? "active" : "trial");
  kring_json_end_object (w);
}

void
kring_write_teammate (KringJsonWriter *w, const KringTeammate *teammate)
{
  kring_json_begin_object (w);
  kring_json_member_int (w, "id", teammate->id);
  kring_json_member_int (w, "user_id", teammate->user_id);
  kring_json_member_string (w, "email", teammate->email);
  kring_json_member_string (w, "name", teammate->name);
  kring_json_member_string (w, "role", kring_role_to_string (teammate->role));
  kring_json_member_string (w, "status", teammate->active ? "active" : "invited");
  kring_json_member_time (w, "added_at", teammate->added_at);
  kring_json_end_object (w);
}

gboolean
kring_account_quote (KringPriceTable *prices, const KringAccount *account, gint64 seats,
                     KringQuote *out)
{
  static const char *const granted[] = { "new_kvk", "anbi" };
  KringQuoteRequest request = { 0 };
  KringFieldError error = { 0 };

  request.plan = kring_price_table_find_plan (prices, account->plan);
  if (request.plan == NULL)
    return FALSE;
  /* An account always has an owner; the clamp only keeps the engine's range. */
  request.users = CLAMP (seats, KRING_QUOTE_MIN_USERS, KRING_QUOTE_MAX_USERS);
  request.yearly = account->yearly;
  for (guint i = 0; i < G_N_ELEMENTS (granted); i++)
    {
      int index = kring_price_table_get_discount_index (prices, granted[i]);

      if (index >= 0 && account_has_discount (account, granted[i]))
        request.discount_mask |= 1u << index;
    }
  if (!kring_quote_request_check (prices, &request, FALSE, &error))
    {
      g_warning ("account %" G_GINT64_FORMAT " cannot be quoted: %s", account->id, error.detail);
      kring_field_error_clear (&error);
      return FALSE;
    }
  kring_quote_compute (prices, &request, out);
  return TRUE;
}

gboolean
kring_account_create (KringTxn *txn, const char *name, const char *plan, gint64 owner_id,
                      gint64 *out_id, GError **error)
{
  const KringStoreOps *ops = kring_txn_ops (txn);
  gint64 id = 0;

  if (!ops->accounts->create (txn, name, plan, &id, error)
      || !ops->teammates->add (txn, id, owner_id, KRING_ROLE_OWNER, NULL, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

/* Handler helpers. */

static gboolean
answer_account (KringRequest *req, KringTxn *txn, gint64 id, guint status)
{
  g_auto (KringAccount) account = { 0 };
  g_autoptr (GError) error = NULL;

  if (!kring_txn_ops (txn)->accounts->get (txn, id, &account, &error))
    return kring_request_store_failed (req, error);
  kring_write_account (kring_request_begin_json (req, status), req->server->prices, &account);
  kring_request_json_done (req);
  return TRUE;
}

/* POST /api/v1/accounts */

static const KringFieldSpec create_fields[] = {
  { "organisation", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "plan", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
};

static gboolean
create_account (KringRequest *req, KringTxn *txn, GError **unused)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  const char *plan;
  gint64 id = 0;

  if (!kring_request_check_body (req, create_fields, G_N_ELEMENTS (create_fields))
      || (name = kring_request_line (req, "organisation",
                                     kring_json_get_string (req->body, "organisation", NULL)))
             == NULL)
    return FALSE;
  plan = kring_json_get_string (req->body, "plan", NULL);
  if (kring_price_table_find_plan (req->server->prices, plan) == NULL)
    return kring_request_invalid_field (req, "plan", "No such plan.");
  if (!kring_account_create (txn, name, plan, req->user.id, &id, &error)
      || !kring_audit_add (txn, id, req->user.id, "teammate.added", 0, req->user.email,
                           "{\"role\":\"owner\"}", &error))
    return kring_request_store_failed (req, error);
  return answer_account (req, txn, id, SOUP_STATUS_CREATED);
}

static void
handle_create (KringRequest *req)
{
  kring_request_write (req, create_account);
}

/* GET /api/v1/accounts/{id} */

static void
handle_get (KringRequest *req)
{
  g_autoptr (KringTxn) txn = kring_request_read (req);
  gint64 id = kring_request_param_id (req, "id");
  KringRole role;

  if (txn == NULL || !kring_access_load_role (req, txn, id, &role))
    return;
  answer_account (req, txn, id, SOUP_STATUS_OK);
}

/* PATCH /api/v1/accounts/{id} */

static const KringFieldSpec patch_fields[] = {
  { "name", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
  { "plan", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
  { "billing", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
};

/* Applies the body to @account; answers 422 and returns FALSE when a value is invalid. */
static gboolean
read_patch (KringRequest *req, KringAccount *account)
{
  const char *name = kring_json_get_string (req->body, "name", NULL);
  const char *plan = kring_json_get_string (req->body, "plan", NULL);
  const char *billing = kring_json_get_string (req->body, "billing", NULL);

  if (name != NULL)
    {
      char *normalised = kring_request_line (req, "name", name);

      if (normalised == NULL)
        return FALSE;
      g_free (account->name);
      account->name = normalised;
    }
  if (plan != NULL)
    {
      if (kring_price_table_find_plan (req->server->prices, plan) == NULL)
        return kring_request_invalid_field (req, "plan", "No such plan.");
      g_free (account->plan);
      account->plan = g_strdup (plan);
    }
  if (billing != NULL && !g_str_equal (billing, "monthly") && !g_str_equal (billing, "yearly"))
    return kring_request_invalid_field (req, "billing", "billing must be monthly or yearly.");
  if (billing != NULL)
    account->yearly = g_str_equal (billing, "yearly");
  return TRUE;
}

static void
write_change (KringJsonWriter *w, const char *name, const char *from, const char *to)
{
  if (g_strcmp0 (from, to) == 0)
    return;
  kring_json_key (w, name);
  kring_json_begin_object (w);
  kring_json_member_string (w, "from", from);
  kring_json_member_string (w, "to", to);
  kring_json_end_object (w);
}

/* The audit detail: {"name"|"plan"|"billing": {"from","to"}} for each change,
 * or NULL when nothing changed. */
static char *
describe_changes (const KringAccount *before, const KringAccount *after)
{
  g_autoptr (GString) out = g_string_new (NULL);
  KringJsonWriter w;

  kring_json_writer_init (&w, out);
  kring_json_begin_object (&w);
  write_change (&w, "name", before->name, after->name);
  write_change (&w, "plan", before->plan, after->plan);
  write_change (&w, "billing", before->yearly ? "yearly" : "monthly",
                after->yearly ? "yearly" : "monthly");
  kring_json_end_object (&w);
  if (g_str_equal (out->str, "{}"))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
check_plan_fits (KringRequest *req, const KringAccount *account)
{
  const KringPlan *plan = kring_price_table_find_plan (req->server->prices, account->plan);

  if (plan->max_users < 0 || account->seats <= plan->max_users)
    return TRUE;
  kring_problem_set (&req->problem, KRING_PROBLEM_PLAN_USER_LIMIT,
                     "The plan holds %" G_GINT64_FORMAT
                     " teammates; the account has %" G_GINT64_FORMAT ".",
                     plan->max_users, account->seats);
  req->problem.max_users = plan->max_users;
  kring_request_send_problem (req);
  return FALSE;
}

static gboolean
patch_account (KringRequest *req, KringTxn *txn, GError **unused)
{
  const KringStoreOps *ops = kring_txn_ops (txn);
  gint64 id = kring_request_param_id (req, "id");
  g_auto (KringAccount) before = { 0 };
  g_auto (KringAccount) after = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *detail = NULL;
  KringRole role;

  if (!kring_access_load_role (req, txn, id, &role))
    return FALSE;
  if (!ops->accounts->get (txn, id, &before, &error)
      || !ops->accounts->get (txn, id, &after, &error))
    return kring_request_store_failed (req, error);
  if (!kring_access_require (req, role == KRING_ROLE_OWNER)
      || !kring_request_check_body (req, patch_fields, G_N_ELEMENTS (patch_fields))
      || !read_patch (req, &after))
    return FALSE;
  if (json_object_has_member (req->body, "plan") && !check_plan_fits (req, &after))
    return FALSE;
  detail = describe_changes (&before, &after);
  if (detail != NULL
      && (!ops->accounts->update (txn, &after, &error)
          || !kring_audit_add (txn, id, req->user.id, "account.updated", 0, NULL, detail, &error)))
    return kring_request_store_failed (req, error);
  return answer_account (req, txn, id, SOUP_STATUS_OK);
}

static void
handle_patch (KringRequest *req)
{
  kring_request_write (req, patch_account);
}

/* GET /api/v1/accounts/{id}/billing */

static void
handle_billing (KringRequest *req)
{
  g_autoptr (KringTxn) txn = kring_request_read (req);
  gint64 id = kring_request_param_id (req, "id");
  g_auto (KringAccount) account = { 0 };
  g_autoptr (GError) error = NULL;
  KringQuote quote;
  KringRole role;

  if (txn == NULL || !kring_access_load_role (req, txn, id, &role)
      || !kring_access_require (req, kring_access_is_admin (role)))
    return;
  if (!kring_txn_ops (txn)->accounts->get (txn, id, &account, &error))
    {
      kring_request_store_failed (req, error);
      return;
    }
  if (!kring_account_quote (req->server->prices, &account, account.seats, &quote))
    {
      kring_request_invalid_field (req, "plan",
                                   "The account's plan is no longer offered; choose another plan.");
      return;
    }
  kring_quote_write_json (req->server->prices, &quote,
                          kring_request_begin_json (req, SOUP_STATUS_OK));
  kring_request_json_done (req);
}

void
kring_accounts_register (KringRouter *router)
{
  kring_router_add (router, "POST", "/api/v1/accounts", handle_create, KRING_ROUTE_BODY, NULL);
  kring_router_add (router, "GET", "/api/v1/accounts/{id}", handle_get, 0, NULL);
  kring_router_add (router, "PATCH", "/api/v1/accounts/{id}", handle_patch, KRING_ROUTE_BODY, NULL);
  kring_router_add (router, "GET", "/api/v1/accounts/{id}/billing", handle_billing, 0, NULL);
}
