// Imported first by main.ts: makes sure the emulator's worker is downloading before the page's own code runs.
import { startGuestDownloads } from "../core/browser-lab";
import { parseFlag } from "../core/url-flags";

// The built page's HTML has already started the worker (see vite.config.ts); the dev server's has not.
// The cold flag is read as the page and the HTML's script read it, or the two would start different guests.
startGuestDownloads(
  import.meta.env.BASE_URL,
  parseFlag(new URLSearchParams(window.location.search).get("cold")) === true,
);
