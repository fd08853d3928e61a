/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kring-sqlite.h"

const KringDossierOps kring_sqlite_dossier_ops = { 0 };
