// Whether the terminal gets the page's full width: beside the panels, a speaker's big font would leave it too few columns.

/** Fewer columns than this beside the panels, and the panels go under the terminal instead. */
const MIN_COLUMNS_BESIDE = 50;
/** A monospace cell's width per pixel of font size (DejaVu Sans Mono 0.602, most others near it). */
const CELL_PER_PX = 0.6;
/** Where the page puts the panels beside the terminal: Tailwind's lg, which follows the browser's default font. */
const TWO_COLUMNS = "(width >= 64rem)";

/** What the choice depends on in a window: its width, whether lg applies, the page's rem in px. */
export interface WindowMeasure {
  width: number;
  twoColumns: boolean;
  rem: number;
}

export function measureWindow(): WindowMeasure {
  return {
    width: window.innerWidth,
    twoColumns: window.matchMedia(TWO_COLUMNS).matches,
    rem: Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 17,
  };
}

/**
 * Terminal columns beside the panels: app.tsx's columns (1.75fr and minmax(24rem, 1fr) between
 * paddings and a gap of 0.75rem each), less the terminal's padding and border.
 */
export function columnsBeside({ width, rem }: WindowMeasure, fontSize: number): number {
  const column = Math.min(((width - 2.25 * rem) * 1.75) / 2.75, width - 26.25 * rem);
  return Math.floor((column - 18) / (fontSize * CELL_PER_PX));
}

/** The terminal over the whole width, the panels under it: a wide window with a font too big beside them. */
export function stackedLayout(w: WindowMeasure, fontSize: number, embed: boolean): boolean {
  return !embed && w.twoColumns && columnsBeside(w, fontSize) < MIN_COLUMNS_BESIDE;
}

/** Fonts this small leave 50 columns beside the panels in any two-column window (51 at 1024 px). */
export const ALWAYS_BESIDE_UP_TO = 18;

/**
 * stackedLayout for this window, as the first screen's frame and the page ask it: at the usual font
 * sizes without measuring anything (measuring the root's font size makes the browser compute styles
 * there and then: as the page starts, its busiest moment, and at every render of the page).
 */
export function stackedNow(fontSize: number, embed: boolean): boolean {
  return !embed && fontSize > ALWAYS_BESIDE_UP_TO && stackedLayout(measureWindow(), fontSize, embed);
}
