#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The client benchmark: a kringd holding 10,000 dossiers (× --scale; the
# database of the server benchmark, made by make-bench-db.py), the real
# `kring` and the GTK program client-bench.c on a private X server, D-Bus
# session and keyring (tests/app/run-with-display.sh).  Prints:
#   - time from starting `kring` to an interactive window with the first
#     page shown (its KRING_BENCH=1 "first-page-shown" mark), cold and warm;
#   - time to scroll the whole list, every row painted once;
#   - filter time per keystroke of search as you type;
#   - peak RSS;
# with PASS/MISS against the targets (interactive ≤ 0.5 s, filter ≤ 16 ms
# per keystroke, RSS ≤ 150 MB).  A script that prints figures, not a test:
# it exits 1 only when something failed to run.
#
#   tests/bench/run-client-bench.sh [--scale N] [--runs R] [--query TEXT] [--keep]
#
#   --runs R       warm starts of kring to take the median of (default 5)
#   --query TEXT   typed into the search field (default "Visser Emma")
#   --keep         keep the temporary directory (database, logs)
# KRING_BUILD=dir uses that build directory (default _build/main, set up and
# built here).  Everything runs on 127.0.0.1 and is stopped on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
bench=$here/tests/bench
scale=1 runs=5 query='Visser Emma' keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --query) query=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '3,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-client-bench: unknown option $1" >&2; exit 2 ;;
  esac
done

bash "$here/build-aux/install-deps.sh"
build=${KRING_BUILD:-${KRING_BUILD_ROOT:-$here/_build}/main}
if [ -f "$build/build.ninja" ]; then meson setup --reconfigure "$build" >/dev/null; else meson setup "$build" >/dev/null; fi
ninja -C "$build" src/server/kringd src/app/kring tests/app/client-bench data/gschemas.compiled >/dev/null
KRINGD=$build/src/server/kringd

work=$(mktemp -d /tmp/kring-client-bench.XXXXXX)
kringd_pid='' db_pid=''
owner=owner@bench.invalid
password='bench-password-1234'

stop_pid () { # PID: SIGTERM, then SIGKILL after 15 s
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup () {
  stop_pid "$db_pid"; stop_pid "$kringd_pid"
  if [ "$keep" = 1 ]; then echo "run-client-bench: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_kringd () { # kringd on $work/kring.db, port 0; sets kringd_pid and base
  mkdir -p "$work/mail"
  : >"$work/kringd.out"
  "$KRINGD" --listen 127.0.0.1:0 --database "sqlite:$work/kring.db" --mail-dir "$work/mail" \
    >>"$work/kringd.out" 2>>"$work/kringd.err" &
  kringd_pid=$!
  for _ in $(seq 300); do
    base=$(sed -n 's|^listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p' "$work/kringd.out")
    [ -n "$base" ] && return 0
    kill -0 "$kringd_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "run-client-bench: kringd did not start:" >&2; cat "$work/kringd.err" >&2; exit 1
}

# The database, as the server benchmark makes it: an owner signed up
# through the API, the account activated, then the bulk data in SQL.
started=$SECONDS
start_kringd
ids=$(python3 "$bench/bench-api.py" signup "$base" "$work/mail" "$work/kring.db" "$owner" "$password")
account=${ids#* }
activate=()
if ! "$KRINGD" admin --database "sqlite:$work/kring.db" set-status "$account" active >"$work/admin.out" 2>&1; then
  activate=(--activate)
fi
stop_pid "$kringd_pid"; kringd_pid=''
python3 "$bench/make-bench-db.py" --db "$work/kring.db" --scale "$scale" --owner-email "$owner" \
  "${activate[@]}" &
db_pid=$!
wait "$db_pid" || { echo "run-client-bench: making the database failed" >&2; exit 1; }
db_pid=''
echo "run-client-bench: database of $((10000 * scale)) dossiers ready in $((SECONDS - started)) s"

start_kringd
token=$(python3 "$bench/bench-api.py" login "$base" "$owner" "$password")
python3 "$bench/bench-api.py" check "$base" "$token" "$((10000 * scale))" >/dev/null
# The list shows the dossiers that are not archived (1 in 50 is).
listed=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM dossiers WHERE archived = 0").fetchone()[0])' \
  "$work/kring.db")

# The client as tests run it: software rendering on Xvfb (cairo), no
# accessibility bus, settings in a key file of the wrapper's fresh home
# (the session's email must outlive `kring --sign-in`).
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$build/data GIO_USE_PROXY_RESOLVER=dummy \
  GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 LANG=C.UTF-8
printf '%s\n' "$password" |
  "$here/tests/app/run-with-display.sh" python3 "$bench/client-bench-run.py" \
    --kring "$build/src/app/kring" --client-bench "$build/tests/app/client-bench" \
    --server "$base" --email "$owner" --expect "$listed" --query "$query" --runs "$runs"
