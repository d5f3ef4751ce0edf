/* masquerade - run other code under an honest-looking exe link, no privilege.
 *
 *   masquerade DISGUISE [MESSAGE]
 *
 * The point of the 2020 proof of concept (nviennot/run_as_exe), shown
 * simply: the exe link records which file was execve()d, not what code runs.
 * A child asks to be traced (PTRACE_TRACEME) and execve()s DISGUISE, so the
 * kernel sets its exe_file honestly. A traced process stops with SIGTRAP right
 * after a successful execve(), before its first instruction. We read its
 * registers, poke a small i386 stub over the code at its instruction pointer
 * (PTRACE_POKEDATA, the same as POKETEXT on Linux, writes even read-only
 * text: the kernel breaks
 * copy-on-write for the tracer, the file on disk is untouched), put MESSAGE
 * on its stack, and detach. The stub prints MESSAGE and pause()s forever,
 * while /proc/PID/exe still names DISGUISE. It first leaves the terminal's
 * session (setsid), so that it stays to be looked at when the shell is
 * replaced (the page's Apply), as setexe's holders do. Any user may do this to a
 * program it may execute and trace (a set-uid DISGUISE loses its privilege
 * under ptrace, so nothing is gained but the name).
 */
#include <asm/statfs.h>
#include "errnames.h"
#include "termwrap.h"

#define PTRACE_TRACEME	0
#define PTRACE_POKEDATA	5
#define PTRACE_GETREGS	12
#define PTRACE_SETREGS	13
#define PTRACE_DETACH	17
#define MAX_MSG		200

/* i386 struct user_regs_struct (asm/user_32.h), as PTRACE_GETREGS fills it. */
struct regs_i386 {
	uint32_t ebx, ecx, edx, esi, edi, ebp, eax;
	uint32_t xds, xes, xfs, xgs, orig_eax, eip, xcs, eflags, esp, xss;
};
_Static_assert(sizeof(struct regs_i386) == 68, "i386 user_regs_struct is 68 bytes");

/* The injected code, position independent; two immediates are patched in
 * (the address and length of the message) at the labels right after them.
 * mov $imm32, %reg is always 5 bytes (B8+r imm32), so label-4 is the imm. */
__asm__(".pushsection .text.masq_stub,\"ax\"\n"
	".globl masq_begin, masq_addr, masq_len, masq_end\n"
	"masq_begin:\n"
	"	mov $66, %eax\n"		/* setsid(): out of the shell's */
	"	int $0x80\n"			/* session, as setexe's holders */
	"	mov $4, %eax\n"			/* write(1, msg, len) */
	"	mov $1, %ebx\n"
	"	mov $0x7fffffff, %ecx\n"
	"masq_addr:\n"
	"	mov $0x7fffffff, %edx\n"
	"masq_len:\n"
	"	int $0x80\n"
	"1:	mov $29, %eax\n"		/* for (;;) pause(); */
	"	int $0x80\n"
	"	jmp 1b\n"
	"	.balign 4, 0x90\n"		/* whole words for POKETEXT */
	"masq_end:\n"
	".popsection\n");
extern const char masq_begin[], masq_addr[], masq_len[], masq_end[];

static long ptrace4(long req, long pid, long addr, long data)
{
	long r = my_syscall4(__NR_ptrace, req, pid, addr, data);
	return r < 0 ? (errno = -r, -1) : r;
}

static const char *ename(int e)
{ const char *s = exelab_errno_name(e); return s ? s : "error"; }

/* Whether PATH lives on a file system mounted noexec (ST_NOEXEC, 8, in
 * f_flags): access(X_OK) says EACCES there as for a missing exec bit, and
 * the learner, reading rwx in ls -l, needs the real reason. statfs64: see
 * agent-files.inc for why i386 needs it. */
static int on_noexec_mount(const char *path)
{
	struct statfs64 st;

	return my_syscall3(__NR_statfs64, path, sizeof(st), &st) == 0 && (st.f_flags & 8);
}

static int fail(int code, const char *what, const char *why)
{
	tw_printf(2, "masquerade: %s%s\n", what, why ? why : "");
	return code;
}

