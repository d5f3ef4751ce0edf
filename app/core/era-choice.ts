// The era the page asks for and the one the kernel runs: switched on request, followed from the kernel, kept for a fresh guest.
import { eraToFollow } from "./era-follow";
import type { EraState } from "./lab-types";
import type { Era } from "./protocol";
import { Store } from "./store";

/**
 * The store the page shows (`current`: what the kernel runs, once it has said so) and the era asked
 * for, which the next guest is given as it is set up: an era chosen while a guest restarts (a reboot)
 * is the fresh guest's, not an error.
 */
export class EraChoice {
  readonly store: Store<EraState>;
  private asked: Era;

  constructor(initial: Era) {
    this.store = new Store<EraState>({ current: initial, switching: false });
    this.asked = initial;
  }

  /** The era a guest being set up is to run. */
  get wanted(): Era {
    return this.asked;
  }

  /** The kernel says it runs `kernelEra` (a learner may change it in the guest): the page follows. */
  follow(kernelEra: number): void {
    const state = this.store.get();
    const next = eraToFollow(state, kernelEra);
    if (next === undefined) {
      // The guest speaks again after a switch it did not answer (a root shell held its control line,
      // say), and runs the era shown: the failure is over, and its words would mislead.
      if (state.error && !state.switching && kernelEra === state.current) this.idle();
      return;
    }
    this.asked = next;
    this.store.set({ current: next, switching: false });
  }

  /** A fresh guest was given `year` (unless another was asked for meanwhile). */
  given(year: Era): void {
    if (this.asked === year) this.store.set({ current: year, switching: false });
  }

  /** The guest is gone for good: a pending switch waits for Start over, whose guest gets it. */
  stopped(): void {
    if (this.store.get().switching) this.idle();
  }

  /**
   * Asks for `year`. `request` switches the running guest's kernel; with no guest ready it is
   * undefined and the next guest gets the era. `sameGuest` tells, after a failed request, whether
   * the guest that refused is still the one running: if it went meanwhile (a reboot), the failure
   * says nothing and the next guest gets the era.
   */
  async set(
    year: Era,
    request: (() => Promise<unknown>) | undefined,
    sameGuest: () => boolean,
  ): Promise<void> {
    this.asked = year;
    this.store.update((s) => ({ ...s, switching: true, to: year, error: undefined }));
    if (!request) return;
    try {
      await request();
      if (this.asked === year) this.store.set({ current: year, switching: false });
    } catch (err) {
      if (!sameGuest()) return;
      this.asked = this.store.get().current;
      this.idle((err as Error).message);
    }
  }

  /** No switch under way: the era shown stays, with why the last one failed if it did. */
  private idle(error?: string): void {
    const current = this.store.get().current;
    this.store.set(
      error === undefined ? { current, switching: false } : { current, switching: false, error },
    );
  }
}
