// The light screen's rows of cells and the edits a terminal makes to them (scroll, erase, insert).

/**
 * A cell's look, packed: foreground + 1 (0 is the theme's) in bits 0–8, background + 1 in bits 9–17,
 * bold in bit 18, inverse in bit 19. Colours are xterm's 256; true colour falls back to the theme's
 * (the light screen shows a shell's first seconds, and xterm, replaying every byte, takes over).
 */
export type Attr = number;
export const BOLD = 1 << 18;
export const INVERSE = 1 << 19;
export const FG_MASK = 0x1ff;
export const BG_MASK = 0x1ff << 9;

export const attrFg = (a: Attr): number => (a & FG_MASK) - 1;
export const attrBg = (a: Attr): number => ((a & BG_MASK) >> 9) - 1;
export const attrBold = (a: Attr): boolean => (a & BOLD) !== 0;
export const attrInverse = (a: Attr): boolean => (a & INVERSE) !== 0;

/** A look after SGR parameters (ESC [ … m); NaN parameters were left empty, which means 0. */
export function applySgr(attr: Attr, nums: number[]): Attr {
  const fg = (c: number) => (attr = (attr & ~FG_MASK) | (c + 1));
  const bg = (c: number) => (attr = (attr & ~BG_MASK) | ((c + 1) << 9));
  for (let i = 0; i < nums.length; i++) {
    const p = Number.isNaN(nums[i]) ? 0 : nums[i];
    if (p === 0) attr = 0;
    else if (p === 1) attr |= BOLD;
    else if (p === 22) attr &= ~BOLD;
    else if (p === 7) attr |= INVERSE;
    else if (p === 27) attr &= ~INVERSE;
    else if (p >= 30 && p <= 37) fg(p - 30);
    else if (p >= 90 && p <= 97) fg(p - 90 + 8);
    else if (p === 39) fg(-1);
    else if (p >= 40 && p <= 47) bg(p - 40);
    else if (p >= 100 && p <= 107) bg(p - 100 + 8);
    else if (p === 49) bg(-1);
    else if (p === 38 || p === 48) {
      // 256 colours are kept; true colour falls back to the theme's.
      const indexed = nums[i + 1] === 5;
      const colour = indexed && nums[i + 2] >= 0 && nums[i + 2] < 256 ? nums[i + 2] : -1;
      if (p === 38) fg(colour);
      else bg(colour);
      i += indexed ? 2 : 4;
    }
  }
  return attr;
}

export interface Row {
  chars: string[];
  attrs: Attr[];
}

export class ScreenRows {
  private rows: Row[] = [];

  constructor(
    public cols: number,
    public count: number,
  ) {
    for (let i = 0; i < count; i++) this.rows.push(this.blank());
  }

  /** Row `y`'s text, trailing blanks trimmed. */
  text(y: number): string {
    return this.rows[y].chars.join("").trimEnd();
  }

  /** Runs of one look along row `y`, for drawing. */
  runs(y: number): Array<{ text: string; attr: Attr }> {
    const row = this.rows[y];
    const out: Array<{ text: string; attr: Attr }> = [];
    for (let i = 0; i < this.cols; i++) {
      const last = out[out.length - 1];
      if (last && last.attr === row.attrs[i]) last.text += row.chars[i];
      else out.push({ text: row.chars[i], attr: row.attrs[i] });
    }
    return out;
  }

  put(y: number, x: number, ch: string, attr: Attr): void {
    this.rows[y].chars[x] = ch;
    this.rows[y].attrs[x] = attr;
  }

  /** New size; returns where the cursor's row went (rows drop from the top if it would fall off). */
  resize(cols: number, count: number, cursorY: number): number {
    for (const row of this.rows) this.fitRow(row, cols, 0);
    this.cols = cols;
    while (this.rows.length > count) {
      if (cursorY >= count) {
        this.rows.shift();
        cursorY--;
      } else this.rows.pop();
    }
    while (this.rows.length < count) this.rows.push(this.blank());
    this.count = count;
    return cursorY;
  }

  /** Scrolls rows top..bottom up by n (down if n < 0), blank rows coming in. */
  scroll(top: number, bottom: number, n: number): void {
    // Past the region's height every row is new: no more turns than that (a count may be 2^31).
    for (let i = 0; i < Math.min(Math.abs(n), bottom - top + 1); i++) {
      if (n > 0) {
        this.rows.splice(top, 1);
        this.rows.splice(bottom, 0, this.blank());
      } else {
        this.rows.splice(bottom, 1);
        this.rows.splice(top, 0, this.blank());
      }
    }
  }

  /** Blanks cells from..to-1 of row y; erased cells keep the background (xterm's "BCE"). */
  erase(y: number, from: number, to: number, attr: Attr): void {
    const row = this.rows[y];
    for (let i = from; i < Math.min(to, this.cols); i++) {
      row.chars[i] = " ";
      row.attrs[i] = attr & BG_MASK;
    }
  }

  /** ED: from the cursor to the end (mode 0), from the start to the cursor (1), or all (2, 3). */
  eraseDisplay(mode: number, y: number, x: number, attr: Attr): void {
    const all = this.cols;
    if (mode === 0) {
      this.erase(y, x, all, attr);
      for (let r = y + 1; r < this.count; r++) this.erase(r, 0, all, attr);
    } else if (mode === 1) {
      for (let r = 0; r < y; r++) this.erase(r, 0, all, attr);
      this.erase(y, 0, x + 1, attr);
    } else for (let r = 0; r < this.count; r++) this.erase(r, 0, all, attr);
  }

  /** Deletes (n < 0) or inserts (n > 0) blank cells at x, shifting the rest of the row. */
  shift(y: number, x: number, n: number, attr: Attr): void {
    const row = this.rows[y];
    const blank = attr & BG_MASK;
    if (n < 0) {
      row.chars.splice(x, -n);
      row.attrs.splice(x, -n);
    } else {
      // More than the row holds would only be cut off again (a count may be 2^31).
      const count = Math.min(n, this.cols);
      row.chars.splice(x, 0, ...Array<string>(count).fill(" "));
      row.attrs.splice(x, 0, ...Array<Attr>(count).fill(blank));
    }
    this.fitRow(row, this.cols, blank);
  }

  /**
   * Swaps in another set of rows (the alternate screen), or blank ones in `attr`'s background, and
   * returns the ones shown until now.
   */
  swap(rows?: Row[], attr: Attr = 0): Row[] {
    const shown = this.rows;
    this.rows = rows ?? shown.map(() => this.blank(attr & BG_MASK));
    return shown;
  }

  private fitRow(row: Row, cols: number, attr: Attr): void {
    row.chars.length = row.attrs.length = Math.min(row.chars.length, cols);
    while (row.chars.length < cols) {
      row.chars.push(" ");
      row.attrs.push(attr);
    }
  }

  private blank(attr: Attr = 0): Row {
    return { chars: Array<string>(this.cols).fill(" "), attrs: Array<Attr>(this.cols).fill(attr) };
  }
}
