// What the page says follows what the guest does, against stand-in guests: failures, cold boots, eras.
import { describe, expect, it, vi } from "vitest";
import { fakeSession, freshGuests, type FakeGuest } from "./fake-guest.fixture";
import { createLab, type LabOptions } from "./lab";
import type { LoadStatus } from "./lab-types";
import { parseManifest } from "./manifest";
import { manifestJson } from "./manifest.fixture";

const manifest = parseManifest(manifestJson);
const EXE_LINK =
  "exe_link pid=40 comm=setexe op=map uid=0 euid=0 userns=initial check=uid_gid_root result=EINVAL old=/usr/bin/setexe new=/bin/busybox";

/** A lab whose every start gets `guest`, with `options` beside the manifest and launcher. */
const labOn = (guest: FakeGuest, options: Omit<LabOptions, "manifest" | "launcher"> = {}) =>
  createLab({ manifest, launcher: { start: async () => guest.session }, ...options });

describe("when no emulator can start", () => {
  it("the terminal says so, never that Linux boots, and hides its cursor until Retry", async () => {
    const broken = () => {
      const guest = fakeSession({ silent: true, announceReady: false });
      guest.session.whenLoaded = () => Promise.reject(new Error("v86.wasm: 404"));
      return guest.session;
    };
    let ok = false;
    const working = fakeSession({ silent: false, announceReady: true });
    const lab = createLab({
      manifest,
      launcher: { start: async () => (ok ? working.session : broken()) },
    });
    let text = "";
    lab.onTerminalOutput((bytes) => (text += new TextDecoder().decode(bytes)));
    await lab.start();
    expect(lab.status.get()).toMatchObject({ phase: "error", error: "v86.wasm: 404" });
    expect(text).not.toMatch(/booting Linux/);
    expect(text).toMatch(/the guest could not start \(v86\.wasm: 404\)/);
    expect(text.endsWith("\u001b[?25l")).toBe(true);
    lab.sendTerminalInput("ls\r");
    ok = true;
    text = "";
    await lab.retry();
    expect(text.startsWith("\u001b[?25h")).toBe(true);
    expect(lab.status.get()).toMatchObject({ phase: "ready", live: true });
    // Nothing read the keys typed into the failed screen.
    expect(working.typed).toEqual([]);
    lab.dispose();
  });
});

describe("a cold boot", () => {
  it("says why without a percentage, which would only measure the downloads", async () => {
    const guest = fakeSession({ silent: false, announceReady: true });
    const lab = labOn(guest, { coldBoot: true });
    const seen: LoadStatus[] = [];
    lab.status.subscribe((s) => seen.push(s));
    await lab.start();
    const booting = seen.filter((s) => s.phase === "booting");
    expect(booting.length).toBeGreaterThan(0);
    for (const s of booting) {
      expect(s.progress).toBeUndefined();
      expect(s.detail).toBe("Booting Linux — cold boot: the saved state was turned off (cold=1)");
    }
    lab.dispose();
  });

  it("after a failed restore says Linux boots only once the emulator runs", async () => {
    const restored = fakeSession({ silent: true, announceReady: false });
    restored.session.whenLoaded = () => Promise.reject(new Error("Invalid header"));
    const cold = fakeSession({ silent: false, announceReady: true });
    let loaded = () => {};
    cold.session.whenLoaded = () => new Promise<void>((resolve) => (loaded = resolve));
    const lab = createLab({
      manifest,
      launcher: { start: async (mode) => (mode === "restore" ? restored.session : cold.session) },
    });
    let text = "";
    lab.onTerminalOutput((bytes) => (text += new TextDecoder().decode(bytes)));
    const started = lab.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(text).not.toMatch(/booting Linux/);
    expect(lab.status.get().phase).not.toBe("booting");
    loaded();
    await started;
    expect(text).toMatch(/could not be restored \(Invalid header\); booting Linux/);
    lab.dispose();
  });

  it("that fails after a failed restore names the restore's failure too (a site without its vm/ folder)", async () => {
    const failing = (message: string) => {
      const guest = fakeSession({ silent: true, announceReady: false });
      guest.session.whenLoaded = () => Promise.reject(new Error(message));
      return guest.session;
    };
    const lab = createLab({
      manifest,
      launcher: {
        start: async (mode) =>
          failing(
            mode === "restore"
              ? "could not download state.bin.zst: HTTP 404"
              : "could not download kernel: HTTP 404",
          ),
      },
    });
    await lab.start();
    expect(lab.status.get()).toMatchObject({
      phase: "error",
      error: "could not download kernel: HTTP 404",
      fallbackReason: "the saved state could not be restored (could not download state.bin.zst: HTTP 404)",
    });
    lab.dispose();
  });
});

