/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <string.h>

#include "kring-crypto.h"
#include "kring-email.h"
#include "kring-text.h"
#include "kring-request-private.h"

void
kring_problem_init (KringProblem *problem)
{
  *problem = (KringProblem){ .limit = -1, .used = -1, .max_users = -1 };
}

void
kring_problem_clear (KringProblem *problem)
{
  g_free (problem->detail);
  kring_problem_init (problem);
}

void
kring_problem_set (KringProblem *problem, KringProblemCode code, const char *detail_format, ...)
{
  va_list args;

  kring_problem_clear (problem);
  problem->code = code;
  va_start (args, detail_format);
  problem->detail = g_strdup_vprintf (detail_format, args);
  va_end (args);
}

void
kring_problem_take_field_error (KringProblem *problem, KringFieldError *error)
{
  kring_problem_clear (problem);
  problem->code = error->code;
  problem->field = error->field;
  problem->detail = g_steal_pointer (&error->detail);
  kring_field_error_clear (error);
}

void
kring_problem_write_members (const KringProblem *problem, KringJsonWriter *w)
{
  kring_json_member_string (w, "code", kring_problem_code_to_string (problem->code));
  if (problem->field != NULL)
    kring_json_member_string (w, "field", problem->field);
  if (problem->limit >= 0)
    kring_json_member_int (w, "limit", problem->limit);
  if (problem->used >= 0)
    kring_json_member_int (w, "used", problem->used);
  if (problem->participant_id > 0)
    kring_json_member_int (w, "participant_id", problem->participant_id);
  if (problem->max_users >= 0)
    kring_json_member_int (w, "max_users", problem->max_users);
}

