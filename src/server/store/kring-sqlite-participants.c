/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-sqlite.h"

const KringParticipantOps kring_sqlite_participant_ops = { 0 };
