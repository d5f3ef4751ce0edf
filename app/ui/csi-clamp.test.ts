// The count clamp: a parameter past 9999 sent as 9999, however the sequence starts or is split;
// everything else passed on byte for byte.
import { Terminal } from "@xterm/xterm";
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

  it("abandons a sequence at a character past ASCII, as xterm does: what follows is text, uncapped", () => {
    // xterm drops the sequence and the character; the digits after them are text, not a count.
    expect(text(new CsiCountClamp(), "\u001b[1\u00a02147483647@ é")).toBe("\u001b[1\u00a02147483647@ é");
    expect(text(new CsiCountClamp(), "\u001b[21474836é47L")).toBe("\u001b[9999é47L");
  });

  it("leaves digits outside control sequences alone, OSC and DCS strings included", () => {
    const clamp = new CsiCountClamp();
    const plain = "12345678 \u001b]0;title 987654321\u0007 \u001bP1234567\u001b\\ 55555 é";
    expect(text(clamp, plain)).toBe(plain);
    // A cancelled sequence ends the count too.
    expect(text(clamp, "\u001b[12\u0018345678")).toBe("\u001b[12\u0018345678");
  });

  it("keeps a count whole across a DEL inside it, which xterm ignores there", () => {
    // Were DEL taken as the parameter's end, xterm would still read 2147 and 483647 as one count.
    expect(text(new CsiCountClamp(), "\u001b[2147\u007f483647L")).toBe("\u001b[\u007f9999L");
  });

  it("ends a sequence at SUB as at CAN, in its parameters and right after ESC", () => {
    // What follows a cancelled sequence is text: its digits are no count, and pass unchanged.
    for (const cancel of ["\u0018", "\u001a"]) {
      expect(text(new CsiCountClamp(), `\u001b[12${cancel}345678L`), cancel).toBe(
        `\u001b[12${cancel}345678L`,
      );
      expect(text(new CsiCountClamp(), `\u001b${cancel}[99999L`), cancel).toBe(`\u001b${cancel}[99999L`);
    }
  });

  it("ends an escape at a space after ESC (ESC SP [ is not a CSI), yet follows one that starts after it", () => {
    expect(text(new CsiCountClamp(), "\u001b [99999L")).toBe("\u001b [99999L");
    expect(text(new CsiCountClamp(), "\u001b \u009b2147483647L")).toBe("\u001b \u009b9999L");
  });

  it("ends a sequence at U+009F (APC), the last C1 control, whose string xterm ignores", () => {
    expect(text(new CsiCountClamp(), "\u001b[1\u009f2147483647L")).toBe("\u001b[1\u009f2147483647L");
  });

  it("returns the same bytes when there is no sequence in them", () => {
    const bytes = enc.encode("plain text, 1234567, é");
    expect(new CsiCountClamp().filter(bytes)).toBe(bytes);
  });
});

