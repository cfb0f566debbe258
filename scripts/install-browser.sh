#!/usr/bin/env bash
# Installs what the tests need beyond npm: Debian's chromium for the browser tests and
# pdftotext (poppler-utils) to read generated PDFs back. Does nothing when both are there.
set -euo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/pdftotext ]]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium ontbreekt en apt-get is er niet. Installeer chromium zelf (verwacht in /usr/bin/chromium)." >&2
  exit 1
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Chromium ontbreekt. Installeer het als root: apt-get install chromium fonts-dejavu-core poppler-utils" >&2
    exit 1
  fi
fi
echo "Chromium en pdftotext worden geïnstalleerd voor de tests…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core poppler-utils >/dev/null
echo "Chromium staat klaar: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
