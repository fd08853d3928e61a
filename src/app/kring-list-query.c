/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-list-query.h"
#include "kring-api-reader.h"
#include "kring-audit-item.h"
#include "kring-dossier-item.h"
#include "kring-entry-item.h"
#include "kring-participant-item.h"
#include "kring-teammate-item.h"

typedef enum
{
  LIST_DOSSIERS,
  LIST_TEAMMATES,
  LIST_PARTICIPANTS,
  LIST_ENTRIES,
  LIST_AUDIT,
} ListKind;

struct _KringListQuery
{
  ListKind kind;
  gint64 account_id;
  gint64 dossier_id;
  char *search;
  gboolean archived;
  char *action;
};

static void
list_query_clear (KringListQuery *query)
{
  g_free (query->search);
  g_free (query->action);
}

KRING_DEFINE_RC_BOXED (KringListQuery, kring_list_query, list_query_clear)

static KringListQuery *
list_query_new (ListKind kind, gint64 account_id, gint64 dossier_id)
{
  KringListQuery *query = g_rc_box_new0 (KringListQuery);

  query->kind = kind;
  query->account_id = account_id;
  query->dossier_id = dossier_id;
  return query;
}

KringListQuery *
kring_list_query_new_dossiers (gint64 account_id, const char *search, gboolean archived)
{
  KringListQuery *query = list_query_new (LIST_DOSSIERS, account_id, 0);

  /* An empty q= would match everything anyway; leaving it out keeps the
   * cursor of "no search" and "empty search" the same. */
  query->search = search != NULL && search[0] != '\0' ? g_strdup (search) : NULL;
  query->archived = archived;
  return query;
}

KringListQuery *
kring_list_query_new_teammates (gint64 account_id)
{
  return list_query_new (LIST_TEAMMATES, account_id, 0);
}

KringListQuery *
kring_list_query_new_participants (gint64 dossier_id)
{
  return list_query_new (LIST_PARTICIPANTS, 0, dossier_id);
}

KringListQuery *
kring_list_query_new_entries (gint64 dossier_id)
{
  return list_query_new (LIST_ENTRIES, 0, dossier_id);
}

KringListQuery *
kring_list_query_new_audit (gint64 account_id, gint64 dossier_id, const char *action)
{
  KringListQuery *query = list_query_new (LIST_AUDIT, account_id, dossier_id);

  query->action = g_strdup (action);
  return query;
}

GType
kring_list_query_get_item_type (KringListQuery *query)
{
  g_return_val_if_fail (query != NULL, G_TYPE_OBJECT);

  switch (query->kind)
    {
      case LIST_DOSSIERS:
        return KRING_TYPE_DOSSIER_ITEM;
      case LIST_TEAMMATES:
        return KRING_TYPE_TEAMMATE_ITEM;
      case LIST_PARTICIPANTS:
        return KRING_TYPE_PARTICIPANT_ITEM;
      case LIST_ENTRIES:
        return KRING_TYPE_ENTRY_ITEM;
      case LIST_AUDIT:
        return KRING_TYPE_AUDIT_ITEM;
      default:
        g_return_val_if_reached (G_TYPE_OBJECT);
    }
}

KringParseFunc
_kring_list_query_get_parse_func (KringListQuery *query)
{
  switch (query->kind)
    {
      case LIST_DOSSIERS:
        return (KringParseFunc)kring_dossier_item_new_from_json;
      case LIST_TEAMMATES:
        return (KringParseFunc)kring_teammate_item_new_from_json;
      case LIST_PARTICIPANTS:
        return (KringParseFunc)kring_participant_item_new_from_json;
      case LIST_ENTRIES:
        return (KringParseFunc)kring_entry_item_new_from_json;
      case LIST_AUDIT:
        return (KringParseFunc)kring_audit_item_new_from_json;
      default:
        g_return_val_if_reached (NULL);
    }
}

gboolean
kring_list_query_get_searchable (KringListQuery *query)
{
  g_return_val_if_fail (query != NULL, FALSE);

  return query->kind == LIST_DOSSIERS;
}

const char *
kring_list_query_get_search (KringListQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  return query->search;
}

KringListQuery *
kring_list_query_with_search (KringListQuery *query, const char *search)
{
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (kring_list_query_get_searchable (query), NULL);

  return kring_list_query_new_dossiers (query->account_id, search, query->archived);
}

static void
append_param (GString *path, const char *name, const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (path, strchr (path->str, '?') != NULL ? '&' : '?');
  g_string_append_printf (path, "%s=%s", name, escaped);
}

static void
append_id_param (GString *path, const char *name, gint64 id)
{
  char value[G_ASCII_DTOSTR_BUF_SIZE];

  if (id <= 0)
    return;
  g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, id);
  append_param (path, name, value);
}

static GString *
base_path (KringListQuery *query)
{
  GString *path = g_string_new ("/api/v1/");

  switch (query->kind)
    {
      case LIST_DOSSIERS:
        g_string_append (path, "dossiers");
        append_id_param (path, "account", query->account_id);
        if (query->search != NULL)
          append_param (path, "q", query->search);
        if (query->archived)
          append_param (path, "archived", "true");
        break;
      case LIST_TEAMMATES:
        g_string_append_printf (path, "accounts/%" G_GINT64_FORMAT "/teammates", query->account_id);
        break;
      case LIST_PARTICIPANTS:
        g_string_append_printf (path, "dossiers/%" G_GINT64_FORMAT "/participants",
                                query->dossier_id);
        break;
      case LIST_ENTRIES:
        g_string_append_printf (path, "dossiers/%" G_GINT64_FORMAT "/entries", query->dossier_id);
        break;
      case LIST_AUDIT:
        g_string_append_printf (path, "accounts/%" G_GINT64_FORMAT "/audit", query->account_id);
        append_id_param (path, "dossier", query->dossier_id);
        if (query->action != NULL)
          append_param (path, "action", query->action);
        break;
      default:
        g_assert_not_reached ();
    }
  return path;
}

char *
_kring_list_query_build_path (KringListQuery *query, const char *cursor, guint limit)
{
  GString *path = base_path (query);

  if (limit > 0)
    {
      char value[16];

      g_snprintf (value, sizeof value, "%u", limit);
      append_param (path, "limit", value);
    }
  if (cursor != NULL)
    append_param (path, "cursor", cursor);
  return g_string_free (path, FALSE);
}
