// Tests the plain-words explanations of the model's predictions and of its reason keys.
import { describe, expect, it } from "vitest";
import { REASON_TEXT, citeCommits, explainPrediction, explainReason } from "./explain";
import { REASON_KEYS, predict, subjectFromIdentity } from "./permission-model";

describe("reason keys and predictions", () => {
  it.each([...REASON_KEYS])("has words for %s", (key) => {
    expect(explainReason(key)).toMatch(/^[A-Z].{20,}\.$/);
  });

  it("says for each reason key what the facts say", () => {
    expect(REASON_TEXT).toEqual({
      initial_cap_sys_resource_held: "You hold CAP_SYS_RESOURCE in the initial user namespace.",
      initial_cap_sys_resource_missing:
        "You do not hold CAP_SYS_RESOURCE, and this check looks only at the initial user namespace.",
      initial_cap_sys_resource_userns:
        "Whatever capabilities you hold belong to a user namespace of your own; this check looks only at the initial namespace, where you hold none.",
      map_not_yet: "No identity can change that, root included; the option arrives with Linux 3.18.",
      ns_root_ids_held:
        "Your real uid and gid are both 0 in your own user namespace; no capability is asked for.",
      ns_root_ids_missing:
        "Your real uid or gid is not 0 in your own user namespace, and no capability can make up for that.",
      ns_cap_sys_admin_held: "You hold CAP_SYS_ADMIN in your own user namespace.",
      ns_cap_sys_admin_missing: "You do not hold CAP_SYS_ADMIN in your own user namespace.",
      ns_cap_sys_admin_missing_as_root:
        "You do not hold CAP_SYS_ADMIN in your own user namespace; being uid 0 there is not enough any more.",
      ns_checkpoint_restore_held: "You hold CAP_CHECKPOINT_RESTORE in your own user namespace.",
      ns_checkpoint_restore_via_sys_admin:
        "You hold CAP_SYS_ADMIN in your own user namespace, which still grants everything CAP_CHECKPOINT_RESTORE does.",
      ns_checkpoint_restore_missing:
        "You hold neither CAP_CHECKPOINT_RESTORE nor CAP_SYS_ADMIN in your own user namespace.",
      one_shot_used: "This process already changed its exe link once, and these rules allow only one change.",
    });
  });

  it("says being uid 0 is not enough only to a caller that is uid 0 where the 2017 check looks", () => {
    const reason = (identity: Parameters<typeof subjectFromIdentity>[0]) =>
      predict(2017, "map", subjectFromIdentity(identity)).reasonKey;
    expect(reason({ uid: 1000, caps: ["cap_checkpoint_restore"], userns: false })).toBe(
      "ns_cap_sys_admin_missing",
    );
    expect(reason({ uid: 0, caps: [], userns: false })).toBe("ns_cap_sys_admin_missing_as_root");
    expect(reason({ uid: 1000, caps: [], userns: true })).toBe("ns_cap_sys_admin_missing_as_root");
  });

  it("explains a prediction with its rule and reason", () => {
    const p = predict(2020, "map", subjectFromIdentity({ uid: 0, caps: ["cap_sys_admin"], userns: false }));
    const e = explainPrediction(p);
    expect(e.title).toMatch(/^Expected to pass/);
    expect(e.body).toMatch(/still grants everything CAP_CHECKPOINT_RESTORE does/);
    expect(e.rule?.id).toBe("2020");
    const again = explainPrediction(
      predict(2014, "map", subjectFromIdentity({ uid: 0, caps: [], userns: false }), {
        alreadyChanged: true,
      }),
    );
    expect(again.title).toMatch(/EPERM/);
    expect(again.rule?.id).toBe("2012");
  });

  it("expects a second change in the 2014 rules to be refused (EPERM), citing the one-shot rule's commit", () => {
    const user = subjectFromIdentity({ uid: 1000, caps: ["cap_sys_resource"], userns: false });
    const e = explainPrediction(predict(2014, "exe_file", user, { alreadyChanged: true }));
    expect(e.title).toBe("Expected: refused (EPERM), PR_SET_MM_EXE_FILE in the 2014 rules");
    expect(e.body).toBe(
      "You pass the permission check, but this process already changed its exe link once, and these rules " +
        "allow only one change. Rule from bafb282df29c (Linux 3.5).",
    );
    expect(e.rule?.id).toBe("2012");
  });

  it("expects MAP in the 2012 rules to be refused to everyone (EINVAL), pointing at the entry that brings it", () => {
    const root = subjectFromIdentity({ uid: 0, caps: "all", userns: false });
    const e = explainPrediction(predict(2012, "map", root));
    expect(e.title).toBe("Expected: refused (EINVAL), PR_SET_MM_MAP in the 2012 rules");
    // The 2012 rules have no MAP rule, so no commit made this refusal: the body cites none.
    expect(e.body).toBe(
      "In the 2012 rules, PR_SET_MM_MAP does not exist yet: the kernel answers EINVAL to everyone. No identity " +
        "can change that, root included; the option arrives with Linux 3.18.",
    );
    expect(e.rule?.id).toBe("2014");
    expect(e.rule?.commits.map((c) => c.id)).toContain("f606b77f1a9e");
  });

  it("cites commits with their releases, once per release", () => {
    expect(citeCommits(["ebd6de681238", "227175b2c914", "124ea650d307"])).toBe(
      "ebd6de681238, 227175b2c914 and 124ea650d307 (Linux 5.9)",
    );
    expect(citeCommits(["b32dfe377102", "79f0713d403c"])).toBe(
      "b32dfe377102 (Linux 3.5) and 79f0713d403c (Linux 3.3 / 3.4)",
    );
  });
});