static const char *const usage_text[] = {
	"usage: masquerade DISGUISE [MESSAGE]\n",
	"Runs injected code under the exe link of DISGUISE (an i386 ELF program):\n"
	"the injected code prints MESSAGE (default \"I am not NAME.\", NAME being\n"
	"DISGUISE's file name; at most " TW_STR(MAX_MSG) " bytes) and then waits forever;\n"
	"`ls -l /proc/PID/exe` still names DISGUISE.\n",
	0
};

static int usage(int code)
{
	tw_usage(code ? 2 : 1, 0, usage_text);
	return code;
}

/* Copy `len` bytes (a multiple of 4) into the tracee at `addr`. */
static int poke(int pid, uint32_t addr, const void *src, int len)
{
	const uint32_t *w = src;
	int i;

	for (i = 0; i < len / 4; i++)
		if (ptrace4(PTRACE_POKEDATA, pid, addr + 4 * i, w[i]) < 0)
			return -1;
	return 0;
}

/* Executable mapping [lo, hi) of `pid` that contains `ip`; 0 if none. */
static int exec_mapping(int pid, uint32_t ip, uint32_t *lo, uint32_t *hi)
{
	static char buf[16384];
	char path[32] = "/proc/", *p = buf, *e;
	int fd, n = 0, r;

	memcpy(path + 6 + utoa_r(pid, path + 6), "/maps", 6);
	if ((fd = open(path, O_RDONLY)) < 0)
		return 0;
	while (n < (int)sizeof(buf) - 1 && (r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	for (; *p; p = e + 1) {
		uint32_t a = 0, b = 0;
		for (; *p != '-' && *p; p++)
			a = a * 16 + (*p <= '9' ? *p - '0' : *p - 'a' + 10);
		for (p++; *p != ' ' && *p; p++)
			b = b * 16 + (*p <= '9' ? *p - '0' : *p - 'a' + 10);
		if (a <= ip && ip < b && p[3] == 'x') {	/* " r-xp": perms[2] */
			*lo = a, *hi = b;
			return 1;
		}
		if (!(e = strchr(p, '\n')))
			break;
	}
	return 0;
}

int main(int argc, char **argv, char **envp)
{
	static char link[4096], msg[MAX_MSG + 4], path[32], dflt[MAX_MSG + 1];
	const char *disguise = argc > 1 ? argv[1] : 0, *text = argc > 2 ? argv[2] : dflt;
	unsigned char code[64], hdr[20];
	struct regs_i386 r;
	uint32_t lo, hi, at, len;
	char *cargv[2];
	struct stat st;
	int pid, status, fd, n;

	if (argc > 1 && disguise[0] == '-') {	/* no options but these: "./-x" names a file */
		if (!strcmp(disguise, "--help") || !strcmp(disguise, "-h"))
			return usage(0);
		return tw_printf(2, "masquerade: %s is not an option\n", disguise), usage(2);
	}
	if (argc < 2)
		return tw_printf(2, "masquerade: DISGUISE is missing: which program should the exe "
				 "link name?\n"), usage(2);
	if (argc > 3)
		return tw_printf(2, "masquerade: one MESSAGE at most: put quotes around a message "
				 "with spaces\n"), usage(2);
	/* "I am not sshd.": the disguise's own name, cut to fit. */
	strcpy(dflt, "I am not ");
	strncat(dflt, strrchr(disguise, '/') ? strrchr(disguise, '/') + 1 : disguise, MAX_MSG - 10);
	dflt[strlen(dflt)] = '.';	/* static: zeroes follow */
	if ((len = strlen(text)) > MAX_MSG)
		return tw_printf(2, "masquerade: MESSAGE is too long (at most %d bytes)\n", MAX_MSG), 2;
	if (stat(disguise, &st) < 0)
		return tw_printf(2, "masquerade: %s: %s (%s)\n", *disguise ? disguise : "''",
				 ename(errno), exelab_errno_reason(errno)), 2;
	if (!S_ISREG(st.st_mode))
		return fail(2, disguise, ": not a regular file");
	if (my_syscall2(__NR_access, disguise, 1 /* X_OK */) < 0)
		return fail(2, disguise, on_noexec_mount(disguise) ?
			    ": on a file system mounted noexec, where no program may run" :
			    ": you have no exec permission on it");
	fd = open(disguise, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, hdr, sizeof(hdr));
	if (fd >= 0)
		close(fd);
	if (n < (int)sizeof(hdr) || memcmp(hdr, "\177ELF", 4))
		return fail(2, disguise, n >= 2 && hdr[0] == '#' && hdr[1] == '!' ?
			    ": a script: its exe link would name the interpreter, give an ELF program" :
			    ": not readable, or not an ELF program");
	if (hdr[4] != 1 || hdr[18] != 3 || hdr[19] != 0)	/* ELFCLASS32, EM_386 */
		return fail(2, disguise, ": not an i386 program (the injected code is i386)");

	memcpy(msg, text, len);
	msg[len++] = '\n';
	if ((pid = fork()) < 0)
		return fail(1, "fork failed", 0);
	if (pid == 0) {			/* stays on the terminal, for its output */
		cargv[0] = (char *)disguise, cargv[1] = 0;
		/* Untraced, the disguise would run as itself, and its exit would
		 * read as a failed execve. */
		if (ptrace4(PTRACE_TRACEME, 0, 0, 0) < 0) {
			tw_printf(2, "masquerade: cannot be traced: %s\n", ename(errno));
			exit(126);
		}
		execve(disguise, cargv, envp);
		tw_printf(2, "masquerade: execve %s: %s\n", disguise, ename(errno));
		exit(127);
	}
	/* The post-exec SIGTRAP stop: exe_file is set, no instruction has run. */
	if (waitpid(pid, &status, 0) != pid)
		return fail(1, "could not wait for the child", 0);
	if ((status & 0xff) != 0x7f || ((status >> 8) & 0xff) != 5)
		return fail(1, "the child did not stop after execve", WIFEXITED(status) ?
			    " (it exited: execve failed)" : 0);
	if (ptrace4(PTRACE_GETREGS, pid, 0, (long)&r) < 0 || !exec_mapping(pid, r.eip, &lo, &hi))
		goto bad;
	/* The code goes at eip if it fits in that executable mapping (a small
	 * binary's entry point may sit near its end), else at the mapping's
	 * start, with eip moved there. The message goes below the stack pointer:
	 * the stack mapping always reaches well below the initial esp. */
	n = masq_end - masq_begin;
	at = r.eip + n <= hi ? r.eip : lo;
	memcpy(code, masq_begin, n);
	*(uint32_t *)(code + (masq_addr - masq_begin) - 4) = (r.esp - 512 - sizeof(msg)) & ~3u;
	*(uint32_t *)(code + (masq_len - masq_begin) - 4) = len;
	if (poke(pid, (r.esp - 512 - sizeof(msg)) & ~3u, msg, sizeof(msg)) < 0 ||
	    poke(pid, at, code, n) < 0)
		goto bad;
	if (at != r.eip && (r.eip = at, ptrace4(PTRACE_SETREGS, pid, 0, (long)&r) < 0))
		goto bad;
	memcpy(path, "/proc/", 6);
	memcpy(path + 6 + utoa_r(pid, path + 6), "/exe", 5);
	n = my_syscall3(__NR_readlink, path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	/* The commands on a line of their own: wrapped, "(ls -l" and its path
	 * would land on two lines. */
	tw_printf(1, "masquerade: pid %d runs injected code; its exe link says %s\n", pid, link);
	tw_printf(1, "  (ls -l /proc/%d/exe; kill %d)\n", pid, pid);
	tw_printf(1, "masquerade: the exe link was not changed: %s really was started, and other code put in its place after. The link names what was started, not what runs.\n",
		  link);
	if (ptrace4(PTRACE_DETACH, pid, 0, 0) < 0)
		goto bad;
	return 0;
bad:
	tw_printf(2, "masquerade: ptrace on pid %d failed: %s\n", pid, ename(errno));
	kill(pid, 9);
	return 1;
}
