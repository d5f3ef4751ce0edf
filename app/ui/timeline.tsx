// How the kernel's exe-link check evolved, 2012 → today; the five replayable eras switch the running kernel.
import { useEffect, useId, useRef, useState } from "react";
import { HISTORY, type HistoryEntry } from "../core/history";
import type { Era } from "../core/protocol";
import { busyProps, focusTerminalIfStill } from "./busy-focus";
import { CommitLink, ExternalLink } from "./external-link";
import { useServices } from "./app-context";
import { TimelineNotes } from "./timeline-notes";
import { useStore } from "./use-store";

interface EraButtonProps {
  year: Era;
  current: boolean;
  pending: boolean;
  /** No guest to switch yet. */
  disabled: boolean;
  /** A switch is under way: the button keeps focus but does nothing. */
  busy?: boolean;
  onChoose: (year: Era, button: HTMLButtonElement) => void;
}

export function EraButton({ year, current, pending, disabled, busy = false, onChoose }: EraButtonProps) {
  // The running era's button switches nothing: it says what runs ("current" to screen readers).
  // Running wins over pending: the switch's end is drawn before the timeline drops its pending mark,
  // and "Switching…" beside the "running" badge wrapped the button for that moment.
  const label = current
    ? `${year} rules`
    : pending
      ? `Switching to ${year} rules…`
      : `Switch kernel to ${year} rules`;
  return (
    <button
      type="button"
      className={current ? "btn-era btn-era-current" : "btn-era"}
      aria-current={current ? "true" : undefined}
      disabled={disabled}
      {...busyProps(busy)}
      onClick={(event) => {
        if (!busy) onChoose(year, event.currentTarget);
      }}
      // The badge's margin is no word break to a screen reader: the name is spelled out instead.
      aria-label={current ? `${label} (running)` : undefined}
      data-testid={`era-${year}`}
    >
      {label}
      {current && (
        <span className="ml-2 rounded bg-white px-1 text-sm text-sky-900" aria-hidden="true">
          running
        </span>
      )}
    </button>
  );
}

function Effects({ entry }: { entry: HistoryEntry }) {
  const { exeFile, map, other } = entry.effects;
  return (
    <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-sm [overflow-wrap:anywhere]">
      <dt className="font-mono font-semibold">EXE_FILE</dt>
      <dd>{exeFile}</dd>
      <dt className="font-mono font-semibold">MAP</dt>
      <dd>{map}</dd>
      {other && (
        <>
          <dt className="font-semibold">also</dt>
          <dd>{other}</dd>
        </>
      )}
    </dl>
  );
}

/** `focusOnMount`: opened by a button that is gone now, so the keyboard goes to the timeline itself. */
export default function Timeline({
  ready,
  focusOnMount = false,
}: {
  ready: boolean;
  focusOnMount?: boolean;
}) {
  const { lab } = useServices();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  const era = useStore(lab.era);
  const phase = useStore(lab.status).phase;
  const [pending, setPending] = useState<Era>();
  const id = useId();

  const choose = (year: Era, button: HTMLButtonElement) => {
    setPending(year);
    // Failures land in the era store (shown below); clear the local "switching" label either way.
    lab
      .setEra(year)
      .then(() => {
        // A failed switch keeps the keyboard by its message.
        if (!lab.era.get().error) focusTerminalIfStill(button);
      })
      .catch(() => undefined)
      .finally(() => setPending(undefined));
  };

  return (
    <section ref={ref} tabIndex={-1} aria-labelledby={`${id}-h`} className="panel" data-testid="timeline">
      <h2 id={`${id}-h`} className="panel-title">
        Who may change the exe link: a timeline
      </h2>
      <p className="mt-1">
        The kernel in this page can replay five sets of rules. Choose an era and try again in the terminal:
        the running kernel checks permission as Linux did from the release named on that era&apos;s entry
        (2016: Linux 4.10, out in February 2017), until the next era&apos;s. Other differences from the old
        kernels are listed under the timeline.
      </p>
      <p className="mt-1 font-semibold" aria-live="polite">
        {phase !== "ready" ? (
          <>
            Chosen: {era.current} rules (the guest is {phase === "error" ? "not running" : "starting"})
          </>
        ) : (
          <>
            {/* No longer than the line it replaces: a phone's line wrapped, and the page moved. */}
            {era.switching
              ? `Switching to ${era.to ?? "another era"} rules…`
              : `Running: ${era.current} rules`}
          </>
        )}
      </p>
      {era.error && (
        <p role="alert" className="mt-1 text-red-700 dark:text-red-300">
          Could not switch the era: {era.error}
        </p>
      )}

      <ol className="mt-3 space-y-4 border-l-4 border-slate-300 pl-4 dark:border-slate-600">
        {HISTORY.map((entry) => (
          <li key={entry.id} className="relative">
            <span
              aria-hidden="true"
              className={`absolute top-2 -left-[1.6rem] size-4 rounded-full border-4 ${
                entry.replayEra === era.current
                  ? "border-sky-600 bg-sky-600"
                  : "border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900"
              }`}
            />
            <h3 className="text-lg font-bold">
              <span className="tabular-nums">{entry.when}</span> · {entry.release}
            </h3>
            <p className="font-semibold">{entry.title}</p>
            <p className="mt-1">{entry.summary}</p>
            {entry.authors.length > 0 && (
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">By {entry.authors.join(", ")}</p>
            )}
            {entry.commits.length > 0 && (
              // What each commit did, in words beside its hash: a tooltip is never seen on a touch screen.
              <ul className="mt-1 space-y-0.5 text-sm" aria-label="Commits">
                {entry.commits.map((commit) => (
                  <li key={commit.id}>
                    <CommitLink id={commit.id} href={commit.link} />
                    <span className="text-slate-600 dark:text-slate-400">: {commit.role}</span>
                  </li>
                ))}
              </ul>
            )}
            <Effects entry={entry} />
            {entry.sources.length > 0 && (
              <p className="mt-1 text-sm">
                {entry.sources.map((s, i) => (
                  <span key={s.url}>
                    {i > 0 && " · "}
                    <ExternalLink className="link" href={s.url}>
                      {s.label}
                    </ExternalLink>
                  </span>
                ))}
              </p>
            )}
            {entry.unverified && (
              <p className="mt-1 text-sm italic text-slate-600 dark:text-slate-400">
                Not confirmed: {entry.unverified}.
              </p>
            )}
            {entry.replayEra !== undefined && (
              <div className="mt-2">
                <EraButton
                  year={entry.replayEra}
                  current={era.current === entry.replayEra}
                  pending={pending === entry.replayEra}
                  disabled={!ready}
                  busy={era.switching}
                  onChoose={choose}
                />
              </div>
            )}
          </li>
        ))}
      </ol>
      <TimelineNotes />
    </section>
  );
}
