// The first screen's terminal: the guest's console drawn in plain DOM, taking keys, until xterm loads.
import type { ITheme } from "@xterm/xterm";
import { scrollDownTo } from "./scroll-to-prompt";
import {
  enteredAbove,
  redrawRowsAfterResize,
  typedAtCursor,
  type TermRow,
  type TypedLine,
} from "../core/typed-line";
import { DisposableStore, listen } from "./disposables";
import { ScreenGrid } from "./screen-grid";
import { rowNodes } from "./light-row-nodes";
import { keyToBytes, pasteToBytes } from "./terminal-keys";
import { cellSize, SCROLL_BAR_WIDTH } from "./terminal-look";
import type { TerminalView, ViewOptions } from "./terminal-view";
import { screenText } from "./screen-text";

/**
 * xterm's whole start-up (its 330 KB of script, its services, a forced layout per character it
 * measures) would take the page's thread while the emulator restores the guest; this view costs
 * almost nothing, draws what xterm would (same font, cell size and colours) and hands over to xterm
 * once the page is idle. It knows only what a shell's first seconds use (screen-grid.ts).
 */
export class LightScreen implements TerminalView {
  readonly element = document.createElement("div");
  private readonly rowBox = document.createElement("div");
  private readonly input = document.createElement("textarea");
  private readonly decoder = new TextDecoder();
  private readonly grid: ScreenGrid;
  private readonly disposables = new DisposableStore();
  private drawn: string[] = [];
  private frame = 0;
  /** The cursor row last scrolled to (draw). */
  private scrolledFor = -1;
  /** The box reaches below the window (a short one), measured at each fit: only then may a cursor be
   * out of sight, and only then does drawing read the layout (on the first command's path). */
  private reachesBelow = false;
  private cell = { width: 0, height: 0 };
  private fontSize: number;
  private theme: ITheme;

  constructor(private readonly options: ViewOptions) {
    this.fontSize = options.fontSize;
    this.theme = options.theme;
    // The grid's answers to the guest's queries go the way typed keys go (xterm does the same).
    this.grid = new ScreenGrid(80, 24, (text) => options.onData(text));
    this.element.className = "light-screen";
    this.rowBox.className = "terminal-rows";
    this.input.className = "terminal-input";
    this.input.setAttribute("aria-label", "Terminal input");
    this.input.setAttribute("autocapitalize", "off");
    this.input.setAttribute("autocorrect", "off");
    this.input.spellcheck = false;
    this.element.append(this.rowBox, this.input);
    this.element.style.position = "relative";
    this.element.style.cursor = "text";
    this.rowBox.style.whiteSpace = "pre";
    // Invisible, at the cursor (applyLook, draw): where input methods put their candidates.
    this.input.style.cssText =
      "position:absolute;opacity:0;width:1px;resize:none;overflow:hidden;padding:0;border:0";
    this.listen();
    this.applyLook();
  }

  get appCursorKeys(): boolean {
    return this.grid.appCursorKeys;
  }

  get cols(): number {
    return this.grid.cols;
  }

  get rows(): number {
    return this.grid.rowCount;
  }

  write(bytes: Uint8Array): void {
    this.grid.write(this.decoder.decode(bytes, { stream: true }));
    this.schedule();
  }

  /** Fits the grid to the box the view sits in, as xterm's FitAddon would fit xterm. */
  fit(): void {
    const parent = this.element.parentElement;
    if (!parent || this.cell.width === 0) return;
    const style = getComputedStyle(parent);
    // Laid out, the sizes are pixels. In a frame hidden by the page around it (a closed accordion)
    // there is no layout, and they are the declared "100%": read as 100 px, they made a 9-column
    // grid, and the saved screen was wrapped to it for good.
    if (!style.width.endsWith("px") || !style.height.endsWith("px")) return;
    const width = Math.max(0, Number.parseInt(style.width, 10)) - SCROLL_BAR_WIDTH;
    const height = Number.parseInt(style.height, 10);
    if (!(width > 0 && height > 0)) return;
    this.reachesBelow = parent.getBoundingClientRect().bottom > window.innerHeight;
    const cols = Math.max(2, Math.floor(width / this.cell.width));
    const rows = Math.max(1, Math.floor(height / this.cell.height));
    if (cols === this.grid.cols && rows === this.grid.rowCount) return;
    const line = cols < this.grid.cols ? this.typedLine() : undefined;
    this.grid.resize(cols, rows);
    // Rows are not rewrapped here: down to where busybox's line editor will reckon its cursor is
    // (see XtermView.keepingLine), or its redraw would begin over the rows above its prompt.
    if (line) this.grid.write("\n".repeat(redrawRowsAfterResize(line, cols) - line.row));
    this.applyLook();
    this.options.onResize();
  }

  focus(): void {
    // Not the browser's own scroll to it: in a frame that scrolls the documentation page around it
    // too. Down to the prompt in this document only (a short window), as draw() does as it moves.
    this.input.focus({ preventScroll: true });
    if (this.reachesBelow) scrollDownTo(this.input);
  }

  hasFocus(): boolean {
    return document.activeElement === this.input;
  }

  setFontSize(size: number): void {
    this.fontSize = size;
    this.applyLook();
    this.fit();
  }