gint64
kring_request_param_id (KringRequest *req, const char *name)
{
  const char *value = g_hash_table_lookup (req->params, name);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

const char *
kring_request_param (KringRequest *req, const char *name)
{
  return g_hash_table_lookup (req->params, name);
}

KringJsonWriter *
kring_request_begin_json (KringRequest *req, guint status)
{
  req->status = status;
  g_string_truncate (req->response, 0);
  kring_json_writer_init (&req->writer, req->response);
  return &req->writer;
}

void
kring_request_json_done (KringRequest *req)
{
  /* Nothing to flush: the writer appends to req->response directly.  Kept as
   * the visible end of an answer for readers of handlers. */
  g_assert (req->writer.depth == 0);
}

void
kring_request_empty (KringRequest *req, guint status)
{
  req->status = status;
  g_string_truncate (req->response, 0);
}

void
kring_request_problem (KringRequest *req, KringProblemCode code, const char *detail_format, ...)
{
  va_list args;

  kring_problem_clear (&req->problem);
  req->problem.code = code;
  va_start (args, detail_format);
  req->problem.detail = g_strdup_vprintf (detail_format, args);
  va_end (args);
  kring_request_send_problem (req);
}

gboolean
kring_request_invalid_field (KringRequest *req, const char *field, const char *detail)
{
  kring_problem_set (&req->problem, KRING_PROBLEM_INVALID_FIELD, "%s", detail);
  req->problem.field = field;
  kring_request_send_problem (req);
  return FALSE;
}

gboolean
kring_request_field_error (KringRequest *req, KringFieldError *error)
{
  kring_problem_take_field_error (&req->problem, error);
  kring_request_send_problem (req);
  return FALSE;
}

gboolean
kring_request_store_failed (KringRequest *req, const GError *error)
{
  if (error != NULL)
    kring_request_store_error (req, error);
  else
    kring_request_problem (req, KRING_PROBLEM_NOT_FOUND, "No such resource.");
  return FALSE;
}

/* The reason phrase for a problem's title; libsoup 3.2 knows no 429. */
static const char *
reason_phrase (guint status)
{
  return status == 429 ? "Too Many Requests" : soup_status_get_phrase (status);
}

void
kring_request_send_problem (KringRequest *req)
{
  KringProblem *problem = &req->problem;
  guint status = kring_problem_code_status (problem->code);
  g_autofree char *type
      = g_strconcat ("urn:kring:problem:", kring_problem_code_to_string (problem->code), NULL);
  KringJsonWriter *w;

  w = kring_request_begin_json (req, status);
  kring_json_begin_object (w);
  kring_json_member_string (w, "type", type);
  kring_json_member_string (w, "title", reason_phrase (status));
  kring_json_member_int (w, "status", status);
  kring_json_member_string (w, "detail", problem->detail != NULL ? problem->detail : "");
  kring_problem_write_members (problem, w);
  kring_json_end_object (w);
  req->is_problem = TRUE;
}

void
kring_request_store_error (KringRequest *req, const GError *error)
{
  if (g_error_matches (error, KRING_STORE_ERROR, KRING_STORE_ERROR_UNAVAILABLE))
    {
      g_message ("database unavailable: %s", error->message);
      kring_request_problem (req, KRING_PROBLEM_UNAVAILABLE,
                             "The database is busy or unavailable; nothing was changed.");
      req->problem.retry_after = 1;
      return;
    }
  g_critical ("store failure on %s %s: %s", req->method,
              g_uri_get_path (soup_server_message_get_uri (req->message)), error->message);
  kring_request_problem (req, KRING_PROBLEM_INTERNAL, "Internal error.");
}

KringTxn *
kring_request_read (KringRequest *req)
{
  g_autoptr (GError) error = NULL;

  if (req->read_txn == NULL)
    req->read_txn = kring_store_begin_read (req->server->store, &error);
  if (req->read_txn == NULL)
    {
      kring_request_store_error (req, error);
      return NULL;
    }
  return kring_txn_ref (req->read_txn);
}

void
_kring_request_end_read (KringRequest *req)
{
  g_clear_pointer (&req->read_txn, kring_store_end_read);
}

gboolean
kring_request_check_body (KringRequest *req, const KringFieldSpec *specs, gsize n_specs)
{
  KringFieldError error = { 0 };

  return kring_json_check_fields (req->body, specs, n_specs, &error)
         || kring_request_field_error (req, &error);
}

static char *
answer_field_error (KringRequest *req, KringFieldError *error)
{
  kring_request_field_error (req, error);
  return NULL;
}

char *
kring_request_line (KringRequest *req, const char *field, const char *value)
{
  KringFieldError error = { 0 };
  char *line = kring_text_normalise_line (value, 200, &error, field);

  return line != NULL ? line : answer_field_error (req, &error);
}

char *
kring_request_email (KringRequest *req, const char *field, const char *value)
{
  KringFieldError error = { 0 };
  char *email = kring_email_normalise (value, &error, field);

  return email != NULL ? email : answer_field_error (req, &error);
}

const char *
kring_request_language (KringRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->message);
  const char *header = soup_message_headers_get_list (headers, "Accept-Language");
  g_autoptr (GSList) ranges = NULL;
  const char *found = NULL;

  if (header == NULL)
    return NULL;
  /* Sorted by q, best first; the first Dutch or English one wins. */
  ranges = soup_header_parse_quality_list (header, NULL);
  for (GSList *l = ranges; l != NULL && found == NULL; l = l->next)
    {
      const char *tag = l->data;

      if (g_ascii_strncasecmp (tag, "nl", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
        found = "nl";
      else if (g_ascii_strncasecmp (tag, "en", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
        found = "en";
    }
  g_slist_free_full (g_steal_pointer (&ranges), g_free);
  return found;
}

/* Writes. */

typedef struct
{
  KringRequest *req;
  KringRequestWriteFunc func;
} WriteData;

static gboolean
run_write (KringTxn *txn, gpointer user_data, GError **error)
{
  WriteData *data = user_data;
  KringRequest *req = data->req;
  gboolean keep;

  req->is_problem = FALSE;
  req->keep_on_problem = FALSE;
  keep = data->func (req, txn, error);
  /* A problem answer means a refusal: nothing it wrote may stay, unless the
   * refusal itself is to be remembered (a failed login counts). */
  return keep && (!req->is_problem || req->keep_on_problem);
}

static void
write_done (gpointer user_data, const GError *error)
{
  WriteData *data = user_data;
  KringRequest *req = data->req;

  if (error != NULL)
    kring_request_store_error (req, error);
  g_free (data);
  req->paused_for_write = FALSE;
  kring_request_resume (req);
}

void
kring_request_write (KringRequest *req, KringRequestWriteFunc func)
{
  WriteData *data = g_new0 (WriteData, 1);

  data->req = req;
  data->func = func;
  req->paused_for_write = TRUE;
  kring_request_pause (req);
  kring_store_write (req->server->store, run_write, write_done, data);
}

/* Worker threads. */

typedef struct
{
  KringRequest *req;
  KringRequestThreadFunc func;
  KringRequestThreadFunc then;
  gpointer data;
} ThreadData;

static void
thread_run (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ThreadData *data = task_data;

  data->func (data->req, data->data);
  g_task_return_boolean (task, TRUE);
}

static void
thread_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ThreadData *data = g_task_get_task_data (G_TASK (result));
  KringRequest *req = data->req;

  req->paused_for_thread = FALSE;
  data->then (req, data->data);
  /* @then either answered (then resume sends it) or started a write (which
   * keeps the request paused until its commit). */
  if (!req->paused_for_write)
    kring_request_resume (req);
}

void
kring_request_run_in_thread (KringRequest *req, KringRequestThreadFunc func,
                             KringRequestThreadFunc then, gpointer data)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, thread_done, NULL);
  ThreadData *td = g_new0 (ThreadData, 1);

  td->req = req;
  td->func = func;
  td->then = then;
  td->data = data;
  g_task_set_task_data (task, td, g_free);
  req->paused_for_thread = TRUE;
  kring_request_pause (req);
  g_task_run_in_thread (task, thread_run);
}

/* Queries and pagination. */

static gboolean
invalid_query (KringRequest *req, const char *detail)
{
  kring_request_problem (req, KRING_PROBLEM_INVALID_QUERY, "%s", detail);
  return FALSE;
}

gboolean
kring_request_query_id (KringRequest *req, const char *name, gint64 *out)
{
  const char *value = g_hash_table_lookup (req->query, name);
  guint64 n = 0;

  *out = 0;
  if (value == NULL)
    return TRUE;
  if (value[0] == '0' || value[0] == '+' || value[0] == '-'
      || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &n, NULL))
    return invalid_query (req, "A query parameter must be a positive integer.");
  *out = (gint64)n;
  return TRUE;
}

