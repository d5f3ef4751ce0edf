// The about page's word on the offline copy: whether a reload here would work without a network.
import { useEffect, useState } from "react";
import { offlineCopyFailed, offlineCopyRefused, offlineCopySkipped } from "./offline-cache";
import { serviceWorkers } from "./offline-copy";

type CopyState = "none" | "embed" | "refused" | "later" | "making" | "failed" | "ready";
/** A registration with no worker at all: a failed install, or a moment between two of its states. */
export type Asked = CopyState | "no-worker";

/**
 * A registration reads as having no worker for as long as this many asks a second apart before the
 * copy is said to have failed: between its install's end and its activation, Chromium once showed
 * none for a moment, and the page said "could not be made" of a copy made a second later.
 */
const NO_WORKER_ASKS = 3;

/** What to say after an ask that found `asked`, `noWorker` asks in a row having found no worker before. */
export function settleCopyState(asked: Asked, noWorker: number): { state: CopyState; noWorker: number } {
  if (asked !== "no-worker") return { state: asked, noWorker: 0 };
  const count = noWorker + 1;
  return { state: count >= NO_WORKER_ASKS ? "failed" : "making", noWorker: count };
}

async function copyState(): Promise<Asked> {
  const workers = serviceWorkers();
  if (!import.meta.env.PROD || !workers) return "none";
  if (offlineCopyRefused()) return "refused";
  const registration = await workers.getRegistration().catch(() => undefined);
  // Active only once its install has stored every file (sw.js waits for that before it activates).
  if (registration?.active) return "ready";
  if (offlineCopySkipped()) return "embed";
  if (offlineCopyFailed()) return "failed";
  if (!registration) return "later";
  // Neither installing nor waiting, nor active: its install failed (a file missing, storage full),
  // unless this is a moment between two of its states.
  return registration.installing || registration.waiting ? "making" : "no-worker";
}

const SAID: Record<CopyState, string> = {
  none: "none here: this browser keeps no copy of a page served like this one (plain http, or the development server); a reload needs the network.",
  embed:
    "none for an embed: it stores nothing in its readers' browsers; the full lab (the embed's name, top left) keeps one.",
  refused:
    "none here: the browser refused to keep one (a sandboxed frame, or storage turned off); a reload needs the network.",
  later: "not made yet: it is made some ten seconds after the lab has loaded.",
  making: "being made…",
  failed: "could not be made (the browser's storage may be full); a reload needs the network.",
  ready: "ready. This page reloads without a network, the lab and all (kept by this browser).",
};

/** Asked again each second until the answer can no longer change (made, or never to be). */
export function OfflineStatus() {
  const [state, setState] = useState<CopyState | undefined>();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let noWorker = 0;
    const ask = () =>
      void copyState().then((asked) => {
        if (stopped) return;
        const settled = settleCopyState(asked, noWorker);
        noWorker = settled.noWorker;
        const next = settled.state;
        setState(next);
        if (next === "later" || next === "making") timer = setTimeout(ask, 1000);
      });
    ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return (
    <p className="mt-3" data-testid="offline-status">
      <strong>Offline copy:</strong> {state ? SAID[state] : "…"}
    </p>
  );
}
