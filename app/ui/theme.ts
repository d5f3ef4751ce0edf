// The page theme: the user's choice, or the system's preference when they made none (no React here).

export type Theme = "light" | "dark";

const QUERY = "(prefers-color-scheme: dark)";

export function subscribeSystemTheme(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

export function systemTheme(): Theme {
  return window.matchMedia(QUERY).matches ? "dark" : "light";
}

/** Tailwind's dark variant keys off a class on <html>; color-scheme makes form controls and scrollbars follow. */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.classList.toggle("dark", theme === "dark");
  root.style.colorScheme = theme;
}
