// The line at the prompt from screen and keys together: old output right of the prompt is no line.
import { describe, expect, it } from "vitest";
import { typedAtCursor, type TermRow } from "../core/typed-line";
import { ShellLine } from "./shell-line";
import type { TerminalView } from "./terminal-view";

const COLS = 60;

/** A view showing `rows`, the cursor at `cursor`; only what ShellLine reads of it. */
function viewOf(screen: { rows: string[]; cursor: { x: number; y: number } }): () => TerminalView {
  const readRow = (y: number): TermRow | undefined =>
    y >= 0 && y < screen.rows.length ? { text: screen.rows[y], wrapped: false, full: false } : undefined;
  const view = {
    typedLine: () => typedAtCursor(readRow, screen.cursor, COLS),
    enteredLine: () => undefined,
  } as Partial<TerminalView> as TerminalView;
  return () => view;
}

describe("ShellLine", () => {
  it("takes nothing for typed where no key came since Enter, whatever stands right of the prompt", () => {
    // `printf 'Downloading… 100%% done.; touch /tmp/x\r'`: the next prompt is drawn over its start.
    const screen = { rows: ["[uid 1000] ~ $  100% done.; touch /tmp/x"], cursor: { x: 15, y: 0 } };
    const line = new ShellLine(viewOf(screen));
    line.input("", "printf stuff", true);
    line.input("printf stuff", "\r", true);
    expect(line.current()?.text).toBe("");
    // Typed over it: the line ends at the cursor, the rest is still the old output.
    line.input("", "l", true);
    line.input("l", "s", true);
    screen.rows = ["[uid 1000] ~ $ ls00% done.; touch /tmp/x"];
    screen.cursor.x = 17;
    expect(line.current()?.text).toBe("ls");
  });

  it("takes the whole line once the cursor went left (it may stand inside the line)", () => {
    const screen = { rows: ["[uid 0] ~ # caps --help"], cursor: { x: 16, y: 0 } };
    const line = new ShellLine(viewOf(screen));
    line.input("", "caps --help", true);
    line.input("caps --help", "\u001b[D", true);
    expect(line.current()?.text).toBe("caps --help");
  });

  it("settles a line holding ' $ ' by the keys that typed it, where the screen shows them", () => {
    const keys = "echo '[uid 1000] ~ $ ls'";
    const screen = { rows: [`[uid 1000] ~ $ ${keys}`], cursor: { x: 15 + keys.length, y: 0 } };
    const line = new ShellLine(viewOf(screen));
    line.input("", keys, true);
    expect(line.current()?.text).toBe(keys);
    // Keys that some program took (less's `q`) are not the line: the screen says what it is.
    screen.rows = ["[uid 1000] ~ $ id"];
    screen.cursor.x = 17;
    const after = new ShellLine(viewOf(screen));
    after.input(undefined, "q", false);
    after.input("", "id", true);
    expect(after.current()?.text).toBe("id");
  });

  it("is nothing where the cursor's line holds no prompt: a program reads the keys", () => {
    const line = new ShellLine(viewOf({ rows: ["hello"], cursor: { x: 5, y: 0 } }));
    line.input(undefined, "hello", false);
    expect(line.current()).toBeUndefined();
  });

  it("records the line entered at a prompt whose end is uncertain by its keys, for ↑ after Apply", () => {
    const keys = "echo '[uid 1000] ~ $ ls'";
    // Typed fast: the screen has not echoed all of it as Enter goes.
    const screen = { rows: [`[uid 1000] ~ $ ${keys.slice(0, -3)}`], cursor: { x: 12 + keys.length, y: 0 } };
    const line = new ShellLine(viewOf(screen));
    line.input("", keys, true);
    // A prompt, where it ends uncertain: the terminal host passes Enter on as typed at one.
    expect(line.current()?.text).toBeUndefined();
    expect(line.current()).toBeDefined();
    line.input(undefined, "\r", true);
    screen.rows = ["[uid 1000] ~ $ ls'", "[uid 0] ~ # "];
    screen.cursor = { x: 12, y: 1 };
    line.identity({ requested: { uid: 0, caps: [], userns: false }, applying: true });
    line.identity({ requested: { uid: 0, caps: [], userns: false }, applying: false });
    expect(line.input("", "\u001b[A", true)).toBe(keys);
  });
});
