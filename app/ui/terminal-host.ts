// The guest's serial console on the page: a light first screen at once, xterm.js once the page is idle.
import type { LoadStatus, TerminalLab } from "../core/lab-types";
import { scrollDownTo } from "./scroll-to-prompt";
import { fitFirstLine, LongLineWatch } from "../core/line-limit";
import { Store } from "../core/store";
import { copyText } from "./copy-text";
import { DisposableStore, listen } from "./disposables";
import { LightScreen } from "./light-screen";
import { OutputPath } from "./output-path";
import { isTerminalReport } from "../core/terminal-report";
import { QuietWatch } from "./quiet-watch";
import { ShellLine } from "./shell-line";
import { softKeyBytes, type SoftKey } from "./soft-keys";
import { KeyPolicy } from "./terminal-keys";
import { DARK_TERMINAL, LIGHT_TERMINAL, TERMINAL_FONT } from "./terminal-themes";
import type { TerminalView, ViewOptions } from "./terminal-view";
import type { Theme } from "./theme";
import type { XtermView } from "./xterm-view";

export interface TerminalHostOptions {
  fontSize: number;
  theme: Theme;
  screenReader: boolean;
}

/** A refused copy, and what asked for it: a selection (the copy key) or the rows in view (key bar). */
export type CopyRefusal = false | "selection" | "screen";

const terminalTheme = (theme: Theme) => (theme === "dark" ? DARK_TERMINAL : LIGHT_TERMINAL);

/** app.tsx's line under the terminal (copy, paste, the ways out), and its shorter description for screen readers. */
export const TERMINAL_HINT_ID = "terminal-hint";
export const TERMINAL_DESCRIPTION_ID = "terminal-description";

/**
 * One terminal for the page's lifetime: fitted to whatever box holds `element`, sized in the guest,
 * keys only while focused. It starts as the light screen (light-screen.ts), which shows the saved
 * screen and takes keys while the emulator restores; `upgrade()` loads xterm, replays every byte
 * into it out of sight and swaps it in within one task, focus and all. The React component moves
 * `element` into its layout; before React has loaded, the boot code shows it (app/ui/main.ts).
 */
export class TerminalHost {
  readonly element = document.createElement("div");
  private view: TerminalView;
  private xterm: Promise<void> | undefined;
  /** The light screen's until xterm takes over (see swap). */
  private readonly output = new OutputPath((bytes) => this.view.write(bytes));
  private readonly quiet = new QuietWatch();
  private readonly line = new ShellLine(() => this.view);
  private readonly disposables = new DisposableStore();
  private readonly options: ViewOptions;
  /** Called when a keyboard user leaves the terminal (Tab stays the shell's; Shift+Tab goes back). */
  private onLeave: (backwards: boolean) => void = () => {};
  private sentSize = "";
  private disposed = false;
  /** A shell reads what is typed (see showStatus and tabStop). */
  private reading = false;
  /** Whether the line at the prompt went past what the shell takes (line-limit.ts). */
  readonly longLine = new LongLineWatch();
  /** The copy key found the clipboard closed to this page (copy-text.ts); the next key hides it. */
  readonly copyRefused = new Store<CopyRefusal>(false);

