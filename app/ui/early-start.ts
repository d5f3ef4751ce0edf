// Imported first by main.ts: makes sure the emulator's worker is downloading before the page's own code runs.
import { startGuestDownloads } from "../core/early-worker";
import { parseFlag } from "../core/url-flags";
import { startsByItself } from "./start-choice";

// The built page's HTML has already started the worker (see vite.config.ts); the dev server's has not.
// The cold flag is read as the page and the HTML's script read it, or the two would start different guests.
// Not where Linux waits for Start: the start screen says nothing is downloaded before it.
const params = new URLSearchParams(window.location.search);
if (startsByItself(parseFlag(params.get("autostart"))))
  startGuestDownloads(import.meta.env.BASE_URL, parseFlag(params.get("cold")) === true);
