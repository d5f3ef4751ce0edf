// The light terminal's screen model: the VT subset a shell on a serial console uses, as xterm does it.

import { controlMove, cursorMove, type Position } from "./cursor-moves";
import { applySgr, ScreenRows, type Attr, type Row } from "./screen-rows";
import { csiParams, VtParser } from "./vt-parser";

/** What the terminal answers by itself, as xterm does (busybox's line editing asks for the cursor). */
export type Reply = (text: string) => void;

interface Cursor extends Position {
  attr: Attr;
}

/** One screen's state apart from the one on show: rows, scrolled-off count, saved cursor, region. */
interface Stash {
  rows: Row[];
  ybase: number;
  cursor: Cursor;
  top: number;
  bottom: number;
}

/**
 * The screen as xterm would have it after the same bytes (screen-grid.test.ts compares the two):
 * cursor movement, erasing, scrolling regions, the alternate screen, 256 colours, and the answers
 * to cursor-position and device queries. Not here, because a shell's first seconds do not need them
 * and xterm takes over within about a second: scrollback, double-width characters (one cell here,
 * two in xterm), insert mode, tab stops other than every eighth column, and true colour.
 */
export class ScreenGrid {
  readonly screen: ScreenRows;
  /** The shell's screen while the alternate one shows. */
  private other: Stash | undefined;
  /** What the alternate screen keeps between its visits (xterm clears only its rows). */
  private altStash: Stash;
  /** Rows scrolled off the top so far: a saved cursor keeps to its text (xterm's ybase). */
  private ybase = 0;
  /** The cursor; x may equal cols: a wrap is pending (xterm's convention). */
  x = 0;
  y = 0;
  cursorVisible = true;
  appCursorKeys = false;
  bracketedPaste = false;
  private autowrap = true;
  private attr: Attr = 0;
  private top = 0;
  private bottom: number;
  private savedCursor: Cursor = { x: 0, y: 0, attr: 0 };
  /** A full-screen program (vi, top) shows on the alternate screen. */
  get alternate(): boolean {
    return this.other !== undefined;
  }
  private readonly parser = new VtParser({
    print: (ch) => this.print(ch),
    control: (code) => this.control(code),
    escape: (ch) => this.escape(ch),
    csi: (final, params) => this.csi(final, params),
  });

  constructor(
    cols: number,
    rowCount: number,
    private readonly reply: Reply = () => {},
  ) {
    this.bottom = rowCount - 1;
    this.screen = new ScreenRows(cols, rowCount);
    this.altStash = { ...this.stash([]), cursor: { x: 0, y: 0, attr: 0 } };
  }

  get cols(): number {
    return this.screen.cols;
  }

  get rowCount(): number {
    return this.screen.count;
  }

  /** The screen's text, one string per row, trailing blanks trimmed. */
  lines(): string[] {
    return Array.from({ length: this.rowCount }, (_, y) => this.screen.text(y));
  }

  resize(cols: number, rowCount: number): void {
    if (this.other) {
      // The shell's screen, behind a full-screen program's, takes the new size too (xterm resizes
      // both): it would come back the old size, its rows and region out of step with the screen's.
      const shell = this.other;
      const cursorY = Math.max(shell.cursor.y - shell.ybase, 0);
      const shown = this.screen.swap(shell.rows);
      // Rows that go off the top above the saved cursor count as scrolled off, as it keeps to its text.
      shell.ybase += cursorY - this.screen.resize(cols, rowCount, cursorY);
      shell.rows = this.screen.swap(shown);
    }
    for (const s of [this.other, this.altStash]) if (s) Object.assign(s, { top: 0, bottom: rowCount - 1 });
    this.y = this.screen.resize(cols, rowCount, this.y);
    this.top = 0;
    this.bottom = rowCount - 1;
    this.x = Math.min(this.x, cols - 1);
    this.y = Math.min(this.y, rowCount - 1);
  }

  write(text: string): void {
    this.parser.write(text);
  }

  private control(code: number): void {
    if (code >= 0x0a && code <= 0x0c) {
      // A line feed at the pending wrap stays on the last column (xterm does the same).
      if (this.x >= this.cols) this.x--;
      return this.index();
    }
    this.x = controlMove(code, this.x, this.cols);
  }

  private print(ch: string): void {
    if (this.x >= this.cols) {
      if (this.autowrap) {
        this.x = 0;
        this.index();
      } else this.x = this.cols - 1;
    }
    this.screen.put(this.y, this.x, ch, this.attr);
    this.x++;
  }

  private escape(ch: string): void {
    switch (ch) {
      case "D":
        return this.index();
      case "E":
        this.x = 0;
        return this.index();
      case "M":
        if (this.y === this.top) this.screen.scroll(this.top, this.bottom, -1);
        else if (this.y > 0) this.y--;
        return;
      case "7":
        return this.saveCursor();
      case "8":
        return this.restoreCursor();
      case "c":
        this.attr = 0;
        this.eraseDisplay(2);
        this.x = this.y = 0;
        return;
    }
  }

