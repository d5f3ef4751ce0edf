// The longest line the guest's shell takes: busybox's line editor drops every key past it, silently.
import { Store } from "./store";

/**
 * Busybox's line editor takes a key only while the line is shorter than its buffer
 * (FEATURE_EDITING_MAX_LEN, 1,024) less two: room for the newline and the terminating zero. It
 * counts bytes: the guest has no locale, so a character like "é" takes two.
 */
export const SHELL_LINE_LIMIT = 1022;

const encoder = new TextEncoder();
const LINE_BREAK = /\r\n?|\n/;
/** Keys that move, delete or complete rather than add text: escape sequences, controls, DEL. */
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /\u001b(?:\[[0-?]*[ -/]*[@-~]|O.|.)?|[\u0000-\u001f\u007f]/g;

/**
 * Which line of `input`, arriving after `typedBefore` (the text at the prompt so far), is the first
 * to be longer than the shell takes (its first line continues that text, later ones start anew),
 * or -1 if none is.
 */
export function overflowingLine(typedBefore: string, input: string): number {
  return input
    .split(LINE_BREAK)
    .findIndex(
      (line, i) =>
        encoder.encode((i === 0 ? typedBefore : "") + line.replace(NOT_TEXT, "")).length > SHELL_LINE_LIMIT,
    );
}

/**
 * Whether to say that a line went past the limit: from the input that made it so until the first
 * key after the Enter that ran it cut short, so the note stays while its output is read.
 */
export class LongLineWatch {
  readonly shown = new Store(false);
  /** The cut line has been entered: the next key hides the note. */
  private entered = false;

  /** Input on its way to the shell, `typedBefore` the line at the prompt; `key`: typed, not the terminal's own answer. */
  input(typedBefore: string, text: string, key: boolean): void {
    if (!key) return;
    const breaks = text.split(LINE_BREAK).length - 1;
    const over = overflowingLine(typedBefore, text);
    if (over >= 0) {
      this.shown.set(true);
      // Entered only if a line break follows the line that overflowed, in this same input.
      this.entered = over < breaks;
    } else if (this.shown.get()) {
      if (this.entered) this.shown.set(false);
      else this.entered = breaks > 0;
    }
  }
}
