// The one hash route: "#about" shows the licences page; anything else is the lab. Also the way back.
import { useSyncExternalStore } from "react";

export type Route = "lab" | "about";

// Case aside: a link typed by hand (#About) means the same page.
export const routeOf = (hash: string): Route => (hash.toLowerCase() === "#about" ? "about" : "lab");

/** The lab's own address: the about page's, without the hash, query (the lab's setup) kept. */
export const labUrl = (location: { pathname: string; search: string }): string =>
  `${location.pathname}${location.search}`;

const listeners = new Set<() => void>();
/** The about page on show was opened from the lab in this page: the lab is then one entry back. */
let openedFromLab = false;
/** The route last shown: Back and Forward between entries whose queries differ fire no hashchange. */
let shown: Route | undefined;

/** A hashchange, or a popstate (which may come with it, or alone): told once per change of route. */
function onNavigate(): void {
  const next = current();
  if (next === shown) return;
  openedFromLab = next === "about" && shown === "lab";
  shown = next;
  for (const listener of listeners) listener();
}

function subscribe(onChange: () => void): () => void {
  if (listeners.size === 0) {
    shown = current();
    window.addEventListener("hashchange", onNavigate);
    window.addEventListener("popstate", onNavigate);
  }
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0) {
      window.removeEventListener("hashchange", onNavigate);
      window.removeEventListener("popstate", onNavigate);
    }
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
  onNavigate();
}
