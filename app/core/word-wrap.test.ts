// The welcome text wrapped at words: no row wider than the terminal, no word cut that fits a row.
import { describe, expect, it } from "vitest";
import { wrapLine, wrapScreen } from "./word-wrap";

const CAPS = "  caps                   who you are, and what this era's checks predict";

describe("wrapLine", () => {
  it("leaves a line that fits as it is", () => {
    expect(wrapLine(CAPS, 80)).toEqual([CAPS]);
    expect(wrapLine("", 20)).toEqual([""]);
  });

  it("continues a described line under its description", () => {
    expect(wrapLine(CAPS, 60)).toEqual([
      "  caps                   who you are, and what this era's",
      "                         checks predict",
    ]);
  });

  it("indents two past the line's own indent when the description starts too far right", () => {
    expect(wrapLine(CAPS, 40)).toEqual([
      "  caps                   who you are,",
      "    and what this era's checks predict",
    ]);
  });

  it("wraps a line without a description two past its indent", () => {
    expect(wrapLine("exelab: who may change /proc/self/exe?  Try:", 30)).toEqual([
      "exelab: who may change",
      "  /proc/self/exe?  Try:",
    ]);
  });

  it("cuts a word only when it is longer than a row", () => {
    expect(wrapLine("see /a/very/long/path/that/does/not/fit here", 20)).toEqual([
      "see",
      "  /a/very/long/path/",
      "  that/does/not/fit",
      "  here",
    ]);
  });

  it("never makes a row wider than the terminal, and keeps every word", () => {
    const line = "  runas --uid N --caps LIST [--userns] -- CMD    try another identity";
    for (let cols = 8; cols <= 80; cols++) {
      const rows = wrapLine(line, cols);
      for (const row of rows) expect(row.length).toBeLessThanOrEqual(cols);
      expect(rows.join("").replace(/ /g, "")).toBe(line.replace(/ /g, ""));
    }
  });

  it("leaves lines with escape sequences, and terminals too narrow to wrap, alone", () => {
    const coloured = "\u001b[1mexelab\u001b[0m: who may change /proc/self/exe?";
    expect(wrapLine(coloured, 20)).toEqual([coloured]);
    expect(wrapLine(CAPS, 7)).toEqual([CAPS]);
  });
});

describe("wrapScreen", () => {
  it("wraps every line but the prompt, which the shell keeps track of", () => {
    const prompt = "[uid 1000] a/very/long/working/directory/name $ ";
    const screen = `\r\n${CAPS}\r\n${prompt}`;
    expect(wrapScreen(screen, 40)).toBe(
      "\r\n  caps                   who you are,\r\n    and what this era's checks predict\r\n" + prompt,
    );
  });
});
