/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include <string.h>

#include "kring-pricing.h"

/* Overflow: all arithmetic is on gint64 and cannot overflow within the
 * validated ranges.  users ≤ KRING_QUOTE_MAX_USERS + 1 (the next-teammate
 * quote), base_cents and extra_user_cents ≤ KRING_PRICING_MAX_CENTS = 10^8,
 * so a subtotal is at most 10^8 + 100001 × 10^8 < 1.01 × 10^13.  Discounts
 * only lower it.  The largest product is pct(year_excl, vat_rate_bp) with
 * year_excl ≤ 12 × 1.01 × 10^13 and vat_rate_bp ≤ 10^4: below 1.3 × 10^18,
 * well under G_MAXINT64 ≈ 9.2 × 10^18. */

struct _KringPriceTable
{
  char *json;
  char *currency;
  gint64 vat_rate_bp;
  gint64 setup_fee_cents;
  gint64 sla_min_extra_users;
  gint64 guests_per_dossier;
  gint64 dossiers_per_guest;
  KringPlan *plans;
  guint n_plans;
  KringDiscount *discounts;
  guint n_discounts;
  guint yearly; /* index of the "yearly" discount */
};

G_DEFINE_BOXED_TYPE (KringPriceTable, kring_price_table, kring_price_table_ref,
                     kring_price_table_unref)

/* Loading */

static const KringFieldSpec table_fields[] = {
  { "currency", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "vat_rate_bp", KRING_FIELD_INT, KRING_FIELD_REQUIRED },
  { "setup_fee_cents", KRING_FIELD_INT, KRING_FIELD_REQUIRED },
  { "sla_min_extra_users", KRING_FIELD_INT, KRING_FIELD_REQUIRED },
  { "guest_rules", KRING_FIELD_OBJECT, KRING_FIELD_REQUIRED },
  { "plans", KRING_FIELD_ARRAY, KRING_FIELD_REQUIRED },
  { "discounts", KRING_FIELD_ARRAY, KRING_FIELD_REQUIRED },
};

static const KringFieldSpec guest_rules_fields[] = {
  { "guests_per_dossier", KRING_FIELD_INT, KRING_FIELD_REQUIRED },
  { "dossiers_per_guest", KRING_FIELD_INT, KRING_FIELD_REQUIRED },
};

static const KringFieldSpec plan_fields[] = {
  { "id", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "name", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "base_cents", KRING_FIELD_INT, KRING_FIELD_REQUIRED },
  { "included_users", KRING_FIELD_INT, KRING_FIELD_REQUIRED },
  { "extra_user_cents", KRING_FIELD_INT, KRING_FIELD_REQUIRED },
  { "max_users", KRING_FIELD_INT, KRING_FIELD_REQUIRED | KRING_FIELD_NULLABLE },
  { "features", KRING_FIELD_ARRAY, KRING_FIELD_REQUIRED },
};

static const KringFieldSpec discount_fields[] = {
  { "id", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "percent_bp", KRING_FIELD_INT, KRING_FIELD_REQUIRED },
  { "kind", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
};

static gboolean shape_error (GError **error, const char *where, const char *member,
                             const char *format, ...) G_GNUC_PRINTF (4, 5);

/* Names the offending member as a path ("plans[1].max_users") so that an
 * operator can find it in a --pricing file. */
static gboolean
shape_error (GError **error, const char *where, const char *member, const char *format, ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, KRING_PROBLEM_ERROR, KRING_PROBLEM_INVALID_FIELD,
               "Invalid price table: %s%s%s: %s", where, *where && *member ? "." : "", member,
               detail);
  return FALSE;
}

/* kring_json_check_fields() words its details for API requests; an operator
 * reading a --pricing error needs them in terms of the table. */
static const char *
shape_reason (JsonObject *object, const KringFieldSpec *specs, gsize n_specs, const char *field)
{
  for (gsize i = 0; i < n_specs; i++)
    if (g_str_equal (specs[i].name, field))
      return json_object_has_member (object, field) ? "has the wrong type" : "is missing";
  return "is not a member of the price table";
}

static gboolean
check_shape (JsonObject *object, const KringFieldSpec *specs, gsize n_specs, const char *where,
             GError **error)
{
  KringFieldError field_error = { 0 };
  const char *field;

  if (kring_json_check_fields (object, specs, n_specs, &field_error))
    return TRUE;
  field = field_error.field != NULL ? field_error.field : "";
  shape_error (error, where, field, "%s", shape_reason (object, specs, n_specs, field));
  kring_field_error_clear (&field_error);
  return FALSE;
}

