// Brings a guest up: downloads what is needed, restores the saved state or cold-boots, waits for the agent.
import { AgentClient } from "./agent-client";
import type { Manifest, StateFile } from "./manifest";
import type { GuestEvent } from "./protocol";
import type { BootMode, GuestSession, SessionLauncher } from "./session-launcher";
import { firstPromptWatch } from "./shell-prompt";
import { terminalNote } from "./terminal-note";
import { isEmulatorUnavailable } from "./emulator-unavailable";
import { wrapScreen } from "./word-wrap";

export interface BootOptions {
  manifest: Manifest;
  /** Where the emulator runs: this thread, or the page's worker. */
  launcher: SessionLauncher;
  /** Skip the saved state (URL flag, or a previous restore failed). */
  coldBoot: boolean;
  onProgress: (phase: "downloading" | "restoring" | "booting", detail: string, progress?: number) => void;
  /** Console bytes from the moment the emulator exists, so a cold boot's log reaches the terminal. */
  onConsole: (bytes: Uint8Array) => void;
  /** Restore only: the saved screen (the console when the state was saved) has just gone to onConsole. */
  onSavedScreen?: () => void;
  /**
   * Restore only: the saved screen, and whatever the guest wrote before this start took its worker,
   * are on the terminal already (the lab's stand-in drew them, early-lab.ts): not sent again.
   */
  savedScreenShown?: boolean;
  /** The terminal's width, if known: the saved screen was printed at 80 columns and is rewrapped. */
  terminalCols?: () => number | undefined;
  /**
   * Restore only: the session exists and takes keys for the saved shell; the emulator holds them
   * until the guest runs again, so they need no further trip once it does.
   */
  onRestoring?: (session: GuestSession) => void;
  readyTimeoutMs?: number;
  /** How long a restored guest's agent may take to answer before the restore counts as failed. */
  helloTimeoutMs?: number;
  /** How long v86 may take to set up and restore (its files are here by then) before that fails. */
  loadTimeoutMs?: number;
  /** How long the start may go without a byte of progress before the download counts as stalled. */
  stallTimeoutMs?: number;
}

export interface BootedGuest {
  session: GuestSession;
  agent: AgentClient;
  coldBoot: boolean;
  fallbackReason?: string;
  era: number;
  /** A cold boot's first shell's prompt on the console: keys sent before it would be echoed twice. */
  firstPrompt?: Promise<boolean>;
}

/** A guest's emulator and agent: all that pausing it and interrupting a paste touch. */
export type GuestLink = Pick<BootedGuest, "session" | "agent">;

/**
 * A restored agent is greeted once the console has been quiet this long. Keys typed into the saved
 * screen (or just after the restore) are answered first: the guest has one CPU, and the hello and
 * the identity it triggers would cost that first answer about a third more guest instructions.
 */
const HELLO_AFTER_QUIET_MS = 30;
/** The most the hello waits for that silence: a command may print for ever (`yes`). */
const HELLO_MAX_WAIT_MS = 1000;

/** Resolves once the session's console has been silent for quietMs, or after maxMs. */
function consoleQuiet(session: GuestSession, quietMs: number, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    // Only ever called from a timer, so `off` is set by then.
    const done = () => {
      clearTimeout(quiet);
      clearTimeout(cap);
      off();
      resolve();
    };
    let quiet = setTimeout(done, quietMs);
    const cap = setTimeout(done, maxMs);
    const off = session.onConsole(() => {
      clearTimeout(quiet);
      quiet = setTimeout(done, quietMs);
    });
  });
}

/**
 * A start-up milestone for the page's first guest (for a profiler's timeline): a restart or a reboot
 * adds none, so the marks do not pile up over a long session.
 */
export function markFirst(name: string): void {
  if (performance.getEntriesByName(name, "mark").length === 0) performance.mark(name);
}

/** `promise`, or a rejection saying `what` did not happen within timeoutMs. */
function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The launcher's start, or a rejection once it has gone `stallTimeoutMs` without progress: a stalled
 * download must not leave a prompt that never answers. The start is then called off (its worker
 * ended), and whatever it still reports is ignored: a fallback may be running by then.
 */
async function startWatched(options: BootOptions, mode: BootMode): Promise<GuestSession> {
  const stallMs = options.stallTimeoutMs ?? 30_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stall = () => {};
  const stalled = new Promise<never>((_, reject) => {
    stall = () => reject(new Error(`the download stalled: no data for ${stallMs / 1000} s`));
  });
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(stall, stallMs);
  };
  arm();
  const abort = new AbortController();
  let settled = false;
  const started = options.launcher.start(
    mode,
    (detail, progress) => {
      if (settled) return;
      arm();
      options.onProgress("downloading", detail, progress);
    },
    abort.signal,
  );
  try {
    return await Promise.race([started, stalled]);
  } catch (err) {
    abort.abort();
    started.then((late) => void late.dispose().catch(() => {})).catch(() => {});
    throw err;
  } finally {
    settled = true;
    clearTimeout(timer);
  }
}

