/* SPDX-License-Identifier: GPL-3.0-or-later */
/* /api/v1/accounts/{id}/teammates: the account's paid seats (R1).  Adding
 * one invites the person (or tells an existing login), answers what the
 * account costs afterwards, and respects the plan's max_users; the last
 * owner can be neither demoted nor removed. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include "kring-access.h"
#include "kring-accounts.h"
#include "kring-invitations.h"
#include "kring-router.h"
#include "kring-text.h"

/* Loads the caller's role in the account and teammate {tid} of it; a
 * teammate of another account is as unknown as a missing one. */
static gboolean
load_teammate (KringRequest *req, KringTxn *txn, KringRole *role, KringTeammate *out)
{
  gint64 account_id = kring_request_param_id (req, "id");
  g_autoptr (GError) error = NULL;

  if (!kring_access_load_role (req, txn, account_id, role))
    return FALSE;
  if (!kring_txn_ops (txn)->teammates->get (txn, account_id, kring_request_param_id (req, "tid"),
                                            out, &error))
    return kring_request_store_failed (req, error);
  return TRUE;
}

static gboolean
load_account (KringRequest *req, KringTxn *txn, KringAccount *out)
{
  g_autoptr (GError) error = NULL;

  if (!kring_txn_ops (txn)->accounts->get (txn, kring_request_param_id (req, "id"), out, &error))
    return kring_request_store_failed (req, error);
  return TRUE;
}

/* Reads "role" of the body: 422 invalid_field when it names no role. */
static gboolean
read_role (KringRequest *req, KringRole *out)
{
  *out = kring_role_from_string (kring_json_get_string (req->body, "role", NULL));
  if (*out == KRING_ROLE_NONE)
    return kring_request_invalid_field (req, "role", "role must be owner, admin or member.");
  return TRUE;
}