static gboolean
read_int (JsonObject *object, const char *member, gint64 max, const char *where, gint64 *out,
          GError **error)
{
  gint64 value = kring_json_get_int (object, member, -1);

  if (value < 0 || value > max)
    {
      if (max == G_MAXINT64)
        return shape_error (error, where, member, "must not be negative");
      return shape_error (error, where, member, "must be between 0 and %" G_GINT64_FORMAT, max);
    }
  *out = value;
  return TRUE;
}

static gboolean
read_string (JsonObject *object, const char *member, const char *where, char **out, GError **error)
{
  const char *value = kring_json_get_string (object, member, "");

  if (*value == '\0')
    return shape_error (error, where, member, "must not be empty");
  *out = g_strdup (value);
  return TRUE;
}

static void
plan_clear (KringPlan *plan)
{
  g_clear_pointer (&plan->id, g_free);
  g_clear_pointer (&plan->name, g_free);
  g_clear_pointer (&plan->features, g_strfreev);
}

static void
discount_clear (KringDiscount *discount)
{
  g_clear_pointer (&discount->id, g_free);
  g_clear_pointer (&discount->kind, g_free);
}

static void
price_table_clear (gpointer data)
{
  KringPriceTable *table = data;

  for (guint i = 0; i < table->n_plans; i++)
    plan_clear (&table->plans[i]);
  for (guint i = 0; i < table->n_discounts; i++)
    discount_clear (&table->discounts[i]);
  g_free (table->plans);
  g_free (table->discounts);
  g_free (table->currency);
  g_free (table->json);
}

