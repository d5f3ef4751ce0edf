#!/usr/bin/env bash
# Builds the exelab guest kernel: an i386 bzImage with a built-in, uncompressed
# initramfs, from Debian's linux-source-6.1 plus vm-images/kernel/exe-link-era.patch,
# configured as tinyconfig + vm-images/kernel/config.fragment.
#
# Usage: vm-images/build-kernel.sh INITRAMFS_LIST OUT_BZIMAGE
#
#   INITRAMFS_LIST  a gen_init_cpio list (see the kernel's usr/gen_init_cpio.c):
#                   "file NAME LOCATION MODE UID GID", "dir NAME MODE UID GID",
#                   "slink NAME TARGET MODE UID GID", "nod ...". A relative
#                   LOCATION is taken relative to the list file's directory.
#   OUT_BZIMAGE     where to copy arch/x86/boot/bzImage.
#
# The output is reproducible to the byte: the same source package, patch,
# fragment, list contents and compiler give the same bzImage, whatever the
# checkout's path, the clock or the files' mtimes. Work happens in
# .cache/vm-build/ at the top of the repository; the unpacked source stays in
# .cache/vm-build/linux-6.1 (other scripts read tools/include/nolibc from it).
# Needs: build-essential bc flex bison libelf-dev cpio libssl-dev xz-utils, node.
set -euo pipefail

