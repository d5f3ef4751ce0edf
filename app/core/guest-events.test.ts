// How the agent's events land in the stores: a process list cut short is said to be, and hides nothing.
import { describe, expect, it } from "vitest";
import { exeLinkRecord } from "./exe-link-record.fixture";
import { guestEventSink } from "./guest-events";
import type { Attempt, IdentityState, ProcView } from "./lab-types";
import type { GuestEvent, ProcEntry } from "./protocol";
import { Store } from "./store";

const entry = (pid: number, exe: string): ProcEntry => ({
  pid,
  ppid: 1,
  uid: 1000,
  comm: "setexe-holder",
  exe,
  flag: "anon",
});

function sink() {
  const stores = {
    attempts: new Store<Attempt[]>([]),
    procs: new Store<ProcView[]>([]),
    procsLeftOut: new Store(0),
    identity: new Store<IdentityState>({
      requested: { uid: 1000, caps: [], userns: false },
      applying: false,
    }),
    learnerFiles: new Store(false),
  };
  return { stores, on: guestEventSink(stores, { now: () => 1000, followKernel: () => {} }) };
}

describe("guestEventSink", () => {
  it("keeps the count of processes the agent left out of its list", () => {
    const { stores, on } = sink();
    on({ type: "procs", list: [entry(30, "/usr/bin/setexe")], more: 37 });
    expect(stores.procsLeftOut.get()).toBe(37);
    on({ type: "procs", list: [entry(30, "/usr/bin/setexe")], more: 0 });
    expect(stores.procsLeftOut.get()).toBe(0);
  });

  it("remembers the change of a process left out of a full list, for when it is listed again", () => {
    const { stores, on } = sink();
    on({ type: "exe_link", record: exeLinkRecord({ pid: 30 }) });
    // Pid 30 fell off a full list: it may still run, its change is kept.
    on({ type: "procs", list: [entry(31, "/usr/bin/setexe")], more: 5 });
    on({ type: "procs", list: [entry(30, "/usr/sbin/sshd")], more: 0 });
    expect(stores.procs.get()[0]).toMatchObject({ pid: 30, previousExe: "/usr/bin/setexe" });
    // Missing from a whole list, it is gone: a new process with its pid is not said to have changed.
    on({ type: "procs", list: [], more: 0 });
    on({ type: "procs", list: [entry(30, "/usr/sbin/sshd")], more: 0 });
    expect(stores.procs.get()[0].previousExe).toBeUndefined();
  });
});

describe("a process's second change", () => {
  it("is marked, once the page has seen the same process change its link before", () => {
    const { stores, on } = sink();
    on({
      type: "exe_link",
      record: exeLinkRecord({ pid: 30, result: "EPERM", check: "ns_checkpoint_restore" }),
    });
    on({ type: "exe_link", record: exeLinkRecord({ pid: 30 }) });
    on({ type: "exe_link", record: exeLinkRecord({ pid: 30 }) });
    on({ type: "exe_link", record: exeLinkRecord({ pid: 31 }) });
    // A refusal changes nothing: the first success is the first change, the next one again.
    expect(stores.attempts.get().map((a) => a.again ?? false)).toEqual([false, false, true, false]);
  });

  it("is not seen in a fresh guest, whose processes reuse the last one's pids", () => {
    const { stores, on } = sink();
    on({ type: "exe_link", record: exeLinkRecord({ pid: 30 }) });
    on.forgetGuest();
    on({ type: "exe_link", record: exeLinkRecord({ pid: 30 }) });
    expect(stores.attempts.get().map((a) => a.again ?? false)).toEqual([false, false]);
    // The first guest's attempt is marked as of a guest since replaced; the new one's is not.
    expect(stores.attempts.get().map((a) => a.earlierGuest ?? false)).toEqual([true, false]);
  });
});

describe("an attempt's shell", () => {
  it("is the shell the guest reported when the record came, kept as the shell changes after", () => {
    const { stores, on } = sink();
    on({ type: "exe_link", record: exeLinkRecord({ pid: 30 }) });
    const user = { pid: 80, uid: 1000, gid: 1000, caps: [], userns: false };
    stores.identity.set({ ...stores.identity.get(), actual: user });
    on({ type: "exe_link", record: exeLinkRecord({ pid: 31 }) });
    stores.identity.set({ ...stores.identity.get(), actual: { ...user, pid: 90, uid: 0, gid: 0 } });
    expect(stores.attempts.get().map((a) => a.shellThen)).toEqual([undefined, user]);
  });
});

