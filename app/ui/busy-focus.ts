// Where the keyboard goes when the page changes under it. A focused control that becomes disabled
// drops focus to <body>, where every key typed next is lost: busy ones are aria-disabled instead.
import type { PanelControl } from "../core/explain";
import { startedByTouch } from "./keys-home";

/**
 * Whether the page may move the keyboard by itself (an Apply done, an error shown): a page of its
 * own may, a frame only while it has the keyboard already. An embed nobody is typing into has no
 * element focused (document.activeElement is <body>), which read as "the keyboard is nowhere": a
 * reader typing in the documentation page lost their keys to the frame's shell, the page scrolled.
 */
export function keyboardIsOurs(): boolean {
  return !isFramed() || document.hasFocus();
}

/** This page is in a frame (an embed, with or without embed=1). */
export const isFramed = (): boolean => window.top !== window.self;

/** Props for a control that is busy (or not): announced as unavailable, still focusable. */
export function busyProps(busy: boolean): { "aria-disabled"?: true } {
  return busy ? { "aria-disabled": true } : {};
}

/**
 * After an action that restarts the shell or the kernel's rules, the next thing to do is typing into
 * the terminal: it takes the keyboard, unless the user has meanwhile gone somewhere else, or a finger
 * started the action (startedByTouch).
 */
export function focusTerminalIfStill(trigger: Element | null): void {
  if (startedByTouch() || !keyboardIsOurs()) return;
  const at = document.activeElement;
  if (at === null || at === document.body || at === trigger) focusTerminal(isKeyboardFocus(trigger));
}

/** The browser draws a focus ring for keyboard focus only: the action came from the keyboard. */
const isKeyboardFocus = (el: Element | null) => el instanceof HTMLElement && el.matches(":focus-visible");

/**
 * The keyboard to the terminal, scrolled into view in this document only: the browser's own scroll
 * to a focused element moves a documentation page that embeds this one too (Apply, with the frame's
 * terminal above its window, moved the reader's page by half a screen). Only for a keyboard's action
 * does the page around move, and only as far as the terminal needs (revealToReader).
 */
function focusTerminal(byKeyboard = false): void {
  const terminal = document.getElementById("terminal");
  if (!terminal) return;
  terminal.focus({ preventScroll: true });
  const box = terminal.getBoundingClientRect();
  if (box.bottom < 0 || box.top > window.innerHeight) window.scrollTo({ top: inViewFromTop(box) });
  else if (byKeyboard && isFramed()) revealToReader(terminal);
}

/**
 * The least scrolled the page can be with all of `box` (the terminal, measured now) in the window,
 * above what covers its foot (a phone's row of keys): the header stays in sight where it fits with
 * the terminal (Apply, clicked under a speaker's full-width terminal, left the era select and A+
 * scrolled away). A terminal taller than the window shows from its top.
 */
function inViewFromTop(box: DOMRect): number {
  const covered = parseFloat(document.documentElement.style.scrollPaddingBottom) || 0;
  const top = window.scrollY + box.top - 8;
  const bottom = window.scrollY + box.bottom + 8 - (window.innerHeight - covered);
  return Math.max(0, Math.min(top, bottom));
}

/**
 * In an embed the terminal can be in the frame's window and still out of the reader's: the page
 * around it scrolled, or zoomed until the frame is taller than the reader's window. Someone on the
 * keyboard would then type into a terminal they cannot see, with no focus ring anywhere: for them it
 * comes into view, as the browser brings any focused control. A click's focus moves their page
 * nowhere (they see where they clicked; Apply once moved a reader's page by half a screen).
 */
function revealToReader(terminal: HTMLElement): void {
  if (typeof IntersectionObserver !== "function") return;
  // Inside a frame the browser measures against the top page's window (watchAway relies on it too).
  const observer = new IntersectionObserver(
    (entries) => {
      observer.disconnect();
      const seen = entries.at(-1)?.intersectionRatio ?? 1;
      if (seen < 1 && terminal.contains(document.activeElement))
        terminal.scrollIntoView({ block: "nearest" });
    },
    { threshold: 1 },
  );
  observer.observe(terminal);
}

