/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-store"
#include "config.h"

#include "kring-store-rows.h"

void
kring_user_clear (KringUser *row)
{
  g_clear_pointer (&row->email, g_free);
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->password_hash, g_free);
  g_clear_pointer (&row->language, g_free);
}

void
kring_account_clear (KringAccount *row)
{
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->plan, g_free);
}

void
kring_membership_clear (KringMembership *row)
{
  kring_account_clear (&row->account);
}

void
kring_teammate_clear (KringTeammate *row)
{
  g_clear_pointer (&row->email, g_free);
  g_clear_pointer (&row->name, g_free);
}

void
kring_dossier_clear (KringDossier *row)
{
  g_clear_pointer (&row->account_name, g_free);
  g_clear_pointer (&row->title, g_free);
  g_clear_pointer (&row->client_name, g_free);
}

void
kring_participant_clear (KringParticipant *row)
{
  g_clear_pointer (&row->email, g_free);
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->added_by_email, g_free);
  g_clear_pointer (&row->added_by_name, g_free);
}

void
kring_entry_clear (KringEntry *row)
{
  g_clear_pointer (&row->author_email, g_free);
  g_clear_pointer (&row->author_name, g_free);
  g_clear_pointer (&row->body, g_free);
  g_clear_pointer (&row->corrected_by, g_array_unref);
}

void
kring_audit_event_clear (KringAuditEvent *row)
{
  g_clear_pointer (&row->actor_email, g_free);
  g_clear_pointer (&row->actor_name, g_free);
  g_clear_pointer (&row->action, g_free);
  g_clear_pointer (&row->subject_email, g_free);
  g_clear_pointer (&row->detail_json, g_free);
}

void
kring_code_clear (KringCode *row)
{
  g_clear_pointer (&row->purpose, g_free);
  g_clear_pointer (&row->email, g_free);
  g_clear_pointer (&row->payload, g_free);
}

void
kring_outbox_mail_clear (KringOutboxMail *row)
{
  g_clear_pointer (&row->recipient, g_free);
  g_clear_pointer (&row->message, g_free);
}

GArray *
kring_rows_new_sized (gsize row_size, GDestroyNotify clear_func)
{
  GArray *rows = g_array_new (FALSE, TRUE, row_size);

  g_array_set_clear_func (rows, clear_func);
  return rows;
}
