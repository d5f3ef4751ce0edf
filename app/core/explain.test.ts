// Tests the plain-words explanations of exe_link records (predictions and reason keys: explain-prediction.test.ts).
import { describe, expect, it } from "vitest";
import { exeLinkRecord } from "./exe-link-record.fixture";
import type { ExeLinkRecord } from "./protocol";
import { explainRecord, recordIds } from "./explain";
import { CHECK_NAMES, FILE_RULE_CHECKS, type CheckName } from "./permission-model";

const record = exeLinkRecord;

// A plausible record for each check: the era and path where the kernel would write it.
const SAMPLE: Record<CheckName, Partial<ExeLinkRecord>> = {
  cap_sys_resource: { op: "exe_file", check: "cap_sys_resource", result: "EPERM" },
  era_no_map: { era: 2012, check: "era_no_map", result: "EINVAL" },
  map_fields: { check: "map_fields", result: "EINVAL" },
  bad_args: { op: "exe_file", check: "bad_args", result: "EINVAL" },
  uid_gid_root: { era: 2014, check: "uid_gid_root", result: "EINVAL" },
  ns_cap_sys_admin: { era: 2017, check: "ns_cap_sys_admin", result: "EINVAL" },
  ns_checkpoint_restore: { check: "ns_checkpoint_restore", result: "EPERM" },
  bad_fd: { check: "bad_fd", result: "EBADF" },
  not_regular: { check: "not_regular", result: "EACCES" },
  noexec_mount: { check: "noexec_mount", result: "EACCES" },
  no_exec_perm: { check: "no_exec_perm", result: "EACCES" },
  old_exe_mapped: { check: "old_exe_mapped", result: "EBUSY" },
  one_shot: { era: 2012, op: "exe_file", check: "one_shot", result: "EPERM" },
  open_for_write: { check: "open_for_write", result: "EACCES" },
  allowed: { check: "allowed", result: "0" },
};

