/* runas - run a command with exactly the given uid, capabilities and user
 * namespace. The agent starts every terminal shell through it, and learners
 * can use it to try identities. It never grants what the caller lacks: the
 * kernel refuses (EPERM) and runas says which capability was missing.
 */
#include "capnames.h"
#include "guestutil.h"
#include "termwrap.h"	/* the explanations of a refusal fit the terminal */

/* One string per paragraph, for tw_usage(). */
static const char *const usage[] = {
"usage: runas [--uid N] [--caps LIST] [--userns] -- CMD [ARGS...]\n",
"Runs CMD with exactly this identity. LIST: capability names separated by\n"
"commas (cap_sys_admin,cap_checkpoint_restore,...; 'all'; 'none' or '').\n",
"  --uid 0           CMD runs as root holding LIST (default: none): the\n"
"                    bounding set is cut to LIST (needs cap_setpcap) and\n"
"                    inheritable = LIST, so every later exec keeps LIST.\n",
"  --uid N (N != 0)  CMD runs as uid/gid N, no groups, with LIST as\n"
"                    permitted, effective, inheritable and ambient set\n"
"                    (ambient caps survive exec for non-root programs).\n",
"  --userns          become uid N without capabilities, then create a user\n"
"                    namespace mapping 0 -> N (like 'unshare -r'): CMD is\n"
"                    uid 0 there, holds LIST (default: all) in that\n"
"                    namespace and nothing in the initial one.\n",
"Without --uid the current uid is kept. Capabilities the caller does not\n"
"hold cannot be granted. Exit: 1 when the kernel refuses, 2 usage error.\n",
0 };

/* "runas: WHAT NAME: ERRNO", the first line of every refusal. */
static void say_refused(const char *what, const char *name, long err)
{
	tw_printf(2, "runas: %s%s: %s\n", what, name ? name : "", gu_errname(err));
}

static void fail(const char *what, const char *name, long err)
{
	say_refused(what, name, err);
	exit(1);
}

/* Set by --userns: --uid then names the uid outside the namespace. */
static int userns_given;

/* A uid (or gid) change refused: the refusal, then what it takes, as
 * learners meet this first. Each hint is one paragraph, broken to the
 * terminal's width under "runas: " (termwrap.h). */
static void fail_become(const char *what, int gid, unsigned int id, long err)
{
	/* With --userns, uid 0 inside comes from the namespace: --uid 0 from a
	 * non-root asked to be root outside it first, which is the refusal.
	 * --userns from root maps uid 0 to itself, which needs cap_setfcap
	 * (Linux 5.12): a root refused here lacks it, so only a non-root is
	 * pointed to --userns (as runas's refused-capability note does). */
	int root = my_syscall0(__NR_getuid32) == 0;

	say_refused(what, utoa(id), err);
	if (err == -EPERM && userns_given && !root)
		tw_printf(2, "runas: with --userns, --uid is the uid outside the namespace, and "
			  "changing it needs cap_setuid and cap_setgid: --userns alone gives uid 0 "
			  "inside, mapped to your own uid\n");
	else if (err == -EPERM && !root)
		tw_printf(2, "runas: changing uid needs cap_setuid and cap_setgid; without them, "
			  "try --userns (uid 0 in a namespace of your own) or the page's identity "
			  "panel\n");
	else if (err == -EPERM)
		tw_printf(2, "runas: changing uid needs cap_setuid and cap_setgid: the page's "
			  "identity panel starts a shell with them (All capabilities)\n");
	/* setresuid() says EINVAL for an id the caller's user namespace does
	 * not map: in the page's namespace shell only uid 0 (and gid 0) are. */
	if (err == -EINVAL)
		tw_printf(2, "runas: %s %s is not mapped in this user namespace (cat "
			  "/proc/self/%s): only a mapped id can be taken here\n", gid ? "gid" : "uid",
			  utoa(id), gid ? "gid_map" : "uid_map");
	exit(1);
}

#include "runas-caps.inc"

