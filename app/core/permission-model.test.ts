// Tests the permission model against hand-written expectations from the history doc and the 6.1 measurements.
import { describe, expect, it } from "vitest";
import { ERAS, type Era, type ExeLinkRecord } from "./protocol";
import {
  ERA_RULES,
  IDENTITY_MATRIX,
  PERMISSION_CHECKS,
  compareWithKernel,
  normalizeResult,
  predict,
  subjectFromIdentity,
  type Path,
  type Prediction,
} from "./permission-model";

// Written out by hand from docs/facts/exe-link-history.md, not derived from the model, so the
// model can fail it. "ok" = the permission check passes; otherwise ERRNO:check.
type Cell = "ok" | "EPERM:cap_sys_resource" | "EINVAL:era_no_map" | "EINVAL:uid_gid_root";
type Cell2 = Cell | "EINVAL:ns_cap_sys_admin" | "EPERM:ns_checkpoint_restore";
const X = "EPERM:cap_sys_resource"; // EXE_FILE: CAP_SYS_RESOURCE in the initial ns, every era
const N = "EINVAL:era_no_map";
const U = "EINVAL:uid_gid_root";
const A = "EINVAL:ns_cap_sys_admin";
const C = "EPERM:ns_checkpoint_restore";

// Columns: exe_file (same in every era), then map in 2012, 2014, 2016, 2017, 2020.
const EXPECTED: Record<string, [Cell, Cell2, Cell2, Cell2, Cell2, Cell2]> = {
  "root-all": ["ok", N, "ok", "ok", "ok", "ok"],
  "root-sys-admin": [X, N, "ok", "ok", "ok", "ok"],
  "root-sys-resource": ["ok", N, "ok", "ok", A, C],
  "root-checkpoint-restore": [X, N, "ok", "ok", A, "ok"],
  "root-none": [X, N, "ok", "ok", A, C],
  "user-none": [X, N, U, U, A, C],
  "user-sys-admin": [X, N, U, U, "ok", "ok"],
  "user-sys-resource": ["ok", N, U, U, A, C],
  "user-checkpoint-restore": [X, N, U, U, A, "ok"],
  "user-userns": [X, N, "ok", "ok", "ok", "ok"],
  "root-userns": [X, N, "ok", "ok", "ok", "ok"],
};

const cell = (p: Prediction): string => (p.errno === "0" ? "ok" : `${p.errno}:${p.check}`);
const byKey = (key: string) => {
  const named = IDENTITY_MATRIX.find((n) => n.key === key);
  if (!named) throw new Error(`no identity ${key}`);
  return subjectFromIdentity(named.identity);
};

