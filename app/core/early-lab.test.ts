// The lab's stand-in: the saved screen, the restore and the first keys, then the lab takes over.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EARLY_QUIET_MS, EarlyLab } from "./early-lab";
import { asWorker, FakeWorker } from "./fake-worker.fixture";
import type { IdentityState, Lab, LoadStatus } from "./lab-types";
import { parseManifest } from "./manifest";
import { manifestJson } from "./manifest.fixture";
import { Store } from "./store";
import type { EarlyWorker } from "./worker-launcher";

const manifest = parseManifest(manifestJson);
if (!manifest.files.state) throw new Error("the fixture's manifest has a saved state");
const state = manifest.files.state;
const VM = "http://localhost/vm/";
const IDENTITY: IdentityState = { requested: { uid: 1000, caps: [], userns: false }, applying: false };
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function setup(withRestore = true, messages: unknown[] = []) {
  const worker = new FakeWorker();
  const early: EarlyWorker = { worker: asWorker(worker), mode: "restore", messages };
  const wantLab = vi.fn();
  const stand = new EarlyLab(withRestore ? { early, state, vmBase: VM } : undefined, IDENTITY, wantLab);
  let shown = "";
  stand.onTerminalOutput((bytes) => (shown += text(bytes)));
  const keysSent = () =>
    worker.sent
      .filter((m) => (m as { type: string }).type === "console")
      .map((m) => text((m as { bytes: Uint8Array }).bytes));
  return { worker, early, wantLab, stand, shown: () => shown, keysSent };
}

/** A lab that records what the stand-in hands on. */
function fakeLab() {
  const listeners = new Set<(bytes: Uint8Array) => void>();
  const typed: string[] = [];
  const sizes: string[] = [];
  const lab = {
    status: new Store<LoadStatus>({ phase: "idle", detail: "Not started", coldBoot: false }),
    identity: new Store<IdentityState>(IDENTITY),
    onTerminalOutput: (l: (bytes: Uint8Array) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    sendTerminalInput: (t: string) => typed.push(t),
    resizeTerminal: (rows: number, cols: number) => sizes.push(`${rows}x${cols}`),
    setTypedLineSource: () => () => {},
  };
  const say = (t: string) => listeners.forEach((l) => l(new TextEncoder().encode(t)));
  return { lab: lab as unknown as Lab, status: lab.status, typed, sizes, say };
}

describe("EarlyLab", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("draws the saved screen, is live at once and asks the worker to restore", () => {
    const { worker, early, stand, shown } = setup();
    stand.resizeTerminal(24, 80);
    stand.begin();
    expect(shown()).toBe("$ ");
    expect(stand.status.get()).toMatchObject({ phase: "downloading", live: true });
    expect(worker.sent).toEqual([{ type: "start", mode: "restore", vmBase: VM }]);
    expect(early.started).toBe(true);
  });

  it("sends keys once the emulator exists, in order, and draws the console without keeping it", () => {
    const { worker, early, stand, shown, keysSent } = setup();
    stand.begin();
    stand.sendTerminalInput("ec");
    stand.sendTerminalInput("ho hi\r");
    expect(keysSent()).toEqual([]);
    worker.say({ type: "started" });
    expect(keysSent()).toEqual(["ec", "ho hi\r"]);
    stand.sendTerminalInput("x");
    expect(keysSent()).toEqual(["ec", "ho hi\r", "x"]);
    worker.say({ type: "loaded" });
    worker.say({ type: "console", bytes: new TextEncoder().encode("echo hi\r\nhi\r\n") });
    expect(shown()).toBe("$ echo hi\r\nhi\r\n");
    // The lab reads the rest when it takes the worker; the console is on screen already.
    expect(early.messages).toEqual([{ type: "started" }, { type: "loaded" }]);
  });

  it("asks for the lab once the restored guest has been quiet, not while it writes", () => {
    const { worker, wantLab, stand } = setup();
    stand.begin();
    worker.say({ type: "started" });
    vi.advanceTimersByTime(EARLY_QUIET_MS * 3);
    expect(wantLab).not.toHaveBeenCalled();
    worker.say({ type: "loaded" });
    vi.advanceTimersByTime(EARLY_QUIET_MS - 10);
    worker.say({ type: "console", bytes: Uint8Array.of(36) });
    vi.advanceTimersByTime(EARLY_QUIET_MS - 10);
    expect(wantLab).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10);
    expect(wantLab).toHaveBeenCalled();
  });

  it("asks for the lab at once for what only the lab handles, and leaves it the message", () => {
    for (const m of [
      { type: "failed", message: "no" },
      { type: "control", bytes: Uint8Array.of(1) },
    ]) {
      const { worker, early, wantLab, stand } = setup();
      stand.begin();
      worker.say(m);
      expect(wantLab).toHaveBeenCalled();
      expect(early.messages).toEqual([m]);
    }
    // Said before the stand-in began (the worker's code failed), as the HTML's script keeps it.
    const failed = setup(true, [{ type: "failed", message: "gone" }]);
    failed.stand.begin();
    expect(failed.wantLab).toHaveBeenCalled();
  });

  it("keeps a paste and every key after it for the lab", () => {
    const { worker, wantLab, stand, keysSent } = setup();
    stand.begin();
    worker.say({ type: "started" });
    stand.sendTerminalInput("ls\r");
    stand.sendTerminalInput("a\rb\rc\r");
    stand.sendTerminalInput("\u0003");
    expect(wantLab).toHaveBeenCalled();
    expect(keysSent()).toEqual(["ls\r"]);
    const { lab, typed } = fakeLab();
    stand.handOver(lab);
    expect(typed).toEqual(["a\rb\rc\r", "\u0003"]);
  });

  it("hands the lab its listeners, size, keys and news", () => {
    const { worker, early, stand, shown } = setup();
    stand.resizeTerminal(30, 100);
    stand.begin();
    stand.sendTerminalInput("pwd\r");
    const { lab, status, typed, sizes, say } = fakeLab();
    stand.handOver(lab);
    expect(sizes).toEqual(["30x100"]);
    expect(typed).toEqual(["pwd\r"]);
    say("/root\r\n");
    expect(shown()).toBe("$ /root\r\n");
    // The worker's messages wait for the lab's start now, console and all.
    worker.say({ type: "console", bytes: Uint8Array.of(36) });
    expect(early.messages).toEqual([{ type: "console", bytes: Uint8Array.of(36) }]);
    // The lab's own first steps say nothing the stand-in has not said better; its later news, all.
    status.set({ phase: "downloading", detail: "Starting", coldBoot: false });
    expect(stand.status.get().live).toBe(true);
    status.set({ phase: "restoring", detail: "Restoring", coldBoot: false, live: true });
    expect(stand.status.get().phase).toBe("restoring");
    status.set({ phase: "error", detail: "Failed", coldBoot: false });
    expect(stand.status.get().phase).toBe("error");
    stand.sendTerminalInput("ls\r");
    expect(typed).toEqual(["pwd\r", "ls\r"]);
  });

  it("without a restore of its own, keeps keys for the lab and follows it from the start", () => {
    const { worker, stand, shown } = setup(false);
    stand.begin();
    stand.sendTerminalInput("x");
    expect(worker.sent).toEqual([]);
    expect(shown()).toBe("");
    const { lab, status, typed } = fakeLab();
    status.set({ phase: "downloading", detail: "Starting", coldBoot: false });
    stand.handOver(lab);
    expect(stand.status.get().phase).toBe("downloading");
    expect(typed).toEqual(["x"]);
  });
});
