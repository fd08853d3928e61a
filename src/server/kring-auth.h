/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing in: sessions and the failed-login limit, shared by login, signup
 * verification, invitation acceptance and password changes. */
#pragma once

#include "kring-request.h"

G_BEGIN_DECLS

typedef struct
{
  char *email;
  char *name;     /* the name given with the password, or NULL */
  char *password; /* wiped when freed */
  char *hash;     /* Argon2id hash of password, or the stored hash to verify */
  gboolean valid;
  char *extra; /* the handler's own data (JSON), or NULL */
} KringPasswordWork;

/* 10 failures per email and client address in a sliding 15 minutes. */
#define KRING_LOGIN_MAX_FAILURES 10
#define KRING_LOGIN_WINDOW (15 * 60)

/* Creates a session for @user_id inside @txn and answers @status with
 * {"token","expires_at","user"} followed by whatever @extra writes (may be
 * NULL).  Returns FALSE after answering a store error. */
gboolean kring_session_answer (KringRequest *req, KringTxn *txn, gint64 user_id, guint status,
                               void (*extra) (KringRequest *req, KringTxn *txn,
                                              KringJsonWriter *w));

/* TRUE (and answers 429 with Retry-After) when the email is locked out for
 * this client. Store failures answer 503 and return TRUE too. */
gboolean kring_login_limited (KringRequest *req, KringTxn *txn, const char *email);
/* Counts a failed login for (email, client) and answers @code for @field:
 * 401 invalid_credentials for a login, 422 invalid_field for current_password. */
gboolean kring_login_failed (KringRequest *req, KringTxn *txn, const char *email);

/* The password rules (10–1024 code points); answers 422 on failure. */
gboolean kring_request_check_password (KringRequest *req, const char *password, const char *field);

/* Checks body member "password", hashes it (Argon2id) in a worker thread,
 * then runs @write with req->data a KringPasswordWork holding @name and the
 * hash.  Returns the work (to add data to before the thread finishes: the
 * HTTP thread owns it until then) or NULL after answering 422. */
KringPasswordWork *kring_request_set_password (KringRequest *req, const char *name,
                                               KringRequestWriteFunc write);

G_END_DECLS
