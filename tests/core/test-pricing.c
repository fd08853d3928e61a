/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-test"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kring-money.h"
#include "kring-pricing.h"

/* Every randomised test draws from a GRand with this seed, so a failure
 * reproduces exactly. */
#define TEST_SEED 20261126

/* PRICING.md, verbatim: the shipped table and the worked example. */
static const char doc_table[]
    = "{\n"
      "  \"currency\": \"EUR\",\n"
      "  \"vat_rate_bp\": 2100,\n"
      "  \"setup_fee_cents\": 0,\n"
      "  \"sla_min_extra_users\": 30,\n"
      "  \"guest_rules\": { \"guests_per_dossier\": 1000, \"dossiers_per_guest\": 3 },\n"
      "  \"plans\": [\n"
      "    { \"id\": \"pro\",          \"name\": \"Pro\",         \"base_cents\": 2500,  "
      "\"included_users\": 1,  \"extra_user_cents\": 2000, \"max_users\": 3,\n"
      "      \"features\": [\"journal\", \"free_guests\", \"support\", \"training\"] },\n"
      "    { \"id\": \"team\",         \"name\": \"Team\",        \"base_cents\": 7900,  "
      "\"included_users\": 5,  \"extra_user_cents\": 1500, \"max_users\": 15,\n"
      "      \"features\": [\"journal\", \"free_guests\", \"support\", \"training\", \"roles\"] "
      "},\n"
      "    { \"id\": \"team_plus\",    \"name\": \"Team+\",       \"base_cents\": 14900, "
      "\"included_users\": 10, \"extra_user_cents\": 1300, \"max_users\": 40,\n"
      "      \"features\": [\"journal\", \"free_guests\", \"support\", \"training\", \"roles\", "
      "\"audit_log\"] },\n"
      "    { \"id\": \"organisation\", \"name\": \"Organisatie\", \"base_cents\": 29900, "
      "\"included_users\": 25, \"extra_user_cents\": 1100, \"max_users\": null,\n"
      "      \"features\": [\"journal\", \"free_guests\", \"support\", \"training\", \"roles\", "
      "\"audit_log\", \"sla\"] }\n"
      "  ],\n"
      "  \"discounts\": [\n"
      "    { \"id\": \"yearly\",  \"percent_bp\": 1000, \"kind\": \"billing\" },\n"
      "    { \"id\": \"new_kvk\", \"percent_bp\": 2000, \"kind\": \"organisation\" },\n"
      "    { \"id\": \"anbi\",    \"percent_bp\": 1500, \"kind\": \"organisation\" }\n"
      "  ]\n"
      "}\n";

static const char doc_request[]
    = "{\"plan\": \"team\", \"users\": 12, \"billing\": \"yearly\", \"discounts\": [\"new_kvk\"]}";

static const char doc_response[]
    = "{\n"
      "  \"currency\": \"EUR\", \"plan\": \"team\", \"users\": 12, \"billing\": \"yearly\",\n"
      "  \"discounts\": [\"new_kvk\"],\n"
      "  \"included_users\": 5, \"extra_users\": 7,\n"
      "  \"lines\": [\n"
      "    { \"kind\": \"base\",        \"amount_cents\": 7900 },\n"
      "    { \"kind\": \"extra_users\", \"quantity\": 7, \"unit_cents\": 1500, \"amount_cents\": "
      "10500 },\n"
      "    { \"kind\": \"discount\", \"discount\": \"new_kvk\", \"percent_bp\": 2000, "
      "\"amount_cents\": -3680 },\n"
      "    { \"kind\": \"discount\", \"discount\": \"yearly\",  \"percent_bp\": 1000, "
      "\"amount_cents\": -1472 }\n"
      "  ],\n"
      "  \"per_month\": { \"excl_vat_cents\": 13248, \"vat_cents\": 2782,  \"incl_vat_cents\": "
      "16030 },\n"
      "  \"per_year\":  { \"excl_vat_cents\": 158976, \"vat_cents\": 33385, \"incl_vat_cents\": "
      "192361 },\n"
      "  \"invoice\":   { \"period\": \"year\", \"excl_vat_cents\": 158976, \"vat_cents\": 33385, "
      "\"incl_vat_cents\": 192361 },\n"
      "  \"vat_rate_bp\": 2100, \"setup_fee_cents\": 0, \"sla_eligible\": false,\n"
      "  \"partner_users\": 0, \"partner_share_cents\": 0\n"
      "}\n";

/* Helpers */

static JsonNode *
parse_json (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* Equal as JSON trees, and with the members in the same order. */
static void
assert_json_equal (const char *actual, const char *expected)
{
  g_autoptr (JsonNode) a = parse_json (actual);
  g_autoptr (JsonNode) b = parse_json (expected);
  g_autofree char *canonical_a = json_to_string (a, FALSE);
  g_autofree char *canonical_b = json_to_string (b, FALSE);

  g_assert_cmpstr (canonical_a, ==, canonical_b);
  g_assert_true (json_node_equal (a, b));
}

static KringPriceTable *
load_table (const char *json)
{
  g_autoptr (GError) error = NULL;
  KringPriceTable *table = kring_price_table_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static gboolean
request_from_string (KringPriceTable *table, const char *body, KringQuoteRequest *request,
                     KringFieldError *field_error)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = kring_json_parse_object (body, strlen (body), &error);

  g_assert_no_error (error);
  return kring_quote_request_from_json (table, object, request, field_error);
}

static KringQuoteRequest
request_from_string_ok (KringPriceTable *table, const char *body)
{
  KringQuoteRequest request;
  KringFieldError field_error = { 0 };

  if (!request_from_string (table, body, &request, &field_error))
    g_error ("%s: %s (%s)", body, field_error.detail, field_error.field);
  return request;
}

static char *
quote_to_json (KringPriceTable *table, const KringQuote *quote)
{
  GString *out = g_string_new (NULL);
  KringJsonWriter writer;

  kring_json_writer_init (&writer, out);
  kring_quote_write_json (table, quote, &writer);
  return g_string_free (out, FALSE);
}

static guint32
organisation_mask (KringPriceTable *table)
{
  guint32 mask = 0;

  for (guint i = 0; i < kring_price_table_get_n_discounts (table); i++)
    if (g_str_equal (kring_price_table_get_discount (table, i)->kind, "organisation"))
      mask |= 1u << i;
  return mask;
}

/* "base:7900 extra_users:7x1500=10500 new_kvk@2000:-3680" */
static char *
summarise_lines (const char *quote_json)
{
  g_autoptr (JsonNode) root = parse_json (quote_json);
  JsonArray *lines = json_object_get_array_member (json_node_get_object (root), "lines");
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      const char *kind = json_object_get_string_member (line, "kind");
      gint64 amount = json_object_get_int_member (line, "amount_cents");

      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (g_str_equal (kind, "extra_users"))
        g_string_append_printf (out, "extra_users:%" G_GINT64_FORMAT "x%" G_GINT64_FORMAT "=",
                                json_object_get_int_member (line, "quantity"),
                                json_object_get_int_member (line, "unit_cents"));
      else if (g_str_equal (kind, "discount"))
        g_string_append_printf (out, "%s@%" G_GINT64_FORMAT ":",
                                json_object_get_string_member (line, "discount"),
                                json_object_get_int_member (line, "percent_bp"));
      else
        g_string_append_printf (out, "%s:", kind);
      g_string_append_printf (out, "%" G_GINT64_FORMAT, amount);
    }
  return g_strdup (out->str);
}

static char *
summarise_discounts (const char *quote_json)
{
  g_autoptr (JsonNode) root = parse_json (quote_json);
  JsonArray *ids = json_object_get_array_member (json_node_get_object (root), "discounts");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) strv = NULL;

  for (guint i = 0; i < json_array_get_length (ids); i++)
    g_strv_builder_add (builder, json_array_get_string_element (ids, i));
  strv = g_strv_builder_end (builder);
  return g_strjoinv (",", strv);
}

/* Quotes a request body and returns the quote's JSON. */
static char *
quote_body (KringPriceTable *table, const char *body, KringQuote *quote)
{
  KringQuoteRequest request = request_from_string_ok (table, body);

  kring_quote_compute (table, &request, quote);
  return quote_to_json (table, quote);
}

/* The price table */

