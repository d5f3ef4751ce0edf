// The rows a terminal shows, as text to copy: wrapped rows joined into their lines, blank rows at the foot left out.

export interface ShownRow {
  text: string;
  /** The row goes on from the one above (the terminal wrapped a long line). */
  wrapped: boolean;
}

export function screenText(rows: readonly ShownRow[]): string {
  const lines: string[] = [];
  // Trimmed only once whole: a row the terminal wrapped may end in a space that is the line's.
  for (const row of rows) {
    if (row.wrapped && lines.length > 0) lines[lines.length - 1] += row.text;
    else lines.push(row.text);
  }
  const trimmed = lines.map((l) => l.trimEnd());
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === "") trimmed.pop();
  return trimmed.join("\n");
}
