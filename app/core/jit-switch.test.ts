// The JIT switch on a stand-in machine: which settings v86 is given as the guest runs and rests.
import { describe, expect, it } from "vitest";
import { JIT_AFTER_BUSY_MS, jitWhenBusy, type JitMachine } from "./jit-switch";

/** A machine that records its JIT settings and the pauses passed on to v86's own scheduler. */
function machine(withConfig = true) {
  const settings: Array<[number, number]> = [];
  const pauses: number[] = [];
  const m: JitMachine = {
    yield: (ms) => void pauses.push(ms),
    cpu: { wm: { exports: withConfig ? { set_jit_config: (i, v) => void settings.push([i, v]) } : {} } },
  };
  let clock = 0;
  jitWhenBusy(m, () => clock);
  /** `ms` after the last step, v86 asks for a pause of `pause` ms (0: the guest is running). */
  const step = (ms: number, pause: number) => {
    clock += ms;
    m.yield(pause, 1);
  };
  return { settings, pauses, step };
}

describe("the JIT switch", () => {
  it("turns v86's compiling off at once", () => {
    expect(machine().settings).toEqual([[0, 1]]);
  });

  it("leaves it off through a boot, however long it runs without a rest", () => {
    const { settings, step } = machine();
    for (let i = 0; i < 100; i++) step(50, 0);
    expect(settings).toEqual([[0, 1]]);
  });

  it("once the guest has rested, turns it on after a long run and off at the next rest", () => {
    const { settings, step } = machine();
    step(10, 4); // halted: the boot is over
    step(10, 0);
    step(JIT_AFTER_BUSY_MS - 1, 0);
    expect(settings).toEqual([[0, 1]]); // a short command: nothing compiled
    step(1, 0);
    expect(settings).toEqual([
      [0, 1],
      [0, 0],
    ]);
    step(100, 0); // still running: no second setting
    step(10, 2.5);
    expect(settings).toEqual([
      [0, 1],
      [0, 0],
      [0, 1],
    ]);
  });

  it("counts each run from its own start", () => {
    const { settings, step } = machine();
    for (let i = 0; i < 10; i++) {
      step(1, 0.5);
      step(JIT_AFTER_BUSY_MS / 2, 0);
    }
    expect(settings).toEqual([[0, 1]]);
  });

  it("passes every pause on to v86 as asked", () => {
    const { pauses, step } = machine();
    step(1, 0);
    step(1, 3);
    expect(pauses).toEqual([0, 3]);
  });

  it("leaves a v86 told not to compile at all as it is", () => {
    const settings: Array<[number, number]> = [];
    const m: JitMachine = {
      yield: () => {},
      cpu: {
        wm: {
          exports: { set_jit_config: (i, v) => void settings.push([i, v]), get_jit_config: () => 1 },
        },
      },
    };
    jitWhenBusy(m, () => 0);
    m.yield(1, 1);
    m.yield(0, 2);
    expect(settings).toEqual([]);
  });

  it("leaves a v86 without the setting as it is", () => {
    const { settings, pauses, step } = machine(false);
    step(1, 0);
    expect(settings).toEqual([]);
    expect(pauses).toEqual([0]);
  });
});
