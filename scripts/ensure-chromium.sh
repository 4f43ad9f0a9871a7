#!/usr/bin/env bash
# Browser tests need Debian's Chromium (and Chinese and emoji fonts, or screenshots show boxes).
# Install them when we can (root with apt-get); otherwise stop with the command to run.
# Never skip the browser tests silently.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
need=()
[ -x "$CHROMIUM" ] || need+=(chromium)
has_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list "$1" 2>/dev/null | head -n 1)" ]; }
has_font :lang=zh || need+=(fonts-wqy-zenhei)
has_font ':family=Noto Color Emoji' || need+=(fonts-noto-color-emoji)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the browser tests: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
cat >&2 <<MSG
The browser tests need: ${need[*]} (Chromium expected at $CHROMIUM).
Install as root:   apt-get update && apt-get install -y chromium fonts-wqy-zenhei fonts-noto-color-emoji
(or point CHROMIUM_PATH at a Chromium binary), then run npm test again.
MSG
exit 1
