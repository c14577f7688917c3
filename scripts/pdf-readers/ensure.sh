#!/usr/bin/env bash
# Makes sure the independent PDF readers the certificate tests check every rendered design with
# are installed: Poppler (pdftoppm, pdftotext, pdfinfo), Ghostscript, qpdf and MuPDF (mutool);
# and Info-ZIP's unzip, the independent reader of the ledger's audit-pack zip files.
# Installs the Debian packages with apt when a tool is missing (needs root), like
# scripts/postgres/start.sh does for PostgreSQL. Exits non-zero when a tool is still missing, so
# the tests never silently skip these checks.
set -euo pipefail

log() { echo "pdf-readers: $*" >&2; }

declare -A PACKAGE_OF=(
	[pdftoppm]=poppler-utils [pdftotext]=poppler-utils [pdfinfo]=poppler-utils
	[gs]=ghostscript [qpdf]=qpdf [mutool]=mupdf-tools [unzip]=unzip
)

missing_packages() {
	local tool
	for tool in "${!PACKAGE_OF[@]}"; do
		command -v "$tool" >/dev/null 2>&1 || echo "${PACKAGE_OF[$tool]}"
	done | sort -u
}

mapfile -t MISSING < <(missing_packages)
if [[ ${#MISSING[@]} -gt 0 ]]; then
	if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
		log "missing ${MISSING[*]}: install these Debian packages (apt-get install ${MISSING[*]})"
		exit 1
	fi
	log "installing the Debian packages ${MISSING[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends "${MISSING[@]}" >&2
	mapfile -t MISSING < <(missing_packages)
	if [[ ${#MISSING[@]} -gt 0 ]]; then
		log "still missing after apt-get: ${MISSING[*]}"
		exit 1
	fi
fi
log "Poppler, Ghostscript, qpdf, MuPDF and unzip are installed"
