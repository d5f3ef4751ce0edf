// What boots a guest needs from wherever the emulator runs: this thread (tests, Node) or a worker (page).
import type { AgentTransport } from "./agent-client";
import type { Unsubscribe } from "./store";

/** Restore the saved state, or boot the kernel from the BIOS. */
export type BootMode = "restore" | "cold";

export type ProgressListener = (detail: string, progress: number) => void;

/** How the kernel said it ended (our patch's signal to the host). */
export type KernelEnd = "panic" | "halt" | "power_off" | "restart";

/** How a guest ended, as far as the emulator can tell. */
export interface GuestEnd {
  why: string;
  /** The kernel itself said it is gone, and how (its console then has its last words). */
  kernel?: KernelEnd;
  /** It restarted the machine: a reboot, which asks for a fresh guest. */
  restart?: boolean;
}

/**
 * Whether the guest's kernel still runs, asked when its agent falls silent: a kernel that runs with
 * its CPU taken by the learner's programs is busy, not dead; a dead one said so as it died.
 */
export type GuestPulse = { alive: true } | ({ alive: false } & GuestEnd);

/** A running emulator and its two serial ports, wherever it runs. */
export interface GuestSession {
  /** Resolves once the images are loaded (and the state restored); rejects if that failed. */
  whenLoaded(): Promise<void>;
  /** The guest's console (serial0); output from before the first listener is kept for it. */
  onConsole(listener: (bytes: Uint8Array) => void): Unsubscribe;
  sendConsole(bytes: Uint8Array): void;
  /** The control channel (serial1) as the agent client's transport. */
  controlTransport(): AgentTransport;
  /** Whether the kernel said it is gone (see GuestPulse), or the emulator stopped. */
  pulse(): Promise<GuestPulse>;
  /**
   * Once, as soon as the kernel says it is gone or the machine resets (a listener that comes later
   * hears it at once). An emulator stopped or wedged from outside is not heard here: pulse() is.
   */
  onEnd(listener: (end: GuestEnd) => void): Unsubscribe;
  /**
   * Stops the guest's CPU where it is (true) and runs it on (false): nothing runs while nobody can
   * see the lab. Its clock jumps by the pause, as a laptop's after sleep; pulse() still says alive.
   */
  setPaused(paused: boolean): void;
  /**
   * Drops the console's bytes the guest has not taken yet (the rest of a long paste on its way in),
   * before the agent drops those it has (see the `interrupt` request).
   */
  dropConsoleInput(): void;
  dispose(): Promise<void>;
}

export interface SessionLauncher {
  /**
   * Downloads (and checks) what `mode` needs and starts the emulator. Rejects when a download fails;
   * a failure to load the images surfaces through the session's whenLoaded(). `signal` calls the
   * start off: it rejects, and what it had started (a worker) is ended.
   */
  start(mode: BootMode, onProgress: ProgressListener, signal?: AbortSignal): Promise<GuestSession>;
}
