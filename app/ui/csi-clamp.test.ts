// The count clamp: a parameter past 9999 sent as 9999, however the sequence starts or is split;
// everything else passed on byte for byte.
import { describe, expect, it } from "vitest";
import { CsiCountClamp } from "./csi-clamp";

const enc = new TextEncoder();
const dec = new TextDecoder();
/** Each chunk's bytes through one clamp, then joined: a split may fall inside a character. */
const through = (clamp: CsiCountClamp, ...chunks: Uint8Array[]) => {
  const parts = chunks.map((c) => clamp.filter(c));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return dec.decode(all);
};
const text = (clamp: CsiCountClamp, ...chunks: string[]) =>
  through(clamp, ...chunks.map((c) => enc.encode(c)));
describe("CsiCountClamp", () => {
  it("sends a count past 9999 as 9999, in any parameter, and leaves the rest", () => {
    const clamp = new CsiCountClamp();
    expect(text(clamp, "x\u001b[2147483647L")).toBe("x\u001b[9999L");
    expect(text(clamp, "a\u001b[12345b ok")).toBe("a\u001b[9999b ok");
    expect(text(clamp, "\u001b[12;123456H")).toBe("\u001b[12;9999H");
    // A value, not a cut: an unknown mode does not become a known one (10000 → 1000: mouse reports).
    expect(text(clamp, "\u001b[?10000h")).toBe("\u001b[?9999h");
    expect(text(clamp, "\u001b[?1049h\u001b[38;5;196m\u001b[0000000000007Z")).toBe(
      "\u001b[?1049h\u001b[38;5;196m\u001b[07Z",
    );
  });

  it("follows a sequence started again inside one, as xterm does (ESC, or CSI as U+009B)", () => {
    const clamp = new CsiCountClamp();
    expect(text(clamp, "\u001b[1\u009b2147483647L")).toBe("\u001b[1\u009b9999L");
    expect(text(clamp, "\u001b\u009b2147483647L")).toBe("\u001b\u009b9999L");
    expect(text(clamp, "\u009b\u009b2147483647L")).toBe("\u009b\u009b9999L");
    expect(text(clamp, "\u001b[12\u001b[2147483647M")).toBe("\u001b[12\u001b[9999M");
    // A control inside a parameter is carried out there, and the parameter goes on past it.
    expect(text(clamp, "\u009b12\u00072147483647L")).toBe("\u009b\u00079999L");
    expect(text(clamp, "\u001b\u0007[99999L")).toBe("\u001b\u0007[9999L");
  });

  it("reads a sequence split anywhere across chunks, inside a character too", () => {
    const s = "é\u009b2147483647S ok \u001b[1\u009b99999T";
    const whole = "é\u009b9999S ok \u001b[1\u009b9999T";
    const bytes = enc.encode(s);
    // Every place for the first cut, the second one or three bytes on.
    for (let a = 1; a < bytes.length; a++)
      for (const b of [a + 1, a + 3]) {
        const chunks = [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)];
        expect(through(new CsiCountClamp(), ...chunks), `${a} ${b}`).toBe(whole);
      }
  });

  it("drops a character past ASCII inside a sequence, which xterm ignores there", () => {
    expect(text(new CsiCountClamp(), "\u001b[1\u00a02147483647@ é")).toBe("\u001b[9999@ é");
  });

  it("leaves digits outside control sequences alone, OSC and DCS strings included", () => {
    const clamp = new CsiCountClamp();
    const plain = "12345678 \u001b]0;title 987654321\u0007 \u001bP1234567\u001b\\ 55555 é";
    expect(text(clamp, plain)).toBe(plain);
    // A cancelled sequence ends the count too.
    expect(text(clamp, "\u001b[12\u0018345678")).toBe("\u001b[12\u0018345678");
  });

  it("returns the same bytes when there is no sequence in them", () => {
    const bytes = enc.encode("plain text, 1234567, é");
    expect(new CsiCountClamp().filter(bytes)).toBe(bytes);
  });
});
