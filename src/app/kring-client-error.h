/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KRING_CLIENT_ERROR: what went wrong between the client and kringd.
 *
 * A problem+json answer becomes an error whose code mirrors the problem's
 * `code` (the values equal KringProblemCode's, so the UI translates one
 * enum), with the whole problem, extensions included, kept in the error
 * (an extended GError domain) for kring_client_error_get_problem().
 * Network and TLS failures stay G_IO_ERROR / G_TLS_ERROR / G_RESOLVER_ERROR. */
#pragma once

#include <gio/gio.h>

#include "kring-problem.h"

G_BEGIN_DECLS

#define KRING_CLIENT_ERROR (kring_client_error_quark ())
GQuark kring_client_error_quark (void);

typedef enum
{
  KRING_CLIENT_ERROR_INVALID_JSON = KRING_PROBLEM_INVALID_JSON,
  KRING_CLIENT_ERROR_INVALID_QUERY = KRING_PROBLEM_INVALID_QUERY,
  KRING_CLIENT_ERROR_UNAUTHENTICATED = KRING_PROBLEM_UNAUTHENTICATED,
  KRING_CLIENT_ERROR_INVALID_CREDENTIALS = KRING_PROBLEM_INVALID_CREDENTIALS,
  KRING_CLIENT_ERROR_FORBIDDEN = KRING_PROBLEM_FORBIDDEN,
  KRING_CLIENT_ERROR_NOT_FOUND = KRING_PROBLEM_NOT_FOUND,
  KRING_CLIENT_ERROR_METHOD_NOT_ALLOWED = KRING_PROBLEM_METHOD_NOT_ALLOWED,
  KRING_CLIENT_ERROR_GUEST_DOSSIER_LIMIT = KRING_PROBLEM_GUEST_DOSSIER_LIMIT,
  KRING_CLIENT_ERROR_DOSSIER_GUEST_CAPACITY = KRING_PROBLEM_DOSSIER_GUEST_CAPACITY,
  KRING_CLIENT_ERROR_ALREADY_PARTICIPANT = KRING_PROBLEM_ALREADY_PARTICIPANT,
  KRING_CLIENT_ERROR_TEAMMATE_EXISTS = KRING_PROBLEM_TEAMMATE_EXISTS,
  KRING_CLIENT_ERROR_PLAN_USER_LIMIT = KRING_PROBLEM_PLAN_USER_LIMIT,
  KRING_CLIENT_ERROR_LAST_OWNER = KRING_PROBLEM_LAST_OWNER,
  KRING_CLIENT_ERROR_DOSSIER_ARCHIVED = KRING_PROBLEM_DOSSIER_ARCHIVED,
  KRING_CLIENT_ERROR_CODE_INVALID = KRING_PROBLEM_CODE_INVALID,
  KRING_CLIENT_ERROR_BODY_TOO_LARGE = KRING_PROBLEM_BODY_TOO_LARGE,
  KRING_CLIENT_ERROR_UNSUPPORTED_MEDIA_TYPE = KRING_PROBLEM_UNSUPPORTED_MEDIA_TYPE,
  KRING_CLIENT_ERROR_INVALID_EMAIL = KRING_PROBLEM_INVALID_EMAIL,
  KRING_CLIENT_ERROR_INVALID_FIELD = KRING_PROBLEM_INVALID_FIELD,
  KRING_CLIENT_ERROR_RATE_LIMITED = KRING_PROBLEM_RATE_LIMITED,
  KRING_CLIENT_ERROR_UNAVAILABLE = KRING_PROBLEM_UNAVAILABLE,
  KRING_CLIENT_ERROR_INTERNAL = KRING_PROBLEM_INTERNAL, /* a 5xx: a server bug */

  /* Found by the client itself; no server sends these. */
  KRING_CLIENT_ERROR_INSECURE = 100,   /* plain http:// to a host that is not loopback */
  KRING_CLIENT_ERROR_INVALID_URL,      /* not an absolute http(s) URL of a host */
  KRING_CLIENT_ERROR_INVALID_RESPONSE, /* a success whose body breaks the API's promise */
  KRING_CLIENT_ERROR_FAILED,           /* an HTTP error without a problem code we know */
} KringClientError;

/* A problem+json answer (RFC 9457) as the server sent it.  Also the
 * outcome of a refused item of a participants batch.  Immutable and
 * reference counted. */
typedef struct
{
  guint status;          /* HTTP status */
  KringProblemCode code; /* KRING_PROBLEM_INTERNAL when unknown to this client */
  char *code_name;       /* `code` as sent, NULL when absent */
  char *detail;          /* English, for logs only: translate @code instead */
  char *field;           /* invalid_field, invalid_email; else NULL */
  gint64 limit;          /* guest_dossier_limit, dossier_guest_capacity; else -1 */
  gint64 used;           /* guest_dossier_limit; else -1 */
  gint64 participant_id; /* already_participant; else 0 */
  gint64 max_users;      /* plan_user_limit; else -1 */
  guint retry_after;     /* seconds from Retry-After (429, 503); 0 when absent */
} KringProblemDetails;

#define KRING_TYPE_PROBLEM_DETAILS (kring_problem_details_get_type ())
GType kring_problem_details_get_type (void) G_GNUC_CONST;
KringProblemDetails *kring_problem_details_ref (KringProblemDetails *problem);
void kring_problem_details_unref (KringProblemDetails *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KringProblemDetails, kring_problem_details_unref)

/* The KRING_CLIENT_ERROR code for a problem (its code, or a fallback by
 * HTTP status when the code is unknown). */
KringClientError kring_problem_details_get_error_code (const KringProblemDetails *problem);

/* The server's problem behind @error, or NULL when @error is not a
 * KRING_CLIENT_ERROR from a problem answer.  Valid as long as @error. */
const KringProblemDetails *kring_client_error_get_problem (const GError *error);
/* Shorthands for the problem's extensions: NULL / -1 when absent. */
const char *kring_client_error_get_field (const GError *error);
gint64 kring_client_error_get_limit (const GError *error);
gint64 kring_client_error_get_used (const GError *error);

G_END_DECLS
