// Binary output's characters past ASCII reach the views as U+FFFD; text, and text after binary, as written.
import { describe, expect, it } from "vitest";
import { BINARY_CLEAN_BYTES, BINARY_QUIET_MS, BinaryGlyphs } from "./binary-glyphs";

const enc = (text: string) => new TextEncoder().encode(text);
const dec = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const cat = (...parts: Array<Uint8Array | number[]>) => Uint8Array.from(parts.flatMap((p) => [...p]));
/** G0 to G3 designated US ASCII, then SI: what binary starts with. */
const RESET = "\u001b(B\u001b)B\u001b*B\u001b+B\u000f";

describe("BinaryGlyphs", () => {
  it("passes text through untouched, the same array, CJK, box drawing and emoji included", () => {
    const g = new BinaryGlyphs(() => 0);
    const ascii = enc("[uid 0] ~ # ls\r\n");
    expect(g.filter(ascii)).toBe(ascii);
    expect(dec(g.filter(enc("日本 ─┼─ 🙂 é")))).toBe("日本 ─┼─ 🙂 é");
  });

  it("marks every character past ASCII once a broken sequence shows the output is binary", () => {
    const g = new BinaryGlyphs(() => 0);
    // A continuation byte with no lead, then CJK: thousands of such, each a font lookup.
    expect(dec(g.filter(cat([0x41, 0x80], enc("日本x"))))).toBe(`A${RESET}\uFFFD\uFFFD\uFFFDx`);
    expect(dec(g.filter(enc("é🙂ok")))).toBe("\uFFFD\uFFFDok");
  });

  it("leaves C1 controls (U+0080–U+009F) to the terminal, as ESC is left", () => {
    const g = new BinaryGlyphs(() => 0);
    g.filter(Uint8Array.from([0xff]));
    const csi = Uint8Array.from([0xc2, 0x9b, 0x41]);
    expect([...g.filter(csi)]).toEqual([0xc2, 0x9b, 0x41]);
  });

  it("reads a character cut between chunks whole", () => {
    const g = new BinaryGlyphs(() => 0);
    const bytes = enc("a本");
    expect(dec(g.filter(bytes.subarray(0, 2)))).toBe("a");
    expect(dec(g.filter(bytes.subarray(2)))).toBe("本");
  });

  it("takes output for text again after a screenful of clean bytes, or a moment without a broken one", () => {
    let now = 0;
    const g = new BinaryGlyphs(() => now);
    g.filter(Uint8Array.from([0xfe]));
    g.filter(enc("x".repeat(BINARY_CLEAN_BYTES - 1)));
    expect(dec(g.filter(enc("—")))).toBe("\uFFFD");
    expect(dec(g.filter(enc("x—")))).toBe("x—");
    g.filter(Uint8Array.from([0xfe]));
    expect(dec(g.filter(enc("—")))).toBe("\uFFFD");
    now += BINARY_QUIET_MS + 1;
    // ^C, the prompt, and a note with a dash: as written.
    expect(dec(g.filter(enc("^C\r\n[uid 0] ~ # [exelab: rules — 2014]")))).toBe(
      "^C\r\n[uid 0] ~ # [exelab: rules — 2014]",
    );
  });

  it("takes a chunk that holds a broken sequence for binary after any pause: the page's clock stalls, the guest writes on", () => {
    let now = 0;
    const g = new BinaryGlyphs(() => now);
    g.filter(Uint8Array.from([0xfe]));
    // xterm drew a frame of the flood for longer than the quiet moment; the flood went on meanwhile.
    now += BINARY_QUIET_MS + 1;
    expect(dec(g.filter(cat(enc("ab\u001b(0q"), [0xff], enc("é"))))).toBe("ab\uFFFD(0q\uFFFD\uFFFD");
    // Its designation was marked, not acted on: the prompt after the flood is drawn in letters.
    now += BINARY_QUIET_MS + 1;
    expect(dec(g.filter(enc("^C\r\n[uid 0] ~ # é")))).toBe("^C\r\n[uid 0] ~ # é");
  });

  it("in binary, draws an ESC that designates a character set as the mark: letters stay letters", () => {
    const g = new BinaryGlyphs(() => 0);
    // Text may switch to DEC's line drawing, as a program drawing boxes does.
    const box = enc("\u001b(0lqk\u001b(B");
    expect(g.filter(box)).toBe(box);
    g.filter(Uint8Array.from([0xff]));
    for (const designator of "()*+-./")
      expect(dec(g.filter(enc(`\u001b${designator}0ab`)))).toBe(`\uFFFD${designator}0ab`);
    // Controls between ESC and the rest do not end the sequence: the terminal acts on them and goes on.
    expect(dec(g.filter(enc("\u001b\n\u007f(A#")))).toBe("\uFFFD\n\u007f(A#");
    expect(dec(g.filter(enc("\u001b\u0018(A#")))).toBe("\u001b\u0018(A#");
    // Other escape sequences are the terminal's, as before (colours, cursor moves, C1 above).
    expect(dec(g.filter(enc("\u001b[31mred\u001bc")))).toBe("\u001b[31mred\u001bc");
  });

  it("holds an ESC at a chunk's end in binary until what follows it comes", () => {
    const g = new BinaryGlyphs(() => 0);
    expect(dec(g.filter(cat([0xff], enc("x\u001b"))))).toBe(`${RESET}\uFFFDx`);
    expect(dec(g.filter(enc("(0q")))).toBe("\uFFFD(0q");
    expect(dec(g.filter(enc("\u001b")))).toBe("");
    expect(dec(g.filter(enc("[0m")))).toBe("\u001b[0m");
    expect(dec(g.filter(enc("\u001b\r")))).toBe("");
    expect(dec(g.filter(enc(")0")))).toBe("\uFFFD\r)0");
  });

  it("starts binary with every character set ASCII again: a designation just before it, or in text between, does not stay", () => {
    let now = 0;
    const g = new BinaryGlyphs(() => now);
    // Random bytes: G1 made Swedish while still taken for text, then a broken sequence, a shift-out.
    const first = dec(g.filter(cat(enc("\u001b)H"), [0xfe], enc("\u000e[uid"))));
    expect(first).toBe(`\u001b)H${RESET}\uFFFD\u000e[uid`);
    expect(first.lastIndexOf(RESET)).toBeGreaterThan(first.indexOf("\u001b)H"));
    // Taken for text again after a quiet moment (the prompt after ^C): the next start resets again.
    now += BINARY_QUIET_MS + 1;
    expect(dec(g.filter(enc("\r\n$ ")))).toBe("\r\n$ ");
    expect(dec(g.filter(cat(enc("\u001b*K"), [0xc0])))).toBe(`\u001b*K${RESET}\uFFFD`);
    // Within binary no second reset: the designation is marked instead.
    expect(dec(g.filter(cat(enc("\u001b(K"), [0xc0])))).toBe("\uFFFD(K\uFFFD");
    // Text, once taken for text again, never gets one.
    now += BINARY_QUIET_MS + 1;
    const text = enc("\u001b(0lqk\u001b(B é");
    expect(g.filter(text)).toBe(text);
  });
});
