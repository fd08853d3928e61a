/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pages of journal entries as JSON.  Reading a page of 50 entries costs most
 * of its time fetching scattered rows and escaping their bodies, yet entries
 * never change: so a rendered page is kept, per dossier, visibility, cursor
 * and size, and reused while the store's version of the dossier's entries
 * (kring_txn_ops()->entries->version) is the one it was rendered at.  That
 * check is one index lookup in the request's own snapshot, so a reused page
 * is exactly what the database holds, also with several server processes.
 * Only authors are not kept: a user can change their name, so each answer
 * fills them in fresh (one indexed query for the page). */
#define G_LOG_DOMAIN "kring-server"
#include "config.h"

#include <string.h>

#include "kring-entry-pages.h"

/* Past this, the cache starts over: simple, and no request pays for it.
 * A page of long entries bigger than a sixteenth is not kept at all. */
#define CACHE_MAX_BYTES (32 * 1024 * 1024)
#define PAGE_MAX_BYTES (CACHE_MAX_BYTES / 16)

/* One entry of a page: its JSON is [start, hole) + author + [hole_end, end). */
typedef struct
{
  gint64 author_id;
  gsize start;
  gsize hole;
  gsize hole_end;
  gsize end;
} Slice;

typedef struct
{
  gatomicrefcount ref;
  gint64 version;
  GString *json;
  GArray *slices;   /* Slice, newest first */
  gint64 newest_id; /* of the entries shown */
  gint64 oldest_id;
  gboolean more;
} Page;

static GMutex cache_lock;
static GHashTable *cache; /* "dossier:guest:after:limit" → Page */
static gsize cache_bytes;

/* With @slice, the author is left as a hole (a null) whose place is noted. */
static void
write_entry (KringJsonWriter *w, const KringEntry *entry, gboolean guest, Slice *slice)
{
  kring_json_begin_object (w);
  kring_json_member_int (w, "id", entry->id);
  kring_json_member_int (w, "dossier_id", entry->dossier_id);
  kring_json_key (w, "author");
  if (slice != NULL)
    {
      slice->hole = w->out->len;
      kring_json_null (w);
      slice->hole_end = w->out->len;
    }
  else
    kring_write_user (w, entry->author_id, entry->author_email, entry->author_name, guest);
  kring_json_member_string (w, "body", entry->body);
  kring_json_member_string (w, "visibility", entry->professionals ? "professionals" : "everyone");
  kring_json_member_time (w, "created_at", entry->created_at);
  if (entry->corrects > 0)
    kring_json_member_int (w, "corrects", entry->corrects);
  else
    kring_json_member_null (w, "corrects");
  kring_json_key (w, "corrected_by");
  kring_json_begin_array (w);
  for (guint i = 0; entry->corrected_by != NULL && i < entry->corrected_by->len; i++)
    kring_json_int (w, g_array_index (entry->corrected_by, gint64, i));
  kring_json_end_array (w);
  kring_json_end_object (w);
}

void
kring_write_entry (KringJsonWriter *w, const KringEntry *entry, gboolean guest)
{
  write_entry (w, entry, guest, NULL);
}

static void
page_unref (Page *page)
{
  if (page == NULL || !g_atomic_ref_count_dec (&page->ref))
    return;
  g_string_free (page->json, TRUE);
  g_array_unref (page->slices);
  g_free (page);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_unref)

static gsize
page_size (const Page *page)
{
  return sizeof *page + page->json->allocated_len + page->slices->len * sizeof (Slice);
}

/* Renders the rows the store gave for a page (limit + 1 of them at most). */
static Page *
page_new (GArray *rows, guint limit, gboolean guest, gint64 version)
{
  Page *page = g_new0 (Page, 1);
  guint shown = MIN (rows->len, limit);
  KringJsonWriter w;

  g_atomic_ref_count_init (&page->ref);
  page->version = version;
  page->json = g_string_sized_new (shown * 384);
  page->slices = g_array_sized_new (FALSE, FALSE, sizeof (Slice), shown);
  page->more = rows->len > limit;
  for (guint i = 0; i < shown; i++)
    {
      const KringEntry *entry = &g_array_index (rows, KringEntry, i);
      Slice slice = { .author_id = entry->author_id, .start = page->json->len };

      kring_json_writer_init (&w, page->json);
      write_entry (&w, entry, guest, &slice);
      slice.end = page->json->len;
      g_array_append_val (page->slices, slice);
    }
  if (shown > 0)
    {
      page->newest_id = g_array_index (rows, KringEntry, 0).id;
      page->oldest_id = g_array_index (rows, KringEntry, shown - 1).id;
    }
  return page;
}

