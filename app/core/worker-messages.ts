// The messages between the page and the emulator's worker (app/core/vm-worker.ts), and their checks.
import { emulatorUnavailable, WORKER_CODE_FAILED, WORKER_FAILED } from "./emulator-unavailable";
import type { BootMode, GuestEnd, GuestPulse, KernelEnd } from "./session-launcher";

const KERNEL_ENDS: readonly KernelEnd[] = ["panic", "halt", "power_off", "restart"];

/** Page → worker. */
export type ToWorker =
  | { type: "start"; mode: BootMode; vmBase: string }
  | { type: "console"; bytes: Uint8Array }
  | { type: "control"; bytes: Uint8Array }
  | { type: "pause"; paused: boolean }
  | { type: "drop-console" }
  /** Asks for the session's pulse(); the answer carries the same id. */
  | { type: "pulse"; id: number };

/** Worker → page. */
export type FromWorker =
  | { type: "progress"; detail: string; progress: number }
  /** start() got what it needed and created the emulator. */
  | { type: "started" }
  | { type: "loaded" }
  /** The start, or the load after it, failed: the message says why. */
  | { type: "failed"; message: string }
  | { type: "console"; bytes: Uint8Array }
  | { type: "control"; bytes: Uint8Array }
  | { type: "pulse"; id: number; pulse: GuestPulse }
  /** Unasked, at once: the guest's kernel said it is gone, or its machine reset. */
  | { type: "ended"; end: GuestEnd };

/**
 * What the page reports when the worker itself fails. Before it has said anything (`heard`), its
 * own code did not load (no message) or threw as it ran: a cold boot would need that code too, so
 * this is no failure of the saved state. After, the emulator failed as it ran.
 */
export function workerFailure(event: { message: string }, heard: boolean): FromWorker {
  const message = !event.message
    ? emulatorUnavailable("its worker's code", "it did not load")
    : (heard ? WORKER_FAILED : WORKER_CODE_FAILED) + event.message;
  return { type: "failed", message };
}

const isMode = (v: unknown): v is BootMode => v === "restore" || v === "cold";
const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);

function parseEnd(data: unknown): GuestEnd | undefined {
  const e = fields(data);
  if (typeof e?.why !== "string") return undefined;
  const kernel = KERNEL_ENDS.find((k) => k === e.kernel);
  return {
    why: e.why,
    ...(kernel && { kernel }),
    ...(e.restart === true && { restart: true }),
  };
}

function parsePulse(data: unknown): GuestPulse | undefined {
  const p = fields(data);
  if (p?.alive === true) return { alive: true };
  const end = p?.alive === false ? parseEnd(p) : undefined;
  return end && { alive: false, ...end };
}

function fields(data: unknown): Record<string, unknown> | undefined {
  return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : undefined;
}

/** Checks a message the worker received; undefined when it is not one of ours. */
export function parseToWorker(data: unknown): ToWorker | undefined {
  const m = fields(data);
  if (!m) return undefined;
  switch (m.type) {
    case "start":
      return isMode(m.mode) && typeof m.vmBase === "string"
        ? { type: "start", mode: m.mode, vmBase: m.vmBase }
        : undefined;
    case "console":
    case "control":
      return m.bytes instanceof Uint8Array ? { type: m.type, bytes: m.bytes } : undefined;
    case "pause":
      return typeof m.paused === "boolean" ? { type: "pause", paused: m.paused } : undefined;
    case "drop-console":
      return { type: "drop-console" };
    case "pulse":
      return isId(m.id) ? { type: "pulse", id: m.id } : undefined;
    default:
      return undefined;
  }
}

/** Checks a message the page received from the worker; undefined when it is not one of ours. */
export function parseFromWorker(data: unknown): FromWorker | undefined {
  const m = fields(data);
  if (!m) return undefined;
  switch (m.type) {
    case "progress":
      return typeof m.detail === "string" && typeof m.progress === "number"
        ? { type: "progress", detail: m.detail, progress: m.progress }
        : undefined;
    case "started":
    case "loaded":
      return { type: m.type };
    case "failed":
      return typeof m.message === "string" ? { type: "failed", message: m.message } : undefined;
    case "console":
    case "control":
      return m.bytes instanceof Uint8Array ? { type: m.type, bytes: m.bytes } : undefined;
    case "pulse": {
      const pulse = parsePulse(m.pulse);
      return isId(m.id) && pulse ? { type: "pulse", id: m.id, pulse } : undefined;
    }
    case "ended": {
      const end = parseEnd(m.end);
      return end && { type: "ended", end };
    }
    default:
      return undefined;
  }
}
