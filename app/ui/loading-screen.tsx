// What the guest is doing before the terminal is usable: phase, progress, cold-boot notes, and Retry on error.
import { useEffect, useRef, useState } from "react";
import { DETAIL_STOPPED, type LoadPhase, type LoadStatus } from "../core/lab-types";
import { isEmulatorUnavailable } from "../core/emulator-unavailable";
import { isFramed, keyboardIsOurs } from "./busy-focus";
import { needsNetwork, OFFLINE_WORDS, offlineCopyDroppable, reloadWithoutOfflineCopy } from "./offline-copy";

const PHASE_TITLE: Record<LoadPhase, string> = {
  idle: "Linux is not running yet",
  downloading: "Downloading the guest",
  restoring: "Restoring the saved Linux",
  booting: "Booting Linux",
  ready: "Ready",
  error: "The guest could not start",
};

/**
 * The keyboard goes to Retry when the error leaves it nowhere (the failed terminal gives up focus),
 * not when the user is busy elsewhere on the page, or outside it: an embed nobody has clicked into
 * has no focus of its own, and taking some would scroll the documentation page around it.
 */
function useFocusWhenIdle<T extends HTMLElement>(active: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const at = document.activeElement;
    // Only a frame checks for focus (keyboardIsOurs): a page of its own whose window was in the
    // background when it failed still wants Retry focused for when its user comes back.
    if (active && keyboardIsOurs() && (at === null || at === document.body)) ref.current?.focus();
  }, [active]);
  return ref;
}

interface LoadingScreenProps {
  status: LoadStatus;
  onRetry: () => void;
  /** Starts the guest when the page did not start it by itself (phones where it could crash the tab). */
  onStart: () => void;
}

/** Covers the terminal box until the guest answers; on error it says why, above the console, and offers Retry. */
export function LoadingScreen({ status, onRetry, onStart }: LoadingScreenProps) {
  const retryRef = useFocusWhenIdle<HTMLButtonElement>(status.phase === "error");
  if (status.phase === "idle") {
    return (
      // The button under the heading, the words after it: in a narrow frame's short terminal box
      // (320 × 400: some 140 px) the box scrolls, and a button below three lines of words was out of
      // sight, with no scroll bar to say there was more.
      <div className="overlay p-3" data-testid="start-screen">
        <h2 className="text-xl font-bold">{PHASE_TITLE.idle}</h2>
        <button type="button" className="btn-primary mt-2" onClick={onStart}>
          Start Linux
        </button>
        <p className="mt-2 max-w-md">
          Starting it downloads about 2.4 MB and runs an emulated PC in this tab.
        </p>
      </div>
    );
  }
  if (status.phase === "error") {
    // It ran, then ended (its kernel stopped, or it went silent): a fresh guest, not a retry.
    const stopped = status.detail === DETAIL_STOPPED;
    return (
      // A banner above the terminal, not over it: the console output below it shows what the guest did.
      <div
        role="alert"
        className="rounded-lg border-2 border-red-600 bg-red-50 p-4 dark:bg-red-950"
        data-testid="load-error"
      >
        <h2 className="text-2xl font-bold text-red-700 dark:text-red-300">
          {stopped ? "The guest stopped" : PHASE_TITLE.error}
        </h2>
        <p className="mt-1 text-lg">{status.error || status.detail || "Unknown error."}</p>
        {status.fallbackReason && <p className="mt-1">Before that: {status.fallbackReason}</p>}
        {!stopped && needsNetwork(status.error) && <p className="mt-1">{OFFLINE_WORDS}</p>}
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <button ref={retryRef} type="button" className="btn-primary" onClick={onRetry}>
            {stopped ? "Start over" : "Retry"}
          </button>
          {/* A guest that ran and then stopped says nothing against the saved state. */}
          {!stopped && !status.coldBoot && !status.fallbackReason && !isEmulatorUnavailable(status.error) && (
            <ColdBootLink />
          )}
          {/* A damaged file in the offline copy would come back with Retry and with every reload. */}
          {!stopped && offlineCopyDroppable(status.error) && (
            <button type="button" className="btn-small" onClick={reloadWithoutOfflineCopy}>
              Reload without the offline copy
            </button>
          )}
        </div>
      </div>
    );
  }
  const percent = status.progress === undefined ? undefined : Math.round(status.progress * 100);
  return (
    <div className="overlay" data-testid="loading-screen">
      <h2 className="text-2xl font-bold">{PHASE_TITLE[status.phase]}…</h2>
      <div
        role="progressbar"
        aria-label="Loading progress"
        aria-valuemin={0}
        aria-valuemax={100}
        // No value = indeterminate: better than a bar stuck at zero when the size is unknown.
        aria-valuenow={percent}
        className="mt-4 h-3 w-full max-w-md overflow-hidden rounded-full bg-slate-300 dark:bg-slate-700"
      >
        <div
          className={`h-full rounded-full bg-sky-600 transition-[width] ${percent === undefined ? "w-1/3 animate-pulse motion-reduce:animate-none" : ""}`}
          style={percent === undefined ? undefined : { width: `${percent}%` }}
        />
      </div>
      <p role="status" className="mt-2 text-lg">
        {status.detail}
        {percent !== undefined && ` (${percent}%)`}
      </p>
      {status.coldBoot && (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          Cold boot{status.fallbackReason ? `: ${status.fallbackReason}` : ""}. This takes a few seconds
          longer.
        </p>
      )}
    </div>
  );
}

