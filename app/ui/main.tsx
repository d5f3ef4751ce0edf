// Entry point: reads the view state from the URL, starts the lab, mounts the app inside an error boundary.
// First, so the guest's downloads and the wasm compile start before React's code is evaluated.
import "./early-start";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserLab } from "../core/browser-lab";
import { Store } from "../core/store";
import { App } from "./app";
import { ErrorBoundary } from "./error-boundary";
import { applyTheme } from "./theme";
import { parseViewState, writeViewState, type ViewState } from "./view-state";
import { TerminalFeed } from "./terminal-feed";
import { syncViewWithLab } from "./view-sync";
import "./styles.css";

const { view: initial, ignored } = parseViewState(window.location.search);
// Before the first render, so a dark page does not flash white.
applyTheme(
  initial.theme === "system"
    ? window.matchMedia("(prefers-color-scheme: dark)").matches
      ? "dark"
      : "light"
    : initial.theme,
);

function isAppleMobile(): boolean {
  // iPadOS reports itself as a Mac; touch points tell them apart.
  return (
    /iPhone|iPad|iPod/.test(navigator.userAgent) ||
    (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1)
  );
}

const view = new Store<ViewState>(initial);
const lab = createBrowserLab({
  baseUrl: import.meta.env.BASE_URL,
  coldBoot: initial.cold,
  era: initial.era,
  identity: initial.identity,
});
// Subscribed before start(), so not a byte of console output is lost while xterm's chunk loads.
const feed = new TerminalFeed(lab);
// The lab lives as long as the page; these two links keep the URL describing what is on screen.
view.subscribe(writeViewState);
syncViewWithLab(lab, view);
// Errors become lab.status "error", shown with a Retry button; nothing to catch here. On iPhones and
// iPads an emulated PC can take the whole tab down, so there the visitor starts it (v86's advice).
if (initial.autostart ?? !isAppleMobile()) void lab.start();
// Write the cleaned-up URL once, so ignored parameters disappear from links people copy.
writeViewState(initial);

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary what="exelab">
        <App lab={lab} view={view} feed={feed} ignored={ignored} />
      </ErrorBoundary>
    </StrictMode>,
  );
}
