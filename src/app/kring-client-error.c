/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-client"
#include "config.h"

#include "kring-client-error.h"
#include "kring-api-reader.h"
#include "kring-client-private.h"
#include "kring-json.h"

/* The codes mirror the problem codes by value. */
G_STATIC_ASSERT (KRING_CLIENT_ERROR_INTERNAL == (int)KRING_PROBLEM_INTERNAL);
G_STATIC_ASSERT ((int)KRING_PROBLEM_N_CODES < (int)KRING_CLIENT_ERROR_INSECURE);

typedef struct
{
  KringProblemDetails *problem;
} KringClientErrorPrivate;

/* The NULL checks quiet -Wnull-dereference: the macro's getter may return
 * NULL for an error of another domain, which never reaches these. */
static void
kring_client_error_private_init (KringClientErrorPrivate *priv)
{
  if (priv != NULL)
    priv->problem = NULL;
}

static void
kring_client_error_private_copy (const KringClientErrorPrivate *src, KringClientErrorPrivate *dest)
{
  if (src != NULL && dest != NULL && src->problem != NULL)
    dest->problem = kring_problem_details_ref (src->problem);
}

static void
kring_client_error_private_clear (KringClientErrorPrivate *priv)
{
  if (priv != NULL)
    g_clear_pointer (&priv->problem, kring_problem_details_unref);
}

G_DEFINE_EXTENDED_ERROR (KringClientError, kring_client_error)

static void
problem_details_clear (KringProblemDetails *problem)
{
  g_free (problem->code_name);
  g_free (problem->detail);
  g_free (problem->field);
}

KRING_DEFINE_RC_BOXED (KringProblemDetails, kring_problem_details, problem_details_clear)

/* Used when a problem has no code this client knows (a newer server, or an
 * error page from a proxy): the status still says enough to act on. */
static KringClientError
code_for_status (guint status)
{
  switch (status)
    {
      case 401:
        return KRING_CLIENT_ERROR_UNAUTHENTICATED; /* back to sign-in */
      case 403:
        return KRING_CLIENT_ERROR_FORBIDDEN;
      case 404:
        return KRING_CLIENT_ERROR_NOT_FOUND;
      case 405:
        return KRING_CLIENT_ERROR_METHOD_NOT_ALLOWED;
      case 413:
        return KRING_CLIENT_ERROR_BODY_TOO_LARGE;
      case 415:
        return KRING_CLIENT_ERROR_UNSUPPORTED_MEDIA_TYPE;
      case 429:
        return KRING_CLIENT_ERROR_RATE_LIMITED;
      case 503:
        return KRING_CLIENT_ERROR_UNAVAILABLE;
      default:
        return status >= 500 ? KRING_CLIENT_ERROR_INTERNAL : KRING_CLIENT_ERROR_FAILED;
    }
}

static gboolean
code_is_known (const KringProblemDetails *problem)
{
  return problem->code != KRING_PROBLEM_INTERNAL || g_strcmp0 (problem->code_name, "internal") == 0;
}

KringClientError
kring_problem_details_get_error_code (const KringProblemDetails *problem)
{
  g_return_val_if_fail (problem != NULL, KRING_CLIENT_ERROR_FAILED);

  if (problem->code_name != NULL && code_is_known (problem))
    return (KringClientError)problem->code;
  return code_for_status (problem->status);
}

static KringProblemDetails *
problem_details_new (guint status)
{
  KringProblemDetails *problem = g_rc_box_new0 (KringProblemDetails);

  problem->status = status;
  problem->code = KRING_PROBLEM_INTERNAL;
  problem->limit = -1;
  problem->used = -1;
  problem->max_users = -1;
  return problem;
}

/* Leniently: an error answer is reported even when its body is odd, so
 * members of the wrong type are taken as absent rather than refused. */
KringProblemDetails *
_kring_problem_details_new_from_object (JsonObject *object, guint status)
{
  KringProblemDetails *problem = problem_details_new (status);

  if (object == NULL)
    return problem;
  problem->code_name = g_strdup (kring_json_get_string (object, "code", NULL));
  problem->code = kring_problem_code_from_string (problem->code_name);
  problem->detail = g_strdup (kring_json_get_string (object, "detail", NULL));
  problem->field = g_strdup (kring_json_get_string (object, "field", NULL));
  problem->limit = kring_json_get_int (object, "limit", -1);
  problem->used = kring_json_get_int (object, "used", -1);
  problem->participant_id = kring_json_get_int (object, "participant_id", 0);
  problem->max_users = kring_json_get_int (object, "max_users", -1);
  return problem;
}

static gboolean
is_json_type (const char *content_type)
{
  return g_strcmp0 (content_type, "application/problem+json") == 0
         || g_strcmp0 (content_type, "application/json") == 0;
}

static KringProblemDetails *
problem_from_response (guint status, SoupMessageHeaders *headers, GBytes *body)
{
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  const char *retry_after = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr (JsonNode) root = NULL;
  KringProblemDetails *problem;
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;

  if (is_json_type (content_type) && data != NULL)
    root = kring_json_parse (data, length, NULL);
  problem = _kring_problem_details_new_from_object (
      root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL, status);
  if (retry_after != NULL)
    problem->retry_after = (guint)MIN (g_ascii_strtoull (retry_after, NULL, 10), G_MAXUINT);
  return problem;
}

GError *
_kring_client_error_new_from_response (guint status, const char *reason,
                                       SoupMessageHeaders *headers, GBytes *body)
{
  KringProblemDetails *problem = problem_from_response (status, headers, body);
  KringClientErrorPrivate *priv;
  GError *error;

  if (problem->detail != NULL && problem->detail[0] != '\0')
    error = g_error_new_literal (KRING_CLIENT_ERROR, kring_problem_details_get_error_code (problem),
                                 problem->detail);
  else
    error = g_error_new (KRING_CLIENT_ERROR, kring_problem_details_get_error_code (problem),
                         "HTTP %u %s", status, reason != NULL ? reason : "");
  priv = kring_client_error_get_private (error);
  if (priv != NULL)
    priv->problem = problem;
  return error;
}

const KringProblemDetails *
kring_client_error_get_problem (const GError *error)
{
  KringClientErrorPrivate *priv;

  if (error == NULL || error->domain != KRING_CLIENT_ERROR)
    return NULL;
  priv = kring_client_error_get_private (error);
  return priv != NULL ? priv->problem : NULL;
}

const char *
kring_client_error_get_field (const GError *error)
{
  const KringProblemDetails *problem = kring_client_error_get_problem (error);

  return problem != NULL ? problem->field : NULL;
}

gint64
kring_client_error_get_limit (const GError *error)
{
  const KringProblemDetails *problem = kring_client_error_get_problem (error);

  return problem != NULL ? problem->limit : -1;
}

gint64
kring_client_error_get_used (const GError *error)
{
  const KringProblemDetails *problem = kring_client_error_get_problem (error);

  return problem != NULL ? problem->used : -1;
}