static void
test_table_shipped_file (void)
{
  const char *source_dir = g_getenv ("KRING_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KringPriceTable) table = NULL;
  gsize length;

  if (source_dir == NULL)
    {
      g_test_skip ("KRING_SOURCE_DIR is not set");
      return;
    }
  path = g_build_filename (source_dir, "data", "pricing.json", NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  table = kring_price_table_new_from_data (contents, length, &error);
  g_assert_no_error (error);

  /* The file is the table of PRICING.md, and GET /plans echoes it. */
  assert_json_equal (contents, doc_table);
  assert_json_equal (kring_price_table_get_json (table), contents);
  g_assert_null (strchr (kring_price_table_get_json (table), '\n'));
  g_assert_null (strstr (kring_price_table_get_json (table), ": "));
}

static void
test_table_accessors (void)
{
  g_autoptr (KringPriceTable) table = load_table (doc_table);
  const KringPlan *plan;
  const KringDiscount *discount;

  g_assert_cmpstr (kring_price_table_get_currency (table), ==, "EUR");
  g_assert_cmpint (kring_price_table_get_vat_rate_bp (table), ==, 2100);
  g_assert_cmpint (kring_price_table_get_setup_fee_cents (table), ==, 0);
  g_assert_cmpint (kring_price_table_get_sla_min_extra_users (table), ==, 30);
  g_assert_cmpint (kring_price_table_get_guests_per_dossier (table), ==, 1000);
  g_assert_cmpint (kring_price_table_get_dossiers_per_guest (table), ==, 3);

  g_assert_cmpuint (kring_price_table_get_n_plans (table), ==, 4);
  plan = kring_price_table_get_plan (table, 2);
  g_assert_cmpstr (plan->id, ==, "team_plus");
  g_assert_cmpstr (plan->name, ==, "Team+");
  g_assert_cmpint (plan->base_cents, ==, 14900);
  g_assert_cmpint (plan->included_users, ==, 10);
  g_assert_cmpint (plan->extra_user_cents, ==, 1300);
  g_assert_cmpint (plan->max_users, ==, 40);
  g_assert_cmpuint (g_strv_length (plan->features), ==, 6);
  g_assert_cmpstr (plan->features[5], ==, "audit_log");
  plan = kring_price_table_find_plan (table, "organisation");
  g_assert_true (plan == kring_price_table_get_plan (table, 3));
  g_assert_cmpint (plan->max_users, ==, -1);
  g_assert_null (kring_price_table_find_plan (table, "Team"));

  g_assert_cmpuint (kring_price_table_get_n_discounts (table), ==, 3);
  discount = kring_price_table_find_discount (table, "anbi");
  g_assert_true (discount == kring_price_table_get_discount (table, 2));
  g_assert_cmpint (discount->percent_bp, ==, 1500);
  g_assert_cmpstr (discount->kind, ==, "organisation");
  g_assert_cmpstr (kring_price_table_find_discount (table, "yearly")->kind, ==, "billing");
  g_assert_cmpint (kring_price_table_get_discount_index (table, "new_kvk"), ==, 1);
  g_assert_cmpint (kring_price_table_get_discount_index (table, "nope"), ==, -1);
  g_assert_null (kring_price_table_find_discount (table, "nope"));

  /* A boxed, refcounted type: a ref outlives the first owner's unref. */
  g_assert_true (G_TYPE_IS_BOXED (KRING_TYPE_PRICE_TABLE));
  {
    KringPriceTable *copy = g_boxed_copy (KRING_TYPE_PRICE_TABLE, table);

    g_assert_true (copy == table);
    g_boxed_free (KRING_TYPE_PRICE_TABLE, copy);
  }
}

/* A deep copy of @node with the member or element at @path replaced by
 * @value, or removed when @value is NULL.  A path component "+" appends. */
static JsonNode *
mutated_copy (JsonNode *node, char **path, JsonNode *value)
{
  if (path[0] == NULL)
    return value != NULL ? json_node_copy (value) : NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (JsonObject) copy = json_object_new ();
      g_autoptr (GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);
          JsonNode *child = g_str_equal (l->data, path[0]) ? mutated_copy (member, path + 1, value)
                                                           : json_node_copy (member);
          if (child != NULL)
            json_object_set_member (copy, l->data, child);
        }
      if (!json_object_has_member (object, path[0]) && value != NULL)
        json_object_set_member (copy, path[0], json_node_copy (value));
      return json_node_init_object (json_node_alloc (), copy);
    }
  else
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr (JsonArray) copy = json_array_new ();
      guint target = g_str_equal (path[0], "+") ? G_MAXUINT : (guint)atoi (path[0]);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonNode *child
              = i == target ? mutated_copy (element, path + 1, value) : json_node_copy (element);
          if (child != NULL)
            json_array_add_element (copy, child);
        }
      if (target == G_MAXUINT)
        json_array_add_element (copy, json_node_copy (value));
      return json_node_init_array (json_node_alloc (), copy);
    }
}

static char *
mutate_table (const char *path, const char *value)
{
  g_autoptr (JsonNode) root = parse_json (doc_table);
  g_autoptr (JsonNode) value_node = value != NULL ? parse_json (value) : NULL;
  g_auto (GStrv) components = g_strsplit (path, "/", -1);
  g_autoptr (JsonNode) result = mutated_copy (root, components, value_node);

  return json_to_string (result, TRUE);
}

static void
test_table_invalid (void)
{
  static const struct
  {
    const char *path;
    const char *value; /* JSON, or NULL to remove */
    const char *named; /* the member the message must name */
  } cases[] = {
    { "currency", NULL, "currency" },
    { "currency", "\"USD\"", "currency" },
    { "currency", "1", "currency" },
    { "vat_rate_bp", "-1", "vat_rate_bp" },
    { "vat_rate_bp", "10001", "vat_rate_bp" },
    { "vat_rate_bp", "21.5", "vat_rate_bp" },
    { "vat_rate_bp", "null", "vat_rate_bp" },
    { "vat_rate_bp", "\"2100\"", "vat_rate_bp" },
    { "setup_fee_cents", NULL, "setup_fee_cents" },
    { "setup_fee_cents", "-5", "setup_fee_cents" },
    { "setup_fee_cents", "100000001", "setup_fee_cents" },
    { "sla_min_extra_users", NULL, "sla_min_extra_users" },
    { "sla_min_extra_users", "-1", "sla_min_extra_users" },
    { "guest_rules", NULL, "guest_rules" },
    { "guest_rules", "[]", "guest_rules" },
    { "guest_rules/guests_per_dossier", NULL, "guest_rules.guests_per_dossier" },
    { "guest_rules/guests_per_dossier", "true", "guest_rules.guests_per_dossier" },
    { "guest_rules/dossiers_per_guest", "-1", "guest_rules.dossiers_per_guest" },
    { "guest_rules/extra", "1", "guest_rules.extra" },
    { "extra", "1", "extra" },
    { "plans", NULL, "plans" },
    { "plans", "[]", "plans" },
    { "plans", "{}", "plans" },
    { "plans/+", "1", "plans[4]" },
    { "plans/1/id", NULL, "plans[1].id" },
    { "plans/1/id", "\"pro\"", "plans[1].id" },
    { "plans/3/id", "\"team\"", "plans[3].id" },
    { "plans/1/id", "\"\"", "plans[1].id" },
    { "plans/1/id", "3", "plans[1].id" },
    { "plans/0/name", "\"\"", "plans[0].name" },
    { "plans/0/name", "null", "plans[0].name" },
    { "plans/0/base_cents", "-1", "plans[0].base_cents" },
    { "plans/0/base_cents", "100000001", "plans[0].base_cents" },
    { "plans/0/base_cents", "1e3", "plans[0].base_cents" },
    { "plans/2/included_users", "-1", "plans[2].included_users" },
    { "plans/2/extra_user_cents", "-1", "plans[2].extra_user_cents" },
    { "plans/2/extra_user_cents", "100000001", "plans[2].extra_user_cents" },
    { "plans/1/max_users", "0", "plans[1].max_users" },
    { "plans/1/max_users", NULL, "plans[1].max_users" },
    { "plans/1/max_users", "\"15\"", "plans[1].max_users" },
    { "plans/0/features", NULL, "plans[0].features" },
    { "plans/0/features", "null", "plans[0].features" },
    { "plans/0/features/1", "2", "plans[0].features[1]" },
    { "plans/0/features/+", "\"\"", "plans[0].features[4]" },
    { "plans/0/extra", "1", "plans[0].extra" },
    { "discounts", NULL, "discounts" },
    { "discounts", "{}", "discounts" },
    { "discounts/0", NULL, "discounts" }, /* no yearly discount */
    { "discounts/0/kind", "\"organisation\"", "discounts[0].kind" },
    { "discounts/1/kind", "\"billing\"", "discounts[1].kind" },
    { "discounts/1/kind", "\"other\"", "discounts[1].kind" },
    { "discounts/1/kind", NULL, "discounts[1].kind" },
    { "discounts/1/id", "\"anbi\"", "discounts[2].id" },
    { "discounts/1/id", "\"yearly\"", "discounts[1].kind" },
    { "discounts/1/id", "\"\"", "discounts[1].id" },
    { "discounts/1/percent_bp", "10001", "discounts[1].percent_bp" },
    { "discounts/1/percent_bp", "-1", "discounts[1].percent_bp" },
    { "discounts/2", "\"anbi\"", "discounts[2]" },
    { "discounts/1/extra", "1", "discounts[1].extra" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = mutate_table (cases[i].path, cases[i].value);
      g_autoptr (GError) error = NULL;
      g_autoptr (KringPriceTable) table = kring_price_table_new_from_data (json, -1, &error);
      g_autofree char *named = g_strconcat (" ", cases[i].named, ":", NULL);

      g_test_message ("%s = %s", cases[i].path, cases[i].value ? cases[i].value : "(removed)");
      g_assert_null (table);
      g_assert_error (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_FIELD);
      if (strstr (error->message, named) == NULL)
        g_error ("%s does not name %s", error->message, cases[i].named);
    }
}

static void
test_table_invalid_json (void)
{
  static const char *cases[] = { "", " ", "[]", "null", "{", "{\"currency\": \"EUR\"} x" };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KringPriceTable) table = kring_price_table_new_from_data (cases[i], -1, &error);

      g_assert_null (table);
      g_assert_error (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_JSON);
    }
}

