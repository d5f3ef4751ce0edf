/* exelab-agent - PID 1 of the guest and the guest side of the control
 * protocol specified in app/core/protocol.ts, spoken on /dev/ttyS1.
 *
 * One poll() loop, never blocking for long: requests from the host, exe_link
 * records from /dev/kmsg (forwarded as events), reaping (as PID 1 it
 * inherits every orphan), the terminal's shell on /dev/ttyS0, and a /proc
 * scan that emits `procs` when the list changed (every 200 ms while tasks
 * come and go, every 2 s in an idle guest: SCAN_BUSY_MS, SCAN_IDLE_MS). The kernel
 * delivers no signal to PID 1 without a handler, and none is installed:
 * the agent only ends if it crashes, which would panic the kernel, so
 * every input is treated as hostile and every buffer is bounded.
 *
 * Usage: exelab-agent [CONTROL_TTY [TERMINAL_TTY]]  (defaults /dev/ttyS1,
 * /dev/ttyS0; other paths are for tests outside the VM).
 */
#include <asm/termbits.h>
#include "capnames.h"
#include "guestutil.h"
#include "termwrap.h"

#include "agent-proto.inc"
#include "agent-procs.inc"
#include "agent-shell.inc"
#include "agent-requests.inc"

#define AGENT_NICE 10
/* The poll timeout while an identity is due, so `identity` follows `ok`
 * closely (otherwise the scan period bounds it). */
#define IDENTITY_POLL_MS 20

static void handle_line(const char *l, int len)
{
	const char *why = check_line(l, len);
	int tlen = 0, n;

	if (why)
		return send_garbage(l, len, why);
	while (tlen < len && l[tlen] != ' ')
		tlen++;
	n = get_field(l, len, "id", reqid, sizeof(reqid));
	if (n < 0)
		return send_garbage(l, len, "missing id");
	if (get_num(l, len, "id", 15) <= 0)
		return send_garbage(l, len, "bad id: not a positive integer");
#define IS(word) (tlen == sizeof(word) - 1 && !memcmp(l, word, tlen))
	if (IS("hello")) {
		ok_start();
		msg_num("v", 1);
		msg_num("era", gu_era());
		msg_send();
		/* A host that restored a saved state has missed the identity
		 * event of the shell that was running: send it again. */
		if (shell_pid)
			identity_pid = shell_pid;
	} else if (IS("era"))
		req_era(l, len);
	else if (IS("shell"))
		req_shell(l, len);
	else if (IS("ps")) {
		ok_start();
		gsb_str(&M, " list=");
		append_proclist(0);
		msg_send();
	} else if (IS("clock"))
		req_clock(l, len);
	else if (IS("winsize"))
		req_winsize(l, len);
	else if (IS("dropcaches"))
		req_dropcaches();
	else
		reply_err("ENOSYS", "unknown request type");
#undef IS
}

/* The kernel's record names uid and namespace but not capabilities or the
 * gid; the page's model needs them to predict the answer (the 2014 rule
 * asks for gid 0 too). The process that tried (a setexe holder stays
 * alive) is still there to ask; if it has gone, the fields are left out
 * rather than guessed. Both as the initial namespace sees them. */
static void append_record_caps(const char *rec)
{
	static char status[2048], caps[900];
	char path[40];
	const char *v;

	if (strncmp(rec, "pid=", 4))
		return;
	strcpy(path, "/proc/");
	gu_cat(path, sizeof(path), utoa(gu_num(rec + 4, 0)));
	gu_cat(path, sizeof(path), "/status");
	if (gu_read_file(path, status, sizeof(status)) <= 0)
		return;
	v = gu_field(status, "CapEff:");
	if (!v)
		return;
	capn_format(capn_hex(v), 1, caps, sizeof(caps));
	msg_str("caps", caps);
	v = gu_field(status, "Gid:");	/* real, effective, saved, fs */
	if (v)
		msg_num("gid", gu_num(v, 0));
}

/* The kernel's "exe_link_era: era=YEAR pid= uid=" after any accepted
 * write of the era, ours or one typed in the terminal (which the page
 * would otherwise learn of only at its next hello): an `era` event. */
static void forward_era(const char *line)
{
	char *end = strchr(line, '\n');
	long long era = get_num(line, end ? end - line : (int)strlen(line), "era", 4);

	if (era < 0)
		return;
	msg_start("era");
	msg_num("era", era);
	msg_send();
}

/* /dev/kmsg gives one record per read(): "prio,seq,ts,flags;MESSAGE\n"
 * (plus " KEY=value" continuation lines). The patched kernel logs every
 * exe link attempt as "exe_link: k=v …" with values already encoded by
 * the protocol's rule; they are checked, not trusted, then forwarded.
 * Returns how many were: other records (drop_caches logs one) are no news
 * for the process list. */
