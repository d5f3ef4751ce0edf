// The page's own lines in the terminal ("[exelab: …]"), readable whatever the guest left it in.
import { wrapLine } from "./word-wrap";

/**
 * What a program may have left the terminal in, put back first, as the agent does before a new
 * shell's banner (vm-images/guest/agent-shell.inc): the alternate screen (the note would go with vi's
 * screen), mouse reports, then a soft reset (colours, modes) and the ASCII character set (after `cat`
 * of a binary file the note came out in line-drawing characters).
 */
const RESET = "\u001b[?1047l\u001b[?1000l\u001b[?1002l\u001b[?1003l\u001b[?1006l\u001b[!p\u001b(B\u000f";

/** Hide and show the cursor: a terminal with nothing behind it shows none. */
export const HIDE_CURSOR = "\u001b[?25l";
export const SHOW_CURSOR = "\u001b[?25h";

/**
 * A dim "[exelab: …]" line of the page's own, from a fresh line (no line break after it). Given the
 * terminal's width, broken at words as the guest's own notes are: the terminal would break it
 * mid-word ("…from the saved stat" / "e (files…").
 */
export function terminalNote(text: string, cols?: number): string {
  const line = `[exelab: ${text}]`;
  const rows = cols === undefined ? [line] : wrapLine(line, cols);
  return `${RESET}\r\n\u001b[2m${rows.join("\r\n")}\u001b[0m`;
}