static GString *
discounts_json (guint n_organisation)
{
  GString *json
      = g_string_new ("[{\"id\": \"yearly\", \"percent_bp\": 1000, \"kind\": \"billing\"}");

  for (guint i = 0; i < n_organisation; i++)
    g_string_append_printf (
        json, ", {\"id\": \"d%u\", \"percent_bp\": %u, \"kind\": \"organisation\"}", i, i);
  g_string_append_c (json, ']');
  return json;
}

static void
test_table_discount_limit (void)
{
  g_autoptr (GString) fits = discounts_json (KRING_PRICING_MAX_DISCOUNTS - 1);
  g_autoptr (GString) too_many = discounts_json (KRING_PRICING_MAX_DISCOUNTS);
  g_autofree char *fits_table = mutate_table ("discounts", fits->str);
  g_autofree char *too_many_table = mutate_table ("discounts", too_many->str);
  g_autoptr (KringPriceTable) table = load_table (fits_table);
  g_autoptr (GError) error = NULL;
  KringQuoteRequest request = { kring_price_table_get_plan (table, 0), 1, FALSE, 1u << 31, 0 };
  KringQuote quote;

  g_assert_null (kring_price_table_new_from_data (too_many_table, -1, &error));
  g_assert_error (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_FIELD);

  /* The last discount, at bit 31, works like any other. */
  kring_quote_compute (table, &request, &quote);
  g_assert_cmpint (quote.org_discount_index, ==, 31);
  g_assert_cmpint (quote.org_percent_bp, ==, 30);
}

/* What the shape allows beyond the shipped table, and any member order. */
static void
test_table_valid_variants (void)
{
  static const char *variant
      = "{\"discounts\": [{\"kind\": \"organisation\", \"percent_bp\": 10000, \"id\": \"free\"},"
        "                 {\"percent_bp\": 0, \"id\": \"yearly\", \"kind\": \"billing\"}],"
        " \"plans\": [{\"features\": [], \"max_users\": null, \"extra_user_cents\": 100000000,"
        "             \"included_users\": 0, \"base_cents\": 0, \"name\": \"Ünïcode \\\"q\\\"\","
        "             \"id\": \"x\"}],"
        " \"guest_rules\": {\"dossiers_per_guest\": 0, \"guests_per_dossier\": 0},"
        " \"sla_min_extra_users\": 0, \"setup_fee_cents\": 100000000, \"vat_rate_bp\": 10000,"
        " \"currency\": \"EUR\"}";
  g_autoptr (KringPriceTable) table = load_table (variant);
  g_autoptr (JsonNode) a = parse_json (kring_price_table_get_json (table));
  g_autoptr (JsonNode) b = parse_json (variant);

  /* Equal as JSON; the members come out in PRICING.md order. */
  g_assert_true (json_node_equal (a, b));
  g_assert_true (g_str_has_prefix (kring_price_table_get_json (table), "{\"currency\":\"EUR\","));
  g_assert_cmpint (kring_price_table_get_plan (table, 0)->max_users, ==, -1);
  g_assert_cmpstr (kring_price_table_get_plan (table, 0)->name, ==, "Ünïcode \"q\"");
  g_assert_cmpint (kring_price_table_get_discount_index (table, "yearly"), ==, 1);
}

/* Quote requests */

static void
test_request_invalid (void)
{
  static const struct
  {
    const char *body;
    const char *field; /* NULL: valid */
  } cases[] = {
    { "{}", "plan" },
    { "{\"plan\": \"team\"}", "users" },
    { "{\"users\": 3}", "plan" },
    { "{\"plan\": \"team\", \"users\": 3, \"colour\": 1}", "colour" },
    { "{\"plan\": \"team\", \"users\": 3, \"yearly\": true}", "yearly" },
    { "{\"plan\": 1, \"users\": 3}", "plan" },
    { "{\"plan\": null, \"users\": 3}", "plan" },
    { "{\"plan\": \"nope\", \"users\": 3}", "plan" },
    { "{\"plan\": \"Team\", \"users\": 3}", "plan" },
    { "{\"plan\": \"team\", \"users\": \"3\"}", "users" },
    { "{\"plan\": \"team\", \"users\": 3.5}", "users" },
    { "{\"plan\": \"team\", \"users\": 3.0}", "users" },
    { "{\"plan\": \"team\", \"users\": null}", "users" },
    { "{\"plan\": \"team\", \"users\": 0}", "users" },
    { "{\"plan\": \"team\", \"users\": -1}", "users" },
    { "{\"plan\": \"organisation\", \"users\": 100001}", "users" },
    { "{\"plan\": \"organisation\", \"users\": 99999999999999999999}", "users" },
    { "{\"plan\": \"organisation\", \"users\": 100000}", NULL },
    { "{\"plan\": \"team\", \"users\": 16}", "users" },
    { "{\"plan\": \"team\", \"users\": 15}", NULL },
    { "{\"plan\": \"pro\", \"users\": 4}", "users" },
    { "{\"plan\": \"team\", \"users\": 3, \"billing\": \"weekly\"}", "billing" },
    { "{\"plan\": \"team\", \"users\": 3, \"billing\": \"Yearly\"}", "billing" },
    { "{\"plan\": \"team\", \"users\": 3, \"billing\": null}", "billing" },
    { "{\"plan\": \"team\", \"users\": 3, \"billing\": 12}", "billing" },
    { "{\"plan\": \"team\", \"users\": 3, \"billing\": \"monthly\"}", NULL },
    { "{\"plan\": \"team\", \"users\": 3, \"discounts\": \"new_kvk\"}", "discounts" },
    { "{\"plan\": \"team\", \"users\": 3, \"discounts\": null}", "discounts" },
    { "{\"plan\": \"team\", \"users\": 3, \"discounts\": [\"yearly\"]}", "discounts" },
    { "{\"plan\": \"team\", \"users\": 3, \"discounts\": [\"nope\"]}", "discounts" },
    { "{\"plan\": \"team\", \"users\": 3, \"discounts\": [\"anbi\", 1]}", "discounts" },
    { "{\"plan\": \"team\", \"users\": 3, \"discounts\": [null]}", "discounts" },
    { "{\"plan\": \"team\", \"users\": 3, \"discounts\": [[\"anbi\"]]}", "discounts" },
    { "{\"plan\": \"team\", \"users\": 3, \"discounts\": [{\"id\": \"anbi\"}]}", "discounts" },
    { "{\"plan\": \"team\", \"users\": 3, \"discounts\": []}", NULL },
    { "{\"plan\": \"team\", \"users\": 3, \"partner_users\": -1}", "partner_users" },
    { "{\"plan\": \"team\", \"users\": 3, \"partner_users\": 4}", "partner_users" },
    { "{\"plan\": \"team\", \"users\": 3, \"partner_users\": \"1\"}", "partner_users" },
    { "{\"plan\": \"team\", \"users\": 3, \"partner_users\": null}", "partner_users" },
    { "{\"plan\": \"team\", \"users\": 3, \"partner_users\": 3}", NULL },
    /* The first problem in field order is the one named. */
    { "{\"plan\": \"nope\", \"users\": 0}", "plan" },
    { "{\"plan\": \"team\", \"users\": 0, \"billing\": \"x\"}", "users" },
    { "{\"plan\": \"team\", \"users\": 16, \"discounts\": [\"x\"]}", "users" },
    { "{\"plan\": \"team\", \"users\": 3, \"billing\": \"x\", \"discounts\": [\"x\"]}", "billing" },
    { "{\"plan\": \"team\", \"users\": 3, \"discounts\": [\"x\"], \"partner_users\": 9}",
      "discounts" },
    { "{\"partner_users\": 9, \"plan\": \"nope\", \"users\": 3}", "plan" },
  };
  g_autoptr (KringPriceTable) table = load_table (doc_table);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KringQuoteRequest request;
      KringFieldError error = { 0 };
      gboolean ok = request_from_string (table, cases[i].body, &request, &error);

      g_test_message ("%s", cases[i].body);
      if (cases[i].field == NULL)
        {
          g_assert_true (ok);
          g_assert_cmpint (error.code, ==, KRING_PROBLEM_NONE);
          continue;
        }
      g_assert_false (ok);
      g_assert_cmpint (error.code, ==, KRING_PROBLEM_INVALID_FIELD);
      g_assert_cmpstr (error.field, ==, cases[i].field);
      g_assert_nonnull (error.detail);
      kring_field_error_clear (&error);
    }
}

