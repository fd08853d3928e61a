#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one widget test with a real X server (Xvfb on a free display number,
# chosen by the server itself: no race between tests running in parallel),
# a private D-Bus session and an unlocked GNOME Keyring.
set -euo pipefail

scratch=$(mktemp -d)
cleanup() {
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

export HOME=$scratch/home XDG_RUNTIME_DIR=$scratch/run
mkdir -p "$HOME" && mkdir -m700 "$XDG_RUNTIME_DIR"

exec 3<> "$scratch/display"
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  display=$(cat "$scratch/display" 2>/dev/null || true)
  [ -n "$display" ] && break
  sleep 0.05
done
[ -n "$display" ] || { echo "Bail out! Xvfb did not start"; exit 1; }
export DISPLAY=:$display

# The empty line creates and unlocks the login collection.
dbus-run-session -- sh -c 'echo | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' sh "$@"
