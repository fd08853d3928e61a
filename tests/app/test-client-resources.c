/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KringClient against a real kringd: the resources — accounts, teammates,
 * the audit log, dossiers, entries and participants (one by one and in
 * batches), with the problems each answers. */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include "kring-client-test.h"

/* Accounts, teammates, billing, audit */

static KringTeammateAdded *
add_teammate (KringClient *client, gint64 account_id, const char *email, const char *role)
{
  g_autoptr (GError) error = NULL;
  KringTeammateAdded *added
      = CALL (kring_client_add_teammate, client, account_id, email, NULL, role, NULL);

  g_assert_no_error (error);
  return added;
}

static void
test_accounts (void)
{
  gint64 account_id;
  g_autoptr (KringClient) client = new_owner ("team", &account_id, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KringAccountInfo) account = NULL;
  g_autoptr (KringAccountInfo) other = NULL;
  g_autoptr (KringQuoteInfo) billing = NULL;

  account = CALL (kring_client_get_account, client, account_id, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (account->plan, ==, "team");
  g_assert_cmpstr (account->billing, ==, "monthly");
  g_assert_cmpint (account->seats, ==, 1);
  g_assert_nonnull (account->discounts);
  g_assert_nonnull (account->created_at);
  g_clear_pointer (&account, kring_account_info_unref);

  account
      = CALL (kring_client_update_account, client, account_id, "Zorg Zuid", NULL, "yearly", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (account->name, ==, "Zorg Zuid");
  g_assert_cmpstr (account->billing, ==, "yearly");

  billing = CALL (kring_client_get_billing, client, account_id, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (billing->billing, ==, "yearly");
  g_assert_cmpint (billing->users, ==, 1);
  g_assert_cmpstr (billing->invoice_period, ==, "year");

  other = CALL (kring_client_create_account, client, "Tweede Zorg", "pro", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (other->status, ==, "trial");
  g_assert_cmpint (other->id, !=, account_id);

  g_clear_pointer (&account, kring_account_info_unref);
  account = CALL (kring_client_get_account, client, 99999999, NULL);
  g_assert_null (account);
  assert_problem (error, KRING_CLIENT_ERROR_NOT_FOUND, 404, "not_found");
}

static void
test_teammates (void)
{
  gint64 account_id;
  g_autoptr (KringClient) client = new_owner ("pro", &account_id, NULL);
  g_autoptr (KringClient) invited = new_client (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *email = fresh_email ("teammate");
  g_autoptr (KringTeammateAdded) added = NULL;
  g_autoptr (KringTeammateAdded) third = NULL;
  g_autoptr (KringTeammateAdded) refused = NULL;
  g_autoptr (KringTeammateItem) changed = NULL;
  g_autoptr (KringPage) page = NULL;
  g_autoptr (KringSession) session = NULL;
  g_autofree char *code = NULL;
  g_autofree char *extra = fresh_email ("extra");
  g_autofree char *too_many = fresh_email ("too-many");
  gint64 owner_teammate_id = 0;
  gboolean ok;

  added = add_teammate (client, account_id, email, "member");
  g_assert_cmpstr (kring_teammate_item_get_email (added->teammate), ==, email);
  g_assert_cmpstr (kring_teammate_item_get_status (added->teammate), ==, "invited");
  g_assert_cmpint (added->billing->users, ==, 2);

  page = CALL (kring_client_list_teammates, client, account_id, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 2);
  g_assert_null (page->next_cursor);
  for (guint i = 0; i < page->items->len; i++)
    if (g_strcmp0 (kring_teammate_item_get_role (page->items->pdata[i]), "owner") == 0)
      owner_teammate_id = kring_teammate_item_get_id (page->items->pdata[i]);

  changed = CALL (kring_client_update_teammate, client, account_id,
                  kring_teammate_item_get_id (added->teammate), "admin", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (kring_teammate_item_get_role (changed), ==, "admin");

  ok = CALL (kring_client_resend_teammate_invitation, client, account_id,
             kring_teammate_item_get_id (added->teammate), NULL);
  g_assert_no_error (error);
  g_assert_true (ok);
  for (guint i = 0; i < 50 && kring_test_mail_count (srv, email) < 2; i++)
    g_usleep (20000);
  code = kring_test_mail_code (srv, email, "invitation");
  session
      = CALL (kring_client_accept_invitation, invited, code, "Jan Smit", KRING_TEST_PASSWORD, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (session->user->name, ==, "Jan Smit");
  g_assert_cmpstr (kring_client_get_token (invited), ==, session->token);

  refused = CALL (kring_client_add_teammate, client, account_id, email, NULL, "member", NULL);
  g_assert_null (refused);
  assert_problem (error, KRING_CLIENT_ERROR_TEAMMATE_EXISTS, 409, "teammate_exists");
  g_clear_error (&error);

  /* Pro holds 3 users. */
  third = add_teammate (client, account_id, extra, "member");
  refused = CALL (kring_client_add_teammate, client, account_id, too_many, NULL, "member", NULL);
  assert_problem (error, KRING_CLIENT_ERROR_PLAN_USER_LIMIT, 409, "plan_user_limit");
  g_assert_cmpint (kring_client_error_get_problem (error)->max_users, ==, 3);
  g_clear_error (&error);

  g_clear_object (&changed);
  changed
      = CALL (kring_client_update_teammate, client, account_id, owner_teammate_id, "member", NULL);
  assert_problem (error, KRING_CLIENT_ERROR_LAST_OWNER, 409, "last_owner");
  g_clear_error (&error);

  ok = CALL (kring_client_remove_teammate, client, account_id,
             kring_teammate_item_get_id (third->teammate), NULL);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_audit (void)
{
  gint64 account_id;
  g_autoptr (KringClient) client = new_owner ("team", &account_id, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *email = fresh_email ("audited");
  g_autoptr (KringTeammateAdded) added = add_teammate (client, account_id, email, "member");
  g_autoptr (KringDossierItem) dossier = NULL;
  g_autoptr (KringPage) page = NULL;
  g_autoptr (KringPage) filtered = NULL;
  KringAuditItem *event;

  dossier = CALL (kring_client_create_dossier, client, account_id, "Audited", NULL, NULL);
  g_assert_no_error (error);
  page = CALL (kring_client_list_audit, client, account_id, 0, NULL, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, >=, 2);
  event = page->items->pdata[0]; /* newest first */
  g_assert_cmpstr (kring_audit_item_get_action (event), ==, "dossier.created");
  g_assert_cmpint (kring_audit_item_get_dossier_id (event), ==,
                   kring_dossier_item_get_id (dossier));
  g_assert_nonnull (kring_audit_item_get_actor (event));

  filtered = CALL (kring_client_list_audit, client, account_id, 0, "teammate.added", NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (filtered->items->len, >=, 1);
  event = filtered->items->pdata[0];
  g_assert_cmpstr (kring_audit_item_get_action (event), ==, "teammate.added");
  g_assert_cmpstr (kring_audit_item_get_subject_email (event), ==, email);
}

/* Dossiers and entries */

static void
test_dossiers (void)
{
  gint64 account_id;
  g_autoptr (KringClient) client = new_owner ("team", &account_id, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KringDossierItem) created = NULL;
  g_autoptr (KringDossierItem) fetched = NULL;
  g_autoptr (KringDossierItem) changed = NULL;
  g_autoptr (KringDossierItem) restored = NULL;
  g_autoptr (KringPage) page = NULL;
  g_autoptr (KringPage) archived = NULL;
  g_autofree char *title = NULL;
  gint64 id;
  gboolean ok;

  created
      = CALL (kring_client_create_dossier, client, account_id, "Mevrouw Jansen", "A. Jansen", NULL);
  g_assert_no_error (error);
  id = kring_dossier_item_get_id (created);
  g_assert_cmpstr (kring_dossier_item_get_client_name (created), ==, "A. Jansen");
  g_assert_cmpstr (kring_dossier_item_get_my_access (created), ==, "team");
  g_assert_true (kring_dossier_item_get_can_write (created));
  g_object_get (created, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Mevrouw Jansen");

  fetched = CALL (kring_client_get_dossier, client, id, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (kring_dossier_item_get_participants (fetched), ==, 1);

  changed = CALL (kring_client_update_dossier, client, id, "Mevrouw A. Jansen", TRUE, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (kring_dossier_item_get_title (changed), ==, "Mevrouw A. Jansen");
  g_assert_null (kring_dossier_item_get_client_name (changed));

  page = CALL (kring_client_list_dossiers, client, account_id, "a. jans", FALSE, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 1);

  ok = CALL (kring_client_archive_dossier, client, id, NULL);
  g_assert_no_error (error);
  g_assert_true (ok);
  archived = CALL (kring_client_list_dossiers, client, 0, NULL, TRUE, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (archived->items->len, ==, 1);
  g_assert_true (kring_dossier_item_get_archived (archived->items->pdata[0]));

  g_clear_object (&changed);
  changed = CALL (kring_client_update_dossier, client, id, "Nope", FALSE, NULL, NULL);
  g_assert_null (changed);
  assert_problem (error, KRING_CLIENT_ERROR_DOSSIER_ARCHIVED, 409, "dossier_archived");
  g_clear_error (&error);

  restored = CALL (kring_client_restore_dossier, client, id, NULL);
  g_assert_no_error (error);
  g_assert_false (kring_dossier_item_get_archived (restored));

  g_clear_object (&fetched);
  fetched = CALL (kring_client_get_dossier, client, 99999999, NULL);
  g_assert_null (fetched);
  assert_problem (error, KRING_CLIENT_ERROR_NOT_FOUND, 404, "not_found");
}

static void
test_entries (void)
{
  gint64 account_id;
  g_autoptr (KringClient) client = new_owner ("team", &account_id, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (KringDossierItem) dossier = NULL;
  g_autoptr (KringEntryItem) first = NULL;
  g_autoptr (KringEntryItem) correction = NULL;
  g_autoptr (KringEntryItem) fetched = NULL;
  g_autoptr (KringEntryItem) refused = NULL;
  g_autoptr (KringPage) page = NULL;
  const gint64 *ids;
  guint n_ids;
  gint64 id;

  dossier = CALL (kring_client_create_dossier, client, account_id, "Journal", NULL, NULL);
  g_assert_no_error (error);
  id = kring_dossier_item_get_id (dossier);

  first = CALL (kring_client_create_entry, client, id, "Slecht geslapen.\n\tVeel pijn.",
                "professionals", 0, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (kring_entry_item_get_body (first), ==, "Slecht geslapen.\n\tVeel pijn.");
  g_assert_cmpstr (kring_entry_item_get_visibility (first), ==, "professionals");
  g_assert_cmpint (kring_entry_item_get_corrects (first), ==, 0);
  g_assert_nonnull (kring_entry_item_get_author (first)->email);

  /* A correction is never more visible than what it corrects. */
  refused = CALL (kring_client_create_entry, client, id, "Goed geslapen.", "everyone",
                  kring_entry_item_get_id (first), NULL);
  g_assert_null (refused);
  assert_problem (error, KRING_CLIENT_ERROR_INVALID_FIELD, 422, "invalid_field");
  g_assert_cmpstr (kring_client_error_get_field (error), ==, "visibility");
  g_clear_error (&error);

  correction = CALL (kring_client_create_entry, client, id, "Matig geslapen.", "professionals",
                     kring_entry_item_get_id (first), NULL);
  g_assert_no_error (error);
  g_assert_cmpint (kring_entry_item_get_corrects (correction), ==, kring_entry_item_get_id (first));

  fetched = CALL (kring_client_get_entry, client, id, kring_entry_item_get_id (first), NULL);
  g_assert_no_error (error);
  ids = kring_entry_item_get_corrected_by (fetched, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_cmpint (ids[0], ==, kring_entry_item_get_id (correction));

  page = CALL (kring_client_list_entries, client, id, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 2);
  g_assert_cmpint (kring_entry_item_get_id (page->items->pdata[0]), ==,
                   kring_entry_item_get_id (correction));
}

/* Participants */

static void
test_participants (void)
{
  gint64 account_id;
  g_autoptr (KringClient) client = new_owner ("team", &account_id, NULL);
  g_autoptr (KringDossierItem) dossier = new_dossier (client, account_id, "Meneer Visser");
  g_autoptr (GError) error = NULL;
  g_autofree char *email = fresh_email ("daughter");
  KringInvitee invitee = { email, "Els Visser", KRING_CAN_WRITE_DEFAULT };
  g_autoptr (KringParticipantItem) added = NULL;
  g_autoptr (KringParticipantItem) again = NULL;
  g_autoptr (KringParticipantItem) changed = NULL;
  g_autoptr (KringPage) page = NULL;
  gint64 id = kring_dossier_item_get_id (dossier);
  gboolean ok;

  added = CALL (kring_client_add_participant, client, id, &invitee, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (kring_participant_item_get_access (added), ==, "guest");
  g_assert_cmpstr (kring_participant_item_get_status (added), ==, "invited");
  g_assert_false (kring_participant_item_get_can_write (added));
  g_assert_cmpint (kring_participant_item_get_guest_dossiers_used (added), ==, 1);
  g_assert_cmpint (kring_participant_item_get_guest_dossiers_limit (added), ==, 3);
  g_assert_cmpstr (kring_participant_item_get_added_by (added)->name, ==, "Owner of Zorg en Zo");

  again = CALL (kring_client_add_participant, client, id, &invitee, NULL);
  g_assert_null (again);
  assert_problem (error, KRING_CLIENT_ERROR_ALREADY_PARTICIPANT, 409, "already_participant");
  g_assert_cmpint (kring_client_error_get_problem (error)->participant_id, ==,
                   kring_participant_item_get_id (added));
  g_clear_error (&error);

  page = CALL (kring_client_list_participants, client, id, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 2);

  changed = CALL (kring_client_update_participant, client, id,
                  kring_participant_item_get_id (added), TRUE, NULL);
  g_assert_no_error (error);
  g_assert_true (kring_participant_item_get_can_write (changed));

  ok = CALL (kring_client_resend_participant_invitation, client, id,
             kring_participant_item_get_id (added), NULL);
  g_assert_no_error (error);
  g_assert_true (ok);

  ok = CALL (kring_client_remove_participant, client, id, kring_participant_item_get_id (added),
             NULL);
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* R3 as an error of a single add and as results of a batch. */
static void
test_guest_limit_and_batch (void)
{
  gint64 account_id;
  g_autoptr (KringClient) client = new_owner ("team", &account_id, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *busy = fresh_email ("busy");
  g_autofree char *fresh = fresh_email ("fresh");
  KringInvitee invitee = { busy, NULL, KRING_CAN_WRITE_DEFAULT };
  g_autoptr (KringDossierItem) fourth = new_dossier (client, account_id, "Vierde");
  g_autoptr (KringParticipantItem) refused = NULL;
  g_autoptr (GPtrArray) results = NULL;
  KringBatchResult *result;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (KringDossierItem) dossier = new_dossier (client, account_id, "Gast");
      g_autoptr (KringParticipantItem) added = NULL;

      added = CALL (kring_client_add_participant, client, kring_dossier_item_get_id (dossier),
                    &invitee, NULL);
      g_assert_no_error (error);
    }
  refused = CALL (kring_client_add_participant, client, kring_dossier_item_get_id (fourth),
                  &invitee, NULL);
  g_assert_null (refused);
  assert_problem (error, KRING_CLIENT_ERROR_GUEST_DOSSIER_LIMIT, 409, "guest_dossier_limit");
  g_assert_cmpint (kring_client_error_get_limit (error), ==, 3);
  g_assert_cmpint (kring_client_error_get_used (error), ==, 3);
  g_clear_error (&error);

  {
    KringInvitee batch[] = {
      { fresh, "Kees", KRING_CAN_WRITE_YES },
      { "not an address", NULL, KRING_CAN_WRITE_DEFAULT },
      { fresh, NULL, KRING_CAN_WRITE_DEFAULT },
      { busy, NULL, KRING_CAN_WRITE_DEFAULT },
    };

    results = CALL (kring_client_add_participants, client, kring_dossier_item_get_id (fourth),
                    batch, G_N_ELEMENTS (batch), NULL);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 4);
  result = results->pdata[0];
  g_assert_cmpuint (result->status, ==, 201);
  g_assert_null (result->problem);
  g_assert_true (kring_participant_item_get_can_write (result->participant));
  g_assert_cmpstr (result->email, ==, fresh);
  result = results->pdata[1];
  g_assert_cmpuint (result->status, ==, 422);
  g_assert_cmpint (result->problem->code, ==, KRING_PROBLEM_INVALID_EMAIL);
  g_assert_cmpstr (result->problem->field, ==, "email");
  g_assert_null (result->participant);
  result = results->pdata[2];
  g_assert_cmpuint (result->status, ==, 409);
  g_assert_cmpint (kring_problem_details_get_error_code (result->problem), ==,
                   KRING_CLIENT_ERROR_ALREADY_PARTICIPANT);
  g_assert_cmpint (
      result->problem->participant_id, ==,
      kring_participant_item_get_id (((KringBatchResult *)results->pdata[0])->participant));
  result = results->pdata[3];
  g_assert_cmpint (result->problem->code, ==, KRING_PROBLEM_GUEST_DOSSIER_LIMIT);
  g_assert_cmpint (result->problem->limit, ==, 3);
  g_assert_cmpint (result->problem->used, ==, 3);
}

/* More than 1000 invitees go out as several batch requests; the results
 * come back as one list in input order.  1001 guests also cross R2. */
static void
test_batch_split (void)
{
  gint64 account_id;
  g_autoptr (KringClient) client = new_owner ("team", &account_id, NULL);
  g_autoptr (KringDossierItem) dossier = new_dossier (client, account_id, "Druk");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) invitees = g_array_new (FALSE, TRUE, sizeof (KringInvitee));
  g_autoptr (GPtrArray) results = NULL;
  KringBatchResult *last;

  for (guint i = 0; i < 1001; i++)
    {
      KringInvitee invitee = { NULL, NULL, KRING_CAN_WRITE_DEFAULT };

      g_ptr_array_add (emails, g_strdup_printf ("crowd-%u-%u@example.net", email_counter, i));
      invitee.email = emails->pdata[i];
      g_array_append_val (invitees, invitee);
    }
  results = CALL (kring_client_add_participants, client, kring_dossier_item_get_id (dossier),
                  (KringInvitee *)(gpointer)invitees->data, invitees->len, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1001);
  for (guint i = 0; i < 1000; i++)
    {
      KringBatchResult *result = results->pdata[i];

      g_assert_cmpuint (result->status, ==, 201);
      g_assert_cmpstr (result->email, ==, emails->pdata[i]);
    }
  last = results->pdata[1000];
  g_assert_cmpstr (last->email, ==, emails->pdata[1000]);
  g_assert_cmpint (last->problem->code, ==, KRING_PROBLEM_DOSSIER_GUEST_CAPACITY);
  g_assert_cmpint (last->problem->limit, ==, 1000);
}

int
main (int argc, char **argv)
{
  int status;

  client_test_init (&argc, &argv);
  g_test_add_func ("/client/accounts", test_accounts);
  g_test_add_func ("/client/teammates", test_teammates);
  g_test_add_func ("/client/audit", test_audit);
  g_test_add_func ("/client/dossiers", test_dossiers);
  g_test_add_func ("/client/entries", test_entries);
  g_test_add_func ("/client/participants", test_participants);
  g_test_add_func ("/client/participants/guest-limit-and-batch", test_guest_limit_and_batch);
  g_test_add_func ("/client/participants/batch-split", test_batch_split);

  status = g_test_run ();
  kring_test_server_stop (srv);
  return status;
}
