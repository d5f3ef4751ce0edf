// The emulator worker's URL: it carries v86's scheduler switch and the downloads to start at once.
import type { BootMode } from "./session-launcher";

/**
 * In a browser, v86 runs its main loop off a second worker of its own, started only for timers
 * without the 4 ms clamp, unless its script's URL names this flag: then scheduler.postTask does the
 * same on this thread (v86 keeps its worker where postTask is missing). One thread fewer to start
 * before the restored guest runs, and no thread hop per slice of guest time.
 */
export const SCHEDULER_FLAG = "use-scheduling-api";

/** The query parameters that carry a prefetch (vite.config.ts's inline script writes them too). */
export const PREFETCH_PARAMS = { mode: "prefetch", vmBase: "vm" } as const;

export interface Prefetch {
  mode: BootMode;
  /** Absolute URL of the guest's files. */
  vmBase: string;
}

/**
 * The worker's URL. A prefetch in it is read as the worker's code runs: a message posted at the same
 * time arrives only once the page's thread hands it over, which waits for the page's own code.
 * vite.config.ts writes the same URL into the HTML with these names (its script runs before any
 * bundle, so it cannot call this).
 */
export function workerUrl(script: string, pageUrl: string, prefetch?: Prefetch): string {
  const url = new URL(script, pageUrl);
  url.searchParams.set(SCHEDULER_FLAG, "");
  if (prefetch) {
    url.searchParams.set(PREFETCH_PARAMS.mode, prefetch.mode);
    url.searchParams.set(PREFETCH_PARAMS.vmBase, prefetch.vmBase);
  }
  return url.href;
}

/** The prefetch a worker's URL asks for; undefined when there is none or it is malformed. */
export function prefetchFromUrl(search: string): Prefetch | undefined {
  const params = new URLSearchParams(search);
  const mode = params.get(PREFETCH_PARAMS.mode);
  const vmBase = params.get(PREFETCH_PARAMS.vmBase);
  if ((mode !== "restore" && mode !== "cold") || !vmBase) return undefined;
  try {
    return { mode, vmBase: new URL(vmBase).href };
  } catch {
    return undefined;
  }
}
