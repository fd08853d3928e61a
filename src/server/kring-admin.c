/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-admin.h"

int
kring_admin_main (int argc, char **argv)
{
  return 1;
}