static gboolean
read_features (JsonArray *array, const char *where, GStrv *out, GError **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *member = g_strdup_printf ("features[%u]", i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return shape_error (error, where, member, "must be a string");
      if (*json_node_get_string (node) == '\0')
        return shape_error (error, where, member, "must not be empty");
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_max_users (JsonObject *object, const char *where, gint64 *out, GError **error)
{
  if (kring_json_has_null (object, "max_users"))
    {
      *out = -1;
      return TRUE;
    }
  *out = kring_json_get_int (object, "max_users", 0);
  if (*out < KRING_QUOTE_MIN_USERS)
    return shape_error (error, where, "max_users", "must be null or at least 1");
  return TRUE;
}

static gboolean
read_plan (JsonObject *object, const char *where, KringPlan *plan, GError **error)
{
  return check_shape (object, plan_fields, G_N_ELEMENTS (plan_fields), where, error)
         && read_string (object, "id", where, &plan->id, error)
         && read_string (object, "name", where, &plan->name, error)
         && read_int (object, "base_cents", KRING_PRICING_MAX_CENTS, where, &plan->base_cents,
                      error)
         && read_int (object, "included_users", G_MAXINT64, where, &plan->included_users, error)
         && read_int (object, "extra_user_cents", KRING_PRICING_MAX_CENTS, where,
                      &plan->extra_user_cents, error)
         && read_max_users (object, where, &plan->max_users, error)
         && read_features (json_object_get_array_member (object, "features"), where,
                           &plan->features, error);
}

static JsonObject *
get_element_object (JsonArray *array, guint i, const char *where, GError **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      shape_error (error, where, "", "must be an object");
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_plans (KringPriceTable *table, JsonArray *array, GError **error)
{
  guint n = json_array_get_length (array);

  if (n == 0)
    return shape_error (error, "", "plans", "must hold at least one plan");
  table->plans = g_new0 (KringPlan, n);
  table->n_plans = n;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf ("plans[%u]", i);
      JsonObject *object = get_element_object (array, i, where, error);

      if (object == NULL || !read_plan (object, where, &table->plans[i], error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_str_equal (table->plans[j].id, table->plans[i].id))
          return shape_error (error, where, "id", "repeats the id of plans[%u]", j);
    }
  return TRUE;
}

/* Only the yearly discount can be of kind billing: nothing else in a quote
 * request could choose another billing discount. */
static gboolean
check_discount_kind (const KringDiscount *discount, const char *where, GError **error)
{
  gboolean yearly = g_str_equal (discount->id, "yearly");

  if (yearly && !g_str_equal (discount->kind, "billing"))
    return shape_error (error, where, "kind", "must be \"billing\" for the yearly discount");
  if (!yearly && !g_str_equal (discount->kind, "organisation"))
    return shape_error (error, where, "kind", "must be \"organisation\"");
  return TRUE;
}

static gboolean
read_discount (JsonObject *object, const char *where, KringDiscount *discount, GError **error)
{
  return check_shape (object, discount_fields, G_N_ELEMENTS (discount_fields), where, error)
         && read_string (object, "id", where, &discount->id, error)
         && read_int (object, "percent_bp", KRING_PRICING_MAX_BP, where, &discount->percent_bp,
                      error)
         && read_string (object, "kind", where, &discount->kind, error)
         && check_discount_kind (discount, where, error);
}

static gboolean
read_discounts (KringPriceTable *table, JsonArray *array, GError **error)
{
  guint n = json_array_get_length (array);

  if (n > KRING_PRICING_MAX_DISCOUNTS)
    return shape_error (error, "", "discounts", "must hold at most %d discounts",
                        KRING_PRICING_MAX_DISCOUNTS);
  table->discounts = g_new0 (KringDiscount, n);
  table->n_discounts = n;
  table->yearly = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf ("discounts[%u]", i);
      JsonObject *object = get_element_object (array, i, where, error);

      if (object == NULL || !read_discount (object, where, &table->discounts[i], error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_str_equal (table->discounts[j].id, table->discounts[i].id))
          return shape_error (error, where, "id", "repeats the id of discounts[%u]", j);
      if (g_str_equal (table->discounts[i].id, "yearly"))
        table->yearly = i;
    }
  if (table->yearly == G_MAXUINT)
    return shape_error (error, "", "discounts", "must hold the \"yearly\" discount");
  return TRUE;
}

/* The money formatting of the clients knows only the euro. */
static gboolean
read_currency (KringPriceTable *table, JsonObject *root, GError **error)
{
  const char *currency = kring_json_get_string (root, "currency", "");

  if (!g_str_equal (currency, "EUR"))
    return shape_error (error, "", "currency", "must be \"EUR\"");
  table->currency = g_strdup (currency);
  return TRUE;
}

static gboolean
read_guest_rules (KringPriceTable *table, JsonObject *object, GError **error)
{
  return check_shape (object, guest_rules_fields, G_N_ELEMENTS (guest_rules_fields), "guest_rules",
                      error)
         && read_int (object, "guests_per_dossier", G_MAXINT64, "guest_rules",
                      &table->guests_per_dossier, error)
         && read_int (object, "dossiers_per_guest", G_MAXINT64, "guest_rules",
                      &table->dossiers_per_guest, error);
}

static gboolean
read_table (KringPriceTable *table, JsonObject *root, GError **error)
{
  return check_shape (root, table_fields, G_N_ELEMENTS (table_fields), "", error)
         && read_currency (table, root, error)
         && read_int (root, "vat_rate_bp", KRING_PRICING_MAX_BP, "", &table->vat_rate_bp, error)
         && read_int (root, "setup_fee_cents", KRING_PRICING_MAX_CENTS, "", &table->setup_fee_cents,
                      error)
         && read_int (root, "sla_min_extra_users", G_MAXINT64, "", &table->sla_min_extra_users,
                      error)
         && read_guest_rules (table, json_object_get_object_member (root, "guest_rules"), error)
         && read_plans (table, json_object_get_array_member (root, "plans"), error)
         && read_discounts (table, json_object_get_array_member (root, "discounts"), error);
}

/* Serialising */

static void
write_plan (const KringPlan *plan, KringJsonWriter *w)
{
  kring_json_begin_object (w);
  kring_json_member_string (w, "id", plan->id);
  kring_json_member_string (w, "name", plan->name);
  kring_json_member_int (w, "base_cents", plan->base_cents);
  kring_json_member_int (w, "included_users", plan->included_users);
  kring_json_member_int (w, "extra_user_cents", plan->extra_user_cents);
  if (plan->max_users < 0)
    kring_json_member_null (w, "max_users");
  else
    kring_json_member_int (w, "max_users", plan->max_users);
  kring_json_key (w, "features");
  kring_json_begin_array (w);
  for (guint i = 0; plan->features[i] != NULL; i++)
    kring_json_string (w, plan->features[i]);
  kring_json_end_array (w);
  kring_json_end_object (w);
}

static void
write_discount (const KringDiscount *discount, KringJsonWriter *w)
{
  kring_json_begin_object (w);
  kring_json_member_string (w, "id", discount->id);
  kring_json_member_int (w, "percent_bp", discount->percent_bp);
  kring_json_member_string (w, "kind", discount->kind);
  kring_json_end_object (w);
}

/* Written from the validated fields rather than echoed from the input tree:
 * what GET /plans shows is then exactly what the engine computes with. */
static char *
serialise_table (const KringPriceTable *table)
{
  GString *out = g_string_new (NULL);
  KringJsonWriter w;

  kring_json_writer_init (&w, out);
  kring_json_begin_object (&w);
  kring_json_member_string (&w, "currency", table->currency);
  kring_json_member_int (&w, "vat_rate_bp", table->vat_rate_bp);
  kring_json_member_int (&w, "setup_fee_cents", table->setup_fee_cents);
  kring_json_member_int (&w, "sla_min_extra_users", table->sla_min_extra_users);
  kring_json_key (&w, "guest_rules");
  kring_json_begin_object (&w);
  kring_json_member_int (&w, "guests_per_dossier", table->guests_per_dossier);
  kring_json_member_int (&w, "dossiers_per_guest", table->dossiers_per_guest);
  kring_json_end_object (&w);
  kring_json_key (&w, "plans");
  kring_json_begin_array (&w);
  for (guint i = 0; i < table->n_plans; i++)
    write_plan (&table->plans[i], &w);
  kring_json_end_array (&w);
  kring_json_key (&w, "discounts");
  kring_json_begin_array (&w);
  for (guint i = 0; i < table->n_discounts; i++)
    write_discount (&table->discounts[i], &w);
  kring_json_end_array (&w);
  kring_json_end_object (&w);
  return g_string_free (out, FALSE);
}

/* The table */

KringPriceTable *
kring_price_table_new_from_data (const char *json, gssize length, GError **error)
{
  g_autoptr (JsonObject) root = NULL;
  g_autoptr (KringPriceTable) table = NULL;

  g_return_val_if_fail (json != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = kring_json_parse_object (json, length < 0 ? strlen (json) : (gsize)length, error);
  if (root == NULL)
    return NULL;
  table = g_atomic_rc_box_new0 (KringPriceTable);
  if (!read_table (table, root, error))
    return NULL;
  table->json = serialise_table (table);
  return g_steal_pointer (&table);
}

KringPriceTable *
kring_price_table_ref (KringPriceTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return g_atomic_rc_box_acquire (table);
}

void
kring_price_table_unref (KringPriceTable *table)
{
  g_return_if_fail (table != NULL);
  g_atomic_rc_box_release_full (table, price_table_clear);
}

const char *
kring_price_table_get_json (KringPriceTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->json;
}

const char *
kring_price_table_get_currency (KringPriceTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->currency;
}

gint64
kring_price_table_get_vat_rate_bp (KringPriceTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->vat_rate_bp;
}

gint64
kring_price_table_get_setup_fee_cents (KringPriceTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->setup_fee_cents;
}

gint64
kring_price_table_get_sla_min_extra_users (KringPriceTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->sla_min_extra_users;
}

gint64
kring_price_table_get_guests_per_dossier (KringPriceTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->guests_per_dossier;
}

gint64
kring_price_table_get_dossiers_per_guest (KringPriceTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->dossiers_per_guest;
}

guint
kring_price_table_get_n_plans (KringPriceTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_plans;
}

const KringPlan *
kring_price_table_get_plan (KringPriceTable *table, guint index)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->n_plans, NULL);
  return &table->plans[index];
}

const KringPlan *
kring_price_table_find_plan (KringPriceTable *table, const char *id)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < table->n_plans; i++)
    if (g_str_equal (table->plans[i].id, id))
      return &table->plans[i];
  return NULL;
}

