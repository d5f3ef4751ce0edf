// Entry point: the terminal first (the guest's saved screen, keys accepted), then the page around it.
// First, so the emulator's worker is downloading before anything else here runs.
import "./early-start";
import { createBrowserLab } from "../core/browser-lab";
import { guardLeaving } from "./leave-guard";
import { offlineCopyDroppable, reloadWithoutOfflineCopy } from "./offline-copy";
import { Store } from "../core/store";
import { startsByItself } from "./start-choice";
import { sendStrayKeysHome } from "./keys-home";
import { stackedNow } from "./stacked-layout";
import { TerminalHost } from "./terminal-host";
import { applyTheme, systemTheme } from "./theme";
import { parseViewState, writeViewState, type ViewState } from "./view-state";
import { syncViewWithLab } from "./view-sync";
import "./styles.css";

/** How long the terminal must go without output before the panels are drawn (see below). */
const TERMINAL_QUIET_MS = 100;

const { view: initial, ignored } = parseViewState(window.location.search, window.location.hash);
// Before anything is drawn, so a dark page does not flash white.
const theme = initial.theme === "system" ? systemTheme() : initial.theme;
applyTheme(theme);

const view = new Store<ViewState>(initial);
const lab = createBrowserLab({
  baseUrl: import.meta.env.BASE_URL,
  coldBoot: initial.cold,
  era: initial.era,
  identity: initial.identity,
  command: initial.command,
});
// Made before start(), so not a byte of console output is lost.
const host = new TerminalHost(lab, { fontSize: initial.fontSize, theme, screenReader: initial.screenReader });
// The lab lives as long as the page; these two links keep the URL describing what is on screen.
view.subscribe(writeViewState);
// Back and Forward (the about page is a history entry) bring back an entry's address as it was when
// left, naming an era or identity the guest no longer has: it is made to say the present again.
window.addEventListener("popstate", () => writeViewState(view.get()));
syncViewWithLab(lab, view);
guardLeaving(lab, { files: !initial.embed });

// Until React has drawn the page, the terminal sits in a frame where the layout will put it.
const root = document.getElementById("root") ?? document.body;
const frame = document.createElement("div");
frame.className = `boot-terminal ${initial.embed ? "boot-embed" : ""} ${stackedNow(initial.fontSize, initial.embed) ? "boot-stacked" : ""} terminal-frame rounded-lg p-2 focus-within:ring-4 focus-within:ring-sky-700 dark:focus-within:ring-sky-400 ${theme === "dark" ? "bg-[#0b1120]" : "border border-slate-300 bg-white"}`;
const title = document.createElement("p");
title.className = "boot-title text-xl font-bold";
title.textContent = "exelab";
root.replaceChildren(title, frame);
const unmountBoot = host.mount(frame);

// For the page's life: typing left where nothing takes it, or after a control used with the pointer,
// goes to the terminal while it is on screen and a shell reads it.
// While a guest starts, under the loading screen (a cold boot's seconds), keys typed after a click on
// it go to the terminal too, which holds them for the shell's first prompt (ConsoleInput): they were
// dropped, and those typed after the prompt ran as a command cut short ("6*7))").
const STARTING = new Set(["downloading", "restoring", "booting"]);
sendStrayKeysHome(document, {
  element: host.element,
  live: () => {
    const s = lab.status.get();
    const reads = (s.live === true && s.phase !== "error") || STARTING.has(s.phase);
    return reads && host.element.getClientRects().length > 0;
  },
  focus: () => host.focus(),
});

// The terminal is what people came to type in: it gets the keyboard as soon as its shell is live
// (again, after a failure and Retry), unless the page is in a frame (a documentation page keeps its
// own focus, with embed=1 or without: a link that left it out took the reader's keys mid-word) or
// the visitor is elsewhere. Start or Retry pressed here is about to go with its box: the keyboard
// follows to the terminal then, in a frame too (the visitor is in it).
let focused = false;
lab.status.subscribe((s) => {
  if (s.phase === "error") focused = false;
  if (focused || !s.live) return;
  focused = true;
  const at = document.activeElement;
  const pressed = at?.closest("[data-testid=load-error], [data-testid=start-screen]");
  const framed = view.get().embed || window.top !== window.self;
  if (pressed || (!framed && (at === null || at === document.body))) host.focus();
});

