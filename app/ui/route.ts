// The one hash route: "#about" shows the licences page; anything else is the lab. Also the way back.
import { useSyncExternalStore } from "react";

export type Route = "lab" | "about";

export const routeOf = (hash: string): Route => (hash === "#about" ? "about" : "lab");

/** The lab's own address: the about page's, without the hash, query (the lab's setup) kept. */
export const labUrl = (location: { pathname: string; search: string }): string =>
  `${location.pathname}${location.search}`;

const listeners = new Set<() => void>();
/** The about page on show was opened from the lab in this page: the lab is then one entry back. */
let openedFromLab = false;

function onHashChange(event: HashChangeEvent): void {
  openedFromLab =
    routeOf(new URL(event.newURL).hash) === "about" && routeOf(new URL(event.oldURL).hash) === "lab";
  for (const listener of listeners) listener();
}

function subscribe(onChange: () => void): () => void {
  if (listeners.size === 0) window.addEventListener("hashchange", onHashChange);
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0) window.removeEventListener("hashchange", onHashChange);
  };
}

const current = (): Route => routeOf(window.location.hash);

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}

/**
 * Back to the lab without a new history entry (the browser's Back must not reopen the about page):
 * the entry before is the lab when the about page was opened from it, else this entry becomes the lab.
 */
export function backToLab(): void {
  if (openedFromLab) {
    // Once: a second click before the hashchange arrives must not go back past the lab.
    openedFromLab = false;
    window.history.back();
    return;
  }
  window.history.replaceState(window.history.state, "", labUrl(window.location));
  // replaceState fires no hashchange.
  for (const listener of listeners) listener();
}
