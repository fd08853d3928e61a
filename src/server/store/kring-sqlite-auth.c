/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-sqlite.h"

const KringAuthOps kring_sqlite_auth_ops = { 0 };
