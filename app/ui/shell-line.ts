// The line at the shell's prompt, from the screen and the keys the page sent: what Apply carries to
// the new shell, what its first ↑ brings back, and what the line's limit counts.
import { KeyLine } from "../core/key-line";
import { keysAtPrompt, typedAfterPrompt, type TypedLine } from "../core/typed-line";
import type { IdentityState } from "../core/lab-types";
import { HistoryCarry } from "./history-carry";
import type { TerminalView } from "./terminal-view";

export class ShellLine {
  private readonly keys = new KeyLine();
  private readonly history: HistoryCarry;

  constructor(private readonly view: () => TerminalView) {
    this.history = new HistoryCarry(() => view().enteredLine());
  }

  /**
   * What was typed at the prompt and not entered (undefined with no prompt on the cursor's line).
   * The screen alone would take a program's output for typed text where the prompt was drawn over
   * it (`printf '… ; touch /tmp/x\r'`), and Apply would type it for a new root shell.
   */
  current(): TypedLine | undefined {
    const line = this.view().typedLine();
    if (!line) return undefined;
    // Nothing typed since the last Enter: right of the prompt stands old output, not a line.
    if (!this.keys.typed) return { ...line, text: "" };
    // Moved left, the cursor may stand inside the line, and the screen's whole line is taken.
    if (this.keys.movedLeft) return line;
    // Otherwise the line ends at the cursor: what stands right of it is old output too.
    const exact = this.keys.exact;
    const byKeys = exact === undefined ? undefined : keysAtPrompt(line, exact);
    return { ...line, text: byKeys ?? typedAfterPrompt(line.head, line.head.length) };
  }

  /**
   * What to send for keys typed at `typed` (see current; `atPrompt`: current found a prompt on the
   * cursor's line): after Apply, ↑ brings back the last line.
   */
  input(typed: string | undefined, text: string, atPrompt: boolean): string {
    const sent = this.history.rewrite(typed, text);
    const entered = this.keys.input(sent);
    // A prompt whose end is uncertain (the line holds " $ ") is a prompt all the same: the line
    // entered there is the keys' (where they say it), not left to the screen at Apply's start.
    this.history.input(atPrompt ? (typed ?? "") : undefined, sent, entered[0]);
    return sent;
  }

  identity(state: IdentityState): void {
    this.history.identity(state);
  }
}
