/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Adding participants: POST /api/v1/dossiers/{id}/participants and …/batch.
 * R9: every check runs inside the write job, in the store's write
 * transaction (SQLite: BEGIN IMMEDIATE, which serialises the writers of all
 * processes on the database), so no interleaving of requests can add a
 * guest participation beyond R2 or R3.  A batch is one write job: its items
 * are applied in order exactly like single adds, and commit once. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include "kring-email.h"
#include "kring-invitations.h"
#include "kring-participants.h"
#include "kring-router.h"
#include "kring-text.h"

#define BATCH_MAX 1000

static const KringFieldSpec item_fields[] = {
  { "email", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "name", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
  { "can_write", KRING_FIELD_BOOL, KRING_FIELD_OPTIONAL },
};

void
kring_new_participant_clear (KringNewParticipant *input)
{
  g_clear_pointer (&input->email, g_free);
  g_clear_pointer (&input->name, g_free);
}

static gboolean
take_field_error (KringProblem *problem, KringFieldError *error)
{
  kring_problem_take_field_error (problem, error);
  return FALSE;
}

gboolean
kring_new_participant_read (JsonObject *item, KringNewParticipant *out, KringProblem *problem)
{
  JsonNode *email = json_object_get_member (item, "email");
  const char *name;
  KringFieldError error = { 0 };

  /* A bad address is the first thing to tell (the client marks the field). */
  if (email != NULL && JSON_NODE_HOLDS_VALUE (email)
      && json_node_get_value_type (email) == G_TYPE_STRING
      && (out->email = kring_email_normalise (json_node_get_string (email), &error, "email"))
             == NULL)
    return take_field_error (problem, &error);
  if (!kring_json_check_fields (item, item_fields, G_N_ELEMENTS (item_fields), &error))
    return take_field_error (problem, &error);
  name = kring_json_get_string (item, "name", NULL);
  if (name != NULL
      && (out->name = kring_text_normalise_line (name, KRING_TEXT_LINE_MAX, &error, "name"))
             == NULL)
    return take_field_error (problem, &error);
  out->has_can_write = json_object_has_member (item, "can_write");
  out->can_write = kring_json_get_bool (item, "can_write", FALSE);
  return TRUE;
}

static gboolean
refuse (KringProblem *problem, KringProblemCode code, const char *detail)
{
  kring_problem_set (problem, code, "%s", detail);
  return FALSE;
}

/* R2 and R3 for a new guest participation of @user_id (0: a new email).
 * The caller holds the email's lock. */
static gboolean
check_guest_limits (KringRequest *req, KringTxn *txn, const KringDossier *dossier, gint64 user_id,
                    KringProblem *problem, GError **error)
{
  gint64 per_dossier = kring_price_table_get_guests_per_dossier (req->server->prices);
  gint64 per_guest = kring_price_table_get_dossiers_per_guest (req->server->prices);
  gint64 used = 0;

  if (dossier->guests >= per_dossier)
    {
      refuse (problem, KRING_PROBLEM_DOSSIER_GUEST_CAPACITY,
              "The dossier has no room for more guests.");
      problem->limit = per_dossier;
      return FALSE;
    }
  if (user_id != 0
      && !kring_txn_ops (txn)->users->count_guest_dossiers (txn, user_id, &used, error))
    return FALSE;
  if (used >= per_guest)
    {
      refuse (problem, KRING_PROBLEM_GUEST_DOSSIER_LIMIT,
              "This email is a guest in as many dossiers as a guest may be.");
      problem->limit = per_guest;
      problem->used = used;
      return FALSE;
    }
  return TRUE;
}

static char *
added_detail (KringAccess access, gboolean can_write)
{
  return g_strdup_printf ("{\"access\":\"%s\",\"can_write\":%s}", kring_access_to_string (access),
                          can_write ? "true" : "false");
}

/* Looks the email up: its user (when there is one) and the access they
 * would have; 409 already_participant when they take part already. */
static gboolean
find_user (KringTxn *txn, const KringDossier *dossier, const char *email, KringUser *user,
           KringAccess *access, KringProblem *problem, GError **error)
{
  const KringStoreOps *ops = kring_txn_ops (txn);
  g_auto (KringParticipant) existing = { 0 };

  *access = KRING_ACCESS_GUEST; /* a new email is nobody's teammate */
  if (!ops->users->get_by_email (txn, email, user, error))
    return *error == NULL;
  if (ops->participants->get_by_user (txn, dossier->id, user->id, &existing, error))
    {
      refuse (problem, KRING_PROBLEM_ALREADY_PARTICIPANT, "This person takes part already.");
      problem->participant_id = existing.id;
      return FALSE;
    }
  if (*error != NULL)
    return FALSE;
  return ops->participants->access_of (txn, dossier->id, user->id, access, error);
}

gboolean
kring_participant_add (KringRequest *req, KringTxn *txn, gint64 dossier_id,
                       const KringNewParticipant *input, KringProblem *problem, gint64 *out_id,
                       GError **error)
{
  const KringStoreOps *ops = kring_txn_ops (txn);
  g_auto (KringDossier) dossier = { 0 };
  g_auto (KringUser) user = { 0 };
  g_autofree char *detail = NULL;
  KringAccess access;
  gboolean can_write;

  /* Read inside this job: the guest count includes every earlier write. */
  if (!ops->dossiers->get (txn, dossier_id, &dossier, error))
    {
      if (*error == NULL)
        g_set_error_literal (error, KRING_STORE_ERROR, KRING_STORE_ERROR_FAILED,
                             "The dossier vanished");
      return FALSE;
    }
  if (dossier.archived)
    return refuse (problem, KRING_PROBLEM_DOSSIER_ARCHIVED, "The dossier is archived.");
  /* Before anything is counted: concurrent invitations of one email queue here. */
  if (!ops->users->lock_email (txn, input->email, error)
      || !find_user (txn, &dossier, input->email, &user, &access, problem, error))
    return FALSE;
  if (access == KRING_ACCESS_GUEST
      && !check_guest_limits (req, txn, &dossier, user.id, problem, error))
    return FALSE;

  can_write = input->has_can_write ? input->can_write : access != KRING_ACCESS_GUEST;
  detail = added_detail (access, can_write);
  return (user.id != 0
          || kring_invitation_create_user (txn, input->email, input->name, &user, error))
         && ops->participants->add (txn, dossier.id, user.id, can_write, req->user.id, out_id,
                                    error)
         && kring_invitation_send (req, txn, &user, dossier.account_name, error)
         && kring_audit_add (txn, dossier.account_id, req->user.id, "participant.added", dossier.id,
                             user.email, detail, error);
}

/* Loads the dossier and checks the caller may add to it (404, 403). */
static gboolean
load_managed (KringRequest *req, KringTxn *txn, KringDossierView *view)
{
  return kring_access_load_dossier (req, txn, kring_request_param_id (req, "id"), view)
         && kring_access_require (req, kring_access_can_manage_participants (view));
}

static gboolean
send_problem (KringRequest *req, KringProblem *problem)
{
  kring_problem_clear (&req->problem);
  req->problem = *problem;
  kring_problem_init (problem);
  kring_request_send_problem (req);
  return FALSE;
}

/* POST /api/v1/dossiers/{id}/participants */

static gboolean
add_single (KringRequest *req, KringTxn *txn, GError **unused)
{
  g_auto (KringDossierView) view = { 0 };
  g_auto (KringNewParticipant) input = { 0 };
  g_auto (KringParticipant) added = { 0 };
  g_autoptr (GError) error = NULL;
  KringProblem problem;
  gint64 id = 0;

  kring_problem_init (&problem);
  if (!load_managed (req, txn, &view))
    return FALSE;
  if (!kring_new_participant_read (req->body, &input, &problem)
      || !kring_participant_add (req, txn, view.dossier.id, &input, &problem, &id, &error))
    {
      if (error != NULL)
        {
          kring_problem_clear (&problem);
          kring_request_store_error (req, error);
          return FALSE;
        }
      return send_problem (req, &problem);
    }
  if (!kring_txn_ops (txn)->participants->get (txn, view.dossier.id, id, &added, &error))
    {
      kring_request_store_error (req, error);
      return FALSE;
    }
  kring_write_participant (req, kring_request_begin_json (req, SOUP_STATUS_CREATED), &added, FALSE);
  kring_request_json_done (req);
  return TRUE;
}

void
kring_participants_handle_add (KringRequest *req)
{
  kring_request_write (req, add_single);
}

/* POST /api/v1/dossiers/{id}/participants/batch */

static const KringFieldSpec batch_fields[] = {
  { "participants", KRING_FIELD_ARRAY, KRING_FIELD_REQUIRED },
};

/* "email": the normal form when it is valid, else as sent. */
static void
write_item_email (KringJsonWriter *w, JsonNode *item, const KringNewParticipant *input)
{
  JsonNode *email = NULL;

  kring_json_key (w, "email");
  if (input->email != NULL)
    return kring_json_string (w, input->email);
  if (JSON_NODE_HOLDS_OBJECT (item))
    email = json_object_get_member (json_node_get_object (item), "email");
  if (email != NULL)
    kring_json_node (w, email);
  else
    kring_json_null (w);
}

/* Applies one item and writes its result; FALSE only on a store failure. */
static gboolean
batch_item (KringRequest *req, KringTxn *txn, gint64 dossier_id, JsonNode *item, GError **error)
{
  KringJsonWriter *w = &req->writer;
  g_auto (KringNewParticipant) input = { 0 };
  g_auto (KringParticipant) added = { 0 };
  KringProblem problem;
  gboolean ok;
  gint64 id = 0;

  kring_problem_init (&problem);
  if (!JSON_NODE_HOLDS_OBJECT (item))
    {
      ok = refuse (&problem, KRING_PROBLEM_INVALID_FIELD, "Each participant must be an object.");
      problem.field = "participants";
    }
  else
    ok = kring_new_participant_read (json_node_get_object (item), &input, &problem)
         && kring_participant_add (req, txn, dossier_id, &input, &problem, &id, error);
  if (!ok && *error != NULL)
    {
      kring_problem_clear (&problem);
      return FALSE;
    }
  if (ok && !kring_txn_ops (txn)->participants->get (txn, dossier_id, id, &added, error))
    return FALSE;

  kring_json_begin_object (w);
  write_item_email (w, item, &input);
  kring_json_member_int (w, "status",
                         ok ? SOUP_STATUS_CREATED : kring_problem_code_status (problem.code));
  if (ok)
    {
      kring_json_key (w, "participant");
      kring_write_participant (req, w, &added, FALSE);
    }
  else
    kring_problem_write_members (&problem, w);
  kring_json_end_object (w);
  kring_problem_clear (&problem);
  return TRUE;
}

static gboolean
add_batch (KringRequest *req, KringTxn *txn, GError **unused)
{
  g_auto (KringDossierView) view = { 0 };
  g_autoptr (GError) error = NULL;
  KringJsonWriter *w;
  JsonArray *items;
  guint n;

  if (!load_managed (req, txn, &view)
      || !kring_request_check_body (req, batch_fields, G_N_ELEMENTS (batch_fields)))
    return FALSE;
  items = json_object_get_array_member (req->body, "participants");
  n = json_array_get_length (items);
  if (n < 1 || n > BATCH_MAX)
    {
      kring_problem_set (&req->problem, KRING_PROBLEM_INVALID_FIELD,
                         "A batch holds 1 to %d participants.", BATCH_MAX);
      req->problem.field = "participants";
      kring_request_send_problem (req);
      return FALSE;
    }

  w = kring_request_begin_json (req, SOUP_STATUS_OK);
  kring_json_begin_object (w);
  kring_json_key (w, "results");
  kring_json_begin_array (w);
  for (guint i = 0; i < n; i++)
    if (!batch_item (req, txn, view.dossier.id, json_array_get_element (items, i), &error))
      {
        kring_request_store_error (req, error);
        return FALSE;
      }
  kring_json_end_array (w);
  kring_json_end_object (w);
  kring_request_json_done (req);
  return TRUE;
}

void
kring_participants_handle_batch (KringRequest *req)
{
  kring_request_write (req, add_batch);
}