guint
kring_price_table_get_n_discounts (KringPriceTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_discounts;
}

const KringDiscount *
kring_price_table_get_discount (KringPriceTable *table, guint index)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->n_discounts, NULL);
  return &table->discounts[index];
}

int
kring_price_table_get_discount_index (KringPriceTable *table, const char *id)
{
  g_return_val_if_fail (table != NULL, -1);
  g_return_val_if_fail (id != NULL, -1);

  for (guint i = 0; i < table->n_discounts; i++)
    if (g_str_equal (table->discounts[i].id, id))
      return (int)i;
  return -1;
}

const KringDiscount *
kring_price_table_find_discount (KringPriceTable *table, const char *id)
{
  int index = kring_price_table_get_discount_index (table, id);

  return index < 0 ? NULL : &table->discounts[index];
}

/* Quote requests */

static gboolean
check_plan (KringPriceTable *table, const KringPlan *plan, KringFieldError *error)
{
  /* A plan pointer of another table would price with foreign numbers. */
  if (plan == NULL || plan < table->plans || plan >= table->plans + table->n_plans)
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "plan", "Unknown plan.");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_users (const KringPlan *plan, gint64 users, gboolean check_max_users, KringFieldError *error)
{
  if (users < KRING_QUOTE_MIN_USERS || users > KRING_QUOTE_MAX_USERS)
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "users",
                             "The number of users must be between %d and %d.",
                             KRING_QUOTE_MIN_USERS, KRING_QUOTE_MAX_USERS);
      return FALSE;
    }
  if (check_max_users && plan->max_users >= 0 && users > plan->max_users)
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "users",
                             "Plan %s holds at most %" G_GINT64_FORMAT " users.", plan->id,
                             plan->max_users);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_organisation_discount (KringPriceTable *table, guint index)
{
  return index < table->n_discounts && index != table->yearly;
}

