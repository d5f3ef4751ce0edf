import { describe, expect, it } from "vitest";
import { columnsBeside, stackedLayout } from "./stacked-layout";

describe("stackedLayout", () => {
  it("keeps the panels beside the terminal at the default font, from a 1024-px projector up", () => {
    expect(columnsBeside(1280, 15)).toBeGreaterThanOrEqual(80);
    for (const width of [1024, 1280, 1920]) expect(stackedLayout(width, 15, false)).toBe(false);
  });

  it("puts them under the terminal when a big font would leave it fewer than 50 columns", () => {
    expect(stackedLayout(1024, 18, false)).toBe(false);
    expect(stackedLayout(1024, 20, false)).toBe(true);
    expect(stackedLayout(1280, 24, false)).toBe(false);
    expect(stackedLayout(1280, 28, false)).toBe(true);
    expect(stackedLayout(1920, 32, false)).toBe(false);
  });

  it("leaves narrow windows (already one column) and embeds (the frame's height) alone", () => {
    expect(stackedLayout(900, 32, false)).toBe(false);
    expect(stackedLayout(1024, 32, true)).toBe(false);
  });
});