/**
 * The keyboard back to the lab (leaving the about page): to the terminal if a shell reads it, else to
 * Retry, which a failed guest's terminal (dimmed, its keys dropped) leaves the keyboard on.
 */
export function focusLab(): void {
  if (!keyboardIsOurs()) return;
  const gate = terminalGate();
  if (gate) return gate.focus();
  if (!startedByTouch()) focusTerminal();
}

/**
 * The skip link's target: the terminal, or the button that stands before it. Under "Start Linux"
 * (autostart=0) the terminal only holds keys for a guest nobody started, and Enter there starts
 * nothing; a failed guest's terminal drops them.
 */
export function skipToTerminal(): void {
  (terminalGate() ?? document.getElementById("terminal"))?.focus();
}

/** Start Linux while the guest waits for it, Retry while it has failed; otherwise none. */
function terminalGate(): HTMLElement | null {
  const start = document.querySelector<HTMLElement>('[data-testid="start-screen"] button');
  if (start) return start;
  const terminal = document.getElementById("terminal");
  if (terminal?.closest('[data-live="false"]') || terminal?.querySelector('[data-live="false"]'))
    return document.querySelector<HTMLElement>('[data-testid="load-error"] button');
  return null;
}

/** The keyboard to the toolbar's last control (Shift+Tab out of the terminal, which keeps Tab). */
export function focusToolbarEnd(): void {
  const controls = document.querySelectorAll<HTMLElement>(
    "header a[href], header button, header select, header input, header [tabindex='0']",
  );
  [...controls]
    .filter((el) => el.getClientRects().length > 0)
    .at(-1)
    ?.focus();
}

/**
 * The terminal into view, the keyboard left where it is: after a finger's Apply, far below the
 * terminal on a phone, a focus would raise the on-screen keyboard over what the finger reads next.
 */
export function showTerminal(): void {
  const terminal = document.getElementById("terminal");
  if (terminal) window.scrollTo({ top: inViewFromTop(terminal.getBoundingClientRect()) });
}

/** The identity panel's id: the card's "What would pass" leads there. */
export const IDENTITY_PANEL_ID = "identity-panel";

/** The identity panel's controls, by their data-control: root, the namespace, a switch, Apply. */
export type IdentityControl = PanelControl | "apply";

/**
 * The identity panel in view, and the keyboard on `control` (else the chosen user, the radio group's
 * own stop), from the card's "What would pass": below the card's fold on a 1280 × 720 screen. The
 * control and Apply in view when both fit, the panel's top too when it all does. The panels scroll
 * where they scroll on their own, as the card's own scroll does, so an embedding page never moves.
 */
export function showIdentityPanel(control?: IdentityControl): void {
  const panel = document.getElementById(IDENTITY_PANEL_ID);
  const panels = panel?.closest<HTMLElement>("#panels");
  if (!panel || !panels) return;
  const find = (name: IdentityControl) => panel.querySelector<HTMLElement>(`[data-control="${name}"]`);
  // Not "input:checked, input": a selector list finds the first of either in the page's order.
  const target = (control && find(control)) ?? panel.querySelector<HTMLElement>("input:checked");
  const apply = find("apply");
  const own = panels.scrollHeight > panels.clientHeight && getComputedStyle(panels).overflowY !== "visible";
  // Stacked under the terminal (a speaker's big font; never in an embed), the page itself scrolls.
  const view = own
    ? { top: panels.getBoundingClientRect().top, height: panels.clientHeight }
    : { top: 0, height: window.innerHeight };
  const at = (el: Element) => el.getBoundingClientRect();
  const margin = 8;
  let by = Math.max(
    at(panel).top - view.top - margin,
    apply ? at(apply).bottom - view.top + margin - view.height : -Infinity,
  );
  if (target) by = Math.min(by, at(target).top - view.top - margin);
  if (own) panels.scrollTop += by;
  else window.scrollTo({ top: window.scrollY + by });
  target?.focus({ preventScroll: true });
}
