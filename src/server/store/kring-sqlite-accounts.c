/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-sqlite.h"

const KringAccountOps kring_sqlite_account_ops = { 0 };
