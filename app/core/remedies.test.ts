// What would pass: for the shell's own identity the page's switches; for a process with an identity of
// its own (runas, unshare) the way from the shell as it is; and no PR_SET_MM_MAP to turn to in 2012.
import { describe, expect, it } from "vitest";
import { exeLinkRecord } from "./exe-link-record.fixture";
import { subjectFromIdentity } from "./permission-model";
import type { Identity } from "./protocol";
import { remedy, wouldPass } from "./remedies";

const refused = (era: number, op: "map" | "exe_file", userns: "initial" | "nested" = "initial") =>
  exeLinkRecord({ era, op, userns, result: "EPERM" });
const shell = (identity: Identity) => subjectFromIdentity(identity);
const rootAll = shell({ uid: 0, caps: "all", userns: false });
const user = shell({ uid: 1000, caps: [], userns: false });

describe("remedy", () => {
  it("names a file it can open: not one since removed, nor none", () => {
    const deleted = exeLinkRecord({ era: 2020, op: "map", result: "EPERM", new: "/tmp/d (deleted)" });
    expect(remedy("ns_checkpoint_restore", deleted).commands).toEqual([
      "runas --userns -- setexe /usr/sbin/sshd",
    ]);
    // Names shown with hidden characters written out, or with bytes that were not UTF-8: typed as
    // shown they would name another file.
    for (const shown of ["/tmp/a\\u{a}result=0", "/tmp/\ufffd\ufffd x"]) {
      const odd = exeLinkRecord({ era: 2020, op: "map", result: "EPERM", new: shown });
      expect(remedy("ns_checkpoint_restore", odd).commands, shown).toEqual([
        "runas --userns -- setexe /usr/sbin/sshd",
      ]);
    }
    const named = exeLinkRecord({ era: 2020, op: "map", result: "EPERM", new: "/tmp/my exe" });
    expect(remedy("ns_checkpoint_restore", named).commands).toEqual([
      "runas --userns -- setexe '/tmp/my exe'",
    ]);
  });

  it("names the panel control its words name first, for the shell's own refusal only", () => {
    const cases = [
      ["initial_cap_sys_resource", "initial", "cap_sys_resource"],
      ["initial_cap_sys_resource", "nested", "userns"], // a shell outside one
      ["ns_root_ids", "initial", "root"],
      ["ns_root_ids", "nested", "userns"],
      ["ns_cap_sys_admin", "initial", "cap_sys_admin"],
      ["ns_cap_sys_admin", "nested", "cap_sys_admin"],
      ["ns_checkpoint_restore", "initial", "cap_checkpoint_restore"],
      ["ns_checkpoint_restore", "nested", "cap_checkpoint_restore"],
    ] as const;
    for (const [test, userns, control] of cases)
      expect(remedy(test, refused(2020, "map", userns)).control, `${test} ${userns}`).toBe(control);
    // None where no switch helps (2012's MAP), nor for a process with an identity of its own.
    expect(remedy("never", refused(2012, "map")).control).toBeUndefined();
    expect(remedy("ns_cap_sys_admin", refused(2017, "map"), user).control).toBeUndefined();
  });

  it("points EXE_FILE at the other call only in eras that have it", () => {
    expect(wouldPass("initial_cap_sys_resource", refused(2012, "exe_file"))).not.toContain("PR_SET_MM_MAP");
    expect(wouldPass("initial_cap_sys_resource", refused(2012, "exe_file", "nested"))).not.toContain(
      "PR_SET_MM_MAP",
    );
    for (const from of [undefined, user])
      expect(wouldPass("initial_cap_sys_resource", refused(2014, "exe_file"), from)).toContain(
        "PR_SET_MM_MAP (setexe without --via file) asks for something else.",
      );
    expect(wouldPass("initial_cap_sys_resource", refused(2012, "exe_file"), user)).not.toContain(
      "PR_SET_MM_MAP",
    );
  });

  it("tells a process of its own identity to run from the shell itself when the shell passes", () => {
    // runas --uid 1000 -- setexe … from root's shell, 2014: the shell is uid and gid 0.
    const r = remedy("ns_root_ids", refused(2014, "map"), rootAll);
    expect(r.text).toMatch(
      /^a real uid and gid of 0 in its own user namespace \(this process had an identity of its own/,
    );
    expect(r.commands).toEqual(["setexe /usr/sbin/sshd"]);
    expect(remedy("initial_cap_sys_resource", refused(2020, "exe_file", "nested"), rootAll).commands).toEqual(
      ["setexe --via file /usr/sbin/sshd"],
    );
    // The shell holds CAP_SYS_RESOURCE, the process (runas --caps none) did not.
    const holder = shell({ uid: 1000, caps: ["cap_sys_resource"], userns: false });
    expect(remedy("initial_cap_sys_resource", refused(2020, "exe_file"), holder).text).toContain(
      "The shell the identity panel set has that: run setexe --via file /usr/sbin/sshd from it directly (exit first",
    );
  });

  it("offers a namespace of its own to a shell that is not uid 0 there, for the MAP checks", () => {
    // unshare -U setexe … from a plain uid-1000 shell: the namespace maps no id.
    for (const [test, era] of [
      ["ns_root_ids", 2014],
      ["ns_cap_sys_admin", 2017],
      ["ns_checkpoint_restore", 2020],
    ] as const) {
      const r = remedy(test, refused(era, "map", "nested"), user);
      expect(r.commands).toEqual([
        "runas --userns -- setexe /usr/sbin/sshd",
        "unshare -r setexe /usr/sbin/sshd",
      ]);
      // Why it gives nothing: in 2014 the uid there, later the capabilities (held, but lost at exec).
      expect(r.text).toContain(
        test === "ns_root_ids"
          ? "not unshare -U, which maps no id: its process is uid 65534 there)"
          : "not unshare -U, which maps no id: its process keeps no capability past exec)",
      );
      expect(r.text).not.toMatch(/Apply/);
    }
  });

  it("gives the shell's own way when the shell lacks it too: no command that would fail", () => {
    // EXE_FILE from a plain shell: no namespace gives it, runas cannot grant it.
    const exe = remedy("initial_cap_sys_resource", refused(2020, "exe_file", "nested"), user);
    expect(exe.text).toMatch(/, and the shell lacks it too: switch it on and Apply\./);
    expect(exe.commands).toEqual([]);
    // Root without capabilities, 2017: mapping uid 0 to itself needs CAP_SETFCAP, which it lacks.
    const bareRoot = shell({ uid: 0, caps: [], userns: false });
    const map = remedy("ns_cap_sys_admin", refused(2017, "map"), bareRoot);
    // The namespace keeps the panel's choice of capabilities: offered with the switch on.
    expect(map.text).toContain(
      'and the shell lacks it too: switch it on and Apply, with or without "new user namespace" ticked',
    );
    expect(map.text).not.toContain("holding every capability");
    expect(map.commands).toEqual([]);
    // The page's namespace shell without capabilities: its own switch, the box ticked already.
    const nsShell = { ...shell({ uid: 1000, caps: [], userns: true }), caps: new Set<string>() };
    expect(remedy("ns_cap_sys_admin", refused(2017, "map", "nested"), nsShell).text).toContain(
      'switch it on and Apply, "new user namespace" ticked or not.',
    );
    expect(
      remedy("initial_cap_sys_resource", refused(2020, "exe_file", "nested"), { ...nsShell }).text,
    ).toContain(
      'and the shell lacks it too, which no namespace of your own gives: Apply a shell outside one ("new user namespace" unticked)',
    );
  });

  it("quotes a file name the shell would split", () => {
    const odd = { ...refused(2014, "map"), new: "/tmp/my file's" };
    expect(remedy("ns_root_ids", odd).commands).toEqual([`runas --userns -- setexe '/tmp/my file'\\''s'`]);
    expect(remedy("ns_root_ids", odd, user).commands[1]).toBe(`unshare -r setexe '/tmp/my file'\\''s'`);
  });

  it("keeps the shell's own wording for the shell's own attempts", () => {
    expect(wouldPass("ns_cap_sys_admin", refused(2017, "map"))).toMatch(
      /^CAP_SYS_ADMIN in your own user namespace: switch it on/,
    );
    expect(remedy("ns_root_ids", refused(2014, "map")).commands).toEqual([
      "runas --userns -- setexe /usr/sbin/sshd",
    ]);
  });
});
