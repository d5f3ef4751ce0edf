// The page's side of the emulator's worker: starts it, and stands in for the session running there.
import type { AgentTransport } from "./agent-client";
import { ByteChannel } from "./byte-channel";
import { OnceSignal } from "./once-signal";
import type {
  BootMode,
  GuestEnd,
  GuestPulse,
  GuestSession,
  ProgressListener,
  SessionLauncher,
} from "./session-launcher";
import { parseFromWorker, workerFailure, type ToWorker } from "./worker-messages";

/**
 * A worker the page's HTML started before any of the page's code loaded (see vite.config.ts), with
 * the messages it sent while nobody listened yet.
 */
export interface EarlyWorker {
  worker: Worker;
  mode: BootMode;
  messages: unknown[];
  /** Asked to start already (by the lab's stand-in, early-lab.ts): asked again, it would refuse. */
  started?: boolean;
}

export interface WorkerLauncherOptions {
  /** Absolute URL of the guest's files (the worker's own URL is elsewhere). */
  vmBase: string;
  /** A new worker for a start in `mode` (its URL the first worker's, for the browser's cache). */
  spawn: (mode: BootMode) => Worker;
  /** Taken by the first start in its mode, and terminated unused otherwise. */
  early?: EarlyWorker;
}

const send = (worker: Worker, message: ToWorker, transfer: Transferable[] = []) =>
  worker.postMessage(message, transfer);

/** The worker answers at once; seconds of silence mean its thread is stuck (a wedged emulator). */
const PULSE_TIMEOUT_MS = 3000;
const STOPPED = "the emulator was stopped";

class WorkerSession implements GuestSession {
  readonly console = new ByteChannel();
  readonly control = new ByteChannel();
  private readonly loaded: Promise<void>;
  private settle!: { resolve: () => void; reject: (err: Error) => void };
  private disposed = false;
  private readonly pulses = new Map<number, (pulse: GuestPulse) => void>();
  private nextPulse = 0;
  private readonly ended = new OnceSignal<GuestEnd>();

  constructor(private readonly worker: Worker) {
    this.loaded = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.loaded.catch(() => {});
  }

  markLoaded(): void {
    this.settle.resolve();
  }

  markFailed(message: string): void {
    this.settle.reject(new Error(message));
  }

  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  onConsole(listener: (bytes: Uint8Array) => void) {
    return this.console.on(listener);
  }

  sendConsole(bytes: Uint8Array): void {
    if (!this.disposed) send(this.worker, { type: "console", bytes: bytes.slice() });
  }

  controlTransport(): AgentTransport {
    return {
      send: (bytes) => {
        if (!this.disposed) send(this.worker, { type: "control", bytes: bytes.slice() });
      },
      onBytes: (listener) => this.control.on(listener),
    };
  }

  setPaused(paused: boolean): void {
    if (!this.disposed) send(this.worker, { type: "pause", paused });
  }

  dropConsoleInput(): void {
    if (!this.disposed) send(this.worker, { type: "drop-console" });
  }

  pulse(): Promise<GuestPulse> {
    if (this.disposed) return Promise.resolve({ alive: false, why: STOPPED });
    const id = ++this.nextPulse;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.answerPulse(id, { alive: false, why: "the emulator's worker does not answer" }),
        PULSE_TIMEOUT_MS,
      );
      this.pulses.set(id, (pulse) => {
        clearTimeout(timer);
        resolve(pulse);
      });
      send(this.worker, { type: "pulse", id });
    });
  }

  answerPulse(id: number, pulse: GuestPulse): void {
    this.pulses.get(id)?.(pulse);
    this.pulses.delete(id);
  }

  markEnded(end: GuestEnd): void {
    this.ended.fire(end);
  }

  onEnd(listener: (end: GuestEnd) => void) {
    return this.ended.on(listener);
  }

  /** Terminating the worker ends the guest at once, even one that is wedged mid-instruction. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.console.clear();
    this.control.clear();
    this.ended.close();
    this.worker.terminate();
    for (const id of [...this.pulses.keys()]) this.answerPulse(id, { alive: false, why: STOPPED });
    this.settle.reject(new Error(STOPPED));
  }
}

export function workerLauncher(options: WorkerLauncherOptions): SessionLauncher {
  let early = options.early;

  function takeWorker(mode: BootMode): { worker: Worker; backlog: unknown[]; started: boolean } {
    const e = early;
    early = undefined;
    if (e && e.mode === mode) return { worker: e.worker, backlog: e.messages, started: e.started === true };
    e?.worker.terminate();
    return { worker: options.spawn(mode), backlog: [], started: false };
  }

  return {
    start(mode: BootMode, onProgress: ProgressListener, signal?: AbortSignal): Promise<GuestSession> {
      const { worker, backlog, started: asked } = takeWorker(mode);
      const session = new WorkerSession(worker);
      return new Promise((resolve, reject) => {
        let started = false;
        signal?.addEventListener("abort", () => {
          if (started) return;
          void session.dispose();
          reject(new Error("the start was called off"));
        });
        // Whether the worker has said anything: an error before that is its code's (workerFailure).
        let heard = false;
        const handle = (data: unknown) => {
          const m = parseFromWorker(data);
          if (!m) return;
          heard = true;
          switch (m.type) {
            case "progress":
              onProgress(m.detail, m.progress);
              break;
            case "started":
              started = true;
              resolve(session);
              break;
            case "loaded":
              session.markLoaded();
              break;
            case "failed":
              if (started) session.markFailed(m.message);
              else {
                void session.dispose();
                reject(new Error(m.message));
              }
              break;
            case "console":
              session.console.pushChunk(m.bytes);
              break;
            case "control":
              session.control.pushChunk(m.bytes);
              break;
            case "pulse":
              session.answerPulse(m.id, m.pulse);
              break;
            case "ended":
              session.markEnded(m.end);
              break;
          }
        };
        worker.onmessage = (event) => handle(event.data);
        worker.onerror = (event) => {
          event.preventDefault();
          handle(workerFailure(event, heard));
        };
        for (const m of backlog) handle(m);
        if (!asked) send(worker, { type: "start", mode, vmBase: options.vmBase });
      });
    },
  };
}
