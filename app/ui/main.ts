// Entry point: the terminal first (the guest's saved screen, keys accepted), then the page around it.
// First, so the emulator's worker is downloading before anything else here runs.
import "./early-start";
import manifestJson from "../../public/vm/manifest.json";
import { EarlyLab } from "../core/early-lab";
import { takeEarlyWorker, vmBase } from "../core/early-worker";
import { DEFAULT_IDENTITY } from "../core/identity";
import { parseManifest } from "../core/manifest";
import { Store } from "../core/store";
import { alertAbove } from "./alert-above";
import { startsByItself } from "./start-choice";
import { sendStrayKeysHome } from "./keys-home";
import { stackedNow } from "./stacked-layout";
import { TerminalHost } from "./terminal-host";
import { applyTheme, systemTheme } from "./theme";
import { parseViewState, type ViewState } from "./view-state";
import "./styles.css";

/** The page's code loads by then at the latest, whatever the stand-in waits for (early-lab.ts). */
const PAGE_CODE_BY_MS = 1500;

const { view: initial, ignored } = parseViewState(window.location.search, window.location.hash);
// Before anything is drawn, so a dark page does not flash white.
const theme = initial.theme === "system" ? systemTheme() : initial.theme;
applyTheme(theme);
const view = new Store<ViewState>(initial);

// The saved shell is the one the link asks for (its identity and era, no command for its line): the
// lab's stand-in restores it and takes the first keys while the rest of the page's code loads.
// Anything else is the lab's from the start (lab-boot.ts holds keys for another identity's shell).
const early = takeEarlyWorker();
const state = parseManifest(manifestJson).files.state;
const restoreNow =
  early?.mode === "restore" &&
  state !== undefined &&
  startsByItself(initial.autostart) &&
  !initial.cold &&
  initial.identity === undefined &&
  (initial.era === undefined || initial.era === state.era) &&
  initial.command === undefined &&
  window.location.hash.toLowerCase() !== "#about";

const root = document.getElementById("root") ?? document.body;
let pageAsked = false;
/** The page's code, asked for once: by the stand-in, or at once when it has nothing to do. */
function loadPage(): void {
  if (pageAsked) return;
  pageAsked = true;
  import("./page-start")
    .then(({ startPage }) =>
      startPage({
        initial,
        ignored,
        view,
        host,
        firstLab,
        early,
        restored: restoreNow,
        root,
        boot: { frame, title, unmount: unmountBoot },
      }),
    )
    .catch((err: Error) =>
      alertAbove(root, `exelab could not load the rest of its code (${err.message}). Reload the page.`),
    );
}

const firstLab = new EarlyLab(
  restoreNow && early && state ? { early, state, vmBase: vmBase(import.meta.env.BASE_URL) } : undefined,
  { requested: initial.identity ?? DEFAULT_IDENTITY, applying: false },
  loadPage,
);
// Made before anything starts, so not a byte of console output is lost.
const host = new TerminalHost(firstLab, {
  fontSize: initial.fontSize,
  theme,
  screenReader: initial.screenReader,
});

// Until React has drawn the page, the terminal sits in a frame where the layout will put it.
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
    const s = firstLab.status.get();
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
firstLab.status.subscribe((s) => {
  if (s.phase === "error") focused = false;
  if (focused || !s.live) return;
  focused = true;
  const at = document.activeElement;
  const pressed = at?.closest("[data-testid=load-error], [data-testid=start-screen]");
  const framed = view.get().embed || window.top !== window.self;
  if (pressed || (!framed && (at === null || at === document.body))) host.focus();
});

// Drawn at the terminal's size, known now that it is mounted.
firstLab.begin();
if (restoreNow) setTimeout(loadPage, PAGE_CODE_BY_MS);
else loadPage();
