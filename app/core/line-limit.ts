// The longest line the guest's shell takes: busybox's line editor drops every key past it, silently.
import { Store } from "./store";

/**
 * Busybox's line editing buffer (FEATURE_EDITING_MAX_LEN, 1,024) less its terminating zero. It counts
 * bytes: the guest has no locale, so a character like "é" takes two.
 */
export const SHELL_LINE_LIMIT = 1023;

const encoder = new TextEncoder();

/**
 * Whether `input`, arriving after `typedBefore` (the text of the line at the prompt so far), makes a
 * line longer than the shell takes: its first line continues that one, later ones start anew.
 */
export function overflowsLine(typedBefore: string, input: string): boolean {
  return input
    .split(/\r\n?|\n/)
    .some((line, i) => encoder.encode(i === 0 ? typedBefore + line : line).length > SHELL_LINE_LIMIT);
}

/**
 * Whether to say that a line went past the limit: from the input that made it so until the first
 * key after the Enter that ran it cut short, so the note stays while its output is read.
 */
export class LongLineWatch {
  readonly shown = new Store(false);
  private entered = false;

  /** Input on its way to the shell, `typedBefore` the line at the prompt; `key`: typed, not the terminal's own answer. */
  input(typedBefore: string, text: string, key: boolean): void {
    if (!key) return;
    if (overflowsLine(typedBefore, text)) {
      this.shown.set(true);
      this.entered = /[\r\n]/.test(text);
    } else if (this.shown.get()) {
      if (this.entered) this.shown.set(false);
      else this.entered = /[\r\n]/.test(text);
    }
  }
}
