#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The main job from a fresh clone: install what is missing, build, and start
# kringd with a demo database (SQLite) on 127.0.0.1:8080.  The demo logins
# are printed; Ctrl+C stops the server.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
build=${KRING_BUILD_ROOT:-$here/_build}/main

bash build-aux/install-deps.sh
if [ -f "$build/build.ninja" ]; then meson setup --reconfigure "$build" >/dev/null; else meson setup "$build" >/dev/null; fi
ninja -C "$build"

data=${KRING_DEMO_DIR:-$here/_demo}
mkdir -p "$data"
echo "Demo database: $data/kring.db — mails land in $data/outbox/"
exec "$build/src/server/kringd" --listen 127.0.0.1:8080 --database "sqlite:$data/kring.db" \
  --mail-dir "$data/outbox" --demo
