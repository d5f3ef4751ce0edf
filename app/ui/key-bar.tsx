// A row of the keys a phone's keyboard lacks, over that keyboard while the terminal has it: Ctrl+C stops a program, ↑ recalls a command.
import { useEffect, useRef, useState } from "react";
import { useServices } from "./app-context";
import { DisposableStore, listen } from "./disposables";
import { SOFT_KEYS } from "./soft-keys";
import type { TerminalHost } from "./terminal-host";

/** Touch screens only: a real keyboard has these keys. */
const TOUCH = "(pointer: coarse)";

/**
 * Where the visible part of the page ends: above a phone's on-screen keyboard, which covers the
 * page rather than shrinking it (the visual viewport shrinks, the layout viewport does not).
 */
function keyboardTop(): { bottom: number; left: number; width: number } {
  const vv = window.visualViewport;
  if (!vv) return { bottom: 0, left: 0, width: window.innerWidth };
  return {
    bottom: Math.max(0, window.innerHeight - vv.offsetTop - vv.height),
    left: vv.offsetLeft,
    width: vv.width,
  };
}

/** The window's tallest height seen at each width (an orientation): its height with no keyboard up. */
const tallest = new Map<number, number>();

/**
 * Whether an on-screen keyboard is up: it shortens the visual viewport (a pinch's zoom shortens it
 * too, by its scale). Without one (a tablet with a keyboard of its own, a focus no finger asked for)
 * the keys are not needed, and the bar would cover the page's foot for nothing. Where the keyboard
 * shortens the whole layout instead (Firefox on Android, some apps' web views), the window itself
 * is shorter than it was at this width: measured against that, the bar showed there too.
 */
function keyboardUp(): boolean {
  const vv = window.visualViewport;
  if (!vv) return false;
  const full = Math.max(window.innerHeight, tallest.get(window.innerWidth) ?? 0);
  tallest.set(window.innerWidth, full);
  return vv.height * vv.scale < full * 0.85;
}

/**
 * The terminal's input (at its cursor) above the bar: the browser keeps it above the keyboard, not
 * above what sits on the keyboard. The page scrolls by the difference (its foot has the room).
 */
function clearCaret(host: TerminalHost, bar: HTMLElement | null): void {
  const input = document.activeElement;
  const vv = window.visualViewport;
  if (!bar || !vv || !(input instanceof HTMLElement) || !host.element.contains(input)) return;
  const visibleBottom = vv.offsetTop + vv.height - bar.offsetHeight;
  const below = input.getBoundingClientRect().bottom - visibleBottom;
  if (below > 0) window.scrollBy(0, below + 4);
}

/** `embedded`: the page is a frame's, sized to it; a foot made longer would scroll it, toolbar and all. */
export function KeyBar({ host, embedded }: { host: TerminalHost; embedded: boolean }) {
  const { lab } = useServices();
  const [shown, setShown] = useState(false);
  const [place, setPlace] = useState(keyboardTop);
  // The copy key says it worked, for a moment (a refusal is the terminal's own note: copyRefused).
  const [copied, setCopied] = useState(false);
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const store = new DisposableStore();
    const touch = window.matchMedia(TOUCH);
    // Shown while the terminal (or the bar itself, reached with Tab) has the keyboard, and it is up.
    const update = () => {
      const at = document.activeElement;
      const focused = host.element.contains(at) || (bar.current?.contains(at) ?? false);
      setShown(touch.matches && focused && keyboardUp());
      setPlace(keyboardTop());
    };
    store.add(listen(document, "focusin", update));
    // After the focus has landed: on focusout, activeElement is still the element left.
    let later: ReturnType<typeof setTimeout> | undefined;
    store.add(listen(document, "focusout", () => (later = setTimeout(update, 0))));
    store.addFn(() => clearTimeout(later));
    store.add(listen(touch, "change", update));
    const vv = window.visualViewport;
    if (vv) {
      store.add(listen(vv, "resize", update));
      store.add(listen(vv, "scroll", update));
    }
    update();
    return () => store.dispose();
  }, [host]);

  // The page's foot, and the prompt the terminal scrolls into view, stay clear of the bar.
  useEffect(() => {
    const root = document.documentElement.style;
    const height = shown ? `${bar.current?.offsetHeight ?? 0}px` : "";
    root.scrollPaddingBottom = height;
    if (!embedded) document.body.style.paddingBottom = height;
    // Gone with the bar (the page's layout changing under it): no room kept for it.
    return () => {
      root.scrollPaddingBottom = "";
      document.body.style.paddingBottom = "";
    };
  }, [shown, embedded]);

  // As output and typing move the cursor down, and once as the bar comes.
  useEffect(() => {
    if (!shown) return;
    let frame = requestAnimationFrame(() => clearCaret(host, bar.current));
    const later = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => clearCaret(host, bar.current));
    };
    const store = new DisposableStore();
    store.addFn(lab.onTerminalOutput(later));
    store.add(listen(host.element, "keyup", later));
    store.addFn(() => cancelAnimationFrame(frame));
    return () => store.dispose();
  }, [shown, host, lab]);

  return (
    <div
      ref={bar}
      role="group"
      aria-label="Keys a phone's keyboard lacks"
      hidden={!shown}
      data-testid="key-bar"
      style={{ bottom: place.bottom, left: place.left, width: place.width }}
      className="fixed z-20 flex gap-1 overflow-x-auto border-t border-slate-300 bg-slate-100 p-1 dark:border-slate-600 dark:bg-slate-800"
    >
      {SOFT_KEYS.map((key) => (
        <button
          key={key.label}
          type="button"
          aria-label={key.name}
          className="btn-small min-h-11 min-w-0 flex-1 px-0 font-mono whitespace-nowrap"
          title={key.name}
          // The terminal keeps the keyboard (and the phone its on-screen keyboard): a tap is not a focus.
          onPointerDown={(event) => event.preventDefault()}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => host.pressKey(key)}
        >
          {key.label}
        </button>
      ))}
      <button
        type="button"
        aria-label={copied ? "Copied the rows in view" : "Copy: the rows in view"}
        className="btn-small min-h-11 min-w-0 flex-1 px-1 whitespace-nowrap"
        onPointerDown={(event) => event.preventDefault()}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          void host.copyShown().then((ok) => {
            if (!ok) return;
            setCopied(true);
            window.setTimeout(() => setCopied(false), 1500);
          });
        }}
      >
        {copied ? "✓" : "Copy"}
      </button>
    </div>
  );
}
