#!/usr/bin/env bash
# Installs the Debian packages Densho needs to build, run, test and benchmark.
# Idempotent and quick when everything is present: `apt-get update` runs only when a package is missing.
set -euo pipefail

PACKAGES=(
  # build
  pkg-config libsqlite3-dev
  libavformat-dev libavcodec-dev libavfilter-dev libswscale-dev libswresample-dev libavutil-dev
  # run: time zones for Japanese dates; Japanese fonts for captions in demo clips (and print)
  tzdata ca-certificates fonts-noto-cjk
  # tests and benchmarks: sqlite3 and the ffmpeg tools are references and fixture makers, never used by the product
  sqlite3 ffmpeg
  # browser test (a real chromium driven over WebDriver) and web benchmarks (wrk against nginx)
  chromium chromium-driver wrk nginx-light curl
  # print and export (issue 5): cairo + pango PDF, QR codes, xlsx; checked with poppler, zbar and openpyxl
  libcairo2-dev libpango1.0-dev libqrencode-dev libxlsxwriter-dev zlib1g-dev
  poppler-utils zbar-tools
  # readings for Japanese search and furigana (issue 17): MeCab with the IPAdic dictionary
  libmecab-dev mecab-ipadic-utf8
  # backup benchmark (issue 16): rsync -a is the reference for a second backup
  rsync
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Independent references from PyPI: the OpenAPI validator and openpyxl (tests read our xlsx back),
# SciPy (the mentor-pairing benchmark's reference solver), aiosmtpd (the mail server notification
# e-mails are sent to in the delivery test).
python_modules=(openapi_spec_validator:openapi-spec-validator openpyxl:openpyxl scipy:scipy aiosmtpd:aiosmtpd)
for entry in "${python_modules[@]}"; do
  if ! python3 -c "import ${entry%%:*}" 2>/dev/null; then
    echo "Installing ${entry#*:} (PyPI)"
    python3 -m pip install -q "${entry#*:}"
  fi
done

if ! command -v swift >/dev/null 2>&1; then
  if [ -x /opt/swift/usr/bin/swift ]; then
    echo "Swift is at /opt/swift/usr/bin but not on PATH: export PATH=/opt/swift/usr/bin:\$PATH" >&2
  else
    echo "A Swift 6 toolchain is required (https://www.swift.org/install/linux/)." >&2
  fi
  exit 1
fi
