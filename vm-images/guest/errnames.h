/* errnames.h - errno numbers -> names, and the patched kernel's exe_link
 * check names -> one-line plain-English reasons.
 *
 * A clean header of static tables and static inline functions: no libc
 * calls, no includes, no globals, so it builds with nolibc, glibc, -m32 or
 * 64-bit alike, and unused parts vanish. Errno numbers are Linux's generic
 * ones (asm-generic/errno-base.h, errno.h), which i386 and x86_64 share.
 */
#ifndef EXELAB_ERRNAMES_H
#define EXELAB_ERRNAMES_H

struct exelab_errname {
	int num;
	const char *name;
	const char *reason;	/* generic, worded for an exe link change */
};

struct exelab_check {
	const char *name;	/* check=NAME in the kernel's exe_link record */
	const char *rule_year;	/* year the rule was introduced, or 0 */
	int who;		/* 1: a rule on who may change the link, which the
				 * file rules (EBUSY, EBADF, EACCES) come after */
	const char *reason;
};

static inline int exelab_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static inline const struct exelab_errname *exelab_errno_entry(int e)
{
	static const struct exelab_errname tab[] = {
		{ 1, "EPERM", "not permitted: EXE_FILE needs CAP_SYS_RESOURCE in the initial user namespace; MAP (since 5.9) CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in yours; before 4.10 also a second change" },
		{ 2, "ENOENT", "no such file or directory" },
		{ 3, "ESRCH", "no such process" },
		{ 4, "EINTR", "interrupted by a signal" },
		{ 5, "EIO", "input/output error" },
		{ 7, "E2BIG", "argument list too long" },
		{ 8, "ENOEXEC", "not an executable format the kernel knows" },
		{ 9, "EBADF", "the new exe descriptor is not an open file (an O_PATH descriptor counts as not open)" },
		{ 10, "ECHILD", "no child process" },
		{ 11, "EAGAIN", "try again" },
		{ 12, "ENOMEM", "out of memory" },
		{ 13, "EACCES", "the new file is not a regular file, is on a noexec mount, lacks exec permission, or is open for writing" },
		{ 14, "EFAULT", "a pointer passed to the kernel is not readable" },
		{ 16, "EBUSY", "the old executable is still mapped in the process" },
		{ 17, "EEXIST", "file exists" },
		{ 19, "ENODEV", "no such device" },
		{ 20, "ENOTDIR", "not a directory" },
		{ 21, "EISDIR", "is a directory" },
		{ 22, "EINVAL", "invalid argument: bad option or struct, or (MAP path, 2014/2016/2017 rules, Linux 3.18-5.8) the permission check failed" },
		{ 23, "ENFILE", "too many open files in the system" },
		{ 24, "EMFILE", "too many open files" },
		{ 25, "ENOTTY", "not a terminal" },
		{ 26, "ETXTBSY", "text file busy: the file is somebody's running executable" },
		{ 28, "ENOSPC", "no space left on device" },
		{ 30, "EROFS", "read-only file system" },
		{ 32, "EPIPE", "broken pipe" },
		{ 36, "ENAMETOOLONG", "file name too long" },
		{ 38, "ENOSYS", "no such system call" },
		{ 40, "ELOOP", "too many symbolic links" },
		{ 75, "EOVERFLOW", "value too large" },
		{ 95, "EOPNOTSUPP", "operation not supported" },
	};
	unsigned int i;

	if (e < 0)
		e = -e;
	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (tab[i].num == e)
			return &tab[i];
	return 0;
}

/* "EPERM" for 1 or -1; 0 for unknown numbers. */
static inline const char *exelab_errno_name(int e)
{
	const struct exelab_errname *p = exelab_errno_entry(e);
	return p ? p->name : 0;
}

static inline const char *exelab_errno_reason(int e)
{
	const struct exelab_errname *p = exelab_errno_entry(e);
	if (e == 0)
		return "the kernel accepted the change";
	return p ? p->reason : "unexpected error";
}

/* "EPERM" -> 1; "0" or "OK" -> 0; unknown -> -1. */
static inline int exelab_errno_from_name(const char *name)
{
	int n;

	if (exelab_streq(name, "0") || exelab_streq(name, "OK"))
		return 0;
	for (n = 1; n < 134; n++) {
		const struct exelab_errname *p = exelab_errno_entry(n);
		if (p && exelab_streq(p->name, name))
			return n;
	}
	return -1;
}

/* Every check name the patched kernel writes (check=NAME), in the order
 * Linux 6.1 runs them; rule_year is when that rule entered mainline. */
static inline const struct exelab_check *exelab_check_entry(const char *name)
{
	static const struct exelab_check tab[] = {
		{ "bad_args", 0, 0,
		  "PR_SET_MM_EXE_FILE takes only a descriptor: prctl's 4th and 5th arguments must be 0" },
		{ "cap_sys_resource", "2012", 1,
		  "PR_SET_MM_EXE_FILE needs CAP_SYS_RESOURCE in the initial user namespace" },
		/* No year: an absence, not a rule ("rule from 2012" would read as one). */
		{ "era_no_map", 0, 0,
		  "PR_SET_MM_MAP does not exist yet (it came in 2014, Linux 3.18)" },
		{ "map_fields", 0, 0,
		  "the PR_SET_MM_MAP struct or its addresses were rejected before the exe check ran" },
		{ "uid_gid_root", "2014", 1,
		  "PR_SET_MM_MAP's exe_fd needs your real uid and gid to both map to 0 in your user namespace" },
		{ "ns_cap_sys_admin", "2017", 1,
		  "PR_SET_MM_MAP's exe_fd needs CAP_SYS_ADMIN in your user namespace" },
		{ "ns_checkpoint_restore", "2020", 1,
		  "PR_SET_MM_MAP's exe_fd needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in your user namespace" },
		{ "bad_fd", 0, 0,
		  "the descriptor given as the new exe is not an open file" },
		{ "not_regular", 0, 0,
		  "the new exe must be a regular file" },
		{ "noexec_mount", 0, 0,
		  "the new exe lives on a filesystem mounted noexec" },
		{ "no_exec_perm", 0, 0,
		  "you have no execute permission on the new exe" },
		{ "old_exe_mapped", "2012", 0,
		  "the old executable is still mapped in the process (EBUSY); unmap it first, as CRIU's restorer does" },
		{ "one_shot", "2012", 0,
		  "the link may be changed only once per process (rule dropped in 2016, Linux 4.10)" },
		/* The rule came with Linux 5.15; this 6.1 kernel keeps it in every era. */
		{ "open_for_write", "2021", 0,
		  "the new exe is open for writing somewhere (Linux 5.15; this kernel applies it in every era)" },
		{ "allowed", 0, 0,
		  "every permission and file check passed; the link now points to the new file" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (exelab_streq(tab[i].name, name))
			return &tab[i];
	return 0;
}

#endif /* EXELAB_ERRNAMES_H */
