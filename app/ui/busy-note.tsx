// Says, under the terminal, that the guest runs but cannot serve the learner (too busy, or no shell).
import type { IdentityState, LoadStatus } from "../core/lab-types";

interface BusyNoteProps {
  status: LoadStatus;
  failing?: IdentityState["failing"];
  /** Throws the guest away and restores the saved state again. */
  onStartOver: () => void;
}

/**
 * The learner's programs can take all of the guest's one CPU: its kernel runs (so the page keeps it,
 * and all that was done in it), but the lab's agent gets no time to answer, and the panels lag.
 */
export function BusyNote({ status, failing, onStartOver }: BusyNoteProps) {
  const ready = status.phase === "ready";
  const busy = ready && status.busy === true;
  const startOver = (
    <>
      <button type="button" className="btn-small" onClick={onStartOver}>
        Start over from the saved state
      </button>{" "}
      <span className="font-normal">(what was done in the guest is lost)</span>
    </>
  );
  // The status region stays mounted, empty when there is nothing to say (see LongLineNote).
  return (
    <div role="status" className="empty:sr-only" data-testid="busy-note">
      {busy && (
        <p className="font-semibold text-amber-800 dark:text-amber-300">
          The guest is busy: its kernel runs, but programs take all of its CPU, so the lab has had no answer
          for several seconds and the panels may lag. Ctrl+C stops the command running in the terminal;{" "}
          <code>kill $(jobs -p)</code> ends the shell&apos;s background jobs.{" "}
          {/* One Start over is enough when the failing shell's note below offers it too. */}
          {!failing && startOver}
        </p>
      )}
      {/* Root may remove /bin/sh or mount over /dev: the agent says so, the terminal may not. */}
      {ready && failing && (
        <p className="font-semibold text-amber-800 dark:text-amber-300">
          The terminal&apos;s shell dies as it starts ({failing.deaths} times in a row, exit status{" "}
          {failing.status}): something it needs may be gone (<code>/bin/sh</code>, <code>/usr/bin/runas</code>
          , <code>/dev/ttyS0</code>
          ). The guest tries again in {failing.retry} s. {startOver}
        </p>
      )}
    </div>
  );
}