/** Resolves with the era the agent reports when it starts; rejects after timeoutMs of silence. */
export function waitForReady(agent: AgentClient, timeoutMs: number): Promise<number> {
  let off = () => {};
  const ready = new Promise<number>((resolve) => {
    off = agent.onEvent((e: GuestEvent) => {
      if (e.type === "ready") resolve(e.era);
    });
  });
  return within(ready, timeoutMs, "the guest did not start its agent").finally(() => off());
}

async function restore(options: BootOptions, state: StateFile): Promise<BootedGuest> {
  // The screen the restored guest will show is known from the start (the manifest has it), so it is
  // on the terminal at once; the guest's live output continues it once restored.
  if (!options.savedScreenShown)
    options.onConsole(new TextEncoder().encode(wrapScreen(state.console, options.terminalCols?.() ?? 0)));
  options.onSavedScreen?.();
  const session = await startWatched(options, "restore");
  options.onProgress("restoring", "Restoring the saved guest", 1);
  options.onRestoring?.(session);
  const agent = new AgentClient(session.controlTransport());
  try {
    // A worker that dies without a word (out of memory, say) must not leave the page waiting.
    await within(
      session.whenLoaded(),
      options.loadTimeoutMs ?? 20_000,
      "the emulator did not restore the state",
    );
    markFirst("exelab:state-restored");
    // Its first live bytes were held until now, so they follow the saved screen.
    session.onConsole(options.onConsole);
    await consoleQuiet(session, HELLO_AFTER_QUIET_MS, HELLO_MAX_WAIT_MS);
    const hello = await agent.request({ type: "hello" }, options.helloTimeoutMs ?? 4000);
    markFirst("exelab:agent-answered");
    return { session, agent, coldBoot: false, era: Number(hello.era) };
  } catch (err) {
    agent.dispose();
    await session.dispose().catch(() => {});
    throw err;
  }
}

/**
 * Boots the kernel. `note` goes to the console once the emulator runs, before the kernel's first
 * words: a page must not say Linux is booting when the emulator itself could not start.
 */
async function coldBoot(options: BootOptions, reason: string, note?: string): Promise<BootedGuest> {
  const session = await startWatched(options, "cold");
  const agent = new AgentClient(session.controlTransport());
  const readyTimeout = options.readyTimeoutMs ?? 60_000;
  // Listening from the start: the agent's first word must not slip past while the page waits below.
  const ready = waitForReady(agent, readyTimeout);
  ready.catch(() => {}); // a failed load ends the wait first
  try {
    await within(session.whenLoaded(), options.loadTimeoutMs ?? 20_000, "the emulator did not start");
    // No percentage: nothing here measures how far a boot has got (the downloads are done).
    options.onProgress("booting", `Booting Linux — cold boot: ${reason}`);
    if (note) options.onConsole(new TextEncoder().encode(note));
    // Held by the session until now, so the kernel's log follows the note; the first shell's prompt
    // is watched for in the same stream.
    const first = firstPromptWatch(readyTimeout);
    session.onConsole((bytes) => {
      options.onConsole(bytes);
      first.feed(bytes);
    });
    const era = await ready;
    return { session, agent, coldBoot: true, fallbackReason: reason, era, firstPrompt: first.prompt };
  } catch (err) {
    agent.dispose();
    await session.dispose().catch(() => {});
    throw err;
  }
}

/**
 * The cold boot after a failed restore failed too: the page names both (the first is often the
 * cause: a site deployed without its vm/ folder) and offers no cold boot, which it has just tried.
 */
export class FallbackFailed extends Error {
  constructor(
    message: string,
    readonly fallbackReason: string,
  ) {
    super(message);
  }
}

/** Restores the saved state when there is one; falls back to a cold boot and says why. */
export async function bootGuest(options: BootOptions): Promise<BootedGuest> {
  if (options.coldBoot) return coldBoot(options, "the saved state was turned off (cold=1)");
  const state = options.manifest.files.state;
  if (!state) return coldBoot(options, "this build has no saved state");
  try {
    return await restore(options, state);
  } catch (err) {
    // A cold boot needs the same emulator: it would download the kernel only to fail the same way.
    if (isEmulatorUnavailable((err as Error).message)) throw err;
    const reason = `the saved state could not be restored (${(err as Error).message})`;
    // The saved screen above belonged to a guest that will not run: say so where people look.
    try {
      return await coldBoot(options, reason, terminalNote(`${reason}; booting Linux`) + "\r\n");
    } catch (coldErr) {
      throw new FallbackFailed((coldErr as Error).message, reason);
    }
  }
}