static gboolean
check_discount_mask (KringPriceTable *table, guint32 mask, KringFieldError *error)
{
  for (guint i = 0; i < KRING_PRICING_MAX_DISCOUNTS; i++)
    if ((mask & (1u << i)) != 0 && !is_organisation_discount (table, i))
      {
        kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "discounts",
                               "Only organisation discounts can be chosen.");
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_partner_users (gint64 partner_users, gint64 users, KringFieldError *error)
{
  if (partner_users < 0 || partner_users > users)
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "partner_users",
                             "partner_users must be between 0 and the number of users.");
      return FALSE;
    }
  return TRUE;
}

gboolean
kring_quote_request_check (KringPriceTable *table, const KringQuoteRequest *request,
                           gboolean check_max_users, KringFieldError *error)
{
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  return check_plan (table, request->plan, error)
         && check_users (request->plan, request->users, check_max_users, error)
         && check_discount_mask (table, request->discount_mask, error)
         && check_partner_users (request->partner_users, request->users, error);
}

static gboolean
read_billing (JsonObject *body, gboolean *yearly, KringFieldError *error)
{
  const char *billing = kring_json_get_string (body, "billing", "monthly");

  *yearly = g_str_equal (billing, "yearly");
  if (!*yearly && !g_str_equal (billing, "monthly"))
    {
      kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "billing",
                             "billing must be \"monthly\" or \"yearly\".");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_discount_ids (KringPriceTable *table, JsonObject *body, guint32 *mask, KringFieldError *error)
{
  JsonArray *array;

  *mask = 0;
  if (!json_object_has_member (body, "discounts"))
    return TRUE;
  array = json_object_get_array_member (body, "discounts");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      int index = -1;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        index = kring_price_table_get_discount_index (table, json_node_get_string (node));
      if (index < 0 || !is_organisation_discount (table, (guint)index))
        {
          kring_field_error_set (error, KRING_PROBLEM_INVALID_FIELD, "discounts",
                                 "discounts[%u] is not an organisation discount.", i);
          return FALSE;
        }
      *mask |= 1u << index;
    }
  return TRUE;
}

static const KringFieldSpec quote_fields[] = {
  { "plan", KRING_FIELD_STRING, KRING_FIELD_REQUIRED },
  { "users", KRING_FIELD_INT, KRING_FIELD_REQUIRED },
  { "billing", KRING_FIELD_STRING, KRING_FIELD_OPTIONAL },
  { "discounts", KRING_FIELD_ARRAY, KRING_FIELD_OPTIONAL },
  { "partner_users", KRING_FIELD_INT, KRING_FIELD_OPTIONAL },
};

