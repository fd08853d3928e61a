/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The signed-in user: who they are, where they belong, their own settings. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include "kring-accounts.h"
#include "kring-auth.h"
#include "kring-crypto.h"
#include "kring-router.h"
#include "kring-store-ops.h"

static gboolean
write_memberships (KringRequest *req, KringTxn *txn, KringJsonWriter *w, GError **error)
{
  g_autoptr (GArray) memberships = kring_rows_new (KringMembership, kring_membership_clear);

  if (!kring_txn_ops (txn)->accounts->list_memberships (txn, req->user.id, memberships, error))
    return FALSE;
  kring_json_key (w, "memberships");
  kring_json_begin_array (w);
  for (guint i = 0; i < memberships->len; i++)
    {
      KringMembership *m = &g_array_index (memberships, KringMembership, i);

      kring_json_begin_object (w);
      kring_json_key (w, "account");
      kring_write_account_summary (w, &m->account);
      kring_json_member_string (w, "role", kring_role_to_string (m->role));
      kring_json_end_object (w);
    }
  kring_json_end_array (w);
  return TRUE;
}

static void
get_me (KringRequest *req)
{
  g_autoptr (KringTxn) txn = kring_request_read (req);
  g_autoptr (GError) error = NULL;
  gint64 used = 0;
  KringJsonWriter *w;

  if (txn == NULL)
    return;
  if (!req->user.paid
      && !kring_txn_ops (txn)->users->count_guest_dossiers (txn, req->user.id, &used, &error))
    return kring_request_store_error (req, error);
  w = kring_request_begin_json (req, 200);
  kring_json_begin_object (w);
  kring_json_key (w, "user");
  kring_write_user (w, req->user.id, req->user.email, req->user.name, FALSE);
  if (!write_memberships (req, txn, w, &error))
    return kring_request_store_error (req, error);
  kring_json_member_bool (w, "paid", req->user.paid);
  if (req->user.paid)
    kring_json_member_null (w, "guest_dossiers");
  else
    {
      kring_json_key (w, "guest_dossiers");
      kring_json_begin_object (w);
      kring_json_member_int (w, "used", used);
      kring_json_member_int (w, "limit",
                             kring_price_table_get_dossiers_per_guest (req->server->prices));
      kring_json_end_object (w);
    }
  kring_json_end_object (w);
}

/* PATCH /api/v1/me */

static const KringFieldSpec me_fields[] = {
  { "name", KRING_FIELD_STRING, KRING_FIELD_NULLABLE },
  { "password", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
  { "current_password", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
};

typedef struct
{
  gboolean set_name;
  char *name;
  gboolean set_password;
  char *current_password;
  char *new_password;
  char *stored_hash; /* to verify current_password against */
  char *new_hash;
  gboolean current_ok;
} MeChange;

static void
me_change_free (MeChange *change)
{
  g_free (change->name);
  g_free (change->current_password);
  g_free (change->new_password);
  g_free (change->stored_hash);
  g_free (change->new_hash);
  g_free (change);
}

static gboolean
me_write (KringRequest *req, KringTxn *txn, GError **error)
{
  MeChange *change = req->data;
  const KringStoreOps *ops = kring_txn_ops (txn);
  g_auto (KringUser) user = { 0 };
  KringJsonWriter *w;

  if (change->set_password)
    {
      if (kring_login_limited (req, txn, req->user.email))
        return FALSE;
      if (!ops->users->get (txn, req->user.id, &user, error))
        return FALSE;
      /* The password must not have changed while we verified the old one. */
      if (!change->current_ok || g_strcmp0 (user.password_hash, change->stored_hash) != 0)
        {
          if (!kring_login_failed (req, txn, req->user.email))
            return FALSE;
          kring_request_invalid_field (req, "current_password", "The current password is wrong.");
          return TRUE;
        }
      if (!ops->users->set_password (txn, req->user.id, change->new_hash, error)
          || !ops->auth->sessions_revoke (txn, req->user.id, req->session_id, error))
        return FALSE;
      kring_user_clear (&user);
    }
  if (change->set_name && !ops->users->set_name (txn, req->user.id, change->name, error))
    return FALSE;
  if (!ops->users->get (txn, req->user.id, &user, error))
    return FALSE;
  w = kring_request_begin_json (req, 200);
  kring_write_user (w, user.id, user.email, user.name, FALSE);
  return TRUE;
}

static void
me_hash (KringRequest *req, gpointer data)
{
  MeChange *change = data;

  change->current_ok
      = kring_password_verify (change->stored_hash != NULL ? change->stored_hash
                                                           : kring_password_dummy_hash (),
                               change->current_password)
        && change->stored_hash != NULL;
  if (change->current_ok)
    change->new_hash = kring_password_hash (change->new_password);
}

static void
me_after_hash (KringRequest *req, gpointer data)
{
  MeChange *change = data;

  if (change->current_ok && change->new_hash == NULL)
    return kring_request_problem (req, KRING_PROBLEM_UNAVAILABLE, "Out of memory; try again.");
  kring_request_write (req, me_write);
}

static gboolean
prepare_password (KringRequest *req, MeChange *change)
{
  const char *current = kring_json_get_string (req->body, "current_password", NULL);
  g_autoptr (KringTxn) txn = NULL;

  change->new_password = g_strdup (kring_json_get_string (req->body, "password", NULL));
  if (!kring_request_check_password (req, change->new_password, "password"))
    return FALSE;
  if (current == NULL)
    {
      kring_request_invalid_field (req, "current_password",
                                   "Changing the password needs the current one.");
      return FALSE;
    }
  change->current_password = g_strdup (current);
  change->stored_hash = g_strdup (req->user.password_hash);
  txn = kring_request_read (req);
  return txn != NULL && !kring_login_limited (req, txn, req->user.email);
}

static void
patch_me (KringRequest *req)
{
  MeChange *change;

  if (!kring_request_check_body (req, me_fields, G_N_ELEMENTS (me_fields)))
    return;
  change = g_new0 (MeChange, 1);
  req->data = change;
  req->data_free = (GDestroyNotify)me_change_free;
  if (json_object_has_member (req->body, "name"))
    {
      const char *name = kring_json_get_string (req->body, "name", NULL);

      change->set_name = TRUE;
      if (name != NULL && (change->name = kring_request_line (req, "name", name)) == NULL)
        return;
    }
  change->set_password = json_object_has_member (req->body, "password");
  if (!change->set_password)
    return kring_request_write (req, me_write);
  if (prepare_password (req, change))
    kring_request_run_in_thread (req, me_hash, me_after_hash, change);
}

void
kring_me_register (KringRouter *router)
{
  kring_router_add (router, "GET", "/api/v1/me", get_me, KRING_ROUTE_AUTH, NULL);
  kring_router_add (router, "PATCH", "/api/v1/me", patch_me, KRING_ROUTE_AUTH | KRING_ROUTE_BODY,
                    NULL);
}
