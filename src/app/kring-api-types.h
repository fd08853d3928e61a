/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The answers of the Kring API that are not list items: small immutable,
 * reference-counted boxed structs with public members, read from the
 * server's JSON by the _new_from_json() functions (which refuse a missing
 * or mistyped member with KRING_CLIENT_ERROR_INVALID_RESPONSE).  List items
 * (dossiers, participants, …) are GObjects instead, for GListModel. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reads one API object from JSON, e.g. kring_user_info_new_from_json(). */
typedef gpointer (*KringParseFunc) (JsonNode *node, GError **error);

/* User {"id", "email", "name"}: @email is NULL where the API hides it. */
typedef struct
{
  gint64 id;
  char *email;
  char *name;
} KringUserInfo;

#define KRING_TYPE_USER_INFO (kring_user_info_get_type ())
GType kring_user_info_get_type (void) G_GNUC_CONST;
KringUserInfo *kring_user_info_new_from_json (JsonNode *node, GError **error);
KringUserInfo *kring_user_info_ref (KringUserInfo *user);
void kring_user_info_unref (KringUserInfo *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringUserInfo, kring_user_info_unref)

/* Account, or AccountSummary (then @billing and @discounts are NULL, @seats
 * is -1 and @created_at NULL). */
typedef struct
{
  gint64 id;
  char *name;
  char *plan;
  char *status;  /* "trial" | "active" */
  char *billing; /* "monthly" | "yearly" */
  GStrv discounts;
  gint64 seats;
  GDateTime *created_at;
} KringAccountInfo;

#define KRING_TYPE_ACCOUNT_INFO (kring_account_info_get_type ())
GType kring_account_info_get_type (void) G_GNUC_CONST;
KringAccountInfo *kring_account_info_new_from_json (JsonNode *node, GError **error);
KringAccountInfo *kring_account_info_ref (KringAccountInfo *account);
void kring_account_info_unref (KringAccountInfo *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringAccountInfo, kring_account_info_unref)

/* GET /api/v1/me. */
typedef struct
{
  KringUserInfo *user;
  GPtrArray *memberships; /* of KringMembership */
  gboolean paid;
  gint64 guest_dossiers_used;  /* -1 for a paid user */
  gint64 guest_dossiers_limit; /* -1 for a paid user */
} KringMe;

typedef struct
{
  KringAccountInfo *account; /* a summary */
  char *role;                /* "owner" | "admin" | "member" */
} KringMembership;

#define KRING_TYPE_ME (kring_me_get_type ())
GType kring_me_get_type (void) G_GNUC_CONST;
KringMe *kring_me_new_from_json (JsonNode *node, GError **error);
KringMe *kring_me_ref (KringMe *me);
void kring_me_unref (KringMe *me);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringMe, kring_me_unref)

#define KRING_TYPE_MEMBERSHIP (kring_membership_get_type ())
GType kring_membership_get_type (void) G_GNUC_CONST;
KringMembership *kring_membership_new_from_json (JsonNode *node, GError **error);
KringMembership *kring_membership_ref (KringMembership *membership);
void kring_membership_unref (KringMembership *membership);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringMembership, kring_membership_unref)

/* What signing in, accepting an invitation and verifying a signup answer.
 * @account is set only by a signup's verification. */
typedef struct
{
  char *token;
  GDateTime *expires_at;
  KringUserInfo *user;
  KringAccountInfo *account;
} KringSession;

#define KRING_TYPE_SESSION (kring_session_get_type ())
GType kring_session_get_type (void) G_GNUC_CONST;
KringSession *kring_session_new_from_json (JsonNode *node, GError **error);
KringSession *kring_session_ref (KringSession *session);
void kring_session_unref (KringSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringSession, kring_session_unref)

/* GET /healthz. */
typedef struct
{
  char *status; /* "ok" */
  char *version;
  char *database; /* "sqlite" | "postgresql" */
} KringHealth;

#define KRING_TYPE_HEALTH (kring_health_get_type ())
GType kring_health_get_type (void) G_GNUC_CONST;
KringHealth *kring_health_new_from_json (JsonNode *node, GError **error);
KringHealth *kring_health_ref (KringHealth *health);
void kring_health_unref (KringHealth *health);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringHealth, kring_health_unref)

G_END_DECLS