die() { echo "build-kernel.sh: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: $0 INITRAMFS_LIST OUT_BZIMAGE"
[ -f "$1" ] || die "no such initramfs list: $1"
list_in=$(realpath "$1")
out=$(realpath -m "$2")

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
tarball=${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
patchfile=$here/kernel/exe-link-era.patch
fragment=$here/kernel/config.fragment
work=$repo/.cache/vm-build
src=$work/linux-6.1
jobs=$(nproc)

[ -f "$tarball" ] || die "$tarball missing (apt-get install linux-source-6.1)"
for tool in make gcc bc flex bison cpio xz patch node; do
	command -v "$tool" >/dev/null || die "$tool missing (see the header of this script)"
done

mkdir -p "$work"
exec 9>"$work/.lock"
flock 9 || die "cannot lock $work/.lock"

# --- 1. Source tree: pristine Debian source + our patch, redone when either changes.
stamp="tarball $(sha256sum <"$tarball" | cut -d' ' -f1) patch $(sha256sum <"$patchfile" | cut -d' ' -f1)"
if [ ! -f "$src/.exelab-stamp" ] || [ "$(cat "$src/.exelab-stamp")" != "$stamp" ]; then
	echo "build-kernel.sh: unpacking $tarball and applying $(basename "$patchfile")"
	rm -rf "$src.new"
	mkdir "$src.new"
	tar -xJf "$tarball" -C "$src.new" --strip-components=1 --warning=no-timestamp
	patch -d "$src.new" -p1 --batch --forward --no-backup-if-mismatch <"$patchfile" >"$work/patch.log" ||
		{ cat "$work/patch.log" >&2; die "$(basename "$patchfile") does not apply"; }
	# The Debian package's SOURCE_DATE_EPOCH (its changelog date) is the mtime
	# of the tarball's top-level Makefile: the build's fixed timestamp.
	stat -c %Y "$src.new/Makefile" >"$src.new/.exelab-epoch"
	echo "$stamp" >"$src.new/.exelab-stamp"
	rm -rf "$src"
	mv "$src.new" "$src"
fi
cd "$src"

# make decides by mtime, and this machine's clock has been seen jumping years
# back and forth between two runs, which leaves stale targets "newer" than
# their sources. So every run starts with the whole tree at one old, fixed
# time: then what this run regenerates (the initramfs, the symbols of a
# changed config) is newer than the rest, whatever the clock says.
find . -exec touch -h -d @946684800 {} +

# --- 2. Everything that could leak the build's time, user, host or path is fixed.
epoch=$(cat .exelab-epoch)
export TZ=UTC LC_ALL=C
export KBUILD_BUILD_TIMESTAMP
KBUILD_BUILD_TIMESTAMP=$(date -u -d "@$epoch")
export KBUILD_BUILD_USER=exelab KBUILD_BUILD_HOST=exelab KBUILD_BUILD_VERSION=1
export LOCALVERSION= # set but empty: no "+" from scripts/setlocalversion
# In-tree build: compiler invocations use relative paths, so __FILE__ and the
# like never contain the checkout's location. tinyconfig has no debug info.

# --- 3. Initramfs list. gen_init_cpio stamps dirs, links and nodes with -t
# (KBUILD_BUILD_TIMESTAMP, via usr/gen_initramfs.sh) but regular files with
# their own mtime, so copy every file into a staging dir with a fixed mtime.
stage=$work/initramfs-stage
rm -rf "$stage"
mkdir -p "$stage"
list=$work/initramfs.list
listdir=$(dirname "$list_in")
n=0
while IFS= read -r line || [ -n "$line" ]; do
	read -r -a f <<<"$line"
	if [ "${#f[@]}" -ge 3 ] && [ "${f[0]}" = file ]; then
		loc=${f[2]}
		case $loc in /*) ;; *) loc=$listdir/$loc ;; esac
		[ -f "$loc" ] || die "initramfs list: ${f[1]}: no such file $loc"
		n=$((n + 1))
		staged=$stage/$n-$(basename "${f[1]}")
		cp "$loc" "$staged"
		touch -d "@$epoch" "$staged"
		f[2]=$staged
		line=${f[*]}
	fi
	printf '%s\n' "$line"
done <"$list_in" >"$list"

# --- 4. Configuration: tinyconfig + fragment + olddefconfig, then verification.
make -s ARCH=i386 tinyconfig >/dev/null
cfg=(scripts/config --file .config)
want=() # lines the final .config must agree with
while IFS= read -r line || [ -n "$line" ]; do
	if [[ $line =~ ^#\ CONFIG_([A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
		"${cfg[@]}" --disable "${BASH_REMATCH[1]}"
	elif [[ $line =~ ^CONFIG_([A-Za-z0-9_]+)=(y|m)$ ]]; then
		"${cfg[@]}" --"$([ "${BASH_REMATCH[2]}" = y ] && echo enable || echo module)" "${BASH_REMATCH[1]}"
	elif [[ $line =~ ^CONFIG_([A-Za-z0-9_]+)=\"(.*)\"$ ]]; then
		"${cfg[@]}" --set-str "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
	elif [[ $line =~ ^CONFIG_([A-Za-z0-9_]+)=(-?[0-9]+|0x[0-9a-fA-F]+)$ ]]; then
		"${cfg[@]}" --set-val "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
	elif [[ $line =~ ^[[:space:]]*(#.*)?$ ]]; then
		continue
	else
		die "config.fragment: cannot parse: $line"
	fi
	want+=("$line")
done <"$fragment"
"${cfg[@]}" --set-str INITRAMFS_SOURCE "$list"
want+=("CONFIG_INITRAMFS_SOURCE=\"$list\"")
make -s ARCH=i386 olddefconfig

bad=0
for line in "${want[@]}"; do
	if [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
		# Off, or absent because its dependencies are off: both mean "not built".
		if grep -q "^${BASH_REMATCH[1]}=" .config; then
			echo "build-kernel.sh: .config has $(grep "^${BASH_REMATCH[1]}=" .config), fragment wants: $line" >&2
			bad=1
		fi
	elif ! grep -qxF -- "$line" .config; then
		name=${line%%=*}
		echo "build-kernel.sh: .config has '$(grep -E "^$name=|^# $name is not set" .config || echo "no $name at all")', fragment wants: $line" >&2
		bad=1
	fi
done
[ "$bad" = 0 ] || die "olddefconfig did not keep the options above (missing dependencies?)"

# --- 5. Build. The cpio is always regenerated: staged files have a fixed
# mtime, so make would not notice that their contents changed.
rm -f usr/initramfs_data.cpio
now_s() { cut -d. -f1 /proc/uptime; } # the wall clock jumps here; uptime does not
start=$(now_s)
# KGZIP: the payload in stored deflate blocks, a plain copy for the decompressor (gzip-stored.mjs).
make ARCH=i386 -j"$jobs" KGZIP="$here/kernel/gzip-stored.mjs" bzImage >"$work/build.log" 2>&1 ||
	{ tail -40 "$work/build.log" >&2; die "kernel build failed (full log: $work/build.log)"; }
mkdir -p "$(dirname "$out")"
cp arch/x86/boot/bzImage "$out"
echo "build-kernel.sh: $out: $(stat -c %s "$out") bytes, sha256 $(sha256sum <"$out" | cut -d' ' -f1)," \
	"built in $(($(now_s) - start)) s; $(strings vmlinux | grep -m1 '^Linux version ')"
