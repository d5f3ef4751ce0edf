// The page's own lines in the terminal: a fresh line, dim, and broken at words to the terminal's width.
import { describe, expect, it } from "vitest";
import { terminalNote } from "./terminal-note";

// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[?!]?[\d;]*[a-zA-Z]|\u001b\(B|\u000f/g;

/** The note's rows as the terminal shows them: escape sequences gone, split at its line breaks. */
const rows = (note: string) => note.replace(ESCAPES, "").split("\r\n").slice(1);

describe("terminalNote", () => {
  const text =
    "its kernel restarted the machine; a fresh guest starts from the saved state (files written since are gone)";

  it("is one line where the terminal's width is not known", () => {
    expect(rows(terminalNote(text))).toEqual([`[exelab: ${text}]`]);
  });

  it("breaks at words to the terminal's width, never inside one", () => {
    const at40 = rows(terminalNote(text, 40));
    expect(at40.length).toBeGreaterThan(2);
    for (const row of at40) expect(row.length).toBeLessThanOrEqual(40);
    const words = `[exelab: ${text}]`.split(" ");
    expect(at40.join(" ").split(/\s+/)).toEqual(words);
  });
});
