// Typing meant for the terminal reaches it when the keyboard was left elsewhere by the pointer.
//
// A speaker clicks A+ or the theme, points at the card's text, flips a capability switch with the
// mouse, then types the next command: the keys went to that button (each space pressed A+ again), to
// the select (a letter picked another theme) or to nowhere. So the first typed character after a
// pointer click, unless the keyboard is in a text field or the terminal, moves the keyboard to the
// terminal, which takes that character and the rest. The header's controls (font size, era, theme)
// hand it back at once when used with the pointer: a speaker's next key may be ↑ or Enter (the last
// command again), which a button would take as a press and a select as another era. Anyone who moved
// the keyboard with the keyboard (Tab to a control, Esc Esc out of the terminal) keeps it where they
// put it: their keys are theirs.
import { DisposableStore, listen } from "./disposables";

/** Where typed characters are text for that element, whoever put the keyboard there. */
const TEXT_ENTRY =
  "textarea, [contenteditable]:not([contenteditable='false']), input:not([type=button], [type=checkbox], [type=radio], [type=submit], [type=reset], [type=range], [type=color])";

/** The header's controls, which hand the keyboard back to the terminal after a pointer's use. */
const HEADER_CONTROL = "header button, header select";

const MODIFIERS = new Set(["Shift", "Control", "Alt", "AltGraph", "Meta", "CapsLock"]);

export interface KeysHomeTarget {
  /** The terminal's element: keys inside it are its own. */
  element: HTMLElement;
  /** Whether a shell reads the terminal and it is on screen (not on the About page, not failed). */
  live(): boolean;
  focus(): void;
}

/**
 * A character only the terminal would want: no shortcut, not Space (it scrolls, or presses the
 * button), not Enter or Backspace (they would be consumed on the way: focus moves with the key).
 */
function isCharacter(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return false;
  return event.key.length === 1 && event.key !== " ";
}

/** When a finger last pressed the page (performance.now()), for actions that would move the keyboard. */
let touchedAt = -Infinity;

/**
 * Whether the action now under way was started by a finger (a tap within the last two seconds): the
 * terminal then takes no keyboard (on a phone its input raises the on-screen keyboard over the page,
 * and the page scrolls back to it from wherever the finger was).
 */
export const startedByTouch = (): boolean => performance.now() - touchedAt < 2000;

export function sendStrayKeysHome(doc: Document, terminal: KeysHomeTarget): () => void {
  const store = new DisposableStore();
  // Whether the keyboard's place was last set by the pointer (a click) rather than by keys.
  let byPointer = false;
  // A mouse's (or a pen's) click hands the header's keyboard back; a finger's does not: focusing the
  // terminal would bring up a phone's on-screen keyboard over the page for a tap on A+.
  let byMouse = false;
  store.add(
    listen(
      doc,
      "pointerdown",
      (event) => {
        byPointer = true;
        byMouse = event.pointerType !== "touch";
        touchedAt = byMouse ? -Infinity : performance.now();
      },
      { capture: true },
    ),
  );
  store.add(
    listen(
      doc,
      "keydown",
      (event) => {
        const stray = byPointer && isCharacter(event);
        // Any other key (Tab, arrows, Esc Esc) hands the choice of place back to the keyboard; a
        // modifier alone does not (Shift comes before a capital).
        if (event.key.length !== 1 && !MODIFIERS.has(event.key)) byPointer = false;
        const at = doc.activeElement;
        if (!stray || !terminal.live() || terminal.element.contains(at)) return;
        if (at && at !== doc.body && at.closest(TEXT_ENTRY)) return;
        byPointer = false;
        // Focus moved within keydown: the browser delivers the character to the terminal's input.
        terminal.focus();
      },
      { capture: true },
    ),
  );
  // After the control's own handlers (React's, on the root below): a click with a pointer (detail 0 is
  // Enter or Space on a focused button), or a select's choice made after a pointer opened it.
  const handBack = (event: Event) => {
    const at = event.target;
    const pointer = (event instanceof MouseEvent ? event.detail > 0 : byPointer) && byMouse;
    if (!pointer || !(at instanceof Element) || !at.closest(HEADER_CONTROL) || !terminal.live()) return;
    byPointer = false;
    terminal.focus();
  };
  store.add(listen(doc, "click", handBack));
  store.add(listen(doc, "change", handBack));
  return () => store.dispose();
}
