// The terminal's quiet moments: typing waits for its answer, output must pause, reports do not count.
import { describe, expect, it } from "vitest";
import { QuietWatch } from "./quiet-watch";

function watch(): { w: QuietWatch; at: (t: number) => void } {
  let t = 0;
  return { w: new QuietWatch(() => t), at: (next) => (t = next) };
}

describe("QuietWatch", () => {
  it("is quiet from the start, and again once output has paused", () => {
    const { w, at } = watch();
    expect(w.quietIn(100)).toBe(0);
    at(1000);
    w.output();
    at(1040);
    expect(w.quietIn(100)).toBe(60);
    at(1100);
    expect(w.quietIn(100)).toBe(0);
  });

  it("waits for the answer to what was typed, however long ago the last output was", () => {
    const { w, at } = watch();
    w.output();
    at(1000);
    w.input("echo hi\r");
    at(1200);
    expect(w.quietIn(100)).toBeGreaterThan(0);
    w.output();
    expect(w.quietIn(100)).toBe(100);
    at(1300);
    expect(w.quietIn(100)).toBe(0);
  });

  it("stops waiting for an answer that does not come", () => {
    const { w, at } = watch();
    at(1000);
    w.input("\x07");
    at(1200);
    expect(w.quietIn(100)).toBe(300);
    at(1500);
    expect(w.quietIn(100)).toBe(0);
  });

  it("does not take xterm's own replies to the guest for typing", () => {
    const { w, at } = watch();
    at(1000);
    for (const report of ["\x1b[24;16R", "\x1b[?1;2c", "\x1b[>0;276;0c", "\x1b[I", "\x1b[O"]) w.input(report);
    expect(w.quietIn(100)).toBe(0);
    w.input("\x1b[A");
    expect(w.quietIn(100)).toBeGreaterThan(0);
  });

  it("holds the line on screen stale from an edit key until its answer has been drawn", () => {
    const { w, at } = watch();
    at(1000);
    w.input("echo hi");
    expect(w.lineMayLag(150)).toBe(false);
    w.input("\x15");
    at(1900);
    // No answer yet: the screen still shows the line the Ctrl+U cleared.
    expect(w.lineMayLag(150)).toBe(true);
    w.output();
    at(2000);
    expect(w.lineMayLag(150)).toBe(true);
    // The echo of a key typed meanwhile does not put the answer's start off.
    w.input("l");
    at(2040);
    w.output();
    expect(w.lineMayLag(150)).toBe(true);
    at(2050);
    expect(w.lineMayLag(150)).toBe(false);
    // Settled: later output (a command's, say) does not make it stale again; only an edit key does.
    w.output();
    expect(w.lineMayLag(150)).toBe(false);
    w.input("\r");
    expect(w.lineMayLag(150)).toBe(true);
  });

  it("stops waiting for an edit key's answer after two seconds", () => {
    const { w, at } = watch();
    at(1000);
    w.input("\x7f");
    at(2999);
    expect(w.lineMayLag(150)).toBe(true);
    at(3000);
    expect(w.lineMayLag(150)).toBe(false);
  });
});
