#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fills a kringd SQLite database (schema already created by kringd, with one
signed-up owner and their account) with benchmark data, in one transaction:

  per scale unit: 10,000 dossiers, 100,000 participants, 200,000 entries,
  a few tens of thousands of guest users, and dossier.created audit rows.

The derived columns are filled as kringd keeps them (see
src/server/store/kring-sqlite-derived.c): dossiers.title_key/client_key and
users.sort_key are the case-fold keys (titles and names are ASCII, so
str.lower() is exactly kring_text_casefold_key), dossiers.guest_count and
participant_count, users.paid.

Layout (the Lua scripts of run-bench.sh rely on it):
  - dossier ids are 1..D (D = 10,000 × scale), all in the owner's account;
  - dossier id % 50 == 0 is archived (no writes go there);
  - dossier id % 100 == 1 is "busy": 500 entries each (full entry pages);
  - every dossier has 1 team participant (a teammate; the owner in 1 of 20)
    and 9 guests; each guest email is a guest of exactly 2 dossiers (R3: ≤ 3).
"""

import argparse
import random
import sqlite3
import sys
import time

MEMBERS = 19  # teammates besides the owner (plan "organisation": no seat cap)
GUESTS_PER_DOSSIER = 9
DOSSIERS_PER_GUEST = 2
BUSY_ENTRIES = 500

FIRST = ["Anna", "Bram", "Cor", "Daan", "Emma", "Fenna", "Gijs", "Hanna", "Ilse", "Jan",
         "Kees", "Lotte", "Maud", "Noor", "Otto", "Pien", "Quinten", "Roos", "Sem", "Tess",
         "Udo", "Vera", "Wim", "Xander", "Yara", "Zoe"]
LAST = ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
        "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
        "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs"]
WORDS = ("vandaag goed gegeten rustig geslapen wandeling gemaakt medicatie ingenomen bezoek "
         "familie gesprek huisarts afspraak fysiotherapie stemming vrolijk moe onrustig "
         "boodschappen gedaan douche geholpen zelfstandig overleg dagbesteding koffie").split()


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True, help="SQLite file made by kringd")
    p.add_argument("--scale", type=int, default=1)
    p.add_argument("--owner-email", required=True)
    p.add_argument("--activate", action="store_true",
                   help="set the account active in SQL (when `kringd admin` could not)")
    p.add_argument("--seed", type=int, default=20261126)
    return p.parse_args()


def body_pool(rng, size=4096):
    """Entry bodies of 8–40 words (a pool: making millions one by one is slow)."""
    pool = []
    for _ in range(size):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40)))
        pool.append(text[0].upper() + text[1:] + ".")
    return pool


def load_owner(db, email):
    row = db.execute("SELECT u.id, u.password_hash, t.account_id FROM users u"
                     " JOIN teammates t ON t.user_id = u.id AND t.role = 'owner'"
                     " WHERE u.email = ?", (email,)).fetchone()
    if row is None or row[1] is None:
        sys.exit(f"make-bench-db: no owner {email} with a password in the database")
    if db.execute("SELECT count(*) FROM dossiers").fetchone()[0] != 0:
        sys.exit("make-bench-db: the database already has dossiers")
    return row


def insert_teammates(db, account, owner_id, pw_hash, now):
    """The owner plus MEMBERS member teammates: returns their user ids."""
    ids = [owner_id]
    for i in range(1, MEMBERS + 1):
        email = f"member{i:02d}@bench.invalid"
        name = f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}"
        cur = db.execute("INSERT INTO users (email, name, sort_key, password_hash, paid, created_at)"
                         " VALUES (?, ?, ?, ?, 1, ?)", (email, name, name.lower(), pw_hash, now))
        ids.append(cur.lastrowid)
        db.execute("INSERT INTO teammates (account_id, user_id, role, added_at) VALUES (?, ?, 'member', ?)",
                   (account, cur.lastrowid, now))
    return ids


def insert_guests(db, n_guests, first_id, pw_hash, now, rng):
    """Guest users guest<N>@bench.invalid, ids first_id.., most without password."""
    def rows():
        for g in range(n_guests):
            email = f"guest{g}@bench.invalid"
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}" if g % 4 else None
            key = (name if name is not None else email).lower()
            yield (first_id + g, email, name, key, pw_hash if g % 10 == 0 else None, now - g)
    db.executemany("INSERT INTO users (id, email, name, sort_key, password_hash, paid, created_at)"
                   " VALUES (?, ?, ?, ?, ?, 0, ?)", rows())


def insert_dossiers(db, account, n, now, rng):
    def rows():
        for d in range(1, n + 1):
            title = f"{rng.choice(LAST)} {rng.choice(FIRST)} {d:06d}"
            client = f"{rng.choice(FIRST)} {rng.choice(LAST)}" if d % 10 < 7 else None
            created = now - rng.randint(0, 365 * 86400)
            yield (d, account, title, title.lower(), client, client.lower() if client else None,
                   1 if d % 50 == 0 else 0, GUESTS_PER_DOSSIER, GUESTS_PER_DOSSIER + 1,
                   created, created + rng.randint(0, 86400))
    db.executemany("INSERT INTO dossiers (id, account_id, title, title_key, client_name, client_key,"
                   " archived, guest_count, participant_count, created_at, updated_at)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())


def team_author(d, team):
    """The teammate who created dossier d (the owner for 1 in 20)."""
    return team[d % len(team)]


def insert_participants(db, account, n, team, first_guest, n_guests, now, rng):
    def rows():
        for d in range(1, n + 1):
            creator = team_author(d, team)
            yield (d, creator, account, 1, now, creator)
            for j in range(GUESTS_PER_DOSSIER):
                # Slot (d, j) → guest (j·n + d) mod n_guests: each guest lands in
                # DOSSIERS_PER_GUEST different dossiers n/2 apart.
                g = (j * n + (d - 1)) % n_guests
                yield (d, first_guest + g, account, 1 if rng.random() < 0.1 else 0, now, creator)
    db.executemany("INSERT INTO participants (dossier_id, user_id, account_id, can_write,"
                   " added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)", rows())


def entry_dossiers(n, total, rng):
    """The dossier of each entry, in writing order (shuffled, as written over time)."""
    busy = [d for d in range(1, n + 1) if d % 100 == 1]
    rest = [d for d in range(1, n + 1) if d % 100 != 1]
    order = [d for d in busy for _ in range(BUSY_ENTRIES)]
    remaining = total - len(order)
    order += [rest[i % len(rest)] for i in range(remaining)]
    rng.shuffle(order)
    return order


def insert_entries(db, n, total, team, now, rng):
    order = entry_dossiers(n, total, rng)
    last = {}  # dossier → (id, professionals) of its latest entry
    span = 365 * 86400
    bodies = body_pool(rng)

    def rows():
        for i, d in enumerate(order):
            eid = i + 1
            prof = 1 if rng.random() < 0.1 else 0
            corrects = None
            prev = last.get(d)
            if prev is not None and rng.random() < 0.01:
                corrects, prof = prev[0], max(prof, prev[1])  # never more visible
            last[d] = (eid, prof)
            author = team_author(d, team) if i % 5 else team[0]
            yield (eid, d, author, bodies[i % len(bodies)], prof, corrects,
                   now - span + (i * span) // len(order))
    db.executemany("INSERT INTO entries (id, dossier_id, author_id, body, professionals, corrects,"
                   " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows())


def insert_audit(db, account, n, team, now):
    db.executemany("INSERT INTO audit (account_id, at, actor_id, action, dossier_id)"
                   " VALUES (?, ?, ?, 'dossier.created', ?)",
                   ((account, now, team_author(d, team), d) for d in range(1, n + 1)))


BULK_TABLES = ("users", "teammates", "dossiers", "participants", "entries", "audit")


def drop_indexes(db):
    """Drops the schema's own indexes of the bulk-filled tables and returns
    their SQL: rebuilding one from sorted data beats updating it row by row.
    The SQL comes from sqlite_master, so the rebuilt indexes are kringd's."""
    marks = ",".join("?" * len(BULK_TABLES))
    rows = db.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                      f" AND sql IS NOT NULL AND tbl_name IN ({marks})", BULK_TABLES).fetchall()
    for name, _ in rows:
        db.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


