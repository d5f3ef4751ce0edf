#!/usr/bin/env bash
# Builds the guest's userland and describes its root filesystem as a
# gen_init_cpio list (see the kernel's usr/gen_init_cpio.c), which
# vm-images/build-kernel.sh turns into the bzImage's built-in initramfs.
#
# Usage: vm-images/build-initramfs.sh BUSYBOX_BIN OUT_LIST
#
#   BUSYBOX_BIN  a static i386 busybox (Debian busybox-static:i386, 1.35)
#   OUT_LIST     the list to write. Do not use .cache/vm-build/initramfs.list:
#                build-kernel.sh writes its own staged copy to that path.
#
# Every vm-images/guest/FILE.c becomes the static i386 binary FILE (nolibc,
# no libc at all: a few KB each) in .cache/vm-build/guest-root/, beside a copy
# of busybox and the generated /etc files. The list names them relative to
# its own directory, so the same inputs give the same list and the same bytes
# wherever the checkout lives. Everything in the image is owned by root,
# except /home/learner (uid 1000's home).
set -euo pipefail

die() { echo "build-initramfs.sh: $*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: $0 BUSYBOX_BIN OUT_LIST"
[ -f "$1" ] || die "no such busybox: $1"
busybox=$(realpath "$1")
out=$(realpath -m "$2")

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
guest=$here/guest
work=$repo/.cache/vm-build
root=$work/guest-root
tarball=${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
export LC_ALL=C TZ=UTC

# --- nolibc from Linux 6.1: a private copy, so that build-kernel.sh
# replacing its source tree cannot pull it away in the middle of a build.
nolibc=$work/nolibc-6.1
if [ ! -f "$nolibc/nolibc.h" ]; then
	rm -rf "$nolibc.new"
	mkdir -p "$nolibc.new"
	if [ -f "$work/linux-6.1/tools/include/nolibc/nolibc.h" ]; then
		cp "$work/linux-6.1/tools/include/nolibc/"*.h "$nolibc.new/"
	else
		[ -f "$tarball" ] || die "$tarball missing (apt-get install linux-source-6.1)"
		tar -xJf "$tarball" -C "$nolibc.new" --strip-components=4 \
			linux-source-6.1/tools/include/nolibc
	fi
	rm -rf "$nolibc"
	mv "$nolibc.new" "$nolibc"
fi

# --- the guest tools: one static binary per *.c (headers and *.inc are
# shared source). No build id, no .comment, no unwind tables: the output
# depends only on the sources, nolibc and the compiler.
rm -rf "$root.new"
mkdir -p "$root.new/bin"
shopt -s nullglob
sources=("$guest"/*.c)
[ ${#sources[@]} -gt 0 ] || die "no sources in $guest"
for src in "${sources[@]}"; do
	name=$(basename "$src" .c)
	(cd "$repo" && gcc -m32 -march=i686 -Os -static -nostdlib -fno-pie -no-pie \
		-fno-stack-protector -fno-asynchronous-unwind-tables -fno-ident \
		-ffunction-sections -fdata-sections -Wl,--gc-sections -Wl,--build-id=none \
		-include "$nolibc/nolibc.h" -I vm-images/guest \
		-o "$root.new/bin/$name" "vm-images/guest/$name.c" -lgcc) ||
		die "cannot compile vm-images/guest/$name.c"
done
cp "$busybox" "$root.new/bin/busybox"
cp "$guest/init" "$root.new/init"
cp "$guest/wrap.awk" "$root.new/wrap.awk"

for want in agent runas caps setexe masquerade sshd-standin; do
	[ -f "$root.new/bin/$want" ] || echo "build-initramfs.sh: warning: no vm-images/guest/$want.c yet" >&2
done

# --- /etc and friends
mkdir -p "$root.new/etc"
cat >"$root.new/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
exelab:x:999:999:exelab control channel (owns /dev/ttyS1):/:/bin/false
learner:x:1000:1000:learner:/home/learner:/bin/sh
EOF
cat >"$root.new/etc/group" <<'EOF'
root:x:0:
exelab:x:999:
learner:x:1000:
EOF
cat >"$root.new/etc/fstab" <<'EOF'
# Mounted by /init with one `mount -a`. Every place a shell may write has a
# size and a file count, together well inside the guest's free memory (some
# 25 MB after boot): the root file system (tmpfs; ~2.2 MB used), /dev, /tmp.
# /tmp holds three copies of busybox (2 MB each): copying a program and
# pointing an exe link at it is the first experiment, and a setexe holder
# keeps a removed file until it ends. /mnt/noexec holds one copy of busybox
# (a learner's first try there is `cp /bin/busybox`).
rootfs    /            rootfs    remount,size=4m,nr_inodes=2k                 0 0
proc      /proc        proc      defaults                                     0 0
sysfs     /sys         sysfs     defaults                                     0 0
devtmpfs  /dev         devtmpfs  size=256k,nr_inodes=256,mode=0755            0 0
tmpfs     /tmp         tmpfs     size=7m,nr_inodes=1k,mode=1777               0 0
tmpfs     /mnt/noexec  tmpfs     size=3m,nr_inodes=64,noexec,nosuid,nodev,mode=0755 0 0
EOF
cat >"$root.new/etc/shrc" <<'EOF'
# /etc/shrc ($ENV): read by every interactive shell. The prompt shows the
# uid as this shell sees it and "(userns)" inside a nested user namespace:
# the initial one has the fixed inode number 4026531837. In a nested one \w
# shortens the home of uid 0 in /etc/passwd (/root) to ~, not $HOME (the
# learner's): the prompt shortens $HOME itself, at each prompt.
case $(readlink /proc/self/ns/user) in
'user:[4026531837]') _ns= _dir='\w' ;;
*) _ns=' (userns)' _dir='${PWD/$HOME/\~}' ;;
esac
PS1="[uid $(id -u)$_ns] $_dir \\$ "
unset _ns _dir
alias ll='ls -l'
# Commands a learner reaches for that this guest lacks: each says where to go
# instead, broken at words to the terminal's width by wrap.awk (as the
# welcome is): a shell function has no termwrap.h. The size is the
# terminal's (/dev/tty): stdin here is the pipe, stdout often redirected.
# _exelab_wrap wraps its standard input, _exelab_say its arguments.
_exelab_wrap() {
	awk -v size="$(stty size 2>/dev/null </dev/tty)" -f /usr/share/exelab/wrap.awk
}
_exelab_say() {
	printf '%s\n' "$@" | _exelab_wrap
}
man() {
	_exelab_say "man: no manual pages here. prctl(2) is the system call that setexe makes for you; each tool has --help: setexe, caps, runas, masquerade." >&2
	return 1
}
prctl() {
	_exelab_say "prctl: a system call, not a command here: setexe makes it for you (setexe --help)." >&2
	return 127
}
sudo() {
	_exelab_say "sudo: not in this guest. The page's identity panel gives this shell another identity; runas runs one command with one (runas --help)." >&2
	return 1
}
# busybox runs its own applets before any file in PATH: /usr/bin/unshare
# (below) is reached by this alias.
alias unshare=/usr/bin/unshare
# help is a builtin, found before any function of that name: an alias is not.
# Its list of names comes in rows of some 70 columns, which a big font's
# terminal broke mid-name: wrap.awk breaks them at names.
_exelab_help() {
	command help "$@" | _exelab_wrap
	_exelab_say "" "exelab's tools: setexe, caps, runas, masquerade (each with --help)."
}
alias help=_exelab_help
EOF
# unshare -r as root without cap_setfcap fails at its uid map (Linux 5.12:
# mapping uid 0 itself needs it), and busybox says only "write error:
# Operation not permitted". A script (an alias in /etc/shrc leads to it) says
# why first, then execs it: a shell function would run unshare as its child,
# and `unshare -U sh & echo $!` would name the function's subshell instead.
cat >"$root.new/bin/unshare" <<'EOF'
#!/bin/sh
if [ "$(id -u)" = 0 ]; then
	for a; do
		case $a in
		--map-root-user) r=1 ;;
		--) break ;;
		--*) ;;
		-*r*) r=1 ;;
		-*) ;;
		*) break ;;	# the command: its own options are not unshare's
		esac
	done
	c=$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status)
	[ -n "$r" ] && [ $((0x$c & 0x80000000)) -eq 0 ] &&
		printf '%s\n' "unshare: mapping uid 0 itself needs" "cap_setfcap (Linux 5.12), which this" \
			"root lacks: uid 1000 may do it, or" "root with it (the identity panel)" >&2
fi
exec /bin/busybox unshare "$@"
EOF
chmod 755 "$root.new/bin/unshare"
cat >"$root.new/etc/motd" <<'EOF'
exelab: who may change /proc/self/exe?  Try:
  ls -l /proc/$$/exe                 where this shell's exe link points
  caps                               who you are, what this era predicts
  setexe /usr/sbin/sshd              a helper repoints its exe link (--help)
  masquerade /usr/sbin/sshd          the exe link names sshd, other code runs
  runas --uid N --caps LIST -- CMD   runs CMD as another identity (--help)
  ps, cat /proc/PID/status, dmesg | grep exe_link
Change the shell's identity and the kernel's era from the page.
EOF
# Only a terminal narrower than the welcome's widest line needs wrap.awk: awk
# costs each login shell (a cold boot's, every identity change's) ~150 ms in
# the emulated CPU, cat ~15.
motd_width=$(awk '{ if (length($0) > w) w = length($0) } END { print w }' "$root.new/etc/motd")
# ash's greeting, as busybox writes it before reading /etc/profile:
# "\n\n$bb_banner built-in shell (ash)\nEnter 'help' for a list of built-in
# commands.\n\n" (BB_BANNER is one string in the binary).
bb_banner=$(grep -ao 'BusyBox v[^)]*)' "$busybox" | head -n 1)
[ -n "$bb_banner" ] || die "no BusyBox banner in $busybox"
greet1="$bb_banner built-in shell (ash)"
greet2="Enter 'help' for a list of built-in commands."
cat >"$root.new/etc/profile" <<EOF
# /etc/profile: read by login shells (the agent starts \`sh -l\`). The prompt
# and aliases are in /etc/shrc (\$ENV), which every interactive shell reads.
# The welcome text, when the agent asks for it (EXELAB_WELCOME: the first
# shell since boot, or one on a cleared screen), broken at words to the
# terminal's width (see wrap.awk) when that is narrower than the text's
# widest line ($motd_width columns).
#
# Before reading this file an interactive ash has greeted the terminal: two
# empty lines,
#   $greet1
#   $greet2
# and one empty line. A terminal narrower than its first line (${#greet1}
# columns: a big font's) broke that mid-word, so there the greeting is taken
# back (the cursor up over its rows, the rows erased) and written again at
# words. It started at a line's start (after the agent's note, or a typed
# command's Enter), and a row of exactly the terminal's width keeps the
# cursor on it until the next line feed: ceil(length / columns) rows a line.
case \$- in
*i*) _greeted=1 ;;
*) _greeted= ;;
esac
# The agent gives the size it set the terminal to (EXELAB_SIZE): the same
# as stty's, one exec less for each Apply.
_size=\$EXELAB_SIZE
if [ -z "\$_size" ] && [ -n "\$_greeted\$EXELAB_WELCOME" ]; then
	_size=\$(stty size 2>/dev/null)
fi
_cols=\${_size#* }
if [ -n "\$_greeted" ] && [ -t 1 ] && [ "\$_cols" -gt 0 ] 2>/dev/null && [ "\$_cols" -lt ${#greet1} ]; then
	printf '\\033[%dA\\033[J' \$((3 + (${#greet1} + _cols - 1) / _cols + (${#greet2} + _cols - 1) / _cols))
	printf '\\n\\n%s\\n%s\\n\\n' "$greet1" "$greet2" |
		awk -v size="\$_size" -f /usr/share/exelab/wrap.awk
fi
if [ -n "\$EXELAB_WELCOME" ]; then
	if [ "\$_cols" -gt 0 ] 2>/dev/null && [ "\$_cols" -lt $motd_width ]; then
		awk -v size="\$_size" -f /usr/share/exelab/wrap.awk /etc/motd
	else
		cat /etc/motd
	fi
fi
unset _size _cols _greeted EXELAB_WELCOME EXELAB_SIZE
EOF
printf '%s\n' "This file is deliberately not executable (mode 0644):" \
	"making it a process's exe link fails with EACCES." >"$root.new/not-executable"

rm -rf "$root"
mv "$root.new" "$root"

# --- the list. Applets: what a shell session and the lessons need, not all
# 269 (every symlink is a name in `ls /bin` that a learner has to skip).
applets="[ [[ ash awk basename cat chmod chown clear cmp cp cut date dd df diff
dirname dmesg du echo env expr false find free grep head hexdump hostname id
kill killall less ln ls mkdir mktemp more mount mv nproc nsenter od pidof
printf ps pwd readlink realpath reset rm rmdir sed seq setpriv setsid sh
sleep sort stat strings stty tail tee test time timeout top touch tr true
tty umount uname uniq unshare uptime vi watch wc which whoami xargs xxd yes"

listdir=$(dirname "$out")
rel=$(realpath -m --relative-to="$listdir" "$root")
bin() { [ -f "$root/bin/$1" ] && echo "file $2 $rel/bin/$1 0755 0 0"; return 0; }
mkdir -p "$listdir"
{
	echo "# exelab guest root, written by vm-images/build-initramfs.sh"
	for d in /bin /dev /etc /home /mnt /mnt/noexec /proc /sbin /sys /usr /usr/bin \
		/usr/sbin /usr/share /usr/share/exelab; do
		echo "dir $d 0755 0 0"
	done
	echo "dir /root 0700 0 0"
	echo "dir /tmp 1777 0 0"
	echo "dir /home/learner 0755 1000 1000"
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "file /init $rel/init 0755 0 0"
	echo "file /bin/busybox $rel/bin/busybox 0755 0 0"
	for a in $applets; do echo "slink /bin/$a busybox 0777 0 0"; done
	bin agent /sbin/exelab-agent
	bin runas /usr/bin/runas
	bin caps /usr/bin/caps
	bin setexe /usr/bin/setexe
	bin masquerade /usr/bin/masquerade
	bin sshd-standin /usr/sbin/sshd
	for f in fstab passwd group profile shrc motd; do echo "file /etc/$f $rel/etc/$f 0644 0 0"; done
	echo "file /usr/share/exelab/not-executable $rel/not-executable 0644 0 0"
	echo "file /usr/share/exelab/wrap.awk $rel/wrap.awk 0644 0 0"
	# Any other tool a colleague adds lands in /usr/bin under its own name.
	for b in "$root"/bin/*; do
		case $(basename "$b") in
		agent | runas | caps | setexe | masquerade | sshd-standin | busybox) ;;
		*) echo "file /usr/bin/$(basename "$b") $rel/bin/$(basename "$b") 0755 0 0" ;;
		esac
	done
} >"$out.new"
mv "$out.new" "$out"
size=$(du -cb "$root"/bin/* | tail -1 | cut -f1)
tools=$(find "$root/bin" -type f ! -name busybox -printf '%s\n' | awk '{s+=$1} END {print s+0}')
echo "build-initramfs.sh: $out: $(grep -c . "$out") entries; guest tools $tools bytes, with busybox $size bytes"
