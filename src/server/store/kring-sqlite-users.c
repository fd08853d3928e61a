/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-sqlite.h"

const KringUserOps kring_sqlite_user_ops = { 0 };
