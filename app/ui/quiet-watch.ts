// When a terminal is quiet: nothing the user typed still waits for the guest, and no output for a while.
import { editsLine } from "../core/line-limit";
import { isTerminalReport } from "../core/terminal-report";

/** A key that gets no output (a bell, say) is not waited for longer than this. */
const ANSWER_WAIT_MS = 500;
/** An edit key's answer is waited for longer: a loaded guest can take a second to redraw a line. */
const EDIT_ANSWER_WAIT_MS = 2000;
/** An edit key's answer (a line redrawn) is taken as drawn this long after it began. */
const LINE_SETTLE_MS = 150;

export class QuietWatch {
  private lastInput = -Infinity;
  private lastOutput = -Infinity;
  private lastEdit = -Infinity;
  /** When the first output after the last edit key came: the start of its answer. */
  private editAnswer = -Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Input on its way to the guest (xterm's onData). */
  input(text: string): void {
    if (isTerminalReport(text)) return;
    this.lastInput = this.now();
    if (editsLine(text)) this.lastEdit = this.lastInput;
  }

  /** Output from the guest, handed to xterm. */
  output(): void {
    this.lastOutput = this.now();
    if (this.editAnswer < this.lastEdit) this.editAnswer = this.lastOutput;
  }

  /** Milliseconds until the terminal will have been quiet for `ms` if nothing happens; 0: it has. */
  quietIn(ms: number): number {
    const now = this.now();
    const awaiting = this.lastInput > this.lastOutput && now - this.lastInput < ANSWER_WAIT_MS;
    if (awaiting) return Math.max(ms, this.lastInput + ANSWER_WAIT_MS - now);
    return Math.max(0, this.lastOutput + ms - now);
  }

  /**
   * Whether the line on screen may be one the shell no longer has: a key that deletes, moves or
   * runs (Ctrl+U, Backspace, Enter) is on its way, or its answer began less than `ms` ago and may
   * still be being drawn. Until then the screen says nothing sure about what the shell holds. Timed
   * from the answer's start, not from the latest output: the echo of keys typed after it keeps
   * coming, and would hold the line unread for as long as the typing goes on.
   */
  lineMayLag(ms = LINE_SETTLE_MS): boolean {
    const now = this.now();
    if (this.editAnswer >= this.lastEdit) return now - this.editAnswer < ms;
    return now - this.lastEdit < EDIT_ANSWER_WAIT_MS;
  }
}
