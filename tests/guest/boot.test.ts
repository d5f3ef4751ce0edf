// Both ways the page starts the guest: restoring the saved state, and the cold-boot fallback.
import { describe, expect, it } from "vitest";
import { bootTestGuest, loadManifest } from "./guest-vm";

describe("start-up", () => {
  it("cold boot reaches the agent and an unprivileged shell", async () => {
    const guest = await bootTestGuest({ cold: true });
    try {
      expect(guest.events[0]).toMatchObject({ type: "ready", version: 1, era: 2020 });
      expect((await guest.run("id -u")).output.trim()).toBe("1000");
      expect((await guest.run("caps")).output).toMatch(/cap_checkpoint_restore|CAP_CHECKPOINT_RESTORE/i);
    } finally {
      await guest.dispose();
    }
  });

  it("the saved state restores to a shell that answers at once", async () => {
    const state = loadManifest().files.state;
    expect(state, "the build has a saved state").toBeDefined();
    expect(state?.console).toMatch(/\$ $/);
    const guest = await bootTestGuest();
    try {
      expect((await guest.run("id -u")).output.trim()).toBe("1000");
      expect((await guest.run("cat /proc/sys/kernel/exe_link_era")).output.trim()).toBe("2020");
    } finally {
      await guest.dispose();
    }
  });

  it("the kernel and its built-in initramfs fit the size budget", () => {
    expect(loadManifest().files.bzimage.size).toBeLessThanOrEqual(2.5 * 1024 * 1024);
  });
});
