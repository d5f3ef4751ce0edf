// The light screen's look, computed as xterm computes its own: cell size, scroll bar room, colours.
import type { ITheme } from "@xterm/xterm";

/** xterm keeps this much room for its scroll bar, and the fit leaves it free (FitAddon). */
export const SCROLL_BAR_WIDTH = 14;

const PALETTE_KEYS = [
  "black",
  "red",
  "green",
  "yellow",
  "blue",
  "magenta",
  "cyan",
  "white",
  "brightBlack",
  "brightRed",
  "brightGreen",
  "brightYellow",
  "brightBlue",
  "brightMagenta",
  "brightCyan",
  "brightWhite",
] as const;

/** A colour of xterm's 256: the theme's first 16, then its 6×6×6 cube and 24 greys. */
export function paletteColour(theme: ITheme, i: number): string | undefined {
  if (i < 16) return theme[PALETTE_KEYS[i]];
  if (i >= 232) {
    const grey = 8 + 10 * (i - 232);
    return `rgb(${grey},${grey},${grey})`;
  }
  const level = (v: number) => (v === 0 ? 0 : 55 + 40 * v);
  const c = i - 16;
  return `rgb(${level(Math.floor(c / 36))},${level(Math.floor(c / 6) % 6)},${level(c % 6)})`;
}

/**
 * One cell's size in CSS pixels, as xterm's DOM renderer has it for `cols` columns: the character's
 * width, and its height rounded up to whole device pixels (CharSizeService, DomRenderer).
 */
export function cellSize(family: string, size: number, cols: number): { width: number; height: number } {
  const dpr = window.devicePixelRatio || 1;
  const char = measureChar(family, size);
  const canvasWidth = Math.round((char.width * dpr * cols) / dpr);
  return { width: canvasWidth / cols, height: Math.ceil(char.height * dpr) / dpr };
}

const measured = new Map<string, { width: number; height: number }>();

/** One character's size in the terminal's font: a canvas measures it without a layout. */
function measureChar(family: string, size: number): { width: number; height: number } {
  // Some 7 ms the first time (the font is looked up); the light screen asks again whenever its size,
  // font or colours change.
  const key = `${size}px ${family}`;
  const known = measured.get(key);
  if (known) return known;
  const result = measureUncached(family, size);
  measured.set(key, result);
  return result;
}

/** As xterm measures (CharSizeService): a canvas's text metrics where there are, else the DOM. */
function measureUncached(family: string, size: number): { width: number; height: number } {
  try {
    const ctx = new OffscreenCanvas(100, 100).getContext("2d");
    if (ctx) {
      ctx.font = `${size}px ${family}`;
      const m = ctx.measureText("W");
      const height = m.fontBoundingBoxAscent + m.fontBoundingBoxDescent;
      if (m.width > 0 && height > 0) return { width: m.width, height };
    }
  } catch {
    // No OffscreenCanvas or no font metrics (older browsers): xterm then measures in the DOM too.
  }
  return measureInDom(family, size);
}

/** 32 W's in a span, as xterm's DomMeasureStrategy does (a forced layout, once per font). */
function measureInDom(family: string, size: number): { width: number; height: number } {
  const span = document.createElement("span");
  span.textContent = "W".repeat(32);
  span.style.cssText =
    "position:absolute;top:0;left:-9999em;visibility:hidden;display:inline-block;line-height:normal;white-space:pre;font-kerning:none";
  span.style.fontFamily = family;
  span.style.fontSize = `${size}px`;
  document.body.append(span);
  const result = { width: span.offsetWidth / 32, height: span.offsetHeight };
  span.remove();
  return result.width > 0 && result.height > 0
    ? result
    : { width: size * 0.6, height: Math.ceil(size * 1.2) };
}