static int drain_kmsg(int fd)
{
	static char rec[8192];
	int i, sent = 0;

	for (i = 0; i < 64; i++) {	/* bounded: the loop has other duties */
		long n = sys_read(fd, rec, sizeof(rec) - 1);
		char *msg, *end;

		if (n == -EPIPE)	/* records were overwritten: go on */
			continue;
		if (n <= 0)
			return sent;
		rec[n] = 0;
		/* Only the kernel's own: a line written to /dev/kmsg from user
		 * space (root can) always gets a non-zero facility (LOG_USER if
		 * it names none), so its priority field is 8 or more. */
		if (gu_num(rec, 0) >= 8)
			continue;
		msg = strchr(rec, ';');
		if (msg && !strncmp(msg + 1, "exe_link_era: ", 14)) {
			forward_era(msg + 1);
			continue;
		}
		if (!msg || strncmp(msg + 1, "exe_link: ", 10))
			continue;
		msg += 11;
		end = strchr(msg, '\n');
		if (end)
			*end = 0;
		if (!*msg || check_fields(msg - 1, 0, strlen(msg) + 1)) {
			send_garbage(msg, strlen(msg), "malformed exe_link record from the kernel");
			continue;
		}
		msg_start("exe_link ");
		gsb_str(&M, msg);
		append_record_caps(msg);
		msg_send();
		sent++;
	}
	return sent;
}

int main(int argc, char **argv)
{
	struct pollfd pfd[2];
	static char buf[512];
	long long last_rx = 0, now;
	long n, burst = 0;

	if (argc > 1)
		ctl_path = argv[1];
	if (argc > 2)
		term_path = argv[2];
	if (getpid() != 1)	/* tests outside the VM: still adopt orphans */
		gu_prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	gu_readlink("/proc/self/exe", self_exe, sizeof(self_exe));
	/* The lab's bookkeeping (answers to the page, the /proc scans) yields
	 * to what the learner types: on one emulated CPU a scan or a reply
	 * running beside a command delays its output, most visibly for the
	 * first command after a restore, which arrives with the page's hello.
	 * Nice 10 still gives the agent a tenth of a busy CPU, plenty for its
	 * replies; the shell is put back to 0 (spawn_shell). */
	gu_set_nice(AGENT_NICE);
	ctl_open();
	pfd[1].fd = kmsg_fd = sys_open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);

	msg_start("ready");
	msg_num("v", 1);
	msg_num("era", gu_era());
	msg_send();
	spawn_shell();

	for (;;) {
		pfd[0].fd = ctl_fd;
		pfd[0].events = pfd[1].events = POLLIN;
		pfd[0].revents = pfd[1].revents = 0;
		n = gu_poll(pfd, pfd[1].fd >= 0 ? 2 : 1, identity_pid ? IDENTITY_POLL_MS : SCAN_BUSY_MS);
		now = gu_monotonic_ms();
		/* Records before requests: a reply then follows every exe_link
		 * record the kernel logged before the request came, so a host
		 * can use any request to wait for the records of what it ran. */
		if (pfd[1].fd >= 0 && (pfd[1].revents & (POLLIN | POLLERR)) &&
		    drain_kmsg(pfd[1].fd) > 0)
			busy_until = now + BUSY_WINDOW_MS;
		if (n > 0 && (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			n = sys_read(ctl_fd, buf, sizeof(buf));
			if (n > 0) {
				ctl_bytes(buf, n);
				burst += n;
				last_rx = now;
			} else if (n != -EINTR && n != -EAGAIN)
				gu_sleep_ms(100);	/* never spin on a broken line */
		}
		/* After a flood (see ctl_reset) the port may be wedged with input
		 * pending; once it has been quiet for 300 ms, reset it. */
		if (now - last_rx > 300) {
			if (burst > 16384)
				ctl_reset();
			burst = 0;
		}
		reap();
		identity_tick();
		/* The idle period also catches what no task count shows (a
		 * rename, a setuid). */
		if (now - last_scan >= scan_every && now >= busy_until && tasks_changed())
			busy_until = now + BUSY_WINDOW_MS;
		if (now - last_scan >= (now < busy_until ? scan_every : SCAN_IDLE_MS)) {
			now = gu_monotonic_ms();
			if (emit_procs() < 0)
				continue;	/* forward the record first */
			last_scan = gu_monotonic_ms();
			scan_every = (last_scan - now) * 12;
			scan_every = scan_every < SCAN_BUSY_MS ? SCAN_BUSY_MS
				   : scan_every > SCAN_IDLE_MS ? SCAN_IDLE_MS : scan_every;
		}
	}
}
