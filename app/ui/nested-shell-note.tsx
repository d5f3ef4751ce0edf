// Under the panel's "Now": a shell runs inside the terminal's (unshare -r sh), maybe with an identity of its own.
import { jobsOfShell } from "../core/shell-jobs";
import { useServices } from "./app-context";
import { useStore } from "./use-store";

/**
 * "Now" names the shell the page started (or what it became with exec). After `unshare -r sh` the
 * prompt says uid 0 while "Now" still says uid 1000: without a word, the panel read as wrong.
 */
export function NestedShellNote() {
  const { lab } = useServices();
  const procs = useStore(lab.procs);
  const shellPid = useStore(lab.identity).actual?.pid;
  if (shellPid === undefined) return null;
  // The newest: most likely the one reading the keys (a background loop's subshell is an sh too).
  const nested = jobsOfShell(procs, shellPid)
    .filter((p) => p.comm === "sh")
    .sort((a, b) => b.pid - a.pid)[0];
  if (!nested) return null;
  return (
    <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="nested-shell">
      A shell runs inside this one (sh, pid {nested.pid}). Now names the outer shell: the inner one may have
      another identity (one you started shows its uid in its prompt; <code>exit</code> leaves it).
    </p>
  );
}
