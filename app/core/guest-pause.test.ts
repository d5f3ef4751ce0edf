// Pausing a guest nobody can see: only when it is ready and owes nothing, and never for longer than away.
import { afterEach, describe, expect, it, vi } from "vitest";
import { agentPair } from "./agent-pair.fixture";
import { fakeSession } from "./fake-guest.fixture";
import { AwayPause, AWAY_GRACE_MS } from "./guest-pause";
import { createLab } from "./lab";
import { parseManifest } from "./manifest";
import { manifestJson } from "./manifest.fixture";

afterEach(() => vi.useRealTimers());

/** A guest whose session logs pause/run and whose agent's requests are seen (and answered by hand). */
function guest() {
  const log: string[] = [];
  const { client: agent, sent, guest: say } = agentPair();
  const { session } = fakeSession({ silent: false, announceReady: false });
  session.setPaused = (paused) => log.push(paused ? "pause" : "run");
  const answer = (id: number) => say(`ok id=${id} v=1 era=2020\n`);
  return { session, agent, log, sent, answer };
}

describe("AwayPause", () => {
  it("pauses a ready guest after the grace, and runs it the moment it is in sight again", () => {
    vi.useFakeTimers();
    const g = guest();
    const away = new AwayPause(() => g);
    away.setAway(true);
    vi.advanceTimersByTime(AWAY_GRACE_MS - 1);
    expect(g.log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(g.log).toEqual(["pause"]);
    expect(away.paused.get()).toBe(true);
    away.setAway(false);
    expect(g.log).toEqual(["pause", "run"]);
    expect(away.paused.get()).toBe(false);
  });

  it("does not pause for a glance away: back within the grace, nothing happens", () => {
    vi.useFakeTimers();
    const g = guest();
    const away = new AwayPause(() => g);
    away.setAway(true);
    vi.advanceTimersByTime(AWAY_GRACE_MS / 2);
    away.setAway(false);
    vi.advanceTimersByTime(AWAY_GRACE_MS * 5);
    expect(g.log).toEqual([]);
  });

  it("waits for the answers the guest owes, and holds the requests made while paused", async () => {
    vi.useFakeTimers();
    const g = guest();
    const away = new AwayPause(() => g);
    const owed = g.agent.request({ type: "hello" }, 60_000);
    away.setAway(true);
    vi.advanceTimersByTime(AWAY_GRACE_MS * 3);
    expect(g.log).toEqual([]);
    g.answer(1);
    await owed;
    vi.advanceTimersByTime(AWAY_GRACE_MS);
    expect(g.log).toEqual(["pause"]);
    // A heartbeat's hello while paused: not sent, so it cannot time out against a stopped CPU.
    const later = g.agent.request({ type: "hello" }, 1000);
    vi.advanceTimersByTime(30_000);
    expect(g.sent).toEqual(["hello id=1\n"]);
    away.setAway(false);
    expect(g.sent).toEqual(["hello id=1\n", "hello id=2\n"]);
    g.answer(2);
    await expect(later).resolves.toMatchObject({ era: "2020" });
  });

  it("runs a paused guest when it is used, and pauses it again only after a further grace", () => {
    vi.useFakeTimers();
    const g = guest();
    const away = new AwayPause(() => g);
    away.setAway(true);
    vi.advanceTimersByTime(AWAY_GRACE_MS);
    away.touch();
    expect(g.log).toEqual(["pause", "run"]);
    vi.advanceTimersByTime(AWAY_GRACE_MS - 1);
    expect(g.log).toEqual(["pause", "run"]);
    vi.advanceTimersByTime(1);
    expect(g.log).toEqual(["pause", "run", "pause"]);
  });

  it("passes over a busy guest, and pauses it once it is idle again, still away", () => {
    vi.useFakeTimers();
    const g = guest();
    let busy = true;
    const away = new AwayPause(() => (busy ? undefined : g));
    away.setAway(true);
    vi.advanceTimersByTime(AWAY_GRACE_MS * 10);
    expect(g.log).toEqual([]);
    busy = false;
    away.mayPause();
    vi.advanceTimersByTime(AWAY_GRACE_MS);
    expect(g.log).toEqual(["pause"]);
    // Not in sight: nothing to do.
    away.setAway(false);
    away.mayPause();
    vi.advanceTimersByTime(AWAY_GRACE_MS * 2);
    expect(g.log).toEqual(["pause", "run"]);
  });

  it("leaves a guest that is not ready alone, and pauses the next one once it is", () => {
    vi.useFakeTimers();
    const g = guest();
    let ready: typeof g | undefined;
    const away = new AwayPause(() => ready);
    away.setAway(true);
    vi.advanceTimersByTime(AWAY_GRACE_MS * 3);
    expect(g.log).toEqual([]);
    ready = g;
    away.guestChanged();
    vi.advanceTimersByTime(AWAY_GRACE_MS);
    expect(g.log).toEqual(["pause"]);
    // Replaced while paused (Start over): the old one is not run again, it is being ended.
    ready = undefined;
    away.guestChanged();
    away.setAway(false);
    expect(g.log).toEqual(["pause"]);
    expect(away.paused.get()).toBe(false);
  });
});

describe("AwayPause.holdBriefly", () => {
  it("stops a ready guest and its requests until released, once", () => {
    vi.useFakeTimers();
    const g = guest();
    const away = new AwayPause(() => g);
    const release = away.holdBriefly(1500);
    expect(release).toBeDefined();
    expect(g.log).toEqual(["pause"]);
    // Not shown as paused: the page has nothing to explain.
    expect(away.paused.get()).toBe(false);
    void g.agent.request({ type: "hello" }, 60_000);
    expect(g.sent).toEqual([]);
    release?.();
    expect(g.log).toEqual(["pause", "run"]);
    expect(g.sent).toEqual(["hello id=1\n"]);
    release?.();
    vi.advanceTimersByTime(5000);
    expect(g.log).toEqual(["pause", "run"]);
  });

  it("ends by itself after its longest time, and at once when the lab is used", () => {
    vi.useFakeTimers();
    const g = guest();
    const away = new AwayPause(() => g);
    away.holdBriefly(1500);
    vi.advanceTimersByTime(1499);
    expect(g.log).toEqual(["pause"]);
    vi.advanceTimersByTime(1);
    expect(g.log).toEqual(["pause", "run"]);
    away.holdBriefly(1500);
    away.touch();
    expect(g.log).toEqual(["pause", "run", "pause", "run"]);
    // One hold at a time: a second one asked for meanwhile holds nothing of its own.
    const first = away.holdBriefly(1500);
    expect(away.holdBriefly(1500)).toBeUndefined();
    expect(g.log).toEqual(["pause", "run", "pause", "run", "pause"]);
    first?.();
    expect(g.log).toEqual(["pause", "run", "pause", "run", "pause", "run"]);
  });

  it("leaves a guest paused for being away as it is, and holds no guest that is not ready", () => {
    vi.useFakeTimers();
    const g = guest();
    let ready: typeof g | undefined = g;
    const away = new AwayPause(() => ready);
    const release = away.holdBriefly(10_000);
    away.setAway(true);
    vi.advanceTimersByTime(AWAY_GRACE_MS);
    expect(away.paused.get()).toBe(true);
    release?.();
    expect(g.log).toEqual(["pause", "pause"]);
    // Its requests still wait: the away pause holds them.
    void g.agent.request({ type: "hello" }, 60_000);
    expect(g.sent).toEqual([]);
    expect(away.holdBriefly(1500)).toBeUndefined();
    away.setAway(false);
    expect(g.log).toEqual(["pause", "pause", "run"]);
    expect(g.sent).toEqual(["hello id=1\n"]);
    ready = undefined;
    expect(away.holdBriefly(1500)).toBeUndefined();
    expect(g.log).toEqual(["pause", "pause", "run"]);
  });
});

/** A lab on a fake guest, fake timers running; `runs` gives its pauses and runs so far. */
function labOnFakeGuest() {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  const fake = fakeSession({ silent: false, announceReady: false });
  const lab = createLab({
    manifest: parseManifest(manifestJson),
    launcher: { start: async () => fake.session },
    heartbeat: { everyMs: 3_600_000, timeoutMs: 1000, misses: 2 },
  });
  return { lab, runs: () => fake.log.filter((l) => l === "pause" || l === "run") };
}

describe("the lab away", () => {
  it("pauses its guest once ready while away, runs it for keys typed, and not again once back", async () => {
    const { lab, runs } = labOnFakeGuest();
    lab.setAway(true);
    const started = lab.start();
    await vi.advanceTimersByTimeAsync(AWAY_GRACE_MS * 2);
    await started;
    expect(lab.status.get().phase).toBe("ready");
    await vi.advanceTimersByTimeAsync(AWAY_GRACE_MS);
    expect(runs()).toEqual(["pause"]);
    expect(lab.paused.get()).toBe(true);
    lab.sendTerminalInput("ls\r");
    expect(runs()).toEqual(["pause", "run"]);
    expect(lab.paused.get()).toBe(false);
    lab.setAway(false);
    await vi.advanceTimersByTimeAsync(AWAY_GRACE_MS * 2);
    expect(runs()).toEqual(["pause", "run"]);
    lab.dispose();
  });

  it("holds its guest briefly when asked, and runs it again for a key", async () => {
    const { lab, runs } = labOnFakeGuest();
    // Nothing to hold before it is ready.
    expect(lab.holdBriefly(1500)).toBeUndefined();
    const started = lab.start();
    await vi.advanceTimersByTimeAsync(AWAY_GRACE_MS);
    await started;
    expect(runs()).toEqual([]);
    expect(lab.holdBriefly(1500)).toBeDefined();
    expect(runs()).toEqual(["pause"]);
    lab.sendTerminalInput("\u0003");
    expect(runs()).toEqual(["pause", "run"]);
    lab.dispose();
  });
});
