/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rows the store hands to handlers.  Strings are owned by the row and
 * freed by its _clear function (GArrays of rows have it as clear func). */
#pragma once

#include "kring-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *email;
  char *name;          /* NULL when none was given */
  char *password_hash; /* NULL until the user set a password (invited) */
  char *language;      /* "nl", "en" or NULL when unknown */
  gboolean paid;       /* teammate of at least one active account (R4) */
  gint64 created_at;
} KringUser;

typedef struct
{
  gint64 id;
  char *name;
  char *plan;
  gboolean yearly;
  gboolean new_kvk;
  gboolean anbi;
  gboolean active; /* status: active, else trial */
  gint64 seats;    /* teammates, invited or active (R1) */
  gint64 created_at;
} KringAccount;

typedef struct
{
  KringAccount account;
  KringRole role;
} KringMembership;

typedef struct
{
  gint64 id;
  gint64 account_id;
  gint64 user_id;
  char *email;
  char *name;
  gboolean active; /* the user has a password */
  KringRole role;
  gint64 added_at;
} KringTeammate;

typedef struct
{
  gint64 id;
  gint64 account_id;
  char *account_name;
  char *title;
  char *client_name;
  gint64 created_at;
  gint64 updated_at;
  gboolean archived;
  gint64 guests;       /* guest participations (R2) */
  gint64 participants; /* all participations */
  /* The listing user's relation to the dossier: filled by the dossier list
   * only (it knows them already, and it saves a query per row). */
  KringRole my_role;
  gboolean my_participates;
  KringAccess my_access;
  gboolean my_can_write; /* TRUE for owners and admins, who always may write */
} KringDossier;

typedef struct
{
  gint64 id;
  gint64 dossier_id;
  gint64 user_id;
  char *email;
  char *name;
  gboolean active; /* the user has a password */
  KringAccess access;
  gboolean can_write;
  gint64 added_at;
  gint64 added_by_id;
  char *added_by_email;
  char *added_by_name;
  gint64 guest_dossiers_used; /* R3 count of the user, for guests */
} KringParticipant;

typedef struct
{
  gint64 id;
  gint64 dossier_id;
  gint64 author_id;
  char *author_email;
  char *author_name;
  char *body;
  gboolean professionals; /* visibility */
  gint64 created_at;
  gint64 corrects;      /* 0 for none */
  GArray *corrected_by; /* gint64 ids, ascending; never NULL once filled */
} KringEntry;

typedef struct
{
  gint64 id;
  gint64 account_id;
  gint64 at;
  gint64 actor_id; /* 0: the operator */
  char *actor_email;
  char *actor_name;
  char *action;
  gint64 dossier_id; /* 0: none */
  char *subject_email;
  char *detail_json; /* a JSON object, or NULL */
} KringAuditEvent;

typedef struct
{
  gint64 id;
  char *purpose; /* "invitation", "verify", "reset" */
  char *email;
  gint64 user_id; /* 0: none (signup of a new email) */
  char *payload;  /* JSON, or NULL */
  gint64 created_at;
  gint64 expires_at;
} KringCode;

typedef struct
{
  gint64 id;
  char *recipient;
  char *message; /* the whole RFC 5322 message */
  gint64 attempts;
} KringOutboxMail;

void kring_user_clear (KringUser *row);
void kring_account_clear (KringAccount *row);
void kring_membership_clear (KringMembership *row);
void kring_teammate_clear (KringTeammate *row);
void kring_dossier_clear (KringDossier *row);
void kring_participant_clear (KringParticipant *row);
void kring_entry_clear (KringEntry *row);
void kring_audit_event_clear (KringAuditEvent *row);
void kring_code_clear (KringCode *row);
void kring_outbox_mail_clear (KringOutboxMail *row);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KringUser, kring_user_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KringAccount, kring_account_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KringTeammate, kring_teammate_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KringDossier, kring_dossier_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KringParticipant, kring_participant_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KringEntry, kring_entry_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KringCode, kring_code_clear)

/* A new GArray of @row_type with its clear function set. */
#define kring_rows_new(row_type, clear_func)                                                       \
  kring_rows_new_sized (sizeof (row_type), (GDestroyNotify)(clear_func))
GArray *kring_rows_new_sized (gsize row_size, GDestroyNotify clear_func);

G_END_DECLS
