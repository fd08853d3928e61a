/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for kring_email_normalise(): any byte string (up to its
 * first NUL, as a C string from a request would be) must give either
 * invalid_email with the field, or a normal form that is ASCII, lower-case,
 * at most 254 octets, has one "@" with at most 64 octets before it, and
 * normalises to itself. */
#define G_LOG_DOMAIN "kring-fuzz"
#include "config.h"

#include <string.h>

#include "kring-email.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char field[] = "email";

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  /* A g_return_if_fail() reached from input is a bug like any crash. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_normal_form (const char *address)
{
  const char *at = strchr (address, '@');
  KringFieldError error = { 0 };
  g_autofree char *again = NULL;

  g_assert (strlen (address) <= KRING_EMAIL_MAX_LENGTH);
  g_assert (at != NULL && at > address && strchr (at + 1, '@') == NULL);
  g_assert (at - address <= KRING_EMAIL_LOCAL_MAX);
  g_assert (strchr (at, '.') != NULL);
  for (const char *p = address; *p != '\0'; p++)
    g_assert ((guchar)*p > 0x20 && (guchar)*p < 0x7F && !g_ascii_isupper (*p));

  again = kring_email_normalise (address, &error, field);
  g_assert (again != NULL && strcmp (again, address) == 0);
  g_assert (error.code == KRING_PROBLEM_NONE && error.detail == NULL);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *input = g_strndup ((const char *)data, size);
  KringFieldError error = { 0 };
  g_autofree char *address = kring_email_normalise (input, &error, field);

  if (address == NULL)
    {
      g_assert (error.code == KRING_PROBLEM_INVALID_EMAIL);
      g_assert (error.field == field);
      g_assert (error.detail != NULL && g_utf8_validate (error.detail, -1, NULL));
      kring_field_error_clear (&error);
      return 0;
    }
  g_assert (error.code == KRING_PROBLEM_NONE);
  check_normal_form (address);
  return 0;
}
