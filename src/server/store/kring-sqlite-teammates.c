/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-sqlite.h"

const KringTeammateOps kring_sqlite_teammate_ops = { 0 };
