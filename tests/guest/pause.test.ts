// A paused guest's CPU stands still (not one instruction), is not taken for dead, and runs on as it was.
import { describe, expect, it } from "vitest";
import { bootTestGuest, trackedV86 } from "./guest-vm";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a paused guest", () => {
  it("runs no instruction while paused, and afterwards answers with its work and clock as they were", async () => {
    const tracked = trackedV86();
    const guest = await bootTestGuest({ V86: tracked.V86 });
    try {
      const machine = tracked.last() as unknown as { get_instruction_counter(): number } | undefined;
      if (!machine) throw new Error("v86 was not created");
      await guest.run("echo kept > /tmp/kept");
      guest.session.setPaused(true);
      // stop() takes effect between v86's slices: the count settles within one.
      await wait(200);
      const before = machine.get_instruction_counter();
      await wait(3000);
      expect(machine.get_instruction_counter()).toBe(before);
      // Not dead, only paused: the page's liveness check must not end it.
      await expect(guest.session.pulse()).resolves.toEqual({ alive: true });
      guest.session.setPaused(false);
      const { output } = await guest.run("cat /tmp/kept; date +%s");
      const [kept, epoch] = output.trim().split(/\s+/);
      expect(kept).toBe("kept");
      // The guest's clock counted the pause (v86's TSC follows the host's time): no catching up needed.
      expect(Math.abs(Number(epoch) - Date.now() / 1000)).toBeLessThan(3);
      expect(machine.get_instruction_counter()).toBeGreaterThan(before);
      await expect(guest.agent.request({ type: "hello" }, 5000)).resolves.toMatchObject({ v: "1" });
      // No kernel complaint about the lost time (a stall warning, a clocksource gone bad).
      const { output: log } = await guest.run("dmesg | grep -ciE 'stall|unstable|watchdog' || true");
      expect(log.trim()).toBe("0");
    } finally {
      await guest.dispose();
    }
  });
});
