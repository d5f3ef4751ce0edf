/* caps - who am I, what may I hold, and may I change /proc/self/exe now?
 *
 * Prints the caller's uids/gids, user namespace, capability sets (from
 * /proc/self/status, which shows them as seen in the caller's own user
 * namespace), the kernel's exe_link era, and a prediction of the era's
 * PERMISSION check for both prctl paths, following
 * docs/facts/exe-link-history.md. Only a prediction: the kernel decides,
 * and the file rules (EBADF/EACCES/EBUSY) come after this check.
 * Every paragraph goes through termwrap.h, to fit the terminal.
 */
#include "capnames.h"
#include "guestutil.h"
#include "termwrap.h"

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
	tw_printf(1, "  %s%s\n", label, names);
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

static const char *const usage[] = {
"usage: caps\n",
"Prints who you are (uids, gids, user namespace, capability sets), the\n"
"kernel's exe_link era, and a prediction for each prctl path: may you\n"
"change /proc/self/exe now? Only a prediction: setexe asks the kernel.\n",
0 };

int main(int argc, char **argv)
{
	unsigned long long ruid, euid, rgid, egid;
	char map[256], era_text[32], line[256] = "", *p;
	int nested, era, exists, i;
	u64 eff;
	const char *v, *map_rule;

	if (argc > 1) {
		int help = !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h");
		if (!help)
			tw_printf(2, "caps: %s is not an option\n", argv[1]);
		tw_usage(help ? 1 : 2, 0, usage);
		return help ? 0 : 2;
	}
	if (gu_read_file("/proc/self/status", status, sizeof(status)) <= 0) {
		tw_printf(1, "caps: cannot read /proc/self/status (is /proc mounted?)\n");
		return 1;
	}
	ids("Uid:", &ruid, &euid);
	ids("Gid:", &rgid, &egid);
	v = gu_field(status, "CapEff:");
	eff = v ? capn_hex(v) : 0;
	nested = gu_nested_userns("/proc/self");
	exists = gu_read_file("/proc/sys/kernel/exe_link_era", era_text, sizeof(era_text)) > 0;
	era = gu_era();

	tw_printf(1, "uid: real %u, effective %u    gid: real %u, effective %u\n",
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
		if (!i)	/* unshare -U: nothing mapped, every id reads as 65534 */
			tw_printf(1, "user namespace: nested (no uid mapped: you are the overflow uid 65534)\n");
		else
			tw_printf(1, "user namespace: nested (uid map \"inside outside count\": %s)\n", map);
		tw_printf(1, "  capabilities below count in this namespace only, none in the initial one\n");
	} else
		tw_printf(1, "user namespace: initial\n");
	tw_printf(1, "capabilities:\n");
	put_set("effective:   ", "CapEff:");
	put_set("permitted:   ", "CapPrm:");
	put_set("inheritable: ", "CapInh:");
	put_set("ambient:     ", "CapAmb:");
	put_set("bounding:    ", "CapBnd:");
	tw_printf(1, "era: %d%s\n", era, exists ? " (/proc/sys/kernel/exe_link_era)"
	       : " (this kernel has no exe_link_era switch; Linux 6.1 follows the 2020 rules)");

	tw_printf(1, "\n");
	tw_printf(1, "Prediction for changing /proc/self/exe (the kernel decides; try setexe):\n");
	/* EXE_FILE: capable(CAP_SYS_RESOURCE), i.e. in the initial user ns. */
	if (nested)
		tw_printf(1, "  PR_SET_MM_EXE_FILE: refused (EPERM): it needs CAP_SYS_RESOURCE in the\n"
			  "    initial user namespace, which no process in a nested namespace has\n");
	else if (eff & CAPN_BIT(CAPN_SYS_RESOURCE))
		tw_printf(1, "  PR_SET_MM_EXE_FILE: allowed: you hold CAP_SYS_RESOURCE in the initial\n"
			  "    user namespace\n");
	else
		tw_printf(1, "  PR_SET_MM_EXE_FILE: refused (EPERM): it needs CAP_SYS_RESOURCE in the\n"
			  "    initial user namespace and you do not hold it\n");

	/* MAP path with exe_fd: the check changed with the eras (history table).
	 * One paragraph, to be wrapped whole; only the uid/gid rule prints the
	 * ids (tw_printf ignores the arguments a text does not ask for). */
	if (era < 2014)
		map_rule = "refused (EINVAL): PR_SET_MM_MAP does not exist yet (it came in 2014)\n";
	else if (era < 2017)
		map_rule = ruid == 0 && rgid == 0 ?
			"allowed: your real uid and gid are both 0 in your user namespace\n" :
			"refused (EINVAL): it needs real uid AND real gid 0 in your user\n"
			"    namespace (effective ids and capabilities do not count); yours are %u/%u\n";
	else if (era < 2020)
		map_rule = eff & CAPN_BIT(CAPN_SYS_ADMIN) ?
			"allowed: you hold CAP_SYS_ADMIN in your user namespace\n" :
			"refused (EINVAL): it needs CAP_SYS_ADMIN in your user namespace\n";
	else if (eff & CAPN_BIT(CAPN_CHECKPOINT_RESTORE))
		map_rule = "allowed: you hold CAP_CHECKPOINT_RESTORE in your user namespace\n";
	else if (eff & CAPN_BIT(CAPN_SYS_ADMIN))
		map_rule = "allowed: you hold CAP_SYS_ADMIN in your user namespace (it still\n"
			   "    implies CAP_CHECKPOINT_RESTORE's rights)\n";
	else
		map_rule = "refused (EPERM): it needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN in\n"
			   "    your user namespace\n";
	gu_cat(line, sizeof(line), "  PR_SET_MM_MAP exe_fd: ");
	gu_cat(line, sizeof(line), map_rule);
	tw_printf_at(1, 4, line, (unsigned)ruid, (unsigned)rgid);	/* as its neighbours */
	/* Only beside a pass: under "effective: none" it read as a claim. */
	if (nested && era >= 2017 && map_rule[0] == 'a')
		tw_printf(1, "    (a user namespace you created gives you those capabilities there:\n"
			  "    that is why an unprivileged user can pass this check)\n");
	if (era < 2016)
		tw_printf(1, "  one-shot: in this era a process may change its exe link only once;\n"
			  "    a second change fails with EPERM (rule removed in 2016, Linux 4.10)\n");
	/* Open for writing: 6.1's rule, kept in every era here (beside 2012's
	 * rules it read as one of them). */
	tw_printf(1, "  after the permission check come the file rules: EBADF (not an open file),\n"
		     "    EACCES (not a regular file, noexec mount, no exec permission, open for\n"
		     "    writing: a Linux 5.15 rule, applied here in every era), EBUSY (the\n"
		     "    old executable is still mapped)\n");
	return 0;
}