gboolean
kring_request_query_bool (KringRequest *req, const char *name, gboolean *out)
{
  const char *value = g_hash_table_lookup (req->query, name);

  *out = FALSE;
  if (value == NULL || g_str_equal (value, "false"))
    return TRUE;
  if (g_str_equal (value, "true"))
    {
      *out = TRUE;
      return TRUE;
    }
  return invalid_query (req, "A boolean query parameter must be true or false.");
}

/* What a cursor is bound to: the path and every query parameter but the
 * cursor and the page size. */
static char *
cursor_scope (KringRequest *req)
{
  g_autoptr (GList) keys = g_list_sort (g_hash_table_get_keys (req->query), (GCompareFunc)strcmp);
  GString *scope = g_string_new (g_uri_get_path (soup_server_message_get_uri (req->message)));

  for (GList *l = keys; l != NULL; l = l->next)
    {
      if (g_str_equal (l->data, "cursor") || g_str_equal (l->data, "limit"))
        continue;
      g_string_append_printf (scope, "\n%s=%s", (char *)l->data,
                              (char *)g_hash_table_lookup (req->query, l->data));
    }
  return g_string_free (scope, FALSE);
}

static char *
cursor_mac (KringRequest *req, const char *payload)
{
  g_autofree char *scope = cursor_scope (req);
  g_autofree char *data = g_strconcat (scope, "\n", payload, NULL);

  return kring_mac (req->server->secret, data);
}

