// The lab: one guest, its stores and the user's named actions (apply identity, switch era, type).
import { bootGuest, type BootedGuest } from "./guest-boot";
import type { Attempt, EraState, IdentityState, Lab, LoadStatus, ProcView } from "./lab-types";
import type { Manifest } from "./manifest";
import { mergeProcs, toAttempt, type ExeChange } from "./observations";
import { ERAS, parseProcList, type Era, type GuestEvent, type Identity } from "./protocol";
import { Store, type Unsubscribe } from "./store";
import type { GuestSession, SessionLauncher } from "./session-launcher";

export const DEFAULT_IDENTITY: Identity = { uid: 1000, caps: [], userns: false };
const MAX_ATTEMPTS = 50;
const MAX_PROBLEMS = 20;

export interface LabOptions {
  manifest: Manifest;
  /** Where the emulator runs: this thread (tests) or a worker (the page). */
  launcher: SessionLauncher;
  coldBoot?: boolean;
  era?: Era;
  identity?: Identity;
  now?: () => number;
  /** How long a restored guest may take to answer before the page falls back to a cold boot. */
  helloTimeoutMs?: number;
  /** How long restoring the saved state may take before the page falls back to a cold boot. */
  loadTimeoutMs?: number;
  /** How often the agent is asked whether it is alive, and how much silence means it is not. */
  heartbeat?: { everyMs: number; timeoutMs: number; misses: number };
}

function recordEra(year: number): Era {
  return (ERAS as readonly number[]).includes(year) ? (year as Era) : 2020;
}

function sameIdentity(a: Identity, b: Identity): boolean {
  const caps = (i: Identity) => (i.caps === "all" ? "all" : [...i.caps].sort().join(","));
  return a.uid === b.uid && a.userns === b.userns && caps(a) === caps(b);
}

