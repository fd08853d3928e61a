/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The API's problem codes (API.md, "Errors"), shared by server and client. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KRING_PROBLEM_NONE = 0,
  KRING_PROBLEM_INVALID_JSON,
  KRING_PROBLEM_INVALID_QUERY,
  KRING_PROBLEM_UNAUTHENTICATED,
  KRING_PROBLEM_INVALID_CREDENTIALS,
  KRING_PROBLEM_FORBIDDEN,
  KRING_PROBLEM_NOT_FOUND,
  KRING_PROBLEM_METHOD_NOT_ALLOWED,
  KRING_PROBLEM_GUEST_DOSSIER_LIMIT,
  KRING_PROBLEM_DOSSIER_GUEST_CAPACITY,
  KRING_PROBLEM_ALREADY_PARTICIPANT,
  KRING_PROBLEM_TEAMMATE_EXISTS,
  KRING_PROBLEM_PLAN_USER_LIMIT,
  KRING_PROBLEM_LAST_OWNER,
  KRING_PROBLEM_DOSSIER_ARCHIVED,
  KRING_PROBLEM_CODE_INVALID,
  KRING_PROBLEM_BODY_TOO_LARGE,
  KRING_PROBLEM_UNSUPPORTED_MEDIA_TYPE,
  KRING_PROBLEM_INVALID_EMAIL,
  KRING_PROBLEM_INVALID_FIELD,
  KRING_PROBLEM_RATE_LIMITED,
  KRING_PROBLEM_UNAVAILABLE,
  KRING_PROBLEM_INTERNAL, /* never sent on purpose: a bug */
  KRING_PROBLEM_N_CODES
} KringProblemCode;

#define KRING_PROBLEM_ERROR (kring_problem_error_quark ())
GQuark kring_problem_error_quark (void);

const char *kring_problem_code_to_string (KringProblemCode code);
KringProblemCode kring_problem_code_from_string (const char *code);
guint kring_problem_code_status (KringProblemCode code);

/* A validation failure: the problem code and, for invalid_field and
 * invalid_email, the offending field.  Core validators fill one of these
 * instead of a GError because the field is part of the API's answer. */
typedef struct
{
  KringProblemCode code;
  const char *field; /* static or interned string, may be NULL */
  char *detail;      /* English sentence, owned */
} KringFieldError;

void kring_field_error_set (KringFieldError *error, KringProblemCode code, const char *field,
                            const char *detail_format, ...) G_GNUC_PRINTF (4, 5);
void kring_field_error_clear (KringFieldError *error);

G_END_DECLS
