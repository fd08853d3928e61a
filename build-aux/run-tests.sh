#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The whole test suite from a fresh clone: dependencies, a normal build with
# every test, an AddressSanitizer + UndefinedBehaviorSanitizer build running
# the core and server tests, the fuzzers for a short while, and the format
# check.  Ends with the line "N passed, N failed"; exits non-zero on failure.
set -uo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
build_root=${KRING_BUILD_ROOT:-$here/_build}
fuzz_seconds=${KRING_FUZZ_SECONDS:-30}

bash build-aux/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

export LANG=C.UTF-8
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME=$scratch/home XDG_RUNTIME_DIR=$scratch/run XDG_CACHE_HOME=$scratch/home/.cache \
  XDG_CONFIG_HOME=$scratch/home/.config XDG_DATA_HOME=$scratch/home/.local/share
mkdir -p "$HOME" && mkdir -m700 "$XDG_RUNTIME_DIR"

passed=0
failed=0
count_meson() { # build dir
  local counts
  counts=$(python3 build-aux/count-tests.py "$1/meson-logs/testlog.json") || counts="0 1"
  passed=$((passed + ${counts% *}))
  failed=$((failed + ${counts#* }))
}
step() { # name, command…
  local name=$1
  shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failed=$((failed + 1)); fi
}
setup() { # dir, options…
  local dir=$1
  shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@" >/dev/null
  fi
}

# 1. The normal build and every suite.
if setup "$build_root/main" -Dwerror=true && ninja -C "$build_root/main"; then
  meson test -C "$build_root/main" --print-errorlogs --num-processes 2
  count_meson "$build_root/main"
else
  echo "FAILED: build"; failed=$((failed + 1))
fi

# 2. Sanitizers over core and server.
if CC=gcc setup "$build_root/asan" -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug \
    && ninja -C "$build_root/asan"; then
  # kringd runs with leak detection (GLib's own lifetime allocations are
  # suppressed); the test programs, which only drive it, without.
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
    KRINGD_ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
    LSAN_OPTIONS=suppressions=$here/tests/lsan.supp:print_suppressions=0 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C "$build_root/asan" --suite core --suite server --print-errorlogs --num-processes 2 \
    --timeout-multiplier 3
  count_meson "$build_root/asan"
else
  echo "FAILED: sanitizer build"; failed=$((failed + 1))
fi

# 3. Fuzzers (libFuzzer needs clang), each for a short while.
if CC=clang setup "$build_root/fuzz" -Dfuzzing=true -Dserver=false -Dclient=false -Dwerror=true \
    && ninja -C "$build_root/fuzz"; then
  step "fuzzers (${fuzz_seconds}s each)" bash tests/fuzz/run-fuzzers.sh "$build_root/fuzz" "$fuzz_seconds"
else
  echo "FAILED: fuzz build"; failed=$((failed + 1))
fi

# 4. One formatting style.
step "clang-format" bash build-aux/check-format.sh

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
