/* setexe - try to repoint /proc/PID/exe from a process that stays alive.
 *
 *   setexe [--via map|file] [--keep-mapped] [--open path|write] [--twice] NEWEXE
 *   setexe [--via map|file] --bad-fd | --bad-args [--twice]
 *   setexe --list            setexe --kill [PID]
 *
 * A forked "holder" makes the attempt and then sleeps, so anyone can look at
 * /proc/HOLDER/exe afterwards. Built with nolibc for i386 (see build rule).
 *
 * setexe-holder.inc is the holder, and why it runs from a copied stub;
 * setexe-proc.inc reads the tool's own /proc entries; setexe-results.inc finds
 * the kernel's record of an attempt and the holders still alive. What it
 * tells the learner goes through termwrap.h, to fit the terminal.
 */
#include "errnames.h"
#include "guestutil.h"
#include "kmsg-notice.h"
#include "termwrap.h"

#define PR_SET_NAME		15
#define PR_SET_MM		35
#define PR_SET_MM_EXE_FILE	13
#define PR_SET_MM_MAP		14
#define PR_SET_MM_MAP_SIZE	15
#define HOLDER_COMM		"setexe-holder"
#define BAD_FD			999
/* nolibc has no O_PATH; this is its value on i386 (and x86_64). */
#define OPEN_PATH		010000000
/* O_NONBLOCK: a FIFO's open would wait for a writer, with no word, and
 * the kernel's answer to a FIFO (EACCES: not a regular file) is what the
 * learner came for. On a regular file it changes nothing. */
#define OPEN_READ		(O_RDONLY | O_NONBLOCK)
#define OPEN_WRITE		(O_WRONLY | O_NONBLOCK)
#define KEEP_HOLDERS		8	/* holders this user may signal: the newest stay */
#define MAX_RANGES		32
/* A second file name: most often one file whose name has a space in it. */
#define TOO_MANY		"is one NEWEXE too many: one file at a time (a name " \
				"with spaces goes in quotes: '/tmp/my file')"

/* struct prctl_mm_map as the kernel copies it. The uapi header declares
 * `__u64 *auxv`, a pointer, so the layout depends on the KERNEL's word size:
 * an i386 kernel expects 100 bytes (4-byte pointer; i386 aligns __u64 to 4, so
 * no padding), an x86_64 kernel 104 bytes even for an i386 caller (there is no
 * compat translation; the size must match exactly or the answer is EINVAL).
 * We therefore spell both layouts out and ask the kernel which one it wants
 * (PR_SET_MM_MAP_SIZE); the guest is i386, the 104 layout is for host tests. */
struct mm_fields { uint64_t v[11]; };	/* start_code .. env_end, uapi order */
struct mm_map_i386 { struct mm_fields f; uint32_t auxv, auxv_size, exe_fd; };
struct mm_map_64 { struct mm_fields f; uint64_t auxv; uint32_t auxv_size, exe_fd; };
_Static_assert(sizeof(struct mm_map_i386) == 100, "i386 prctl_mm_map is 100 bytes");
_Static_assert(sizeof(struct mm_map_64) == 104, "x86_64 prctl_mm_map is 104 bytes");

/* Data in the file, not only .bss: the MAP struct carries the process's own
 * start_data and end_data, and kernels 3.18 to 5.1 refused them equal
 * (EINVAL before any exe check; a9e73998f9d7 relaxed it in 5.2, and stable
 * kernels such as 4.4.y took it in 2019), as they are
 * for a program whose only writable segment is .bss. 6.1 takes either. */
__attribute__((used, retain)) static volatile int data_in_file = 1;	/* kept by --gc-sections */

static const char *ename(long e)
{ const char *s = exelab_errno_name(e); return e == 0 ? "OK" : s ? s : "unknown errno"; }
static void die(const char *what, int code)
{ tw_printf(2, "setexe: %s\n", what); exit(code); }

#include "setexe-proc.inc"
#include "setexe-holder.inc"

#include "setexe-results.inc"

static const char *const usage_text[] = {
	"usage: setexe [--via map|file] [--keep-mapped] [--open path|write] [--twice]\n"
	"              NEWEXE\n",
	"       setexe [--via map|file] --bad-fd | --bad-args [--twice]\n",
	"       setexe --list | --kill [PID]\n",
	"Starts a helper process (the holder) that tries to repoint its own exe link\n"
	"to NEWEXE (a process may change only its own), then stays alive to be seen.\n",
	"  --via map|file PR_SET_MM_MAP with exe_fd (default) | PR_SET_MM_EXE_FILE\n",
	"  --keep-mapped  do not unmap the old executable first (expect EBUSY*)\n",
	"  --open path    open NEWEXE with O_PATH, a handle that names the file\n"
	"                 without opening it (expect EBADF*)\n",
	"  --open write   open NEWEXE for writing only (expect EACCES*: the new exe\n"
	"                 is open for writing); a running program's file cannot be\n"
	"                 opened so (ETXTBSY): copy it, cp /bin/busybox /tmp/bb\n",
	"  --bad-fd       pass descriptor " TW_STR(BAD_FD) ", which is not open (expect EBADF*);\n"
	"                 no NEWEXE needed\n",
	"  --bad-args     arguments the kernel refuses before any exe check (expect\n"
	"                 EINVAL); with it the default is --via file, where the\n"
	"                 4th prctl argument is non-zero; with --via map, end_code\n"
	"                 is below start_code. NEWEXE optional: never looked at\n",
	"  --twice        if the first try changed the link, then from the same\n"
	"                 process back to setexe's own file (the one-shot rule*)\n",
	"  --list, --kill list live holders; kill yours (all, or PID)\n",
	"  --help, -h     this text\n",
	"* once past the permission check, which comes first: with an identity the\n"
	"  era's rules refuse, the answer is that refusal (EPERM or EINVAL).\n",
	0
};

