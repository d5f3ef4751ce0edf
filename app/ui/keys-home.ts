// Typing meant for the terminal reaches it when the keyboard was left where typing does nothing.
//
// A speaker clicks A+ or the theme, points at the card's text, flips a capability switch with the
// mouse, then types the next command: the keys went to that button (each space pressed A+ again), to
// the select (a letter picked another theme) or to nowhere. Two rules, neither of which touches a
// keyboard user's way around the page (a control reached with Tab keeps its keys):
// - a control used with the pointer hands the keyboard back to the terminal;
// - a printable key (not Space), Enter or Backspace pressed where nothing takes keys goes there.
import { DisposableStore, listen } from "./disposables";

/** Elements that take keys of their own: typing there is meant for them. */
const TAKES_KEYS =
  "input, select, textarea, button, a[href], summary, [contenteditable=''], [contenteditable='true'], [role=button], [role=switch], [role=tab], [role=menuitem]";

/** Controls whose pointer use ends with the keyboard back in the terminal (links navigate instead). */
const HANDS_BACK = "button, input[type=checkbox], input[type=radio], select, summary";

export interface KeysHomeTarget {
  /** The terminal's element: keys inside it are its own. */
  element: HTMLElement;
  /** Whether a shell reads the terminal (a failed guest's terminal takes no keys). */
  live(): boolean;
  focus(): void;
}

/**
 * A key that only typing into the terminal would mean: no shortcut, no navigation, and not Space,
 * which scrolls the page or a panel clicked into (once a letter has moved the keyboard to the
 * terminal, the spaces after it go there anyway).
 */
function isTyping(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.key === " ") return false;
  return event.key.length === 1 || event.key === "Enter" || event.key === "Backspace";
}

export function sendStrayKeysHome(doc: Document, terminal: KeysHomeTarget): () => void {
  const store = new DisposableStore();
  // Whether the last thing the user did was with the pointer (a select's change says nothing of how).
  let pointer = false;
  store.add(listen(doc, "pointerdown", () => (pointer = true), { capture: true }));
  const handBack = (control: Element) => {
    // After the control's own handlers: on the next frame, unless the user has moved on meanwhile.
    requestAnimationFrame(() => {
      if (doc.activeElement === control || doc.activeElement === doc.body) terminal.focus();
    });
  };
  store.add(
    listen(
      doc,
      "keydown",
      (event) => {
        pointer = false;
        const at = doc.activeElement;
        if (!terminal.live() || !isTyping(event) || terminal.element.contains(at)) return;
        if (at && at !== doc.body && at.closest(TAKES_KEYS)) return;
        // Focus moved within keydown: the browser delivers the character to the terminal's input.
        terminal.focus();
      },
      { capture: true },
    ),
  );
  store.add(
    listen(doc, "click", (event) => {
      const control = (event.target as Element | null)?.closest(HANDS_BACK);
      // detail 0: a click made with the keyboard (Space or Enter on a button).
      if (!control || event.detail === 0 || !terminal.live() || terminal.element.contains(control)) return;
      if (control.tagName !== "SELECT") handBack(control);
    }),
  );
  store.add(
    listen(doc, "change", (event) => {
      const control = event.target as Element | null;
      if (control?.tagName === "SELECT" && pointer && terminal.live()) handBack(control);
    }),
  );
  return () => store.dispose();
}
