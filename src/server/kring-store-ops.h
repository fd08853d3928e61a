/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The operation tables every store implements.  Conventions:
 * - a getter returns FALSE without setting @error when the row does not
 *   exist, FALSE with @error on a store failure, TRUE when it filled @out;
 * - other functions return FALSE only with @error set;
 * - list functions append to @out at most @page->limit rows; callers ask one
 *   row more than they show to learn whether a next page exists;
 * - sort keys are kring_text_casefold_key() of the sorted text, computed by
 *   the store on write and by the caller again for cursors;
 * - derived facts (a user's paid status, an access level, guest counts) are
 *   kept true by the store whenever the rows they derive from change. */
#pragma once

#include "kring-store-rows.h"

G_BEGIN_DECLS

typedef struct
{
  const char *after_key; /* ascending lists: continue after (key, id); NULL = from the start */
  gint64 after_id;       /* descending lists: continue below this id; 0 = from the newest */
  guint limit;
} KringPage;

typedef struct
{
  gboolean (*get) (KringTxn *txn, gint64 id, KringUser *out, GError **error);
  gboolean (*get_by_email) (KringTxn *txn, const char *email, KringUser *out, GError **error);
  gboolean (*create) (KringTxn *txn, const char *email, const char *name, const char *password_hash,
                      gint64 *out_id, GError **error);
  gboolean (*set_name) (KringTxn *txn, gint64 id, const char *name, GError **error);
  gboolean (*set_password) (KringTxn *txn, gint64 id, const char *password_hash, GError **error);
  gboolean (*set_language) (KringTxn *txn, gint64 id, const char *language, GError **error);
  /* R3: the number of non-archived dossiers where the user is a guest. */
  gboolean (*count_guest_dossiers) (KringTxn *txn, gint64 id, gint64 *out, GError **error);
  /* Serialises concurrent guest invitations of one email across processes
   * where the database needs it (PostgreSQL advisory lock); a no-op where the
   * write transaction is already exclusive (SQLite). */
  gboolean (*lock_email) (KringTxn *txn, const char *email, GError **error);
} KringUserOps;

typedef struct
{
  gboolean (*create) (KringTxn *txn, const char *name, const char *plan, gint64 *out_id,
                      GError **error);
  gboolean (*get) (KringTxn *txn, gint64 id, KringAccount *out, GError **error);
  /* Writes name, plan and billing of @account. */
  gboolean (*update) (KringTxn *txn, const KringAccount *account, GError **error);
  /* Status and discounts: the operator's, never a handler's. */
  gboolean (*set_status) (KringTxn *txn, gint64 id, gboolean active, GError **error);
  gboolean (*set_discounts) (KringTxn *txn, gint64 id, gboolean new_kvk, gboolean anbi,
                             GError **error);
  /* Every account, by id (operator). GArray of KringAccount. */
  gboolean (*list_all) (KringTxn *txn, GArray *out, GError **error);
  /* The user's accounts with role, by account id. GArray of KringMembership. */
  gboolean (*list_memberships) (KringTxn *txn, gint64 user_id, GArray *out, GError **error);
} KringAccountOps;

typedef struct
{
  gboolean (*add) (KringTxn *txn, gint64 account_id, gint64 user_id, KringRole role, gint64 *out_id,
                   GError **error);
  gboolean (*get) (KringTxn *txn, gint64 account_id, gint64 id, KringTeammate *out, GError **error);
  /* KRING_ROLE_NONE when the user is no teammate of the account. */
  gboolean (*get_role) (KringTxn *txn, gint64 account_id, gint64 user_id, KringRole *out,
                        GError **error);
  gboolean (*set_role) (KringTxn *txn, gint64 id, KringRole role, GError **error);
  /* Removes the seat and (R6) the person's participations in the account's dossiers. */
  gboolean (*remove) (KringTxn *txn, gint64 id, GError **error);
  gboolean (*count_owners) (KringTxn *txn, gint64 account_id, gint64 *out, GError **error);
  /* Ordered by name case-insensitively (email when no name), then id. */
  gboolean (*list) (KringTxn *txn, gint64 account_id, const KringPage *page, GArray *out,
                    GError **error);
} KringTeammateOps;

typedef struct
{
  gint64 user_id;    /* whose view */
  gint64 account_id; /* 0: every account */
  const char *query; /* casefolded substring of title or client name, or NULL */
  gboolean archived;
} KringDossierFilter;

typedef struct
{
  gboolean (*create) (KringTxn *txn, gint64 account_id, const char *title, const char *client_name,
                      gint64 *out_id, GError **error);
  gboolean (*get) (KringTxn *txn, gint64 id, KringDossier *out, GError **error);
  /* Writes title and client_name of @dossier and touches updated_at. */
  gboolean (*update) (KringTxn *txn, const KringDossier *dossier, GError **error);
  gboolean (*set_archived) (KringTxn *txn, gint64 id, gboolean archived, GError **error);
  /* Dossiers the user sees: every dossier of accounts where they are owner or
   * admin, and those they participate in; ordered by title key, then id. */
  gboolean (*list) (KringTxn *txn, const KringDossierFilter *filter, const KringPage *page,
                    GArray *out, GError **error);
} KringDossierOps;

typedef struct
{
  gboolean (*get) (KringTxn *txn, gint64 dossier_id, gint64 id, KringParticipant *out,
                   GError **error);
  gboolean (*get_by_user) (KringTxn *txn, gint64 dossier_id, gint64 user_id, KringParticipant *out,
                           GError **error);
  gboolean (*add) (KringTxn *txn, gint64 dossier_id, gint64 user_id, gboolean can_write,
                   gint64 added_by, gint64 *out_id, GError **error);
  gboolean (*set_can_write) (KringTxn *txn, gint64 id, gboolean can_write, GError **error);
  gboolean (*remove) (KringTxn *txn, gint64 id, GError **error);
  /* Ordered by name case-insensitively (email when no name), then id. */
  gboolean (*list) (KringTxn *txn, gint64 dossier_id, const KringPage *page, GArray *out,
                    GError **error);
  /* The access the user would have in the dossier (team, external, guest),
   * whether or not they participate. */
  gboolean (*access_of) (KringTxn *txn, gint64 dossier_id, gint64 user_id, KringAccess *out,
                         GError **error);
} KringParticipantOps;

typedef struct
{
  gboolean (*create) (KringTxn *txn, gint64 dossier_id, gint64 author_id, const char *body,
                      gboolean professionals, gint64 corrects, gint64 *out_id, GError **error);
  /* With corrected_by filled; @with_professionals FALSE hides professional
   * entries (as not existing) and their ids in corrected_by. */
  gboolean (*get) (KringTxn *txn, gint64 dossier_id, gint64 id, gboolean with_professionals,
                   KringEntry *out, GError **error);
  /* Newest first. */
  gboolean (*list) (KringTxn *txn, gint64 dossier_id, gboolean with_professionals,
                    const KringPage *page, GArray *out, GError **error);
  /* A number that changes whenever any page of the dossier's entries could
   * (entries never change, and a correction is an entry of the dossier of
   * what it corrects): lets a reader reuse a page it rendered before. */
  gboolean (*version) (KringTxn *txn, gint64 dossier_id, gint64 *out, GError **error);
  /* The authors (KringUser: id, email, name) of the dossier's entries with
   * ids from @first_id to @last_id, any visibility, in one query. */
  gboolean (*authors) (KringTxn *txn, gint64 dossier_id, gint64 first_id, gint64 last_id,
                       GArray *out, GError **error);
} KringEntryOps;

typedef struct
{
  gboolean (*session_create) (KringTxn *txn, const guint8 *token_hash, gsize hash_length,
                              gint64 user_id, gint64 expires_at, gint64 *out_id, GError **error);
  /* The live session of a token hash (not expired at kring_txn_now). */
  gboolean (*session_lookup) (KringTxn *txn, const guint8 *token_hash, gsize hash_length,
                              gint64 *out_session_id, gint64 *out_user_id, GError **error);
  gboolean (*session_delete) (KringTxn *txn, gint64 session_id, GError **error);
  /* Every session of the user but @keep_session_id (0 keeps none). */
  gboolean (*sessions_revoke) (KringTxn *txn, gint64 user_id, gint64 keep_session_id,
                               GError **error);
  /* Stores a code; older codes for the same email and purpose stop working. */
  gboolean (*code_store) (KringTxn *txn, const char *purpose, const char *email, gint64 user_id,
                          const guint8 *code_hash, gsize hash_length, const char *payload,
                          gint64 expires_at, GError **error);
  /* Finds a live code of @purpose and deletes it (codes work once). */
  gboolean (*code_take) (KringTxn *txn, const char *purpose, const guint8 *code_hash,
                         gsize hash_length, KringCode *out, GError **error);
  /* Failed logins for (email, client) since @since: how many, and the oldest. */
  gboolean (*login_failures) (KringTxn *txn, const char *email, const char *client, gint64 since,
                              gint64 *out_count, gint64 *out_oldest, GError **error);
  gboolean (*login_failure_add) (KringTxn *txn, const char *email, const char *client,
                                 GError **error);
  gboolean (*login_failures_clear) (KringTxn *txn, const char *email, const char *client,
                                    GError **error);
} KringAuthOps;

typedef struct
{
  /* Mails of @purpose to @recipient queued since @since (rate limit). */
  gboolean (*count_recent) (KringTxn *txn, const char *recipient, const char *purpose, gint64 since,
                            gint64 *out, GError **error);
  gboolean (*enqueue) (KringTxn *txn, const char *recipient, const char *purpose,
                       const char *message, GError **error);
  /* Claims up to @limit mails due now for delivery by this process for
   * @lease seconds (another process skips them meanwhile). GArray of KringOutboxMail. */
  gboolean (*claim) (KringTxn *txn, guint limit, gint64 lease, GArray *out, GError **error);
  gboolean (*delivered) (KringTxn *txn, gint64 id, GError **error);
  gboolean (*retry_at) (KringTxn *txn, gint64 id, gint64 when, GError **error);
} KringMailOps;

typedef struct
{
  gint64 dossier_id;  /* 0: any */
  const char *action; /* NULL: any */
} KringAuditFilter;

typedef struct
{
  gboolean (*add) (KringTxn *txn, gint64 account_id, gint64 actor_id, const char *action,
                   gint64 dossier_id, const char *subject_email, const char *detail_json,
                   GError **error);
  /* Newest first. GArray of KringAuditEvent. */
  gboolean (*list) (KringTxn *txn, gint64 account_id, const KringAuditFilter *filter,
                    const KringPage *page, GArray *out, GError **error);
  /* TRUE into @out_record when the user's last recorded view of the dossier
   * is older than @interval seconds (and records this one). */
  gboolean (*note_view) (KringTxn *txn, gint64 user_id, gint64 dossier_id, gint64 interval,
                         gboolean *out_record, GError **error);
} KringAuditOps;

struct _KringStoreOps
{
  const KringUserOps *users;
  const KringAccountOps *accounts;
  const KringTeammateOps *teammates;
  const KringDossierOps *dossiers;
  const KringParticipantOps *participants;
  const KringEntryOps *entries;
  const KringAuthOps *auth;
  const KringMailOps *mail;
  const KringAuditOps *audit;
};

G_END_DECLS
