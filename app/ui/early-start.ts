// Imported first by main.tsx: starts the guest's downloads before the rest of the page's code runs.
import { startGuestDownloads } from "../core/browser-lab";

startGuestDownloads(
  import.meta.env.BASE_URL,
  new URLSearchParams(window.location.search).get("cold") === "1",
);
