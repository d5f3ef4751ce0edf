// Asks a running guest's agent whether it is alive, and says when it falls silent and when it is back.
import type { AgentClient } from "./agent-client";
import type { Unsubscribe } from "./store";

export interface Heartbeat {
  everyMs: number;
  timeoutMs: number;
  misses: number;
}

export interface HeartbeatListener {
  /** Each answer's era: what the kernel runs now, whoever set it. */
  onEra(era: number): void;
  /** After `misses` unanswered hellos in a row, and again after each further one. */
  onSilent(why: string): void;
  /** The first answer after onSilent. */
  onBack(): void;
}

/**
 * A guest that stops answering (a kernel panic, a wedged emulator, or only a CPU taken by the
 * learner's programs) must not leave a page that looks alive and well: the agent is asked every few
 * seconds, and the listener hears of repeated silence. Asking goes on: a busy guest answers again.
 */
export function watchAgent(
  agent: AgentClient,
  heartbeat: Heartbeat,
  listener: HeartbeatListener,
): Unsubscribe {
  let misses = 0;
  let inFlight = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (inFlight) return;
    inFlight = true;
    agent
      .request({ type: "hello" }, heartbeat.timeoutMs)
      .then((hello) => {
        if (stopped) return;
        const wasSilent = misses >= heartbeat.misses;
        misses = 0;
        if (wasSilent) listener.onBack();
        listener.onEra(Number(hello.era));
      })
      .catch(() => {
        misses += 1;
        if (misses < heartbeat.misses || stopped) return;
        const seconds = (misses * heartbeat.timeoutMs) / 1000;
        listener.onSilent(`no reply for ${seconds} s`);
      })
      .finally(() => (inFlight = false));
  }, heartbeat.everyMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
