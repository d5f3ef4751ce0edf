// The result card before any attempt: what an exe link is, who may change it, and a first command for the era.
import { useServices } from "./app-context";
import { useStore } from "./use-store";

/** Before any attempt: what an exe link is, who may change it, and a first command for the era. */
export function FirstSteps() {
  const { lab } = useServices();
  const era = useStore(lab.era).current;
  // sshd, not busybox: the shell's own link already names busybox, so a change to it would not show.
  // Not broken at "--" across lines; the longer one may break before its file on a 320-px screen.
  const map = <code className="whitespace-nowrap max-[22rem]:whitespace-normal">setexe /usr/sbin/sshd</code>;
  const file = (
    <code>
      <span className="whitespace-nowrap">setexe --via file</span>{" "}
      <span className="whitespace-nowrap">/usr/sbin/sshd</span>
    </code>
  );
  return (
    <div className="mt-2 space-y-1">
      <p>
        Every process has an exe link, <code>/proc/PID/exe</code>, naming the file it was started from: a
        hint, not a guarantee of what code runs. A program may put other code in place of what it started as (
        <code className="whitespace-nowrap max-[22rem]:whitespace-normal">masquerade /usr/sbin/sshd</code>{" "}
        shows it), and a process may even repoint <em>its own</em> link with <code>prctl(PR_SET_MM, …)</code>,
        by one of two calls that check permission differently; who may do that is what changed from 2012 to
        today.
      </p>
      <p>
        No change tried yet. In the terminal, {map} starts a helper process (setexe calls it the holder) that
        tries it through PR_SET_MM_MAP
        {era === 2012 ? " (not there yet in 2012: the kernel refuses everyone)" : ""}, and {file} through
        PR_SET_MM_EXE_FILE. Then change the identity or the era and try again.
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        PR_SET_MM_MAP sets all of a process&apos;s memory-map fields (where its code, data, stack and
        arguments lie) in one call, as checkpoint/restore tools (CRIU) do; the new file goes in its{" "}
        <code>exe_fd</code> field, an open file descriptor. PR_SET_MM_EXE_FILE takes only that descriptor.
      </p>
    </div>
  );
}
