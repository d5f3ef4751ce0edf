// Dropping the site's offline copy (sw.js's caches) when a file in it is damaged, then reloading.

/** Whether this page came from the offline copy, which a reload would serve again. */
export function servedFromOfflineCopy(): boolean {
  return typeof navigator !== "undefined" && !!navigator.serviceWorker?.controller;
}

/**
 * The service worker unregistered and its caches deleted, then a reload from the network: a damaged
 * file in the copy (a disk error, a cache written halfway) is otherwise served at every reload, and
 * "Reload the page" can never help. The copy is made again once the page has loaded (offline-cache.ts).
 * The same steps as app/index.html's, for a page whose own code could not start.
 */
export async function reloadWithoutOfflineCopy(): Promise<void> {
  try {
    const registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(registrations.map((r) => r.unregister()));
    const keys = await caches.keys();
    await Promise.all(keys.filter((k) => k.startsWith("exelab-")).map((k) => caches.delete(k)));
  } finally {
    window.location.reload();
  }
}
