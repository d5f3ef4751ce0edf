// Asks before an identity is applied over programs running in the terminal: the new shell ends them.
import { useEffect, useId, useRef } from "react";
import type { ProcEntry } from "../core/protocol";
import { describeJobs } from "../core/shell-jobs";
import { IDENTITY_PANEL_ID, keyboardIsOurs } from "./busy-focus";

interface ApplyWarningProps {
  jobs: readonly ProcEntry[];
  /** The guest is too busy to report its processes: the list is old, or empty for want of one. */
  unknown?: boolean;
  onApply: () => void;
  onKeep: () => void;
}

export function ApplyWarning({ jobs, unknown = false, onApply, onKeep }: ApplyWarningProps) {
  const keep = useRef<HTMLButtonElement>(null);
  // The safe choice takes the keyboard: a second Enter on Apply must not end an editor's unsaved work.
  // Not from someone who has moved on (the list of programs changes as they end): only from the
  // panel, or from nowhere; and in a frame, only one the reader is typing into.
  useEffect(() => {
    const at = document.activeElement;
    const fromPanel = !at || at === document.body || at.closest(`#${IDENTITY_PANEL_ID}`) !== null;
    if (fromPanel && keyboardIsOurs()) keep.current?.focus();
  }, [jobs]);
  const one = jobs.length === 1;
  const id = useId();
  return (
    // A group named by its message, not an alert: the keyboard moves into it, and a screen reader
    // says the message with the focused button once (as an alert, it was read twice, buttons and all).
    <div
      role="group"
      aria-labelledby={id}
      className="mt-3 rounded-md border border-amber-600 bg-amber-50 p-3 dark:border-amber-400 dark:bg-amber-950"
      data-testid="apply-warning"
    >
      <p id={id} className="font-semibold text-amber-900 dark:text-amber-200">
        {unknown ? (
          <>
            The guest is too busy to say what runs in the terminal
            {jobs.length > 0 && ` (at its last report, ${describeJobs(jobs)})`}. Applying starts a new shell
            and ends whatever runs there: anything unsaved is lost.
          </>
        ) : (
          <>
            {describeJobs(jobs)} {one ? "runs" : "run"} in the terminal. Applying starts a new shell and ends{" "}
            {one ? "it" : "them"}: anything unsaved is lost.
          </>
        )}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button ref={keep} type="button" className="btn-small" onClick={onKeep}>
          {unknown ? "Keep what runs" : `Keep ${one ? "it" : "them"} running`}
        </button>
        <button type="button" className="btn-small" onClick={onApply}>
          Apply anyway
        </button>
      </div>
    </div>
  );
}