static void
test_request_defaults (void)
{
  g_autoptr (KringPriceTable) table = load_table (doc_table);
  KringQuoteRequest request = request_from_string_ok (table, "{\"users\": 7, \"plan\": \"team\"}");

  g_assert_true (request.plan == kring_price_table_find_plan (table, "team"));
  g_assert_cmpint (request.users, ==, 7);
  g_assert_false (request.yearly);
  g_assert_cmpuint (request.discount_mask, ==, 0);
  g_assert_cmpint (request.partner_users, ==, 0);

  request = request_from_string_ok (
      table, "{\"plan\": \"pro\", \"users\": 2, \"billing\": \"yearly\", \"discounts\": "
             "[\"anbi\", \"new_kvk\", \"anbi\"], \"partner_users\": 2}");
  g_assert_true (request.yearly);
  g_assert_cmpuint (request.discount_mask, ==, (1u << 1) | (1u << 2));
  g_assert_cmpint (request.partner_users, ==, 2);
}

static void
test_request_check (void)
{
  g_autoptr (KringPriceTable) table = load_table (doc_table);
  g_autoptr (KringPriceTable) other = load_table (doc_table);
  const KringPlan *team = kring_price_table_find_plan (table, "team");
  static const struct
  {
    gint64 users;
    guint32 mask;
    gint64 partner_users;
    gboolean check_max_users;
    const char *field;
  } cases[] = {
    { 16, 0, 0, TRUE, "users" },
    { 16, 0, 0, FALSE, NULL }, /* account billing keeps working above max_users */
    { 100000, 0, 0, FALSE, NULL },
    { 100001, 0, 0, FALSE, "users" },
    { 0, 0, 0, FALSE, "users" },
    { 3, 1u << 0, 0, TRUE, "discounts" }, /* yearly is billing, not a discount to choose */
    { 3, 1u << 3, 0, TRUE, "discounts" }, /* beyond the table */
    { 3, 1u << 31, 0, TRUE, "discounts" },
    { 3, 6, 3, TRUE, NULL },
    { 3, 6, 4, TRUE, "partner_users" },
    { 3, 6, -1, TRUE, "partner_users" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KringQuoteRequest request
          = { team, cases[i].users, FALSE, cases[i].mask, cases[i].partner_users };
      KringFieldError error = { 0 };
      gboolean ok = kring_quote_request_check (table, &request, cases[i].check_max_users, &error);

      g_assert_cmpint (ok, ==, cases[i].field == NULL);
      g_assert_cmpstr (error.field, ==, cases[i].field);
      kring_field_error_clear (&error);
    }

  /* A plan must come from the table it is priced with. */
  {
    KringQuoteRequest request = { kring_price_table_find_plan (other, "team"), 3, FALSE, 0, 0 };
    KringFieldError error = { 0 };

    g_assert_false (kring_quote_request_check (table, &request, TRUE, &error));
    g_assert_cmpstr (error.field, ==, "plan");
    kring_field_error_clear (&error);
    request.plan = NULL;
    g_assert_false (kring_quote_request_check (table, &request, TRUE, &error));
    g_assert_cmpstr (error.field, ==, "plan");
    kring_field_error_clear (&error);
  }
}

/* Quotes */

static void
test_quote_worked_example (void)
{
  g_autoptr (KringPriceTable) table = load_table (doc_table);
  KringQuote quote;
  g_autofree char *json = quote_body (table, doc_request, &quote);

  g_assert_cmpint (quote.included_users, ==, 5);
  g_assert_cmpint (quote.extra_users, ==, 7);
  g_assert_cmpint (quote.base_cents, ==, 7900);
  g_assert_cmpint (quote.extra_users_cents, ==, 10500);
  g_assert_cmpint (quote.subtotal_cents, ==, 18400);
  g_assert_cmpint (quote.org_discount_index, ==, 1);
  g_assert_cmpint (quote.org_percent_bp, ==, 2000);
  g_assert_cmpint (quote.org_discount_cents, ==, 3680);
  g_assert_cmpint (quote.yearly_percent_bp, ==, 1000);
  g_assert_cmpint (quote.yearly_discount_cents, ==, 1472);
  g_assert_cmpint (quote.per_month.excl_vat_cents, ==, 13248);
  g_assert_cmpint (quote.per_month.vat_cents, ==, 2782);
  g_assert_cmpint (quote.per_month.incl_vat_cents, ==, 16030);
  g_assert_cmpint (quote.per_year.excl_vat_cents, ==, 158976);
  g_assert_cmpint (quote.per_year.vat_cents, ==, 33385);
  g_assert_cmpint (quote.per_year.incl_vat_cents, ==, 192361);
  g_assert_true (kring_quote_get_invoice (&quote) == &quote.per_year);
  g_assert_false (quote.sla_eligible);
  g_assert_cmpint (quote.partner_share_cents, ==, 0);

  assert_json_equal (json, doc_response);
}

static void
test_quote_lines (void)
{
  static const struct
  {
    const char *body;
    const char *lines;
    const char *discounts;
  } cases[] = {
    { "{\"plan\": \"pro\", \"users\": 1}", "base:2500", "" },
    { "{\"plan\": \"pro\", \"users\": 3}", "base:2500 extra_users:2x2000=4000", "" },
    { "{\"plan\": \"team\", \"users\": 5, \"billing\": \"yearly\"}", "base:7900 yearly@1000:-790",
      "" },
    /* Organisation discounts do not stack: the highest wins; all are echoed,
     * in table order, duplicates folded. */
    { "{\"plan\": \"team\", \"users\": 12, \"discounts\": [\"anbi\", \"new_kvk\", \"anbi\"]}",
      "base:7900 extra_users:7x1500=10500 new_kvk@2000:-3680", "new_kvk,anbi" },
    { "{\"plan\": \"team\", \"users\": 12, \"discounts\": [\"anbi\"]}",
      "base:7900 extra_users:7x1500=10500 anbi@1500:-2760", "anbi" },
    { "{\"plan\": \"organisation\", \"users\": 55}", "base:29900 extra_users:30x1100=33000", "" },
  };
  g_autoptr (KringPriceTable) table = load_table (doc_table);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KringQuote quote;
      g_autofree char *json = quote_body (table, cases[i].body, &quote);
      g_autofree char *lines = summarise_lines (json);
      g_autofree char *discounts = summarise_discounts (json);

      g_assert_cmpstr (lines, ==, cases[i].lines);
      g_assert_cmpstr (discounts, ==, cases[i].discounts);
    }
}