/* Sets real, effective and saved uid and gid to ID and drops supplementary
 * groups, skipping calls that would change nothing, so that an unprivileged
 * caller may "become" its own uid without cap_setuid/cap_setgid. */
static void become(unsigned int id)
{
	unsigned int r, e, s, gr, ge, gs;
	long n;

	my_syscall3(__NR_getresuid32, &r, &e, &s);
	my_syscall3(__NR_getresgid32, &gr, &ge, &gs);
	n = my_syscall2(__NR_getgroups32, 0, 0);
	if (n != 0 && (n = my_syscall2(__NR_setgroups32, 0, 0)) < 0)
		fail("cannot clear the supplementary groups", 0, n);
	if ((gr != id || ge != id || gs != id) &&
	    (n = my_syscall3(__NR_setresgid32, id, id, id)) < 0)
		fail_become("cannot become uid (and gid) ", 1, id, n);
	if ((r != id || e != id || s != id) &&
	    (n = my_syscall3(__NR_setresuid32, id, id, id)) < 0)
		fail_become("cannot become uid ", 0, id, n);
	/* A uid change makes the process non-dumpable, which turns its
	 * /proc/self files root-owned: uid_map and setgroups could then not be
	 * written by the new uid. Nothing secret lives in these processes. */
	gu_prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}

static void write_map(const char *file, const char *text, unsigned int uid)
{
	long r = gu_write_file(file, text);

	/* Not for setgroups, which that rule does not touch. */
	if (r == -EPERM && uid == 0 && strcmp(file, "/proc/self/setgroups"))
		tw_printf(2, "runas: mapping uid 0 itself needs cap_setfcap when the namespace is made\n");
	if (r < 0)
		fail("cannot write ", file, r);
}

static void run(char **cmd, char **envp)
{
	const char *path = _getenv("PATH", envp);
	char buf[256];
	long r = -ENOENT;

	if (strchr(cmd[0], '/'))
		r = sys_execve(cmd[0], cmd, envp);
	else
		while (path && *path) {	/* search PATH like a shell does */
			int len = 0;
			while (path[len] && path[len] != ':')
				len++;
			if (len > 0 && len + strlen(cmd[0]) + 2 < sizeof(buf)) {
				memcpy(buf, path, len);
				buf[len] = '/';
				strcpy(buf + len + 1, cmd[0]);
				r = sys_execve(buf, cmd, envp);
			}
			path += len + (path[len] == ':');
		}
	tw_printf(2, "runas: cannot run %s: %s\n", cmd[0], gu_errname(r));
	exit(127);
}

