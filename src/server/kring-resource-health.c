/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-router.h"

void
kring_health_register (KringRouter *router)
{
}
