/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: a request body the way the server reads it.  The
 * strict parser, the field checks against real endpoints of API.md, and the
 * text and email rules on every string that comes out must never crash,
 * and must keep their promises:
 *   - a failure is invalid_json (parse) or invalid_field with a field
 *     (checks), with an English detail that is valid UTF-8;
 *   - whatever parses writes back to JSON that parses to the same text;
 *   - normalised lines and addresses are fixed points. */
#define G_LOG_DOMAIN "kring-fuzz"
#include "config.h"

#include <string.h>

#include "kring-email.h"
#include "kring-json.h"
#include "kring-text.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

#define OPT KRING_FIELD_OPTIONAL
#define REQ KRING_FIELD_REQUIRED
#define NULLABLE KRING_FIELD_NULLABLE

static const KringFieldSpec participant_add[] = {
  { "email", KRING_FIELD_STRING, REQ },
  { "name", KRING_FIELD_STRING, OPT | NULLABLE },
  { "can_write", KRING_FIELD_BOOL, OPT },
};
static const KringFieldSpec entry_add[] = {
  { "body", KRING_FIELD_STRING, REQ },
  { "visibility", KRING_FIELD_STRING, OPT },
  { "corrects", KRING_FIELD_INT, OPT },
};
static const KringFieldSpec dossier_patch[] = {
  { "title", KRING_FIELD_STRING, OPT },
  { "client_name", KRING_FIELD_STRING, OPT | NULLABLE },
};
static const KringFieldSpec signup[] = {
  { "organisation", KRING_FIELD_STRING, REQ }, { "name", KRING_FIELD_STRING, REQ },
  { "email", KRING_FIELD_STRING, REQ },        { "password", KRING_FIELD_STRING, REQ },
  { "plan", KRING_FIELD_STRING, REQ },
};
static const KringFieldSpec participant_batch[] = {
  { "participants", KRING_FIELD_ARRAY, REQ },
};
static const KringFieldSpec quote[] = {
  { "plan", KRING_FIELD_STRING, REQ },       { "users", KRING_FIELD_INT, REQ },
  { "billing", KRING_FIELD_STRING, OPT },    { "discounts", KRING_FIELD_ARRAY, OPT },
  { "partner_users", KRING_FIELD_INT, OPT }, { "extra", KRING_FIELD_OBJECT, OPT | NULLABLE },
};

static const struct
{
  const KringFieldSpec *specs;
  gsize n_specs;
} endpoints[] = {
  { participant_add, G_N_ELEMENTS (participant_add) },     { entry_add, G_N_ELEMENTS (entry_add) },
  { dossier_patch, G_N_ELEMENTS (dossier_patch) },         { signup, G_N_ELEMENTS (signup) },
  { participant_batch, G_N_ELEMENTS (participant_batch) }, { quote, G_N_ELEMENTS (quote) },
};

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  /* A g_return_if_fail() reached from input is a bug like any crash. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
assert_field_error (KringFieldError *error, KringProblemCode code)
{
  g_assert (error->code == code);
  g_assert (error->detail != NULL && g_utf8_validate (error->detail, -1, NULL));
  kring_field_error_clear (error);
}

static void
check_line (const char *value, const char *field)
{
  KringFieldError error = { 0 };
  g_autofree char *line = kring_text_normalise_line (value, KRING_TEXT_LINE_MAX, &error, field);
  g_autofree char *again = NULL;

  if (line == NULL)
    {
      g_assert (error.field == field);
      assert_field_error (&error, KRING_PROBLEM_INVALID_FIELD);
      return;
    }
  again = kring_text_normalise_line (line, KRING_TEXT_LINE_MAX, NULL, field);
  g_assert (again != NULL && strcmp (again, line) == 0);
  g_assert (strlen (line) <= strlen (value));
}

static void
check_email (const char *value, const char *field)
{
  KringFieldError error = { 0 };
  g_autofree char *email = kring_email_normalise (value, &error, field);
  g_autofree char *again = NULL;

  if (email == NULL)
    {
      g_assert (error.field == field);
      assert_field_error (&error, KRING_PROBLEM_INVALID_EMAIL);
      return;
    }
  g_assert (strlen (email) <= KRING_EMAIL_MAX_LENGTH);
  again = kring_email_normalise (email, NULL, field);
  g_assert (again != NULL && strcmp (again, email) == 0);
}

/* Every rule on every string, whatever field it came in: the server decides
 * which applies, the fuzzer makes sure none of them breaks. */
