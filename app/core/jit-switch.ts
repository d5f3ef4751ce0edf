// When v86 may compile guest code to wasm: only while the guest has been busy for a while.

/** The parts of v86's machine this uses: its scheduler hook, and the wasm CPU's JIT settings. */
export interface JitMachine {
  yield(ms: number, tick: number): void;
  cpu: {
    wm: {
      exports: {
        set_jit_config?: (index: number, value: number) => void;
        get_jit_config?: (index: number) => number;
      };
    };
  };
}

/** The index of v86's JIT setting that stops new compiles (code compiled already stays in use). */
const JIT_DISABLED_SETTING = 0;

/** How long the guest must run without resting before its code is worth compiling. */
export const JIT_AFTER_BUSY_MS = 500;

/**
 * v86 compiles a page of guest code to wasm once it has run enough, and the compile (its own, then
 * the browser's, on a core the page shares) costs more than it saves for code that runs only a few
 * times: a kernel's boot, the learner's short commands. Measured on a 2-core Xeon: a cold boot to
 * the prompt 0.8-1.1 s without new compiles, 1.6-2.0 s with them (Node); the first command after a
 * restore 55-80 ms instead of 160-190 (Chromium). A loop that runs for seconds is the other way
 * round (a shell loop 0.4 s compiled, 1.4 s not). So compiling is off until the guest has rested
 * once (its boot is one long run) and then on only after JIT_AFTER_BUSY_MS without a rest, until
 * the next. Without the setting (another v86 build) v86's JIT is left as it is.
 */
export function jitWhenBusy(machine: JitMachine, now: () => number = () => performance.now()): void {
  const exports = machine.cpu.wm.exports;
  if (typeof exports.set_jit_config !== "function") return;
  const setConfig = exports.set_jit_config.bind(exports);
  // A v86 told not to compile at all (its own option) is left so.
  if (exports.get_jit_config?.(JIT_DISABLED_SETTING) === 1) return;
  let on = true;
  const turn = (value: boolean) => {
    if (on === value) return;
    on = value;
    setConfig(JIT_DISABLED_SETTING, value ? 0 : 1);
  };
  turn(false);
  let rested = false;
  let busySince: number | undefined;
  const schedule = machine.yield.bind(machine);
  // v86 asks for a pause after each slice: none (0) while the guest runs, the time to its next
  // timer while it is halted.
  machine.yield = (ms, tick) => {
    if (ms > 0) {
      rested = true;
      busySince = undefined;
      turn(false);
    } else if (rested) {
      const t = now();
      busySince ??= t;
      if (t - busySince >= JIT_AFTER_BUSY_MS) turn(true);
    }
    schedule(ms, tick);
  };
}
