// Keys for both terminal views: what the page keeps for itself, and what the light screen sends.

/** The parts of a KeyboardEvent the decisions below look at (a plain object in tests). */
export interface KeyLike {
  type: string;
  key: string;
  /** Deprecated in the DOM but still sent by every browser; xterm decides by it, so we do too. */
  keyCode: number;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  timeStamp: number;
}

// Two Escapes this close together leave the terminal; one alone still reaches the guest. In a
// full-screen program (vi, top: the alternate screen) every Escape is the program's: vi users press
// it twice out of habit, and leaving then would drop the keys that follow.
const DOUBLE_ESCAPE_MS = 500;

/** What happens to a key before the terminal sees it ("back": leave it backwards, to the toolbar). */
export type KeyAction = "copy" | "leave" | "back" | "browser" | "terminal";

/** The page's own keys, the same whichever view has the keyboard (see TerminalHost). */
export class KeyPolicy {
  private lastEscape = -Infinity;

  /** `fullScreen`: the terminal shows its alternate screen. */
  decide(event: KeyLike, fullScreen = false): KeyAction {
    const ctrlShift = event.ctrlKey && event.shiftKey && !event.altKey && !event.metaKey;
    // Ctrl+Shift+C copies like a desktop terminal; Ctrl+C stays SIGINT for the shell.
    if (ctrlShift && event.code === "KeyC") return event.type === "keydown" ? "copy" : "browser";
    // Ctrl+Shift+V is the browser's: it fires a paste event that becomes input.
    if (ctrlShift && event.code === "KeyV") return "browser";
    if (event.type !== "keydown") return "terminal";
    if (ctrlShift && event.key === "ArrowUp") return "leave";
    // Shift+Tab is how keyboard users go back: out to the toolbar, as from any other control (the
    // shell has no use for a back-tab; a full-screen program may, and keeps it).
    const plainShift = event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey;
    if (plainShift && event.key === "Tab" && !fullScreen) return "back";
    if (event.key === "Escape" && !event.ctrlKey && !event.altKey && !event.metaKey && !fullScreen) {
      if (event.timeStamp - this.lastEscape < DOUBLE_ESCAPE_MS) {
        this.lastEscape = -Infinity;
        return "leave";
      }
      this.lastEscape = event.timeStamp;
    }
    return "terminal";
  }
}

const ESC = "\u001b";

/**
 * Keys that send ESC [ 1 ; m X with modifiers, else ESC [ X, or ESC O X (always for F1–F4; for the
 * others in the application cursor mode the shell can ask for).
 */
const CURSOR: Record<number, [final: string, followsMode: boolean]> = {
  38: ["A", true],
  40: ["B", true],
  39: ["C", true],
  37: ["D", true],
  36: ["H", true],
  35: ["F", true],
  112: ["P", false],
  113: ["Q", false],
  114: ["R", false],
  115: ["S", false],
};
/** Keys that send ESC [ n ~, or ESC [ n ; m ~ with modifiers. */
const TILDE: Record<number, number> = {
  46: 3,
  116: 15,
  117: 17,
  118: 18,
  119: 19,
  120: 20,
  121: 21,
  122: 23,
  123: 24,
};
/** Unshifted and shifted characters of the digit and punctuation keys, for Alt (US layout). */
const ALT_CHARS: Record<number, string> = {
  48: "0)",
  49: "1!",
  50: "2@",
  51: "3#",
  52: "4$",
  53: "5%",
  54: "6^",
  55: "7&",
  56: "8*",
  57: "9(",
  186: ";:",
  187: "=+",
  188: ",<",
  189: "-_",
  190: ".>",
  191: "/?",
  192: "`~",
  219: "[{",
  220: "\\|",
  221: "]}",
  222: "'\"",
};

/**
 * The bytes xterm sends for a keydown (its Keyboard.ts, on a PC keyboard; terminal-keys.test.ts holds
 * the two together), or undefined for plain text: that comes from the text box's input events, so
 * keyboard layouts and input methods work unchanged.
 */
export function keyToBytes(event: KeyLike, appCursorKeys: boolean): string | undefined {
  const { keyCode, ctrlKey: ctrl, altKey: alt, shiftKey: shift, metaKey: meta } = event;
  const mods = (shift ? 1 : 0) | (alt ? 2 : 0) | (ctrl ? 4 : 0) | (meta ? 8 : 0);
  const cursor = CURSOR[keyCode];
  if (cursor) {
    const [final, followsMode] = cursor;
    // Cmd+arrow is the browser's (a Mac's line start and end).
    if (meta && keyCode >= 37 && keyCode <= 40) return undefined;
    if (mods) return `${ESC}[1;${mods + 1}${final}`;
    return `${ESC}${followsMode && !appCursorKeys ? "[" : "O"}${final}`;
  }
  if (keyCode in TILDE) return `${ESC}[${TILDE[keyCode]}${mods ? `;${mods + 1}` : ""}~`;
  switch (keyCode) {
    case 8:
      return `${alt ? ESC : ""}${ctrl ? "\b" : "\u007f"}`;
    case 9:
      return shift ? `${ESC}[Z` : "\t";
    case 13:
      return `${alt ? ESC : ""}\r`;
    case 27:
      return `${alt ? ESC : ""}${ESC}`;
    case 45:
      return shift || ctrl ? undefined : `${ESC}[2~`;
    case 33:
    case 34: {
      // Shift+Page Up/Down scroll xterm's scrollback; the light screen has none, so nothing is sent.
      const n = keyCode === 33 ? 5 : 6;
      if (shift) return undefined;
      return ctrl ? `${ESC}[${n};${mods + 1}~` : `${ESC}[${n}~`;
    }
  }
  if (ctrl && !shift && !alt && !meta) {
    if (keyCode >= 65 && keyCode <= 90) return String.fromCharCode(keyCode - 64);
    if (keyCode === 32) return "\u0000";
    if (keyCode >= 51 && keyCode <= 55) return String.fromCharCode(keyCode - 51 + 27);
    if (keyCode === 56) return "\u007f";
    return { 219: ESC, 220: "\u001c", 221: "\u001d" }[keyCode];
  }
  if (alt && !meta && !isMac()) {
    const chars = ALT_CHARS[keyCode];
    if (chars) return ESC + chars[shift ? 1 : 0];
    if (keyCode >= 65 && keyCode <= 90) {
      const c = String.fromCharCode(ctrl ? keyCode - 64 : keyCode + 32);
      return ESC + (shift ? c.toUpperCase() : c);
    }
    if (keyCode === 32) return ESC + (ctrl ? "\u0000" : " ");
    return undefined;
  }
  if (ctrl && event.key === "_") return "\u001f";
  if (ctrl && event.key === "@") return "\u0000";
  return undefined;
}

/** On a Mac, Option types characters of its own (xterm's default), which arrive as text. */
function isMac(): boolean {
  return /Mac/.test(globalThis.navigator?.platform ?? "");
}

/** Pasted text as xterm sends it: line ends become Enter, and bracketed when the shell asked. */
export function pasteToBytes(text: string, bracketed: boolean): string {
  const body = text.replace(/\r?\n/g, "\r");
  return bracketed ? `\u001b[200~${body}\u001b[201~` : body;
}
