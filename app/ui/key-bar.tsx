// A row of the keys a phone's keyboard lacks, over that keyboard while the terminal has it: Ctrl+C stops a program, ↑ recalls a command.
import { useEffect, useRef, useState } from "react";
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

/** `embedded`: the page is a frame's, sized to it; a foot made longer would scroll it, toolbar and all. */
export function KeyBar({ host, embedded }: { host: TerminalHost; embedded: boolean }) {
  const [shown, setShown] = useState(false);
  const [place, setPlace] = useState(keyboardTop);
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const store = new DisposableStore();
    const touch = window.matchMedia(TOUCH);
    // Shown while the terminal (or the bar itself, reached with Tab) has the keyboard.
    const update = () => {
      const at = document.activeElement;
      setShown(touch.matches && (host.element.contains(at) || (bar.current?.contains(at) ?? false)));
      setPlace(keyboardTop());
    };
    store.add(listen(document, "focusin", update));
    store.add(listen(document, "focusout", () => setTimeout(update, 0)));
    store.addFn(() => touch.removeEventListener("change", update));
    touch.addEventListener("change", update);
    const vv = window.visualViewport;
    if (vv) {
      vv.addEventListener("resize", update);
      vv.addEventListener("scroll", update);
      store.addFn(() => {
        vv.removeEventListener("resize", update);
        vv.removeEventListener("scroll", update);
      });
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
  }, [shown, embedded]);

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
    </div>
  );
}