/* Ties, zero rates and zero prices, on a table made for them. */
static void
test_quote_lines_edge_table (void)
{
  static const char edge_table[]
      = "{\"currency\": \"EUR\", \"vat_rate_bp\": 0, \"setup_fee_cents\": 500,"
        " \"sla_min_extra_users\": 0,"
        " \"guest_rules\": {\"guests_per_dossier\": 1, \"dossiers_per_guest\": 1},"
        " \"plans\": [{\"id\": \"free\", \"name\": \"Free\", \"base_cents\": 0, "
        "\"included_users\": 2,"
        "              \"extra_user_cents\": 0, \"max_users\": null, \"features\": []},"
        "             {\"id\": \"seat\", \"name\": \"Seat\", \"base_cents\": 0, "
        "\"included_users\": 0,"
        "              \"extra_user_cents\": 999, \"max_users\": 9, \"features\": []}],"
        " \"discounts\": [{\"id\": \"a\", \"percent_bp\": 1500, \"kind\": \"organisation\"},"
        "               {\"id\": \"b\", \"percent_bp\": 1500, \"kind\": \"organisation\"},"
        "               {\"id\": \"zero\", \"percent_bp\": 0, \"kind\": \"organisation\"},"
        "               {\"id\": \"all\", \"percent_bp\": 10000, \"kind\": \"organisation\"},"
        "               {\"id\": \"yearly\", \"percent_bp\": 0, \"kind\": \"billing\"}]}";
  static const struct
  {
    const char *body;
    const char *lines;
    const char *discounts;
    gint64 month_excl;
  } cases[] = {
    { "{\"plan\": \"free\", \"users\": 50, \"billing\": \"yearly\"}", "", "", 0 },
    { "{\"plan\": \"seat\", \"users\": 1}", "extra_users:1x999=999", "", 999 },
    /* A tie names the first in table order. */
    { "{\"plan\": \"seat\", \"users\": 2, \"discounts\": [\"b\", \"a\"]}",
      "extra_users:2x999=1998 a@1500:-300", "a,b", 1698 },
    { "{\"plan\": \"seat\", \"users\": 2, \"discounts\": [\"b\"]}",
      "extra_users:2x999=1998 b@1500:-300", "b", 1698 },
    /* A zero discount is echoed but has no line. */
    { "{\"plan\": \"seat\", \"users\": 2, \"discounts\": [\"zero\"]}", "extra_users:2x999=1998",
      "zero", 1998 },
    { "{\"plan\": \"seat\", \"users\": 9, \"billing\": \"yearly\", \"discounts\": [\"all\", "
      "\"a\"]}",
      "extra_users:9x999=8991 all@10000:-8991", "a,all", 0 },
  };
  g_autoptr (KringPriceTable) table = load_table (edge_table);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KringQuote quote;
      g_autofree char *json = quote_body (table, cases[i].body, &quote);
      g_autofree char *lines = summarise_lines (json);
      g_autofree char *discounts = summarise_discounts (json);

      g_assert_cmpstr (lines, ==, cases[i].lines);
      g_assert_cmpstr (discounts, ==, cases[i].discounts);
      g_assert_cmpint (quote.per_month.excl_vat_cents, ==, cases[i].month_excl);
      g_assert_cmpint (quote.per_month.vat_cents, ==, 0);
      g_assert_cmpint (quote.setup_fee_cents, ==, 500);
      g_assert_true (quote.sla_eligible);
    }
}

static void
test_quote_partner_share (void)
{
  static const struct
  {
    const char *body;
    gint64 share;
  } cases[] = {
    { "{\"plan\": \"team\", \"users\": 12, \"partner_users\": 0}", 0 },
    { "{\"plan\": \"team\", \"users\": 12, \"partner_users\": 3}", 4500 },
    { "{\"plan\": \"team\", \"users\": 12, \"partner_users\": 7}", 10500 },
    /* The partner's seats are the last ones added: never any base price. */
    { "{\"plan\": \"team\", \"users\": 12, \"partner_users\": 8}", 10500 },
    { "{\"plan\": \"team\", \"users\": 12, \"partner_users\": 12}", 10500 },
    { "{\"plan\": \"team\", \"users\": 5, \"partner_users\": 5}", 0 },
    { "{\"plan\": \"team\", \"users\": 12, \"billing\": \"yearly\", \"discounts\": [\"new_kvk\"],"
      " \"partner_users\": 2}",
      2160 },
  };
  g_autoptr (KringPriceTable) table = load_table (doc_table);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KringQuote quote;
      g_autofree char *json = quote_body (table, cases[i].body, &quote);
      g_autoptr (JsonNode) root = parse_json (json);
      JsonObject *object = json_node_get_object (root);

      g_assert_cmpint (quote.partner_share_cents, ==, cases[i].share);
      g_assert_cmpint (json_object_get_int_member (object, "partner_share_cents"), ==,
                       cases[i].share);
      g_assert_cmpint (json_object_get_int_member (object, "partner_users"), ==,
                       quote.request.partner_users);
    }
}

static void
test_quote_next_teammate (void)
{
  static const struct
  {
    const char *body;
    gint64 next;
  } cases[] = {
    { "{\"plan\": \"team\", \"users\": 5}", 1500 },
    { "{\"plan\": \"team\", \"users\": 4}", 0 },
    { "{\"plan\": \"pro\", \"users\": 3}", 2000 }, /* beyond max_users: the caller's question */
    { "{\"plan\": \"team\", \"users\": 12, \"billing\": \"yearly\", \"discounts\": [\"new_kvk\"]}",
      1080 },
    { "{\"plan\": \"organisation\", \"users\": 100000}", 1100 },
  };
  g_autoptr (KringPriceTable) table = load_table (doc_table);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KringQuoteRequest request = request_from_string_ok (table, cases[i].body);

      g_assert_cmpint (kring_quote_next_teammate_cents (table, &request), ==, cases[i].next);
    }

  /* What the Teammates view shows: "€ 79,00 → € 94,00". */
  {
    KringQuoteRequest request = request_from_string_ok (table, cases[0].body);
    KringQuote quote;
    g_autofree char *now = NULL;
    g_autofree char *then = NULL;

    kring_quote_compute (table, &request, &quote);
    now = kring_money_format (quote.per_month.excl_vat_cents, "nl_NL.UTF-8");
    then = kring_money_format (quote.per_month.excl_vat_cents
                                   + kring_quote_next_teammate_cents (table, &request),
                               "nl_NL.UTF-8");
    g_assert_cmpstr (now, ==, "€ 79,00");
    g_assert_cmpstr (then, ==, "€ 94,00");
  }
}

/* Properties: every quote against an independent 128-bit evaluation of the
 * PRICING.md formulas, plus invariants that must hold between quotes. */

typedef __int128 Wide;

typedef struct
{
  Wide extra_users;
  Wide subtotal;
  int org_index;
  Wide org_bp;
  Wide org;
  Wide yearly;
  Wide month_excl;
  Wide month_vat;
  Wide year_excl;
  Wide year_vat;
} Expected;

static Wide
wide_pct (Wide x, Wide bp)
{
  return (x * bp + 5000) / 10000;
}

static void
expect_quote (KringPriceTable *table, const KringPlan *plan, gint64 users, gboolean yearly,
              guint32 mask, Expected *e)
{
  Wide vat_bp = kring_price_table_get_vat_rate_bp (table);
  Wide yearly_bp = kring_price_table_find_discount (table, "yearly")->percent_bp;
  guint n = kring_price_table_get_n_discounts (table);

  e->extra_users = users > plan->included_users ? users - plan->included_users : 0;
  e->subtotal = (Wide)plan->base_cents + e->extra_users * plan->extra_user_cents;
  /* The maximum first, then the first discount that has it. */
  e->org_bp = 0;
  for (guint i = 0; i < n; i++)
    if (mask & (1u << i))
      e->org_bp = MAX (e->org_bp, kring_price_table_get_discount (table, i)->percent_bp);
  e->org_index = -1;
  for (guint i = 0; i < n && e->org_index < 0; i++)
    if ((mask & (1u << i)) && kring_price_table_get_discount (table, i)->percent_bp == e->org_bp)
      e->org_index = (int)i;
  e->org = wide_pct (e->subtotal, e->org_bp);
  e->yearly = yearly ? wide_pct (e->subtotal - e->org, yearly_bp) : 0;
  e->month_excl = e->subtotal - e->org - e->yearly;
  e->month_vat = wide_pct (e->month_excl, vat_bp);
  e->year_excl = 12 * e->month_excl;
  e->year_vat = wide_pct (e->year_excl, vat_bp);
}

