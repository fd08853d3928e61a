/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The price table: loading and validating it, serialising it for
 * GET /api/v1/plans, and reading it. */
#define G_LOG_DOMAIN "kring-core"
#include "config.h"

#include <string.h>

#include "kring-pricing-private.h"

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
