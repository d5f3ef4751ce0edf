// Keeps the built site in the browser for a reload without a network (scripts/service-worker-script.ts).

const REGISTER_AFTER_MS = 10_000;

/**
 * Called once everything the page uses has loaded, so that filling the service worker's cache reads
 * the browser's HTTP cache, not the network. Not in the dev server (no sw.js there), nor where
 * service workers are missing (plain http off localhost): the page works as before, online.
 */
let asked = false;

export function keepForOffline(): void {
  // Once a page: every fresh guest's page comes by here again.
  if (asked || !import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  asked = true;
  // Some seconds on: filling the cache copies the site (2.4 MB) on a core the first commands want.
  setTimeout(() => {
    // Refused (a sandboxed frame, storage blocked): nothing to tell, the page just needs its network.
    navigator.serviceWorker.register("./sw.js").catch(() => {});
  }, REGISTER_AFTER_MS);
}
