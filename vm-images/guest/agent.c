/* exelab-agent - PID 1 of the guest and the guest side of the control
 * protocol specified in app/core/protocol.ts, spoken on /dev/ttyS1.
 *
 * One poll() loop, never blocking for long: requests from the host, exe_link
 * records from /dev/kmsg (forwarded as events), reaping (as PID 1 it
 * inherits every orphan), the terminal's shell on /dev/ttyS0, and a /proc
 * scan that emits `procs` when the list changed (every 200 ms while tasks
 * come and go, every 2 s in an idle guest: SCAN_BUSY_MS, SCAN_IDLE_MS). The kernel
 * delivers no signal to PID 1 without a handler, and the only handlers are
 * for reboot, halt and poweroff (take_shutdown_signals): the agent only
 * ends if it crashes, which would panic the kernel, so every input is
 * treated as hostile and every buffer is bounded.
 *
 * Usage: exelab-agent [CONTROL_TTY [TERMINAL_TTY]]  (defaults /dev/ttyS1,
 * /dev/ttyS0; other paths are for tests outside the VM).
 */
#include <asm/termbits.h>
#include <linux/random.h>	/* RNDADDENTROPY */
#include "capnames.h"
#include "guestutil.h"
#include "kmsg-notice.h"
#include "termwrap.h"

#include "agent-proto.inc"
#include "agent-procs.inc"
#include "agent-ids.inc"
#include "agent-notes.inc"
#include "agent-shell.inc"
#include "agent-upkeep.inc"
#include "agent-files.inc"
#include "agent-requests.inc"
#include "agent-kmsg.inc"

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
		 * event of the shell that was running: send it again. And the
		 * files count's word, which a host not yet listening missed
		 * (its heartbeat's hellos bring it within seconds). */
		if (shell_pid) {
			identity_pid = shell_pid;
			identity_if_changed = 0;
		}
		files_say();
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
	else if (IS("seed"))
		req_seed(l, len);
	else if (IS("winsize"))
		req_winsize(l, len);
	else if (IS("dropcaches"))
		req_dropcaches();
	else if (IS("interrupt"))
		req_interrupt(l, len);
	else
		reply_err("ENOSYS", "unknown request type");
#undef IS
}

/* busybox's reboot, halt and poweroff (without -f) ask PID 1 to do it, by
 * SIGTERM, SIGUSR1 and SIGUSR2 as busybox's own init takes them. The kernel
 * drops any signal to PID 1 that has no handler, so these get one, which
 * only notes the request: the main loop acts on it. Who may send them is the
 * kernel's usual check, as for any init: a shell whose uid is 0 as the
 * initial namespace sees it may (PID 1's uid), even as root of a namespace
 * of its own; uid 1000 may not, nor a namespace's root mapped to it.
 * Nothing is written back first: every file system is in memory. The
 * kernel then tells the host (exelab_host.c), which starts a fresh guest
 * after a reboot. */
static volatile unsigned int shutdown_cmd;

static void on_shutdown_signal(int sig)
{
	shutdown_cmd = sig == SIGTERM ? LINUX_REBOOT_CMD_RESTART :
		       sig == SIGUSR1 ? LINUX_REBOOT_CMD_HALT :
					LINUX_REBOOT_CMD_POWER_OFF;
}

/* A handler returns through rt_sigreturn. The i386 kernel would otherwise
 * send it to the vDSO's copy; this binary names its own (SA_RESTORER). It
 * fits only the frame SA_SIGINFO asks for: without it the kernel builds the
 * old frame, whose sigreturn is another call (a mismatch here restored a
 * null CS, which v86 does not survive). */
#define AGENT_STR_(x) #x
#define AGENT_STR(x) AGENT_STR_(x)
void agent_sigreturn(void);
__asm__(".text\n"
	"agent_sigreturn:\n\t"
	"movl $" AGENT_STR(__NR_rt_sigreturn) ", %eax\n\t"
	"int $0x80\n");

static void take_shutdown_signals(void)
{
	/* The i386 kernel's struct sigaction: handler, flags, restorer, and
	 * a 64-bit mask (hence the size 8 below), nothing blocked. */
	const struct {
		void (*handler)(int);
		unsigned long flags;
		void (*restorer)(void);
		unsigned int mask[2];
	} act = { on_shutdown_signal, SA_SIGINFO | SA_RESTORER, agent_sigreturn, { 0, 0 } };

	my_syscall4(__NR_rt_sigaction, SIGTERM, &act, 0, 8);
	my_syscall4(__NR_rt_sigaction, SIGUSR1, &act, 0, 8);
	my_syscall4(__NR_rt_sigaction, SIGUSR2, &act, 0, 8);
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
	take_shutdown_signals();
	pfd[1].fd = kmsg_fd = sys_open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);

	msg_start("ready");
	msg_num("v", 1);
	msg_num("era", gu_era());
	msg_send();
	files_start();
	spawn_shell();

	for (;;) {
		pfd[0].fd = ctl_fd;
		pfd[0].events = pfd[1].events = POLLIN;
		pfd[0].revents = pfd[1].revents = 0;
		n = gu_poll(pfd, pfd[1].fd >= 0 ? 2 : 1, identity_pid ? IDENTITY_POLL_MS : SCAN_BUSY_MS);
		now = gu_monotonic_ms();
		if (shutdown_cmd) {
			unsigned int cmd = shutdown_cmd;

			shutdown_cmd = 0;
			reboot(cmd);	/* returns only if refused */
		}
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
		upkeep(now, last_rx);
		era_note_tick(now);
		files_tick(now);
		/* The idle period also catches what no task count shows (a
		 * rename, a setuid). */
		if (now - last_scan >= scan_every && now >= busy_until && tasks_changed())
			busy_until = now + BUSY_WINDOW_MS;
		if (now - last_scan >= (now < busy_until ? scan_every : SCAN_IDLE_MS)) {
			now = gu_monotonic_ms();
			if (emit_procs() < 0)
				continue;	/* forward the record first */
			last_scan = gu_monotonic_ms();
			/* The shell may have become another identity with no new
			 * shell to report (`exec runas …`, `exec unshare -r sh`):
			 * look again, and say it if it changed. */
			if (shell_pid && !identity_pid) {
				identity_pid = shell_pid;
				identity_if_changed = 1;
				identity_tick();
			}
			scan_every = (last_scan - now) * 12;
			scan_every = scan_every < SCAN_BUSY_MS ? SCAN_BUSY_MS
				   : scan_every > SCAN_IDLE_MS ? SCAN_IDLE_MS : scan_every;
		}
	}
}