describe("the learner's files", () => {
  it("are said to exist, and to be gone again, as the agent reports", () => {
    const { stores, on } = sink();
    on({ type: "files", written: true });
    expect(stores.learnerFiles.get()).toBe(true);
    on({ type: "files", written: false });
    expect(stores.learnerFiles.get()).toBe(false);
  });
});

describe("an Apply identity that timed out", () => {
  const shell = (pid: number, uid: number): GuestEvent => ({
    type: "identity",
    pid,
    uid,
    gid: uid,
    caps: [],
    userns: false,
    nsUid: uid,
    nsGid: uid,
  });

  it("is taken back when a new shell as asked arrives late (a busy guest), not by the old one", () => {
    const { stores, on } = sink();
    on(shell(19, 1000));
    stores.identity.update((s) => ({ ...s, requested: { uid: 0, caps: [], userns: false } }));
    stores.identity.update((s) => ({
      ...s,
      error: 'the guest did not answer "shell" within 5000 ms',
      errorPending: true,
    }));
    // The heartbeat repeats the old shell: still not applied.
    on(shell(19, 1000));
    expect(stores.identity.get().error).toBeDefined();
    // Another shell, but not as asked (it exited and came back as before): still not applied.
    on(shell(20, 1000));
    expect(stores.identity.get().error).toBeDefined();
    on(shell(21, 0));
    expect(stores.identity.get().error).toBeUndefined();
  });

  it("is kept when the new shell lacks a capability asked for, or the error was no timeout", () => {
    const { stores, on } = sink();
    on(shell(19, 1000));
    stores.identity.update((s) => ({
      ...s,
      requested: { uid: 1000, caps: ["cap_sys_admin"], userns: false },
      error: 'the guest did not answer "shell" within 5000 ms',
      errorPending: true,
    }));
    // The learner typed exit: the old identity came back, with no capabilities.
    on(shell(20, 1000));
    expect(stores.identity.get().error).toBeDefined();
    on({ ...shell(21, 1000), caps: ["cap_sys_admin"] } as GuestEvent);
    expect(stores.identity.get()).toMatchObject({ error: undefined, errorPending: undefined });
    // Worded like a timeout, but not one.
    stores.identity.update((s) => ({ ...s, error: 'EAGAIN: the guest did not answer "shell"' }));
    on({ ...shell(22, 1000), caps: ["cap_sys_admin"] } as GuestEvent);
    expect(stores.identity.get().error).toBe('EAGAIN: the guest did not answer "shell"');
  });
});

describe("names and paths from the guest", () => {
  it("show hidden and text-reversing characters as escapes, in the list and in attempts", () => {
    const { stores, on } = sink();
    const rlo = "/tmp/\u202edhss";
    on({ type: "procs", list: [{ ...entry(30, rlo), comm: "\u202edhss\n" }], more: 0 });
    expect(stores.procs.get()[0]).toMatchObject({ exe: "/tmp/\\u{202e}dhss", comm: "\\u{202e}dhss\\u{a}" });
    on({ type: "exe_link", record: exeLinkRecord({ pid: 30, comm: "\u200bsetexe", new: rlo }) });
    expect(stores.attempts.get()[0].record).toMatchObject({
      comm: "\\u{200b}setexe",
      new: "/tmp/\\u{202e}dhss",
    });
    expect(stores.procs.get()[0].exe).toBe("/tmp/\\u{202e}dhss");
  });
});

describe("a shell that dies as it starts", () => {
  it("is noted from the agent's shell_failing, until a shell runs again", () => {
    const { stores, on } = sink();
    on({ type: "shell_failing", deaths: 2, status: 127, retry: 4 });
    expect(stores.identity.get().failing).toEqual({ deaths: 2, status: 127, retry: 4 });
    on({
      type: "identity",
      pid: 40,
      uid: 1000,
      gid: 1000,
      caps: [],
      userns: false,
      nsUid: 1000,
      nsGid: 1000,
    });
    expect(stores.identity.get().failing).toBeUndefined();
  });
});