static char *
role_change_detail (KringRole from, KringRole to)
{
  g_autoptr (GString) out = g_string_new (NULL);
  KringJsonWriter w;

  kring_json_writer_init (&w, out);
  kring_json_begin_object (&w);
  kring_json_member_string (&w, "from", kring_role_to_string (from));
  kring_json_member_string (&w, "to", kring_role_to_string (to));
  kring_json_end_object (&w);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
role_detail (KringRole role)
{
  return g_strdup_printf ("{\"role\":\"%s\"}", kring_role_to_string (role));
}

static gboolean
last_owner (KringRequest *req, KringTxn *txn, const KringTeammate *target, gboolean *out)
{
  g_autoptr (GError) error = NULL;
  gint64 owners = 0;

  *out = FALSE;
  if (target->role != KRING_ROLE_OWNER)
    return TRUE;
  if (!kring_txn_ops (txn)->teammates->count_owners (txn, target->account_id, &owners, &error))
    return kring_request_store_failed (req, error);
  *out = owners <= 1;
  if (*out)
    kring_request_problem (req, KRING_PROBLEM_LAST_OWNER,
                           "The account would be left without an owner.");
  return TRUE;
}

/* GET /api/v1/accounts/{id}/teammates */

static void
write_row (KringRequest *req, KringJsonWriter *w, gconstpointer row, gpointer unused)
{
  kring_write_teammate (w, row);
}

static char *
cursor_of (gconstpointer row, gint64 *out_id)
{
  const KringTeammate *teammate = row;

  /* As the store's users.sort_key: the name, or the email when none. */
  *out_id = teammate->id;
  return kring_text_casefold_key (teammate->name != NULL ? teammate->name : teammate->email);
}

static void
handle_list (KringRequest *req)
{
  g_autoptr (KringTxn) txn = NULL;
  g_autoptr (GArray) rows = kring_rows_new (KringTeammate, kring_teammate_clear);
  g_autoptr (GError) error = NULL;
  KringPageRequest page_req;
  KringPage page;
  KringRole role;

  /* 400 for the query comes before the account's 404. */
  if (!kring_request_page (req, &page_req))
    return;
  txn = kring_request_read (req);
  if (txn != NULL && kring_access_load_role (req, txn, kring_request_param_id (req, "id"), &role))
    {
      page = (KringPage){ .after_key = page_req.after_key,
                          .after_id = page_req.after_id,
                          .limit = page_req.limit + 1 };
      if (kring_txn_ops (txn)->teammates->list (txn, kring_request_param_id (req, "id"), &page,
                                                rows, &error))
        kring_request_write_page (req, rows, page_req.limit, write_row, cursor_of, NULL);
      else
        kring_request_store_failed (req, error);
    }
  kring_page_request_clear (&page_req);
}

/* POST /api/v1/accounts/{id}/teammates */

static const KringFieldSpec add_fields[] = {
  { "email", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "name", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
  { "role", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
};

typedef struct
{
  char *email;
  char *name;
  KringRole role;
} NewTeammate;

static void
new_teammate_clear (NewTeammate *input)
{
  g_clear_pointer (&input->email, g_free);
  g_clear_pointer (&input->name, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NewTeammate, new_teammate_clear)

static gboolean
read_new_teammate (KringRequest *req, KringRole caller, NewTeammate *out)
{
  const char *name = kring_json_get_string (req->body, "name", NULL);

  if (!kring_request_check_body (req, add_fields, G_N_ELEMENTS (add_fields))
      || (out->email
          = kring_request_email (req, "email", kring_json_get_string (req->body, "email", NULL)))
             == NULL
      || (name != NULL && (out->name = kring_request_line (req, "name", name)) == NULL)
      || !read_role (req, &out->role))
    return FALSE;
  /* Owners make owners: an admin cannot hand out more than they have. */
  return kring_access_require (req, out->role != KRING_ROLE_OWNER || caller == KRING_ROLE_OWNER);
}

/* 409 teammate_exists when @user is one already, 409 plan_user_limit when
 * the plan holds no more seats. */
static gboolean
check_can_add (KringRequest *req, KringTxn *txn, const KringAccount *account, gint64 user_id)
{
  const KringPlan *plan = kring_price_table_find_plan (req->server->prices, account->plan);
  g_autoptr (GError) error = NULL;
  KringRole existing = KRING_ROLE_NONE;

  if (user_id != 0
      && !kring_txn_ops (txn)->teammates->get_role (txn, account->id, user_id, &existing, &error))
    return kring_request_store_failed (req, error);
  if (existing != KRING_ROLE_NONE)
    {
      kring_request_problem (req, KRING_PROBLEM_TEAMMATE_EXISTS,
                             "This email is a teammate of the account already.");
      return FALSE;
    }
  if (plan != NULL && plan->max_users >= 0 && account->seats + 1 > plan->max_users)
    {
      kring_problem_set (&req->problem, KRING_PROBLEM_PLAN_USER_LIMIT,
                         "The plan holds %" G_GINT64_FORMAT " teammates.", plan->max_users);
      req->problem.max_users = plan->max_users;
      kring_request_send_problem (req);
      return FALSE;
    }
  return TRUE;
}

static gboolean
answer_added (KringRequest *req, KringTxn *txn, gint64 teammate_id)
{
  const KringStoreOps *ops = kring_txn_ops (txn);
  gint64 account_id = kring_request_param_id (req, "id");
  g_auto (KringTeammate) teammate = { 0 };
  g_auto (KringAccount) account = { 0 };
  g_autoptr (GError) error = NULL;
  KringJsonWriter *w;
  KringQuote quote;

  if (!ops->teammates->get (txn, account_id, teammate_id, &teammate, &error)
      || !ops->accounts->get (txn, account_id, &account, &error))
    return kring_request_store_failed (req, error);
  w = kring_request_begin_json (req, SOUP_STATUS_CREATED);
  kring_json_begin_object (w);
  kring_json_key (w, "teammate");
  kring_write_teammate (w, &teammate);
  kring_json_key (w, "billing");
  if (kring_account_quote (req->server->prices, &account, account.seats, &quote))
    kring_quote_write_json (req->server->prices, &quote, w);
  else
    kring_json_null (w);
  kring_json_end_object (w);
  kring_request_json_done (req);
  return TRUE;
}

static gboolean
add_teammate (KringRequest *req, KringTxn *txn, GError **unused)
{
  const KringStoreOps *ops = kring_txn_ops (txn);
  g_auto (NewTeammate) input = { 0 };
  g_auto (KringAccount) account = { 0 };
  g_auto (KringUser) user = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *detail = NULL;
  gint64 teammate_id = 0;
  KringRole caller;
  gboolean found;

  if (!kring_access_load_role (req, txn, kring_request_param_id (req, "id"), &caller)
      || !kring_access_require (req, kring_access_is_admin (caller))
      || !read_new_teammate (req, caller, &input) || !load_account (req, txn, &account))
    return FALSE;
  found = ops->users->get_by_email (txn, input.email, &user, &error);
  if (error != NULL)
    return kring_request_store_failed (req, error);
  if (!check_can_add (req, txn, &account, found ? user.id : 0))
    return FALSE;
  detail = role_detail (input.role);
  if ((!found && !kring_invitation_create_user (txn, input.email, input.name, &user, &error))
      || !ops->teammates->add (txn, account.id, user.id, input.role, &teammate_id, &error)
      || !kring_invitation_send (req, txn, &user, account.name, &error)
      || !kring_audit_add (txn, account.id, req->user.id, "teammate.added", 0, user.email, detail,
                           &error))
    return kring_request_store_failed (req, error);
  return answer_added (req, txn, teammate_id);
}

static void
handle_add (KringRequest *req)
{
  kring_request_write (req, add_teammate);
}

/* PATCH /api/v1/accounts/{id}/teammates/{tid} */

static const KringFieldSpec patch_fields[] = {
  { "role", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
};

static gboolean
patch_teammate (KringRequest *req, KringTxn *txn, GError **unused)
{
  const KringTeammateOps *teammates = kring_txn_ops (txn)->teammates;
  g_auto (KringTeammate) target = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *detail = NULL;
  KringRole caller, role;
  gboolean refused;

  if (!load_teammate (req, txn, &caller, &target)
      || !kring_access_require (req, kring_access_is_admin (caller))
      /* Only owners take the owner role away. */
      || !kring_access_require (req, target.role != KRING_ROLE_OWNER || caller == KRING_ROLE_OWNER)
      || !kring_request_check_body (req, patch_fields, G_N_ELEMENTS (patch_fields))
      || !read_role (req, &role)
      || !kring_access_require (req, role != KRING_ROLE_OWNER || caller == KRING_ROLE_OWNER))
    return FALSE;
  if (role != target.role)
    {
      if (role != KRING_ROLE_OWNER && (!last_owner (req, txn, &target, &refused) || refused))
        return FALSE;
      detail = role_change_detail (target.role, role);
      if (!teammates->set_role (txn, target.id, role, &error)
          || !kring_audit_add (txn, target.account_id, req->user.id, "teammate.role_changed", 0,
                               target.email, detail, &error))
        return kring_request_store_failed (req, error);
      target.role = role;
    }
  kring_write_teammate (kring_request_begin_json (req, SOUP_STATUS_OK), &target);
  kring_request_json_done (req);
  return TRUE;
}

static void
handle_patch (KringRequest *req)
{
  kring_request_write (req, patch_teammate);
}

/* DELETE /api/v1/accounts/{id}/teammates/{tid} */

static gboolean
remove_teammate (KringRequest *req, KringTxn *txn, GError **unused)
{
  g_auto (KringTeammate) target = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *detail = NULL;
  KringRole caller;
  gboolean refused;

  if (!load_teammate (req, txn, &caller, &target))
    return FALSE;
  /* Anyone may leave; owners and admins remove others, and only owners remove owners. */
  if (!kring_access_require (req, target.user_id == req->user.id || kring_access_is_admin (caller))
      || !kring_access_require (req, target.role != KRING_ROLE_OWNER || caller == KRING_ROLE_OWNER)
      || !last_owner (req, txn, &target, &refused) || refused)
    return FALSE;
  detail = role_detail (target.role);
  /* The store ends their participations in this account's dossiers (R6). */
  if (!kring_txn_ops (txn)->teammates->remove (txn, target.id, &error)
      || !kring_audit_add (txn, target.account_id, req->user.id, "teammate.removed", 0,
                           target.email, detail, &error))
    return kring_request_store_failed (req, error);
  kring_request_empty (req, SOUP_STATUS_NO_CONTENT);
  return TRUE;
}

static void
handle_remove (KringRequest *req)
{
  kring_request_write (req, remove_teammate);
}

/* POST /api/v1/accounts/{id}/teammates/{tid}/resend */

static gboolean
resend_invitation (KringRequest *req, KringTxn *txn, GError **unused)
{
  g_auto (KringTeammate) target = { 0 };
  g_auto (KringAccount) account = { 0 };
  KringRole caller;

  if (!load_teammate (req, txn, &caller, &target)
      || !kring_access_require (req, kring_access_is_admin (caller)))
    return FALSE;
  if (target.active)
    return kring_request_invalid_field (req, "status", "This teammate has signed in already.");
  return load_account (req, txn, &account)
         && kring_invitation_resend (req, txn, target.user_id, account.name);
}

static void
handle_resend (KringRequest *req)
{
  kring_request_write (req, resend_invitation);
}

void
kring_teammates_register (KringRouter *router)
{
  kring_router_add (router, "GET", "/api/v1/accounts/{id}/teammates", handle_list, 0,
                    "limit,cursor");
  kring_router_add (router, "POST", "/api/v1/accounts/{id}/teammates", handle_add, KRING_ROUTE_BODY,
                    NULL);
  kring_router_add (router, "PATCH", "/api/v1/accounts/{id}/teammates/{tid}", handle_patch,
                    KRING_ROUTE_BODY, NULL);
  kring_router_add (router, "DELETE", "/api/v1/accounts/{id}/teammates/{tid}", handle_remove, 0,
                    NULL);
  kring_router_add (router, "POST", "/api/v1/accounts/{id}/teammates/{tid}/resend", handle_resend,
                    0, NULL);
}
