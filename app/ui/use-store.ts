// React binding for the core's small stores: re-render on change, read the current value in render.
import { useCallback, useSyncExternalStore } from "react";
import type { ReadableStore } from "../core/store";

export function useStore<T>(store: ReadableStore<T>): T {
  // Stable per store, or React would unsubscribe and subscribe again on every render.
  const subscribe = useCallback((onChange: () => void) => store.subscribe(() => onChange()), [store]);
  const get = useCallback(() => store.get(), [store]);
  return useSyncExternalStore(subscribe, get);
}
