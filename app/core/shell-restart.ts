// Replacing the terminal's shell: keys typed meanwhile wait for the new one's prompt, then go to it.
import type { ConsoleInput } from "./console-input";
import type { BootedGuest } from "./guest-boot";
import type { Identity } from "./protocol";
import { promptAfterRestart } from "./shell-prompt";
import type { ReadableStore } from "./store";

export interface ShellRestartContext {
  input: ConsoleInput;
  /** The longest keys wait for the new shell's prompt (shell-prompt.ts). */
  promptTimeoutMs: number;
  /** Runs `end` if the guest is torn down meanwhile; returns what takes that back. */
  onTeardown(end: () => void): () => void;
  /** Whether `g` is the lab's guest, ready: the console opens to it again after the last restart. */
  isReady(g: BootedGuest): boolean;
}

/**
 * A new shell for `next`: keys typed meanwhile wait for its prompt, so it alone reads and echoes
 * them, and `carry` (the old shell's unentered line) goes first. `clear`: on a cleared screen.
 * Resolves to the new shell's pid, as the agent gave it.
 */
export type RestartShell = (
  g: BootedGuest,
  next: Identity,
  carry?: string,
  clear?: boolean,
) => Promise<number | undefined>;

export function shellRestarter(ctx: ShellRestartContext): RestartShell {
  const { input } = ctx;
  let restarting = 0;
  return async (g, next, carry = "", clear = false) => {
    restarting += 1;
    input.hold();
    if (carry) input.type(carry);
    const prompt = promptAfterRestart(g.session, ctx.promptTimeoutMs);
    // A guest torn down meanwhile (a reboot) shows no prompt: its end ends the wait.
    let gone = () => {};
    const tornDown = new Promise<void>((resolve) => (gone = resolve));
    const keep = ctx.onTeardown(gone);
    try {
      const reply = await g.agent.request({ type: "shell", identity: next, clear });
      await Promise.race([prompt, tornDown]);
      return /^\d+$/.test(reply.pid ?? "") ? Number(reply.pid) : undefined;
    } finally {
      keep();
      restarting -= 1;
      // During start-up, start() opens the console once the rest is set too.
      if (restarting === 0 && ctx.isReady(g)) input.open(g.session);
    }
  };
}

/**
 * Resolves once `shells` names `pid` as the shell (the agent's identity event), or after `timeoutMs`.
 * The event can come after the new shell's prompt: until it does, the panels would set the old
 * shell's identity beside a finished Apply, and take it for one changed in place (exec).
 */
export function shellReported(
  shells: ReadableStore<{ actual?: { pid: number } }>,
  pid: number | undefined,
  timeoutMs: number,
): Promise<void> {
  if (pid === undefined || shells.get().actual?.pid === pid) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const stop = shells.subscribe((s) => {
      if (s.actual?.pid === pid) done();
    });
  });
}
