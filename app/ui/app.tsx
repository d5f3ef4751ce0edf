// The page layout: terminal left on wide screens (full width with a big font), panels and timeline beside or under it.
import Terminal from "./terminal";
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState, type ComponentType } from "react";
import { BackToLabLink } from "./back-to-lab";
import type { Lab } from "../core/lab-types";
import type { Store } from "../core/store";
import { AppContext } from "./app-context";
import { AttemptCard } from "./attempt-card";
import { ResultBeacon } from "./result-beacon";
import { ErrorBoundary } from "./error-boundary";
import { ExeLinksPanel } from "./exe-links-panel";
import { IdentityPanel } from "./identity-panel";
import { LoadingScreen, useSlowStart } from "./loading-screen";
import { useRoute } from "./route";
import { applyTheme } from "./theme";
import { useTheme } from "./use-theme";
import type { TerminalHost } from "./terminal-host";
import { TerminalNotes } from "./terminal-notes";
import { Toolbar } from "./toolbar";
import { useStore } from "./use-store";
import type { ViewState } from "./view-state";
import { ViewNotice } from "./view-notice";
import { useStackedLayout } from "./use-stacked-layout";
import { focusTerminalIfStill, focusToolbarEnd, skipToTerminal } from "./busy-focus";
import { keepForOffline } from "./offline-cache";
import { reloadable } from "./reloadable-import";
import { useAwayPause } from "./away-watch";

// Not needed for the first screen: loaded after it, in their own chunks.
const loadTimeline = reloadable(() => import("./timeline"));
const loadAboutPage = reloadable(() => import("./about-page"));

/**
 * A part loaded on first use, and loaded again by `retry`: React.lazy keeps a failed load's error
 * for good, so "Try again" after a network failure would fail at once, asking nothing of the server.
 */
function useLazyPart<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  const [part, setPart] = useState(() => lazy(load));
  return { Part: part, retry: () => setPart(() => lazy(load)) };
}

/**
 * Fetched anyway once the guest is up and the page idle, shown or not (an embed's folded timeline,
 * the about page): a speaker whose network goes away after the page has loaded still has them.
 */
