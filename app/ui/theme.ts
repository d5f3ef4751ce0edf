// The page theme: the user's choice, or the system's preference when they made none.
import { useSyncExternalStore } from "react";
import type { ThemeChoice } from "./view-state";

export type Theme = "light" | "dark";

const QUERY = "(prefers-color-scheme: dark)";

function subscribeSystem(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

function systemTheme(): Theme {
  return window.matchMedia(QUERY).matches ? "dark" : "light";
}

/** The theme in force, following the system live while the choice is "system". */
export function useTheme(choice: ThemeChoice): Theme {
  const system = useSyncExternalStore(subscribeSystem, systemTheme);
  return choice === "system" ? system : choice;
}

/** Tailwind's dark variant keys off a class on <html>; color-scheme makes form controls and scrollbars follow. */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.classList.toggle("dark", theme === "dark");
  root.style.colorScheme = theme;
}
