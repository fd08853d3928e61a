/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-sqlite.h"

const KringMailOps kring_sqlite_mail_ops = { 0 };
