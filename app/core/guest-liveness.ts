// Tells a busy guest (its agent starved of CPU) from a dead one (a kernel panic, a halt, no emulator).
import type { AgentClient } from "./agent-client";
import { watchAgent, type Heartbeat } from "./heartbeat";
import type { GuestEnd, GuestPulse, GuestSession, KernelEnd } from "./session-launcher";
import type { Unsubscribe } from "./store";

export interface LivenessListener {
  /** Each heartbeat's era: what the kernel runs now. */
  onEra(era: number): void;
  /** The agent fell silent but the kernel runs (true), or it answers again (false). */
  onBusy(busy: boolean): void;
  /** Once: the guest is gone, and why in plain words; `restart`: it rebooted (a fresh guest is due). */
  onDead(why: string, restart: boolean): void;
}

/**
 * The kernel tells its host it is going before it has said all it says (the reboot notifier runs
 * before "reboot: System halted"): its last words are waited for this long.
 */
const LAST_WORDS_MS = 150;

/** The console's tail kept to name what the kernel said last when it died. */
const TAIL_CHARS = 2048;
/** What the kernel prints as it ends each way (a restart's "Restarting system" adds nothing). */
const KERNEL_LAST_WORDS: Partial<Record<KernelEnd, [RegExp, (m: RegExpExecArray) => string]>> = {
  // Its first line, and the "---[ end Kernel panic - not syncing: … ]---" that closes its report.
  panic: [
    /Kernel panic - not syncing: ([^\r\n]*?)(?: \]---)?(?=[\r\n]|$)/g,
    (m) => `its kernel panicked: "${m[1].trim()}"`,
  ],
  halt: [/reboot: (System halted)/g, (m) => `its kernel stopped ("${m[1]}")`],
  power_off: [/reboot: (Power down)/g, (m) => `its kernel stopped ("${m[1]}")`],
};

/**
 * What the kernel printed as it ended the way it said it did, if anything. Anyone can print these
 * words, so they never decide that the guest is dead, or how: they only add the kernel's own detail
 * (the last such line of the kind the kernel signalled).
 */
export function kernelLastWords(consoleTail: string, kind: KernelEnd): string | undefined {
  const words = KERNEL_LAST_WORDS[kind];
  if (!words) return undefined;
  const [re, say] = words;
  const last = [...consoleTail.matchAll(re)].at(-1);
  return last && say(last as RegExpExecArray);
}

/**
 * Hears at once from the emulator when the kernel says it is gone (a panic, a halt, a reboot).
 * Otherwise watches the agent's heartbeat; on silence asks the emulator (session.pulse()) whether
 * the guest still runs: until it is gone, the guest is only busy, and the page waits (and says so)
 * instead of throwing away a guest full of the learner's work. A kernel that hangs without a panic
 * looks busy for ever: the busy note's Start over is the way out then.
 */
export function watchGuest(
  session: GuestSession,
  agent: AgentClient,
  heartbeat: Heartbeat,
  listener: LivenessListener,
): Unsubscribe {
  let tail = "";
  const decoder = new TextDecoder();
  const offConsole = session.onConsole((bytes) => {
    tail = (tail + decoder.decode(bytes, { stream: true })).slice(-TAIL_CHARS);
  });
  let busy = false;
  let dead = false;
  let looking = false;
  let lastWords: ReturnType<typeof setTimeout> | undefined;
  // The console's words only say how a kernel that signalled its end died: anyone can print them.
  const how = (end: GuestEnd) => (end.kernel && kernelLastWords(tail, end.kernel)) || end.why;
  const die = (why: string, end: GuestEnd) => {
    dead = true;
    listener.onDead(why, end.restart === true);
  };
  const offEnd = session.onEnd((end) => {
    if (dead || lastWords) return;
    lastWords = setTimeout(() => !dead && die(how(end), end), LAST_WORDS_MS);
  });
  /** Answers so far: one that comes while the CPU is looked at makes that look's verdict stale. */
  let answers = 0;
  const stopBeat = watchAgent(agent, heartbeat, {
    onEra: (era) => {
      answers += 1;
      listener.onEra(era);
    },
    onBack: () => {
      if (busy && !dead) listener.onBusy((busy = false));
    },
    onSilent: (silence) => {
      if (looking || dead || lastWords) return;
      looking = true;
      const answersBefore = answers;
      const failed = (err: Error): GuestPulse => ({ alive: false, why: `no pulse: ${err.message}` });
      void session
        .pulse()
        .catch(failed)
        .then((pulse) => {
          looking = false;
          if (dead || lastWords || answers !== answersBefore) return;
          if (pulse.alive) {
            if (!busy) listener.onBusy((busy = true));
            return;
          }
          die(`the guest stopped answering (${silence}): ${how(pulse)}`, pulse);
        });
    },
  });
  return () => {
    dead = true;
    clearTimeout(lastWords);
    stopBeat();
    offEnd();
    offConsole();
  };
}
