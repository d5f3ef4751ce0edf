// Dropping the site's offline copy (sw.js's caches) when a file in it is damaged, then reloading.

/** Whether this page came from the offline copy, which a reload would serve again. */
export function servedFromOfflineCopy(): boolean {
  return typeof navigator !== "undefined" && !!navigator.serviceWorker?.controller;
}

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
