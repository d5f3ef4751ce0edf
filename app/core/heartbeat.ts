// Asks a running guest's agent whether it is alive, and says when repeated silence means it is not.
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
  /** Once, with the reason, after `misses` unanswered hellos in a row. */
  onSilent(why: string): void;
}

/**
 * A guest that stops answering (a kernel panic, a wedged emulator) must not leave a page that looks
 * alive: the agent is asked every few seconds, and after repeated silence the listener hears of it.
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
        misses = 0;
        if (!stopped) listener.onEra(Number(hello.era));
      })
      .catch(() => {
        misses += 1;
        if (misses < heartbeat.misses || stopped) return;
        stopped = true;
        clearInterval(timer);
        listener.onSilent(
          `the guest stopped answering (no reply for ${(heartbeat.misses * heartbeat.timeoutMs) / 1000} s)`,
        );
      })
      .finally(() => (inFlight = false));
  }, heartbeat.everyMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
