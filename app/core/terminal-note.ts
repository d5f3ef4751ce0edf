// The page's own lines in the terminal ("[exelab: …]"), readable whatever the guest left it in.

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

/** A dim "[exelab: …]" line of the page's own, from a fresh line (no line break after it). */
export function terminalNote(text: string): string {
  return `${RESET}\r\n\u001b[2m[exelab: ${text}]\u001b[0m`;
}
