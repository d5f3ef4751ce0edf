// Telling when typed or pasted input makes a line longer than busybox's shell takes.
import { describe, expect, it } from "vitest";
import { fitFirstLine, LongLineWatch, overflowingLine, SHELL_LINE_LIMIT } from "./line-limit";

const full = "a".repeat(SHELL_LINE_LIMIT);

describe("overflowingLine", () => {
  it("takes a line of exactly the limit, and not one character more", () => {
    expect(overflowingLine("", full)).toBe(-1);
    expect(overflowingLine("", `${full}b`)).toBe(0);
  });

  it("counts what was typed before the input on the same line: one key past a full line is over", () => {
    expect(overflowingLine(full, "b")).toBe(0);
    expect(overflowingLine(full.slice(1), "b")).toBe(-1);
  });

  it("does not count keys that move, delete or complete (arrows, Backspace, Tab, Ctrl-U)", () => {
    for (const key of ["\u001b[D", "\u001bOA", "\u007f", "\t", "\u0015", "\u001b[3~"])
      expect(overflowingLine(full, key), JSON.stringify(key)).toBe(-1);
  });

  it("counts each line of a multi-line paste on its own, the later ones from nothing", () => {
    const long = "b".repeat(SHELL_LINE_LIMIT + 5);
    expect(overflowingLine("", `echo 1\r${long}\rls\r`)).toBe(1);
    expect(overflowingLine("a".repeat(1000), `x\r${full}\n`)).toBe(-1);
  });

  it("counts bytes, as the shell does: an accented letter takes two", () => {
    expect(overflowingLine("a".repeat(SHELL_LINE_LIMIT - 2), "é")).toBe(-1);
    expect(overflowingLine("a".repeat(SHELL_LINE_LIMIT - 1), "é")).toBe(0);
  });
});

describe("fitFirstLine", () => {
  it("keeps a line that fits whole, and cuts a longer one where the shell stops taking keys", () => {
    expect(fitFirstLine("", full)).toBe(full);
    expect(fitFirstLine("", `${full}${"b".repeat(100_000)}`)).toBe(full);
    expect(fitFirstLine("echo ", `${full}`)).toBe(full.slice(5));
    expect(fitFirstLine(full, "x")).toBe("");
  });

  it("cuts only the first line: later ones may be read by the command it runs, whose lines are longer", () => {
    const long = "b".repeat(3000);
    expect(fitFirstLine("", `${long}\r${long}\r`)).toBe(`${"b".repeat(SHELL_LINE_LIMIT)}\r${long}\r`);
    expect(fitFirstLine("", `cat > f\r${long}\r`)).toBe(`cat > f\r${long}\r`);
  });

  it("leaves a line with keys that move or delete as it is: a Backspace makes room again", () => {
    const edited = `${full}xx\u007f\u007fy`;
    expect(fitFirstLine("", edited)).toBe(edited);
  });

  it("drops a character that does not fit whole, and keeps a shorter one after it", () => {
    expect(fitFirstLine("a".repeat(SHELL_LINE_LIMIT - 1), "éb")).toBe("b");
  });
});

describe("LongLineWatch", () => {
  const long = `${full}a`;

  it("shows from the overlong input until the first key after the Enter that ran it", () => {
    const watch = new LongLineWatch();
    watch.input("", "echo hi", true);
    expect(watch.shown.get()).toBe(false);
    watch.input("", long, true);
    expect(watch.shown.get()).toBe(true);
    watch.input(full, "\r", true);
    expect(watch.shown.get()).toBe(true);
    // The terminal's answer to the next prompt's cursor question is no key.
    watch.input("", "\u001b[5;1R", false);
    expect(watch.shown.get()).toBe(true);
    watch.input("", "l", true);
    expect(watch.shown.get()).toBe(false);
  });

  it("shows when a key typed one at a time is one past a full line", () => {
    const watch = new LongLineWatch();
    watch.input(full, "x", true);
    expect(watch.shown.get()).toBe(true);
  });

  it("counts the Enter pasted after the overlong line, and only one after it", () => {
    const after = new LongLineWatch();
    after.input("", `${long}\r`, true);
    after.input("", "x", true);
    expect(after.shown.get()).toBe(false);
    // An Enter before the long line, in the same paste, has not run it: the note waits for the next.
    const before = new LongLineWatch();
    before.input("", `cd /tmp\r${long}`, true);
    before.input(full, "\r", true);
    expect(before.shown.get()).toBe(true);
    before.input("", "x", true);
    expect(before.shown.get()).toBe(false);
  });
});