function prefetchLaterParts(embed: boolean): () => void {
  const load = () => {
    // Then the service worker, whose cache fills from what the page has loaded by then.
    void Promise.allSettled([loadTimeline(), loadAboutPage()]).then(() => keepForOffline(embed));
  };
  if ("requestIdleCallback" in window) {
    const id = requestIdleCallback(load, { timeout: 5000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(load, 1000);
  return () => clearTimeout(id);
}

interface AppProps {
  lab: Lab;
  view: Store<ViewState>;
  /** The page's one terminal, made before React loaded (main.ts). */
  host: TerminalHost;
  /** URL parameters that were ignored, to tell the user. */
  ignored: readonly string[];
}

function Loading({ what }: { what: string }) {
  return <p className="p-3 text-slate-600 dark:text-slate-400">Loading {what}…</p>;
}

function LazyTimeline({ ready, embed }: { ready: boolean; embed: boolean }) {
  const [shown, setShown] = useState(!embed);
  const timeline = useLazyPart(loadTimeline);
  if (!shown) {
    return (
      <button type="button" className="btn-small w-full py-2" onClick={() => setShown(true)}>
        Show the kernel history timeline (and switch eras)
      </button>
    );
  }
  return (
    <ErrorBoundary what="The timeline" onRetry={timeline.retry}>
      <Suspense fallback={<Loading what="the timeline" />}>
        <timeline.Part ready={ready} focusOnMount={embed} />
      </Suspense>
    </ErrorBoundary>
  );
}

export function App({ lab, view, host, ignored }: AppProps) {
  const services = useMemo(() => ({ lab, view }), [lab, view]);
  const state = useStore(view);
  const status = useStore(lab.status);
  const failing = useStore(lab.identity).failing;
  const theme = useTheme(state.theme);
  const route = useRoute();
  const about = useLazyPart(loadAboutPage);
  const panelsRef = useRef<HTMLDivElement>(null);
  const labRef = useRef<HTMLDivElement>(null);
  useAwayPause(lab, labRef);
  const ready = status.phase === "ready";
  const embed = state.embed;
  // A speaker's big font beside the panels would leave the terminal a narrow strip: it takes the width.
  const stacked = useStackedLayout(state.fontSize, embed);

  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => (ready ? prefetchLaterParts(embed) : undefined), [ready, embed]);
  // Pressed with the keyboard, the busy note's Start over goes with the note: the fresh guest's
  // terminal takes the keyboard then (it fell to <body>, and what was typed next went nowhere).
  const startOver = useCallback(() => {
    const button = document.activeElement;
    void lab.retry().then(() => focusTerminalIfStill(button));
  }, [lab]);

  const failed = status.phase === "error";
  // A restored shell reads keys before start-up has finished: from then on it is shown, not covered
  // (the lab keeps keys typed before the guest answers until it does).
  const live = status.live === true;
  const slow = useSlowStart(status);

  // Leaving the terminal by keyboard lands on the panels, the next thing in reading order, or with
  // Shift+Tab on the toolbar's last control, the one before it.
  // Out of the terminal to the panels' start (the result card), not wherever focusing the whole tall
  // region would scroll a narrow page to (mid-timeline); our own page only, never an embedding one.
  const leaveTerminal = useCallback((backwards: boolean) => {
    if (backwards) return focusToolbarEnd();
    const panels = panelsRef.current;
    if (!panels) return;
    panels.focus({ preventScroll: true });
    const top = panels.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) window.scrollTo({ top: window.scrollY + top - 8 });
  }, []);

  return (
    <AppContext.Provider value={services}>
      {/* Not on the about page: the terminal is hidden there, so the link would lead nowhere. */}
      {route !== "about" && (
        <a
          href="#terminal"
          className="skip-link"
          onClick={(event) => {
            // Focus the terminal without putting "#terminal" in the address bar (the hash is the route).
            event.preventDefault();
            skipToTerminal();
          }}
        >
          Skip to the terminal
        </a>
      )}
      {route !== "about" && (
        // Seen by keyboard users only, second after the skip link: a screen reader's user finds it
        // at once, and nobody else pays for the mirrored output (or loses dictated text to it).
        <button
          type="button"
          className="skip-link"
          aria-pressed={state.screenReader}
          onClick={() => view.set({ ...view.get(), screenReader: !view.get().screenReader })}
        >
          Screen reader support for the terminal&apos;s output
          {/* Its state shown as well as announced (aria-pressed). */}
          <span aria-hidden="true">{state.screenReader ? ": on" : ": off"}</span>
        </button>
      )}

      {route === "about" && (
        <ErrorBoundary what="The about page" onRetry={about.retry} extra={<BackToLabLink />} page>
          <Suspense fallback={<Loading what="the about page" />}>
            <about.Part />
          </Suspense>
        </ErrorBoundary>
      )}

      {/* Hidden, not unmounted, on the about page: the terminal keeps its screen, the guest its work
          (paused meanwhile, as whenever nobody can see the lab: away-watch.ts). */}
      {/* Embedded, the page is the frame's height at every width: the card under the terminal is then
          in view beside it, not below a documentation page's fold (only the panels scroll). */}
      <div
        ref={labRef}
        hidden={route === "about"}
        className={embed ? "flex h-dvh flex-col" : `flex min-h-dvh flex-col ${stacked ? "" : "lg:h-dvh"}`}
      >
        {/* A header that fails leaves the terminal, and the guest's work, where they are. */}
        <ErrorBoundary what="The header">
          <Toolbar ready={ready} compact={state.embed} />
          <ViewNotice ignored={ignored} compact={state.embed} />
        </ErrorBoundary>
        {/* 1.75fr: 80 columns at the default font on a 1280-px screen, as the guest's own banner needs;
            styles.css's .boot-terminal mirrors these columns. "relative" on the section and the
            panels: their screen-reader-only text (absolutely placed) then stays inside them, the
            panels' scroll area included, instead of lengthening the page. */}
        <main
          className={`flex min-h-0 flex-1 flex-col gap-3 p-3 ${stacked ? "" : "lg:grid lg:grid-cols-[minmax(0,1.75fr)_minmax(24rem,1fr)]"}`}
        >
          <section
            aria-label="Linux terminal"
            className={`relative flex flex-col gap-1 ${embed ? "min-h-min flex-[3]" : "min-h-0"}`}
          >
            {failed && (
              <LoadingScreen
                status={status}
                onRetry={() => void lab.retry()}
                onStart={() => void lab.start()}
              />
            )}
            <div
              className={
                embed
                  ? // Sized by the frame, never by its rows: else the section's min-content (min-h-min)
                    // would be the rows xterm drew, and a frame that grew could not shrink back.
                    "relative min-h-32 flex-1 [contain:size] short:min-h-24"
                  : stacked
                    ? // The first screen is the terminal's (and its hint's), under the toolbar's two lines up to xl.
                      "relative h-[calc(100dvh-9.43rem)] min-h-64 xl:h-[calc(100dvh-7.44rem)]"
                    : "relative h-[60dvh] min-h-64 lg:h-auto lg:flex-1"
              }
            >
              <ErrorBoundary what="The terminal">
                <Terminal
                  host={host}
                  fontSize={state.fontSize}
                  theme={theme}
                  screenReader={state.screenReader}
                  onLeave={leaveTerminal}
                />
              </ErrorBoundary>
              {!live && !failed && (
                <LoadingScreen
                  status={status}
                  onRetry={() => void lab.retry()}
                  onStart={() => void lab.start()}
                />
              )}
            </div>
            <TerminalNotes
              host={host}
              embed={embed}
              status={status}
              failing={failing}
              onStartOver={startOver}
              slow={slow}
              screenReader={state.screenReader}
            />
          </section>

          <div
            ref={panelsRef}
            id="panels"
            tabIndex={-1}
            aria-label="Results and controls"
            role="region"
            // Long names (PR_SET_MM_EXE_FILE, paths) break rather than widen a 320-px page (WCAG reflow).
            className={`relative flex min-h-0 flex-col gap-3 rounded-lg [overflow-wrap:break-word] ${stacked ? "" : "lg:overflow-y-auto lg:pr-1"} ${embed ? "min-h-32 flex-[2] overflow-y-auto short:min-h-20" : ""}`}
          >
            <ErrorBoundary what="The result card">
              <AttemptCard terminalSpeaks={state.screenReader} />
              <ResultBeacon stacked={stacked} />
            </ErrorBoundary>
            <ErrorBoundary what="The identity panel">
              <IdentityPanel ready={ready} />
            </ErrorBoundary>
            <ErrorBoundary what="The process list">
              <ExeLinksPanel />
            </ErrorBoundary>
            <LazyTimeline ready={ready} embed={state.embed} />
          </div>
        </main>
      </div>
    </AppContext.Provider>
  );
}
