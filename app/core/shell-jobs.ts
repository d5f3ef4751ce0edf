// What runs under the terminal's shell: the programs a new shell (an identity applied) would end.
import type { ProcEntry } from "./protocol";

/**
 * The shell's descendants (its jobs, and what they started), in the list's order; not the shell.
 * Helpers that outlive their parent (setexe's holders) belong to init by then, so they are not here.
 */
export function jobsOfShell(procs: readonly ProcEntry[], shellPid: number): ProcEntry[] {
  const under = new Set([shellPid]);
  const jobs: ProcEntry[] = [];
  // Parents usually come before their children in /proc's order, but not always (pids wrap): repeat
  // until nothing new is found.
  for (let found = true; found;) {
    found = false;
    for (const p of procs) {
      if (under.has(p.pid) || !under.has(p.ppid)) continue;
      under.add(p.pid);
      jobs.push(p);
      found = true;
    }
  }
  return jobs;
}

/**
 * Whether Apply must ask first: programs run under the shell, or the guest is too busy to have said
 * (the agent yields to the learner's programs, so under load its last report may be long out of date).
 */
export function askBeforeApply(jobs: readonly ProcEntry[], guestBusy: boolean): boolean {
  return jobs.length > 0 || guestBusy;
}

/** "vi (pid 31)", "vi (pid 31) and sleep (pid 28)", "vi (pid 31) and 2 other programs". */
export function describeJobs(jobs: readonly ProcEntry[]): string {
  const name = (p: ProcEntry) => `${p.comm} (pid ${p.pid})`;
  // The newest is most likely the one in the foreground: named first.
  const [first, ...rest] = [...jobs].sort((a, b) => b.pid - a.pid);
  if (!first) return "";
  if (rest.length === 0) return name(first);
  if (rest.length === 1) return `${name(first)} and ${name(rest[0])}`;
  return `${name(first)} and ${rest.length} other programs`;
}

/**
 * What the terminal's shell process runs, as the guest last listed it: a shell, or another program
 * (after `exec sleep 1000` or `exec vi`, the same pid and identity). Unknown while it is not listed,
 * and while it is runas: the agent's new shell is runas for a moment, until it has set the identity
 * and runs sh.
 */
export function shellProcess(procs: readonly ProcEntry[], shellPid: number): "shell" | "another" | "unknown" {
  const comm = procs.find((p) => p.pid === shellPid)?.comm;
  if (comm === "sh") return "shell";
  return comm === undefined || comm === "runas" ? "unknown" : "another";
}

/** Whether any of `warned` (jobs a warning named) still runs under the shell: none, and it has nothing left to say. */
export function anyStillRuns(
  procs: readonly ProcEntry[],
  shellPid: number,
  warned: readonly ProcEntry[],
): boolean {
  const running = new Set(jobsOfShell(procs, shellPid).map((p) => p.pid));
  return warned.some((j) => running.has(j.pid));
}
