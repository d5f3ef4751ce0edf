// The one hash route: "#about" shows the licences page; anything else is the lab.
import { useSyncExternalStore } from "react";

export type Route = "lab" | "about";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

const current = (): Route => (window.location.hash === "#about" ? "about" : "lab");

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}
