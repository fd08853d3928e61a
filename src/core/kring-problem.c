/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include "kring-problem.h"

GQuark
kring_problem_error_quark (void)
{
  return g_quark_from_static_string ("kring-problem-error-quark");
}

static const struct
{
  const char *name;
  guint status;
} problem_table[KRING_PROBLEM_N_CODES] = {
  [KRING_PROBLEM_NONE] = { "none", 200 },
  [KRING_PROBLEM_INVALID_JSON] = { "invalid_json", 400 },
  [KRING_PROBLEM_INVALID_QUERY] = { "invalid_query", 400 },
  [KRING_PROBLEM_UNAUTHENTICATED] = { "unauthenticated", 401 },
  [KRING_PROBLEM_INVALID_CREDENTIALS] = { "invalid_credentials", 401 },
  [KRING_PROBLEM_FORBIDDEN] = { "forbidden", 403 },
  [KRING_PROBLEM_NOT_FOUND] = { "not_found", 404 },
  [KRING_PROBLEM_METHOD_NOT_ALLOWED] = { "method_not_allowed", 405 },
  [KRING_PROBLEM_GUEST_DOSSIER_LIMIT] = { "guest_dossier_limit", 409 },
  [KRING_PROBLEM_DOSSIER_GUEST_CAPACITY] = { "dossier_guest_capacity", 409 },
  [KRING_PROBLEM_ALREADY_PARTICIPANT] = { "already_participant", 409 },
  [KRING_PROBLEM_TEAMMATE_EXISTS] = { "teammate_exists", 409 },
  [KRING_PROBLEM_PLAN_USER_LIMIT] = { "plan_user_limit", 409 },
  [KRING_PROBLEM_LAST_OWNER] = { "last_owner", 409 },
  [KRING_PROBLEM_DOSSIER_ARCHIVED] = { "dossier_archived", 409 },
  [KRING_PROBLEM_CODE_INVALID] = { "code_invalid", 410 },
  [KRING_PROBLEM_BODY_TOO_LARGE] = { "body_too_large", 413 },
  [KRING_PROBLEM_UNSUPPORTED_MEDIA_TYPE] = { "unsupported_media_type", 415 },
  [KRING_PROBLEM_INVALID_EMAIL] = { "invalid_email", 422 },
  [KRING_PROBLEM_INVALID_FIELD] = { "invalid_field", 422 },
  [KRING_PROBLEM_RATE_LIMITED] = { "rate_limited", 429 },
  [KRING_PROBLEM_UNAVAILABLE] = { "unavailable", 503 },
  [KRING_PROBLEM_INTERNAL] = { "internal", 500 },
};

const char *
kring_problem_code_to_string (KringProblemCode code)
{
  g_return_val_if_fail (code < KRING_PROBLEM_N_CODES, "internal");
  return problem_table[code].name;
}

KringProblemCode
kring_problem_code_from_string (const char *code)
{
  for (guint i = KRING_PROBLEM_NONE + 1; code != NULL && i < KRING_PROBLEM_N_CODES; i++)
    if (g_str_equal (problem_table[i].name, code))
      return i;
  return KRING_PROBLEM_INTERNAL;
}

guint
kring_problem_code_status (KringProblemCode code)
{
  g_return_val_if_fail (code < KRING_PROBLEM_N_CODES, 500);
  return problem_table[code].status;
}

void
kring_field_error_set (KringFieldError *error, KringProblemCode code, const char *field,
                       const char *detail_format, ...)
{
  va_list args;

  if (error == NULL)
    return;
  g_free (error->detail);
  error->code = code;
  error->field = field;
  va_start (args, detail_format);
  error->detail = g_strdup_vprintf (detail_format, args);
  va_end (args);
}

void
kring_field_error_clear (KringFieldError *error)
{
  g_clear_pointer (&error->detail, g_free);
  error->code = KRING_PROBLEM_NONE;
  error->field = NULL;
}
