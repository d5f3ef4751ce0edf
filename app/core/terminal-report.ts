// Telling what the terminal answers by itself from what is typed: both reach the guest as input.

/**
 * Replies the terminal sends by itself when the guest asks (cursor position, device attributes, focus):
 * not typing, and no output ever answers them (ash asks for the cursor position after each prompt).
 */
const ESC = "\u001b";
const TERMINAL_REPORT = new RegExp(`^${ESC}\\[(\\d+;\\d+R|[?>]?[\\d;]*c|[IO]|0n)$`);

/** Whether `text` is such a reply rather than something typed. */
export const isTerminalReport = (text: string): boolean => TERMINAL_REPORT.test(text);