describe("explainRecord", () => {
  it.each([...CHECK_NAMES])("explains %s, citing the rule's commit and history entry", (check) => {
    const e = explainRecord(record(SAMPLE[check]));
    expect(e.title).not.toMatch(/unknown/i);
    expect(e.body).toMatch(/^(Refused|Allowed): /);
    expect(e.body).toMatch(/[0-9a-f]{12} \(Linux [\d./ ]+\)/);
    expect(e.rule).toBeDefined();
    // The card links exactly the commits its text cites.
    expect(new Set(e.cited)).toEqual(new Set(e.body.match(/\b[0-9a-f]{12}\b/g)));
  });

  it("names the 2014 rule for the 2014 EINVAL record", () => {
    const e = explainRecord(record({ era: 2014, check: "uid_gid_root", result: "EINVAL" }));
    expect(e.rule?.id).toBe("2014");
    expect(e.title).toMatch(/EINVAL/);
    expect(e.body).toBe(
      "Refused: in the 2014 rules, PR_SET_MM_MAP may only set exe_fd if your real uid and gid are 0 inside " +
        "your user namespace. You are uid 1000 in the initial user namespace. The new file was not looked at: " +
        "the permission check comes before the file checks. Rule from f606b77f1a9e (Linux 3.18).",
    );
  });

  it("says where the caller stands", () => {
    const nested = explainRecord(
      record({
        op: "exe_file",
        check: "cap_sys_resource",
        result: "EPERM",
        uid: 0,
        euid: 0,
        userns: "nested",
      }),
    );
    expect(nested.body).toMatch(/You are in a user namespace of your own \(uid 0 outside it\)\./);
    expect(nested.rule?.id).toBe("2012");
    expect(explainRecord(record({ euid: 0 })).body).toMatch(/uid 1000 \(euid 0\)/);
  });

  // ?era=2014&uid=1000&userns=1, `setexe /bin/busybox`: the prompt says uid 0 (inside), the record
  // gives the outer uid; the card says which one it names instead of contradicting the prompt.
  it("names a nested caller's uid as seen outside, and claims nothing about the inside", () => {
    const e = explainRecord(record({ era: 2014, uid: 1000, euid: 1000, userns: "nested" }));
    expect(e.body).toContain(
      "and you qualify. You are in a user namespace of your own (uid 1000 outside it).",
    );
    // `unshare -U sh` in the page's namespaced shell: nobody inside, the same record; no uid 0 claim.
    expect(e.body).not.toMatch(/uid 0 inside/);
  });

  it("says uid 0 inside when the agent saw the caller's ids in its own namespace, and not otherwise", () => {
    const nested = { era: 2014, uid: 1000, euid: 1000, userns: "nested" as const };
    const root = explainRecord(record({ ...nested, nsUid: 0, nsGid: 0 }));
    expect(root.body).toContain("You are uid 0 inside a user namespace of your own (uid 1000 outside).");
    const nobody = explainRecord(
      record({ ...nested, nsUid: 65534, nsGid: 65534, check: "uid_gid_root", result: "EINVAL" }),
    );
    expect(nobody.body).toContain("where your uid or gid is not 0 (uid 1000 outside it)");
    // In the initial namespace the ids there are the outer ones: nothing about an inside.
    expect(explainRecord(record({ nsUid: 1000, nsGid: 1000 })).body).toContain(
      "You are uid 1000 in the initial user namespace",
    );
  });

  it("adds a word on namespaces or on uid 0 only where it fits the caller", () => {
    const noCount = /user namespace of your own do not count/;
    const resource = SAMPLE.cap_sys_resource;
    expect(explainRecord(record(resource)).body).not.toMatch(noCount);
    expect(explainRecord(record({ ...resource, userns: "nested", nsUid: 0, nsGid: 0 })).body).toMatch(
      noCount,
    );
    const notEnough = /Being uid 0 is not enough any more/;
    expect(explainRecord(record(SAMPLE.ns_cap_sys_admin)).body).not.toMatch(notEnough);
    expect(explainRecord(record({ ...SAMPLE.ns_cap_sys_admin, uid: 0, euid: 0 })).body).toMatch(notEnough);
  });

  it("does not call a caller uid 0 inside when the 2014 rule refused it for not being so", () => {
    // e.g. busybox `unshare -U` without -r: nobody inside, so the uid check fails.
    const e = explainRecord(
      record({ era: 2014, uid: 1000, euid: 1000, userns: "nested", check: "uid_gid_root", result: "EINVAL" }),
    );
    expect(e.body).toContain(
      "You are in a user namespace of your own, where your uid or gid is not 0 (uid 1000 outside it)",
    );
    expect(e.body).not.toMatch(/uid 0 inside/);
  });

  it("names the capabilities the process held, held in its own namespace when nested", () => {
    const plain = explainRecord(record({ check: "ns_checkpoint_restore", result: "EPERM", caps: [] }));
    expect(plain.body).toContain("You are uid 1000 in the initial user namespace, holding no capabilities.");
    const nested = explainRecord(
      record({
        era: 2020,
        check: "allowed",
        result: "0",
        userns: "nested",
        caps: ["cap_checkpoint_restore"],
      }),
    );
    expect(nested.body).toContain("(uid 1000 outside it), holding CAP_CHECKPOINT_RESTORE there.");
  });

  it("says a refused permission check never reached the new file (a directory, no execute bit)", () => {
    const e = explainRecord(record({ era: 2020, check: "ns_checkpoint_restore", result: "EPERM" }));
    expect(e.body).toContain(
      "The new file was not looked at: the permission check comes before the file checks.",
    );
    const file = explainRecord(record({ era: 2020, check: "no_exec_perm", result: "EACCES" }));
    expect(file.body).not.toContain("not looked at");
    expect(file.body).toContain("cannot be run even with CAP_DAC_OVERRIDE");
  });

  it("points a success at the rule that let it through, and at the new exe", () => {
    const e = explainRecord(record({ era: 2017, check: "allowed", result: "0" }));
    expect(e.rule?.id).toBe("2017");
    expect(e.body).toMatch(/CAP_SYS_ADMIN in your own user namespace, and you qualify/);
    // Said of a caller who passed: the rule permits, it does not only restrict.
    expect(e.body).toMatch(/^Allowed: in the 2017 rules, PR_SET_MM_MAP may set exe_fd if you hold/);
    expect(explainRecord(record({ era: 2017, check: "ns_cap_sys_admin", result: "EINVAL" })).body).toMatch(
      /PR_SET_MM_MAP may only set exe_fd if you hold/,
    );
    expect(e.body).toMatch(/now names \/usr\/sbin\/sshd/);
    expect(e.body).not.toMatch(/one change/);
  });

  it("says a success in the change-only-once eras was the process's one change", () => {
    for (const era of [2012, 2014]) {
      const e = explainRecord(record({ era, check: "allowed", result: "0" }));
      expect(e.body, String(era)).toMatch(
        /that was this process's one change: another would be refused \(EPERM\)/,
      );
    }
    expect(explainRecord(record({ era: 2016, check: "allowed", result: "0" })).body).not.toMatch(
      /one change/,
    );
  });

  it("sends file rules to the commit that made them", () => {
    expect(explainRecord(record({ check: "old_exe_mapped", result: "EBUSY" })).body).toMatch(/4229fb1dc684/);
    expect(explainRecord(record({ check: "open_for_write", result: "EACCES" })).rule?.id).toBe("2021");
    expect(explainRecord(record({ era: 2012, check: "era_no_map", result: "EINVAL" })).body).toMatch(
      /arrives with f606b77f1a9e \(Linux 3\.18\)/,
    );
  });

  it("says what would pass a refused permission check, and nothing for other answers", () => {
    const pass = (over: Partial<ExeLinkRecord>) => explainRecord(record(over)).wouldPass;
    expect(pass(SAMPLE.cap_sys_resource)).toMatch(
      /^CAP_SYS_RESOURCE in the initial user namespace: switch it on/,
    );
    // The MAP checks: the switches, or a namespace of one's own, with a command to run as written.
    expect(pass({ ...SAMPLE.uid_gid_root, new: "/tmp/mine" })).toMatch(
      /^a real uid and gid of 0 in your own user namespace: choose root and Apply, or tick "new user namespace" .* runas --userns -- setexe \/tmp\/mine tries that/,
    );
    expect(pass(SAMPLE.ns_cap_sys_admin)).toMatch(/^CAP_SYS_ADMIN in your own user namespace: switch it on/);
    expect(pass(SAMPLE.ns_checkpoint_restore)).toMatch(
      /^CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN .* setexe \/usr\/sbin\/sshd tries/,
    );
    // A bad descriptor names no file: the command still names one that exists.
    expect(pass({ ...SAMPLE.ns_checkpoint_restore, new: "-" })).toContain("setexe /usr/sbin/sshd tries");
    expect(pass(SAMPLE.era_no_map)).toMatch(
      /^nothing, in these rules: choose the 2014 rules or later\. PR_SET_MM_EXE_FILE \(setexe --via file\) was there already, with a check of its own: CAP_SYS_RESOURCE in the initial user namespace\.$/,
    );
    // No command where it would fail: mapping uid 0 to itself needs CAP_SETFCAP, which a refused root
    // lacks (so the command is for a uid other than 0), and inside a namespace the box is ticked already.
    const root = pass({ ...SAMPLE.ns_checkpoint_restore, uid: 0, euid: 0 });
    expect(root).toMatch(
      /^CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN .*: switch one on and Apply, with or without "new user namespace" ticked/,
    );
    expect(root).not.toContain("runas");
    const nested = pass({ ...SAMPLE.ns_cap_sys_admin, userns: "nested" });
    expect(nested).toBe(
      'CAP_SYS_ADMIN in your own user namespace: switch it on and Apply, "new user namespace" ticked or not.',
    );
    expect(pass({ ...SAMPLE.cap_sys_resource, userns: "nested" })).toMatch(
      /Apply a shell outside one \("new user namespace" unticked\)/,
    );
    for (const check of ["allowed", "one_shot", "bad_fd", "old_exe_mapped", "bad_args"] as const)
      expect(pass(SAMPLE[check]), check).toBeUndefined();
  });

  it("names the call the record is for: PR_SET_MM_EXE_FILE on that path, in the title and the body", () => {
    const e = explainRecord(record(SAMPLE.cap_sys_resource));
    expect(e.title).toBe("Refused (EPERM): PR_SET_MM_EXE_FILE permission check");
    expect(e.body).toBe(
      "Refused: in the 2020 rules, PR_SET_MM_EXE_FILE needs CAP_SYS_RESOURCE in the initial user namespace. " +
        "You are uid 1000 in the initial user namespace. The new file was not looked at: the permission " +
        "check comes before the file checks. Rule from b32dfe377102 (Linux 3.5) and 79f0713d403c (Linux 3.3 / 3.4).",
    );
    const file = (op: "map" | "exe_file") =>
      explainRecord(record({ ...SAMPLE.noexec_mount, op })).body.split(", but ")[0];
    expect(file("exe_file")).toBe("Refused: you passed the 2020 permission check for PR_SET_MM_EXE_FILE");
    expect(file("map")).toBe("Refused: you passed the 2020 permission check for PR_SET_MM_MAP");
  });

  it("says whether the permission check was reached: bad arguments before it, every file rule after it", () => {
    const args = explainRecord(record(SAMPLE.bad_args)).body;
    expect(args).toMatch(/^Refused: PR_SET_MM_EXE_FILE was rejected before any permission check, because /);
    expect(args).not.toMatch(/passed/);
    expect(explainRecord(record(SAMPLE.map_fields)).body).toMatch(
      /^Refused: PR_SET_MM_MAP was rejected before any permission check, because the struct failed/,
    );
    for (const check of FILE_RULE_CHECKS) {
      const body = explainRecord(record({ ...SAMPLE[check], era: 2017 })).body;
      expect(body, check).toMatch(/^Refused: you passed the 2017 permission check for PR_SET_MM_MAP, but /);
      expect(body, check).not.toMatch(/before any permission check|not looked at/);
    }
    expect(explainRecord(record(SAMPLE.no_exec_perm)).body).toMatch(
      /^Refused: you passed the 2020 permission check for PR_SET_MM_MAP, but you may not execute that file/,
    );
  });

  it("says a 2020 MAP refusal was EINVAL before Linux 5.9, and only there", () => {
    const e = explainRecord(record(SAMPLE.ns_checkpoint_restore));
    expect(e.title).toBe("Refused (EPERM): PR_SET_MM_MAP permission check");
    expect(e.body).toBe(
      "Refused: in the 2020 rules, PR_SET_MM_MAP may only set exe_fd if you hold CAP_CHECKPOINT_RESTORE or " +
        "CAP_SYS_ADMIN in your own user namespace. Before Linux 5.9 this refusal said EINVAL. You are uid 1000 " +
        "in the initial user namespace. The new file was not looked at: the permission check comes before the file checks. " +
        "Rule from ebd6de681238, 227175b2c914 and 124ea650d307 (Linux 5.9).",
    );
    for (const check of ["ns_cap_sys_admin", "uid_gid_root", "cap_sys_resource"] as const)
      expect(explainRecord(record(SAMPLE[check])).body, check).not.toMatch(/Before Linux 5\.9/);
  });

  it("tells uid 0 inside a namespace by its uid and gid there, both", () => {
    const nested = { userns: "nested", uid: 1000, euid: 1000 } as const;
    expect(recordIds(record({ ...nested, nsUid: 0, nsGid: 0 }))).toEqual({
      uid: 1000,
      euid: 1000,
      userns: true,
      rootInside: true,
    });
    // uid 0 with no gid mapped (an `unshare -U` whose uid_map alone was written): the 2014 rule refuses it.
    expect(recordIds(record({ ...nested, nsUid: 0, nsGid: 65534 })).rootInside).toBe(false);
    expect(recordIds(record({ ...nested, nsUid: 65534, nsGid: 0 })).rootInside).toBe(false);
    const refused = explainRecord(
      record({ ...nested, era: 2014, check: "uid_gid_root", result: "EINVAL", nsUid: 0, nsGid: 65534 }),
    );
    expect(refused.body).toContain(
      "You are in a user namespace of your own, where your uid or gid is not 0 (uid 1000 outside it).",
    );
  });

  it("says being uid 0 is not enough to a caller that is uid 0 in its own namespace, where the check looks", () => {
    const refused = { era: 2017, check: "ns_cap_sys_admin", result: "EINVAL", userns: "nested" } as const;
    const inside = explainRecord(record({ ...refused, uid: 1000, euid: 1000, nsUid: 0, nsGid: 0, caps: [] }));
    expect(inside.body).toContain(
      "Being uid 0 is not enough any more. You are uid 0 inside a user namespace of your own (uid 1000 " +
        "outside), holding no capabilities. The new file",
    );
    // Root outside, nobody inside (`unshare -U` from a root shell): not uid 0 where the check looks.
    const outside = explainRecord(record({ ...refused, uid: 0, euid: 0, nsUid: 65534, nsGid: 65534 }));
    expect(outside.body).not.toMatch(/Being uid 0/);
  });

  it("falls back without throwing for a check it does not know", () => {
    const e = explainRecord(record({ check: "mystery", result: "-1" }));
    expect(e.title).toMatch(/unknown check "mystery"/);
    expect(e.title).toMatch(/EPERM/);
    expect(e.rule).toBeUndefined();
  });
});
