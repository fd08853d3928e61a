/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Defensive reading of the server's JSON answers into the client's API
 * objects.  A reader walks one JSON object; every accessor checks presence
 * and type, and the first problem found is kept so a parser can read all
 * members in a row and ask once, at the end, whether the object was sound.
 * Failures are KRING_CLIENT_ERROR_INVALID_RESPONSE naming the member. */
#pragma once

#include <json-glib/json-glib.h>

#include "kring-api-types.h"

G_BEGIN_DECLS

typedef enum
{
  KRING_READ_OPTIONAL = 0,
  KRING_READ_REQUIRED = 1 << 0,
  KRING_READ_NULLABLE = 1 << 1, /* null reads as absent */
} KringReadFlags;

typedef struct
{
  JsonObject *object; /* NULL when the node was not an object */
  const char *what;   /* a static name for messages, e.g. "dossier" */
  GError *error;      /* the first problem, or NULL */
} KringReader;

gboolean _kring_reader_init (KringReader *reader, JsonNode *node, const char *what);
void _kring_reader_clear (KringReader *reader);
/* Moves the first problem into @error; TRUE when there was none. */
gboolean _kring_reader_finish (KringReader *reader, GError **error);
/* Moves the first problem of a reader of a nested object into @reader. */
void _kring_reader_adopt (KringReader *reader, KringReader *nested);
/* Records a nested parser's failure (takes @error). */
void _kring_reader_take_error (KringReader *reader, GError *error);

char *_kring_reader_dup_string (KringReader *reader, const char *name, KringReadFlags flags);
gint64 _kring_reader_get_int (KringReader *reader, const char *name, KringReadFlags flags,
                              gint64 fallback);
gboolean _kring_reader_get_bool (KringReader *reader, const char *name, KringReadFlags flags);
GDateTime *_kring_reader_dup_time (KringReader *reader, const char *name, KringReadFlags flags);
/* The member's node when it holds an object (borrowed), else NULL. */
JsonNode *_kring_reader_get_object (KringReader *reader, const char *name, KringReadFlags flags);
JsonArray *_kring_reader_get_array (KringReader *reader, const char *name, KringReadFlags flags);
/* An array of strings; NULL when absent. */
GStrv _kring_reader_dup_strv (KringReader *reader, const char *name, KringReadFlags flags);

/* "guest_dossiers": {"used", "limit"}; both -1 when absent or null. */
void _kring_reader_get_guest_dossiers (KringReader *reader, KringReadFlags flags, gint64 *used,
                                       gint64 *limit);
/* A User member (see kring_user_info_new_from_json()). */
KringUserInfo *_kring_reader_dup_user (KringReader *reader, const char *name, KringReadFlags flags);

/* Parses each element of @array with @parse into a new GPtrArray owning
 * the results with @free_func.  NULL (and @error set) on the first bad one. */
GPtrArray *_kring_parse_array (JsonArray *array, KringParseFunc parse, GDestroyNotify free_func,
                               GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KringReader, _kring_reader_clear)

/* Read-only properties of the API's list items: set once, while parsing. */
#define KRING_ITEM_PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

/* Defines the boxed type and the ref/unref pair of an immutable struct
 * allocated with g_rc_box_new0(); @clear frees its members. */
#define KRING_DEFINE_RC_BOXED(TypeName, type_name, clear)                                          \
  G_DEFINE_BOXED_TYPE (TypeName, type_name, type_name##_ref, type_name##_unref)                    \
  TypeName *type_name##_ref (TypeName *self)                                                       \
  {                                                                                                \
    return g_rc_box_acquire (self);                                                                \
  }                                                                                                \
  void type_name##_unref (TypeName *self)                                                          \
  {                                                                                                \
    g_rc_box_release_full (self, (GDestroyNotify)clear);                                           \
  }

G_END_DECLS
