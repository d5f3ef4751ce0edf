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

/** Whether `input` moves, deletes or runs (Enter, Backspace, Ctrl+U, arrows, Tab) rather than only adds text. */
export function editsLine(input: string): boolean {
  return input.search(NOT_TEXT) >= 0;
}

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
 * `input` as the shell at the prompt would keep it: the text of its first line past the limit
 * (counting `typedBefore`) dropped. The shell drops it anyway, one key at a time, and a pasted
 * 100 KB line costs the guest seconds for nothing. Later lines stay whole: a command run by the
 * first may read them, and a program's line takes more (4,095 bytes). A line with keys that move or
 * delete stays whole too (a Backspace makes room again: the page would have to replay the editor).
 * A character that does not fit whole is dropped whole (the shell would keep half its bytes).
 */
export function fitFirstLine(typedBefore: string, input: string): string {
  const lineEnd = input.search(LINE_BREAK);
  const first = lineEnd < 0 ? input : input.slice(0, lineEnd);
  let room = SHELL_LINE_LIMIT - encoder.encode(typedBefore).length;
  if (first.search(NOT_TEXT) >= 0 || encoder.encode(first).length <= room) return input;
  let kept = "";
  for (const char of first) {
    if (room === 0) break;
    const size = encoder.encode(char).length;
    if (size > room) continue;
    kept += char;
    room -= size;
  }
  return kept + (lineEnd < 0 ? "" : input.slice(lineEnd));
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
