#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The server benchmark: builds a database of 10,000 dossiers, 100,000
# participants and 200,000 entries (× --scale), then runs wrk against kringd
# and, in the same run, against a private nginx serving a static 200-byte
# JSON file, and prints req/s, p50 and p99 of each scenario with its ratio to
# nginx and the targets.  It also measures a libsoup server with an empty
# handler serving the same file (soup-floor.c): the most one libsoup thread
# does here, so that the handlers' cost shows apart from the library's.
# A script that prints figures, not a test: it exits 1 only when a scenario
# answered errors (a benchmark of errors is worthless).
#
#   tests/bench/run-bench.sh [--scale N[,M…]] [--duration S] [--runs R]
#                            [--connections C] [--perf DIR] [--keep]
#
#   --scale 1,10   measure at 1× and at 10× the data and compare (1.5× target)
#   --runs R       rounds per scale (nginx + every scenario); medians are shown
#   --perf DIR     also record `perf` call graphs of kringd per scenario into
#                  DIR (perf costs CPU: the figures of such a run are lower)
#   --keep         keep the temporary directory (databases, logs, wrk outputs)
# KRINGD=path uses that kringd instead of building _build/main.
# Everything runs on 127.0.0.1, every run is bounded in time, and everything
# started here is stopped on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
bench=$here/tests/bench
scales=1 duration=10 runs=1 connections=64 perf_dir='' keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scales=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --perf) perf_dir=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '3,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-bench: unknown option $1" >&2; exit 2 ;;
  esac
done

KRING_BENCH=1 bash "$here/build-aux/install-deps.sh"
if [ -z "${KRINGD:-}" ]; then
  build=${KRING_BUILD_ROOT:-$here/_build}/main
  if [ -f "$build/build.ninja" ]; then meson setup --reconfigure "$build" >/dev/null; else meson setup "$build" >/dev/null; fi
  ninja -C "$build" src/server/kringd >/dev/null
  KRINGD=$build/src/server/kringd
fi

work=$(mktemp -d /tmp/kring-bench.XXXXXX)
chmod 755 "$work" # nginx's workers (user nobody) read the static file under it
# shellcheck disable=SC2046 # pkg-config's flags are words
cc -O2 -o "$work/soup-floor" "$bench/soup-floor.c" $(pkg-config --cflags --libs libsoup-3.0)
kringd_pid='' nginx_pid='' floor_pid='' perf_pid='' wrk_pid='' db_pid=''
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
  stop_pid "$wrk_pid"; stop_pid "$db_pid"; stop_pid "$perf_pid"
  stop_pid "$nginx_pid"; stop_pid "$floor_pid"; stop_pid "$kringd_pid"
  if [ "$keep" = 1 ]; then echo "run-bench: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_kringd () { # DIR: kringd on DIR/kring.db, port 0; sets kringd_pid and base
  local dir=$1
  mkdir -p "$dir/mail"
  : >"$dir/kringd.out" # emptied here, not by the child: the loop below must not see the last run's port
  "$KRINGD" --listen 127.0.0.1:0 --database "sqlite:$dir/kring.db" --mail-dir "$dir/mail" \
    >>"$dir/kringd.out" 2>>"$dir/kringd.err" &
  kringd_pid=$!
  for _ in $(seq 300); do
    base=$(sed -n 's|^listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p' "$dir/kringd.out")
    [ -n "$base" ] && return 0
    kill -0 "$kringd_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "run-bench: kringd did not start:" >&2; cat "$dir/kringd.err" >&2; exit 1
}

stop_kringd () { stop_pid "$kringd_pid"; kringd_pid=; }

