#!/usr/bin/env bash
# Makes sure the real browser the verification-page tests load pages in is installed: Debian's
# Chromium, run headless. Installs it with apt when missing (needs root), as
# scripts/pdf-readers/ensure.sh does for the PDF readers, and exits non-zero when it is still
# missing, so the browser tests never silently skip. Prints the browser's path on stdout.
set -euo pipefail

log() { echo "browser: $*" >&2; }

find_browser() { command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || true; }

BROWSER=$(find_browser)
if [[ -z "$BROWSER" ]]; then
	if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
		log "Chromium is missing: install the Debian package (apt-get install chromium)"
		exit 1
	fi
	log "installing the Debian package chromium"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
	BROWSER=$(find_browser)
	if [[ -z "$BROWSER" ]]; then
		log "still missing after apt-get: chromium"
		exit 1
	fi
fi
log "Chromium is installed at $BROWSER"
echo "$BROWSER"
