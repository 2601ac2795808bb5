#!/bin/sh
# Installs the PDF tools the test suite reads PDFs with (Debian packages).
set -e
PKGS="poppler-utils qpdf"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
if ! command -v apt-get >/dev/null; then
  echo "install-test-tools: apt-get not found; install $PKGS with your package manager" >&2
  exit 1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
