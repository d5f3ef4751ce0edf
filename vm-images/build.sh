#!/usr/bin/env bash
# `npm run vm:build`: installs what the guest build needs from Debian, then writes public/vm/.
# Steps: apt packages → busybox → guest tools + initramfs list → patched kernel (initramfs built in)
# → BIOS → saved state → manifest. Every step is reproducible; two runs give identical files.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/.cache/vm-build
OUT=$ROOT/public/vm
mkdir -p "$WORK" "$OUT"

APT_PACKAGES=(linux-source-6.1 seabios bc flex bison libelf-dev build-essential cpio libssl-dev gcc-multilib zstd)
missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if ! dpkg --print-foreign-architectures | grep -qx i386; then dpkg --add-architecture i386; missing+=(--i386-index); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "vm:build: installing ${missing[*]}"
  # A mirror in mid-sync can fail one index; the packages we need are still found.
  apt-get update -qq || echo "vm:build: apt-get update reported errors; continuing"
  pkgs=()
  for p in "${missing[@]}"; do [ "$p" = --i386-index ] || pkgs+=("$p"); done
  [ ${#pkgs[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}"
fi

# Our kernel patch is made against this Debian version of the source: another may not take it, and
# the guest would differ from the committed one. A mirror whose index lags, or failed to update in
# mid-sync (bookworm-security's, seen here), offers an older one: the package then comes from Debian's
# pool itself.
LINUX_SOURCE=6.1.192-3
if [ "$(dpkg-query -W -f='${Version}' linux-source-6.1)" != "$LINUX_SOURCE" ]; then
  echo "vm:build: installing linux-source-6.1=$LINUX_SOURCE"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --allow-downgrades "linux-source-6.1=$LINUX_SOURCE"; then
    deb=$WORK/linux-source-6.1_${LINUX_SOURCE}_all.deb
    for pool in debian-security/pool/updates/main debian/pool/main; do
      curl -fsSL -o "$deb" "http://deb.debian.org/$pool/l/linux/linux-source-6.1_${LINUX_SOURCE}_all.deb" && break
    done
    [ -s "$deb" ] || { echo "vm:build: linux-source-6.1 $LINUX_SOURCE is in neither apt nor Debian's pool" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --allow-downgrades "$deb"
    rm -f "$deb"
  fi
fi

# busybox-static:i386 is only downloaded and unpacked: it must not replace the host's busybox.
BB_DIR=$WORK/busybox
if [ ! -x "$BB_DIR/bin/busybox" ]; then
  rm -rf "$BB_DIR" && mkdir -p "$BB_DIR"
  (cd "$WORK" && rm -f busybox-static_*_i386.deb && apt-get download busybox-static:i386 >/dev/null 2>&1 ||
    { apt-get update -qq || true; apt-get download busybox-static:i386; })
  dpkg -x "$WORK"/busybox-static_*_i386.deb "$BB_DIR"
fi

bash vm-images/build-initramfs.sh "$BB_DIR/bin/busybox" "$WORK/guest-initramfs.list"
bash vm-images/build-kernel.sh "$WORK/guest-initramfs.list" "$WORK/bzImage"
cp /usr/share/seabios/bios.bin "$WORK/bios.bin"

pkgver() { dpkg-query -W -f='${Version}' "$1"; }
BB_VERSION=$(dpkg-deb -f "$WORK"/busybox-static_*_i386.deb Version)
node vm-images/write-manifest.mjs \
  --bzimage "$WORK/bzImage" --bios "$WORK/bios.bin" \
  --package "linux-source-6.1=$(pkgver linux-source-6.1)" \
  --package "busybox-static:i386=$BB_VERSION" \
  --package "seabios=$(pkgver seabios)" \
  --package "gcc-12=$(pkgver gcc-12)" \
  --package "zstd=$(pkgver zstd)"

# The saved state boots the guest just built, so it comes after the kernel is in place.
npx tsx vm-images/make-state.ts
echo "vm:build: done"
ls -l "$OUT"
