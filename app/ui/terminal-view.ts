// What the terminal host needs of a view of the guest's console: the light first screen, or xterm.
import type { ITheme } from "@xterm/xterm";
import type { TypedLine } from "../core/typed-line";
import type { KeyPolicy } from "./terminal-keys";

export interface ViewOptions {
  fontFamily: string;
  fontSize: number;
  theme: ITheme;
  screenReaderMode: boolean;
  /** The page's own keys (copy, leave the terminal), one policy for both views. */
  keys: KeyPolicy;
  /** Input for the guest: typed, pasted, or the terminal's own answers to its queries. */
  onData(text: string): void;
  /** A keyboard user leaves the terminal: onwards (to the panels) or `backwards` (to the toolbar). */
  onLeave(backwards: boolean): void;
  /** The page's copy key, with the text selected in the terminal. */
  onCopy(text: string): void;
  /** Rows or columns changed. */
  onResize(): void;
}

export interface TerminalView {
  readonly element: HTMLElement;
  readonly rows: number;
  readonly cols: number;
  /** A full-screen program (vi) asked for the arrows' other bytes (DECCKM). */
  readonly appCursorKeys: boolean;
  write(bytes: Uint8Array): void;
  /** Fits the view to the box its element sits in. */
  fit(): void;
  focus(): void;
  hasFocus(): boolean;
  setFontSize(size: number): void;
  setTheme(theme: ITheme): void;
  /** What was typed at the shell's prompt and not yet entered, if the cursor is at one. */
  typedLine(): TypedLine | undefined;
  /** The line entered at the last prompt above the cursor's line that had one (typed-line.ts). */
  enteredLine(): string | undefined;
  /** The rows in view, as text to copy (screen-text.ts). */
  shownText(): string;
  /** Output mirrored for screen readers; the light first screen's rows are plain text anyway. */
  setScreenReaderMode(on: boolean): void;
  dispose(): void;
}
