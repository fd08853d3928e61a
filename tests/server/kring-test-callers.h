/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The seven callers of the permission tables (test-permissions.c) and the
 * one world they share: accounts A, B and C, dossiers D and D2, built once.
 * A row records every mismatch with the spec (call, check) and fails once
 * at its end (row_end), so one run shows the whole disagreement. */
#pragma once

#include "kring-test-server.h"

G_BEGIN_DECLS

#define ID G_GINT64_FORMAT

typedef enum
{
  OWNER,
  ADMIN,
  MEMBER,
  EXTERNAL,
  GUEST,
  OTHER,
  ANON,
  N_CALLERS
} Caller;

extern const char *const caller_name[N_CALLERS];

typedef struct
{
  char *token[N_CALLERS];
  char *email[N_CALLERS];
  gint64 user_id[N_CALLERS];
  gint64 pid[N_CALLERS]; /* participant ids in D of member, external, guest */
  gint64 a, b, c;        /* accounts */
  gint64 d, d2;          /* D: member, external, guest take part; D2: only the owner */
} World;

extern KringTestServer *srv;
extern World w;

/* Builds the world on srv; any failure here is fatal. */
void setup_world (void);

/* JSON by hand, never failing: a mismatch is recorded, not fatal.  "items"
 * of a list answer, or NULL. */
JsonArray *items_of (KringTestResponse *resp);
/* Whether an element (its @member, or itself when @member is NULL) is @id. */
gboolean array_has_id (JsonArray *array, const char *member, gint64 id);
/* Members of a known type, NULL (or -1) when absent or of another type. */
JsonObject *object_of (JsonObject *object, const char *name);
JsonArray *array_of (JsonObject *object, const char *name);
gint64 id_of (JsonObject *object);
/* Whether a list answer has an item with @id. */
gboolean list_has (KringTestResponse *resp, gint64 id);
/* The answer's object, or an empty one; members of it, NULL or -1 when absent. */
JsonObject *root_of (KringTestResponse *resp);
const char *str_member (KringTestResponse *resp, const char *member);
gint64 int_member (KringTestResponse *resp, const char *member);
/* Records a mismatch of the current row; check() records one unless @ok,
 * with @resp's body. */
void mismatch (const char *format, ...) G_GNUC_PRINTF (1, 2);
void check (KringTestResponse *resp, gboolean ok, const char *format, ...) G_GNUC_PRINTF (3, 4);
/* A row starts with no mismatches and fails at its end if it has any. */
void row_begin (void);
void row_end (void);
/* Sends @method @path as @who and records a mismatch unless the answer is
 * @expected (for 401/403/404 also the problem code, for 401 the
 * WWW-Authenticate header).  @body is a JSON text or NULL. */
KringTestResponse *call (Caller who, guint expected, const char *method, const char *path,
                         const char *body);
/* call() without the answer. */
void expect (Caller who, guint expected, const char *method, const char *path, const char *body);
/* The same request by every caller, each expecting its entry of @expected. */
void call_all (const guint expected[N_CALLERS], const char *method, const char *path,
               const char *body);
/* Setup: @resp, or a fatal error unless its status is @expected. */
KringTestResponse *must (KringTestResponse *resp, guint expected, const char *what);
/* A dossier of @account_id created by @who, its client named after @title. */
gint64 create_dossier (Caller who, gint64 account_id, const char *title);
/* Adds @email to @dossier as the owner, checks they take part with
 * @access; returns the participant id. */
gint64 add_participant (gint64 dossier, const char *email, const char *access);
/* The participant id of @user_id in @dossier (fatal when none). */
gint64 participant_id_of (gint64 dossier, gint64 user_id);

G_END_DECLS
