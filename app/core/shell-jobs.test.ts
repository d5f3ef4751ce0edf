// Which programs run under the terminal's shell, how they are named, and when Apply must ask first.
import { describe, expect, it } from "vitest";
import type { ProcEntry } from "./protocol";
import { anyStillRuns, askBeforeApply, describeJobs, jobsOfShell, shellProcess } from "./shell-jobs";

const proc = (pid: number, ppid: number, comm: string): ProcEntry => ({
  pid,
  ppid,
  uid: 1000,
  comm,
  exe: `/bin/${comm}`,
  flag: "-",
});

// As the guest lists them after `setexe …; sleep 100 &` and `vi` (holders are init's by then).
const LIST = [
  proc(1, 0, "exelab-agent"),
  proc(19, 1, "sh"),
  proc(25, 1, "setexe-holder"),
  proc(28, 19, "sleep"),
  proc(31, 19, "vi"),
  proc(40, 1, "sh"),
];

describe("jobsOfShell", () => {
  it("finds what the shell started, and not the shell, other shells or init's orphans", () => {
    expect(jobsOfShell(LIST, 19).map((p) => p.pid)).toEqual([28, 31]);
  });

  it("finds grandchildren, also listed before their parents (pids wrap around)", () => {
    const list = [proc(3, 50, "cat"), ...LIST, proc(50, 31, "sh")];
    expect(jobsOfShell(list, 19).map((p) => p.pid)).toEqual([28, 31, 50, 3]);
  });

  it("finds nothing for an idle shell, or a shell that is not listed", () => {
    expect(jobsOfShell(LIST, 40)).toEqual([]);
    expect(jobsOfShell(LIST, 99)).toEqual([]);
  });
});

describe("anyStillRuns", () => {
  it("is true while one of the warned jobs runs under the shell, false once all have ended", () => {
    const sleep = proc(28, 19, "sleep");
    expect(anyStillRuns(LIST, 19, [sleep])).toBe(true);
    expect(
      anyStillRuns(
        LIST.filter((p) => p.pid !== 28),
        19,
        [sleep],
      ),
    ).toBe(false);
    // The vi still runs, the sleep does not: the warning named both, one is still at stake.
    expect(
      anyStillRuns(
        LIST.filter((p) => p.pid !== 28),
        19,
        [sleep, proc(31, 19, "vi")],
      ),
    ).toBe(true);
    // Under another shell (the shell was replaced), the same pid is not this warning's job.
    expect(anyStillRuns(LIST, 40, [sleep])).toBe(false);
  });
});

describe("askBeforeApply", () => {
  it("asks when programs run under the shell, or when the guest is too busy to have said", () => {
    expect(askBeforeApply([], false)).toBe(false);
    expect(askBeforeApply([proc(31, 19, "vi")], false)).toBe(true);
    expect(askBeforeApply([], true)).toBe(true);
  });
});

describe("describeJobs", () => {
  it("names the newest first, then counts the others", () => {
    expect(describeJobs([])).toBe("");
    expect(describeJobs([proc(31, 19, "vi")])).toBe("vi (pid 31)");
    expect(describeJobs([proc(28, 19, "sleep"), proc(31, 19, "vi")])).toBe("vi (pid 31) and sleep (pid 28)");
    expect(describeJobs([proc(28, 19, "sleep"), proc(31, 19, "vi"), proc(33, 31, "sh")])).toBe(
      "sh (pid 33) and 2 other programs",
    );
  });
});

describe("shellProcess", () => {
  it("is a shell for the shell's pid running sh; another program after `exec sleep`; not known while unlisted or runas", () => {
    const as = (comm: string) => LIST.map((p) => (p.pid === 19 ? { ...p, comm } : p));
    expect(shellProcess(LIST, 19)).toBe("shell");
    expect(shellProcess(as("sleep"), 19)).toBe("another");
    expect(shellProcess(LIST, 31)).toBe("another");
    expect(shellProcess(as("runas"), 19)).toBe("unknown");
    expect(shellProcess([], 19)).toBe("unknown");
  });
});
