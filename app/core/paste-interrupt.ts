// Ctrl+C after a long paste: it overtakes what the guest has not read of the paste, instead of waiting behind it.
import type { AgentClient } from "./agent-client";
import type { GuestSession } from "./session-launcher";

/** A chunk of input this big, or with this many line breaks, is a paste (no one types that fast). */
const PASTE_BYTES = 512;
const PASTE_LINES = 2;
/**
 * How long after a paste a Ctrl+C may still find part of it unread: a script pasted line by line
 * keeps the shell busy for a while (some 50 ms a line).
 */
const PASTE_READ_MS = 60_000;
/** The agent's answer is waited for this long (a guest whose CPU is taken): then the key goes as typed. */
const INTERRUPT_WAIT_MS = 1000;

const CTRL_C = "\u0003";

export interface InterruptibleGuest {
  session: GuestSession;
  agent: AgentClient;
}

/**
 * Typed keys go to the guest in order, so a Ctrl+C typed after a long paste waited behind all of
 * it, for as long as the shell took to run it line by line: the page looked as if it ignored the
 * key. Within a while of a paste, Ctrl+C drops what the guest has not read (the emulator's part, then
 * the kernel's, by the agent) and then reaches the terminal as if typed.
 */
export class PasteInterrupt {
  private pastedAt = -Infinity;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /**
   * Takes a ^C that may overtake a paste (true: it is on its way, by the agent, or as typed should
   * the agent not answer); anything else only notes whether it is a paste, and goes as typed (false).
   */
  take(text: string, guest: InterruptibleGuest | undefined, typed: (text: string) => void): boolean {
    if (text !== CTRL_C || !guest || this.now() - this.pastedAt >= PASTE_READ_MS) {
      if (text.length >= PASTE_BYTES || (text.match(/[\r\n]/g)?.length ?? 0) >= PASTE_LINES)
        this.pastedAt = this.now();
      return false;
    }
    this.pastedAt = -Infinity;
    guest.session.dropConsoleInput();
    guest.agent.request({ type: "interrupt" }, INTERRUPT_WAIT_MS).catch(() => typed(text));
    return true;
  }
}
