// The page's layout choice (stacked-layout.ts) for this window, kept up to date as it is resized.
import { useSyncExternalStore } from "react";
import { stackedNow } from "./stacked-layout";

const subscribe = (onChange: () => void) => {
  window.addEventListener("resize", onChange);
  return () => window.removeEventListener("resize", onChange);
};

/** stackedLayout for this window, kept up to date as it is resized. */
export function useStackedLayout(fontSize: number, embed: boolean): boolean {
  return useSyncExternalStore(
    subscribe,
    () => stackedNow(fontSize, embed),
    () => false,
  );
}