export function createLab(options: LabOptions): Lab {
  const now = options.now ?? (() => Date.now());
  const heartbeat = options.heartbeat ?? { everyMs: 5000, timeoutMs: 4000, misses: 2 };
  const status = new Store<LoadStatus>({ phase: "idle", detail: "Not started", coldBoot: false });
  const identity = new Store<IdentityState>({
    requested: options.identity ?? DEFAULT_IDENTITY,
    applying: false,
  });
  const era = new Store<EraState>({ current: options.era ?? 2020, switching: false });
  const procs = new Store<ProcView[]>([]);
  const attempts = new Store<Attempt[]>([]);
  const problems = new Store<string[]>([]);
  const terminalListeners = new Set<(bytes: Uint8Array) => void>();
  let guest: BootedGuest | undefined;
  let cleanups: Unsubscribe[] = [];
  let seq = 0;
  // Keys typed while the guest starts: delivered once it answers, never dropped.
  let pendingInput: string[] = [];
  // The session whose shell is on screen and takes keys; unset while none does.
  let consoleSession: GuestSession | undefined;
  // Keys a restored shell was given before start-up finished: if the restore then fails after all,
  // they go to the cold-booted shell instead (the first one is gone, and so is what it did).
  let unconfirmed: string[] = [];
  const typeInto = (session: GuestSession, text: string) => {
    if (status.get().phase !== "ready") unconfirmed.push(text);
    session.sendConsole(new TextEncoder().encode(text));
  };
  const openConsole = (session: GuestSession) => {
    consoleSession = session;
    for (const text of pendingInput) typeInto(session, text);
    pendingInput = [];
  };
  const exeChanges = new Map<number, ExeChange>();
  let size: { rows: number; cols: number } | undefined;
  const forceCold = options.coldBoot ?? false;

  const report = (p: string) => problems.update((list) => [...list, p].slice(-MAX_PROBLEMS));
  const emitTerminal = (bytes: Uint8Array) => {
    for (const l of [...terminalListeners]) l(bytes);
  };

  function onEvent(e: GuestEvent): void {
    switch (e.type) {
      case "exe_link":
        if (e.record.result === "0") {
          exeChanges.set(e.record.pid, { old: e.record.old, new: e.record.new, at: now() });
          procs.set(mergeProcs(procs.get(), procs.get(), now(), exeChanges));
        }
        attempts.update((list) =>
          [
            ...list,
            // The era the kernel says it applied, not the one the page last asked for.
            toAttempt(++seq, now(), e.record, recordEra(e.record.era), identity.get().actual, e.record.caps),
          ].slice(-MAX_ATTEMPTS),
        );
        break;
      case "procs":
        procs.set(mergeProcs(procs.get(), e.list, now(), exeChanges));
        // Forget changes of processes that are gone; pids are reused.
        for (const pid of exeChanges.keys()) if (!e.list.some((p) => p.pid === pid)) exeChanges.delete(pid);
        break;
      case "identity": {
        const actual = { pid: e.pid, uid: e.uid, gid: e.gid, caps: e.caps, userns: e.userns };
        // The agent repeats it on every hello (the heartbeat): only a change is news for the panels.
        if (JSON.stringify(actual) !== JSON.stringify(identity.get().actual))
          identity.update((s) => ({ ...s, actual }));
        break;
      }
      case "ready":
      case "garbage":
        break;
    }
  }

  async function teardown(): Promise<void> {
    consoleSession = undefined;
    unconfirmed = [];
    for (const c of cleanups) c();
    cleanups = [];
    const g = guest;
    guest = undefined;
    if (g) {
      g.agent.dispose();
      await g.session.dispose().catch(() => {});
    }
  }

  /** Brings the fresh guest to the page's state: clock, era, identity, terminal size. */
  async function sync(g: BootedGuest): Promise<void> {
    const agent = g.agent;
    const wanted = era.get().current;
    const requested = identity.get().requested;
    // Sent back to back: the agent answers in order, so this costs one round trip, not five.
    const pending: Promise<unknown>[] = [agent.request({ type: "clock", epoch: now() / 1000 })];
    if (g.era !== wanted) pending.push(agent.request({ type: "era", year: wanted }));
    // The saved state and a cold boot both start the default identity; anything else needs a new shell.
    if (!sameIdentity(requested, DEFAULT_IDENTITY))
      pending.push(agent.request({ type: "shell", identity: requested }));
    if (size) pending.push(agent.request({ type: "winsize", ...size }));
    await Promise.all(pending);
    // The process list is not needed to type the first command, and scanning /proc costs the guest
    // CPU just when that command runs: ask a moment later (the agent reports changes by itself).
    const listLater = setTimeout(() => {
      agent
        .request({ type: "ps" })
        .then((ps) => onEvent({ type: "procs", list: parseProcList(ps.list ?? "") }))
        .catch((err: Error) => report(err.message));
    }, 300);
    cleanups.push(() => clearTimeout(listLater));
  }

  async function start(): Promise<void> {
    await teardown();
    status.set({ phase: "downloading", detail: "Starting", coldBoot: forceCold });
    try {
      // Keys go to the saved shell at once only if it already runs as the page asks: with another
      // identity sync restarts it (keys would go to a shell about to be killed), and with another
      // era the first command would run under the saved era's rules. Else they wait for sync.
      const savedShellWanted =
        sameIdentity(identity.get().requested, DEFAULT_IDENTITY) &&
        era.get().current === options.manifest.files.state?.era;
      const g = await bootGuest({
        manifest: options.manifest,
        launcher: options.launcher,
        coldBoot: forceCold,
        helloTimeoutMs: options.helloTimeoutMs,
        loadTimeoutMs: options.loadTimeoutMs,
        onProgress: (phase, detail, progress) => {
          // A cold boot (also the fallback after a failed restore) shows its own shell, when ready.
          if (phase === "booting") {
            consoleSession = undefined;
            pendingInput = [...unconfirmed, ...pendingInput];
            unconfirmed = [];
          }
          status.update((st) => ({
            ...st,
            phase,
            detail,
            progress,
            coldBoot: phase === "booting",
            live: phase === "booting" ? false : st.live,
          }));
        },
        onConsole: emitTerminal,
        // The saved screen is the restored shell's: typing may start now and is kept until it runs.
        onSavedScreen: () => {
          if (savedShellWanted) status.update((st) => ({ ...st, live: true }));
        },
        onRestoring: (session) => {
          if (savedShellWanted) openConsole(session);
        },
      });
      guest = g;
      cleanups.push(g.agent.onEvent(onEvent), g.agent.onProblem(report));
      await sync(g);
      performance.mark("exelab:ready");
      unconfirmed = [];
      status.set({
        phase: "ready",
        detail: "Ready",
        coldBoot: g.coldBoot,
        fallbackReason: g.fallbackReason,
        live: true,
      });
      openConsole(g.session);
      watch(g);
    } catch (err) {
      await teardown();
      const coldBoot = status.get().coldBoot;
      status.set({ phase: "error", detail: "Failed", error: (err as Error).message, coldBoot });
    }
  }

  /**
   * A guest that stops answering (a kernel panic, a wedged emulator) must not leave a page that looks
   * alive: the agent is asked every few seconds, and after repeated silence the page says so.
   */
  function watch(g: BootedGuest): void {
    let misses = 0;
    let inFlight = false;
    const timer = setInterval(() => {
      if (inFlight) return;
      inFlight = true;
      g.agent
        .request({ type: "hello" }, heartbeat.timeoutMs)
        .then(() => (misses = 0))
        .catch(() => {
          misses += 1;
          if (misses < heartbeat.misses || guest !== g) return;
          void teardown().then(() =>
            status.set({
              phase: "error",
              detail: "Stopped",
              error: `the guest stopped answering (no reply for ${(heartbeat.misses * heartbeat.timeoutMs) / 1000} s)`,
              coldBoot: g.coldBoot,
            }),
          );
        })
        .finally(() => (inFlight = false));
    }, heartbeat.everyMs);
    cleanups.push(() => clearInterval(timer));
  }

  async function agentCall<T>(fn: (g: BootedGuest) => Promise<T>): Promise<T> {
    if (!guest || status.get().phase !== "ready") throw new Error("the guest is not running");
    return fn(guest);
  }

  return {
    status,
    identity,
    era,
    procs,
    attempts,
    problems,
    start,
    async retry() {
      // From the top: the saved state again (the failure may have been the network), cold boot behind it.
      await start();
    },
    async applyIdentity(next: Identity) {
      identity.update((s) => ({ ...s, requested: next, applying: true, error: undefined }));
      try {
        await agentCall((g) => g.agent.request({ type: "shell", identity: next }));
        identity.update((s) => ({ ...s, applying: false }));
      } catch (err) {
        identity.update((s) => ({ ...s, applying: false, error: (err as Error).message }));
      }
    },
    async setEra(year: Era) {
      if (!ERAS.includes(year)) throw new Error(`no such era: ${year}`);
      era.update((s) => ({ ...s, switching: true, error: undefined }));
      try {
        await agentCall((g) => g.agent.request({ type: "era", year }));
        era.set({ current: year, switching: false });
      } catch (err) {
        era.update((s) => ({ ...s, switching: false, error: (err as Error).message }));
      }
    },
    onTerminalOutput(listener) {
      terminalListeners.add(listener);
      return () => terminalListeners.delete(listener);
    },
    sendTerminalInput(text: string) {
      if (consoleSession) typeInto(consoleSession, text);
      else if (status.get().phase !== "error") pendingInput.push(text);
    },
    resizeTerminal(rows: number, cols: number) {
      size = { rows, cols };
      if (guest && status.get().phase === "ready") {
        guest.agent.request({ type: "winsize", rows, cols }).catch((err: Error) => report(err.message));
      }
    },
    dispose() {
      void teardown();
    },
  };
}
