// Whether the terminal gets the page's full width: beside the panels, a speaker's big font would leave it too few columns.

/** Fewer columns than this beside the panels, and the panels go under the terminal instead. */
const MIN_COLUMNS_BESIDE = 50;
/** Where the page puts the panels beside the terminal (Tailwind's lg), in CSS pixels. */
const TWO_COLUMNS_FROM = 1024;
/** The html element's font size: 106.25% of 16 px (styles.css). */
const REM = 17;
/** A monospace cell's width per pixel of font size (DejaVu Sans Mono 0.602, most others near it). */
const CELL_PER_PX = 0.6;

/**
 * Terminal columns beside the panels in a window `width` px wide: app.tsx's columns (1.75fr and
 * minmax(24rem, 1fr) between paddings and a gap of 0.75rem each), less the terminal's padding and border.
 */
export function columnsBeside(width: number, fontSize: number): number {
  const column = Math.min(((width - 2.25 * REM) * 1.75) / 2.75, width - 26.25 * REM);
  return Math.floor((column - 18) / (fontSize * CELL_PER_PX));
}

/** The terminal over the whole width, the panels under it: a wide window with a font too big beside them. */
export function stackedLayout(width: number, fontSize: number, embed: boolean): boolean {
  return !embed && width >= TWO_COLUMNS_FROM && columnsBeside(width, fontSize) < MIN_COLUMNS_BESIDE;
}
