// When a terminal is quiet: nothing the user typed still waits for the guest, and no output for a while.
import { isTerminalReport } from "../core/terminal-report";

/** A key that gets no output (a bell, say) is not waited for longer than this. */
const ANSWER_WAIT_MS = 500;

export class QuietWatch {
  private lastInput = -Infinity;
  private lastOutput = -Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Input on its way to the guest (xterm's onData). */
  input(text: string): void {
    if (!isTerminalReport(text)) this.lastInput = this.now();
  }

  /** Output from the guest, handed to xterm. */
  output(): void {
    this.lastOutput = this.now();
  }

  /** Milliseconds until the terminal will have been quiet for `ms` if nothing happens; 0: it has. */
  quietIn(ms: number): number {
    const now = this.now();
    const awaiting = this.lastInput > this.lastOutput && now - this.lastInput < ANSWER_WAIT_MS;
    if (awaiting) return Math.max(ms, this.lastInput + ANSWER_WAIT_MS - now);
    return Math.max(0, this.lastOutput + ms - now);
  }
}
