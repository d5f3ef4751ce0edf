// The page around the terminal: the lab takes over from its stand-in, then the panels and xterm load.
import { createBrowserLab } from "../core/browser-lab";
import type { EarlyLab } from "../core/early-lab";
import type { EarlyWorker } from "../core/worker-launcher";
import type { Store } from "../core/store";
import { alertAbove as alertAt } from "./alert-above";
import { guardLeaving } from "./leave-guard";
import { startsByItself } from "./start-choice";
import type { TerminalHost } from "./terminal-host";
import { writeViewState, type ViewState } from "./view-state";
import { syncViewWithLab } from "./view-sync";

/** How long the terminal must go without output before the panels are drawn (see below). */
const TERMINAL_QUIET_MS = 100;
/** The page is complete this long after it was opened, whatever happens (see below). */
const PAGE_COMPLETE_MS = 2000;
/** The longest the guest stands still while the panels are first laid out (see loadApp). */
const LAYOUT_HOLD_MS = 1500;
/** Output within this long before the panels load marks a guest that may be flooding the terminal. */
const BUSY_MS = 1000;

/** What the page's first script (main.ts) made, for the rest of the page. */
export interface FirstScreen {
  initial: ViewState;
  ignored: string[];
  view: Store<ViewState>;
  host: TerminalHost;
  /** The lab's stand-in the terminal talks to: handed the lab here. */
  firstLab: EarlyLab;
  /** The worker the HTML started, if any. */
  early: EarlyWorker | undefined;
  /** The stand-in has drawn the saved screen and asked that worker to restore it. */
  restored: boolean;
  root: HTMLElement;
  /** The boot frame and title, removed once the terminal has moved into the page's layout. */
  boot: { frame: HTMLElement; title: HTMLElement; unmount: () => void };
}

export function startPage(first: FirstScreen): void {
  const { initial, ignored, view, host, root } = first;
  const lab = createBrowserLab({
    baseUrl: import.meta.env.BASE_URL,
    coldBoot: initial.cold,
    era: initial.era,
    identity: initial.identity,
    command: initial.command,
    early: first.early,
    firstScreenShown: first.restored,
  });
  // Before the lab starts: the terminal hears every byte of it.
  first.firstLab.handOver(lab);
  // The lab lives as long as the page; these two links keep the URL describing what is on screen.
  view.subscribe(writeViewState);
  // Back and Forward (the about page is a history entry) bring back an entry's address as it was when
  // left, naming an era or identity the guest no longer has: it is made to say the present again.
  window.addEventListener("popstate", () => writeViewState(view.get()));
  syncViewWithLab(lab, view);
  guardLeaving(lab, { files: !initial.embed });
  const alertAbove = (text: string) => alertAt(root, text);

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
          first.boot.unmount();
          first.boot.frame.remove();
          first.boot.title.remove();
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
  // (route.ts's test of the hash, not imported: it would bring React into this script).
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
    // Whatever happens, the page is complete two seconds after it was opened; the about page at once.
    setTimeout(() => loadApp(true), Math.max(0, PAGE_COMPLETE_MS - performance.now()));
    window.addEventListener("hashchange", () => loadApp(), { once: true });
  }
}
