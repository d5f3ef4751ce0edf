// The kernel's file rules and one-shot rule, real changes seen from outside, and masquerade.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainRecord } from "../../app/core/explain";
import type { Era, ExeLinkRecord } from "../../app/core/protocol";
import { attempt, cardFor, guestForFile, type ShellEvent, type TestGuest } from "./guest-vm";

let guest: TestGuest;
/** The shell's identity as the agent reported it: what the page predicts from. */
let shell: ShellEvent;
guestForFile(async (g) => {
  guest = g;
  // CAP_CHECKPOINT_RESTORE passes the MAP check in 2020; root passes everything in every era.
  shell = await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
});

async function setEra(era: number): Promise<void> {
  await guest.agent.request({ type: "era", year: era as 2012 });
}

/** The card the page would show for a record of root's shell. */
const card = (record: ExeLinkRecord) => cardFor(record, record.era as Era, shell);

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

  it("names NEWEXE to the kernel with the shell's input, output or error closed (not /dev/null)", async () => {
    await setEra(2020);
    for (const closed of ["<&-", ">&-", "2>&-"]) {
      const from = guest.events.length;
      await guest.run(`setexe --via file /usr/sbin/sshd ${closed}; true`);
      const event = await guest.waitForEvent("exe_link", () => true, from);
      expect(event.record, closed).toMatchObject({ new: "/usr/sbin/sshd", result: "0" });
    }
    await guest.run("setexe --kill >/dev/null");
  });
});

describe("the MAP struct setexe sends: the holder's own values", () => {
  it("pass the stricter checks of 3.18 to 5.1 too: start_data below end_data, start_brk above it", async () => {
    await setEra(2020);
    const { pid } = await attempt(guest, "/usr/sbin/sshd");
    // /proc/PID/stat fields 26-27 (start_code, end_code) and 45-47 (start_data, end_data, start_brk).
    const stat = (await guest.run(`cut -d' ' -f26,27,45-47 /proc/${pid}/stat`)).output.trim();
    const [startCode, endCode, startData, endData, startBrk] = stat.split(" ").map(Number);
    expect(startCode).toBeLessThan(endCode);
    // Equal (a .bss-only data segment) was EINVAL before 5.2 (a9e73998f9d7), before any exe check.
    expect(startData).toBeLessThan(endData);
    expect(startBrk).toBeGreaterThan(endData);
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
    const { records, output } = await attempt(guest, "--via file --twice /usr/sbin/sshd");
    expect(records.map((r) => r.result)).toEqual(["0", second]);
    // The second names another file, setexe's own: allowed, it shows as a change.
    expect(records.map((r) => [r.old, r.new])).toEqual([
      ["/usr/bin/setexe", "/usr/sbin/sshd"],
      ["/usr/sbin/sshd", "/usr/bin/setexe"],
    ]);
    expect(output).toContain(
      `and back to /usr/bin/setexe, from the same process: ${second === "0" ? "OK" : second}`,
    );
    expect(output).toContain(second === "0" ? "(changed, and back)" : "-> /usr/sbin/sshd (changed)");
    expect(records[1].check).toBe(second === "0" ? "allowed" : "one_shot");
    // The card does not call the one-shot refusal (or its absence) a model mismatch.
    expect(records.map((r) => card(r).agrees)).toEqual([true, true]);
  });
});

