#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the page's browser tests (test/web.test.ts drives it with
# playwright-core; Playwright's own browser download cannot work here, Debian's package can). Installs it with apt
# when missing (needs root, as CI is); does nothing when it is already there.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "ci-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium present')" >&2
  exit 0
fi
echo "ci-chromium: installing chromium from Debian" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq chromium >&2
/usr/bin/chromium --version >&2
