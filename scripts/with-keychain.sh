#!/usr/bin/env bash
# Runs a command with a real Secret Service: a private D-Bus session, an unlocked
# gnome-keyring-daemon, and an isolated HOME so the developer's own keyring is untouched.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keychain: dbus-run-session and gnome-keyring-daemon are needed (Debian: apt-get install dbus gnome-keyring)" >&2
  exit 1
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# shellcheck disable=SC2016
exec dbus-run-session -- bash -c '
  printf "%s" "augenhoehe-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' with-keychain "$@"
