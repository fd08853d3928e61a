/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One HTTP request on its way through kringd: what was asked (route
 * parameters, query, parsed body, the caller), and the answer being built.
 * Handlers answer synchronously (kring_request_json / _problem), or hand a
 * write to the store with kring_request_write(), which answers after commit. */
#pragma once

#include "kring-json.h"
#include "kring-server.h"
#include "kring-store-rows.h"

G_BEGIN_DECLS

typedef struct _KringRequest KringRequest;

/* A problem answer (RFC 9457) with the API's extensions. */
typedef struct
{
  KringProblemCode code;
  char *detail;
  const char *field;     /* invalid_field, invalid_email */
  gint64 limit;          /* guest_dossier_limit, dossier_guest_capacity; -1 = absent */
  gint64 used;           /* guest_dossier_limit; -1 = absent */
  gint64 participant_id; /* already_participant; 0 = absent */
  gint64 max_users;      /* plan_user_limit; -1 = absent */
  gint64 retry_after;    /* rate_limited, unavailable; 0 = absent */
} KringProblem;

void kring_problem_init (KringProblem *problem);
void kring_problem_clear (KringProblem *problem);
void kring_problem_set (KringProblem *problem, KringProblemCode code, const char *detail_format,
                        ...) G_GNUC_PRINTF (3, 4);
/* Copies a core validator's error into a problem. */
void kring_problem_take_field_error (KringProblem *problem, KringFieldError *error);
/* Writes the problem's members (code, extensions) into an open object;
 * used for the whole problem document and for batch results. */
void kring_problem_write_members (const KringProblem *problem, KringJsonWriter *writer);

struct _KringRequest
{
  KringServer *server;
  SoupServerMessage *message;
  const char *method;
  GHashTable *params; /* route parameter name → string, e.g. "id" → "12" */
  GHashTable *query;  /* query parameter → value */
  JsonObject *body;   /* the parsed body: an object, empty when none was sent */
  char *client;       /* the client's address, for rate limits */

  /* The caller; user.id is 0 for anonymous requests. */
  KringUser user;
  gint64 session_id;
  KringTxn *read_txn; /* one snapshot for the synchronous part of a request */

  /* The answer. */
  guint status;
  GString *response;
  KringJsonWriter writer;
  KringProblem problem;
  gboolean is_problem;
  gboolean keep_on_problem; /* a write whose problem answer must still commit (failed logins) */
  gint64 retry_after;       /* a Retry-After header on a non-problem answer (503 health) */

  /* What a handler carries across its asynchronous steps. */
  gpointer data;
  GDestroyNotify data_free;
  gpointer data_write; /* a KringRequestWriteFunc to run after a worker thread */

  gboolean paused;
  gboolean paused_for_thread;
  gboolean paused_for_write;
};

/* Route parameters, already checked to be positive integers by the router
 * where the route names them {id}, {tid}, {pid}, {eid}. */
gint64 kring_request_param_id (KringRequest *req, const char *name);
const char *kring_request_param (KringRequest *req, const char *name);

/* Answers with @status and the JSON the writer produced into req->response. */
KringJsonWriter *kring_request_begin_json (KringRequest *req, guint status);
void kring_request_json_done (KringRequest *req);
/* Answers with no body (202, 204). */
void kring_request_empty (KringRequest *req, guint status);
/* Answers with a problem. */
void kring_request_problem (KringRequest *req, KringProblemCode code, const char *detail_format,
                            ...) G_GNUC_PRINTF (3, 4);
/* Answers with req->problem (already filled). */
void kring_request_send_problem (KringRequest *req);
/* Answers 500 or 503 for a store failure (logged). */
void kring_request_store_error (KringRequest *req, const GError *error);

/* Refusals for handlers that chain their checks with ||: each answers and
 * returns FALSE. */

