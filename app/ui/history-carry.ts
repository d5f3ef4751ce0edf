// The last command across Apply: the new shell starts with an empty history, and ↑ Enter (a speaker's
// way to run the command again under the new identity) brought nothing back.
import type { IdentityState } from "../core/lab-types";

/** ↑ as the terminal sends it: normal and application cursor mode. */
const UP = new Set(["\u001b[A", "\u001bOA"]);

export class HistoryCarry {
  /**
   * `readEntered`: the line entered last, read off the screen now (a view's enteredLine). At an
   * Apply's start it is the whole line: read as Enter was pressed, a line typed fast (a Tab
   * completion, Enter 100 ms later) could still lack its last keys' echo, and ↑ brought back
   * "/usr/sbin/ss" for "/usr/sbin/sshd", or nothing.
   */
  constructor(private readonly readEntered: () => string | undefined = () => undefined) {}

  /**
   * The last line entered at a prompt, as the screen showed it when Enter was pressed, or the keys
   * made it.
   */
  private last: string | undefined;
  /** The old shell's last line, waiting for the new shell's first ↑ at an empty prompt. */
  private carried: string | undefined;
  /** The last Enter's line was read (`last` is it); else the screen's line at Apply's start is. */
  private sure = true;
  private applying = false;

  /**
   * Keys on their way to the shell; `typed` is the line at the prompt before them, as the screen
   * shows it ("" when it may be stale, undefined with no prompt in sight: a program reads the keys),
   * and `keys` the line as the keys typed since the last Enter made it, where they say it exactly.
   * Only a lone Enter is read: in a paste the screen has not drawn the line yet.
   */
  input(typed: string | undefined, text: string, keys?: string): void {
    if (text !== "\r" || typed === undefined) return;
    const line = typed.trim() ? typed : keys;
    // An empty line is no entry of the shell's history.
    if (line !== undefined && !line.trim()) return;
    // Unknown (the echo lags behind Tab's completion): the screen says it at Apply's start.
    this.sure = line !== undefined;
    if (line !== undefined) this.last = line.trim();
    // The new shell has a history of its own now.
    this.carried = undefined;
  }

  /**
   * The identity's state: an Apply, from its start, carries the last line for the new shell. Not
   * from the new shell's report: on a loaded machine the guest reports it after its prompt is up,
   * and a ↑ pressed at that prompt found nothing carried yet.
   */
  identity(state: IdentityState): void {
    if (state.applying && !this.applying) this.carried = this.lastEntered();
    // A failed Apply leaves the old shell, with its own history.
    else if (!state.applying && state.error) this.carried = undefined;
    this.applying = state.applying;
  }

  /**
   * The screen's line, where it goes on from the one read as Enter was pressed (the rest of a
   * completion); not where it is another: a program's output that looks like a prompt with a line
   * ("[uid 0] ~ # rm -rf ~") would be offered as the learner's command.
   */
  private lastEntered(): string | undefined {
    const screen = this.readEntered();
    return screen !== undefined && (!this.sure || this.last === undefined || screen.startsWith(this.last))
      ? screen
      : this.last;
  }

  /** What to send for `text`: at the new shell's empty prompt, its first ↑ types the carried line. */
  rewrite(typed: string | undefined, text: string): string {
    if (this.carried === undefined || typed !== "" || !UP.has(text)) return text;
    const line = this.carried;
    this.carried = undefined;
    return line;
  }
}
