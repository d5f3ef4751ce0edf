// The lab as the page uses it: the manifest bundled at build time, the emulator in a worker of ours.
import manifestJson from "../../public/vm/manifest.json";
import { createLab } from "./lab";
import type { Lab } from "./lab-types";
import { parseManifest } from "./manifest";
import type { Era, Identity } from "./protocol";
import type { BootMode } from "./session-launcher";
import { workerLauncher, type EarlyWorker } from "./worker-launcher";
import { workerFailure } from "./worker-messages";
import { workerUrl, type Prefetch } from "./worker-url";
// Vite bundles the worker and its imports as a chunk of their own and hands out its URL.
import vmWorkerScript from "./vm-worker.ts?worker&url";

export interface BrowserLabOptions {
  /** Where the site is served from (import.meta.env.BASE_URL). */
  baseUrl: string;
  coldBoot?: boolean;
  era?: Era;
  identity?: Identity;
  /** The link's command (lab.ts: LabOptions.command). */
  command?: string;
}

/** The page's global where the HTML leaves the worker it started (vite.config.ts writes that script). */
const EARLY = "exelabEarlyVm";
const slot = globalThis as unknown as Record<typeof EARLY, EarlyWorker | undefined>;

/** Absolute URL of the guest's files, below the site's base URL. */
const vmBase = (baseUrl: string) =>
  new URL(`${baseUrl.replace(/\/?$/, "/")}vm/`, globalThis.location.href).href;

/** The worker's own URL comes with the flags v86 and the worker read in it (see worker-url.ts). */
const spawnWorker = (prefetch?: Prefetch) =>
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

export function createBrowserLab(options: BrowserLabOptions): Lab {
  const early = slot[EARLY];
  slot[EARLY] = undefined;
  const base = vmBase(options.baseUrl);
  return createLab({
    manifest: parseManifest(manifestJson),
    // Later workers (a retry, a reboot, a start over) ask for their downloads in the URL as the first
    // did: the same URL for the same mode, so offline the browser's cache still has the script (a
    // cold boot's worker has its own, but offline its kernel would be missing anyway).
    launcher: workerLauncher({
      vmBase: base,
      spawn: (mode) => spawnWorker({ mode, vmBase: base }),
      early,
    }),
    coldBoot: options.coldBoot,
    era: options.era,
    identity: options.identity,
    command: options.command,
  });
}
