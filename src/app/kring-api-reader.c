/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-api-reader.h"
#include "kring-client-error.h"

static void
fail (KringReader *reader, const char *name, const char *problem)
{
  if (reader->error != NULL)
    return;
  g_set_error (&reader->error, KRING_CLIENT_ERROR, KRING_CLIENT_ERROR_INVALID_RESPONSE,
               "The server answered with an invalid %s: %s%s%s", reader->what,
               name != NULL ? name : "", name != NULL ? " " : "", problem);
}

gboolean
_kring_reader_init (KringReader *reader, JsonNode *node, const char *what)
{
  reader->what = what;
  reader->error = NULL;
  reader->object = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (reader, NULL, "it is not a JSON object");
      return FALSE;
    }
  reader->object = json_node_get_object (node);
  return TRUE;
}

void
_kring_reader_clear (KringReader *reader)
{
  g_clear_error (&reader->error);
}

gboolean
_kring_reader_finish (KringReader *reader, GError **error)
{
  if (reader->error == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&reader->error));
  return FALSE;
}

void
_kring_reader_adopt (KringReader *reader, KringReader *nested)
{
  if (nested->error != NULL)
    _kring_reader_take_error (reader, g_steal_pointer (&nested->error));
}

void
_kring_reader_take_error (KringReader *reader, GError *error)
{
  if (reader->error == NULL)
    reader->error = error;
  else
    g_error_free (error);
}

/* The member's node, or NULL when it is absent or an allowed null (a
 * required member that is missing, or a null where none is allowed, is
 * recorded as the problem). */
static JsonNode *
member (KringReader *reader, const char *name, KringReadFlags flags)
{
  JsonNode *node;

  if (reader->object == NULL)
    return NULL;
  node = json_object_get_member (reader->object, name);
  if (node == NULL)
    {
      if (flags & KRING_READ_REQUIRED)
        fail (reader, name, "is missing");
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (node) && !(flags & KRING_READ_NULLABLE))
    fail (reader, name, "is null");
  return JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static JsonNode *
member_of_type (KringReader *reader, const char *name, KringReadFlags flags, GType type,
                const char *type_name)
{
  JsonNode *node = member (reader, name, flags);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    {
      fail (reader, name, type_name);
      return NULL;
    }
  return node;
}

char *
_kring_reader_dup_string (KringReader *reader, const char *name, KringReadFlags flags)
{
  JsonNode *node = member_of_type (reader, name, flags, G_TYPE_STRING, "is not a string");

  return node != NULL ? json_node_dup_string (node) : NULL;
}

gint64
_kring_reader_get_int (KringReader *reader, const char *name, KringReadFlags flags, gint64 fallback)
{
  /* kring_json_parse() makes integers G_TYPE_INT64 and anything with a
   * fraction or exponent G_TYPE_DOUBLE, which is refused here. */
  JsonNode *node = member_of_type (reader, name, flags, G_TYPE_INT64, "is not an integer");

  return node != NULL ? json_node_get_int (node) : fallback;
}

gboolean
_kring_reader_get_bool (KringReader *reader, const char *name, KringReadFlags flags)
{
  JsonNode *node = member_of_type (reader, name, flags, G_TYPE_BOOLEAN, "is not a boolean");

  return node != NULL ? json_node_get_boolean (node) : FALSE;
}

GDateTime *
_kring_reader_dup_time (KringReader *reader, const char *name, KringReadFlags flags)
{
  JsonNode *node = member_of_type (reader, name, flags, G_TYPE_STRING, "is not a string");
  GDateTime *time;

  if (node == NULL)
    return NULL;
  /* RFC 3339 always carries its zone; without one GLib would guess local. */
  time = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
  if (time == NULL)
    fail (reader, name, "is not an RFC 3339 time");
  return time;
}

JsonNode *
_kring_reader_get_object (KringReader *reader, const char *name, KringReadFlags flags)
{
  JsonNode *node = member (reader, name, flags);

  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (reader, name, "is not an object");
      return NULL;
    }
  return node;
}

JsonArray *
_kring_reader_get_array (KringReader *reader, const char *name, KringReadFlags flags)
{
  JsonNode *node = member (reader, name, flags);

  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (reader, name, "is not an array");
      return NULL;
    }
  return node != NULL ? json_node_get_array (node) : NULL;
}

void
_kring_reader_get_guest_dossiers (KringReader *reader, KringReadFlags flags, gint64 *used,
                                  gint64 *limit)
{
  JsonNode *node = _kring_reader_get_object (reader, "guest_dossiers", flags);
  g_auto (KringReader) counts = { 0 };

  *used = -1;
  *limit = -1;
  if (node == NULL)
    return;
  _kring_reader_init (&counts, node, "guest_dossiers");
  *used = _kring_reader_get_int (&counts, "used", KRING_READ_REQUIRED, -1);
  *limit = _kring_reader_get_int (&counts, "limit", KRING_READ_REQUIRED, -1);
  _kring_reader_adopt (reader, &counts);
}

GStrv
_kring_reader_dup_strv (KringReader *reader, const char *name, KringReadFlags flags)
{
  JsonArray *array = _kring_reader_get_array (reader, name, flags);
  g_autoptr (GStrvBuilder) builder = NULL;
  guint n;

  if (array == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          fail (reader, name, "holds something else than strings");
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

GPtrArray *
_kring_parse_array (JsonArray *array, KringParseFunc parse, GDestroyNotify free_func,
                    GError **error)
{
  guint n = json_array_get_length (array);
  g_autoptr (GPtrArray) items = g_ptr_array_new_full (n, free_func);

  for (guint i = 0; i < n; i++)
    {
      gpointer item = parse (json_array_get_element (array, i), error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}
