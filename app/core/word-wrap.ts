// Wraps the guest's welcome text at words to the terminal's width, as the guest's /etc/profile does.
//
// The saved state's screen was printed at 80 columns; a terminal narrower than that (a phone, a
// speaker's big font) would break its lines mid-word. The guest wraps the same text the same way
// when a new shell prints it (vm-images/guest/wrap.awk; tests/guest/tools.test.ts compares them).

/** A continuation line is indented at most this share of the width: the rest is left for words. */
const MAX_INDENT_SHARE = 0.5;

/**
 * Where a line's continuation starts: under its description when it has one ("  caps      who you
 * are…": the column after the first run of two or more spaces), else two past its own indent.
 */
function hangingIndent(line: string, cols: number): number {
  const lead = /^ */.exec(line)?.[0].length ?? 0;
  const described = /^ *\S+(?: \S+)*? {2,}(?=\S)/.exec(line);
  const column = described ? described[0].length : lead + 2;
  return column <= Math.floor(cols * MAX_INDENT_SHARE) ? column : Math.min(lead + 2, Math.floor(cols / 4));
}

/** One line (no line ends) as rows of at most `cols` characters, broken at spaces where possible. */
export function wrapLine(line: string, cols: number): string[] {
  // Escape sequences have no width that could be counted here: such a line stays as it is.
  if (line.length <= cols || cols < 8 || line.includes("\u001b")) return [line];
  const indent = " ".repeat(hangingIndent(line, cols));
  const rows: string[] = [];
  let rest = line;
  let prefix = "";
  while (prefix.length + rest.length > cols) {
    const room = cols - prefix.length;
    // The last space that leaves the row within `room` (a space at `room` itself ends the row).
    let cut = rest.lastIndexOf(" ", room);
    // Only the line's own indent before it (or one word longer than a row): cut inside the word.
    if (cut <= (prefix ? 0 : (/^ */.exec(rest)?.[0].length ?? 0))) cut = room;
    rows.push(prefix + rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
    prefix = indent;
  }
  if (rest) rows.push(prefix + rest);
  return rows;
}

/**
 * Text as a terminal shows it (lines ending "\r\n") wrapped to `cols`, except its last line: the
 * shell's prompt, after which the shell itself keeps track of the cursor.
 */
export function wrapScreen(text: string, cols: number): string {
  const lines = text.split("\r\n");
  const last = lines.pop() ?? "";
  return [...lines.flatMap((l) => wrapLine(l, cols)), last].join("\r\n");
}
