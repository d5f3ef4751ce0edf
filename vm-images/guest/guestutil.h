/* guestutil.h - small helpers shared by the guest tools (built with nolibc).
 *
 * nolibc (Linux 6.1) lacks wrappers for prctl, capget/capset, readlink,
 * unshare, pread64, the *32 uid calls and clock_*64; they are defined here
 * on its raw my_syscallN macros. Every helper returns a negative errno on
 * failure instead of touching errno, so callers can name the error.
 * Header only: every guest *.c is compiled into its own static binary.
 */
#ifndef EXELAB_GUESTUTIL_H
#define EXELAB_GUESTUTIL_H

#include <linux/capability.h>
#include <linux/prctl.h>
#include <linux/sched.h>	/* CLONE_NEWUSER */
#include "errnames.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 02000000
#endif

typedef unsigned long long u64;

static long gu_prctl(long op, long a2, long a3, long a4, long a5)
{
	return my_syscall5(__NR_prctl, op, a2, a3, a4, a5);
}

static long gu_readlink(const char *path, char *buf, int size)
{
	long n = my_syscall3(__NR_readlink, path, buf, size - 1);

	buf[n < 0 ? 0 : n] = 0;
	return n;
}

/* Reads a whole (small) file into buf, NUL-terminated; length or -errno. */
static long gu_read_file(const char *path, char *buf, int size)
{
	long fd = sys_open(path, O_RDONLY | O_CLOEXEC, 0), n, len = 0;

	buf[0] = 0;
	if (fd < 0)
		return fd;
	while (len < size - 1 && (n = sys_read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	sys_close(fd);
	buf[len] = 0;
	return n < 0 ? n : len;
}

/* Writes S to an existing file with one write(): sysctl and uid_map files
 * take their whole value in a single write. 0 or -errno. */
static long gu_write_file(const char *path, const char *s)
{
	long fd = sys_open(path, O_WRONLY | O_CLOEXEC, 0), n;

	if (fd < 0)
		return fd;
	n = sys_write(fd, s, strlen(s));
	sys_close(fd);
	return n < 0 ? n : 0;
}

static long gu_pread64(int fd, void *buf, long count, u64 off)
{
	return my_syscall5(__NR_pread64, fd, buf, count, (unsigned long)off,
			   (unsigned long)(off >> 32));
}

struct gu_ts64 { long long sec, nsec; };

/* CLOCK (0: CLOCK_REALTIME, 1: CLOCK_MONOTONIC) in milliseconds. */
static long long gu_clock_ms(int clock)
{
	struct gu_ts64 ts = { 0, 0 };

	my_syscall2(__NR_clock_gettime64, clock, &ts);
	return ts.sec * 1000 + ts.nsec / 1000000;
}

static long long gu_monotonic_ms(void)
{
	return gu_clock_ms(1 /* CLOCK_MONOTONIC */);
}

/* Appends SRC to the string in DST (SIZE bytes, always terminated).
 * nolibc's own strlcat() is unusable: gcc 12 turns its length loop into a
 * call to a global strlen() that nolibc (static functions only) lacks; the
 * empty asm() keeps gcc from recognising the pattern here. */
static void gu_cat(char *dst, int size, const char *src)
{
	int len = 0;

	while (dst[len] && len < size - 1) {
		len++;
		__asm__("");
	}
	while (*src && len < size - 1)
		dst[len++] = *src++;
	dst[len] = 0;
}

/* Plain poll(2) and the 64-bit clock_nanosleep: nolibc's poll() is ppoll()
 * with a 32-bit timespec, which only works while the kernel keeps
 * CONFIG_COMPAT_32BIT_TIME (the config fragment has it for busybox's sleep).
 * The tools do not depend on that option. */
static long gu_poll(struct pollfd *fds, int n, int timeout_ms)
{
	return my_syscall3(__NR_poll, fds, n, timeout_ms);
}

/* setpriority(PRIO_PROCESS, self, nice); lowering it again needs root. */
static long gu_set_nice(int nice)
{
	return my_syscall3(__NR_setpriority, 0 /* PRIO_PROCESS */, 0, nice);
}

static void gu_sleep_ms(long ms)
{
	struct gu_ts64 ts = { ms / 1000, ms % 1000 * 1000000LL };

	my_syscall4(__NR_clock_nanosleep_time64, 1 /* CLOCK_MONOTONIC */, 0, &ts, 0);
}

/* Value of a "Key:\tvalue" line in a /proc/PID/status text, or 0. */
static const char *gu_field(const char *text, const char *key)
{
	int kl = strlen(key);
	const char *p = text;

	while (*p) {
		if (!strncmp(p, key, kl)) {
			p += kl;
			while (*p == ' ' || *p == '\t')
				p++;
			return p;
		}
		while (*p && *p != '\n')
			p++;
		if (*p)
			p++;
	}
	return 0;
}

/* Parses a decimal number at s; *end (optional) is set past it. */
static unsigned long long gu_num(const char *s, const char **end)
{
	unsigned long long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	if (end)
		*end = s;
	return v;
}

/* "EPERM" for -1 or 1; "E<n>" for numbers errnames.h does not list. */
static const char *gu_errname(long e)
{
	static char buf[16];
	const char *n = exelab_errno_name(e < 0 ? -e : e);

	if (n)
		return n;
	strcpy(buf, "E");
	utoa_r(e < 0 ? -e : e, buf + 1);
	return buf;
}

/* The current era: /proc/sys/kernel/exe_link_era, or 2020 (what an
 * unpatched 6.1 does) when the kernel has no such switch. */
static int gu_era(void)
{
	char buf[32];
	int v;

	if (gu_read_file("/proc/sys/kernel/exe_link_era", buf, sizeof(buf)) <= 0)
		return 2020;
	v = gu_num(buf, 0);
	return v ? v : 2020;
}

/* The initial user namespace has a fixed inode number (PROC_USER_INIT_INO),
 * so "am I nested?" needs no access to PID 1's /proc entry, which an
 * unprivileged process may not read. */
#define GU_INIT_USERNS "user:[4026531837]"

static int gu_nested_userns(const char *pid_dir)
{
	char path[64], link[64];

	strcpy(path, pid_dir);
	gu_cat(path, sizeof(path), "/ns/user");
	if (gu_readlink(path, link, sizeof(link)) < 0)
		return 0;
	return strcmp(link, GU_INIT_USERNS) != 0;
}

/* --- output buffer: a message is built here and written with one write() */
struct gsb { char *buf; int len, cap, over; };

static void gsb_put(struct gsb *b, const char *s, int n)
{
	while (n-- > 0) {
		if (b->len >= b->cap) {
			b->over = 1;
			return;
		}
		b->buf[b->len++] = *s++;
	}
}

static void gsb_str(struct gsb *b, const char *s)
{
	gsb_put(b, s, strlen(s));
}

static void gsb_u(struct gsb *b, unsigned long long v)
{
	char tmp[24];

	u64toa_r(v, tmp);
	gsb_str(b, tmp);
}

/* The protocol's value encoding: bytes outside [A-Za-z0-9._/:@+,-] become
 * %XX with upper-case hex (app/core/protocol.ts encodeValue). */
static int gu_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '/' || c == ':' || c == '@' || c == '+' ||
	       c == ',' || c == '-';
}

/* `comma`: "," escaped too, for a field of a list whose fields "," parts
 * (PROCLIST): a file or a process named "a,b" would add a field, and the
 * page would refuse the whole list for as long as that process lives. */
static void gsb_enc_as(struct gsb *b, const char *s, int n, int comma)
{
	static const char hex[] = "0123456789ABCDEF";
	char esc[3];

	for (; n > 0; n--, s++) {
		unsigned char c = *s;
		if (gu_safe(c) && !(comma && c == ',')) {
			gsb_put(b, s, 1);
			continue;
		}
		esc[0] = '%', esc[1] = hex[c >> 4], esc[2] = hex[c & 15];
		gsb_put(b, esc, 3);
	}
}

static void gsb_enc(struct gsb *b, const char *s, int n)
{
	gsb_enc_as(b, s, n, 0);
}

/* Calls FN(pid, ARG) for each task in /proc, in the directory's order, until
 * FN returns non-zero; returns that, or 0 (-1 if /proc cannot be read). One
 * loop for the agent's scan, its session's end, its control line's upkeep
 * and setexe's holders. */
static int gu_each_pid(int (*fn)(int pid, void *arg), void *arg)
{
	char dbuf[1024];
	long dfd, n;
	int i, r = 0;

	if ((dfd = sys_open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)) < 0)
		return -1;
	while (!r && (n = sys_getdents64(dfd, (void *)dbuf, sizeof(dbuf))) > 0)
		for (i = 0; i < n && !r;) {
			struct linux_dirent64 *d = (void *)(dbuf + i);

			i += d->d_reclen;
			if (d->d_name[0] >= '1' && d->d_name[0] <= '9')
				r = fn(gu_num(d->d_name, 0), arg);
		}
	sys_close(dfd);
	return r;
}

#endif /* EXELAB_GUESTUTIL_H */
