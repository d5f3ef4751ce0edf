// Worker launcher tests: adopting the HTML's early worker, failures, and which messages count as ours.
import { describe, expect, it, vi } from "vitest";
import { parseFromWorker, parseToWorker } from "./worker-messages";
import { workerLauncher, type EarlyWorker } from "./worker-launcher";
import { asWorker, FakeWorker } from "./fake-worker.fixture";

const VM = "http://localhost/vm/";

function setup(early?: { mode: "restore" | "cold"; messages: unknown[]; started?: boolean }) {
  const spawned: FakeWorker[] = [];
  const earlyWorker = early && new FakeWorker();
  const launcher = workerLauncher({
    vmBase: VM,
    spawn: () => {
      const w = new FakeWorker();
      spawned.push(w);
      return asWorker(w);
    },
    early: earlyWorker && ({ worker: asWorker(earlyWorker), ...early } as EarlyWorker),
  });
  return { launcher, spawned, earlyWorker };
}

describe("workerLauncher", () => {
  it("a start called off (a stalled download) rejects and ends its worker", async () => {
    const { launcher, spawned } = setup();
    const abort = new AbortController();
    const started = launcher.start("restore", () => {}, abort.signal);
    abort.abort();
    await expect(started).rejects.toThrow(/called off/);
    expect(spawned[0]?.terminated).toBe(true);
  });

  it("takes over the HTML's worker, replays what it said, and asks it to start", async () => {
    const { launcher, spawned, earlyWorker } = setup({
      mode: "restore",
      messages: [{ type: "progress", detail: "Downloading", progress: 0.5 }, { type: "started" }],
    });
    const progress: number[] = [];
    const session = await launcher.start("restore", (_d, p) => progress.push(p));
    expect(spawned).toEqual([]);
    expect(progress).toEqual([0.5]);
    expect(earlyWorker?.sent).toEqual([{ type: "start", mode: "restore", vmBase: VM }]);
    earlyWorker?.say({ type: "console", bytes: Uint8Array.of(36, 32) });
    earlyWorker?.say({ type: "loaded" });
    await session.whenLoaded();
    const got: number[] = [];
    session.onConsole((b) => got.push(...b));
    expect(got).toEqual([36, 32]);
    session.sendConsole(Uint8Array.of(10));
    expect(earlyWorker?.sent.at(-1)).toEqual({ type: "console", bytes: Uint8Array.of(10) });
  });

  it("does not ask again a worker the lab's stand-in has asked to start", async () => {
    const { launcher, earlyWorker } = setup({
      mode: "restore",
      messages: [{ type: "started" }],
      started: true,
    });
    await launcher.start("restore", () => {});
    expect(earlyWorker?.sent).toEqual([]);
  });

  it("does not use an early worker started for another mode", async () => {
    const { launcher, spawned, earlyWorker } = setup({ mode: "restore", messages: [] });
    const started = launcher.start("cold", () => {});
    expect(earlyWorker?.terminated).toBe(true);
    expect(spawned).toHaveLength(1);
    spawned[0].say({ type: "started" });
    await started;
  });

  it("rejects the start when the worker fails before the emulator exists, and ends the worker", async () => {
    const { launcher, spawned } = setup();
    const started = launcher.start("restore", () => {});
    spawned[0].say({ type: "failed", message: "state-x.bin.zst is damaged (sha256 mismatch)" });
    await expect(started).rejects.toThrow(/damaged/);
    expect(spawned[0].terminated).toBe(true);
  });

  it("rejects whenLoaded when the load fails after the start, and on a worker error", async () => {
    const { launcher, spawned } = setup();
    const started = launcher.start("cold", () => {});
    spawned[0].say({ type: "started" });
    const session = await started;
    spawned[0].onerror?.({ message: "boom", preventDefault() {} });
    await expect(session.whenLoaded()).rejects.toThrow(/worker failed: boom/);
  });

  it("calls an error before the worker said anything its code's: the emulator could not be loaded", async () => {
    const { launcher, spawned } = setup();
    const started = launcher.start("restore", () => {});
    spawned[0].onerror?.({ message: "Uncaught 1", preventDefault() {} });
    await expect(started).rejects.toThrow(
      "could not load the emulator (its worker's code): it failed as it started: Uncaught 1",
    );
  });

  it("ignores messages that are not ours", async () => {
    const { launcher, spawned } = setup();
    const started = launcher.start("restore", () => {});
    let settled = false;
    void started.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (const junk of [null, 7, "started", { type: "console", bytes: "x" }, { type: "nope" }])
      spawned[0].say(junk);
    // None of them is the start (nor a failure): the launch still waits.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(false);
    spawned[0].say({ type: "started" });
    await expect(started).resolves.toBeDefined();
  });

  it("asks the worker for the guest's pulse, and takes a worker that does not say as a stuck one", async () => {
    const { launcher, spawned } = setup();
    const started = launcher.start("restore", () => {});
    spawned[0].say({ type: "started" });
    const session = await started;
    const first = session.pulse();
    expect(spawned[0].sent.at(-1)).toEqual({ type: "pulse", id: 1 });
    // Another id's answer, or a malformed one, is not this one's.
    spawned[0].say({ type: "pulse", id: 2, pulse: { alive: true } });
    spawned[0].say({ type: "pulse", id: 1, pulse: { alive: false } });
    spawned[0].say({ type: "pulse", id: 1, pulse: { alive: false, why: "halted" } });
    expect(await first).toEqual({ alive: false, why: "halted" });
    vi.useFakeTimers();
    try {
      const second = session.pulse();
      await vi.advanceTimersByTimeAsync(5000);
      expect(await second).toEqual({ alive: false, why: "the emulator's worker does not answer" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("tells the session's end as the worker reports it, once, and to a listener that comes late", async () => {
    const { launcher, spawned } = setup();
    const started = launcher.start("restore", () => {});
    spawned[0].say({ type: "started" });
    const session = await started;
    const heard: unknown[] = [];
    session.onEnd((end) => heard.push(end));
    spawned[0].say({ type: "ended", end: { why: 7 } });
    expect(heard).toEqual([]);
    spawned[0].say({
      type: "ended",
      end: { why: "its kernel restarted the machine", kernel: "restart", restart: true },
    });
    spawned[0].say({ type: "ended", end: { why: "a second end" } });
    expect(heard).toEqual([{ why: "its kernel restarted the machine", kernel: "restart", restart: true }]);
    const late = await new Promise((resolve) => session.onEnd(resolve));
    expect(late).toEqual(heard[0]);
  });
});

describe("worker messages", () => {
  it("accepts ours and refuses the rest", () => {
    expect(parseToWorker({ type: "start", mode: "cold", vmBase: VM })).toEqual({
      type: "start",
      mode: "cold",
      vmBase: VM,
    });
    expect(parseToWorker({ type: "start", mode: "warm", vmBase: VM })).toBeUndefined();
    expect(parseToWorker({ type: "control", bytes: [1] })).toBeUndefined();
    expect(parseFromWorker({ type: "failed" })).toBeUndefined();
    expect(parseFromWorker({ type: "progress", detail: "x", progress: 1 })).toMatchObject({ progress: 1 });
    expect(parseToWorker({ type: "pulse", id: 3 })).toEqual({ type: "pulse", id: 3 });
    expect(parseToWorker({ type: "pulse", id: "3" })).toBeUndefined();
    expect(parseFromWorker({ type: "pulse", id: 3, pulse: { alive: true } })).toMatchObject({
      pulse: { alive: true },
    });
    expect(parseFromWorker({ type: "pulse", id: 3, pulse: { alive: "yes" } })).toBeUndefined();
    expect(parseFromWorker({ type: "ended", end: { why: "x", kernel: "yes", restart: 1 } })).toEqual({
      type: "ended",
      end: { why: "x" },
    });
    expect(parseFromWorker({ type: "ended", end: { why: "x", kernel: "halt" } })).toEqual({
      type: "ended",
      end: { why: "x", kernel: "halt" },
    });
    expect(parseFromWorker({ type: "ended", end: "x" })).toBeUndefined();
  });
});
