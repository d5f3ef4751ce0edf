// A select's choice made with the arrow keys waits for the keys to stop before it acts.
//
// Chromium and Firefox change a closed select's value on each arrow key, and fire `change` each time:
// stepping from 2012 to 2020 in the header switched the kernel four times, each switch said in the
// terminal. A choice made by keys is held (shown, not acted on) until Enter, until the keyboard
// leaves the select, or until the keys pause; Esc drops it. A choice from the open list (the pointer,
// or Enter in the list) acts at once.

/** Keys with which a closed select steps through its options (letters jump to one, too). */
const STEP_KEYS = new Set([
  "ArrowUp",
  "ArrowDown",
  "ArrowLeft",
  "ArrowRight",
  "Home",
  "End",
  "PageUp",
  "PageDown",
]);

/** Whether a keydown on a closed select may change its value by itself. */
export function isStepKey(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  return STEP_KEYS.has(event.key) || (event.key.length === 1 && event.key !== " ");
}

export class DeferredChoice<T> {
  private held: T | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param act does what the choice is for (`held`: one made with step keys, acting at Enter, at the
   *   keyboard's leaving or at the pause); false: not now (it is held again, to act at the next pause).
   * @param changed tells the view what is held (undefined: nothing), for it to show.
   * @param pauseMs how long the keys may rest before the held choice acts.
   */
  constructor(
    private readonly act: (value: T, held: boolean) => boolean,
    private readonly changed: (held: T | undefined) => void,
    private readonly pauseMs = 1200,
  ) {}

  get pending(): T | undefined {
    return this.held;
  }

  /** The value changed: by a step key (held) or otherwise (acts now). */
  choose(value: T, byStepKey: boolean): void {
    if (!byStepKey) {
      this.drop();
      if (this.act(value, false)) return;
    }
    this.clearTimer();
    this.held = value;
    this.changed(value);
    this.timer = setTimeout(() => this.commit(), this.pauseMs);
  }

  /** Enter, the keyboard leaving, or the pause: the held choice acts. */
  commit(): void {
    const value = this.held;
    this.drop();
    if (value !== undefined && !this.act(value, true)) this.choose(value, true);
  }

  /** Esc, or the view going away: the held choice is forgotten. */
  drop(): void {
    this.clearTimer();
    if (this.held === undefined) return;
    this.held = undefined;
    this.changed(undefined);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