  typedLine(): TypedLine | undefined {
    // The light screen keeps no note of wrapped rows, and its rows' text ends at the last non-blank:
    // a row the line editor broke at a typed space is not joined, and nothing is carried. It shows
    // only until xterm takes over, with the panels that could replace the shell.
    return typedAtCursor(this.rowReader(), { x: this.grid.x, y: this.grid.y }, this.grid.cols);
  }

  enteredLine(): string | undefined {
    return enteredAbove(this.rowReader(), this.grid.y, this.grid.cols);
  }

  shownText(): string {
    // Its rows keep no note of wrapping: each is a line of its own.
    return screenText(this.grid.lines().map((text) => ({ text, wrapped: false })));
  }

  private rowReader(): (y: number) => TermRow | undefined {
    const lines = this.grid.lines();
    const cols = this.grid.cols;
    return (y: number) =>
      y >= 0 && y < lines.length
        ? { text: lines[y], wrapped: false, full: lines[y].length >= cols }
        : undefined;
  }

  setScreenReaderMode(): void {
    // Its rows are text in the page, readable as they are.
  }

  setTheme(theme: ITheme): void {
    this.theme = theme;
    this.applyLook();
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.disposables.dispose();
    this.element.remove();
  }

  private listen(): void {
    const d = this.disposables;
    const send = (text: string) => this.options.onData(text);
    d.add(
      listen(this.input, "keydown", (event: KeyboardEvent) => {
        if (event.isComposing) return;
        const action = this.options.keys.decide(event, this.grid.alternate);
        if (action === "browser") return;
        if (action !== "terminal") {
          event.preventDefault();
          if (action === "copy") {
            const text = document.getSelection()?.toString() ?? "";
            if (text) this.options.onCopy(text);
          } else this.options.onLeave(action === "back");
          return;
        }
        const bytes = keyToBytes(event, this.grid.appCursorKeys);
        if (bytes === undefined) return;
        event.preventDefault();
        send(bytes);
      }),
    );
    // Plain text, after keyboard layouts and input methods have had their say.
    d.add(
      listen(this.input, "input", (event: Event) => {
        if ((event as InputEvent).isComposing) return;
        const text = this.input.value;
        this.input.value = "";
        if (text) send(text);
      }),
    );
    d.add(
      listen(this.input, "compositionend", (event: CompositionEvent) => {
        this.input.value = "";
        if (event.data) send(event.data);
      }),
    );
    d.add(
      listen(this.input, "paste", (event: ClipboardEvent) => {
        event.preventDefault();
        const text = event.clipboardData?.getData("text/plain") ?? "";
        if (text) send(pasteToBytes(text, this.grid.bracketedPaste));
      }),
    );
    d.add(listen(this.input, "focus", () => this.schedule()));
    d.add(listen(this.input, "blur", () => this.schedule()));
    // A click puts the keyboard here, unless it made a selection someone wants to copy.
    d.add(
      listen(this.element, "mouseup", () => {
        if (!document.getSelection()?.toString()) this.input.focus({ preventScroll: true });
      }),
    );
  }

  /** Font, cell size and colours as xterm computes them (CharSizeService, DomRenderer). */
  private applyLook(): void {
    const family = this.options.fontFamily;
    this.cell = cellSize(family, this.fontSize, this.grid.cols);
    const s = this.element.style;
    s.fontFamily = family;
    s.fontSize = `${this.fontSize}px`;
    s.background = this.theme.background ?? "";
    s.color = this.theme.foreground ?? "";
    this.rowBox.style.width = `${this.cell.width * this.grid.cols}px`;
    this.input.style.height = `${this.cell.height}px`;
    this.drawn = [];
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    // Drawn once a frame, like xterm, however many writes arrive in between.
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const { grid, cell } = this;
    while (this.rowBox.children.length > grid.rowCount) this.rowBox.lastElementChild?.remove();
    while (this.rowBox.children.length < grid.rowCount) {
      const row = document.createElement("div");
      row.style.overflow = "hidden";
      this.rowBox.append(row);
    }
    const cursorX = Math.min(grid.x, grid.cols - 1);
    const focused = this.hasFocus();
    for (let y = 0; y < grid.rowCount; y++) {
      const row = this.rowBox.children[y] as HTMLDivElement;
      const runs = grid.screen.runs(y);
      const cursorHere = grid.cursorVisible && y === grid.y;
      const key = JSON.stringify(runs) + (cursorHere ? `@${cursorX}${focused}` : "");
      if (this.drawn[y] === key) continue;
      this.drawn[y] = key;
      row.style.height = row.style.lineHeight = `${cell.height}px`;
      row.replaceChildren(...rowNodes(runs, cursorHere ? cursorX : -1, focused, this.theme));
    }
    this.input.style.left = `${cursorX * cell.width}px`;
    this.input.style.top = `${grid.y * cell.height}px`;
    // A cursor below the window's edge (a short window: 200% zoom) is scrolled to as it moves down
    // a row, as the browser does for an input that takes the keyboard; xterm's is kept in view too
    // (terminal-host.ts), so the prompt shows from the first screen on.
    if (focused && this.reachesBelow && grid.y !== this.scrolledFor) {
      this.scrolledFor = grid.y;
      scrollDownTo(this.input);
    }
  }
}
