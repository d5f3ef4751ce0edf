// Dropping the site's offline copy (sw.js's caches) when a file in it is damaged, then reloading.
import { isDownloadUnanswered } from "../core/download-failure";

/**
 * The browser's service workers, or undefined where there are none: plain http off localhost, the
 * development server's page, or a frame sandboxed without allow-same-origin, where merely reading
 * navigator.serviceWorker throws (a SecurityError uncaught in the console of every such embed).
 */
export function serviceWorkers(): ServiceWorkerContainer | undefined {
  try {
    return typeof navigator !== "undefined" ? navigator.serviceWorker : undefined;
  } catch {
    return undefined;
  }
}

/** Whether this page came from the offline copy, which a reload would serve again. */
export function servedFromOfflineCopy(): boolean {
  return !!serviceWorkers()?.controller;
}

/**
 * Whether to offer dropping the copy: served from it, and not for want of a network (the browser
 * says it has none, or a download got no answer: a file the copy does not keep, the kernel or BIOS a
 * cold boot needs). There dropping the copy would not help, and would leave nothing to load from.
 */
export function offlineCopyDroppable(error?: string): boolean {
  return servedFromOfflineCopy() && !networkMissing(error);
}

/** The browser knows it has no network (onLine true is only a maybe), or a download got no answer. */
function networkMissing(error?: string): boolean {
  return (typeof navigator !== "undefined" && navigator.onLine === false) || isDownloadUnanswered(error);
}

/** Said under a failure for want of a network, when the page came from the offline copy. */
export const OFFLINE_WORDS =
  "The offline copy keeps the saved state, not the kernel and BIOS that a cold boot downloads: it needs the network. Retry once it is back.";

/** Whether the offline copy's words belong under this failure. */
export const needsNetwork = (error?: string): boolean => servedFromOfflineCopy() && networkMissing(error);

/**
 * The service worker unregistered and its caches deleted, then a reload from the network: a damaged
 * file in the copy (a disk error, a cache written halfway) is otherwise served at every reload, and
 * "Reload the page" can never help. The copy is made again once the page has loaded (offline-cache.ts).
 * app/index.html's inline script does it (it must work where the page's own code could not start).
 */
export function reloadWithoutOfflineCopy(): void {
  const drop = (window as Window & { exelabDropOfflineCopy?: () => void }).exelabDropOfflineCopy;
  if (drop) drop();
  else window.location.reload();
}