int main(int argc, char **argv, char **envp)
{
	/* A uid is 32 bits unsigned; long is 32 bits on i386 too, so -1 could
	 * not mean "not given" for uids from 2^31 on: a flag says it. */
	unsigned int uid = 0;
	long r;
	int userns = 0, have_caps = 0, have_uid = 0, i;
	u64 list = 0, e, p, inh, bset;
	char map[32];

	/* What was wrong, said before the usage text (which alone leaves the
	 * learner to spot it). */
	const char *why = 0, *what = "";

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--userns"))
			userns = userns_given = 1;
		else if (!strcmp(argv[i], "--uid") && i + 1 < argc) {
			const char *end, *s = argv[++i];
			unsigned long long v = gu_num(s, &end);
			if (!*s || *end || end - s > 10 || v > 4294967294ULL) {
				why = "--uid takes a number from 0 to 4294967294, not", what = s;
				goto bad;
			}
			uid = (unsigned int)v;
			have_uid = 1;
		} else if (!strcmp(argv[i], "--caps") && i + 1 < argc) {
			const char *bad;
			int blen;
			if (capn_parse(argv[++i], &list, &bad, &blen) < 0) {
				char name[48];
				int k;
				for (k = 0; k < blen && k < 47; k++)
					name[k] = bad[k];
				name[k] = 0;
				tw_printf(2, "runas: unknown capability '%s' (names as in capabilities(7): "
					"cap_sys_admin, cap_checkpoint_restore, ...; or all, none)\n", name);
				return 2;
			}
			have_caps = 1;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			tw_usage(1, 20, usage);
			return 0;
		} else if (argv[i][0] != '-') {
			/* The usual slip: the command without the "--" before it.
			 * The line as it should be says more than the usage. */
			char line[256] = "runas";
			int k;

			for (k = 1; k < i; k++) {
				gu_cat(line, sizeof(line), " ");
				gu_cat(line, sizeof(line), argv[k]);
			}
			gu_cat(line, sizeof(line), " -- ");
			gu_cat(line, sizeof(line), argv[i]);
			if (i + 1 < argc)
				gu_cat(line, sizeof(line), " ...");
			/* The example on a line of its own: broken at a space like
			 * prose, it split the very command to type. */
			tw_printf(2, "runas: '%s' is not an option: put '--' before the command to run, as in:\n",
				  argv[i]);
			tw_printf(2, "       %s\n", line);
			return 2;
		} else {
			why = !strcmp(argv[i], "--uid") || !strcmp(argv[i], "--caps") ?
				"this option needs a value:" : "unknown option", what = argv[i];
			goto bad;
		}
	}
	if (i + 1 >= argc) {
		why = "no command to run: put it after", what = "--";
		goto bad;
	}
	argv += i + 1;
	if (!have_uid) {
		unsigned int e0, s0;
		my_syscall3(__NR_getresuid32, &uid, &e0, &s0);
	}
	caps_get(&e, &p, &inh);
	bset = bset_get();

	if (userns) {
		if (!have_caps)
			list = CAPN_ALL;
		/* Without PR_SET_KEEPCAPS, leaving uid 0 clears every capability.
		 * Whatever stays (uid 0) does not matter: unshare() gives the
		 * process a fresh full set in the new namespace and none in the
		 * initial one. Keeping them even helps: mapping uid 0 itself needs
		 * cap_setfcap at unshare time (5.12+, verify_root_map()). */
		become(uid);
		if ((r = my_syscall1(__NR_unshare, CLONE_NEWUSER)) < 0)
			fail("cannot create a user namespace", 0, r);
		/* An unprivileged map writer must deny setgroups first (3.19+). */
		write_map("/proc/self/setgroups", "deny", uid);
		strcpy(map, "0 ");
		gu_cat(map, sizeof(map), utoa(uid));
		gu_cat(map, sizeof(map), " 1\n");
		write_map("/proc/self/uid_map", map, uid);
		write_map("/proc/self/gid_map", map, uid);
		/* Now uid 0 with every capability of the new namespace, so an exec
		 * gives inheritable | bounding: make both LIST. */
		bset_cut(list);
		if ((r = caps_set(CAPN_ALL, CAPN_ALL, list)) < 0)
			fail("cannot set the inheritable set", 0, r);
	} else if (uid == 0) {
		/* An exec as root yields inheritable | bounding (the file counts
		 * as having every capability), so both become LIST. */
		become(0);	/* first: a non-root caller fails here, clearly */
		need(list, bset | inh, "you do not hold it: it is not in your bounding set");
		bset_cut(list);
		if ((r = caps_set(e, p, list)) < 0)
			fail("cannot set the inheritable set", 0, r);
	} else {
		/* Non-root: only ambient capabilities survive exec. */
		need(list, p, "you do not hold it");
		need(list, bset | inh, "it is not in your bounding set");
		if (e & CAPN_BIT(8 /* cap_setpcap */))
			bset_cut(list);	/* else: irrelevant, no setuid/file-cap programs here */
		gu_prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
		become(uid);
		if ((r = caps_set(list, list, list)) < 0)
			fail("cannot set capabilities", 0, r);
	}
	gu_prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	if (uid != 0 && !userns)
		for (i = 0; i < CAPN_COUNT; i++)
			if ((list & CAPN_BIT(i)) &&
			    (r = gu_prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, i, 0, 0)) < 0)
				fail("cannot raise as ambient: ", capn_names[i], r);
	gu_prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
	run(argv, envp);
	return 127;
bad:
	if (why)
		tw_printf(2, "runas: %s '%s'\n", why, what);
	tw_usage(2, 20, usage);
	return 2;
}
