// What a learner reaches for and the guest lacks (man, prctl, sudo), and help: each says where to go instead.
import { describe, expect, it } from "vitest";
import { guestForFile, type TestGuest } from "./guest-vm";

let guest: TestGuest;
guestForFile((g) => (guest = g));

const flat = (text: string) => text.replace(/\s+/g, " ").trim();

describe("a learner's first guesses", () => {
  it("man, prctl and sudo say where to go instead, broken at words to the terminal's width", async () => {
    const cases: Array<[string, number, RegExp]> = [
      [
        "man prctl",
        1,
        /^man: no manual pages here\. prctl\(2\) is the system call that setexe makes for you/,
      ],
      [
        "prctl",
        127,
        /^prctl: a system call, not a command here: setexe makes it for you \(setexe --help\)\.$/,
      ],
      [
        "sudo setexe /usr/sbin/sshd",
        1,
        /^sudo: not in this guest\. The page's identity panel gives this shell/,
      ],
    ];
    for (const [command, status, said] of cases) {
      // A phone's terminal, a desktop's, and the harness's 400 columns, where each is one line.
      for (const cols of [36, 90, 400]) {
        const run = await guest.run(`stty cols ${cols}; ${command} 2>&1; s=$?; stty cols 400; (exit $s)`);
        expect(run.status, command).toBe(status);
        expect(flat(run.output), command).toMatch(said);
        const rows = run.output.trimEnd().split("\n");
        for (const line of rows) expect(line.length, line).toBeLessThanOrEqual(cols);
        if (cols === 400) expect(rows, command).toHaveLength(1);
        else expect(rows.at(-2)?.length ?? cols, `${command}: filled to ${cols}`).toBeGreaterThan(cols - 16);
      }
    }
  });

  it("help lists the shell's own commands, then the lab's tools", async () => {
    const { output, status } = await guest.run("help");
    expect(status).toBe(0);
    expect(output).toMatch(/Built-in commands:/);
    expect(flat(output)).toMatch(/exelab's tools: setexe, caps, runas, masquerade \(each with --help\)\.$/);
  });

  it("setexe's why-line for CAP_SYS_RESOURCE is a rule, and names a namespace of one's own only to one in it", async () => {
    const rule =
      "why: rule from 2012: PR_SET_MM_EXE_FILE needs CAP_SYS_RESOURCE in the initial user namespace";
    const nested =
      "(you are in a user namespace of your own: a capability held there does not count for this)";
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    const outside = flat((await guest.run("setexe --via file /usr/sbin/sshd | cat")).output);
    expect(outside).toContain(rule);
    expect(outside).not.toContain("namespace of your own");
    await guest.applyIdentity({ uid: 1000, caps: "all", userns: true });
    const inside = flat((await guest.run("setexe --via file /usr/sbin/sshd | cat")).output);
    expect(inside).toContain(`${rule} ${nested}`);
    await guest.run("setexe --kill >/dev/null");
  });

  it("unshare -r as root without cap_setfcap says why it fails; with it, or as uid 1000, it works", async () => {
    await guest.applyIdentity({ uid: 0, caps: [], userns: false });
    const refused = await guest.run("unshare -r true 2>&1");
    expect(refused.status).not.toBe(0);
    expect(flat(refused.output)).toContain(
      "unshare: mapping uid 0 itself needs cap_setfcap (Linux 5.12), which this root lacks",
    );
    // Any other failure of unshare is its own: said by busybox alone.
    expect(flat((await guest.run("unshare --no-such-option 2>&1")).output)).not.toContain("cap_setfcap");
    // Nor for an -r that is the command's own option.
    expect(flat((await guest.run("unshare -m ls -r /no/such 2>&1")).output)).not.toContain("cap_setfcap");
    await guest.applyIdentity({ uid: 0, caps: "all", userns: false });
    expect((await guest.run("unshare -r id -u 2>&1")).output.trim()).toBe("0");
    await guest.applyIdentity({ uid: 1000, caps: [], userns: false });
    expect((await guest.run("unshare -r id -u 2>&1")).output.trim()).toBe("0");
  });
});
