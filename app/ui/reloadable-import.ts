// A part of the page's code that can be loaded again after its load failed, in every browser.

/**
 * The address of the module whose dynamic import failed, as the browser's error names it
 * (Chromium: "Failed to fetch dynamically imported module: URL"; Firefox: "error loading
 * dynamically imported module: URL"). Undefined when it names none (Safari says no address).
 */
export function failedModuleUrl(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  return /\bimported module: (\S+\.m?js)\b/.exec(message)?.[1];
}

/**
 * `load`, that can be called again after it failed and will fetch again. Some browsers keep a
 * failed import for the page's life (Chromium 150, Safari): importing the same address again fails
 * at once, asking nothing of the server, and "Try again" could never work. The next try imports the
 * failed address with a query of its own, a new address: its own imports are the page's, shared.
 * Once loaded, the module is kept: every later call gets the same one.
 */
export function reloadable<T>(
  load: () => Promise<T>,
  importUrl: (url: string) => Promise<T> = (url) => import(/* @vite-ignore */ url) as Promise<T>,
): () => Promise<T> {
  let loaded: T | undefined;
  let failedUrl: string | undefined;
  let tries = 0;
  return async () => {
    if (loaded !== undefined) return loaded;
    try {
      loaded = await (failedUrl === undefined ? load() : importUrl(`${failedUrl}?retry=${++tries}`));
      return loaded;
    } catch (error) {
      // A second failure may name the retried address: the page's own file is the one to try next.
      failedUrl ??= failedModuleUrl(error);
      throw error;
    }
  };
}
