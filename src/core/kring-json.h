/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Strict JSON reading for request and response bodies, declarative field
 * checks for request objects, and a fast streaming writer for responses. */
#pragma once

#include <json-glib/json-glib.h>

#include "kring-problem.h"

G_BEGIN_DECLS

#define KRING_JSON_MAX_DEPTH 64
/* No object of the API comes near this; the bound keeps parsing fast when
 * a client sends member names made to collide in JsonObject's hash table. */
#define KRING_JSON_MAX_MEMBERS 128

/* Parses exactly one JSON text (RFC 8259) into a json-glib tree.  Stricter
 * than JsonParser: the input must be valid UTF-8 with no NUL bytes, an object
 * must not repeat a key, nesting is limited to KRING_JSON_MAX_DEPTH, an
 * object to KRING_JSON_MAX_MEMBERS members, a string may not hold U+0000 (a
 * C string cannot carry it; RFC 8259 §9 allows such limits), a number must
 * fit in a finite double, and nothing but white space may follow the value.
 * A byte order mark is refused.  Integers that fit in gint64 become
 * G_TYPE_INT64 values ("-0" is the integer 0); numbers with a fraction or
 * exponent ("1.0", "1e2"), or too large for gint64, become G_TYPE_DOUBLE.
 * Member order is kept.  Linear in @length; never reads outside @data.  On
 * failure returns NULL and sets @error (KRING_PROBLEM_ERROR,
 * KRING_PROBLEM_INVALID_JSON) with an English message naming the byte
 * offset. */
JsonNode *kring_json_parse (const char *data, gsize length, GError **error);

/* kring_json_parse(), then requires an object at the top.  An empty body
 * (length 0) is invalid_json too. */
JsonObject *kring_json_parse_object (const char *data, gsize length, GError **error);

typedef enum
{
  KRING_FIELD_STRING, /* a JSON string */
  KRING_FIELD_INT,    /* a JSON number without fraction or exponent */
  KRING_FIELD_BOOL,   /* true or false */
  KRING_FIELD_ARRAY,  /* any array; elements are checked by the caller */
  KRING_FIELD_OBJECT, /* any object */
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
 * order), then the specs in table order.  For an unknown member the name is
 * the client's: @error->field then points at a copy kept in the same
 * allocation as @error->detail, valid until the error is cleared or set
 * again (so do not pass it back into kring_field_error_set() itself). */
gboolean kring_json_check_fields (JsonObject *object, const KringFieldSpec *specs, gsize n_specs,
                                  KringFieldError *error);

/* Readers for members already checked by kring_json_check_fields(): they
 * return @fallback when the member is absent, null, or of another type (a
 * double is not an integer). */
const char *kring_json_get_string (JsonObject *object, const char *name, const char *fallback);
gint64 kring_json_get_int (JsonObject *object, const char *name, gint64 fallback);
gboolean kring_json_get_bool (JsonObject *object, const char *name, gboolean fallback);
gboolean kring_json_has_null (JsonObject *object, const char *name);

/* A streaming JSON writer into a GString.  Separators are inserted
 * automatically; strings are escaped per RFC 8259 ('"', '\\', and the
 * control characters: \b \f \n \r \t in their short forms, the others as
 * \u00XX; "/", DEL and all non-ASCII text are left alone), so strings must
 * be valid UTF-8; integers are written exactly; the API has no doubles.
 * Nesting is limited to KRING_JSON_MAX_DEPTH, like the parser's.  Member
 * names given to kring_json_key() and the _member variants must be plain
 * ASCII needing no escapes. */
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
/* Writes a json-glib node (used for echoing stored JSON, e.g. audit details):
 * member order is kept and names are escaped; a double, should one be
 * there, is written in the shortest form that reads back as the same double
 * (so 100.0 stays "100.0", not the integer 100; null if not finite); a NULL
 * node writes null. */
void kring_json_node (KringJsonWriter *writer, JsonNode *node);

/* Key-and-value shorthands for object members. */
void kring_json_member_string (KringJsonWriter *writer, const char *name, const char *value);
void kring_json_member_int (KringJsonWriter *writer, const char *name, gint64 value);
void kring_json_member_bool (KringJsonWriter *writer, const char *name, gboolean value);
void kring_json_member_null (KringJsonWriter *writer, const char *name);

G_END_DECLS
