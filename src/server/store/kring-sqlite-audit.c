/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-sqlite.h"

const KringAuditOps kring_sqlite_audit_ops = { 0 };
