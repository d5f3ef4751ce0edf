// The guest's serial console in xterm.js, outside React: made before the app so the prompt shows at once.
import { Terminal as XTerm } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import "@xterm/xterm/css/xterm.css";
import type { Lab } from "../core/lab-types";
import { DisposableStore, listen } from "./disposables";
import { QuietWatch } from "./quiet-watch";
import { DARK_TERMINAL, LIGHT_TERMINAL, TERMINAL_FONT } from "./terminal-themes";
import type { Theme } from "./theme";

// Two Escapes this close together leave the terminal; one alone still reaches the guest (vi needs it).
const DOUBLE_ESCAPE_MS = 500;

export interface TerminalHostOptions {
  fontSize: number;
  theme: Theme;
}

/**
 * One xterm for the page's lifetime: fitted to whatever box holds `element`, sized in the guest,
 * keys only while focused. The React component moves `element` into its layout; before React has
 * loaded, the boot code shows it on its own (app/ui/main.ts).
 */
export class TerminalHost {
  readonly element: HTMLDivElement;
  private readonly term: XTerm;
  private readonly fit = new FitAddon();
  private readonly quiet = new QuietWatch();
  private readonly disposables = new DisposableStore();
  /** Called when a keyboard user asks to leave the terminal (xterm keeps Tab for the shell). */
  private onLeave: () => void = () => {};

  constructor(lab: Lab, options: TerminalHostOptions) {
    this.element = document.createElement("div");
    this.element.className = "h-full w-full";
    this.term = this.disposables.add(
      new XTerm({
        fontFamily: TERMINAL_FONT,
        fontSize: options.fontSize,
        theme: options.theme === "dark" ? DARK_TERMINAL : LIGHT_TERMINAL,
        // Steady: a blinking cursor animates the page every frame, some 6 % of a core while idle.
        cursorBlink: false,
        scrollback: 5000,
        // The guest's line discipline does its own CR/LF handling on the serial tty.
        convertEol: false,
      }),
    );
    this.term.loadAddon(this.fit);
    this.term.attachCustomKeyEventHandler(this.keyHandler());
    this.connect(lab);
  }

  private keyHandler(): (event: KeyboardEvent) => boolean {
    const term = this.term;
    let lastEscape = 0;
    return (event) => {
      const ctrlShift = event.ctrlKey && event.shiftKey && !event.altKey && !event.metaKey;
      if (ctrlShift && event.code === "KeyC") {
        // Ctrl+Shift+C copies like a desktop terminal; Ctrl+C stays SIGINT for the shell.
        if (event.type === "keydown" && term.hasSelection()) {
          void navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
        }
        event.preventDefault();
        return false;
      }
      // Leave Ctrl+Shift+V to the browser: it fires a paste event that xterm turns into input.
      if (ctrlShift && event.code === "KeyV") return false;
      if (event.type !== "keydown") return true;
      if (ctrlShift && event.key === "ArrowUp") {
        event.preventDefault();
        this.onLeave();
        return false;
      }
      if (event.key === "Escape" && !event.ctrlKey && !event.altKey && !event.metaKey) {
        const now = event.timeStamp;
        if (now - lastEscape < DOUBLE_ESCAPE_MS) {
          lastEscape = 0;
          this.onLeave();
          return false;
        }
        lastEscape = now;
      }
      return true;
    };
  }

  private connect(lab: Lab): void {
    const term = this.term;
    // Made before the lab starts and kept for the page's life, so it hears every byte from the first.
    this.disposables.add(
      term.onData((text) => {
        this.quiet.input(text);
        lab.sendTerminalInput(text);
      }),
    );
    this.disposables.addFn(
      lab.onTerminalOutput((bytes) => {
        this.quiet.output();
        term.write(bytes);
      }),
    );
    // FitAddon changes rows/cols; the guest's tty must hear every change or line editing wraps wrongly.
    let sent = "";
    this.tellGuest = () => {
      // Fits often land on the same size; each change costs the guest a request, so send only changes.
      if (`${term.rows}x${term.cols}` === sent) return;
      sent = `${term.rows}x${term.cols}`;
      lab.resizeTerminal(term.rows, term.cols);
    };
    this.disposables.add(term.onResize(() => this.tellGuest()));
  }

  private tellGuest: () => void = () => {};

  /** Puts the terminal into `box` (opening xterm the first time) and keeps it fitted to that box. */
  mount(box: HTMLElement): () => void {
    // Moving a focused element blurs it: whoever was typing keeps typing after React takes over.
    const hadFocus = this.element.contains(document.activeElement);
    const left = this.element.parentElement;
    box.append(this.element);
    if (hadFocus) this.term.focus();
    if (left && left !== box) for (const fn of this.movedListeners.splice(0)) fn();
    if (!this.element.querySelector(".xterm")) this.term.open(this.element);
    const mounted = new DisposableStore();
    let frame = 0;
    const refit = () => {
      cancelAnimationFrame(frame);
      // Coalesce bursts of resize notifications into one fit per frame.
      frame = requestAnimationFrame(() => this.fitNow());
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
    this.fitNow();
    this.tellGuest();
    return () => mounted.dispose();
  }

  private readonly movedListeners: Array<() => void> = [];

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

  private fitNow(): void {
    if (this.element.clientWidth > 0 && this.element.clientHeight > 0) this.fit.fit();
  }

  setFontSize(size: number): void {
    if (this.term.options.fontSize === size) return;
    this.term.options.fontSize = size;
    this.fitNow();
  }

  /** Where a keyboard user who leaves the terminal (Esc Esc, Ctrl+Shift+Up) should land. */
  setLeaveHandler(handler: () => void): () => void {
    this.onLeave = handler;
    return () => {
      if (this.onLeave === handler) this.onLeave = () => {};
    };
  }

  setTheme(theme: Theme): void {
    this.term.options.theme = theme === "dark" ? DARK_TERMINAL : LIGHT_TERMINAL;
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    this.disposables.dispose();
    this.element.remove();
  }
}