/* A cursor is base64url("ID:KEY") "." MAC. */
static gboolean
cursor_decode (KringRequest *req, const char *cursor, KringPageRequest *page)
{
  const char *dot = strchr (cursor, '.');
  g_autofree char *encoded = NULL;
  g_autofree char *expected = NULL;
  g_autofree guint8 *payload = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  char *end = NULL;

  if (dot == NULL)
    return FALSE;
  encoded = g_strndup (cursor, dot - cursor);
  expected = cursor_mac (req, encoded);
  if (strlen (dot + 1) != strlen (expected) || !kring_secret_equal (dot + 1, expected))
    return FALSE;
  payload = kring_base64url_decode (encoded, &length);
  if (payload == NULL)
    return FALSE;
  text = g_strndup ((const char *)payload, length);
  page->after_id = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != ':' || page->after_id <= 0)
    return FALSE;
  page->after_key = g_strdup (end + 1);
  return TRUE;
}

gboolean
kring_request_page (KringRequest *req, KringPageRequest *page)
{
  const char *limit = g_hash_table_lookup (req->query, "limit");
  const char *cursor = g_hash_table_lookup (req->query, "cursor");
  guint64 n = 50;

  *page = (KringPageRequest){ .limit = 50 };
  if (limit != NULL
      && (limit[0] == '0' || limit[0] == '+' || limit[0] == '-'
          || !g_ascii_string_to_unsigned (limit, 10, 1, 200, &n, NULL)))
    return invalid_query (req, "limit must be an integer from 1 to 200.");
  page->limit = (guint)n;
  if (cursor != NULL && !cursor_decode (req, cursor, page))
    {
      kring_page_request_clear (page);
      return invalid_query (req, "The cursor is not one this endpoint gave out.");
    }
  return TRUE;
}

void
kring_page_request_clear (KringPageRequest *page)
{
  g_clear_pointer (&page->after_key, g_free);
}

void
kring_request_write_next_cursor (KringRequest *req, KringJsonWriter *w, gboolean more,
                                 const char *key, gint64 id)
{
  g_autofree char *payload = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *mac = NULL;
  g_autofree char *cursor = NULL;

  if (!more)
    {
      kring_json_member_null (w, "next_cursor");
      return;
    }
  payload = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", id, key != NULL ? key : "");
  encoded = kring_base64url_encode ((const guint8 *)payload, strlen (payload));
  mac = cursor_mac (req, encoded);
  cursor = g_strconcat (encoded, ".", mac, NULL);
  kring_json_member_string (w, "next_cursor", cursor);
}

void
kring_request_write_page (KringRequest *req, GArray *rows, guint limit, KringRowWriteFunc write_row,
                          KringRowCursorFunc cursor_of, gpointer user_data)
{
  KringJsonWriter *w = kring_request_begin_json (req, SOUP_STATUS_OK);
  guint size = g_array_get_element_size (rows);
  gboolean more = rows->len > limit;
  guint shown = MIN (rows->len, limit);
  g_autofree char *key = NULL;
  gint64 last_id = 0;

  kring_json_begin_object (w);
  kring_json_key (w, "items");
  kring_json_begin_array (w);
  for (guint i = 0; i < shown; i++)
    write_row (req, w, rows->data + i * size, user_data);
  kring_json_end_array (w);
  if (more)
    key = cursor_of (rows->data + (shown - 1) * size, &last_id);
  kring_request_write_next_cursor (req, w, more, key, last_id);
  kring_json_end_object (w);
  kring_request_json_done (req);
}

void
kring_write_user (KringJsonWriter *w, gint64 id, const char *email, const char *name,
                  gboolean redacted)
{
  kring_json_begin_object (w);
  kring_json_member_int (w, "id", id);
  if (!redacted)
    kring_json_member_string (w, "email", email);
  kring_json_member_string (w, "name", name);
  kring_json_end_object (w);
}

