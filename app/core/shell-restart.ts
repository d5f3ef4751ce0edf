// Replacing the terminal's shell: keys typed meanwhile wait for the new one's prompt, then go to it.
import type { ConsoleInput } from "./console-input";
import type { BootedGuest } from "./guest-boot";
import type { Identity } from "./protocol";
import { promptAfterRestart } from "./shell-prompt";

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
 */
export type RestartShell = (g: BootedGuest, next: Identity, carry?: string, clear?: boolean) => Promise<void>;

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
      await g.agent.request({ type: "shell", identity: next, clear });
      await Promise.race([prompt, tornDown]);
    } finally {
      keep();
      restarting -= 1;
      // During start-up, start() opens the console once the rest is set too.
      if (restarting === 0 && ctx.isReady(g)) input.open(g.session);
    }
  };
}
