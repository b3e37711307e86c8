#!/usr/bin/env bash
# Installs what the operator console's browser test (ConsoleBrowserTest) needs: Debian's chromium and
# chromium-driver at /usr/bin/chromium and /usr/bin/chromedriver. Idempotent; needs root and the Debian
# package registry. Called by .ci/run before Maven; with CI=true (or -Dhub.services.required=true) the test
# fails instead of skipping when the browser is missing (RequiredService).
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "browser.sh: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}') already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
/usr/bin/chromium --version
/usr/bin/chromedriver --version
