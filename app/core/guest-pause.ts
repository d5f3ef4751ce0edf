// Stops a ready guest's CPU while nobody can see the lab (an embed scrolled away, a hidden tab), or briefly.
import type { GuestLink } from "./guest-boot";
import { Store, type ReadableStore } from "./store";

/** Scrolling past is not leaving: the guest runs on this long after the lab goes out of sight. */
export const AWAY_GRACE_MS = 2000;

/**
 * An idle guest still costs a tenth of a core or more (v86 wakes for every timer tick), and a
 * documentation page may hold several: each pauses while out of sight and runs on, where it was,
 * the moment it is back or used. Only a guest that is ready, not busy and owes no answer pauses:
 * nothing the page waits for is cut short (the agent's requests made meanwhile wait unsent).
 */
export class AwayPause {
  private readonly pausedStore = new Store(false);
  readonly paused: ReadableStore<boolean> = this.pausedStore;
  private away = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private held: GuestLink | undefined;
  /** Ends the hold of a moment (holdBriefly), not for being away: the page does not show it as paused. */
  private endBrief: (() => void) | undefined;

  /** `ready` gives the guest that may pause now, if any (ready, and not busy: see mayPause()). */
  constructor(
    private readonly ready: () => GuestLink | undefined,
    private readonly graceMs = AWAY_GRACE_MS,
  ) {}

  setAway(away: boolean): void {
    if (away === this.away) return;
    this.away = away;
    if (away) this.schedule();
    else this.wake();
  }

  /**
   * Stops the ready guest until the returned function is called, at most `maxMs`, or until the lab
   * is used; undefined if it holds nothing (no guest ready, or one held already). For a moment when
   * the page needs its thread and the browser's help at once: the panels' first layout looks fonts
   * up through the browser, request by request, and a guest flooding the terminal (`yes` typed into
   * the first screen) made each wait ~200 ms, freezing the page for 2–3 s. Its requests wait unsent
   * meanwhile, as while away; answers it owes come late, not lost.
   */
  holdBriefly(maxMs: number): (() => void) | undefined {
    const g = this.held || this.endBrief ? undefined : this.ready();
    if (!g) return undefined;
    const timer = setTimeout(() => end(), maxMs);
    const end = () => {
      if (this.endBrief !== end) return;
      clearTimeout(timer);
      this.endBrief = undefined;
      // Paused for being away meanwhile: it stays so.
      if (this.held === g) return;
      g.session.setPaused(false);
      g.agent.release();
    };
    g.agent.hold();
    g.session.setPaused(true);
    this.endBrief = end;
    return end;
  }

  /** The lab was used (keys, Apply, an era): it runs now, and pauses again only after the grace. */
  touch(): void {
    this.endBrief?.();
    this.wake();
    if (this.away) this.schedule();
  }

  /**
   * The guest was replaced or is gone: a held one is not woken (it is being ended), and a new one
   * ready while away pauses after the grace.
   */
  guestChanged(): void {
    this.held = undefined;
    this.endBrief = undefined;
    this.pausedStore.set(false);
    if (this.away) this.schedule();
    else this.cancel();
  }

  /** The guest passed over for not being ready (busy, say) now is: it pauses after the grace if away. */
  mayPause(): void {
    if (this.away && !this.held && !this.timer) this.schedule();
  }

  dispose(): void {
    this.cancel();
    this.held = undefined;
    this.endBrief = undefined;
  }

  private schedule(): void {
    this.cancel();
    this.timer = setTimeout(() => this.tryPause(), this.graceMs);
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private tryPause(): void {
    this.timer = undefined;
    if (!this.away || this.held) return;
    const g = this.ready();
    // None ready: guestChanged() or mayPause() comes when one is. One that owes answers: later.
    if (!g) return;
    if (g.agent.waiting > 0) return this.schedule();
    g.agent.hold();
    g.session.setPaused(true);
    this.held = g;
    this.pausedStore.set(true);
  }

  private wake(): void {
    this.cancel();
    const g = this.held;
    if (!g) return;
    this.held = undefined;
    g.session.setPaused(false);
    g.agent.release();
    this.pausedStore.set(false);
  }
}
