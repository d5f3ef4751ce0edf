// Busy controls keep the keyboard: a focused control that becomes disabled drops focus to <body>,
// where every key typed next is lost. Busy ones are aria-disabled instead and ignore activation.

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
