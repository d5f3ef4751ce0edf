// One running guest: creates v86 from the manifest's options, and carries the two serial ports.
import type { V86, V86Options } from "v86";
import type { AgentTransport } from "./agent-client";
import type { Manifest } from "./manifest";
import { ByteChannel, type ByteListener } from "./byte-channel";
import { ConsoleFeed, type UartInput } from "./console-feed";
import { jitWhenBusy, type JitMachine } from "./jit-switch";
import { OnceSignal } from "./once-signal";
import type { GuestEnd, GuestPulse, GuestSession } from "./session-launcher";
import type { Unsubscribe } from "./store";

export type V86Constructor = new (options: V86Options) => V86;

export interface SessionImages {
  /** A saved state; when given, the kernel and BIOS are not needed. */
  state?: ArrayBuffer;
  bzimage?: ArrayBuffer;
  bios?: ArrayBuffer;
}

export interface SessionOptions {
  V86: V86Constructor;
  manifest: Manifest;
  images: SessionImages;
  /** Where v86.wasm is served from (browser: a hashed asset URL; Node: a file path). */
  wasmPath: string;
  /** A module compiled ahead of time (the page compiles it while it streams in); else wasmPath. */
  wasmModule?: Promise<WebAssembly.Module>;
}

/** The parts of v86's machine (the V86 object's `v86`) used here: its scheduler and its CPU. */
interface Machine {
  yield(ms: number, tick: number): void;
  cpu: {
    reboot_internal(): void;
    /** Views into the wasm CPU's state: its halted flag, and EFLAGS (bit 9: interrupts enabled). */
    in_hlt: Uint8Array;
    flags: Int32Array;
    io: { register_write(port: number, device: object, write8: (byte: number) => void): void };
    wm: JitMachine["cpu"]["wm"];
    /** The console's UART: bytes sent to the guest wait in `input` until its driver reads them. */
    devices?: { uart0?: UartInput };
  };
}

const machineOf = (emulator: V86) => (emulator as unknown as { v86?: Machine }).v86;

/**
 * Our kernel patch (kernel/exelab_host.c) writes one byte here as the kernel panics, halts, powers
 * off or restarts: from outside, a panicked kernel (spinning with interrupts on) looks busy.
 */
const HOST_SIGNAL_PORT = 0x505;
const FLAG_INTERRUPT = 1 << 9;
const HOST_SIGNALS: Record<number, GuestEnd> = {
  1: { why: "its kernel panicked", kernel: "panic" },
  2: { why: "its kernel halted the machine", kernel: "halt" },
  3: { why: "its kernel powered the machine off", kernel: "power_off" },
  4: { why: "its kernel restarted the machine", kernel: "restart", restart: true },
};

/**
 * Between v86's slices the console's input is fed on (console-feed.ts), and while some waits the next
 * slice comes within 1 ms. No sub-millisecond sleeps: before a halted guest's next timer interrupt v86
 * asks for one, gets it as "at once" (setImmediate, postTask) and spins, a quarter of a core at 250 Hz.
 * 1 ms late is nothing to the guest; input still wakes it at once (an IRQ reschedules v86's loop).
 */
function paceSlices(machine: Machine, feed: ConsoleFeed): void {
  const schedule = machine.yield.bind(machine);
  machine.yield = (ms, tick) => {
    feed.pump();
    const wait = feed.waiting ? Math.min(ms, 1) : ms;
    schedule(wait > 0 && wait < 1 ? 1 : wait, tick);
  };
}

/**
 * Restoring a state first zeroes all of guest memory (v86's unpack_memory), then writes the saved
 * pages. In a fresh instance that memory has never been written (nothing is loaded before a
 * restore), so the zeroing only touches 32 MB of untouched pages: ~15 ms and as many page faults.
 * This skips exactly that one call; any later zeroing (none in our use) goes through.
 */
