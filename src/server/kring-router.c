/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <string.h>

#include "kring-router.h"

typedef struct
{
  char *method;
  char **segments; /* "dossiers", "{id}", … */
  KringRoute route;
} RouteEntry;

struct _KringRouter
{
  GPtrArray *entries;
};

static void
route_entry_free (RouteEntry *entry)
{
  g_free (entry->method);
  g_strfreev (entry->segments);
  g_free (entry);
}

KringRouter *
kring_router_new (void)
{
  KringRouter *router = g_new0 (KringRouter, 1);

  router->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)route_entry_free);
  return router;
}

void
kring_router_free (KringRouter *router)
{
  if (router == NULL)
    return;
  g_ptr_array_unref (router->entries);
  g_free (router);
}

void
kring_router_add (KringRouter *router, const char *method, const char *pattern,
                  KringHandler handler, KringRouteFlags flags, const char *query)
{
  RouteEntry *entry = g_new0 (RouteEntry, 1);

  g_return_if_fail (pattern[0] == '/');
  entry->method = g_strdup (method);
  entry->segments = g_strsplit (pattern + 1, "/", -1);
  entry->route.handler = handler;
  entry->route.flags = flags;
  entry->route.query = query;
  g_ptr_array_add (router->entries, entry);
}

static gboolean
is_positive_id (const char *segment)
{
  gsize len = strlen (segment);

  /* Up to 18 digits always fits a gint64; no sign, no leading zero. */
  if (len == 0 || len > 18 || segment[0] == '0')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (segment[i]))
      return FALSE;
  return TRUE;
}

static gboolean
segments_match (char **pattern, char **path, GHashTable *params)
{
  guint i;

  for (i = 0; pattern[i] != NULL && path[i] != NULL; i++)
    {
      const char *p = pattern[i];
      gsize plen = strlen (p);

      if (p[0] == '{' && plen > 2 && p[plen - 1] == '}')
        {
          g_autofree char *name = g_strndup (p + 1, plen - 2);
          gboolean any = g_str_equal (name, "code");

          if (path[i][0] == '\0' || (!any && !is_positive_id (path[i])))
            return FALSE;
          if (params != NULL)
            g_hash_table_insert (params, g_steal_pointer (&name), g_strdup (path[i]));
        }
      else if (!g_str_equal (p, path[i]))
        return FALSE;
    }
  return pattern[i] == NULL && path[i] == NULL;
}

KringRouteMatch
kring_router_match (KringRouter *router, const char *method, const char *path,
                    const KringRoute **route, GHashTable **params, char **allow)
{
  g_auto (GStrv) segments = NULL;
  g_autoptr (GString) methods = NULL;

  if (path[0] != '/')
    return KRING_ROUTE_NO_PATH;
  segments = g_strsplit (path + 1, "/", -1);

  for (guint i = 0; i < router->entries->len; i++)
    {
      RouteEntry *entry = g_ptr_array_index (router->entries, i);

      if (!segments_match (entry->segments, segments, NULL))
        continue;
      if (g_str_equal (entry->method, method))
        {
          *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          segments_match (entry->segments, segments, *params);
          *route = &entry->route;
          return KRING_ROUTE_FOUND;
        }
      if (methods == NULL)
        methods = g_string_new (entry->method);
      else if (strstr (methods->str, entry->method) == NULL)
        g_string_append_printf (methods, ", %s", entry->method);
    }
  if (methods == NULL)
    return KRING_ROUTE_NO_PATH;
  *allow = g_string_free (g_steal_pointer (&methods), FALSE);
  return KRING_ROUTE_NO_METHOD;
}

gboolean
kring_route_allows_query (const KringRoute *route, const char *name)
{
  g_auto (GStrv) names = NULL;

  if (route->query == NULL)
    return FALSE;
  names = g_strsplit (route->query, ",", -1);
  return g_strv_contains ((const char *const *)names, name);
}
