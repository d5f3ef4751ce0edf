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
});