describe("the era the page shows", () => {
  it("follows an era set inside the guest, from the kernel's own records", async () => {
    const guest = fakeSession({ silent: false, announceReady: false });
    const lab = labOn(guest);
    await lab.start();
    guest.say(`${EXE_LINK} era=2012`);
    expect(lab.era.get()).toEqual({ current: 2012, switching: false });
    expect(lab.attempts.get().at(-1)?.record.era).toBe(2012);
    lab.dispose();
  });

  it("follows the kernel's era in the agent's heartbeat, before any attempt", async () => {
    const guest = fakeSession({ silent: false, announceReady: false });
    const lab = labOn(guest, { heartbeat: { everyMs: 5, timeoutMs: 1000, misses: 2 } });
    await lab.start();
    guest.setKernelEra(2016);
    await new Promise<void>((resolve) => lab.era.subscribe(() => resolve()));
    expect(lab.era.get().current).toBe(2016);
    lab.dispose();
  });

  it("chosen while a reboot replaces the guest is the fresh guest's, with no error", async () => {
    const guests = [
      fakeSession({ silent: false, announceReady: false }),
      fakeSession({ silent: false, announceReady: false }),
    ];
    // Once its kernel has restarted the machine, the old guest reads no more requests.
    let gone = false;
    const transport = guests[0].session.controlTransport;
    guests[0].session.controlTransport = () => {
      const t = transport();
      return { ...t, send: (bytes) => (gone ? undefined : t.send(bytes)) };
    };
    let n = 0;
    const lab = createLab({ manifest, launcher: { start: async () => guests[n++].session } });
    await lab.start();
    gone = true;
    guests[0].emitEnd({ why: "its kernel restarted the machine", kernel: "restart", restart: true });
    // Clicked before the page has noticed: the request goes to a guest that will never answer.
    await lab.setEra(2012);
    await vi.waitFor(() => expect(lab.era.get().switching).toBe(false));
    expect(guests[1].log).toContain("request era");
    expect(lab.era.get()).toEqual({ current: 2012, switching: false });
    expect(lab.status.get().phase).toBe("ready");
    lab.dispose();
  });

  it("gives a guest being set up an era chosen meanwhile, and ends the switch", async () => {
    const chosen: { now?: () => void } = {};
    const guest = fakeSession({
      silent: false,
      announceReady: false,
      // The clock is the set-up's first request: the era is chosen as it is answered.
      afterReply: (type) => {
        if (type === "clock") chosen.now?.();
      },
    });
    const lab = labOn(guest);
    chosen.now = () => void lab.setEra(2012);
    await lab.start();
    expect(guest.log).toContain("request era");
    expect(lab.era.get()).toEqual({ current: 2012, switching: false });
    lab.dispose();
  });

  it("does not send the followed era back to the guest", async () => {
    const guest = fakeSession({ silent: false, announceReady: false });
    const lab = labOn(guest);
    await lab.start();
    guest.say(`${EXE_LINK} era=2014`);
    expect(guest.log).not.toContain("request era");
    lab.dispose();
  });

  it("asks the guest to say in the terminal an era the learner chose, not one it is given", async () => {
    const guest = fakeSession({ silent: false, announceReady: false });
    const lab = labOn(guest);
    await lab.start();
    lab.setTypedLineSource(() => ({ text: "echo a long line", head: "", row: 2 }));
    await lab.setEra(2016);
    // The rows the line editor moves up to draw the typed line again, under the note.
    expect(guest.log).toContain("request era say up=2");
    expect(guest.log).not.toContain("request era");
    lab.dispose();
  });
});

