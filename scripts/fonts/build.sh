#!/bin/sh
# Rebuild Daftar's Noto Naskh Arabic in resources/fonts from Debian's fonts-noto-core
# (needs python3-fonttools). See resources/fonts/README.md for why.
set -eu
cd "$(dirname "$0")/../.."
for weight in Regular Bold; do
  /usr/bin/python3 scripts/fonts/split-ligatures.py \
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-$weight.ttf" "resources/fonts/NotoNaskhArabic-$weight.ttf"
done
sha256sum /usr/share/fonts/truetype/noto/NotoNaskhArabic-*.ttf resources/fonts/NotoNaskhArabic-*.ttf
