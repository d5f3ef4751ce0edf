// The guest outlives what a shell in it can do to it: full file systems, a memory hog, a fork bomb,
// and says so when root took away what a shell needs.
import { describe, expect, it } from "vitest";
import type { Identity } from "../../app/core/protocol";
import { guestForFile, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile((g) => (guest = g));

// Root with the lesson's capabilities: it owns /, /root, /dev and /mnt/noexec, and CAP_SYS_RESOURCE
// (which lifts some limits elsewhere) does not lift a tmpfs's size.
const ROOT: Identity = { uid: 0, caps: ["cap_sys_admin", "cap_sys_resource"], userns: false };
const LEARNER: Identity = { uid: 1000, caps: [], userns: false };

/** Writes up to 64 MB (twice the guest's memory) into `file`; returns what dd said and its status. */
async function fill(file: string): Promise<{ said: string; status: number }> {
  const { output } = await guest.run(
    `dd if=/dev/zero of=${file} bs=64k count=1024 2>&1; echo "dd=$?"`,
    60_000,
  );
  const status = Number(/dd=(\d+)/.exec(output)?.[1]);
  return { said: output, status };
}

/** Free memory in KB, as the kernel counts it. */
async function freeKb(): Promise<number> {
  const { output } = await guest.run("grep MemFree /proc/meminfo");
  return Number(/(\d+)/.exec(output)?.[1]);
}

/** The agent still answers, and so does the shell. */
async function stillAlive(): Promise<void> {
  await guest.agent.request({ type: "hello" }, 5000);
  expect((await guest.run("echo alive")).output).toBe("alive\n");
}

describe("a shell cannot run the guest out of memory through the file systems it is given", () => {
  it("an ordinary user filling /tmp and their home gets 'No space left on device'", async () => {
    await guest.applyIdentity(LEARNER);
    const before = await freeKb();
    for (const file of ["/tmp/big", "/home/learner/big"]) {
      const { said, status } = await fill(file);
      expect(status, said).toBe(1);
      expect(said).toContain("No space left on device");
    }
    // Both full at once leave most of the memory free: the kernel, the agent and new shells need it.
    expect(await freeKb()).toBeGreaterThan(before - 10 * 1024);
    await stillAlive();
    await guest.run("rm /tmp/big /home/learner/big");
  }, 120_000);

  it("/tmp holds three copies of a program, the first experiment's material", async () => {
    await guest.applyIdentity(LEARNER);
    const { output } = await guest.run(
      "for i in 1 2 3; do cp /bin/busybox /tmp/copy$i || break; done; ls /tmp | grep -c copy; rm -f /tmp/copy*",
    );
    expect(output.trim()).toBe("3");
  });

  it("so does root filling every file system it may write", async () => {
    await guest.applyIdentity(ROOT);
    for (const file of ["/tmp/big", "/root/big", "/dev/big", "/mnt/noexec/big"]) {
      const { said, status } = await fill(file);
      expect(status, said).toBe(1);
      expect(said).toContain("No space left on device");
      await guest.run(`rm ${file}`);
    }
    // Many empty files cost memory too: each file system also has a file count.
    const { output } = await guest.run(
      "i=0; while [ $i -lt 5000 ] && touch /tmp/f$i 2>/dev/null; do i=$((i+1)); done; echo made=$i",
      120_000,
    );
    expect(Number(/made=(\d+)/.exec(output)?.[1])).toBeLessThan(5000);
    await guest.run("rm -f /tmp/f*");
    await stillAlive();
  }, 240_000);

  it("a process that takes all memory is killed, not the guest, even with /tmp and home full", async () => {
    await guest.applyIdentity(LEARNER);
    for (const full of [false, true]) {
      if (full) for (const file of ["/tmp/big", "/home/learner/big"]) await fill(file);
      const { output } = await guest.run(`awk 'BEGIN { s = "x"; while (1) s = s s }'; echo "awk=$?"`, 60_000);
      expect(output).toContain("Killed");
      expect(output).toContain("awk=137");
      await stillAlive();
    }
    await guest.run("rm /tmp/big /home/learner/big");
  }, 180_000);

  it("a fork bomb runs out of processes, as root too, and the guest goes on", async () => {
    for (const identity of [LEARNER, ROOT]) {
      const shell = await guest.applyIdentity(identity);
      const from = guest.events.length;
      const said = guest.console.length;
      // Some 10 s on a quiet machine, but 94 s once in a full CI run: the bomb's hundreds of forks
      // are all emulated work, and the other suites take the same two cores.
      const ran = guest.run("bomb() { bomb | bomb & }; bomb; sleep 5", 240_000);
      ran.catch(() => {});
      // Root has no process limit but the kernel's (some 500 tasks in 32 MB): memory may run out
      // first, and the kernel may then kill the shell itself. Either way the guest goes on.
      const replaced = guest
        .waitForEvent("identity", (e) => e.pid !== shell.pid, from, 240_000)
        .then(() => undefined);
      replaced.catch(() => {});
      const outcome = await Promise.race([ran, replaced]);
      if (outcome) expect(outcome.output).toContain("can't fork");
      else {
        expect(identity).toBe(ROOT);
        expect(guest.console.slice(said)).toContain("shell was killed (SIGKILL");
      }
      await stillAlive();
    }
  }, 600_000);

  it("a shell killed outright is replaced with a word on why that may be", async () => {
    await guest.applyIdentity(LEARNER);
    const from = guest.console.length;
    const fromEvents = guest.events.length;
    /** Kills the shell; resolves once its successor reads the terminal (keys typed before are lost). */
    const killShell = async () => {
      const at = guest.events.length;
      const said = guest.console.length;
      guest.session.sendConsole(new TextEncoder().encode("kill -9 $$\n"));
      await guest.waitForEvent("identity", () => true, at);
      // The successor's prompt, not only its start: keys sent between the two were lost once (CI).
      await guest.waitFor("the new shell's prompt", () =>
        /new shell: [\s\S]*\$ /.test(guest.console.slice(said)) ? true : undefined,
      );
    };
    // As the kernel's out-of-memory killer does (a learner's own tmpfs mount in a user namespace can
    // still fill memory: only the shell and its jobs die, and the agent starts a new shell).
    await killShell();
    const notes = guest.console.slice(from).replace(/\r?\n {5}/g, " ");
    expect(/---- (shell [^\n]*new shell)/.exec(notes)?.[1]).toMatch(
      /^shell was killed \(SIGKILL: by kill -9, or by the kernel when memory ran out/,
    );
    await stillAlive();
    // Shells that ran and then ended, twice within seconds, are not "failing to start".
    await killShell();
    await stillAlive();
    expect(guest.events.slice(fromEvents).filter((e) => e.type === "shell_failing")).toEqual([]);
  }, 60_000);

  // Last: it leaves the guest with no shell.
  it("a shell that cannot start (root removed /bin/sh) is reported, not left silent", async () => {
    await guest.applyIdentity(ROOT);
    const from = guest.events.length;
    await guest.run("rm /bin/sh");
    // The new shell's runas finds no /bin/sh: each dies at once, and the agent says so.
    const asked = Date.now();
    await guest.agent.request({ type: "shell", identity: LEARNER });
    const failing = await guest.waitForEvent("shell_failing", () => true, from, 30_000);
    // The second death in a row, 2 s after the first: the count starts afresh with the request.
    expect(failing).toMatchObject({ deaths: 2, retry: 4 });
    expect(Date.now() - asked).toBeGreaterThan(1500);
    expect(failing.status).toBeGreaterThan(0);
  }, 60_000);
});
