/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-api-types.h"
#include "kring-api-reader.h"

/* User */

static void
user_info_clear (KringUserInfo *user)
{
  g_free (user->email);
  g_free (user->name);
}

KRING_DEFINE_RC_BOXED (KringUserInfo, kring_user_info, user_info_clear)

KringUserInfo *
kring_user_info_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringUserInfo) user = g_rc_box_new0 (KringUserInfo);
  g_auto (KringReader) reader = { 0 };

  _kring_reader_init (&reader, node, "user");
  user->id = _kring_reader_get_int (&reader, "id", KRING_READ_REQUIRED, 0);
  /* Hidden from guests, so optional. */
  user->email = _kring_reader_dup_string (&reader, "email", KRING_READ_OPTIONAL);
  user->name
      = _kring_reader_dup_string (&reader, "name", KRING_READ_REQUIRED | KRING_READ_NULLABLE);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  return g_steal_pointer (&user);
}

KringUserInfo *
_kring_reader_dup_user (KringReader *reader, const char *name, KringReadFlags flags)
{
  JsonNode *node = _kring_reader_get_object (reader, name, flags);
  GError *error = NULL;
  KringUserInfo *user;

  if (node == NULL)
    return NULL;
  user = kring_user_info_new_from_json (node, &error);
  if (user == NULL)
    _kring_reader_take_error (reader, error);
  return user;
}

/* Account and AccountSummary */

static void
account_info_clear (KringAccountInfo *account)
{
  g_free (account->name);
  g_free (account->plan);
  g_free (account->status);
  g_free (account->billing);
  g_strfreev (account->discounts);
  g_clear_pointer (&account->created_at, g_date_time_unref);
}

KRING_DEFINE_RC_BOXED (KringAccountInfo, kring_account_info, account_info_clear)

KringAccountInfo *
kring_account_info_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringAccountInfo) account = g_rc_box_new0 (KringAccountInfo);
  g_auto (KringReader) reader = { 0 };

  _kring_reader_init (&reader, node, "account");
  account->id = _kring_reader_get_int (&reader, "id", KRING_READ_REQUIRED, 0);
  account->name = _kring_reader_dup_string (&reader, "name", KRING_READ_REQUIRED);
  account->plan = _kring_reader_dup_string (&reader, "plan", KRING_READ_REQUIRED);
  account->status = _kring_reader_dup_string (&reader, "status", KRING_READ_REQUIRED);
  /* Absent from an AccountSummary. */
  account->billing = _kring_reader_dup_string (&reader, "billing", KRING_READ_OPTIONAL);
  account->discounts = _kring_reader_dup_strv (&reader, "discounts", KRING_READ_OPTIONAL);
  account->seats = _kring_reader_get_int (&reader, "seats", KRING_READ_OPTIONAL, -1);
  account->created_at = _kring_reader_dup_time (&reader, "created_at", KRING_READ_OPTIONAL);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  return g_steal_pointer (&account);
}

/* Me */

static void
membership_clear (KringMembership *membership)
{
  g_clear_pointer (&membership->account, kring_account_info_unref);
  g_free (membership->role);
}

KRING_DEFINE_RC_BOXED (KringMembership, kring_membership, membership_clear)

KringMembership *
kring_membership_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringMembership) membership = g_rc_box_new0 (KringMembership);
  g_auto (KringReader) reader = { 0 };
  JsonNode *account;

  _kring_reader_init (&reader, node, "membership");
  account = _kring_reader_get_object (&reader, "account", KRING_READ_REQUIRED);
  membership->role = _kring_reader_dup_string (&reader, "role", KRING_READ_REQUIRED);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  membership->account = kring_account_info_new_from_json (account, error);
  return membership->account != NULL ? g_steal_pointer (&membership) : NULL;
}

static void
me_clear (KringMe *me)
{
  g_clear_pointer (&me->user, kring_user_info_unref);
  g_clear_pointer (&me->memberships, g_ptr_array_unref);
}

KRING_DEFINE_RC_BOXED (KringMe, kring_me, me_clear)

KringMe *
kring_me_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringMe) me = g_rc_box_new0 (KringMe);
  g_auto (KringReader) reader = { 0 };
  JsonArray *memberships;

  _kring_reader_init (&reader, node, "me");
  me->user = _kring_reader_dup_user (&reader, "user", KRING_READ_REQUIRED);
  memberships = _kring_reader_get_array (&reader, "memberships", KRING_READ_REQUIRED);
  me->paid = _kring_reader_get_bool (&reader, "paid", KRING_READ_REQUIRED);
  _kring_reader_get_guest_dossiers (&reader, KRING_READ_REQUIRED | KRING_READ_NULLABLE,
                                    &me->guest_dossiers_used, &me->guest_dossiers_limit);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  me->memberships = _kring_parse_array (memberships, (KringParseFunc)kring_membership_new_from_json,
                                        (GDestroyNotify)kring_membership_unref, error);
  return me->memberships != NULL ? g_steal_pointer (&me) : NULL;
}

/* Session */

static void
session_clear (KringSession *session)
{
  g_free (session->token);
  g_clear_pointer (&session->expires_at, g_date_time_unref);
  g_clear_pointer (&session->user, kring_user_info_unref);
  g_clear_pointer (&session->account, kring_account_info_unref);
}

KRING_DEFINE_RC_BOXED (KringSession, kring_session, session_clear)

KringSession *
kring_session_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringSession) session = g_rc_box_new0 (KringSession);
  g_auto (KringReader) reader = { 0 };
  JsonNode *account;

  _kring_reader_init (&reader, node, "session");
  session->token = _kring_reader_dup_string (&reader, "token", KRING_READ_REQUIRED);
  session->expires_at = _kring_reader_dup_time (&reader, "expires_at", KRING_READ_REQUIRED);
  session->user = _kring_reader_dup_user (&reader, "user", KRING_READ_REQUIRED);
  account = _kring_reader_get_object (&reader, "account", KRING_READ_OPTIONAL);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  if (account != NULL)
    {
      session->account = kring_account_info_new_from_json (account, error);
      if (session->account == NULL)
        return NULL;
    }
  return g_steal_pointer (&session);
}

/* Health */

static void
health_clear (KringHealth *health)
{
  g_free (health->status);
  g_free (health->version);
  g_free (health->database);
}

KRING_DEFINE_RC_BOXED (KringHealth, kring_health, health_clear)

KringHealth *
kring_health_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringHealth) health = g_rc_box_new0 (KringHealth);
  g_auto (KringReader) reader = { 0 };

  _kring_reader_init (&reader, node, "health");
  health->status = _kring_reader_dup_string (&reader, "status", KRING_READ_REQUIRED);
  health->version = _kring_reader_dup_string (&reader, "version", KRING_READ_REQUIRED);
  health->database = _kring_reader_dup_string (&reader, "database", KRING_READ_REQUIRED);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  return g_steal_pointer (&health);
}
