#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Kring needs to build, run and test, only
# when some are missing (a second run costs a second).
set -euo pipefail

packages=(
  build-essential pkg-config meson ninja-build gettext clang clang-format libclang-rt-14-dev
  libglib2.0-dev libglib2.0-bin libsoup-3.0-dev libjson-glib-dev libsqlite3-dev sqlite3
  libsodium-dev libcurl4-gnutls-dev glib-networking
  python3 python3-yaml python3-jsonschema openssl
  libgtk-4-dev libadwaita-1-dev libsecret-1-dev gnome-keyring dbus dbus-x11 xvfb xauth
  at-spi2-core python3-gi python3-pyatspi
  gir1.2-atspi-2.0
  dconf-gsettings-backend
  desktop-file-utils appstream locales systemd
)
if [ "${KRING_BENCH:-0}" = 1 ]; then
  packages+=(wrk nginx-light)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
