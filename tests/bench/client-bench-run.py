#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The measuring half of run-client-bench.sh, run inside
tests/app/run-with-display.sh (an X server, a D-Bus session, a keyring):

  client-bench-run.py --kring BIN --client-bench BIN --server URL --email EMAIL
                      --expect N --query TEXT --runs R   < password

1. `kring --sign-in EMAIL` (the password on standard input) keeps a session
   in the keyring, as a person signed in before.
2. Starts the real `kring --server URL` R + 1 times with KRING_BENCH=1: the
   time from starting the process to its "first-page-shown" mark (the
   dossier list's first page painted: an interactive window), and its peak
   RSS a second later.  The first start is cold (font and icon caches of a
   fresh home are built), the others warm.
3. Runs client-bench (the same window in a GTK program) to scroll the whole
   list and type into the search field.

Prints the figures and PASS/MISS per target; exits 1 only when something
failed to run (a benchmark of failures is worthless), not for a MISS.
"""

import argparse
import os
import select
import signal
import statistics
import subprocess
import sys
import time

TARGET_INTERACTIVE_MS = 500
TARGET_FILTER_MS = 16
TARGET_RSS_MB = 150
TIMEOUT = 120


def fail(what):
    print(f"client-bench: {what}", file=sys.stderr)
    sys.exit(1)


def now_us():
    # CLOCK_MONOTONIC, as g_get_monotonic_time() in the client.
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000


def status_kb(pid, field):
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def start_once(args):
    """One start of kring: (ms to first-page-shown, peak RSS kB)."""
    env = dict(os.environ, KRING_BENCH="1")
    started = now_us()
    p = subprocess.Popen([args.kring, "--server", args.server], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        shown = None
        buffered = b""
        deadline = time.monotonic() + TIMEOUT
        while shown is None:
            if time.monotonic() > deadline:
                fail("kring showed no first page (is the session in the keyring?)")
            ready, _, _ = select.select([p.stderr], [], [], 1.0)
            if not ready:
                if p.poll() is not None:
                    fail(f"kring exited with {p.returncode}")
                continue
            chunk = os.read(p.stderr.fileno(), 65536)
            if not chunk:
                fail(f"kring closed its stderr (exit {p.wait()})")
            buffered += chunk
            *lines, buffered = buffered.split(b"\n")
            for line in lines:
                text = line.decode(errors="replace")
                if text.startswith("kring-bench: first-page-shown "):
                    shown = int(text.split()[-1])
                elif text.strip():
                    print(f"# kring: {text}", file=sys.stderr)
        # The window as it stays: a second later, the peak so far.
        time.sleep(1.0)
        rss = status_kb(p.pid, "VmHWM")
        return (shown - started) / 1000.0, rss
    finally:
        stop(p)


def verdict(ok):
    return "PASS" if ok else "MISS"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kring", required=True)
    ap.add_argument("--client-bench", required=True)
    ap.add_argument("--server", required=True)
    ap.add_argument("--email", required=True)
    ap.add_argument("--expect", type=int, required=True)
    ap.add_argument("--query", required=True)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    password = sys.stdin.readline()

    # 1. A stored session, as after signing in once.
    r = subprocess.run([args.kring, "--server", args.server, "--sign-in", args.email],
                       input=password, text=True, capture_output=True, timeout=TIMEOUT)
    if r.returncode != 0:
        fail(f"kring --sign-in failed ({r.returncode}): {r.stderr.strip()}")

    # 2. Starts of the real binary.
    cold_ms, cold_rss = start_once(args)
    print(f"client-bench: start cold {cold_ms:7.1f} ms  peak RSS {cold_rss / 1024:6.1f} MB",
          flush=True)
    warm = []
    for i in range(args.runs):
        ms, rss = start_once(args)
        warm.append((ms, rss))
        print(f"client-bench: start {i + 1}    {ms:7.1f} ms  peak RSS {rss / 1024:6.1f} MB",
              flush=True)

    # 3. Scrolling and searching in the window.
    r = subprocess.run([args.client_bench, "--server", args.server, "--expect", str(args.expect),
                        "--query", args.query], capture_output=True, text=True,
                       timeout=TIMEOUT * 10)
    sys.stdout.write(r.stdout)
    if r.returncode != 0:
        fail(f"client-bench failed ({r.returncode}): {r.stderr.strip()[-2000:]}")
    figures = {}
    for line in r.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "client-bench:":
            figures[parts[1]] = float(parts[2])

    interactive = statistics.median(ms for ms, _ in warm)
    peak_rss_mb = max([cold_rss] + [rss for _, rss in warm] + [figures["peak-rss-kb"]]) / 1024
    filter_ms = figures["filter-stall-max-ms"]
    print()
    print(f"Client benchmark: {args.expect} dossiers in the list, {len(args.query)} keys of {args.query!r} typed")
    print(f"  interactive (start → first page shown), median of {args.runs} warm starts:"
          f" {interactive:.0f} ms (cold start {cold_ms:.0f} ms)"
          f"   target ≤ {TARGET_INTERACTIVE_MS} ms  {verdict(interactive <= TARGET_INTERACTIVE_MS)}")
    print(f"  scroll the whole list ({int(figures['scroll-rows'])} rows,"
          f" {int(figures['scroll-steps'])} viewports): {figures['scroll-ms'] / 1000:.1f} s;"
          f" main-thread stall per step p50 {figures['scroll-stall-p50-ms']:.1f} ms,"
          f" p95 {figures['scroll-stall-p95-ms']:.1f} ms, max {figures['scroll-stall-max-ms']:.1f} ms")
    print(f"  filter per keystroke (longest main-thread stall from key to rows shown):"
          f" p50 {figures['filter-stall-p50-ms']:.1f} ms, max {filter_ms:.1f} ms"
          f"   target ≤ {TARGET_FILTER_MS} ms  {verdict(filter_ms <= TARGET_FILTER_MS)}")
    print(f"    key → its frame p50 {figures['filter-frame-p50-ms']:.1f} ms;"
          f" key → filtered rows shown p50 {figures['filter-shown-p50-ms']:.0f} ms,"
          f" max {figures['filter-shown-max-ms']:.0f} ms"
          f" (includes the {int(figures['filter-search-delay-ms'])} ms search delay"
          f" and the server's answer)")
    print(f"  peak RSS: {peak_rss_mb:.1f} MB (kring after start {max(rss for _, rss in warm) / 1024:.1f} MB,"
          f" after scrolling all rows {figures['peak-rss-kb'] / 1024:.1f} MB)"
          f"   target ≤ {TARGET_RSS_MB} MB  {verdict(peak_rss_mb <= TARGET_RSS_MB)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
