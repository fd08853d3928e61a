/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The request's life cycle, for kring-server.c and kring-request.c only. */
#pragma once

#include "kring-request.h"

G_BEGIN_DECLS

KringRequest *_kring_request_new (KringServer *server, SoupServerMessage *message);
/* Keeps the message waiting for an answer that comes later. */
void kring_request_pause (KringRequest *req);
/* Sends the answer built so far and frees the request (if it was paused). */
void kring_request_resume (KringRequest *req);
/* Copies the answer into the message; used for synchronous answers. */
void _kring_request_apply (KringRequest *req);
void _kring_request_free (KringRequest *req);
/* Ends the request's read snapshot (before it waits for a write). */
void _kring_request_end_read (KringRequest *req);

G_END_DECLS
