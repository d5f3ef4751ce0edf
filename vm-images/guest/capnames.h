/* capnames.h - capability numbers <-> names, shared by agent, runas and caps.
 *
 * Linux 6.1 knows 41 capabilities (0 .. CAP_CHECKPOINT_RESTORE = 40). A set
 * is a 64-bit mask, the way /proc/PID/status prints CapEff & co. Names are
 * the lower-case forms used by capabilities(7), capsh and our protocol.
 * Header only (static functions): every guest *.c becomes its own binary.
 */
#ifndef EXELAB_CAPNAMES_H
#define EXELAB_CAPNAMES_H

#define CAPN_COUNT 41
#define CAPN_ALL ((1ULL << CAPN_COUNT) - 1)

static const char *const capn_names[CAPN_COUNT] = {
	"cap_chown", "cap_dac_override", "cap_dac_read_search", "cap_fowner",
	"cap_fsetid", "cap_kill", "cap_setgid", "cap_setuid", "cap_setpcap",
	"cap_linux_immutable", "cap_net_bind_service", "cap_net_broadcast",
	"cap_net_admin", "cap_net_raw", "cap_ipc_lock", "cap_ipc_owner",
	"cap_sys_module", "cap_sys_rawio", "cap_sys_chroot", "cap_sys_ptrace",
	"cap_sys_pacct", "cap_sys_admin", "cap_sys_boot", "cap_sys_nice",
	"cap_sys_resource", "cap_sys_time", "cap_sys_tty_config", "cap_mknod",
	"cap_lease", "cap_audit_write", "cap_audit_control", "cap_setfcap",
	"cap_mac_override", "cap_mac_admin", "cap_syslog", "cap_wake_alarm",
	"cap_block_suspend", "cap_audit_read", "cap_perfmon", "cap_bpf",
	"cap_checkpoint_restore",
};

#define CAPN_SYS_ADMIN 21
#define CAPN_SYS_RESOURCE 24
#define CAPN_CHECKPOINT_RESTORE 40
#define CAPN_BIT(n) (1ULL << (n))

/* Number of capability NAME (len bytes, case-insensitive, the "cap_"
 * prefix optional), or -1. */
static int capn_lookup(const char *name, int len)
{
	int n, i;

	if (len > 4 && (name[0] | 32) == 'c' && (name[1] | 32) == 'a' &&
	    (name[2] | 32) == 'p' && name[3] == '_')
		name += 4, len -= 4;
	for (n = 0; n < CAPN_COUNT; n++) {
		const char *c = capn_names[n] + 4;
		for (i = 0; i < len && c[i]; i++) {
			char ch = name[i];
			if (ch >= 'A' && ch <= 'Z')
				ch += 32;
			if (ch != c[i])
				break;
		}
		if (i == len && !c[i])
			return n;
	}
	return -1;
}

/* Parses "cap_a,cap_b", "all", "none" or "" into *mask. On an unknown name
 * returns -1 and points *bad at it (bad_len bytes). Empty items are ignored;
 * "none" is one too (the page's links and caps(1) say "none"). */
static int capn_parse(const char *s, unsigned long long *mask, const char **bad, int *bad_len)
{
	unsigned long long m = 0;

	while (*s) {
		int len = 0, n;

		while (s[len] && s[len] != ',')
			len++;
		if (len == 3 && s[0] == 'a' && s[1] == 'l' && s[2] == 'l')
			m |= CAPN_ALL;
		else if (len == 4 && s[0] == 'n' && s[1] == 'o' && s[2] == 'n' && s[3] == 'e')
			;
		else if (len > 0) {
			n = capn_lookup(s, len);
			if (n < 0) {
				*bad = s;
				*bad_len = len;
				return -1;
			}
			m |= CAPN_BIT(n);
		}
		s += len;
		if (*s == ',')
			s++;
	}
	*mask = m;
	return 0;
}

/* Writes MASK as "cap_a,cap_b" into buf (size bytes, always terminated);
 * "" for the empty set. With all_word, the full set is written as "all". */
static void capn_format(unsigned long long mask, int all_word, char *buf, int size)
{
	int n, pos = 0;

	buf[0] = 0;
	if (all_word && (mask & CAPN_ALL) == CAPN_ALL) {
		if (size > 3)
			buf[0] = 'a', buf[1] = 'l', buf[2] = 'l', buf[3] = 0;
		return;
	}
	for (n = 0; n < CAPN_COUNT; n++) {
		const char *c = capn_names[n];
		if (!(mask & CAPN_BIT(n)))
			continue;
		if (pos && pos < size - 1)
			buf[pos++] = ',';
		while (*c && pos < size - 1)
			buf[pos++] = *c++;
		buf[pos] = 0;
	}
}

/* Parses the 16 hex digits /proc/PID/status prints after "CapEff:\t". */
static unsigned long long capn_hex(const char *s)
{
	unsigned long long v = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	for (;; s++) {
		int d;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if ((*s | 32) >= 'a' && (*s | 32) <= 'f')
			d = (*s | 32) - 'a' + 10;
		else
			break;
		v = v << 4 | d;
	}
	return v;
}

#endif /* EXELAB_CAPNAMES_H */