/** A failure the page survives, said above everything else (the terminal keeps working). */
function alertAbove(text: string): void {
  const note = document.createElement("p");
  note.setAttribute("role", "alert");
  note.className = "p-3 text-red-700";
  note.textContent = text;
  // A damaged file in the offline copy would come back at every reload: a way round it.
  if (offlineCopyDroppable()) {
    const drop = document.createElement("button");
    drop.type = "button";
    drop.className = "btn-small ml-2";
    drop.textContent = "Reload without the offline copy";
    drop.onclick = reloadWithoutOfflineCopy;
    note.append(drop);
  }
  root.prepend(note);
}

/** The longest the guest stands still while the panels are first laid out (see loadApp). */
const LAYOUT_HOLD_MS = 1500;
/** Output within this long before the panels load marks a guest that may be flooding the terminal. */
const BUSY_MS = 1000;

let appLoading = false;
/** `unquiet`: loaded by the page's two-second promise, the terminal never quiet until then. */
function loadApp(unquiet = false): void {
  if (appLoading) return;
  appLoading = true;
  // The panels' first layout asks the browser for each font in turn; under a flood (`yes` typed into
  // the first screen) each answer took ~200 ms, and the page froze for 2–3 s. So a guest still
  // writing stands still until they are drawn: some 0.7–1.2 s, less than the freeze. A key typed
  // meanwhile runs it at once. Looked at again as the panels' code arrives: the guest may have been
  // starting still.
  let release: (() => void) | undefined;
  const holdIfBusy = () => {
    if (unquiet && !release && !host.quietFor(BUSY_MS)) release = lab.holdBriefly(LAYOUT_HOLD_MS);
  };
  holdIfBusy();
  host
    .upgrade()
    .catch((err: Error) =>
      alertAbove(
        `The full terminal could not load (${err.message}); the simple one keeps working. Reload to try again.`,
      ),
    );
  import("./app-root")
    .then(({ renderApp }) => {
      holdIfBusy();
      // React draws into a container of its own: the boot frame stays (typing goes on) until the
      // terminal has moved into the layout, in the same task, so no key can fall in between.
      const appRoot = document.createElement("div");
      root.append(appRoot);
      host.whenMoved(() => {
        // Laid out in the move's task, drawn in the next frame: the guest runs on after that.
        requestAnimationFrame(() => setTimeout(() => release?.(), 0));
        unmountBoot();
        frame.remove();
        title.remove();
      });
      renderApp(appRoot, { lab, view, host, ignored });
    })
    // The terminal keeps working; only the panels around it are missing.
    .catch((err: Error) => {
      release?.();
      alertAbove(`The page's controls could not load (${err.message}). Reload to try again.`);
    });
}

// Errors become lab.status "error", shown with a Retry button; nothing to catch here. On iPhones and
// iPads an emulated PC can take the whole tab down, so there the visitor starts it (v86's advice).
const autostart = startsByItself(initial.autostart);
if (autostart) void lab.start();
// Write the cleaned-up URL once, so ignored parameters disappear from links people copy.
writeViewState(initial);

// A restored guest shows its prompt and takes keys before the rest of the page exists: xterm and the
// panels load once it is ready, the terminal quiet and the page idle, so they never hold up the first
// command (React's first render takes the page's thread for some 50 ms, xterm's start-up about as
// long; a command typed into the saved screen has its answer drawn first, by the light screen).
// Anything else (a cold boot, an error, the Start button, the about page) needs the page at once
// (route.ts's test of the hash, not imported: it would bring React into this first script).
if (!autostart || initial.cold || window.location.hash.toLowerCase() === "#about") loadApp();
else {
  const later = () =>
    host.whenQuiet(TERMINAL_QUIET_MS, () =>
      "requestIdleCallback" in window
        ? requestIdleCallback(() => loadApp(), { timeout: 500 })
        : setTimeout(() => loadApp(), 50),
    );
  lab.status.subscribe((s) => {
    if (s.phase === "ready") later();
    else if (s.phase === "error" || s.phase === "booting") loadApp();
  });
  // Whatever happens, the page is complete within two seconds; the about page at once.
  setTimeout(() => loadApp(true), 2000);
  window.addEventListener("hashchange", () => loadApp(), { once: true });
}
