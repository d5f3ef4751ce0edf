// The lab: one guest, its stores and the user's named actions (apply identity, switch era, type).
import { AgentError } from "./agent-client";
import { ConsoleInput } from "./console-input";
import { EraChoice } from "./era-choice";
import { FallbackFailed, markFirst, type BootedGuest } from "./guest-boot";
import { guestEventSink } from "./guest-events";
import { AwayPause } from "./guest-pause";
import { PasteInterrupt } from "./paste-interrupt";
import { syncGuest } from "./guest-sync";
import { watchGuest } from "./guest-liveness";
import { bootLabGuest } from "./lab-boot";
import type { LabOptions } from "./lab-options";
import { createLabStores } from "./lab-stores";
import { DETAIL_STOPPED, type Lab } from "./lab-types";
import { ERAS, type Era, type Identity } from "./protocol";
import { jobsOfShell } from "./shell-jobs";
import type { Unsubscribe } from "./store";
import { freshGuestNote, RebootGuard, rebootLoopNote } from "./reboot-guard";
import { shellReported, shellRestarter } from "./shell-restart";
import { HIDE_CURSOR, SHOW_CURSOR, terminalNote } from "./terminal-note";
import { isTerminalReport } from "./terminal-report";
import type { TypedLine } from "./typed-line";

export type { LabOptions } from "./lab-options";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The longest an Apply waits for the agent to report its new shell (it scans every 2 s at most). */
const SHELL_REPORT_MS = 2500;

