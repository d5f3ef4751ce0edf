// Light and dark xterm palettes that follow the page theme; both keep ANSI colours readable on a projector.
import type { ITheme } from "@xterm/xterm";

export const TERMINAL_FONT =
  'ui-monospace, "Cascadia Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

export const DARK_TERMINAL: ITheme = {
  background: "#0b1120",
  foreground: "#e2e8f0",
  cursor: "#facc15",
  cursorAccent: "#0b1120",
  selectionBackground: "#334155",
  black: "#1e293b",
  red: "#f87171",
  green: "#4ade80",
  yellow: "#facc15",
  blue: "#60a5fa",
  magenta: "#e879f9",
  cyan: "#22d3ee",
  white: "#e2e8f0",
  brightBlack: "#7a8aa0",
  brightRed: "#fca5a5",
  brightGreen: "#86efac",
  brightYellow: "#fde047",
  brightBlue: "#93c5fd",
  brightMagenta: "#f0abfc",
  brightCyan: "#67e8f9",
  brightWhite: "#f8fafc",
};

// Darker ANSI colours than xterm's defaults: yellow and cyan on white are otherwise unreadable.
export const LIGHT_TERMINAL: ITheme = {
  background: "#ffffff",
  foreground: "#0f172a",
  cursor: "#0f172a",
  cursorAccent: "#ffffff",
  selectionBackground: "#bfdbfe",
  black: "#0f172a",
  red: "#b91c1c",
  green: "#15803d",
  yellow: "#92400e",
  blue: "#1d4ed8",
  magenta: "#a21caf",
  cyan: "#0e7490",
  white: "#475569",
  brightBlack: "#475569",
  brightRed: "#dc2626",
  brightGreen: "#047857",
  brightYellow: "#a16207",
  brightBlue: "#2563eb",
  brightMagenta: "#c026d3",
  brightCyan: "#0369a1",
  brightWhite: "#334155",
};
