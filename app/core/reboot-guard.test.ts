// A reboot gets a fresh guest; the second of two quick ones in a row does not, until Start over.
import { describe, expect, it } from "vitest";
import { RebootGuard } from "./reboot-guard";

describe("RebootGuard", () => {
  it("allows reboots, but not a second one soon after a quick one, and starts over on reset", () => {
    let t = 0;
    const guard = new RebootGuard(5000, () => t);
    guard.started();
    t = 1000;
    expect(guard.allow()).toBe(true);
    guard.started();
    t = 2000;
    expect(guard.allow()).toBe(false);
    guard.reset();
    guard.started();
    t = 3000;
    expect(guard.allow()).toBe(true);
    // A guest that lived a while: its reboot is no loop, and clears the count.
    guard.started();
    t = 9000;
    expect(guard.allow()).toBe(true);
    guard.started();
    t = 9500;
    expect(guard.allow()).toBe(true);
  });

  it("counts a reboot after a line entered in the guest as the learner's, however soon: no loop", () => {
    let t = 0;
    const guard = new RebootGuard(5000, () => t);
    guard.started();
    t = 1000;
    expect(guard.allow()).toBe(true);
    guard.started();
    t = 2000;
    guard.lineEntered();
    expect(guard.allow()).toBe(true);
    // The fresh guest's own quick reboot, nothing entered in it, is still the second of a loop.
    guard.started();
    t = 2500;
    expect(guard.allow()).toBe(true);
    guard.started();
    t = 3000;
    expect(guard.allow()).toBe(false);
  });
});
