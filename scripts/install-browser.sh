#!/usr/bin/env bash
# Installs the browser the end-to-end tests drive: Debian's Chromium at /usr/bin/chromium.
# (Playwright's own browser download cannot run here: playwright-core drives this one.)
# Runs as root in CI; does nothing when Chromium is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "Chromium is installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing and installing it needs root: sudo $0" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium
echo "Installed $(/usr/bin/chromium --version)"
