/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-sqlite.h"

const KringEntryOps kring_sqlite_entry_ops = { 0 };
