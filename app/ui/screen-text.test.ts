// The terminal's rows in view as text to copy.
import { describe, expect, it } from "vitest";
import { screenText } from "./screen-text";

describe("screenText", () => {
  it("joins a wrapped line's rows, and leaves out the blank rows under the last text", () => {
    expect(
      screenText([
        { text: "[uid 1000] ~ $ echo aaaa", wrapped: false },
        { text: "bbbb   ", wrapped: true },
        { text: "aaaabbbb  ", wrapped: false },
        { text: "", wrapped: false },
        { text: "[uid 1000] ~ $ ", wrapped: false },
        { text: "   ", wrapped: false },
        { text: "", wrapped: false },
      ]),
    ).toBe("[uid 1000] ~ $ echo aaaabbbb\naaaabbbb\n\n[uid 1000] ~ $");
  });

  it("keeps the spaces where a row wrapped: they were in the line", () => {
    expect(
      screenText([
        { text: "x".repeat(8), wrapped: false },
        { text: "  y", wrapped: true },
      ]),
    ).toBe("xxxxxxxx  y");
    expect(
      screenText([
        { text: "echo aa ", wrapped: false },
        { text: "bb", wrapped: true },
      ]),
    ).toBe("echo aa bb");
  });

  it("is empty for an empty screen", () => {
    expect(screenText([{ text: "  ", wrapped: false }])).toBe("");
  });
});
