/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-api-results.h"
#include "kring-api-reader.h"
#include "kring-client-private.h"

/* Page */

static void
page_clear (KringPage *page)
{
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page->next_cursor);
}

KRING_DEFINE_RC_BOXED (KringPage, kring_page, page_clear)

KringPage *
kring_page_new_from_json (JsonNode *node, KringParseFunc parse, GError **error)
{
  g_autoptr (KringPage) page = g_rc_box_new0 (KringPage);
  g_auto (KringReader) reader = { 0 };
  JsonArray *items;

  _kring_reader_init (&reader, node, "list");
  items = _kring_reader_get_array (&reader, "items", KRING_READ_REQUIRED);
  page->next_cursor = _kring_reader_dup_string (&reader, "next_cursor",
                                                KRING_READ_REQUIRED | KRING_READ_NULLABLE);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  page->items = _kring_parse_array (items, parse, g_object_unref, error);
  return page->items != NULL ? g_steal_pointer (&page) : NULL;
}

/* Teammate added */

static void
teammate_added_clear (KringTeammateAdded *added)
{
  g_clear_object (&added->teammate);
  g_clear_pointer (&added->billing, kring_quote_info_unref);
}

KRING_DEFINE_RC_BOXED (KringTeammateAdded, kring_teammate_added, teammate_added_clear)

KringTeammateAdded *
kring_teammate_added_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringTeammateAdded) added = g_rc_box_new0 (KringTeammateAdded);
  g_auto (KringReader) reader = { 0 };
  JsonNode *teammate;
  JsonNode *billing;

  _kring_reader_init (&reader, node, "teammate addition");
  teammate = _kring_reader_get_object (&reader, "teammate", KRING_READ_REQUIRED);
  billing = _kring_reader_get_object (&reader, "billing", KRING_READ_REQUIRED);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  added->teammate = kring_teammate_item_new_from_json (teammate, error);
  if (added->teammate == NULL)
    return NULL;
  added->billing = kring_quote_info_new_from_json (billing, error);
  return added->billing != NULL ? g_steal_pointer (&added) : NULL;
}

/* Batch result */

static void
batch_result_clear (KringBatchResult *result)
{
  g_free (result->email);
  g_clear_pointer (&result->problem, kring_problem_details_unref);
  g_clear_object (&result->participant);
}

KRING_DEFINE_RC_BOXED (KringBatchResult, kring_batch_result, batch_result_clear)

/* "email" is echoed as sent when it was not a valid address, so it may be
 * of any JSON type: only a string is kept. */
static char *
dup_echoed_email (JsonObject *object)
{
  JsonNode *email = json_object_get_member (object, "email");

  if (email != NULL && JSON_NODE_HOLDS_VALUE (email)
      && json_node_get_value_type (email) == G_TYPE_STRING)
    return json_node_dup_string (email);
  return NULL;
}

KringBatchResult *
kring_batch_result_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (KringBatchResult) result = g_rc_box_new0 (KringBatchResult);
  g_auto (KringReader) reader = { 0 };
  JsonNode *participant = NULL;
  gint64 status;

  _kring_reader_init (&reader, node, "batch result");
  status = _kring_reader_get_int (&reader, "status", KRING_READ_REQUIRED, 0);
  if (status == 201)
    participant = _kring_reader_get_object (&reader, "participant", KRING_READ_REQUIRED);
  if (!_kring_reader_finish (&reader, error))
    return NULL;
  result->status = (guint)CLAMP (status, 0, G_MAXUINT);
  result->email = dup_echoed_email (reader.object);
  if (status == 201)
    {
      result->participant = kring_participant_item_new_from_json (participant, error);
      return result->participant != NULL ? g_steal_pointer (&result) : NULL;
    }
  result->problem = _kring_problem_details_new_from_object (reader.object, result->status);
  return g_steal_pointer (&result);
}
