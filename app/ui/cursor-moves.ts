// Where the light screen's cursor moves put the cursor (BS, HT, CR and ESC [ A … H), as xterm moves it.

/** The cursor; x may equal cols: a wrap is pending (xterm's convention). */
export interface Position {
  x: number;
  y: number;
}

/** The screen's size and its scrolling region (rows top..bottom), which CUU and CUD stop at. */
export interface Bounds {
  cols: number;
  rows: number;
  top: number;
  bottom: number;
}

/**
 * The cursor after CSI `final` if it only moves the cursor (CUU … CUP, VPA), else undefined.
 * `n(i)` is parameter i with its default (1 when left out or 0).
 */
export function cursorMove(
  final: string,
  n: (i: number) => number,
  at: Position,
  b: Bounds,
): Position | undefined {
  // A relative move starts from the last column, not from a pending wrap (as in xterm).
  const x = Math.min(at.x, b.cols - 1);
  switch (final) {
    case "A":
      return { x, y: Math.max(at.y < b.top ? 0 : b.top, at.y - n(0)) };
    case "B":
      return { x, y: Math.min(at.y > b.bottom ? b.rows - 1 : b.bottom, at.y + n(0)) };
    case "C":
      return { x: Math.min(b.cols - 1, x + n(0)), y: at.y };
    case "D":
      return { x: Math.max(0, x - n(0)), y: at.y };
    case "E":
    case "F":
      return { x: 0, y: Math.max(0, Math.min(b.rows - 1, at.y + (final === "E" ? n(0) : -n(0)))) };
    case "G":
    case "`":
      return { x: Math.min(b.cols - 1, n(0) - 1), y: at.y };
    case "d":
      // VPA leaves x alone, a pending wrap included.
      return { x: at.x, y: Math.min(b.rows - 1, n(0) - 1) };
    case "H":
    case "f":
      return { x: Math.min(b.cols - 1, n(1) - 1), y: Math.min(b.rows - 1, n(0) - 1) };
  }
  return undefined;
}

/** The column after a C0 control that moves along the row (BS, HT, CR); any other leaves it. */
export function controlMove(code: number, x: number, cols: number): number {
  switch (code) {
    case 0x08: {
      const from = Math.min(x, cols - 1);
      return from > 0 ? from - 1 : from;
    }
    case 0x09:
      // At a pending wrap a tab does nothing: the next character still wraps (as in xterm).
      if (x >= cols) return x;
      return Math.min(cols - 1, (Math.floor(x / 8) + 1) * 8);
    case 0x0d:
      return 0;
  }
  return x;
}