gboolean
kring_quote_request_from_json (KringPriceTable *table, JsonObject *body, KringQuoteRequest *out,
                               KringFieldError *error)
{
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  *out = (KringQuoteRequest){ 0 };
  if (!kring_json_check_fields (body, quote_fields, G_N_ELEMENTS (quote_fields), error))
    return FALSE;
  out->plan = kring_price_table_find_plan (table, kring_json_get_string (body, "plan", ""));
  out->users = kring_json_get_int (body, "users", 0);
  out->partner_users = kring_json_get_int (body, "partner_users", 0);
  /* Checked in field order, so the first problem of the body is the one named. */
  return check_plan (table, out->plan, error) && check_users (out->plan, out->users, TRUE, error)
         && read_billing (body, &out->yearly, error)
         && read_discount_ids (table, body, &out->discount_mask, error)
         && check_partner_users (out->partner_users, out->users, error);
}

/* Quotes */

/* Round half up; @x and @bp are never negative. */
static gint64
pct (gint64 x, gint64 bp)
{
  return (x * bp + 5000) / 10000;
}

/* They do not stack: the highest wins, and on a tie the first in table order
 * is the one named. */
static int
choose_org_discount (KringPriceTable *table, guint32 mask)
{
  int best = -1;

  for (guint i = 0; i < table->n_discounts; i++)
    if ((mask & (1u << i)) != 0
        && (best < 0 || table->discounts[i].percent_bp > table->discounts[best].percent_bp))
      best = (int)i;
  return best;
}

static void
compute_amounts (KringPriceTable *table, gint64 excl_vat_cents, KringAmounts *out)
{
  out->excl_vat_cents = excl_vat_cents;
  out->vat_cents = pct (excl_vat_cents, table->vat_rate_bp);
  out->incl_vat_cents = excl_vat_cents + out->vat_cents;
}

/* Everything but the partner share, for any @users ≥ 0 (0 is the "no seats
 * left" end of a partner share). */
static void
compute_core (KringPriceTable *table, const KringPlan *plan, gint64 users, gboolean yearly,
              guint32 mask, KringQuote *out)
{
  gint64 after_org;

  out->included_users = plan->included_users;
  out->extra_users = MAX (0, users - plan->included_users);
  out->base_cents = plan->base_cents;
  out->extra_users_cents = out->extra_users * plan->extra_user_cents;
  out->subtotal_cents = out->base_cents + out->extra_users_cents;
  out->org_discount_index = choose_org_discount (table, mask);
  out->org_percent_bp
      = out->org_discount_index < 0 ? 0 : table->discounts[out->org_discount_index].percent_bp;
  out->org_discount_cents = pct (out->subtotal_cents, out->org_percent_bp);
  after_org = out->subtotal_cents - out->org_discount_cents;
  out->yearly_percent_bp = yearly ? table->discounts[table->yearly].percent_bp : 0;
  out->yearly_discount_cents = pct (after_org, out->yearly_percent_bp);
  compute_amounts (table, after_org - out->yearly_discount_cents, &out->per_month);
  compute_amounts (table, 12 * out->per_month.excl_vat_cents, &out->per_year);
  out->vat_rate_bp = table->vat_rate_bp;
  out->setup_fee_cents = table->setup_fee_cents;
  out->sla_eligible = out->extra_users >= table->sla_min_extra_users;
}

static gint64
month_excl_vat (KringPriceTable *table, const KringQuoteRequest *request, gint64 users)
{
  KringQuote quote;

  compute_core (table, request->plan, users, request->yearly, request->discount_mask, &quote);
  return quote.per_month.excl_vat_cents;
}

void
kring_quote_compute (KringPriceTable *table, const KringQuoteRequest *request, KringQuote *out)
{
  g_return_if_fail (out != NULL);
  *out = (KringQuote){ 0 };
  g_return_if_fail (table != NULL);
  g_return_if_fail (kring_quote_request_check (table, request, FALSE, NULL));

  out->request = *request;
  compute_core (table, request->plan, request->users, request->yearly, request->discount_mask, out);
  /* The partner's seats are the last ones added. */
  out->partner_share_cents
      = out->per_month.excl_vat_cents
        - month_excl_vat (table, request, request->users - request->partner_users);
}

const KringAmounts *
kring_quote_get_invoice (const KringQuote *quote)
{
  g_return_val_if_fail (quote != NULL, NULL);
  return quote->request.yearly ? &quote->per_year : &quote->per_month;
}

