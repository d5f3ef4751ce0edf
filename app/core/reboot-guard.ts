// Whether a guest that rebooted gets a fresh one: yes, unless the reboots come in a loop.

export class RebootGuard {
  private readyAt = 0;
  private quick = 0;
  /** A line was entered since the guest became ready: its reboot may be the learner's own. */
  private entered = false;

  /** `minLifeMs`: a reboot sooner than this after its guest became ready is a quick one. */
  constructor(
    private readonly minLifeMs = 5000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** A guest became ready. */
  started(): void {
    this.readyAt = this.now();
    this.entered = false;
  }

  /**
   * The learner entered a line in the guest. A reboot after that is no loop, however soon: a speaker
   * who shows `reboot` twice was told "a reboot loop?" and lost the guest.
   */
  lineEntered(): void {
    this.entered = true;
  }

  /** The learner started over: a fresh count. */
  reset(): void {
    this.quick = 0;
  }

  /** A reboot: whether a fresh guest should start (not for the second of two quick ones in a row). */
  allow(): boolean {
    const quick = !this.entered && this.now() - this.readyAt < this.minLifeMs;
    if (quick && this.quick > 0) return false;
    this.quick = quick ? this.quick + 1 : 0;
    return true;
  }
}

/** Like a machine that lost its disk: a learner used to real ones expects files to stay. */
export const freshGuestNote = (why: string, cold: boolean): string =>
  `${why}; a fresh guest ${cold ? "boots" : "starts from the saved state"} (files written since are gone)`;

/** A reboot the guard did not allow. */
export const rebootLoopNote = (why: string): string =>
  `${why}, again just after it started: no fresh guest (a reboot loop?)`;
