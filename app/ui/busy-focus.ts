// Where the keyboard goes when the page changes under it. A focused control that becomes disabled
// drops focus to <body>, where every key typed next is lost: busy ones are aria-disabled instead.

/** Props for a control that is busy (or not): announced as unavailable, still focusable. */
export function busyProps(busy: boolean): { "aria-disabled"?: true } {
  return busy ? { "aria-disabled": true } : {};
}

/**
 * After an action that restarts the shell or the kernel's rules, the next thing to do is typing into
 * the terminal: it takes the keyboard, unless the user has meanwhile gone somewhere else.
 */
export function focusTerminalIfStill(trigger: Element | null): void {
  const at = document.activeElement;
  if (at === null || at === document.body || at === trigger) document.getElementById("terminal")?.focus();
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
  terminal?.focus();
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

/**
 * The identity panel in view and the keyboard on its chosen user (the radio group's own stop), from
 * the card's "What would pass" (below the card's fold on a 1280 × 720 screen). The panels scroll
 * where they scroll on their own, as the card's own scroll does, so an embedding page never moves.
 */
export function showIdentityPanel(): void {
  const panel = document.getElementById(IDENTITY_PANEL_ID);
  const panels = panel?.closest<HTMLElement>("#panels");
  if (!panel || !panels) return;
  const top = panel.getBoundingClientRect().top;
  if (panels.scrollHeight > panels.clientHeight && getComputedStyle(panels).overflowY !== "visible")
    panels.scrollTop += top - panels.getBoundingClientRect().top;
  // Stacked under the terminal (a speaker's big font; never in an embed), the page itself scrolls.
  else window.scrollTo({ top: window.scrollY + top - 8 });
  // Not "input:checked, input": a selector list finds the first of either in the page's order.
  const chosen =
    panel.querySelector<HTMLElement>("input:checked") ?? panel.querySelector<HTMLElement>("input");
  chosen?.focus({ preventScroll: true });
}