  constructor(
    private readonly lab: TerminalLab,
    options: TerminalHostOptions,
  ) {
    this.element.className = "relative h-full w-full";
    this.options = {
      fontFamily: TERMINAL_FONT,
      fontSize: options.fontSize,
      theme: terminalTheme(options.theme),
      screenReaderMode: options.screenReader,
      keys: new KeyPolicy(),
      onData: (text) => {
        // The line on screen counts once it shows the answer to the last edit key: read before an
        // echoed Ctrl+U, it would have the keys after it cut as past the limit. Until then the
        // line is taken as empty, the most the shell could have room for.
        const shown = this.line.current();
        const onScreen = shown?.text;
        const typed = onScreen !== undefined && this.quiet.lineMayLag() ? "" : onScreen;
        // QuietWatch tells typing from the terminal's own answers (cursor position and the like).
        this.quiet.input(text);
        const key = !isTerminalReport(text);
        // After Apply, the new shell's first ↑ brings back the old shell's last command.
        const sent = key ? this.line.input(typed, text, shown !== undefined) : text;
        // Busybox's shell drops keys past its line's limit without a word: the page says it, and
        // spares the guest a long paste's dropped part.
        this.longLine.input(typed ?? "", sent, key);
        if (key) this.copyRefused.set(false);
        lab.sendTerminalInput(key && typed !== undefined ? fitFirstLine(typed, sent) : sent);
      },
      onLeave: (backwards) => this.onLeave(backwards),
      onCopy: (text) => {
        void copyText(text).then((copied) => this.copyRefused.set(!copied && "selection"));
      },
      // The guest's tty must hear every change of size, or line editing wraps wrongly.
      onResize: () => this.tellGuest(),
    };
    this.view = new LightScreen(this.options);
    this.element.append(this.view.element);
    // Made before the lab starts and kept for the page's life, so it hears every byte from the first.
    this.disposables.addFn(
      lab.onTerminalOutput((raw) => {
        this.quiet.output();
        this.output.push(raw);
      }),
    );
    this.showStatus(lab.status.get());
    this.disposables.addFn(lab.status.subscribe((status) => this.showStatus(status)));
    this.disposables.addFn(lab.setTypedLineSource(() => this.line.current()));
    this.line.identity(lab.identity.get());
    this.disposables.addFn(lab.identity.subscribe((state) => this.line.identity(state)));
  }

  /**
   * A failed guest's last screen stays, to read and copy, but it must not look like a shell that
   * waits for keys (nothing reads them): dimmed, and out of the keyboard's way (the lab hides the
   * cursor and says why in the terminal itself).
   */
  private showStatus(status: LoadStatus): void {
    const failed = status.phase === "error";
    this.element.style.opacity = failed ? "0.55" : "";
    this.element.dataset.live = String(!failed);
    const focused = document.activeElement;
    if (failed && focused instanceof HTMLElement && this.element.contains(focused)) focused.blur();
    this.reading = status.live === true && !failed;
    this.tabStop();
  }

  /**
   * The input of whichever view shows: a stop for Tab only while a shell reads keys. A failed
   * terminal, or one the loading screen covers (Start not pressed yet, a cold boot on its way),
   * would hold the keyboard (it keeps Tab) where nothing shows or reads it, and Tab would never reach
   * the loading screen's buttons. A screen reader entering it hears how to get out again.
   */
  private tabStop(): void {
    for (const input of this.element.querySelectorAll<HTMLElement>(".terminal-input")) {
      input.tabIndex = this.reading ? 0 : -1;
      input.setAttribute("aria-describedby", TERMINAL_DESCRIPTION_ID);
    }
  }

  /** Loads xterm and lets it take over from the light screen; resolves once it has. */
  upgrade(): Promise<void> {
    this.xterm ??= import("./xterm-view").then(({ XtermView }) => {
      if (this.disposed) return;
      const xterm = new XtermView(this.options, this.element);
      // Out of sight until it shows what the light screen shows.
      xterm.element.style.cssText = "position:absolute;inset:0;visibility:hidden";
      return new Promise<void>((resolve) => this.catchUp(xterm, resolve));
    });
    return this.xterm;
  }

  /** Replays the kept output into xterm until none is left, then swaps the views (see swap). */
  private catchUp(xterm: XtermView, done: () => void): void {
    if (this.disposed) return done();
    // The light screen's size, not the box's, batch by batch: the output was laid out for the size
    // the guest was told, and the box may have changed since the light screen last fitted (it does
    // so a frame later). The swap then fits xterm to the box as any change of box would.
    if (xterm.cols !== this.view.cols || xterm.rows !== this.view.rows)
      xterm.resize(this.view.cols, this.view.rows);
    const chunks = this.output.log.take();
    if (chunks.length > 0) {
      // Output that arrives while xterm parses these is kept, and replayed next time round.
      chunks.forEach((chunk, i) =>
        xterm.write(chunk, i === chunks.length - 1 ? () => this.catchUp(xterm, done) : undefined),
      );
      return;
    }
    // xterm draws what it parsed at the next frame: swap in that frame, after its drawing, so no
    // frame shows less than the light screen did. Output arriving meanwhile goes round once more.
    requestAnimationFrame(() => (this.output.log.empty ? this.swap(xterm, done) : this.catchUp(xterm, done)));
  }

