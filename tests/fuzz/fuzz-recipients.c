/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for kring-recipients: any bytes, read as text (up to
 * the first NUL, as a clipboard string would be), as vCard, and sniffed,
 * must give recipients whose names the API accepts and are no addresses,
 * whose valid emails are normal forms of their raw text and unique, and
 * whose invalid ones have no normal form and a unique raw text. */
#define G_LOG_DOMAIN "kring-fuzz"
#include "config.h"

#include <string.h>

#include "kring-email.h"
#include "kring-recipients.h"
#include "kring-text.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  /* A g_return_if_fail() reached from input is a bug like any crash. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_name (const char *name)
{
  g_autofree char *line = NULL;
  g_autofree char *email = NULL;

  if (name == NULL)
    return;
  line = kring_text_normalise_line (name, KRING_TEXT_LINE_MAX, NULL, "name");
  g_assert (line != NULL && strcmp (line, name) == 0);
  email = kring_email_normalise (name, NULL, "name");
  g_assert (email == NULL);
}

static void
check_recipients (GPtrArray *recipients)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) seen_raw = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert (recipients != NULL);
  for (guint i = 0; i < recipients->len; i++)
    {
      const KringRecipient *r = recipients->pdata[i];
      g_autofree char *email = NULL;

      g_assert (r != NULL && r->raw != NULL && g_utf8_validate (r->raw, -1, NULL));
      check_name (r->name);
      email = kring_email_normalise (r->raw, NULL, "email");
      if (r->valid)
        {
          g_assert (email != NULL && r->email != NULL && strcmp (email, r->email) == 0);
          g_assert (g_hash_table_add (seen, r->email));
        }
      else
        {
          g_assert (email == NULL && r->email == NULL);
          g_assert (g_hash_table_add (seen_raw, r->raw));
        }
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr (GPtrArray) from_text = kring_recipients_from_text (text);
  g_autoptr (GPtrArray) from_vcard = kring_recipients_from_vcard ((const char *)data, size);
  g_autoptr (GPtrArray) from_data = kring_recipients_from_data ((const char *)data, size);

  check_recipients (from_text);
  check_recipients (from_vcard);
  check_recipients (from_data);
  return 0;
}
