/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <string.h>

#include "kring-problem.h"

/* API.md's "Errors" table, written out again so that a slip in either
 * place shows. */
static const struct
{
  KringProblemCode code;
  const char *name;
  guint status;
} api_table[] = {
  { KRING_PROBLEM_INVALID_JSON, "invalid_json", 400 },
  { KRING_PROBLEM_INVALID_QUERY, "invalid_query", 400 },
  { KRING_PROBLEM_UNAUTHENTICATED, "unauthenticated", 401 },
  { KRING_PROBLEM_INVALID_CREDENTIALS, "invalid_credentials", 401 },
  { KRING_PROBLEM_FORBIDDEN, "forbidden", 403 },
  { KRING_PROBLEM_NOT_FOUND, "not_found", 404 },
  { KRING_PROBLEM_METHOD_NOT_ALLOWED, "method_not_allowed", 405 },
  { KRING_PROBLEM_GUEST_DOSSIER_LIMIT, "guest_dossier_limit", 409 },
  { KRING_PROBLEM_DOSSIER_GUEST_CAPACITY, "dossier_guest_capacity", 409 },
  { KRING_PROBLEM_ALREADY_PARTICIPANT, "already_participant", 409 },
  { KRING_PROBLEM_TEAMMATE_EXISTS, "teammate_exists", 409 },
  { KRING_PROBLEM_PLAN_USER_LIMIT, "plan_user_limit", 409 },
  { KRING_PROBLEM_LAST_OWNER, "last_owner", 409 },
  { KRING_PROBLEM_DOSSIER_ARCHIVED, "dossier_archived", 409 },
  { KRING_PROBLEM_CODE_INVALID, "code_invalid", 410 },
  { KRING_PROBLEM_BODY_TOO_LARGE, "body_too_large", 413 },
  { KRING_PROBLEM_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", 415 },
  { KRING_PROBLEM_INVALID_EMAIL, "invalid_email", 422 },
  { KRING_PROBLEM_INVALID_FIELD, "invalid_field", 422 },
  { KRING_PROBLEM_RATE_LIMITED, "rate_limited", 429 },
  { KRING_PROBLEM_UNAVAILABLE, "unavailable", 503 },
  { KRING_PROBLEM_INTERNAL, "internal", 500 },
};

static void
test_api_table (void)
{
  /* Every code but NONE is in the table, once. */
  g_assert_cmpuint (G_N_ELEMENTS (api_table), ==, KRING_PROBLEM_N_CODES - 1);
  for (guint i = 0; i < G_N_ELEMENTS (api_table); i++)
    {
      g_assert_cmpstr (kring_problem_code_to_string (api_table[i].code), ==, api_table[i].name);
      g_assert_cmpuint (kring_problem_code_status (api_table[i].code), ==, api_table[i].status);
      for (guint j = 0; j < i; j++)
        g_assert_cmpint (api_table[i].code, !=, api_table[j].code);
    }
}

static void
test_round_trip (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (KringProblemCode code = KRING_PROBLEM_NONE + 1; code < KRING_PROBLEM_N_CODES; code++)
    {
      const char *name = kring_problem_code_to_string (code);
      guint status = kring_problem_code_status (code);

      g_assert_nonnull (name);
      g_assert_true (g_hash_table_add (seen, (gpointer)name)); /* names are unique */
      g_assert_cmpint (kring_problem_code_from_string (name), ==, code);
      /* Stable machine keys: lower-case ASCII and underscores. */
      for (const char *p = name; *p != '\0'; p++)
        g_assert_true (g_ascii_islower (*p) || *p == '_');
      /* Every problem is an HTTP error status. */
      g_assert_cmpuint (status, >=, 400);
      g_assert_cmpuint (status, <=, 599);
    }
}

static void
test_none (void)
{
  g_assert_cmpstr (kring_problem_code_to_string (KRING_PROBLEM_NONE), ==, "none");
  g_assert_cmpuint (kring_problem_code_status (KRING_PROBLEM_NONE), ==, 200);
  /* "none" is no code a server sends, so it does not read back as one. */
  g_assert_cmpint (kring_problem_code_from_string ("none"), ==, KRING_PROBLEM_INTERNAL);
}

static void
test_unknown_names (void)
{
  static const char *const names[] = {
    "",
    "INVALID_JSON",
    "invalid-json",
    "invalid_json ",
    " invalid_json",
    "urn:kring:problem:not_found",
    "teapot",
    "internal_error",
    "\xff",
  };

  /* A client meeting a code it does not know treats it as a bug. */
  g_assert_cmpint (kring_problem_code_from_string (NULL), ==, KRING_PROBLEM_INTERNAL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpint (kring_problem_code_from_string (names[i]), ==, KRING_PROBLEM_INTERNAL);
}

/* A bad code is a programming error: it warns, and still answers 500. */
static void
test_out_of_range (void)
{
  g_test_expect_message ("kring-core", G_LOG_LEVEL_CRITICAL, "*code < KRING_PROBLEM_N_CODES*");
  g_assert_cmpstr (kring_problem_code_to_string (KRING_PROBLEM_N_CODES), ==, "internal");
  g_test_assert_expected_messages ();
  g_test_expect_message ("kring-core", G_LOG_LEVEL_CRITICAL, "*code < KRING_PROBLEM_N_CODES*");
  g_assert_cmpuint (kring_problem_code_status (KRING_PROBLEM_N_CODES + 5), ==, 500);
  g_test_assert_expected_messages ();
}

static void
test_error_quark (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (KRING_PROBLEM_ERROR, !=, 0);
  g_assert_cmpuint (KRING_PROBLEM_ERROR, ==, kring_problem_error_quark ());
  g_assert_cmpstr (g_quark_to_string (KRING_PROBLEM_ERROR), ==, "kring-problem-error-quark");
  g_set_error (&error, KRING_PROBLEM_ERROR, KRING_PROBLEM_NOT_FOUND, "No such dossier.");
  g_assert_error (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_NOT_FOUND);
}

static void
test_field_error (void)
{
  KringFieldError error = { 0 };

  kring_field_error_set (&error, KRING_PROBLEM_INVALID_FIELD, "title",
                         "The field “%s” must have 1 to %d characters.", "title", 200);
  g_assert_cmpint (error.code, ==, KRING_PROBLEM_INVALID_FIELD);
  g_assert_cmpstr (error.field, ==, "title");
  g_assert_cmpstr (error.detail, ==, "The field “title” must have 1 to 200 characters.");

  /* Setting again replaces everything (and frees the old detail). */
  kring_field_error_set (&error, KRING_PROBLEM_INVALID_EMAIL, "email", "Not an address.");
  g_assert_cmpint (error.code, ==, KRING_PROBLEM_INVALID_EMAIL);
  g_assert_cmpstr (error.field, ==, "email");
  g_assert_cmpstr (error.detail, ==, "Not an address.");

  kring_field_error_set (&error, KRING_PROBLEM_INVALID_FIELD, NULL, "No field.");
  g_assert_null (error.field);

  kring_field_error_clear (&error);
  g_assert_cmpint (error.code, ==, KRING_PROBLEM_NONE);
  g_assert_null (error.field);
  g_assert_null (error.detail);
  /* Clearing twice is harmless. */
  kring_field_error_clear (&error);

  /* Validators may be called without an error to fill. */
  kring_field_error_set (NULL, KRING_PROBLEM_INVALID_FIELD, "title", "Ignored %s.", "detail");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/problem/api-table", test_api_table);
  g_test_add_func ("/problem/round-trip", test_round_trip);
  g_test_add_func ("/problem/none", test_none);
  g_test_add_func ("/problem/unknown-names", test_unknown_names);
  g_test_add_func ("/problem/out-of-range", test_out_of_range);
  g_test_add_func ("/problem/error-quark", test_error_quark);
  g_test_add_func ("/problem/field-error", test_field_error);

  return g_test_run ();
}
