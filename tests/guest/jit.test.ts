// v86's JIT in a real guest: nothing compiled for a boot or short commands, compiled for a long run.
import { afterEach, describe, expect, it } from "vitest";
import { bootTestGuest, trackedV86, type TestGuest } from "./guest-vm";

interface JitCpu {
  wm: { exports: { get_jit_config(index: number): number } };
  /** v86 calls this, when set, for each module its JIT has compiled (meant for its own tests). */
  test_hook_did_finalize_wasm?: () => void;
}

let guest: TestGuest | undefined;
afterEach(async () => {
  await guest?.dispose();
  guest = undefined;
});

/** A guest and its JIT: whether compiling is off, and how many modules it has compiled. */
async function withJit(cold: boolean) {
  const tracked = trackedV86();
  let compiled = 0;
  const booting = bootTestGuest({ cold, V86: tracked.V86 });
  let settled = false;
  booting.then(
    () => (settled = true),
    () => (settled = true),
  );
  // Counted from the machine's first moments (v86 sets it up before the boot's first instruction).
  const cpu = await new Promise<JitCpu | undefined>((resolve) => {
    const look = () => {
      const machine = tracked.last() as unknown as { v86?: { cpu?: JitCpu } } | undefined;
      if (machine?.v86?.cpu?.wm) resolve(machine.v86.cpu);
      else if (settled)
        resolve(undefined); // the boot failed: awaited below, with its own error
      else setImmediate(look);
    };
    look();
  });
  if (cpu) cpu.test_hook_did_finalize_wasm = () => compiled++;
  guest = await booting;
  if (!cpu) throw new Error("the guest booted with no machine to watch");
  return { g: guest, off: () => cpu.wm.exports.get_jit_config(0) === 1, compiled: () => compiled };
}

describe("v86's JIT", () => {
  // Only the boot is certain to compile nothing: the switch counts wall-clock time, and on a loaded
  // host a short command may run past it.
  it("compiles nothing for a cold boot", async () => {
    const { off, compiled } = await withJit(true);
    expect(compiled()).toBe(0);
    expect(off()).toBe(true);
  });

  it("compiles while a command runs on without a rest, and stops when the guest rests", async () => {
    const { g, off, compiled } = await withJit(false);
    // Three seconds by the guest's clock (builtins only, so no fork): the guest never halts.
    const loop =
      "read u _ </proc/uptime; end=$((${u%.*} + 3)); while read u _ </proc/uptime; [ ${u%.*} -lt $end ]; do :; done";
    await g.run(loop, 60_000);
    expect(compiled()).toBeGreaterThan(0);
    // Once the shell waits for the next command, the guest rests.
    for (let i = 0; i < 50 && !off(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(off()).toBe(true);
  });
});
