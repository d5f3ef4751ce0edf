// What would pass: for the shell's own identity the page's switches; for a process with an identity of
// its own (runas, unshare) runas's options; and no PR_SET_MM_MAP to turn to in 2012.
import { describe, expect, it } from "vitest";
import { exeLinkRecord } from "./exe-link-record.fixture";
import { wouldPass } from "./remedies";

const refused = (era: number, op: "map" | "exe_file", userns: "initial" | "nested" = "initial") =>
  exeLinkRecord({ era, op, userns, result: "EPERM" });

describe("wouldPass", () => {
  it("points EXE_FILE at the other call only in eras that have it", () => {
    expect(wouldPass("initial_cap_sys_resource", refused(2012, "exe_file"))).not.toContain("PR_SET_MM_MAP");
    expect(wouldPass("initial_cap_sys_resource", refused(2012, "exe_file", "nested"))).not.toContain(
      "PR_SET_MM_MAP",
    );
    for (const other of [false, true])
      expect(wouldPass("initial_cap_sys_resource", refused(2014, "exe_file"), other)).toContain(
        "PR_SET_MM_MAP (setexe without --via file) asks for something else.",
      );
    expect(wouldPass("initial_cap_sys_resource", refused(2012, "exe_file"), true)).not.toContain(
      "PR_SET_MM_MAP",
    );
  });

  it("tells a process with an identity of its own runas's way, never the page's switches", () => {
    const cases = [
      [
        "initial_cap_sys_resource",
        refused(2020, "exe_file"),
        /^CAP_SYS_RESOURCE in the initial user namespace/,
      ],
      [
        "initial_cap_sys_resource",
        refused(2020, "exe_file", "nested"),
        /start it without --userns or unshare, with runas --caps cap_sys_resource/,
      ],
      [
        "ns_root_ids",
        refused(2014, "map"),
        /^a real uid and gid of 0 in its own user namespace .*unshare -r/,
      ],
      ["ns_root_ids", refused(2014, "map", "nested"), /not unshare -U, which maps no id/],
      [
        "ns_cap_sys_admin",
        refused(2017, "map"),
        /^CAP_SYS_ADMIN in its own user namespace .*runas --caps cap_sys_admin,/,
      ],
      [
        "ns_checkpoint_restore",
        refused(2020, "map", "nested"),
        /^CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN .*runas --caps cap_checkpoint_restore,/,
      ],
    ] as const;
    for (const [test, record, says] of cases) {
      const text = wouldPass(test, record, true);
      expect(text, `${test} ${record.userns}`).toMatch(says);
      expect(text).toContain("an identity of its own, which the page's switches do not set");
      // Nothing about the page's switches: they set the shell, which may hold all of it already.
      expect(text).not.toMatch(/Apply|tick|switch (it|one|CAP_\w+) on|choose root/);
      // The shell's own ways stay as they were.
      expect(wouldPass(test, record)).toMatch(/Apply/);
    }
  });
});