describe("file rules hold in every era, on both paths, and the card agrees with them", () => {
  /** An executable anyone may run, which each attempt below opens for writing too. */
  const written = "/tmp/exelab-open-for-write";
  const fifo = "/tmp/exelab-fifo";
  beforeAll(async () => {
    expect((await guest.run(`cp /usr/sbin/sshd ${written} && chmod 755 ${written}`)).status).toBe(0);
    expect((await guest.run(`mkfifo -m 755 ${fifo}`)).status).toBe(0);
  });
  afterAll(async () => {
    await guest.run(`setexe --kill >/dev/null; rm -f ${written} ${fifo}`);
  });

  it.each([2012, 2014, 2016, 2017, 2020])("era %i", async (era) => {
    await setEra(era);
    // Root with every capability passes the permission check: the file rules after it decide.
    const fileRules: Array<[string, string, string]> = [
      ["--keep-mapped /usr/sbin/sshd", "EBUSY", "old_exe_mapped"],
      ["/mnt/noexec/sshd", "EACCES", "noexec_mount"],
      ["/usr/share/exelab/not-executable", "EACCES", "no_exec_perm"],
      ["--bad-fd", "EBADF", "bad_fd"],
      // An O_PATH handle names a file without opening it: fdget() finds no file, as for --bad-fd.
      ["--open path /usr/sbin/sshd", "EBADF", "bad_fd"],
      // A descriptor opened write-only is itself the writer that 5.15's rule refuses.
      [`--open write ${written}`, "EACCES", "open_for_write"],
      // A directory opens read-only like any file: only S_ISREG() refuses it.
      ["/tmp", "EACCES", "not_regular"],
      // So does a FIFO, which setexe opens without waiting for a writer (it once hung, silent).
      [fifo, "EACCES", "not_regular"],
      // The shell that runs setexe holds the file open for writing on fd 3 (5.15's rule, here in every era).
      [`${written} 3>>${written}`, "EACCES", "open_for_write"],
    ];
    const cases: Array<[string, string, string]> = [
      ...fileRules.map(([target, errno, check]): [string, string, string] => [
        `--via file ${target}`,
        errno,
        check,
      ]),
      // PR_SET_MM_MAP checks permission first, and there is none to pass in 2012.
      ...fileRules.map(([target, errno, check]): [string, string, string] =>
        era === 2012
          ? [`--via map ${target}`, "EINVAL", "era_no_map"]
          : [`--via map ${target}`, errno, check],
      ),
      // Refused before any permission check, and before any file rule.
      ["--bad-args /usr/sbin/sshd", "EINVAL", "bad_args"],
      // MAP's struct is checked before its exe_fd, in every era that has MAP.
      ["--via map --bad-args /usr/sbin/sshd", "EINVAL", era === 2012 ? "era_no_map" : "map_fields"],
      // With no NEWEXE too: the kernel never looks at the file.
      ["--bad-args", "EINVAL", "bad_args"],
      ["--via map --bad-args", "EINVAL", era === 2012 ? "era_no_map" : "map_fields"],
    ];
    for (const [args, errno, check] of cases) {
      const { records, output } = await attempt(guest, args);
      expect(records, args).toHaveLength(1);
      const [r] = records;
      expect([r.op, r.result, r.check], args).toEqual([
        args.startsWith("--via map") ? "map" : "exe_file",
        errno,
        check,
      ]);
      expect(output, args).toContain(errno);
      // The page's card for it: the shell's own process, and no "Model mismatch".
      expect(card(r), args).toMatchObject({ agrees: true });
      expect(card(r).otherIdentity, args).toBeUndefined();
    }
    await guest.run("setexe --kill >/dev/null");
  });
});

describe("MAP's struct, checked before the exe_fd", () => {
  it("refuses a bad one to a caller the permission check would refuse too: EINVAL, not EPERM", async () => {
    await setEra(2020);
    const user = await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const { records, output } = await attempt(guest, "--via map --bad-args /usr/sbin/sshd");
    expect(records.map((r) => [r.result, r.check])).toEqual([["EINVAL", "map_fields"]]);
    expect(output).toContain(
      "the PR_SET_MM_MAP struct or its addresses were rejected before the exe check ran",
    );
    expect(cardFor(records[0], 2020, user)).toMatchObject({ agrees: true });
    await guest.run("setexe --kill >/dev/null");
    shell = await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
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

  it("is seen running changed code when its disguise's path is longer than the agent reads a maps line in", async () => {
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    // Nine directories of 240 characters: the disguise's line of /proc/PID/maps is some 2.2 KB.
    const { output } = await guest.run(
      "d=/tmp; for i in 1 2 3 4 5 6 7 8 9; do d=$d/$(printf '%0240d' 0); done; " +
        "mkdir -p $d && cp /usr/sbin/sshd $d/ && masquerade $d/sshd >/tmp/said; grep -o 'pid [0-9]*' /tmp/said",
    );
    const pid = Number(/pid (\d+)/.exec(output)?.[1]);
    expect(pid).toBeGreaterThan(1);
    await guest.waitForEvent("procs", (e) => e.list.some((p) => p.pid === pid && p.flag === "text"));
    await guest.run(`kill ${pid}; rm -r /tmp/said /tmp/${"0".repeat(240)}`);
  });

  it("says by default that it is not its disguise, and stays when the shell is replaced, as holders do", async () => {
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const { output } = await guest.run("masquerade /bin/busybox");
    const pid = Number(/pid (\d+)/.exec(output)?.[1]);
    await guest.waitFor("the default message", () =>
      guest.console.includes("I am not busybox.") ? true : undefined,
    );
    expect(guest.console).not.toContain("I am not sshd.");
    // Out of the shell's session: the page's Apply, which ends the old shell's, leaves it be.
    // Another identity with the same uid: its shell may read the link (a ptrace check).
    await guest.applyIdentity({ uid: 1000, caps: ["cap_sys_resource"], userns: false });
    expect((await guest.run(`readlink /proc/${pid}/exe`)).output.trim()).toBe("/bin/busybox");
    await guest.run(`kill ${pid}`);
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
  });
});

describe("masquerade's refusals", () => {
  it("names why a disguise cannot run: a noexec mount, no exec permission, not a file", async () => {
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    // ls -l shows rwx on the noexec mount: the mount is the reason, not the mode.
    const cases: Array<[string, string]> = [
      ["/mnt/noexec/sshd", "on a file system mounted noexec, where no program may run"],
      ["/usr/share/exelab/not-executable", "you have no exec permission on it"],
      ["/usr/sbin", "not a regular file"],
    ];
    for (const [disguise, why] of cases) {
      const { output, status } = await guest.run(`masquerade ${disguise}`);
      expect(status).toBe(2);
      expect(output.replace(/\s+/g, " ").trim()).toBe(`masquerade: ${disguise}: ${why}`);
    }
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
