// Whether a guest that rebooted gets a fresh one: yes, unless the reboots come in a loop.

export class RebootGuard {
  private readyAt = 0;
  private quick = 0;

  /** `minLifeMs`: a reboot sooner than this after its guest became ready is a quick one. */
  constructor(
    private readonly minLifeMs = 5000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** A guest became ready. */
  started(): void {
    this.readyAt = this.now();
  }

  /** The learner started over: a fresh count. */
  reset(): void {
    this.quick = 0;
  }

  /** A reboot: whether a fresh guest should start (not for the second of two quick ones in a row). */
  allow(): boolean {
    const quick = this.now() - this.readyAt < this.minLifeMs;
    if (quick && this.quick > 0) return false;
    this.quick = quick ? this.quick + 1 : 0;
    return true;
  }
}
