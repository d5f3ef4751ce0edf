// What the lab keeps from the guest between requests: the terminal's jobs, and what a busy guest costs.
import { describe, expect, it, vi } from "vitest";
import { fakeSession, freshGuests, type FakeGuest } from "./fake-guest.fixture";
import { createLab } from "./lab";
import { parseManifest } from "./manifest";
import { manifestJson } from "./manifest.fixture";
import { encodeValue, formatProcList, type ProcEntry } from "./protocol";

const manifest = parseManifest(manifestJson);
const proc = (pid: number, ppid: number, comm: string): ProcEntry => ({
  pid,
  ppid,
  uid: 1000,
  comm,
  exe: `/usr/bin/${comm}`,
  flag: "-",
});

describe("a terminal resized while the guest is too busy to answer", () => {
  it("is no problem to report: the request is applied late, not lost", async () => {
    const guest = fakeSession({ silent: false, announceReady: false, unanswered: ["winsize"] });
    const lab = createLab({ manifest, launcher: { start: async () => guest.session } });
    await lab.start();
    vi.useFakeTimers();
    try {
      lab.resizeTerminal(30, 100);
      await vi.advanceTimersByTimeAsync(6000);
      expect(guest.log).toContain("request winsize");
      expect(lab.problems.get()).toEqual([]);
    } finally {
      vi.useRealTimers();
      lab.dispose();
    }
  });
});

describe("the terminal's jobs", () => {
  it("are what the shell the agent named runs, by the guest's last report", async () => {
    const guest = fakeSession({ silent: false, announceReady: false });
    const lab = createLab({ manifest, launcher: { start: async () => guest.session } });
    await lab.start();
    const report = (list: ProcEntry[]) => guest.say(`procs list=${encodeValue(formatProcList(list))}`);
    const idle = [proc(1, 0, "exelab-agent"), proc(19, 1, "sh"), proc(25, 1, "setexe-holder")];
    report([...idle, proc(31, 19, "vi")]);
    // Not before the agent has said which process is the terminal's shell.
    expect(lab.terminalJobs()).toEqual([]);
    guest.say("identity pid=19 uid=1000 gid=1000 caps= userns=0 nsuid=1000 nsgid=1000");
    expect(lab.terminalJobs().map((p) => p.comm)).toEqual(["vi"]);
    report(idle);
    expect(lab.terminalJobs()).toEqual([]);
    lab.dispose();
  });

  it("are forgotten with the guest: a fresh one (a reboot, Start over) starts with no process list", async () => {
    const guests = [
      fakeSession({ silent: false, announceReady: false }),
      fakeSession({ silent: false, announceReady: false }),
    ];
    // What the page shows as the next guest starts: the list then in the store.
    const whenStarting: number[] = [];
    const lab = createLab({
      manifest,
      launcher: {
        start: async () => {
          whenStarting.push(lab.procs.get().length + lab.procsLeftOut.get());
          return guests[0].session;
        },
      },
    });
    await lab.start();
    guests[0].say(
      `procs list=${encodeValue(formatProcList([proc(1, 0, "exelab-agent"), proc(19, 1, "sh")]))} more=2`,
    );
    expect(lab.procs.get()).toHaveLength(2);
    guests.shift();
    await lab.start();
    expect(whenStarting).toEqual([0, 0]);
    lab.dispose();
  });
});

describe("the learner's files", () => {
  it("are the running guest's, as it last reported them, and a fresh guest has none", async () => {
    const guests = [
      fakeSession({ silent: false, announceReady: false }),
      fakeSession({ silent: false, announceReady: false }),
    ];
    const lab = createLab({ manifest, launcher: { start: async () => guests[0].session } });
    await lab.start();
    expect(lab.hasLearnerFiles()).toBe(false);
    guests[0].say("files written=1");
    expect(lab.hasLearnerFiles()).toBe(true);
    guests[0].say("files written=0");
    expect(lab.hasLearnerFiles()).toBe(false);
    guests[0].say("files written=1");
    // Start over: the files went with the last guest.
    guests.shift();
    await lab.start();
    expect(lab.hasLearnerFiles()).toBe(false);
    lab.dispose();
  });
});

describe("a fresh guest (Start over)", () => {
  it("does not inherit the last guest's problems", async () => {
    const guests: FakeGuest[] = [];
    const lab = createLab({ manifest, launcher: freshGuests(guests) });
    await lab.start();
    guests[0].say("gibberish x=1");
    await vi.waitFor(() => expect(lab.problems.get()).toHaveLength(1));
    await lab.retry();
    expect(lab.status.get().phase).toBe("ready");
    expect(lab.problems.get()).toEqual([]);
    lab.dispose();
  });
});
