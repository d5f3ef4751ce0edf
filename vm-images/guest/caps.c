/* caps - who am I, what may I hold, and may I change /proc/self/exe now?
 *
 * Prints the caller's uids/gids, user namespace, capability sets (from
 * /proc/self/status, which shows them as seen in the caller's own user
 * namespace), the kernel's exe_link era, and a prediction of the era's
 * PERMISSION check for both prctl paths, following
 * shared/docs/exe-link-history.md. Only a prediction: the kernel decides,
 * and the file rules (EBADF/EACCES/EBUSY) come after this check.
 */
#include "capnames.h"
#include "guestutil.h"

static char status[4096];

static void put_set(const char *label, const char *key)
{
	static char names[900];
	const char *v = gu_field(status, key);
	u64 m = v ? capn_hex(v) : 0;

	if (!v)
		strcpy(names, "(unknown)");
	else if ((m & CAPN_ALL) == CAPN_ALL)
		strcpy(names, "all (41 capabilities)");
	else if (!m)
		strcpy(names, "none");
	else if (__builtin_popcountll(m) > 30) {	/* a long list hides the point */
		strcpy(names, "all except ");
		capn_format(~m & CAPN_ALL, 0, names + 11, sizeof(names) - 11);
	} else
		capn_format(m, 0, names, sizeof(names));
	printf("  %s%s\n", label, names);
}

/* First number of a "Uid:"/"Gid:" line (the real id), and the second. */
static void ids(const char *key, unsigned long long *real, unsigned long long *eff)
{
	const char *v = gu_field(status, key);

	*real = *eff = 0;
	if (!v)
		return;
	*real = gu_num(v, &v);
	while (*v == '\t' || *v == ' ')
		v++;
	*eff = gu_num(v, 0);
}

int main(void)
{
	unsigned long long ruid, euid, rgid, egid;
	char map[256], era_text[32], *p;
	int nested, era, exists, i;
	u64 eff;
	const char *v;

	if (gu_read_file("/proc/self/status", status, sizeof(status)) <= 0) {
		printf("caps: cannot read /proc/self/status (is /proc mounted?)\n");
		return 1;
	}
	ids("Uid:", &ruid, &euid);
	ids("Gid:", &rgid, &egid);
	v = gu_field(status, "CapEff:");
	eff = v ? capn_hex(v) : 0;
	nested = gu_nested_userns("/proc/self");
	exists = gu_read_file("/proc/sys/kernel/exe_link_era", era_text, sizeof(era_text)) > 0;
	era = gu_era();

	printf("uid: real %u, effective %u    gid: real %u, effective %u\n",
	       (unsigned)ruid, (unsigned)euid, (unsigned)rgid, (unsigned)egid);
	if (nested) {
		gu_read_file("/proc/self/uid_map", map, sizeof(map));
		/* "         0       1000          1\n" -> "0 1000 1" (lines: "; ") */
		for (p = map, i = 0; *p; p++) {
			char c = *p == '\t' ? ' ' : *p;
			if (c == '\n' && p[1])
				map[i++] = ';', c = ' ';
			if ((c == ' ' && (!i || map[i - 1] == ' ')) || c == '\n')
				continue;
			map[i++] = c;
		}
		map[i] = 0;
		printf("user namespace: nested (uid map \"inside outside count\": %s)\n", map);
		printf("  capabilities below count in this namespace only, none in the initial one\n");
	} else
		printf("user namespace: initial\n");
	printf("capabilities:\n");
	put_set("effective:   ", "CapEff:");
	put_set("permitted:   ", "CapPrm:");
	put_set("inheritable: ", "CapInh:");
	put_set("ambient:     ", "CapAmb:");
	put_set("bounding:    ", "CapBnd:");
	printf("era: %d%s\n", era, exists ? " (/proc/sys/kernel/exe_link_era)"
	       : " (this kernel has no exe_link_era switch; Linux 6.1 follows the 2020 rules)");

	printf("\nPrediction for changing /proc/self/exe (the kernel decides; try setexe):\n");
	/* EXE_FILE: capable(CAP_SYS_RESOURCE), i.e. in the initial user ns. */
	if (nested)
		printf("  PR_SET_MM_EXE_FILE: refused (EPERM): it needs CAP_SYS_RESOURCE in the\n"
		       "    initial user namespace, which no process in a nested namespace has\n");
	else if (eff & CAPN_BIT(CAPN_SYS_RESOURCE))
		printf("  PR_SET_MM_EXE_FILE: allowed: you hold CAP_SYS_RESOURCE in the initial\n"
		       "    user namespace\n");
	else
		printf("  PR_SET_MM_EXE_FILE: refused (EPERM): it needs CAP_SYS_RESOURCE in the\n"
		       "    initial user namespace and you do not hold it\n");

	/* MAP path with exe_fd: the check changed with the eras (history table). */
	printf("  PR_SET_MM_MAP exe_fd: ");
	if (era < 2014)
		printf("refused (EINVAL): PR_SET_MM_MAP does not exist yet (it came in 2014)\n");
	else if (era < 2017) {
		if (ruid == 0 && rgid == 0)
			printf("allowed: your real uid and gid are both 0 in your user namespace\n");
		else
			printf("refused (EINVAL): it needs real uid AND real gid 0 in your user\n"
			       "    namespace (effective ids and capabilities do not count); yours are %u/%u\n",
			       (unsigned)ruid, (unsigned)rgid);
	} else if (era < 2020) {
		if (eff & CAPN_BIT(CAPN_SYS_ADMIN))
			printf("allowed: you hold CAP_SYS_ADMIN in your user namespace\n");
		else
			printf("refused (EINVAL): it needs CAP_SYS_ADMIN in your user namespace\n");
	} else {
		if (eff & CAPN_BIT(CAPN_CHECKPOINT_RESTORE))
			printf("allowed: you hold CAP_CHECKPOINT_RESTORE in your user namespace\n");
		else if (eff & CAPN_BIT(CAPN_SYS_ADMIN))
			printf("allowed: you hold CAP_SYS_ADMIN in your user namespace (it still\n"
			       "    implies CAP_CHECKPOINT_RESTORE's rights)\n");
		else
			printf("refused (EPERM): it needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in\n"
			       "    your user namespace\n");
	}
	if (nested && era >= 2017)
		printf("    (a user namespace you created gives you those capabilities there:\n"
		       "    that is why an unprivileged user can pass this check)\n");
	if (era < 2016)
		printf("  one-shot: in this era a process may change its exe link only once;\n"
		       "    a second change fails with EPERM (rule removed in 2016, Linux 4.10)\n");
	printf("  after the permission check come the file rules: EBADF (not an open file),\n"
	       "    EACCES (not a regular file, noexec mount, no exec permission, open for\n"
	       "    writing), EBUSY (the old executable is still mapped)\n");
	return 0;
}
