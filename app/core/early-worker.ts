// The emulator's first worker, started by the HTML (on the dev server, here) before the page's code.
import type { BootMode } from "./session-launcher";
import type { EarlyWorker } from "./worker-launcher";
import { workerFailure } from "./worker-messages";
import { workerUrl, type Prefetch } from "./worker-url";
// Vite bundles the worker and its imports as a chunk of their own and hands out its URL.
import vmWorkerScript from "./vm-worker.ts?worker&url";

/** The page's global where the HTML leaves the worker it started (vite.config.ts writes that script). */
const EARLY = "exelabEarlyVm";
const slot = globalThis as unknown as Record<typeof EARLY, EarlyWorker | undefined>;

/** Absolute URL of the guest's files, below the site's base URL. */
export const vmBase = (baseUrl: string) =>
  new URL(`${baseUrl.replace(/\/?$/, "/")}vm/`, globalThis.location.href).href;

/** The worker's own URL comes with the flags v86 and the worker read in it (see worker-url.ts). */
export const spawnWorker = (prefetch?: Prefetch) =>
  new Worker(workerUrl(vmWorkerScript, globalThis.location.href, prefetch), {
    type: "module",
    name: "exelab-vm",
  });

/**
 * Called first thing by the page's entry (app/ui/early-start.ts). The built page's HTML has already
 * started the worker (it then does nothing here); the dev server's page starts it now.
 */
export function startGuestDownloads(baseUrl: string, coldBoot: boolean): void {
  if (slot[EARLY]) return;
  const mode: BootMode = coldBoot ? "cold" : "restore";
  const worker = spawnWorker({ mode, vmBase: vmBase(baseUrl) });
  const early: EarlyWorker = { worker, mode, messages: [] };
  worker.onmessage = (event) => early.messages.push(event.data);
  worker.onerror = (event) => {
    // Handled: said by the page, not also an uncaught error of the page's.
    event.preventDefault();
    early.messages.push(workerFailure(event, early.messages.length > 0));
  };
  slot[EARLY] = early;
}

/** The worker started early, if any, taken once: whoever takes it answers for it from then on. */
export function takeEarlyWorker(): EarlyWorker | undefined {
  const early = slot[EARLY];
  slot[EARLY] = undefined;
  return early;
}
