// A scrolling list that follows its newest rows (at its foot) and counts the rows scrolled out of sight.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";

/** Rows wholly or mostly out of the box, above and below its visible part. */
export interface OutOfSight {
  above: number;
  below: number;
}

/** Counts `rows` (their boxes) outside `top`..`bottom`: a row more than half hidden counts. */
export function countOutOfSight(
  rows: { top: number; bottom: number }[],
  top: number,
  bottom: number,
): OutOfSight {
  let above = 0;
  let below = 0;
  for (const r of rows) {
    const middle = (r.top + r.bottom) / 2;
    if (middle < top) above++;
    else if (middle > bottom) below++;
  }
  return { above, below };
}

/** Within a pixel of the foot: where a list that follows its newest rows stays. */
const FOOT_SLACK = 2;

/**
 * For a scroll box (given to the returned ref) whose rows are `tbody tr` under a sticky `thead`:
 * while the box is scrolled to its foot (as it starts), new rows keep it there, so the newest process
 * (a setexe holder just made) is in sight; scrolled up by the reader, it stays where it was. `rowsKey`
 * changes when the rows do. Also returns the rows out of sight, for a cue that there are more.
 */
export function useListOverflow(rowsKey: unknown): [OutOfSight, (el: HTMLElement | null) => void] {
  const atFoot = useRef(true);
  const box = useRef<HTMLElement | null>(null);
  const [out, setOut] = useState<OutOfSight>({ above: 0, below: 0 });
  // The box comes and goes (no list yet, a stopped guest): its listeners follow this.
  const [present, setPresent] = useState(false);
  const setBox = useCallback((el: HTMLElement | null) => {
    box.current = el;
    setPresent(el !== null);
  }, []);

  // Before paint, so a new row never shows a frame with the list scrolled short of it.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && atFoot.current) el.scrollTop = el.scrollHeight;
  }, [present, rowsKey]);

  useEffect(() => {
    const el = box.current;
    if (!present || !el) return undefined;
    let frame = 0;
    // Counted a frame later, once the rows are laid out (and not in the effect's own render).
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const frameBox = el.getBoundingClientRect();
        const top = frameBox.top + (el.querySelector("thead")?.offsetHeight ?? 0);
        const rows = [...el.querySelectorAll("tbody tr")].map((r) => r.getBoundingClientRect());
        const next = countOutOfSight(rows, top, frameBox.bottom);
        setOut((prev) => (prev.above === next.above && prev.below === next.below ? prev : next));
      });
    };
    const onScroll = () => {
      atFoot.current = el.scrollTop + el.clientHeight >= el.scrollHeight - FOOT_SLACK;
      measure();
    };
    // A panel that changes width rewraps the rows, and new rows change the height: both observed.
    const resized = new ResizeObserver(() => {
      if (atFoot.current) el.scrollTop = el.scrollHeight;
      measure();
    });
    resized.observe(el);
    const table = el.querySelector("table");
    if (table) resized.observe(table);
    el.addEventListener("scroll", onScroll, { passive: true });
    measure();
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      el.removeEventListener("scroll", onScroll);
    };
  }, [present]);

  return [present ? out : { above: 0, below: 0 }, setBox];
}
