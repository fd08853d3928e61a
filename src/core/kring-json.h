/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Strict JSON reading for request and response bodies, declarative field
 * checks for request objects, and a fast streaming writer for responses. */
#pragma once

#include <json-glib/json-glib.h>

#include "kring-problem.h"

G_BEGIN_DECLS

#define KRING_JSON_MAX_DEPTH 64

/* Parses exactly one JSON text (RFC 8259) into a json-glib tree.  Stricter than
 * JsonParser: the input must be valid UTF-8 with no NUL bytes, an object must
 * not repeat a key, nesting is limited to KRING_JSON_MAX_DEPTH, and nothing but
 * white space may follow the value.  Integers that fit in gint64 become
 * G_TYPE_INT64 values; numbers with a fraction or exponent, or too large for
 * gint64, become G_TYPE_DOUBLE.  On failure returns NULL and sets @error
 * (KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON) with an English message
 * naming the byte offset. */
JsonNode *kring_json_parse (const char *data, gsize length, GError **error);

/* kring_json_parse(), then requires an object at the top.  An empty body
 * (length 0) is invalid_json too. */
JsonObject *kring_json_parse_object (const char *data, gsize length, GError **error);

typedef enum
{
  KRING_FIELD_STRING,  /* a JSON string */
  KRING_FIELD_INT,     /* a JSON number without fraction or exponent */
  KRING_FIELD_BOOL,    /* true or false */
  KRING_FIELD_ARRAY,   /* any array; elements are checked by the caller */
  KRING_FIELD_OBJECT,  /* any object */
} KringFieldType;

typedef enum
{
  KRING_FIELD_OPTIONAL = 0,
  KRING_FIELD_REQUIRED = 1 << 0,
  KRING_FIELD_NULLABLE = 1 << 1, /* null is accepted (and means "clear") */
} KringFieldFlags;

typedef struct
{
  const char *name;
  KringFieldType type;
  KringFieldFlags flags;
} KringFieldSpec;

/* Checks @object against a table of fields: an unknown member, a missing
 * required one, a member of the wrong JSON type, or a null where the field is
 * not nullable fills @error with KRING_PROBLEM_INVALID_FIELD and the field's
 * name, and returns FALSE.  Unknown members are reported first (in member
 * order), then the specs in table order. */
gboolean kring_json_check_fields (JsonObject *object,
                                  const KringFieldSpec *specs,
                                  gsize n_specs,
                                  KringFieldError *error);

/* Readers for members already checked by kring_json_check_fields(): they
 * return @fallback when the member is absent or null. */
const char *kring_json_get_string (JsonObject *object, const char *name, const char *fallback);
gint64 kring_json_get_int (JsonObject *object, const char *name, gint64 fallback);
gboolean kring_json_get_bool (JsonObject *object, const char *name, gboolean fallback);
gboolean kring_json_has_null (JsonObject *object, const char *name);

/* A streaming JSON writer into a GString.  Separators are inserted
 * automatically; strings are escaped per RFC 8259 (control characters as
 * \uXXXX, "/" left alone); integers are written exactly; there are no
 * doubles.  Member names given to the _member variants must be plain ASCII
 * needing no escapes. */
typedef struct
{
  GString *out;
  guint depth;
  guint64 need_comma; /* bit per depth level: a value was written already */
} KringJsonWriter;

void kring_json_writer_init (KringJsonWriter *writer, GString *out);
void kring_json_begin_object (KringJsonWriter *writer);
void kring_json_end_object (KringJsonWriter *writer);
void kring_json_begin_array (KringJsonWriter *writer);
void kring_json_end_array (KringJsonWriter *writer);
void kring_json_key (KringJsonWriter *writer, const char *name);
void kring_json_string (KringJsonWriter *writer, const char *value); /* NULL writes null */
void kring_json_int (KringJsonWriter *writer, gint64 value);
void kring_json_bool (KringJsonWriter *writer, gboolean value);
void kring_json_null (KringJsonWriter *writer);
/* Writes an already-serialised JSON value verbatim. */
void kring_json_raw (KringJsonWriter *writer, const char *json);
/* Writes a json-glib node (used for echoing stored JSON, e.g. audit details). */
void kring_json_node (KringJsonWriter *writer, JsonNode *node);

/* Key-and-value shorthands for object members. */
void kring_json_member_string (KringJsonWriter *writer, const char *name, const char *value);
void kring_json_member_int (KringJsonWriter *writer, const char *name, gint64 value);
void kring_json_member_bool (KringJsonWriter *writer, const char *name, gboolean value);
void kring_json_member_null (KringJsonWriter *writer, const char *name);

G_END_DECLS
