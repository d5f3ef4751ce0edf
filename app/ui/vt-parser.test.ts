// Tests the light terminal's sequence splitter on input no shell sends but a program may.
import { describe, expect, it } from "vitest";
import { VtParser } from "./vt-parser";

describe("VtParser", () => {
  it("holds at most 256 characters of a sequence's parameters, and acts on what follows it", () => {
    const seen: string[] = [];
    const parser = new VtParser({
      print: (ch) => seen.push(ch),
      control: () => {},
      escape: () => {},
      csi: (final, params) => seen.push(`${final}:${params.length}`),
    });
    parser.write(`\u001b[${";".repeat(100_000)}`);
    parser.write(`${"1;".repeat(50_000)}mx`);
    expect(seen).toEqual(["m:256", "x"]);
  });
});
