#!/usr/bin/env bash
# Install Debian's Tesseract OCR with the Swedish language data, when it is missing, so that
# scanned pages are read. Prints the tesseract version line.
#
#   ci/ocr.sh
set -euo pipefail

has_swedish() {
    command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx swe
}

if ! has_swedish; then
    if [ "$(id -u)" != "0" ]; then
        echo "Tesseract with Swedish is not installed; run as root or:" \
             "apt-get install tesseract-ocr tesseract-ocr-swe" >&2
        exit 1
    fi
    echo "installing Debian's tesseract-ocr and tesseract-ocr-swe ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq tesseract-ocr tesseract-ocr-swe >&2
fi
tesseract --version 2>&1 | head -n 1