static void
check_string (const char *value, const char *field)
{
  KringFieldError error = { 0 };
  g_autofree char *key = kring_text_casefold_key (value);

  check_line (value, field);
  check_email (value, field);
  if (!kring_text_check_body (value, &error))
    assert_field_error (&error, KRING_PROBLEM_INVALID_FIELD);
  if (!kring_text_check_password (value, &error, field))
    assert_field_error (&error, KRING_PROBLEM_INVALID_FIELD);
  g_assert (key != NULL && g_utf8_validate (key, -1, NULL));
}

static void
check_endpoint (JsonObject *object, const KringFieldSpec *specs, gsize n_specs)
{
  KringFieldError error = { 0 };

  if (!kring_json_check_fields (object, specs, n_specs, &error))
    {
      g_assert (error.field != NULL);
      assert_field_error (&error, KRING_PROBLEM_INVALID_FIELD);
      return;
    }
  for (gsize i = 0; i < n_specs; i++)
    {
      const char *name = specs[i].name;

      if (specs[i].type == KRING_FIELD_STRING && kring_json_get_string (object, name, NULL))
        check_string (kring_json_get_string (object, name, NULL), name);
      else if (specs[i].type == KRING_FIELD_INT)
        (void)kring_json_get_int (object, name, 0);
      else if (specs[i].type == KRING_FIELD_BOOL)
        (void)kring_json_get_bool (object, name, FALSE);
      (void)kring_json_has_null (object, name);
    }
}

static void
check_object (JsonObject *object, guint depth)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    check_endpoint (object, endpoints[i].specs, endpoints[i].n_specs);

  /* Names and nested values too, as a batch's items are checked. */
  json_object_iter_init_ordered (&iter, object);
  while (depth < 3 && json_object_iter_next_ordered (&iter, &name, &member))
    {
      check_string (name, "name");
      if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
        check_string (json_node_get_string (member), "value");
      else if (JSON_NODE_HOLDS_OBJECT (member))
        check_object (json_node_get_object (member), depth + 1);
      else if (JSON_NODE_HOLDS_ARRAY (member))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (member)); i++)
          {
            JsonNode *element = json_array_get_element (json_node_get_array (member), i);

            if (JSON_NODE_HOLDS_OBJECT (element))
              check_object (json_node_get_object (element), depth + 1);
          }
    }
}

static char *
write_json (JsonNode *node)
{
  GString *out = g_string_new (NULL);
  KringJsonWriter writer;

  kring_json_writer_init (&writer, out);
  kring_json_node (&writer, node);
  g_assert (writer.depth == 0);
  return g_string_free (out, FALSE);
}

static void
check_round_trip (JsonNode *node)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *once = write_json (node);
  g_autoptr (JsonNode) again = kring_json_parse (once, strlen (once), &error);
  g_autofree char *twice = NULL;

  g_assert_no_error (error);
  twice = write_json (again);
  g_assert (strcmp (once, twice) == 0);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *text = (const char *)data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) object_error = NULL;
  g_autoptr (JsonNode) node = kring_json_parse (text, size, &error);
  g_autoptr (JsonObject) object = kring_json_parse_object (text, size, &object_error);

  g_assert ((object != NULL) == (node != NULL && JSON_NODE_HOLDS_OBJECT (node)));
  g_assert (object != NULL
            || g_error_matches (object_error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON));
  if (node == NULL)
    {
      g_assert (g_error_matches (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON));
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  check_round_trip (node);
  if (object != NULL)
    check_object (object, 0);
  return 0;
}
