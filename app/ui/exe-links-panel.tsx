// Live table of the guest's processes and where each one's /proc/PID/exe points; changes and disguises stand out.
import { useEffect, useId, useState } from "react";
import type { ProcView } from "../core/lab-types";
import { useServices } from "./app-context";
import { PathText } from "./path-text";
import { useListOverflow } from "./list-overflow";
import { useStore } from "./use-store";

// How long a freshly changed link stays highlighted: long enough to notice while typing in the terminal.
const HIGHLIGHT_MS = 10_000;

const FLAG_HELP: Record<"text" | "anon", string> = {
  text: "The code it runs (its text, in the kernel's word for a program's code) differs from its exe file on disk: the link names one program while another runs.",
  anon: "It runs from anonymous memory, not from the file its exe link names: setexe's holder does so (like CRIU's restorer), whether or not its link then changes.",
};

/**
 * The badge's words. Only "text" is a disguise; "anon" is how every setexe holder runs, refused
 * attempts included, so calling it masquerading would blur who changed what.
 */
const FLAG_LABEL: Record<"text" | "anon", string> = {
  text: "masquerading (text)",
  anon: "running from memory (anon)",
};

/** Re-renders when the newest highlight runs out, so the colour fades without polling. */
function useHighlightClock(procs: ProcView[]): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const expiries = procs.map((p) => (p.changedAt ?? 0) + HIGHLIGHT_MS).filter((t) => t > Date.now());
    if (expiries.length === 0) return undefined;
    const timer = window.setTimeout(() => setNow(Date.now()), Math.min(...expiries) - Date.now() + 50);
    return () => window.clearTimeout(timer);
  }, [procs, now]);
  // A stale `now` only makes a brand-new change look fresh, which it is; the timer catches expiry.
  return now;
}

/** "3 more above, 1 below: scroll the list". */
function scrollCue({ above, below }: { above: number; below: number }): string {
  const rows = (n: number) => `${n} ${n === 1 ? "process" : "processes"}`;
  const parts = [above > 0 ? `${rows(above)} above` : "", below > 0 ? `${rows(below)} below` : ""];
  return `${parts.filter((p) => p !== "").join(", ")}: scroll the list to see ${above + below === 1 ? "it" : "them"}.`;
}

export function ExeLinksPanel() {
  const { lab } = useServices();
  const procs = useStore(lab.procs);
  const leftOut = useStore(lab.procsLeftOut);
  const now = useHighlightClock(procs);
  const id = useId();
  const anyFlag = procs.some((p) => p.flag !== "-");
  // A stopped guest's last list would show processes that no longer exist.
  const stopped = useStore(lab.status).phase === "error";
  // The box is a few rows high beside the terminal: the newest rows stay in sight, and a line says
  // how many more the box holds (a scroll bar may not show until it is scrolled).
  const [outOfSight, listBox] = useListOverflow(procs);

  return (
    <section aria-labelledby={`${id}-h`} className="panel">
      <h2 id={`${id}-h`} className="panel-title">
        Processes and their exe links
      </h2>
      {stopped ? (
        <p className="mt-2 text-slate-600 dark:text-slate-400">The guest is not running: no processes.</p>
      ) : procs.length === 0 ? (
        <p className="mt-2 text-slate-600 dark:text-slate-400">No process list from the guest yet.</p>
      ) : (
        // Positioned, so the sr-only caption (absolutely placed) stays inside this scroll area.
        <div
          ref={listBox}
          data-testid="procs-box"
          // A box with rows out of sight is a tab stop of its own, so its arrow keys scroll it in every
          // browser (Chromium makes a scroll box focusable by itself; Safari does not).
          {...(outOfSight.above + outOfSight.below > 0
            ? { tabIndex: 0, role: "region", "aria-label": "Process list, scrolls" }
            : {})}
          className="relative mt-2 overflow-auto rounded lg:max-h-72 border border-slate-200 dark:border-slate-700"
        >
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">
              Processes in the guest: pid, command, uid as the initial user namespace sees it, and where
              /proc/PID/exe points
            </caption>
            <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
              <tr>
                <th scope="col" className="px-2 py-1">
                  PID
                </th>
                <th scope="col" className="px-2 py-1">
                  Command
                </th>
                {/* Like ps: the uid outside any namespace, so a shell that is uid 0 in its own shows 1000. */}
                <th
                  scope="col"
                  className="hidden px-2 py-1 sm:table-cell"
                  title="as the initial user namespace sees it"
                >
                  UID
                </th>
                <th scope="col" className="px-2 py-1">
                  Exe link
                </th>
              </tr>
            </thead>
            <tbody>
              {procs.map((p) => {
                const fresh = p.changedAt !== undefined && now - p.changedAt < HIGHLIGHT_MS;
                return (
                  <tr
                    key={p.pid}
                    data-changed={p.previousExe !== undefined ? "true" : undefined}
                    className={`border-t border-slate-200 dark:border-slate-700 ${
                      fresh ? "bg-amber-100 dark:bg-amber-900/50" : ""
                    }`}
                  >
                    <td className="px-2 py-1 font-mono tabular-nums">{p.pid}</td>
                    <td className="px-2 py-1 font-mono [overflow-wrap:anywhere]">{p.comm}</td>
                    <td className="hidden px-2 py-1 font-mono tabular-nums sm:table-cell">{p.uid}</td>
                    <td className="px-2 py-1 font-mono [overflow-wrap:anywhere]">
                      {p.previousExe !== undefined && (
                        <>
                          <del className="text-slate-600 dark:text-slate-400">
                            <PathText path={p.previousExe || "(none)"} />
                          </del>
                          <span aria-hidden="true"> → </span>
                          <span className="sr-only"> changed to </span>
                        </>
                      )}
                      <span className={p.previousExe !== undefined ? "font-semibold" : ""}>
                        <PathText path={p.exe || "(none)"} />
                      </span>
                      {p.flag !== "-" && (
                        <span
                          // May wrap: unbroken, it made the table scroll sideways in a narrow panel.
                          className="badge-warn mt-0.5 block w-fit"
                          title={FLAG_HELP[p.flag]}
                          aria-describedby={`${id}-flag-${p.flag}`}
                        >
                          {FLAG_LABEL[p.flag]}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {!stopped && (outOfSight.above > 0 || outOfSight.below > 0) && (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="procs-out-of-sight">
          {scrollCue(outOfSight)}
        </p>
      )}
      {leftOut > 0 && (
        <p
          className="mt-2 text-sm font-semibold text-amber-800 dark:text-amber-300"
          data-testid="procs-left-out"
        >
          And {leftOut} more {leftOut === 1 ? "process" : "processes"}, not listed: the guest&apos;s report to
          the page has room for about a hundred, fewer with long names. <code>ps</code> in the terminal shows
          them all.
        </p>
      )}
      {anyFlag && (
        <dl className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          {(["text", "anon"] as const)
            .filter((flag) => procs.some((p) => p.flag === flag))
            .map((flag) => (
              <div key={flag} id={`${id}-flag-${flag}`}>
                <dt className="inline font-semibold">{FLAG_LABEL[flag]}: </dt>
                <dd className="inline">{FLAG_HELP[flag]}</dd>
              </div>
            ))}
        </dl>
      )}
    </section>
  );
}
