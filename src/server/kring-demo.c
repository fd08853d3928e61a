/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-demo.h"

gboolean
kring_demo_fill (KringServer *server, GError **error)
{
  return TRUE;
}