function skipFirstZeroing(exports: WebAssembly.Exports, memorySize: number): WebAssembly.Exports {
  const zero = exports.zero_memory as (addr: number, length: number) => void;
  let first = true;
  return {
    ...exports,
    zero_memory: (addr: number, length: number) => {
      const skip = first && addr === 0 && length === memorySize;
      first = false;
      if (!skip) zero(addr, length);
    },
  };
}

export class VmSession implements GuestSession {
  private readonly emulator: V86;
  private readonly console = new ByteChannel();
  private readonly control = new ByteChannel();
  private readonly loaded: Promise<void>;
  private stopped = false;
  /** Asked to pause (setPaused): v86 then stands still, which pulse() must not take for a dead guest. */
  private paused = false;
  /** Why the guest's kernel is gone, once it said so (or reset the machine). */
  private gone: GuestEnd | undefined;
  private readonly ended = new OnceSignal<GuestEnd>();
  /** v86 has built its machine (after its wasm loaded); before that there is nothing to destroy. */
  private machineMade = false;
  /**
   * Input that came before the guest could take it: kept until it runs, then handed over in order.
   * Bytes sent earlier would be lost (no UART yet) or overwritten by the restore (the saved UART).
   */
  private held: Array<[port: 0 | 1, bytes: Uint8Array]> | undefined = [];
  /** The console's input, given to the UART as it has room. */
  private readonly feed = new ConsoleFeed(
    () => machineOf(this.emulator)?.cpu.devices?.uart0,
    (bytes) => this.emulator.serial_send_bytes(0, bytes),
  );

  constructor(options: SessionOptions) {
    const { manifest, images } = options;
    const o = manifest.v86.options;
    const { state } = images;
    // v86 starts itself in promises of its own: when one fails (the wasm cannot be instantiated, a
    // state it refuses) nothing reaches us and "emulator-loaded" never comes. Each such failure
    // ends the wait here instead, with v86's own message.
    let fail: (err: unknown) => void = () => {};
    const failed = new Promise<never>((_, reject) => (fail = reject));
    const precompiled = options.wasmModule;
    const config: V86Options = {
      wasm_path: options.wasmPath,
      ...(precompiled && {
        wasm_fn: async (imports: WebAssembly.Imports) => {
          try {
            const { exports } = await WebAssembly.instantiate(await precompiled, imports);
            return state ? skipFirstZeroing(exports, o.memory_size) : exports;
          } catch (err) {
            // Thrown back, v86 would only drop it unheard; it waits instead, and we fail.
            fail(err);
            return new Promise<never>(() => {});
          }
        },
      }),
      memory_size: o.memory_size,
      vga_memory_size: o.vga_memory_size,
      uart1: o.uart1,
      acpi: o.acpi,
      // A state is restored below, once the machine is set up; then the guest runs.
      autostart: o.autostart && !state,
      disable_keyboard: o.disable_keyboard,
      disable_mouse: o.disable_mouse,
      disable_speaker: o.disable_speaker,
    };
    if (!state) {
      if (!images.bzimage || !images.bios) throw new Error("a cold boot needs the kernel and the BIOS");
      config.bzimage = { buffer: images.bzimage };
      config.bios = { buffer: images.bios };
      config.cmdline = o.cmdline;
    }
    this.emulator = new options.V86(config);
    this.emulator.add_listener("serial0-output-byte", this.console.push);
    this.emulator.add_listener("serial1-output-byte", this.control.push);
    const loaded = new Promise<void>((resolve) =>
      this.emulator.add_listener("emulator-loaded", () => {
        this.machineMade = true;
        const machine = machineOf(this.emulator);
        if (machine) {
          jitWhenBusy(machine);
          paceSlices(machine, this.feed);
        }
        this.watchForTheEnd();
        resolve();
      }),
    );
    // What v86 does with an initial_state (set up, restore, run), done here so that a state it
    // refuses rejects whenLoaded rather than leaving it waiting for ever.
    const ready = Promise.race([failed, Promise.all([loaded, precompiled])]);
    this.loaded = ready.then(async () => {
      if (state) {
        await this.emulator.restore_state(state);
        if (o.autostart && !this.stopped && !this.paused) await this.emulator.run();
      }
      // In the same task as the restore: keys typed into the saved screen meet the guest at once.
      const held = this.held ?? [];
      this.held = undefined;
      for (const [port, bytes] of held) this.send(port, bytes);
    });
  }

