// A finger's swipe over the terminal scrolls its history: xterm.js 6 has no touch scrolling of its own.
import { DisposableStore, listen, type Disposable } from "./disposables";

export interface SwipeTarget {
  /** Scrolls by `lines` (negative: back in the history); whether anything moved. */
  scrollLines(lines: number): boolean;
  /** The height of one row, in CSS pixels. */
  rowHeight(): number;
}

/**
 * One finger moving up or down over `element` scrolls `target` by as many rows as it travelled.
 * Where the history ends (or a full-screen program has none), the swipe is the page's: it scrolls
 * the page, as a swipe over anything else does.
 */
export function scrollOnSwipe(element: HTMLElement, target: SwipeTarget): Disposable {
  const store = new DisposableStore();
  let lastY: number | undefined;
  // Rows travelled but not yet scrolled: a slow swipe moves less than a row per event.
  let rows = 0;
  store.add(
    listen(
      element,
      "touchstart",
      (event) => {
        lastY = event.touches.length === 1 ? event.touches[0].clientY : undefined;
        rows = 0;
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
        rows += (y - lastY) / Math.max(1, target.rowHeight());
        lastY = y;
        const whole = Math.trunc(rows);
        if (whole === 0) return;
        rows -= whole;
        // A finger moving down pulls earlier lines into view, as on any touch screen.
        if (target.scrollLines(-whole)) event.preventDefault();
      },
      { passive: false },
    ),
  );
  store.add(listen(element, "touchend", () => (lastY = undefined)));
  return store;
}
