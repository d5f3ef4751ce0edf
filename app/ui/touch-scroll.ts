// A finger's swipe over the terminal scrolls its history: xterm.js 6 has no touch scrolling of its own.
import { DisposableStore, listen, type Disposable } from "./disposables";

export interface SwipeTarget {
  /** Scrolls by `lines` (negative: back in the history). */
  scrollLines(lines: number): void;
  /** Whether there is history to scroll to that way (negative: back). */
  canScroll(direction: number): boolean;
  /** The height of one row, in CSS pixels. */
  rowHeight(): number;
}

/**
 * One finger moving up or down over `element` scrolls `target` by as many rows as it travelled.
 * Where the history ends that way (or a full-screen program has none), the swipe is the page's: it
 * scrolls the page, as a swipe over anything else does.
 *
 * Whose swipe it is, is settled at its first move, for all of it: the browser gives the page a
 * gesture whose first move was not cancelled, and then lets no later move be cancelled. A slow
 * finger's first move is less than a row: left to the page, it scrolled page and terminal both.
 */
export function scrollOnSwipe(element: HTMLElement, target: SwipeTarget): Disposable {
  const store = new DisposableStore();
  let lastY: number | undefined;
  // Rows travelled but not yet scrolled: a slow swipe moves less than a row per event.
  let rows = 0;
  /** The swipe's owner, once its first move is seen. */
  let owner: "terminal" | "page" | undefined;
  store.add(
    listen(
      element,
      "touchstart",
      (event) => {
        lastY = event.touches.length === 1 ? event.touches[0].clientY : undefined;
        rows = 0;
        owner = undefined;
      },
      { passive: true },
    ),
  );
  store.add(
    listen(
      element,
      "touchmove",
      (event) => {
        if (lastY === undefined || event.touches.length !== 1) return;
        const y = event.touches[0].clientY;
        if (y === lastY) return;
        // A finger moving down pulls earlier lines into view, as on any touch screen.
        owner ??= target.canScroll(lastY - y) ? "terminal" : "page";
        if (owner === "page") return;
        if (event.cancelable) event.preventDefault();
        rows += (y - lastY) / Math.max(1, target.rowHeight());
        lastY = y;
        const whole = Math.trunc(rows);
        if (whole === 0) return;
        rows -= whole;
        target.scrollLines(-whole);
      },
      { passive: false },
    ),
  );
  store.add(listen(element, "touchend", () => (lastY = undefined)));
  return store;
}
