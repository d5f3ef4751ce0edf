// Telling when typed or pasted input makes a line longer than busybox's shell takes.
import { describe, expect, it } from "vitest";
import { LongLineWatch, overflowsLine, SHELL_LINE_LIMIT } from "./line-limit";

describe("overflowsLine", () => {
  it("takes a line of exactly the limit, and not one character more", () => {
    expect(overflowsLine("", "a".repeat(SHELL_LINE_LIMIT))).toBe(false);
    expect(overflowsLine("", "a".repeat(SHELL_LINE_LIMIT + 1))).toBe(true);
  });

  it("counts what was typed before the input on the same line", () => {
    expect(overflowsLine("a".repeat(SHELL_LINE_LIMIT - 1), "ab")).toBe(true);
    expect(overflowsLine("a".repeat(SHELL_LINE_LIMIT - 1), "a")).toBe(false);
  });

  it("counts each line of a multi-line paste on its own, the later ones from nothing", () => {
    const long = "b".repeat(SHELL_LINE_LIMIT + 5);
    expect(overflowsLine("", `echo 1\r${long}\rls\r`)).toBe(true);
    expect(overflowsLine("a".repeat(1000), `x\r${"c".repeat(SHELL_LINE_LIMIT)}\n`)).toBe(false);
  });

  it("counts bytes, as the shell does: an accented letter takes two", () => {
    expect(overflowsLine("a".repeat(SHELL_LINE_LIMIT - 2), "é")).toBe(false);
    expect(overflowsLine("a".repeat(SHELL_LINE_LIMIT - 1), "é")).toBe(true);
  });
});

describe("LongLineWatch", () => {
  const long = "a".repeat(SHELL_LINE_LIMIT + 1);

  it("shows from the overlong input until the first key after the Enter that ran it", () => {
    const watch = new LongLineWatch();
    watch.input("", "echo hi", true);
    expect(watch.shown.get()).toBe(false);
    watch.input("", long, true);
    expect(watch.shown.get()).toBe(true);
    watch.input(long.slice(0, SHELL_LINE_LIMIT), "\r", true);
    expect(watch.shown.get()).toBe(true);
    // The terminal's answer to the next prompt's cursor question is no key.
    watch.input("", "\u001b[5;1R", false);
    expect(watch.shown.get()).toBe(true);
    watch.input("", "l", true);
    expect(watch.shown.get()).toBe(false);
  });

  it("counts the Enter pasted with the overlong line", () => {
    const watch = new LongLineWatch();
    watch.input("", `${long}\r`, true);
    expect(watch.shown.get()).toBe(true);
    watch.input("", "x", true);
    expect(watch.shown.get()).toBe(false);
  });
});