// xterm's own parser as the judge: random streams of the pieces sequences are made of, each cut in two
// at a random byte, go to xterm as they are and through the clamp. Handlers on every CSI record what
// xterm would run (and run nothing, so huge counts cost nothing).
describe("CsiCountClamp against xterm's parser", () => {
  const PIECES = [
    ...["\u001b[", "\u009b", "\u001b", "[", "\u009f", "\u001b]", "\u001bP", "?", ";", ":", " "],
    ...["2147483647", "99999", "12", "0", "L", "b", "m", "x", "\n", "\u0007"],
    ...["\u0018", "\u001a", "\u007f", "é", "\u00a0"],
  ];
  /** mulberry32: the same cases on every run. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const next = random(22);
  const pick = (from: string[]) => from[Math.floor(next() * from.length)];
  const some = (most: number) => Array.from({ length: Math.floor(next() * (most + 1)) }, () => pick(PIECES));
  // Mostly something that starts like a CSI (or nearly: ESC, a piece, "["), has a final byte to end
  // it, and anything around and in it.
  const start = () => (next() < 0.7 ? pick(["\u001b[", "\u009b"]) : `\u001b${pick(PIECES)}[`);
  const cases = Array.from({ length: 5000 }, () => {
    const s = [...some(2), start(), ...some(5), pick(["L", "b", "m", "@"]), ...some(2)];
    const bytes = enc.encode(s.join(""));
    return { bytes, cut: Math.floor(next() * bytes.length) };
  });
  const clamped = ({ bytes, cut }: (typeof cases)[number]) => {
    const clamp = new CsiCountClamp();
    return [clamp.filter(bytes.subarray(0, cut)), clamp.filter(bytes.subarray(cut))];
  };
  /** A failing case as a string literal's text: controls and everything past ASCII escaped. */
  const show = (bytes: Uint8Array) =>
    dec.decode(bytes).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

  /**
   * What xterm does with each stream: the CSIs it runs ("?b 0,12:0": prefix, intermediates, final,
   * parameters), then the text it leaves on the screen (the CSIs run nothing, so only text, LF and
   * the ESC sequences these pieces can make move the cursor: on, never back).
   */
  async function xtermRuns(streams: Uint8Array[][]): Promise<string[][]> {
    const term = new Terminal({ cols: 80, rows: 24, scrollback: 100_000, logLevel: "off" });
    const runs: string[][] = streams.map(() => []);
    let at = -1;
    let from = 0;
    // Between streams: CAN ends whatever the last one left open, CR LF goes to a row of its own, and
    // a CSI of ours takes the last stream's rows and counts on.
    term.parser.registerCsiHandler({ prefix: ">", final: "~" }, ([n]) => {
      const b = term.buffer.active;
      const row = b.baseY + b.cursorY;
      for (let y = from; at >= 0 && y < row; y++) runs[at].push(`| ${b.getLine(y)?.translateToString(true)}`);
      [at, from] = [Number(n), row];
      return true;
    });
    // xterm's handlers take at most two intermediates: a CSI with more runs nothing, whatever its count.
    for (const prefix of ["", "?"])
      for (const intermediates of ["", " ", "  "])
        for (let f = 0x40; f <= 0x7e; f++) {
          const final = String.fromCharCode(f);
          const name = `${prefix}${intermediates}${final}`;
          term.parser.registerCsiHandler({ prefix: prefix || undefined, intermediates, final }, (params) => {
            runs[at].push(`${name} ${params.map((p) => (Array.isArray(p) ? p.join(":") : p)).join(",")}`);
            return true;
          });
        }
    const parts = streams.flatMap((s, i) => [enc.encode(`\u0018\r\n\u001b[>${i}~`), ...s]);
    parts.push(enc.encode(`\u0018\r\n\u001b[>${streams.length}~`));
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((pos, p) => (all.set(p, pos), pos + p.length), 0);
    await new Promise<void>((resolve) => term.write(all, resolve));
    term.dispose();
    return runs;
  }
  /** A run's parameters and sub-parameters: after its last space, as intermediates may be spaces. */
  const counts = (run: string) =>
    run.startsWith("|")
      ? []
      : run
          .slice(run.lastIndexOf(" ") + 1)
          .split(/[,:]/)
          .map(Number);
  // Each stream is written once, for both tests.
  let seen: Promise<{ raw: string[][]; through: string[][] }> | undefined;
  const xtermSees = () =>
    (seen ??= Promise.all([xtermRuns(cases.map((c) => [c.bytes])), xtermRuns(cases.map(clamped))]).then(
      ([raw, through]) => ({ raw, through }),
    ));

  it("never lets xterm run a count past 9999", async () => {
    const { through } = await xtermSees();
    const over = cases.filter((_, i) => through[i].some((r) => counts(r).some((n) => n > 9999)));
    expect(over.map((c) => show(c.bytes))).toEqual([]);
    // Not a pass by default: many cases do carry a count to the cap.
    expect(through.flat().filter((r) => counts(r).includes(9999)).length).toBeGreaterThan(200);
  });

  it("changes nothing else xterm does: the same CSIs, parameters past 9999 as 9999, the same text", async () => {
    const { raw, through } = await xtermSees();
    const cap = (run: string) =>
      run.startsWith("|") ? run : run.replace(/\d+(?=[^ ]*$)/g, (n) => String(Math.min(+n, 9999)));
    const differ = cases.filter((_, i) => JSON.stringify(through[i]) !== JSON.stringify(raw[i].map(cap)));
    expect(differ.map((c) => show(c.bytes))).toEqual([]);
  });
});