free_port () {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_nginx () { # nginx and the libsoup floor: sets nginx_pid, nginx_url, floor_pid, floor_url
  local dir=$work/nginx port
  mkdir -p "$dir/html" "$dir/tmp"
  chmod 755 "$dir" "$dir/html"
  # Exactly 200 bytes of JSON, like a small API answer.
  python3 -c 'import json
d = {"id": 4242, "title": "Static reference", "archived": False, "pad": ""}
d["pad"] = "x" * (200 - len(json.dumps(d)))
s = json.dumps(d); assert len(s) == 200; print(s, end="")' >"$dir/html/static.json"
  chmod 644 "$dir/html/static.json"
  port=$(free_port)
  sed -e "s|@PREFIX@|$dir|g" -e "s|@PORT@|$port|g" "$bench/nginx.conf.in" >"$dir/nginx.conf"
  nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" &
  nginx_pid=$!
  nginx_url=http://127.0.0.1:$port/static.json
  wait_for "$nginx_url" || { echo "run-bench: nginx did not start:" >&2; cat "$dir/error.log" >&2; exit 1; }
  # The libsoup floor serves the same file.
  port=$(free_port)
  "$work/soup-floor" "$port" "$dir/html/static.json" &
  floor_pid=$!
  floor_url=http://127.0.0.1:$port/static.json
  wait_for "$floor_url" || { echo "run-bench: soup-floor did not start" >&2; exit 1; }
}

wait_for () { # URL: until it answers (≤ 10 s)
  for _ in $(seq 100); do
    python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=2)" "$1" \
      2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

make_database () { # DIR SCALE
  local dir=$1 scale=$2 ids account started=$SECONDS
  start_kringd "$dir"
  ids=$(python3 "$bench/bench-api.py" signup "$base" "$dir/mail" "$dir/kring.db" "$owner" "$password")
  account=${ids#* }
  local activate=()
  if ! "$KRINGD" admin --database "sqlite:$dir/kring.db" set-status "$account" active >"$dir/admin.out" 2>&1; then
    echo "run-bench: 'kringd admin set-status' failed ($(head -c 200 "$dir/admin.out")); activating in SQL" >&2
    activate=(--activate)
  fi
  stop_kringd
  python3 "$bench/make-bench-db.py" --db "$dir/kring.db" --scale "$scale" --owner-email "$owner" \
    "${activate[@]}" &
  db_pid=$!
  wait "$db_pid" || { echo "run-bench: making the database failed" >&2; exit 1; }
  db_pid=''
  echo "run-bench: scale $scale database ready in $((SECONDS - started)) s ($(du -h "$dir/kring.db" | cut -f1))"
}

process_cpu_ticks () { # utime + stime of kringd (0 when not running)
  if [ -n "$kringd_pid" ] && [ -r "/proc/$kringd_pid/stat" ]; then
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$kringd_pid/stat"
  else
    echo 0
  fi
}

children_cpu_ticks () { # cutime + cstime of this shell
  awk '{ sub(/^.*\) /, ""); print $14 + $15 }' "/proc/$$/stat"
}

run_wrk () { # OUT URL SCRIPT ARGS…: one bounded wrk run, optionally profiled
  local out=$1 url=$2 script=$3; shift 3
  if [ -n "$perf_dir" ] && [ -n "$kringd_pid" ] && [[ $(basename "$out") != nginx-* && $(basename "$out") != floor.txt ]]; then
    perf record -g -q -p "$kringd_pid" -o "$out.perf" -- sleep "$duration" 2>/dev/null &
    perf_pid=$!
  fi
  local cpu_before
  cpu_before=$(process_cpu_ticks)
  # In the background and waited for, so that Ctrl+C or SIGTERM stops the
  # script at once (bash runs traps only between foreground commands).
  local client_before
  client_before=$(children_cpu_ticks)
  timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" --latency \
    -s "$bench/$script" "$url" -- "$@" >"$out" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid" || true
  wrk_pid=''
  # wrk's CPU time, now counted among this shell's waited-for children: the
  # load generator shares the 2 cores with the server.
  echo "Client CPU ticks: $(($(children_cpu_ticks) - client_before))" >>"$out"
  # kringd's CPU time (all its threads) over the run, for "CPU µs per request".
  [[ $(basename "$out") == nginx-* || $(basename "$out") == floor.txt ]] ||
    echo "Server CPU ticks: $(($(process_cpu_ticks) - cpu_before)) at $(getconf CLK_TCK)/s" >>"$out"
  if [ -n "$perf_pid" ]; then
    wait "$perf_pid" 2>/dev/null || true; perf_pid=
    perf report -i "$out.perf" --no-children --percent-limit 1 --stdio 2>/dev/null \
      >"$perf_dir/$(basename "$(dirname "$(dirname "$out")")")-$(basename "$(dirname "$out")")-$(basename "$out" .txt).txt" || true
  fi
  printf '  %-8s %s\n' "$(basename "$out" .txt)" "$(grep -E 'Requests/sec|Non-2xx' "$out" | tr -s ' ' | tr '\n' ' ')"
}

settle () { # DIR: let the mailer drain the outbox a write scenario filled (≤ 60 s)
  python3 - "$1/kring.db" <<'PY'
import sqlite3, sys, time
for _ in range(600):
    con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=5)
    left = con.execute("SELECT count(*) FROM outbox").fetchone()[0]
    con.close()
    if left == 0:
        break
    time.sleep(0.1)
else:
    print(f"run-bench: {left} mails still in the outbox", file=sys.stderr)
PY
  sleep 1
}

measure () { # DIR SCALE
  local dir=$1 scale=$2 n=$((10000 * $2)) token tag
  start_kringd "$dir"
  token=$(python3 "$bench/bench-api.py" login "$base" "$owner" "$password")
  python3 "$bench/bench-api.py" check "$base" "$token" "$n"
  start_nginx
  for round in $(seq "$runs"); do
    local out=$work/results/scale-$scale/round-$round
    mkdir -p "$out"
    tag=s$scale-r$round
    cut -d' ' -f1 /proc/loadavg >"$out/load"
    echo "run-bench: scale $scale, round $round/$runs (${duration} s per run, $connections connections," \
      "load average $(cut -d' ' -f1 /proc/loadavg))"
    # nginx right before each scenario: the machine's speed drifts, the ratio
    # of two neighbouring runs much less.
    run_wrk "$out/nginx-list.txt" "$nginx_url" static.lua ""
    run_wrk "$out/floor.txt" "$floor_url" static.lua ""
    run_wrk "$out/list.txt" "$base/api/v1/dossiers" static.lua "$token"
    for scenario in dossier entries invite entry; do
      run_wrk "$out/nginx-$scenario.txt" "$nginx_url" static.lua ""
      run_wrk "$out/$scenario.txt" "$base" dynamic.lua "$scenario" "$token" "$n" "$tag"
      case $scenario in invite|entry) settle "$dir" ;; esac
    done
  done
  stop_pid "$nginx_pid"; nginx_pid=''
  stop_pid "$floor_pid"; floor_pid=''
  stop_kringd
  if [ -s "$dir/kringd.err" ]; then
    echo "run-bench: kringd's stderr (last lines):"; tail -n 5 "$dir/kringd.err"
  fi
}

for scale in ${scales//,/ }; do
  dir=$work/scale-$scale
  mkdir -p "$dir"
  make_database "$dir" "$scale"
  measure "$dir" "$scale"
  [ "$keep" = 1 ] || rm -f "$dir"/kring.db*  # the next scale needs the disk cache more
done
python3 "$bench/bench-report.py" "$work/results"
