// Reading what was typed at the prompt off a terminal line, so a new shell can be given it again.
import { describe, expect, it } from "vitest";
import {
  enteredAbove,
  keysAtPrompt,
  redrawRowsAfterResize,
  typedAfterPrompt,
  typedAtCursor,
  type TermRow,
} from "./typed-line";

/** The text typedAtCursor finds (its row is tested on its own below). */
const typedText = (...args: Parameters<typeof typedAtCursor>) => typedAtCursor(...args)?.text;

describe("typedAfterPrompt", () => {
  it("takes the text after the prompt, without the row's blank end", () => {
    expect(typedAfterPrompt("[uid 1000] ~ $ setexe /bin/true    ", 30)).toBe("setexe /bin/true");
  });

  it("keeps a space typed last, where the cursor stands after it", () => {
    const line = "[uid 1000] ~ $ setexe     ";
    expect(typedAfterPrompt(line, "[uid 1000] ~ $ setexe ".length)).toBe("setexe ");
  });

  it("keeps the text right of the cursor (moved back with the arrow keys)", () => {
    expect(typedAfterPrompt("[uid 0] /tmp # caps --help", 17)).toBe("caps --help");
  });

  it("reads the prompts of other identities and places", () => {
    expect(typedAfterPrompt("[uid 0 (userns)] /home/learner # ls", 99)).toBe("ls");
  });

  it("finds nothing when the prompt's end is uncertain: a place or a typed line holding ' $ ' or ' # '", () => {
    // Carried as typed, this would hand the new (root) shell "rm -rf ~ $ ls".
    expect(typedAfterPrompt("[uid 1000] /tmp/x $ rm -rf ~ $ ls", 99)).toBeUndefined();
    expect(typedAfterPrompt("[uid 0] ~ # ls # a comment", 99)).toBeUndefined();
    expect(typedAfterPrompt("[uid 0] ~ # echo $HOME#x", 99)).toBe("echo $HOME#x");
  });

  it("gives an empty text at a bare prompt", () => {
    expect(typedAfterPrompt("[uid 1000] ~ $ ", 15)).toBe("");
  });

  it("finds nothing where no prompt is: a program's output, a full-screen program", () => {
    expect(typedAfterPrompt("64 bytes from 127.0.0.1", 10)).toBeUndefined();
    expect(typedAfterPrompt("", 0)).toBeUndefined();
  });
});

describe("typedAtCursor", () => {
  const COLS = 20;
  /** Rows as xterm gives them (padded to the width), `wrapped` where the terminal wrapped into one. */
  const screen =
    (rows: string[], wrapped: number[] = []) =>
    (y: number): TermRow | undefined =>
      y >= 0 && y < rows.length
        ? { text: rows[y].padEnd(COLS), wrapped: wrapped.includes(y), full: rows[y].length >= COLS }
        : undefined;

  it("joins the rows busybox's line editor filled to the edge itself", () => {
    const rows = ["output", "[uid 1000] ~ $ echo ", "12345678901234 abcd ", "efg"];
    expect(typedText(screen(rows), { x: 3, y: 3 }, COLS)).toBe("echo 12345678901234 abcd efg");
  });

  it("joins the rows the terminal wrapped, and those after the cursor", () => {
    const rows = ["[uid 0] ~ # ls -l /p", "roc/self/exe", ""];
    expect(typedText(screen(rows, [1]), { x: 13, y: 0 }, COLS)).toBe("ls -l /proc/self/exe");
  });

  it("keeps a row's blanks at the edge, inside the line", () => {
    const rows = ["[uid 1000] ~ $ echo ", "x"];
    expect(typedText(screen(rows, [1]), { x: 1, y: 1 }, COLS)).toBe("echo x");
  });

  it("finds nothing when the cursor's line holds no prompt (a program reads the terminal)", () => {
    expect(typedText(screen(["[uid 1000] ~ $ cat", "half a li"]), { x: 9, y: 1 }, COLS)).toBeUndefined();
  });

  it("joins a row the terminal wrapped into though the row above stops short of the edge", () => {
    // A wide character that does not fit in the last column goes to the next row and leaves that
    // column empty: the row above is not full, yet the line goes on. (Cursor moved back onto "echo".)
    const rows = ["[uid 0] ~ # echo ab".padEnd(COLS), "日本".padEnd(COLS - 2)];
    const row = (y: number) =>
      y === 0 || y === 1 ? { text: rows[y], wrapped: y === 1, full: false } : undefined;
    expect(typedText(row, { x: 12, y: 0 }, COLS)).toMatch(/^echo ab ?日本$/);
  });

  it("says the cursor's row in the line, counted from the prompt's: where the line editor redraws from", () => {
    const rows = ["[uid 1000] ~ $ echo ".padEnd(COLS, "y"), "y".repeat(COLS), "tail"];
    expect(typedAtCursor(screen(rows), { x: 4, y: 2 }, COLS)?.row).toBe(2);
    expect(typedAtCursor(screen(rows), { x: 16, y: 0 }, COLS)?.row).toBe(0);
    expect(typedAtCursor(screen(["[uid 1000] ~ $ ls"]), { x: 17, y: 0 }, COLS)).toEqual({
      text: "ls",
      head: "[uid 1000] ~ $ ls",
      row: 0,
    });
  });

  it("gives the line's head up to the cursor, and a row though where the prompt ends is uncertain", () => {
    const rows = ["[uid 0] ~ # echo abc", "a # b"];
    expect(typedAtCursor(screen(rows), { x: 1, y: 1 }, COLS)).toEqual({
      text: undefined,
      head: "[uid 0] ~ # echo abca",
      row: 1,
    });
    // A space typed last is in the head too, though the row's text ends before it.
    expect(
      typedAtCursor(() => ({ text: "[uid 0] ~ # ls", wrapped: false, full: false }), { x: 15, y: 0 }, COLS)
        ?.head,
    ).toBe("[uid 0] ~ # ls ");
  });

  it("keeps spaces typed last on a later row of the line, where the cursor stands after them", () => {
    const rows = ["[uid 1000] ~ $ echo ", "abc  "];
    expect(typedText(screen(rows), { x: 5, y: 1 }, COLS)).toBe("echo abc  ");
  });

  it("reads a line of forty rows, and gives up on one of forty-one", () => {
    /** A line of `n` rows, each full to the edge, the cursor on its last. */
    const line = (n: number) => [
      "[uid 1000] ~ $ echo".padEnd(COLS, "z"),
      ...Array.from({ length: n - 2 }, () => "z".repeat(COLS)),
      "end",
    ];
    expect(typedText(screen(line(40)), { x: 3, y: 39 }, COLS)).toBe(`echo${"z".repeat(1 + 38 * COLS)}end`);
    expect(typedText(screen(line(41)), { x: 3, y: 40 }, COLS)).toBeUndefined();
  });

  it("gives up on a long line read downward from its prompt row too, rather than carrying its start", () => {
    const rows = [
      "[uid 1000] ~ $ echo".padEnd(COLS, "z"),
      ...Array.from({ length: 45 }, () => "z".repeat(COLS)),
      "end",
    ];
    expect(typedText(screen(rows), { x: 16, y: 0 }, COLS)).toBeUndefined();
  });

  it("gives up on a line longer than forty rows rather than reading the whole screen", () => {
    const rows = ["[uid 1000] ~ $ echo", ...Array.from({ length: 45 }, () => "z".repeat(COLS)), "end"];
    expect(typedText(screen(rows), { x: 3, y: rows.length - 1 }, COLS)).toBeUndefined();
  });

  it("reads the light screen's rows, trimmed, as well", () => {
    const trimmed = (rows: string[]) => (y: number) =>
      y >= 0 && y < rows.length ? { text: rows[y], wrapped: false, full: rows[y].length >= COLS } : undefined;
    expect(typedText(trimmed(["[uid 1000] ~ $ setex", "e /bin/true"]), { x: 10, y: 1 }, COLS)).toBe(
      "setexe /bin/true",
    );
  });
});

