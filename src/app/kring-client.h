/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringClient: the whole REST API of kringd (API.md) as _async/_finish
 * pairs over one libsoup session.
 *
 * Every call takes a GCancellable and completes in the thread-default main
 * context of the caller.  Errors are KRING_CLIENT_ERROR for answers of the
 * server (codes mirror the API's problem codes; the problem's extensions
 * through kring_client_error_get_problem()), and G_IO_ERROR, G_TLS_ERROR
 * or G_RESOLVER_ERROR when the server could not be reached; a cancelled
 * call fails with G_IO_ERROR_CANCELLED.  A 401 of an authenticated call is
 * KRING_CLIENT_ERROR_UNAUTHENTICATED: the UI goes back to signing in.
 *
 * Plain http:// is accepted for loopback addresses only, https:// is
 * verified against the system's certificate authorities, and no bad
 * certificate is ever accepted.
 *
 * In the arguments, NULL strings and 0 ids mean "leave out" (the server's
 * default, or "unchanged" in an update). */
#pragma once

#include <gio/gio.h>

#include "kring-api-results.h"
#include "kring-api-types.h"
#include "kring-audit-item.h"
#include "kring-client-error.h"
#include "kring-dossier-item.h"
#include "kring-entry-item.h"
#include "kring-list-query.h"
#include "kring-participant-item.h"
#include "kring-pricing.h"
#include "kring-quote-info.h"
#include "kring-teammate-item.h"

G_BEGIN_DECLS

#define KRING_TYPE_CLIENT (kring_client_get_type ())
G_DECLARE_FINAL_TYPE (KringClient, kring_client, KRING, CLIENT, GObject)

/* Fails with KRING_CLIENT_ERROR_INVALID_URL unless @base_url is an
 * absolute http(s) URL of a host, and KRING_CLIENT_ERROR_INSECURE for
 * http:// to a host other than localhost, 127.0.0.0/8 or ::1. */
KringClient *kring_client_new (const char *base_url, GError **error);

/* The server's address, normalised (no trailing slash). */
const char *kring_client_get_base_url (KringClient *self);
/* The bearer token sent with authenticated calls, or NULL.  Signing in,
 * verifying a signup and accepting an invitation set it; signing out
 * clears it. */
const char *kring_client_get_token (KringClient *self);
void kring_client_set_token (KringClient *self, const char *token);

/* Any list endpoint, one page: @cursor NULL for the first; @limit 1–200,
 * or 0 for the server's default of 50. */
void kring_client_list_async (KringClient *self, KringListQuery *query, const char *cursor,
                              guint limit, GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data);
KringPage *kring_client_list_finish (KringClient *self, GAsyncResult *result, GError **error);

/* Public endpoints */

void kring_client_get_health_async (KringClient *self, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data);
KringHealth *kring_client_get_health_finish (KringClient *self, GAsyncResult *result,
                                             GError **error);

/* The server's active price table, read by the pricing engine. */
void kring_client_get_plans_async (KringClient *self, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data);
KringPriceTable *kring_client_get_plans_finish (KringClient *self, GAsyncResult *result,
                                                GError **error);

/* @billing "monthly"/"yearly" or NULL; @discounts organisation discount
 * ids or NULL. */