gint64
kring_quote_next_teammate_cents (KringPriceTable *table, const KringQuoteRequest *request)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (kring_quote_request_check (table, request, FALSE, NULL), 0);

  return month_excl_vat (table, request, request->users + 1)
         - month_excl_vat (table, request, request->users);
}

/* Quote JSON */

static void
write_discount_ids (KringPriceTable *table, guint32 mask, KringJsonWriter *w)
{
  kring_json_key (w, "discounts");
  kring_json_begin_array (w);
  for (guint i = 0; i < table->n_discounts; i++)
    if ((mask & (1u << i)) != 0)
      kring_json_string (w, table->discounts[i].id);
  kring_json_end_array (w);
}

static void
write_discount_line (const KringDiscount *discount, gint64 percent_bp, gint64 amount_cents,
                     KringJsonWriter *w)
{
  if (amount_cents == 0)
    return;
  kring_json_begin_object (w);
  kring_json_member_string (w, "kind", "discount");
  kring_json_member_string (w, "discount", discount->id);
  kring_json_member_int (w, "percent_bp", percent_bp);
  kring_json_member_int (w, "amount_cents", -amount_cents);
  kring_json_end_object (w);
}

static void
write_lines (KringPriceTable *table, const KringQuote *q, KringJsonWriter *w)
{
  kring_json_key (w, "lines");
  kring_json_begin_array (w);
  if (q->base_cents != 0)
    {
      kring_json_begin_object (w);
      kring_json_member_string (w, "kind", "base");
      kring_json_member_int (w, "amount_cents", q->base_cents);
      kring_json_end_object (w);
    }
  if (q->extra_users_cents != 0)
    {
      kring_json_begin_object (w);
      kring_json_member_string (w, "kind", "extra_users");
      kring_json_member_int (w, "quantity", q->extra_users);
      kring_json_member_int (w, "unit_cents", q->request.plan->extra_user_cents);
      kring_json_member_int (w, "amount_cents", q->extra_users_cents);
      kring_json_end_object (w);
    }
  if (q->org_discount_index >= 0)
    write_discount_line (&table->discounts[q->org_discount_index], q->org_percent_bp,
                         q->org_discount_cents, w);
  write_discount_line (&table->discounts[table->yearly], q->yearly_percent_bp,
                       q->yearly_discount_cents, w);
  kring_json_end_array (w);
}

static void
write_amounts (KringJsonWriter *w, const char *name, const char *period, const KringAmounts *a)
{
  kring_json_key (w, name);
  kring_json_begin_object (w);
  if (period != NULL)
    kring_json_member_string (w, "period", period);
  kring_json_member_int (w, "excl_vat_cents", a->excl_vat_cents);
  kring_json_member_int (w, "vat_cents", a->vat_cents);
  kring_json_member_int (w, "incl_vat_cents", a->incl_vat_cents);
  kring_json_end_object (w);
}

void
kring_quote_write_json (KringPriceTable *table, const KringQuote *quote, KringJsonWriter *writer)
{
  const KringQuoteRequest *request;

  g_return_if_fail (table != NULL);
  g_return_if_fail (quote != NULL && quote->request.plan != NULL);
  g_return_if_fail (writer != NULL);

  request = &quote->request;
  kring_json_begin_object (writer);
  kring_json_member_string (writer, "currency", table->currency);
  kring_json_member_string (writer, "plan", request->plan->id);
  kring_json_member_int (writer, "users", request->users);
  kring_json_member_string (writer, "billing", request->yearly ? "yearly" : "monthly");
  write_discount_ids (table, request->discount_mask, writer);
  kring_json_member_int (writer, "included_users", quote->included_users);
  kring_json_member_int (writer, "extra_users", quote->extra_users);
  write_lines (table, quote, writer);
  write_amounts (writer, "per_month", NULL, &quote->per_month);
  write_amounts (writer, "per_year", NULL, &quote->per_year);
  write_amounts (writer, "invoice", request->yearly ? "year" : "month",
                 kring_quote_get_invoice (quote));
  kring_json_member_int (writer, "vat_rate_bp", quote->vat_rate_bp);
  kring_json_member_int (writer, "setup_fee_cents", quote->setup_fee_cents);
  kring_json_member_bool (writer, "sla_eligible", quote->sla_eligible);
  kring_json_member_int (writer, "partner_users", request->partner_users);
  kring_json_member_int (writer, "partner_share_cents", quote->partner_share_cents);
  kring_json_end_object (writer);
}