describe("enteredAbove", () => {
  const COLS = 20;
  const screen =
    (rows: string[]) =>
    (y: number): TermRow | undefined =>
      y >= 0 && y < rows.length
        ? { text: rows[y].padEnd(COLS), wrapped: false, full: rows[y].length >= COLS }
        : undefined;

  it("is the line entered at the last prompt above, its rows joined, past empty prompts and output", () => {
    const rows = [
      "[uid 1000] ~ $ ls",
      "a b",
      "[uid 1000] ~ $ setex",
      "e /usr/sbin/sshd",
      "setexe: EPERM",
      "[uid 1000] ~ $",
      "[uid 1000] ~ $ half",
    ];
    expect(enteredAbove(screen(rows), 6, COLS)).toBe("setexe /usr/sbin/sshd");
  });

  it("passes over the rows of the line at the cursor (a long line not yet entered)", () => {
    const rows = ["[uid 0] ~ # id", "uid=0", "[uid 0] ~ # echo 123".padEnd(COLS), "456"];
    expect(enteredAbove(screen(rows), 3, COLS)).toBe("id");
  });

  it("is nothing when no prompt above holds a line (a cleared screen)", () => {
    expect(enteredAbove(screen(["[uid 1000] ~ $", "[uid 1000] ~ $ x"]), 1, COLS)).toBeUndefined();
  });
});

describe("keysAtPrompt", () => {
  const line = (head: string) => ({ text: undefined, head, row: 0 });

  it("is the keys where the line's head is a prompt and then exactly them", () => {
    // The line holds " $ ", so the screen alone cannot say where the prompt ends.
    const keys = "echo '[uid 1000] ~ $ ls'";
    expect(keysAtPrompt(line(`[uid 1000] ~ $ ${keys}`), keys)).toBe(keys);
    expect(keysAtPrompt(line("output[uid 0] /tmp # "), "")).toBe("");
  });

  it("is nothing where the screen shows other text: its echo lags, or a program took some keys", () => {
    expect(keysAtPrompt(line("[uid 1000] ~ $ ech"), "echo hi")).toBeUndefined();
    expect(keysAtPrompt(line("[uid 1000] ~ $ id"), "qid")).toBe(undefined);
    expect(keysAtPrompt(line("[uid 1000] ~ $ xid"), "id")).toBeUndefined();
  });
});

describe("redrawRowsAfterResize", () => {
  // A prompt and a command over three rows of 20, the cursor on the second (busybox's own count).
  const line = { text: "x", head: "[uid 0] / # echo abcdefghijklmno", row: 1 };

  it("is the row the cursor's place falls on when the terminal narrows", () => {
    expect(line.head.length).toBe(32);
    expect(redrawRowsAfterResize(line, 10)).toBe(3);
    expect(redrawRowsAfterResize(line, 8)).toBe(4);
  });

  it("is the row it was drawn on when the terminal widens: busybox moves up the larger", () => {
    expect(redrawRowsAfterResize(line, 40)).toBe(1);
    expect(redrawRowsAfterResize({ ...line, row: 0 }, 40)).toBe(0);
  });

  it("counts a place at the last column's end as the next row, as busybox does", () => {
    expect(redrawRowsAfterResize(line, 32)).toBe(1);
    expect(redrawRowsAfterResize({ ...line, row: 0 }, 32)).toBe(1);
    expect(redrawRowsAfterResize({ ...line, row: 0 }, 33)).toBe(0);
  });
});