#define assert_wide_eq(a, b)                                                                       \
  G_STMT_START                                                                                     \
  {                                                                                                \
    Wide a_ = (a), b_ = (b);                                                                       \
    if (a_ != b_)                                                                                  \
      g_error ("%s (%" G_GINT64_FORMAT ") != %s (%" G_GINT64_FORMAT ")", #a, (gint64)a_, #b,       \
               (gint64)b_);                                                                        \
  }                                                                                                \
  G_STMT_END

static const char *const quote_members[] = {
  "currency",        "plan",           "users",         "billing",
  "discounts",       "included_users", "extra_users",   "lines",
  "per_month",       "per_year",       "invoice",       "vat_rate_bp",
  "setup_fee_cents", "sla_eligible",   "partner_users", "partner_share_cents",
};

static void
check_amounts_json (JsonObject *object, const char *name, const KringAmounts *amounts)
{
  JsonObject *member = json_object_get_object_member (object, name);

  g_assert_cmpint (json_object_get_int_member (member, "excl_vat_cents"), ==,
                   amounts->excl_vat_cents);
  g_assert_cmpint (json_object_get_int_member (member, "vat_cents"), ==, amounts->vat_cents);
  g_assert_cmpint (json_object_get_int_member (member, "incl_vat_cents"), ==,
                   amounts->incl_vat_cents);
}

static void
check_lines_json (KringPriceTable *table, const KringQuote *q, JsonArray *lines)
{
  gint64 sum = 0;
  guint discount_lines = 0;

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      const char *kind = json_object_get_string_member (line, "kind");
      gint64 amount = json_object_get_int_member (line, "amount_cents");

      g_assert_cmpint (amount, !=, 0);
      sum += amount;
      if (g_str_equal (kind, "base"))
        g_assert_cmpint (amount, ==, q->request.plan->base_cents);
      else if (g_str_equal (kind, "extra_users"))
        g_assert_cmpint (json_object_get_int_member (line, "quantity")
                             * json_object_get_int_member (line, "unit_cents"),
                         ==, amount);
      else
        {
          const char *id = json_object_get_string_member (line, "discount");
          gboolean yearly = g_str_equal (id, "yearly");

          g_assert_cmpstr (kind, ==, "discount");
          g_assert_cmpint (amount, <, 0);
          g_assert_cmpint (yearly, ==, discount_lines > 0 || q->org_discount_cents == 0);
          if (!yearly)
            g_assert_cmpint (kring_price_table_get_discount_index (table, id), ==,
                             q->org_discount_index);
          discount_lines++;
        }
    }
  g_assert_cmpint (sum, ==, q->per_month.excl_vat_cents);
}

static void
check_quote_json (KringPriceTable *table, const KringQuote *q)
{
  g_autofree char *json = quote_to_json (table, q);
  g_autoptr (JsonNode) root = parse_json (json);
  JsonObject *object = json_node_get_object (root);
  g_autoptr (GList) members = json_object_get_members (object);
  JsonArray *ids = json_object_get_array_member (object, "discounts");
  JsonObject *invoice = json_object_get_object_member (object, "invoice");
  guint n_ids = 0;
  GList *l = members;

  for (gsize i = 0; i < G_N_ELEMENTS (quote_members); i++, l = l->next)
    g_assert_cmpstr (l->data, ==, quote_members[i]);
  g_assert_null (l);
  g_assert_cmpstr (json_object_get_string_member (object, "plan"), ==, q->request.plan->id);
  g_assert_cmpint (json_object_get_int_member (object, "users"), ==, q->request.users);
  g_assert_cmpstr (json_object_get_string_member (object, "billing"), ==,
                   q->request.yearly ? "yearly" : "monthly");
  for (guint i = 0; i < kring_price_table_get_n_discounts (table); i++)
    if (q->request.discount_mask & (1u << i))
      g_assert_cmpstr (json_array_get_string_element (ids, n_ids++), ==,
                       kring_price_table_get_discount (table, i)->id);
  g_assert_cmpuint (json_array_get_length (ids), ==, n_ids);
  check_lines_json (table, q, json_object_get_array_member (object, "lines"));
  check_amounts_json (object, "per_month", &q->per_month);
  check_amounts_json (object, "per_year", &q->per_year);
  check_amounts_json (object, "invoice", kring_quote_get_invoice (q));
  g_assert_cmpstr (json_object_get_string_member (invoice, "period"), ==,
                   q->request.yearly ? "year" : "month");
  g_assert_cmpint (json_object_get_boolean_member (object, "sla_eligible"), ==, q->sla_eligible);
  g_assert_cmpint (json_object_get_int_member (object, "partner_share_cents"), ==,
                   q->partner_share_cents);
}

/* The request again, as a body with the discounts shuffled and repeated. */
static void
check_request_round_trip (KringPriceTable *table, const KringQuoteRequest *request, GRand *rand)
{
  g_autoptr (GString) body = g_string_new (NULL);
  KringQuoteRequest parsed;
  gboolean first = TRUE;

  g_string_append_printf (body, "{\"users\": %" G_GINT64_FORMAT ", \"plan\": \"%s\"",
                          request->users, request->plan->id);
  if (request->yearly || g_rand_boolean (rand))
    g_string_append_printf (body, ", \"billing\": \"%s\"", request->yearly ? "yearly" : "monthly");
  if (request->partner_users > 0 || g_rand_boolean (rand))
    g_string_append_printf (body, ", \"partner_users\": %" G_GINT64_FORMAT, request->partner_users);
  g_string_append (body, ", \"discounts\": [");
  for (guint k = 0; k < 3; k++)
    for (guint i = kring_price_table_get_n_discounts (table); i-- > 0;)
      if ((request->discount_mask & (1u << i)) && (guint)g_rand_int_range (rand, 0, 3) > k)
        {
          g_string_append_printf (body, "%s\"%s\"", first ? "" : ", ",
                                  kring_price_table_get_discount (table, i)->id);
          first = FALSE;
        }
  /* Make sure every chosen one is there at least once. */
  for (guint i = 0; i < kring_price_table_get_n_discounts (table); i++)
    if (request->discount_mask & (1u << i))
      {
        g_string_append_printf (body, "%s\"%s\"", first ? "" : ", ",
                                kring_price_table_get_discount (table, i)->id);
        first = FALSE;
      }
  g_string_append (body, "]}");

  parsed = request_from_string_ok (table, body->str);
  g_assert_true (parsed.plan == request->plan);
  g_assert_cmpint (parsed.users, ==, request->users);
  g_assert_cmpint (parsed.yearly, ==, request->yearly);
  g_assert_cmpuint (parsed.discount_mask, ==, request->discount_mask);
  g_assert_cmpint (parsed.partner_users, ==, request->partner_users);
}

static void
check_against_expected (KringPriceTable *table, const KringQuote *q)
{
  const KringQuoteRequest *r = &q->request;
  Expected e;

  expect_quote (table, r->plan, r->users, r->yearly, r->discount_mask, &e);
  assert_wide_eq (q->extra_users, e.extra_users);
  assert_wide_eq (q->subtotal_cents, e.subtotal);
  assert_wide_eq (q->org_discount_index, e.org_index);
  assert_wide_eq (q->org_percent_bp, e.org_bp);
  assert_wide_eq (q->org_discount_cents, e.org);
  assert_wide_eq (q->yearly_discount_cents, e.yearly);
  assert_wide_eq (q->per_month.excl_vat_cents, e.month_excl);
  assert_wide_eq (q->per_month.vat_cents, e.month_vat);
  assert_wide_eq (q->per_year.excl_vat_cents, e.year_excl);
  assert_wide_eq (q->per_year.vat_cents, e.year_vat);
}