export function createLab(options: LabOptions): Lab {
  const now = options.now ?? (() => Date.now());
  const heartbeat = options.heartbeat ?? { everyMs: 5000, timeoutMs: 4000, misses: 2 };
  const promptTimeoutMs = options.promptTimeoutMs ?? 5000;
  const stores = createLabStores(options.identity);
  const { status, identity, procs, procsLeftOut, learnerFiles, attempts, problems, report } = stores;
  const eras = new EraChoice(options.era ?? 2020);
  const terminalListeners = new Set<(bytes: Uint8Array) => void>();
  let guest: BootedGuest | undefined;
  let cleanups: Unsubscribe[] = [];
  // Keys typed while the guest starts or a shell is replaced wait for the shell that will read them.
  const input = new ConsoleInput(() => status.get().phase === "ready");
  let size: { rows: number; cols: number } | undefined;
  let typedLine: () => TypedLine | undefined = () => undefined;
  const forceCold = options.coldBoot ?? false;
  let command = options.command;

  const emitTerminal = (bytes: Uint8Array) => {
    for (const l of [...terminalListeners]) l(bytes);
  };
  const noteInTerminal = (text: string) => emitTerminal(new TextEncoder().encode(text));

  /** The page's era follows the kernel's (changed by hand in the guest), told to no one but the view. */
  const followKernel = (kernelEra: number) => {
    if (status.get().phase === "ready") eras.follow(kernelEra);
  };

  const onEvent = guestEventSink(stores, { now, followKernel });

  /**
   * Nothing runs behind the terminal any more: it says so below the last screen the guest left, where
   * people look, and hides the cursor that would invite typing (start() shows it again).
   */
  function fail(
    detail: string,
    error: string,
    coldBoot: boolean,
    said: string,
    fallbackReason?: string,
  ): void {
    noteInTerminal(terminalNote(`${said}; nothing runs here now`, size?.cols) + HIDE_CURSOR);
    status.set({ phase: "error", detail, error, coldBoot, fallbackReason });
    eras.stopped();
  }

  /** A guest's agent and emulator ended (a failure to end is no news: it is gone either way). */
  async function endGuest(g: BootedGuest): Promise<void> {
    g.agent.dispose();
    await g.session.dispose().catch(() => {});
  }

  async function teardown(): Promise<void> {
    input.reclaim();
    for (const c of cleanups) c();
    cleanups = [];
    const g = guest;
    guest = undefined;
    away.guestChanged();
    if (g) await endGuest(g);
  }

  const reboots = new RebootGuard();
  /** The page's first start (until it is made, even if it fails: its note on why stays on screen). */
  let firstGuest = true;
  const restartShell = shellRestarter({
    input,
    promptTimeoutMs,
    onTeardown: (end) => {
      cleanups.push(end);
      return () => (cleanups = cleanups.filter((c) => c !== end));
    },
    isReady: (g) => guest === g && status.get().phase === "ready",
  });

  /** Starts so far: a start that another has followed gives way to it (two Start overs in a row). */
  let starts = 0;

  async function start(): Promise<void> {
    const run = ++starts;
    await teardown();
    if (run !== starts) return;
    stores.forgetGuest();
    onEvent.forgetGuest();
    const clearScreen = firstGuest;
    firstGuest = false;
    if (status.get().phase === "error") noteInTerminal(SHOW_CURSOR);
    status.set({ phase: "downloading", detail: "Starting", coldBoot: forceCold });
    try {
      const g = await bootLabGuest(options, {
        coldBoot: forceCold,
        status,
        input,
        onConsole: emitTerminal,
        terminalCols: () => size?.cols,
        savedScreenShown: clearScreen && options.firstScreenShown === true,
        identity: identity.get().requested,
        era: eras.wanted,
      });
      if (run !== starts) {
        // Another start began while this one booted: its guest is the one to keep.
        await endGuest(g);
        return;
      }
      guest = g;
      cleanups.push(g.agent.onEvent(onEvent), g.agent.onProblem(report));
      const stopSync = await syncGuest(g, {
        now,
        eras,
        identity: identity.get().requested,
        size,
        // The page's first start shows one welcome, the identity's, not the saved shell's and then a
        // new one; a later guest's screen keeps what came before (the note on why it is fresh, or
        // why the first start failed).
        restartShell: (booted, wanted) => restartShell(booted, wanted, "", clearScreen),
        onEvent,
        report,
      });
      // Read after the wait: a teardown meanwhile has replaced the array (and then this guest is gone).
      if (guest === g) cleanups.push(stopSync);
      else stopSync();
      markFirst("exelab:ready");
      reboots.started();
      input.confirm();
      status.set({
        phase: "ready",
        detail: "Ready",
        coldBoot: g.coldBoot,
        fallbackReason: g.fallbackReason,
        live: true,
      });
      away.guestChanged();
      // A cold boot's first shell would echo keys twice until its line editor runs (the tty, then it).
      if (g.firstPrompt) await Promise.race([g.firstPrompt, sleep(promptTimeoutMs)]);
      if (guest !== g) return;
      // Once, into a shell set up as the page asks, its size known (earlier, a line longer than a row
      // was drawn twice), and only if the visitor has typed nothing: their keys are not glued to it.
      if (command !== undefined) input.type(command);
      command = undefined;
      input.open(g.session);
      away.mayPause();
      cleanups.push(
        watchGuest(g.session, g.agent, heartbeat, {
          onEra: followKernel,
          onBusy: (busy) => {
            if (guest !== g) return;
            status.update((st) => ({ ...st, busy }));
            if (!busy) away.mayPause();
          },
          onDead: (why, restart) => {
            if (guest !== g) return;
            // A reboot asks for a fresh guest, but not for ever (see RebootGuard).
            if (restart && reboots.allow()) {
              noteInTerminal(terminalNote(freshGuestNote(why, forceCold), size?.cols) + "\r\n");
              return void start();
            }
            const said = restart ? rebootLoopNote(why) : why;
            void teardown().then(() => fail(DETAIL_STOPPED, said, g.coldBoot, said));
          },
        }),
      );
    } catch (err) {
      if (run !== starts) return;
      await teardown();
      const error = (err as Error).message;
      const before = err instanceof FallbackFailed ? err.fallbackReason : undefined;
      fail("Failed", error, status.get().coldBoot, `the guest could not start (${error})`, before);
    }
  }

  /** The guest, once it is set up and running (not while it starts, nor after it failed). */
  const readyGuest = () => (status.get().phase === "ready" ? guest : undefined);
  // Not while a shell's prompt is waited for either (a new one, a cold boot's first: shell-prompt.ts).
  const away = new AwayPause(() =>
    status.get().busy || identity.get().applying || !input.isOpen ? undefined : readyGuest(),
  );
  const pastes = new PasteInterrupt(now);

  async function agentCall<T>(fn: (g: BootedGuest) => Promise<T>): Promise<T> {
    const g = readyGuest();
    if (!g) throw new Error("the guest is not running");
    return fn(g);
  }

  return {
    status,
    identity,
    era: eras.store,
    procs,
    procsLeftOut,
    attempts,
    problems,
    paused: away.paused,
    start,
    async retry() {
      reboots.reset();
      // From the top: the saved state again (the failure may have been the network), cold boot behind it.
      await start();
    },
    async applyIdentity(next: Identity) {
      away.touch();
      identity.update((s) => ({
        ...s,
        requested: next,
        applying: true,
        error: undefined,
        errorPending: undefined,
      }));
      try {
        const pid = await agentCall((g) => restartShell(g, next, typedLine()?.text));
        await shellReported(identity, pid, SHELL_REPORT_MS);
        identity.update((s) => ({ ...s, applying: false }));
      } catch (err) {
        const errorPending = err instanceof AgentError && (err.code === "ETIMEDOUT" || err.code === "EAGAIN");
        identity.update((s) => ({ ...s, applying: false, error: (err as Error).message, errorPending }));
      }
      away.mayPause();
    },
    terminalJobs() {
      // Not asked afresh: the answer would come after the keys typed on from the click (the
      // terminal takes them at once); a program started a moment ago has nothing to lose yet.
      const shell = readyGuest() && identity.get().actual?.pid;
      return shell ? jobsOfShell(procs.get(), shell) : [];
    },
    hasLearnerFiles() {
      return readyGuest() !== undefined && learnerFiles.get();
    },
    async setEra(year: Era) {
      if (!ERAS.includes(year)) throw new Error(`no such era: ${year}`);
      away.touch();
      // A guest on its way (starting, or fresh after a reboot) is given the era as it is set up.
      const running = readyGuest();
      await eras.set(
        year,
        // Said in the terminal, under the line the learner is typing: the agent makes room for the
        // rows the line editor moves up to draw it again.
        running && (() => running.agent.request({ type: "era", year, say: true, up: typedLine()?.row ?? 0 })),
        () => guest === running,
      );
    },
    onTerminalOutput(listener) {
      terminalListeners.add(listener);
      return () => terminalListeners.delete(listener);
    },
    sendTerminalInput(text: string) {
      away.touch();
      // The terminal's own answers (a cold boot's first prompt asks where the cursor is) type nothing.
      if (!isTerminalReport(text)) command = undefined;
      if (pastes.take(text, input.isOpen ? readyGuest() : undefined, (keys) => input.type(keys))) return;
      // Nothing will read keys typed into a failed guest's screen.
      if (input.isOpen || status.get().phase !== "error") input.type(text);
      if (input.isOpen && /[\r\n]/.test(text)) reboots.lineEntered();
    },
    resizeTerminal(rows: number, cols: number) {
      size = { rows, cols };
      readyGuest()
        ?.agent.request({ type: "winsize", rows, cols })
        .catch((err: Error) => {
          // Late is not lost: the request waits in the guest's serial input and is applied once the
          // agent gets the CPU back (busy loops in the shell). Nothing a learner needs to read.
          if (!(err instanceof AgentError && err.code === "ETIMEDOUT")) report(err.message);
        });
    },
    setTypedLineSource(source) {
      typedLine = source;
      return () => {
        if (typedLine === source) typedLine = () => undefined;
      };
    },
    setAway: (isAway) => away.setAway(isAway),
    holdBriefly: (maxMs) => away.holdBriefly(maxMs),
    dispose() {
      away.dispose();
      // A start on its way gives way too: its guest is ended as it comes, not kept running.
      starts++;
      void teardown();
    },
  };
}
