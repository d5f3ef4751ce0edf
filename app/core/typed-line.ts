// What the learner typed at the shell's prompt but has not entered yet, read off the terminal's line.

/**
 * The guest's prompt (PS1 in /etc/shrc): "[uid 1000] ~ $ ", "[uid 0 (userns)] /tmp # ". Where the
 * place ends is only certain when " $ " or " # " occurs once on the line: a directory may be named
 * "x $ rm -rf ~", and a typed line may hold "# a comment".
 */
const PROMPT = /\[uid \d+(?: \(userns\))?\] .*? [$#] /;
/** A prompt that ends the text: what is left once the typed keys are taken off the line's head. */
const PROMPT_AT_END = /\[uid \d+(?: \(userns\))?\] .* [$#] $/;
const PROMPT_END = / [$#] /g;

/**
 * The text after the prompt on `line` (the terminal's line with its wrapped rows joined) when the
 * cursor is at `cursor`: up to its last character, or to the cursor when that is further right (a
 * space typed last counts). Undefined when the line holds no prompt (a program runs, say), or when
 * where the prompt ends is uncertain.
 */
export function typedAfterPrompt(line: string, cursor: number): string | undefined {
  const prompt = PROMPT.exec(line);
  if (!prompt) return undefined;
  // Ambiguous: carrying a guess could hand a root shell part of the prompt as a command.
  if ((line.slice(prompt.index).match(PROMPT_END) ?? []).length > 1) return undefined;
  const start = prompt.index + prompt[0].length;
  const end = Math.max(line.trimEnd().length, Math.min(cursor, line.length));
  return line.slice(start, Math.max(start, end));
}

/** A terminal row as a view gives it. */
export interface TermRow {
  /** Its text to the last column. */
  text: string;
  /** The terminal wrapped the line above into this row. */
  wrapped: boolean;
  /** Something was written to its last column (a space too): the line may go on in the next row. */
  full: boolean;
}

/** The line typed at the prompt, and the row the cursor is on, counted from the prompt's (0). */
export interface TypedLine {
  /** See typedAfterPrompt: undefined where the prompt's end is uncertain. */
  text: string | undefined;
  /** The line's rows joined, up to the cursor: the prompt, and what is left of the cursor. */
  head: string;
  /** How far busybox's line editor moves up to draw its line again (on SIGWINCH, say). */
  row: number;
}

/** The most rows of one line looked for: longer lines are not carried (nor made room for). */
export const MAX_ROWS = 40;

/** Whether row `y` goes on the line of the row above it (see typedAtCursor). */
function rowContinues(readRow: (y: number) => TermRow | undefined, y: number): boolean {
  const row = readRow(y);
  const before = readRow(y - 1);
  return !!row && !!before && (row.wrapped || before.full);
}

/**
 * What was typed at the prompt on the line the cursor is on (see typedAfterPrompt), its rows joined,
 * and the cursor's row in it; undefined where the line holds no prompt:
 * a row continues the one before it when the terminal wrapped into it, or when the one before is
 * full to the last column (busybox's line editor moves to the next row itself at the edge, so the
 * terminal never marks its rows as wrapped).
 */
export function typedAtCursor(
  readRow: (y: number) => TermRow | undefined,
  cursor: { x: number; y: number },
  cols: number,
): TypedLine | undefined {
  // Each row is asked for up to three times below; a view builds its text anew each time.
  const read = new Map<number, TermRow | undefined>();
  const rowAt = (y: number) => {
    if (!read.has(y)) read.set(y, readRow(y));
    return read.get(y);
  };
  const continues = (y: number) => rowContinues(rowAt, y);
  // Up to the line's first row, then down to its last; a line that goes on past MAX_ROWS either way
  // is given up whole (cut, it would carry half a command).
  let first = cursor.y;
  let last = cursor.y;
  for (; continues(first); first -= 1) if (last - first + 1 >= MAX_ROWS) return undefined;
  for (; continues(last + 1); last += 1) if (last - first + 1 >= MAX_ROWS) return undefined;
  const rows: string[] = [];
  for (let y = first; y <= last; y++) rows.push(rowAt(y)?.text ?? "");
  // Rows before the last are taken whole: a space at a row's end is part of the line.
  const text = rows.map((row, i) => (i < rows.length - 1 ? row.padEnd(cols).slice(0, cols) : row)).join("");
  if (!PROMPT.test(text)) return undefined;
  const at = (cursor.y - first) * cols + cursor.x;
  const head = text.padEnd(at).slice(0, at);
  return { text: typedAfterPrompt(text, at), head, row: cursor.y - first };
}

/** The most rows looked back over for the line entered last: a screen and some of its history. */
const ENTERED_SCAN_ROWS = 1000;

/**
 * The line entered at the nearest prompt above the line the cursor is on, as the screen shows it
 * now, its rows joined; prompts left empty are passed over, as the shell's history passes them over.
 * Read once the echo has long caught up (an Apply's start), it is the whole line the shell ran, where
 * the line read as Enter was pressed may still lack the keys typed just before it.
 */
export function enteredAbove(
  readRow: (y: number) => TermRow | undefined,
  cursorY: number,
  cols: number,
): string | undefined {
  let y = cursorY;
  while (y > 0 && rowContinues(readRow, y) && cursorY - y < MAX_ROWS) y -= 1;
  for (y -= 1; y >= 0 && cursorY - y <= ENTERED_SCAN_ROWS; y -= 1) {
    const row = readRow(y);
    if (!row || !PROMPT.test(row.text)) continue;
    const typed = typedAtCursor(readRow, { x: 0, y }, cols)?.text?.trim();
    if (typed) return typed;
  }
  return undefined;
}

/**
 * The line at the prompt as the keys typed since it began say it, where the screen agrees: its head
 * (up to the cursor) is a prompt followed by exactly those keys. That settles where the prompt ends
 * when the line itself holds " $ " (`echo '[uid 1000] ~ $ ls'`). Undefined where the screen does
 * not show them (its echo lags, or a program took some of them).
 */
export function keysAtPrompt(line: TypedLine, keys: string): string | undefined {
  if (!line.head.endsWith(keys)) return undefined;
  return PROMPT_AT_END.test(line.head.slice(0, line.head.length - keys.length)) ? keys : undefined;
}

/**
 * How many rows below its prompt's first row busybox's line editor reckons the cursor is once the
 * terminal is `cols` wide, as it moves up that far to draw its line again (SIGWINCH): the larger of
 * the row it last drew the cursor on and the row the cursor's place falls on at the new width.
 */
export function redrawRowsAfterResize(line: TypedLine, cols: number): number {
  return Math.max(line.row, Math.floor(line.head.length / Math.max(1, cols)));
}
