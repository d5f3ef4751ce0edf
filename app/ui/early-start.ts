// Imported first by main.ts: makes sure the emulator's worker is downloading before the page's own code runs.
import { startGuestDownloads } from "../core/browser-lab";

// The built page's HTML has already started the worker (see vite.config.ts); the dev server's has not.
startGuestDownloads(
  import.meta.env.BASE_URL,
  new URLSearchParams(window.location.search).get("cold") === "1",
);
