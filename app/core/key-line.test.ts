// What the keys alone say about the shell's line: exactly, not at all, or only that it was touched.
import { describe, expect, it } from "vitest";
import { KeyLine } from "./key-line";

const LEFT = "\u001b[D";
const HOME = "\u001bOH";
const END = "\u001b[F";
const UP = "\u001b[A";

describe("KeyLine", () => {
  it("follows printable keys and Backspace at the line's end, and gives the line Enter entered", () => {
    const k = new KeyLine();
    expect(k.typed).toBe(false);
    expect(k.input("ech")).toEqual([]);
    k.input("x\u007fo hi");
    expect([k.exact, k.typed, k.movedLeft]).toEqual(["echo hi", true, false]);
    expect(k.input("\r")).toEqual(["echo hi"]);
    expect([k.exact, k.typed]).toEqual(["", false]);
  });

  it("splits a paste at its Enters, and starts over after Ctrl+C without entering anything", () => {
    const k = new KeyLine();
    expect(k.input("ls\npwd\rid")).toEqual(["ls", "pwd"]);
    expect(k.exact).toBe("id");
    expect(k.input("\u0003")).toEqual([]);
    expect([k.exact, k.typed]).toEqual(["", false]);
  });

  it("kills the whole line with Ctrl+U at its end", () => {
    const k = new KeyLine();
    k.input("rm -rf x\u0015ls");
    expect(k.exact).toBe("ls");
  });

  it("gives up the exact line for Tab, ↑ and Ctrl+W, but keeps that the cursor is at the end", () => {
    for (const key of ["\t", UP, "\u0017", "\u001bOB"]) {
      const k = new KeyLine();
      k.input(`setexe /usr/sbin/ss${key}`);
      expect([k.exact, k.movedLeft, k.typed]).toEqual([undefined, false, true]);
      expect(k.input("\r")).toEqual([undefined]);
    }
  });

  it("knows the cursor may be inside the line after ←, Home, Ctrl+A, Alt+B, until End or Ctrl+E", () => {
    for (const key of [LEFT, HOME, "\u0001", "\u0002", "\u001b[1;5D", "\u001bb", "\u001b[1~"]) {
      const k = new KeyLine();
      k.input(`ls${key}`);
      expect(k.movedLeft).toBe(true);
      // The line is still known: moving changes nothing in it, until a key types or deletes there.
      expect(k.exact).toBe("ls");
      k.input("x");
      expect(k.exact).toBeUndefined();
      k.input(key === "\u0001" ? "\u0005" : END);
      expect(k.movedLeft).toBe(false);
    }
  });

  it("keeps the line for →, Delete at its end, Ctrl+L and Ctrl+D", () => {
    const k = new KeyLine();
    k.input("id\u001b[C\u001b[3~\u000c\u0004 -u");
    expect(k.exact).toBe("id -u");
  });

  it("counts a key as typed though it changed nothing: the screen must then say what the line holds", () => {
    const k = new KeyLine();
    k.input("\u001b[C");
    expect([k.typed, k.exact]).toEqual([true, ""]);
  });

  it("takes an unknown escape sequence whole, not its bytes for typed letters", () => {
    const k = new KeyLine();
    k.input("a\u001b[15~");
    expect(k.exact).toBeUndefined();
    k.input("\r");
    k.input("\u001b");
    expect(k.exact).toBeUndefined();
  });
});
