#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs each libFuzzer harness for a time budget on a scratch copy of its
# seed corpus (the corpus in the tree is never written to) and prints one
# line per harness.  Exits non-zero if a harness crashed, hit a sanitizer,
# timed out on one input, or is missing.  A failing run's directory, with
# the crashing input and the log, is kept and named.
#
#   CC=clang meson setup build-fuzz -Dfuzzing=true -Dserver=false -Dclient=false
#   ninja -C build-fuzz
#   tests/fuzz/run-fuzzers.sh build-fuzz [SECONDS_PER_HARNESS]
#
# Extra libFuzzer flags can be passed in FUZZ_FLAGS (e.g. "-max_len=65536").
set -u

usage="usage: $0 FUZZ_BUILD_DIR [SECONDS_PER_HARNESS]"
build=${1:?$usage}
seconds=${2:-30}
case $seconds in '' | *[!0-9]*) echo "$usage" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
harnesses="request-body email recipients"

# GLib's slice allocator would hide use-after-free from ASan; one input
# taking over 10 s means something is not linear.
export G_SLICE=always-malloc
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kring-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$scratch"; exit 130' INT TERM
status=0
keep=0

final_stat () { sed -n "s/^stat::$1: *//p" "$2" | tail -n 1; }
count_files () { find "$1" -type f | wc -l; }

for name in $harnesses; do
  bin=$build/tests/fuzz/fuzz-$name
  if [ ! -x "$bin" ]; then
    echo "fuzz-$name: MISSING $bin (configure with CC=clang -Dfuzzing=true)"
    status=1
    continue
  fi
  work=$scratch/$name
  mkdir -p "$work/corpus" "$work/artifacts"
  cp "$here/corpus/$name/"* "$work/corpus/"
  seeds=$(count_files "$work/corpus")
  dict=()
  [ -f "$here/$name.dict" ] && dict=("-dict=$here/$name.dict")

  # shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
  "$bin" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" ${FUZZ_FLAGS:-} "$work/corpus" > "$work/log" 2>&1
  rc=$?

  runs=$(final_stat number_of_executed_units "$work/log")
  rate=$(final_stat average_exec_per_sec "$work/log")
  cov=$(grep -o 'cov: [0-9]*' "$work/log" | tail -n 1)
  corpus=$(count_files "$work/corpus")
  if [ "$rc" -eq 0 ] && [ "$(count_files "$work/artifacts")" -eq 0 ]; then
    echo "fuzz-$name: ok, ${runs:-?} runs in ${seconds} s (${rate:-?}/s)," \
      "${cov:-cov: ?}, corpus $seeds -> $corpus"
  else
    crash=$(find "$work/artifacts" -type f | head -n 1)
    echo "fuzz-$name: FAILED (exit $rc) after ${runs:-?} runs: ${crash:-no artifact}; see $work/log"
    status=1
    keep=1
  fi
done

if [ "$keep" -eq 0 ]; then
  rm -rf "$scratch"
fi
exit "$status"
