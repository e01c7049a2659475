#!/usr/bin/env bash
# What the dashboard needs in CI, from Debian's packages when missing: Node.js and npm to build it
# (`make test` runs `npm ci` and the bundler), and chromium for its browser test (Playwright drives
# /usr/bin/chromium; it never downloads a browser of its own).
#   .ci/browser.sh    # installs what is missing; prints nothing else
set -euo pipefail
missing=()
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
