// React binding for the core's small stores: re-render on change, read the current value in render.
import { useSyncExternalStore } from "react";
import type { ReadableStore } from "../core/store";

export function useStore<T>(store: ReadableStore<T>): T {
  // The store's subscribe already returns its own unsubscribe, which is what React wants back.
  return useSyncExternalStore(
    (onChange) => store.subscribe(() => onChange()),
    () => store.get(),
  );
}
