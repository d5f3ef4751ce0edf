// The theme in force as a React hook: follows the system live while the choice is "system".
import { useSyncExternalStore } from "react";
import { subscribeSystemTheme, systemTheme, type Theme } from "./theme";
import type { ThemeChoice } from "./view-state";

export function useTheme(choice: ThemeChoice): Theme {
  const system = useSyncExternalStore(subscribeSystemTheme, systemTheme);
  return choice === "system" ? system : choice;
}