/* 422 invalid_field for @field (a static string). */
gboolean kring_request_invalid_field (KringRequest *req, const char *field, const char *detail);
/* 422 with a core validator's error. */
gboolean kring_request_field_error (KringRequest *req, KringFieldError *error);
/* A store call that returned FALSE: 500 or 503 with @error, 404 not_found
 * without one (the row does not exist). */
gboolean kring_request_store_failed (KringRequest *req, const GError *error);

/* The request's read snapshot (a new reference: free it with g_autoptr);
 * opened on first use.  On failure answers 503 and returns NULL. */
KringTxn *kring_request_read (KringRequest *req);

/* Runs @func on the store's writer thread inside a transaction.  @func fills
 * the answer (req->status + req->response, or req->problem) and returns TRUE
 * to keep its writes, FALSE to roll them back (a refusal).  The answer goes
 * out only after the commit is durable. */
typedef gboolean (*KringRequestWriteFunc) (KringRequest *req, KringTxn *txn, GError **error);
void kring_request_write (KringRequest *req, KringRequestWriteFunc func);

/* Runs @func in a worker thread (password hashing), then @then on the
 * request's thread.  The request stays paused in between. */
typedef void (*KringRequestThreadFunc) (KringRequest *req, gpointer data);
void kring_request_run_in_thread (KringRequest *req, KringRequestThreadFunc func,
                                  KringRequestThreadFunc then, gpointer data);

/* Validates the body against @specs; on failure answers 422 and returns FALSE. */
gboolean kring_request_check_body (KringRequest *req, const KringFieldSpec *specs, gsize n_specs);

/* The API's text and email rules on a body member; NULL after answering 422.
 * kring_request_line: 1–200 code points after trimming, no control characters. */
char *kring_request_line (KringRequest *req, const char *field, const char *value);
char *kring_request_email (KringRequest *req, const char *field, const char *value);

/* The language the client asked for (Accept-Language) among those the
 * server writes mail in: "nl", "en", or NULL when it named neither. */
const char *kring_request_language (KringRequest *req);

/* Pagination: reads ?limit= (default 50, 1–200) and ?cursor=.  The cursor is
 * bound to the endpoint and its other query parameters; a forged or foreign
 * one answers 400 invalid_query (and FALSE). */
typedef struct
{
  guint limit;
  char *after_key; /* ascending lists */
  gint64 after_id;
} KringPageRequest;

gboolean kring_request_page (KringRequest *req, KringPageRequest *page);
void kring_page_request_clear (KringPageRequest *page);
/* Writes "next_cursor": a signed cursor continuing after (key, id), or null. */
void kring_request_write_next_cursor (KringRequest *req, KringJsonWriter *writer, gboolean more,
                                      const char *key, gint64 id);

/* Writes one page of a list, {"items": [...], "next_cursor"}, and answers
 * 200.  @rows holds up to @limit + 1 rows: the store reads one more to tell
 * whether more follow.  @write_row writes a row (@user_data passed on);
 * @cursor_of gives the sort key (NULL for lists in id order) and the id of
 * the last row shown, where the next page starts after. */
typedef void (*KringRowWriteFunc) (KringRequest *req, KringJsonWriter *writer, gconstpointer row,
                                   gpointer user_data);
typedef char *(*KringRowCursorFunc) (gconstpointer row, gint64 *out_id);
void kring_request_write_page (KringRequest *req, GArray *rows, guint limit,
                               KringRowWriteFunc write_row, KringRowCursorFunc cursor_of,
                               gpointer user_data);

/* Query helpers: FALSE after answering 400 invalid_query when malformed. */
gboolean kring_request_query_id (KringRequest *req, const char *name, gint64 *out);
gboolean kring_request_query_bool (KringRequest *req, const char *name, gboolean *out);

/* Writes a User object: {"id","email","name"}, or {"id","name"} when @redacted. */
void kring_write_user (KringJsonWriter *writer, gint64 id, const char *email, const char *name,
                       gboolean redacted);
/* RFC 3339 UTC with whole seconds. */
void kring_json_member_time (KringJsonWriter *writer, const char *name, gint64 unix_seconds);

G_END_DECLS
