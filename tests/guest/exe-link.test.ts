// The kernel's file rules and one-shot rule, real changes seen from outside, and masquerade.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainRecord } from "../../app/core/explain";
import { attempt, bootTestGuest, type TestGuest } from "./guest-vm";

let guest: TestGuest;
beforeAll(async () => {
  guest = await bootTestGuest();
  // CAP_CHECKPOINT_RESTORE passes the MAP check in 2020; root passes everything in every era.
  await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
});
afterAll(async () => {
  await guest?.dispose();
});

async function setEra(era: number): Promise<void> {
  await guest.agent.request({ type: "era", year: era as 2012 });
}

describe("a successful change", () => {
  it("repoints /proc/PID/exe as another process sees it", async () => {
    await setEra(2020);
    const { pid, records } = await attempt(guest, "/usr/sbin/sshd");
    expect(records.map((r) => r.result)).toEqual(["0"]);
    // The shell is another process: it reads the holder's link through procfs.
    expect((await guest.run(`readlink /proc/${pid}/exe`)).output.trim()).toBe("/usr/sbin/sshd");
    const procs = await guest.agent.request({ type: "ps" });
    expect(decodeURIComponent(procs.list)).toContain(`${pid},`);
  });
});

describe("one-shot", () => {
  it.each([
    [2012, "EPERM"],
    [2014, "EPERM"],
    [2016, "0"],
    [2017, "0"],
    [2020, "0"],
  ] as const)("in %i a second change by the same process gives %s", async (era, second) => {
    await setEra(era);
    // 2012 has no PR_SET_MM_MAP: use the path every era has.
    const { records } = await attempt(guest, "--via file --twice /usr/sbin/sshd");
    expect(records.map((r) => r.result)).toEqual(["0", second]);
    expect(records[1].check).toBe(second === "0" ? "allowed" : "one_shot");
  });
});

describe("file rules hold in every era", () => {
  it.each([2012, 2014, 2016, 2017, 2020])("era %i", async (era) => {
    await setEra(era);
    const cases: Array<[string, string, string]> = [
      ["--via file --keep-mapped /usr/sbin/sshd", "EBUSY", "old_exe_mapped"],
      ["--via file /mnt/noexec/sshd", "EACCES", "noexec_mount"],
      ["--via file /usr/share/exelab/not-executable", "EACCES", "no_exec_perm"],
      ["--via file --bad-fd", "EBADF", "bad_fd"],
      ["--bad-args /usr/sbin/sshd", "EINVAL", "bad_args"],
    ];
    for (const [args, errno, check] of cases) {
      const { records, output } = await attempt(guest, args);
      expect(records, args).toHaveLength(1);
      expect([records[0].result, records[0].check], args).toEqual([errno, check]);
      expect(output, args).toContain(errno);
    }
    await guest.run("setexe --kill >/dev/null");
  });
});

describe("holders", () => {
  it("stay alive to be looked at, the newest eight: older ones end as new ones come", async () => {
    await guest.run("setexe --kill >/dev/null");
    const pids: number[] = [];
    let last = "";
    for (let i = 0; i < 10; i++) {
      last = (await guest.run("setexe /usr/sbin/sshd")).output;
      pids.push(Number(/holder: pid (\d+)/.exec(last)?.[1]));
    }
    // The tenth attempt ended the second holder (the first went with the ninth), and said so.
    expect(last).toMatch(new RegExp(`older holders ended \\(at most 8 are kept\\): pid ${pids[1]}\\n`));
    const listed = [...(await guest.run("setexe --list")).output.matchAll(/holder pid (\d+)/g)].map((m) =>
      Number(m[1]),
    );
    expect(listed.sort((a, b) => a - b)).toEqual(pids.slice(2).sort((a, b) => a - b));
    await guest.run("setexe --kill >/dev/null");
  });
});

describe("masquerade", () => {
  it("runs injected code while its exe link names the disguise", async () => {
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const { output } = await guest.run('masquerade /usr/sbin/sshd "exelab-injected-code-runs"');
    const pid = Number(/pid (\d+)/.exec(output)?.[1]);
    expect(pid).toBeGreaterThan(1);
    // Its commands whole, on a line of their own.
    expect(output).toContain(`\n  (ls -l /proc/${pid}/exe; kill ${pid})\n`);
    // Nothing changed the link: the tool says so, lest a learner think uid 1000 just did.
    expect(output.replace(/\s+/g, " ")).toContain(
      "the exe link was not changed: /usr/sbin/sshd really was started, and other code put in its place after.",
    );
    await guest.waitFor("the injected message", () =>
      guest.console.includes("exelab-injected-code-runs\n") ||
      guest.console.includes("exelab-injected-code-runs\r\n")
        ? true
        : undefined,
    );
    expect((await guest.run(`readlink /proc/${pid}/exe`)).output.trim()).toBe("/usr/sbin/sshd");
    // Still alive, still disguised, still running the injected code (it loops in pause()).
    expect((await guest.run(`cat /proc/${pid}/comm`)).output.trim()).toBe("sshd");
    const procs = await guest.waitForEvent("procs", (e) =>
      e.list.some((p) => p.pid === pid && p.flag === "text"),
    );
    expect(procs.list.find((p) => p.pid === pid)?.exe).toBe("/usr/sbin/sshd");
    await guest.run(`kill ${pid}`);
  });
});

describe("what a refused card says would pass", () => {
  it.each([2014, 2017, 2020])("in %i, uid 1000 passes MAP with the card's own command", async (era) => {
    await setEra(era);
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const refused = (await attempt(guest, "/usr/sbin/sshd")).records[0];
    expect(refused.result).not.toBe("0");
    const command = /runas --userns -- setexe \S+/.exec(explainRecord(refused).wouldPass ?? "")?.[0];
    expect(command).toBe("runas --userns -- setexe /usr/sbin/sshd");
    // Run as written, from the same shell: the kernel lets it through.
    const from = guest.events.length;
    const { output } = await guest.run(`${command}; setexe --kill >/dev/null`);
    expect(output).toMatch(/-> \/usr\/sbin\/sshd: OK$/m);
    const record = await guest.waitForEvent("exe_link", (e) => e.record.result === "0", from);
    expect(record.record.userns).toBe("nested");
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
  });
});