def check_derived(db, n):
    """The derived columns agree with kringd's own definitions
    (kring-sqlite-derived.c) on a sample of dossiers, and users.paid."""
    bad = db.execute(
        "SELECT count(*) FROM dossiers WHERE id % ? = 1 AND (guest_count !="
        " (SELECT count(*) FROM participants p JOIN users u ON u.id = p.user_id"
        "  WHERE p.dossier_id = dossiers.id AND u.paid = 0 AND NOT EXISTS"
        "   (SELECT 1 FROM teammates t WHERE t.account_id = dossiers.account_id"
        "     AND t.user_id = p.user_id))"
        " OR participant_count != (SELECT count(*) FROM participants p WHERE p.dossier_id = dossiers.id))",
        (max(1, n // 500),)).fetchone()[0]
    bad += db.execute(
        "SELECT count(*) FROM (SELECT id, paid FROM users WHERE id < 100 OR id % 1000 = 0) u"
        " WHERE paid != EXISTS (SELECT 1 FROM teammates t JOIN accounts a ON a.id = t.account_id"
        "  WHERE t.user_id = u.id AND a.active = 1)").fetchone()[0]
    if bad:
        sys.exit(f"make-bench-db: {bad} rows with wrong derived columns")


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    now = int(time.time())
    n_dossiers = 10_000 * args.scale
    n_entries = 200_000 * args.scale
    n_guests = n_dossiers * GUESTS_PER_DOSSIER // DOSSIERS_PER_GUEST
    started = time.monotonic()

    db = sqlite3.connect(args.db, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -262144")
    owner_id, pw_hash, account = load_owner(db, args.owner_email)
    db.execute("BEGIN IMMEDIATE")
    indexes = drop_indexes(db)
    if args.activate:
        db.execute("UPDATE accounts SET active = 1 WHERE id = ?", (account,))
        db.execute("UPDATE users SET paid = 1 WHERE id = ?", (owner_id,))
    db.execute("UPDATE accounts SET plan = 'organisation' WHERE id = ?", (account,))
    team = insert_teammates(db, account, owner_id, pw_hash, now)
    first_guest = db.execute("SELECT max(id) + 1 FROM users").fetchone()[0]
    insert_guests(db, n_guests, first_guest, pw_hash, now, rng)
    insert_dossiers(db, account, n_dossiers, now, rng)
    insert_participants(db, account, n_dossiers, team, first_guest, n_guests, now, rng)
    insert_entries(db, n_dossiers, n_entries, team, now, rng)
    insert_audit(db, account, n_dossiers, team, now)
    for sql in indexes:
        db.execute(sql)
    check_derived(db, n_dossiers)
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("users", "dossiers", "participants", "entries")}
    db.close()
    print(f"make-bench-db: {counts} in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
