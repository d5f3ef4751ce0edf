// What the keys sent since the last Enter say about the shell's line: the screen alone cannot tell
// a typed line from a program's output that the prompt was drawn over, or that looks like a prompt.

/** Keys that end the line: Enter (either byte), and Ctrl+C (the shell drops the line). */
const ENDS_LINE = new Set(["\r", "\n", "\u0003"]);
/** Keys that put the cursor left of the line's end (busybox's line editor): Ctrl+A, Ctrl+B. */
const MOVES_LEFT = new Set(["\u0001", "\u0002"]);
/** ←, Home (four spellings), Ctrl+← and Alt+← (CSI 1;5D, 1;3D), Alt+B. */
const MOVES_LEFT_SEQ = /^(?:\[(?:1;\d)?[DH]|O[DH]|\[[17]~|b)$/;
/** End (four spellings): the cursor is at the line's end again. */
const TO_END_SEQ = /^(?:\[(?:1;\d)?F|OF|\[[48]~)$/;
/** →, Ctrl+→, Alt+F, Delete: the line stays as it was (Delete at its end deletes nothing). */
const KEEPS_LINE_SEQ = /^(?:\[(?:1;\d)?C|OC|f|\[3~)$/;
/** ↑ and ↓: the shell puts an entry of its history on the line, the cursor at its end. */
const HISTORY_SEQ = /^(?:\[|O)[AB]$/;
/** What follows ESC in a key: CSI or SS3 with its final byte, or Alt+key (the sequences above, ESC taken off). */
const ESCAPE_SEQ = /^(?:\[[0-?]*[ -/]*[@-~]|O.|[^[O])?/;

export class KeyLine {
  /** The line as the keys made it; undefined once a key changed it in a way not followed here (Tab). */
  private line: string | undefined = "";
  /** A key moved the cursor left of the line's end: text right of it may be the line's. */
  private left = false;
  private touched = false;

  /** Any key reached the line since it began: until one does, it is empty whatever the screen shows. */
  get typed(): boolean {
    return this.touched;
  }

  /** The cursor may stand inside the line (← or Home since it began). */
  get movedLeft(): boolean {
    return this.left;
  }

  /** The line, where the keys alone say it exactly (printable keys and Backspace). */
  get exact(): string | undefined {
    return this.line;
  }

  /**
   * Keys on their way to the shell (or to a program it runs: Enter ends a line either way). Returns
   * each line that Enter entered, as the keys made it (undefined where they do not say exactly).
   */
  input(keys: string): Array<string | undefined> {
    const entered: Array<string | undefined> = [];
    for (let i = 0; i < keys.length;) {
      const ch = keys[i];
      if (ch === "\u001b") {
        const seq = ESCAPE_SEQ.exec(keys.slice(i + 1))?.[0] ?? "";
        this.escape(seq);
        i += 1 + seq.length;
        continue;
      }
      i += 1;
      if (ENDS_LINE.has(ch)) {
        if (ch !== "\u0003") entered.push(this.line);
        this.line = "";
        this.left = false;
        this.touched = false;
        continue;
      }
      this.touched = true;
      this.key(ch);
    }
    return entered;
  }

  private key(ch: string): void {
    if (ch === "\u007f" || ch === "\b") {
      // Backspace at the line's end; moved left, it deletes somewhere in the middle.
      this.line = this.left || this.line === undefined ? undefined : [...this.line].slice(0, -1).join("");
    } else if (ch === "\u0015") {
      // Ctrl+U kills what is left of the cursor: from the line's end, all of it.
      this.line = this.left ? undefined : "";
    } else if (ch === "\u000b" || ch === "\u0005") {
      // Ctrl+K kills from the cursor on, Ctrl+E goes to the end: either way the cursor is at the end.
      if (ch === "\u000b" && this.left) this.line = undefined;
      this.left = false;
    } else if (MOVES_LEFT.has(ch)) {
      this.left = true;
    } else if (ch === "\u000c" || ch === "\u0004") {
      // Ctrl+L draws the line again; Ctrl+D at the line's end deletes nothing (on an empty line the
      // shell ends, and the agent starts a new one).
    } else if (ch < " " || this.left) {
      // Tab completes, Ctrl+W kills a word, Ctrl+R searches, a key typed mid-line inserts there:
      // the keys alone no longer say what the line holds.
      this.line = undefined;
    } else if (this.line !== undefined) {
      this.line += ch;
    }
  }

  private escape(seq: string): void {
    this.touched = true;
    if (MOVES_LEFT_SEQ.test(seq)) {
      this.left = true;
    } else if (TO_END_SEQ.test(seq)) {
      this.left = false;
    } else if (HISTORY_SEQ.test(seq)) {
      this.line = undefined;
      this.left = false;
    } else if (!KEEPS_LINE_SEQ.test(seq) || (seq === "[3~" && this.left)) {
      this.line = undefined;
    }
  }
}
