// xterm.js as the terminal's view, loaded once the page is idle: the full terminal, scrollback and all.
import { Terminal as XTerm } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import "@xterm/xterm/css/xterm.css";
import type { ITheme } from "@xterm/xterm";
import {
  enteredAbove,
  redrawRowsAfterResize,
  typedAtCursor,
  type TermRow,
  type TypedLine,
} from "../core/typed-line";
import { DisposableStore, listen } from "./disposables";
import { isTerminalReport } from "../core/terminal-report";
import { screenText } from "./screen-text";
import { scrollOnSwipe } from "./touch-scroll";
import type { TerminalView, ViewOptions } from "./terminal-view";

export class XtermView implements TerminalView {
  readonly element = document.createElement("div");
  private readonly term: XTerm;
  private readonly fitAddon = new FitAddon();
  /** The last fit found no box: the terminal is hidden, or was when it was made. */
  private boxless = true;
  /** xterm's screen in view, as the observer that pauses xterm's drawing last found (see fit). */
  private inView = true;
  /** A fit asked for while out of view, done once back in view. */
  private fitInView = false;
  private readonly disposables = new DisposableStore();
  /** xterm's own answers are dropped while it replays what the light screen already answered. */
  private muted = true;

  constructor(options: ViewOptions, parent: HTMLElement) {
    this.element.className = "h-full w-full";
    this.term = this.disposables.add(
      new XTerm({
        fontFamily: options.fontFamily,
        fontSize: options.fontSize,
        theme: options.theme,
        // Steady: a blinking cursor animates the page every frame, some 6 % of a core while idle.
        cursorBlink: false,
        scrollback: 5000,
        // The guest's line discipline does its own CR/LF handling on the serial tty.
        convertEol: false,
        // Output a screen reader can read and hear (rows mirrored into the DOM, new lines announced).
        // Off unless asked (?sr=1, or the page's first button): work nobody else needs, and it ignores
        // text that arrives without a key (taken by takeKeylessText below).
        screenReaderMode: options.screenReaderMode,
        // Its parser's complaints about binary output (cat /dev/urandom: thousands a second) would
        // bury anything else in the console, and each costs the page's thread.
        logLevel: "off",
        // A guest's OSC 8 hyperlink would otherwise open a browser confirm() ("…could potentially be
        // dangerous") and then any site: a surprise on stage, and a way off the page for output.
        linkHandler: { activate: () => undefined },
      }),
    );
    this.term.loadAddon(this.fitAddon);
    this.keepColours();
    this.term.attachCustomKeyEventHandler((event) => {
      const action = options.keys.decide(event, this.term.buffer.active.type === "alternate");
      if (action === "terminal") return true;
      if (action === "browser") return false;
      event.preventDefault();
      if (action === "copy" && this.term.hasSelection()) {
        options.onCopy(this.term.getSelection());
      } else if (action === "leave" || action === "back") options.onLeave(action === "back");
      return false;
    });
    this.disposables.add(
      this.term.onData((text) => {
        if (!(this.muted && isTerminalReport(text))) options.onData(text);
      }),
    );
    this.disposables.add(this.term.onResize(() => options.onResize()));
    parent.append(this.element);
    this.term.open(this.element);
    this.watchInView();
    // The classes the page's tests and benchmark look for, whichever view is showing.
    this.element.querySelector(".xterm-rows")?.classList.add("terminal-rows");
    this.disposables.add(
      scrollOnSwipe(this.element, {
        scrollLines: (lines) => this.term.scrollLines(lines),
        canScroll: (direction) => {
          const { viewportY, baseY } = this.term.buffer.active;
          return direction < 0 ? viewportY > 0 : viewportY < baseY;
        },
        rowHeight: () => this.element.clientHeight / Math.max(1, this.term.rows),
      }),
    );
    const input = this.element.querySelector<HTMLTextAreaElement>(".xterm-helper-textarea");
    input?.classList.add("terminal-input");
    if (input) this.takeKeylessText(input, options);
  }

