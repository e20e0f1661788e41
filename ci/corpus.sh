#!/usr/bin/env bash
# The programs `make corpus` prints reports with: Debian's Chromium and LibreOffice, and the
# fonts the generated reports use. Only the generator needs them; the tests read the committed
# test set. Quiet when everything is there already.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v soffice >/dev/null || need+=(libreoffice-writer libreoffice-calc)
fc-list | grep -q Carlito || need+=(fonts-crosextra-carlito fonts-crosextra-caladea)
fc-list | grep -q "Liberation Sans" || need+=(fonts-liberation2)
fc-list | grep -q "DejaVu Sans" || need+=(fonts-dejavu)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
