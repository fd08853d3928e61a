/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the parts of KringClient (kring-client-*.c) share: one way to send
 * a request and complete a GTask with its typed answer. */
#pragma once

#include <libsoup/soup.h>

#include "kring-client.h"
#include "kring-json.h"

G_BEGIN_DECLS

typedef enum
{
  KRING_CALL_PUBLIC = 0,
  KRING_CALL_AUTHENTICATED = 1 << 0, /* sends the bearer token */
} KringCallFlags;

/* How a successful answer becomes the task's result.  Without a parser the
 * body is ignored (202, 204) and the task returns TRUE. */
typedef struct
{
  KringParseFunc parse;
  /* Instead of @parse, for readers of the raw text (the price table). */
  gpointer (*parse_text) (const char *data, gsize length, GError **error);
  GDestroyNotify free_result;
  /* Called on success before the task returns, with the token the request
   * carried (to keep the client's session state in step). */
  void (*apply) (KringClient *self, const char *sent_token, gpointer result);
} KringResultType;

/* A new task for an operation of @self, tagged with @source_tag. */
GTask *_kring_client_task_new (KringClient *self, gpointer source_tag, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data);
/* Sends @method @path (relative to the base URL, query included) with the
 * JSON @body (or none) and completes @task.  Takes @task and @body. */
void _kring_client_send (KringClient *self, GTask *task, const char *method, const char *path,
                         GBytes *body, KringCallFlags flags, const KringResultType *type);
/* _kring_client_task_new() and _kring_client_send() in one. */
void _kring_client_call (KringClient *self, gpointer source_tag, const char *method,
                         const char *path, GBytes *body, KringCallFlags flags,
                         const KringResultType *type, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data);
gpointer _kring_client_finish_pointer (KringClient *self, GAsyncResult *result, gpointer source_tag,
                                       GError **error);
gboolean _kring_client_finish_boolean (KringClient *self, GAsyncResult *result, gpointer source_tag,
                                       GError **error);

/* Result types shared by several operations. */
extern const KringResultType _kring_result_none;
extern const KringResultType _kring_result_quote;

/* A page of @query, completing a task tagged with @source_tag. */
void _kring_client_list (KringClient *self, KringListQuery *query, const char *cursor, guint limit,
                         gpointer source_tag, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data);

/* A JSON request body: begin, write members with the writer, end. */
typedef struct
{
  GString *buffer;
  KringJsonWriter writer;
} KringBody;

KringJsonWriter *_kring_body_begin (KringBody *body);
GBytes *_kring_body_end (KringBody *body);
/* Writes the member only when @value is not NULL. */
void _kring_body_optional_string (KringBody *body, const char *name, const char *value);

/* A path segment from text (a code from a mail), percent-encoded. */
char *_kring_escape_segment (const char *text);

/* kring-client-error.c */
GError *_kring_client_error_new_from_response (guint status, const char *reason,
                                               SoupMessageHeaders *headers, GBytes *body);
KringProblemDetails *_kring_problem_details_new_from_object (JsonObject *object, guint status);

G_END_DECLS
