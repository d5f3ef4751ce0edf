// Says, under the terminal, that the guest runs but is too busy to answer the page, and how to free it.
import type { LoadStatus } from "../core/lab-types";

interface BusyNoteProps {
  status: LoadStatus;
  /** Throws the guest away and restores the saved state again. */
  onStartOver: () => void;
}

/**
 * The learner's programs can take all of the guest's one CPU: its kernel runs (so the page keeps it,
 * and all that was done in it), but the lab's agent gets no time to answer, and the panels lag.
 */
export function BusyNote({ status, onStartOver }: BusyNoteProps) {
  const busy = status.phase === "ready" && status.busy === true;
  // The status region stays mounted, empty when there is nothing to say (see LongLineNote).
  return (
    <div role="status" className="empty:hidden" data-testid="busy-note">
      {busy && (
        <p className="font-semibold text-amber-800 dark:text-amber-300">
          The guest is busy: its kernel runs, but programs take all of its CPU, so the lab has had no answer
          for several seconds and the panels may lag. Ctrl+C stops the command running in the terminal;{" "}
          <code>kill $(jobs -p)</code> ends the shell&apos;s background jobs.{" "}
          <button type="button" className="btn-small" onClick={onStartOver}>
            Start over from the saved state
          </button>{" "}
          <span className="font-normal">(what was done in the guest is lost)</span>
        </p>
      )}
    </div>
  );
}