/**
 * The way round a saved state that fails: the same page with `cold=1`. A link, not words about the
 * address, which an embed's reader cannot edit: framed, it opens in a tab of its own.
 */
function ColdBootLink() {
  // A link to this page needs one (the unit tests render the banner without a browser).
  if (typeof window === "undefined") return null;
  const url = new URL(window.location.href);
  url.searchParams.set("cold", "1");
  const framed = isFramed();
  return (
    <span className="text-sm">
      If it fails again,{" "}
      <a href={url.href} className="underline" {...(framed ? { target: "_blank", rel: "noopener" } : {})}>
        boot from scratch instead of the saved state
        {framed && <span className="sr-only"> (opens in a new tab)</span>}
      </a>
      .
    </span>
  );
}

/** After a successful start, a one-line note that the guest was booted from scratch, and why. */
export function ColdBootNote({ status }: { status: LoadStatus }) {
  if (status.phase !== "ready" || !status.coldBoot) return null;
  return (
    <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="cold-boot-note">
      Cold-booted{status.fallbackReason ? ` (saved state not used: ${status.fallbackReason})` : ""}.
    </p>
  );
}

/** How long a saved prompt may wait for its guest before the page says the guest is still coming. */
const SLOW_START_MS = 1500;

/**
 * The saved screen takes keys at once, but they run only once the guest has been restored: when
 * that takes a while (a slow link), the page says so, or the prompt would look dead. True while
 * that note is due.
 */
export function useSlowStart(status: LoadStatus): boolean {
  const waiting = status.live === true && (status.phase === "downloading" || status.phase === "restoring");
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setLate(true), SLOW_START_MS);
    return () => {
      clearTimeout(timer);
      setLate(false);
    };
  }, [waiting]);
  return waiting && late;
}

/** The note itself: app.tsx lays it over the terminal's hint, so the terminal keeps its height. */
export function SlowStartNote({
  status,
  shown,
  className,
}: {
  status: LoadStatus;
  shown: boolean;
  className: string;
}) {
  // Before its first byte the lab's detail is only "Starting"; after it, it counts the MB itself.
  const what =
    status.phase === "downloading" && status.progress === undefined ? "Downloading the guest" : status.detail;
  // The status region stays mounted, empty when there is nothing to say (see LongLineNote).
  return (
    <p
      role="status"
      className={`font-semibold text-amber-800 empty:sr-only dark:text-amber-300 ${className}`}
      data-testid="slow-start"
    >
      {shown && `${what}… What you type is kept and runs as soon as Linux is up.`}
    </p>
  );
}
