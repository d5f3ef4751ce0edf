// The output valve: a flood beyond what the terminal has parsed is skipped, said, and its end shown.
import { describe, expect, it } from "vitest";
import { OutputValve } from "./output-valve";

/** A terminal that parses only when told to: what it was given, and its pending callbacks. */
function slowTerminal() {
  const shown: string[] = [];
  const waiting: Array<() => void> = [];
  const valve = new OutputValve((bytes, parsed) => {
    shown.push(new TextDecoder().decode(bytes));
    waiting.push(parsed);
  });
  const parseAll = () => {
    while (waiting.length > 0) waiting.shift()?.();
  };
  return { valve, shown, parseAll };
}

const chunk = (text: string, size = 64 * 1024) => new TextEncoder().encode(text.repeat(size / text.length));

describe("OutputValve", () => {
  it("passes a shell's ordinary output through as it comes", () => {
    const t = slowTerminal();
    for (let i = 0; i < 7; i++) t.valve.push(chunk("a"));
    t.parseAll();
    t.valve.push(new TextEncoder().encode("$ "));
    expect(t.shown.join("")).toBe("a".repeat(7 * 64 * 1024) + "$ ");
  });

  it("skips a flood the terminal has not caught up with, says how much, and shows its end", () => {
    const t = slowTerminal();
    for (let i = 0; i < 8; i++) t.valve.push(chunk("x"));
    // 512 KB pending: from here on, skipped.
    for (let i = 0; i < 100; i++) t.valve.push(chunk("y"));
    t.valve.push(new TextEncoder().encode("^C\r\n[uid 1000] ~ $ "));
    expect(t.shown.join("")).toBe("x".repeat(8 * 64 * 1024));
    t.parseAll();
    const after = t.shown.slice(8).join("");
    // From a terminal put back in order first: a binary flood may have left it drawing lines.
    const reset = "\u001b[!p\u001b(B\u000f";
    expect(after.slice(0, after.indexOf("\r\n"))).toContain(reset);
    const note =
      "\r\n\u001b[2m[exelab: 6396 KB of output skipped: it came faster than the terminal can show it]";
    expect(after.indexOf(note)).toBe(after.indexOf("\r\n"));
    // Its last 4 KB: the prompt that ended the flood is on screen.
    const end = "^C\r\n[uid 1000] ~ $ ";
    expect(after.endsWith("]\u001b[0m\r\n" + "y".repeat(4096 - end.length) + end)).toBe(true);
    t.parseAll();
    t.valve.push(new TextEncoder().encode("ls\r\n"));
    expect(t.shown.at(-1)).toBe("ls\r\n");
  });
});
