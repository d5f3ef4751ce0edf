// Keeps the built site in the browser for a reload without a network (scripts/service-worker-script.ts).
import { serviceWorkers } from "./offline-copy";

const REGISTER_AFTER_MS = 10_000;

let asked = false;
let refused = false;
let failed = false;
let embedded = false;

/** Not asked for: the page is an embed (offline-status.tsx says where a copy is kept instead). */
export const offlineCopySkipped = (): boolean => embedded;

/** The browser would not keep the copy (offline-status.tsx says so). */
export const offlineCopyRefused = (): boolean => refused;

/** The copy's first install failed (a file missing, storage full): its registration is gone too. */
export const offlineCopyFailed = (): boolean => failed;

/**
 * A first install that fails takes its registration with it, so nothing would tell it from one not
 * yet asked for: the worker's end (redundant) with no other worker of the registration says so.
 */
export function watchInstall(registration: ServiceWorkerRegistration): void {
  const worker = registration.installing;
  worker?.addEventListener("statechange", () => {
    const none = !registration.installing && !registration.waiting && !registration.active;
    if (worker.state === "redundant" && none) failed = true;
  });
}

/**
 * Called once everything the page uses has loaded, so that filling the service worker's cache reads
 * the browser's HTTP cache, not the network. Not in the dev server (no sw.js there), nor where
 * service workers are missing (plain http off localhost): the page works as before, online.
 */

export function keepForOffline(embed: boolean): void {
  // Once a page: every fresh guest's page comes by here again.
  const workers = serviceWorkers();
  if (asked || !import.meta.env.PROD || !workers) return;
  asked = true;
  // Not for an embed: every reader of a documentation page that scrolled past its frame (a lazy frame
  // starts well before it is in view) got a service worker and some 5 MB stored on the docs' site.
  if (embed) {
    embedded = true;
    return;
  }
  // Some seconds on: filling the cache copies the site (2.4 MB) on a core the first commands want.
  setTimeout(() => {
    // Refused (a sandboxed frame, storage blocked): nothing to interrupt anyone with, the page just
    // needs its network; the about page says so.
    workers.register("./sw.js").then(watchInstall, () => (refused = true));
  }, REGISTER_AFTER_MS);
}
