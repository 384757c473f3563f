#!/bin/sh
# Installs wrk, the load generator `npm run bench` prefers (autocannon, from `npm install`, is
# the bottleneck above about 40k requests a second). Debian and Ubuntu: the `wrk` package;
# elsewhere, install wrk (https://github.com/wg/wrk) your system's way. Needs root (or sudo).
set -eu
if command -v wrk >/dev/null 2>&1; then
  echo "wrk is installed: $(wrk -v 2>&1 | head -n 1)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No apt-get here: install wrk your system's way; the bench uses autocannon meanwhile." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO apt-get install -y wrk
echo "wrk installed: $(wrk -v 2>&1 | head -n 1)"
