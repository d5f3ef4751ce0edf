// Binary output reaches the terminal views with its characters past ASCII shown as one mark (U+FFFD).
//
// `cat /dev/urandom` decodes, among its broken sequences, to thousands of distinct characters (CJK,
// symbols, scripts of every kind): the browser looks for a font for each new one as it is drawn, and
// the page froze for seconds at a time, Ctrl+C with it. Binary is told from text by its broken
// UTF-8, which no text has; from there until BINARY_CLEAN_BYTES of clean output have come, or
// BINARY_QUIET_MS have passed without a broken sequence, each character past ASCII is drawn as
// U+FFFD, as xterm draws a broken sequence. Text is never touched; the page's notes after a flood
// (ellipses and dashes) come more than a moment after it. The moment is the page's clock, which a
// stall of the page (xterm drawing a frame of a flood) stretches while the guest goes on writing:
// a chunk that itself holds a broken sequence ends no binary, or its clean start passed as text.
//
// Plain ASCII can turn into such characters too: random bytes now and then hold ESC ( 0 (or its
// kin for G1 to G3, then a shift-out), which has the terminal draw letters as DEC's line drawing
// and symbols (─ ┼ ▒ ° ± ≤ π ␉ ⎺ …), most missing from the terminal's font. Each is a lookup, and
// a flood that met one froze the page 0.5–2 s; the prompt after it was drawn in them until
// `reset`. In binary, an ESC that designates a character set is drawn as the mark instead, and
// binary begins with every set made ASCII again (CHARSETS_ASCII): a designation just before its
// first broken sequence stayed for good. The shifts (SO, SI) that random bytes hold every 128 bytes
// on average then flipped the prompt after each flood to or from a national set: `[uid 0]` drawn
// `Äuid 0Å`.

/** Clean output that ends binary mode: a screenful, more than a prompt and what ^C prints. */
export const BINARY_CLEAN_BYTES = 4096;
/** Binary mode ends this long after its last broken sequence, however little came since. */
export const BINARY_QUIET_MS = 250;
const MARK = [0xef, 0xbf, 0xbd];
const ESC = 0x1b;
/** G0 to G3 designated US ASCII, then SI (G0 in use): no cursor moves, nothing drawn. */
const CHARSETS_ASCII = Uint8Array.from([...[0x28, 0x29, 0x2a, 0x2b].flatMap((g) => [ESC, g, 0x42]), 0x0f]);
/** After ESC, what designates a character set: ( ) * + for G0 to G3, - . / for 96-character sets. */
const DESIGNATES = new Set([0x28, 0x29, 0x2a, 0x2b, 0x2d, 0x2e, 0x2f]);
/**
 * Bytes a terminal acts on or ignores inside an escape sequence without ending it (C0 controls but
 * CAN, SUB and ESC; DEL): ESC LF ( 0 designates as ESC ( 0 does.
 */
const withinEscape = (byte: number) =>
  (byte < 0x20 && byte !== 0x18 && byte !== 0x1a && byte !== ESC) || byte === 0x7f;

/** Where the byte after the ESC at `at` that may end or go on with its sequence is; `bytes.length`: not yet come. */
function afterEscape(bytes: Uint8Array, at: number): number {
  let i = at + 1;
  while (i < bytes.length && withinEscape(bytes[i])) i++;
  return i;
}

/** How many continuation bytes follow a lead byte; -1: no lead byte (a continuation, or invalid). */
function trailing(byte: number): number {
  if (byte < 0x80) return 0;
  if (byte >= 0xc2 && byte <= 0xdf) return 1;
  if (byte >= 0xe0 && byte <= 0xef) return 2;
  if (byte >= 0xf0 && byte <= 0xf4) return 3;
  return -1;
}

const isContinuation = (byte: number) => (byte & 0xc0) === 0x80;

/**
 * The UTF-8 sequence at `i`: its length if whole and valid, minus the bytes it spans if broken,
 * 0 if cut at the end of `bytes` (decided when the rest comes).
 */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const need = trailing(bytes[i]);
  let n = 1;
  while (n <= need && i + n < bytes.length && isContinuation(bytes[i + n])) n += 1;
  if (n <= need && i + n === bytes.length) return 0;
  return n === need + 1 ? n : -n;
}

function holdsBroken(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length;) {
    const n = bytes[i] < 0x80 ? 1 : sequenceAt(bytes, i);
    if (n <= 0) return n < 0;
    i += n;
  }
  return false;
}

/** Stateful, so a character split across the console's chunks is read whole. */
export class BinaryGlyphs {
  /** Bytes of a character whose end is in the next chunk. */
  private held: number[] = [];
  /** Clean bytes still to come before output is taken for text again; 0: it is. */
  private binary = 0;
  private lastBroken = -Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The bytes as the views are to see them: the same array for text (nothing held or marked). */
  filter(chunk: Uint8Array): Uint8Array {
    const bytes = this.held.length > 0 ? Uint8Array.from([...this.held, ...chunk]) : chunk;
    this.held = [];
    const now = this.now();
    if (this.binary > 0 && now - this.lastBroken > BINARY_QUIET_MS && !holdsBroken(bytes)) this.binary = 0;
    if (this.binary === 0 && bytes.every((b) => b < 0x80)) return bytes;
    // A two-byte character becomes the mark's three: twice the input is room enough, with a reset of
    // the character sets for each start of binary (one, and one more per screenful of clean bytes).
    const starts = 2 + Math.floor(bytes.length / BINARY_CLEAN_BYTES);
    const out = new Uint8Array(bytes.length * 2 + starts * CHARSETS_ASCII.length);
    let length = 0;
    let changed = bytes !== chunk;
    const put = (written: ArrayLike<number>) => {
      out.set(written, length);
      length += written.length;
      changed = true;
    };
    const mark = () => put(MARK);
    for (let i = 0; i < bytes.length;) {
      if (bytes[i] < 0x80) {
        if (this.binary > 0 && bytes[i] === ESC) {
          const next = afterEscape(bytes, i);
          // What follows it is in the next chunk: decided then.
          if (next === bytes.length) {
            this.held = Array.from(bytes.subarray(i));
            changed = true;
            break;
          }
          if (DESIGNATES.has(bytes[next])) {
            mark();
            i += 1;
            continue;
          }
        }
        this.binary = Math.max(0, this.binary - 1);
        out[length++] = bytes[i++];
        continue;
      }
      const sequence = sequenceAt(bytes, i);
      if (sequence === 0) {
        this.held = Array.from(bytes.subarray(i));
        changed = true;
        break;
      }
      const valid = sequence > 0;
      const n = Math.abs(sequence);
      if (!valid) {
        if (this.binary === 0) put(CHARSETS_ASCII);
        this.binary = BINARY_CLEAN_BYTES;
        this.lastBroken = now;
      }
      // C1 controls (U+0080–U+009F: C2 80–9F) stay: the terminal acts on them as on ESC.
      const c1 = n === 2 && bytes[i] === 0xc2 && bytes[i + 1] < 0xa0;
      if (this.binary > 0 && valid && n > 1 && !c1) mark();
      else {
        for (let j = i; j < i + n; j++) out[length++] = bytes[j];
      }
      if (valid) this.binary = Math.max(0, this.binary - n);
      i += n;
    }
    return changed ? out.slice(0, length) : bytes;
  }
}