  /**
   * Out of view (a hidden tab or frame, scrolled off), xterm pauses drawing and puts off its
   * renderer's resize until back in view, while its scroll area is synced at once with the old
   * height: a shrink then pinned the view to the top of the history, the prompt below out of sight.
   * So fits wait for the same news xterm waits for. This observer, made after xterm's on the same
   * element, hears each change just after xterm has.
   */
  private watchInView(): void {
    const screen = this.element.querySelector(".xterm-screen");
    if (!screen || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        this.inView = entries[entries.length - 1]?.isIntersecting ?? this.inView;
        if (this.inView && this.fitInView) this.fit();
      },
      { threshold: 0 },
    );
    observer.observe(screen);
    this.disposables.addFn(() => observer.disconnect());
  }

  /**
   * The guest may ask what the colours are (OSC 4, 10, 11, 12 with "?"), not change them: a program
   * that set the text's colour to the background's hid everything after it until `reset`, the page's
   * theme switch included. Answering stays xterm's; a change is dropped.
   */
  private keepColours(): void {
    // OSC 4 is index;colour pairs; 10 to 12 are colours for themselves and the ones after them: each
    // colour as the request that asks for it alone, and its value ("?" asks).
    const colours = (ident: number, data: string): Array<[asker: string, value: string]> => {
      const slots = data.split(";");
      if (ident === 4)
        return slots.flatMap<[string, string]>((value, i) =>
          i % 2 === 1 ? [[`4;${slots[i - 1]}`, value]] : [],
        );
      return slots.map((value, i) => [String(ident + i), value]);
    };
    for (const ident of [4, 10, 11, 12])
      this.disposables.add(
        // True: handled here, so xterm's own handler (which would set the colour) does not run.
        this.term.parser.registerOscHandler(ident, (data) => {
          const all = colours(ident, data);
          const queries = all.filter(([, value]) => value === "?");
          if (queries.length === all.length) return false;
          // A set mixed with questions: the questions alone go back through xterm, to be answered.
          for (const [asker] of queries) this.term.write(`\u001b]${asker};?\u001b\\`);
          return true;
        }),
      );
  }

  /**
   * In screen reader mode xterm ignores text that arrives as an input event with no key behind it
   * (dictation, some on-screen keyboards, pasting tools), which it otherwise takes: take it here
   * then, on the same terms as xterm (no key down since the last key up, or not composed).
   */
  private takeKeylessText(input: HTMLTextAreaElement, options: ViewOptions): void {
    let keyDown = false;
    this.disposables.add(listen(input, "keydown", () => (keyDown = true)));
    this.disposables.add(listen(input, "keyup", () => (keyDown = false)));
    this.disposables.add(
      listen(input, "input", (event) => {
        const e = event as InputEvent;
        if (!this.term.options.screenReaderMode || e.inputType !== "insertText" || !e.data) return;
        if (e.composed && keyDown) return;
        options.onData(e.data);
        input.value = "";
      }),
    );
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  get appCursorKeys(): boolean {
    return this.term.modes.applicationCursorKeysMode;
  }

  /** From now on xterm answers the guest's queries itself (see `muted`). */
  unmute(): void {
    this.muted = false;
  }

  /** `done` runs once xterm has parsed these bytes and all before them. */
  write(bytes: Uint8Array, done?: () => void): void {
    this.term.write(bytes, done);
  }

  /** Takes a size as it is, box or no box (see TerminalHost.upgrade). */
  resize(cols: number, rows: number): void {
    this.keepingLine(() => this.term.resize(cols, rows));
  }

  /**
   * Told of a narrower terminal (SIGWINCH), busybox's line editor moves up as many rows as it
   * reckons its cursor is below the prompt's first row and draws the line again from there. xterm
   * has moved the rows by then: it splits a row too long for the new width in two or three, but not
   * the rows of the cursor's own line, so the count missed, and the redraw wrote over the rows
   * above the prompt or left half a line behind. So the cursor is put where busybox reckons it is.
   */
  private keepingLine(resize: () => void): void {
    const cols = this.term.cols;
    const line = this.typedLine();
    const start = line && this.term.registerMarker(-line.row);
    resize();
    if (line && start && !start.isDisposed && this.term.cols < cols) {
      const buffer = this.term.buffer.active;
      const move = start.line + redrawRowsAfterResize(line, this.term.cols) - (buffer.baseY + buffer.cursorY);
      // Down by line feeds: past the last row they scroll, as the redraw would.
      if (move > 0) this.term.write("\n".repeat(move));
      else if (move < 0) this.term.write(`\u001b[${-move}A`);
    }
    start?.dispose();
  }

  fit(): void {
    const el = this.element;
    if (el.clientWidth === 0 || el.clientHeight === 0) {
      this.boxless = true;
      return;
    }
    this.fitInView = !this.inView;
    if (this.fitInView) return;
    this.keepingLine(() => this.fitAddon.fit());
    // Shown again (a documentation page's tab, a <details> opened): xterm paused drawing while it was
    // hidden and, resized meanwhile, could go on showing rows from before the last output.
    if (this.boxless) this.term.refresh(0, this.term.rows - 1);
    this.boxless = false;
  }

  focus(): void {
    this.term.focus();
  }

  hasFocus(): boolean {
    return this.element.contains(document.activeElement);
  }

  setFontSize(size: number): void {
    if (this.term.options.fontSize === size) return;
    this.term.options.fontSize = size;
    this.fit();
  }

  setTheme(theme: ITheme): void {
    this.term.options.theme = theme;
  }

  typedLine(): TypedLine | undefined {
    const buffer = this.term.buffer.active;
    return typedAtCursor(
      this.rowReader(),
      { x: buffer.cursorX, y: buffer.baseY + buffer.cursorY },
      this.term.cols,
    );
  }

  enteredLine(): string | undefined {
    const buffer = this.term.buffer.active;
    return enteredAbove(this.rowReader(), buffer.baseY + buffer.cursorY, this.term.cols);
  }

  shownText(): string {
    const buffer = this.term.buffer.active;
    const rows = Array.from({ length: this.term.rows }, (_, i) => buffer.getLine(buffer.viewportY + i));
    return screenText(
      rows.map((line) => ({ text: line?.translateToString(false) ?? "", wrapped: line?.isWrapped ?? false })),
    );
  }

  private rowReader(): (y: number) => TermRow | undefined {
    const buffer = this.term.buffer.active;
    const cols = this.term.cols;
    return (y: number) => {
      const line = y >= 0 ? buffer.getLine(y) : undefined;
      // A cell never written has no characters; a space typed into the last column has one.
      const full = line?.getCell(cols - 1)?.getChars() !== "";
      return line && { text: line.translateToString(false), wrapped: line.isWrapped, full };
    };
  }

  setScreenReaderMode(on: boolean): void {
    this.term.options.screenReaderMode = on;
  }

  dispose(): void {
    this.disposables.dispose();
    this.element.remove();
  }
}