  /** Resolves once v86 has loaded its images (and restored the state, if any). */
  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  onConsole(listener: ByteListener): Unsubscribe {
    return this.console.on(listener);
  }

  onControl(listener: ByteListener): Unsubscribe {
    return this.control.on(listener);
  }

  /** The control channel (serial1) as the agent client's transport. */
  controlTransport(): AgentTransport {
    return { send: (bytes) => this.sendControl(bytes), onBytes: (listener) => this.onControl(listener) };
  }

  sendConsole(bytes: Uint8Array): void {
    this.send(0, bytes);
  }

  sendControl(bytes: Uint8Array): void {
    this.send(1, bytes);
  }

  private send(port: 0 | 1, bytes: Uint8Array): void {
    if (this.stopped) return;
    if (this.held) this.held.push([port, bytes.slice()]);
    else if (port === 0) this.feed.push(bytes.slice());
    else this.emulator.serial_send_bytes(port, bytes);
  }

  /** Console bytes the guest has not read yet, waiting for the UART or in it. */
  dropConsoleInput(): void {
    this.feed.drop();
  }

  private watchForTheEnd(): void {
    const cpu = machineOf(this.emulator)?.cpu;
    if (!cpu) return;
    cpu.io.register_write(HOST_SIGNAL_PORT, { name: "exelab" }, (byte) => {
      this.end(HOST_SIGNALS[byte] ?? { why: `its kernel signalled ${byte}` });
    });
    // A reset would start the BIOS again, which has no kernel to load after a restore: stop instead,
    // and at once. stop() only takes effect between slices, and within this one the kernel, finding
    // the machine not reset, tries its next method: a triple fault, which v86 cannot emulate (it
    // aborts with "Unimplemented: #GP handler"). So the CPU is parked as by `cli; hlt`.
    cpu.reboot_internal = () => {
      this.end({ why: "the machine was reset", restart: true });
      cpu.flags[0] &= ~FLAG_INTERRUPT;
      cpu.in_hlt[0] = 1;
      void this.emulator.stop();
    };
  }

  /** The first end counts (a restart signals, then resets the machine). */
  private end(end: GuestEnd): void {
    if (this.gone) return;
    this.gone = end;
    // After the console's bytes so far, which are batched per microtask: listeners may read them.
    queueMicrotask(() => this.ended.fire(end));
  }

  onEnd(listener: (end: GuestEnd) => void): Unsubscribe {
    return this.ended.on(listener);
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    // Once loaded: a restore runs the machine when it is done (unless paused by then), and a
    // machine still being built has nothing to stop. Only the latest wish is carried out.
    void this.loaded.then(
      () => {
        if (this.stopped || this.gone || this.paused !== paused) return;
        void (paused ? this.emulator.stop() : this.emulator.run());
      },
      () => {},
    );
  }

  /** A guest whose agent is silent is busy unless its kernel said it is gone, or v86 stopped. */
  async pulse(): Promise<GuestPulse> {
    if (this.gone) return { alive: false, ...this.gone };
    if (this.paused && !this.stopped && this.machineMade) return { alive: true };
    if (this.stopped || !this.machineMade || !this.emulator.is_running())
      return { alive: false, why: "the emulator is not running" };
    return { alive: true };
  }

  saveState(): Promise<ArrayBuffer> {
    return this.emulator.save_state();
  }

  async dispose(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.console.clear();
    this.control.clear();
    this.ended.close();
    // A machine still being built is destroyed once it is; one whose wasm failed never will be.
    if (!this.machineMade)
      return void this.loaded.then(
        () => this.destroy(),
        () => {},
      );
    await this.destroy();
  }

  /** Stops before destroying: destroying with a tick queued crashed v86 under Node. */
  private async destroy(): Promise<void> {
    await this.emulator.stop();
    await this.emulator.destroy();
  }
}
