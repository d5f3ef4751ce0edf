// The kernel's random generator: unseeded in the saved state every visitor restores, seeded by the page.
import { describe, expect, it } from "vitest";
import { SEED_BYTES } from "../../app/core/protocol";
import { guestLab, until } from "./guest-lab";
import { guestForFile, trackedV86, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile((g) => (guest = g));

/** The pool's credited bits (256 once the generator is ready), and the kernel's word that it is. */
const generator = async () => {
  const { output } = await guest.run(
    "cat /proc/sys/kernel/random/entropy_avail; dmesg | grep -c 'random: crng init done'",
  );
  const [bits, said] = output.trim().split(/\s+/).map(Number);
  return { bits, ready: said > 0 };
};

describe("the guest's random generator", () => {
  it("is not ready in the saved state; the agent's seed makes it so, at once", async () => {
    // A restore alone: the same pool for every visitor, and a first read that spins to fill it.
    expect(await generator()).toMatchObject({ ready: false });
    expect((await generator()).bits).toBeLessThan(256);
    const seed = crypto.getRandomValues(new Uint8Array(SEED_BYTES));
    await guest.agent.request({ type: "seed", bytes: seed });
    expect(await generator()).toEqual({ bits: 256, ready: true });
  });

  it("is given only 32 bytes written as 64 hex digits", async () => {
    for (const bytes of [new Uint8Array(31), new Uint8Array(33)])
      await expect(guest.agent.request({ type: "seed", bytes })).rejects.toMatchObject({ code: "EINVAL" });
    // Not hex: sent raw, as only a broken host would; answered in order, before the hello.
    guest.agent.sendRaw(new TextEncoder().encode(`seed id=900 bytes=${"zz".repeat(32)}\n`));
    await guest.agent.request({ type: "hello" });
    expect(guest.controlLines.find((l) => l.startsWith("err id=900 "))).toMatch(/code=EINVAL/);
  });
});

describe("a lab", () => {
  it("seeds each guest it starts", async () => {
    const lab = guestLab(trackedV86());
    let output = "";
    lab.onTerminalOutput((b) => (output += new TextDecoder().decode(b)));
    try {
      await lab.start();
      lab.sendTerminalInput("echo bits-$(cat /proc/sys/kernel/random/entropy_avail)-\r");
      await until(lab, "the pool's bits", () => /bits-(\d+)-/.exec(output.replace(/echo bits-\$/, ""))?.[1]);
      expect(/bits-(\d+)-/.exec(output.replace(/echo bits-\$/, ""))?.[1]).toBe("256");
    } finally {
      lab.dispose();
    }
  });
});