void kring_client_create_quote_async (KringClient *self, const char *plan, gint64 users,
                                      const char *billing, const char *const *discounts,
                                      gint64 partner_users, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
KringQuoteInfo *kring_client_create_quote_finish (KringClient *self, GAsyncResult *result,
                                                  GError **error);

/* Sends a verification code by mail; succeeds for any valid input. */
void kring_client_sign_up_async (KringClient *self, const char *organisation, const char *name,
                                 const char *email, const char *password, const char *plan,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean kring_client_sign_up_finish (KringClient *self, GAsyncResult *result, GError **error);

/* The session has @account set: the new organisation. */
void kring_client_verify_sign_up_async (KringClient *self, const char *code,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
KringSession *kring_client_verify_sign_up_finish (KringClient *self, GAsyncResult *result,
                                                  GError **error);

void kring_client_sign_in_async (KringClient *self, const char *email, const char *password,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data);
KringSession *kring_client_sign_in_finish (KringClient *self, GAsyncResult *result, GError **error);

void kring_client_accept_invitation_async (KringClient *self, const char *code, const char *name,
                                           const char *password, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
KringSession *kring_client_accept_invitation_finish (KringClient *self, GAsyncResult *result,
                                                     GError **error);

void kring_client_request_password_reset_async (KringClient *self, const char *email,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback, gpointer user_data);
gboolean kring_client_request_password_reset_finish (KringClient *self, GAsyncResult *result,
                                                     GError **error);

/* Sets the password and ends all the user's sessions. */
void kring_client_reset_password_async (KringClient *self, const char *code, const char *password,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean kring_client_reset_password_finish (KringClient *self, GAsyncResult *result,
                                             GError **error);

/* The signed-in user */

void kring_client_sign_out_async (KringClient *self, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data);
gboolean kring_client_sign_out_finish (KringClient *self, GAsyncResult *result, GError **error);

void kring_client_get_me_async (KringClient *self, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data);
KringMe *kring_client_get_me_finish (KringClient *self, GAsyncResult *result, GError **error);

/* A new @password needs @current_password and ends the other sessions. */
void kring_client_update_me_async (KringClient *self, const char *name, const char *password,
                                   const char *current_password, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data);
KringUserInfo *kring_client_update_me_finish (KringClient *self, GAsyncResult *result,
                                              GError **error);

/* Accounts and teammates */

void kring_client_create_account_async (KringClient *self, const char *organisation,
                                        const char *plan, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
KringAccountInfo *kring_client_create_account_finish (KringClient *self, GAsyncResult *result,
                                                      GError **error);

void kring_client_get_account_async (KringClient *self, gint64 account_id,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
KringAccountInfo *kring_client_get_account_finish (KringClient *self, GAsyncResult *result,
                                                   GError **error);

/* @billing "monthly" | "yearly". */
void kring_client_update_account_async (KringClient *self, gint64 account_id, const char *name,
                                        const char *plan, const char *billing,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
KringAccountInfo *kring_client_update_account_finish (KringClient *self, GAsyncResult *result,
                                                      GError **error);

void kring_client_get_billing_async (KringClient *self, gint64 account_id,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
KringQuoteInfo *kring_client_get_billing_finish (KringClient *self, GAsyncResult *result,
                                                 GError **error);

void kring_client_list_teammates_async (KringClient *self, gint64 account_id, const char *cursor,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
KringPage *kring_client_list_teammates_finish (KringClient *self, GAsyncResult *result,
                                               GError **error);

/* @role "owner" | "admin" | "member". */
void kring_client_add_teammate_async (KringClient *self, gint64 account_id, const char *email,
                                      const char *name, const char *role, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
KringTeammateAdded *kring_client_add_teammate_finish (KringClient *self, GAsyncResult *result,
                                                      GError **error);

void kring_client_update_teammate_async (KringClient *self, gint64 account_id, gint64 teammate_id,
                                         const char *role, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
KringTeammateItem *kring_client_update_teammate_finish (KringClient *self, GAsyncResult *result,
                                                        GError **error);

void kring_client_remove_teammate_async (KringClient *self, gint64 account_id, gint64 teammate_id,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean kring_client_remove_teammate_finish (KringClient *self, GAsyncResult *result,
                                              GError **error);

void kring_client_resend_teammate_invitation_async (KringClient *self, gint64 account_id,
                                                    gint64 teammate_id, GCancellable *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer user_data);
gboolean kring_client_resend_teammate_invitation_finish (KringClient *self, GAsyncResult *result,
                                                         GError **error);

/* @dossier_id 0 and @action NULL: every event. */
void kring_client_list_audit_async (KringClient *self, gint64 account_id, gint64 dossier_id,
                                    const char *action, const char *cursor,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
KringPage *kring_client_list_audit_finish (KringClient *self, GAsyncResult *result, GError **error);

/* Dossiers and entries */

/* @account_id 0: the dossiers of every account the caller sees. */
void kring_client_list_dossiers_async (KringClient *self, gint64 account_id, const char *search,
                                       gboolean archived, const char *cursor,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data);
KringPage *kring_client_list_dossiers_finish (KringClient *self, GAsyncResult *result,
                                              GError **error);

void kring_client_create_dossier_async (KringClient *self, gint64 account_id, const char *title,
                                        const char *client_name, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
KringDossierItem *kring_client_create_dossier_finish (KringClient *self, GAsyncResult *result,
                                                      GError **error);

void kring_client_get_dossier_async (KringClient *self, gint64 dossier_id,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
KringDossierItem *kring_client_get_dossier_finish (KringClient *self, GAsyncResult *result,
                                                   GError **error);

/* @title NULL: unchanged.  The client name changes only when
 * @set_client_name, to @client_name (NULL clears it). */
void kring_client_update_dossier_async (KringClient *self, gint64 dossier_id, const char *title,
                                        gboolean set_client_name, const char *client_name,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data);
KringDossierItem *kring_client_update_dossier_finish (KringClient *self, GAsyncResult *result,
                                                      GError **error);

void kring_client_archive_dossier_async (KringClient *self, gint64 dossier_id,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean kring_client_archive_dossier_finish (KringClient *self, GAsyncResult *result,
                                              GError **error);

void kring_client_restore_dossier_async (KringClient *self, gint64 dossier_id,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data);
KringDossierItem *kring_client_restore_dossier_finish (KringClient *self, GAsyncResult *result,
                                                       GError **error);

void kring_client_list_entries_async (KringClient *self, gint64 dossier_id, const char *cursor,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data);
KringPage *kring_client_list_entries_finish (KringClient *self, GAsyncResult *result,
                                             GError **error);

void kring_client_get_entry_async (KringClient *self, gint64 dossier_id, gint64 entry_id,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data);
KringEntryItem *kring_client_get_entry_finish (KringClient *self, GAsyncResult *result,
                                               GError **error);

/* @visibility "everyone" | "professionals" | NULL; @corrects 0 or the
 * entry this one corrects. */
void kring_client_create_entry_async (KringClient *self, gint64 dossier_id, const char *body,
                                      const char *visibility, gint64 corrects,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data);
KringEntryItem *kring_client_create_entry_finish (KringClient *self, GAsyncResult *result,
                                                  GError **error);

/* Participants */

typedef enum
{
  KRING_CAN_WRITE_DEFAULT = -1, /* the server's: yes for team and external, no for guests */
  KRING_CAN_WRITE_NO = 0,
  KRING_CAN_WRITE_YES = 1,
} KringCanWrite;

/* Someone to invite into a dossier.  Only read during the _async call. */
typedef struct
{
  const char *email;
  const char *name; /* or NULL */
  KringCanWrite can_write;
} KringInvitee;

void kring_client_list_participants_async (KringClient *self, gint64 dossier_id, const char *cursor,
                                           GCancellable *cancellable, GAsyncReadyCallback callback,
                                           gpointer user_data);
KringPage *kring_client_list_participants_finish (KringClient *self, GAsyncResult *result,
                                                  GError **error);

void kring_client_add_participant_async (KringClient *self, gint64 dossier_id,
                                         const KringInvitee *invitee, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
KringParticipantItem *kring_client_add_participant_finish (KringClient *self, GAsyncResult *result,
                                                           GError **error);

/* Adds many at once through the batch endpoint, in requests of at most
 * 1000 invitees (and well under the 1 MiB body limit) sent one after the
 * other.  Returns one KringBatchResult per invitee, in order; refusals
 * (409, 422) are results, not errors.  On an error, the requests before it
 * took effect. */
void kring_client_add_participants_async (KringClient *self, gint64 dossier_id,
                                          const KringInvitee *invitees, guint n_invitees,
                                          GCancellable *cancellable, GAsyncReadyCallback callback,
                                          gpointer user_data);
GPtrArray *kring_client_add_participants_finish (KringClient *self, GAsyncResult *result,
                                                 GError **error);

void kring_client_update_participant_async (KringClient *self, gint64 dossier_id,
                                            gint64 participant_id, gboolean can_write,
                                            GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer user_data);
KringParticipantItem *kring_client_update_participant_finish (KringClient *self,
                                                              GAsyncResult *result, GError **error);

void kring_client_remove_participant_async (KringClient *self, gint64 dossier_id,
                                            gint64 participant_id, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
gboolean kring_client_remove_participant_finish (KringClient *self, GAsyncResult *result,
                                                 GError **error);

void kring_client_resend_participant_invitation_async (KringClient *self, gint64 dossier_id,
                                                       gint64 participant_id,
                                                       GCancellable *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer user_data);
gboolean kring_client_resend_participant_invitation_finish (KringClient *self, GAsyncResult *result,
                                                            GError **error);

G_END_DECLS
