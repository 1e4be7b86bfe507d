#!/usr/bin/env bash
# Installs the Debian packages the tests use (PRODUCT.md §7). Idempotent; quiet when all are present.
# chromium: the web console's end-to-end tests drive it with Playwright (never a downloaded browser build);
# fonts-nanum: Korean glyphs for the console's pages and screenshots.
set -euo pipefail
# Speech (issue 7): espeak-ng speaks (libespeak-ng1 in process, the CLI to make test audio), pocketsphinx listens
# (libpocketsphinx3 in process, with the en-us acoustic model and dictionary).
# mosquitto: the MQTT bridge's tests start their own brokers on free loopback ports (the package's system service is
# never used).
# PostgreSQL (issue 6): the cluster tests start their own server on a free loopback port with scripts/postgres.sh.
packages=(espeak-ng libespeak-ng1 espeak-ng-data libpocketsphinx3 pocketsphinx-en-us chromium fonts-nanum mosquitto postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
