// What the identity panel says beside Apply: whether the switches are the shell's, or were already.
import { useEffect, useRef, type ReactNode } from "react";
import { showTerminal } from "./busy-focus";
import { revealNearest } from "./reveal";

/** What the visitor should know before pressing Apply (or not), set apart in amber. */
const Caution = ({ testId, children }: { testId: string; children: ReactNode }) => (
  <span className="ml-3 text-sm font-semibold text-amber-800 dark:text-amber-300" data-testid={testId}>
    {children}
  </span>
);

/** Said as it changes, switch by switch: a control's new state alone does not say the shell differs. */
export function ApplyStatus(props: {
  notApplied: boolean;
  nothingToApply: boolean;
  shellChanged: boolean;
  /** The shell's process runs another program now (`exec sleep 1000`): no shell reads the terminal. */
  notAShell: boolean;
  /**
   * A finger's Apply is done: the keyboard stayed down and the page where it was, on a phone some
   * 2,000 px under the terminal that says so. Said here, with the way back up.
   */
  appliedByTouch: boolean;
}) {
  const nothing = useRef<HTMLSpanElement>(null);
  // Said where the keyboard stayed, but in a short frame it wraps below the panel's fold.
  useEffect(() => {
    if (props.nothingToApply && nothing.current) revealNearest(nothing.current);
  }, [props.nothingToApply]);
  return (
    // A box of its own: as plain text beside the button, a second line wrapped under the button's
    // baseline, a button's height below the first, and read as two remarks.
    <span role="status" className="inline-block align-middle">
      {props.notApplied && (
        // Switches that look on but are not yet the shell's: the result would surprise.
        <Caution testId="not-applied">Not applied yet: the shell still runs as before.</Caution>
      )}
      {props.nothingToApply && (
        <span ref={nothing} className="ml-3 text-sm" data-testid="nothing-to-apply">
          Nothing to apply: the shell already runs as this. (For a fresh shell, type <code>exit</code>.)
        </span>
      )}
      {props.shellChanged && (
        // `exec runas …`, `exec unshare -r sh`: the switches, and the prediction below, are no
        // longer the shell's, though nothing here changed.
        <Caution testId="shell-changed">
          The shell is no longer what these switches set (it became another identity in place, with exec):
          Apply starts one that is.
        </Caution>
      )}
      {props.appliedByTouch && (
        <span className="ml-3 text-sm" data-testid="applied-by-touch">
          Applied: the terminal has the new shell.{" "}
          <button type="button" className="link" onClick={showTerminal}>
            Back to the terminal <span aria-hidden="true">↑</span>
          </button>
        </span>
      )}
      {props.notAShell && (
        // Found out from the guest's process list, up to a couple of seconds after the exec.
        <Caution testId="not-a-shell">
          The shell has become another program in place (exec): Apply starts a new shell.
        </Caution>
      )}
    </span>
  );
}
