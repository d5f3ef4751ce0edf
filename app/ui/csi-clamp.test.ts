// The count clamp: huge counts cut to four digits, everything else passed on byte for byte.
import { describe, expect, it } from "vitest";
import { CsiCountClamp } from "./csi-clamp";

const enc = new TextEncoder();
const dec = new TextDecoder();
const through = (clamp: CsiCountClamp, ...chunks: string[]) =>
  chunks.map((c) => dec.decode(clamp.filter(enc.encode(c)))).join("");

describe("CsiCountClamp", () => {
  it("cuts a count past four digits, in any parameter, and leaves the rest", () => {
    const clamp = new CsiCountClamp();
    expect(through(clamp, "x\u001b[2147483647L")).toBe("x\u001b[2147L");
    expect(through(clamp, "a\u001b[99999b ok")).toBe("a\u001b[9999b ok");
    expect(through(clamp, "\u001b[12;123456H")).toBe("\u001b[12;1234H");
    expect(through(clamp, "\u001b[?1049h\u001b[38;5;196m\u001b[0000000000007Z")).toBe(
      "\u001b[?1049h\u001b[38;5;196m\u001b[0000000000007Z",
    );
  });

  it("reads a sequence split across chunks, and the UTF-8 form of CSI", () => {
    const clamp = new CsiCountClamp();
    expect(through(clamp, "\u001b", "[21474", "83647", "M")).toBe("\u001b[2147M");
    expect(through(clamp, "\u009b999999S")).toBe("\u009b9999S");
    expect(through(clamp, "é\u00c2", "\u001b[123456T")).toBe("é\u00c2\u001b[1234T");
  });

  it("leaves digits outside control sequences alone, OSC and DCS strings included", () => {
    const clamp = new CsiCountClamp();
    const text = "12345678 \u001b]0;title 987654321\u0007 \u001bP1234567\u001b\\ 55555";
    expect(through(clamp, text)).toBe(text);
    // A cancelled sequence ends the count too.
    expect(through(clamp, "\u001b[12\u0018345678")).toBe("\u001b[12\u0018345678");
  });

  it("returns the same bytes when nothing is cut", () => {
    const bytes = enc.encode("plain \u001b[1;2H text");
    expect(new CsiCountClamp().filter(bytes)).toBe(bytes);
  });
});
