#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads the wrk outputs of run-bench.sh and prints the figures.

  bench-report.py RESULTS_DIR

RESULTS_DIR/scale-<S>/round-<R>/<scenario>.txt, each with the nginx run made
right before it in nginx-<scenario>.txt: a scenario's ratio is to that run.

Prints, per scale, a table (median over rounds) of req/s, p50, p99, non-2xx
answers, the ratio to nginx's static rate measured in the same round, the
target and PASS/MISS; with more than one scale, the 1.5× check of each
larger scale against the first; then a compact block to paste into a note.
Exits 1 when any scenario had non-2xx answers or socket errors.
"""

import glob
import os
import re
import statistics
import sys

# name, label, kind, target: reads are a share of nginx's rate, writes an absolute rate.
SCENARIOS = [
    ("list", "GET /api/v1/dossiers (page of 50)", "read", 0.25),
    ("dossier", "GET /api/v1/dossiers/{id}", "read", 0.40),
    ("entries", "GET …/{id}/entries (page of 50)", "read", 0.25),
    ("invite", "POST …/{id}/participants (guest)", "write", 5000),
    ("entry", "POST …/{id}/entries", "write", 5000),
]
P99_LIMIT = {"read": 10.0, "write": 50.0}
SCALE_FACTOR = 1.5

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def parse_wrk(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    out = {"rps": None, "p50": None, "p99": None, "non2xx": 0, "socket": 0, "requests": 0}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", text):
        out["rps"] = float(m.group(1))
    if m := re.search(r"^\s+50%\s+(\S+)", text, re.M):
        out["p50"] = ms(m.group(1))
    if m := re.search(r"^\s+99%\s+(\S+)", text, re.M):
        out["p99"] = ms(m.group(1))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text):
        out["non2xx"] = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
        out["socket"] = int(m.group(1)) + int(m.group(3)) + int(m.group(4))
    if m := re.search(r"(\d+) requests in", text):
        out["requests"] = int(m.group(1))
    if m := re.search(r"Server CPU ticks: (\d+) at (\d+)/s", text):
        if out["requests"]:
            out["cpu_us"] = int(m.group(1)) / int(m.group(2)) * 1e6 / out["requests"]
    if (m := re.search(r"Client CPU ticks: (\d+)", text)) and out["requests"]:
        out["client_us"] = int(m.group(1)) / os.sysconf("SC_CLK_TCK") * 1e6 / out["requests"]
    if out["rps"] is None or out["p99"] is None:
        out["broken"] = True
    return out


def load_scale(scale_dir):
    """scenario → list over rounds of parsed results (with 'ratio' to that round's nginx)."""
    results = {}
    for round_dir in sorted(glob.glob(os.path.join(scale_dir, "round-*"))):
        floor = None
        if os.path.exists(os.path.join(round_dir, "floor.txt")):
            floor = parse_wrk(os.path.join(round_dir, "floor.txt"))
            first_nginx = os.path.join(round_dir, f"nginx-{SCENARIOS[0][0]}.txt")
            if floor.get("rps") and os.path.exists(first_nginx):
                ng = parse_wrk(first_nginx)
                if ng.get("rps"):
                    floor["ratio"] = floor["rps"] / ng["rps"]
            floor["floor_ratio"] = 1.0
            results.setdefault("floor", []).append(floor)
        for name, _, _, _ in SCENARIOS:
            path = os.path.join(round_dir, f"{name}.txt")
            nginx_path = os.path.join(round_dir, f"nginx-{name}.txt")
            if not os.path.exists(path):
                continue
            nginx = parse_wrk(nginx_path) if os.path.exists(nginx_path) else None
            if nginx is not None:
                results.setdefault("nginx", []).append(nginx)
            r = parse_wrk(path)
            if nginx and nginx.get("rps") and r.get("rps") is not None:
                r["ratio"] = r["rps"] / nginx["rps"]
            if floor and floor.get("rps") and r.get("rps") is not None:
                r["floor_ratio"] = r["rps"] / floor["rps"]
            results.setdefault(name, []).append(r)
    return results


def median(rows, key):
    values = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(values) if values else None


def load_averages(scale_dir):
    loads = []
    for path in sorted(glob.glob(os.path.join(scale_dir, "round-*", "load"))):
        with open(path, encoding="utf-8") as f:
            loads.append(f.read().strip())
    return loads


def summarise(results):
    summary = {}
    for name, rows in results.items():
        summary[name] = {k: median(rows, k) for k in ("rps", "p50", "p99", "ratio", "floor_ratio", "cpu_us", "client_us")}
        summary[name]["non2xx"] = sum(r["non2xx"] for r in rows)
        summary[name]["socket"] = sum(r["socket"] for r in rows)
        summary[name]["broken"] = any(r.get("broken") for r in rows)
        summary[name]["rounds"] = len(rows)
    return summary


def verdict(kind, target, s):
    if s["rps"] is None or s["p99"] is None:
        return "target ?", "MISS", False
    if kind == "read":
        ok_rate = s["ratio"] is not None and s["ratio"] >= target
        want = f"≥{target:.0%} nginx"
    else:
        ok_rate = s["rps"] >= target
        want = f"≥{target:,}/s"
    ok_p99 = s["p99"] <= P99_LIMIT[kind]
    want += f", p99≤{P99_LIMIT[kind]:.0f}ms"
    return want, "PASS" if ok_rate and ok_p99 else "MISS", True


def fmt(v, spec):
    return "—" if v is None else format(v, spec)


def print_table(scale, summary):
    ng = summary.get("nginx")
    rounds = max((summary[n]["rounds"] for n, *_ in SCENARIOS if n in summary), default=0)
    print(f"\n== scale {scale}: {10_000 * scale:,} dossiers, {100_000 * scale:,} participants, "
          f"{200_000 * scale:,} entries (median of {rounds} round(s)) ==")
    print(f"{'scenario':36} {'req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'non2xx':>7} "
          f"{'÷nginx':>7} {'÷floor':>7} {'srv µs':>7} {'wrk µs':>7}  {'target':28} result")
    if ng:
        print(f"{'nginx static 200 B (median of runs)':36} {fmt(ng['rps'], ',.0f'):>9} "
              f"{fmt(ng['p50'], '.2f'):>7} {fmt(ng['p99'], '.2f'):>7} {ng['non2xx']:>7} {'1.00':>7} {'':>7} {'':>7} {fmt(ng['client_us'], '.0f'):>7}")
    fl = summary.get("floor")
    if fl:
        print(f"{'libsoup 1 thread, empty handler':36} {fmt(fl['rps'], ',.0f'):>9} "
              f"{fmt(fl['p50'], '.2f'):>7} {fmt(fl['p99'], '.2f'):>7} {fl['non2xx']:>7} "
              f"{fmt(fl['ratio'], '.2f'):>7} {'1.00':>7} {'':>7} {fmt(fl['client_us'], '.0f'):>7}"
              "  (floor: the most one libsoup thread does)")
    failed = bool(ng and (ng["non2xx"] or ng["socket"] or ng["broken"]))
    misses = []
    for name, label, kind, target in SCENARIOS:
        s = summary.get(name)
        if s is None:
            continue
        want, result, _ = verdict(kind, target, s)
        if s["non2xx"] or s["socket"] or s["broken"]:
            result, failed = "ERRORS", True
        elif result == "MISS":
            misses.append(name)
        print(f"{label:36} {fmt(s['rps'], ',.0f'):>9} {fmt(s['p50'], '.2f'):>7} "
              f"{fmt(s['p99'], '.2f'):>7} {s['non2xx']:>7} {fmt(s['ratio'], '.2f'):>7} "
              f"{fmt(s['floor_ratio'], '.2f'):>7} {fmt(s['cpu_us'], '.0f'):>7} {fmt(s['client_us'], '.0f'):>7}  "
              f"{want:28} {result}")
        if s["socket"]:
            print(f"{'':36} ^ {s['socket']} socket errors (connect/write/timeout)")
    print("÷nginx: share of nginx's rate in the run just before; ÷floor: share of the libsoup floor;"
          " srv µs / wrk µs: CPU time of kringd (all threads) / of wrk per request")
    return failed, misses


def compare_scales(base_scale, base, scale, summary):
    """The 1.5× target: reads compare their ratio to nginx (absolute rates
    move with the machine's load), writes their rate; p99 for both."""
    print(f"\n== scale {scale} against scale {base_scale} (target: within {SCALE_FACTOR}×) ==")
    misses = []
    for name, label, kind, _ in SCENARIOS:
        a, b = base.get(name), summary.get(name)
        if not a or not b or a["rps"] is None or b["rps"] is None:
            continue
        key = "ratio" if kind == "read" else "rps"
        if a[key] is None or b[key] is None:
            continue
        slower = a[key] / b[key]
        tail = b["p99"] / a["p99"] if a["p99"] else float("inf")
        ok = slower <= SCALE_FACTOR and tail <= SCALE_FACTOR
        if not ok:
            misses.append(name)
        cpu = b["cpu_us"] / a["cpu_us"] if a.get("cpu_us") and b.get("cpu_us") else None
        print(f"{label:36} rate ÷{slower:5.2f}   p99 ×{tail:5.2f}   {'PASS' if ok else 'MISS'}"
              f"   server CPU/request ×{fmt(cpu, '.2f')}")
    print("(rates and p99 move with other work on the machine; server CPU per request much less)")
    return misses


def main():
    root = sys.argv[1]
    scales = sorted((int(os.path.basename(d).split("-")[1]), d)
                    for d in glob.glob(os.path.join(root, "scale-*")))
    failed = False
    block = []
    summaries = []
    for scale, d in scales:
        summary = summarise(load_scale(d))
        summary["load"] = load_averages(d)
        summaries.append((scale, summary))
        bad, misses = print_table(scale, summary)
        failed |= bad
        ng = summary.get("nginx", {})
        fl = summary.get("floor", {})
        block.append(f"scale {scale} ({10_000 * scale} dossiers): nginx {fmt(ng.get('rps'), '.0f')}/s,"
                     f" libsoup floor {fmt(fl.get('rps'), '.0f')}/s (×nginx {fmt(fl.get('ratio'), '.2f')});"
                     f" load average before each round: {', '.join(summary['load'])}")
        for name, _, kind, _ in SCENARIOS:
            s = summary.get(name)
            if s:
                block.append(f"  {name:8} {fmt(s['rps'], '7.0f')}/s  p50 {fmt(s['p50'], '6.2f')} ms"
                             f"  p99 {fmt(s['p99'], '6.2f')} ms  ×nginx {fmt(s['ratio'], '.2f')}"
                             f"  ×floor {fmt(s['floor_ratio'], '.2f')}  cpu {fmt(s['cpu_us'], '.0f')} µs/req (wrk {fmt(s['client_us'], '.0f')})"
                             f"  non2xx {s['non2xx']}")
        block.append(f"  missed: {', '.join(misses) if misses else 'none'}")
    for scale, summary in summaries[1:]:
        misses = compare_scales(summaries[0][0], summaries[0][1], scale, summary)
        block.append(f"scale {scale} vs {summaries[0][0]} within {SCALE_FACTOR}×: "
                     f"{'missed ' + ', '.join(misses) if misses else 'all within'}")
    print("\n--- paste into a note ---")
    print("\n".join(block))
    print("---")
    if failed:
        print("\nbench: FAILED: some scenario answered non-2xx or had socket errors; "
              "its figures are worthless (see the wrk outputs)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
