// The guest's serial console in xterm.js: fitted to its box, sized in the guest, keys only while focused.
import { useEffect, useRef } from "react";
import { Terminal as XTerm } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import "@xterm/xterm/css/xterm.css";
import type { Lab } from "../core/lab-types";
import { DisposableStore, listen } from "./disposables";
import type { TerminalFeed } from "./terminal-feed";
import { DARK_TERMINAL, LIGHT_TERMINAL, TERMINAL_FONT } from "./terminal-themes";
import type { Theme } from "./theme";

// Two Escapes this close together leave the terminal; one alone still reaches the guest (vi needs it).
const DOUBLE_ESCAPE_MS = 500;

interface TerminalProps {
  lab: Lab;
  /** The console output since page start (the lab's own listener would miss what came before mount). */
  feed: TerminalFeed;
  fontSize: number;
  theme: Theme;
  /** Called when a keyboard user asks to leave the terminal (xterm keeps Tab for the shell). */
  onLeave: () => void;
}

export default function Terminal({ lab, feed, fontSize, theme, onLeave }: TerminalProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<XTerm | null>(null);
  const fitRef = useRef<FitAddon | null>(null);
  // Read through refs so the terminal is built once and not torn down when these props change.
  const onLeaveRef = useRef(onLeave);
  const initial = useRef({ fontSize, theme });

  useEffect(() => {
    onLeaveRef.current = onLeave;
  }, [onLeave]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const disposables = new DisposableStore();
    const term = disposables.add(
      new XTerm({
        fontFamily: TERMINAL_FONT,
        fontSize: initial.current.fontSize,
        theme: initial.current.theme === "dark" ? DARK_TERMINAL : LIGHT_TERMINAL,
        cursorBlink: true,
        scrollback: 5000,
        // The guest's line discipline does its own CR/LF handling on the serial tty.
        convertEol: false,
      }),
    );
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    termRef.current = term;
    fitRef.current = fit;

    let lastEscape = 0;
    term.attachCustomKeyEventHandler((event) => {
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
        onLeaveRef.current();
        return false;
      }
      if (event.key === "Escape" && !event.ctrlKey && !event.altKey && !event.metaKey) {
        const now = event.timeStamp;
        if (now - lastEscape < DOUBLE_ESCAPE_MS) {
          lastEscape = 0;
          onLeaveRef.current();
          return false;
        }
        lastEscape = now;
      }
      return true;
    });

    // While old output is replayed, xterm answers the queries in it (ash's cursor-position request
    // after every prompt); those answers are stale and must not reach the guest's shell as typing.
    let replaying = false;
    disposables.add(
      term.onData((text) => {
        if (!replaying) lab.sendTerminalInput(text);
      }),
    );
    disposables.addFn(
      feed.attach((bytes, replay) => {
        if (!replay) {
          term.write(bytes);
          return;
        }
        replaying = true;
        term.write(bytes, () => {
          replaying = false;
        });
      }),
    );
    // FitAddon changes rows/cols; the guest's tty must hear every change or line editing wraps wrongly.
    let sent = "";
    const tellGuest = (rows: number, cols: number) => {
      // Fits often land on the same size; each change costs the guest a request, so send only changes.
      if (`${rows}x${cols}` === sent) return;
      sent = `${rows}x${cols}`;
      lab.resizeTerminal(rows, cols);
    };
    disposables.add(term.onResize(({ rows, cols }) => tellGuest(rows, cols)));

    let frame = 0;
    const refit = () => {
      cancelAnimationFrame(frame);
      // Coalesce bursts of resize notifications into one fit per frame.
      frame = requestAnimationFrame(() => {
        if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
      });
    };
    const observer = new ResizeObserver(refit);
    observer.observe(host);
    disposables.addFn(() => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    });
    if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
    tellGuest(term.rows, term.cols);

    // Fonts installed on the system may finish loading after the first fit and change the cell size.
    void document.fonts?.ready.then(refit);
    disposables.add(listen(window, "resize", refit));

    return () => {
      termRef.current = null;
      fitRef.current = null;
      disposables.dispose();
    };
  }, [lab, feed]);

  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    term.options.fontSize = fontSize;
    fitRef.current?.fit();
  }, [fontSize]);

  useEffect(() => {
    const term = termRef.current;
    if (term) term.options.theme = theme === "dark" ? DARK_TERMINAL : LIGHT_TERMINAL;
  }, [theme]);

  return (
    <div
      id="terminal"
      // Focusable by script only (skip link); focus goes on to xterm's own textarea.
      tabIndex={-1}
      onFocus={(event) => {
        if (event.target === event.currentTarget) termRef.current?.focus();
      }}
      className={`h-full min-h-0 w-full overflow-hidden rounded-lg p-2 outline-none focus-within:ring-4 focus-within:ring-sky-500/70 ${
        theme === "dark" ? "bg-[#0b1120]" : "border border-slate-300 bg-white"
      }`}
    >
      <div ref={hostRef} className="h-full w-full" />
    </div>
  );
}