describe("a guest whose kernel ends", () => {
  const until = async (test: () => boolean) => {
    for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(test()).toBe(true);
  };

  it("after a reboot starts a fresh guest, and says so; a second reboot just after is a loop, and stops", async () => {
    const guests: FakeGuest[] = [];
    const lab = createLab({ manifest, launcher: freshGuests(guests) });
    let text = "";
    lab.onTerminalOutput((bytes) => (text += new TextDecoder().decode(bytes)));
    await lab.start();
    guests[0].emitEnd({ why: "its kernel restarted the machine", kernel: "restart", restart: true });
    await until(() => guests.length === 2 && lab.status.get().phase === "ready");
    expect(guests[0].log).toContain("dispose");
    expect(text).toMatch(
      /\[exelab: its kernel restarted the machine; a fresh guest starts from the saved state \(files written since are gone\)\]/,
    );
    // Put back first, whatever the old guest left on (vi's screen, line-drawing characters).
    const note = text.indexOf("[exelab: its kernel restarted");
    expect(text.lastIndexOf("\u001b[?1047l", note)).toBeGreaterThan(-1);
    expect(text.lastIndexOf("\u001b(B", note)).toBeGreaterThan(text.lastIndexOf("\u001b(0", note));
    guests[1].emitEnd({ why: "the machine was reset", restart: true });
    await until(() => lab.status.get().phase === "error");
    expect(guests).toHaveLength(2);
    expect(lab.status.get().error).toBe(
      "the machine was reset, again just after it started: no fresh guest (a reboot loop?)",
    );
    // Start over counts afresh: one quick reboot of the next guest gets a fresh one again.
    await lab.retry();
    guests[2].emitEnd({ why: "its kernel restarted the machine", kernel: "restart", restart: true });
    await until(() => guests.length === 4 && lab.status.get().phase === "ready");
    lab.dispose();
  });

  it("that reboots while a new shell is asked for ends that wait, not after the prompt's time limit", async () => {
    const guests: FakeGuest[] = [];
    const lab = createLab({
      manifest,
      promptTimeoutMs: 60_000,
      launcher: {
        start: async () => {
          // The first guest's new shell never shows its prompt; the fresh guest's does.
          const fresh = guests.length > 0;
          const guest: FakeGuest = fakeSession({
            silent: false,
            announceReady: false,
            afterReply: (type) => {
              if (fresh && type === "shell")
                guest.emitConsole("\r\n---- new shell: uid 0 ----\r\n[uid 0] ~ # ");
            },
          });
          guests.push(guest);
          return guest.session;
        },
      },
    });
    await lab.start();
    // The agent says yes to the new shell, whose prompt never comes: the guest reboots first.
    let applied = false;
    void lab.applyIdentity({ uid: 0, caps: [], userns: false }).then(() => (applied = true));
    guests[0].emitEnd({ why: "its kernel restarted the machine", kernel: "restart", restart: true });
    await until(() => applied && lab.status.get().phase === "ready");
    expect(lab.identity.get().applying).toBe(false);
    lab.dispose();
  });

  it("that halts is given up at once, without waiting for the heartbeat", async () => {
    const guest = fakeSession({ silent: false, announceReady: false });
    const lab = labOn(guest, { heartbeat: { everyMs: 60_000, timeoutMs: 1000, misses: 2 } });
    await lab.start();
    guest.emitEnd({ why: "its kernel halted the machine", kernel: "halt" });
    await until(() => lab.status.get().phase === "error");
    expect(lab.status.get().error).toBe("its kernel halted the machine");
    lab.dispose();
  });
});

describe("an identity the guest did not confirm in time", () => {
  it("is marked as a timeout (a busy guest may still carry it out), unlike other failures", async () => {
    const options = { silent: false, announceReady: false };
    const guest = fakeSession(options);
    const lab = labOn(guest, { promptTimeoutMs: 10 });
    await lab.start();
    vi.useFakeTimers();
    try {
      options.silent = true;
      const applied = lab.applyIdentity({ uid: 0, caps: [], userns: false });
      await vi.advanceTimersByTimeAsync(6000);
      await applied;
      expect(lab.identity.get()).toMatchObject({ errorPending: true, applying: false });
      expect(lab.identity.get().error).toMatch(/did not answer "shell"/);
    } finally {
      vi.useRealTimers();
      lab.dispose();
    }
  });
});
