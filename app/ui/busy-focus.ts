// Where the keyboard goes when the page changes under it. A focused control that becomes disabled
// drops focus to <body>, where every key typed next is lost: busy ones are aria-disabled instead.
import type { PanelControl } from "../core/explain";
import { startedByTouch } from "./keys-home";

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
  if (startedByTouch()) return;
  const at = document.activeElement;
  if (at === null || at === document.body || at === trigger) focusTerminal();
}

/**
 * The keyboard to the terminal, scrolled into view in this document only: the browser's own scroll
 * to a focused element moves a documentation page that embeds this one too (Apply, with the frame's
 * terminal above its window, moved the reader's page by half a screen).
 */
function focusTerminal(): void {
  const terminal = document.getElementById("terminal");
  if (!terminal) return;
  terminal.focus({ preventScroll: true });
  const box = terminal.getBoundingClientRect();
  if (box.bottom < 0 || box.top > window.innerHeight) window.scrollTo({ top: window.scrollY + box.top - 8 });
}

/**
 * The keyboard back to the lab (leaving the about page): to the terminal if a shell reads it, else to
 * Retry, which a failed guest's terminal (dimmed, its keys dropped) leaves the keyboard on.
 */
export function focusLab(): void {
  const terminal = document.getElementById("terminal");
  if (terminal?.closest('[data-live="false"]') || terminal?.querySelector('[data-live="false"]')) {
    document.querySelector<HTMLElement>('[data-testid="load-error"] button')?.focus();
    return;
  }
  if (!startedByTouch()) focusTerminal();
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
