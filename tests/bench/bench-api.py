#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The REST calls of the benchmark's setup, through the real API:

  bench-api.py signup BASE MAIL_DIR DB EMAIL PASSWORD   → prints "USER_ID ACCOUNT_ID"
  bench-api.py login BASE EMAIL PASSWORD                → prints a token
  bench-api.py check BASE TOKEN N_DOSSIERS              → smoke test of every scenario

Only 127.0.0.1: BASE is the URL kringd printed.  Every call has a timeout.
"""

import glob
import json
import os
import re
import sqlite3
import sys
import time
import urllib.error
import urllib.request

TIMEOUT = 30


def call(base, method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token is not None:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
            raw = resp.read()
            return resp.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw.decode(errors="replace")


def expect(what, got, status):
    if got[0] != status:
        sys.exit(f"bench-api: {what}: expected {status}, got {got[0]}: {got[1]}")
    return got[1]


def verify_code(mail_dir, db, email):
    """The code of the verification mail: from the .eml the mailer wrote, or,
    while it has not yet, from the outbox row (which holds the same text)."""
    pattern = re.compile(r"kring://verify/([A-Za-z0-9_-]+)")
    for _ in range(200):
        for path in sorted(glob.glob(os.path.join(mail_dir, "*.eml")), reverse=True):
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if f"\nTo: {email}" in "\n" + text and (m := pattern.search(text)):
                return m.group(1)
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            for (message,) in con.execute("SELECT message FROM outbox WHERE recipient = ?"
                                          " ORDER BY id DESC", (email,)):
                if m := pattern.search(message):
                    return m.group(1)
        except sqlite3.Error:
            pass
        finally:
            con.close()
        time.sleep(0.05)
    sys.exit(f"bench-api: no verification mail for {email} in {mail_dir}")


def signup(base, mail_dir, db, email, password):
    expect("signup", call(base, "POST", "/api/v1/signup", body={
        "organisation": "Bench Zorg", "name": "Bench Owner", "email": email,
        "password": password, "plan": "organisation"}), 202)
    code = verify_code(mail_dir, db, email)
    out = expect("signup/verify", call(base, "POST", "/api/v1/signup/verify", body={"code": code}), 201)
    print(out["user"]["id"], out["account"]["id"])


def login(base, email, password):
    out = expect("login", call(base, "POST", "/api/v1/sessions",
                               body={"email": email, "password": password}), 201)
    print(out["token"])


def check(base, token, n_dossiers):
    """Each scenario once, so that a broken endpoint fails here readably
    instead of as a wall of non-2xx answers under load."""
    page = expect("GET /dossiers", call(base, "GET", "/api/v1/dossiers", token), 200)
    if len(page["items"]) != 50 or page["next_cursor"] is None:
        sys.exit(f"bench-api: GET /dossiers gave {len(page['items'])} items, expected a full page of 50")
    one = expect("GET /dossiers/{id}", call(base, "GET", f"/api/v1/dossiers/{n_dossiers // 2 + 1}", token), 200)
    if one.get("participants") != 10:
        sys.exit(f"bench-api: dossier {one.get('id')} has {one.get('participants')} participants, expected 10")
    entries = expect("GET entries", call(base, "GET", "/api/v1/dossiers/101/entries", token), 200)
    if len(entries["items"]) != 50:
        sys.exit(f"bench-api: GET entries gave {len(entries['items'])} items, expected 50")
    expect("POST participants", call(base, "POST", "/api/v1/dossiers/3/participants", token,
                                     {"email": "smoke-check@bench.invalid", "name": "Smoke Check"}), 201)
    expect("POST entries", call(base, "POST", "/api/v1/dossiers/3/entries", token,
                                {"body": "Smoke check entry."}), 201)
    print(f"check: {len(page['items'])} dossiers on the first page, entries and writes answer")


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "signup":
        signup(*args)
    elif cmd == "login":
        login(*args)
    elif cmd == "check":
        check(args[0], args[1], int(args[2]))
    else:
        sys.exit(f"bench-api: unknown command {cmd}")


if __name__ == "__main__":
    main()