describe("IDENTITY_MATRIX", () => {
  it("has the eleven identities of the expectation table, with unique keys and labels", () => {
    expect(IDENTITY_MATRIX.map((n) => n.key).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(new Set(IDENTITY_MATRIX.map((n) => n.label)).size).toBe(IDENTITY_MATRIX.length);
  });
});

describe("predict: every era × path × identity", () => {
  const cases: [string, Era, Path, string][] = [];
  for (const [key, row] of Object.entries(EXPECTED)) {
    ERAS.forEach((era, i) => {
      cases.push([key, era, "exe_file", row[0]]);
      cases.push([key, era, "map", row[i + 1]]);
    });
  }
  it.each(cases)("%s, %i, %s → %s", (key, era, path, want) => {
    const p = predict(era, path, byKey(key));
    expect(cell(p)).toBe(want);
    expect(p.era).toBe(era);
    expect(p.path).toBe(path);
    if (p.errno !== "0") expect(PERMISSION_CHECKS).toContain(p.check);
    else expect(p.check).toBe("allowed");
  });
});

describe("predict: rule provenance", () => {
  const root = byKey("root-all");
  it.each([
    [2012, "exe_file", 2012, "b32dfe377102"],
    [2020, "exe_file", 2012, "b32dfe377102"],
    [2014, "map", 2014, "f606b77f1a9e"],
    [2016, "map", 2014, "f606b77f1a9e"],
    [2017, "map", 2017, "4d28df6152aa"],
    [2020, "map", 2020, "227175b2c914"],
  ] as const)("%i %s: rule since %i, commit %s", (era, path, since, commit) => {
    const p = predict(era, path, root);
    expect(p.ruleSince).toBe(since);
    expect(p.commits).toContain(commit);
  });

  it("explains the deciding detail with a reason key", () => {
    expect(predict(2020, "exe_file", byKey("root-userns")).reasonKey).toBe("initial_cap_sys_resource_userns");
    expect(predict(2020, "exe_file", byKey("user-none")).reasonKey).toBe("initial_cap_sys_resource_missing");
    expect(predict(2014, "map", byKey("root-none")).reasonKey).toBe("ns_root_ids_held");
    expect(predict(2014, "map", byKey("user-sys-admin")).reasonKey).toBe("ns_root_ids_missing");
    expect(predict(2020, "map", byKey("root-sys-admin")).reasonKey).toBe(
      "ns_checkpoint_restore_via_sys_admin",
    );
    expect(predict(2020, "map", byKey("user-checkpoint-restore")).reasonKey).toBe(
      "ns_checkpoint_restore_held",
    );
    expect(predict(2012, "map", byKey("root-all")).reasonKey).toBe("map_not_yet");
  });

  it("2014 MAP ignores capabilities: uid 1000 with every capability but no userns is refused", () => {
    const s = subjectFromIdentity({ uid: 1000, caps: "all", userns: false });
    expect(cell(predict(2014, "map", s))).toBe(U);
  });
});

describe("predict: the one-shot limit", () => {
  const root = byKey("root-all");
  const again = { alreadyChanged: true };
  it("refuses a second change with EPERM in 2012 (EXE_FILE) and 2014 (both paths)", () => {
    for (const [era, path] of [
      [2012, "exe_file"],
      [2014, "exe_file"],
      [2014, "map"],
    ] as const) {
      const p = predict(era, path, root, again);
      expect([p.errno, p.check, p.reasonKey, p.ruleSince]).toEqual([
        "EPERM",
        "one_shot",
        "one_shot_used",
        2012,
      ]);
    }
  });
  it("allows a second change from 2016 on", () => {
    for (const era of [2016, 2017, 2020] as const) {
      for (const path of ["exe_file", "map"] as const)
        expect(predict(era, path, root, again).check).toBe("allowed");
    }
  });
  it("lets a failing permission check win over the one-shot limit", () => {
    expect(cell(predict(2012, "map", root, again))).toBe(N);
    expect(cell(predict(2014, "map", byKey("user-none"), again))).toBe(U);
    expect(cell(predict(2012, "exe_file", byKey("user-none"), again))).toBe(X);
  });
  it("is data: only 2012 and 2014 carry a one-shot rule", () => {
    expect(ERAS.filter((era) => ERA_RULES[era].oneShot !== null)).toEqual([2012, 2014]);
  });
});

// docs/facts/v86-guest-notes.md, measured on 6.1 (= the 2020 rules) without the unmapping trick,
// so a passed permission check shows up as EBUSY (old exe still mapped).
const MEASURED_61: [string, string, string][] = [
  ["root-all", "EBUSY", "EBUSY"],
  ["user-none", "EPERM", "EPERM"],
  ["root-userns", "EPERM", "EBUSY"],
  ["root-sys-resource", "EBUSY", "EPERM"],
  ["root-checkpoint-restore", "EPERM", "EBUSY"],
  ["root-sys-admin", "EPERM", "EBUSY"],
  ["root-none", "EPERM", "EPERM"],
];

const record = (era: number, op: Path, check: string, result: string): ExeLinkRecord => ({
  pid: 42,
  comm: "setexe",
  op,
  era,
  uid: 0,
  euid: 0,
  userns: "initial",
  check,
  result,
  old: "/bin/setexe",
  new: "/bin/true",
});

describe("predict: the measured 6.1 table", () => {
  it.each(MEASURED_61)("%s: EXE_FILE %s, MAP %s", (key, exeFile, map) => {
    for (const [path, measured] of [
      ["exe_file", exeFile],
      ["map", map],
    ] as const) {
      const p = predict(2020, path, byKey(key));
      expect(p.errno === "0" ? "EBUSY" : p.errno).toBe(measured);
      const check =
        measured === "EBUSY"
          ? "old_exe_mapped"
          : path === "map"
            ? "ns_checkpoint_restore"
            : "cap_sys_resource";
      expect(compareWithKernel(p, record(2020, path, check, measured)).agrees).toBe(true);
    }
  });
});

describe("compareWithKernel", () => {
  const root = byKey("root-all");
  const user = byKey("user-none");
  it("agrees on the same check and errno, and says so", () => {
    const r = compareWithKernel(predict(2014, "map", user), record(2014, "map", "uid_gid_root", "EINVAL"));
    expect(r.agrees).toBe(true);
    expect(r.note).toMatch(/uid_gid_root/);
  });
  it("disagrees when the errno differs", () => {
    expect(
      compareWithKernel(predict(2014, "map", user), record(2014, "map", "uid_gid_root", "EPERM")).agrees,
    ).toBe(false);
  });
  it("treats a file rule as a passed permission check", () => {
    for (const check of [
      "bad_fd",
      "not_regular",
      "noexec_mount",
      "no_exec_perm",
      "old_exe_mapped",
      "open_for_write",
    ]) {
      expect(compareWithKernel(predict(2020, "map", root), record(2020, "map", check, "EACCES")).agrees).toBe(
        true,
      );
      expect(compareWithKernel(predict(2020, "map", user), record(2020, "map", check, "EACCES")).agrees).toBe(
        false,
      );
    }
    const oneShot = predict(2012, "exe_file", root, { alreadyChanged: true });
    expect(compareWithKernel(oneShot, record(2012, "exe_file", "old_exe_mapped", "EBUSY")).agrees).toBe(true);
  });
  it("agrees on success and on a one-shot refusal, not across them", () => {
    const ok = predict(2016, "map", root);
    expect(compareWithKernel(ok, record(2016, "map", "allowed", "0")).agrees).toBe(true);
    const oneShot = predict(2014, "map", root, { alreadyChanged: true });
    expect(compareWithKernel(oneShot, record(2014, "map", "one_shot", "EPERM")).agrees).toBe(true);
    expect(compareWithKernel(oneShot, record(2014, "map", "allowed", "0")).agrees).toBe(false);
  });
  it("does not blame the model for a struct refused before the permission check", () => {
    const r = compareWithKernel(predict(2020, "map", user), record(2020, "map", "map_fields", "EINVAL"));
    expect(r.agrees).toBe(true);
    expect(r.note).toMatch(/before the permission check/);
  });
  it("does not blame the model for prctl arguments refused before the permission check", () => {
    // `setexe --bad-args`: prctl_set_mm() refuses non-zero unused arguments first, whoever asks, so
    // neither a refusing nor a passing prediction was tested.
    for (const who of [user, root]) {
      const r = compareWithKernel(
        predict(2020, "exe_file", who),
        record(2020, "exe_file", "bad_args", "EINVAL"),
      );
      expect(r).toEqual({
        agrees: true,
        note: "The kernel rejected the prctl arguments (EINVAL) before the permission check ran, so the prediction was not tested.",
      });
    }
  });
  it("flags unknown checks and records of another era or path", () => {
    expect(compareWithKernel(predict(2020, "map", root), record(2020, "map", "mystery", "0")).agrees).toBe(
      false,
    );
    expect(compareWithKernel(predict(2020, "map", root), record(2017, "map", "allowed", "0")).agrees).toBe(
      false,
    );
    expect(
      compareWithKernel(predict(2020, "map", root), record(2020, "exe_file", "allowed", "0")).agrees,
    ).toBe(false);
  });
  it("reads errno names, negative numbers and ok", () => {
    expect(["0", "ok", "-1", "-22", "EBUSY", "ebusy", "16"].map(normalizeResult)).toEqual([
      "0",
      "0",
      "EPERM",
      "EINVAL",
      "EBUSY",
      "EBUSY",
      "EBUSY",
    ]);
  });
});

describe("subjectFromIdentity", () => {
  it("puts a userns shell at uid 0 inside, with its caps there only", () => {
    const s = subjectFromIdentity({ uid: 1000, caps: "all", userns: true });
    expect([s.uid, s.gid, s.nsUid, s.nsGid, s.userns]).toEqual([1000, 1000, 0, 0, true]);
    expect(s.caps.has("cap_checkpoint_restore")).toBe(true);
    expect(s.caps.size).toBe(41);
  });
  it("keeps the initial-ns identity otherwise", () => {
    const s = subjectFromIdentity({ uid: 1000, caps: ["cap_sys_admin"], userns: false });
    expect([s.nsUid, s.nsGid, s.userns, [...s.caps]]).toEqual([1000, 1000, false, ["cap_sys_admin"]]);
  });
});
