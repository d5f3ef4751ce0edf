// Ctrl+C after a long paste: it overtakes what the guest has not read of the paste, instead of waiting behind it.
import type { GuestLink } from "./guest-boot";

/** A chunk of input this big, or with this many line breaks, is a paste (no one types that fast). */
const PASTE_BYTES = 512;
const PASTE_LINES = 2;

export const isPaste = (text: string): boolean =>
  text.length >= PASTE_BYTES || (text.match(/\r\n?|\n/g)?.length ?? 0) >= PASTE_LINES;
/**
 * How long after a paste a Ctrl+C may still find part of it unread: a script pasted line by line
 * keeps the shell busy for a while (some 50 ms a line).
 */
const PASTE_READ_MS = 60_000;
/**
 * The agent acts only until this long after the key (a guest whose CPU is taken may read the request
 * late), and its answer is waited for until the deadline has passed by the guest's clock too, which
 * may be a second behind the page's (it is set to whole seconds): then the key goes as typed.
 */
const DEADLINE_MS = 1000;
const ANSWER_WAIT_MS = DEADLINE_MS + 1600;

const CTRL_C = "\u0003";

/**
 * Typed keys go to the guest in order, so a Ctrl+C typed after a long paste waited behind all of
 * it, for as long as the shell took to run it line by line: the page looked as if it ignored the
 * key. Within a while of a paste, Ctrl+C goes by the agent, which drops what the guest has not read
 * and puts the ^C in as if typed, where ^C interrupts (see req_interrupt in agent-requests.inc).
 */
export class PasteInterrupt {
  private pastedAt = -Infinity;
  /**
   * Keys typed while the agent is at it: they wait for its answer, or the emulator's drop (and the
   * guest's flush of its terminal's input) would take them with the paste's rest.
   */
  private held: string[] | undefined;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /**
   * Takes a ^C that may overtake a paste (true: it is on its way, by the agent, or as typed should
   * the agent not answer), and the keys after it until then (true); anything else only notes whether
   * it is a paste, and goes as typed (false).
   */
  take(text: string, guest: GuestLink | undefined, typed: (text: string) => void): boolean {
    if (this.held) {
      this.held.push(text);
      return true;
    }
    if (text !== CTRL_C || !guest || this.now() - this.pastedAt >= PASTE_READ_MS) {
      if (isPaste(text)) this.pastedAt = this.now();
      return false;
    }
    this.pastedAt = -Infinity;
    this.held = [];
    const release = () => {
      const keys = this.held ?? [];
      this.held = undefined;
      for (const key of keys) typed(key);
    };
    guest.agent
      .request({ type: "interrupt", before: this.now() + DEADLINE_MS }, ANSWER_WAIT_MS)
      .then((answer) => {
        // Done: what the emulator still holds of the paste would come after the ^C. Not done (in vi,
        // say, ^C is a key like any other): it goes behind the paste, as typed.
        if (answer.done === "1") guest.session.dropConsoleInput();
        else typed(text);
      })
      .catch(() => typed(text))
      .finally(release);
    return true;
  }
}