  private swap(xterm: XtermView, done: () => void): void {
    if (this.disposed) return done();
    const hadFocus = this.view.hasFocus();
    this.view.dispose();
    this.view = xterm;
    this.output.handOver((bytes, parsed) => xterm.write(bytes, parsed));
    xterm.element.style.cssText = "";
    // The light screen answered every query so far; xterm answers from here on.
    xterm.unmute();
    this.tabStop();
    if (hadFocus) xterm.focus();
    this.view.fit();
    this.revealCursor();
    done();
  }

  /** The prompt into view once layout has settled (a swap, the page's layout arriving): see light-screen.ts. */
  private revealCursor(): void {
    requestAnimationFrame(() => {
      const input = document.activeElement;
      if (!this.disposed && this.view.hasFocus() && input) scrollDownTo(input);
    });
  }

  private tellGuest(): void {
    // Fits often land on the same size; each change costs the guest a request, so send only changes.
    const size = `${this.view.rows}x${this.view.cols}`;
    if (size === this.sentSize) return;
    this.sentSize = size;
    this.lab.resizeTerminal(this.view.rows, this.view.cols);
  }

  /** Puts the terminal into `box` and keeps it fitted to that box. */
  mount(box: HTMLElement): () => void {
    // Moving a focused element blurs it: whoever was typing keeps typing after React takes over.
    const hadFocus = this.view.hasFocus();
    const left = this.element.parentElement;
    box.append(this.element);
    if (hadFocus) {
      this.view.focus();
      this.revealCursor();
    }
    if (left && left !== box) for (const fn of this.movedListeners.splice(0)) fn();
    const mounted = new DisposableStore();
    let frame = 0;
    const refit = () => {
      cancelAnimationFrame(frame);
      // Coalesce bursts of resize notifications into one fit per frame.
      frame = requestAnimationFrame(() => this.view.fit());
    };
    const observer = new ResizeObserver(refit);
    observer.observe(this.element);
    mounted.addFn(() => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    });
    mounted.add(listen(window, "resize", refit));
    // Fonts installed on the system may finish loading after the first fit and change the cell size.
    void document.fonts?.ready.then(refit);
    this.view.fit();
    this.tellGuest();
    return () => mounted.dispose();
  }

  private readonly movedListeners: Array<() => void> = [];

  /** Whether the terminal has been quiet for `ms` (see QuietWatch). */
  quietFor = (ms: number): boolean => this.quiet.quietIn(ms) === 0;

  /** Calls `fn` once, when the terminal has been quiet for `ms` (see QuietWatch). */
  whenQuiet(ms: number, fn: () => void): void {
    const wait = this.quiet.quietIn(ms);
    if (wait === 0) fn();
    else setTimeout(() => this.whenQuiet(ms, fn), wait);
  }

  /** Calls `fn` once, when the terminal has moved out of the box it is in now. */
  whenMoved(fn: () => void): void {
    this.movedListeners.push(fn);
  }

  setFontSize(size: number): void {
    if (this.options.fontSize === size) return;
    this.options.fontSize = size;
    this.view.setFontSize(size);
  }

  /** Where a keyboard user who leaves the terminal (Esc Esc, Ctrl+Shift+Up) should land. */
  setLeaveHandler(handler: (backwards: boolean) => void): () => void {
    this.onLeave = handler;
    return () => {
      if (this.onLeave === handler) this.onLeave = () => {};
    };
  }

  setTheme(theme: Theme): void {
    this.options.theme = terminalTheme(theme);
    this.view.setTheme(this.options.theme);
  }

  setScreenReaderMode(on: boolean): void {
    this.options.screenReaderMode = on;
    this.view.setScreenReaderMode(on);
  }

  focus(): void {
    this.view.focus();
  }

  /** The rows in view to the clipboard (a finger cannot select in xterm): whether they got there. */
  async copyShown(): Promise<boolean> {
    const copied = await copyText(this.view.shownText());
    this.copyRefused.set(!copied && "screen");
    return copied;
  }

  /** A key from the page's own row of keys (a phone's keyboard has none of them). */
  pressKey(key: SoftKey): void {
    const bytes = softKeyBytes(key, this.view.appCursorKeys);
    if (this.reading && bytes) this.options.onData(bytes);
  }

  dispose(): void {
    this.disposed = true;
    this.disposables.dispose();
    this.view.dispose();
    this.element.remove();
  }
}
