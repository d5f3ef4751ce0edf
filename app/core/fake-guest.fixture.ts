// Test fixture: a stand-in guest session whose agent answers every request (or none), recording what is typed.
import type { GuestEnd, GuestPulse, GuestSession, SessionLauncher } from "./session-launcher";

export interface FakeGuestOptions {
  silent: boolean;
  announceReady: boolean;
  /** Called after the agent's `ok` to each request, with its type: lets a test play the guest's side. */
  afterReply?: (type: string) => void;
  /** Also log typed keys, to check what the shell got before or after its output. */
  logTyped?: boolean;
  /** With announceReady: how long after `ready` the first shell's prompt shows (default 1 ms). */
  promptAfterMs?: number;
  /** Request types left unanswered (an agent too busy to get to them in time). */
  unanswered?: readonly string[];
  /** What pulse() finds when asked (a silent agent's kernel): dead unless told otherwise. */
  pulse?: GuestPulse;
  /** The pid the agent's `ok` to `shell` gives the new shell (none by default). */
  shellPid?: number;
}

export function fakeSession(options: FakeGuestOptions) {
  const typed: string[] = [];
  /** What went between page and guest, in order: console output, control requests (typed keys: logTyped). */
  const log: string[] = [];
  const consoleListeners = new Set<(bytes: Uint8Array) => void>();
  // As a real session does, output from before the first listener is kept for it.
  let held: string[] = [];
  const emitConsole = (text: string) => {
    log.push(`console ${text}`);
    if (consoleListeners.size === 0) held.push(text);
    for (const l of consoleListeners) l(new TextEncoder().encode(text));
  };
  let toPage: (bytes: Uint8Array) => void = () => {};
  /** A line from the agent to the page (a reply or an event). */
  const say = (line: string) => toPage(new TextEncoder().encode(`${line}\n`));
  let era = 2020;
  const endListeners = new Set<(end: GuestEnd) => void>();
  const session: GuestSession = {
    whenLoaded: () => Promise.resolve(),
    onConsole: (listener) => {
      consoleListeners.add(listener);
      for (const text of held.splice(0)) listener(new TextEncoder().encode(text));
      held = [];
      return () => consoleListeners.delete(listener);
    },
    sendConsole: (bytes) => {
      const text = new TextDecoder().decode(bytes);
      typed.push(text);
      if (options.logTyped) log.push(`typed ${text}`);
    },
    controlTransport: () => ({
      send: (bytes) => {
        if (options.silent) return;
        for (const line of new TextDecoder().decode(bytes).split("\n").filter(Boolean)) {
          const type = line.split(" ")[0];
          // An era the learner chose asks the agent to say so in the terminal; the page's first shell
          // comes on a cleared screen.
          const up = / up=(\d+)/.exec(line)?.[1];
          const said = / say=1/.test(line) ? ` say up=${up}` : "";
          log.push(`request ${type}${said}${/ clear=1/.test(line) ? " clear" : ""}`);
          if (options.unanswered?.includes(type)) continue;
          const id = /id=(\d+)/.exec(line)?.[1];
          if (type === "era") era = Number(/year=(\d+)/.exec(line)?.[1]);
          const shellPid =
            type === "shell" && options.shellPid !== undefined ? ` pid=${options.shellPid}` : "";
          const extra =
            type === "hello" || type === "era" ? ` v=1 era=${era}` : type === "ps" ? " list=" : shellPid;
          say(`ok id=${id}${extra}`);
          options.afterReply?.(type);
        }
      },
      onBytes: (listener) => {
        toPage = listener;
        // A booting agent says ready, then its first shell shows a prompt, as a real cold boot does.
        if (options.announceReady)
          queueMicrotask(() => {
            say("ready v=1 era=2020");
            setTimeout(() => emitConsole("[uid 1000] ~ $ "), options.promptAfterMs ?? 1);
          });
        return () => {};
      },
    }),
    setPaused: (paused) => log.push(paused ? "pause" : "run"),
    dropConsoleInput: () => log.push("drop console"),
    pulse: () => {
      log.push("pulse");
      return Promise.resolve(options.pulse ?? { alive: false, why: "the fake guest has no CPU" });
    },
    onEnd: (listener) => {
      endListeners.add(listener);
      return () => endListeners.delete(listener);
    },
    dispose: () => {
      log.push("dispose");
      return Promise.resolve();
    },
  };
  /** The kernel's era changed from inside the guest (a learner wrote exe_link_era). */
  const setKernelEra = (year: number) => (era = year);
  /** The kernel said it is gone (the emulator tells at once, unasked). */
  const emitEnd = (end: GuestEnd) => {
    log.push(`end ${end.why}`);
    for (const l of [...endListeners]) l(end);
  };
  return { session, typed, log, emitConsole, say, setKernelEra, emitEnd };
}

export type FakeGuest = ReturnType<typeof fakeSession>;

/** A launcher whose every start makes a fresh answering stand-in guest, kept in `guests` in order. */
export const freshGuests = (guests: FakeGuest[]): SessionLauncher => ({
  start: async () => {
    guests.push(fakeSession({ silent: false, announceReady: false }));
    return guests[guests.length - 1].session;
  },
});
