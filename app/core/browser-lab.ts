// The lab as the page uses it: the manifest bundled at build time, the emulator in a worker of ours.
import manifestJson from "../../public/vm/manifest.json";
import { createLab } from "./lab";
import type { Lab } from "./lab-types";
import { parseManifest } from "./manifest";
import type { Era, Identity } from "./protocol";
import { spawnWorker, takeEarlyWorker, vmBase } from "./early-worker";
import { workerLauncher, type EarlyWorker } from "./worker-launcher";

export interface BrowserLabOptions {
  /** Where the site is served from (import.meta.env.BASE_URL). */
  baseUrl: string;
  coldBoot?: boolean;
  era?: Era;
  identity?: Identity;
  /** The link's command (lab.ts: LabOptions.command). */
  command?: string;
  /** The worker the HTML started, when the page's first script took it (else taken here). */
  early?: EarlyWorker;
  /** The first start's saved screen is on the terminal already (lab.ts: LabOptions.firstScreenShown). */
  firstScreenShown?: boolean;
}

export function createBrowserLab(options: BrowserLabOptions): Lab {
  const early = options.early ?? takeEarlyWorker();
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
    firstScreenShown: options.firstScreenShown,
  });
}