static void usage(int code)
{
	tw_usage(code ? 2 : 1, 17, usage_text);
	exit(code);
}

int main(int argc, char **argv)
{
	static char before[4096], after[4096], path[64];
	int via_map = 1, via_set = 0, keep = 0, bad = 0, bad_args = 0, tries = 1, fd = BAD_FD, fd2 = -1;
	/* How NEWEXE is opened: OPEN_READ, or OPEN_PATH or OPEN_WRITE (--open). */
	int mode = OPEN_READ;
	int p[2], i, pid, n, ends = 0;
	int ended[KEEP_HOLDERS], nended;
	unsigned int mapsize = sizeof(struct mm_map_i386);
	const char *newexe = 0, *call;
	struct pollfd pfd;
	int32_t res[2];
	long lres;	/* readlink of the holder's exe link */

	/* Descriptors 0-2 left closed by the caller (setexe <&-) would be the
	 * next open()'s: NEWEXE's or the pipe's. The holder, making 0-2 its
	 * /dev/null, would then hand the kernel /dev/null as the new exe. */
	while ((i = open("/dev/null", O_RDWR)) >= 0 && i <= 2)
		;
	if (i > 2)
		close(i);
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			usage(0);
	if (argc == 2 && !strcmp(argv[1], "--list"))
		return holders(0, 0) ? 0 : (printf("setexe: no live holders\n"), 0);
	if (argc >= 2 && !strcmp(argv[1], "--kill") && argc <= 3) {
		if (argc == 3 && (n = atoi(argv[2])) <= 0)
			tw_printf(2, "setexe: --kill takes a holder's pid (setexe --list), not %s\n",
				argv[2]), usage(2);
		if (!holders(15, argc == 3 ? n : 0))
			argc == 3 ? die("that pid is not a live setexe holder", 1)
				  : (void)printf("setexe: no holders of yours to kill\n");
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if (ends) {	/* after "--" every word is a NEWEXE, "-x" too */
			if (newexe)
				tw_printf(2, "setexe: %s %s\n", argv[i], TOO_MANY), usage(2);
			newexe = argv[i];
		} else if (!strcmp(argv[i], "--"))
			ends = 1;
		else if (!strcmp(argv[i], "--via") && i + 1 < argc &&
		    (!strcmp(argv[i + 1], "map") || !strcmp(argv[i + 1], "file")))
			via_map = !strcmp(argv[++i], "map"), via_set = 1;
		else if (!strcmp(argv[i], "--keep-mapped"))
			keep = 1;
		else if (!strcmp(argv[i], "--open") && i + 1 < argc &&
		    (!strcmp(argv[i + 1], "path") || !strcmp(argv[i + 1], "write")))
			mode = !strcmp(argv[++i], "path") ? OPEN_PATH : OPEN_WRITE;
		else if (!strcmp(argv[i], "--bad-fd"))
			bad = 1;
		else if (!strcmp(argv[i], "--bad-args"))
			bad_args = 1;
		else if (!strcmp(argv[i], "--twice"))
			tries = 2;
		else if (!strcmp(argv[i], "--list") || !strcmp(argv[i], "--kill"))
			tw_printf(2, "setexe: %s goes alone: setexe --list, or setexe --kill [PID]\n",
				argv[i]), usage(2);
		else if (argv[i][0] == '-' || newexe)
			tw_printf(2, "setexe: %s %s\n", argv[i], argv[i][0] != '-' ?
				TOO_MANY : !strcmp(argv[i], "--via") ? "takes map or file" :
				!strcmp(argv[i], "--open") ? "takes path or write" :
				"is not an option"), usage(2);
		else
			newexe = argv[i];
	}
	if (bad && mode != OPEN_READ)	/* --bad-fd opens nothing */
		tw_printf(2, "setexe: --bad-fd opens no file: --open %s has nothing to open\n",
			mode == OPEN_PATH ? "path" : "write"), usage(2);
	if (bad_args && !via_set)	/* the 4th argument, as before MAP's struct */
		via_map = 0;
	gu_readlink("/proc/self/exe", before, sizeof(before)); /* = the holder's, by fork */
	if (!newexe && bad_args)	/* refused before the file is looked at: any will do */
		newexe = before;
	if (!newexe && !bad)
		tw_printf(2, "setexe: NEWEXE is missing: which file should the exe link name?\n"), usage(2);
	if (!bad && (fd = open(newexe, mode)) < 0) {
		tw_printf(2, "setexe: cannot open %s%s: %s (%s)\n", *newexe ? newexe : "''",
			mode & O_WRONLY ? " for writing" : "", ename(errno),
			errno == EACCES ? mode & O_WRONLY ? "no permission to write it, or to search a "
				"directory on its path" : "no permission to read it, or to search a directory "
				"on its path" : errno == ETXTBSY ? "a running program's file: copy it and "
				"open the copy, cp /bin/busybox /tmp/bb" : exelab_errno_reason(errno));
		return 2;
	}
	/* Ask the kernel for its struct size (100 on i386, 104 on x86_64). If
	 * the query fails (no MAP at all), the attempt below will tell why. */
	if (via_map && gu_prctl(PR_SET_MM, PR_SET_MM_MAP_SIZE, (long)&mapsize, 0, 0) == 0 &&
	    mapsize != sizeof(struct mm_map_i386) && mapsize != sizeof(struct mm_map_64))
		die("the kernel wants an unknown struct prctl_mm_map size", 1);
	nended = trim_holders(KEEP_HOLDERS - 1, ended, KEEP_HOLDERS);
	if (tries == 2 && (fd2 = open(before, O_RDONLY)) < 0)
		die("--twice: cannot open setexe's own file", 1);
	if (my_syscall1(__NR_pipe, p))
		die("pipe failed", 1);
	if ((pid = fork()) < 0)	/* EAGAIN: RLIMIT_NPROC, some 200 processes for a user */
		die(errno == EAGAIN ? "cannot start a holder: too many processes of yours"
		    " (setexe --kill ends your holders; kill others with kill PID)" : "fork failed", 1);
	if (pid == 0) {
		close(p[0]);
		holder(via_map, keep, tries, fd, fd2, mapsize, p[1], bad_args);
	}
	close(p[1]);
	pfd.fd = p[0], pfd.events = POLLIN;
	/* One raw result per attempt; after a refusal the holder makes no second
	 * (it would only repeat a try that changed nothing, and its record
	 * would stand in the card for the one asked for). Plain poll(2), not
	 * nolibc's poll() (see gu_poll in guestutil.h). */
	for (i = 0; i < tries && (i == 0 || res[0] == 0); i++) {
		n = my_syscall3(__NR_poll, &pfd, 1, 5000);
		if (n <= 0 || read(p[0], &res[i], 4) != 4) {
			kill(pid, 9);
			tw_printf(2, "setexe: the holder (pid %d) %s; killed it\n", pid, n < 0 ?
				"could not be waited for" : n == 0 ? "gave no answer within 5 s" :
				"failed before the attempt");
			return 1;
		}
	}
	lres = gu_readlink(proc_path(path, pid, "exe"), after, sizeof(after));
	call = via_map ? "PR_SET_MM_MAP exe_fd" : "PR_SET_MM_EXE_FILE";
	if (bad)
		tw_printf(1, "setexe: %s -> fd %d (not open): %s\n", call, BAD_FD, ename(-res[0]));
	else
		tw_printf(1, "setexe: %s -> %s%s: %s\n", call, newexe, mode == OPEN_READ ? "" :
			mode == OPEN_PATH ? " (opened O_PATH)" : " (opened write-only)", ename(-res[0]));
	if (tries == 2 && res[0] == 0)
		tw_printf(1, "setexe: and back to %s, from the same process: %s\n", before, ename(-res[1]));
	else if (tries == 2)
		tw_printf(1, "setexe: --twice: no second try, as the first changed nothing\n"), tries = 1;
	say_why(pid, res[tries - 1], keep ? "once past this check, --keep-mapped meets EBUSY (the old "
		"executable is still mapped)" : bad ? "once past this check, --bad-fd meets EBADF (no "
		"file behind the descriptor)" : mode == OPEN_READ ? 0 : mode == OPEN_PATH ? "once past this "
		"check, --open path meets EBADF (an O_PATH handle opens no file)" : "once past this "
		"check, --open write meets EACCES (the new exe is open for writing)");
	/* Reading a process's exe link is a ptrace check: a set-user-ID copy of
	 * setexe (fsuid 1000, real uid 0) may not trace its own holder (EACCES).
	 * "set again", not "unchanged" alone, for a link allowed to the file it
	 * named already (setexe /proc/self/exe): that read as a contradiction. */
	if (lres < 0)
		tw_printf(1, "  link: %s -> (cannot read the holder's link: %s)\n", before, ename(-lres));
	else
		tw_printf(1, "  link: %s -> %s (%s)\n", before, after, strcmp(before, after) ? "changed" :
			  tries == 2 && res[0] == 0 && res[1] == 0 ? "changed, and back" :
			  res[tries - 1] == 0 ? "set again: it named that file already" : "unchanged");
	tw_printf(1, "  holder: pid %d (ls -l /proc/%d/exe; setexe --kill %d)\n", pid, pid, pid);
	say_ended(ended, nended);
	return res[tries - 1] ? 1 : 0;
}