/* 0 ≤ share ≤ month_excl, at most the partner seats at list price, and
 * nothing while every seat fits in the included users. */
static void
check_partner_share (KringPriceTable *table, const KringQuote *q)
{
  const KringQuoteRequest *r = &q->request;
  gint64 rest = r->users - r->partner_users;
  Expected e;

  g_assert_cmpint (q->partner_share_cents, >=, 0);
  g_assert_cmpint (q->partner_share_cents, <=, q->per_month.excl_vat_cents);
  g_assert_cmpint (q->partner_share_cents, <=, r->partner_users * r->plan->extra_user_cents);
  if (r->users <= r->plan->included_users || r->partner_users == 0)
    g_assert_cmpint (q->partner_share_cents, ==, 0);

  expect_quote (table, r->plan, rest, r->yearly, r->discount_mask, &e);
  assert_wide_eq (q->partner_share_cents, q->per_month.excl_vat_cents - e.month_excl);
  if (rest >= 1)
    {
      KringQuoteRequest smaller = { r->plan, rest, r->yearly, r->discount_mask, 0 };
      KringQuote s;

      kring_quote_compute (table, &smaller, &s);
      g_assert_cmpint (q->partner_share_cents, ==,
                       q->per_month.excl_vat_cents - s.per_month.excl_vat_cents);
    }
}

static void
check_invariants (KringPriceTable *table, const KringQuote *q)
{
  g_assert_cmpint (q->per_month.incl_vat_cents, ==,
                   q->per_month.excl_vat_cents + q->per_month.vat_cents);
  g_assert_cmpint (q->per_year.incl_vat_cents, ==,
                   q->per_year.excl_vat_cents + q->per_year.vat_cents);
  g_assert_cmpint (q->per_year.excl_vat_cents, ==, 12 * q->per_month.excl_vat_cents);
  /* Twelve monthly roundings and one yearly one differ by at most 6.5 cents. */
  g_assert_cmpint (ABS (q->per_year.vat_cents - 12 * q->per_month.vat_cents), <=, 6);
  g_assert_cmpint (q->per_month.vat_cents, >=, 0);
  g_assert_cmpint (q->org_discount_cents, >=, 0);
  g_assert_cmpint (q->yearly_discount_cents, >=, 0);
  g_assert_cmpint (q->per_month.excl_vat_cents, >=, 0);
  g_assert_cmpint (q->per_month.excl_vat_cents, <=, q->subtotal_cents);
  g_assert_cmpint (q->base_cents + q->extra_users_cents - q->org_discount_cents
                       - q->yearly_discount_cents,
                   ==, q->per_month.excl_vat_cents);
  g_assert_cmpint (q->extra_users_cents, ==, q->extra_users * q->request.plan->extra_user_cents);
  g_assert_cmpint (q->included_users + q->extra_users, >=, q->request.users);
  g_assert_cmpint (q->sla_eligible, ==,
                   q->extra_users >= kring_price_table_get_sla_min_extra_users (table));
  g_assert_true (kring_quote_get_invoice (q) == (q->request.yearly ? &q->per_year : &q->per_month));
  g_assert_cmpint (q->vat_rate_bp, ==, kring_price_table_get_vat_rate_bp (table));
  g_assert_cmpint (q->setup_fee_cents, ==, kring_price_table_get_setup_fee_cents (table));
}

static guint n_quotes_checked;

static void
check_quote (KringPriceTable *table, const KringQuoteRequest *r, gboolean with_json, KringQuote *q)
{
  KringFieldError error = { 0 };

  g_assert_true (kring_quote_request_check (table, r, FALSE, &error));
  kring_quote_compute (table, r, q);
  g_assert_true (q->request.plan == r->plan);
  g_assert_cmpint (q->request.users, ==, r->users);
  g_assert_cmpint (q->request.partner_users, ==, r->partner_users);
  check_against_expected (table, q);
  check_invariants (table, q);
  check_partner_share (table, q);
  if (with_json)
    check_quote_json (table, q);
  n_quotes_checked++;
}

/* Relations to neighbouring requests: one user less, monthly billing, one
 * chosen discount less, one teammate more. */
static void
check_neighbours (KringPriceTable *table, const KringQuoteRequest *r, const KringQuote *q)
{
  KringQuoteRequest other = *r;
  KringQuote o;
  Expected e;
  gint64 next;

  other.partner_users = 0;
  if (r->users > KRING_QUOTE_MIN_USERS)
    {
      other.users = r->users - 1;
      kring_quote_compute (table, &other, &o);
      g_assert_cmpint (o.per_month.excl_vat_cents, <=, q->per_month.excl_vat_cents);
      g_assert_cmpint (o.per_month.incl_vat_cents, <=, q->per_month.incl_vat_cents);
      g_assert_cmpint (o.per_year.incl_vat_cents, <=, q->per_year.incl_vat_cents);
      other.users = r->users;
    }
  if (r->yearly)
    {
      other.yearly = FALSE;
      kring_quote_compute (table, &other, &o);
      g_assert_cmpint (q->per_month.excl_vat_cents, <=, o.per_month.excl_vat_cents);
      g_assert_cmpint (q->per_year.incl_vat_cents, <=, o.per_year.incl_vat_cents);
      other.yearly = TRUE;
    }
  for (guint i = 0; i < KRING_PRICING_MAX_DISCOUNTS; i++)
    if (r->discount_mask & (1u << i))
      {
        other.discount_mask = r->discount_mask & ~(1u << i);
        kring_quote_compute (table, &other, &o);
        g_assert_cmpint (q->per_month.excl_vat_cents, <=, o.per_month.excl_vat_cents);
        g_assert_cmpint (q->org_percent_bp, >=, o.org_percent_bp);
      }

  next = kring_quote_next_teammate_cents (table, r);
  expect_quote (table, r->plan, r->users + 1, r->yearly, r->discount_mask, &e);
  assert_wide_eq (next, e.month_excl - q->per_month.excl_vat_cents);
  g_assert_cmpint (next, >=, 0);
  g_assert_cmpint (next, <=, r->plan->extra_user_cents);
  if (r->users + 1 <= r->plan->included_users)
    g_assert_cmpint (next, ==, 0);
}

/* Every discount subset, both billings and a spread of partner_users for
 * one plan and number of users. */
static void
explore (KringPriceTable *table, const KringPlan *plan, gint64 users, guint json_every, GRand *rand)
{
  guint32 all = organisation_mask (table);
  guint32 mask = 0;

  do
    {
      for (int yearly = 0; yearly <= 1; yearly++)
        {
          gint64 partners[] = { 0,         1,     users / 2,
                                users - 1, users, g_rand_int_range (rand, 0, (gint32)users + 1) };
          gboolean with_json = g_rand_int_range (rand, 0, json_every) == 0;

          for (gsize p = 0; p < G_N_ELEMENTS (partners); p++)
            {
              KringQuoteRequest r = { plan, users, yearly, mask, MIN (partners[p], users) };
              KringQuote q;

              check_quote (table, &r, with_json && p == 0, &q);
              if (p == 0)
                check_neighbours (table, &r, &q);
              if (p == 5 && with_json)
                check_request_round_trip (table, &r, rand);
            }
        }
      mask = (mask - all) & all; /* the next subset of all */
    }
  while (mask != 0);
}

static gint64
plan_limit (const KringPlan *plan)
{
  return plan->max_users < 0 ? KRING_QUOTE_MAX_USERS : MIN (plan->max_users, KRING_QUOTE_MAX_USERS);
}

static void
test_properties_shipped_table (void)
{
  g_autoptr (KringPriceTable) table = load_table (doc_table);
  g_autoptr (GRand) rand = g_rand_new_with_seed (TEST_SEED);

  n_quotes_checked = 0;
  for (guint i = 0; i < kring_price_table_get_n_plans (table); i++)
    {
      const KringPlan *plan = kring_price_table_get_plan (table, i);
      gint64 limit = plan_limit (plan);
      /* Every count up to well past the SLA threshold, then a sample. */
      gint64 dense = MIN (limit, plan->included_users + 100);

      for (gint64 users = 1; users <= dense; users++)
        explore (table, plan, users, 1, rand);
      for (guint k = 0; k < 300 && dense < limit; k++)
        explore (table, plan, g_rand_int_range (rand, (gint32)dense + 1, (gint32)limit + 1), 1,
                 rand);
      if (dense < limit)
        explore (table, plan, limit, 1, rand);
    }
  g_test_message ("%u quotes checked", n_quotes_checked);
}