static Page *
cache_lookup (const char *key, gint64 version)
{
  Page *page;

  g_mutex_lock (&cache_lock);
  page = cache != NULL ? g_hash_table_lookup (cache, key) : NULL;
  if (page != NULL && page->version == version)
    g_atomic_ref_count_inc (&page->ref);
  else
    page = NULL;
  g_mutex_unlock (&cache_lock);
  return page;
}

static void
cache_store (const char *key, Page *page)
{
  Page *old;

  if (page_size (page) > PAGE_MAX_BYTES)
    return;
  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)page_unref);
  if ((old = g_hash_table_lookup (cache, key)) != NULL)
    cache_bytes -= page_size (old);
  if (cache_bytes + page_size (page) > CACHE_MAX_BYTES)
    {
      g_hash_table_remove_all (cache);
      cache_bytes = 0;
    }
  g_atomic_ref_count_inc (&page->ref);
  g_hash_table_replace (cache, g_strdup (key), page);
  cache_bytes += page_size (page);
  g_mutex_unlock (&cache_lock);
}

/* The page from the cache, or read and rendered (and kept). */
static Page *
get_page (KringTxn *txn, gint64 dossier_id, gboolean guest, const KringPageRequest *request,
          GError **error)
{
  const KringEntryOps *ops = kring_txn_ops (txn)->entries;
  KringPage store_page = { .after_id = request->after_id, .limit = request->limit + 1 };
  g_autoptr (GArray) rows = NULL;
  char key[96];
  gint64 version = 0;
  Page *page;

  if (!ops->version (txn, dossier_id, &version, error))
    return NULL;
  g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT ":%d:%" G_GINT64_FORMAT ":%u", dossier_id,
              guest != FALSE, request->after_id, request->limit);
  if ((page = cache_lookup (key, version)) != NULL)
    return page;
  rows = kring_rows_new (KringEntry, kring_entry_clear);
  if (!ops->list (txn, dossier_id, !guest, &store_page, rows, error))
    return NULL;
  page = page_new (rows, request->limit, guest, version);
  cache_store (key, page);
  return page;
}

static const KringUser *
find_author (GArray *authors, gint64 id)
{
  for (guint i = 0; i < authors->len; i++)
    if (g_array_index (authors, KringUser, i).id == id)
      return &g_array_index (authors, KringUser, i);
  return NULL;
}

/* The items array with the authors filled in. */
static GString *
fill_items (const Page *page, GArray *authors, gboolean guest)
{
  GString *items = g_string_sized_new (page->json->len + page->slices->len * 96 + 2);
  const char *json = page->json->str;
  KringJsonWriter w;

  g_string_append_c (items, '[');
  for (guint i = 0; i < page->slices->len; i++)
    {
      const Slice *slice = &g_array_index (page->slices, Slice, i);
      const KringUser *author = find_author (authors, slice->author_id);

      if (i > 0)
        g_string_append_c (items, ',');
      g_string_append_len (items, json + slice->start, slice->hole - slice->start);
      kring_json_writer_init (&w, items);
      kring_write_user (&w, slice->author_id, author != NULL ? author->email : NULL,
                        author != NULL ? author->name : NULL, guest);
      g_string_append_len (items, json + slice->hole_end, slice->end - slice->hole_end);
    }
  g_string_append_c (items, ']');
  return items;
}

gboolean
kring_entry_pages_answer (KringRequest *req, KringTxn *txn, gint64 dossier_id, gboolean guest,
                          const KringPageRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Page) page = get_page (txn, dossier_id, guest, request, &error);
  g_autoptr (GArray) authors = kring_rows_new (KringUser, kring_user_clear);
  g_autoptr (GString) items = NULL;
  KringJsonWriter *w;

  if (page == NULL
      || (page->slices->len > 0
          && !kring_txn_ops (txn)->entries->authors (txn, dossier_id, page->oldest_id,
                                                     page->newest_id, authors, &error)))
    {
      kring_request_store_error (req, error);
      return FALSE;
    }
  items = fill_items (page, authors, guest);
  w = kring_request_begin_json (req, SOUP_STATUS_OK);
  kring_json_begin_object (w);
  kring_json_key (w, "items");
  kring_json_raw (w, items->str);
  /* Newest first: the cursor is the last id shown ("below this id"). */
  kring_request_write_next_cursor (req, w, page->more, NULL, page->oldest_id);
  kring_json_end_object (w);
  kring_request_json_done (req);
  return TRUE;
}
