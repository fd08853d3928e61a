#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The main job from a fresh clone, in one command: install what is missing,
# build, start kringd with a demo database (SQLite) on 127.0.0.1:8080 in
# the background, and open the desktop client `kring` already signed in as
# the demo owner.  Closing the client stops the server.
#
# How the client is signed in without a password on any command line or in
# any file:
#   1. `kringd --demo` prints the demo logins on its standard output; this
#      script reads that output through a pipe (never a file) and shows it.
#   2. The owner's password goes on to `kring --sign-in EMAIL` on its
#      standard input (written by bash's builtin printf, so it is in no
#      process's argument list).  kring signs in over HTTP exactly as its
#      sign-in page does and keeps only the session token, in the keyring
#      (libsecret); the password is forgotten.  When a stored token still
#      works, it does not even sign in again.
#   3. `kring` then starts and signs in by itself with that token, as it
#      does at every start.
# No operator back door is involved: the server sees an ordinary sign-in.
#
# Without a graphical session ($DISPLAY or $WAYLAND_DISPLAY) only the
# server runs, in the foreground.  Without a D-Bus session bus the script
# starts one, with a keyring that lasts only for this run.
#
# Environment: KRING_BUILD_ROOT (default _build), KRING_DEMO_DIR (default
# _demo), KRING_DEMO_LISTEN (default 127.0.0.1:8080).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
build=${KRING_BUILD_ROOT:-$here/_build}/main
data=${KRING_DEMO_DIR:-$here/_demo}
listen=${KRING_DEMO_LISTEN:-127.0.0.1:8080}

# A run inside the private D-Bus session started below skips the setup.
if [ "${KRING_DEMO_IN_SESSION:-0}" != 1 ]; then
  bash build-aux/install-deps.sh
  if [ -f "$build/build.ninja" ]; then
    meson setup --reconfigure "$build" >/dev/null
  else
    meson setup "$build" >/dev/null
  fi
  ninja -C "$build"
fi

mkdir -p "$data"
kringd_args=(--listen "$listen" --database "sqlite:$data/kring.db" --mail-dir "$data/outbox" --demo)

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No graphical session: starting only the server (Ctrl+C stops it)."
  echo "Demo database: $data/kring.db — mails land in $data/outbox/"
  exec "$build/src/server/kringd" "${kringd_args[@]}"
fi

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  # No session bus (a bare X server, ssh -X): a private one for this run,
  # with a keyring of its own that is deleted afterwards.
  export KRING_DEMO_IN_SESSION=1
  exec dbus-run-session -- bash "$0" "$@"
fi

scratch=$(mktemp -d)
kringd_pid=
cleanup() {
  if [ -n "$kringd_pid" ] && kill -0 "$kringd_pid" 2>/dev/null; then
    kill -TERM "$kringd_pid" 2>/dev/null || true
    wait "$kringd_pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${KRING_DEMO_IN_SESSION:-0}" = 1 ]; then
  # The empty line unlocks a new, empty login keyring; it lives in the
  # scratch directory (the daemon's XDG_DATA_HOME only), gone at exit.
  mkdir -p "$scratch/keyring-data"
  echo | XDG_DATA_HOME=$scratch/keyring-data gnome-keyring-daemon --unlock --components=secrets \
    >/dev/null
fi

# The uninstalled client: its GSettings schema and translations from the
# build directory.
export GSETTINGS_SCHEMA_DIR=$build/data
[ -d "$build/po" ] && export KRING_LOCALEDIR=$build/po

# 1. The server, its output on a pipe this script reads.
exec {server_out}< <(exec "$build/src/server/kringd" "${kringd_args[@]}" 2>&1)
kringd_pid=$!

url=
owner_email=
owner_password=
while IFS= read -r line <&"$server_out"; do
  case $line in
    "listening on "*)
      url=${line#listening on }
      echo "$line"
      break
      ;;
  esac
  echo "$line"
  # A demo login: "  EMAIL  PASSWORD  ROLE" (matched in bash itself: no
  # here-string, which could be a temporary file).
  if [[ $line =~ ^[[:space:]]+([^[:space:]]+@[^[:space:]]+)[[:space:]]+([^[:space:]]+)[[:space:]]+owner[[:space:]]*$ ]]; then
    owner_email=${BASH_REMATCH[1]}
    owner_password=${BASH_REMATCH[2]}
  fi
done
if [ -z "$url" ]; then
  echo "kringd did not start (is $listen in use?)" >&2
  exit 1
fi
# The rest of the server's output goes on to the terminal.
cat <&"$server_out" &
echo "Demo database: $data/kring.db — mails land in $data/outbox/"

# 2. Signing in as the owner: the password on kring's standard input only.
if [ -n "$owner_email" ]; then
  printf '%s\n' "$owner_password" | "$build/src/app/kring" --server "$url" --sign-in "$owner_email" ||
    echo "Could not sign in as $owner_email: kring shows its sign-in page." >&2
else
  echo "No demo owner in this database: kring shows its sign-in page." >&2
fi
owner_password=

# 3. The client, signed in by itself; the server stops when it closes.
"$build/src/app/kring" --server "$url"