static gint64
random_cents (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 8))
    {
      case 0:
        return 0;
      case 1:
        return KRING_PRICING_MAX_CENTS;
      case 2:
        return g_rand_int_range (rand, 0, (gint32)KRING_PRICING_MAX_CENTS + 1);
      default:
        return g_rand_int_range (rand, 0, 100000);
    }
}

static gint64
random_bp (GRand *rand)
{
  static const gint64 some[] = { 0, 1, 1000, 1500, 2000, 2000, 4999, 5000, 9999, 10000 };

  if (g_rand_boolean (rand))
    return some[g_rand_int_range (rand, 0, G_N_ELEMENTS (some))];
  return g_rand_int_range (rand, 0, KRING_PRICING_MAX_BP + 1);
}

static void
append_random_plan (GString *json, guint i, GRand *rand)
{
  gint64 included = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 60) : 0;

  g_string_append_printf (
      json,
      "%s{\"id\": \"p%u\", \"name\": \"Plan %u\", \"base_cents\": %" G_GINT64_FORMAT
      ", \"included_users\": %" G_GINT64_FORMAT ", \"extra_user_cents\": %" G_GINT64_FORMAT
      ", \"max_users\": ",
      i > 0 ? ", " : "", i, i, random_cents (rand), included, random_cents (rand));
  if (g_rand_int_range (rand, 0, 3) == 0)
    g_string_append (json, "null");
  else
    g_string_append_printf (json, "%d", g_rand_int_range (rand, 1, 120));
  g_string_append (json, ", \"features\": [\"a\", \"b\"]}");
}

static char *
random_table (GRand *rand)
{
  static const gint64 vat_rates[] = { 0, 900, 2100, 10000 };
  GString *json = g_string_new ("{\"currency\": \"EUR\", ");
  guint n_plans = g_rand_int_range (rand, 1, 5);
  guint n_discounts = g_rand_int_range (rand, 1, 6);
  guint yearly = g_rand_int_range (rand, 0, n_discounts);

  g_string_append_printf (
      json,
      "\"vat_rate_bp\": %" G_GINT64_FORMAT ", \"setup_fee_cents\": %" G_GINT64_FORMAT
      ", \"sla_min_extra_users\": %d, \"guest_rules\": {\"guests_per_dossier\": "
      "1000, \"dossiers_per_guest\": 3}, \"plans\": [",
      g_rand_boolean (rand) ? vat_rates[g_rand_int_range (rand, 0, 4)] : random_bp (rand),
      random_cents (rand), g_rand_int_range (rand, 0, 60));
  for (guint i = 0; i < n_plans; i++)
    append_random_plan (json, i, rand);
  g_string_append (json, "], \"discounts\": [");
  for (guint i = 0; i < n_discounts; i++)
    {
      g_autofree char *id = i == yearly ? g_strdup ("yearly") : g_strdup_printf ("d%u", i);

      g_string_append_printf (
          json, "%s{\"id\": \"%s\", \"percent_bp\": %" G_GINT64_FORMAT ", \"kind\": \"%s\"}",
          i > 0 ? ", " : "", id, random_bp (rand), i == yearly ? "billing" : "organisation");
    }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static void
explore_users (KringPriceTable *table, const KringPlan *plan, gint64 users, GRand *rand)
{
  if (users >= KRING_QUOTE_MIN_USERS && users <= plan_limit (plan))
    explore (table, plan, users, 8, rand);
}

/* Random tables within the validated limits, boundary user counts included. */
static void
test_properties_random_tables (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (TEST_SEED);

  n_quotes_checked = 0;
  for (guint t = 0; t < 60; t++)
    {
      g_autofree char *json = random_table (rand);
      g_autoptr (KringPriceTable) table = load_table (json);
      gint64 sla_min = kring_price_table_get_sla_min_extra_users (table);

      assert_json_equal (kring_price_table_get_json (table), json);
      for (guint i = 0; i < kring_price_table_get_n_plans (table); i++)
        {
          const KringPlan *plan = kring_price_table_get_plan (table, i);
          gint64 limit = plan_limit (plan);
          gint64 included = plan->included_users;
          gint64 picks[] = { 1,
                             2,
                             included - 1,
                             included,
                             included + 1,
                             included + sla_min - 1,
                             included + sla_min,
                             limit - 1,
                             limit };

          for (gsize k = 0; k < G_N_ELEMENTS (picks); k++)
            explore_users (table, plan, picks[k], rand);
          for (guint k = 0; k < 12; k++)
            explore_users (table, plan, g_rand_int_range (rand, 1, (gint32)limit + 1), rand);
        }
    }
  g_test_message ("%u quotes checked", n_quotes_checked);
}

/* The largest numbers a table allows: the 128-bit evaluation shows that no
 * gint64 overflowed. */
static void
test_properties_extremes (void)
{
  static const char extreme_table[]
      = "{\"currency\": \"EUR\", \"vat_rate_bp\": 10000, \"setup_fee_cents\": 100000000,"
        " \"sla_min_extra_users\": 99999,"
        " \"guest_rules\": {\"guests_per_dossier\": 1000, \"dossiers_per_guest\": 3},"
        " \"plans\": [{\"id\": \"max\", \"name\": \"Max\", \"base_cents\": 100000000,"
        "              \"included_users\": 0, \"extra_user_cents\": 100000000, \"max_users\": null,"
        "              \"features\": []}],"
        " \"discounts\": [{\"id\": \"yearly\", \"percent_bp\": 9999, \"kind\": \"billing\"},"
        "               {\"id\": \"a\", \"percent_bp\": 1, \"kind\": \"organisation\"},"
        "               {\"id\": \"b\", \"percent_bp\": 5000, \"kind\": \"organisation\"},"
        "               {\"id\": \"c\", \"percent_bp\": 0, \"kind\": \"organisation\"}]}";
  g_autoptr (KringPriceTable) table = load_table (extreme_table);
  g_autoptr (GRand) rand = g_rand_new_with_seed (TEST_SEED);
  const KringPlan *plan = kring_price_table_get_plan (table, 0);
  KringQuoteRequest request = { plan, KRING_QUOTE_MAX_USERS, FALSE, 0, 0 };
  KringQuote quote;

  explore (table, plan, KRING_QUOTE_MAX_USERS, 1, rand);
  explore (table, plan, KRING_QUOTE_MAX_USERS - 1, 1, rand);
  explore (table, plan, 1, 1, rand);

  kring_quote_compute (table, &request, &quote);
  g_assert_cmpint (quote.per_year.incl_vat_cents, ==, G_GINT64_CONSTANT (240002400000000));
  g_assert_true (quote.sla_eligible);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pricing/table/shipped-file", test_table_shipped_file);
  g_test_add_func ("/pricing/table/accessors", test_table_accessors);
  g_test_add_func ("/pricing/table/invalid", test_table_invalid);
  g_test_add_func ("/pricing/table/invalid-json", test_table_invalid_json);
  g_test_add_func ("/pricing/table/discount-limit", test_table_discount_limit);
  g_test_add_func ("/pricing/table/valid-variants", test_table_valid_variants);
  g_test_add_func ("/pricing/request/invalid", test_request_invalid);
  g_test_add_func ("/pricing/request/defaults", test_request_defaults);
  g_test_add_func ("/pricing/request/check", test_request_check);
  g_test_add_func ("/pricing/quote/worked-example", test_quote_worked_example);
  g_test_add_func ("/pricing/quote/lines", test_quote_lines);
  g_test_add_func ("/pricing/quote/lines-edge-table", test_quote_lines_edge_table);
  g_test_add_func ("/pricing/quote/partner-share", test_quote_partner_share);
  g_test_add_func ("/pricing/quote/next-teammate", test_quote_next_teammate);
  g_test_add_func ("/pricing/properties/shipped-table", test_properties_shipped_table);
  g_test_add_func ("/pricing/properties/random-tables", test_properties_random_tables);
  g_test_add_func ("/pricing/properties/extremes", test_properties_extremes);

  return g_test_run ();
}
