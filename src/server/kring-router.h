/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Maps METHOD + path to a handler.  Patterns are literal segments and
 * {name} parameters; a parameter named "code" takes any segment, every other
 * one a positive decimal integer (so /dossiers/abc is an unknown route). */
#pragma once

#include "kring-request.h"

G_BEGIN_DECLS

typedef void (*KringHandler) (KringRequest *req);

typedef enum
{
  KRING_ROUTE_AUTH = 0,        /* needs a valid session */
  KRING_ROUTE_PUBLIC = 1 << 0, /* ignores any token */
  KRING_ROUTE_BODY = 1 << 1,   /* takes a JSON object body (a missing one is invalid_json) */
} KringRouteFlags;

typedef struct
{
  KringHandler handler;
  KringRouteFlags flags;
  const char *query; /* allowed query parameters, comma-separated, or NULL */
} KringRoute;

typedef enum
{
  KRING_ROUTE_FOUND,
  KRING_ROUTE_NO_PATH,
  KRING_ROUTE_NO_METHOD,
} KringRouteMatch;

KringRouter *kring_router_new (void);
void kring_router_free (KringRouter *router);
void kring_router_add (KringRouter *router, const char *method, const char *pattern,
                       KringHandler handler, KringRouteFlags flags, const char *query);
/* On FOUND fills @route and @params (a new table); on NO_METHOD fills
 * @allow with the methods the path takes ("GET, POST"). */
KringRouteMatch kring_router_match (KringRouter *router, const char *method, const char *path,
                                    const KringRoute **route, GHashTable **params, char **allow);
gboolean kring_route_allows_query (const KringRoute *route, const char *name);

G_END_DECLS
