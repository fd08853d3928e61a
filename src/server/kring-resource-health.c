/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Public endpoints that need no account: health, the price table, quotes. */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include "kring-router.h"

static void
get_healthz (KringRequest *req)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = kring_store_ping (req->server->store, &error);
  KringJsonWriter *w = kring_request_begin_json (req, ok ? 200 : 503);

  kring_json_begin_object (w);
  kring_json_member_string (w, "status", ok ? "ok" : "unavailable");
  kring_json_member_string (w, "version", PACKAGE_VERSION);
  kring_json_member_string (w, "database", kring_store_kind (req->server->store));
  kring_json_end_object (w);
  if (!ok)
    {
      g_message ("health check failed: %s", error->message);
      req->retry_after = 1;
    }
}

static void
get_plans (KringRequest *req)
{
  KringJsonWriter *w = kring_request_begin_json (req, 200);

  kring_json_raw (w, kring_price_table_get_json (req->server->prices));
}

static void
post_quotes (KringRequest *req)
{
  KringPriceTable *prices = req->server->prices;
  KringFieldError error = { 0 };
  KringQuoteRequest request;
  KringQuote quote;

  if (!kring_quote_request_from_json (prices, req->body, &request, &error))
    {
      kring_problem_take_field_error (&req->problem, &error);
      kring_request_send_problem (req);
      return;
    }
  kring_quote_compute (prices, &request, &quote);
  kring_quote_write_json (prices, &quote, kring_request_begin_json (req, 200));
}

void
kring_health_register (KringRouter *router)
{
  kring_router_add (router, "GET", "/healthz", get_healthz, KRING_ROUTE_PUBLIC, NULL);
  kring_router_add (router, "GET", "/api/v1/plans", get_plans, KRING_ROUTE_PUBLIC, NULL);
  kring_router_add (router, "POST", "/api/v1/quotes", post_quotes,
                    KRING_ROUTE_PUBLIC | KRING_ROUTE_BODY, NULL);
}