static void
put_digits (char *out, gint64 value, guint n)
{
  for (guint i = n; i > 0; i--, value /= 10)
    out[i - 1] = (char)('0' + value % 10);
}

/* RFC 3339 UTC with whole seconds, without GDateTime (which costs more
 * than everything else about an entry but its row).
 * Days to a civil date as in Howard Hinnant's "chrono-Compatible Low-Level
 * Date Algorithms" (public domain). */
void
kring_json_member_time (KringJsonWriter *w, const char *name, gint64 t)
{
  gint64 days = t / 86400 - (t % 86400 < 0);
  gint64 secs = t - days * 86400;
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 month = mp < 10 ? mp + 3 : mp - 9;
  gint64 year = yoe + era * 400 + (month <= 2);
  char text[21] = "0000-00-00T00:00:00Z";

  /* The server sets every time, always in this range. */
  g_return_if_fail (year >= 0 && year <= 9999);
  put_digits (text, year, 4);
  put_digits (text + 5, month, 2);
  put_digits (text + 8, doy - (153 * mp + 2) / 5 + 1, 2);
  put_digits (text + 11, secs / 3600, 2);
  put_digits (text + 14, secs / 60 % 60, 2);
  put_digits (text + 17, secs % 60, 2);
  kring_json_member_string (w, name, text);
}

/* Life cycle. */

KringRequest *
_kring_request_new (KringServer *server, SoupServerMessage *message)
{
  KringRequest *req = g_new0 (KringRequest, 1);

  req->server = server;
  req->message = g_object_ref (message);
  req->method = soup_server_message_get_method (message);
  req->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  req->response = g_string_sized_new (512);
  req->client = g_strdup (soup_server_message_get_remote_host (message));
  kring_problem_init (&req->problem);
  g_atomic_int_inc (&server->in_flight);
  return req;
}

void
_kring_request_free (KringRequest *req)
{
  g_atomic_int_add (&req->server->in_flight, -1);
  _kring_request_end_read (req);
  if (req->data_free != NULL)
    req->data_free (req->data);
  g_clear_pointer (&req->params, g_hash_table_unref);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->body, json_object_unref);
  g_string_free (req->response, TRUE);
  g_free (req->client);
  kring_user_clear (&req->user);
  kring_problem_clear (&req->problem);
  g_object_unref (req->message);
  g_free (req);
}

void
_kring_request_apply (KringRequest *req)
{
  SoupServerMessage *msg = req->message;
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  const char *connection = soup_message_headers_get_one (in, "Connection");
  guint status = req->status != 0 ? req->status : SOUP_STATUS_INTERNAL_SERVER_ERROR;

  soup_server_message_set_status (msg, status, NULL);
  if (status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (out, "WWW-Authenticate", "Bearer");
  if (req->is_problem && req->problem.retry_after > 0)
    req->retry_after = req->problem.retry_after;
  if (req->retry_after > 0)
    {
      char seconds[24];
      g_snprintf (seconds, sizeof seconds, "%" G_GINT64_FORMAT, req->retry_after);
      soup_message_headers_replace (out, "Retry-After", seconds);
    }
  /* libsoup closes such a connection after answering but does not say so. */
  if (connection != NULL && soup_header_contains (connection, "close"))
    soup_message_headers_replace (out, "Connection", "close");
  soup_message_headers_replace (out, "Cache-Control", "no-store");

  if (req->response->len > 0 || req->is_problem)
    {
      gsize len = req->response->len;

      soup_server_message_set_response (
          msg, req->is_problem ? "application/problem+json" : "application/json", SOUP_MEMORY_TAKE,
          g_string_free (req->response, FALSE), len);
      req->response = g_string_new (NULL);
    }
}

void
kring_request_pause (KringRequest *req)
{
  if (req->paused)
    return;
  req->paused = TRUE;
  soup_server_message_pause (req->message);
}

void
kring_request_resume (KringRequest *req)
{
  _kring_request_apply (req);
  soup_server_message_unpause (req->message);
  _kring_request_free (req);
}
