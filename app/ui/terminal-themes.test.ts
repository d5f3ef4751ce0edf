// The terminal's palettes: every colour a program may print in reads against the background (WCAG AA).
import type { ITheme } from "@xterm/xterm";
import { describe, expect, it } from "vitest";
import { DARK_TERMINAL, LIGHT_TERMINAL } from "./terminal-themes";

/** WCAG 2's relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT_COLOURS = [
  "foreground",
  "red",
  "green",
  "yellow",
  "blue",
  "magenta",
  "cyan",
  "white",
  "brightBlack",
  "brightRed",
  "brightGreen",
  "brightYellow",
  "brightBlue",
  "brightMagenta",
  "brightCyan",
  "brightWhite",
] as const satisfies readonly (keyof ITheme)[];

describe("the terminal's palettes", () => {
  it.each([
    ["dark", DARK_TERMINAL],
    ["light", LIGHT_TERMINAL],
  ])("%s: every text colour has at least 4.5:1 against the background", (_name, theme) => {
    const background = theme.background ?? "";
    // `ls --color` prints the guest's tools in bright green, dmesg's prefixes in bright black.
    for (const name of TEXT_COLOURS) {
      const colour = theme[name] ?? "";
      expect(contrast(colour, background), `${name} ${colour}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("measures contrast as WCAG does", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });
});
