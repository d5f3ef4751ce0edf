// Whether the panels go beside the terminal or under it: by the columns a font leaves the terminal.
import { describe, expect, it } from "vitest";
import { ALWAYS_BESIDE_UP_TO, columnsBeside, stackedLayout, type WindowMeasure } from "./stacked-layout";

/** A window as a browser with the usual 16-px default font has it (the page's rem is 106.25%). */
const at = (width: number, rem = 17): WindowMeasure => ({
  width,
  twoColumns: width >= (rem / 17) * 1024,
  rem,
});

describe("stackedLayout", () => {
  it("keeps the panels beside the terminal at the default font, from a 1024-px projector up", () => {
    expect(columnsBeside(at(1280), 15)).toBeGreaterThanOrEqual(80);
    for (const width of [1024, 1280, 1920]) expect(stackedLayout(at(width), 15, false)).toBe(false);
  });

  it("puts them under the terminal when a big font would leave it fewer than 50 columns", () => {
    expect(stackedLayout(at(1024), 18, false)).toBe(false);
    expect(stackedLayout(at(1024), 20, false)).toBe(true);
    expect(stackedLayout(at(1280), 24, false)).toBe(false);
    expect(stackedLayout(at(1280), 28, false)).toBe(true);
    expect(stackedLayout(at(1920), 32, false)).toBe(false);
  });

  it("never stacks at 18 px or less, in any two-column window (what the first screen takes unmeasured)", () => {
    for (const width of [1024, 1100, 1280, 1920, 3840])
      expect(stackedLayout(at(width), ALWAYS_BESIDE_UP_TO, false)).toBe(false);
  });

  it("leaves one-column windows and embeds (the frame's height) alone", () => {
    expect(stackedLayout(at(900), 32, false)).toBe(false);
    expect(stackedLayout(at(1024), 32, true)).toBe(false);
    // A browser whose default font is 20 px: lg starts at 1280 px, so 1100 px is one column already.
    expect(stackedLayout(at(1100, 21.25), 32, false)).toBe(false);
  });
});