  private csi(final: string, raw: string): void {
    const { prefix, nums } = csiParams(raw);
    const n = (i: number, d = 1) => {
      const v = nums[i];
      return v === undefined || Number.isNaN(v) || v === 0 ? d : v;
    };
    const p0 = Number.isNaN(nums[0]) ? 0 : nums[0];
    if (prefix === "?") {
      if (final === "h" || final === "l") for (const m of nums) this.privateMode(m, final === "h");
      return;
    }
    if (prefix) return; // Secondary device attributes and the like: not answered here.
    if (raw === "!" && final === "p") return this.softReset();
    const clampX = () => (this.x = Math.min(this.x, this.cols - 1));
    const bounds = { cols: this.cols, rows: this.rowCount, top: this.top, bottom: this.bottom };
    const moved = cursorMove(final, n, this, bounds);
    if (moved) {
      ({ x: this.x, y: this.y } = moved);
      return;
    }
    switch (final) {
      case "J":
        return this.eraseDisplay(p0);
      case "K":
        clampX();
        return this.screen.erase(this.y, p0 === 0 ? this.x : 0, p0 === 1 ? this.x + 1 : this.cols, this.attr);
      case "X":
        clampX();
        return this.screen.erase(this.y, this.x, this.x + n(0), this.attr);
      case "P":
      case "@":
        clampX();
        return this.screen.shift(this.y, this.x, final === "P" ? -n(0) : n(0), this.attr);
      case "L":
      case "M":
        return this.shiftLines(final === "L" ? n(0) : -n(0));
      case "S":
        return this.screen.scroll(this.top, this.bottom, n(0));
      case "T":
        return this.screen.scroll(this.top, this.bottom, -n(0));
      case "m":
        this.attr = applySgr(this.attr, nums);
        return;
      case "n":
        if (p0 === 6) this.reply(`\u001b[${this.y + 1};${this.x + 1}R`);
        else if (p0 === 5) this.reply("\u001b[0n");
        return;
      case "c":
        if (p0 === 0) this.reply("\u001b[?1;2c");
        return;
      case "r": {
        // A region of fewer than two rows is ignored, cursor and all (as in xterm).
        const top = n(0);
        const bottom = nums[1] > 0 && nums[1] <= this.rowCount ? nums[1] : this.rowCount;
        if (bottom <= top) return;
        this.top = top - 1;
        this.bottom = bottom - 1;
        this.x = this.y = 0;
        return;
      }
      case "s":
        return this.saveCursor();
      case "u":
        return this.restoreCursor();
    }
  }

  /** DECSTR, as xterm does it: modes and colours back to their defaults, the cursor left where it is. */
  private softReset(): void {
    this.cursorVisible = this.autowrap = true;
    this.appCursorKeys = this.bracketedPaste = false;
    this.attr = 0;
    this.top = 0;
    this.bottom = this.rowCount - 1;
    this.savedCursor = { x: 0, y: 0, attr: 0 };
  }

  private privateMode(mode: number, on: boolean): void {
    if (mode === 1) this.appCursorKeys = on;
    else if (mode === 7) this.autowrap = on;
    else if (mode === 25) this.cursorVisible = on;
    else if (mode === 2004) this.bracketedPaste = on;
    else if (mode === 47 || mode === 1047 || mode === 1049) {
      // The alternate screen (vi, less): a screen of its own, with no scrollback, its own saved
      // cursor and scrolling region; the cursor stays where it is, going and coming back.
      if (on) {
        if (mode === 1049) this.saveCursor();
        if (this.other) return;
        this.other = this.stash(this.screen.swap(undefined, this.attr));
        this.unstash(this.altStash);
      } else {
        if (this.other) {
          this.altStash = this.stash([]);
          this.screen.swap(this.other.rows);
          this.unstash(this.other);
          this.other = undefined;
        }
        if (mode === 1049) this.restoreCursor();
      }
    }
  }

  private stash(rows: Row[]): Stash {
    return { rows, ybase: this.ybase, cursor: this.savedCursor, top: this.top, bottom: this.bottom };
  }

  private unstash(s: Stash): void {
    ({ ybase: this.ybase, cursor: this.savedCursor, top: this.top, bottom: this.bottom } = s);
  }

  private saveCursor(): void {
    this.savedCursor = { x: this.x, y: this.ybase + this.y, attr: this.attr };
  }

  /** Back to the saved place, but never to a pending wrap (xterm clamps it to the last column). */
  private restoreCursor(): void {
    const { x, y, attr } = this.savedCursor;
    this.x = Math.min(x, this.cols - 1);
    this.y = Math.min(Math.max(y - this.ybase, 0), this.rowCount - 1);
    this.attr = attr;
  }

  /** Line feed: down one row, scrolling the region when at its bottom. */
  private index(): void {
    if (this.y === this.bottom) {
      this.screen.scroll(this.top, this.bottom, 1);
      if (this.top === 0 && !this.other) this.ybase++;
    } else if (this.y < this.rowCount - 1) this.y++;
  }

  /** Inserts (n > 0) or deletes lines at the cursor's row, within the scrolling region. */
  private shiftLines(n: number): void {
    if (this.y < this.top || this.y > this.bottom) return;
    this.screen.scroll(this.y, this.bottom, -n);
    this.x = 0;
  }

  private eraseDisplay(mode: number): void {
    this.screen.eraseDisplay(mode, this.y, Math.min(this.x, this.cols - 1), this.attr);
  }
}
